//! My appeals: the list with status and deadline, one ticket with its thread, adding information,
//! withdrawing (with a confirmation).
//!
//! ```text
//! citizen: /my                                   (effect: ListTickets → TicketsListed)
//! bot: Сиздин кайрылууларыңыз (2): …              [KR-2026-000123] [KR-2026-000098]
//! citizen: [KR-2026-000123]                      (effect: ShowTicket → TicketShown)
//! bot: KR-2026-000123 · даттануу · …              [Маалымат кошуу] [Кайтарып алуу] [Тизмеге]
//! ```

use crate::action::Action;
use crate::answers::{TicketRef, TicketStatus, TicketSummary, TicketView};
use crate::effect::{Effect, RatingTarget};
use crate::engine::Input;
use crate::engine::ctx::{Ctx, preview};
use crate::flows::{idle, menu, rating, ticket_text};
use crate::i18n::keys;
use crate::keyboards::{in_pairs, main_menu};
use crate::reply::{Button, Keyboard};
use crate::state::{DialogState, MyAppealsStage as S};

/// Tickets listed with a button each; the rest are counted.
const MAX_LISTED: usize = 10;
/// The thread shown is cut to this many characters, keeping the newest messages.
const THREAD_BUDGET: usize = 3000;
/// One thread message is cut to this length.
const ENTRY_CHARS: usize = 800;

/// Asks the adapter for the list.
pub(crate) fn start(cx: &mut Ctx) -> DialogState {
    cx.effect(Effect::ListTickets);
    DialogState::MyAppeals(S::Loading)
}

/// Asks the adapter for one ticket.
pub(crate) fn open(cx: &mut Ctx, number: TicketRef) -> DialogState {
    cx.effect(Effect::ShowTicket(number.clone()));
    DialogState::MyAppeals(S::LoadingTicket(number))
}

/// The list arrived.
pub(crate) fn on_listed(cx: &mut Ctx, state: &DialogState, list: Vec<TicketSummary>) -> DialogState {
    if *state != DialogState::MyAppeals(S::Loading) {
        return state.clone();
    }
    if list.is_empty() {
        let keyboard = main_menu(cx);
        cx.say(keys::MY_EMPTY, keyboard);
        return DialogState::Idle;
    }
    let count = i64::try_from(list.len()).unwrap_or(i64::MAX);
    let mut lines = vec![cx.tr(keys::MY_HEADER, &[("count", count.into())])];
    lines.extend(list.iter().take(MAX_LISTED).map(|s| ticket_text::summary_line(cx, s)));
    if list.len() > MAX_LISTED {
        let more = i64::try_from(list.len() - MAX_LISTED).unwrap_or(i64::MAX);
        lines.push(cx.tr(keys::MY_MORE, &[("count", more.into())]));
    }
    let buttons: Vec<Button> = list
        .iter()
        .take(MAX_LISTED)
        .map(|s| cx.button_text(s.number.to_string(), Action::Open(s.number.clone())))
        .collect();
    let mut rows = in_pairs(buttons);
    rows.push(vec![cx.button(keys::BTN_MENU, Action::Cancel)]);
    cx.say_text(lines.join("\n\n"), Keyboard::Inline(rows));
    DialogState::MyAppeals(S::Listing)
}

/// One ticket arrived.
pub(crate) fn on_shown(cx: &mut Ctx, state: &DialogState, view: TicketView) -> DialogState {
    match state {
        DialogState::MyAppeals(S::LoadingTicket(number)) if *number == view.summary.number => {}
        // The withdrawal went through: say so only now, then rest.
        DialogState::MyAppeals(S::Withdrawing(number)) if *number == view.summary.number => {
            cx.say_with(keys::WITHDRAWN, &[("number", number.as_str().into())], Keyboard::None);
            return menu::show(cx);
        }
        _ => return state.clone(),
    }
    let number = view.summary.number.clone();
    let open = view.summary.status.is_open();
    let mut text = ticket_text::summary_line(cx, &view.summary);
    let mut thread: Vec<String> = Vec::new();
    let mut used = 0;
    for entry in view.thread.iter().rev() {
        let line = cx.tr(
            keys::THREAD_ENTRY,
            &[
                ("author", ticket_text::author(cx, entry.author).into()),
                ("date", ticket_text::date(cx, entry.date).into()),
                ("text", preview(&entry.text, ENTRY_CHARS).into()),
            ],
        );
        used += line.chars().count();
        if used > THREAD_BUDGET {
            thread.push(cx.t(keys::THREAD_EARLIER_OMITTED));
            break;
        }
        thread.push(line);
    }
    thread.reverse();
    if !thread.is_empty() {
        text.push_str("\n\n");
        text.push_str(&thread.join("\n\n"));
    }
    let mut rows = Vec::new();
    if open {
        rows.push(vec![
            cx.button(keys::BTN_ADD_INFO, Action::AddInfo(number.clone())),
            cx.button(keys::BTN_WITHDRAW, Action::Withdraw(number.clone())),
        ]);
    }
    if matches!(view.summary.status, TicketStatus::Answered | TicketStatus::Closed) {
        rows.push(vec![cx.button(keys::BTN_RATE_ANSWER, Action::RateTicket(number.clone()))]);
    }
    rows.push(vec![cx.button(keys::BTN_BACK_TO_LIST, Action::BackToList)]);
    cx.say_text(text, Keyboard::Inline(rows));
    DialogState::MyAppeals(S::Viewing { number, open })
}

