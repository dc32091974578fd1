//! The calendar's configuration as it arrives from `config/calendar.toml` (the `[calendar]` table).
//!
//! ```toml
//! timezone = "Asia/Bishkek"
//! [years.2026]
//! source = "Ministry of Labour, production calendar 2026 (24.kg, 11 Dec 2025)"
//! holidays = [{ date = 2026-03-08, name = "International Women's Day" }]
//! moved_days_off = [2026-01-08]
//! ```
//!
//! Dates may be TOML dates (`2026-03-08`) or strings (`"2026-03-08"`). These types only
//! describe the data; [`super::BusinessCalendar::new`] checks it (known timezone, year keys that
//! are years, every date under its own year, no date both off and working).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Deserialize;

use super::dates;

/// The `[calendar]` section of the configuration: a timezone and the holiday data per year.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarSettings {
    /// IANA timezone name in which days are counted, e.g. `"Asia/Bishkek"`.
    pub timezone: String,
    /// Holiday data per year, keyed by the year as a string (`"2026"`), because TOML table keys
    /// are strings. A year that is absent is counted with weekends only (and logs one warning).
    pub years: BTreeMap<String, YearSettings>,
}

/// One year's non-working and extra working days.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct YearSettings {
    /// Where the data comes from and when it was published, so that an operator can check it.
    pub source: String,
    /// Public holidays (non-working days) of that year. A holiday on a weekend is listed as it
    /// is: under the 2025 Labour Code it is not moved to a weekday.
    pub holidays: Vec<Holiday>,
    /// Extra days off that the government declared by decree (e.g. 8–9 January 2026).
    #[serde(default, deserialize_with = "dates::many")]
    pub moved_days_off: Vec<NaiveDate>,
    /// Weekend days that the government made working days by decree.
    #[serde(default, deserialize_with = "dates::many")]
    pub moved_working_days: Vec<NaiveDate>,
}

/// A named public holiday.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Holiday {
    /// The local date of the holiday.
    #[serde(deserialize_with = "dates::one")]
    pub date: NaiveDate,
    /// Its name, for people reading the configuration and for logs.
    pub name: String,
}
