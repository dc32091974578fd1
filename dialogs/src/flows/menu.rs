//! The main menu, `/cancel`, and leaving a flow for another one.
//!
//! ```text
//! bot: Эмне кылабыз?  [Даттануу жазуу] [Коррупция тууралуу кабарлоо]
//!                     [Кызматка баа берүү] [Менин кайрылууларым] [Жардам]
//! ```

use crate::action::MenuItem;
use crate::engine::ctx::Ctx;
use crate::flows::{corruption, describe, info, my_appeals, rating};
use crate::i18n::keys;
use crate::keyboards::main_menu;
use crate::reply::Keyboard;
use crate::state::DialogState;

/// Shows the menu; the conversation rests.
pub(crate) fn show(cx: &mut Ctx) -> DialogState {
    prompt(cx);
    DialogState::Idle
}

/// The menu question with its buttons.
pub(crate) fn prompt(cx: &mut Ctx) {
    let keyboard = main_menu(cx);
    cx.say(keys::MENU_PROMPT, keyboard);
}

/// A menu button.
pub(crate) fn choose(cx: &mut Ctx, item: MenuItem) -> DialogState {
    match item {
        MenuItem::Complaint => describe::start(cx),
        MenuItem::Corruption => corruption::start(cx),
        MenuItem::Rating => rating::start(cx),
        MenuItem::MyAppeals => my_appeals::start(cx),
        MenuItem::Help => info::help(cx, &DialogState::Idle),
    }
}

/// `/cancel` or a "Cancel" button: drop whatever is under way.
pub(crate) fn cancel(cx: &mut Ctx, state: &DialogState) -> DialogState {
    let key = if matches!(state, DialogState::Idle) { keys::NOTHING_TO_CANCEL } else { keys::CANCELLED };
    // The removal also clears a location or phone keyboard that may still be showing.
    cx.say(key, Keyboard::Remove);
    show(cx)
}

/// Says so when a command abandons an unfinished appeal: the citizen should know the text they
/// typed was not sent.
pub(crate) fn leave(cx: &mut Ctx, state: &DialogState) {
    if let DialogState::Appeal { draft, .. } = state
        && draft.has_content()
    {
        cx.say(keys::DRAFT_DISCARDED, Keyboard::Remove);
    }
}
