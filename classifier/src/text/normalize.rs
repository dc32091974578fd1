//! Splits a message into normalised words, bounded in size whatever the input.
//!
//! ```text
//! "Свет ЖОК 3 күн, 500сом!!" -> [свет|svet] [жок|jok] [3] [күн|kun, Kyrgyz letters] [500|сом]
//! ```
//! Only the first [`MAX_CHARS`] characters are read: a 100 KB paste is routed on its opening,
//! which is where people say what they want. Combining marks (zalgo), bidi overrides and other
//! invisible format characters are dropped so that they cannot split or disguise words.

use compact_str::CompactString;

use super::skeleton::SkeletonWriter;

/// How many characters of a message are read for features.
pub const MAX_CHARS: usize = 2_000;

/// The writing system of a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    /// Cyrillic letters (possibly with a stray Latin lookalike).
    Cyrillic,
    /// Latin letters only.
    Latin,
    /// Digits only.
    Digits,
    /// Letters of another script (Arabic, Han, Greek…) or a mix of digits and letters.
    Other,
}

/// One normalised word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Lower case, ё read as е, Latin ö ü inside a Cyrillic word read as ө ү. Inline up to
    /// 24 bytes: most words need no allocation at all.
    pub lower: CompactString,
    /// The shared Latin spelling of [`super::skeleton`].
    pub skeleton: CompactString,
    /// Writing system.
    pub script: Script,
    /// Contains ң, ө or ү (Kyrgyz evidence that no Russian word carries).
    pub kyrgyz_letters: bool,
    /// Written with a capital first letter: often a name (Кара-Суу, Нуралиев), which says
    /// nothing about the language of the sentence around it.
    pub capitalized: bool,
}

/// Letter counts that tell other languages apart by script alone.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScriptCounts {
    /// Cyrillic letters.
    pub cyrillic: u32,
    /// Latin letters.
    pub latin: u32,
    /// Letters of any other script.
    pub other: u32,
    /// Letters of Cyrillic alphabets other than Kyrgyz and Russian (Kazakh қ ғ ә ұ һ і,
    /// Ukrainian ї є ґ, Tajik and Uzbek ӣ ӯ ҳ ҷ ў).
    pub foreign_cyrillic: u32,
    /// Latin letters that Turkish, Azerbaijani or West European languages use and chat Kyrgyz
    /// does not.
    pub foreign_latin: u32,
    /// Digits.
    pub digits: u32,
    /// Emoji and other pictographs.
    pub symbols: u32,
    /// Question marks: a question is often only recognisable by one.
    pub questions: u32,
    /// Exclamation marks: anger and thanks both shout.
    pub exclamations: u32,
}

/// A message cut into words.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Normalized {
    /// The words, in order.
    pub tokens: Vec<Token>,
    /// Letters by script, and punctuation that carries intent.
    pub scripts: ScriptCounts,
    /// The first few distinct emoji (👍 🙏 😡 say rating, thanks, anger), in order of appearance.
    pub emoji: Vec<char>,
}

/// How many distinct emoji are kept.
const MAX_EMOJI: usize = 8;

/// Is `c` invisible decoration: a combining mark or a format/bidi control?
fn is_ignorable(c: char) -> bool {
    if c.is_ascii() {
        return false;
    }
    matches!(c,
        '\u{0300}'..='\u{036F}' | '\u{0483}'..='\u{0489}' | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE00}'..='\u{FE0F}'
        | '\u{FE20}'..='\u{FE2F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{FEFF}' | '\u{00AD}')
}

fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{04FF}' | '\u{0500}'..='\u{052F}')
}

fn is_foreign_cyrillic(c: char) -> bool {
    matches!(c, 'қ' | 'ғ' | 'ә' | 'ұ' | 'һ' | 'і' | 'ї' | 'є' | 'ґ' | 'ӣ' | 'ӯ' | 'ҳ' | 'ҷ' | 'ў')
}

fn is_foreign_latin(c: char) -> bool {
    // Not ç ş ñ ö ü: chat Kyrgyz typed on a Turkish keyboard uses them for ч ш ң ө ү.
    matches!(c, 'ğ' | 'ı' | 'ə' | 'ʻ' | 'ä' | 'ß' | 'é' | 'è' | 'à' | 'ã' | 'õ' | 'ø' | 'å')
}

fn is_symbol(c: char) -> bool {
    matches!(c, '\u{2190}'..='\u{2BFF}' | '\u{1F000}'..='\u{1FAFF}')
}

