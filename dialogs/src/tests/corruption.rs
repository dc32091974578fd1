//! Corruption reports: protection first, anonymous or not, the questions, evidence, submit with
//! a receipt code; always to the anti-corruption body with the accused body as `implicated`.

use classifier::{Agency, Kind, Lang};

use super::driver::{Chat, opened};
use crate::action::{Action, MenuItem};
use crate::effect::ContactConsent;
use crate::i18n::keys;
use crate::places::Place;
use crate::state::{AppealStage, CorruptionQuestion, DialogState};
use crate::{Attachment, Classification, Event, MediaKind, UiLang};

#[test]
fn an_anonymous_report_from_the_menu_gets_a_number_and_a_receipt() {
    for lang in UiLang::ALL {
        let mut chat = Chat::new(Some(lang));
        chat.press_action_or_menu(MenuItem::Corruption);
        assert!(chat.said(keys::CORRUPTION_INTRO), "protection is explained first");
        chat.press_action(Action::Anonymous(true));
        assert!(chat.said(keys::CORRUPTION_ANONYMOUS_NOTE) && chat.said(keys::CORRUPTION_WHAT));
        chat.text("Инспектор попросил деньги за справку");
        assert!(chat.said(keys::CORRUPTION_BODY));
        chat.press_action(Action::AgencyPage(1));
        chat.press_action(Action::Agency(Agency::DigitalServices));
        chat.text("специалист ЦОН");
        chat.text("вчера");
        chat.text("ЦОН №3, Бишкек");
        chat.text("2000 сом");
        assert!(chat.said(keys::CORRUPTION_EVIDENCE));
        chat.send(Event::Media {
            attachment: Attachment { kind: MediaKind::Audio, file_id: "a1".into() },
            caption: None,
        });
        assert!(chat.said(keys::EVIDENCE_ADDED));
        chat.press_action(Action::Done);
        // Anonymous: no contact question, straight to the review.
        assert!(matches!(chat.state, DialogState::Appeal { stage: AppealStage::Review, .. }));
        assert!(chat.all_text().contains(&chat.t(keys::REVIEW_ANONYMOUS)));
        chat.press(|a| matches!(a, Action::Submit(_)));
        let t = chat.opened()[0].clone();
        assert_eq!(
            (t.kind, t.agency, t.implicated),
            (Kind::Corruption, Agency::Anticorruption, Some(Agency::DigitalServices))
        );
        assert!(t.anonymous);
        assert_eq!(t.contact, ContactConsent::None);
        let facts = t.corruption.unwrap();
        assert_eq!(facts.position.as_deref(), Some("специалист ЦОН"));
        assert_eq!(facts.when.as_deref(), Some("вчера"));
        assert_eq!(facts.amount.as_deref(), Some("2000 сом"));
        assert_eq!(t.place, Some(Place::Text("ЦОН №3, Бишкек".into())));
        chat.send(opened("KR-2026-000777", Some("7F3K-92QD")));
        assert!(chat.said_with(keys::TICKET_RECEIPT, &[("code", "7F3K-92QD".into())]));
    }
}

#[test]
fn a_named_report_skips_questions_and_asks_for_contact() {
    let mut chat = Chat::new(Some(UiLang::Ky));
    chat.press_action_or_menu(MenuItem::Corruption);
    chat.press_action(Action::Anonymous(false));
    chat.text("Бала бакчага орун үчүн акча сурашты");
    chat.press_action(Action::Skip); // body
    chat.press_action(Action::Skip); // position
    chat.press_action(Action::Skip); // when
    chat.press_action(Action::Skip); // where
    chat.press_action(Action::Skip); // amount
    chat.press_action(Action::Done); // no evidence
    assert!(matches!(chat.state, DialogState::Appeal { stage: AppealStage::Contact, .. }));
    chat.press_action(Action::Consent(true));
    chat.press(|a| matches!(a, Action::Submit(_)));
    chat.send(opened("KR-2026-000778", None));
    assert!(!chat.all_text().contains("код"), "no receipt for a named report");
    assert!(!chat.opened()[0].anonymous);
}

#[test]
fn a_classified_corruption_report_goes_to_the_anticorruption_body_with_the_accused_body_implicated() {
    let mut chat = Chat::new(Some(UiLang::Ru));
    chat.text("Гаишник на трассе Бишкек–Ош требовал 5000 сом");
    chat.send(Event::Classified(Classification {
        lang: Lang::Ru,
        kind: Kind::Corruption,
        agency: Agency::Police, // even if a classifier got the rule wrong, the engine applies it
        implicated: Some(Agency::Police),
        confidence: 0.9,
        alternatives: vec![(Agency::Transport, 0.3)],
    }));
    assert!(chat.said(keys::ROUTE_SUGGEST_CORRUPTION));
    chat.press_action(Action::RouteOk);
    assert!(chat.said(keys::CORRUPTION_INTRO));
    chat.press_action(Action::Anonymous(true));
    // "What" and "which body" are known: the position comes next.
    assert!(matches!(
        chat.state,
        DialogState::Appeal { stage: AppealStage::Corruption(CorruptionQuestion::Position), .. }
    ));
    for _ in 0..4 {
        chat.press_action(Action::Skip);
    }
    chat.press_action(Action::Done);
    chat.press(|a| matches!(a, Action::Submit(_)));
    let t = chat.opened()[0];
    assert_eq!((t.agency, t.implicated), (Agency::Anticorruption, Some(Agency::Police)));
}

#[test]
fn choosing_another_agency_turns_a_suspected_report_into_a_complaint() {
    let mut chat = Chat::new(Some(UiLang::Ru));
    chat.text("Врач грубил");
    chat.send(Event::Classified(Classification {
        lang: Lang::Ru,
        kind: Kind::Corruption,
        agency: Agency::Anticorruption,
        implicated: Some(Agency::Health),
        confidence: 0.5,
        alternatives: vec![(Agency::Health, 0.4)],
    }));
    chat.press_action(Action::Agency(Agency::Health));
    chat.press_action(Action::Done);
    chat.press_action(Action::Skip);
    chat.press_action(Action::Consent(false));
    chat.press(|a| matches!(a, Action::Submit(_)));
    let t = chat.opened()[0];
    assert_eq!((t.kind, t.agency, t.implicated), (Kind::Complaint, Agency::Health, None));
}

#[test]
fn the_body_list_is_paged_and_accepts_a_name_in_words() {
    let mut chat = Chat::new(Some(UiLang::Ru));
    chat.press_action_or_menu(MenuItem::Corruption);
    chat.press_action(Action::Anonymous(true));
    chat.text("Взятка");
    chat.press_action(Action::AgencyPage(1));
    chat.text("районный акимиат");
    assert!(chat.said(keys::CORRUPTION_POSITION));
    let DialogState::Appeal { draft, .. } = &chat.state else { panic!() };
    assert_eq!(draft.corruption.as_ref().and_then(|f| f.body.as_deref()), Some("районный акимиат"));
}
