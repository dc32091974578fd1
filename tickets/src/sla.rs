//! Service-level agreements: how long an agency has to register, first respond to and resolve
//! a ticket, and how far the resolution deadline may be extended. All of them come from
//! configuration (`config/default.toml`), never from constants, because the law changes.

use std::collections::BTreeMap;

use classifier::Kind;
use serde::Deserialize;

use crate::calendar::Span;

/// The terms that apply to one ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sla {
    /// Registration of the appeal.
    pub registration: Span,
    /// The agency's first substantive response.
    pub first_response: Span,
    /// The answer that resolves the appeal.
    pub resolution: Span,
    /// The most that the one lawful extension may add to `resolution`.
    pub extension_limit: Span,
}

/// A partial [`Sla`]: the terms it names replace the ones it is layered on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SlaOverride {
    pub registration: Option<Span>,
    pub first_response: Option<Span>,
    pub resolution: Option<Span>,
    pub extension_limit: Option<Span>,
}

impl Sla {
    /// This SLA with the terms `layer` names replaced.
    pub fn overridden_by(self, layer: &SlaOverride) -> Sla {
        Sla {
            registration: layer.registration.unwrap_or(self.registration),
            first_response: layer.first_response.unwrap_or(self.first_response),
            resolution: layer.resolution.unwrap_or(self.resolution),
            extension_limit: layer.extension_limit.unwrap_or(self.extension_limit),
        }
    }
}

/// The `[sla]` section of the configuration: defaults and per-kind overrides. Per-agency
/// overrides live with each agency.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SlaSettings {
    pub default: Sla,
    #[serde(default)]
    pub kinds: BTreeMap<Kind, SlaOverride>,
}

impl SlaSettings {
    /// The terms for `kind` before any agency override.
    pub fn for_kind(&self, kind: Kind) -> Sla {
        match self.kinds.get(&kind) {
            Some(layer) => self.default.overridden_by(layer),
            None => self.default,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::DayUnit;

    fn working(days: u32) -> Span {
        Span { days, unit: DayUnit::Working }
    }

    #[test]
    fn layers_replace_only_the_terms_they_name() {
        let base = Sla {
            registration: working(1),
            first_response: working(5),
            resolution: working(14),
            extension_limit: working(30),
        };
        let layer = SlaOverride { resolution: Some(working(10)), ..SlaOverride::default() };
        let sla = base.overridden_by(&layer);
        assert_eq!(sla.resolution, working(10));
        assert_eq!(sla.registration, working(1));
        assert_eq!(sla.extension_limit, working(30));
    }

    #[test]
    fn a_kind_without_override_gets_the_default() {
        let default = Sla {
            registration: working(1),
            first_response: working(5),
            resolution: working(14),
            extension_limit: working(30),
        };
        let mut kinds = BTreeMap::new();
        kinds.insert(Kind::Question, SlaOverride { first_response: Some(working(2)), ..Default::default() });
        let settings = SlaSettings { default, kinds };
        assert_eq!(settings.for_kind(Kind::Complaint), default);
        assert_eq!(settings.for_kind(Kind::Question).first_response, working(2));
    }
}
