//! Splits a message into normalised words, bounded in size whatever the input.
//!
//! ```text
//! "Свет ЖОК 3 күн, 500сом!!" -> [свет|svet] [жок|jok] [3] [күн|kun, Kyrgyz letters] [500|сом]
//! ```
//! Only the first [`MAX_CHARS`] characters are read: a 100 KB paste is routed on its opening,
//! which is where people say what they want. Combining marks (zalgo), bidi overrides and other
//! invisible format characters are dropped so that they cannot split or disguise words.

use super::skeleton::push_skeleton;

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
    /// Lower case, ё read as е, Latin ö ü inside a Cyrillic word read as ө ү.
    pub lower: String,
    /// The shared Latin spelling of [`super::skeleton`].
    pub skeleton: String,
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
    /// Latin letters that Turkish, Uzbek or Azerbaijani use and chat Kyrgyz does not.
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
    matches!(c, 'ç' | 'ş' | 'ğ' | 'ı' | 'ə' | 'ʻ' | 'ä' | 'ß' | 'é' | 'è' | 'à' | 'ñ')
}

fn is_symbol(c: char) -> bool {
    matches!(c, '\u{2190}'..='\u{2BFF}' | '\u{1F000}'..='\u{1FAFF}')
}

/// Cuts `text` into normalised words (see the module documentation).
pub fn normalize(text: &str) -> Normalized {
    let mut out = Normalized::default();
    let mut word = String::new();
    let mut capitalized = false;
    for c in text.chars().take(MAX_CHARS) {
        if is_ignorable(c) {
            continue;
        }
        if c.is_alphanumeric() {
            count(c, &mut out.scripts);
            if word.is_empty() {
                capitalized = c.is_uppercase();
            }
            for l in c.to_lowercase() {
                word.push(if l == 'ё' { 'е' } else { l });
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
            flush(&mut word, capitalized, &mut out.tokens);
        }
    }
    flush(&mut word, capitalized, &mut out.tokens);
    out
}

fn count(c: char, s: &mut ScriptCounts) {
    if c.is_ascii_digit() {
        s.digits += 1;
    } else if is_cyrillic(c) {
        s.cyrillic += 1;
        if is_foreign_cyrillic(c.to_lowercase().next().unwrap_or(c)) {
            s.foreign_cyrillic += 1;
        }
    } else if c.is_alphabetic() && (c.is_ascii() || matches!(c, '\u{00C0}'..='\u{024F}')) {
        s.latin += 1;
        if is_foreign_latin(c.to_lowercase().next().unwrap_or(c)) {
            s.foreign_latin += 1;
        }
    } else if c.is_alphabetic() {
        s.other += 1;
    } else {
        // Non-ASCII digits (Arabic-Indic, fullwidth…) carry no language either.
        s.digits += 1;
    }
}

/// Turns the collected characters into a token and clears the buffer.
fn flush(word: &mut String, capitalized: bool, tokens: &mut Vec<Token>) {
    if word.is_empty() {
        return;
    }
    let (mut cyr, mut lat, mut dig, mut oth) = (0usize, 0usize, 0usize, 0usize);
    for c in word.chars() {
        if c.is_ascii_digit() {
            dig += 1;
        } else if is_cyrillic(c) {
            cyr += 1;
        } else if c.is_ascii_alphabetic() || matches!(c, '\u{00C0}'..='\u{024F}') {
            lat += 1;
        } else {
            oth += 1;
        }
    }
    let script = match (cyr, lat, dig, oth) {
        (0, 0, d, 0) if d > 0 => Script::Digits,
        (c, l, _, 0) if c > 0 && c >= l => Script::Cyrillic,
        (0, l, _, 0) if l > 0 => Script::Latin,
        _ => Script::Other,
    };
    let mut lower = std::mem::take(word);
    if script == Script::Cyrillic && lat > 0 {
        // Some Kyrgyz keyboards type ө ү as Latin ö ü inside Cyrillic words.
        lower = lower.replace('ö', "ө").replace('ü', "ү");
    }
    let kyrgyz_letters = script == Script::Cyrillic && lower.chars().any(|c| matches!(c, 'ң' | 'ө' | 'ү' | 'ӊ' | 'ҥ'));
    let mut skeleton = String::with_capacity(lower.len());
    push_skeleton(&lower, &mut skeleton);
    tokens.push(Token { lower, skeleton, script, kyrgyz_letters, capitalized });
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
    fn foreign_letters_are_counted() {
        let n = normalize("Қазақстан және Türkçe");
        assert!(n.scripts.foreign_cyrillic >= 2);
        assert!(n.scripts.foreign_latin >= 1);
    }
}
