//! The outbox sender: claims due messages from the database, keeps under Telegram's limits
//! (about 30 messages a second per bot, 1 a second per private chat, 20 a minute per group),
//! delivers them, and decides what a failure means: wait as told (429 `retry_after`), retry with
//! exponential backoff and jitter (5xx, timeouts, network), mark the chat blocked and stop (403:
//! the user blocked the bot), or give up (a bad request).
//!
//! The governor limiters are per process; they smooth bursts and are all one process needs. On
//! PostgreSQL, where replicas of `serve` may share one database, every limited message also
//! takes its slot in the database ([`PacingStore`](tickets::store::PacingStore)), so the limits
//! hold for all of them together. SQLite takes no slots: it serves one process on one machine,
//! and a slot would be one more write on its single write lock, which the bot's turns queue for.

use std::num::NonZeroU32;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use chrono::Utc;
use governor::{DefaultDirectRateLimiter, DefaultKeyedRateLimiter, Quota, RateLimiter};
use teloxide::prelude::*;
use teloxide::types::{BotCommand, BotCommandScope, ChatId, MessageId, Recipient, ReplyMarkup};
use teloxide::{ApiError, RequestError};
use tickets::queues::OutboxItem;
use tickets::store::{Backend, Slot, Store};

use super::outgoing::{Markup, Outgoing};

/// Limits and pacing of the sender.
#[derive(Debug, Clone)]
pub struct SenderConfig {
    pub per_second: u32,
    pub per_chat_per_second: u32,
    pub per_group_per_minute: u32,
    /// How long a claimed message is ours before another sender may take it.
    pub lease: Duration,
    /// How many messages to claim at once.
    pub batch: i64,
    /// Attempts before a message is given up.
    pub max_attempts: i32,
}

impl Default for SenderConfig {
    fn default() -> Self {
        Self {
            per_second: 30,
            per_chat_per_second: 1,
            per_group_per_minute: 20,
            lease: Duration::from_secs(30),
            batch: 32,
            max_attempts: 8,
        }
    }
}

/// What happened to one delivery.
#[derive(Debug, PartialEq)]
pub enum Delivery {
    Sent,
    /// Telegram said when: try again after exactly this long (429).
    RetryAfter(Duration, String),
    /// A passing failure (5xx, timeout, network): try again after a growing, jittered wait.
    Transient(String),
    /// The chat blocked the bot or is gone: never send there again.
    Blocked(String),
    /// Never try again.
    GiveUp(String),
}

/// The first wait after a passing failure; each further attempt doubles it, up to [`BACKOFF_CAP`].
const BACKOFF_BASE: Duration = Duration::from_secs(2);
/// The longest wait between attempts.
const BACKOFF_CAP: Duration = Duration::from_secs(600);

/// How long to wait before attempt `attempts + 1` after a passing failure: exponential, capped,
/// with "equal jitter" (half fixed, half random) so that senders that failed together do not
/// retry together. `random` is in `[0, 1)`.
pub fn backoff(attempts: i32, random: f64) -> Duration {
    let exponent = u32::try_from(attempts.saturating_sub(1).clamp(0, 20)).unwrap_or(0);
    let full = BACKOFF_BASE.saturating_mul(1 << exponent).min(BACKOFF_CAP);
    full / 2 + full.mul_f64(random.clamp(0.0, 1.0) / 2.0)
}

/// Sends outbox messages within Telegram's limits.
pub struct Sender {
    bot: Bot,
    store: Arc<dyn Store>,
    config: SenderConfig,
    worker: String,
    global: DefaultDirectRateLimiter,
    per_chat: DefaultKeyedRateLimiter<i64>,
    per_group: DefaultKeyedRateLimiter<i64>,
    /// Whether messages also take slots in the database (PostgreSQL), see the module's doc.
    shared_pacing: bool,
    /// Delivered messages not yet marked sent, see [`SentMarks`].
    sent: Mutex<SentMarks>,
}

/// Telegram counts messages in sliding windows, so no bursts: with the default burst of `n`
/// a limiter would let `n` through at once and `n` more within the same second.
fn quota_per_second(n: u32) -> Quota {
    Quota::per_second(NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN)).allow_burst(NonZeroU32::MIN)
}

