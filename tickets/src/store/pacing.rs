//! Pacing of outgoing Telegram messages in the database, so that Telegram's limits (about 30 a
//! second per bot, 1 a second per chat, 20 a minute per group) hold across processes: replicas
//! of `serve` on one PostgreSQL take each message's slot here before sending it.
//!
//! Slots are spaced, not counted per window: each paced key (the bot, a chat, a group) keeps the
//! earliest moment its next message may go, and taking a slot moves it one interval on. Messages
//! at least `1/n` s apart never put more than `n` into any sliding second, whereas counts per
//! fixed second would let `n` through at the end of one second and `n` more at the start of the
//! next. [`PacingStore`] is a supertrait of [`Store`](super::Store); [`impl_pacing_store!`]
//! implements it in each backend's module.

use std::time::Duration;

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::StoreError;

/// The key of the bot-wide limit (no Telegram chat has id 0).
pub const BOT_WIDE: i64 = 0;

/// What asking for a send slot gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// Send now. The slot begins at this moment (on PostgreSQL by the database's clock).
    Granted(DateTime<Utc>),
    /// The chat's (or group's) limit says not yet: ask again after this long. Nothing was taken.
    ChatBusy(Duration),
    /// The bot-wide limit says not yet: ask again after this long. Nothing was taken.
    BotBusy(Duration),
}

/// Send slots shared by every process on the database.
#[async_trait]
pub trait PacingStore: Send + Sync {
    /// Takes, in one transaction, a slot of `chat` (its id and the least time between two
    /// messages to it), when given, and one of the bot-wide limit (`bot_interval` apart): both
    /// or neither, so a refusal wastes no one's budget. `now` is the caller's clock and counts
    /// on SQLite only; PostgreSQL uses its own clock, the one all replicas share.
    async fn take_send_slot(
        &self,
        chat: Option<(i64, Duration)>,
        bot_interval: Duration,
        now: DateTime<Utc>,
    ) -> Result<Slot, StoreError>;

    /// Deletes the rows that no longer hold anything back (their next moment is past);
    /// returns how many. A deleted row means the same as an expired one.
    async fn prune_send_pacing(&self, now: DateTime<Utc>) -> Result<u64, StoreError>;
}

/// An interval in whole microseconds, at least one.
pub(crate) fn micros(interval: Duration) -> i64 {
    i64::try_from(interval.as_micros()).unwrap_or(i64::MAX).max(1)
}

/// A wait read from the database: never less than a millisecond, so that a caller whose clock
/// is a hair behind the database's does not spin.
pub(crate) fn wait_from_micros(micros: i64) -> Duration {
    Duration::from_micros(u64::try_from(micros).unwrap_or(0)).max(Duration::from_millis(1))
}

/// Implements `PacingStore` for `$store` over `$db`. `now` is the SQL for the current moment in
/// microseconds since the epoch, read once per slot taken; `$1` there is the caller's `now`
/// (bound on both backends).
/// `$store` provides `pool`, `begin_write` and `write_gate`.
macro_rules! impl_pacing_store {
    ($store:ty, $db:ty, now = $now:expr) => {
        /// Takes one slot of `key` at `now` (microseconds) inside `tx`: `Ok(at)` (the slot's
        /// start) or `Err(wait)` (microseconds until the key's next free moment).
        async fn take_pacing_slot(
            tx: &mut sqlx::Transaction<'static, $db>,
            key: i64,
            interval: i64,
            now: i64,
        ) -> Result<Result<i64, i64>, sqlx::Error> {
            // A row whose next moment has come is moved on from now; one whose next moment is
            // ahead is left alone (the WHERE) and nothing is returned.
            let taken: Option<i64> = sqlx::query_scalar(
                "INSERT INTO send_pacing (chat_id, next_at) VALUES ($2, $1 + $3)
                 ON CONFLICT (chat_id) DO UPDATE SET next_at = excluded.next_at
                 WHERE send_pacing.next_at <= excluded.next_at - $3
                 RETURNING next_at",
            )
            .bind(now)
            .bind(key)
            .bind(interval)
            .fetch_optional(&mut **tx)
            .await?;
            if let Some(next_at) = taken {
                return Ok(Ok(next_at - interval));
            }
            let wait: Option<i64> = sqlx::query_scalar("SELECT next_at - $1 FROM send_pacing WHERE chat_id = $2")
                .bind(now)
                .bind(key)
                .fetch_optional(&mut **tx)
                .await?;
            Ok(Err(wait.unwrap_or(0)))
        }

        #[async_trait::async_trait]
        impl $crate::store::PacingStore for $store {
            async fn take_send_slot(
                &self,
                chat: Option<(i64, std::time::Duration)>,
                bot_interval: std::time::Duration,
                now: chrono::DateTime<chrono::Utc>,
            ) -> Result<$crate::store::Slot, $crate::store::StoreError> {
                use $crate::store::Slot;
                use $crate::store::pacing::{BOT_WIDE, micros, wait_from_micros};
                let now = now.timestamp_micros();
                let _turn = self.write_gate().await;
                // Dropped without commit on a refusal: the chat's slot is not kept when the
                // bot-wide one is refused. Every taker locks the chat's row before the bot's,
                // so two takers cannot deadlock.
                let mut tx = self.begin_write().await?;
                // One moment for both slots, read once: the chat's and the bot's slot then begin
                // at the same instant, so the spacing of granted slots holds for each key alike.
                // Read before any row lock is waited for, it can only be early, never late: a
                // slot is then refused, never granted too soon.
                let now: i64 =
                    sqlx::query_scalar(&format!("SELECT {now}", now = $now)).bind(now).fetch_one(&mut *tx).await?;
                if let Some((chat_id, interval)) = chat {
                    if let Err(wait) = take_pacing_slot(&mut tx, chat_id, micros(interval), now).await? {
                        return Ok(Slot::ChatBusy(wait_from_micros(wait)));
                    }
                }
                match take_pacing_slot(&mut tx, BOT_WIDE, micros(bot_interval), now).await? {
                    Err(wait) => Ok(Slot::BotBusy(wait_from_micros(wait))),
                    Ok(at) => {
                        tx.commit().await?;
                        let at = chrono::DateTime::from_timestamp_micros(at).ok_or_else(|| {
                            $crate::store::StoreError::Corrupt(format!("send slot at {at} µs is out of range"))
                        })?;
                        Ok(Slot::Granted(at))
                    }
                }
            }

            async fn prune_send_pacing(
                &self,
                now: chrono::DateTime<chrono::Utc>,
            ) -> Result<u64, $crate::store::StoreError> {
                let _turn = self.write_gate().await;
                let deleted = sqlx::query(&format!("DELETE FROM send_pacing WHERE next_at < {now}", now = $now))
                    .bind(now.timestamp_micros())
                    .execute(&self.pool)
                    .await?;
                Ok(deleted.rows_affected())
            }
        }
    };
}

pub(crate) use impl_pacing_store;
