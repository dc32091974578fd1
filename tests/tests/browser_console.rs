//! A real browser in the web console: Debian's chromium, headless, driven through chromedriver
//! with fantoccini. An officer opens a one-time login link, finds the ticket in the queue and
//! answers it; a screenshot is kept under `target/browser-artifacts/`.
//!
//! The console is served in-process (`admin::console::router` on a loopback port) over a fresh
//! SQLite store; the officer actions are a stand-in that records the answer through the desk
//! (the bot's relay to the citizen is tested in the bot crate). Without chromedriver the test
//! fails when `CI=true` and otherwise skips with a message.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use admin::console::{ActionError, ActionOutcome, ConsoleState, DeskAction, OfficerActions};
use admin::public::i18n::{Catalog, Lang as PageLang, message};
use async_trait::async_trait;
use classifier::{Agency, Kind, Lang};
use fantoccini::{ClientBuilder, Locator};
use tickets::agencies::{AgencyDirectory, AgencySettings};
use tickets::calendar::{BusinessCalendar, CalendarSettings};
use tickets::clock::SystemClock;
use tickets::desk::Desk;
use tickets::domain::{Actor, AgencyCode, AuthorKind, ChatLang, NewMessage, NewTicket, Role, Routing, TicketStatus};
use tickets::lifecycle::{Change, StatusChange};
use tickets::sla::SlaSettings;
use tickets::store::{NewInvite, Redemption, SqliteStore, Store};

#[derive(serde::Deserialize)]
struct Shipped {
    sla: SlaSettings,
    agencies: BTreeMap<String, AgencySettings>,
}

/// Takes and answers through the desk, and keeps the answer in the thread.
struct Answering {
    desk: Desk,
}

#[async_trait]
impl OfficerActions for Answering {
    async fn act(&self, officer_id: i64, ticket_id: i64, action: DeskAction) -> Result<ActionOutcome, ActionError> {
        let DeskAction::Reply { text, .. } = action else { return Ok(ActionOutcome::Refused("not_now".into())) };
        let mut tx = self.desk.store().begin().await?;
        let ticket = tx.ticket_by_id(ticket_id).await?.ok_or("no ticket")?;
        let actor = Actor::officer(officer_id);
        self.desk
            .change_in(tx.as_mut(), &ticket.number, Change::Status(StatusChange::Assign { officer_id }), actor)
            .await?;
        self.desk.change_in(tx.as_mut(), &ticket.number, Change::Status(StatusChange::Answer), actor).await?;
        let message = NewMessage {
            author: AuthorKind::Agency,
            officer_id: Some(officer_id),
            text: Some(text),
            media: None,
            at: self.desk.now(),
        };
        tx.add_message(&ticket.number, &message).await?;
        tx.commit().await?;
        Ok(ActionOutcome::Done)
    }

    async fn create_invite(&self, _: i64, _: &AgencyCode, _: Role, _: u32) -> Result<String, ActionError> {
        Err("not in this test".into())
    }
}

fn chromedriver() -> Option<PathBuf> {
    if let Ok(path) = std::env::var("CHROMEDRIVER") {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|dir| dir.join("chromedriver")).find(|p| p.is_file())
}

fn artifacts() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"));
    let dir = target.join("browser-artifacts");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

