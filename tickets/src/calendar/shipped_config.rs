//! The shipped `config/calendar.toml` parses, passes validation, and says what the 2025 and 2026
//! official calendars say.

use std::error::Error;
use std::sync::LazyLock;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Asia::Bishkek;

use super::{BusinessCalendar, CalendarSettings, Span};

type TestResult = Result<(), Box<dyn Error>>;

/// The file as shipped (it is the `[calendar]` table without its header).
const SHIPPED: &str = include_str!("../../../config/calendar.toml");

fn load() -> Result<BusinessCalendar, Box<dyn Error>> {
    let settings: CalendarSettings = toml::from_str(SHIPPED)?;
    Ok(BusinessCalendar::new(&settings)?)
}

/// One calendar from the shipped file for the property tests, built once.
#[allow(clippy::expect_used, reason = "a broken shipped file must fail every test loudly")]
pub(super) static CALENDAR: LazyLock<BusinessCalendar> =
    LazyLock::new(|| load().expect("config/calendar.toml must load"));

fn date(y: i32, m: u32, d: u32) -> Result<NaiveDate, Box<dyn Error>> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| format!("bad date {y}-{m}-{d}").into())
}

fn bishkek(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> Result<DateTime<Utc>, Box<dyn Error>> {
    Bishkek
        .with_ymd_and_hms(y, mo, d, h, mi, 0)
        .single()
        .map(|at| at.with_timezone(&Utc))
        .ok_or_else(|| format!("bad time {y}-{mo}-{d} {h}:{mi}").into())
}

fn end_of(y: i32, mo: u32, d: u32) -> Result<DateTime<Utc>, Box<dyn Error>> {
    Ok(bishkek(y, mo, d, 23, 59)? + chrono::TimeDelta::seconds(59))
}

#[test]
fn ships_2025_and_2026_in_bishkek_time() -> TestResult {
    let cal = load()?;
    assert_eq!(cal.timezone(), Bishkek);
    assert!(cal.has_year(2025));
    assert!(cal.has_year(2026));
    Ok(())
}

#[test]
fn knows_the_2026_holidays() -> TestResult {
    let cal = load()?;
    for (m, d, what) in [
        (1, 1, "New Year"),
        (1, 7, "Orthodox Christmas"),
        (1, 8, "New Year break extended by the Cabinet"),
        (1, 9, "New Year break extended by the Cabinet"),
        (3, 8, "International Women's Day (a Sunday)"),
        (3, 20, "Orozo Ait"),
        (3, 21, "Nooruz (a Saturday)"),
        (5, 4, "May holidays"),
        (5, 5, "Constitution Day"),
        (5, 8, "May holidays"),
        (5, 27, "Kurman Ait (expected)"),
        (8, 31, "Independence Day"),
    ] {
        assert!(!cal.is_working_day(date(2026, m, d)?), "2026-{m:02}-{d:02}: {what}");
    }
    for (m, d, why) in [
        (1, 12, "first working day after the New Year break"),
        (3, 9, "a weekend holiday is not moved to Monday"),
        (3, 19, "eve of Orozo Ait (shortened, but working)"),
        (2, 23, "Defender of the Fatherland Day is a working day"),
        (4, 7, "April Revolution Day is a working day"),
        (5, 11, "first working day after the May holidays"),
    ] {
        assert!(cal.is_working_day(date(2026, m, d)?), "2026-{m:02}-{d:02}: {why}");
    }
    Ok(())
}

#[test]
fn knows_the_2025_holidays() -> TestResult {
    let cal = load()?;
    assert!(!cal.is_working_day(date(2025, 1, 6)?), "New Year holidays");
    assert!(!cal.is_working_day(date(2025, 3, 21)?), "Nooruz");
    assert!(!cal.is_working_day(date(2025, 6, 6)?), "Kurman Ait");
    assert!(cal.is_working_day(date(2025, 3, 31)?), "Orozo Ait on Sunday 30 March is not moved");
    assert!(cal.is_working_day(date(2025, 9, 1)?), "Independence Day on Sunday is not moved");
    Ok(())
}

#[test]
fn an_appeal_on_the_eve_of_the_may_holidays_is_registered_on_11_may() -> TestResult {
    let cal = load()?;
    // Thursday 30 April 2026, 10:00 + 1 working day: 1–9 May are holidays, 10 May is a Sunday.
    let received = bishkek(2026, 4, 30, 10, 0)?;
    let due = cal.due(received, Span::working(1));
    assert_eq!(due, end_of(2026, 5, 11)?);
    assert_eq!(due.to_rfc3339(), "2026-05-11T17:59:59+00:00");
    Ok(())
}

#[test]
fn an_answer_within_14_working_days_skips_the_may_holidays() -> TestResult {
    let cal = load()?;
    // Registered Tuesday 28 April 2026: 29, 30 April, then 11–15, 18–22 May and 25, 26 May.
    let registered = bishkek(2026, 4, 28, 15, 0)?;
    assert_eq!(cal.due(registered, Span::working(14)), end_of(2026, 5, 26)?);
    // One more working day jumps over Kurman Ait (27 May) to Thursday 28 May.
    assert_eq!(cal.due(registered, Span::working(15)), end_of(2026, 5, 28)?);
    Ok(())
}

#[test]
fn a_calendar_term_ending_in_the_new_year_break_ends_on_12_january() -> TestResult {
    let cal = load()?;
    // Received Saturday 27 December 2025 + 10 calendar days = Tuesday 6 January 2026, a holiday;
    // 7–9 January are off and 10–11 a weekend, so the term ends on Monday 12 January.
    let received = bishkek(2025, 12, 27, 11, 0)?;
    assert_eq!(cal.due(received, Span::calendar(10)), end_of(2026, 1, 12)?);
    Ok(())
}
