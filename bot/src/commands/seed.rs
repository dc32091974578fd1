//! `kairyluu seed --tickets N [--database URL] [--seed S]`: fills a database with realistic
//! synthetic tickets so that a newcomer sees living statistics in a minute.
//!
//! ```text
//! $ kairyluu seed --tickets 20000 --database sqlite://demo.db
//! seeded 20000 synthetic tickets (seed 2026) in 9.8 s: 15934 answered, 1372 redirected, 6021 rated
//! per-agency statistics (synthetic included, cells under 5 hidden): 17 agencies shown, 0 hidden
//! ```
//!
//! Every ticket goes through the desk (numbers, SLA deadlines from the business calendar, the
//! lifecycle rules, the audit log) at its own instant of 2026, set on a manual clock, and is
//! marked synthetic, so statistics leave it out unless asked. The same seed gives the same
//! tickets. Citizens and officers made here have chat and user ids far below any Telegram id
//! (negative), so they cannot collide with real people; seed demo and benchmark databases only.

use std::sync::Arc;
use std::time::Instant;

use anyhow::Context;
use chrono::{DateTime, Duration, TimeZone, Utc};
use classifier::{Agency, Kind, Lang};
use dialogs::Region;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use tickets::calendar::Span;
use tickets::clock::ManualClock;
use tickets::desk::Desk;
use tickets::domain::{
    Actor, AgeBand, ChatLang, Disability, Gender, NewOfficer, NewRating, NewTicket, Profile, RatingTarget, Role,
    Routing, Score, TicketNumber,
};
use tickets::lifecycle::{Change, StatusChange};
use tickets::stats::{Dimension, Statistics, StatsFilter, StatsQuery, StatsTable, Suppression};
use tickets::store::{self, Store, StoreOptions, Tx};

use crate::cli::SeedArgs;
use crate::settings::Loaded;

/// Tickets written per transaction: large enough to amortise commits, small enough that SQLite's
/// single writer is not held for long.
const BATCH: usize = 250;

/// Chat and user ids of synthetic people start here, far below any Telegram id.
const SYNTHETIC_ID_BASE: i64 = -9_000_000_000_000_000;

/// What a seeding run made.
#[derive(Debug, Default, Clone, Copy)]
pub struct SeedReport {
    pub tickets: usize,
    pub answered: usize,
    pub redirected: usize,
    pub rated: usize,
}

pub async fn run(loaded: Loaded, args: SeedArgs) -> anyhow::Result<()> {
    let url = args.database.clone().unwrap_or_else(|| loaded.settings.database.url.clone());
    let options = StoreOptions { url, max_connections: loaded.settings.database.max_connections };
    let store = store::connect(&options).await?;
    store.migrate().await.context("cannot bring the database schema up to date")?;
    store.sync_agencies(&loaded.agencies).await.context("cannot write the configured agencies")?;
    let started = Instant::now();
    let report = seed(store.clone(), &loaded, args.tickets, args.seed).await?;
    println!(
        "seeded {} synthetic tickets (seed {}) in {:.1} s: {} answered, {} redirected, {} rated",
        report.tickets,
        args.seed,
        started.elapsed().as_secs_f64(),
        report.answered,
        report.redirected,
        report.rated
    );
    let query = StatsQuery {
        dimension: Dimension::Agency,
        filter: StatsFilter { include_synthetic: true, ..StatsFilter::default() },
    };
    let table = statistics(store, &loaded).table(&query, Utc::now()).await?;
    let (shown, hidden) = shown_and_hidden(&table);
    println!(
        "per-agency statistics (synthetic included, cells under {} hidden): {shown} agencies shown, {hidden} hidden",
        table.min_cell
    );
    Ok(())
}

/// The statistics the configuration publishes over `store`: its calendar and its
/// `statistics.min_cell`. Every command that prints figures builds them here.
pub fn statistics(store: Arc<dyn Store>, loaded: &Loaded) -> Statistics {
    Statistics::new(store, loaded.calendar.clone(), Suppression::new(loaded.settings.statistics.min_cell))
}

/// How many rows of `table` show their count of received tickets, and how many hide it.
fn shown_and_hidden(table: &StatsTable) -> (usize, usize) {
    let hidden = table.rows.iter().filter(|r| r.received.is_suppressed()).count();
    (table.rows.len() - hidden, hidden)
}

