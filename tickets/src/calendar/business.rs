//! [`BusinessCalendar`]: working days and deadlines in the configured timezone.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::sync::{Mutex, PoisonError};

use chrono::{DateTime, Datelike, Days, NaiveDate, Utc};
use chrono_tz::Tz;

use super::local::{end_of_day, local_date, start_of_day};
use super::year::{YearDays, is_weekday};
use super::{CalendarError, CalendarSettings, DayUnit, Span};

/// Milliseconds in a day: `working_days_between` measures days of 24 hours.
const DAY_MS: f64 = 86_400_000.0;

/// Working days and deadlines under Kyrgyz legal counting; see the [module docs](super).
///
/// Built once from the configuration and shared (it is `Send + Sync`; wrap it in an `Arc`).
/// Lookups are O(1): each configured year is a bitset of its working days.
pub struct BusinessCalendar {
    tz: Tz,
    years: BTreeMap<i32, YearDays>,
    /// Years without data that have already been warned about: one warning per year per
    /// calendar, not one per lookup, or a deadline scan would flood the log.
    warned: Mutex<BTreeSet<i32>>,
}

impl BusinessCalendar {
    /// Checks `settings` and precomputes each configured year.
    ///
    /// # Errors
    /// An unknown timezone, a year key that is not a year, a date listed under another year, or
    /// a date that is both a day off and a moved working day; the error names the culprit.
    pub fn new(settings: &CalendarSettings) -> Result<Self, CalendarError> {
        let tz: Tz = settings
            .timezone
            .parse()
            .map_err(|_| CalendarError::UnknownTimezone { name: settings.timezone.clone() })?;
        let mut years = BTreeMap::new();
        for (key, year_settings) in &settings.years {
            let year = parse_year(key)?;
            years.insert(year, YearDays::build(year, year_settings)?);
        }
        Ok(Self { tz, years, warned: Mutex::new(BTreeSet::new()) })
    }

    /// The timezone in which days are counted.
    pub fn timezone(&self) -> Tz {
        self.tz
    }

    /// Whether the configuration has holiday data for `year`.
    pub fn has_year(&self, year: i32) -> bool {
        self.years.contains_key(&year)
    }

    /// Whether the local `date` is a working day: Monday–Friday that is not a holiday or moved
    /// day off of its year, or a moved working day. For a year without data, Monday–Friday
    /// (and one warning for that year).
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        match self.years.get(&date.year()) {
            Some(days) => days.is_working(date),
            None => {
                self.warn_missing_year(date.year());
                is_weekday(date)
            }
        }
    }

    /// The deadline for something started at `start` that must be done within `span`.
    ///
    /// - `days == 0`: `start` itself.
    /// - Otherwise counting begins on the day after the local date of `start` (the day of
    ///   receipt does not count) and the deadline is 23:59:59 local of the last day:
    ///   - working days: the `days`-th working day after that date;
    ///   - calendar days: that date plus `days`, moved on to the next working day if it is a day
    ///     off.
    ///
    /// So for `days >= 1` the deadline always falls on a working day, and the result is
    /// monotonic in `start`. Saturates at the largest representable instant instead of
    /// overflowing.
    pub fn due(&self, start: DateTime<Utc>, span: Span) -> DateTime<Utc> {
        if span.days == 0 {
            return start;
        }
        let received = local_date(self.tz, start);
        let last_day = match span.unit {
            DayUnit::Working => self.nth_working_day_after(received, span.days),
            DayUnit::Calendar => received
                .checked_add_days(Days::new(u64::from(span.days)))
                .and_then(|day| self.working_day_on_or_after(day)),
        };
        last_day.map_or(DateTime::<Utc>::MAX_UTC, |day| end_of_day(self.tz, day))
    }

    /// Working days elapsed from `from` to `to`, for statistics: the time of `[from, to)` that
    /// falls on working days, in days of 24 hours (so a whole working day is 1.0 and a weekend
    /// adds nothing). 0 when `to <= from`.
    ///
    /// Measured up to a [`due`](Self::due) deadline, an `n`-working-day term gives a value in
    /// `[n - 1 s, n + 1)`: the deadline is the last second of its day, and the working part of
    /// the day of receipt is counted too.
    pub fn working_days_between(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> f64 {
        if to <= from {
            return 0.0;
        }
        let last = local_date(self.tz, to);
        let mut day = local_date(self.tz, from);
        let mut millis: i64 = 0;
        loop {
            let next = day.succ_opt();
            if self.is_working_day(day) {
                let begin = start_of_day(self.tz, day).max(from);
                let end = next.map_or(DateTime::<Utc>::MAX_UTC, |n| start_of_day(self.tz, n));
                let end = end.min(to);
                if end > begin {
                    millis = millis.saturating_add((end - begin).num_milliseconds());
                }
            }
            match next {
                Some(n) if day < last => day = n,
                _ => break,
            }
        }
        millis as f64 / DAY_MS
    }

    /// Logs, once per year and calendar, that `year` has no holiday data. Returns whether this
    /// call logged, so that tests can see the second call stay quiet.
    pub(crate) fn warn_missing_year(&self, year: i32) -> bool {
        // A poisoned set only means another thread panicked mid-insert; the set is still valid.
        let mut warned = self.warned.lock().unwrap_or_else(PoisonError::into_inner);
        let first = warned.insert(year);
        if first {
            tracing::warn!(
                year,
                "calendar has no data for {year}: its holidays are unknown, so deadlines in {year} \
                 count weekends only; add [calendar.years.{year}] to the configuration"
            );
        }
        first
    }

    fn nth_working_day_after(&self, date: NaiveDate, n: u32) -> Option<NaiveDate> {
        let mut day = date;
        let mut left = n;
        while left > 0 {
            day = day.succ_opt()?;
            if self.is_working_day(day) {
                left -= 1;
            }
        }
        Some(day)
    }

    fn working_day_on_or_after(&self, date: NaiveDate) -> Option<NaiveDate> {
        let mut day = date;
        while !self.is_working_day(day) {
            day = day.succ_opt()?;
        }
        Some(day)
    }
}

/// Shows the timezone and the configured years, not the bitsets.
impl fmt::Debug for BusinessCalendar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BusinessCalendar")
            .field("timezone", &self.tz)
            .field("years", &self.years.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

/// A year key must be the canonical spelling of a year that chrono can represent, so that
/// "2026" and "02026" cannot both configure the same year.
fn parse_year(key: &str) -> Result<i32, CalendarError> {
    key.parse::<i32>()
        .ok()
        .filter(|year| year.to_string() == key)
        .filter(|&year| NaiveDate::from_yo_opt(year, 1).is_some() && NaiveDate::from_ymd_opt(year, 12, 31).is_some())
        .ok_or_else(|| CalendarError::BadYearKey { key: key.to_owned() })
}
