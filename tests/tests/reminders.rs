//! Reminders through the real binary: a process killed (SIGKILL) between claiming a reminder and
//! queueing it, and two processes sharing one PostgreSQL; the reminders are sent through
//! `kairyluu serve` to the fake Bot API and counted there.
//!
//! Time: tickets are opened now (the wall clock); the due reminders are then run with
//! `kairyluu jobs run-due --now <when the reminder is due>`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

use chrono::{DateTime, SecondsFormat, Utc};
use e2e::fake_bot_api::FakeBotApi;
use support::{Running, Sandbox, binary};
use tickets::domain::{NewOfficer, Role};
use tickets::store::{PgStore, SqliteStore, Store};

const OFFICER_CHAT: i64 = 7001;

fn rfc3339(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Opens a health complaint with the command line; returns its number.
fn open_ticket(sandbox: &Sandbox, database: &str) -> String {
    let out = sandbox
        .run(&["ticket", "open", "--agency", "health", "--kind", "complaint"], &[("DATABASE_URL", database)])
        .ok();
    out.split_whitespace().find(|w| w.starts_with("KR-")).unwrap_or_else(|| panic!("no number in {out}")).to_owned()
}

async fn add_health_officer(store: &dyn Store) {
    let officer = NewOfficer { telegram_user_id: OFFICER_CHAT, agency: "health".parse().unwrap(), role: Role::Officer };
    store.add_officer(officer, Utc::now()).await.unwrap();
}

/// When the first ticket's "first response due tomorrow" reminder is due.
async fn due_soon_at(store: &dyn Store) -> DateTime<Utc> {
    let jobs = store.jobs_of_kind("reminder.due_soon.first_response", 1).await.unwrap();
    jobs.first().expect("opening a ticket schedules its reminders").run_at
}

/// Runs `kairyluu jobs run-due --now at` and returns its report line.
fn run_due(sandbox: &Sandbox, database: &str, at: DateTime<Utc>) -> String {
    sandbox.run(&["jobs", "run-due", "--now", &rfc3339(at)], &[("DATABASE_URL", database)]).ok()
}

fn queued(report: &str) -> usize {
    let after = report.split("queued ").nth(1).unwrap_or_else(|| panic!("no count in {report}"));
    after.split_whitespace().next().unwrap().parse().unwrap()
}

fn serve(sandbox: &Sandbox, api: &FakeBotApi, database: &str) -> Running {
    sandbox.serve_with(api, database, &[])
}

/// Waits until the fake API has `count` messages to the officer, then a little more for any
/// extra one; returns their texts.
async fn officer_messages(api: &FakeBotApi, count: usize) -> Vec<String> {
    for _ in 0..count {
        if api.wait_for_message_to(OFFICER_CHAT, Duration::from_secs(30)).await.is_none() {
            panic!("no reminder reached the officer; calls: {:?}", api.call_counts());
        }
    }
    tokio::time::sleep(Duration::from_secs(3)).await;
    api.sent_texts(OFFICER_CHAT)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reminder_claimed_by_a_killed_process_is_sent_once_after_its_lease() {
    let sandbox = Sandbox::new();
    let database = sandbox.database_url();
    sandbox.run(&["migrate"], &[]).ok();
    let number = open_ticket(&sandbox, &database);
    let store = SqliteStore::connect(&database, 2).await.unwrap();
    add_health_officer(&store).await;
    let due = due_soon_at(&store).await + chrono::Duration::minutes(30);

    // A process claims the due reminder and is killed before it queues anything.
    let mut doomed = Command::new(binary())
        .args(["jobs", "run-due", "--now", &rfc3339(due)])
        .env_clear()
        .current_dir(sandbox.dir.path())
        .env("DATABASE_URL", &database)
        .env("KAIRYLUU_TEST_PAUSE_AFTER_CLAIM_MS", "60000")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(doomed.stdout.take().unwrap()).read_line(&mut line).unwrap();
    assert!(line.starts_with("claimed ") && !line.starts_with("claimed 0 "), "{line}");
    doomed.kill().unwrap(); // SIGKILL
    doomed.wait().unwrap();

    // While the lease lasts nobody else takes it; once it expired, one run sends it.
    assert_eq!(queued(&run_due(&sandbox, &database, due + chrono::Duration::minutes(1))), 0);
    assert_eq!(queued(&run_due(&sandbox, &database, due + chrono::Duration::minutes(3))), 1);
    assert_eq!(queued(&run_due(&sandbox, &database, due + chrono::Duration::minutes(4))), 0);

    let api = FakeBotApi::start().await;
    let _bot = serve(&sandbox, &api, &database);
    let texts = officer_messages(&api, 1).await;
    assert_eq!(texts.len(), 1, "{texts:?}");
    assert!(texts[0].contains(&number) && texts[0].contains("остался 1 рабочий день"), "{}", texts[0]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_sharing_postgres_send_each_reminder_once() {
    let Some(url) = std::env::var("KAIRYLUU_TEST_POSTGRES").ok().filter(|u| !u.trim().is_empty()) else {
        eprintln!("reminders: KAIRYLUU_TEST_POSTGRES is not set; the PostgreSQL case is skipped");
        return;
    };
    let schema = format!("kairyluu_e2e_reminders_{}", std::process::id());
    let store = PgStore::connect_in_schema(&url, &schema, 2).await.unwrap();
    let separator = if url.contains('?') { '&' } else { '?' };
    let database = format!("{url}{separator}options[search_path]={schema}");
    let sandbox = Sandbox::new();
    sandbox.run(&["migrate"], &[("DATABASE_URL", &database)]).ok();
    const TICKETS: usize = 4;
    let numbers: Vec<String> = (0..TICKETS).map(|_| open_ticket(&sandbox, &database)).collect();
    add_health_officer(&store).await;
    let due = due_soon_at(&store).await + chrono::Duration::minutes(30);

    // Two processes run the same due jobs at the same moment, then once more each.
    let spawn = || {
        Command::new(binary())
            .args(["jobs", "run-due", "--now", &rfc3339(due)])
            .env_clear()
            .current_dir(sandbox.dir.path())
            .env("DATABASE_URL", &database)
            .stdout(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn(), spawn());
    let reports = [a.wait_with_output().unwrap(), b.wait_with_output().unwrap()];
    let mut total = 0;
    for report in &reports {
        assert!(report.status.success(), "{report:?}");
        total += queued(&String::from_utf8_lossy(&report.stdout));
    }
    total += queued(&run_due(&sandbox, &database, due + chrono::Duration::minutes(5)));
    assert_eq!(total, TICKETS, "each ticket's reminder queued once");

    // Two `serve` processes deliver from the same outbox: still one message per reminder.
    let api = FakeBotApi::start().await;
    let one = serve(&sandbox, &api, &database);
    let two = serve(&sandbox, &api, &database);
    let texts = officer_messages(&api, TICKETS).await;
    drop((one, two));
    store.drop_schema(&schema).await.unwrap();
    assert_eq!(texts.len(), TICKETS, "{texts:?}");
    for number in &numbers {
        assert_eq!(texts.iter().filter(|t| t.contains(number.as_str())).count(), 1, "{number}: {texts:?}");
    }
}
