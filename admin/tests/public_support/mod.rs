//! The public side's test fixture: a fresh SQLite store with the shipped agencies and a known set
//! of tickets opened and answered through the desk, and a request helper over `oneshot`.

#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use std::collections::BTreeMap;
use std::sync::Arc;

use admin::AppState;
use admin::metrics::Counters;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use chrono::{DateTime, Duration, TimeZone, Utc};
use chrono_tz::Asia::Bishkek;
use classifier::{Agency, Kind, Lang};
use http_body_util::BodyExt;
use tickets::agencies::{AgencyDirectory, AgencySettings};
use tickets::calendar::{BusinessCalendar, CalendarSettings};
use tickets::clock::{Clock, ManualClock};
use tickets::desk::Desk;
use tickets::domain::{Actor, NewOfficer, NewTicket, Role, Routing, TicketNumber};
use tickets::lifecycle::{Change, StatusChange};
use tickets::sla::SlaSettings;
use tickets::stats::{Statistics, Suppression};
use tickets::store::{SqliteStore, Store};
use tower::ServiceExt;

#[derive(serde::Deserialize)]
struct ShippedConfig {
    sla: SlaSettings,
    agencies: BTreeMap<String, AgencySettings>,
}

/// The fixture: what was opened, and the app over it.
pub struct Fixture {
    pub app: axum::Router,
    pub counters: Counters,
    /// Health complaints in Osh region: 12, answered (rated 4).
    pub health: Vec<TicketNumber>,
    /// Police questions in Chuy: 6, open.
    pub police: Vec<TicketNumber>,
    /// Two social complaints: a small cell.
    pub social: Vec<TicketNumber>,
    /// Corruption reports about the police.
    pub corruption: Vec<TicketNumber>,
    pub store: Arc<dyn Store>,
    _dir: tempfile::TempDir,
}

/// Monday 2 March 2026, 10:00 in Bishkek.
pub fn start() -> DateTime<Utc> {
    Bishkek.with_ymd_and_hms(2026, 3, 2, 10, 0, 0).unwrap().with_timezone(&Utc)
}

fn ticket(kind: Kind, agency: Agency, implicated: Option<Agency>, region: &str) -> NewTicket {
    let routing = Routing { kind, agency: agency.into(), implicated: implicated.map(Into::into), lang: Lang::Ky };
    NewTicket::new(routing, None, true).unwrap().with_place(Some(region.into()), None)
}

pub async fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("public.db").display());
    let store: Arc<dyn Store> = Arc::new(SqliteStore::connect(&url, 4).await.unwrap());
    store.migrate().await.unwrap();
    let config: ShippedConfig = toml::from_str(include_str!("../../../config/default.toml")).unwrap();
    let agencies = Arc::new(AgencyDirectory::new(&config.agencies, config.sla).unwrap());
    store.sync_agencies(&agencies).await.unwrap();
    let calendar_settings: CalendarSettings = toml::from_str(include_str!("../../../config/calendar.toml")).unwrap();
    let calendar = Arc::new(BusinessCalendar::new(&calendar_settings).unwrap());
    let clock = Arc::new(ManualClock::new(start()));
    let desk = Desk::new(store.clone(), agencies.clone(), calendar.clone(), clock.clone(), Duration::days(30));

    let officer = NewOfficer { telegram_user_id: 1, agency: Agency::Health.into(), role: Role::Officer };
    let officer_id = store.add_officer(officer, clock.now()).await.unwrap().id;
    let mut health = Vec::new();
    for i in 0..12 {
        // Half in March, half in April: two months for the trend.
        if i == 6 {
            clock.advance(Duration::days(31));
        }
        health.push(desk.open(&ticket(Kind::Complaint, Agency::Health, None, "osh")).await.unwrap().number);
    }
    clock.advance(Duration::hours(30));
    for number in &health {
        for change in [StatusChange::Assign { officer_id }, StatusChange::Answer] {
            desk.change(number, Change::Status(change), Actor::SYSTEM).await.unwrap();
        }
    }
    let mut police = Vec::new();
    for _ in 0..6 {
        police.push(desk.open(&ticket(Kind::Question, Agency::Police, None, "chuy")).await.unwrap().number);
    }
    let mut social = Vec::new();
    for _ in 0..2 {
        social.push(desk.open(&ticket(Kind::Complaint, Agency::Social, None, "naryn")).await.unwrap().number);
    }
    let mut corruption = Vec::new();
    for _ in 0..2 {
        let report = ticket(Kind::Corruption, Agency::Anticorruption, Some(Agency::Police), "talas");
        corruption.push(desk.open(&report).await.unwrap().number);
    }
    let counters = Counters::default();
    let state = AppState {
        store: store.clone(),
        statistics: Statistics::new(store.clone(), calendar, Suppression::new(5)),
        agencies,
        counters: counters.clone(),
        include_synthetic: false,
    };
    Fixture { app: admin::router(state), counters, health, police, social, corruption, store, _dir: dir }
}

/// A response as status, content type and text.
pub struct Answer {
    pub status: StatusCode,
    pub content_type: String,
    pub body: String,
}

impl Fixture {
    pub async fn get(&self, uri: &str) -> Answer {
        self.get_with(uri, None).await
    }

    pub async fn get_with(&self, uri: &str, accept_language: Option<&str>) -> Answer {
        let mut request = Request::get(uri);
        if let Some(lang) = accept_language {
            request = request.header("accept-language", lang);
        }
        let response = self.app.clone().oneshot(request.body(Body::empty()).unwrap()).await.unwrap();
        let status = response.status();
        let content_type =
            response.headers().get("content-type").map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        Answer { status, content_type, body: String::from_utf8(bytes.to_vec()).unwrap() }
    }

    pub async fn json(&self, uri: &str) -> serde_json::Value {
        let answer = self.get(uri).await;
        assert_eq!(answer.status, StatusCode::OK, "{uri}: {}", answer.body);
        serde_json::from_str(&answer.body).unwrap()
    }
}