impl Sender {
    /// A sender named `worker` (leases carry the name, for operators).
    pub fn new(bot: Bot, store: Arc<dyn Store>, config: SenderConfig, worker: String) -> Self {
        let per_group = Quota::per_minute(NonZeroU32::new(config.per_group_per_minute).unwrap_or(NonZeroU32::MIN))
            .allow_burst(NonZeroU32::MIN);
        Self {
            global: RateLimiter::direct(quota_per_second(config.per_second)),
            per_chat: RateLimiter::keyed(quota_per_second(config.per_chat_per_second)),
            per_group: RateLimiter::keyed(per_group),
            shared_pacing: store.backend() == Backend::Postgres,
            sent: Mutex::default(),
            bot,
            store,
            config,
            worker,
        }
    }

    /// Sends until the process stops, waking up at least every `idle` to look for work. The
    /// same sender also delivers immediately after each handled update, so both share one set
    /// of rate limiters.
    pub async fn run(self: Arc<Self>, idle: Duration) {
        const TIDY_EVERY: Duration = Duration::from_secs(60);
        let mut tidied = std::time::Instant::now();
        loop {
            // Not a `select!` against a timer: a drain dropped halfway would leave the messages
            // it had claimed leased, unsent, until their lease ran out.
            if tidied.elapsed() >= TIDY_EVERY {
                // The keyed limiters keep one cell per chat until told to forget idle ones.
                self.per_chat.retain_recent();
                self.per_group.retain_recent();
                if self.shared_pacing
                    && let Err(error) = self.store.prune_send_pacing(Utc::now()).await
                {
                    tracing::warn!(error = %error, "pruning send slots failed");
                }
                tidied = std::time::Instant::now();
            }
            match self.drain().await {
                Ok(0) => tokio::time::sleep(idle).await,
                Ok(_) => {}
                Err(error) => {
                    tracing::warn!(error = %format!("{error:#}"), "sending failed; retrying");
                    tokio::time::sleep(idle).await;
                }
            }
        }
    }

    /// Claims and sends one batch of due messages; returns how many were handled.
    pub async fn drain(&self) -> anyhow::Result<usize> {
        self.drain_with(&self.bot).await
    }

    /// [`Sender::drain`] through `bot` (the handler's own, which tests point at a fake server).
    pub async fn drain_with(&self, bot: &Bot) -> anyhow::Result<usize> {
        let now = Utc::now();
        let items = self.store.outbox_claim(now, self.lease_end(now), &self.worker, self.config.batch).await?;
        let count = items.len();
        self.send_items(bot, items, None).await?;
        // Also the marks of replies that turns delivered and no later turn wrote (a quiet bot).
        self.flush_sent().await?;
        Ok(count)
    }

    /// Takes the delivered messages not yet marked sent, for a turn's transaction to mark them
    /// (see [`SentMarks`]); give them back with [`Sender::restore_sent`] if it does not commit.
    pub fn take_sent(&self) -> Vec<i64> {
        let mut marks = self.sent.lock().unwrap_or_else(PoisonError::into_inner);
        marks.since = None;
        std::mem::take(&mut marks.ids)
    }

    /// Gives back marks taken by [`Sender::take_sent`] that were not written.
    pub fn restore_sent(&self, ids: Vec<i64>) {
        if ids.is_empty() {
            return;
        }
        let mut marks = self.sent.lock().unwrap_or_else(PoisonError::into_inner);
        marks.ids.extend(ids);
        marks.since.get_or_insert_with(std::time::Instant::now);
    }

    /// Marks every delivered message sent, in one write of its own.
    pub async fn flush_sent(&self) -> anyhow::Result<()> {
        let ids = self.take_sent();
        if ids.is_empty() {
            return Ok(());
        }
        if let Err(error) = self.store.outbox_sent_many(&ids, Utc::now()).await {
            self.restore_sent(ids);
            return Err(error.into());
        }
        Ok(())
    }

    /// Notes `id` delivered; writes the marks when the oldest has waited [`SentMarks::EVERY`].
    async fn record_sent(&self, id: i64) -> anyhow::Result<()> {
        let due = {
            let mut marks = self.sent.lock().unwrap_or_else(PoisonError::into_inner);
            marks.ids.push(id);
            marks.since.get_or_insert_with(std::time::Instant::now).elapsed() >= SentMarks::EVERY
        };
        if due { self.flush_sent().await } else { Ok(()) }
    }

