//! The fast paths of the statistics against straightforward recomputations, on every backend:
//! random facts (seeded, so a failure replays) are stored, a third of them replaced, and every
//! table read from the rollups must equal the same table from a scan of the facts, and a few
//! figures must equal what plain Rust counts from the facts themselves. Also: facts computed
//! under one business calendar are recomputed when the configured calendar changes.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Duration, TimeZone, Utc};
use chrono_tz::Asia::Bishkek;
use classifier::{Agency, Kind, Lang};
use tickets::calendar::{BusinessCalendar, CalendarSettings};
use tickets::clock::Clock;
use tickets::domain::{Actor, NewOfficer, NewTicket, Role, Routing};
use tickets::lifecycle::{Change, StatusChange};
use tickets::stats::definitions::percentile;
use tickets::stats::{
    Bucket, Cell, Dimension, Elapsed, Outcome, Statistics, StatsFilter, StatsQuery, Suppression, TicketFacts, publish,
};

use support::{Harness, each_backend, shipped_calendar};

/// splitmix64: a few lines, the same numbers everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    fn pick<'a>(&mut self, values: &[&'a str]) -> &'a str {
        values[self.below(values.len() as u64) as usize]
    }

    fn maybe(&mut self, values: &[&str]) -> Option<String> {
        if self.chance(25) { None } else { Some(self.pick(values).to_owned()) }
    }
}

/// From 1 November 2025 to 30 April 2026 in Bishkek: six months across a new year.
fn span() -> (DateTime<Utc>, i64) {
    let start = Bishkek.with_ymd_and_hms(2025, 11, 1, 0, 0, 0).unwrap().with_timezone(&Utc);
    let end = Bishkek.with_ymd_and_hms(2026, 5, 1, 0, 0, 0).unwrap().with_timezone(&Utc);
    (start, (end - start).num_seconds())
}

fn random_facts(rng: &mut Rng, ticket_id: i64) -> TicketFacts {
    let (start, seconds) = span();
    let created = start + Duration::seconds(rng.below(seconds as u64) as i64);
    let local = created.with_timezone(&Bishkek);
    let corruption = rng.chance(8);
    let withheld = |v: Option<String>| if corruption { Some("#withheld".to_owned()) } else { v };
    let outcome = [Outcome::Open, Outcome::Answered, Outcome::Closed, Outcome::Withdrawn][rng.below(4) as usize];
    let answered = matches!(outcome, Outcome::Answered | Outcome::Closed);
    // Few distinct values, so that histograms have repeats and percentiles fall on ties.
    let elapsed = |rng: &mut Rng| {
        let longest = if rng.chance(50) { 30 } else { 700 };
        let hours = rng.below(longest) as i64;
        Elapsed { hours, working_tenths: hours * 10 / 30 }
    };
    let first_response = (answered || rng.chance(20)).then(|| elapsed(rng));
    let resolution = answered.then(|| elapsed(rng));
    TicketFacts {
        ticket_id,
        synthetic: rng.chance(30),
        created_at: created.timestamp(),
        month: format!("{:04}-{:02}", local.year(), local.month()),
        agency: if corruption {
            "anticorruption".into()
        } else {
            rng.pick(&["health", "police", "social", "tax"]).into()
        },
        implicated: corruption.then(|| rng.pick(&["police", "customs"]).to_owned()),
        kind: if corruption { "corruption".into() } else { rng.pick(&["complaint", "question", "suggestion"]).into() },
        lang: withheld(rng.maybe(&["ky", "ru"])),
        region: withheld(rng.maybe(&["osh", "chuy", "naryn"])),
        district: withheld(rng.maybe(&["kara_suu", "alamudun"])),
        gender: withheld(rng.maybe(&["female", "male"])),
        age_band: withheld(rng.maybe(&["18_29", "30_44", "65_plus"])),
        disability: withheld(rng.maybe(&["yes", "no"])),
        outcome,
        resolution_due: created.timestamp() + rng.below(40 * 86_400) as i64,
        first_response,
        resolution,
        on_time: answered.then(|| rng.chance(70)),
        reopened: rng.chance(10),
        rating: rng.chance(40).then(|| 1 + rng.below(5) as u8),
        redirects: if rng.chance(15) { 1 + rng.below(3) as u32 } else { 0 },
        brushoffs: u32::from(rng.chance(5)),
    }
}

fn local_month(year: i32, month: u32) -> DateTime<Utc> {
    Bishkek.with_ymd_and_hms(year, month, 1, 0, 0, 0).unwrap().with_timezone(&Utc)
}