/// Cuts `text` into normalised words (see the module documentation).
pub fn normalize(text: &str) -> Normalized {
    let mut out = Normalized::default();
    // About one word per six bytes of Cyrillic: sized once instead of grown five times.
    out.tokens.reserve((text.len() / 6).min(MAX_CHARS / 2));
    // Sized once for any ordinary word, instead of grown a few times per message.
    let mut word = String::with_capacity(64);
    let mut stats = WordStats::default();
    // The skeleton is written as the word is read, rather than by decoding the word again.
    let mut skeleton = String::with_capacity(64);
    let mut skeleton_writer = SkeletonWriter::new(&skeleton);
    let mut capitalized = false;
    // A text of at most MAX_CHARS bytes has at most MAX_CHARS characters: only a longer one needs
    // to be cut (counting characters as we go would cost on every message).
    let text = if text.len() > MAX_CHARS {
        text.char_indices().nth(MAX_CHARS).map_or(text, |(i, _)| &text[..i])
    } else {
        text
    };
    for c in text.chars() {
        if let Some((lower, upper)) = fast_lower(c) {
            // Fast path for ASCII and basic Cyrillic, which is nearly all of our text: the
            // class of the character is known from the range, so it is counted inline.
            if word.is_empty() {
                capitalized = upper;
            }
            if lower.is_ascii_digit() {
                stats.digits += 1;
                out.scripts.digits += 1;
            } else if lower.is_ascii() {
                stats.latin += 1;
                out.scripts.latin += 1;
            } else {
                stats.cyrillic += 1;
                out.scripts.cyrillic += 1;
                // The only non-Kyrgyz, non-Russian letters inside the basic Cyrillic block.
                if matches!(lower, 'і' | 'ї' | 'є' | 'ў') {
                    out.scripts.foreign_cyrillic += 1;
                }
                stats.kyrgyz |= matches!(lower, 'ң' | 'ө' | 'ү');
            }
            let lower = if lower == 'ё' { 'е' } else { lower };
            word.push(lower);
            skeleton_writer.push(lower, &mut skeleton);
        } else if is_ignorable(c) {
            continue;
        } else if c.is_alphanumeric() {
            let mut lowered = c.to_lowercase();
            count(c, lowered.clone().next().unwrap_or(c), &mut out.scripts);
            if word.is_empty() {
                capitalized = c.is_uppercase();
            }
            for l in &mut lowered {
                stats.add(l);
                word.push(l);
                skeleton_writer.push(l, &mut skeleton);
            }
        } else {
            if is_symbol(c) {
                out.scripts.symbols += 1;
                if out.emoji.len() < MAX_EMOJI && !out.emoji.contains(&c) {
                    out.emoji.push(c);
                }
            }
            match c {
                '?' | '？' | '¿' => out.scripts.questions += 1,
                '!' | '！' => out.scripts.exclamations += 1,
                _ => {}
            }
            // An apostrophe inside a word is part of it in Uzbek Latin (o'z) and chat Kyrgyz.
            if matches!(c, '\'' | '’' | 'ʼ') && !word.is_empty() {
                continue;
            }
            flush(&mut word, &mut stats, &mut skeleton, &mut skeleton_writer, capitalized, &mut out.tokens);
        }
    }
    flush(&mut word, &mut stats, &mut skeleton, &mut skeleton_writer, capitalized, &mut out.tokens);
    out
}

/// Lower case of an ASCII or basic Cyrillic letter or digit (or ң ө ү), and whether it was
/// upper case; `None` for anything else (which takes the general Unicode path).
fn fast_lower(c: char) -> Option<(char, bool)> {
    match c {
        'a'..='z' | '0'..='9' | 'а'..='я' | 'ѐ'..='џ' | 'ң' | 'ө' | 'ү' => Some((c, false)),
        'A'..='Z' => Some((c.to_ascii_lowercase(), true)),
        'А'..='Я' => char::from_u32(c as u32 + 0x20).map(|l| (l, true)),
        'Ѐ'..='Џ' => char::from_u32(c as u32 + 0x50).map(|l| (l, true)),
        'Ң' | 'Ө' | 'Ү' => char::from_u32(c as u32 + 1).map(|l| (l, true)),
        _ => None,
    }
}

/// Counts a letter or digit by script; `lower` is its lower case.
fn count(c: char, lower: char, s: &mut ScriptCounts) {
    if c.is_ascii_digit() {
        s.digits += 1;
    } else if c.is_ascii_alphabetic() {
        s.latin += 1;
    } else if is_cyrillic(c) {
        s.cyrillic += 1;
        if is_foreign_cyrillic(lower) {
            s.foreign_cyrillic += 1;
        }
    } else if c.is_alphabetic() && matches!(c, '\u{00C0}'..='\u{024F}') {
        s.latin += 1;
        if is_foreign_latin(lower) {
            s.foreign_latin += 1;
        }
    } else if c.is_alphabetic() {
        s.other += 1;
    } else {
        // Non-ASCII digits (Arabic-Indic, fullwidth…) carry no language either.
        s.digits += 1;
    }
}