    /// The worker name and lease end to give messages claimed at `now`.
    pub fn lease(&self, now: chrono::DateTime<Utc>) -> (&str, chrono::DateTime<Utc>) {
        (&self.worker, self.lease_end(now))
    }

    fn lease_end(&self, now: chrono::DateTime<Utc>) -> chrono::DateTime<Utc> {
        now + chrono::Duration::from_std(self.config.lease).unwrap_or(chrono::Duration::seconds(30))
    }

    /// Sends `items`, already leased to this sender (claimed, or queued leased by a turn that
    /// just committed), in order. `unblocked` is a chat known not to block the bot (the one
    /// whose message was just handled), which saves a lookup per reply.
    pub async fn send_items(&self, bot: &Bot, items: Vec<OutboxItem>, unblocked: Option<i64>) -> anyhow::Result<()> {
        for item in items {
            let call: Outgoing = match serde_json::from_str(&item.payload) {
                Ok(call) => call,
                Err(e) => {
                    self.store.outbox_failed(item.id, &format!("unreadable payload: {e}")).await?;
                    continue;
                }
            };
            // Nothing more goes to a chat that blocked the bot, whoever queued it. A button's
            // answer goes to no chat (its `chat_id` is 0): nothing to look up.
            let chat = call.chat_id();
            if chat != 0 && unblocked != Some(chat) && self.store.is_chat_blocked(chat).await? {
                self.store.outbox_failed(item.id, "chat blocked the bot").await?;
                continue;
            }
            if let Some(wait) = self.wait_for_chat(&call) {
                let at = Utc::now() + chrono::Duration::from_std(wait).unwrap_or(chrono::Duration::seconds(1));
                self.store.outbox_defer(item.id, at).await?;
                continue;
            }
            // The global limit holds for every message alike, so wait for it here (a batch
            // takes about a second at 30/s, well within the lease) instead of writing deferrals.
            if call.is_rate_limited() {
                self.global.until_ready().await;
                if let Some(wait) = self.take_shared_slot(&call).await? {
                    let at = Utc::now() + chrono::Duration::from_std(wait).unwrap_or(chrono::Duration::seconds(1));
                    self.store.outbox_defer(item.id, at).await?;
                    continue;
                }
            }
            match self.deliver(bot, call).await {
                Delivery::Sent => self.record_sent(item.id).await?,
                Delivery::RetryAfter(after, why) if item.attempts < self.config.max_attempts => {
                    tracing::warn!(outbox = item.id, attempts = item.attempts, error = %why, "rate limited, waiting");
                    self.retry_in(item.id, after, &why).await?;
                }
                Delivery::Transient(why) if item.attempts < self.config.max_attempts => {
                    tracing::warn!(outbox = item.id, attempts = item.attempts, error = %why, "send failed, retrying");
                    self.retry_in(item.id, backoff(item.attempts, rand::random::<f64>()), &why).await?;
                }
                Delivery::Blocked(why) => {
                    tracing::info!(outbox = item.id, error = %why, "chat blocked the bot; not sending there again");
                    self.store.mark_chat_blocked(item.chat_id, &why, Utc::now()).await?;
                    self.store.outbox_failed(item.id, &why).await?;
                }
                Delivery::RetryAfter(_, why) | Delivery::Transient(why) | Delivery::GiveUp(why) => {
                    tracing::warn!(outbox = item.id, error = %why, "send given up");
                    self.store.outbox_failed(item.id, &why).await?;
                }
            }
        }
        Ok(())
    }

    /// Makes one Bot API call; ticket cards also record what Telegram made of them.
    async fn deliver(&self, bot: &Bot, call: Outgoing) -> Delivery {
        let store = self.store.as_ref();
        let result = match call {
            Outgoing::Card { chat_id, thread_id, ticket_id, text, markup } => {
                super::cards::send_card(bot, store, chat_id, thread_id, ticket_id, text, markup).await
            }
            Outgoing::OpenTopic { chat_id, name, text, markup, media, ticket_id: Some(ticket_id) } => {
                let topic = super::cards::NewTopic { chat_id, ticket_id, name, text, markup, media };
                super::cards::open_topic(bot, store, topic).await
            }
            other => return deliver(bot, &other).await,
        };
        match result {
            Ok(()) => Delivery::Sent,
            Err(error) => classify_error(&error),
        }
    }

