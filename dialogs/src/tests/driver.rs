//! A test driver: feeds events to `step` the way the adapter would (keeping the state and the
//! language), checks the invariants of every step, and finds buttons to press.

use chrono::NaiveDate;
use classifier::{Agency, Kind, Lang};

use crate::action::Action;
use crate::answers::{TicketOpened, TicketRef};
use crate::engine::{Step, step};
use crate::i18n::{Arg, Key, render};
use crate::{Classification, DialogState, Effect, Event, Keyboard, UiLang};

/// One citizen's chat with the engine.
pub(crate) struct Chat {
    pub(crate) state: DialogState,
    pub(crate) lang: Option<UiLang>,
    pub(crate) last: Step,
    pub(crate) effects: Vec<Effect>,
}

impl Chat {
    /// A chat with a citizen whose language is already known (or not).
    pub(crate) fn new(lang: Option<UiLang>) -> Self {
        Self {
            state: DialogState::Idle,
            lang,
            last: Step { state: DialogState::Idle, replies: vec![], effects: vec![] },
            effects: vec![],
        }
    }

    /// The language replies are expected in.
    pub(crate) fn ui(&self) -> UiLang {
        self.lang.expect("language known")
    }

    /// Feeds one event, as the adapter would: persist the state, remember the language.
    pub(crate) fn send(&mut self, event: Event) -> &Step {
        let step = step(&self.state, self.lang, event);
        check_invariants(&step);
        for effect in &step.effects {
            match effect {
                Effect::SetLanguage(lang) => self.lang = Some(*lang),
                Effect::EraseMyData => self.lang = None,
                _ => {}
            }
        }
        self.state = step.state.clone();
        self.effects.extend(step.effects.iter().cloned());
        self.last = step;
        &self.last
    }

    /// A text message.
    pub(crate) fn text(&mut self, text: &str) -> &Step {
        self.send(Event::from_text(text, None))
    }

    /// Presses the first button (newest reply first) whose action matches.
    pub(crate) fn press(&mut self, wanted: impl Fn(&Action) -> bool) -> &Step {
        let data = self
            .last
            .replies
            .iter()
            .rev()
            .flat_map(|r| r.keyboard.buttons())
            .find(|b| Action::decode(&b.data).is_some_and(|a| wanted(&a)))
            .map(|b| b.data.clone())
            .unwrap_or_else(|| panic!("no such button in {:#?}", self.last.replies));
        self.send(Event::Button(data))
    }

    /// Presses a button by its exact action (it must be on screen).
    pub(crate) fn press_action(&mut self, action: Action) -> &Step {
        self.press(move |a| *a == action)
    }

    /// Whether the last step said exactly this message (no arguments).
    pub(crate) fn said(&self, key: Key) -> bool {
        let expected = render(self.ui(), key, &[]);
        self.last.replies.iter().any(|r| r.text == expected)
    }

    /// Whether the last step said this message with these arguments.
    pub(crate) fn said_with(&self, key: Key, args: &[(&str, Arg<'_>)]) -> bool {
        let expected = render(self.ui(), key, args);
        self.last.replies.iter().any(|r| r.text == expected)
    }

    /// All reply texts of the last step, joined.
    pub(crate) fn all_text(&self) -> String {
        self.last.replies.iter().map(|r| r.text.as_str()).collect::<Vec<_>>().join("\n---\n")
    }

    /// The effects of the last step.
    pub(crate) fn last_effects(&self) -> &[Effect] {
        &self.last.effects
    }

    /// Every `OpenTicket` effect so far.
    pub(crate) fn opened(&self) -> Vec<&crate::TicketDraft> {
        self.effects
            .iter()
            .filter_map(|e| match e {
                Effect::OpenTicket(t) => Some(&**t),
                _ => None,
            })
            .collect()
    }
}

/// What every step must respect, whatever the input.
pub(crate) fn check_invariants(step: &Step) {
    for reply in &step.replies {
        assert!(!reply.text.trim().is_empty(), "empty reply");
        assert!(reply.text.chars().count() < crate::MAX_MESSAGE_CHARS, "reply too long");
        assert!(!reply.text.contains(['\u{2068}', '\u{2069}']), "isolation marks in {:?}", reply.text);
        if let Keyboard::Inline(_) = &reply.keyboard {
            for button in reply.keyboard.buttons() {
                assert!(!button.label.is_empty());
                assert!(button.data.as_str().len() <= 64);
                assert!(Action::decode(&button.data).is_some(), "undecodable {:?}", button.data);
            }
        }
    }
}

/// The classifier's answer, as the adapter would map it.
pub(crate) fn classified(kind: Kind, agency: Agency, confidence: f32) -> Event {
    Event::Classified(Classification {
        lang: Lang::Ru,
        kind,
        agency,
        implicated: None,
        confidence,
        alternatives: vec![(Agency::Local, 0.2), (Agency::Social, 0.1), (Agency::Triage, 0.05)],
    })
}

/// The adapter's answer to `OpenTicket`.
pub(crate) fn opened(number: &str, receipt: Option<&str>) -> Event {
    Event::TicketOpened(TicketOpened {
        number: TicketRef::parse(number).unwrap(),
        due_date: NaiveDate::from_ymd_opt(2026, 6, 24).unwrap(),
        working_days: 14,
        receipt: receipt.map(str::to_owned),
    })
}

/// A ticket reference.
pub(crate) fn tref(number: &str) -> TicketRef {
    TicketRef::parse(number).unwrap()
}
