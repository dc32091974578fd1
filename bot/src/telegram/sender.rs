//! The outbox sender: claims due messages from the database, keeps under Telegram's limits
//! (about 30 messages a second per bot, 1 a second per private chat, 20 a minute per group),
//! delivers them, and decides what a failure means: wait as told (429 `retry_after`), retry with
//! exponential backoff and jitter (5xx, timeouts, network), mark the chat blocked and stop (403:
//! the user blocked the bot), or give up (a bad request).
//!
//! The limiters are per process: two `kairyluu` processes sharing one database each keep their
//! own budget, so run one sender per bot (a `serve` process) when the limits matter.

use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use governor::{DefaultDirectRateLimiter, DefaultKeyedRateLimiter, Quota, RateLimiter};
use teloxide::prelude::*;
use teloxide::types::{BotCommand, BotCommandScope, ChatId, MessageId, Recipient, ReplyMarkup};
use teloxide::{ApiError, RequestError};
use tickets::store::Store;

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
        let lease = chrono::Duration::from_std(self.config.lease).unwrap_or(chrono::Duration::seconds(30));
        let items = self.store.outbox_claim(now, now + lease, &self.worker, self.config.batch).await?;
        let count = items.len();
        for item in items {
            let call: Outgoing = match serde_json::from_str(&item.payload) {
                Ok(call) => call,
                Err(e) => {
                    self.store.outbox_failed(item.id, &format!("unreadable payload: {e}")).await?;
                    continue;
                }
            };
            // Nothing more goes to a chat that blocked the bot, whoever queued it.
            if self.store.is_chat_blocked(call.chat_id()).await? {
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
            }
            match deliver(bot, &call).await {
                Delivery::Sent => self.store.outbox_sent(item.id, Utc::now()).await?,
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
        Ok(count)
    }

    async fn retry_in(&self, id: i64, wait: Duration, why: &str) -> anyhow::Result<()> {
        let at = Utc::now() + chrono::Duration::from_std(wait).unwrap_or(chrono::Duration::seconds(5));
        self.store.outbox_retry(id, at, why).await?;
        Ok(())
    }

    /// `None` when the chat of `call` may receive it now, else how long to wait.
    fn wait_for_chat(&self, call: &Outgoing) -> Option<Duration> {
        if !call.is_rate_limited() {
            return None;
        }
        let chat = call.chat_id();
        let limiter = if chat < 0 { &self.per_group } else { &self.per_chat };
        let clock = governor::clock::DefaultClock::default();
        limiter.check_key(&chat).err().map(|not_until| not_until.wait_time_from(governor::clock::Clock::now(&clock)))
    }
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
        Outgoing::OpenTopic { chat_id, name, text, markup, media } => {
            crate::officer::open_topic(bot, chat_id, name, text, markup, media).await
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
