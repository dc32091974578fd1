//! `kairyluu bench-jobs`: the two speed targets of the reminders.
//!
//! 1. The scheduler's due-jobs claim among `--jobs` pending ones (default 1,000,000, all but a
//!    batch in the future), on SQLite and (with `--postgres URL`) PostgreSQL, with the plan the
//!    database uses for the lookup.
//! 2. The outbox sender against a local stand-in for the Bot API that answers every call at once:
//!    `--sends` messages to as many chats, timed where they arrive; reported as the sustained rate
//!    and the most calls seen in any sliding second (Telegram allows about 30). With
//!    `--postgres URL`, again with two senders (each with its own in-process limiters, as two
//!    `serve` replicas have) sharing one PostgreSQL: its send slots must keep both together
//!    within the same limits.
//!
//! Build with `--release`; the databases are thrown away.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::Context;
use chrono::Utc;
use teloxide::Bot;
use tickets::queues::NewOutboxItem;
use tickets::store::{NewJob, PgStore, SqliteStore, Store};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

use crate::cli::BenchJobsArgs;
use crate::telegram::outgoing::Outgoing;
use crate::telegram::sender::{Sender, SenderConfig};

/// Jobs due at each claim: one scheduler batch.
const DUE: usize = 32;
/// Pending jobs enqueued per transaction while filling the table.
const FILL_TX: usize = 50_000;

