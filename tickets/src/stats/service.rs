//! [`Statistics`]: the one entry point the HTTP layer, the bot and the command line use. It
//! brings the facts up to date, asks the store for the sums and publishes them suppressed.

use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::cell::Suppression;
use super::open_data::OpenDataRow;
use super::table::{StatsQuery, StatsTable, publish};
use crate::calendar::BusinessCalendar;
use crate::store::{Store, StoreError};

/// How many changed tickets one refresh transaction recomputes: small enough that SQLite's
/// single writer is never held for long.
const REFRESH_BATCH: i64 = 5_000;

/// Published statistics over a store.
#[derive(Clone)]
pub struct Statistics {
    store: Arc<dyn Store>,
    calendar: Arc<BusinessCalendar>,
    rule: Suppression,
}

impl Statistics {
    /// Statistics over `store`, durations counted by `calendar`, small cells hidden by `rule`.
    pub fn new(store: Arc<dyn Store>, calendar: Arc<BusinessCalendar>, rule: Suppression) -> Self {
        Self { store, calendar, rule }
    }

    /// The suppression rule in force.
    pub fn suppression(&self) -> Suppression {
        self.rule
    }

    /// Recomputes the facts of every ticket changed since the last refresh; returns how many.
    /// Batches stop once one comes back short, so constant writing cannot keep a caller here.
    pub async fn refresh(&self) -> Result<usize, StoreError> {
        let mut total = 0;
        if !self.store.facts_stale().await? {
            return Ok(0);
        }
        loop {
            let done = self.store.refresh_facts(&self.calendar, REFRESH_BATCH).await?;
            total += done;
            if (done as i64) < REFRESH_BATCH {
                return Ok(total);
            }
        }
    }

    /// The table `query` asks for, current as of `now`.
    pub async fn table(&self, query: &StatsQuery, now: DateTime<Utc>) -> Result<StatsTable, StoreError> {
        self.refresh().await?;
        let tallies = self.store.tallies(query.dimension, &query.filter, now).await?;
        Ok(publish(query.dimension, tallies, self.rule))
    }

    /// One page of the open-data file: up to `limit` rows after ticket id `after_id`, and the id
    /// to continue after (`None` at the end).
    pub async fn open_data_page(
        &self,
        after_id: i64,
        limit: i64,
        include_synthetic: bool,
    ) -> Result<(Vec<OpenDataRow>, Option<i64>), StoreError> {
        let sources = self.store.ticket_sources(after_id, limit, include_synthetic).await?;
        let next = if (sources.len() as i64) < limit { None } else { sources.last().map(|s| s.id) };
        let tz = self.calendar.timezone();
        Ok((sources.iter().map(|s| OpenDataRow::of(s, tz)).collect(), next))
    }
}
