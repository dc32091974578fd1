//! Complaints: free text routed by the classifier, and the menu path with several messages,
//! media, region and district, contact consent, review and submit.

use classifier::{Agency, Kind};

use super::driver::{Chat, classified, opened};
use crate::action::{Action, MenuItem};
use crate::effect::{ContactConsent, RouteSource};
use crate::i18n::keys;
use crate::places::{District, GeoPoint, Place, Region};
use crate::state::{AppealStage, DialogState};
use crate::{Attachment, Effect, Event, MediaKind, UiLang};

fn photo(id: &str) -> Event {
    Event::Media { attachment: Attachment { kind: MediaKind::Photo, file_id: id.into() }, caption: None }
}

fn stage(chat: &Chat) -> AppealStage {
    match &chat.state {
        DialogState::Appeal { stage, .. } => stage.clone(),
        other => panic!("not in an appeal: {other:?}"),
    }
}

#[test]
fn free_text_is_classified_confirmed_and_submitted() {
    for lang in UiLang::ALL {
        let mut chat = Chat::new(Some(lang));
        chat.text("В поликлинике №3 второй месяц нет инсулина");
        assert_eq!(
            chat.last_effects(),
            &[Effect::Classify {
                text: "В поликлинике №3 второй месяц нет инсулина".into()
            }]
        );
        chat.send(classified(Kind::Complaint, Agency::Health, 0.8));
        let kind = chat.t(keys::kind(Kind::Complaint));
        let agency = chat.t(keys::agency_name(Agency::Health));
        assert!(chat.said_with(keys::ROUTE_SUGGEST, &[("kind", kind.into()), ("agency", agency.into())]));
        // The alternatives are offered (without the dispatcher), and "other agency".
        let offered: Vec<_> = chat.last.replies[0].keyboard.buttons().filter_map(|b| Action::decode(&b.data)).collect();
        assert!(offered.contains(&Action::Agency(Agency::Local)) && offered.contains(&Action::AgencyPage(0)));
        assert!(!offered.contains(&Action::Agency(Agency::Triage)));

        chat.press_action(Action::RouteOk);
        assert_eq!(stage(&chat), AppealStage::Describing);
        chat.send(photo("p1"));
        chat.press_action(Action::Done);
        assert_eq!(stage(&chat), AppealStage::Region);
        assert!(chat.last.replies.iter().any(|r| matches!(r.keyboard, crate::Keyboard::RequestLocation { .. })));
        chat.press_action(Action::Region(Region::Chuy));
        assert_eq!(stage(&chat), AppealStage::District(Region::Chuy));
        chat.press_action(Action::District(District::Sokuluk));
        assert_eq!(stage(&chat), AppealStage::Contact);
        chat.press_action(Action::Consent(true));
        assert_eq!(stage(&chat), AppealStage::Review);
        assert!(chat.all_text().contains(&chat.t(keys::district(District::Sokuluk))));

        chat.press(|a| matches!(a, Action::Submit(_)));
        let tickets = chat.opened();
        assert_eq!(tickets.len(), 1);
        let t = tickets[0];
        assert_eq!((t.kind, t.agency, t.lang), (Kind::Complaint, Agency::Health, lang));
        assert_eq!(t.place, Some(Place::Region { region: Region::Chuy, district: Some(District::Sokuluk) }));
        assert_eq!(t.contact, ContactConsent::Telegram);
        assert_eq!(t.attachments.len(), 1);
        assert_eq!(t.routing.source, RouteSource::Accepted);
        assert_eq!(t.routing.suggested.as_ref().map(|c| c.agency), Some(Agency::Health));

        chat.send(opened("KR-2026-000123", None));
        let due = chat.t_with(
            keys::DATE_IN_WORDS,
            &crate::i18n::date_args(chrono::NaiveDate::from_ymd_opt(2026, 6, 24).unwrap()),
        );
        assert!(chat.said_with(
            keys::TICKET_OPENED,
            &[("number", "KR-2026-000123".into()), ("due", due.into()), ("days", 14.into())]
        ));
        assert_eq!(chat.state, DialogState::Idle);
    }
}

