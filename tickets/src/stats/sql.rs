//! Where statistics meet the database: [`StatsStore`], implemented once for both dialects (the
//! SQL is the same; `$N` placeholders and `COUNT(*) FILTER` work in SQLite and PostgreSQL).
//!
//! Figures are read from `ticket_facts`, a narrow row per ticket that [`StatsStore::refresh_facts`]
//! keeps current: triggers mark every ticket that is opened, changed or rated in `stats_dirty`,
//! and a refresh recomputes the marked tickets' facts in Rust ([`TicketFacts::of`]), so that
//! working days are counted by the business calendar and every definition stays in one place.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::definitions::{Elapsed, Outcome, TicketFacts, TicketSource};
use super::rollup::{ALL_MONTHS, COUNTER_COLUMNS, UNKNOWN};
use super::table::{Bucket, Dimension, Metric, StatsFilter, Tally};
use crate::calendar::BusinessCalendar;
use crate::store::StoreError;
use crate::store::rows::{parse, parse_opt};

/// What statistics need from a store. Every [`Store`](crate::store::Store) is one.
#[async_trait]
pub trait StatsStore: Send + Sync {
    /// Whether some ticket changed since its facts were last computed.
    async fn facts_stale(&self) -> Result<bool, StoreError>;

    /// Records `fingerprint` as the calendar of the facts. When the stored one differs (or none
    /// is stored yet), every ticket is marked for recomputation in the same transaction; returns
    /// whether it was.
    async fn adopt_calendar(&self, fingerprint: &str) -> Result<bool, StoreError>;

    /// Recomputes the facts of up to `limit` changed tickets, in one transaction; returns how many.
    async fn refresh_facts(&self, calendar: &BusinessCalendar, limit: i64) -> Result<usize, StoreError>;

    /// Writes facts as given, replacing those of the same tickets. Refreshes use it; so does
    /// `kairyluu bench`, to load a million facts without opening a million tickets.
    async fn store_facts(&self, facts: &[TicketFacts]) -> Result<(), StoreError>;

    /// Raw sums per bucket of `dimension` over the tickets that `filter` selects, overdue counted
    /// at `now`. Publish them with [`publish`](super::publish).
    async fn tallies(
        &self,
        dimension: Dimension,
        filter: &StatsFilter,
        now: DateTime<Utc>,
    ) -> Result<Vec<(Bucket, Tally)>, StoreError>;

    /// The same sums as [`tallies`](Self::tallies) from the rollups, for a filter that selects
    /// whole months only (`from_month` inclusive, `to_month` exclusive, `YYYY-MM`) and no agency,
    /// region or kind: a few thousand rows read instead of every ticket.
    async fn rollup_tallies(
        &self,
        dimension: Dimension,
        months: (Option<String>, Option<String>),
        filter: &StatsFilter,
        now: DateTime<Utc>,
    ) -> Result<Vec<(Bucket, Tally)>, StoreError>;

    /// Up to `limit` tickets with an id above `after_id`, in id order, for the open-data file.
    async fn ticket_sources(
        &self,
        after_id: i64,
        limit: i64,
        include_synthetic: bool,
    ) -> Result<Vec<TicketSource>, StoreError>;

    /// The query plans of the rollup sums and of the open tickets not yet due, for `kairyluu bench` to show
    /// which index or scan the database uses.
    async fn explain_tallies(&self, dimension: Dimension, filter: &StatsFilter) -> Result<Vec<String>, StoreError>;
}

/// A SQL parameter of the filter.
#[derive(Debug, Clone)]
pub(crate) enum Param {
    Int(i64),
    Text(String),
}

/// The `WHERE` clause of `filter` over `ticket_facts`, with its parameters numbered from
/// `first`.
pub(crate) fn where_clause(dimension: Dimension, filter: &StatsFilter, first: usize) -> (String, Vec<Param>) {
    let mut conditions = Vec::new();
    let mut params = Vec::new();
    let mut push = |condition: &str, param: Param| {
        params.push(param);
        conditions.push(condition.replace('?', &format!("${}", first + params.len() - 1)));
    };
    if let Some(from) = filter.from {
        push("created_at >= ?", Param::Int(from.timestamp()));
    }
    if let Some(to) = filter.to {
        push("created_at < ?", Param::Int(to.timestamp()));
    }
    if let Some(agency) = &filter.agency {
        push("agency = ?", Param::Text(agency.to_string()));
    }
    if let Some(region) = &filter.region {
        push("region = ?", Param::Text(region.clone()));
    }
    if let Some(kind) = filter.kind {
        push("kind = ?", Param::Text(kind.code().to_owned()));
    }
    if !filter.include_synthetic {
        conditions.push("synthetic = 0".to_owned());
    }
    if dimension == Dimension::Implicated {
        conditions.push("implicated IS NOT NULL".to_owned());
    }
    let clause = if conditions.is_empty() { "TRUE".to_owned() } else { conditions.join(" AND ") };
    (clause, params)
}