/// Writes `count` synthetic tickets to `store`, deterministically from `seed`.
pub async fn seed(store: Arc<dyn Store>, loaded: &Loaded, count: usize, seed: u64) -> anyhow::Result<SeedReport> {
    let tz = loaded.calendar.timezone();
    let start = year_start(&tz);
    let clock = Arc::new(ManualClock::new(start));
    let reopen_window = Duration::days(i64::from(loaded.settings.lifecycle.reopen_window_days));
    let desk = Desk::new(store.clone(), loaded.agencies.clone(), loaded.calendar.clone(), clock.clone(), reopen_window);
    let mut rng = StdRng::seed_from_u64(seed);
    let officers = officers(store.as_ref(), start).await?;
    let citizens = citizens(store.as_ref(), &mut rng, (count / 4).clamp(1, 50_000), start).await?;
    // A fixed end keeps runs identical from day to day; before that date, nothing is made in the
    // future.
    let end = Utc::now()
        .min(tz.with_ymd_and_hms(2026, 11, 20, 18, 0, 0).single().map_or_else(Utc::now, |t| t.with_timezone(&Utc)));
    let span = (end - start).num_seconds().max(1);
    let mut report = SeedReport::default();
    let mut made = 0;
    while made < count {
        let mut tx = store.begin().await?;
        for i in made..(made + BATCH).min(count) {
            // Spread evenly over the year so far, so months fill in order like real traffic.
            let created = start + Duration::seconds(span * i as i64 / count.max(1) as i64);
            let plan = Plan::draw(&mut rng, &citizens)?;
            clock.set(created);
            let ticket = desk.open_in(tx.as_mut(), &plan.ticket).await?;
            live(&desk, &clock, tx.as_mut(), &ticket.number, &plan, &officers, created, end, &mut report).await?;
            report.tickets += 1;
        }
        tx.commit().await?;
        made = (made + BATCH).min(count);
    }
    Ok(report)
}

/// Monday 5 January 2026, 09:00 local: the first working morning of the year.
fn year_start<Z: TimeZone>(tz: &Z) -> DateTime<Utc> {
    tz.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).single().map_or(DateTime::<Utc>::MIN_UTC, |t| t.with_timezone(&Utc))
}

/// Agencies that take tickets directly (triage routes, anticorruption takes corruption reports).
fn agencies() -> Vec<Agency> {
    Agency::ALL.iter().copied().filter(|a| !matches!(a, Agency::Triage | Agency::Anticorruption)).collect()
}

/// How slow an agency is, so that agencies differ visibly: median hours to an answer.
fn median_hours(agency: Agency) -> f64 {
    let index = Agency::ALL.iter().position(|a| *a == agency).unwrap_or(0) as f64;
    12.0 + 14.0 * (index % 9.0)
}

async fn officers(store: &dyn Store, at: DateTime<Utc>) -> anyhow::Result<Vec<(Agency, i64)>> {
    let existing = store.officers(None).await?;
    let mut ids = Vec::new();
    for (n, agency) in Agency::ALL.iter().enumerate() {
        let code = tickets::domain::AgencyCode::from(*agency);
        let id = match existing.iter().find(|o| o.agency == code && o.telegram_user_id < 0) {
            Some(officer) => officer.id,
            None => {
                let user = SYNTHETIC_ID_BASE + n as i64;
                let officer = NewOfficer { telegram_user_id: user, agency: code, role: Role::Officer };
                store.add_officer(officer, at).await?.id
            }
        };
        ids.push((*agency, id));
    }
    Ok(ids)
}

async fn citizens(store: &dyn Store, rng: &mut StdRng, count: usize, at: DateTime<Utc>) -> anyhow::Result<Vec<i64>> {
    let mut tx = store.begin().await?;
    let mut ids = Vec::with_capacity(count);
    for n in 0..count {
        let lang = if rng.random_bool(0.55) { ChatLang::Ky } else { ChatLang::Ru };
        let citizen = tx.upsert_citizen(SYNTHETIC_ID_BASE + 1_000 + n as i64, lang, at).await?;
        // About half volunteer something; some say "prefer not to say".
        if rng.random_bool(0.5) {
            let profile = Profile {
                gender: pick_opt(rng, Gender::ALL),
                age_band: pick_opt(rng, AgeBand::ALL),
                disability: pick_opt(rng, Disability::ALL),
            };
            tx.set_profile(citizen.id, profile).await?;
        }
        ids.push(citizen.id);
    }
    tx.commit().await?;
    Ok(ids)
}

