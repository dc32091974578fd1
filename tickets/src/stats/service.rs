//! [`Statistics`]: the one entry point the HTTP layer, the bot and the command line use. It
//! brings the facts up to date, asks the store for the sums and publishes them suppressed.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::{DateTime, Datelike, NaiveTime, Utc};

use super::calendar_mark::fingerprint;
use super::cell::Suppression;
use super::definitions::TicketSource;
use super::definitions::month_of;
use super::open_data::OpenDataRow;
use super::table::{StatsFilter, StatsQuery, StatsTable, publish};
use crate::calendar::BusinessCalendar;
use crate::store::{RequestFilter, Store, StoreError};

/// How many changed tickets one refresh transaction recomputes: small enough that SQLite's
/// single writer is never held for long.
const REFRESH_BATCH: i64 = 5_000;

/// Published statistics over a store.
#[derive(Clone)]
pub struct Statistics {
    store: Arc<dyn Store>,
    calendar: Arc<BusinessCalendar>,
    rule: Suppression,
    /// The calendar's fingerprint, and whether the store has adopted it (once per instance: the
    /// calendar is fixed for a process's life).
    calendar_mark: Arc<(String, AtomicBool)>,
}

impl Statistics {
    /// Statistics over `store`, durations counted by `calendar`, small cells hidden by `rule`.
    pub fn new(store: Arc<dyn Store>, calendar: Arc<BusinessCalendar>, rule: Suppression) -> Self {
        let mark = fingerprint(&calendar);
        Self { store, calendar, rule, calendar_mark: Arc::new((mark, AtomicBool::new(false))) }
    }

    /// The suppression rule in force.
    pub fn suppression(&self) -> Suppression {
        self.rule
    }

    /// Recomputes the facts of every ticket changed since the last refresh, and of every ticket
    /// when the facts were computed under another business calendar; returns how many.
    /// Batches stop once one comes back short, so constant writing cannot keep a caller here.
    pub async fn refresh(&self) -> Result<usize, StoreError> {
        let mut total = 0;
        let (mark, adopted) = &*self.calendar_mark;
        if !adopted.load(Ordering::Acquire) {
            self.store.adopt_calendar(mark).await?;
            adopted.store(true, Ordering::Release);
        }
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
        let tallies = match self.whole_months(&query.filter) {
            Some(months) => self.store.rollup_tallies(query.dimension, months, &query.filter, now).await?,
            None => self.store.tallies(query.dimension, &query.filter, now).await?,
        };
        Ok(publish(query.dimension, tallies, self.rule))
    }

    /// The month bounds of `filter` when the rollups can answer it: whole local months and no
    /// agency, region or kind (the rollups are per single dimension). Otherwise the facts are
    /// scanned: same figures, slower.
    fn whole_months(&self, filter: &StatsFilter) -> Option<(Option<String>, Option<String>)> {
        if filter.agency.is_some() || filter.region.is_some() || filter.kind.is_some() {
            return None;
        }
        let tz = self.calendar.timezone();
        let month = |at: Option<DateTime<Utc>>| match at {
            None => Some(None),
            Some(at) => {
                let local = at.with_timezone(&tz);
                let starts_month = local.day() == 1 && local.time() == NaiveTime::MIN;
                starts_month.then(|| Some(month_of(tz, at)))
            }
        };
        Some((month(filter.from)?, month(filter.to)?))
    }

    /// The tickets an Open311 client asks for (never corruption reports), newest first.
    pub async fn requests(&self, filter: &RequestFilter) -> Result<Vec<TicketSource>, StoreError> {
        self.store.public_requests(filter).await
    }

    /// The timezone of local dates in published rows.
    pub fn timezone(&self) -> chrono_tz::Tz {
        self.calendar.timezone()
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
