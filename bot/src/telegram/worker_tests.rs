//! The worker's scheduling on a real (SQLite) inbox, with jobs that record what they were given
//! and wait for the test to let them finish: no timing, only order and overlap.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tickets::queues::{InboxItem, NewInboxItem};
use tickets::store::{SqliteStore, Store};
use tokio::sync::{Barrier, watch};

use super::{Lane, Waiting, start_pending};
use crate::telegram::lanes::Lanes;

const BOT: i64 = 1;

/// A deadlock guard, not a timing assertion: the awaited thing happens at once or never.
const NEVER: Duration = Duration::from_secs(20);

struct Inbox {
    store: Arc<dyn Store>,
    _dir: tempfile::TempDir,
}

async fn inbox() -> Inbox {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("k.db").display());
    let store: Arc<dyn Store> = Arc::new(SqliteStore::connect(&url, 4).await.unwrap());
    store.migrate().await.unwrap();
    Inbox { store, _dir: dir }
}

impl Inbox {
    async fn receive(&self, update_id: i64, chat_id: Option<i64>) {
        let mut tx = self.store.begin().await.unwrap();
        let item = NewInboxItem {
            bot_id: BOT,
            update_id,
            digest: format!("d{update_id}"),
            chat_id,
            payload: "{}".into(),
            received_at: chrono::Utc::now(),
        };
        tx.inbox_insert(&item).await.unwrap().unwrap();
        tx.commit().await.unwrap();
    }
}

async fn mark_handled(store: &dyn Store, items: &[InboxItem]) {
    let mut tx = store.begin().await.unwrap();
    for item in items {
        tx.inbox_handled(item.id, chrono::Utc::now()).await.unwrap();
    }
    tx.commit().await.unwrap();
}

/// A job that notes the update ids it was given in `given`, then marks them handled.
fn recording<'a>(
    store: &'a Arc<dyn Store>,
    given: &'a Arc<Mutex<Vec<i64>>>,
) -> impl Fn(Vec<InboxItem>) -> Pin<Box<dyn Future<Output = ()> + Send>> + Copy + 'a {
    move |items| {
        let (store, given) = (store.clone(), given.clone());
        Box::pin(async move {
            given.lock().unwrap().extend(update_ids(&items));
            mark_handled(store.as_ref(), &items).await;
        })
    }
}

/// The chat and the update ids one job was given.
type Given = (Option<i64>, Vec<i64>);

fn update_ids(items: &[InboxItem]) -> Vec<i64> {
    items.iter().map(|item| item.update_id).collect()
}

#[tokio::test]
async fn a_chat_with_a_running_lane_gets_its_new_updates_only_after_it_ends() {
    let inbox = inbox().await;
    inbox.receive(1, Some(10)).await;
    inbox.receive(2, Some(10)).await;
    inbox.receive(3, Some(20)).await;
    let given: Arc<Mutex<Vec<Given>>> = Arc::default();
    let (release, released) = watch::channel(false);
    let job = |items: Vec<InboxItem>| {
        let (store, given, mut released) = (inbox.store.clone(), given.clone(), released.clone());
        async move {
            given.lock().unwrap().push((items[0].chat_id, update_ids(&items)));
            released.wait_for(|go| *go).await.unwrap();
            mark_handled(store.as_ref(), &items).await;
        }
    };
    let mut lanes = Lanes::new(16);
    let mut waiting = Waiting::default();

    assert_eq!(start_pending(inbox.store.as_ref(), BOT, &mut lanes, &mut waiting, job).await.unwrap().lanes, 2);
    inbox.receive(4, Some(10)).await;
    let second = start_pending(inbox.store.as_ref(), BOT, &mut lanes, &mut waiting, job).await.unwrap();
    assert_eq!(second.lanes, 0, "update 4 must wait: chat 10 is still at 1 and 2");
    assert!(second.left_behind.contains(&Lane::Chat(10)), "the worker must know to read again when chat 10 ends");
    release.send_replace(true);
    for _ in 0..2 {
        tokio::time::timeout(NEVER, lanes.next_done()).await.unwrap().unwrap();
    }
    assert_eq!(start_pending(inbox.store.as_ref(), BOT, &mut lanes, &mut waiting, job).await.unwrap().lanes, 1);
    tokio::time::timeout(NEVER, lanes.next_done()).await.unwrap().unwrap();

    let given = given.lock().unwrap().clone();
    assert_eq!(given, [(Some(10), vec![1, 2]), (Some(20), vec![3]), (Some(10), vec![4])]);
    assert!(inbox.store.inbox_pending(BOT, chrono::Utc::now(), 10).await.unwrap().is_empty());
}

