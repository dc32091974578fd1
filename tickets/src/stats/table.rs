//! The statistics table: what a monitor asks for ([`StatsQuery`]), the raw sums the store
//! returns ([`Tally`], opaque outside this crate) and the published rows ([`StatsRow`]), whose
//! every figure is a [`Cell`] that went through [`Suppression`].
//!
//! ```text
//! per agency, 2026-03      received  answered  overdue  median 1st response  on time
//! health                   1 204     1 100     12       2.1 wd / 50 h        93.4 %
//! ombudsman                <5        <5        0        <5                   <5
//! ```

use std::collections::BTreeMap;
use std::fmt;

use chrono::{DateTime, Utc};
use classifier::Kind;
use serde::Serialize;

use super::cell::{Cell, Suppression};
use super::definitions::{WITHHELD, percentile};
use crate::domain::AgencyCode;

/// What a table is broken down by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    Agency,
    /// The body a corruption report accuses (corruption reports only).
    Implicated,
    Region,
    District,
    Kind,
    Lang,
    Month,
    Gender,
    AgeBand,
    Disability,
}

impl Dimension {
    /// Every dimension.
    pub const ALL: [Dimension; 10] = [
        Dimension::Agency,
        Dimension::Implicated,
        Dimension::Region,
        Dimension::District,
        Dimension::Kind,
        Dimension::Lang,
        Dimension::Month,
        Dimension::Gender,
        Dimension::AgeBand,
        Dimension::Disability,
    ];

    /// The `ticket_facts` column: a fixed name, never user input.
    pub(crate) const fn column(self) -> &'static str {
        match self {
            Dimension::Agency => "agency",
            Dimension::Implicated => "implicated",
            Dimension::Region => "region",
            Dimension::District => "district",
            Dimension::Kind => "kind",
            Dimension::Lang => "lang",
            Dimension::Month => "month",
            Dimension::Gender => "gender",
            Dimension::AgeBand => "age_band",
            Dimension::Disability => "disability",
        }
    }

    /// The stable name used in URLs and files.
    pub const fn code(self) -> &'static str {
        self.column()
    }
}

impl std::str::FromStr for Dimension {
    type Err = String;

    fn from_str(code: &str) -> Result<Self, Self::Err> {
        Dimension::ALL.into_iter().find(|d| d.code() == code).ok_or_else(|| format!("unknown dimension `{code}`"))
    }
}

/// Which tickets to count.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StatsFilter {
    /// Opened at or after.
    pub from: Option<DateTime<Utc>>,
    /// Opened before.
    pub to: Option<DateTime<Utc>>,
    /// Count tickets made by `kairyluu seed` and benchmarks too.
    pub include_synthetic: bool,
    pub agency: Option<AgencyCode>,
    /// A region code; corruption reports, whose region is withheld, never match one.
    pub region: Option<String>,
    pub kind: Option<Kind>,
}

/// One table: a dimension over a filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatsQuery {
    pub dimension: Dimension,
    pub filter: StatsFilter,
}

/// The label of a row.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Bucket {
    /// A code: an agency, region, kind, month `2026-03`…
    Value(String),
    /// Not given, or not volunteered (anonymous tickets have no profile).
    Unknown,
    /// A corruption report's: never published.
    Withheld,
    /// All rows together.
    Total,
}

impl Bucket {
    /// The bucket of a stored dimension value.
    pub(crate) fn from_stored(value: Option<String>) -> Self {
        match value {
            None => Bucket::Unknown,
            Some(v) if v == WITHHELD => Bucket::Withheld,
            Some(v) => Bucket::Value(v),
        }
    }
}

impl fmt::Display for Bucket {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Bucket::Value(v) => f.write_str(v),
            Bucket::Unknown => f.write_str("unknown"),
            Bucket::Withheld => f.write_str("withheld"),
            Bucket::Total => f.write_str("total"),
        }
    }
}

/// A distribution of whole numbers as `value → how many`.
pub(crate) type Histogram = BTreeMap<i64, i64>;

/// The four durations whose percentiles are published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Metric {
    FirstResponseHours,
    FirstResponseWorkingTenths,
    ResolutionHours,
    ResolutionWorkingTenths,
}

impl Metric {
    pub(crate) const ALL: [Metric; 4] = [
        Metric::FirstResponseHours,
        Metric::FirstResponseWorkingTenths,
        Metric::ResolutionHours,
        Metric::ResolutionWorkingTenths,
    ];

