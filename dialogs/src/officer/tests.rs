//! The officer desk's words: every button fits Telegram and reads back, cards carry what an
//! officer needs, the citizen sees the whole path and the verdict buttons.

use chrono::NaiveDate;
use classifier::{Agency, Kind};

use super::*;
use crate::answers::TicketStatus;
use crate::lang::UiLang;
use crate::reply::Keyboard;

fn facts(status: TicketStatus) -> CardFacts {
    CardFacts {
        ticket_id: 9_007_199_254_740_991,
        number: "KR-2026-000123".into(),
        kind: Kind::Complaint,
        agency: Agency::Health,
        status,
        region: Some(crate::places::Region::Naryn),
        first_response: NaiveDate::from_ymd_opt(2026, 3, 3).unwrap(),
        resolution: Due { date: NaiveDate::from_ymd_opt(2026, 3, 20).unwrap(), working_days_left: 3 },
        text: Some("Бейтапканада дары жок".into()),
        attachments: 2,
        anonymous: true,
        contact: None,
        path: vec![Agency::Police, Agency::Social, Agency::Health],
    }
}

#[test]
fn every_desk_button_fits_telegram_and_reads_back() {
    let id = i64::MAX;
    let mut all = vec![
        DeskButton::Open(id),
        DeskButton::Take(id),
        DeskButton::Reply(id),
        DeskButton::Ask(id),
        DeskButton::Redirect(id),
        DeskButton::Extend(id),
        DeskButton::Close(id),
        DeskButton::SendAnyway,
        DeskButton::CancelSend,
        DeskButton::NotResolved(id),
        DeskButton::BrushOff(id),
    ];
    all.extend(Agency::ALL.iter().map(|a| DeskButton::RedirectTo(id, Some(*a))));
    all.push(DeskButton::RedirectTo(id, None));
    all.extend((1..=5).map(|n| DeskButton::Score(id, n)));
    for button in all {
        let data = button.encode();
        assert!(data.as_str().len() <= crate::MAX_CALLBACK_BYTES, "{}", data.as_str());
        assert_eq!(DeskButton::decode(data.as_str()), Some(button));
    }
}

#[test]
fn foreign_or_damaged_data_is_not_a_desk_button() {
    for data in
        ["l:ky", "to:KR-2026-000001", "o:t", "o:t:x", "o:zz:1", "v:s:1:6", "v:s:1:0", "o:t:1:2", "o:dt:x:health"]
    {
        assert_eq!(DeskButton::decode(data), None, "{data}");
    }
}

#[test]
fn a_redirect_to_an_agency_this_version_does_not_know_still_reads_so_it_can_be_refused() {
    assert_eq!(DeskButton::decode("o:dt:7:nowhere"), Some(DeskButton::RedirectTo(7, None)));
}

#[test]
fn a_card_shows_number_kind_region_deadlines_path_and_buttons() {
    let card = card(UiLang::Ru, &facts(TicketStatus::New));
    for expected in ["KR-2026-000123", "жалоба", "Нарын", "20 марта 2026 г.", "осталось 3 рабочих дня", "Бейтапканада"]
    {
        assert!(card.text.contains(expected), "{expected} missing in {}", card.text);
    }
    assert!(card.text.contains("Перенаправлено 2 раза"), "{}", card.text);
    assert_eq!(card.keyboard.buttons().count(), 5, "take, reply, ask, redirect, extend");
    let answered = super::card(UiLang::Ky, &facts(TicketStatus::Answered));
    let buttons: Vec<_> = answered.keyboard.buttons().map(|b| b.data.as_str().to_owned()).collect();
    assert_eq!(buttons, ["o:c:9007199254740991"]);
    assert_eq!(super::card(UiLang::Ru, &facts(TicketStatus::Closed)).keyboard, Keyboard::None);
}

