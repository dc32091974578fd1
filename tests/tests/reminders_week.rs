//! Reminders across a simulated week with a public holiday, end to end: the real binary runs
//! the due jobs hour by hour (`kairyluu jobs run-due --now …`), then `kairyluu serve` delivers
//! what they queued to the fake Bot API, where every message is checked: recipient, day and
//! hour in Bishkek, nothing in quiet hours or on a day off, each exactly once.
//!
//! Time: the tickets are opened at chosen instants through a desk on a manual clock (the same
//! `Desk::open` the bot uses); each run of the binary is given its instant; each queued message
//! keeps that instant as its outbox `created_at`, read before `serve` sends (and blanks) it.
//! `serve`'s own scheduler runs on the wall clock, months later: by then the officer has
//! answered every ticket, so it has nothing left to send.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Datelike, FixedOffset, SecondsFormat, TimeZone, Timelike, Utc, Weekday};
use e2e::fake_bot_api::FakeBotApi;
use support::{Running, Sandbox};
use tickets::agencies::{AgencyDirectory, AgencySettings};
use tickets::calendar::{BusinessCalendar, CalendarSettings};
use tickets::clock::ManualClock;
use tickets::desk::Desk;
use tickets::domain::{Actor, NewOfficer, NewTicket, Role, Routing, Ticket};
use tickets::lifecycle::{Change, StatusChange};
use tickets::sla::SlaSettings;
use tickets::store::{SqliteStore, Store};

const OFFICER: i64 = 7101;
const HEAD: i64 = 7102;

/// Asia/Bishkek: UTC+6 all year (no daylight saving).
fn bishkek_zone() -> FixedOffset {
    FixedOffset::east_opt(6 * 3600).unwrap()
}

fn bishkek(m: u32, d: u32, h: u32) -> DateTime<Utc> {
    bishkek_zone().with_ymd_and_hms(2026, m, d, h, 0, 0).unwrap().with_timezone(&Utc)
}

fn local(at: DateTime<Utc>) -> String {
    at.with_timezone(&bishkek_zone()).format("%a %d %b %H:%M").to_string()
}

#[derive(serde::Deserialize)]
struct ShippedConfig {
    sla: SlaSettings,
    agencies: BTreeMap<String, AgencySettings>,
}

/// A desk over `store` with the shipped agencies and calendar, on `clock`.
fn desk(store: Arc<dyn Store>, clock: Arc<ManualClock>) -> Desk {
    let config: ShippedConfig = toml::from_str(include_str!("../../config/default.toml")).unwrap();
    let agencies = AgencyDirectory::new(&config.agencies, config.sla).unwrap();
    let settings: CalendarSettings = toml::from_str(include_str!("../../config/calendar.toml")).unwrap();
    let calendar = BusinessCalendar::new(&settings).unwrap();
    Desk::new(store, Arc::new(agencies), Arc::new(calendar), clock, chrono::Duration::days(30))
}

fn health_complaint() -> NewTicket {
    let routing = Routing {
        kind: "complaint".parse().unwrap(),
        agency: "health".parse().unwrap(),
        implicated: None,
        lang: "ru".parse().unwrap(),
    };
    NewTicket::new(routing, None, true).unwrap()
}

async fn open_at(desk: &Desk, clock: &ManualClock, at: DateTime<Utc>) -> Ticket {
    clock.set(at);
    desk.open(&health_complaint()).await.unwrap()
}

/// `kairyluu jobs run-due --now at`.
fn run_due(sandbox: &Sandbox, at: DateTime<Utc>) {
    sandbox.run(&["jobs", "run-due", "--now", &at.to_rfc3339_opts(SecondsFormat::Secs, true)], &[]).ok();
}

/// A queued message: when (simulated), to whom, what.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Queued {
    at: DateTime<Utc>,
    chat: i64,
    text: String,
}

/// What the runs queued, read from the outbox before anything is sent.
async fn queued_messages(database: &str) -> Vec<Queued> {
    let pool = sqlx::SqlitePool::connect(database).await.unwrap();
    let rows: Vec<(DateTime<Utc>, i64, String, String)> =
        sqlx::query_as("SELECT created_at, chat_id, payload, state FROM outbox ORDER BY id")
            .fetch_all(&pool)
            .await
            .unwrap();
    pool.close().await;
    rows.into_iter()
        .map(|(at, chat, payload, state)| {
            assert_eq!(state, "pending", "nothing was sent yet");
            let call: serde_json::Value = serde_json::from_str(&payload).unwrap();
            assert_eq!(call["method"], "sendMessage", "{payload}");
            Queued { at, chat, text: call["text"].as_str().unwrap().to_owned() }
        })
        .collect()
}

