//! Citizens: who writes to Kairyluu, in which language, and what they chose to tell about
//! themselves for statistics (nothing, by default).

use chrono::{DateTime, Utc};

use super::codes::coded_enum;

coded_enum! {
    /// The language a citizen chose for the conversation.
    pub enum ChatLang {
        /// Kyrgyz, the state language.
        Ky => "ky",
        /// Russian, the official language.
        Ru => "ru",
    }
}

coded_enum! {
    /// Gender, volunteered for statistics only.
    pub enum Gender {
        Female => "female",
        Male => "male",
        PreferNotToSay => "prefer_not_to_say",
    }
}

coded_enum! {
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

coded_enum! {
    /// Disability, volunteered for statistics only.
    pub enum Disability {
        Yes => "yes",
        No => "no",
        PreferNotToSay => "prefer_not_to_say",
    }
}

/// The voluntary profile. Every field is optional: `None` means "not asked or skipped", which is
/// different from an explicit "prefer not to say".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Profile {
    pub gender: Option<Gender>,
    pub age_band: Option<AgeBand>,
    pub disability: Option<Disability>,
}

/// A citizen known to the bot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citizen {
    /// Internal id; tickets point here, never at the Telegram chat.
    pub id: i64,
    /// The Telegram private chat; `None` after the citizen erased their data.
    pub chat_id: Option<i64>,
    pub lang: ChatLang,
    pub profile: Profile,
    pub created_at: DateTime<Utc>,
}
