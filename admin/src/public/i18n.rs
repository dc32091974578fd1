//! The web side's three languages and their Fluent catalogs (`admin/i18n/<lang>/<catalog>.ftl`:
//! `public` for the statistics page and Open311, `console` for the officers' console), loaded once
//! like the bot's (dialogs/src/i18n), which cover Kyrgyz and Russian only.

use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use tickets::agencies::Agency;
use tickets::domain::ChatLang;

/// A language of the public side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Ky,
    Ru,
    En,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Ky, Lang::Ru, Lang::En];

    pub const fn code(self) -> &'static str {
        match self {
            Lang::Ky => "ky",
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The first supported language of an `Accept-Language` header, in the order given
    /// (weights are rarely anything but descending); Kyrgyz when none is.
    pub fn negotiate(header: Option<&str>) -> Lang {
        header
            .unwrap_or_default()
            .split(',')
            .filter_map(|part| part.split(';').next())
            .filter_map(|tag| tag.trim().split('-').next().map(str::to_ascii_lowercase))
            .find_map(|primary| Lang::from_code(&primary))
            .unwrap_or(Lang::Ky)
    }

    /// The language of an officer or citizen (who speak Kyrgyz or Russian).
    pub const fn of_chat(lang: ChatLang) -> Lang {
        match lang {
            ChatLang::Ky => Lang::Ky,
            ChatLang::Ru => Lang::Ru,
        }
    }

    /// The agency's name in this language.
    pub fn agency_name(self, agency: &Agency) -> String {
        match self {
            Lang::Ky => agency.name_ky.clone(),
            Lang::Ru => agency.name_ru.clone(),
            Lang::En => agency.name_en.clone(),
        }
    }
}

/// A set of messages, one Fluent file per language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Catalog {
    Public,
    Console,
}

impl Catalog {
    pub const ALL: [Catalog; 2] = [Catalog::Public, Catalog::Console];

    pub const fn name(self) -> &'static str {
        match self {
            Catalog::Public => "public",
            Catalog::Console => "console",
        }
    }
}

/// The catalog source of a language (the tests parse it).
pub fn source_of(catalog: Catalog, lang: Lang) -> &'static str {
    match (catalog, lang) {
        (Catalog::Public, Lang::Ky) => include_str!("../../i18n/ky/public.ftl"),
        (Catalog::Public, Lang::Ru) => include_str!("../../i18n/ru/public.ftl"),
        (Catalog::Public, Lang::En) => include_str!("../../i18n/en/public.ftl"),
        (Catalog::Console, Lang::Ky) => include_str!("../../i18n/ky/console.ftl"),
        (Catalog::Console, Lang::Ru) => include_str!("../../i18n/ru/console.ftl"),
        (Catalog::Console, Lang::En) => include_str!("../../i18n/en/console.ftl"),
    }
}

/// The public catalog's source of a language.
pub fn source(lang: Lang) -> &'static str {
    source_of(Catalog::Public, lang)
}

/// One bundle per catalog and language, in `Catalog::ALL` × `Lang::ALL` order.
static BUNDLES: LazyLock<Vec<FluentBundle<FluentResource>>> = LazyLock::new(|| {
    Catalog::ALL
        .into_iter()
        .flat_map(|catalog| Lang::ALL.into_iter().map(move |lang| bundle(lang.code(), source_of(catalog, lang))))
        .collect()
});

fn bundle(tag: &str, source: &str) -> FluentBundle<FluentResource> {
    let langid = tag.parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![langid]);
    // No isolation marks: the page is plain HTML, where they would show as stray characters.
    bundle.set_use_isolating(false);
    // A syntax error keeps the rest usable; the catalog test fails on any, so none ships.
    let resource = FluentResource::try_new(source.to_owned()).unwrap_or_else(|(partial, _)| partial);
    let _ = bundle.add_resource(resource);
    bundle
}

/// The public catalog's message `id`; a missing one shows as its id (the catalog test makes that
/// impossible).
pub fn t(lang: Lang, id: &str) -> String {
    message(Catalog::Public, lang, id, &[])
}

/// The public catalog's message `id` with numeric or text arguments.
pub fn t_args(lang: Lang, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
    message(Catalog::Public, lang, id, args)
}

/// The message `id` of `catalog` in `lang`, with numeric or text arguments.
pub fn message(catalog: Catalog, lang: Lang, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
    let catalog_at = Catalog::ALL.iter().position(|c| *c == catalog).unwrap_or(0);
    let lang_at = Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0);
    let Some(bundle) = BUNDLES.get(catalog_at * Lang::ALL.len() + lang_at) else {
        return id.to_owned();
    };
    let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
        return id.to_owned();
    };
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        fluent_args.set(*name, value.clone());
    }
    let mut errors = Vec::new();
    bundle.format_pattern(pattern, Some(&fluent_args), &mut errors).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ids a catalog defines in a language, sorted.
    fn ids(catalog: Catalog, lang: Lang) -> Vec<String> {
        let mut ids: Vec<String> = source_of(catalog, lang)
            .lines()
            .filter(|l| !l.starts_with([' ', '#', '\t']) && l.contains(" ="))
            .filter_map(|l| l.split(" =").next().map(str::to_owned))
            .collect();
        ids.sort();
        ids
    }

    #[test]
    fn every_catalog_parses_and_defines_the_same_messages_in_the_three_languages() {
        for catalog in Catalog::ALL {
            for lang in Lang::ALL {
                let parsed = FluentResource::try_new(source_of(catalog, lang).to_owned());
                assert!(parsed.is_ok(), "{}/{} does not parse", lang.code(), catalog.name());
            }
            let ky = ids(catalog, Lang::Ky);
            for lang in [Lang::Ru, Lang::En] {
                assert_eq!(
                    ky,
                    ids(catalog, lang),
                    "ky and {} define different {} messages",
                    lang.code(),
                    catalog.name()
                );
            }
            assert!(ky.len() > 40, "{}", catalog.name());
        }
    }

    #[test]
    fn the_catalogs_are_told_apart() {
        assert_eq!(t(Lang::Ru, "lang-label"), message(Catalog::Public, Lang::Ru, "lang-label", &[]));
        assert_ne!(message(Catalog::Console, Lang::Ru, "nav-queue", &[]), "nav-queue");
        assert_eq!(t(Lang::Ru, "nav-queue"), "nav-queue", "a console message is not in the public catalog");
    }

    #[test]
    fn accept_language_picks_the_first_we_speak() {
        assert_eq!(Lang::negotiate(Some("de-DE,ru;q=0.8,en;q=0.5")), Lang::Ru);
        assert_eq!(Lang::negotiate(Some("en-GB")), Lang::En);
        assert_eq!(Lang::negotiate(None), Lang::Ky);
    }
}
