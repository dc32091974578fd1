//! Handling what the inbox holds: at start (updates kept before a crash are replayed) and whenever
//! the poller kept a new batch. Updates of different chats are handled concurrently (at most
//! [`CONCURRENT_CHATS`] at once), the updates of one chat strictly in the order they came.
//!
//! Each update runs in its own task, so a panic in a handler is caught here, logged without the
//! message text, answered with an apology, and the worker goes on. A failed update is retried
//! after a growing pause, and the later updates of its chat wait for it.

use std::collections::{HashMap, HashSet, VecDeque};
use std::future::Future;
use std::ops::ControlFlow;
use std::sync::Arc;
use std::time::{Duration, Instant};

use dialogs::Notice;
use teloxide::prelude::*;
use teloxide::types::Update;
use tickets::queues::InboxItem;
use tickets::store::Store;
use tokio::sync::Notify;

use super::handler::{BotDeps, InboxId, handler_tree, queue, send};
use super::lanes::Lanes;
use crate::conversation::ui_lang;

/// After this many failed attempts an update is given up (with an apology), so one poisoned
/// update cannot block its chat.
const MAX_ATTEMPTS: i32 = 5;

/// Chats handled at once. Each holds a database transaction while its turn runs; more than the
/// pool's connections would only queue for them.
const CONCURRENT_CHATS: usize = 16;

/// Inbox rows read at once: enough to find work for every lane.
const BATCH: i64 = 64;

/// How long an idle worker waits before looking again (a retry may have come due).
const IDLE: Duration = Duration::from_secs(1);

/// How often idle limiter cells are forgotten.
const TIDY_EVERY: Duration = Duration::from_secs(60);

/// Which updates must be handled in order: those of one chat. An update without a chat is
/// alone in its lane.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lane {
    Chat(i64),
    Alone(i64),
}

impl Lane {
    fn of(item: &InboxItem) -> Self {
        item.chat_id.map_or(Self::Alone(item.id), Self::Chat)
    }
}

/// Handles pending updates until the process stops.
pub async fn run(bot: Bot, deps: Arc<BotDeps>, work: Arc<Notify>) {
    let mut lanes = Lanes::new(CONCURRENT_CHATS);
    let mut waiting = Waiting::default();
    let mut last_read = Started::default();
    let mut must_read = true;
    let mut tidied = Instant::now();
    loop {
        // Registered before reading the inbox, so a batch kept meanwhile is not missed.
        let kept = work.notified();
        tokio::pin!(kept);
        kept.as_mut().enable();
        let handle = |items| handle_in_order(bot.clone(), deps.clone(), items);
        if must_read {
            match start_pending(deps.store.as_ref(), deps.bot_id, &mut lanes, &mut waiting, handle).await {
                Ok(started) => last_read = started,
                Err(error) => {
                    tracing::error!(error = %format!("{error:#}"), "cannot read the inbox");
                    tokio::time::sleep(IDLE).await;
                }
            }
        }
        if lanes.is_empty() {
            let _ = tokio::time::timeout(IDLE, kept).await;
            must_read = true;
        } else {
            // Reading the inbox costs every pending row: read again only when that can start
            // something the last read did not bring, i.e. new updates came, a lane ended that
            // had updates left behind, or the updates read then are all started and there were
            // more than lanes.
            tokio::select! {
                done = lanes.next_done() => {
                    waiting.start(&mut lanes, handle);
                    must_read = (waiting.is_empty() && last_read.lanes_were_full)
                        || done.is_some_and(|lane| last_read.left_behind.contains(&lane));
                }
                () = &mut kept => must_read = true,
            }
        }
        if tidied.elapsed() >= TIDY_EVERY {
            deps.tidy();
            tidied = Instant::now();
        }
    }
}

/// What one reading of the inbox started, and what it had to leave.
#[derive(Debug, Default)]
pub struct Started {
    /// Lanes started.
    pub lanes: usize,
    /// Busy lanes that have more updates waiting.
    pub left_behind: HashSet<Lane>,
    /// Whether updates were left because every lane was taken.
    pub lanes_were_full: bool,
}

/// Updates the last reading of the inbox found while every lane was taken, by lane in order of
/// their oldest update: started from here as lanes end, so a busy worker does not read the
/// inbox (every pending row and its payload) again for each update it finishes. Each reading
/// replaces them, so an update is never both here and in a newer reading.
#[derive(Debug, Default)]
pub struct Waiting(VecDeque<(Lane, Vec<InboxItem>)>);

impl Waiting {
    /// Whether nothing waits.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Starts waiting lanes while there is room; returns how many started.
    pub fn start<F, Fut>(&mut self, lanes: &mut Lanes<Lane>, handle: F) -> usize
    where
        F: Fn(Vec<InboxItem>) -> Fut,
        Fut: Future<Output = ()> + Send + 'static,
    {
        let mut started = 0;
        while lanes.has_room() {
            let Some((lane, items)) = self.0.pop_front() else { break };
            // A lane is started from one reading only, so it cannot be busy; if it were, its
            // updates are left for the next reading rather than run beside it.
            if lanes.try_start(lane, handle(items)) {
                started += 1;
            }
        }
        started
    }
}

