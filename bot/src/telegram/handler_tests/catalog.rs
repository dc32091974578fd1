//! The citizens' catalogs as the tests read them: assertions name a message by its Fluent id and
//! compare with what the catalog says, so a change of wording does not break a test.

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};

use super::Lang;

struct Catalogs {
    ky: FluentBundle<FluentResource>,
    ru: FluentBundle<FluentResource>,
}

// A bundle with the default memoizer is not `Sync`: one per test thread.
thread_local! {
    static CATALOGS: Catalogs = Catalogs {
        ky: bundle("ky", include_str!("../../../../dialogs/i18n/ky/main.ftl")),
        ru: bundle("ru", include_str!("../../../../dialogs/i18n/ru/main.ftl")),
    };
}

fn bundle(tag: &str, source: &str) -> FluentBundle<FluentResource> {
    let langid: unic_langid::LanguageIdentifier = tag.parse().unwrap();
    let mut bundle = FluentBundle::new(vec![langid]);
    // As the bot renders them: no isolation marks around arguments.
    bundle.set_use_isolating(false);
    bundle.add_resource(FluentResource::try_new(source.to_owned()).unwrap()).unwrap();
    bundle
}

/// Message `id` in `lang` with `args`; arguments left out render as `{$name}`.
pub(crate) fn render(lang: Lang, id: &str, args: &[(&str, FluentValue<'static>)]) -> String {
    CATALOGS.with(|catalogs| {
        let bundle = match lang {
            Lang::Ky => &catalogs.ky,
            Lang::Ru => &catalogs.ru,
        };
        let pattern = bundle
            .get_message(id)
            .and_then(|m| m.value())
            .unwrap_or_else(|| panic!("no message `{id}` in the {lang:?} catalog"));
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, value.clone());
        }
        let mut errors = vec![];
        bundle.format_pattern(pattern, Some(&fluent_args), &mut errors).into_owned()
    })
}

/// Message `id` without arguments.
pub(crate) fn t(lang: Lang, id: &str) -> String {
    render(lang, id, &[])
}

/// The fixed words a message starts with, before its first argument: for messages whose
/// arguments (a number, a date) the test does not know in advance.
pub(crate) fn head(lang: Lang, id: &str) -> String {
    let full = t(lang, id);
    full.split('{').next().unwrap_or_default().to_owned()
}
