//! What Kairyluu's SQLite file says after a run: every ticket the citizens were told about is
//! there, no update is left in the inbox, and when each turn was committed.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::time::Duration;

use chrono::{DateTime, Utc};
use sqlx::sqlite::{SqliteConnectOptions, SqlitePool, SqlitePoolOptions};

use crate::citizen::Citizen;

/// Tickets and inbox after a run.
#[derive(Debug, Clone, Copy)]
pub struct Check {
    /// Conversations that should have ended with a ticket.
    pub expected: usize,
    /// Ticket numbers the bot sent to citizens.
    pub told: usize,
    /// Tickets in the database.
    pub in_database: usize,
    /// Numbers told to a citizen but not in the database.
    pub missing: usize,
    /// Inbox rows not handled.
    pub unhandled: i64,
}

impl Check {
    /// Every conversation got its ticket, each is stored, and nothing was left behind.
    pub fn all_committed(&self) -> bool {
        self.told == self.expected && self.in_database == self.expected && self.missing == 0 && self.unhandled == 0
    }
}

async fn open(path: &Path) -> Result<SqlitePool, String> {
    let options = SqliteConnectOptions::new().filename(path);
    SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await
        .map_err(|e| format!("{}: {e}", path.display()))
}

pub async fn check(path: &Path, told: &[String], expected: usize) -> Result<Check, String> {
    let pool = open(path).await?;
    let numbers: Vec<String> =
        sqlx::query_scalar("SELECT number FROM tickets").fetch_all(&pool).await.map_err(|e| e.to_string())?;
    let stored: HashSet<&str> = numbers.iter().map(String::as_str).collect();
    let unhandled: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM inbox WHERE handled_at IS NULL")
        .fetch_one(&pool)
        .await
        .map_err(|e| e.to_string())?;
    pool.close().await;
    Ok(Check {
        expected,
        told: told.len(),
        in_database: numbers.len(),
        missing: told.iter().filter(|number| !stored.contains(number.as_str())).count(),
        unhandled,
    })
}

/// For each update the `citizens` sent: from when it was queued (wall clock) to the `handled_at`
/// stamped in the transaction that committed its turn. The inbox rows of a chat are its updates
/// in order; a chat whose row count differs from what its citizen sent is left out.
pub async fn commit_latencies(path: &Path, citizens: &[Citizen]) -> Result<Vec<Duration>, String> {
    let pool = open(path).await?;
    let rows: Vec<(Option<i64>, Option<DateTime<Utc>>)> =
        sqlx::query_as("SELECT chat_id, handled_at FROM inbox ORDER BY chat_id, update_id")
            .fetch_all(&pool)
            .await
            .map_err(|e| e.to_string())?;
    pool.close().await;
    let mut by_chat: HashMap<i64, Vec<Option<DateTime<Utc>>>> = HashMap::new();
    for (chat, handled_at) in rows {
        if let Some(chat) = chat {
            by_chat.entry(chat).or_default().push(handled_at);
        }
    }
    let mut latencies = Vec::new();
    for citizen in citizens {
        let Some(handled) = by_chat.get(&citizen.chat_id()) else { continue };
        if handled.len() != citizen.sent.len() {
            continue;
        }
        for (handled_at, (_, sent_wall)) in handled.iter().zip(&citizen.sent) {
            if let Some(handled_at) = handled_at {
                let sent: DateTime<Utc> = (*sent_wall).into();
                latencies.push((*handled_at - sent).to_std().unwrap_or_default());
            }
        }
    }
    Ok(latencies)
}
