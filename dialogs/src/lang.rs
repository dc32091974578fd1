//! The two languages a citizen can talk to Kairyluu in.

use serde::{Deserialize, Serialize};

/// The language of the conversation: Kyrgyz (the state language) or Russian (the official one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UiLang {
    /// Kyrgyz.
    Ky,
    /// Russian.
    Ru,
}

impl UiLang {
    /// Both languages, Kyrgyz first (it is the state language).
    pub const ALL: [UiLang; 2] = [UiLang::Ky, UiLang::Ru];

    /// The code used in catalogs, callback data and Telegram's `language_code`.
    pub const fn code(self) -> &'static str {
        match self {
            UiLang::Ky => "ky",
            UiLang::Ru => "ru",
        }
    }

    /// Reads Telegram's `language_code` (an IETF tag such as `ru`, `ru-RU`, `ky`). Anything else is
    /// `None`: a citizen whose phone is in English is asked, not guessed at.
    pub fn from_language_code(code: &str) -> Option<UiLang> {
        let primary = code.split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase();
        match primary.as_str() {
            "ky" | "kir" => Some(UiLang::Ky),
            "ru" | "rus" => Some(UiLang::Ru),
            _ => None,
        }
    }

    /// The UI language for a message language the classifier detected, when there is one.
    pub fn from_classifier(lang: classifier::Lang) -> Option<UiLang> {
        match lang {
            classifier::Lang::Ky => Some(UiLang::Ky),
            classifier::Lang::Ru => Some(UiLang::Ru),
            classifier::Lang::Mixed | classifier::Lang::Other => None,
        }
    }

    /// The classifier's label for this language.
    pub fn to_classifier(self) -> classifier::Lang {
        match self {
            UiLang::Ky => classifier::Lang::Ky,
            UiLang::Ru => classifier::Lang::Ru,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn telegram_language_codes_map_to_ui_languages() {
        assert_eq!(UiLang::from_language_code("ky"), Some(UiLang::Ky));
        assert_eq!(UiLang::from_language_code("ru-RU"), Some(UiLang::Ru));
        assert_eq!(UiLang::from_language_code("RU"), Some(UiLang::Ru));
        assert_eq!(UiLang::from_language_code("en"), None);
        assert_eq!(UiLang::from_language_code(""), None);
    }
}
