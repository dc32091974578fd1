//! The console's HTTP test harness: a fresh SQLite store with the shipped agencies, officers
//! bound through invites, sign-in through real login links, and requests sent with tower's
//! `oneshot` to `admin::console::router`. The officer actions are a recording stand-in that
//! applies take and close through the desk (the bot's real implementation, with the bridge to
//! the citizen, is tested in the bot crate).

#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use admin::console::{ActionError, ActionOutcome, ConsoleState, DeskAction, OfficerActions};
pub use admin::public::i18n::Lang as PageLang;
use admin::public::i18n::{Catalog, message};
use async_trait::async_trait;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use chrono::{Duration, TimeZone, Utc};
use classifier::{Agency, Kind, Lang};
use fluent_bundle::FluentValue;
use http_body_util::BodyExt;
use tickets::agencies::{AgencyDirectory, AgencySettings};
use tickets::calendar::{BusinessCalendar, CalendarSettings};
use tickets::clock::ManualClock;
use tickets::desk::Desk;
use tickets::domain::{Actor, AgencyCode, ChatLang, NewTicket, Role, Routing, Ticket};
use tickets::lifecycle::{Change, StatusChange};
use tickets::sla::SlaSettings;
use tickets::store::{NewInvite, Redemption, SqliteStore, Store};
use tower::ServiceExt;

#[derive(serde::Deserialize)]
struct Shipped {
    sla: SlaSettings,
    agencies: BTreeMap<String, AgencySettings>,
}

/// Records every action and applies take and close through the desk.
pub struct Recording {
    pub desk: Desk,
    pub calls: Mutex<Vec<(i64, i64, DeskAction)>>,
}

#[async_trait]
impl OfficerActions for Recording {
    async fn act(&self, officer_id: i64, ticket_id: i64, action: DeskAction) -> Result<ActionOutcome, ActionError> {
        self.calls.lock().unwrap().push((officer_id, ticket_id, action.clone()));
        let mut tx = self.desk.store().begin().await?;
        let ticket = tx.ticket_by_id(ticket_id).await?.ok_or("no ticket")?;
        tx.commit().await?;
        let change = match action {
            DeskAction::Take => Change::Status(StatusChange::Assign { officer_id }),
            DeskAction::Close => Change::Status(StatusChange::Close),
            _ => return Ok(ActionOutcome::Done),
        };
        match self.desk.change(&ticket.number, change, Actor::officer(officer_id)).await {
            Ok(_) => Ok(ActionOutcome::Done),
            Err(_) => Ok(ActionOutcome::Refused("not_now".into())),
        }
    }

    async fn create_invite(&self, _by: i64, agency: &AgencyCode, role: Role, days: u32) -> Result<String, ActionError> {
        Ok(format!("https://t.me/test_bot?start=inv_{agency}_{role}_{days}"))
    }
}

pub struct Console {
    pub store: Arc<dyn Store>,
    pub desk: Desk,
    pub clock: Arc<ManualClock>,
    pub actions: Arc<Recording>,
    pub state: ConsoleState,
    _dir: tempfile::TempDir,
}

/// A response read whole.
pub struct Page {
    pub status: StatusCode,
    pub location: Option<String>,
    pub set_cookie: Option<String>,
    pub body: String,
}

impl Page {
    /// The CSRF token of the page's forms.
    pub fn csrf(&self) -> String {
        let at = self.body.find(r#"name="csrf" value=""#).expect("a form with a CSRF token") + 19;
        self.body[at..].split('"').next().unwrap().to_owned()
    }
}

impl Console {
    pub async fn new() -> Self {
        Self::at("http://127.0.0.1:8080").await
    }

    pub async fn at(public_url: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("console.db").display());
        let store: Arc<dyn Store> = Arc::new(SqliteStore::connect(&url, 4).await.unwrap());
        store.migrate().await.unwrap();
        let shipped: Shipped = toml::from_str(include_str!("../../../config/default.toml")).unwrap();
        let agencies = Arc::new(AgencyDirectory::new(&shipped.agencies, shipped.sla).unwrap());
        store.sync_agencies(&agencies).await.unwrap();
        let calendar: CalendarSettings = toml::from_str(include_str!("../../../config/calendar.toml")).unwrap();
        let calendar = Arc::new(BusinessCalendar::new(&calendar).unwrap());
        // Monday 2 March 2026, 10:00 in Bishkek.
        let clock = Arc::new(ManualClock::new(Utc.with_ymd_and_hms(2026, 3, 2, 4, 0, 0).unwrap()));
        let desk = Desk::new(store.clone(), agencies, calendar, clock.clone(), Duration::days(30));
        let actions = Arc::new(Recording { desk: desk.clone(), calls: Mutex::new(Vec::new()) });
        let state = ConsoleState::new(desk.clone(), actions.clone(), public_url, 12);
        Self { store, desk, clock, actions, state, _dir: dir }
    }