#[test]
fn a_complaint_from_the_menu_takes_several_messages_and_media() {
    for lang in UiLang::ALL {
        let mut chat = Chat::new(Some(lang));
        chat.press_action_or_menu(MenuItem::Complaint);
        assert!(chat.said(keys::COMPLAINT_DESCRIBE));
        chat.text("Третий день нет света");
        chat.send(photo("p1"));
        chat.send(Event::Media {
            attachment: Attachment { kind: MediaKind::Voice, file_id: "v1".into() },
            caption: Some("Слышно, как трещит трансформатор".into()),
        });
        chat.text("Улица Ленина, 5");
        chat.press_action(Action::Done);
        // The whole description goes to the classifier.
        let [Effect::Classify { text }] = chat.last_effects() else { panic!("{:?}", chat.last_effects()) };
        assert_eq!(text.lines().count(), 3);
        chat.send(classified(Kind::Complaint, Agency::Energy, 0.9));
        // The citizen picks an alternative instead.
        chat.press_action(Action::Agency(Agency::Local));
        assert_eq!(stage(&chat), AppealStage::Region, "details were given already: straight to the place");
        chat.send(Event::Location(GeoPoint { latitude: 42.87, longitude: 74.59 }));
        assert!(chat.last.replies.iter().any(|r| r.keyboard == crate::Keyboard::Remove));
        chat.send(Event::Contact { phone: "+996700123456".into(), own: true });
        chat.press(|a| matches!(a, Action::Submit(_)));
        let t = chat.opened()[0];
        assert_eq!(t.agency, Agency::Local);
        assert_eq!(t.routing.source, RouteSource::Alternative);
        assert_eq!(t.routing.suggested.as_ref().map(|c| c.agency), Some(Agency::Energy), "both are kept");
        assert_eq!(t.messages.len(), 3);
        assert_eq!(t.attachments.len(), 2);
        assert_eq!(t.contact, ContactConsent::Phone("+996700123456".into()));
        assert!(matches!(t.place, Some(Place::Point(_))));
    }
}

#[test]
fn other_agency_shows_the_full_list_in_pages() {
    let mut chat = Chat::new(Some(UiLang::Ru));
    chat.text("Вопрос про землю");
    chat.send(classified(Kind::Question, Agency::Tax, 0.6));
    chat.press_action(Action::AgencyPage(0));
    chat.press_action(Action::AgencyPage(1));
    chat.press_action(Action::AgencyPage(2));
    let pages: Vec<_> = chat.last.replies[0].keyboard.buttons().filter_map(|b| Action::decode(&b.data)).collect();
    assert!(pages.contains(&Action::AgencyPage(1)), "a way back");
    chat.press_action(Action::AgencyPage(1));
    chat.press_action(Action::Agency(Agency::Land));
    chat.press_action(Action::Done);
    chat.press_action(Action::Skip); // no place
    chat.press_action(Action::Consent(false));
    chat.press(|a| matches!(a, Action::Submit(_)));
    let t = chat.opened()[0];
    assert_eq!((t.kind, t.agency, t.routing.source), (Kind::Question, Agency::Land, RouteSource::FromList));
    assert_eq!(t.place, None);
}

#[test]
fn an_unsure_classifier_lets_the_citizen_choose_or_leave_it_to_the_dispatcher() {
    let mut chat = Chat::new(Some(UiLang::Ky));
    chat.text("жардам");
    chat.send(classified(Kind::Question, Agency::Triage, 0.2));
    assert!(chat.said(keys::ROUTE_UNSURE));
    chat.press_action(Action::Agency(Agency::Triage));
    assert_eq!(stage(&chat), AppealStage::Describing);
}

#[test]
fn a_city_has_no_districts_and_a_place_can_be_written() {
    let mut chat = Chat::new(Some(UiLang::Ru));
    chat.text("Яма на дороге");
    chat.send(classified(Kind::Complaint, Agency::Local, 0.9));
    chat.press_action(Action::RouteOk);
    chat.press_action(Action::Done);
    chat.press_action(Action::Region(Region::Bishkek));
    assert_eq!(stage(&chat), AppealStage::Contact);
    let mut chat2 = Chat::new(Some(UiLang::Ru));
    chat2.text("Яма на дороге");
    chat2.send(classified(Kind::Complaint, Agency::Local, 0.9));
    chat2.press_action(Action::RouteOk);
    chat2.press_action(Action::Done);
    chat2.text("село Кара-Жыгач, ул. Токтогула");
    chat2.press_action(Action::Consent(false));
    chat2.press(|a| matches!(a, Action::Submit(_)));
    assert_eq!(chat2.opened()[0].place, Some(Place::Text("село Кара-Жыгач, ул. Токтогула".into())));
}

