//! The adapter could not carry out an effect: say so in the citizen's language and put the
//! conversation where a retry makes sense.

use crate::answers::Failure;
use crate::engine::ctx::Ctx;
use crate::flows::{language, menu, review, route};
use crate::i18n::keys;
use crate::reply::Keyboard;
use crate::state::{AppealStage, DialogState, MyAppealsStage, Pending};

/// [`crate::Event::Failed`], fed to the state returned with the failed effect.
pub(crate) fn on_failed(cx: &mut Ctx, state: &DialogState, failure: Failure) -> DialogState {
    let key = match failure {
        Failure::NotFound => keys::FAILED_NOT_FOUND,
        Failure::Conflict => keys::FAILED_CONFLICT,
        Failure::TooManyAppeals => keys::FAILED_TOO_MANY,
        Failure::Unavailable => keys::FAILED_UNAVAILABLE,
    };
    if cx.known {
        cx.say(key, Keyboard::None);
    }
    match state {
        // The ticket was not opened: the same review, whose button still works, so a retry
        // cannot make two tickets either.
        DialogState::Appeal { draft, stage: AppealStage::Submitting } => review::show(cx, (**draft).clone()),
        // No classifier answer: the citizen picks the agency from the list.
        DialogState::Appeal { draft, stage: AppealStage::Classifying } => {
            let mut draft = (**draft).clone();
            draft.suggested = None;
            if cx.known { route::ask(cx, draft) } else { language::ask(cx, Pending::Draft(Box::new(draft))) }
        }
        DialogState::MyAppeals(
            MyAppealsStage::Loading | MyAppealsStage::LoadingTicket(_) | MyAppealsStage::Withdrawing(_),
        ) => menu::show(cx),
        other => other.clone(),
    }
}
