//! Why a calendar configuration was refused. Each message names the year or date at fault, so
//! that an operator can fix the file without reading code.

use chrono::NaiveDate;

/// A problem in [`super::CalendarSettings`] found by [`super::BusinessCalendar::new`].
#[derive(Debug, thiserror::Error)]
pub enum CalendarError {
    /// The timezone is not an IANA name known to `chrono-tz`.
    #[error("calendar.timezone: unknown timezone {name:?} (expected an IANA name such as \"Asia/Bishkek\")")]
    UnknownTimezone {
        /// The name as configured.
        name: String,
    },
    /// A key under `calendar.years` is not a year.
    #[error("calendar.years: {key:?} is not a year (expected a key such as \"2026\")")]
    BadYearKey {
        /// The key as configured.
        key: String,
    },
    /// A date is listed under a year it does not belong to.
    #[error("calendar.years.{year}.{list}: {date} is not in {year}")]
    DateInWrongYear {
        /// The year whose table lists the date.
        year: i32,
        /// Which list: `holidays`, `moved_days_off` or `moved_working_days`.
        list: &'static str,
        /// The misplaced date.
        date: NaiveDate,
    },
    /// A date is both a day off (holiday or moved day off) and a moved working day.
    #[error("calendar.years.{year}: {date} is listed both as a day off and in moved_working_days; keep one")]
    BothOffAndWorking {
        /// The year whose table lists the date.
        year: i32,
        /// The contradictory date.
        date: NaiveDate,
    },
}
