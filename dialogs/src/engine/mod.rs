//! `step`: one event in, the next state, replies and effects out.
//!
//! The order matters and is the same for every state: the adapter's answers go to the step that
//! waits for them; then a message's danger words get the emergency numbers before anything else;
//! then limits (length, unsupported things), the language, commands, and finally the current
//! flow. Whatever a state does not expect gets a short localized note and changes nothing.

pub(crate) mod ctx;
mod input;
mod prompt;

use crate::emergency;
use crate::event::{Command, Event};
use crate::flows;
use crate::i18n::keys;
use crate::lang::UiLang;
use crate::reply::{Keyboard, MAX_MESSAGE_CHARS};
use crate::state::DialogState;
use crate::{Effect, Reply};

use ctx::Ctx;
pub(crate) use input::Input;
pub(crate) use prompt::prompt;

/// The result of one [`step`].
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// The state to persist.
    pub state: DialogState,
    /// Messages to send, in order, after the effects succeeded.
    pub replies: Vec<Reply>,
    /// What the adapter must do, in order.
    pub effects: Vec<Effect>,
}

/// Advances the conversation by one event.
///
/// `lang` is the citizen's language as the adapter stored it (`None` before one is known: the
/// engine then takes it from Telegram's `language_code`, from the first message's language, or
/// asks). Never panics; never performs I/O.
pub fn step(state: &DialogState, lang: Option<UiLang>, event: Event) -> Step {
    let mut cx = Ctx::new(lang);
    let state = handle(&mut cx, state, event);
    Step { state, replies: cx.replies, effects: cx.effects }
}

fn handle(cx: &mut Ctx, state: &DialogState, event: Event) -> DialogState {
    match event {
        Event::Classified(c) => flows::route::on_classified(cx, state, c),
        Event::TicketOpened(t) => flows::review::on_opened(cx, state, t),
        Event::TicketsListed(list) => flows::my_appeals::on_listed(cx, state, list),
        Event::TicketShown(view) => flows::my_appeals::on_shown(cx, state, view),
        Event::Failed(failure) => flows::failure::on_failed(cx, state, failure),
        Event::GroupChat => {
            cx.say(if cx.known { keys::GROUP_CHAT } else { keys::GROUP_CHAT_BILINGUAL }, Keyboard::None);
            state.clone()
        }
        Event::Edited => {
            cx.say(keys::EDITED_IGNORED, Keyboard::None);
            state.clone()
        }
        Event::Unsupported(_) => {
            cx.say(keys::UNSUPPORTED, Keyboard::None);
            state.clone()
        }
        Event::Start { payload, language_code } => flows::start::on_start(cx, state, payload, language_code),
        Event::Command(command) => on_command(cx, state, command),
        Event::Text(text) => on_text(cx, state, text),
        Event::Media { attachment, caption } => {
            if let Some(caption) = &caption {
                warn_if_emergency(cx, caption);
            }
            on_input(cx, state, Input::Media { attachment, caption })
        }
        Event::Location(point) => on_input(cx, state, Input::Location(point)),
        Event::Contact { phone, own } => on_input(cx, state, Input::Contact { phone, own }),
        Event::Button(data) => match crate::action::Action::decode(&data) {
            Some(crate::action::Action::Lang(lang)) => flows::language::on_chosen(cx, state, lang),
            Some(action) => on_input(cx, state, Input::Action(action)),
            None => {
                cx.say(keys::STALE_BUTTON, Keyboard::None);
                state.clone()
            }
        },
    }
}

fn on_text(cx: &mut Ctx, state: &DialogState, text: String) -> DialogState {
    warn_if_emergency(cx, &text);
    if text.chars().count() > MAX_MESSAGE_CHARS {
        let max = i64::try_from(MAX_MESSAGE_CHARS).unwrap_or(i64::MAX);
        cx.say_with(keys::TEXT_TOO_LONG, &[("max", max.into())], Keyboard::None);
        return state.clone();
    }
    if text.trim().is_empty() {
        return state.clone();
    }
    on_input(cx, state, Input::Text(text))
}

/// Danger to life first: the numbers go out before any other reply.
fn warn_if_emergency(cx: &mut Ctx, text: &str) {
    if let Some(detected) = emergency::detect(text) {
        let saved = cx.lang;
        if !cx.known {
            cx.lang = detected;
        }
        cx.say(keys::EMERGENCY, Keyboard::None);
        cx.lang = saved;
    }
}

fn on_command(cx: &mut Ctx, state: &DialogState, command: Command) -> DialogState {
    if !cx.known {
        return flows::language::ask(cx, crate::state::Pending::Nothing);
    }
    match command {
        Command::Help => flows::info::help(cx, state),
        Command::Privacy => flows::info::privacy(cx, state),
        Command::Language => flows::language::offer(cx, state),
        Command::Cancel => flows::menu::cancel(cx, state),
        Command::Menu => {
            flows::menu::leave(cx, state);
            flows::menu::show(cx)
        }
        Command::My => {
            flows::menu::leave(cx, state);
            flows::my_appeals::start(cx)
        }
        Command::Profile => {
            flows::menu::leave(cx, state);
            flows::profile::start(cx)
        }
        Command::DeleteMe => {
            flows::menu::leave(cx, state);
            flows::erase::start(cx)
        }
        Command::Unknown => {
            cx.say(keys::UNKNOWN_COMMAND, Keyboard::None);
            state.clone()
        }
    }
}

/// A citizen's input for the current flow.
fn on_input(cx: &mut Ctx, state: &DialogState, input: Input) -> DialogState {
    if !cx.known {
        return flows::language::on_input_without_language(cx, state, &input);
    }
    let handled = match state {
        DialogState::Idle => flows::idle::on(cx, &input),
        DialogState::ChoosingLanguage { .. } => flows::idle::on(cx, &input),
        DialogState::Appeal { draft, stage } => flows::appeal::on(cx, draft, stage, &input),
        DialogState::Rating(stage) => flows::rating::on(cx, stage, &input),
        DialogState::MyAppeals(stage) => flows::my_appeals::on(cx, stage, &input),
        DialogState::Profile { question } => flows::profile::on(cx, *question, &input),
        DialogState::ConfirmingErase => flows::erase::on(cx, &input),
    };
    match handled {
        Some(next) => next,
        None => {
            unexpected(cx, state, &input);
            state.clone()
        }
    }
}

/// The current step did not expect this input: say so, and ask the step's question again when
/// the citizen typed instead of pressing a button.
fn unexpected(cx: &mut Ctx, state: &DialogState, input: &Input) {
    match input {
        Input::Action(_) => cx.say(keys::STALE_BUTTON, Keyboard::None),
        Input::Location(_) => cx.say(keys::LOCATION_NOT_ASKED, Keyboard::None),
        Input::Contact { .. } => cx.say(keys::CONTACT_NOT_ASKED, Keyboard::None),
        Input::Media { .. } => {
            cx.say(keys::MEDIA_NOT_HERE, Keyboard::None);
            prompt(cx, state);
        }
        Input::Text(_) => {
            cx.say(keys::USE_BUTTONS, Keyboard::None);
            prompt(cx, state);
        }
    }
}