/// The sums of one row; `$1` is now, in Unix seconds.
pub(crate) fn tally_sql(dimension: Dimension, where_clause: &str) -> String {
    let d = dimension.column();
    format!(
        "SELECT {d} AS bucket,
                COUNT(*) AS received,
                COUNT(*) FILTER (WHERE outcome IN ('answered', 'closed')) AS answered,
                COUNT(*) FILTER (WHERE outcome = 'closed') AS closed,
                COUNT(*) FILTER (WHERE outcome = 'open') AS open,
                COUNT(*) FILTER (WHERE outcome = 'open' AND resolution_due < $1) AS overdue,
                COUNT(*) FILTER (WHERE on_time = 1) AS on_time,
                COUNT(*) FILTER (WHERE reopened = 1) AS reopened,
                COUNT(*) FILTER (WHERE outcome IN ('answered', 'closed') OR reopened = 1) AS ever_answered,
                COUNT(rating) AS rated,
                CAST(COALESCE(SUM(rating), 0) AS BIGINT) AS rating_sum,
                CAST(COALESCE(SUM(redirects), 0) AS BIGINT) AS redirects,
                COUNT(*) FILTER (WHERE redirects > 0) AS redirected,
                COUNT(*) FILTER (WHERE redirects > 1) AS runarounds,
                CAST(COALESCE(SUM(brushoffs), 0) AS BIGINT) AS brushoffs,
                COUNT(*) FILTER (WHERE brushoffs > 0) AS brushed_off
         FROM ticket_facts WHERE {where_clause} GROUP BY {d}"
    )
}

/// The four duration histograms of each row, as (metric, bucket, value, count).
pub(crate) fn histogram_sql(dimension: Dimension, where_clause: &str) -> String {
    let d = dimension.column();
    Metric::ALL
        .iter()
        .map(|metric| {
            let m = metric.column();
            format!(
                "SELECT CAST({index} AS BIGINT) AS metric, {d} AS bucket, CAST({m} AS BIGINT) AS value, COUNT(*) AS n
                 FROM ticket_facts WHERE {where_clause} AND {m} IS NOT NULL GROUP BY {d}, {m}",
                index = metric.index()
            )
        })
        .collect::<Vec<_>>()
        .join(" UNION ALL ")
}

/// The rollup counters per bucket; `$1` is the dimension, then the month bounds.
pub(crate) fn rollup_counts_sql(where_clause: &str) -> String {
    let sums: Vec<String> = COUNTER_COLUMNS.iter().map(|c| format!("CAST(SUM({c}) AS BIGINT) AS {c}")).collect();
    format!(
        "SELECT bucket, {} FROM stats_counts WHERE dim = $1 AND {where_clause}
         GROUP BY bucket HAVING SUM(received) > 0",
        sums.join(", ")
    )
}

/// The rollup duration histograms per bucket.
pub(crate) fn rollup_durations_sql(where_clause: &str) -> String {
    format!(
        "SELECT CAST(metric AS BIGINT), bucket, CAST(value AS BIGINT), CAST(SUM(n) AS BIGINT) FROM stats_durations
         WHERE dim = $1 AND {where_clause} GROUP BY metric, bucket, value HAVING SUM(n) <> 0"
    )
}

/// Open tickets still within their deadline per bucket (`$1` is now). Overdue is the rollups'
/// open count less these: the partial index on open tickets' deadlines reads only tickets
/// received within about one deadline of now, however long the history.
pub(crate) fn not_yet_due_sql(dimension: Dimension, where_clause: &str) -> String {
    let d = dimension.column();
    format!(
        "SELECT {d} AS bucket, COUNT(*) AS n FROM ticket_facts
         WHERE outcome = 'open' AND resolution_due >= $1 AND {where_clause} GROUP BY {d}"
    )
}

