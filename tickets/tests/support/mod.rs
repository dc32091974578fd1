//! The harness of the store behaviour suite: every case runs on SQLite (a fresh file) and, when
//! `KAIRYLUU_TEST_POSTGRES` holds a PostgreSQL URL, on PostgreSQL too (a fresh schema per case).

// Test support: a failed setup should stop the test loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Once};

use chrono::{DateTime, TimeZone, Utc};
use chrono_tz::Asia::Bishkek;
use tickets::agencies::{AgencyDirectory, AgencySettings};
use tickets::calendar::{BusinessCalendar, CalendarSettings};
use tickets::clock::ManualClock;
use tickets::desk::Desk;
use tickets::sla::SlaSettings;
use tickets::store::{PgStore, SqliteStore, Store};

pub const POSTGRES_ENV: &str = "KAIRYLUU_TEST_POSTGRES";

/// One backend, ready for a test case.
pub struct Harness {
    pub label: &'static str,
    pub store: Arc<dyn Store>,
    pub desk: Desk,
    pub clock: Arc<ManualClock>,
    pub calendar: Arc<BusinessCalendar>,
    cleanup: Option<(Arc<PgStore>, String)>,
    _dir: tempfile::TempDir,
}

impl Harness {
    /// Drops the case's PostgreSQL schema.
    pub async fn finish(self) {
        if let Some((pg, schema)) = self.cleanup {
            let _ = pg.drop_schema(&schema).await;
        }
    }
}

#[derive(serde::Deserialize)]
struct ShippedConfig {
    sla: SlaSettings,
    agencies: BTreeMap<String, AgencySettings>,
}

/// The agencies and SLA of the shipped default configuration.
pub fn shipped_agencies() -> AgencyDirectory {
    let config: ShippedConfig = toml::from_str(include_str!("../../../config/default.toml")).unwrap();
    AgencyDirectory::new(&config.agencies, config.sla).unwrap()
}

/// The shipped business calendar.
pub fn shipped_calendar() -> BusinessCalendar {
    let settings: CalendarSettings = toml::from_str(include_str!("../../../config/calendar.toml")).unwrap();
    BusinessCalendar::new(&settings).unwrap()
}

/// Monday 2 March 2026, 10:00 in Bishkek: a plain working week.
pub fn monday_morning() -> DateTime<Utc> {
    Bishkek.with_ymd_and_hms(2026, 3, 2, 10, 0, 0).unwrap().with_timezone(&Utc)
}

/// Every configured backend, each fresh, migrated and with the shipped agencies.
pub async fn backends() -> Vec<Harness> {
    static SAID: Once = Once::new();
    let postgres = std::env::var(POSTGRES_ENV).ok().filter(|url| !url.trim().is_empty());
    if postgres.is_none() {
        SAID.call_once(|| {
            // Written past libtest's capture on purpose: this line must be seen.
            let _ = writeln!(
                std::io::stderr(),
                "store suite: {POSTGRES_ENV} is not set, so only SQLite is tested (set it to a postgres:// URL)"
            );
        });
    }
    let mut harnesses = Vec::new();
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("store.db").display());
    let sqlite: Arc<dyn Store> = Arc::new(SqliteStore::connect(&url, 8).await.unwrap());
    harnesses.push(harness("sqlite", sqlite, None, dir).await);
    if let Some(url) = postgres {
        static CASE: AtomicUsize = AtomicUsize::new(0);
        let schema = format!("kairyluu_test_{}_{}", std::process::id(), CASE.fetch_add(1, Ordering::SeqCst));
        let pg = Arc::new(PgStore::connect_in_schema(&url, &schema, 16).await.unwrap());
        let store: Arc<dyn Store> = pg.clone();
        harnesses.push(harness("postgres", store, Some((pg, schema)), tempfile::tempdir().unwrap()).await);
    }
    harnesses
}

async fn harness(
    label: &'static str,
    store: Arc<dyn Store>,
    cleanup: Option<(Arc<PgStore>, String)>,
    dir: tempfile::TempDir,
) -> Harness {
    store.migrate().await.unwrap();
    let agencies = Arc::new(shipped_agencies());
    store.sync_agencies(&agencies).await.unwrap();
    let calendar = Arc::new(shipped_calendar());
    let clock = Arc::new(ManualClock::new(monday_morning()));
    let desk = Desk::new(store.clone(), agencies.clone(), calendar.clone(), clock.clone(), chrono::Duration::days(30));
    Harness { label, store, desk, clock, calendar, cleanup, _dir: dir }
}

/// Runs `case` on every backend, each with a fresh store, and tidies up after it.
pub async fn each_backend<F, Fut>(case: F)
where
    F: Fn(Harness) -> Fut,
    Fut: std::future::Future<Output = Harness>,
{
    for harness in backends().await {
        case(harness).await.finish().await;
    }
}
