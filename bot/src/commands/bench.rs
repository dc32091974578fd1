//! `kairyluu bench`: ticket creation and the response-time statistics query, on SQLite and
//! (with `--postgres URL`) on PostgreSQL, in one run so the figures compare side by side.
//! Build with `--release`; the tickets are marked synthetic and the databases are thrown away.

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use chrono::Utc;
use classifier::{Agency, Kind, Lang};
use tickets::domain::{Actor, AgencyCode, NewOfficer, NewTicket, Role, Routing, TicketNumber};
use tickets::lifecycle::{Change, StatusChange};
use tickets::stats::StatsFilter;
use tickets::store::{PgStore, SqliteStore, Store};

use crate::app::App;
use crate::cli::BenchArgs;
use crate::settings::Loaded;

struct Figures {
    backend: &'static str,
    created: usize,
    create_time: Duration,
    create_p50: Duration,
    create_p99: Duration,
    answered: usize,
    answer_time: Duration,
    stats_median: Duration,
    stats_min: Duration,
    stats_max: Duration,
}

pub async fn run(loaded: Loaded, args: BenchArgs) -> anyhow::Result<()> {
    let loaded = Arc::new(loaded);
    let dir = tempfile_dir()?;
    let sqlite_url = format!("sqlite://{}", dir.join("bench.db").display());
    let sqlite: Arc<dyn Store> = Arc::new(SqliteStore::connect(&sqlite_url, 8).await?);
    let mut results = vec![measure("sqlite", sqlite, &loaded, &args).await?];
    if let Some(url) = &args.postgres {
        let schema = format!("kairyluu_bench_{}", std::process::id());
        let pg = Arc::new(PgStore::connect_in_schema(url, &schema, 16).await.context("cannot reach PostgreSQL")?);
        let outcome = measure("postgres", pg.clone(), &loaded, &args).await;
        pg.drop_schema(&schema).await?;
        results.push(outcome?);
    }
    let _ = std::fs::remove_dir_all(&dir);
    print_table(&results, &args);
    Ok(())
}

fn tempfile_dir() -> anyhow::Result<std::path::PathBuf> {
    let dir = std::env::temp_dir().join(format!("kairyluu-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    Ok(dir)
}

async fn measure(
    backend: &'static str,
    store: Arc<dyn Store>,
    loaded: &Arc<Loaded>,
    args: &BenchArgs,
) -> anyhow::Result<Figures> {
    store.migrate().await?;
    store.sync_agencies(&loaded.agencies).await?;
    let app = Arc::new(App::assemble(clone_loaded(loaded), store.clone()));
    let writers = args.writers.max(1);

    let started = Instant::now();
    let mut tasks = Vec::new();
    for writer in 0..writers {
        let app = app.clone();
        let count = args.tickets / writers + usize::from(writer < args.tickets % writers);
        tasks.push(tokio::spawn(async move {
            let mut made = Vec::with_capacity(count);
            let mut latencies = Vec::with_capacity(count);
            for i in 0..count {
                let ticket = synthetic_ticket(writer * 7 + i)?;
                let one = Instant::now();
                let opened = app.desk.open(&ticket).await?;
                latencies.push(one.elapsed());
                made.push(opened.number);
            }
            anyhow::Ok((made, latencies))
        }));
    }
    let mut numbers: Vec<TicketNumber> = Vec::with_capacity(args.tickets);
    let mut latencies = Vec::with_capacity(args.tickets);
    for task in tasks {
        let (made, lat) = task.await.context("a writer task failed")??;
        numbers.extend(made);
        latencies.extend(lat);
    }
    let create_time = started.elapsed();
    latencies.sort();

    // Answer every fifth ticket, so the statistics have response times to average.
    let officer = NewOfficer { telegram_user_id: 1, agency: Agency::Triage.into(), role: Role::Officer };
    let officer_id = store.add_officer(officer, Utc::now()).await?.id;
    let started = Instant::now();
    let mut answered = 0;
    for number in numbers.iter().step_by(5) {
        app.desk.change(number, Change::Status(StatusChange::Assign { officer_id }), Actor::SYSTEM).await?;
        app.desk.change(number, Change::Status(StatusChange::Answer), Actor::SYSTEM).await?;
        answered += 1;
    }
    let answer_time = started.elapsed();

    let filter = StatsFilter { include_synthetic: true, ..StatsFilter::default() };
    let mut timings = Vec::with_capacity(args.queries);
    for _ in 0..args.queries.max(1) {
        let one = Instant::now();
        let rows = store.response_stats(&filter, Utc::now()).await?;
        timings.push(one.elapsed());
        let total: i64 = rows.iter().map(|r| r.received).sum();
        anyhow::ensure!(
            total as usize == numbers.len(),
            "statistics counted {total} tickets, expected {}",
            numbers.len()
        );
    }
    timings.sort();
    Ok(Figures {
        backend,
        created: numbers.len(),
        create_time,
        create_p50: percentile(&latencies, 50),
        create_p99: percentile(&latencies, 99),
        answered,
        answer_time,
        stats_median: percentile(&timings, 50),
        stats_min: timings.first().copied().unwrap_or_default(),
        stats_max: timings.last().copied().unwrap_or_default(),
    })
}

fn clone_loaded(loaded: &Loaded) -> Loaded {
    Loaded { settings: loaded.settings.clone(), agencies: loaded.agencies.clone(), calendar: loaded.calendar.clone() }
}

/// A plausible spread of tickets over agencies and kinds.
fn synthetic_ticket(seed: usize) -> anyhow::Result<NewTicket> {
    let agencies: Vec<Agency> =
        Agency::ALL.iter().copied().filter(|a| !matches!(a, Agency::Anticorruption | Agency::Triage)).collect();
    let accused = agencies[seed % agencies.len()];
    let kind = Kind::ALL[seed % Kind::ALL.len()];
    let routing = if kind == Kind::Corruption {
        Routing {
            kind,
            agency: Agency::Anticorruption.into(),
            implicated: Some(AgencyCode::from(accused)),
            lang: Lang::Ru,
        }
    } else {
        Routing {
            kind,
            agency: accused.into(),
            implicated: None,
            lang: if seed.is_multiple_of(2) { Lang::Ky } else { Lang::Ru },
        }
    };
    Ok(NewTicket::new(routing, None, true)?.synthetic())
}

fn percentile(sorted: &[Duration], pct: usize) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    sorted[((sorted.len() - 1) * pct) / 100]
}

fn print_table(results: &[Figures], args: &BenchArgs) {
    println!(
        "kairyluu bench: {} tickets, {} concurrent writers, statistics query x{}",
        args.tickets, args.writers, args.queries
    );
    println!(
        "{:<10} {:>14} {:>12} {:>12} {:>16} {:>14} {:>12} {:>12}",
        "backend", "create/s", "create p50", "create p99", "answer (2 tx)/s", "stats median", "stats min", "stats max"
    );
    for f in results {
        println!(
            "{:<10} {:>14.0} {:>12} {:>12} {:>16.0} {:>14} {:>12} {:>12}",
            f.backend,
            f.created as f64 / f.create_time.as_secs_f64(),
            fmt(f.create_p50),
            fmt(f.create_p99),
            f.answered as f64 / f.answer_time.as_secs_f64(),
            fmt(f.stats_median),
            fmt(f.stats_min),
            fmt(f.stats_max),
        );
    }
}

fn fmt(d: Duration) -> String {
    if d.as_millis() >= 10 { format!("{} ms", d.as_millis()) } else { format!("{:.2} ms", d.as_secs_f64() * 1000.0) }
}
