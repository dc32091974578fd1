//! My appeals: the list, one ticket with its thread, adding information, withdrawing.

use chrono::NaiveDate;
use classifier::{Agency, Kind};

use super::driver::{Chat, tref};
use crate::action::{Action, MenuItem};
use crate::answers::{Author, ThreadEntry, TicketStatus, TicketSummary, TicketView};
use crate::i18n::keys;
use crate::state::{DialogState, MyAppealsStage};
use crate::{Attachment, Command, Effect, Event, Failure, MediaKind, UiLang};

pub(crate) fn summary(number: &str, status: TicketStatus, days_left: Option<i64>) -> TicketSummary {
    TicketSummary {
        number: tref(number),
        kind: Kind::Complaint,
        agency: Agency::Energy,
        status,
        due_date: NaiveDate::from_ymd_opt(2026, 6, 24),
        days_left,
    }
}

pub(crate) fn shown(number: &str, status: TicketStatus) -> Event {
    Event::TicketShown(TicketView {
        summary: summary(number, status, Some(3)),
        thread: vec![
            ThreadEntry {
                author: Author::Citizen,
                date: NaiveDate::from_ymd_opt(2026, 6, 1).unwrap(),
                text: "Нет света".into(),
            },
            ThreadEntry {
                author: Author::Agency,
                date: NaiveDate::from_ymd_opt(2026, 6, 3).unwrap(),
                text: "Бригада выехала".into(),
            },
        ],
    })
}

#[test]
fn the_list_shows_status_and_deadline_and_opens_a_ticket() {
    for lang in UiLang::ALL {
        let mut chat = Chat::new(Some(lang));
        chat.send(Event::Command(Command::My));
        assert_eq!(chat.last_effects(), &[Effect::ListTickets]);
        chat.send(Event::TicketsListed(vec![
            summary("KR-2026-000123", TicketStatus::Assigned, Some(3)),
            summary("KR-2026-000098", TicketStatus::New, Some(-2)),
        ]));
        let text = chat.all_text();
        assert!(text.contains("KR-2026-000123") && text.contains(&chat.t(keys::status(TicketStatus::Assigned))));
        if lang == UiLang::Ru {
            assert!(text.contains("осталось 3 рабочих дня"), "{text}");
            assert!(text.contains("Просрочено на 2 рабочих дня"), "{text}");
        }
        chat.press_action(Action::Open(tref("KR-2026-000098")));
        assert_eq!(chat.last_effects(), &[Effect::ShowTicket(tref("KR-2026-000098"))]);
        chat.send(shown("KR-2026-000098", TicketStatus::New));
        assert!(chat.all_text().contains("Бригада выехала"));
        assert_eq!(
            chat.state,
            DialogState::MyAppeals(MyAppealsStage::Viewing { number: tref("KR-2026-000098"), open: true })
        );
    }
}

#[test]
fn an_empty_list_says_so() {
    let mut chat = Chat::new(Some(UiLang::Ky));
    chat.press_action_or_menu(MenuItem::MyAppeals);
    chat.send(Event::TicketsListed(vec![]));
    assert!(chat.said(keys::MY_EMPTY));
    assert_eq!(chat.state, DialogState::Idle);
}

#[test]
fn information_is_added_to_an_open_ticket() {
    for lang in UiLang::ALL {
        let mut chat = Chat::new(Some(lang));
        chat.send(Event::Start { payload: Some("t_KR-2026-000123".into()), language_code: None });
        chat.send(shown("KR-2026-000123", TicketStatus::Assigned));
        chat.press_action(Action::AddInfo(tref("KR-2026-000123")));
        chat.text("Свет дали на час и снова отключили");
        chat.send(Event::Media {
            attachment: Attachment { kind: MediaKind::Photo, file_id: "p9".into() },
            caption: None,
        });
        chat.press_action(Action::Done);
        let added: Vec<_> = chat.effects.iter().filter(|e| matches!(e, Effect::AddInfo { .. })).collect();
        assert_eq!(added.len(), 2);
        assert_eq!(chat.state, DialogState::Idle);
    }
}

#[test]
fn withdrawing_asks_first_and_a_double_tap_withdraws_once() {
    for lang in UiLang::ALL {
        let mut chat = Chat::new(Some(lang));
        chat.send(Event::Start { payload: Some("t_KR-2026-000123".into()), language_code: None });
        chat.send(shown("KR-2026-000123", TicketStatus::New));
        chat.press_action(Action::Withdraw(tref("KR-2026-000123")));
        assert!(chat.last_effects().is_empty(), "nothing happens before the confirmation");
        let yes = Action::WithdrawConfirm(tref("KR-2026-000123")).encode();
        chat.send(Event::Button(yes.clone()));
        chat.send(Event::Button(yes));
        assert!(chat.said(keys::STALE_BUTTON));
        let withdrawn = chat.effects.iter().filter(|e| matches!(e, Effect::Withdraw(_))).count();
        assert_eq!(withdrawn, 1);
    }
}