#[tokio::test]
async fn different_chats_are_handled_at_the_same_time() {
    let inbox = inbox().await;
    inbox.receive(1, Some(10)).await;
    inbox.receive(2, Some(20)).await;
    inbox.receive(3, None).await;
    // Each job finishes only when all three are running: one at a time would never finish.
    let all_running = Arc::new(Barrier::new(3));
    let job = |items: Vec<InboxItem>| {
        let (store, all_running) = (inbox.store.clone(), all_running.clone());
        async move {
            all_running.wait().await;
            mark_handled(store.as_ref(), &items).await;
        }
    };
    let mut lanes = Lanes::new(16);
    let mut waiting = Waiting::default();
    assert_eq!(start_pending(inbox.store.as_ref(), BOT, &mut lanes, &mut waiting, job).await.unwrap().lanes, 3);
    let mut done = Vec::new();
    for _ in 0..3 {
        done.push(tokio::time::timeout(NEVER, lanes.next_done()).await.expect("the chats blocked each other").unwrap());
    }
    assert!(done.contains(&Lane::Chat(10)) && done.contains(&Lane::Chat(20)), "{done:?}");
}

#[tokio::test]
async fn no_more_chats_than_the_limit_run_and_the_oldest_goes_first() {
    let inbox = inbox().await;
    inbox.receive(1, Some(30)).await;
    inbox.receive(2, Some(10)).await;
    let given: Arc<Mutex<Vec<i64>>> = Arc::default();
    let job = recording(&inbox.store, &given);
    let mut lanes = Lanes::new(1);
    let mut waiting = Waiting::default();
    assert_eq!(start_pending(inbox.store.as_ref(), BOT, &mut lanes, &mut waiting, job).await.unwrap().lanes, 1);
    let second = start_pending(inbox.store.as_ref(), BOT, &mut lanes, &mut waiting, job).await.unwrap();
    assert_eq!(second.lanes, 0, "the one lane is taken");
    assert!(second.lanes_were_full);
    tokio::time::timeout(NEVER, lanes.next_done()).await.unwrap();
    assert_eq!(start_pending(inbox.store.as_ref(), BOT, &mut lanes, &mut waiting, job).await.unwrap().lanes, 1);
    tokio::time::timeout(NEVER, lanes.next_done()).await.unwrap();
    assert_eq!(*given.lock().unwrap(), [1, 2]);
}

#[tokio::test]
async fn updates_read_while_every_lane_was_taken_start_as_lanes_end_once_each() {
    let inbox = inbox().await;
    inbox.receive(1, Some(30)).await;
    inbox.receive(2, Some(10)).await;
    inbox.receive(3, Some(20)).await;
    let given: Arc<Mutex<Vec<i64>>> = Arc::default();
    let job = recording(&inbox.store, &given);
    let mut lanes = Lanes::new(1);
    let mut waiting = Waiting::default();
    let first = start_pending(inbox.store.as_ref(), BOT, &mut lanes, &mut waiting, job).await.unwrap();
    assert_eq!((first.lanes, first.lanes_were_full), (1, true));
    tokio::time::timeout(NEVER, lanes.next_done()).await.unwrap();
    assert_eq!(waiting.start(&mut lanes, job), 1, "the oldest waiting chat starts without a reading");
    assert_eq!(waiting.start(&mut lanes, job), 0, "the one lane is taken");
    tokio::time::timeout(NEVER, lanes.next_done()).await.unwrap();
    // A new reading replaces what waited: chat 20 comes once, from the reading.
    assert_eq!(start_pending(inbox.store.as_ref(), BOT, &mut lanes, &mut waiting, job).await.unwrap().lanes, 1);
    assert!(waiting.is_empty());
    tokio::time::timeout(NEVER, lanes.next_done()).await.unwrap();
    assert_eq!(waiting.start(&mut lanes, job), 0);
    assert_eq!(*given.lock().unwrap(), [1, 2, 3]);
}
