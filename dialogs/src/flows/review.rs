//! The review of a draft, the submit button, and the ticket number that comes back.
//!
//! ```text
//! bot: Проверьте обращение:
//!      Вид: жалоба · Адресат: Министерство энергетики · Место: Чуйская область, Сокулукский район
//!      Текст: «Третий день нет света…» · Файлов: 1 · Связь: через Telegram
//!      [Отправить] [Дополнить] [Отменить]
//! citizen: [Отправить]                          (effect: OpenTicket; a second tap is "out of date")
//! bot: Обращение KR-2026-000123 зарегистрировано. Ответ — до 24 июня 2026 г. (14 рабочих дней).
//! ```

use classifier::{Agency, Kind};

use crate::action::Action;
use crate::answers::TicketOpened;
use crate::draft::AppealDraft;
use crate::effect::{ContactConsent, Effect};
use crate::engine::Input;
use crate::engine::ctx::{Ctx, preview};
use crate::flows::{corruption, menu, ticket_text};
use crate::i18n::keys;
use crate::reply::Keyboard;
use crate::state::{AppealStage, CorruptionQuestion, DialogState};

/// How much of the description the review quotes.
const PREVIEW_CHARS: usize = 1500;

/// Shows the review; from now on, a changed answer comes back here.
pub(crate) fn show(cx: &mut Ctx, mut draft: AppealDraft) -> DialogState {
    draft.reviewed = true;
    prompt(cx, &draft);
    DialogState::Appeal { draft: Box::new(draft), stage: AppealStage::Review }
}

/// The review text with "Submit" (carrying the draft's fingerprint), "Add more" and "Cancel".
pub(crate) fn prompt(cx: &mut Ctx, draft: &AppealDraft) {
    let text = summary(cx, draft);
    let keyboard = Keyboard::Inline(vec![
        vec![cx.button(keys::BTN_SUBMIT, Action::Submit(draft.fingerprint()))],
        vec![cx.button(keys::BTN_EDIT, Action::Edit), cx.button(keys::BTN_CANCEL, Action::Cancel)],
    ]);
    cx.say_text(text, keyboard);
}

fn summary(cx: &Ctx, draft: &AppealDraft) -> String {
    let kind = cx.t(keys::kind(draft.kind.unwrap_or(Kind::Complaint)));
    let agency = cx.t(keys::agency_name(draft.route.map_or(Agency::Triage, |(a, _)| a)));
    let mut lines = vec![cx.t(keys::REVIEW_HEADER), cx.tr(keys::REVIEW_KIND, &[("kind", kind.into())])];
    lines.push(cx.tr(keys::REVIEW_AGENCY, &[("agency", agency.into())]));
    if let Some(implicated) = draft.implicated.filter(|_| draft.is_corruption()) {
        let name = cx.t(keys::agency_name(implicated));
        lines.push(cx.tr(keys::REVIEW_IMPLICATED, &[("agency", name.into())]));
    }
    if let Some(facts) = &draft.corruption {
        for (key, value) in [
            (keys::REVIEW_BODY_TEXT, &facts.body),
            (keys::REVIEW_POSITION, &facts.position),
            (keys::REVIEW_WHEN, &facts.when),
            (keys::REVIEW_AMOUNT, &facts.amount),
        ] {
            if let Some(value) = value {
                lines.push(cx.tr(key, &[("value", value.as_str().into())]));
            }
        }
    }
    lines.push(match &draft.place {
        Some(place) => cx.tr(keys::REVIEW_PLACE, &[("place", ticket_text::place(cx, place).into())]),
        None => cx.t(keys::REVIEW_NO_PLACE),
    });
    lines.push(cx.t(match (&draft.contact, draft.anonymous) {
        (_, true) => keys::REVIEW_ANONYMOUS,
        (ContactConsent::Telegram, false) => keys::REVIEW_CONTACT_TELEGRAM,
        (ContactConsent::Phone(_), false) => keys::REVIEW_CONTACT_PHONE,
        (ContactConsent::None, false) => keys::REVIEW_CONTACT_NONE,
    }));
    if !draft.attachments.is_empty() {
        let count = i64::try_from(draft.attachments.len()).unwrap_or(i64::MAX);
        lines.push(cx.tr(keys::REVIEW_FILES, &[("count", count.into())]));
    }
    if !draft.texts.is_empty() {
        lines.push(cx.tr(keys::REVIEW_TEXT, &[("text", preview(&draft.joined_text(), PREVIEW_CHARS).into())]));
    }
    lines.push(cx.t(keys::REVIEW_CONFIRM));
    lines.join("\n")
}

/// Submit, add more, or more text.
pub(crate) fn on(cx: &mut Ctx, draft: &AppealDraft, input: &Input) -> Option<DialogState> {
    match input {
        Input::Action(Action::Submit(nonce)) if *nonce == draft.fingerprint() => {
            let ticket = draft.to_ticket(cx.lang)?;
            cx.effect(Effect::OpenTicket(Box::new(ticket)));
            Some(DialogState::Appeal { draft: Box::new(draft.clone()), stage: AppealStage::Submitting })
        }
        Input::Action(Action::Edit) if draft.is_corruption() => {
            Some(corruption::ask(cx, draft.clone(), CorruptionQuestion::Evidence))
        }
        Input::Action(Action::Edit) => {
            let keyboard = crate::keyboards::done_cancel(cx);
            cx.say(keys::DESCRIBE_CONTINUE, keyboard);
            Some(DialogState::Appeal { draft: Box::new(draft.clone()), stage: AppealStage::Describing })
        }
        // Typed at the review: added to the description, and the review shown again (its new
        // fingerprint makes the previous submit button stale).
        Input::Text(text) => {
            let mut draft = draft.clone();
            if draft.push_text(text).is_err() {
                cx.say(keys::DRAFT_FULL, Keyboard::None);
            }
            Some(show(cx, draft))
        }
        _ => None,
    }
}

/// The ticket was opened: its number, the due date in words, and for an anonymous report the
/// receipt code. Only the submitting step takes this answer.
pub(crate) fn on_opened(cx: &mut Ctx, state: &DialogState, opened: TicketOpened) -> DialogState {
    let DialogState::Appeal { draft, stage: AppealStage::Submitting } = state else {
        return state.clone();
    };
    if draft.anonymous {
        // An anonymous report is not an appeal under Law No. 67: no statutory answer term to
        // promise (the corruption intro says so too).
        cx.say_with(keys::TICKET_OPENED_ANONYMOUS, &[("number", opened.number.as_str().into())], Keyboard::None);
    } else {
        let due = ticket_text::date(cx, opened.due_date);
        let days = i64::from(opened.working_days);
        cx.say_with(
            keys::TICKET_OPENED,
            &[("number", opened.number.as_str().into()), ("due", due.into()), ("days", days.into())],
            Keyboard::None,
        );
    }
    if draft.anonymous {
        match &opened.receipt {
            Some(code) => cx.say_with(keys::TICKET_RECEIPT, &[("code", code.as_str().into())], Keyboard::None),
            None => cx.say(keys::TICKET_RECEIPT_MISSING, Keyboard::None),
        }
    }
    menu::show(cx)
}