/// Letters of the word being read, by script, counted as they arrive so that a finished word
/// is not decoded again.
#[derive(Debug, Default)]
struct WordStats {
    cyrillic: u16,
    latin: u16,
    digits: u16,
    other: u16,
    /// ң ө ү (or a non-standard ӊ ҥ).
    kyrgyz: bool,
}

impl WordStats {
    /// Counts one lower-case character (the general path; the fast path counts inline).
    fn add(&mut self, l: char) {
        if l.is_ascii_digit() {
            self.digits += 1;
        } else if is_cyrillic(l) {
            self.cyrillic += 1;
            self.kyrgyz |= matches!(l, 'ң' | 'ө' | 'ү' | 'ӊ' | 'ҥ');
        } else if l.is_ascii_alphabetic() || matches!(l, '\u{00C0}'..='\u{024F}') {
            self.latin += 1;
        } else {
            self.other += 1;
        }
    }
}

/// Turns the collected characters into a token and clears the buffer and the counts.
fn flush(
    word: &mut String,
    stats: &mut WordStats,
    skeleton: &mut String,
    skeleton_writer: &mut SkeletonWriter,
    capitalized: bool,
    tokens: &mut Vec<Token>,
) {
    if word.is_empty() {
        return;
    }
    let st = std::mem::take(stats);
    let (cyr, lat) = (st.cyrillic, st.latin);
    let script = match (cyr, lat, st.digits, st.other) {
        (0, 0, d, 0) if d > 0 => Script::Digits,
        (c, l, _, 0) if c > 0 && c >= l => Script::Cyrillic,
        (0, l, _, 0) if l > 0 => Script::Latin,
        _ => Script::Other,
    };
    let lower = if script == Script::Cyrillic && lat > 0 {
        // Some Kyrgyz keyboards type ө ү as Latin ö ü inside Cyrillic words.
        CompactString::from(word.replace('ö', "ө").replace('ü', "ү"))
    } else {
        CompactString::from(word.as_str())
    };
    word.clear();
    let kyrgyz_letters = script == Script::Cyrillic && (st.kyrgyz || (lat > 0 && lower.contains(['ө', 'ү'])));
    // ö ü read as ө ү above have the same skeleton (o, u): the one written while reading holds.
    skeleton_writer.finish(skeleton);
    let skel = CompactString::from(skeleton.as_str());
    skeleton.clear();
    *skeleton_writer = SkeletonWriter::new(skeleton);
    tokens.push(Token { lower, skeleton: skel, script, kyrgyz_letters, capitalized });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_lowered_and_folded() {
        let n = normalize("Свет ЖОК 3 күн, Ёлка!!");
        let lower: Vec<&str> = n.tokens.iter().map(|t| t.lower.as_str()).collect();
        assert_eq!(lower, ["свет", "жок", "3", "күн", "елка"]);
        assert!(n.tokens[3].kyrgyz_letters);
        assert_eq!(n.tokens[2].script, Script::Digits);
    }

    #[test]
    fn zalgo_and_bidi_controls_do_not_split_words() {
        let n = normalize("ж\u{0336}а\u{0301}р\u{202E}ык");
        assert_eq!(n.tokens.len(), 1);
        assert_eq!(n.tokens[0].lower, "жарык");
    }

    #[test]
    fn long_input_is_read_only_up_to_the_limit() {
        let text = "сөз ".repeat(100_000);
        let n = normalize(&text);
        assert!(n.tokens.len() <= MAX_CHARS / 2);
    }

    #[test]
    fn exactly_the_first_characters_are_read() {
        let n = normalize(&"ж".repeat(MAX_CHARS + 10));
        assert_eq!(n.tokens[0].lower.chars().count(), MAX_CHARS);
        assert_eq!(n.scripts.cyrillic as usize, MAX_CHARS);
    }

    #[test]
    fn capital_kyrgyz_letters_are_lowered_and_counted() {
        let n = normalize("ҮЙ Өмүр ҢАЙ");
        let lower: Vec<&str> = n.tokens.iter().map(|t| t.lower.as_str()).collect();
        assert_eq!(lower, ["үй", "өмүр", "ңай"]);
        assert!(n.tokens.iter().all(|t| t.kyrgyz_letters && t.capitalized && t.script == Script::Cyrillic));
        assert_eq!(n.scripts.cyrillic, 9);
        assert_eq!(n.tokens[1].skeleton, "omur");
    }

    #[test]
    fn foreign_letters_are_counted() {
        let n = normalize("Қазақстан және Iğdır");
        assert!(n.scripts.foreign_cyrillic >= 2);
        assert!(n.scripts.foreign_latin >= 1);
    }
}
