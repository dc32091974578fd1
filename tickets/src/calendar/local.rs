//! Conversions between instants and local dates in the calendar's timezone.
//!
//! Asia/Bishkek has a fixed offset (UTC+6), but the timezone is a setting, so these helpers also
//! stay total for zones with daylight saving: an ambiguous wall time takes the reading that
//! suits the caller, a skipped one is read with the offset in force just before the gap.

use chrono::{DateTime, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;

/// The local calendar date of `at`.
pub(crate) fn local_date(tz: Tz, at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&tz).date_naive()
}

/// The first instant of `date` in `tz`.
pub(crate) fn start_of_day(tz: Tz, date: NaiveDate) -> DateTime<Utc> {
    resolve(tz, date.and_time(NaiveTime::MIN), false)
}

/// 23:59:59 local on `date`: the end of a term that runs "until the end of the day".
pub(crate) fn end_of_day(tz: Tz, date: NaiveDate) -> DateTime<Utc> {
    // 23:59:59 is always a valid time of day, so the fallback is never taken.
    let last_second = NaiveTime::from_hms_opt(23, 59, 59).unwrap_or(NaiveTime::MIN);
    resolve(tz, date.and_time(last_second), true)
}

/// The instant of a local wall time; `later` picks the second reading of an ambiguous time.
fn resolve(tz: Tz, wall: NaiveDateTime, later: bool) -> DateTime<Utc> {
    match tz.from_local_datetime(&wall) {
        LocalResult::Single(at) => at.with_timezone(&Utc),
        LocalResult::Ambiguous(early, late) => if later { late } else { early }.with_timezone(&Utc),
        LocalResult::None => {
            let offset = tz.offset_from_utc_datetime(&wall).fix().local_minus_utc();
            wall.checked_sub_signed(TimeDelta::seconds(i64::from(offset)))
                .map_or(DateTime::<Utc>::MAX_UTC, |utc| utc.and_utc())
        }
    }
}
