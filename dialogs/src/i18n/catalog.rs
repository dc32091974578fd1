//! Loads the Fluent catalogs once and renders messages.
//!
//! Isolation marks (U+2068/U+2069 around arguments) are off: Telegram shows them as stray
//! characters on some phones, and our arguments are numbers, dates and names in the same script.

use std::borrow::Cow;
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use super::keys::Key;
use crate::lang::UiLang;

// One catalog per language, kept in one file per audience: citizens (main), officers, reminders,
// the web console's /web and /stats.
const KY: &str = concat!(
    include_str!("../../i18n/ky/main.ftl"),
    "\n",
    include_str!("../../i18n/ky/officer.ftl"),
    "\n",
    include_str!("../../i18n/ky/reminders.ftl"),
    "\n",
    include_str!("../../i18n/ky/console.ftl"),
);
const RU: &str = concat!(
    include_str!("../../i18n/ru/main.ftl"),
    "\n",
    include_str!("../../i18n/ru/officer.ftl"),
    "\n",
    include_str!("../../i18n/ru/reminders.ftl"),
    "\n",
    include_str!("../../i18n/ru/console.ftl"),
);

/// The catalog source of a language (tests parse it to check keys and arguments).
#[cfg(test)]
pub(crate) fn source(lang: UiLang) -> &'static str {
    match lang {
        UiLang::Ky => KY,
        UiLang::Ru => RU,
    }
}

/// An argument of a message.
#[derive(Debug, Clone)]
pub(crate) enum Arg<'a> {
    /// Text (a name, a number as written, a date in words).
    Str(Cow<'a, str>),
    /// A number: plural selectors work on these.
    Num(i64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(value: &'a str) -> Self {
        Arg::Str(Cow::Borrowed(value))
    }
}

impl From<String> for Arg<'_> {
    fn from(value: String) -> Self {
        Arg::Str(Cow::Owned(value))
    }
}

impl From<i64> for Arg<'_> {
    fn from(value: i64) -> Self {
        Arg::Num(value)
    }
}

struct Catalogs {
    ky: FluentBundle<FluentResource>,
    ru: FluentBundle<FluentResource>,
}

static CATALOGS: LazyLock<Catalogs> = LazyLock::new(|| Catalogs { ky: bundle("ky", KY), ru: bundle("ru", RU) });

fn bundle(tag: &str, source: &str) -> FluentBundle<FluentResource> {
    let langid = tag.parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![langid]);
    bundle.set_use_isolating(false);
    // A syntax error keeps the rest of the file usable; the catalog tests fail on any error, so
    // one never ships.
    let resource = FluentResource::try_new(source.to_owned()).unwrap_or_else(|(partial, _errors)| partial);
    // Duplicate ids are likewise caught by the tests; the first definition wins.
    let _ = bundle.add_resource(resource);
    bundle
}

/// Renders a message. A missing message renders as its id, so a mistake shows up as a visible
/// id rather than a crash in front of a citizen (the catalog tests make it impossible).
pub(crate) fn render(lang: UiLang, key: Key, args: &[(&str, Arg<'_>)]) -> String {
    let bundle = match lang {
        UiLang::Ky => &CATALOGS.ky,
        UiLang::Ru => &CATALOGS.ru,
    };
    let Some(pattern) = bundle.get_message(key.id()).and_then(|m| m.value()) else {
        #[cfg(test)]
        panic!("message `{}` is missing in {}", key.id(), lang.code());
        #[cfg(not(test))]
        return key.id().to_owned();
    };
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        let value = match value {
            Arg::Str(s) => FluentValue::from(s.to_string()),
            Arg::Num(n) => FluentValue::from(*n),
        };
        fluent_args.set(*name, value);
    }
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors).into_owned();
    #[cfg(test)]
    {
        assert!(errors.is_empty(), "rendering `{}` in {}: {errors:?}", key.id(), lang.code());
        super::vars::assert_args_match(lang, key, args.iter().map(|(name, _)| *name));
    }
    text
}