#[tokio::test]
async fn an_officer_signs_in_with_a_login_link_and_answers_a_ticket_in_chromium() {
    let Some(driver_path) = chromedriver() else {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("chromedriver is missing (apt-get install -y chromium chromium-driver)");
        }
        eprintln!("browser_console: skipped, chromedriver not found (apt-get install -y chromium chromium-driver)");
        return;
    };

    // The console over a fresh store, on a loopback port.
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("browser.db").display());
    let store: Arc<dyn Store> = Arc::new(SqliteStore::connect(&url, 4).await.unwrap());
    store.migrate().await.unwrap();
    let shipped: Shipped = toml::from_str(include_str!("../../config/default.toml")).unwrap();
    let agencies = Arc::new(AgencyDirectory::new(&shipped.agencies, shipped.sla).unwrap());
    store.sync_agencies(&agencies).await.unwrap();
    let calendar: CalendarSettings = toml::from_str(include_str!("../../config/calendar.toml")).unwrap();
    let desk = Desk::new(
        store.clone(),
        agencies,
        Arc::new(BusinessCalendar::new(&calendar).unwrap()),
        Arc::new(SystemClock),
        chrono::Duration::days(30),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let state = ConsoleState::new(desk.clone(), Arc::new(Answering { desk: desk.clone() }), &base, 12);
    tokio::spawn(async move { axum::serve(listener, admin::console::router(state)).await });

    // An officer of health and a citizen's complaint in its queue.
    let now = desk.now();
    let health = AgencyCode::from(Agency::Health);
    let mut tx = store.begin().await.unwrap();
    let invite = NewInvite {
        token_hash: "h",
        agency: &health,
        role: Role::Officer,
        created_at: now,
        expires_at: now + chrono::Duration::days(1),
    };
    tx.create_invite(&invite).await.unwrap();
    let Redemption::Bound(officer) = tx.redeem_invite("h", 9001, ChatLang::Ru, now).await.unwrap() else {
        panic!("not bound")
    };
    tx.commit().await.unwrap();
    let routing = Routing { kind: Kind::Complaint, agency: health.clone(), implicated: None, lang: Lang::Ru };
    let first = NewMessage {
        author: AuthorKind::Citizen,
        officer_id: None,
        text: Some("В поликлинике нет врача".into()),
        media: None,
        at: now,
    };
    let ticket = desk.open(&NewTicket::new(routing, None, true).unwrap().with_first_message(first)).await.unwrap();
    let mut tx = store.begin().await.unwrap();
    let link = admin::console::create_login_link(tx.as_mut(), officer.officer.id, now, 15, &base).await.unwrap();
    tx.commit().await.unwrap();

    // chromedriver and a headless chromium.
    let port = free_port();
    let _driver = Driver(
        Command::new(&driver_path)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(started.elapsed() < Duration::from_secs(20), "chromedriver did not start");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let mut options = serde_json::json!({
        "args": ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1200,1000"]
    });
    if let Ok(binary) = std::env::var("CHROMIUM") {
        options["binary"] = serde_json::Value::String(binary);
    } else if Path::new("/usr/bin/chromium").is_file() {
        options["binary"] = serde_json::Value::String("/usr/bin/chromium".into());
    }
    let mut capabilities = serde_json::Map::new();
    capabilities.insert("goog:chromeOptions".into(), options);
    let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(capabilities)
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
        .expect("a chromium session");

    let result = async {
        // The login page moves on to the queue by itself.
        client.goto(&link).await?;
        let started = Instant::now();
        while !client.current_url().await?.path().ends_with("/console/") {
            assert!(started.elapsed() < Duration::from_secs(10), "not taken to the queue");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let number = ticket.number.to_string();
        client.find(Locator::LinkText(&number)).await?.click().await?;
        let source = client.source().await?;
        assert!(source.contains("В поликлинике нет врача"), "the thread is shown");
        client.find(Locator::Css("textarea[name=text]")).await?.send_keys("Врач будет с понедельника.").await?;
        // The officer speaks Russian: the console's buttons and notices come from its Russian catalog.
        let send = message(Catalog::Console, PageLang::Ru, "act-send", &[]);
        client.find(Locator::XPath(&format!("//button[text()='{send}']"))).await?.click().await?;
        let done = message(Catalog::Console, PageLang::Ru, "notice-done", &[]);
        let started = Instant::now();
        while !client.source().await?.contains(&done) {
            assert!(started.elapsed() < Duration::from_secs(10), "no confirmation on the page");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let png = client.screenshot().await?;
        std::fs::write(artifacts().join("console_answer.png"), png).unwrap();
        Ok::<(), fantoccini::error::CmdError>(())
    }
    .await;
    let _ = client.close().await;
    result.unwrap();

    let answered = store.ticket(&ticket.number).await.unwrap().unwrap();
    assert_eq!(answered.status, TicketStatus::Answered);
    let thread = store.thread(&ticket.number).await.unwrap();
    assert!(
        thread
            .iter()
            .any(|m| m.author == AuthorKind::Agency && m.text.as_deref() == Some("Врач будет с понедельника."))
    );
}
