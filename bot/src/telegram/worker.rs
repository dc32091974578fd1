//! Handling what the inbox holds, in order: at start (updates kept before a crash are replayed)
//! and whenever the poller kept a new batch. Each update runs in its own task, so a panic in a
//! handler is caught here, logged without the message text, answered with an apology, and the
//! worker goes on.

use std::sync::Arc;
use std::time::Duration;

use dialogs::Notice;
use teloxide::prelude::*;
use teloxide::types::Update;
use tickets::queues::InboxItem;
use tokio::sync::Notify;

use std::ops::ControlFlow;

use super::handler::{BotDeps, InboxId, handler_tree, queue, send};
use crate::conversation::ui_lang;

/// After this many failed attempts an update is given up (with an apology), so one poisoned
/// update cannot block the inbox.
const MAX_ATTEMPTS: i32 = 5;

/// Handles pending updates until the process stops.
pub async fn run(bot: Bot, deps: Arc<BotDeps>, work: Arc<Notify>) {
    loop {
        match drain(&bot, &deps).await {
            Ok(0) => {
                // Also wake up now and then: a failed update is retried, and limiters are tidied.
                let _ = tokio::time::timeout(Duration::from_secs(5), work.notified()).await;
                deps.tidy();
            }
            Ok(_) => {}
            Err(error) => {
                tracing::error!(error = %format!("{error:#}"), "cannot read the inbox");
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        }
    }
}

/// Handles the pending updates, oldest first; returns how many were looked at.
pub async fn drain(bot: &Bot, deps: &Arc<BotDeps>) -> anyhow::Result<usize> {
    let items = deps.store.inbox_pending(deps.bot_id, 100).await?;
    let count = items.len();
    for item in items {
        handle_item(bot, deps, item).await?;
    }
    Ok(count)
}

async fn handle_item(bot: &Bot, deps: &Arc<BotDeps>, item: InboxItem) -> anyhow::Result<()> {
    let update: Update = match serde_json::from_str(&item.payload) {
        Ok(update) => update,
        Err(error) => {
            tracing::error!(inbox = item.id, %error, "an inbox update does not parse; dropping it");
            return give_up(deps, &item, None).await;
        }
    };
    let task = {
        let (bot, deps, update) = (bot.clone(), deps.clone(), update.clone());
        tokio::spawn(async move {
            let tree = handler_tree();
            tree.dispatch(dptree::deps![bot, update, deps, InboxId(Some(item.id))]).await
        })
    };
    let failure = match task.await {
        Ok(ControlFlow::Break(Ok(()))) => return Ok(()),
        Ok(ControlFlow::Break(Err(error))) => error.to_string(),
        Ok(ControlFlow::Continue(_)) => "no handler took the update".to_owned(),
        Err(join) if join.is_panic() => "the handler panicked".to_owned(),
        Err(join) => join.to_string(),
    };
    tracing::error!(inbox = item.id, update = item.update_id, attempts = item.attempts + 1, error = %failure, "handling an update failed");
    if item.attempts + 1 >= MAX_ATTEMPTS || failure.contains("panicked") {
        // A panic would recur on replay: apologise and move on rather than loop.
        give_up(deps, &item, update.chat().map(|c| c.id.0)).await
    } else {
        deps.store.inbox_failed_attempt(item.id, &failure).await?;
        Ok(())
    }
}

/// Marks the update handled and, when it came from a chat, apologises there.
async fn give_up(deps: &BotDeps, item: &InboxItem, chat_id: Option<i64>) -> anyhow::Result<()> {
    let mut tx = deps.store.begin().await?;
    if let Some(chat_id) = chat_id {
        let lang = tx.citizen_by_chat(chat_id).await?.map(|c| ui_lang(c.lang));
        queue(tx.as_mut(), send(chat_id, dialogs::notice(lang, Notice::Unavailable))).await?;
    }
    tx.inbox_handled(item.id, chrono::Utc::now()).await?;
    tx.commit().await?;
    Ok(())
}