/// The `WHERE` clause over the rollups: synthetic or not, and the month bounds from `$2`.
/// Without bounds it reads the running totals over all months ([`ALL_MONTHS`]); with any bound,
/// the month rows only. Both `synthetic` values are named, not left open, so that both
/// databases read two exact ranges of the primary key.
pub(crate) fn rollup_where(months: &(Option<String>, Option<String>), include_synthetic: bool) -> (String, Vec<Param>) {
    let mut conditions = Vec::new();
    let mut params = Vec::new();
    conditions.push(if include_synthetic { "synthetic IN (0, 1)" } else { "synthetic = 0" }.to_owned());
    if months.0.is_none() && months.1.is_none() {
        params.push(Param::Text(ALL_MONTHS.to_owned()));
        conditions.push(format!("month = ${}", params.len() + 1));
        return (conditions.join(" AND "), params);
    }
    params.push(Param::Text(ALL_MONTHS.to_owned()));
    conditions.push(format!("month <> ${}", params.len() + 1));
    if let Some(from) = &months.0 {
        params.push(Param::Text(from.clone()));
        conditions.push(format!("month >= ${}", params.len() + 1));
    }
    if let Some(to) = &months.1 {
        params.push(Param::Text(to.clone()));
        conditions.push(format!("month < ${}", params.len() + 1));
    }
    (conditions.join(" AND "), params)
}

/// Joins rollup counters, histograms and the open tickets not yet due into tallies.
pub(crate) fn assemble_rollup(
    counts: Vec<RollupRow>,
    histograms: Vec<(i64, String, i64, i64)>,
    not_yet_due: Vec<(Option<String>, i64)>,
) -> Result<Vec<(Bucket, Tally)>, StoreError> {
    let stored = |bucket: String| if bucket == UNKNOWN { None } else { Some(bucket) };
    let tallies = counts
        .into_iter()
        .map(|row| {
            let bucket = stored(row.bucket.clone());
            row.into_tally_row(bucket)
        })
        .collect();
    let histograms = histograms.into_iter().map(|(m, bucket, v, n)| (m, stored(bucket), v, n)).collect();
    let mut rows = assemble(tallies, histograms)?;
    for (_, tally) in &mut rows {
        tally.overdue = tally.open;
    }
    for (bucket, n) in not_yet_due {
        let bucket = Bucket::from_stored(bucket);
        if let Some((_, tally)) = rows.iter_mut().find(|(b, _)| *b == bucket) {
            tally.overdue -= n;
        }
    }
    Ok(rows)
}

/// One row of [`rollup_counts_sql`].
#[derive(sqlx::FromRow)]
pub(crate) struct RollupRow {
    bucket: String,
    received: i64,
    answered: i64,
    closed: i64,
    open: i64,
    on_time: i64,
    reopened: i64,
    ever_answered: i64,
    rated: i64,
    rating_sum: i64,
    redirects: i64,
    redirected: i64,
    runarounds: i64,
    brushoffs: i64,
    brushed_off: i64,
}

impl RollupRow {
    fn into_tally_row(self, bucket: Option<String>) -> TallyRow {
        TallyRow {
            bucket,
            received: self.received,
            answered: self.answered,
            closed: self.closed,
            open: self.open,
            overdue: 0,
            on_time: self.on_time,
            reopened: self.reopened,
            ever_answered: self.ever_answered,
            rated: self.rated,
            rating_sum: self.rating_sum,
            redirects: self.redirects,
            redirected: self.redirected,
            runarounds: self.runarounds,
            brushoffs: self.brushoffs,
            brushed_off: self.brushed_off,
        }
    }
}

/// One stored facts row, read back so that a refresh can subtract what it replaces.
#[derive(sqlx::FromRow)]
pub(crate) struct FactsRow {
    ticket_id: i64,
    synthetic: i64,
    created_at: i64,
    month: String,
    agency: String,
    implicated: Option<String>,
    kind: String,
    lang: Option<String>,
    region: Option<String>,
    district: Option<String>,
    gender: Option<String>,
    age_band: Option<String>,
    disability: Option<String>,
    outcome: String,
    resolution_due: i64,
    first_response_hours: Option<i64>,
    first_response_wd10: Option<i64>,
    resolution_hours: Option<i64>,
    resolution_wd10: Option<i64>,
    on_time: Option<i64>,
    reopened: i64,
    rating: Option<i64>,
    redirects: i64,
    brushoffs: i64,
}

impl TryFrom<FactsRow> for TicketFacts {
    type Error = StoreError;

