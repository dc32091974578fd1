//! Features for routing: word stems, character n-grams of the skeleton, numbers
//! and amounts, and a few message-level facts (language, length).
//!
//! ```text
//! "Врач 500 сом сурады?" -> stem:врач  stem:sura  gram:^vra gram:vrac ...  question-mark
//!                          amount  amount:3 (hundreds)  lang:ky  len:4
//! ```
//! Each word is stemmed by the language it leans to on its own (its language score), not by
//! the message's language, so a word always gives the same feature wherever it appears.

use crate::hash::Fnv;
use crate::labels::Lang;
use crate::lang::table::pad;
use crate::text::{Normalized, Script, stem};

/// Character n-gram sizes taken from each word's skeleton.
const GRAM_SIZES: std::ops::RangeInclusive<usize> = 4..=6;

/// Words that say "money" after a number: Kyrgyz, Russian and chat spellings.
const CURRENCY: &[&str] = &[
    "сом",
    "som",
    "сомдон",
    "сомго",
    "сомду",
    "сомун",
    "сомдук",
    "с",
    "тыс",
    "тысяч",
    "тысячи",
    "миң",
    "мин",
    "min",
    "ming",
    "миллион",
    "млн",
    "доллар",
    "долларов",
    "dollar",
    "usd",
    "k",
    "к",
];

/// Hashed, sorted, de-duplicated feature ids of a message.
pub fn extract(text: &Normalized, word_lang: &[f32], lang: Lang) -> Vec<u32> {
    let mut out = Vec::with_capacity(text.tokens.len() * 12 + 8);
    let mut content_words = 0usize;
    for (i, token) in text.tokens.iter().enumerate() {
        match token.script {
            Script::Digits => {
                number_features(&token.lower, text.tokens.get(i + 1).map(|t| t.lower.as_str()), &mut out);
            }
            Script::Cyrillic | Script::Latin => {
                content_words += 1;
                let lean = word_lang.get(i).copied().unwrap_or(0.0);
                let id = if token.script == Script::Cyrillic && lean < 0.0 {
                    Fnv::new(b'S').str("r").str(&stem::russian(&token.lower)).finish()
                } else {
                    Fnv::new(b'S').str("k").str(stem::kyrgyz(&token.skeleton)).finish()
                };
                out.push(id);
                grams(&token.skeleton, &mut out);
            }
            Script::Other => {}
        }
    }
    out.push(Fnv::new(b'L').str(lang.code()).finish());
    out.push(Fnv::new(b'T').bytes(&[length_bucket(content_words)]).finish());
    if text.tokens.iter().any(|t| t.kyrgyz_letters) {
        out.push(Fnv::new(b'Y').finish());
    }
    if text.scripts.questions > 0 {
        out.push(Fnv::new(b'?').finish());
    }
    if text.scripts.exclamations > 0 {
        out.push(Fnv::new(b'!').bytes(&[text.scripts.exclamations.min(3) as u8]).finish());
    }
    for e in &text.emoji {
        out.push(Fnv::new(b'E').str(e.encode_utf8(&mut [0; 4])).finish());
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Word count in a few buckets: a one-word message is a different animal from a paragraph.
fn length_bucket(words: usize) -> u8 {
    match words {
        0 => 0,
        1 => 1,
        2 => 2,
        3..=4 => 3,
        5..=8 => 4,
        9..=16 => 5,
        _ => 6,
    }
}

/// Character n-grams of a word's skeleton, with word boundaries.
fn grams(skeleton: &str, out: &mut Vec<u32>) {
    let mut stack = [0u8; 64];
    let mut heap = Vec::new();
    let padded = pad(skeleton.as_bytes(), &mut stack, &mut heap);
    for n in GRAM_SIZES {
        for gram in padded.windows(n) {
            out.push(Fnv::new(b'G').bytes(gram).finish());
        }
    }
}

/// A number is a feature by its size; followed by a currency word, it is an amount of money.
fn number_features(digits: &str, next: Option<&str>, out: &mut Vec<u32>) {
    let len = digits.len().min(12) as u8;
    out.push(Fnv::new(b'N').bytes(&[len]).finish());
    // Short numbers are often meaningful on their own: 103 (ambulance), 102 (police).
    if digits.len() <= 3 {
        out.push(Fnv::new(b'n').str(digits).finish());
    }
    if next.is_some_and(|w| CURRENCY.contains(&w)) {
        out.push(Fnv::new(b'A').finish());
        out.push(Fnv::new(b'A').bytes(&[len]).finish());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize;

    #[test]
    fn an_amount_is_a_feature() {
        let n = normalize("500 сом берди");
        let f = extract(&n, &[0.0, 0.0, 3.0], Lang::Ky);
        assert!(f.contains(&Fnv::new(b'A').finish()));
    }

    #[test]
    fn spellings_of_a_kyrgyz_word_share_its_stem_feature() {
        let stem_of = |s: &str| {
            let n = normalize(s);
            let f = extract(&n, &[3.0], Lang::Ky);
            f.contains(&Fnv::new(b'S').str("kmektep").finish())
        };
        assert!(stem_of("мектепке"));
        assert!(stem_of("mektepke"));
    }
}
