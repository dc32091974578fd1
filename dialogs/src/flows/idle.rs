//! Nothing under way: free text starts an appeal (the classifier reads it first), media starts a
//! complaint, menu buttons work.

use crate::action::Action;
use crate::draft::AppealDraft;
use crate::engine::Input;
use crate::engine::ctx::Ctx;
use crate::event::Attachment;
use crate::flows::{describe, menu, route};
use crate::state::DialogState;

/// Input while resting.
pub(crate) fn on(cx: &mut Ctx, input: &Input) -> Option<DialogState> {
    match input {
        Input::Text(text) => Some(start_from_text(cx, text, None)),
        Input::Media { attachment, caption: Some(caption) } => Some(start_from_text(cx, caption, Some(attachment))),
        Input::Media { attachment, caption: None } => Some(describe::start_with_attachment(cx, attachment)),
        Input::Action(Action::Menu(item)) => Some(menu::choose(cx, *item)),
        _ => None,
    }
}

/// A new appeal from a message: classify it, then confirm the route with the citizen.
pub(crate) fn start_from_text(cx: &mut Ctx, text: &str, attachment: Option<&Attachment>) -> DialogState {
    let mut draft = AppealDraft::default();
    // A fresh draft takes one message of any allowed length, so neither push can fail.
    let _ = draft.push_text(text);
    if let Some(attachment) = attachment {
        let _ = draft.push_attachment(attachment);
    }
    route::classify(cx, draft)
}
