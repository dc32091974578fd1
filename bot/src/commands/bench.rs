//! `kairyluu bench`: ticket creation and the per-agency statistics table, on SQLite and (with
//! `--postgres URL`) on PostgreSQL, in one run so the figures compare side by side. With
//! `--stats-tickets N [--stats-facts M]` it also seeds N realistic tickets (as `kairyluu seed`),
//! times the facts catch-up, adds M generated facts rows and times the table over N + M.
//! Build with `--release`; the tickets are marked synthetic and the databases are thrown away.

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use chrono::{DateTime, TimeZone, Utc};
use classifier::{Agency, Kind, Lang};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use tickets::domain::{Actor, AgencyCode, NewOfficer, NewTicket, Role, Routing, TicketNumber};
use tickets::lifecycle::{Change, StatusChange};
use tickets::stats::{Dimension, Elapsed, Outcome, Statistics, StatsFilter, StatsQuery, TicketFacts};
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
    print_table(&results, &args);
    if let Some(count) = args.stats_tickets {
        let url = format!("sqlite://{}", dir.join("stats.db").display());
        let sqlite: Arc<dyn Store> = Arc::new(SqliteStore::connect(&url, 8).await?);
        let mut figures = vec![measure_stats("sqlite", sqlite, &loaded, count, &args).await?];
        if let Some(url) = &args.postgres {
            let schema = format!("kairyluu_bench_stats_{}", std::process::id());
            let pg = Arc::new(PgStore::connect_in_schema(url, &schema, 16).await.context("cannot reach PostgreSQL")?);
            let outcome = measure_stats("postgres", pg.clone(), &loaded, count, &args).await;
            pg.drop_schema(&schema).await?;
            figures.push(outcome?);
        }
        print_stats(&figures, count, &args);
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

struct StatsFigures {
    backend: &'static str,
    seed_time: Duration,
    refreshed: usize,
    refresh_time: Duration,
    load_time: Duration,
    median: Duration,
    min: Duration,
    max: Duration,
    months_median: Duration,
    plan: Vec<String>,
}

/// Seeds `count` tickets, brings their facts up to date, then times the per-agency table.
async fn measure_stats(
    backend: &'static str,
    store: Arc<dyn Store>,
    loaded: &Loaded,
    count: usize,
    args: &BenchArgs,
) -> anyhow::Result<StatsFigures> {
    store.migrate().await?;
    store.sync_agencies(&loaded.agencies).await?;
    let started = Instant::now();
    super::seed::seed(store.clone(), loaded, count, 2026).await?;
    let seed_time = started.elapsed();
    let statistics = super::seed::statistics(store.clone(), loaded);
    let started = Instant::now();
    let refreshed = statistics.refresh().await?;
    let refresh_time = started.elapsed();
    let started = Instant::now();
    load_generated_facts(store.as_ref(), args.stats_facts).await?;
    let load_time = started.elapsed();
    let timings = time_agency_table(&statistics, args.queries, count + args.stats_facts).await?;
    // Every ticket here is of 2026: the same table, read from the month rows.
    let year = loaded.calendar.timezone().with_ymd_and_hms(2026, 1, 1, 0, 0, 0).single().map(|t| t.with_timezone(&Utc));
    let by_months = time_agency_table_from(&statistics, args.queries, count + args.stats_facts, year).await?;
    let filter = StatsFilter { include_synthetic: true, ..StatsFilter::default() };
    let plan = store.explain_tallies(Dimension::Agency, &filter).await?;
    Ok(StatsFigures {
        backend,
        seed_time,
        refreshed,
        refresh_time,
        load_time,
        median: percentile(&timings, 50),
        min: timings.first().copied().unwrap_or_default(),
        max: timings.last().copied().unwrap_or_default(),
        months_median: percentile(&by_months, 50),
        plan,
    })
}

fn print_stats(figures: &[StatsFigures], count: usize, args: &BenchArgs) {
    println!();
    println!(
        "statistics over {count} seeded tickets + {} generated facts rows (per-agency table x{}, facts current)",
        args.stats_facts, args.queries
    );
    println!(
        "{:<10} {:>12} {:>20} {:>14} {:>14} {:>12} {:>12} {:>22}",
        "backend",
        "seed",
        "facts catch-up",
        "facts load",
        "table median",
        "table min",
        "table max",
        "from 2026-01, median"
    );
    for f in figures {
        println!(
            "{:<10} {:>10.1} s {:>9} in {:>6.1} s {:>12.1} s {:>14} {:>12} {:>12} {:>22}",
            f.backend,
            f.seed_time.as_secs_f64(),
            f.refreshed,
            f.refresh_time.as_secs_f64(),
            f.load_time.as_secs_f64(),
            fmt(f.median),
            fmt(f.min),
            fmt(f.max),
            fmt(f.months_median),
        );
    }
    for f in figures {
        println!("plan of the per-agency sums on {}:", f.backend);
        for line in &f.plan {
            println!("  {line}");
        }
    }
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

    let statistics = super::seed::statistics(store.clone(), loaded);
    statistics.refresh().await?;
    let timings = time_agency_table(&statistics, args.queries, numbers.len()).await?;
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

/// Runs the full per-agency table `queries` times (facts already current) and checks its total.
async fn time_agency_table(statistics: &Statistics, queries: usize, expected: usize) -> anyhow::Result<Vec<Duration>> {
    time_agency_table_from(statistics, queries, expected, None).await
}

/// [`time_agency_table`] over the months from `from` (a local month's first midnight): the
/// rollups' month rows are summed instead of the all-months totals.
async fn time_agency_table_from(
    statistics: &Statistics,
    queries: usize,
    expected: usize,
    from: Option<DateTime<Utc>>,
) -> anyhow::Result<Vec<Duration>> {
    let query = StatsQuery {
        dimension: Dimension::Agency,
        filter: StatsFilter { include_synthetic: true, from, ..StatsFilter::default() },
    };
    let mut timings = Vec::with_capacity(queries);
    for _ in 0..queries.max(1) {
        let one = Instant::now();
        let table = statistics.table(&query, Utc::now()).await?;
        timings.push(one.elapsed());
        let total = table.total.received.value().copied().unwrap_or_default();
        anyhow::ensure!(total as usize == expected, "statistics counted {total} tickets, expected {expected}");
    }
    timings.sort();
    Ok(timings)
}

/// Loads `count` facts rows drawn like the seeded tickets (ids far above any real ticket), in
/// transactions of 50,000.
async fn load_generated_facts(store: &dyn Store, count: usize) -> anyhow::Result<()> {
    let mut rng = StdRng::seed_from_u64(7);
    let mut made = 0;
    while made < count {
        let batch: Vec<TicketFacts> =
            (made..(made + 50_000).min(count)).map(|i| generated_facts(&mut rng, 1_000_000_000 + i as i64)).collect();
        store.store_facts(&batch).await?;
        made += batch.len();
    }
    Ok(())
}

/// One plausible ticket's facts: 17 agencies, 9 regions, six kinds, a year of months, most
/// answered after a skewed delay, some late, rated, redirected or flagged.
fn generated_facts(rng: &mut StdRng, ticket_id: i64) -> TicketFacts {
    const REGIONS: [&str; 9] =
        ["bishkek", "osh_city", "chuy", "issyk_kul", "naryn", "talas", "jalal_abad", "osh", "batken"];
    let agencies: Vec<Agency> = Agency::ALL.iter().copied().filter(|a| *a != Agency::Triage).collect();
    let agency = agencies[rng.random_range(0..agencies.len())];
    let corruption = agency == Agency::Anticorruption;
    let withheld = |value: Option<String>| if corruption { Some("#withheld".to_owned()) } else { value };
    let month = rng.random_range(1..=11);
    let created_at = 1_767_225_600 + (month - 1) * 30 * 86_400 + rng.random_range(0..30 * 86_400);
    let hours = (rng.random::<f64>() * rng.random::<f64>() * 600.0) as i64;
    let answered = rng.random_bool(0.85);
    let elapsed = Elapsed { hours, working_tenths: hours * 10 / 34 };
    let outcome = match (answered, rng.random_range(0..10)) {
        (false, 0) => Outcome::Withdrawn,
        (false, _) => Outcome::Open,
        (true, 0..6) => Outcome::Closed,
        (true, _) => Outcome::Answered,
    };
    TicketFacts {
        ticket_id,
        synthetic: true,
        created_at,
        month: format!("2026-{month:02}"),
        agency: AgencyCode::from(agency).to_string(),
        implicated: corruption.then(|| AgencyCode::from(agencies[rng.random_range(0..agencies.len())]).to_string()),
        kind: if corruption {
            "corruption".into()
        } else {
            Kind::ALL[rng.random_range(0..Kind::ALL.len())].code().into()
        },
        lang: withheld(Some(if rng.random_bool(0.55) { "ky" } else { "ru" }.into())),
        region: withheld(Some(REGIONS[rng.random_range(0..REGIONS.len())].into())),
        district: withheld(None),
        gender: withheld(rng.random_bool(0.4).then(|| "female".into())),
        age_band: withheld(None),
        disability: withheld(None),
        outcome,
        resolution_due: created_at + 19 * 86_400,
        first_response: answered.then_some(elapsed),
        resolution: matches!(outcome, Outcome::Answered | Outcome::Closed).then_some(elapsed),
        on_time: matches!(outcome, Outcome::Answered | Outcome::Closed).then_some(hours < 19 * 24),
        reopened: rng.random_bool(0.05),
        rating: rng.random_bool(0.4).then(|| rng.random_range(1..=5)),
        redirects: if rng.random_bool(0.1) { rng.random_range(1..=3) } else { 0 },
        brushoffs: u32::from(rng.random_bool(0.03)),
    }
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
