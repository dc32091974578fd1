//! What reaches the engine: a citizen's message or button press, or an answer from the adapter
//! after it carried out an effect.

use serde::{Deserialize, Serialize};

use crate::answers::{Failure, TicketOpened, TicketSummary, TicketView};
use crate::callback::CallbackData;
use crate::classification::Classification;
use crate::places::GeoPoint;

/// The kinds of attachment a citizen can add to an appeal (the Telegram media the bot keeps).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MediaKind {
    /// A photo.
    Photo,
    /// A document (PDF, scan, any file).
    Document,
    /// A voice note.
    Voice,
    /// A video.
    Video,
    /// An audio file.
    Audio,
    /// A round video note.
    VideoNote,
}

/// An attachment, kept by the Telegram file id that lets the bot send it again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    /// What it is.
    pub kind: MediaKind,
    /// Telegram's file id.
    pub file_id: String,
}

/// Things Telegram can deliver that Kairyluu does not take.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unsupported {
    /// A sticker.
    Sticker,
    /// A GIF.
    Animation,
    /// A poll or quiz.
    Poll,
    /// A game.
    Game,
    /// A dice throw.
    Dice,
    /// A venue, a story, a payment, or anything newer than this code.
    Other,
}

/// The bot's commands (besides `/start`, which is an [`Event::Start`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Command {
    /// `/language`: switch between Kyrgyz and Russian.
    Language,
    /// `/help`.
    Help,
    /// `/privacy`: what is stored, for how long, who sees it.
    Privacy,
    /// `/delete_me`: erase the citizen's personal data.
    DeleteMe,
    /// `/menu`: the main menu.
    Menu,
    /// `/cancel`: leave the current step.
    Cancel,
    /// `/profile`: the voluntary statistics profile.
    Profile,
    /// `/my`: my appeals.
    My,
    /// Any other `/word`.
    Unknown,
}

impl Command {
    /// The commands shown in Telegram's menu, in order (without `/start` and `Unknown`).
    pub const MENU: [Command; 8] = [
        Command::Menu,
        Command::My,
        Command::Cancel,
        Command::Language,
        Command::Help,
        Command::Privacy,
        Command::Profile,
        Command::DeleteMe,
    ];

    /// The command as typed, without the slash.
    pub const fn name(self) -> &'static str {
        match self {
            Command::Language => "language",
            Command::Help => "help",
            Command::Privacy => "privacy",
            Command::DeleteMe => "delete_me",
            Command::Menu => "menu",
            Command::Cancel => "cancel",
            Command::Profile => "profile",
            Command::My => "my",
            Command::Unknown => "unknown",
        }
    }
}

/// One input to [`crate::step`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Event {
    /// `/start`, with the deep-link payload (`rate_<agency>`, `t_<number>`) and the citizen's
    /// Telegram `language_code`, when present.
    Start { payload: Option<String>, language_code: Option<String> },
    /// Any other command.
    Command(Command),
    /// A text message.
    Text(String),
    /// An inline button press.
    Button(CallbackData),
    /// A photo, document, voice note, video, audio or video note, with its caption.
    Media { attachment: Attachment, caption: Option<String> },
    /// A shared location.
    Location(GeoPoint),
    /// A shared contact; `own` is true when it is the sender's own (Telegram's `user_id` matches).
    Contact { phone: String, own: bool },
    /// A sticker, poll, game, dice…
    Unsupported(Unsupported),
    /// The citizen edited a message already sent. The engine does not apply edits (see README).
    Edited,
    /// A message from a group chat: Kairyluu talks to citizens one to one.
    GroupChat,
    /// Answer to [`crate::Effect::Classify`].
    Classified(Classification),
    /// Answer to [`crate::Effect::OpenTicket`].
    TicketOpened(TicketOpened),
    /// Answer to [`crate::Effect::ListTickets`].
    TicketsListed(Vec<TicketSummary>),
    /// Answer to [`crate::Effect::ShowTicket`].
    TicketShown(TicketView),
    /// The adapter could not carry out an effect of the previous step.
    Failed(Failure),
}

impl Event {
    /// Reads a text message as a command, `/start` with its payload, or plain text. Handles the
    /// `/cmd@BotName` form Telegram uses when several bots share a chat.
    pub fn from_text(text: &str, language_code: Option<&str>) -> Event {
        let Some(rest) = text.strip_prefix('/') else {
            return Event::Text(text.to_owned());
        };
        let (word, arg) = match rest.split_once(char::is_whitespace) {
            Some((word, arg)) => (word, arg.trim()),
            None => (rest, ""),
        };
        let name = word.split('@').next().unwrap_or_default().to_ascii_lowercase();
        let command = match name.as_str() {
            "start" => {
                let payload = (!arg.is_empty()).then(|| arg.to_owned());
                return Event::Start { payload, language_code: language_code.map(str::to_owned) };
            }
            "language" | "lang" | "til" | "язык" => Command::Language,
            "help" => Command::Help,
            "privacy" => Command::Privacy,
            "delete_me" => Command::DeleteMe,
            "menu" => Command::Menu,
            "cancel" => Command::Cancel,
            "profile" => Command::Profile,
            "my" => Command::My,
            _ => Command::Unknown,
        };
        Event::Command(command)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_and_deep_links_are_read_from_text() {
        assert_eq!(
            Event::from_text("/start rate_health", Some("ru")),
            Event::Start { payload: Some("rate_health".into()), language_code: Some("ru".into()) }
        );
        assert_eq!(Event::from_text("/start", None), Event::Start { payload: None, language_code: None });
        assert_eq!(Event::from_text("/help@KairyluuBot", None), Event::Command(Command::Help));
        assert_eq!(Event::from_text("/frobnicate", None), Event::Command(Command::Unknown));
        assert_eq!(Event::from_text("Салам", None), Event::Text("Салам".into()));
    }
}
