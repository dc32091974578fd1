//! Named rules, for the few decisions where a rule is right and a model is merely likely.
//!
//! * [`mentions_bribery`]: bribe vocabulary in Kyrgyz, Russian or chat Latin. A corruption report
//!   sent to the body it accuses is the worst routing error, so this word list tips the balance
//!   towards `corruption` whenever the model does not clearly see thanks or a question.
//! * [`has_content`]: a message without a single word (digits, emoji, punctuation) cannot be
//!   routed by anyone but a human dispatcher.

use crate::text::{Normalized, Script};

/// Skeleton prefixes that mean a bribe, extortion, embezzlement or favouritism in any spelling.
const BRIBE_PREFIXES: &[&str] = &[
    "vzyatk", "vzyatoch", "mzdoim", "otkat", "korrupts", "korupts", "vymogat", "vymogal", "pobor", "parakor",
    "kumovst", "nepotiz", "rastrat", "hishen", "vzyal", "vzyala", "magarych", "blat", "jegil",
];

/// Two-word expressions for a bribe: Kyrgyz `чай акча`, `чай пул` ("tea money").
const BRIBE_PHRASES: &[(&str, &str)] = &[("chai", "akcha"), ("chay", "akcha"), ("chai", "pul"), ("chay", "pul")];

/// Whole skeleton words (after Kyrgyz case endings) that mean a bribe in Kyrgyz: `пара`.
/// Russian `пара` (a pair) is excluded by requiring a Kyrgyz-leaning word or message.
const KY_BRIBE_STEMS: &[&str] = &["para", "paraga", "parany", "paranyn", "paradan", "paralar"];

/// Does the message use the vocabulary of bribery?
///
/// `word_lang` holds each token's Kyrgyz-versus-Russian evidence (positive = Kyrgyz).
pub fn mentions_bribery(text: &Normalized, word_lang: &[f32], message_is_russian: bool) -> bool {
    let phrase = text
        .tokens
        .windows(2)
        .any(|w| BRIBE_PHRASES.iter().any(|(a, b)| w[0].skeleton == *a && w[1].skeleton.starts_with(b)));
    phrase
        || text.tokens.iter().enumerate().any(|(i, t)| {
            if !matches!(t.script, Script::Cyrillic | Script::Latin) {
                return false;
            }
            let s = t.skeleton.as_str();
            if BRIBE_PREFIXES.iter().any(|p| s.starts_with(p)) {
                // "взял"/"взяла" alone is ordinary Russian; only with money nearby is it a bribe.
                return !(s == "vzyal" || s == "vzyala") || money_near(text, i);
            }
            let kyrgyz_word = word_lang.get(i).is_some_and(|&l| l > 0.0) || !message_is_russian;
            kyrgyz_word && (KY_BRIBE_STEMS.contains(&s) || s.starts_with("parasy"))
        })
}

/// Is a sum of money mentioned within three words of token `i`?
fn money_near(text: &Normalized, i: usize) -> bool {
    let lo = i.saturating_sub(3);
    let hi = (i + 4).min(text.tokens.len());
    text.tokens[lo..hi].iter().any(|t| {
        t.script == Script::Digits
            || matches!(t.skeleton.as_str(), "som" | "dengi" | "deneg" | "akcha" | "tysyach" | "dollar")
    })
}

/// Does the message contain at least one word of two or more letters?
pub fn has_content(text: &Normalized) -> bool {
    text.tokens.iter().any(|t| matches!(t.script, Script::Cyrillic | Script::Latin) && t.lower.chars().count() >= 2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize;

    fn bribe(text: &str, ru: bool) -> bool {
        let n = normalize(text);
        let lean = vec![if ru { -3.0 } else { 3.0 }; n.tokens.len()];
        mentions_bribery(&n, &lean, ru)
    }

    #[test]
    fn bribe_words_are_recognised_in_every_spelling() {
        assert!(bribe("инспектор потребовал взятку", true));
        assert!(bribe("мугалим пара сурады", false));
        assert!(bribe("mugalim para surady", false));
        assert!(bribe("Взятка", true));
        assert!(bribe("чай акча керек экен", false));
        assert!(bribe("жолдун акчасы жегилип кетти", false));
    }

    #[test]
    fn a_russian_pair_is_not_a_bribe() {
        assert!(!bribe("пара дней назад отключили свет", true));
        assert!(!bribe("он взял справку", true));
    }

    #[test]
    fn digits_and_emoji_have_no_content() {
        assert!(!has_content(&normalize("123 👍 !!!")));
        assert!(has_content(&normalize("свет")));
    }
}
