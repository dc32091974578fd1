//! Function words that anchor a clause in one language.
//!
//! `mixed` means both languages carry content, not that a Kyrgyz sentence borrows a Russian
//! noun (министр, аэропорт) or a Russian sentence names a Kyrgyz village. Nouns move between
//! the languages freely; function words do not, so each side of a `mixed` message must show at
//! least one of its own.

use crate::text::Token;

/// Russian function words (closed classes: prepositions, conjunctions, pronouns, particles,
/// auxiliaries). Not `а`, `да`, `же`, which Kyrgyz uses too, nor greetings and thanks, which
/// carry no content.
const RUSSIAN: &[&str] = &[
    "и",
    "в",
    "во",
    "на",
    "не",
    "что",
    "чтобы",
    "по",
    "к",
    "ко",
    "у",
    "из",
    "за",
    "от",
    "до",
    "для",
    "это",
    "этот",
    "эта",
    "эти",
    "как",
    "но",
    "уже",
    "нет",
    "мы",
    "я",
    "он",
    "она",
    "они",
    "вы",
    "нам",
    "нас",
    "мне",
    "меня",
    "его",
    "ее",
    "их",
    "был",
    "была",
    "были",
    "было",
    "есть",
    "будет",
    "очень",
    "можно",
    "нужно",
    "надо",
    "когда",
    "где",
    "почему",
    "еще",
    "только",
    "тоже",
    "даже",
    "все",
    "всё",
    "или",
    "если",
    "так",
    "там",
    "тут",
    "здесь",
    "сейчас",
    "вот",
    "ли",
    "бы",
    "при",
    "без",
    "через",
    "после",
    "про",
    "под",
    "над",
    "который",
    "которая",
    "которые",
    "потому",
    "кто",
    "какой",
    "какие",
    "сколько",
    "вообще",
    "просто",
    "свой",
    "своим",
    "своих",
    "наш",
    "наши",
    "нашего",
    "мой",
    "моя",
    "мои",
    "ничего",
    "никто",
    "сам",
    "сама",
    "сами",
    "также",
    "чем",
    "куда",
    "зачем",
    // Formulas of politeness: a Russian phrase in its own right inside a Kyrgyz message.
    "спасибо",
    "большое",
    "огромное",
    "пожалуйста",
    "здравствуйте",
    "подскажите",
    "добрый",
];

/// Kyrgyz function words and very common words, in skeleton spelling (so that ң ө ү and chat
/// Latin spellings match).
const KYRGYZ: &[&str] = &[
    "bizdin", "menin", "senin", "anyn", "alardyn", "jana", "menen", "uchun", "dep", "dep", "emes", "jok", "bar", "bul",
    "ushul", "oshol", "men", "sen", "biz", "siler", "alar", "ele", "ech", "bir", "dagy", "kerek", "bolot", "boldu",
    "kandai", "kanday", "kachan", "emne", "emnege", "kaida", "kayda", "kancha", "kim", "kaisy", "kaysy", "rahmat",
    "ooba", "jakshy", "abdan", "oto", "azyr", "emi", "birok", "antkeni", "eger", "cheyin", "cheiin", "beri", "kiyin",
    "kiiin", "murun", "boyuncha", "boiuncha", "tuuraluu", "jonundo", "bizge", "maga", "sizge", "bolup", "jatat",
    "jatabyz", "keldi", "berdi", "aldy", "dedi", "deshti", "dagy", "eki", "uch", "kunu",
];

/// Is this word a Russian function word?
pub fn is_russian_anchor(token: &Token) -> bool {
    RUSSIAN.contains(&token.lower.as_str())
}

/// Evidence (nats) above which a word is Kyrgyz beyond doubt even without ң ө ү: Kyrgyz
/// inflection stacks many Kyrgyz n-grams, while the Kyrgyz-looking words of a Russian sentence
/// are short names.
const STRONG_KYRGYZ: f32 = 25.0;

/// Is this word Kyrgyz beyond doubt: a function word, written with ң ө ү, or heavily inflected?
pub fn is_kyrgyz_anchor(token: &Token, nats: f32) -> bool {
    token.kyrgyz_letters || nats >= STRONG_KYRGYZ || KYRGYZ.contains(&token.skeleton.as_str())
}