    fn try_from(row: FactsRow) -> Result<Self, Self::Error> {
        let elapsed = |hours: Option<i64>, working_tenths: Option<i64>| match (hours, working_tenths) {
            (Some(hours), Some(working_tenths)) => Some(Elapsed { hours, working_tenths }),
            _ => None,
        };
        let outcome = [Outcome::Open, Outcome::Answered, Outcome::Closed, Outcome::Withdrawn]
            .into_iter()
            .find(|o| o.code() == row.outcome)
            .ok_or_else(|| StoreError::Corrupt(format!("outcome `{}`", row.outcome)))?;
        Ok(TicketFacts {
            ticket_id: row.ticket_id,
            synthetic: row.synthetic != 0,
            created_at: row.created_at,
            month: row.month,
            agency: row.agency,
            implicated: row.implicated,
            kind: row.kind,
            lang: row.lang,
            region: row.region,
            district: row.district,
            gender: row.gender,
            age_band: row.age_band,
            disability: row.disability,
            outcome,
            resolution_due: row.resolution_due,
            first_response: elapsed(row.first_response_hours, row.first_response_wd10),
            resolution: elapsed(row.resolution_hours, row.resolution_wd10),
            on_time: row.on_time.map(|v| v != 0),
            reopened: row.reopened != 0,
            rating: row.rating.and_then(|r| u8::try_from(r).ok()),
            redirects: count(row.redirects, "redirects")?,
            brushoffs: count(row.brushoffs, "brush-offs")?,
        })
    }
}

/// The tickets whose facts a refresh recomputes, or whose open-data rows are served.
pub(crate) const SOURCE_SQL: &str = "SELECT t.id, t.number, t.kind, t.agency, t.implicated, t.lang, t.region, \
     t.district, t.status, t.synthetic, t.created_at, t.resolution_due, t.first_response_at, t.answered_at, \
     t.closed_at, t.redirect_count, t.brushoff_count, c.gender, c.age_band, c.disability, \
     (SELECT COUNT(*) FROM audit_log a WHERE a.ticket_id = t.id AND a.action = 'reopen') AS reopen_count, \
     (SELECT r.score FROM ratings r WHERE r.ticket_id = t.id ORDER BY r.id DESC LIMIT 1) AS rating \
     FROM tickets t LEFT JOIN citizens c ON c.id = t.citizen_id";

/// The `ticket_facts` columns, in the order [`bind_facts`] pushes them.
pub(crate) const FACTS_COLUMNS: &str = "ticket_id, synthetic, created_at, month, agency, implicated, kind, lang, \
     region, district, gender, age_band, disability, outcome, resolution_due, first_response_hours, \
     first_response_wd10, resolution_hours, resolution_wd10, on_time, reopened, rating, redirects, brushoffs";

/// Replaces every column but the key on conflict.
pub(crate) const FACTS_UPSERT: &str = " ON CONFLICT (ticket_id) DO UPDATE SET synthetic = excluded.synthetic, \
     created_at = excluded.created_at, month = excluded.month, agency = excluded.agency, \
     implicated = excluded.implicated, kind = excluded.kind, lang = excluded.lang, region = excluded.region, \
     district = excluded.district, gender = excluded.gender, age_band = excluded.age_band, \
     disability = excluded.disability, outcome = excluded.outcome, resolution_due = excluded.resolution_due, \
     first_response_hours = excluded.first_response_hours, first_response_wd10 = excluded.first_response_wd10, \
     resolution_hours = excluded.resolution_hours, resolution_wd10 = excluded.resolution_wd10, \
     on_time = excluded.on_time, reopened = excluded.reopened, rating = excluded.rating, \
     redirects = excluded.redirects, brushoffs = excluded.brushoffs";

/// The row of a refresh batch, decoded the same way on both databases.
#[derive(sqlx::FromRow)]
pub(crate) struct SourceRow {
    id: i64,
    number: String,
    kind: String,
    agency: String,
    implicated: Option<String>,
    lang: String,
    region: Option<String>,
    district: Option<String>,
    status: String,
    synthetic: bool,
    created_at: DateTime<Utc>,
    resolution_due: DateTime<Utc>,
    first_response_at: Option<DateTime<Utc>>,
    answered_at: Option<DateTime<Utc>>,
    closed_at: Option<DateTime<Utc>>,
    redirect_count: i32,
    brushoff_count: i32,
    gender: Option<String>,
    age_band: Option<String>,
    disability: Option<String>,
    reopen_count: i64,
    rating: Option<i32>,
}

fn count(value: i64, what: &str) -> Result<u32, StoreError> {
    u32::try_from(value).map_err(|_| StoreError::Corrupt(format!("{what} {value}")))
}

impl TryFrom<SourceRow> for TicketSource {
    type Error = StoreError;

