//! The voluntary profile for statistics. Same codes as the ticket domain's citizen profile, so the
//! adapter maps them by code; every question can be skipped or answered "prefer not to say".

use serde::{Deserialize, Serialize};

use crate::codes::code_enum;

code_enum! {
    /// Gender, volunteered for statistics only.
    pub enum Gender {
        Female => "female",
        Male => "male",
        PreferNotToSay => "prefer_not_to_say",
    }
}

code_enum! {
    /// Age band, volunteered for statistics only.
    pub enum AgeBand {
        Under18 => "under_18",
        From18To29 => "18_29",
        From30To44 => "30_44",
        From45To59 => "45_59",
        From60 => "60_plus",
        PreferNotToSay => "prefer_not_to_say",
    }
}

code_enum! {
    /// Disability, volunteered for statistics only.
    pub enum Disability {
        Yes => "yes",
        No => "no",
        PreferNotToSay => "prefer_not_to_say",
    }
}

/// One answered profile question; skipped questions produce no field at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProfileField {
    /// The citizen's gender.
    Gender(Gender),
    /// The citizen's age band.
    AgeBand(AgeBand),
    /// Whether the citizen has a disability.
    Disability(Disability),
}

/// The profile question being asked, in the order they are asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProfileQuestion {
    /// Gender.
    Gender,
    /// Age band.
    AgeBand,
    /// Disability.
    Disability,
}

impl ProfileQuestion {
    /// The question after this one, or `None` after the last.
    pub fn next(self) -> Option<ProfileQuestion> {
        match self {
            ProfileQuestion::Gender => Some(ProfileQuestion::AgeBand),
            ProfileQuestion::AgeBand => Some(ProfileQuestion::Disability),
            ProfileQuestion::Disability => None,
        }
    }
}