/// Reads the due updates and starts a lane for each chat that has room and is not busy (a busy
/// chat's new updates wait until its lane ends, then come in the next read). What finds every
/// lane taken waits in `waiting`, replacing what waited there.
pub async fn start_pending<F, Fut>(
    store: &dyn Store,
    bot_id: i64,
    lanes: &mut Lanes<Lane>,
    waiting: &mut Waiting,
    handle: F,
) -> anyhow::Result<Started>
where
    F: Fn(Vec<InboxItem>) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let mut started = Started::default();
    if !lanes.has_room() {
        started.lanes_were_full = true;
        return Ok(started);
    }
    let items = store.inbox_pending(bot_id, chrono::Utc::now(), BATCH).await?;
    waiting.0.clear();
    for (lane, items) in by_lane(items) {
        if lanes.is_busy(&lane) {
            started.left_behind.insert(lane);
        } else if !lanes.has_room() {
            started.lanes_were_full = true;
            waiting.0.push_back((lane, items));
        } else if lanes.try_start(lane, handle(items)) {
            started.lanes += 1;
        }
    }
    Ok(started)
}

/// Groups `items` by lane, keeping their order within each lane and the lanes in order of their
/// oldest update.
fn by_lane(items: Vec<InboxItem>) -> Vec<(Lane, Vec<InboxItem>)> {
    let mut groups: Vec<(Lane, Vec<InboxItem>)> = Vec::new();
    let mut index: HashMap<Lane, usize> = HashMap::new();
    for item in items {
        let lane = Lane::of(&item);
        match index.get(&lane) {
            Some(&at) => groups[at].1.push(item),
            None => {
                index.insert(lane, groups.len());
                groups.push((lane, vec![item]));
            }
        }
    }
    groups
}

/// What became of one update.
enum Outcome {
    Done,
    /// It failed and will be retried; the chat's later updates must wait for it.
    Later,
}

/// Handles one chat's updates in order, stopping at one that must be retried.
async fn handle_in_order(bot: Bot, deps: Arc<BotDeps>, items: Vec<InboxItem>) {
    for item in items {
        match handle_item(&bot, &deps, item).await {
            Ok(Outcome::Done) => admin::metrics::Counters::process().update_handled(),
            Ok(Outcome::Later) => break,
            Err(error) => {
                tracing::error!(error = %format!("{error:#}"), "cannot record the outcome of an update");
                break;
            }
        }
    }
}

async fn handle_item(bot: &Bot, deps: &Arc<BotDeps>, item: InboxItem) -> anyhow::Result<Outcome> {
    let update: Update = match serde_json::from_str(&item.payload) {
        Ok(update) => update,
        Err(error) => {
            tracing::error!(inbox = item.id, %error, "an inbox update does not parse; dropping it");
            give_up(deps, &item, None).await?;
            return Ok(Outcome::Done);
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
        Ok(ControlFlow::Break(Ok(()))) => return Ok(Outcome::Done),
        Ok(ControlFlow::Break(Err(error))) => error.to_string(),
        Ok(ControlFlow::Continue(_)) => "no handler took the update".to_owned(),
        Err(join) if join.is_panic() => "the handler panicked".to_owned(),
        Err(join) => join.to_string(),
    };
    tracing::error!(inbox = item.id, update = item.update_id, attempts = item.attempts + 1, error = %failure, "handling an update failed");
    if item.attempts + 1 >= MAX_ATTEMPTS || failure.contains("panicked") {
        // A panic would recur on replay: apologise and move on rather than loop.
        give_up(deps, &item, update.chat().map(|c| c.id.0)).await?;
        Ok(Outcome::Done)
    } else {
        let retry_at = chrono::Utc::now() + retry_pause(item.attempts);
        deps.store.inbox_failed_attempt(item.id, &failure, retry_at).await?;
        Ok(Outcome::Later)
    }
}

/// The pause before the next attempt after `attempts` earlier failures: 1, 2, 4, 8… seconds, so
/// a database that is briefly away is not hammered.
fn retry_pause(attempts: i32) -> chrono::Duration {
    chrono::Duration::seconds(1_i64 << attempts.clamp(0, 6))
}

/// Marks the update handled and, when it came from a chat, apologises there.
async fn give_up(deps: &BotDeps, item: &InboxItem, chat_id: Option<i64>) -> anyhow::Result<()> {
    let mut tx = deps.store.begin().await?;
    if let Some(chat_id) = chat_id {
        let lang = tx.citizen_by_chat(chat_id).await?.map(|c| ui_lang(c.lang));
        queue(tx.as_mut(), send(chat_id, dialogs::notice(lang, Notice::Unavailable))).await?;
    }
    if tx.inbox_handled(item.id, chrono::Utc::now()).await? {
        tx.commit().await?;
    }
    Ok(())
}

#[cfg(test)]
#[path = "worker_tests.rs"]
mod tests;