pub async fn run(args: BenchJobsArgs) -> anyhow::Result<()> {
    let dir = std::env::temp_dir().join(format!("kairyluu-bench-jobs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let sqlite: Arc<dyn Store> =
        Arc::new(SqliteStore::connect(&format!("sqlite://{}", dir.join("jobs.db").display()), 8).await?);
    sqlite.migrate().await?;
    println!("kairyluu bench-jobs: {} pending jobs, claim of {DUE} due x{}", args.jobs, args.claims);
    claims("sqlite", sqlite.as_ref(), &args).await?;
    if let Some(url) = &args.postgres {
        let schema = format!("kairyluu_bench_jobs_{}", std::process::id());
        let pg = Arc::new(PgStore::connect_in_schema(url, &schema, 8).await.context("cannot reach PostgreSQL")?);
        pg.migrate().await?;
        let mut outcome = claims("postgres", pg.as_ref(), &args).await;
        if outcome.is_ok() && args.sends > 0 {
            outcome = sends("postgres, 2 senders", pg.clone(), args.sends, 2).await;
        }
        pg.drop_schema(&schema).await?;
        outcome?;
    }
    if args.sends > 0 {
        sends("sqlite, 1 sender", sqlite, args.sends, 1).await?;
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

async fn claims(backend: &str, store: &dyn Store, args: &BenchJobsArgs) -> anyhow::Result<()> {
    let now = Utc::now();
    let filling = Instant::now();
    let mut made = 0;
    while made < args.jobs {
        let count = FILL_TX.min(args.jobs - made);
        // Spread over the next 30 days, as reminders are.
        let jobs: Vec<NewJob> = (made..made + count)
            .map(|i| NewJob {
                kind: "bench".into(),
                payload: String::new(),
                run_at: now + chrono::Duration::seconds(60 + (i as i64 * 2_592_000) / args.jobs.max(1) as i64),
                dedupe_key: Some(format!("bench:{i}")),
            })
            .collect();
        let mut tx = store.begin().await?;
        tx.enqueue_many(&jobs, now).await?;
        tx.commit().await?;
        made += count;
    }
    let due: Vec<NewJob> = (0..DUE)
        .map(|i| NewJob {
            kind: "bench".into(),
            payload: String::new(),
            run_at: now - chrono::Duration::seconds(i as i64 + 1),
            dedupe_key: Some(format!("bench:due:{i}")),
        })
        .collect();
    let mut tx = store.begin().await?;
    tx.enqueue_many(&due, now).await?;
    tx.commit().await?;
    println!("{backend}: filled {} jobs in {:.1} s", args.jobs + DUE, filling.elapsed().as_secs_f64());
    println!("{backend}: plan of the due-jobs lookup:");
    for line in store.explain_due_jobs(now).await? {
        println!("    {line}");
    }
    let mut lookups = Vec::with_capacity(args.claims);
    for round in 0..args.claims.max(1) {
        let at = Utc::now();
        let started = Instant::now();
        let due = store.due_job_ids(at, DUE as i64).await?;
        lookups.push(started.elapsed());
        anyhow::ensure!(due.len() == DUE, "round {round}: found {} due jobs, expected {DUE}", due.len());
    }
    lookups.sort();
    report(backend, "lookup (SELECT)", args.jobs + DUE, &lookups);
    let mut timings = Vec::with_capacity(args.claims);
    for round in 0..args.claims.max(1) {
        let at = Utc::now();
        let started = Instant::now();
        let claimed = store.claim_jobs(at, at + chrono::Duration::minutes(1), "bench", DUE as i64).await?;
        timings.push(started.elapsed());
        anyhow::ensure!(claimed.len() == DUE, "round {round}: claimed {} jobs, expected {DUE}", claimed.len());
        // Put them back, untimed, so every round finds the same work.
        for job in &claimed {
            store.fail_job(job, "bench", Some(job.run_at)).await?;
        }
    }
    timings.sort();
    report(backend, "claim (UPDATE … RETURNING, own transaction)", args.jobs + DUE, &timings);
    Ok(())
}

fn report(backend: &str, what: &str, pending: usize, sorted: &[Duration]) {
    println!(
        "{backend}: {what} of {DUE} due among {pending} pending, x{}: median {}, p90 {}, min {}, max {}",
        sorted.len(),
        fmt(percentile(sorted, 50)),
        fmt(percentile(sorted, 90)),
        fmt(percentile(sorted, 0)),
        fmt(percentile(sorted, 100))
    );
}

/// Pushes `count` messages to as many chats and delivers them with `senders` senders at once.
async fn sends(label: &str, store: Arc<dyn Store>, count: usize, senders: usize) -> anyhow::Result<()> {
    let arrivals = Arc::new(Mutex::new(Vec::with_capacity(count)));
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}/", listener.local_addr()?);
    tokio::spawn(serve_fake_api(listener, arrivals.clone()));
    let now = Utc::now();
    let mut tx = store.begin().await?;
    for chat in 0..count {
        let call = Outgoing::SendMessage { chat_id: 1_000 + chat as i64, text: "bench".into(), markup: None };
        let item = NewOutboxItem {
            chat_id: call.chat_id(),
            method: call.method().into(),
            payload: serde_json::to_string(&call)?,
            not_before: now,
        };
        tx.outbox_push(&item, now).await?;
    }
    tx.commit().await?;
    let bot = Bot::new("1:bench").set_api_url(url::Url::parse(&url)?);
    let started = Instant::now();
    let workers: Vec<_> = (0..senders)
        .map(|n| {
            let sender = Sender::new(bot.clone(), store.clone(), SenderConfig::default(), format!("bench-{n}"));
            let store = store.clone();
            tokio::spawn(async move {
                while store.outbox_depth().await? > 0 {
                    if sender.drain().await? == 0 {
                        tokio::time::sleep(Duration::from_millis(5)).await;
                    }
                }
                anyhow::Ok(())
            })
        })
        .collect();
    for worker in workers {
        worker.await??;
    }
    let took = started.elapsed();
    let mut times = arrivals.lock().map_err(|_| anyhow::anyhow!("arrivals lock poisoned"))?.clone();
    times.sort();
    anyhow::ensure!(times.len() == count, "the fake server saw {} calls, expected {count}", times.len());
    let span = times[times.len() - 1].duration_since(times[0]).as_secs_f64();
    println!(
        "outbox ({label}): {count} messages to {count} chats in {:.1} s: sustained {:.1}/s (first to last \
         arrival), at most {} in any sliding second",
        took.as_secs_f64(),
        (count - 1) as f64 / span.max(f64::EPSILON),
        max_in_window(&times, Duration::from_secs(1))
    );
    Ok(())
}

/// The most instants of `sorted` inside any half-open window `[t, t + width)`.
fn max_in_window(sorted: &[Instant], width: Duration) -> usize {
    let mut best = 0;
    let mut start = 0;
    for (end, at) in sorted.iter().enumerate() {
        while at.duration_since(sorted[start]) >= width {
            start += 1;
        }
        best = best.max(end + 1 - start);
    }
    best
}

/// A Bot API stand-in: answers every request with a sent message, noting when it arrived.
async fn serve_fake_api(listener: TcpListener, arrivals: Arc<Mutex<Vec<Instant>>>) {
    while let Ok((socket, _)) = listener.accept().await {
        let arrivals = arrivals.clone();
        tokio::spawn(async move {
            let mut reader = BufReader::new(socket);
            loop {
                let mut length = 0usize;
                let mut line = String::new();
                loop {
                    line.clear();
                    match reader.read_line(&mut line).await {
                        Ok(0) | Err(_) => return,
                        Ok(_) => {}
                    }
                    if line == "\r\n" {
                        break;
                    }
                    if let Some((name, value)) = line.split_once(':')
                        && name.eq_ignore_ascii_case("content-length")
                    {
                        length = value.trim().parse().unwrap_or(0);
                    }
                }
                let mut body = vec![0; length];
                if reader.read_exact(&mut body).await.is_err() {
                    return;
                }
                if let Ok(mut seen) = arrivals.lock() {
                    seen.push(Instant::now());
                }
                let answer = r#"{"ok":true,"result":{"message_id":1,"date":0,"chat":{"id":1,"type":"private","first_name":"x"},"text":"bench"}}"#;
                let response = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{answer}",
                    answer.len()
                );
                if reader.get_mut().write_all(response.as_bytes()).await.is_err() {
                    return;
                }
            }
        });
    }
}

fn percentile(sorted: &[Duration], pct: usize) -> Duration {
    sorted.get(((sorted.len().saturating_sub(1)) * pct) / 100).copied().unwrap_or_default()
}

fn fmt(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sliding_window_counts_the_densest_second() {
        let t0 = Instant::now();
        let at = |ms: u64| t0 + Duration::from_millis(ms);
        let times = [at(0), at(500), at(999), at(1000), at(1200), at(1300), at(3000)];
        // [500, 1500) holds 500, 999, 1000, 1200, 1300.
        assert_eq!(max_in_window(&times, Duration::from_secs(1)), 5);
        assert_eq!(max_in_window(&[], Duration::from_secs(1)), 0);
    }
}
