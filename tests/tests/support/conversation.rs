//! Playing a citizen's or an officer's side of a conversation with the running bot.

use std::time::Duration;

use e2e::fake_bot_api::{Call, FakeUser};

/// How long to wait for the bot's next message.
pub const WAIT: Duration = Duration::from_secs(15);

/// The bot's next message to the user, which must exist.
pub async fn next(user: &FakeUser) -> Call {
    user.next_message(WAIT).await.expect("the bot did not answer in time")
}

/// Presses the button whose label contains `label` on `message`.
pub fn press_only(user: &FakeUser, message: &Call, label: &str) {
    let (_, data) = message
        .buttons()
        .into_iter()
        .find(|(text, _)| text.contains(label))
        .unwrap_or_else(|| panic!("no button `{label}` on {:?}: {:?}", message.text(), message.buttons()));
    user.press(&data, message.message_id().unwrap());
}

/// Presses the button whose label contains `label` on `message`, and returns the next message.
pub async fn press(user: &FakeUser, message: &Call, label: &str) -> Call {
    press_only(user, message, label);
    next(user).await
}

/// From `message` on, skips or finishes each optional step of a Russian corruption report
/// (position, time, place, amount, evidence) and sends it; returns the bot's answer to "send".
pub async fn send_after_optional_steps(user: &FakeUser, mut message: Call) -> Call {
    for _ in 0..10 {
        let label = ["Отправить", "Пропустить", "Готово"]
            .into_iter()
            .find(|label| message.buttons().iter().any(|(t, _)| t.contains(label)));
        match label {
            Some("Отправить") => return press(user, &message, "Отправить").await,
            Some(label) => message = press(user, &message, label).await,
            None => message = next(user).await,
        }
    }
    panic!("the report was never submitted");
}
