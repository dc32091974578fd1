//! `/start`, with or without a deep link.
//!
//! ```text
//! /start                 → welcome and the main menu
//! /start rate_health     → "Rate the service of the Ministry of Health: 1–5"
//! /start t_KR-2026-000123 → that ticket with its thread
//! ```

use classifier::Agency;

use crate::answers::TicketRef;
use crate::effect::RatingTarget;
use crate::engine::ctx::Ctx;
use crate::flows::{language, menu, my_appeals, rating};
use crate::i18n::keys;
use crate::keyboards::main_menu;
use crate::lang::UiLang;
use crate::state::{DialogState, Pending};

/// The longest service name a `rate_` link may carry.
const MAX_SERVICE_LEN: usize = 40;

/// `/start [payload]`.
pub(crate) fn on_start(
    cx: &mut Ctx,
    state: &DialogState,
    payload: Option<String>,
    language_code: Option<String>,
) -> DialogState {
    if !cx.known {
        match language_code.as_deref().and_then(UiLang::from_language_code) {
            Some(lang) => cx.set_lang(lang),
            None => return language::ask(cx, payload.map_or(Pending::Nothing, Pending::DeepLink)),
        }
    }
    menu::leave(cx, state);
    match payload {
        Some(payload) => follow(cx, &payload),
        None => welcome(cx),
    }
}

fn welcome(cx: &mut Ctx) -> DialogState {
    let keyboard = main_menu(cx);
    cx.say(keys::WELCOME, keyboard);
    DialogState::Idle
}

/// Follows a deep link; an unknown one is just a /start.
pub(crate) fn follow(cx: &mut Ctx, payload: &str) -> DialogState {
    if let Some(target) = payload.strip_prefix("rate_").and_then(rating_target) {
        return rating::start_for(cx, target, None);
    }
    if let Some(number) = payload.strip_prefix("t_").and_then(|n| TicketRef::parse(n).ok()) {
        return my_appeals::open(cx, number);
    }
    welcome(cx)
}

/// `rate_<agency code>` or `rate_<agency code>-<service>`.
fn rating_target(rest: &str) -> Option<RatingTarget> {
    let (code, service) = match rest.split_once('-') {
        Some((code, service)) => (code, Some(service)),
        None => (rest, None),
    };
    let agency: Agency = code.parse().ok()?;
    let service = service
        .filter(|s| !s.is_empty() && s.len() <= MAX_SERVICE_LEN)
        .filter(|s| s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-'))
        .map(str::to_owned);
    Some(RatingTarget::Service { agency, service })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rate_links_name_an_agency_and_maybe_a_service() {
        assert_eq!(rating_target("health"), Some(RatingTarget::Service { agency: Agency::Health, service: None }));
        assert_eq!(
            rating_target("digital_services-con_3"),
            Some(RatingTarget::Service { agency: Agency::DigitalServices, service: Some("con_3".into()) })
        );
        assert_eq!(rating_target("hospital"), None);
    }
}
