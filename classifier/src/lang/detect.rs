//! `detect_language`: Kyrgyz, Russian, both, or something else.
//!
//! ```text
//! "Бүгүн жарык жок"                    -> ky     (Kyrgyz letters and n-grams)
//! "бугун жарык жок" / "bugun jaryk jok" -> ky     (same skeleton, same n-grams)
//! "Свет опять отключили, эртең келебиз деди" -> mixed (a Russian clause and a Kyrgyz clause)
//! "Сәлеметсіз бе", "the road is broken" -> other  (foreign letters; "other" n-gram evidence)
//! ```
//! Our own table decides between Kyrgyz and Russian, because neither whatlang nor lingua knows
//! Kyrgyz, and also carries "other language" evidence learned from the corpus. whatlang is asked
//! only about Latin-script text close to that threshold, where chat Kyrgyz has to be told from
//! English; Cyrillic text never pays for it.

use serde::{Deserialize, Serialize};

use super::anchors::{KyrgyzAnchor, is_russian_anchor, kyrgyz_anchor};
use super::table::{LangTable, WordScore};
use crate::labels::Lang;
use crate::text::{Normalized, Script, Token};

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
const MIXED_WORDS: usize = 1;
/// Mean evidence per n-gram (nats) above which a message is in another language.
const OTHER_MEAN: f32 = 0.0;
/// The same for Latin script. Most "other" training text is Latin (English, Turkish, Uzbek) and
/// most Kyrgyz and Russian is Cyrillic, so any Latin text leans "other" a little; chat Kyrgyz
/// needs this margin (chosen by cross-validation on the corpus).
const OTHER_MEAN_LATIN: f32 = 0.25;
/// How far below [`OTHER_MEAN_LATIN`] whatlang is still consulted.
const WHATLANG_BAND: f32 = 0.3;
/// Latin text whose n-grams training saw less often than this is not chat Kyrgyz.
const LATIN_MIN_KNOWN: f32 = 0.6;

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
    let (mut ngrams, mut known, mut other_nats) = (0u32, 0u32, 0.0f32);
    for (i, token) in text.tokens.iter().enumerate() {
        if token.script != wanted {
            continue;
        }
        let WordScore { nats, other: o, ngrams: n, known: k } = table.score_word(token, latin);
        other_nats += o;
        words[i] = nats;
        total += nats;
        ngrams += n;
        known += k;
        if names_something(token, i) {
            continue;
        }
        // Bytes, not characters: only words of the same script are compared.
        let weight = token.lower.len() as f32;
        if nats >= WORD_LEAN {
            ky_mass += weight;
            ky_words += 1;
        } else if nats <= -WORD_LEAN {
            ru_mass += weight;
            ru_words += 1;
        }
    }
    // Naive Bayes sums grow with length; the mean per n-gram is comparable across messages.
    let other_mean = if ngrams == 0 { 0.0 } else { other_nats / ngrams as f32 };
    let threshold = if latin { OTHER_MEAN_LATIN } else { OTHER_MEAN };
    if other_mean > threshold || (latin && is_foreign_latin(text, known, ngrams, other_mean)) {
        return other(sigmoid(other_nats).max(0.5));
    }
    let leaning = ky_mass + ru_mass;
    // Anchors are looked up only when the masses already allow `mixed` (rarely): most
    // messages are in one language and never pay for the word lists.
    let mixed = leaning > 0.0
        && ky_words >= MIXED_WORDS
        && ru_words >= MIXED_WORDS
        && ky_mass / leaning >= MIXED_SHARE
        && ru_mass / leaning >= MIXED_SHARE
        && both_anchored(text, &words, wanted);
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

/// A capitalised word inside a sentence names a place, person or office: it votes for the
/// message's language but does not make the message mixed.
fn names_something(token: &Token, index: usize) -> bool {
    token.capitalized && index > 0
}

/// Does the Kyrgyz side show a certain Kyrgyz word (or two heavily inflected ones) and the
/// Russian side a Russian function word? Short Russian function words carry little n-gram
/// evidence, so they are looked up whatever their score.
fn both_anchored(text: &Normalized, words: &[f32], wanted: Script) -> bool {
    let (mut ky_certain, mut ky_inflected, mut ru_anchor) = (false, 0usize, false);
    for (i, (token, &nats)) in text.tokens.iter().zip(words).enumerate() {
        if token.script != wanted || names_something(token, i) {
            continue;
        }
        // Each word list is searched only until its side is anchored.
        if nats >= WORD_LEAN {
            if !ky_certain {
                match kyrgyz_anchor(token, nats) {
                    KyrgyzAnchor::Certain => ky_certain = true,
                    KyrgyzAnchor::Inflected => ky_inflected += 1,
                    KyrgyzAnchor::None => {}
                }
            }
        } else if !ru_anchor {
            ru_anchor = is_russian_anchor(token);
        }
        if (ky_certain || ky_inflected >= 2) && ru_anchor {
            return true;
        }
    }
    false
}

/// Is this Latin text another language rather than chat Kyrgyz or transliterated Russian,
/// although our "other" evidence stayed below its threshold?
fn is_foreign_latin(text: &Normalized, known: u32, ngrams: u32, other_mean: f32) -> bool {
    if text.scripts.foreign_latin >= 2 {
        return true;
    }
    let known_share = if ngrams == 0 { 0.0 } else { known as f32 / ngrams as f32 };
    if known_share < LATIN_MIN_KNOWN {
        return true;
    }
    // Close to the threshold, ask whatlang (only here: it costs more than our whole detection).
    // English only: whatlang calls chat Kyrgyz German or Spanish with full confidence.
    if other_mean < OTHER_MEAN_LATIN - WHATLANG_BAND {
        return false;
    }
    let sample: String = text.tokens.iter().map(|t| t.lower.as_str()).collect::<Vec<_>>().join(" ");
    whatlang::detect(&sample).is_some_and(|info| info.is_reliable() && info.lang() == whatlang::Lang::Eng)
}

fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x.clamp(-30.0, 30.0)).exp())
}