fn pick_opt<T: Copy>(rng: &mut StdRng, values: &[T]) -> Option<T> {
    if values.is_empty() || rng.random_bool(0.2) { None } else { Some(values[rng.random_range(0..values.len())]) }
}

/// What will happen to one ticket, drawn up front so the run is deterministic.
struct Plan {
    ticket: NewTicket,
    agency: Agency,
    /// Hours from opening to the first answer, if it comes.
    answer_after: Option<f64>,
    redirects: Vec<Agency>,
    extend: bool,
    close: bool,
    reopen: bool,
    withdraw: bool,
    rating: Option<i64>,
}

impl Plan {
    fn draw(rng: &mut StdRng, citizens: &[i64]) -> anyhow::Result<Plan> {
        let agencies = agencies();
        let kind = match rng.random_range(0..100) {
            0..50 => Kind::Complaint,
            50..70 => Kind::Question,
            70..80 => Kind::Rating,
            80..88 => Kind::Suggestion,
            88..93 => Kind::Gratitude,
            _ => Kind::Corruption,
        };
        let first = agencies[rng.random_range(0..agencies.len())];
        let lang = match rng.random_range(0..100) {
            0..55 => Lang::Ky,
            55..95 => Lang::Ru,
            _ => Lang::Mixed,
        };
        let region = Region::ALL[rng.random_range(0..Region::ALL.len())];
        let districts = region.districts();
        let district = (!districts.is_empty() && rng.random_bool(0.7))
            .then(|| districts[rng.random_range(0..districts.len())].code().to_owned());
        let corruption = kind == Kind::Corruption;
        let anonymous = corruption && rng.random_bool(0.7) || rng.random_bool(0.2) || citizens.is_empty();
        let citizen = (!anonymous).then(|| citizens[rng.random_range(0..citizens.len())]);
        let routing = if corruption {
            Routing { kind, agency: Agency::Anticorruption.into(), implicated: Some(first.into()), lang }
        } else {
            Routing { kind, agency: first.into(), implicated: None, lang }
        };
        let agency = if corruption { Agency::Anticorruption } else { first };
        let mut redirects = Vec::new();
        if !corruption && rng.random_bool(0.10) {
            redirects.push(agencies[rng.random_range(0..agencies.len())]);
            if rng.random_bool(0.25) {
                redirects.push(agencies[rng.random_range(0..agencies.len())]);
            }
        }
        redirects.dedup();
        // A log-normal-ish answer time around the agency's median; 8% never answered.
        let median = median_hours(redirects.last().copied().unwrap_or(agency));
        let spread: f64 = (0..3).map(|_| rng.random::<f64>()).sum::<f64>() - 1.5;
        let answer_after = (!rng.random_bool(0.08)).then(|| median * (spread * 1.6).exp());
        let rated = rng.random_bool(0.4);
        Ok(Plan {
            ticket: NewTicket::new(routing, citizen, anonymous)?
                .with_place(Some(region.code().to_owned()), district)
                .synthetic(),
            agency,
            answer_after,
            redirects,
            extend: rng.random_bool(0.05),
            close: rng.random_bool(0.6),
            reopen: rng.random_bool(0.05),
            withdraw: rng.random_bool(0.01),
            rating: rated.then(|| rng.random_range(1..=5)),
        })
    }
}

