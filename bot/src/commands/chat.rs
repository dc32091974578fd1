//! `kairyluu chat`: a citizen's conversation in the terminal, on the same dialogues and the same
//! database as the Telegram bot, so anyone can try Kairyluu without Telegram.
//!
//! ```text
//! $ kairyluu chat --lang ru
//! Здравствуйте! …
//!   [1] Жалоба  [2] Сообщить о коррупции  …
//! > 1
//! ```
//! Type text to send it, a number to press a button, `/command` for a command,
//! `#location LAT LON` to share a location; an empty line or end of input quits.

use std::io::{BufRead, Write};

use anyhow::Context;
use dialogs::{Event, GeoPoint, Keyboard, Reply};

use crate::app::App;
use crate::conversation::Conversation;
use crate::settings::Loaded;

/// Runs a console conversation as the citizen with `chat_id`.
pub async fn run(loaded: Loaded, chat_id: i64, lang: Option<String>) -> anyhow::Result<()> {
    let app = App::build(loaded).await?;
    let conversation = Conversation::new(app.desk.clone(), app.loaded.settings.limits.appeals_per_hour);
    let stdin = std::io::stdin();
    let mut out = std::io::stdout().lock();
    let mut buttons: Vec<String> = Vec::new();
    let mut event = Event::Start { payload: None, language_code: lang };
    loop {
        let mut tx = app.store.begin().await?;
        let turn = conversation.handle(tx.as_mut(), chat_id, event).await?;
        tx.commit().await?;
        buttons = print_replies(&mut out, &turn.replies, buttons)?;
        match next_event(&stdin, &mut out, &buttons)? {
            Some(next) => event = next,
            None => break,
        }
    }
    writeln!(out)?;
    Ok(())
}

/// Reads lines until one means something; `None` at an empty line or the end of input.
fn next_event(stdin: &std::io::Stdin, out: &mut impl Write, buttons: &[String]) -> anyhow::Result<Option<Event>> {
    loop {
        write!(out, "> ")?;
        out.flush()?;
        let mut line = String::new();
        if stdin.lock().read_line(&mut line).context("cannot read the terminal")? == 0 || line.trim().is_empty() {
            return Ok(None);
        }
        match read_event(line.trim(), buttons) {
            Some(event) => return Ok(Some(event)),
            None => writeln!(out, "(no such button)")?,
        }
    }
}

/// What a console line means.
fn read_event(line: &str, buttons: &[String]) -> Option<Event> {
    if let Some(rest) = line.strip_prefix("#location") {
        let mut parts = rest.split_whitespace().map(str::parse::<f64>);
        return match (parts.next(), parts.next()) {
            (Some(Ok(latitude)), Some(Ok(longitude))) => Some(Event::Location(GeoPoint { latitude, longitude })),
            _ => None,
        };
    }
    if let Ok(n) = line.parse::<usize>()
        && !buttons.is_empty()
    {
        let data = buttons.get(n.checked_sub(1)?)?;
        return dialogs::CallbackData::parse(data).ok().map(Event::Button);
    }
    Some(Event::from_text(line, None))
}

/// Prints replies with numbered buttons; returns the buttons' data, in number order (the last
/// reply with buttons wins, as the newest message does on a phone).
fn print_replies(out: &mut impl Write, replies: &[Reply], previous: Vec<String>) -> std::io::Result<Vec<String>> {
    let mut buttons = previous;
    for reply in replies {
        writeln!(out, "{}", reply.text)?;
        match &reply.keyboard {
            Keyboard::Inline(rows) => {
                buttons = Vec::new();
                for row in rows {
                    let labels: Vec<String> = row
                        .iter()
                        .map(|button| {
                            buttons.push(button.data.as_str().to_owned());
                            format!("[{}] {}", buttons.len(), button.label)
                        })
                        .collect();
                    writeln!(out, "  {}", labels.join("  "))?;
                }
            }
            Keyboard::RequestLocation { label } => writeln!(out, "  ({label}: type #location LAT LON)")?,
            Keyboard::RequestContact { label } => writeln!(out, "  ({label}: type your phone number)")?,
            Keyboard::None | Keyboard::Remove => {}
        }
        writeln!(out)?;
    }
    Ok(buttons)
}