/// What a message is, in the test's words: `due_soon KR-…`, `overdue KR-…` or
/// `digest KR-…! KR-…` (`!` marks an overdue line).
fn describe(text: &str, numbers: &[String]) -> String {
    let mentioned = |line: &str| numbers.iter().filter(|n| line.contains(n.as_str())).cloned().collect::<Vec<_>>();
    if text.starts_with("⏰") {
        format!("due_soon {}", mentioned(text).join(" "))
    } else if text.starts_with("❗") {
        format!("overdue {}", mentioned(text).join(" "))
    } else if text.starts_with("Сводка") {
        let lines: Vec<String> = text
            .lines()
            .skip(1)
            .flat_map(|line| {
                let mark = if line.contains("просрочен") { "!" } else { "" };
                mentioned(line).into_iter().map(move |n| format!("{n}{mark}"))
            })
            .collect();
        format!("digest {}", lines.join(" "))
    } else {
        panic!("not a reminder: {text}")
    }
}

fn serve(sandbox: &Sandbox, api: &FakeBotApi) -> Running {
    // Telegram's 1 message a second per chat would only make the test wait.
    sandbox.serve_with(api, &sandbox.database_url(), &[("KAIRYLUU__TELEGRAM__MESSAGES_PER_CHAT_PER_SECOND", "30")])
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reminders_across_a_week_with_kurman_ait_reach_the_right_chats_at_the_right_hours_once_each() {
    let sandbox = Sandbox::new();
    let database = sandbox.database_url();
    sandbox.run(&["migrate"], &[]).ok();
    let store: Arc<dyn Store> = Arc::new(SqliteStore::connect(&database, 2).await.unwrap());
    let clock = Arc::new(ManualClock::new(bishkek(5, 18, 9)));
    let desk = desk(store.clone(), clock.clone());
    let at = bishkek(5, 18, 9);
    let officer = store
        .add_officer(
            NewOfficer { telegram_user_id: OFFICER, agency: "health".parse().unwrap(), role: Role::Officer },
            at,
        )
        .await
        .unwrap();
    store
        .add_officer(NewOfficer { telegram_user_id: HEAD, agency: "health".parse().unwrap(), role: Role::Head }, at)
        .await
        .unwrap();

    // Wednesday 27 May 2026 is Kurman Ait. First responses are due 5 working days after receipt:
    // t1 (Tue 19 May) on Tue 26, t2 (Wed 20, taken by the officer) on Thu 28, t3 (Thu 21) on Fri 29.
    let t1 = open_at(&desk, &clock, bishkek(5, 19, 10)).await;
    let t2 = open_at(&desk, &clock, bishkek(5, 20, 10)).await;
    desk.change(&t2.number, Change::Status(StatusChange::Assign { officer_id: officer.id }), Actor::SYSTEM)
        .await
        .unwrap();
    let t3 = open_at(&desk, &clock, bishkek(5, 21, 10)).await;
    for (ticket, due) in [(&t1, "Tue 26 May 23:59"), (&t2, "Thu 28 May 23:59"), (&t3, "Fri 29 May 23:59")] {
        assert_eq!(local(ticket.deadlines.first_response), due, "{}", ticket.number);
    }

    // The scheduler runs every hour from Friday 22 May to Monday 1 June, noon.
    let mut now = bishkek(5, 22, 0);
    while now <= bishkek(6, 1, 12) {
        run_due(&sandbox, now);
        now += chrono::Duration::hours(1);
    }
    let queued = queued_messages(&database).await;

    // Every message at its hour, to its chat, once.
    let numbers = [&t1, &t2, &t3].map(|t| t.number.to_string());
    let [n1, n2, n3] = numbers.clone();
    let got: Vec<(String, i64, String)> =
        queued.iter().map(|q| (local(q.at), q.chat, describe(&q.text, &numbers))).collect();
    let all = format!("{n1}! {n2}! {n3}!");
    let mut expected: Vec<(String, i64, String)> = [
        // Monday 25: t1 is due by the end of the next working day.
        ("Mon 25 May 09:00", OFFICER, format!("digest {n1}")),
        ("Mon 25 May 09:00", HEAD, format!("digest {n1}")),
        ("Mon 25 May 10:00", OFFICER, format!("due_soon {n1}")),
        ("Mon 25 May 10:00", HEAD, format!("due_soon {n1}")),
        // Tuesday 26: the next working day is Thursday 28 (the holiday is skipped), so t2 is
        // "due soon" already, to its assignee only.
        ("Tue 26 May 09:00", OFFICER, format!("digest {n1} {n2}")),
        ("Tue 26 May 09:00", HEAD, format!("digest {n1} {n2}")),
        ("Tue 26 May 10:00", OFFICER, format!("due_soon {n2}")),
        // Wednesday 27, Kurman Ait: nothing; t1's escalation waits for Thursday 08:00.
        ("Thu 28 May 08:00", HEAD, format!("overdue {n1}")),
        ("Thu 28 May 09:00", OFFICER, format!("digest {n1}! {n2} {n3}")),
        ("Thu 28 May 09:00", HEAD, format!("digest {n1}! {n2} {n3}")),
        ("Thu 28 May 10:00", OFFICER, format!("due_soon {n3}")),
        ("Thu 28 May 10:00", HEAD, format!("due_soon {n3}")),
        ("Fri 29 May 08:00", HEAD, format!("overdue {n2}")),
        ("Fri 29 May 09:00", OFFICER, format!("digest {n1}! {n2}! {n3}")),
        ("Fri 29 May 09:00", HEAD, format!("digest {n1}! {n2}! {n3}")),
        // The weekend: nothing; t3's escalation (missed Friday night) waits for Monday 08:00.
        ("Mon 01 Jun 08:00", HEAD, format!("overdue {n3}")),
        ("Mon 01 Jun 09:00", OFFICER, format!("digest {all}")),
        ("Mon 01 Jun 09:00", HEAD, format!("digest {all}")),
    ]
    .into_iter()
    .map(|(at, chat, what)| (at.to_owned(), chat, what))
    .collect();
    let mut sorted = got.clone();
    sorted.sort();
    expected.sort();
    assert_eq!(sorted, expected, "queued: {got:#?}");
    for q in &queued {
        let day = q.at.with_timezone(&bishkek_zone());
        assert!((8..21).contains(&day.hour()), "quiet hours: {q:?}");
        assert!(!matches!(day.weekday(), Weekday::Sat | Weekday::Sun), "weekend: {q:?}");
        assert!(!(day.month() == 5 && day.day() == 27), "Kurman Ait: {q:?}");
    }
    // Each escalation counted the ticket overdue once.
    for ticket in [&t1, &t2, &t3] {
        let overdue = store.audit_log(&ticket.number).await.unwrap().iter().filter(|e| e.action == "overdue").count();
        assert_eq!(overdue, 1, "{}", ticket.number);
    }

    // The officer answers everything; then `serve` delivers the week's messages to the fake.
    clock.set(bishkek(6, 1, 12));
    for ticket in [&t1, &t3] {
        desk.change(&ticket.number, Change::Status(StatusChange::Assign { officer_id: officer.id }), Actor::SYSTEM)
            .await
            .unwrap();
    }
    for ticket in [&t1, &t2, &t3] {
        desk.change(&ticket.number, Change::Status(StatusChange::Answer), Actor::SYSTEM).await.unwrap();
    }
    let api = FakeBotApi::start().await;
    let _bot = serve(&sandbox, &api);
    for chat in [OFFICER, HEAD] {
        let want = queued.iter().filter(|q| q.chat == chat).count();
        for _ in 0..want {
            assert!(
                api.wait_for_message_to(chat, Duration::from_secs(30)).await.is_some(),
                "chat {chat} got {:?}",
                api.sent_texts(chat)
            );
        }
    }
    // A little longer, for anything extra.
    tokio::time::sleep(Duration::from_secs(3)).await;
    for chat in [OFFICER, HEAD] {
        let mut received = api.sent_texts(chat);
        let mut sent: Vec<String> = queued.iter().filter(|q| q.chat == chat).map(|q| q.text.clone()).collect();
        received.sort();
        sent.sort();
        assert_eq!(received, sent, "chat {chat}: every queued reminder delivered once, nothing else");
    }
    let others: Vec<i64> = api
        .calls_of("sendMessage")
        .iter()
        .filter_map(|c| c.chat_id())
        .filter(|c| ![OFFICER, HEAD].contains(c))
        .collect();
    assert!(others.is_empty(), "messages to other chats: {others:?}");
}
