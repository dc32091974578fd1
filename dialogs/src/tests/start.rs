//! /start, languages, deep links, the menu and help.

use classifier::Agency;

use super::driver::{Chat, tref};
use crate::action::{Action, MenuItem};
use crate::effect::RatingTarget;
use crate::i18n::keys;
use crate::state::{DialogState, MyAppealsStage, Pending, RatingStage};
use crate::{Command, Effect, Event, UiLang};

fn start(payload: Option<&str>, code: Option<&str>) -> Event {
    Event::Start { payload: payload.map(str::to_owned), language_code: code.map(str::to_owned) }
}

#[test]
fn start_takes_the_language_from_telegram_and_greets_with_the_menu() {
    for lang in UiLang::ALL {
        let mut chat = Chat::new(None);
        chat.send(start(None, Some(lang.code())));
        assert_eq!(chat.lang, Some(lang));
        assert!(chat.said(keys::WELCOME));
        assert!(chat.last_effects().contains(&Effect::SetLanguage(lang)));
        assert!(chat.last_effects().iter().any(|e| matches!(e, Effect::SetChatCommands(c) if c.len() == 8)));
        assert_eq!(chat.state, DialogState::Idle);
    }
}

#[test]
fn start_with_an_unknown_language_asks_with_two_buttons_then_greets() {
    for lang in UiLang::ALL {
        let mut chat = Chat::new(None);
        chat.send(start(None, Some("en")));
        assert_eq!(chat.lang, None);
        assert!(matches!(chat.state, DialogState::ChoosingLanguage { .. }));
        assert_eq!(chat.last.replies[0].keyboard.buttons().count(), 2);
        chat.press_action(Action::Lang(lang));
        assert_eq!(chat.lang, Some(lang));
        assert!(chat.said(keys::LANGUAGE_SET));
        assert!(chat.said(keys::MENU_PROMPT));
    }
}

#[test]
fn a_deep_link_waits_for_the_language_choice() {
    let mut chat = Chat::new(None);
    chat.send(start(Some("rate_health"), None));
    assert_eq!(chat.state, DialogState::ChoosingLanguage { pending: Pending::DeepLink("rate_health".into()) });
    chat.press_action(Action::Lang(UiLang::Ky));
    assert!(matches!(chat.state, DialogState::Rating(RatingStage::Scoring { .. })));
}

#[test]
fn language_switches_at_any_time_and_the_flow_continues() {
    let mut chat = Chat::new(Some(UiLang::Ru));
    chat.press_action_or_menu(MenuItem::Complaint);
    chat.text("Нет света третий день");
    let before = chat.state.clone();
    chat.send(Event::Command(Command::Language));
    assert_eq!(chat.state, before);
    chat.press_action(Action::Lang(UiLang::Ky));
    assert_eq!(chat.lang, Some(UiLang::Ky));
    assert_eq!(chat.state, before, "the draft survives a language switch");
    assert!(chat.said(keys::DESCRIBE_CONTINUE), "the step's question is asked again in Kyrgyz");
}

#[test]
fn the_first_message_decides_the_language_when_telegram_does_not() {
    let mut chat = Chat::new(None);
    chat.text("Айылда үч күндөн бери жарык жок");
    assert!(matches!(chat.last_effects(), [Effect::Classify { .. }]));
    let mut c = match super::driver::classified(classifier::Kind::Complaint, Agency::Energy, 0.9) {
        Event::Classified(c) => c,
        _ => unreachable!(),
    };
    c.lang = classifier::Lang::Ky;
    chat.send(Event::Classified(c.clone()));
    assert_eq!(chat.lang, Some(UiLang::Ky));
    assert!(matches!(chat.state, DialogState::Appeal { .. }));

    // A mixed-language first message: ask, then confirm the route in the chosen language.
    let mut chat = Chat::new(None);
    chat.text("Салам, свет жок");
    c.lang = classifier::Lang::Mixed;
    chat.send(Event::Classified(c));
    assert!(matches!(chat.state, DialogState::ChoosingLanguage { pending: Pending::Draft(_) }));
    chat.press_action(Action::Lang(UiLang::Ru));
    assert!(chat.last.replies.iter().any(|r| r.keyboard.buttons().any(|b| b.data == Action::RouteOk.encode())));
}

#[test]
fn deep_links_open_a_rating_or_a_ticket() {
    for lang in UiLang::ALL {
        let mut chat = Chat::new(Some(lang));
        chat.send(start(Some("rate_digital_services-con_3"), None));
        assert_eq!(
            chat.state,
            DialogState::Rating(RatingStage::Scoring {
                target: RatingTarget::Service { agency: Agency::DigitalServices, service: Some("con_3".into()) },
                comment: None
            })
        );
        chat.send(start(Some("t_KR-2026-000123"), None));
        assert_eq!(chat.last_effects(), &[Effect::ShowTicket(tref("KR-2026-000123"))]);
        assert_eq!(chat.state, DialogState::MyAppeals(MyAppealsStage::LoadingTicket(tref("KR-2026-000123"))));
        chat.send(start(Some("garbage!"), None));
        assert!(chat.said(keys::WELCOME));
    }
}

#[test]
fn help_and_privacy_answer_in_both_languages_and_keep_the_flow() {
    for lang in UiLang::ALL {
        let mut chat = Chat::new(Some(lang));
        chat.send(Event::Command(Command::Help));
        assert!(chat.said(keys::HELP));
        chat.send(Event::Command(Command::Privacy));
        assert!(chat.said(keys::PRIVACY));
        chat.press_action_or_menu(MenuItem::Corruption);
        let before = chat.state.clone();
        chat.send(Event::Command(Command::Help));
        assert!(chat.said(keys::HELP) && chat.said(keys::FLOW_CONTINUES) && chat.said(keys::CORRUPTION_INTRO));
        assert_eq!(chat.state, before);
    }
}

#[test]
fn the_menu_button_help_works() {
    let mut chat = Chat::new(Some(UiLang::Ky));
    chat.send(Event::Command(Command::Menu));
    chat.press_action(Action::Menu(MenuItem::Help));
    assert!(chat.said(keys::HELP));
}

impl Chat {
    /// Opens the menu and presses an item.
    pub(crate) fn press_action_or_menu(&mut self, item: MenuItem) {
        self.send(Event::Command(Command::Menu));
        self.press_action(Action::Menu(item));
    }
}
