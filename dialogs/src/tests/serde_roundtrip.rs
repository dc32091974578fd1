//! Every state survives the trip through JSON that the adapter persists, and stays small.

use super::driver::{Chat, classified, tref};
use crate::action::{Action, MenuItem};
use crate::state::DialogState;
use crate::{Command, Event, UiLang};

/// Plays through every flow and collects each state reached.
pub(crate) fn every_reachable_state() -> Vec<DialogState> {
    let mut states = Vec::new();
    let keep = |chat: &Chat, states: &mut Vec<DialogState>| states.push(chat.state.clone());
    let mut chat = Chat::new(None);
    chat.send(Event::Start { payload: Some("rate_health".into()), language_code: None });
    keep(&chat, &mut states);
    chat.press_action(Action::Lang(UiLang::Ru));
    keep(&chat, &mut states);
    chat.press_action(Action::Score(1));
    keep(&chat, &mut states);
    chat.press_action(Action::Skip);
    keep(&chat, &mut states);

    let mut chat = Chat::new(Some(UiLang::Ky));
    chat.text("Жарык жок");
    keep(&chat, &mut states);
    chat.send(classified(classifier::Kind::Complaint, classifier::Agency::Energy, 0.9));
    keep(&chat, &mut states);
    for action in [Action::RouteOk, Action::Done, Action::Region(crate::Region::Naryn)] {
        chat.press_action(action);
        keep(&chat, &mut states);
    }
    chat.send(Event::Location(crate::GeoPoint { latitude: 41.4, longitude: 76.0 }));
    keep(&chat, &mut states);
    chat.press_action(Action::Consent(true));
    keep(&chat, &mut states);
    chat.press(|a| matches!(a, Action::Submit(_)));
    keep(&chat, &mut states);

    let mut chat = Chat::new(Some(UiLang::Ru));
    chat.press_action_or_menu(MenuItem::Corruption);
    keep(&chat, &mut states);
    chat.press_action(Action::Anonymous(true));
    keep(&chat, &mut states);
    chat.text("Взятка");
    keep(&chat, &mut states);
    chat.press_action(Action::AgencyPage(1));
    keep(&chat, &mut states);
    for text in ["районо", "инспектор", "вчера", "Ош", "100$"] {
        chat.text(text);
        keep(&chat, &mut states);
    }

    let mut chat = Chat::new(Some(UiLang::Ru));
    chat.send(Event::Command(Command::My));
    keep(&chat, &mut states);
    chat.send(super::my_appeals::shown("KR-2026-000001", crate::TicketStatus::New));
    chat.send(Event::Start { payload: Some("t_KR-2026-000001".into()), language_code: None });
    keep(&chat, &mut states);
    chat.send(super::my_appeals::shown("KR-2026-000001", crate::TicketStatus::New));
    keep(&chat, &mut states);
    chat.press_action(Action::AddInfo(tref("KR-2026-000001")));
    keep(&chat, &mut states);
    chat.send(Event::Start { payload: Some("t_KR-2026-000001".into()), language_code: None });
    chat.send(super::my_appeals::shown("KR-2026-000001", crate::TicketStatus::New));
    chat.press_action(Action::Withdraw(tref("KR-2026-000001")));
    keep(&chat, &mut states);
    chat.send(Event::Command(Command::Profile));
    keep(&chat, &mut states);
    chat.send(Event::Command(Command::DeleteMe));
    keep(&chat, &mut states);
    chat.press_action_or_menu(MenuItem::Rating);
    keep(&chat, &mut states);
    states
}

#[test]
fn every_state_round_trips_through_json_and_stays_small() {
    let states = every_reachable_state();
    assert!(states.len() > 25);
    for state in states {
        let json = serde_json::to_string(&state).unwrap();
        let back: DialogState = serde_json::from_str(&json).unwrap();
        assert_eq!(back, state, "{json}");
        assert!(json.len() < 2048, "{} bytes: {json}", json.len());
    }
}

#[test]
fn the_idle_state_is_tiny() {
    assert_eq!(serde_json::to_string(&DialogState::Idle).unwrap(), "\"idle\"");
}

#[test]
fn events_and_effects_serialize_for_logs_and_the_console_channel() {
    let event = Event::from_text("/start t_KR-2026-000001", Some("ky"));
    let json = serde_json::to_string(&event).unwrap();
    assert_eq!(serde_json::from_str::<Event>(&json).unwrap(), event);
}
