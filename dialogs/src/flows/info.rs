//! `/help` and `/privacy`: answered at any time; a flow under way continues afterwards.

use crate::engine::ctx::Ctx;
use crate::engine::prompt;
use crate::i18n::{Key, keys};
use crate::keyboards::main_menu;
use crate::reply::Keyboard;
use crate::state::DialogState;

/// `/help`.
pub(crate) fn help(cx: &mut Ctx, state: &DialogState) -> DialogState {
    answer(cx, state, keys::HELP)
}

/// `/privacy`: what is stored, for how long, who sees it.
pub(crate) fn privacy(cx: &mut Ctx, state: &DialogState) -> DialogState {
    answer(cx, state, keys::PRIVACY)
}

fn answer(cx: &mut Ctx, state: &DialogState, key: Key) -> DialogState {
    if matches!(state, DialogState::Idle) {
        let keyboard = main_menu(cx);
        cx.say(key, keyboard);
    } else {
        cx.say(key, Keyboard::None);
        cx.say(keys::FLOW_CONTINUES, Keyboard::None);
        prompt(cx, state);
    }
    state.clone()
}
