//! Asking the current step's question again: after /help in the middle of a flow, after the
//! language changed, after input the step did not expect.

use crate::engine::ctx::Ctx;
use crate::flows;
use crate::state::DialogState;

/// Repeats the current step's question.
pub(crate) fn prompt(cx: &mut Ctx, state: &DialogState) {
    match state {
        DialogState::Idle => flows::menu::prompt(cx),
        DialogState::ChoosingLanguage { .. } => flows::language::prompt(cx),
        DialogState::Appeal { draft, stage } => flows::appeal::prompt(cx, draft, stage),
        DialogState::Rating(stage) => flows::rating::prompt(cx, stage),
        DialogState::MyAppeals(stage) => flows::my_appeals::prompt(cx, stage),
        DialogState::Profile { question } => flows::profile::prompt(cx, *question),
        DialogState::ConfirmingErase => flows::erase::prompt(cx),
    }
}
