//! Describing a complaint: several messages, with photos, documents, voice notes and videos,
//! until "Done".
//!
//! ```text
//! citizen: [Даттануу жазуу]
//! bot: Эмне болгонун жазыңыз. …                       [Жокко чыгаруу]
//! citizen: Айылда 3 күндөн бери жарык жок   (+ a photo)
//! bot: Кабыл алдым. Дагы кошсоңуз болот же «Даяр» баскычын басыңыз.   [Даяр] [Жокко чыгаруу]
//! ```

use classifier::{Agency, Kind};

use crate::action::Action;
use crate::draft::AppealDraft;
use crate::effect::RouteSource;
use crate::engine::Input;
use crate::engine::ctx::Ctx;
use crate::event::Attachment;
use crate::flows::{corruption, place, review, route};
use crate::i18n::keys;
use crate::keyboards::done_cancel;
use crate::reply::Keyboard;
use crate::state::{AppealStage, DialogState};

fn describing(draft: AppealDraft) -> DialogState {
    DialogState::Appeal { draft: Box::new(draft), stage: AppealStage::Describing }
}

/// "Complaint" from the menu.
pub(crate) fn start(cx: &mut Ctx) -> DialogState {
    let draft = AppealDraft::of_kind(Kind::Complaint);
    prompt(cx, &draft);
    describing(draft)
}

/// A photo or file with no caption while nothing was under way: a complaint begins with it.
pub(crate) fn start_with_attachment(cx: &mut Ctx, attachment: &Attachment) -> DialogState {
    let mut draft = AppealDraft::of_kind(Kind::Complaint);
    let _ = draft.push_attachment(attachment);
    let keyboard = done_cancel(cx);
    cx.say(keys::DESCRIBE_IN_WORDS, keyboard);
    describing(draft)
}

/// The route is settled: the citizen may add details before the place is asked.
pub(crate) fn after_route(cx: &mut Ctx, draft: AppealDraft) -> DialogState {
    if draft.reviewed {
        return review::show(cx, draft);
    }
    if draft.described {
        return place::ask_region(cx, draft);
    }
    let agency = draft.route.map_or(Agency::Triage, |(a, _)| a);
    let name = cx.t(keys::agency_name(agency));
    let keyboard = done_cancel(cx);
    cx.say_with(keys::DESCRIBE_MORE, &[("agency", name.into())], keyboard);
    describing(draft)
}

/// A low rating turned into a complaint to the rated agency, with the rating's comment as the
/// first message.
pub(crate) fn from_rating(cx: &mut Ctx, agency: Agency, comment: Option<&str>) -> DialogState {
    let mut draft = AppealDraft::of_kind(Kind::Complaint);
    if let Some(comment) = comment {
        let _ = draft.push_text(comment);
    }
    draft.route = Some((agency, RouteSource::Preset));
    after_route(cx, draft)
}

/// The description question.
pub(crate) fn prompt(cx: &mut Ctx, draft: &AppealDraft) {
    if draft.has_content() {
        let keyboard = done_cancel(cx);
        cx.say(keys::DESCRIBE_CONTINUE, keyboard);
    } else {
        let keyboard = Keyboard::Inline(vec![cx.cancel_row()]);
        cx.say(keys::COMPLAINT_DESCRIBE, keyboard);
    }
}

/// A message, a file or "Done".
pub(crate) fn on(cx: &mut Ctx, draft: &AppealDraft, input: &Input) -> Option<DialogState> {
    let mut draft = draft.clone();
    let added = match input {
        Input::Text(text) => draft.push_text(text),
        Input::Media { attachment, caption } => {
            draft.push_attachment(attachment).and_then(|()| caption.as_deref().map_or(Ok(()), |c| draft.push_text(c)))
        }
        Input::Action(Action::Done) => return Some(done(cx, draft)),
        _ => return None,
    };
    let key = match (added, input) {
        (Err(_), _) => keys::DRAFT_FULL,
        (Ok(()), Input::Media { .. }) => keys::FILE_ADDED_MORE,
        (Ok(()), _) => keys::DESCRIBE_GOT,
    };
    let keyboard = done_cancel(cx);
    cx.say(key, keyboard);
    Some(describing(draft))
}

/// "Done": classify if the route is not settled yet, else ask the place.
fn done(cx: &mut Ctx, mut draft: AppealDraft) -> DialogState {
    if !draft.has_content() {
        let keyboard = Keyboard::Inline(vec![cx.cancel_row()]);
        cx.say(keys::DESCRIBE_EMPTY, keyboard);
        return describing(draft);
    }
    draft.described = true;
    if draft.reviewed {
        return review::show(cx, draft);
    }
    match draft.route {
        Some(_) if draft.is_corruption() => corruption::next(cx, draft, None),
        Some(_) => place::ask_region(cx, draft),
        // Only attachments: nothing to classify, the citizen picks the agency.
        None if draft.texts.is_empty() => route::ask(cx, draft),
        None => route::classify(cx, draft),
    }
}