/// A chat that has just pressed "yes, withdraw" on an open ticket.
fn withdrawal_confirmed(lang: UiLang) -> Chat {
    let mut chat = Chat::new(Some(lang));
    chat.send(Event::Start { payload: Some("t_KR-2026-000123".into()), language_code: None });
    chat.send(shown("KR-2026-000123", TicketStatus::New));
    chat.press_action(Action::Withdraw(tref("KR-2026-000123")));
    chat.press_action(Action::WithdrawConfirm(tref("KR-2026-000123")));
    chat
}

#[test]
fn withdrawn_is_said_only_when_the_adapter_shows_the_ticket_withdrawn() {
    for lang in UiLang::ALL {
        let mut chat = withdrawal_confirmed(lang);
        assert_eq!(
            chat.last_effects(),
            &[Effect::Withdraw(tref("KR-2026-000123")), Effect::ShowTicket(tref("KR-2026-000123"))]
        );
        assert!(!chat.said_with(keys::WITHDRAWN, &[("number", "KR-2026-000123".into())]));
        chat.send(shown("KR-2026-000123", TicketStatus::Withdrawn));
        assert!(chat.said_with(keys::WITHDRAWN, &[("number", "KR-2026-000123".into())]));
        assert_eq!(chat.state, DialogState::Idle);
    }
}

#[test]
fn a_refused_withdrawal_is_never_announced_as_done() {
    for lang in UiLang::ALL {
        let mut chat = withdrawal_confirmed(lang);
        // The adapter answers in effect order: the refusal, then the ticket as it stands.
        chat.send(Event::Failed(Failure::Conflict));
        assert!(chat.said(keys::FAILED_CONFLICT));
        chat.send(shown("KR-2026-000123", TicketStatus::Closed));
        assert!(chat.last.replies.is_empty(), "the late view is ignored: {}", chat.all_text());
        assert_eq!(chat.state, DialogState::Idle);
    }
}

#[test]
fn no_keeps_the_ticket() {
    let mut chat = Chat::new(Some(UiLang::Ru));
    chat.send(Event::Start { payload: Some("t_KR-2026-000123".into()), language_code: None });
    chat.send(shown("KR-2026-000123", TicketStatus::New));
    chat.press_action(Action::Withdraw(tref("KR-2026-000123")));
    chat.press_action(Action::Open(tref("KR-2026-000123")));
    assert_eq!(chat.last_effects(), &[Effect::ShowTicket(tref("KR-2026-000123"))]);
}

#[test]
fn a_closed_ticket_offers_no_withdrawal_and_old_buttons_are_stale() {
    let mut chat = Chat::new(Some(UiLang::Ru));
    chat.send(Event::Start { payload: Some("t_KR-2026-000123".into()), language_code: None });
    chat.send(shown("KR-2026-000123", TicketStatus::Closed));
    let actions: Vec<_> = chat.last.replies[0].keyboard.buttons().filter_map(|b| Action::decode(&b.data)).collect();
    assert!(!actions.iter().any(|a| matches!(a, Action::Withdraw(_) | Action::AddInfo(_))));
    chat.send(Event::Button(Action::Withdraw(tref("KR-2026-000123")).encode()));
    assert!(chat.said(keys::STALE_BUTTON));
    assert!(chat.last_effects().is_empty());
}

#[test]
fn an_unknown_ticket_is_reported() {
    let mut chat = Chat::new(Some(UiLang::Ky));
    chat.send(Event::Start { payload: Some("t_KR-2026-999999".into()), language_code: None });
    chat.send(Event::Failed(Failure::NotFound));
    assert!(chat.said(keys::FAILED_NOT_FOUND));
    assert_eq!(chat.state, DialogState::Idle);
}

#[test]
fn a_long_thread_still_fits_one_message() {
    let mut chat = Chat::new(Some(UiLang::Ru));
    chat.send(Event::Start { payload: Some("t_KR-2026-000123".into()), language_code: None });
    let entry = ThreadEntry {
        author: Author::Agency,
        date: NaiveDate::from_ymd_opt(2026, 6, 3).unwrap(),
        text: "ж".repeat(4000),
    };
    chat.send(Event::TicketShown(TicketView {
        summary: summary("KR-2026-000123", TicketStatus::Answered, None),
        thread: vec![entry; 30],
    }));
    assert!(chat.said_containing(&chat.t(keys::THREAD_EARLIER_OMITTED)));
}

impl Chat {
    pub(crate) fn said_containing(&self, needle: &str) -> bool {
        self.last.replies.iter().any(|r| r.text.contains(needle))
    }
}
