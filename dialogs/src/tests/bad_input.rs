//! Bad input: over-long text, unsupported things, a location or contact when not asked, commands
//! in the middle of a flow, stale buttons, edits, group chats, late answers, emergencies.

use classifier::{Agency, Kind};

use super::driver::{Chat, classified, opened};
use crate::action::{Action, MenuItem};
use crate::i18n::keys;
use crate::places::GeoPoint;
use crate::state::{AppealStage, DialogState};
use crate::{CallbackData, Command, Effect, Event, UiLang, Unsupported};

#[test]
fn over_long_text_is_refused_without_changing_anything() {
    for lang in UiLang::ALL {
        let mut chat = Chat::new(Some(lang));
        chat.press_action_or_menu(MenuItem::Complaint);
        let before = chat.state.clone();
        chat.text(&"а".repeat(4097));
        assert!(chat.said_with(keys::TEXT_TOO_LONG, &[("max", 4096.into())]));
        assert_eq!(chat.state, before);
        assert!(chat.last_effects().is_empty());
    }
}

#[test]
fn stickers_polls_games_and_dice_get_a_note() {
    for lang in UiLang::ALL {
        let mut chat = Chat::new(Some(lang));
        for thing in [Unsupported::Sticker, Unsupported::Poll, Unsupported::Game, Unsupported::Dice, Unsupported::Other]
        {
            chat.send(Event::Unsupported(thing));
            assert!(chat.said(keys::UNSUPPORTED));
            assert_eq!(chat.state, DialogState::Idle);
        }
    }
}

#[test]
fn a_location_or_contact_when_not_asked_is_declined_politely() {
    for lang in UiLang::ALL {
        let mut chat = Chat::new(Some(lang));
        chat.send(Event::Location(GeoPoint { latitude: 40.5, longitude: 72.8 }));
        assert!(chat.said(keys::LOCATION_NOT_ASKED));
        chat.send(Event::Contact { phone: "+996555000000".into(), own: true });
        assert!(chat.said(keys::CONTACT_NOT_ASKED));
        assert!(chat.effects.is_empty());
    }
}

#[test]
fn someone_elses_contact_is_not_taken() {
    let mut chat = Chat::new(Some(UiLang::Ru));
    chat.text("Нет газа");
    chat.send(classified(Kind::Complaint, Agency::Energy, 0.9));
    chat.press_action(Action::RouteOk);
    chat.press_action(Action::Done);
    chat.press_action(Action::Skip);
    chat.send(Event::Contact { phone: "+996555000000".into(), own: false });
    assert!(chat.said(keys::CONTACT_NOT_OWN));
    assert!(matches!(chat.state, DialogState::Appeal { stage: AppealStage::Contact, .. }));
}

#[test]
fn cancel_in_a_flow_drops_it_and_cancel_at_rest_says_there_is_nothing() {
    for lang in UiLang::ALL {
        let mut chat = Chat::new(Some(lang));
        chat.send(Event::Command(Command::Cancel));
        assert!(chat.said(keys::NOTHING_TO_CANCEL));
        chat.press_action_or_menu(MenuItem::Complaint);
        chat.text("Текст");
        chat.send(Event::Command(Command::Cancel));
        assert!(chat.said(keys::CANCELLED));
        assert_eq!(chat.state, DialogState::Idle);
        assert!(chat.opened().is_empty());
    }
}

#[test]
fn a_command_that_leaves_a_draft_says_the_draft_was_not_sent() {
    let mut chat = Chat::new(Some(UiLang::Ky));
    chat.press_action_or_menu(MenuItem::Complaint);
    chat.text("Жол бузулган");
    chat.send(Event::Command(Command::My));
    assert!(chat.said(keys::DRAFT_DISCARDED));
    assert_eq!(chat.last_effects(), &[Effect::ListTickets]);
}

#[test]
fn a_button_from_another_step_or_an_older_version_is_stale() {
    for lang in UiLang::ALL {
        let mut chat = Chat::new(Some(lang));
        // A region button while at rest.
        chat.send(Event::Button(Action::Region(crate::Region::Osh).encode()));
        assert!(chat.said(keys::STALE_BUTTON));
        // Data this version never drew.
        chat.send(Event::Button(CallbackData::parse("v0:something").unwrap()));
        assert!(chat.said(keys::STALE_BUTTON));
        // A menu button in the middle of a flow: the flow is kept.
        chat.press_action_or_menu(MenuItem::Corruption);
        let before = chat.state.clone();
        chat.send(Event::Button(Action::Menu(MenuItem::Rating).encode()));
        assert!(chat.said(keys::STALE_BUTTON));
        assert_eq!(chat.state, before);
        assert!(chat.effects.iter().all(|e| !matches!(e, Effect::OpenTicket(_) | Effect::RecordRating(_))));
    }
}