    pub(crate) const fn column(self) -> &'static str {
        match self {
            Metric::FirstResponseHours => "first_response_hours",
            Metric::FirstResponseWorkingTenths => "first_response_wd10",
            Metric::ResolutionHours => "resolution_hours",
            Metric::ResolutionWorkingTenths => "resolution_wd10",
        }
    }

    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

/// Raw sums over the tickets of one row. Its fields are private to this crate: outside it, a
/// tally can only be published through [`publish`], which suppresses small cells.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    pub(crate) received: i64,
    pub(crate) answered: i64,
    pub(crate) closed: i64,
    pub(crate) open: i64,
    pub(crate) overdue: i64,
    pub(crate) on_time: i64,
    pub(crate) reopened: i64,
    pub(crate) ever_answered: i64,
    pub(crate) rated: i64,
    pub(crate) rating_sum: i64,
    pub(crate) redirects: i64,
    pub(crate) redirected: i64,
    pub(crate) runarounds: i64,
    pub(crate) brushoffs: i64,
    pub(crate) brushed_off: i64,
    pub(crate) durations: [Histogram; 4],
}

impl Tally {
    /// Tickets whose timeliness is known: an answer stands, or the deadline passed without one.
    fn judged(&self) -> i64 {
        self.answered + self.overdue
    }

    fn add(&mut self, other: &Tally) {
        self.received += other.received;
        self.answered += other.answered;
        self.closed += other.closed;
        self.open += other.open;
        self.overdue += other.overdue;
        self.on_time += other.on_time;
        self.reopened += other.reopened;
        self.ever_answered += other.ever_answered;
        self.rated += other.rated;
        self.rating_sum += other.rating_sum;
        self.redirects += other.redirects;
        self.redirected += other.redirected;
        self.runarounds += other.runarounds;
        self.brushoffs += other.brushoffs;
        self.brushed_off += other.brushed_off;
        for (mine, theirs) in self.durations.iter_mut().zip(&other.durations) {
            for (value, n) in theirs {
                *mine.entry(*value).or_default() += n;
            }
        }
    }

    fn histogram(&self, metric: Metric) -> Vec<(i64, i64)> {
        self.durations[metric.index()].iter().map(|(v, n)| (*v, *n)).collect()
    }

    fn durations_count(&self, metric: Metric) -> i64 {
        self.durations[metric.index()].values().sum()
    }
}

/// Median and 90th percentile of one duration, in hours and in working days.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Durations {
    pub median_hours: Cell<i64>,
    pub p90_hours: Cell<i64>,
    pub median_working_days: Cell<f64>,
    pub p90_working_days: Cell<f64>,
}

/// One published row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatsRow {
    pub bucket: Bucket,
    pub received: Cell<i64>,
    /// Tickets whose answer stands (answered or closed).
    pub answered: Cell<i64>,
    pub closed: Cell<i64>,
    pub open: Cell<i64>,
    pub overdue_now: Cell<i64>,
    pub first_response: Durations,
    pub resolution: Durations,
    /// On time / (answered + overdue now), 0–1.
    pub on_time_share: Cell<f64>,
    /// Reopened / answered at least once, 0–1.
    pub reopen_rate: Cell<f64>,
    pub mean_rating: Cell<f64>,
    pub ratings: Cell<i64>,
    /// How many times these tickets were passed between agencies.
    pub redirects: Cell<i64>,
    /// Tickets passed on more than once.
    pub runarounds: Cell<i64>,
    /// Runarounds / received, 0–1.
    pub runaround_rate: Cell<f64>,
    /// Brush-off flags raised by citizens.
    pub brushoffs: Cell<i64>,
    /// Tickets flagged at least once.
    pub brushed_off: Cell<i64>,
}

/// A published table: rows ordered by bucket, and their total.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatsTable {
    pub dimension: Dimension,
    pub min_cell: u32,
    pub rows: Vec<StatsRow>,
    pub total: StatsRow,
}

/// Reads one number of a tally.
type TallyField = fn(&Tally) -> i64;

/// The counts that add up across rows, with the number of tickets each is built from. When
/// exactly one row of such a column is hidden, the total would give it away by subtraction, so
/// the smallest visible one is hidden too.
const ADDITIVE: [(TallyField, TallyField); 9] = [
    (|t| t.received, |t| t.received),
    (|t| t.answered, |t| t.answered),
    (|t| t.closed, |t| t.closed),
    (|t| t.open, |t| t.open),
    (|t| t.overdue, |t| t.overdue),
    (|t| t.rated, |t| t.rated),
    (|t| t.redirected, |t| t.redirects),
    (|t| t.runarounds, |t| t.runarounds),
    (|t| t.brushed_off, |t| t.brushoffs),
];

