//! A corruption report: protection first, then anonymous or not, then what, which body and
//! position, when, where, how much, and evidence. Always routed to the anti-corruption body, with
//! the accused body recorded as `implicated`.
//!
//! ```text
//! citizen: [Коррупция тууралуу кабарлоо]
//! bot: Сиздин коопсуздугуңуз … Аты-жөнүңүздү көрсөтпөй кабарлай аласыз …  [Анонимдүү] [Атымды көрсөтүп]
//! citizen: [Анонимдүү]
//! bot: Эмне болду? …
//! … → review → [Жөнөтүү] → number and receipt code
//! ```

use classifier::{Agency, Kind};

use crate::action::Action;
use crate::draft::AppealDraft;
use crate::effect::{CorruptionFacts, RouteSource};
use crate::engine::Input;
use crate::engine::ctx::{Ctx, preview};
use crate::flows::{contact, review};
use crate::i18n::keys;
use crate::keyboards::{agency_page, done_cancel, routable_agencies, skip_cancel};
use crate::places::{Coordinates, Place};
use crate::reply::Keyboard;
use crate::state::{AppealStage, CorruptionQuestion as Q, DialogState};

/// Free-text answers (position, when, amount) are kept to this length.
const MAX_FACT_CHARS: usize = 500;

/// The questions in the order asked.
const ORDER: [Q; 7] = [Q::What, Q::Body { page: 0 }, Q::Position, Q::When, Q::Where, Q::Amount, Q::Evidence];

/// "Corruption report" from the menu.
pub(crate) fn start(cx: &mut Ctx) -> DialogState {
    let mut draft = AppealDraft::of_kind(Kind::Corruption);
    draft.route = Some((Agency::Anticorruption, RouteSource::Preset));
    intro(cx, draft)
}

/// What protection is offered; anonymous or not.
pub(crate) fn intro(cx: &mut Ctx, draft: AppealDraft) -> DialogState {
    prompt_intro(cx);
    DialogState::Appeal { draft: Box::new(draft), stage: AppealStage::CorruptionIntro }
}

/// The protection notice and the anonymity choice.
pub(crate) fn prompt_intro(cx: &mut Ctx) {
    let keyboard = Keyboard::Inline(vec![
        vec![cx.button(keys::BTN_ANONYMOUS, Action::Anonymous(true))],
        vec![cx.button(keys::BTN_NAMED, Action::Anonymous(false))],
        cx.cancel_row(),
    ]);
    cx.say(keys::CORRUPTION_INTRO, keyboard);
}

/// Anonymous or not.
pub(crate) fn on_intro(cx: &mut Ctx, draft: &AppealDraft, input: &Input) -> Option<DialogState> {
    let Input::Action(Action::Anonymous(anonymous)) = input else {
        return None;
    };
    let mut draft = draft.clone();
    draft.anonymous = *anonymous;
    cx.say(if *anonymous { keys::CORRUPTION_ANONYMOUS_NOTE } else { keys::CORRUPTION_NAMED_NOTE }, Keyboard::None);
    Some(next(cx, draft, None))
}

/// The first question after `after` that still needs an answer; then contact (or review).
pub(crate) fn next(cx: &mut Ctx, draft: AppealDraft, after: Option<Q>) -> DialogState {
    let start = after.and_then(|q| ORDER.iter().position(|o| same(*o, q))).map_or(0, |i| i + 1);
    let upcoming = ORDER.iter().skip(start).copied().find(|q| match q {
        Q::What => draft.texts.is_empty(),
        Q::Body { .. } => draft.implicated.is_none(),
        _ => !draft.reviewed,
    });
    match upcoming {
        Some(q) => ask(cx, draft, q),
        None if draft.reviewed => review::show(cx, draft),
        None => contact::ask(cx, draft),
    }
}

fn same(a: Q, b: Q) -> bool {
    std::mem::discriminant(&a) == std::mem::discriminant(&b)
}

/// Asks one question.
pub(crate) fn ask(cx: &mut Ctx, draft: AppealDraft, question: Q) -> DialogState {
    prompt_question(cx, question);
    DialogState::Appeal { draft: Box::new(draft), stage: AppealStage::Corruption(question) }
}