    fn try_from(row: SourceRow) -> Result<Self, Self::Error> {
        let rating = row
            .rating
            .map(|r| u8::try_from(r).ok().filter(|r| (1..=5).contains(r)).ok_or(r))
            .transpose()
            .map_err(|r| StoreError::Corrupt(format!("rating {r}")))?;
        Ok(TicketSource {
            id: row.id,
            number: parse(&row.number, "ticket number")?,
            kind: parse(&row.kind, "kind")?,
            agency: parse(&row.agency, "agency")?,
            implicated: parse_opt(row.implicated.as_deref(), "implicated agency")?,
            lang: parse(&row.lang, "lang")?,
            region: row.region,
            district: row.district,
            status: parse(&row.status, "status")?,
            synthetic: row.synthetic,
            created_at: row.created_at,
            resolution_due: row.resolution_due,
            first_response_at: row.first_response_at,
            answered_at: row.answered_at,
            closed_at: row.closed_at,
            redirect_count: count(i64::from(row.redirect_count), "redirect count")?,
            brushoff_count: count(i64::from(row.brushoff_count), "brush-off count")?,
            reopen_count: count(row.reopen_count, "reopen count")?,
            rating,
            gender: parse_opt(row.gender.as_deref(), "gender")?,
            age_band: parse_opt(row.age_band.as_deref(), "age band")?,
            disability: parse_opt(row.disability.as_deref(), "disability")?,
        })
    }
}

/// One row of [`tally_sql`].
#[derive(sqlx::FromRow)]
pub(crate) struct TallyRow {
    bucket: Option<String>,
    received: i64,
    answered: i64,
    closed: i64,
    open: i64,
    overdue: i64,
    on_time: i64,
    reopened: i64,
    ever_answered: i64,
    rated: i64,
    rating_sum: i64,
    redirects: i64,
    redirected: i64,
    runarounds: i64,
    brushoffs: i64,
    brushed_off: i64,
}

impl TallyRow {
    pub(crate) fn into_tally(self) -> (Option<String>, Tally) {
        let tally = Tally {
            received: self.received,
            answered: self.answered,
            closed: self.closed,
            open: self.open,
            overdue: self.overdue,
            on_time: self.on_time,
            reopened: self.reopened,
            ever_answered: self.ever_answered,
            rated: self.rated,
            rating_sum: self.rating_sum,
            redirects: self.redirects,
            redirected: self.redirected,
            runarounds: self.runarounds,
            brushoffs: self.brushoffs,
            brushed_off: self.brushed_off,
            durations: Default::default(),
        };
        (self.bucket, tally)
    }
}

/// Joins the histogram rows `(metric, bucket, value, count)` to their tallies.
pub(crate) fn assemble(
    tallies: Vec<TallyRow>,
    histograms: Vec<(i64, Option<String>, i64, i64)>,
) -> Result<Vec<(Bucket, Tally)>, StoreError> {
    let mut rows: std::collections::HashMap<Option<String>, Tally> =
        tallies.into_iter().map(TallyRow::into_tally).collect();
    for (metric, bucket, value, n) in histograms {
        let metric = usize::try_from(metric)
            .ok()
            .filter(|m| *m < Metric::ALL.len())
            .ok_or_else(|| StoreError::Corrupt(format!("histogram metric {metric}")))?;
        let tally = rows.entry(bucket).or_default();
        *tally.durations[metric].entry(value).or_default() += n;
    }
    Ok(rows.into_iter().map(|(bucket, tally)| (Bucket::from_stored(bucket), tally)).collect())
}

/// Computes the facts of `sources` (pure; the macro below stores them).
pub(crate) fn facts_of(sources: Vec<SourceRow>, calendar: &BusinessCalendar) -> Result<Vec<TicketFacts>, StoreError> {
    sources
        .into_iter()
        .map(|row| TicketSource::try_from(row).map(|source| TicketFacts::of(&source, calendar)))
        .collect()
}