    async fn retry_in(&self, id: i64, wait: Duration, why: &str) -> anyhow::Result<()> {
        let at = Utc::now() + chrono::Duration::from_std(wait).unwrap_or(chrono::Duration::seconds(5));
        self.store.outbox_retry(id, at, why).await?;
        Ok(())
    }

    /// Takes the database slot of `call` when slots are shared (PostgreSQL): `None` to send now,
    /// or how long the chat must wait. The bot-wide limit is waited for here, like the
    /// governor's above it.
    async fn take_shared_slot(&self, call: &Outgoing) -> anyhow::Result<Option<Duration>> {
        if !self.shared_pacing {
            return Ok(None);
        }
        let chat = call.chat_id();
        let chat_interval = if chat < 0 {
            Duration::from_secs(60) / self.config.per_group_per_minute.max(1)
        } else {
            Duration::from_secs(1) / self.config.per_chat_per_second.max(1)
        };
        let bot_interval = Duration::from_secs(1) / self.config.per_second.max(1);
        loop {
            match self.store.take_send_slot(Some((chat, chat_interval)), bot_interval, Utc::now()).await? {
                Slot::Granted(_) => return Ok(None),
                Slot::ChatBusy(wait) => return Ok(Some(wait)),
                Slot::BotBusy(wait) => tokio::time::sleep(wait).await,
            }
        }
    }

    /// `None` when the chat of `call` may receive it now, else how long to wait.
    fn wait_for_chat(&self, call: &Outgoing) -> Option<Duration> {
        if !call.is_rate_limited() {
            return None;
        }
        let chat = call.chat_id();
        let limiter = if chat < 0 { &self.per_group } else { &self.per_chat };
        // The limiter's own clock: a new default clock calibrates itself (CPUID and timer reads)
        // on every call, which showed up in profiles at a few hundred messages a second.
        let clock = limiter.clock();
        limiter.check_key(&chat).err().map(|not_until| not_until.wait_time_from(governor::clock::Clock::now(clock)))
    }
}

/// Delivered messages not yet marked sent. A mark is a write, and SQLite has one writer: a
/// write of its own after each turn's replies made every turn queue for the write lock twice,
/// and the second wait was as long as the first. So the next turn's transaction writes the marks
/// ([`Sender::take_sent`]), or the sender's loop when no turn comes (it wakes every 200 ms), and
/// at the latest every [`SentMarks::EVERY`] during a long batch. A crash before they are written
/// sends those messages again once their lease ends (at least once, never lost).
#[derive(Default)]
struct SentMarks {
    ids: Vec<i64>,
    /// When the oldest unwritten mark was noted.
    since: Option<std::time::Instant>,
}

impl SentMarks {
    const EVERY: Duration = Duration::from_millis(250);
}

/// Makes one Bot API call and classifies the outcome.
pub async fn deliver(bot: &Bot, call: &Outgoing) -> Delivery {
    let result = match call.clone() {
        Outgoing::SendMessage { chat_id, text, markup } => {
            let mut request = bot.send_message(ChatId(chat_id), text);
            request.reply_markup = markup.map(|m| match m {
                Markup::Inline(inline) => ReplyMarkup::InlineKeyboard(inline),
                Markup::Reply(keyboard) => ReplyMarkup::Keyboard(keyboard),
                Markup::Remove(remove) => ReplyMarkup::KeyboardRemove(remove),
            });
            request.await.map(|_| ())
        }
        Outgoing::EditMessageText { chat_id, message_id, text, markup } => {
            let mut request = bot.edit_message_text(ChatId(chat_id), MessageId(message_id), text);
            request.reply_markup = markup;
            request.await.map(|_| ())
        }
        Outgoing::AnswerCallbackQuery { callback_query_id, text } => {
            let mut request = bot.answer_callback_query(callback_query_id.into());
            request.text = text;
            request.await.map(|_| ())
        }
        Outgoing::CopyMessage { chat_id, from_chat_id, message_id } => {
            bot.copy_message(ChatId(chat_id), ChatId(from_chat_id), MessageId(message_id)).await.map(|_| ())
        }
        Outgoing::SendMedia { chat_id, thread_id, kind, file_id, caption } => {
            crate::officer::send_media(bot, chat_id, thread_id, &kind, file_id, caption).await
        }
        Outgoing::OpenTopic { chat_id, name, text, markup, media, ticket_id: _ } => {
            crate::officer::open_topic(bot, chat_id, name, text, markup, media).await
        }
        Outgoing::Card { chat_id, thread_id, ticket_id: _, text, markup } => {
            super::cards::send_text(bot, chat_id, thread_id, text, markup).await.map(|_| ())
        }
        Outgoing::SendToTopic { chat_id, thread_id, text, markup } => {
            crate::officer::send_to_topic(bot, chat_id, thread_id, text, markup).await
        }
        Outgoing::SetChatCommands { chat_id, lang: _, commands } => {
            let commands = commands.into_iter().map(|(command, description)| BotCommand::new(command, description));
            let mut request = bot.set_my_commands(commands);
            request.scope = Some(BotCommandScope::Chat { chat_id: Recipient::Id(ChatId(chat_id)) });
            request.await.map(|_| ())
        }
    };
    match result {
        Ok(()) => Delivery::Sent,
        Err(error) => classify_error(&error),
    }
}

