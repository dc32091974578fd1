//! `detect_language`: Kyrgyz, Russian, both, or something else.
//!
//! ```text
//! "Бүгүн жарык жок"                    -> ky     (Kyrgyz letters and n-grams)
//! "бугун жарык жок" / "bugun jaryk jok" -> ky     (same skeleton, same n-grams)
//! "Свет отключили, эртең келебиз деди"  -> mixed  (a Russian clause and a Kyrgyz clause)
//! "Сәлеметсіз бе", "the road is broken" -> other  (foreign letters; whatlang for Latin text)
//! ```
//! Our own table decides between Kyrgyz and Russian, because neither whatlang nor lingua knows
//! Kyrgyz. whatlang is asked only about Latin-script text, where chat Kyrgyz has to be told
//! from English, Turkish or Uzbek; Cyrillic text never pays for it.

use serde::{Deserialize, Serialize};

use super::anchors::{is_kyrgyz_anchor, is_russian_anchor};
use super::table::{LangTable, WordScore};
use crate::labels::Lang;
use crate::text::{Normalized, Script};

/// The language of a message and how sure we are (0 to 1).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LangGuess {
    /// The language label.
    pub lang: Lang,
    /// Confidence in `lang`, between 0 and 1.
    pub confidence: f32,
}

/// The guess plus the per-word evidence that routing reuses to pick a stemmer per word.
#[derive(Debug, Clone, PartialEq)]
pub struct LangAnalysis {
    /// The message-level guess.
    pub guess: LangGuess,
    /// One score per token of the normalised message (0 for digits and foreign words).
    pub words: Vec<f32>,
}

/// A word counts towards one side of `mixed` only with this much evidence (nats).
const WORD_LEAN: f32 = 3.0;
/// Each language must hold at least this share of the leaning letters for `mixed`.
const MIXED_SHARE: f32 = 0.15;
/// ...and at least this many leaning words.
const MIXED_WORDS: usize = 2;
/// Mean evidence per n-gram (nats) above which a message is in another language.
const OTHER_MEAN: f32 = 0.0;
/// Latin text whose n-grams training saw less often than this is not chat Kyrgyz.
const LATIN_MIN_KNOWN: f32 = 0.80;

/// Decides the language of a normalised message.
pub fn analyse(table: &LangTable, text: &Normalized) -> LangAnalysis {
    let s = text.scripts;
    let letters = s.cyrillic + s.latin + s.other;
    let mut words = vec![0.0; text.tokens.len()];
    let other = |confidence| LangAnalysis {
        guess: LangGuess { lang: Lang::Other, confidence },
        words: vec![0.0; text.tokens.len()],
    };
    if letters == 0 {
        return other(1.0);
    }
    if s.other * 2 > letters {
        return other(0.95);
    }
    if s.foreign_cyrillic >= 2 || s.foreign_cyrillic * 50 >= s.cyrillic.max(1) {
        return other(0.9);
    }
    let latin = s.latin > s.cyrillic;
    let wanted = if latin { Script::Latin } else { Script::Cyrillic };
    let (mut total, mut ky_mass, mut ru_mass) = (0.0f32, 0.0f32, 0.0f32);
    let (mut ky_words, mut ru_words) = (0usize, 0usize);
    let (mut ky_anchor, mut ru_anchor) = (false, false);
    let (mut ngrams, mut known, mut other_nats) = (0u32, 0u32, 0.0f32);
    for (i, token) in text.tokens.iter().enumerate() {
        if token.script != wanted {
            continue;
        }
        let WordScore { nats, other: o, ngrams: n, known: k } = table.score_word(token);
        other_nats += o;
        words[i] = nats;
        total += nats;
        ngrams += n;
        known += k;
        let weight = token.lower.chars().count() as f32;
        if token.capitalized && i > 0 {
            // A name (place, person, office) inside a sentence: it votes for the whole
            // message's language above, but does not make the message mixed.
            continue;
        }
        if nats >= WORD_LEAN {
            ky_mass += weight;
            ky_words += 1;
            ky_anchor |= is_kyrgyz_anchor(token, nats);
        } else {
            // Short Russian function words carry little n-gram evidence: look them up whatever
            // their score.
            ru_anchor |= is_russian_anchor(token);
            if nats <= -WORD_LEAN {
                ru_mass += weight;
                ru_words += 1;
            }
        }
    }
    if latin && is_foreign_latin(text, known, ngrams) {
        return other(0.7);
    }
    // Naive Bayes sums grow with length; the mean per n-gram is comparable across messages.
    let other_mean = if ngrams == 0 { 0.0 } else { other_nats / ngrams as f32 };
    if other_mean > OTHER_MEAN {
        return other(sigmoid(other_nats).max(0.5));
    }
    let leaning = ky_mass + ru_mass;
    let mixed = leaning > 0.0
        && ky_anchor
        && ru_anchor
        && ky_words >= MIXED_WORDS
        && ru_words >= MIXED_WORDS
        && ky_mass / leaning >= MIXED_SHARE
        && ru_mass / leaning >= MIXED_SHARE;
    let guess = if mixed {
        let balance = ky_mass.min(ru_mass) / leaning;
        LangGuess { lang: Lang::Mixed, confidence: (0.5 + balance).min(0.99) }
    } else if total.abs() < 0.5 && letters < 4 {
        LangGuess { lang: Lang::Other, confidence: 0.5 }
    } else {
        let p_ky = sigmoid(total);
        if total >= 0.0 {
            LangGuess { lang: Lang::Ky, confidence: p_ky }
        } else {
            LangGuess { lang: Lang::Ru, confidence: 1.0 - p_ky }
        }
    };
    LangAnalysis { guess, words }
}

/// Is this Latin text another language rather than chat Kyrgyz or transliterated Russian?
fn is_foreign_latin(text: &Normalized, known: u32, ngrams: u32) -> bool {
    if text.scripts.foreign_latin >= 2 {
        return true;
    }
    let known_share = if ngrams == 0 { 0.0 } else { known as f32 / ngrams as f32 };
    if known_share < LATIN_MIN_KNOWN {
        return true;
    }
    // Our n-grams cover it, but English shares many with transliterated Russian: let whatlang
    // veto only when it is sure of a language that is neither.
    let sample: String = text.tokens.iter().map(|t| t.lower.as_str()).collect::<Vec<_>>().join(" ");
    whatlang::detect(&sample).is_some_and(|info| {
        info.is_reliable()
            && matches!(
                info.lang(),
                whatlang::Lang::Eng | whatlang::Lang::Deu | whatlang::Lang::Fra | whatlang::Lang::Spa
            )
    })
}

fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x.clamp(-30.0, 30.0)).exp())
}
