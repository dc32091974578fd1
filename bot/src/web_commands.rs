//! `/web` and `/stats` in a private chat. `/web` sends an active officer (or administrator) a
//! one-time login link to the web console; anyone else is told it is for officers. `/stats`
//! gives anyone a short summary of this year's appeals, small figures hidden as "<5", with a
//! link to the public page.
//!
//! The summary is computed before the update's transaction ([`prepare`]): bringing the
//! statistics up to date writes, and on SQLite a second writer would wait for the update's own.

use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Utc};
use dialogs::UiLang;
use dialogs::console::StatsSummary;
use teloxide::types::{Update, UpdateKind};
use tickets::desk::Desk;
use tickets::domain::Actor;
use tickets::stats::{Cell, Dimension, Statistics, StatsFilter, StatsQuery};
use tickets::store::Tx;

use crate::conversation::ui_lang;
use crate::telegram::handler::{queue, send};

/// What `/web` and `/stats` need from the configuration.
#[derive(Clone)]
pub struct WebCommands {
    /// Where people reach the web side (`http.public_url`).
    pub public_url: String,
    pub login_link_minutes: u32,
    pub statistics: Statistics,
}

/// A command of this file, read from an update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Command {
    Web,
    Stats,
}

/// The command, chat, user and Telegram language of a private `/web` or `/stats`.
fn read(update: &Update) -> Option<(Command, i64, i64, Option<String>)> {
    let UpdateKind::Message(message) = &update.kind else { return None };
    if !message.chat.is_private() {
        return None;
    }
    let user = message.from.as_ref()?;
    let word = message.text()?.split_whitespace().next()?;
    let command = match word.split('@').next()? {
        "/web" => Command::Web,
        "/stats" => Command::Stats,
        _ => return None,
    };
    let user_id = i64::try_from(user.id.0).ok()?;
    Some((command, message.chat.id.0, user_id, user.language_code.clone()))
}

/// The `/stats` summary of `update` when it is one, computed outside any transaction.
pub async fn prepare(web: &WebCommands, desk: &Desk, update: &Update) -> anyhow::Result<Option<StatsSummary>> {
    if !matches!(read(update), Some((Command::Stats, ..))) {
        return Ok(None);
    }
    let now = desk.now();
    let query = StatsQuery {
        dimension: Dimension::Agency,
        filter: StatsFilter { from: Some(year_start(desk, now)), ..StatsFilter::default() },
    };
    let table = web.statistics.table(&query, now).await?;
    let total = &table.total;
    Ok(Some(StatsSummary {
        received: count(&total.received),
        answered: count(&total.answered),
        on_time: match &total.on_time_share {
            Cell::Value(share) => format!("{:.0} %", share * 100.0),
            Cell::Suppressed { below } => format!("<{below}"),
            Cell::Empty => "–".to_owned(),
        },
        overdue: count(&total.overdue_now),
        url: format!("{}/", web.public_url.trim_end_matches('/')),
    }))
}

/// 1 January of `now`'s year, at midnight in the calendar's timezone.
fn year_start(desk: &Desk, now: DateTime<Utc>) -> DateTime<Utc> {
    let tz = desk.calendar().timezone();
    let year = now.with_timezone(&tz).year();
    NaiveDate::from_ymd_opt(year, 1, 1)
        .and_then(|day| day.and_hms_opt(0, 0, 0))
        .and_then(|midnight| tz.from_local_datetime(&midnight).earliest())
        .map_or(now, |start| start.with_timezone(&Utc))
}

fn count(cell: &Cell<i64>) -> String {
    match cell {
        Cell::Value(n) => n.to_string(),
        Cell::Suppressed { below } => format!("<{below}"),
        Cell::Empty => "–".to_owned(),
    }
}

/// Handles `update` inside `tx` when it is `/web` or `/stats` (`summary` from [`prepare`]);
/// `false` leaves it to the rest of the tree.
pub async fn route(
    web: &WebCommands,
    desk: &Desk,
    tx: &mut dyn Tx,
    update: &Update,
    summary: Option<&StatsSummary>,
) -> anyhow::Result<bool> {
    let Some((command, chat_id, user_id, language_code)) = read(update) else { return Ok(false) };
    let officer = tx.officer_by_user(user_id).await?;
    let lang = match (&officer, tx.citizen_by_chat(chat_id).await?) {
        (Some(officer), _) => ui_lang(officer.lang),
        (None, Some(citizen)) => ui_lang(citizen.lang),
        (None, None) if language_code.as_deref().is_some_and(|c| c.starts_with("ky")) => UiLang::Ky,
        (None, None) => UiLang::Ru,
    };
    let officer_known = officer.is_some();
    match command {
        Command::Stats => {
            let Some(summary) = summary else { return Ok(false) };
            queue(tx, send(chat_id, dialogs::console::stats(lang, summary))).await?;
        }
        Command::Web => match officer.filter(|o| o.officer.active) {
            Some(officer) => {
                let link = admin::console::create_login_link(
                    tx,
                    officer.officer.id,
                    desk.now(),
                    web.login_link_minutes,
                    &web.public_url,
                )
                .await?;
                tracing::info!(officer = officer.officer.id, "console login link sent");
                queue(tx, send(chat_id, dialogs::console::web_link(lang, &link, web.login_link_minutes))).await?;
            }
            None => {
                let reason = if officer_known { "reason=disabled" } else { "reason=not_officer" };
                tx.audit(None, Actor::SYSTEM, "console_link_refused", Some(reason), desk.now()).await?;
                queue(tx, send(chat_id, dialogs::console::web_refused(lang))).await?;
            }
        },
    }
    Ok(true)
}

impl WebCommands {
    /// `/web` and `/stats` as configured for `app`.
    pub fn of(app: &crate::app::App) -> Self {
        let settings = &app.loaded.settings;
        let rule = tickets::stats::Suppression::new(settings.statistics.min_cell);
        Self {
            public_url: settings.http.public_url.clone(),
            login_link_minutes: settings.console.login_link_minutes,
            statistics: Statistics::new(app.store.clone(), app.loaded.calendar.clone(), rule),
        }
    }
}
