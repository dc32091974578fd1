//! Choosing the language: from Telegram's `language_code` at /start, from the first message's
//! language, or from two buttons; `/language` switches at any time without losing the flow.
//!
//! ```text
//! (new citizen, phone in English) /start
//! bot: Тилди тандаңыз / Выберите язык   [Кыргызча] [Русский]
//! citizen: [Кыргызча]
//! bot: Тил өзгөртүлдү: кыргызча. …
//! ```

use crate::engine::ctx::Ctx;
use crate::engine::{Input, prompt as prompt_state};
use crate::flows::{idle, menu, route, start};
use crate::i18n::keys;
use crate::keyboards::language_choice;
use crate::lang::UiLang;
use crate::reply::Keyboard;
use crate::state::{DialogState, Pending};

/// Asks for the language (the question is in both languages).
pub(crate) fn ask(cx: &mut Ctx, pending: Pending) -> DialogState {
    prompt(cx);
    DialogState::ChoosingLanguage { pending }
}

/// The bilingual question with its two buttons.
pub(crate) fn prompt(cx: &mut Ctx) {
    let keyboard = language_choice(cx);
    cx.say(keys::CHOOSE_LANGUAGE, keyboard);
}

/// `/language`: offer the choice; the current flow stays.
pub(crate) fn offer(cx: &mut Ctx, state: &DialogState) -> DialogState {
    prompt(cx);
    state.clone()
}

/// A language button, valid in every state (pressing an old one is harmless).
pub(crate) fn on_chosen(cx: &mut Ctx, state: &DialogState, lang: UiLang) -> DialogState {
    cx.set_lang(lang);
    cx.say(keys::LANGUAGE_SET, Keyboard::None);
    match state {
        DialogState::ChoosingLanguage { pending } => resolve(cx, pending.clone()),
        other => {
            prompt_state(cx, other);
            other.clone()
        }
    }
}

fn resolve(cx: &mut Ctx, pending: Pending) -> DialogState {
    match pending {
        Pending::Nothing => menu::show(cx),
        Pending::DeepLink(payload) => start::follow(cx, &payload),
        Pending::Draft(draft) => route::ask(cx, *draft),
    }
}

/// Input while the language is unknown: a first message is classified (its language decides);
/// anything else waits for the choice.
pub(crate) fn on_input_without_language(cx: &mut Ctx, state: &DialogState, input: &Input) -> DialogState {
    let resting = matches!(state, DialogState::Idle | DialogState::ChoosingLanguage { .. });
    match input {
        Input::Text(text) if resting => idle::start_from_text(cx, text, None),
        Input::Media { attachment, caption: Some(caption) } if resting => {
            idle::start_from_text(cx, caption, Some(attachment))
        }
        _ => match state {
            DialogState::ChoosingLanguage { .. } => {
                prompt(cx);
                state.clone()
            }
            _ => ask(cx, Pending::Nothing),
        },
    }
}
