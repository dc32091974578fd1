//! The agencies that answer appeals: the 18 functional codes of the taxonomy, named in
//! Kyrgyz, Russian and English by configuration, plus any local bodies a deployment adds.

use std::collections::BTreeMap;

use classifier::{Agency as AgencyLabel, Kind};
use serde::Deserialize;

use crate::domain::AgencyCode;
use crate::sla::{Sla, SlaOverride, SlaSettings};

/// One `[agencies.<code>]` table of the configuration.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgencySettings {
    pub name_ky: String,
    pub name_ru: String,
    pub name_en: String,
    /// The body this one belongs to; required for a local body outside the taxonomy.
    #[serde(default)]
    pub parent: Option<String>,
    /// Terms that differ from the `[sla]` defaults for this agency.
    #[serde(default)]
    pub sla: SlaOverride,
    /// Terms that differ for one kind of appeal to this agency.
    #[serde(default)]
    pub sla_kinds: BTreeMap<Kind, SlaOverride>,
}

/// An agency after validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agency {
    pub code: AgencyCode,
    pub name_ky: String,
    pub name_ru: String,
    pub name_en: String,
    pub parent: Option<AgencyCode>,
    sla: SlaOverride,
    sla_kinds: BTreeMap<Kind, SlaOverride>,
}

/// A configuration mistake in the agencies, with the configuration path it is at
/// (e.g. `agencies.helth`), so the loader can point at the line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {message}")]
pub struct AgencyConfigError {
    /// Dotted path of the offending key.
    pub path: String,
    /// What is wrong, in one sentence.
    pub message: String,
}

/// All agencies, with the SLA rules, as the rest of the program sees them.
#[derive(Debug, Clone)]
pub struct AgencyDirectory {
    agencies: BTreeMap<AgencyCode, Agency>,
    sla: SlaSettings,
}

impl AgencyDirectory {
    /// Validates the `[agencies]` and `[sla]` sections: every taxonomy code is present, every other
    /// code is a local body with a known parent, and names are not empty.
    pub fn new(settings: &BTreeMap<String, AgencySettings>, sla: SlaSettings) -> Result<Self, AgencyConfigError> {
        let mut agencies = BTreeMap::new();
        for (key, agency) in settings {
            let path = format!("agencies.{key}");
            let code: AgencyCode = key.parse().map_err(|e: crate::domain::InvalidAgencyCode| AgencyConfigError {
                path: path.clone(),
                message: e.to_string(),
            })?;
            let parent = agency
                .parent
                .as_deref()
                .map(|p| {
                    p.parse::<AgencyCode>()
                        .map_err(|e| AgencyConfigError { path: format!("{path}.parent"), message: e.to_string() })
                })
                .transpose()?;
            if code.taxonomy_label().is_none() && parent.is_none() {
                return Err(AgencyConfigError {
                    path,
                    message: format!(
                        "unknown agency code `{code}`: it is not one of the taxonomy's codes, and a local body needs a `parent`"
                    ),
                });
            }
            for (field, name) in
                [("name_ky", &agency.name_ky), ("name_ru", &agency.name_ru), ("name_en", &agency.name_en)]
            {
                if name.trim().is_empty() {
                    return Err(AgencyConfigError {
                        path: format!("{path}.{field}"),
                        message: "the name must not be empty".into(),
                    });
                }
            }
            agencies.insert(
                code.clone(),
                Agency {
                    code,
                    name_ky: agency.name_ky.clone(),
                    name_ru: agency.name_ru.clone(),
                    name_en: agency.name_en.clone(),
                    parent,
                    sla: agency.sla,
                    sla_kinds: agency.sla_kinds.clone(),
                },
            );
        }
        for agency in agencies.values() {
            if let Some(parent) = &agency.parent
                && (!agencies.contains_key(parent) || parent == &agency.code)
            {
                return Err(AgencyConfigError {
                    path: format!("agencies.{}.parent", agency.code),
                    message: format!("unknown agency code `{parent}` as parent"),
                });
            }
        }
        if let Some(missing) = AgencyLabel::ALL.iter().find(|label| !agencies.contains_key(&AgencyCode::from(**label)))
        {
            return Err(AgencyConfigError {
                path: "agencies".into(),
                message: format!("the taxonomy agency `{missing}` is missing; every taxonomy code needs a body"),
            });
        }
        Ok(Self { agencies, sla })
    }

    /// The agency with this code.
    pub fn get(&self, code: &AgencyCode) -> Option<&Agency> {
        self.agencies.get(code)
    }

    /// Every agency, ordered by code.
    pub fn iter(&self) -> impl Iterator<Item = &Agency> {
        self.agencies.values()
    }

    /// How many agencies there are.
    pub fn len(&self) -> usize {
        self.agencies.len()
    }

    /// Whether there are none (never, after validation).
    pub fn is_empty(&self) -> bool {
        self.agencies.is_empty()
    }

    /// The terms for a ticket of `kind` in `agency`: defaults, then the kind's, then the
    /// agency's, then the agency's for that kind.
    pub fn sla(&self, agency: &AgencyCode, kind: Kind) -> Sla {
        let base = self.sla.for_kind(kind);
        match self.agencies.get(agency) {
            Some(agency) => {
                let with_agency = base.overridden_by(&agency.sla);
                match agency.sla_kinds.get(&kind) {
                    Some(layer) => with_agency.overridden_by(layer),
                    None => with_agency,
                }
            }
            None => base,
        }
    }
}
