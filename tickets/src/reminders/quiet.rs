//! Quiet hours: no pings between 21:00 and 08:00 in the calendar's timezone; what comes up then
//! waits for 08:00. Reminders also wait out weekends and holidays: nobody works on them, so a
//! ping would only pile up (the digest, too, runs on working days only).

use chrono::{DateTime, Days, NaiveDate, NaiveTime, TimeZone, Timelike, Utc};
use chrono_tz::Tz;

use crate::calendar::BusinessCalendar;

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

/// `None` when `at` falls in working hours (08:00–21:00) of a working day, else the 08:00 of the
/// next working day it must wait for.
pub fn working_hours_from(calendar: &BusinessCalendar, at: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let tz = calendar.timezone();
    let today = at.with_timezone(&tz).date_naive();
    if calendar.is_working_day(today) && quiet_until(tz, at).is_none() {
        return None;
    }
    let mut day = today;
    // A year without a working day is a broken calendar: then only quiet hours are kept.
    for _ in 0..366 {
        let morning = at_local(tz, day, QUIET_ENDS);
        if morning > at && calendar.is_working_day(day) {
            return Some(morning);
        }
        day = day.checked_add_days(Days::new(1))?;
    }
    quiet_until(tz, at)
}