/// The step's question again.
pub(crate) fn prompt(cx: &mut Ctx, stage: &S) {
    match stage {
        S::Loading | S::LoadingTicket(_) | S::Withdrawing(_) => cx.say(keys::PLEASE_WAIT, Keyboard::None),
        S::Listing | S::Viewing { .. } => menu::prompt(cx),
        S::AddingInfo(_) => ask_info(cx),
        S::ConfirmingWithdraw(number) => ask_withdraw(cx, number),
    }
}

fn ask_info(cx: &mut Ctx) {
    let keyboard = Keyboard::Inline(vec![vec![cx.button(keys::BTN_DONE, Action::Done)]]);
    cx.say(keys::ADD_INFO_ASK, keyboard);
}

fn ask_withdraw(cx: &mut Ctx, number: &TicketRef) {
    let keyboard = Keyboard::Inline(vec![
        vec![cx.button(keys::BTN_WITHDRAW_YES, Action::WithdrawConfirm(number.clone()))],
        vec![cx.button(keys::BTN_WITHDRAW_NO, Action::Open(number.clone()))],
    ]);
    cx.say_with(keys::WITHDRAW_CONFIRM, &[("number", number.as_str().into())], keyboard);
}

/// The citizen's input at the current step.
pub(crate) fn on(cx: &mut Ctx, stage: &S, input: &Input) -> Option<DialogState> {
    match (stage, input) {
        (S::Loading | S::LoadingTicket(_) | S::Withdrawing(_), _) => None,
        (_, Input::Action(Action::Cancel)) => Some(menu::show(cx)),
        (S::Listing | S::Viewing { .. }, Input::Action(Action::Open(number))) => Some(open(cx, number.clone())),
        (S::Listing | S::Viewing { .. }, Input::Action(Action::Menu(item))) => Some(menu::choose(cx, *item)),
        (S::Listing | S::Viewing { .. }, Input::Action(Action::BackToList)) => Some(start(cx)),
        // Free text at any time: a resting list is no obstacle to a new appeal.
        (S::Listing | S::Viewing { .. }, Input::Text(text)) => Some(idle::start_from_text(cx, text, None)),
        (S::Viewing { number, open: true }, Input::Action(Action::AddInfo(n))) if n == number => {
            ask_info(cx);
            Some(DialogState::MyAppeals(S::AddingInfo(number.clone())))
        }
        (S::Viewing { number, open: true }, Input::Action(Action::Withdraw(n))) if n == number => {
            ask_withdraw(cx, number);
            Some(DialogState::MyAppeals(S::ConfirmingWithdraw(number.clone())))
        }
        (S::Viewing { number, .. }, Input::Action(Action::RateTicket(n))) if n == number => {
            Some(rating::start_for(cx, RatingTarget::Ticket(number.clone()), None))
        }
        (S::AddingInfo(number), Input::Text(text)) => Some(add_info(cx, number, Some(text.clone()), None)),
        (S::AddingInfo(number), Input::Media { attachment, caption }) => {
            Some(add_info(cx, number, caption.clone(), Some(attachment.clone())))
        }
        (S::AddingInfo(_), Input::Action(Action::Done)) => Some(menu::show(cx)),
        (S::ConfirmingWithdraw(number), Input::Action(Action::WithdrawConfirm(n))) if n == number => {
            // "Withdrawn" is said once the adapter shows the ticket withdrawn: a ticket closed
            // meanwhile refuses, and the citizen must not read both "withdrawn" and "refused".
            cx.effect(Effect::Withdraw(number.clone()));
            cx.effect(Effect::ShowTicket(number.clone()));
            Some(DialogState::MyAppeals(S::Withdrawing(number.clone())))
        }
        (S::ConfirmingWithdraw(number), Input::Action(Action::Open(n))) if n == number => {
            Some(open(cx, number.clone()))
        }
        _ => None,
    }
}

/// One message added to the ticket; more may follow until "Done".
fn add_info(
    cx: &mut Ctx,
    number: &TicketRef,
    text: Option<String>,
    attachment: Option<crate::event::Attachment>,
) -> DialogState {
    cx.effect(Effect::AddInfo { number: number.clone(), text, attachment });
    let keyboard = Keyboard::Inline(vec![vec![cx.button(keys::BTN_DONE, Action::Done)]]);
    cx.say_with(keys::INFO_ADDED, &[("number", number.as_str().into())], keyboard);
    DialogState::MyAppeals(S::AddingInfo(number.clone()))
}