/// Publishes `tallies` as a table under `rule`.
pub fn publish(dimension: Dimension, mut tallies: Vec<(Bucket, Tally)>, rule: Suppression) -> StatsTable {
    tallies.sort_by(|a, b| a.0.cmp(&b.0));
    let mut total = Tally::default();
    for (_, tally) in &tallies {
        total.add(tally);
    }
    // hidden[row][column] for the additive columns.
    let mut hidden: Vec<[bool; ADDITIVE.len()]> = tallies
        .iter()
        .map(|(_, t)| {
            let row_hidden = rule.hides(t.received);
            std::array::from_fn(|c| row_hidden || rule.hides((ADDITIVE[c].0)(t)))
        })
        .collect();
    for (c, (base, _)) in ADDITIVE.iter().enumerate() {
        let hidden_rows = hidden.iter().filter(|h| h[c]).count();
        if hidden_rows == 1 {
            let smallest = tallies
                .iter()
                .enumerate()
                .filter(|(r, (_, t))| !hidden[*r][c] && base(t) > 0)
                .min_by_key(|(_, (_, t))| base(t))
                .map(|(r, _)| r);
            if let Some(r) = smallest {
                hidden[r][c] = true;
            }
        }
    }
    let rows = tallies.iter().zip(&hidden).map(|((bucket, t), h)| row(bucket.clone(), t, h, rule)).collect();
    let total_hidden = std::array::from_fn(|c| rule.hides(total.received) || rule.hides((ADDITIVE[c].0)(&total)));
    StatsTable { dimension, min_cell: rule.min_cell(), rows, total: row(Bucket::Total, &total, &total_hidden, rule) }
}

fn row(bucket: Bucket, t: &Tally, hidden: &[bool; ADDITIVE.len()], rule: Suppression) -> StatsRow {
    let row_hidden = rule.hides(t.received);
    let count = |c: usize| {
        let value = (ADDITIVE[c].1)(t);
        if hidden[c] && (ADDITIVE[c].0)(t) > 0 { rule.suppressed() } else { rule.count(value) }
    };
    // A non-additive figure: hidden with its row, or when its own base is small.
    let figure = |base: i64, value: &dyn Fn() -> Option<f64>| {
        if row_hidden { rule.suppressed() } else { rule.optional(base, value) }
    };
    let share = |part: i64, whole: i64| figure(whole, &|| Some(part as f64 / whole as f64));
    let durations = |hours: Metric, tenths: Metric| {
        let hours_n = t.durations_count(hours);
        let tenths_n = t.durations_count(tenths);
        let hours_at = |pct| figure(hours_n, &|| percentile(&t.histogram(hours), pct).map(|h| h as f64));
        let days_at = |pct| figure(tenths_n, &|| percentile(&t.histogram(tenths), pct).map(|d| d as f64 / 10.0));
        Durations {
            // Percentiles of whole hours are whole numbers.
            median_hours: hours_at(50).map(|h| h as i64),
            p90_hours: hours_at(90).map(|h| h as i64),
            median_working_days: days_at(50),
            p90_working_days: days_at(90),
        }
    };
    StatsRow {
        bucket,
        received: count(0),
        answered: count(1),
        closed: count(2),
        open: count(3),
        overdue_now: count(4),
        first_response: durations(Metric::FirstResponseHours, Metric::FirstResponseWorkingTenths),
        resolution: durations(Metric::ResolutionHours, Metric::ResolutionWorkingTenths),
        on_time_share: share(t.on_time, t.judged()),
        reopen_rate: share(t.reopened, t.ever_answered),
        mean_rating: figure(t.rated, &|| Some(t.rating_sum as f64 / t.rated as f64)),
        ratings: count(5),
        redirects: count(6),
        runarounds: count(7),
        runaround_rate: share(t.runarounds, t.received),
        brushoffs: count(8),
        brushed_off: if hidden[8] && t.brushed_off > 0 { rule.suppressed() } else { rule.count(t.brushed_off) },
    }
}

#[cfg(test)]
#[path = "table_tests.rs"]
mod tests;
