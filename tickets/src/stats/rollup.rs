//! The rollups kept beside the facts (`stats_counts`, `stats_durations`): what one ticket adds
//! to each dimension's bucket of its month, and of all months together ([`ALL_MONTHS`]). A
//! refresh applies `new − old` for every changed ticket, so a table over a million tickets sums
//! a few thousand rollup rows instead of scanning a million facts. The figures are the same as a
//! scan's by construction (and the store suites check it, on random facts too).

use std::collections::HashMap;

use super::definitions::{Outcome, TicketFacts};
use super::table::{Dimension, Metric};

/// The stored bucket of a value that is not known (SQL keys cannot be NULL).
pub(crate) const UNKNOWN: &str = "#unknown";

/// The `month` of the running totals over all months. The duration histograms hold one row
/// per distinct value, so an all-time table summed from month rows would read every month's
/// copy of the same values (twelve times as many rows a year); a table without a period reads
/// these instead. It sorts before every `YYYY-MM`, and month bounds exclude it explicitly.
pub(crate) const ALL_MONTHS: &str = "*";

/// The counter columns of `stats_counts`, in the order of [`Counters`].
pub(crate) const COUNTER_COLUMNS: [&str; 14] = [
    "received",
    "answered",
    "closed",
    "open",
    "on_time",
    "reopened",
    "ever_answered",
    "rated",
    "rating_sum",
    "redirects",
    "redirected",
    "runarounds",
    "brushoffs",
    "brushed_off",
];

/// One ticket's contribution to a bucket, in [`COUNTER_COLUMNS`] order.
pub(crate) type Counters = [i64; 14];

/// (synthetic, dimension, month, bucket).
pub(crate) type CountKey = (bool, Dimension, String, String);

/// (synthetic, dimension, month, bucket, metric, value).
pub(crate) type DurationKey = (bool, Dimension, String, String, usize, i64);

/// Deltas to add to the rollups.
#[derive(Debug, Default)]
pub(crate) struct Deltas {
    pub(crate) counts: HashMap<CountKey, Counters>,
    pub(crate) durations: HashMap<DurationKey, i64>,
}

impl Deltas {
    /// Adds `facts` with `sign` (+1 new, −1 old) to every dimension's bucket, in its month and
    /// in [`ALL_MONTHS`].
    pub(crate) fn add(&mut self, facts: &TicketFacts, sign: i64) {
        let counters = counters(facts).map(|c| c * sign);
        for dimension in Dimension::ALL {
            let Some(bucket) = bucket_of(facts, dimension) else { continue };
            for month in [facts.month.as_str(), ALL_MONTHS] {
                let key = (facts.synthetic, dimension, month.to_owned(), bucket.clone());
                let entry = self.counts.entry(key).or_insert([0; 14]);
                for (sum, c) in entry.iter_mut().zip(counters) {
                    *sum += c;
                }
                for metric in Metric::ALL {
                    if let Some(value) = duration(facts, metric) {
                        let key = (facts.synthetic, dimension, month.to_owned(), bucket.clone(), metric.index(), value);
                        *self.durations.entry(key).or_default() += sign;
                    }
                }
            }
        }
    }

    /// Drops deltas that cancel out (a ticket whose facts did not change).
    pub(crate) fn prune(&mut self) {
        self.counts.retain(|_, c| c.iter().any(|v| *v != 0));
        self.durations.retain(|_, n| *n != 0);
    }
}

/// The stored bucket of `facts` in `dimension`; `None` when the ticket is not in that
/// dimension at all (only corruption reports name an implicated body).
pub(crate) fn bucket_of(facts: &TicketFacts, dimension: Dimension) -> Option<String> {
    let value = match dimension {
        Dimension::Agency => Some(&facts.agency),
        Dimension::Implicated => return facts.implicated.clone(),
        Dimension::Region => facts.region.as_ref(),
        Dimension::District => facts.district.as_ref(),
        Dimension::Kind => Some(&facts.kind),
        Dimension::Lang => facts.lang.as_ref(),
        Dimension::Month => Some(&facts.month),
        Dimension::Gender => facts.gender.as_ref(),
        Dimension::AgeBand => facts.age_band.as_ref(),
        Dimension::Disability => facts.disability.as_ref(),
    };
    Some(value.cloned().unwrap_or_else(|| UNKNOWN.to_owned()))
}

fn counters(f: &TicketFacts) -> Counters {
    let answered = matches!(f.outcome, Outcome::Answered | Outcome::Closed);
    let flag = |b: bool| i64::from(b);
    [
        1,
        flag(answered),
        flag(f.outcome == Outcome::Closed),
        flag(f.outcome == Outcome::Open),
        flag(f.on_time == Some(true)),
        flag(f.reopened),
        flag(answered || f.reopened),
        flag(f.rating.is_some()),
        f.rating.map_or(0, i64::from),
        i64::from(f.redirects),
        flag(f.redirects > 0),
        flag(f.redirects > 1),
        i64::from(f.brushoffs),
        flag(f.brushoffs > 0),
    ]
}

fn duration(f: &TicketFacts, metric: Metric) -> Option<i64> {
    match metric {
        Metric::FirstResponseHours => f.first_response.map(|e| e.hours),
        Metric::FirstResponseWorkingTenths => f.first_response.map(|e| e.working_tenths),
        Metric::ResolutionHours => f.resolution.map(|e| e.hours),
        Metric::ResolutionWorkingTenths => f.resolution.map(|e| e.working_tenths),
    }
}