/// Implements [`StatsStore`] for `$store` over database `$db`; `$store` must provide `pool`
/// and `begin_write()`.
macro_rules! impl_stats_store {
    ($store:ty, $db:ty, explain = $explain:literal) => {
        #[async_trait::async_trait]
        impl $crate::stats::StatsStore for $store {
            async fn facts_stale(&self) -> Result<bool, $crate::store::StoreError> {
                let stale: bool =
                    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM stats_dirty)").fetch_one(&self.pool).await?;
                Ok(stale)
            }

            async fn adopt_calendar(&self, fingerprint: &str) -> Result<bool, $crate::store::StoreError> {
                let mut tx = self.begin_write().await?;
                let stored: Option<String> = sqlx::query_scalar("SELECT value FROM stats_meta WHERE key = 'calendar'")
                    .fetch_optional(&mut *tx)
                    .await?;
                if stored.as_deref() == Some(fingerprint) {
                    return Ok(false);
                }
                // `WHERE TRUE` lets SQLite read the upsert clause after a SELECT.
                sqlx::query(
                    "INSERT INTO stats_dirty (ticket_id) SELECT id FROM tickets WHERE TRUE
                     ON CONFLICT (ticket_id) DO NOTHING",
                )
                .execute(&mut *tx)
                .await?;
                sqlx::query(
                    "INSERT INTO stats_meta (key, value) VALUES ('calendar', $1)
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                )
                .bind(fingerprint)
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                tracing::info!(
                    had_one = stored.is_some(),
                    "statistics facts marked for recomputation under the configured business calendar"
                );
                Ok(true)
            }

            #[tracing::instrument(skip(self, calendar))]
            async fn refresh_facts(
                &self,
                calendar: &$crate::calendar::BusinessCalendar,
                limit: i64,
            ) -> Result<usize, $crate::store::StoreError> {
                let mut tx = self.begin_write().await?;
                // Taking the marks first: a change committed after this point marks its ticket
                // again (see the migration), so no change is lost between read and write.
                let ids: Vec<i64> = sqlx::query_scalar(
                    "DELETE FROM stats_dirty WHERE ticket_id IN
                         (SELECT ticket_id FROM stats_dirty ORDER BY ticket_id LIMIT $1)
                     RETURNING ticket_id",
                )
                .bind(limit)
                .fetch_all(&mut *tx)
                .await?;
                if ids.is_empty() {
                    return Ok(0);
                }
                // The ids come from our own table and are integers: safe to splice.
                let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
                let sources: Vec<$crate::stats::sql::SourceRow> =
                    sqlx::query_as(&format!("{} WHERE t.id IN ({list})", $crate::stats::sql::SOURCE_SQL))
                        .fetch_all(&mut *tx)
                        .await?;
                let facts = $crate::stats::sql::facts_of(sources, calendar)?;
                insert_facts(&mut tx, &facts).await?;
                tx.commit().await?;
                Ok(ids.len())
            }

            async fn store_facts(&self, facts: &[$crate::stats::TicketFacts]) -> Result<(), $crate::store::StoreError> {
                let mut tx = self.begin_write().await?;
                insert_facts(&mut tx, facts).await?;
                tx.commit().await?;
                Ok(())
            }

            #[tracing::instrument(skip(self, filter))]
            async fn tallies(
                &self,
                dimension: $crate::stats::Dimension,
                filter: &$crate::stats::StatsFilter,
                now: chrono::DateTime<chrono::Utc>,
            ) -> Result<Vec<($crate::stats::Bucket, $crate::stats::Tally)>, $crate::store::StoreError> {
                let (clause, params) = $crate::stats::sql::where_clause(dimension, filter, 2);
                let sql = $crate::stats::sql::tally_sql(dimension, &clause);
                let mut query = sqlx::query_as::<_, $crate::stats::sql::TallyRow>(&sql).bind(now.timestamp());
                for param in &params {
                    query = match param {
                        $crate::stats::sql::Param::Int(v) => query.bind(*v),
                        $crate::stats::sql::Param::Text(v) => query.bind(v.clone()),
                    };
                }
                let tallies = query.fetch_all(&self.pool).await?;
                let (clause, params) = $crate::stats::sql::where_clause(dimension, filter, 1);
                let sql = $crate::stats::sql::histogram_sql(dimension, &clause);
                let mut query = sqlx::query_as::<_, (i64, Option<String>, i64, i64)>(&sql);
                for param in &params {
                    query = match param {
                        $crate::stats::sql::Param::Int(v) => query.bind(*v),
                        $crate::stats::sql::Param::Text(v) => query.bind(v.clone()),
                    };
                }
                let histograms = query.fetch_all(&self.pool).await?;
                $crate::stats::sql::assemble(tallies, histograms)
            }

            #[tracing::instrument(skip(self, filter))]
            async fn rollup_tallies(
                &self,
                dimension: $crate::stats::Dimension,
                months: (Option<String>, Option<String>),
                filter: &$crate::stats::StatsFilter,
                now: chrono::DateTime<chrono::Utc>,
            ) -> Result<Vec<($crate::stats::Bucket, $crate::stats::Tally)>, $crate::store::StoreError> {
                let (clause, params) = $crate::stats::sql::rollup_where(&months, filter.include_synthetic);
                let sql = $crate::stats::sql::rollup_counts_sql(&clause);
                let mut query = sqlx::query_as::<_, $crate::stats::sql::RollupRow>(&sql).bind(dimension.code());
                for param in &params {
                    query = match param {
                        $crate::stats::sql::Param::Int(v) => query.bind(*v),
                        $crate::stats::sql::Param::Text(v) => query.bind(v.clone()),
                    };
                }
                let counts = query.fetch_all(&self.pool).await?;
                let sql = $crate::stats::sql::rollup_durations_sql(&clause);
                let mut query = sqlx::query_as::<_, (i64, String, i64, i64)>(&sql).bind(dimension.code());
                for param in &params {
                    query = match param {
                        $crate::stats::sql::Param::Int(v) => query.bind(*v),
                        $crate::stats::sql::Param::Text(v) => query.bind(v.clone()),
                    };
                }
                let histograms = query.fetch_all(&self.pool).await?;
                let (clause, params) = $crate::stats::sql::where_clause(dimension, filter, 2);
                let sql = $crate::stats::sql::not_yet_due_sql(dimension, &clause);
                let mut query = sqlx::query_as::<_, (Option<String>, i64)>(&sql).bind(now.timestamp());
                for param in &params {
                    query = match param {
                        $crate::stats::sql::Param::Int(v) => query.bind(*v),
                        $crate::stats::sql::Param::Text(v) => query.bind(v.clone()),
                    };
                }
                let not_yet_due = query.fetch_all(&self.pool).await?;
                $crate::stats::sql::assemble_rollup(counts, histograms, not_yet_due)
            }

            async fn ticket_sources(
                &self,
                after_id: i64,
                limit: i64,
                include_synthetic: bool,
            ) -> Result<Vec<$crate::stats::TicketSource>, $crate::store::StoreError> {
                let rows: Vec<$crate::stats::sql::SourceRow> = sqlx::query_as(&format!(
                    "{} WHERE t.id > $1 AND ($2 OR t.synthetic = FALSE) ORDER BY t.id LIMIT $3",
                    $crate::stats::sql::SOURCE_SQL
                ))
                .bind(after_id)
                .bind(include_synthetic)
                .bind(limit)
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn explain_tallies(
                &self,
                dimension: $crate::stats::Dimension,
                filter: &$crate::stats::StatsFilter,
            ) -> Result<Vec<String>, $crate::store::StoreError> {
                let (rollup, rollup_params) = $crate::stats::sql::rollup_where(&(None, None), filter.include_synthetic);
                let (facts, params) = $crate::stats::sql::where_clause(dimension, filter, 2);
                let now_for_plan = chrono::Utc::now().timestamp();
                let mut lines = Vec::new();
                for (what, sql) in [
                    ("counters", $crate::stats::sql::rollup_counts_sql(&rollup)),
                    ("durations", $crate::stats::sql::rollup_durations_sql(&rollup)),
                    ("open, not yet due", $crate::stats::sql::not_yet_due_sql(dimension, &facts)),
                ] {
                    lines.push(format!("-- {what}"));
                    let sql = format!("{} {sql}", $explain);
                    let mut query = sqlx::query(&sql);
                    let facts_query = what.starts_with("open");
                    // The plan for now: only tickets still within their deadline are read.
                    query = if facts_query { query.bind(now_for_plan) } else { query.bind(dimension.code()) };
                    for param in if facts_query { &params } else { &rollup_params } {
                        query = match param {
                            $crate::stats::sql::Param::Int(v) => query.bind(*v),
                            $crate::stats::sql::Param::Text(v) => query.bind(v.clone()),
                        };
                    }
                    let rows = query.fetch_all(&self.pool).await?;
                    lines.extend(rows.iter().map(|row| $crate::stats::sql::plan_line(row)));
                }
                Ok(lines)
            }
        }

        /// Upserts `facts` in `tx`.
        async fn insert_facts(
            tx: &mut sqlx::Transaction<'static, $db>,
            facts: &[$crate::stats::TicketFacts],
        ) -> Result<(), $crate::store::StoreError> {
            let mut deltas = $crate::stats::rollup::Deltas::default();
            for chunk in facts.chunks(1000) {
                // Our own integer ids: safe to splice.
                let list = chunk.iter().map(|f| f.ticket_id.to_string()).collect::<Vec<_>>().join(",");
                let old: Vec<$crate::stats::sql::FactsRow> = sqlx::query_as(&format!(
                    "SELECT {} FROM ticket_facts WHERE ticket_id IN ({list})",
                    $crate::stats::sql::FACTS_COLUMNS
                ))
                .fetch_all(&mut **tx)
                .await?;
                for row in old {
                    deltas.add(&$crate::stats::TicketFacts::try_from(row)?, -1);
                }
            }
            for f in facts {
                deltas.add(f, 1);
            }
            deltas.prune();
            let counts: Vec<_> = deltas.counts.into_iter().collect();
            for chunk in counts.chunks(400) {
                let mut insert: sqlx::QueryBuilder<'_, $db> = sqlx::QueryBuilder::new(format!(
                    "INSERT INTO stats_counts (synthetic, dim, month, bucket, {}) ",
                    $crate::stats::rollup::COUNTER_COLUMNS.join(", ")
                ));
                insert.push_values(chunk, |mut row, ((synthetic, dim, month, bucket), counters)| {
                    row.push_bind(i64::from(*synthetic))
                        .push_bind(dim.code())
                        .push_bind(month.clone())
                        .push_bind(bucket.clone());
                    for value in counters {
                        row.push_bind(*value);
                    }
                });
                let updates: Vec<String> = $crate::stats::rollup::COUNTER_COLUMNS
                    .iter()
                    .map(|c| format!("{c} = stats_counts.{c} + excluded.{c}"))
                    .collect();
                insert
                    .push(format!(" ON CONFLICT (dim, synthetic, month, bucket) DO UPDATE SET {}", updates.join(", ")));
                insert.build().execute(&mut **tx).await?;
            }
            let durations: Vec<_> = deltas.durations.into_iter().collect();
            for chunk in durations.chunks(1000) {
                let mut insert: sqlx::QueryBuilder<'_, $db> = sqlx::QueryBuilder::new(
                    "INSERT INTO stats_durations (synthetic, dim, month, bucket, metric, value, n) ",
                );
                insert.push_values(chunk, |mut row, ((synthetic, dim, month, bucket, metric, value), n)| {
                    row.push_bind(i64::from(*synthetic))
                        .push_bind(dim.code())
                        .push_bind(month.clone())
                        .push_bind(bucket.clone())
                        .push_bind(i64::try_from(*metric).unwrap_or(i64::MAX))
                        .push_bind(*value)
                        .push_bind(*n);
                });
                insert.push(
                    " ON CONFLICT (dim, synthetic, month, bucket, metric, value) \
                     DO UPDATE SET n = stats_durations.n + excluded.n",
                );
                insert.build().execute(&mut **tx).await?;
            }
            // 24 columns a row: 500 rows stay far below either database's parameter limit.
            for chunk in facts.chunks(500) {
                let mut insert: sqlx::QueryBuilder<'_, $db> = sqlx::QueryBuilder::new(format!(
                    "INSERT INTO ticket_facts ({}) ",
                    $crate::stats::sql::FACTS_COLUMNS
                ));
                insert.push_values(chunk, |mut row, f| {
                    let hours = |e: Option<$crate::stats::Elapsed>| e.map(|e| e.hours);
                    let tenths = |e: Option<$crate::stats::Elapsed>| e.map(|e| e.working_tenths);
                    row.push_bind(f.ticket_id)
                        .push_bind(i64::from(f.synthetic))
                        .push_bind(f.created_at)
                        .push_bind(f.month.clone())
                        .push_bind(f.agency.clone())
                        .push_bind(f.implicated.clone())
                        .push_bind(f.kind.clone())
                        .push_bind(f.lang.clone())
                        .push_bind(f.region.clone())
                        .push_bind(f.district.clone())
                        .push_bind(f.gender.clone())
                        .push_bind(f.age_band.clone())
                        .push_bind(f.disability.clone())
                        .push_bind(f.outcome.code())
                        .push_bind(f.resolution_due)
                        .push_bind(hours(f.first_response))
                        .push_bind(tenths(f.first_response))
                        .push_bind(hours(f.resolution))
                        .push_bind(tenths(f.resolution))
                        .push_bind(f.on_time.map(i64::from))
                        .push_bind(i64::from(f.reopened))
                        .push_bind(f.rating.map(i64::from))
                        .push_bind(i64::from(f.redirects))
                        .push_bind(i64::from(f.brushoffs));
                });
                insert.push($crate::stats::sql::FACTS_UPSERT);
                insert.build().execute(&mut **tx).await?;
            }
            Ok(())
        }
    };
}

pub(crate) use impl_stats_store;

/// One line of a query plan: PostgreSQL returns one text column, SQLite's `EXPLAIN QUERY PLAN`
/// returns (id, parent, notused, detail).
pub(crate) fn plan_line<R: sqlx::Row>(row: &R) -> String
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    usize: sqlx::ColumnIndex<R>,
    for<'r> String: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
{
    row.try_get::<String, _>("detail")
        .or_else(|_| row.try_get::<String, _>(0_usize))
        .unwrap_or_else(|e| format!("(unreadable plan line: {e})"))
}
