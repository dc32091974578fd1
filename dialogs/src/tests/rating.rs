//! Ratings: choose the service, 1–5, optional comment; 1–2 offers a complaint.

use classifier::{Agency, Kind};

use super::driver::{Chat, classified, tref};
use crate::action::{Action, MenuItem};
use crate::effect::{RatingDraft, RatingTarget, RouteSource, Score};
use crate::i18n::keys;
use crate::state::{AppealStage, DialogState};
use crate::{Effect, UiLang};

fn recorded(chat: &Chat) -> Vec<RatingDraft> {
    chat.effects
        .iter()
        .filter_map(|e| match e {
            Effect::RecordRating(r) => Some(r.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn a_good_rating_with_a_comment() {
    for lang in UiLang::ALL {
        let mut chat = Chat::new(Some(lang));
        chat.press_action_or_menu(MenuItem::Rating);
        assert!(chat.said(keys::RATING_CHOOSE_SERVICE));
        chat.press_action(Action::AgencyPage(1));
        chat.press_action(Action::Agency(Agency::DigitalServices));
        chat.press_action(Action::Score(5));
        assert!(chat.said(keys::RATING_COMMENT));
        chat.text("Быстро и вежливо");
        assert_eq!(
            recorded(&chat),
            vec![RatingDraft {
                target: RatingTarget::Service { agency: Agency::DigitalServices, service: None },
                score: Score::try_from(5).unwrap(),
                comment: Some("Быстро и вежливо".into()),
            }]
        );
        assert!(chat.said(keys::RATING_THANKS));
        assert_eq!(chat.state, DialogState::Idle);
    }
}

#[test]
fn a_low_rating_offers_a_complaint_to_the_same_agency() {
    for lang in UiLang::ALL {
        let mut chat = Chat::new(Some(lang));
        chat.press_action_or_menu(MenuItem::Rating);
        chat.press_action(Action::Agency(Agency::Health));
        chat.press_action(Action::Score(1));
        chat.press_action(Action::Skip);
        assert!(chat.said(keys::RATING_OFFER_COMPLAINT));
        chat.press_action(Action::RatingToComplaint(true));
        let DialogState::Appeal { draft, stage } = &chat.state else { panic!("{:?}", chat.state) };
        assert_eq!(*stage, AppealStage::Describing);
        assert_eq!(draft.route, Some((Agency::Health, RouteSource::Preset)));

        let mut chat = Chat::new(Some(lang));
        chat.press_action_or_menu(MenuItem::Rating);
        chat.press_action(Action::Agency(Agency::Health));
        chat.press_action(Action::Score(2));
        chat.press_action(Action::Skip);
        chat.press_action(Action::RatingToComplaint(false));
        assert_eq!(chat.state, DialogState::Idle);
    }
}

#[test]
fn a_classified_rating_keeps_the_message_as_the_comment() {
    let mut chat = Chat::new(Some(UiLang::Ky));
    chat.text("ЦОНдо тейлөө жакшы болду, рахмат");
    chat.send(classified(Kind::Rating, Agency::DigitalServices, 0.9));
    chat.press_action(Action::RouteOk);
    chat.press_action(Action::Score(4));
    let r = &recorded(&chat)[0];
    assert_eq!(r.comment.as_deref(), Some("ЦОНдо тейлөө жакшы болду, рахмат"));
}

#[test]
fn a_double_tap_on_a_score_records_one_rating() {
    let mut chat = Chat::new(Some(UiLang::Ru));
    chat.send(crate::Event::Start { payload: Some("rate_tax".into()), language_code: None });
    let five = Action::Score(5).encode();
    chat.send(crate::Event::Button(five.clone()));
    chat.send(crate::Event::Button(five));
    assert!(chat.said(keys::STALE_BUTTON));
    chat.send(crate::Event::Button(Action::Skip.encode()));
    assert_eq!(recorded(&chat).len(), 1);
}

#[test]
fn an_answered_ticket_can_be_rated() {
    let mut chat = Chat::new(Some(UiLang::Ru));
    chat.send(crate::Event::Start { payload: Some("t_KR-2026-000005".into()), language_code: None });
    chat.send(super::my_appeals::shown("KR-2026-000005", crate::TicketStatus::Answered));
    chat.press_action(Action::RateTicket(tref("KR-2026-000005")));
    chat.press_action(Action::Score(2));
    chat.press_action(Action::Skip);
    assert_eq!(recorded(&chat)[0].target, RatingTarget::Ticket(tref("KR-2026-000005")));
    assert_eq!(chat.state, DialogState::Idle, "no complaint offer for a ticket's rating");
}
