//! One scripted citizen that times each of its updates: from the moment the update is queued on
//! the fake Bot API to the moment the bot's first new message to the chat reaches the fake.

use std::time::{Duration, Instant, SystemTime};

use e2e::fake_bot_api::{Call, FakeUser};

/// How long a citizen waits for an answer before the run counts it as unanswered.
const PATIENCE: Duration = Duration::from_secs(30);

/// A citizen and the timings of the updates it sent.
pub struct Citizen {
    user: FakeUser,
    /// When each step may be sent at the earliest (paced runs); empty: at once.
    schedule: Vec<Instant>,
    /// For each update sent: when it was queued, and on the wall clock (to compare with the
    /// bot's own timestamps in the database).
    pub sent: Vec<(Instant, SystemTime)>,
    /// For each update: how long until the first message in answer.
    pub latencies: Vec<Duration>,
}

impl Citizen {
    pub fn new(user: FakeUser, schedule: Vec<Instant>) -> Self {
        Self { user, schedule, sent: Vec::new(), latencies: Vec::new() }
    }

    pub fn chat_id(&self) -> i64 {
        self.user.chat_id()
    }

    /// Sends a text (a command when it starts with `/`) and returns the first message in answer.
    pub async fn say(&mut self, text: &str) -> Result<Call, String> {
        self.wait_for_turn().await;
        let at = self.stamp();
        if text.starts_with('/') {
            self.user.send_command(text);
        } else {
            self.user.send_text(text);
        }
        self.first_answer(at).await
    }

    /// Presses the button with `data` under `message` and returns the first message in answer.
    pub async fn press_data(&mut self, message: &Call, data: &str) -> Result<Call, String> {
        let message_id = message.message_id().ok_or("a message without an id")?;
        self.wait_for_turn().await;
        let at = self.stamp();
        self.user.press(data, message_id);
        self.first_answer(at).await
    }

    /// Presses the button whose label contains `label`.
    pub async fn press(&mut self, message: &Call, label: &str) -> Result<Call, String> {
        let data = message.button(label).ok_or_else(|| format!("no `{label}` button on {:?}", message.text()))?;
        self.press_data(message, &data).await
    }

    /// `first` if it has a button labelled `label`, else the next messages until one has.
    pub async fn until_button(&mut self, first: Call, label: &str) -> Result<Call, String> {
        let mut message = first;
        for _ in 0..6 {
            if message.button(label).is_some() {
                return Ok(message);
            }
            message = self.next().await?;
        }
        Err(format!("no message with a `{label}` button"))
    }

    /// The next message to the chat.
    pub async fn next(&self) -> Result<Call, String> {
        self.user.next_message(PATIENCE).await.ok_or_else(|| format!("chat {}: no answer in time", self.chat_id()))
    }

    async fn wait_for_turn(&self) {
        if let Some(at) = self.schedule.get(self.sent.len()) {
            tokio::time::sleep_until((*at).into()).await;
        }
    }

    fn stamp(&mut self) -> Instant {
        let at = Instant::now();
        self.sent.push((at, SystemTime::now()));
        at
    }

    /// The first message that reached the fake after `at` (a late extra message of the turn
    /// before is skipped).
    async fn first_answer(&mut self, at: Instant) -> Result<Call, String> {
        loop {
            let message = self.next().await?;
            if message.at >= at {
                self.latencies.push(message.at - at);
                return Ok(message);
            }
        }
    }
}
