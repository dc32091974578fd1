//! whatlang and lingua on the same lines, so that our language figures have a yardstick.
//!
//! Neither library knows Kyrgyz. We map Russian to `ru` and everything else to `other`
//! ("strict"), and also report a "lenient" reading that counts any non-Russian Cyrillic language
//! (Kazakh, Mongolian, Ukrainian…) as `ky`, the best they could possibly do.

use std::sync::LazyLock;

use lingua::{Language, LanguageDetector, LanguageDetectorBuilder};

use crate::labels::Lang;

/// Languages lingua is built with (the `lingua` features in `Cargo.toml`): the neighbours that
/// Kyrgyz is most often mistaken for, plus English and Turkish for chat Latin.
pub const LINGUA_LANGUAGES: &[Language] = &[
    Language::Russian,
    Language::Kazakh,
    Language::Mongolian,
    Language::Ukrainian,
    Language::English,
    Language::Turkish,
];

static LINGUA: LazyLock<LanguageDetector> =
    LazyLock::new(|| LanguageDetectorBuilder::from_languages(LINGUA_LANGUAGES).build());

/// What a baseline answered, raw and mapped to our labels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaselineAnswer {
    /// The library's own language code (`rus`, `kaz`…) or `none`.
    pub raw: String,
    /// Russian to `ru`, anything else to `other`.
    pub strict: Lang,
    /// Also non-Russian Cyrillic to `ky`.
    pub lenient: Lang,
}

/// whatlang's answer for `text`.
pub fn whatlang(text: &str) -> BaselineAnswer {
    match whatlang::detect(text) {
        Some(info) => {
            let cyrillic = info.script() == whatlang::Script::Cyrillic;
            map(info.lang().code(), info.lang() == whatlang::Lang::Rus, cyrillic)
        }
        None => map("none", false, false),
    }
}

/// lingua's answer for `text`.
pub fn lingua(text: &str) -> BaselineAnswer {
    match LINGUA.detect_language_of(text) {
        Some(lang) => {
            let cyrillic =
                matches!(lang, Language::Russian | Language::Kazakh | Language::Mongolian | Language::Ukrainian);
            map(&lang.iso_code_639_3().to_string(), lang == Language::Russian, cyrillic)
        }
        None => map("none", false, false),
    }
}

/// The one lingua detector, for benchmarks that want to time detection without its loading.
pub fn lingua_detector() -> &'static LanguageDetector {
    &LINGUA
}

fn map(raw: &str, russian: bool, cyrillic: bool) -> BaselineAnswer {
    let strict = if russian { Lang::Ru } else { Lang::Other };
    let lenient = if russian {
        Lang::Ru
    } else if cyrillic {
        Lang::Ky
    } else {
        Lang::Other
    };
    BaselineAnswer { raw: raw.to_owned(), strict, lenient }
}