/// Plays `plan` on the ticket through the desk, each step at its own instant up to `end`.
#[allow(clippy::too_many_arguments)]
async fn live(
    desk: &Desk,
    clock: &ManualClock,
    tx: &mut dyn Tx,
    number: &TicketNumber,
    plan: &Plan,
    officers: &[(Agency, i64)],
    created: DateTime<Utc>,
    end: DateTime<Utc>,
    report: &mut SeedReport,
) -> anyhow::Result<()> {
    let officer_of = |agency: Agency| officers.iter().find(|(a, _)| *a == agency).map(|(_, id)| *id).unwrap_or(1);
    let mut at = created;
    let mut step = |hours: f64| {
        at += Duration::minutes((hours * 60.0).max(1.0) as i64);
        at
    };
    let system = Actor::SYSTEM;
    let mut holder = plan.agency;
    for to in &plan.redirects {
        if *to == holder {
            continue;
        }
        clock.set(step(6.0));
        if clock_passed(clock, end) {
            return Ok(());
        }
        let redirect = StatusChange::Redirect { to: (*to).into(), reason: "synthetic: another body's matter".into() };
        desk.change_in(tx, number, Change::Status(redirect), system).await?;
        holder = *to;
        report.redirected += 1;
    }
    if plan.withdraw {
        clock.set(step(2.0));
        if !clock_passed(clock, end) {
            desk.change_in(tx, number, Change::Status(StatusChange::Withdraw), system).await?;
        }
        return Ok(());
    }
    clock.set(step(1.0));
    if clock_passed(clock, end) {
        return Ok(());
    }
    desk.change_in(tx, number, Change::Status(StatusChange::Assign { officer_id: officer_of(holder) }), system).await?;
    if plan.extend {
        let extension = Change::Extend { span: Span::calendar(30), reason: "synthetic: an inspection".into() };
        desk.change_in(tx, number, extension, system).await?;
    }
    let Some(after) = plan.answer_after else { return Ok(()) };
    clock.set(step(after));
    if clock_passed(clock, end) {
        return Ok(());
    }
    desk.change_in(tx, number, Change::Status(StatusChange::Answer), system).await?;
    report.answered += 1;
    if plan.reopen {
        clock.set(step(30.0));
        if clock_passed(clock, end) {
            return Ok(());
        }
        desk.change_in(tx, number, Change::Status(StatusChange::Reopen), system).await?;
        clock.set(step(after / 2.0));
        if clock_passed(clock, end) {
            return Ok(());
        }
        desk.change_in(tx, number, Change::Status(StatusChange::Answer), system).await?;
    }
    if let Some(score) = plan.rating {
        clock.set(step(20.0));
        if clock_passed(clock, end) {
            return Ok(());
        }
        let score = Score::try_from(score).map_err(|e| anyhow::anyhow!(e))?;
        let rating = NewRating {
            target: RatingTarget::Ticket(number.clone()),
            score,
            comment: None,
            citizen_id: None,
            at: tickets::clock::Clock::now(clock),
        };
        tx.add_rating(&rating).await?;
        report.rated += 1;
    }
    if plan.close {
        clock.set(step(72.0));
        if !clock_passed(clock, end) {
            desk.change_in(tx, number, Change::Status(StatusChange::Close), system).await?;
        }
    }
    Ok(())
}

fn clock_passed(clock: &ManualClock, end: DateTime<Utc>) -> bool {
    tickets::clock::Clock::now(clock) > end
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;
    use crate::settings::Settings;
    use tickets::store::SqliteStore;

    async fn seeded(loaded: &Loaded, dir: &tempfile::TempDir) -> Arc<dyn Store> {
        let url = format!("sqlite://{}", dir.path().join("seed.db").display());
        let store: Arc<dyn Store> = Arc::new(SqliteStore::connect(&url, 2).await.unwrap());
        store.migrate().await.unwrap();
        store.sync_agencies(&loaded.agencies).await.unwrap();
        seed(store.clone(), loaded, 60, 2026).await.unwrap();
        store
    }

    #[tokio::test]
    async fn the_configured_min_cell_decides_which_agencies_are_hidden() {
        let query = StatsQuery {
            dimension: Dimension::Agency,
            filter: StatsFilter { include_synthetic: true, ..StatsFilter::default() },
        };
        let dir = tempfile::tempdir().unwrap();
        let low = Settings::load(None, &[("KAIRYLUU__STATISTICS__MIN_CELL".into(), "2".into())]).unwrap();
        let store = seeded(&low, &dir).await;
        let at = Utc::now();
        let shown = statistics(store.clone(), &low).table(&query, at).await.unwrap();
        let high = Settings::load(None, &[("KAIRYLUU__STATISTICS__MIN_CELL".into(), "1000".into())]).unwrap();
        let hidden = statistics(store, &high).table(&query, at).await.unwrap();
        assert_eq!((shown.min_cell, hidden.min_cell), (2, 1000));
        // 60 tickets over 17 agencies: some agency has 2 or more, none has 1,000.
        let (low_shown, _) = shown_and_hidden(&shown);
        let (high_shown, high_hidden) = shown_and_hidden(&hidden);
        assert!(low_shown > 0, "with min_cell 2 some agency is shown");
        assert_eq!((high_shown, high_hidden), (0, hidden.rows.len()), "with min_cell 1000 every agency is hidden");
        assert!(hidden.total.received.is_suppressed(), "and so is the total of 60");
        assert_eq!(shown.total.received.value(), Some(&60));
    }
}
