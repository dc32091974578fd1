//! Examples of the counting rules on a small hand-made calendar (2026, with a moved working
//! Saturday that the real 2026 does not have).

use std::error::Error;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Asia::Bishkek;

use super::{BusinessCalendar, CalendarError, CalendarSettings, Span};

type TestResult = Result<(), Box<dyn Error>>;

const SAMPLE: &str = r#"
timezone = "Asia/Bishkek"
[years.2026]
source = "test data"
holidays = [
    { date = 2026-03-08, name = "International Women's Day" },
    { date = "2026-03-20", name = "Orozo Ait" },
    { date = 2026-05-01, name = "Labour Day" },
]
moved_days_off = [2026-03-09]
moved_working_days = ["2026-03-14"]
"#;

fn settings(text: &str) -> Result<CalendarSettings, toml::de::Error> {
    toml::from_str(text)
}

fn sample() -> Result<BusinessCalendar, Box<dyn Error>> {
    Ok(BusinessCalendar::new(&settings(SAMPLE)?)?)
}

fn date(y: i32, m: u32, d: u32) -> Result<NaiveDate, Box<dyn Error>> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| format!("bad date {y}-{m}-{d}").into())
}

/// An instant given as Bishkek wall time.
fn bishkek(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> Result<DateTime<Utc>, Box<dyn Error>> {
    Bishkek
        .with_ymd_and_hms(y, mo, d, h, mi, s)
        .single()
        .map(|at| at.with_timezone(&Utc))
        .ok_or_else(|| format!("bad time {y}-{mo}-{d} {h}:{mi}:{s}").into())
}

fn error_of(text: &str) -> Result<CalendarError, Box<dyn Error>> {
    match BusinessCalendar::new(&settings(text)?) {
        Ok(_) => Err("the calendar was accepted".into()),
        Err(error) => Ok(error),
    }
}

#[test]
fn weekdays_work_and_holidays_weekends_and_moved_days_off_do_not() -> TestResult {
    let cal = sample()?;
    assert!(cal.is_working_day(date(2026, 3, 10)?), "Tuesday");
    assert!(!cal.is_working_day(date(2026, 3, 7)?), "Saturday");
    assert!(!cal.is_working_day(date(2026, 3, 8)?), "Sunday and a holiday");
    assert!(!cal.is_working_day(date(2026, 3, 9)?), "moved day off");
    assert!(!cal.is_working_day(date(2026, 3, 20)?), "Orozo Ait, a Friday");
    assert!(cal.is_working_day(date(2026, 3, 14)?), "moved working Saturday");
    assert!(!cal.is_working_day(date(2026, 3, 15)?), "Sunday");
    Ok(())
}

#[test]
fn knows_its_timezone_and_years() -> TestResult {
    let cal = sample()?;
    assert_eq!(cal.timezone(), Bishkek);
    assert!(cal.has_year(2026));
    assert!(!cal.has_year(2027));
    Ok(())
}

#[test]
fn zero_days_is_the_start_itself() -> TestResult {
    let cal = sample()?;
    let start = bishkek(2026, 3, 7, 13, 14, 15)?;
    assert_eq!(cal.due(start, Span::working(0)), start);
    assert_eq!(cal.due(start, Span::calendar(0)), start);
    Ok(())
}

#[test]
fn the_day_of_receipt_does_not_count_and_the_term_ends_at_the_end_of_the_day() -> TestResult {
    let cal = sample()?;
    // Tuesday 10 March → 1 working day → end of Wednesday 11 March, 23:59:59 Bishkek.
    let due = cal.due(bishkek(2026, 3, 10, 9, 0, 0)?, Span::working(1));
    assert_eq!(due, bishkek(2026, 3, 11, 23, 59, 59)?);
    assert_eq!(due.to_rfc3339(), "2026-03-11T17:59:59+00:00");
    Ok(())
}

#[test]
fn the_local_date_decides_not_the_utc_date() -> TestResult {
    let cal = sample()?;
    // 19:30 UTC on Thursday 12 March is already Friday 13 March in Bishkek, so the next working
    // day is the moved working Saturday 14 March.
    let start = Utc.with_ymd_and_hms(2026, 3, 12, 19, 30, 0).single().ok_or("bad time")?;
    assert_eq!(cal.due(start, Span::working(1)), bishkek(2026, 3, 14, 23, 59, 59)?);
    Ok(())
}

#[test]
fn working_days_skip_weekends_holidays_and_moved_days_off() -> TestResult {
    let cal = sample()?;
    // From Friday 6 March: 7 Sat, 8 Sun+holiday, 9 moved off, 10 Tue is the first, 11 the second.
    let start = bishkek(2026, 3, 6, 16, 0, 0)?;
    assert_eq!(cal.due(start, Span::working(2)), bishkek(2026, 3, 11, 23, 59, 59)?);
    // 14 working days from Wednesday 11 March: 12, 13, 14 (moved), 16–19, 23–27, 30, 31.
    let start = bishkek(2026, 3, 11, 10, 0, 0)?;
    assert_eq!(cal.due(start, Span::working(14)), bishkek(2026, 3, 31, 23, 59, 59)?);
    Ok(())
}

#[test]
fn a_calendar_term_that_ends_on_a_day_off_ends_on_the_next_working_day() -> TestResult {
    let cal = sample()?;
    // Wednesday 4 March + 3 calendar days = Saturday 7 March → Tuesday 10 March (8 is Sunday,
    // 9 a moved day off).
    let start = bishkek(2026, 3, 4, 12, 0, 0)?;
    assert_eq!(cal.due(start, Span::calendar(3)), bishkek(2026, 3, 10, 23, 59, 59)?);
    // Landing on a working day keeps that day.
    assert_eq!(cal.due(start, Span::calendar(2)), bishkek(2026, 3, 6, 23, 59, 59)?);
    // Landing on the moved working Saturday keeps it; landing on the Sunday after moves on.
    assert_eq!(cal.due(start, Span::calendar(10)), bishkek(2026, 3, 14, 23, 59, 59)?);
    assert_eq!(cal.due(start, Span::calendar(11)), bishkek(2026, 3, 16, 23, 59, 59)?);
    Ok(())
}

#[test]
fn a_year_without_data_counts_weekends_only_and_warns_once() -> TestResult {
    let cal = sample()?;
    assert!(cal.is_working_day(date(2027, 1, 1)?), "a holiday, but 2027 has no data");
    assert!(!cal.is_working_day(date(2027, 1, 2)?), "a Saturday");
    assert!(!cal.warn_missing_year(2027), "the first lookup already warned");
    // Friday 31 December 2027 + 1 working day = Monday 3 January 2028, which has no data either;
    // the scan over its days has warned already, so a later lookup stays quiet.
    let start = bishkek(2027, 12, 31, 12, 0, 0)?;
    assert_eq!(cal.due(start, Span::working(1)), bishkek(2028, 1, 3, 23, 59, 59)?);
    assert!(!cal.warn_missing_year(2028));
    // A year never looked at warns exactly once.
    assert!(cal.warn_missing_year(2030));
    assert!(!cal.warn_missing_year(2030));
    // A configured year never warns.
    assert!(cal.is_working_day(date(2026, 3, 10)?));
    assert!(cal.warn_missing_year(2026), "2026 has data, so it was never warned about");
    Ok(())
}

#[test]
fn each_calendar_instance_warns_for_itself() -> TestResult {
    let first = sample()?;
    let second = sample()?;
    assert!(first.warn_missing_year(2031));
    assert!(second.warn_missing_year(2031));
    Ok(())
}

#[test]
fn working_days_between_counts_only_working_time() -> TestResult {
    let cal = sample()?;
    let friday_noon = bishkek(2026, 3, 13, 12, 0, 0)?;
    // Friday noon to Saturday (moved working) noon: half of each.
    assert_eq!(cal.working_days_between(friday_noon, bishkek(2026, 3, 14, 12, 0, 0)?), 1.0);
    // Saturday noon to Monday 06:00: half of Saturday, nothing of Sunday, a quarter of Monday.
    let got = cal.working_days_between(bishkek(2026, 3, 14, 12, 0, 0)?, bishkek(2026, 3, 16, 6, 0, 0)?);
    assert_eq!(got, 0.75);
    // A weekend and a holiday in between add nothing: Thursday 19 → Monday 23 March, noon to noon.
    let got = cal.working_days_between(bishkek(2026, 3, 19, 12, 0, 0)?, bishkek(2026, 3, 23, 12, 0, 0)?);
    assert_eq!(got, 1.0);
    // Backwards or empty intervals are zero.
    assert_eq!(cal.working_days_between(friday_noon, friday_noon), 0.0);
    assert_eq!(cal.working_days_between(friday_noon, bishkek(2026, 3, 12, 0, 0, 0)?), 0.0);
    Ok(())
}

#[test]
fn refuses_an_unknown_timezone() -> TestResult {
    let error = error_of("timezone = \"Asia/Frunze\"\nyears = {}")?;
    assert!(matches!(error, CalendarError::UnknownTimezone { .. }), "{error:?}");
    assert!(error.to_string().contains("Asia/Frunze"), "{error}");
    Ok(())
}

#[test]
fn refuses_a_year_key_that_is_not_a_year() -> TestResult {
    for key in ["20x6", "02026", "+2026", "999999"] {
        let text = format!("timezone = \"Asia/Bishkek\"\n[years.\"{key}\"]\nsource = \"s\"\nholidays = []");
        let error = error_of(&text)?;
        assert!(matches!(error, CalendarError::BadYearKey { .. }), "{key}: {error:?}");
        assert!(error.to_string().contains(key), "{error}");
    }
    Ok(())
}

#[test]
fn refuses_a_date_under_the_wrong_year() -> TestResult {
    let text = SAMPLE.replace("moved_days_off = [2026-03-09]", "moved_days_off = [2025-03-09]");
    let error = error_of(&text)?;
    assert!(matches!(error, CalendarError::DateInWrongYear { year: 2026, .. }), "{error:?}");
    let message = error.to_string();
    assert!(message.contains("2026") && message.contains("2025-03-09"), "{message}");
    assert!(message.contains("moved_days_off"), "{message}");
    Ok(())
}

#[test]
fn refuses_a_date_both_off_and_working() -> TestResult {
    let text = SAMPLE.replace("moved_working_days = [\"2026-03-14\"]", "moved_working_days = [2026-03-20]");
    let error = error_of(&text)?;
    assert!(matches!(error, CalendarError::BothOffAndWorking { year: 2026, .. }), "{error:?}");
    assert!(error.to_string().contains("2026-03-20"), "{error}");
    Ok(())
}

#[test]
fn refuses_unknown_keys_and_bad_dates_when_parsing() {
    let typo = SAMPLE.replace("moved_days_off", "moved_day_off");
    assert!(settings(&typo).is_err());
    let datetime = SAMPLE.replace("moved_days_off = [2026-03-09]", "moved_days_off = [2026-03-09T10:00:00]");
    assert!(settings(&datetime).is_err());
    let nonsense = SAMPLE.replace("moved_days_off = [2026-03-09]", "moved_days_off = [\"9 March\"]");
    assert!(settings(&nonsense).is_err());
}

#[test]
fn can_be_shared_between_threads() {
    fn shareable<T: Send + Sync + 'static>() {}
    shareable::<BusinessCalendar>();
}

#[test]
fn a_fourteen_day_deadline_takes_microseconds() -> TestResult {
    let cal = sample()?;
    let start = bishkek(2026, 3, 2, 9, 0, 0)?;
    let runs = 2_000u32;
    let began = std::time::Instant::now();
    for offset in 0..runs {
        let at = start + chrono::TimeDelta::minutes(i64::from(offset) * 17);
        std::hint::black_box(cal.due(std::hint::black_box(at), Span::working(14)));
    }
    let per_call = began.elapsed() / runs;
    // Generous even for an unoptimised build on a loaded machine; a real run is ~1 µs.
    assert!(per_call < std::time::Duration::from_micros(200), "{per_call:?} per call");
    Ok(())
}