#[tokio::test]
async fn rollup_tables_equal_a_scan_and_a_plain_count_on_random_facts() {
    each_backend(|h| async move {
        for seed in [1_u64, 2] {
            let mut rng = Rng(seed);
            // Per case ids of their own, so that each seed adds to what the rollups already hold.
            let base = seed as i64 * 100_000;
            let facts: Vec<TicketFacts> = (0..1_500).map(|i| random_facts(&mut rng, base + i)).collect();
            h.store.store_facts(&facts[..700]).await.unwrap();
            h.store.store_facts(&facts[700..]).await.unwrap();
            // Replace a third: the rollups must subtract what they held. `all_facts` replays this.
            let replaced: Vec<TicketFacts> = (0..500).map(|i| random_facts(&mut rng, base + i * 3)).collect();
            h.store.store_facts(&replaced).await.unwrap();

            let statistics = Statistics::new(h.store.clone(), h.calendar.clone(), Suppression::new(2));
            let now = local_month(2026, 4) + Duration::days(12);
            let periods = [
                (None, None),
                (Some(local_month(2026, 1)), None),
                (None, Some(local_month(2026, 3))),
                (Some(local_month(2025, 12)), Some(local_month(2026, 2))),
            ];
            for include_synthetic in [false, true] {
                for (from, to) in periods {
                    let filter = StatsFilter { from, to, include_synthetic, ..StatsFilter::default() };
                    for dimension in Dimension::ALL {
                        let fast =
                            statistics.table(&StatsQuery { dimension, filter: filter.clone() }, now).await.unwrap();
                        let scanned = h.store.tallies(dimension, &filter, now).await.unwrap();
                        let scan = publish(dimension, scanned, Suppression::new(2));
                        assert_eq!(fast, scan, "{} seed {seed}: {dimension:?} over {filter:?}", h.label);
                    }
                }
            }

            // Plain Rust over every fact seen so far, per agency, all months, synthetic included.
            let everything = StatsFilter { include_synthetic: true, ..StatsFilter::default() };
            let table =
                statistics.table(&StatsQuery { dimension: Dimension::Agency, filter: everything }, now).await.unwrap();
            let mut received: BTreeMap<String, i64> = BTreeMap::new();
            let mut hours: BTreeMap<String, BTreeMap<i64, i64>> = BTreeMap::new();
            for f in all_facts(seed) {
                *received.entry(f.agency.clone()).or_default() += 1;
                if let Some(e) = f.first_response {
                    *hours.entry(f.agency.clone()).or_default().entry(e.hours).or_default() += 1;
                }
            }
            for row in &table.rows {
                let Bucket::Value(agency) = &row.bucket else { panic!("agency row {:?}", row.bucket) };
                assert_eq!(row.received, Cell::Value(received[agency]), "{} seed {seed}: {agency}", h.label);
                let histogram: Vec<(i64, i64)> = hours[agency].iter().map(|(v, n)| (*v, *n)).collect();
                let median = percentile(&histogram, 50).unwrap();
                let p90 = percentile(&histogram, 90).unwrap();
                assert_eq!(row.first_response.median_hours, Cell::Value(median), "{} seed {seed}: {agency}", h.label);
                assert_eq!(row.first_response.p90_hours, Cell::Value(p90), "{} seed {seed}: {agency}", h.label);
            }
            assert_eq!(table.total.received, Cell::Value(received.values().sum()), "{} seed {seed}", h.label);
        }
        h
    })
    .await;
}

/// Every fact stored by the seeds up to `last`, as the test stored them (replacements applied).
fn all_facts(last: u64) -> Vec<TicketFacts> {
    let mut out = Vec::new();
    for seed in 1..=last {
        let mut rng = Rng(seed);
        let base = seed as i64 * 100_000;
        let mut facts: Vec<TicketFacts> = (0..1_500).map(|i| random_facts(&mut rng, base + i)).collect();
        for i in 0..500 {
            facts[i as usize * 3] = random_facts(&mut rng, base + i * 3);
        }
        out.extend(facts);
    }
    out
}

/// The shipped calendar with `day` declared a day off by decree.
fn with_day_off(day: chrono::NaiveDate) -> BusinessCalendar {
    let mut settings: CalendarSettings = toml::from_str(include_str!("../../config/calendar.toml")).unwrap();
    settings.years.get_mut(&day.year().to_string()).unwrap().moved_days_off.push(day);
    BusinessCalendar::new(&settings).unwrap()
}

async fn median_working_days(h: &Harness, calendar: BusinessCalendar, at: DateTime<Utc>) -> Cell<f64> {
    let statistics = Statistics::new(h.store.clone(), std::sync::Arc::new(calendar), Suppression::new(2));
    let query = StatsQuery { dimension: Dimension::Agency, filter: StatsFilter::default() };
    let table = statistics.table(&query, at).await.unwrap();
    let row = table.rows.iter().find(|r| r.bucket == Bucket::Value("health".into())).unwrap();
    row.first_response.median_working_days
}

#[tokio::test]
async fn facts_are_recomputed_when_a_holiday_is_added_to_the_calendar() {
    each_backend(|h| async move {
        let officer = NewOfficer { telegram_user_id: 1, agency: Agency::Health.into(), role: Role::Officer };
        let officer_id = h.store.add_officer(officer, h.clock.now()).await.unwrap().id;
        let routing =
            Routing { kind: Kind::Complaint, agency: Agency::Health.into(), implicated: None, lang: Lang::Ky };
        let mut numbers = Vec::new();
        for _ in 0..2 {
            numbers.push(h.desk.open(&NewTicket::new(routing.clone(), None, true).unwrap()).await.unwrap().number);
        }
        // Opened Monday 2 March 2026 at 10:00, answered Thursday at 10:00.
        h.clock.advance(Duration::days(3));
        for number in &numbers {
            h.desk.change(number, Change::Status(StatusChange::Assign { officer_id }), Actor::SYSTEM).await.unwrap();
            h.desk.change(number, Change::Status(StatusChange::Answer), Actor::SYSTEM).await.unwrap();
        }
        let at = h.clock.now();
        let before = median_working_days(&h, shipped_calendar(), at).await;
        // Tuesday 3 March declared a day off: one working day fewer.
        let tuesday_off = with_day_off(chrono::NaiveDate::from_ymd_opt(2026, 3, 3).unwrap());
        let after = median_working_days(&h, tuesday_off, at).await;
        let (Cell::Value(before), Cell::Value(after)) = (before, after) else {
            panic!("{}: hidden medians {before:?} {after:?}", h.label)
        };
        assert!((before - after - 1.0).abs() < 1e-9, "{}: {before} working days, then {after}", h.label);
        // And back: the decree revoked, the first figure returns.
        let again = median_working_days(&h, shipped_calendar(), at).await;
        assert_eq!(again, Cell::Value(before), "{}", h.label);
        h
    })
    .await;
}