fn classify_error(error: &RequestError) -> Delivery {
    admin::metrics::Counters::process().telegram_api_error();
    match error {
        RequestError::RetryAfter(seconds) => Delivery::RetryAfter(seconds.duration(), "429 too many requests".into()),
        // Timeouts are network errors; a body that is not JSON is a proxy's 5xx page.
        RequestError::Network(_) | RequestError::Io(_) | RequestError::InvalidJson { .. } => {
            Delivery::Transient(error.to_string())
        }
        RequestError::Api(
            ApiError::BotBlocked
            | ApiError::UserDeactivated
            | ApiError::ChatNotFound
            | ApiError::BotKicked
            | ApiError::BotKickedFromSupergroup
            | ApiError::CantInitiateConversation,
        ) => Delivery::Blocked(error.to_string()),
        // An edit that changes nothing is not worth retrying, nor an answer to an expired button.
        RequestError::Api(ApiError::MessageNotModified | ApiError::InvalidQueryId) => Delivery::Sent,
        // teloxide keeps only the description of errors it does not know; Telegram's 5xx
        // descriptions are the HTTP reason phrases.
        RequestError::Api(ApiError::Unknown(description)) if is_server_error(description) => {
            Delivery::Transient(error.to_string())
        }
        RequestError::Api(_) | RequestError::MigrateToChatId(_) => Delivery::GiveUp(error.to_string()),
    }
}

fn is_server_error(description: &str) -> bool {
    ["Internal Server Error", "Bad Gateway", "Service Unavailable", "Gateway Timeout", "Gateway Time-out"]
        .iter()
        .any(|reason| description.starts_with(reason))
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    #[test]
    fn backoff_doubles_with_jitter_and_stops_growing_at_the_cap() {
        assert_eq!(backoff(1, 0.0), Duration::from_secs(1));
        assert_eq!(backoff(1, 0.999_999), Duration::from_secs(2).mul_f64(0.5 + 0.999_999 / 2.0));
        assert_eq!(backoff(3, 0.0), Duration::from_secs(4));
        assert!(backoff(3, 0.5) > backoff(3, 0.0) && backoff(3, 0.5) < Duration::from_secs(8));
        assert_eq!(backoff(30, 0.0), BACKOFF_CAP / 2);
        assert!(backoff(30, 0.999) <= BACKOFF_CAP);
    }

    #[test]
    fn failures_are_told_apart() {
        let api = |e: ApiError| classify_error(&RequestError::Api(e));
        assert_eq!(api(ApiError::BotBlocked), Delivery::Blocked(RequestError::Api(ApiError::BotBlocked).to_string()));
        assert!(matches!(api(ApiError::Unknown("Internal Server Error".into())), Delivery::Transient(_)));
        assert!(matches!(api(ApiError::Unknown("Bad Gateway".into())), Delivery::Transient(_)));
        assert!(matches!(api(ApiError::Unknown("Bad Request: something".into())), Delivery::GiveUp(_)));
        let io = RequestError::Io(Arc::new(std::io::Error::new(std::io::ErrorKind::TimedOut, "timed out")));
        assert!(matches!(classify_error(&io), Delivery::Transient(_)));
        let retry = RequestError::RetryAfter(teloxide::types::Seconds::from_seconds(7));
        assert_eq!(
            classify_error(&retry),
            Delivery::RetryAfter(Duration::from_secs(7), "429 too many requests".into())
        );
    }
}