#[test]
fn a_double_submit_opens_one_ticket() {
    let mut chat = Chat::new(Some(UiLang::Ru));
    chat.text("Не выдают паспорт");
    chat.send(classified(Kind::Complaint, Agency::DigitalServices, 0.9));
    chat.press_action(Action::RouteOk);
    chat.press_action(Action::Done);
    chat.press_action(Action::Skip);
    chat.press_action(Action::Consent(true));
    let submit = chat
        .last
        .replies
        .iter()
        .flat_map(|r| r.keyboard.buttons())
        .find(|b| matches!(Action::decode(&b.data), Some(Action::Submit(_))))
        .unwrap()
        .data
        .clone();
    chat.send(Event::Button(submit.clone()));
    chat.send(Event::Button(submit.clone())); // double tap before the answer
    assert!(chat.said(keys::STALE_BUTTON));
    chat.send(opened("KR-2026-000001", None));
    chat.send(Event::Button(submit)); // the old review message, later
    assert!(chat.said(keys::STALE_BUTTON));
    assert!(chat.last_effects().is_empty());
    assert_eq!(chat.opened().len(), 1);
}

#[test]
fn a_submit_button_from_an_older_review_does_not_send_a_changed_draft() {
    let mut chat = Chat::new(Some(UiLang::Ky));
    chat.text("Мектепте окуу китептери жок");
    chat.send(classified(Kind::Complaint, Agency::Education, 0.9));
    chat.press_action(Action::RouteOk);
    chat.press_action(Action::Done);
    chat.press_action(Action::Skip);
    chat.press_action(Action::Consent(false));
    let old = chat
        .last
        .replies
        .iter()
        .flat_map(|r| r.keyboard.buttons())
        .find(|b| b.data.as_str().starts_with("s:"))
        .unwrap()
        .data
        .clone();
    chat.text("Дагы: мугалимдер жетишпейт");
    assert_eq!(stage(&chat), AppealStage::Review);
    let new = chat
        .last
        .replies
        .iter()
        .flat_map(|r| r.keyboard.buttons())
        .find(|b| b.data.as_str().starts_with("s:"))
        .unwrap()
        .data
        .clone();
    assert_ne!(old, new);
    chat.send(Event::Button(old));
    assert!(chat.said(keys::STALE_BUTTON));
    assert!(chat.opened().is_empty());
    chat.send(Event::Button(new));
    assert_eq!(chat.opened()[0].messages.len(), 2);
}

#[test]
fn a_failed_submit_returns_to_the_review_and_a_retry_works() {
    let mut chat = Chat::new(Some(UiLang::Ru));
    chat.text("Нет воды");
    chat.send(classified(Kind::Complaint, Agency::Local, 0.9));
    chat.press_action(Action::RouteOk);
    chat.press_action(Action::Done);
    chat.press_action(Action::Skip);
    chat.press_action(Action::Consent(false));
    chat.press(|a| matches!(a, Action::Submit(_)));
    chat.send(Event::Failed(crate::Failure::Unavailable));
    assert!(chat.said(keys::FAILED_UNAVAILABLE));
    assert_eq!(stage(&chat), AppealStage::Review);
    chat.press(|a| matches!(a, Action::Submit(_)));
    assert_eq!(chat.opened().len(), 2, "one failed attempt and one retry, never two tickets at once");
}

#[test]
fn a_failed_classification_lets_the_citizen_choose() {
    let mut chat = Chat::new(Some(UiLang::Ky));
    chat.text("Салык боюнча суроо");
    chat.send(Event::Failed(crate::Failure::Unavailable));
    assert_eq!(stage(&chat), AppealStage::ConfirmingRoute { page: Some(0) });
}

#[test]
fn a_question_from_the_classifier_with_more_text_is_classified_again() {
    let mut chat = Chat::new(Some(UiLang::Ru));
    chat.text("Как получить");
    chat.send(classified(Kind::Question, Agency::DigitalServices, 0.5));
    chat.text("загранпаспорт для ребёнка");
    assert!(matches!(chat.last_effects(), [Effect::Classify { text }] if text.contains("загранпаспорт")));
}

impl Chat {
    pub(crate) fn t(&self, key: crate::i18n::Key) -> String {
        crate::i18n::render(self.ui(), key, &[])
    }

    pub(crate) fn t_with(&self, key: crate::i18n::Key, args: &[(&str, crate::i18n::Arg<'_>)]) -> String {
        crate::i18n::render(self.ui(), key, args)
    }
}
