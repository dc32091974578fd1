//! Words of danger to life. A message that has them gets the emergency numbers at once, before
//! anything else, in Kyrgyz or Russian, written with or without ң ө ү, or in Latin letters.
//!
//! A false alarm costs one extra message with phone numbers; a missed one may cost a life. So the
//! list leans towards matching, but avoids stems that are everyday words ("пожарная инспекция"
//! is a complaint about an inspector, not a fire).

use crate::lang::UiLang;

/// One pattern: consecutive words, each matched by its beginning (`stem*`) or exactly.
struct Pattern {
    lang: UiLang,
    words: &'static [&'static str],
}

const fn p(lang: UiLang, words: &'static [&'static str]) -> Pattern {
    Pattern { lang, words }
}

use UiLang::{Ky, Ru};

/// Patterns over normalised words (lower case, ё→е, ң→н, ө→о, ү→у, Latin ö→o, ü→u, ñ→n). A
/// trailing `*` matches any ending.
const PATTERNS: &[Pattern] = &[
    // Russian, Cyrillic.
    p(Ru, &["убива*"]),
    p(Ru, &["убьет*"]),
    p(Ru, &["убью*"]),
    p(Ru, &["убить"]),
    p(Ru, &["избива*"]),
    p(Ru, &["бьет", "меня"]),
    p(Ru, &["насилу*"]),
    p(Ru, &["насили*"]),
    p(Ru, &["изнасил*"]),
    p(Ru, &["стреля*"]),
    p(Ru, &["пожар"]),
    p(Ru, &["пожара"]),
    p(Ru, &["пожаре"]),
    p(Ru, &["горим"]),
    p(Ru, &["горит", "дом"]),
    p(Ru, &["дом", "горит"]),
    p(Ru, &["горит", "квартира"]),
    p(Ru, &["квартира", "горит"]),
    p(Ru, &["похитили", "ребенка"]),
    p(Ru, &["похитили", "дочь"]),
    p(Ru, &["похитили", "сына"]),
    p(Ru, &["похитили", "девушку"]),
    p(Ru, &["украли", "девушку"]),
    p(Ru, &["похищение", "ребенка"]),
    p(Ru, &["тонет"]),
    p(Ru, &["тонут"]),
    p(Ru, &["не", "дышит"]),
    p(Ru, &["без", "сознания"]),
    p(Ru, &["ребенок", "пропал"]),
    p(Ru, &["пропал", "ребенок"]),
    p(Ru, &["пропала", "дочь"]),
    p(Ru, &["пропал", "сын"]),
    p(Ru, &["покончить", "с", "собой"]),
    p(Ru, &["суицид*"]),
    p(Ru, &["угрожает", "жизни"]),
    p(Ru, &["угроза", "жизни"]),
    // Russian, Latin letters.
    p(Ru, &["ubivayut"]),
    p(Ru, &["pozhar"]),
    p(Ru, &["ubili"]),
    // Kyrgyz (normalised: ө→о, ү→у, ң→н), Cyrillic.
    p(Ky, &["олтур*"]),
    p(Ky, &["ортт*"]),
    p(Ky, &["орт", "чык*"]),
    p(Ky, &["орт", "болду*"]),
    p(Ky, &["орт", "кетти"]),
    p(Ky, &["уй*", "куйуп*"]),
    p(Ky, &["ала", "качып*"]),
    p(Ky, &["ала", "качышт*"]),
    p(Ky, &["ала", "качты"]),
    p(Ky, &["сабап", "жат*"]),
    p(Ky, &["сабап", "жатыша*"]),
    p(Ky, &["зордук*"]),
    p(Ky, &["зомбулук*"]),
    p(Ky, &["бала", "жогол*"]),
    p(Ky, &["баланы", "уурда*"]),
    p(Ky, &["уурдап", "кетиш*"]),
    p(Ky, &["бала", "коркунуч*"]),
    p(Ky, &["чогуп", "жат*"]),
    p(Ky, &["суу", "алып", "кет*"]),
    p(Ky, &["дем", "албай*"]),
    p(Ky, &["эсин", "жогот*"]),
    p(Ky, &["озумду", "олт*"]),
    p(Ky, &["жан", "кечт*"]),
    p(Ky, &["куткаргыла*"]),
    p(Ky, &["куткарып", "кой*"]),
    p(Ky, &["жашоого", "коркунуч*"]),
    p(Ky, &["омурго", "коркунуч*"]),
    // Kyrgyz, Latin letters (after ö→o, ü→u, ñ→n).
    p(Ky, &["oltur*"]),
    p(Ky, &["ort", "chyk*"]),
    p(Ky, &["zorduk*"]),
    p(Ky, &["zombuluk*"]),
    p(Ky, &["kutkargyla*"]),
    p(Ky, &["sabap", "jat*"]),
];

/// Whether the text speaks of danger to life, and in which language the words were (to answer in
/// it when the citizen's language is not known yet).
pub(crate) fn detect(text: &str) -> Option<UiLang> {
    let words: Vec<String> =
        text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(normalize).collect();
    PATTERNS.iter().find(|pat| matches_at_any(&words, pat.words)).map(|pat| pat.lang)
}

fn normalize(word: &str) -> String {
    word.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'ё' => 'е',
            'ң' => 'н',
            'ө' => 'о',
            'ү' => 'у',
            'ö' => 'o',
            'ü' => 'u',
            'ñ' => 'n',
            other => other,
        })
        .collect()
}

fn matches_at_any(words: &[String], pattern: &[&str]) -> bool {
    !pattern.is_empty()
        && words.windows(pattern.len()).any(|window| window.iter().zip(pattern).all(|(w, p)| word_matches(w, p)))
}

fn word_matches(word: &str, pattern: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(stem) => word.starts_with(stem),
        None => word == pattern,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn danger_to_life_is_recognised_in_both_languages_and_scripts() {
        let cases = [
            ("Помогите, муж избивает меня!", Ru),
            ("У соседей пожар, горит дом", Ru),
            ("пропал ребенок, ему 6 лет", Ru),
            ("Ребёнок пропал возле школы", Ru),
            ("Менин күйөөм мени сабап жатат", Ky),
            ("Үйүбүз күйүп жатат!", Ky),
            ("уйубуз куйуп жатат", Ky),
            ("Өрт чыкты, тез келгиле", Ky),
            ("орт чыкты", Ky),
            ("бала жоголуп кетти", Ky),
            ("Мени өлтүрөм деп коркутуп жатат", Ky),
            ("meni olturom dep jatat", Ky),
            ("ört chykty", Ky),
            ("kutkargyla!", Ky),
            ("pozhar v dome", Ru),
            ("Кызымды ала качып кетишти", Ky),
        ];
        for (text, lang) in cases {
            assert_eq!(detect(text), Some(lang), "{text}");
        }
    }

    #[test]
    fn everyday_complaints_are_not_emergencies() {
        for text in [
            "Пожарная инспекция требует взятку",
            "В школе нет учебников",
            "Жарык жок үч күндөн бери",
            "Мен отурам, кезек узун",
            "Спасибо за помощь в ЦОНе",
            "Суу келбей жатат",
            "Помогите решить вопрос с пенсией",
            "В подъезде горит свет круглые сутки",
            "Похитили бюджетные деньги",
            "Жардам бергиле, пенсия келген жок",
        ] {
            assert_eq!(detect(text), None, "{text}");
        }
    }
}
