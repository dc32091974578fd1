//! Stems: Russian by the Snowball algorithm, Kyrgyz by stripping agglutinative endings.
//!
//! ```text
//! ru  больницы, больницу, больнице -> больниц
//! ky  ооруканага, ооруканада, ооруканадан -> oorukana   (on the skeleton, so ң ө ү do not matter)
//! ```
//! Kyrgyz stacks endings (plural, possessive, case: `балдарыбыздын`); we peel them from the right,
//! longest first, while a stem of at least three letters remains. Over-stripping merges a few
//! unrelated words, which costs little because character n-grams carry the rest.

use std::borrow::Cow;
use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};

static RUSSIAN: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::Russian));

/// Kyrgyz endings in skeleton spelling (ө ү folded into o u), longest first within each pass.
/// Plural, possessive, case, participle, converb, abstract-noun and privative endings.
const KY_SUFFIXES: &[&str] = &[
    "ybyz", "ibiz", "ubuz", "ynyz", "iniz", "unuz", "dagy", "degi", "dogu", "tagy", "tegi", "ndan", "nden", "ndon",
    "lar", "ler", "lor", "dar", "der", "dor", "tar", "ter", "tor", "nyn", "nin", "nun", "dyn", "din", "dun", "tyn",
    "tin", "tun", "dan", "den", "don", "tan", "ten", "ton", "nda", "nde", "ndo", "gan", "gen", "gon", "kan", "ken",
    "kon", "lyk", "lik", "luk", "syz", "siz", "suz", "chu", "chy", "chi", "ysh", "ish", "ush", "ga", "ge", "go", "ka",
    "ke", "ko", "da", "de", "do", "ta", "te", "to", "ny", "ni", "nu", "dy", "di", "du", "ty", "ti", "tu", "na", "ne",
    "no", "sy", "si", "su", "ym", "im", "um", "yn", "in", "un", "yp", "ip", "up", "uu", "oo",
];

/// Shortest stem (in bytes of the ASCII skeleton) that stripping may leave.
const MIN_STEM: usize = 3;

/// At most this many endings are peeled, which bounds the work per word.
const MAX_PEELS: usize = 4;

/// Russian Snowball stem of a lower-case Cyrillic word.
pub fn russian(word: &str) -> Cow<'_, str> {
    RUSSIAN.stem(word)
}

/// Kyrgyz stem of a skeleton word: endings peeled from the right.
pub fn kyrgyz(skeleton: &str) -> &str {
    let mut stem = skeleton;
    for _ in 0..MAX_PEELS {
        let peeled = KY_SUFFIXES
            .iter()
            .find_map(|suffix| stem.strip_suffix(suffix).filter(|rest| rest.len() >= MIN_STEM && rest.is_ascii()));
        match peeled {
            Some(rest) => stem = rest,
            None => break,
        }
    }
    stem
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_case_forms_share_a_stem() {
        assert_eq!(russian("больницы"), russian("больнице"));
        assert_eq!(russian("больницу"), russian("больница"));
    }

    #[test]
    fn kyrgyz_case_forms_share_a_stem() {
        assert_eq!(kyrgyz("oorukanaga"), kyrgyz("oorukanadan"));
        assert_eq!(kyrgyz("mektepke"), kyrgyz("mektepte"));
        assert_eq!(kyrgyz("jolgo"), "jol");
    }

    #[test]
    fn short_words_are_left_alone() {
        assert_eq!(kyrgyz("suu"), "suu");
        assert_eq!(kyrgyz("jok"), "jok");
    }
}
