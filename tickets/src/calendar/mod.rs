//! The business calendar: which local days are working days, and when a term ends.
//!
//! ```text
//! appeal received   Thu 30 Apr 2026 10:00 Bishkek
//! + 1 working day   1–9 May are holidays, 10 May is a Sunday
//! = deadline        Mon 11 May 2026 23:59:59 Bishkek (17:59:59 UTC)
//! ```
//!
//! Counting follows Kyrgyz civil-law practice:
//! - Every date is a local date in the configured timezone (Asia/Bishkek, UTC+6, no DST).
//! - A working day is Monday–Friday that is neither a holiday nor a moved day off of its year,
//!   plus the year's moved working days (weekend days the government made working).
//! - A term starts on the day after the local date of its start: the day of receipt does not
//!   count. It ends at 23:59:59 local of its last day. In working days, the last day is the
//!   N-th working day; in calendar days, it is the date N days on, or the next working day when
//!   that date is a day off. A term of 0 days ends at its start.
//! - Holiday data is configuration, per year (`config/calendar.toml`), because the government
//!   fixes the movable holidays and moves days each year. A year without data is still counted,
//!   with weekends only, and logs one warning per year.
//!
//! This module does no I/O: the caller loads [`CalendarSettings`] and builds one
//! [`BusinessCalendar`] to share.

mod business;
mod dates;
mod error;
mod local;
mod settings;
mod span;
mod year;

#[cfg(test)]
mod tests;

#[cfg(test)]
mod proptests;

#[cfg(test)]
mod shipped_config;

pub use business::BusinessCalendar;
pub use error::CalendarError;
pub use settings::{CalendarSettings, Holiday, YearSettings};
pub use span::{DayUnit, Span};