#[test]
fn typing_where_a_button_is_expected_repeats_the_question() {
    let mut chat = Chat::new(Some(UiLang::Ru));
    chat.press_action_or_menu(MenuItem::Corruption);
    chat.text("анонимно пожалуйста");
    assert!(chat.said(keys::USE_BUTTONS) && chat.said(keys::CORRUPTION_INTRO));
}

#[test]
fn an_edited_message_is_not_applied_and_the_citizen_is_told() {
    for lang in UiLang::ALL {
        let mut chat = Chat::new(Some(lang));
        chat.press_action_or_menu(MenuItem::Complaint);
        chat.text("Текст");
        let before = chat.state.clone();
        chat.send(Event::Edited);
        assert!(chat.said(keys::EDITED_IGNORED));
        assert_eq!(chat.state, before);
    }
}

#[test]
fn a_group_chat_is_sent_to_private_messages() {
    let mut chat = Chat::new(None);
    chat.send(Event::GroupChat);
    assert!(chat.last.replies[0].text.contains("Напишите мне в личные сообщения"));
    let mut chat = Chat::new(Some(UiLang::Ky));
    chat.send(Event::GroupChat);
    assert!(chat.said(keys::GROUP_CHAT));
}

#[test]
fn late_or_foreign_answers_are_ignored() {
    let mut chat = Chat::new(Some(UiLang::Ru));
    chat.send(classified(Kind::Complaint, Agency::Health, 0.9));
    chat.send(opened("KR-2026-000001", None));
    chat.send(Event::TicketsListed(vec![]));
    assert_eq!(chat.state, DialogState::Idle);
    assert!(chat.last.replies.is_empty() && chat.effects.is_empty());
}

#[test]
fn media_at_rest_starts_a_complaint_and_media_elsewhere_is_attached() {
    let mut chat = Chat::new(Some(UiLang::Ru));
    let photo = |id: &str| Event::Media {
        attachment: crate::Attachment { kind: crate::MediaKind::Document, file_id: id.into() },
        caption: None,
    };
    chat.send(photo("d1"));
    assert!(chat.said(keys::DESCRIBE_IN_WORDS));
    chat.text("Справка не выдана");
    chat.press_action(Action::Done);
    chat.send(classified(Kind::Complaint, Agency::DigitalServices, 0.9));
    chat.press_action(Action::RouteOk);
    chat.send(photo("d2")); // at the region question
    assert!(chat.said(keys::FILE_ADDED) && chat.said(keys::REGION_ASK));
    let DialogState::Appeal { draft, .. } = &chat.state else { panic!() };
    assert_eq!(draft.attachments.len(), 2);
    chat.send(Event::Command(Command::Profile));
    chat.send(photo("d3"));
    assert!(chat.said(keys::MEDIA_NOT_HERE));
}

#[test]
fn emergencies_get_the_numbers_first_in_any_state_and_language() {
    for (lang, text) in [(UiLang::Ru, "Помогите, сосед избивает жену"), (UiLang::Ky, "Үйүбүз күйүп жатат")]
    {
        let mut chat = Chat::new(Some(lang));
        chat.text(text);
        assert_eq!(chat.last.replies[0].text, chat.t(keys::EMERGENCY), "the numbers come first");
        assert!(chat.last.replies[0].text.contains("112") && chat.last.replies[0].text.contains("102"));
        assert!(matches!(chat.last_effects(), [Effect::Classify { .. }]), "and the message is still handled");

        let mut chat = Chat::new(Some(lang));
        chat.press_action_or_menu(MenuItem::Complaint);
        chat.text(text);
        assert_eq!(chat.last.replies[0].text, chat.t(keys::EMERGENCY));
    }
    // Before the language is known, in the language of the words.
    let mut chat = Chat::new(None);
    chat.text("Орт чыкты!");
    assert_eq!(chat.last.replies[0].text, crate::i18n::render(UiLang::Ky, keys::EMERGENCY, &[]));
    let mut chat = Chat::new(None);
    chat.text("пожар в доме");
    assert_eq!(chat.last.replies[0].text, crate::i18n::render(UiLang::Ru, keys::EMERGENCY, &[]));
}
