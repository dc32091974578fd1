//! Quiet hours: no pings between 21:00 and 08:00 in the calendar's timezone; what comes up then
//! waits for 08:00.

use chrono::{DateTime, Days, NaiveDate, NaiveTime, TimeZone, Timelike, Utc};
use chrono_tz::Tz;

/// The hour quiet time starts (local).
pub const QUIET_STARTS: u32 = 21;
/// The hour quiet time ends (local).
pub const QUIET_ENDS: u32 = 8;

/// The instant of `hour`:00 local on `date`. Asia/Bishkek has no daylight saving; for a zone
/// that skips that hour the earliest valid reading after it is taken.
pub fn at_local(tz: Tz, date: NaiveDate, hour: u32) -> DateTime<Utc> {
    let wall = date.and_time(NaiveTime::from_hms_opt(hour, 0, 0).unwrap_or(NaiveTime::MIN));
    tz.from_local_datetime(&wall)
        .earliest()
        .or_else(|| tz.from_local_datetime(&(wall + chrono::Duration::hours(1))).earliest())
        .map_or(DateTime::<Utc>::MAX_UTC, |at| at.with_timezone(&Utc))
}

/// `None` when `at` is outside quiet hours, else the 08:00 it must wait for.
pub fn quiet_until(tz: Tz, at: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let local = at.with_timezone(&tz);
    let date = local.date_naive();
    if local.hour() >= QUIET_STARTS {
        Some(at_local(tz, date.checked_add_days(Days::new(1))?, QUIET_ENDS))
    } else if local.hour() < QUIET_ENDS {
        Some(at_local(tz, date, QUIET_ENDS))
    } else {
        None
    }
}