#[test]
fn a_consented_phone_is_on_the_card_and_nothing_else_of_the_citizen() {
    let mut named = facts(TicketStatus::New);
    named.anonymous = false;
    assert!(!card(UiLang::Ru, &named).text.contains("Контакт"));
    named.contact = Some("+996 555 123 456".into());
    assert!(card(UiLang::Ru, &named).text.contains("Контакт (заявитель согласился его передать): +996 555 123 456"));
}

#[test]
fn an_overdue_ticket_says_so() {
    let mut overdue = facts(TicketStatus::Assigned);
    overdue.resolution.working_days_left = -2;
    assert!(card(UiLang::Ru, &overdue).text.contains("просрочено на 2 рабочих дня"));
    assert!(card(UiLang::Ky, &overdue).text.contains("2 иш күнүнө кечикти"));
}

#[test]
fn the_citizen_sees_the_answer_in_their_frame_and_the_whole_path() {
    let frame =
        AnswerFrame {
            number: "KR-2026-000123".into(), agency: Agency::Health, text: Some("Дары келди.".into())
        };
    let ru = answer(UiLang::Ru, &frame);
    assert!(ru.text.starts_with("Ответ ведомства «Министерство здравоохранения» на обращение KR-2026-000123"));
    assert!(ru.text.ends_with("Дары келди."));
    let redirected = citizen_note(
        UiLang::Ru,
        &CitizenNote::Redirected {
            number: "KR-2026-000123".into(),
            from: Agency::Social,
            to: Agency::Health,
            reason: "не наша компетенция".into(),
            path: vec![Agency::Police, Agency::Social, Agency::Health],
        },
    );
    assert!(redirected.text.contains("Министерство внутренних дел → "), "{}", redirected.text);
    assert!(redirected.text.contains("хождение по кругу"), "two hand-overs are a runaround");
    let rate = citizen_note(UiLang::Ky, &CitizenNote::RateAnswer { ticket_id: 5 });
    let data: Vec<_> = rate.keyboard.buttons().map(|b| b.data.as_str().to_owned()).collect();
    assert_eq!(data, ["v:s:5:1", "v:s:5:2", "v:s:5:3", "v:s:5:4", "v:s:5:5", "v:n:5", "v:b:5"]);
}

#[test]
fn a_single_redirect_is_not_called_a_runaround() {
    let note = CitizenNote::Redirected {
        number: "KR-2026-000123".into(),
        from: Agency::Social,
        to: Agency::Health,
        reason: "x".into(),
        path: vec![Agency::Social, Agency::Health],
    };
    assert!(!citizen_note(UiLang::Ru, &note).text.contains("кругу"));
}

#[test]
fn the_language_check_offers_to_send_anyway_or_not() {
    let reply = note(
        UiLang::Ru,
        &OfficerNote::LangCheck { number: "KR-2026-000123".into(), appeal: UiLang::Ky, reply: UiLang::Ru },
    );
    assert!(reply.text.contains("«кыргызский»") && reply.text.contains("«русский»"), "{}", reply.text);
    let data: Vec<_> = reply.keyboard.buttons().map(|b| b.data.as_str().to_owned()).collect();
    assert_eq!(data, ["o:y", "o:n"]);
}

#[test]
fn redirect_choices_list_the_agencies_as_buttons() {
    let reply = redirect_choices(UiLang::Ru, "KR-2026-000001", 7, &[Agency::Health, Agency::Police, Agency::Tax]);
    let data: Vec<_> = reply.keyboard.buttons().map(|b| b.data.as_str().to_owned()).collect();
    assert_eq!(data, ["o:dt:7:health", "o:dt:7:police", "o:dt:7:tax"]);
}

#[test]
fn the_queue_lists_tickets_with_time_left_and_opens_them() {
    let reply = queue(UiLang::Ru, &[facts(TicketStatus::New)]);
    assert!(reply.text.contains("KR-2026-000123 · жалоба · осталось 3 рабочих дня"), "{}", reply.text);
    assert_eq!(reply.keyboard.buttons().next().map(|b| b.data.as_str()), Some("o:o:9007199254740991"));
    assert_eq!(queue(UiLang::Ky, &[]).keyboard, Keyboard::None);
}
