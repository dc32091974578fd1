//! `/delete_me`: erase the citizen's personal data after a confirmation.
//!
//! ```text
//! citizen: /delete_me
//! bot: Удалить ваши данные? …   [Да, удалить] [Нет]
//! citizen: [Да, удалить]
//! bot: Ваши данные удалены. …          (effect: EraseMyData)
//! ```

use crate::action::Action;
use crate::effect::Effect;
use crate::engine::Input;
use crate::engine::ctx::Ctx;
use crate::flows::menu;
use crate::i18n::keys;
use crate::reply::Keyboard;
use crate::state::DialogState;

/// Asks for confirmation.
pub(crate) fn start(cx: &mut Ctx) -> DialogState {
    prompt(cx);
    DialogState::ConfirmingErase
}

/// The question with "yes, erase" and "no".
pub(crate) fn prompt(cx: &mut Ctx) {
    let keyboard = Keyboard::Inline(vec![vec![
        cx.button(keys::BTN_ERASE_YES, Action::Erase(true)),
        cx.button(keys::BTN_ERASE_NO, Action::Erase(false)),
    ]]);
    cx.say(keys::ERASE_CONFIRM, keyboard);
}

/// The answer.
pub(crate) fn on(cx: &mut Ctx, input: &Input) -> Option<DialogState> {
    match input {
        Input::Action(Action::Erase(true)) => {
            cx.effect(Effect::EraseMyData);
            cx.say(keys::ERASE_DONE, Keyboard::Remove);
            // Back to a fresh start: the language was personal data too, so the next message
            // comes with none and the citizen is asked again.
            Some(DialogState::Idle)
        }
        Input::Action(Action::Erase(false)) => {
            cx.say(keys::ERASE_KEPT, Keyboard::None);
            Some(menu::show(cx))
        }
        _ => None,
    }
}
