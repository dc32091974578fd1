//! Function words that anchor a clause in one language.
//!
//! `mixed` means both languages carry content, not that a Kyrgyz sentence borrows a Russian
//! noun (министр, аэропорт) or a Russian sentence names a Kyrgyz village. Nouns move between
//! the languages freely; function words do not, so each side of a `mixed` message must show at
//! least one of its own.

use std::sync::LazyLock;

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
    // Adverbs and verbs of speech that chat code-switching drops into Kyrgyz sentences.
    "сразу",
    "короче",
    "теперь",
    "тогда",
    "опять",
    "снова",
    "ваще",
    "потом",
    "всегда",
    "никогда",
    "давно",
    "скоро",
    "быстро",
    "хорошо",
    "плохо",
    "нормально",
    "срочно",
    "прямо",
    "говорит",
    "говорят",
    "сказал",
    "сказали",
    "вопрос",
    "почему",
    "кстати",
    "типа",
    "вроде",
    "хотя",
    "конечно",
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

/// The lists sorted once, so that a look-up is a binary search rather than a scan of a hundred
/// strings for every word of every message.
static RUSSIAN_SORTED: LazyLock<Vec<&str>> = LazyLock::new(|| sorted(RUSSIAN));
static KYRGYZ_SORTED: LazyLock<Vec<&str>> = LazyLock::new(|| sorted(KYRGYZ));

fn sorted(words: &[&'static str]) -> Vec<&'static str> {
    let mut v = words.to_vec();
    v.sort_unstable();
    v.dedup();
    v
}

/// Is this word a Russian function word?
pub fn is_russian_anchor(token: &Token) -> bool {
    RUSSIAN_SORTED.binary_search(&token.lower.as_str()).is_ok()
}

/// Evidence (nats) above which a word looks heavily inflected Kyrgyz even without ң ө ү.
const STRONG_KYRGYZ: f32 = 25.0;

/// How sure we are that a word is Kyrgyz.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum KyrgyzAnchor {
    /// Nothing special.
    None,
    /// Many Kyrgyz n-grams. A Russian word can look like this (ураган, малыш), so one such word
    /// alone does not anchor a Kyrgyz clause; two do.
    Inflected,
    /// A Kyrgyz function word, or written with ң ө ү.
    Certain,
}

/// How surely this word anchors a Kyrgyz clause.
pub fn kyrgyz_anchor(token: &Token, nats: f32) -> KyrgyzAnchor {
    if token.kyrgyz_letters || KYRGYZ_SORTED.binary_search(&token.skeleton.as_str()).is_ok() {
        KyrgyzAnchor::Certain
    } else if nats >= STRONG_KYRGYZ {
        KyrgyzAnchor::Inflected
    } else {
        KyrgyzAnchor::None
    }
}
