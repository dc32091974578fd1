//! The catalogs: same keys in both languages, every key the code uses present, no leftovers,
//! the same arguments in both languages, everything renders, Russian plurals right.

use std::collections::BTreeSet;

use crate::i18n::{Arg, keys, render, source, vars};
use crate::lang::UiLang;

fn ids(lang: UiLang) -> BTreeSet<String> {
    vars::for_lang(lang).keys().cloned().collect()
}

#[test]
fn both_catalogs_have_the_same_keys() {
    let ky = ids(UiLang::Ky);
    let ru = ids(UiLang::Ru);
    let only_ky: Vec<_> = ky.difference(&ru).collect();
    let only_ru: Vec<_> = ru.difference(&ky).collect();
    assert!(only_ky.is_empty() && only_ru.is_empty(), "only in ky: {only_ky:?}; only in ru: {only_ru:?}");
}

#[test]
fn a_key_missing_in_one_catalog_is_caught() {
    // The check above compares parsed ids; show that it sees a difference.
    let ky = vars::variables("a = А\nb = Б\n");
    let ru = vars::variables("a = А\n");
    assert_ne!(ky.keys().collect::<Vec<_>>(), ru.keys().collect::<Vec<_>>());
}

#[test]
fn every_key_the_code_uses_exists_and_nothing_else_does() {
    let used: BTreeSet<String> = keys::every().iter().map(|k| k.id().to_owned()).collect();
    for lang in UiLang::ALL {
        let have = ids(lang);
        let missing: Vec<_> = used.difference(&have).collect();
        let unused: Vec<_> = have.difference(&used).collect();
        assert!(missing.is_empty(), "{}: missing {missing:?}", lang.code());
        assert!(unused.is_empty(), "{}: never used {unused:?}", lang.code());
    }
}

#[test]
fn ids_are_kebab_case() {
    for id in ids(UiLang::Ru) {
        assert!(
            id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') && !id.starts_with('-'),
            "{id}"
        );
    }
}

#[test]
fn a_message_takes_the_same_arguments_in_both_languages() {
    let ky = vars::for_lang(UiLang::Ky);
    let ru = vars::for_lang(UiLang::Ru);
    for (id, ru_vars) in ru {
        assert_eq!(ky.get(id), Some(ru_vars), "arguments of `{id}` differ between ky and ru");
    }
}

#[test]
#[should_panic(expected = "given vs used")]
fn an_argument_the_message_does_not_use_fails() {
    let _ = render(UiLang::Ru, keys::WELCOME, &[("name", "Айгуль".into())]);
}

#[test]
fn every_message_renders_without_errors_or_isolation_marks() {
    for lang in UiLang::ALL {
        for key in keys::every() {
            let used = vars::for_lang(lang).get(key.id()).cloned().unwrap_or_default();
            let args: Vec<(&str, Arg<'_>)> = used
                .iter()
                .map(|name| {
                    let value = match name.as_str() {
                        "count" | "days" | "n" | "max" | "day" | "month" | "year" => Arg::Num(3),
                        _ => Arg::from("x"),
                    };
                    (name.as_str(), value)
                })
                .collect();
            let text = render(lang, key, &args);
            assert!(!text.trim().is_empty(), "{} {}", lang.code(), key.id());
            assert!(!text.contains(['\u{2068}', '\u{2069}']), "{} {}", lang.code(), key.id());
        }
    }
}

#[test]
fn russian_day_counts_agree_with_their_numbers() {
    let cases = [
        (1, "1 рабочий день"),
        (2, "2 рабочих дня"),
        (5, "5 рабочих дней"),
        (21, "21 рабочий день"),
        (11, "11 рабочих дней"),
        (14, "14 рабочих дней"),
        (22, "22 рабочих дня"),
    ];
    for (days, expected) in cases {
        let text = render(UiLang::Ru, keys::DEADLINE_LEFT, &[("due", "24 июня 2026 г.".into()), ("days", days.into())]);
        assert!(text.contains(expected), "{days}: {text}");
    }
    let files = |n: i64| render(UiLang::Ru, keys::REVIEW_FILES, &[("count", n.into())]);
    assert_eq!(files(1), "Прикреплено 1 файл");
    assert_eq!(files(3), "Прикреплено 3 файла");
    assert_eq!(files(11), "Прикреплено 11 файлов");
    assert_eq!(files(21), "Прикреплено 21 файл");
}

#[test]
fn kyrgyz_numbers_take_no_plural() {
    let text = render(UiLang::Ky, keys::DEADLINE_LEFT, &[("due", "x".into()), ("days", 5.into())]);
    assert!(text.contains("5 иш күнү калды"), "{text}");
}

#[test]
fn dates_are_written_in_words() {
    let date = chrono::NaiveDate::from_ymd_opt(2026, 6, 24).unwrap();
    assert_eq!(render(UiLang::Ru, keys::DATE_IN_WORDS, &crate::i18n::date_args(date)), "24 июня 2026 г.");
    assert_eq!(render(UiLang::Ky, keys::DATE_IN_WORDS, &crate::i18n::date_args(date)), "2026-жылдын 24-июну");
}

#[test]
fn kyrgyz_texts_use_the_kyrgyz_letters() {
    // A cheap guard against a catalog saved in Russian by mistake.
    let ky = source(UiLang::Ky);
    for letter in ['ң', 'ө', 'ү'] {
        assert!(ky.contains(letter), "{letter}");
    }
}
