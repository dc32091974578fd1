//! Agency codes: the stable identifiers of the bodies that answer appeals.

use std::fmt;
use std::str::FromStr;

use classifier::Agency;
use serde::{Deserialize, Serialize};

/// A stable agency code: one of the taxonomy's functional codes (`health`, `anticorruption`…) or
/// a deployment's own local body (e.g. `bishkek_mayor`, configured with a parent).
///
/// Lower-case ASCII letters, digits and `_`, starting with a letter, at most 40 characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct AgencyCode(String);

/// Why a string is not an agency code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a valid agency code (lower-case letters, digits and _, starting with a letter)")]
pub struct InvalidAgencyCode(pub String);

impl AgencyCode {
    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The taxonomy label this code is, if it is one of the 18 functional codes.
    pub fn taxonomy_label(&self) -> Option<Agency> {
        self.0.parse().ok()
    }
}

impl From<Agency> for AgencyCode {
    fn from(agency: Agency) -> Self {
        Self(agency.code().to_owned())
    }
}

impl FromStr for AgencyCode {
    type Err = InvalidAgencyCode;

    fn from_str(code: &str) -> Result<Self, Self::Err> {
        let valid = (1..=40).contains(&code.len())
            && code.starts_with(|c: char| c.is_ascii_lowercase())
            && code.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if valid { Ok(Self(code.to_owned())) } else { Err(InvalidAgencyCode(code.chars().take(60).collect())) }
    }
}

impl TryFrom<String> for AgencyCode {
    type Error = InvalidAgencyCode;

    fn try_from(code: String) -> Result<Self, Self::Error> {
        code.parse()
    }
}

impl From<AgencyCode> for String {
    fn from(code: AgencyCode) -> Self {
        code.0
    }
}

impl fmt::Display for AgencyCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn taxonomy_codes_are_valid_and_map_back() {
        for agency in Agency::ALL {
            let code: AgencyCode = agency.code().parse().unwrap();
            assert_eq!(code.taxonomy_label(), Some(*agency));
        }
    }

    #[test]
    fn local_codes_are_valid_but_not_taxonomy_labels() {
        let code: AgencyCode = "bishkek_mayor".parse().unwrap();
        assert_eq!(code.taxonomy_label(), None);
    }

    #[test]
    fn malformed_codes_are_rejected() {
        for bad in ["", "Health", "1health", "health-care", "здоровье", &"a".repeat(41)] {
            assert!(bad.parse::<AgencyCode>().is_err(), "{bad}");
        }
    }
}
