//! The outbox sender: claims due messages from the database, keeps under Telegram's limits
//! (about 30 messages a second per bot, 1 a second per private chat, 20 a minute per group),
//! delivers them, and decides what a failure means: wait and retry (429, 5xx, network), or give
//! up (the user blocked the bot, a bad request).

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
    /// Try again after this long.
    Retry(Duration, String),
    /// Never try again.
    GiveUp(String),
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

fn quota_per_second(n: u32) -> Quota {
    Quota::per_second(NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN))
}

impl Sender {
    /// A sender named `worker` (leases carry the name, for operators).
    pub fn new(bot: Bot, store: Arc<dyn Store>, config: SenderConfig, worker: String) -> Self {
        let per_group = Quota::per_minute(NonZeroU32::new(config.per_group_per_minute).unwrap_or(NonZeroU32::MIN));
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
        let mut tidy = tokio::time::interval(Duration::from_secs(60));
        loop {
            tokio::select! {
                _ = tidy.tick() => {
                    // The keyed limiters keep one cell per chat until told to forget idle ones.
                    self.per_chat.retain_recent();
                    self.per_group.retain_recent();
                }
                sent = self.drain() => {
                    if matches!(sent, Ok(0)) {
                        tokio::time::sleep(idle).await;
                    }
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
            if let Some(wait) = self.wait_for_turn(&call) {
                let at = Utc::now() + chrono::Duration::from_std(wait).unwrap_or(chrono::Duration::seconds(1));
                self.store.outbox_defer(item.id, at).await?;
                continue;
            }
            match deliver(bot, &call).await {
                Delivery::Sent => self.store.outbox_sent(item.id, Utc::now()).await?,
                Delivery::Retry(after, why) if item.attempts < self.config.max_attempts => {
                    tracing::warn!(outbox = item.id, attempts = item.attempts, error = %why, "send failed, retrying");
                    let at = Utc::now() + chrono::Duration::from_std(after).unwrap_or(chrono::Duration::seconds(5));
                    self.store.outbox_retry(item.id, at, &why).await?;
                }
                Delivery::Retry(_, why) | Delivery::GiveUp(why) => {
                    tracing::warn!(outbox = item.id, error = %why, "send given up");
                    self.store.outbox_failed(item.id, &why).await?;
                }
            }
        }
        Ok(count)
    }

    /// `None` when `call` may go now, else how long to wait. Checks the chat's own limit first,
    /// so a busy chat does not use up the global budget.
    fn wait_for_turn(&self, call: &Outgoing) -> Option<Duration> {
        if !call.is_rate_limited() {
            return None;
        }
        let chat = call.chat_id();
        let limiter = if chat < 0 { &self.per_group } else { &self.per_chat };
        let clock = governor::clock::DefaultClock::default();
        if let Err(not_until) = limiter.check_key(&chat) {
            return Some(not_until.wait_time_from(governor::clock::Clock::now(&clock)));
        }
        if let Err(not_until) = self.global.check() {
            return Some(not_until.wait_time_from(governor::clock::Clock::now(&clock)));
        }
        None
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
        RequestError::RetryAfter(seconds) => Delivery::Retry(seconds.duration(), "429 too many requests".into()),
        RequestError::Network(_) | RequestError::Io(_) => Delivery::Retry(Duration::from_secs(5), error.to_string()),
        RequestError::Api(ApiError::BotBlocked | ApiError::UserDeactivated | ApiError::ChatNotFound) => {
            Delivery::GiveUp(format!("403/400: {error}"))
        }
        // An edit that changes nothing is not worth retrying, nor an answer to an expired button.
        RequestError::Api(ApiError::MessageNotModified | ApiError::InvalidQueryId) => Delivery::Sent,
        RequestError::Api(_) | RequestError::MigrateToChatId(_) | RequestError::InvalidJson { .. } => {
            Delivery::GiveUp(error.to_string())
        }
    }
}
