//! Keeping updates before handling them. teloxide would acknowledge an update (the next
//! `getUpdates` offset) before a handler ran, so a crash in between would lose a citizen's
//! message; here a batch is written to the inbox first and acknowledged only after it committed.

use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use teloxide::prelude::*;
use teloxide::types::Update;
use tickets::queues::NewInboxItem;
use tickets::store::Store;
use tokio::sync::Notify;

/// How long one `getUpdates` waits for updates. It must stay under the HTTP client's own timeout
/// (teloxide's default client gives up after 17 s): a longer poll on a quiet bot would fail as a
/// network error every time, and the growing retry pause would then delay the next citizen's
/// message by up to a minute.
const LONG_POLL_SECONDS: u32 = 10;

/// The inbox record of `update`.
pub fn inbox_item(bot_id: i64, update: &Update) -> anyhow::Result<NewInboxItem> {
    let payload = serde_json::to_string(update)?;
    let digest = crate::digest::sha256_hex(payload.as_bytes());
    Ok(NewInboxItem {
        bot_id,
        update_id: i64::from(update.id.0),
        digest,
        chat_id: update.chat().map(|chat| chat.id.0),
        payload,
        received_at: Utc::now(),
    })
}

/// Long-polls Telegram, writes each batch to the inbox, then acknowledges it; wakes `work` after
/// each batch.
pub async fn poll(bot: Bot, store: Arc<dyn Store>, bot_id: i64, work: Arc<Notify>) {
    let mut offset: i32 = 0;
    let mut backoff = Duration::from_secs(1);
    loop {
        let updates = match bot.get_updates().offset(offset).timeout(LONG_POLL_SECONDS).await {
            Ok(updates) => {
                backoff = Duration::from_secs(1);
                updates
            }
            Err(error) => {
                tracing::warn!(%error, "getUpdates failed; retrying");
                tokio::time::sleep(backoff).await;
                backoff = (backoff * 2).min(Duration::from_secs(60));
                continue;
            }
        };
        let Some(last) = updates.last() else { continue };
        let next_offset = i32::try_from(last.id.0).unwrap_or(i32::MAX).saturating_add(1);
        match keep(&store, bot_id, &updates).await {
            Ok(()) => {
                offset = next_offset;
                work.notify_one();
            }
            Err(error) => {
                // Not acknowledged: Telegram sends the batch again on the next poll.
                tracing::error!(error = %format!("{error:#}"), "cannot keep updates in the inbox; not acknowledging");
                tokio::time::sleep(backoff).await;
                backoff = (backoff * 2).min(Duration::from_secs(60));
            }
        }
    }
}

async fn keep(store: &Arc<dyn Store>, bot_id: i64, updates: &[Update]) -> anyhow::Result<()> {
    let items = updates.iter().map(|update| inbox_item(bot_id, update)).collect::<anyhow::Result<Vec<_>>>()?;
    let mut tx = store.begin().await?;
    tx.inbox_insert_many(&items).await?;
    tx.commit().await?;
    Ok(())
}
