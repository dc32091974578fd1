//! The label codes of the routing taxonomy (`shared/taxonomy.md`): the contract between the
//! classifier, routing, statistics and the evaluation sets. Codes are stable; names live in
//! configuration.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A code that is not one of the taxonomy's labels.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {axis} code `{code}`")]
pub struct UnknownLabel {
    /// Which axis was being parsed: `lang`, `kind` or `agency`.
    pub axis: &'static str,
    /// The rejected input.
    pub code: String,
}

macro_rules! label_enum {
    (
        $(#[$meta:meta])*
        $name:ident, $axis:literal { $( $(#[$vmeta:meta])* $variant:ident => $code:literal ),+ $(,)? }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $name {
            /// Every label of this axis, in the taxonomy's order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable code, as written in the taxonomy.
            pub const fn code(self) -> &'static str {
                match self {
                    $($name::$variant => $code),+
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.code())
            }
        }

        impl FromStr for $name {
            type Err = UnknownLabel;

            fn from_str(code: &str) -> Result<Self, Self::Err> {
                match code {
                    $($code => Ok($name::$variant),)+
                    _ => Err(UnknownLabel { axis: $axis, code: code.to_owned() }),
                }
            }
        }
    };
}

label_enum! {
    /// The language of a message.
    Lang, "lang" {
        /// Kyrgyz, in Cyrillic with or without ң ө ү, or in Latin letters.
        Ky => "ky",
        /// Russian.
        Ru => "ru",
        /// Kyrgyz and Russian both carry content.
        Mixed => "mixed",
        /// Any other language, or no language at all.
        Other => "other",
    }
}

label_enum! {
    /// What the citizen wants.
    Kind, "kind" {
        /// Something went wrong and the citizen wants it fixed.
        Complaint => "complaint",
        /// A bribe, extortion, embezzlement, nepotism or a conflict of interest.
        Corruption => "corruption",
        /// An evaluation of a service received.
        Rating => "rating",
        /// A proposal or opinion about a policy or how a service should work.
        Suggestion => "suggestion",
        /// A request for information.
        Question => "question",
        /// Thanks, with nothing to fix.
        Gratitude => "gratitude",
    }
}

label_enum! {
    /// The function (and so the body) that should answer a message.
    Agency, "agency" {
        Health => "health",
        Education => "education",
        Police => "police",
        Social => "social",
        Pensions => "pensions",
        Transport => "transport",
        Energy => "energy",
        WaterAgri => "water_agri",
        Emergencies => "emergencies",
        DigitalServices => "digital_services",
        Land => "land",
        Tax => "tax",
        Environment => "environment",
        Local => "local",
        Justice => "justice",
        /// Every corruption report goes here, whichever body it implicates.
        Anticorruption => "anticorruption",
        Ombudsman => "ombudsman",
        /// Unclear, out of scope or too short: a human dispatcher routes it.
        Triage => "triage",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_parses_back_to_its_label() {
        for lang in Lang::ALL {
            assert_eq!(lang.code().parse::<Lang>(), Ok(*lang));
        }
        for kind in Kind::ALL {
            assert_eq!(kind.code().parse::<Kind>(), Ok(*kind));
        }
        for agency in Agency::ALL {
            assert_eq!(agency.code().parse::<Agency>(), Ok(*agency));
        }
    }

    #[test]
    fn the_taxonomy_has_eighteen_agencies_and_six_kinds() {
        assert_eq!(Agency::ALL.len(), 18);
        assert_eq!(Kind::ALL.len(), 6);
    }

    #[test]
    fn an_unknown_code_names_its_axis() {
        let err = "helth".parse::<Agency>().unwrap_err();
        assert_eq!(err.to_string(), "unknown agency code `helth`");
    }

    #[test]
    fn serde_uses_the_taxonomy_codes() {
        assert_eq!(serde_json::to_string(&Agency::WaterAgri).unwrap(), "\"water_agri\"");
        assert_eq!(serde_json::from_str::<Kind>("\"corruption\"").unwrap(), Kind::Corruption);
        assert!(serde_json::from_str::<Lang>("\"kz\"").is_err());
    }
}