    /// An active officer of `agency` (Telegram user `user`) who speaks Russian; returns their id.
    pub async fn officer(&self, agency: Agency, role: Role, user: i64) -> i64 {
        self.officer_in(agency, role, user, ChatLang::Ru).await
    }

    /// An active officer of `agency` who speaks `lang`; returns their id.
    pub async fn officer_in(&self, agency: Agency, role: Role, user: i64, lang: ChatLang) -> i64 {
        let now = self.desk.now();
        let code = AgencyCode::from(agency);
        let hash = format!("invite-{user}");
        let mut tx = self.store.begin().await.unwrap();
        let invite =
            NewInvite { token_hash: &hash, agency: &code, role, created_at: now, expires_at: now + Duration::days(1) };
        tx.create_invite(&invite).await.unwrap();
        let Redemption::Bound(bound) = tx.redeem_invite(&hash, user, lang, now).await.unwrap() else {
            panic!("not bound")
        };
        tx.commit().await.unwrap();
        bound.officer.id
    }

    /// A one-time login link for an officer, as `/web` makes it: the path after the host.
    pub async fn login_link(&self, officer_id: i64) -> String {
        let mut tx = self.store.begin().await.unwrap();
        let link =
            admin::console::create_login_link(tx.as_mut(), officer_id, self.desk.now(), 15, "http://127.0.0.1:8080")
                .await
                .unwrap();
        tx.commit().await.unwrap();
        link.strip_prefix("http://127.0.0.1:8080").unwrap().to_owned()
    }

    /// Signs the officer in through a login link; returns the session cookie (`name=value`).
    pub async fn sign_in(&self, officer_id: i64) -> String {
        let path = self.login_link(officer_id).await;
        let page = self.get(&path, None).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        page.set_cookie.expect("a session cookie").split(';').next().unwrap().to_owned()
    }

    /// A ticket opened now.
    pub async fn ticket(&self, kind: Kind, agency: Agency, citizen: Option<i64>) -> Ticket {
        let implicated = (kind == Kind::Corruption).then(|| AgencyCode::from(Agency::Police));
        let routing = Routing { kind, agency: agency.into(), implicated, lang: Lang::Ru };
        let anonymous = citizen.is_none();
        self.desk.open(&NewTicket::new(routing, citizen, anonymous).unwrap()).await.unwrap()
    }

    pub async fn get(&self, path: &str, cookie: Option<&str>) -> Page {
        self.get_in(path, cookie, None).await
    }

    /// A GET with the browser's `Accept-Language`.
    pub async fn get_in(&self, path: &str, cookie: Option<&str>, accept_language: Option<&str>) -> Page {
        let mut request = Request::get(path);
        if let Some(languages) = accept_language {
            request = request.header(header::ACCEPT_LANGUAGE, languages);
        }
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        self.send(request.body(Body::empty()).unwrap()).await
    }

    pub async fn post(&self, path: &str, cookie: Option<&str>, form: &[(&str, &str)]) -> Page {
        let body: String = form.iter().map(|(k, v)| format!("{k}={}", encode(v))).collect::<Vec<_>>().join("&");
        let mut request = Request::post(path).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        self.send(request.body(Body::from(body)).unwrap()).await
    }

    async fn send(&self, request: Request<Body>) -> Page {
        let response = admin::console::router(self.state.clone()).oneshot(request).await.unwrap();
        let status = response.status();
        let header = |name| response.headers().get(name).map(|v: &header::HeaderValue| v.to_str().unwrap().to_owned());
        let location = header(header::LOCATION);
        let set_cookie = header(header::SET_COOKIE);
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        Page { status, location, set_cookie, body: String::from_utf8(bytes.to_vec()).unwrap() }
    }
}

/// Form encoding of a value (enough for the tests' words).
fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => char::from(b).to_string(),
            b' ' => "+".to_owned(),
            b => format!("%{b:02X}"),
        })
        .collect()
}

/// The console catalog's message `id` in `lang`, as a page shows it (HTML-escaped).
pub fn say(lang: PageLang, id: &str) -> String {
    say_with(lang, id, &[])
}

/// The console catalog's message `id` with arguments, HTML-escaped.
pub fn say_with(lang: PageLang, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
    let text = message(Catalog::Console, lang, id, args);
    assert_ne!(text, id, "{id} is in the {} console catalog", lang.code());
    esc(&text)
}

/// Text as a page shows it (HTML-escaped like the console's own `esc`).
pub fn esc(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}
