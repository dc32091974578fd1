//! Dispatches an appeal's input to the step it is at, and takes attachments at any step.

use crate::action::Action;
use crate::draft::AppealDraft;
use crate::engine::Input;
use crate::engine::ctx::Ctx;
use crate::event::Attachment;
use crate::flows::{contact, corruption, describe, menu, place, review, route};
use crate::i18n::keys;
use crate::reply::Keyboard;
use crate::state::{AppealStage, DialogState};

/// An appeal's input.
pub(crate) fn on(cx: &mut Ctx, draft: &AppealDraft, stage: &AppealStage, input: &Input) -> Option<DialogState> {
    let waiting = matches!(stage, AppealStage::Classifying | AppealStage::Submitting);
    if let Input::Action(Action::Cancel) = input
        && !waiting
    {
        return Some(menu::cancel(cx, &DialogState::Appeal { draft: Box::new(draft.clone()), stage: stage.clone() }));
    }
    let handled = match stage {
        AppealStage::Classifying | AppealStage::Submitting => None,
        AppealStage::ConfirmingRoute { page } => route::on(cx, draft, *page, input),
        AppealStage::Describing => describe::on(cx, draft, input),
        AppealStage::CorruptionIntro => corruption::on_intro(cx, draft, input),
        AppealStage::Corruption(question) => corruption::on_question(cx, draft, *question, input),
        AppealStage::Region => place::on_region(cx, draft, input),
        AppealStage::District(region) => place::on_district(cx, draft, *region, input),
        AppealStage::Contact => contact::on(cx, draft, input),
        AppealStage::Review => review::on(cx, draft, input),
    };
    handled.or_else(|| match input {
        Input::Media { attachment, caption } if !waiting => {
            Some(attach(cx, draft, stage, attachment, caption.as_deref()))
        }
        _ => None,
    })
}

/// A photo or document sent at a step that asks something else: kept with the draft, and the
/// step's question asked again.
fn attach(
    cx: &mut Ctx,
    draft: &AppealDraft,
    stage: &AppealStage,
    attachment: &Attachment,
    caption: Option<&str>,
) -> DialogState {
    let mut draft = draft.clone();
    let full = draft.push_attachment(attachment).is_err() || caption.is_some_and(|c| draft.push_text(c).is_err());
    cx.say(if full { keys::DRAFT_FULL } else { keys::FILE_ADDED }, Keyboard::None);
    prompt(cx, &draft, stage);
    DialogState::Appeal { draft: Box::new(draft), stage: stage.clone() }
}

/// Asks the appeal step's question again.
pub(crate) fn prompt(cx: &mut Ctx, draft: &AppealDraft, stage: &AppealStage) {
    match stage {
        AppealStage::Classifying | AppealStage::Submitting => cx.say(keys::PLEASE_WAIT, Keyboard::None),
        AppealStage::ConfirmingRoute { page } => route::prompt(cx, draft, *page),
        AppealStage::Describing => describe::prompt(cx, draft),
        AppealStage::CorruptionIntro => corruption::prompt_intro(cx),
        AppealStage::Corruption(question) => corruption::prompt_question(cx, *question),
        AppealStage::Region => place::prompt_region(cx),
        AppealStage::District(region) => place::prompt_district(cx, *region),
        AppealStage::Contact => contact::prompt(cx),
        AppealStage::Review => review::prompt(cx, draft),
    }
}
