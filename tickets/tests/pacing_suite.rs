//! Send slots in the database, on every backend (see `support`): concurrent takers together
//! stay within the bot-wide limit in every sliding second, and a chat gets one message a second.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[allow(dead_code)] // The harness serves every suite; this one needs only its stores.
mod support;

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use tickets::store::{Slot, Store};

use support::each_backend;

/// Asks for slots for `run`, sleeping as told when refused; returns the slots granted.
async fn taker(
    store: Arc<dyn Store>,
    chat: Option<(i64, Duration)>,
    bot: Duration,
    run: Duration,
) -> Vec<DateTime<Utc>> {
    let start = Instant::now();
    let mut granted = Vec::new();
    while start.elapsed() < run {
        match store.take_send_slot(chat, bot, Utc::now()).await.unwrap() {
            Slot::Granted(at) => granted.push(at),
            Slot::ChatBusy(wait) | Slot::BotBusy(wait) => tokio::time::sleep(wait.min(run)).await,
        }
    }
    granted
}

/// The most slots in any sliding window of `window` (half-open, starting at a slot).
fn most_in_window(slots: &mut [DateTime<Utc>], window: Duration) -> usize {
    slots.sort();
    let window = chrono::Duration::from_std(window).unwrap();
    (0..slots.len()).map(|i| slots[i..].iter().take_while(|at| **at - slots[i] < window).count()).max().unwrap_or(0)
}

#[tokio::test]
async fn two_concurrent_takers_stay_within_the_bot_wide_limit_in_every_second() {
    each_backend(|h| async move {
        let per_second = 30;
        let interval = Duration::from_secs(1) / per_second;
        let run = Duration::from_millis(2500);
        // Each taker on its own chats, so only the bot-wide limit binds.
        let takers = (0..2i64).map(|n| {
            let store = h.store.clone();
            tokio::spawn(async move {
                let mut all = Vec::new();
                let start = Instant::now();
                let mut chat = 1000 * (n + 1);
                while start.elapsed() < run {
                    chat += 1;
                    let got =
                        taker(store.clone(), Some((chat, Duration::from_secs(1))), interval, Duration::from_millis(1))
                            .await;
                    all.extend(got);
                }
                all
            })
        });
        let mut slots = Vec::new();
        let mut per_taker = Vec::new();
        for taker in takers.collect::<Vec<_>>() {
            let got = taker.await.unwrap();
            per_taker.push(got.len());
            slots.extend(got);
        }
        let most = most_in_window(&mut slots, Duration::from_secs(1));
        assert!(most <= per_second as usize, "{}: {most} slots in one second", h.label);
        // Not a limiter that refuses everything: the two together got close to the limit.
        assert!(slots.len() >= 2 * per_second as usize, "{}: only {} slots in 2.5 s", h.label, slots.len());
        assert!(per_taker.iter().all(|n| *n > 0), "{}: a taker got nothing: {per_taker:?}", h.label);
        h
    })
    .await;
}

#[tokio::test]
async fn a_chat_gets_one_message_a_second_whoever_sends() {
    each_backend(|h| async move {
        let chat = Some((42, Duration::from_secs(1)));
        let bot = Duration::from_millis(1);
        let run = Duration::from_millis(2300);
        let a = tokio::spawn(taker(h.store.clone(), chat, bot, run));
        let b = tokio::spawn(taker(h.store.clone(), chat, bot, run));
        let mut slots = a.await.unwrap();
        slots.extend(b.await.unwrap());
        slots.sort();
        // 0 s, 1 s, 2 s: three slots, each a full second after the one before.
        assert_eq!(slots.len(), 3, "{}: {slots:?}", h.label);
        for pair in slots.windows(2) {
            assert!(pair[1] - pair[0] >= chrono::Duration::seconds(1), "{}: {pair:?}", h.label);
        }
        // A refusal took nothing: another chat still gets its slot at once.
        assert!(matches!(
            h.store.take_send_slot(Some((43, Duration::from_secs(1))), bot, Utc::now()).await.unwrap(),
            Slot::Granted(_)
        ));
        h
    })
    .await;
}

#[tokio::test]
async fn a_refused_bot_slot_keeps_the_chat_slot_free_and_pruning_forgets_only_the_past() {
    each_backend(|h| async move {
        let hour = Duration::from_secs(3600);
        let now = Utc::now();
        assert!(matches!(h.store.take_send_slot(Some((7, hour)), hour, now).await.unwrap(), Slot::Granted(_)));
        // The bot-wide limit refuses the next one, for about an hour…
        match h.store.take_send_slot(Some((8, hour)), hour, now).await.unwrap() {
            Slot::BotBusy(wait) => assert!(wait > Duration::from_secs(3500), "{}: {wait:?}", h.label),
            other => panic!("{}: {other:?}", h.label),
        }
        // …and chat 7 waits its hour too.
        assert!(matches!(h.store.take_send_slot(Some((7, hour)), hour, now).await.unwrap(), Slot::ChatBusy(_)));
        // Nothing is past yet, so nothing is pruned; chat 8 was not taken (rolled back).
        assert_eq!(h.store.prune_send_pacing(Utc::now()).await.unwrap(), 0, "{}", h.label);
        let later = now + chrono::Duration::hours(2);
        if h.store.backend() == tickets::store::Backend::Sqlite {
            // SQLite counts by the caller's clock: two hours on, both rows are past.
            assert_eq!(h.store.prune_send_pacing(later).await.unwrap(), 2, "{}", h.label);
        }
        h
    })
    .await;
}
