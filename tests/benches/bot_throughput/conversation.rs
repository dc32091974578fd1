//! The conversation each citizen plays: a complaint in Russian, from `/start` to the ticket
//! number (menu, description, done, routing, region, no phone contact, submit), and the same
//! stream of update kinds for the echo bot.

use crate::citizen::Citizen;

/// The bot under test.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BotKind {
    Echo,
    Kairyluu,
}

impl BotKind {
    pub fn name(self) -> &'static str {
        match self {
            Self::Echo => "teloxide echo bot",
            Self::Kairyluu => "kairyluu serve",
        }
    }
}

/// Updates a conversation sends at most (the routing question is asked only when the
/// classifier is not sure).
pub const UPDATES_PER_CONVERSATION: usize = 8;

/// The complaint of citizen `n`: the same problem in a different clinic, routed to health.
fn complaint(n: i64) -> String {
    format!("В поликлинике №{} третий день нет врача, очередь с 6 утра", n % 97 + 1)
}

/// Plays the conversation; returns the ticket number when the bot gave one.
pub async fn play(kind: BotKind, citizen: &mut Citizen) -> Result<Option<String>, String> {
    match kind {
        BotKind::Echo => echo(citizen).await.map(|()| None),
        BotKind::Kairyluu => complain(citizen).await.map(Some),
    }
}

/// The echo bot gets the same kinds of update in the same order: a command, a press, a text,
/// then presses.
async fn echo(citizen: &mut Citizen) -> Result<(), String> {
    let menu = citizen.say("/start").await?;
    citizen.press_data(&menu, "menu").await?;
    let mut last = citizen.say(&complaint(citizen.chat_id())).await?;
    for step in 0..UPDATES_PER_CONVERSATION - 3 {
        last = citizen.press_data(&last, &format!("step-{step}")).await?;
    }
    Ok(())
}

/// A complaint filed with Kairyluu, as `tests/tests/telegram.rs` plays it.
async fn complain(citizen: &mut Citizen) -> Result<String, String> {
    let first = citizen.say("/start").await?;
    let menu = citizen.until_button(first, "Подать жалобу").await?;
    let describe = citizen.press(&menu, "Подать жалобу").await?;
    if !describe.text().is_some_and(|text| text.contains("Опишите")) {
        return Err(format!("unexpected answer to the complaint button: {:?}", describe.text()));
    }
    let first = citizen.say(&complaint(citizen.chat_id())).await?;
    let done = citizen.until_button(first, "Готово").await?;
    let mut message = citizen.press(&done, "Готово").await?;
    if message.button("Бишкек").is_none() {
        // The routing question: confirm the guess, or pick health from the list.
        let label = if message.button("Здравоохранение").is_some() {
            "Здравоохранение"
        } else {
            "Да"
        };
        message = citizen.press(&message, label).await?;
    }
    let region = citizen.until_button(message, "Бишкек").await?;
    let first = citizen.press(&region, "Бишкек").await?;
    let contact = citizen.until_button(first, "через этот чат").await?;
    let first = citizen.press(&contact, "через этот чат").await?;
    let review = citizen.until_button(first, "Отправить").await?;
    let mut registered = citizen.press(&review, "Отправить").await?;
    for _ in 0..4 {
        if let Some(number) = ticket_number(registered.text().unwrap_or_default()) {
            return Ok(number);
        }
        registered = citizen.next().await?;
    }
    Err("no ticket number after submitting".into())
}

fn ticket_number(text: &str) -> Option<String> {
    let rest = text.split("Номер: ").nth(1)?;
    let number = rest.split(['.', '\n', ' ']).next()?.trim();
    number.starts_with("KR-").then(|| number.to_owned())
}
