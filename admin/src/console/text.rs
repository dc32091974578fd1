//! The console's words: its Fluent catalog (`admin/i18n/<lang>/console.ftl`) in the officer's
//! language, or, before there is a session, the browser's (Kyrgyz when it asks for none we have).

use axum::http::HeaderMap;
use axum::http::header::ACCEPT_LANGUAGE;
use classifier::Kind;
use fluent_bundle::FluentValue;
use tickets::calendar::{DayUnit, Span};
use tickets::domain::{AgencyCode, Role, TicketStatus};
use tickets::store::WebSession;

use super::ConsoleState;
pub use crate::public::i18n::Lang;
use crate::public::i18n::{Catalog, message};

/// The message `id` of the console catalog.
pub fn t(lang: Lang, id: &str) -> String {
    message(Catalog::Console, lang, id, &[])
}

/// The message `id` of the console catalog with arguments.
pub fn t_args(lang: Lang, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
    message(Catalog::Console, lang, id, args)
}

/// The signed-in officer's language.
pub fn of_session(session: &WebSession) -> Lang {
    Lang::of_chat(session.officer.lang)
}

/// The language of a request without a session, from its `Accept-Language`.
pub fn of_request(headers: &HeaderMap) -> Lang {
    Lang::negotiate(headers.get(ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()))
}

pub fn kind(lang: Lang, kind: Kind) -> String {
    t(lang, &format!("kind-{}", kind.code()))
}

pub fn status(lang: Lang, status: TicketStatus) -> String {
    t(lang, &format!("status-{}", status.code()))
}

pub fn role(lang: Lang, role: Role) -> String {
    t(lang, &format!("role-{}", role.code()))
}

/// The name of a language by its code (`ky`, `ru`, and for an appeal also `mixed`, `other`).
pub fn language(lang: Lang, code: &str) -> String {
    t(lang, &format!("lang-{code}"))
}

/// A term such as "15 working days", with the language's plural forms.
pub fn span(lang: Lang, span: Span) -> String {
    let id = match span.unit {
        DayUnit::Working => "span-working",
        DayUnit::Calendar => "span-calendar",
    };
    t_args(lang, id, &[("days", FluentValue::from(span.days))])
}

/// An agency's name in `lang` from the directory (its code when it is not configured).
pub fn agency(state: &ConsoleState, lang: Lang, code: &AgencyCode) -> String {
    state.desk().agencies().get(code).map_or_else(|| code.to_string(), |a| lang.agency_name(a))
}