/// The question's text and buttons.
pub(crate) fn prompt_question(cx: &mut Ctx, question: Q) {
    match question {
        Q::What => {
            let keyboard = Keyboard::Inline(vec![cx.cancel_row()]);
            cx.say(keys::CORRUPTION_WHAT, keyboard);
        }
        Q::Body { page } => {
            let extra = vec![vec![cx.button(keys::BTN_SKIP, Action::Skip)], cx.cancel_row()];
            let keyboard = agency_page(cx, &routable_agencies(), page, extra);
            cx.say(keys::CORRUPTION_BODY, keyboard);
        }
        Q::Position | Q::When | Q::Where | Q::Amount => {
            let key = match question {
                Q::Position => keys::CORRUPTION_POSITION,
                Q::When => keys::CORRUPTION_WHEN,
                Q::Where => keys::CORRUPTION_WHERE,
                _ => keys::CORRUPTION_AMOUNT,
            };
            let keyboard = skip_cancel(cx);
            cx.say(key, keyboard);
        }
        Q::Evidence => {
            let keyboard = done_cancel(cx);
            cx.say(keys::CORRUPTION_EVIDENCE, keyboard);
        }
    }
}

/// An answer to one of the questions.
pub(crate) fn on_question(cx: &mut Ctx, draft: &AppealDraft, question: Q, input: &Input) -> Option<DialogState> {
    let mut draft = draft.clone();
    match (question, input) {
        (Q::What, Input::Text(text)) => {
            if draft.push_text(text).is_err() {
                cx.say(keys::DRAFT_FULL, Keyboard::None);
            }
        }
        (Q::Body { .. }, Input::Action(Action::Agency(agency))) => draft.implicated = Some(*agency),
        (Q::Body { .. }, Input::Action(Action::AgencyPage(page))) => {
            return Some(ask(cx, draft, Q::Body { page: *page }));
        }
        (Q::Body { .. }, Input::Text(text)) => facts(&mut draft).body = Some(preview(text.trim(), MAX_FACT_CHARS)),
        (Q::Position, Input::Text(text)) => facts(&mut draft).position = Some(preview(text.trim(), MAX_FACT_CHARS)),
        (Q::When, Input::Text(text)) => facts(&mut draft).when = Some(preview(text.trim(), MAX_FACT_CHARS)),
        (Q::Amount, Input::Text(text)) => facts(&mut draft).amount = Some(preview(text.trim(), MAX_FACT_CHARS)),
        (Q::Where, Input::Text(text)) => draft.place = Some(Place::Text(preview(text.trim(), MAX_FACT_CHARS))),
        (Q::Where, Input::Location(point)) => draft.place = Some(Place::Point(Coordinates::from_point(*point)?)),
        (Q::Evidence, Input::Media { attachment, caption }) => {
            let full = draft.push_attachment(attachment).is_err()
                || caption.as_deref().is_some_and(|c| draft.push_text(c).is_err());
            return Some(evidence_received(cx, draft, full));
        }
        (Q::Evidence, Input::Text(text)) => {
            let full = draft.push_text(text).is_err();
            return Some(evidence_received(cx, draft, full));
        }
        (Q::Evidence, Input::Action(Action::Done | Action::Skip)) => {}
        (Q::Body { .. } | Q::Position | Q::When | Q::Where | Q::Amount, Input::Action(Action::Skip)) => {}
        _ => return None,
    }
    Some(next(cx, draft, Some(question)))
}

fn facts(draft: &mut AppealDraft) -> &mut CorruptionFacts {
    draft.corruption.get_or_insert_with(CorruptionFacts::default)
}

fn evidence_received(cx: &mut Ctx, draft: AppealDraft, full: bool) -> DialogState {
    let keyboard = done_cancel(cx);
    cx.say(if full { keys::DRAFT_FULL } else { keys::EVIDENCE_ADDED }, keyboard);
    DialogState::Appeal { draft: Box::new(draft), stage: AppealStage::Corruption(Q::Evidence) }
}
