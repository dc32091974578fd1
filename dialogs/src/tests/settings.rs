//! /profile and /delete_me.

use super::driver::Chat;
use crate::action::Action;
use crate::i18n::keys;
use crate::profile::{AgeBand, Disability, Gender, ProfileField};
use crate::state::DialogState;
use crate::{Command, Effect, Event, UiLang};

#[test]
fn every_profile_question_can_be_answered_or_skipped() {
    for lang in UiLang::ALL {
        let mut chat = Chat::new(Some(lang));
        chat.send(Event::Command(Command::Profile));
        assert!(chat.said(keys::PROFILE_INTRO) && chat.said(keys::PROFILE_GENDER));
        chat.press_action(Action::Gender(Gender::PreferNotToSay));
        chat.press_action(Action::Skip);
        chat.press_action(Action::Disability(Disability::Yes));
        assert!(chat.said(keys::PROFILE_DONE));
        let fields: Vec<_> = chat
            .effects
            .iter()
            .filter_map(|e| match e {
                Effect::SetProfile(f) => Some(*f),
                _ => None,
            })
            .collect();
        assert_eq!(
            fields,
            vec![ProfileField::Gender(Gender::PreferNotToSay), ProfileField::Disability(Disability::Yes)]
        );
        assert_eq!(chat.state, DialogState::Idle);
    }
}

#[test]
fn an_answer_to_the_wrong_question_is_stale() {
    let mut chat = Chat::new(Some(UiLang::Ru));
    chat.send(Event::Command(Command::Profile));
    chat.send(Event::Button(Action::AgeBand(AgeBand::From30To44).encode()));
    assert!(chat.said(keys::STALE_BUTTON));
    assert!(chat.last_effects().is_empty());
}

#[test]
fn delete_me_asks_then_erases_and_forgets_the_language() {
    for lang in UiLang::ALL {
        let mut chat = Chat::new(Some(lang));
        chat.send(Event::Command(Command::DeleteMe));
        assert!(chat.said(keys::ERASE_CONFIRM));
        assert!(chat.last_effects().is_empty());
        chat.press_action(Action::Erase(true));
        assert_eq!(chat.effects.last(), Some(&Effect::EraseMyData));
        assert_eq!(chat.lang, None);
        // The next message starts over with the language.
        chat.send(Event::Command(Command::Menu));
        assert!(matches!(chat.state, DialogState::ChoosingLanguage { .. }));
    }
}

#[test]
fn delete_me_can_be_declined() {
    let mut chat = Chat::new(Some(UiLang::Ky));
    chat.send(Event::Command(Command::DeleteMe));
    chat.press_action(Action::Erase(false));
    assert!(chat.said(keys::ERASE_KEPT));
    assert!(!chat.effects.contains(&Effect::EraseMyData));
}
