//! Properties of deadlines over the shipped calendar and the unconfigured years around it
//! (2024 and 2027–2028 count weekends only).

use chrono::{DateTime, Utc};
use proptest::prelude::*;

use super::shipped_config::CALENDAR;
use super::{DayUnit, Span};

/// 2024-01-01T00:00:00Z to 2028-12-31T00:00:00Z, in seconds.
const FROM: i64 = 1_704_067_200;
const TO: i64 = 1_861_833_600;

/// One second in days: a deadline is the last second of its day.
const SECOND: f64 = 1.0 / 86_400.0;

fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    (FROM..TO, 0u32..1_000_000_000)
        .prop_filter_map("representable", |(secs, nanos)| DateTime::from_timestamp(secs, nanos))
}

fn unit() -> impl Strategy<Value = DayUnit> {
    prop_oneof![Just(DayUnit::Working), Just(DayUnit::Calendar)]
}

fn span() -> impl Strategy<Value = Span> {
    (0u32..60, unit()).prop_map(|(days, unit)| Span { days, unit })
}

proptest! {
    #[test]
    fn a_deadline_of_one_day_or_more_falls_on_a_working_day(start in instant(), days in 1u32..60, unit in unit()) {
        let cal = &*CALENDAR;
        let due = cal.due(start, Span { days, unit });
        let local = due.with_timezone(&cal.timezone());
        prop_assert!(cal.is_working_day(local.date_naive()), "{start} + {days} {unit:?} = {local}");
        prop_assert_eq!(local.format("%H:%M:%S").to_string(), "23:59:59");
    }

    #[test]
    fn zero_days_is_identity(start in instant(), unit in unit()) {
        prop_assert_eq!(CALENDAR.due(start, Span { days: 0, unit }), start);
    }

    #[test]
    fn deadlines_are_monotonic_in_the_start(a in instant(), b in instant(), span in span()) {
        let (early, late) = if a <= b { (a, b) } else { (b, a) };
        prop_assert!(CALENDAR.due(early, span) <= CALENDAR.due(late, span));
    }

    #[test]
    fn one_more_working_day_is_strictly_later(start in instant(), days in 1u32..60) {
        prop_assert!(CALENDAR.due(start, Span::working(days + 1)) > CALENDAR.due(start, Span::working(days)));
    }

    #[test]
    fn a_deadline_is_never_before_its_start(start in instant(), span in span()) {
        prop_assert!(CALENDAR.due(start, span) >= start);
    }

    #[test]
    fn a_calendar_term_never_ends_sooner_than_its_days(start in instant(), days in 1u32..60) {
        let cal = &*CALENDAR;
        let received = start.with_timezone(&cal.timezone()).date_naive();
        let last = cal.due(start, Span::calendar(days)).with_timezone(&cal.timezone()).date_naive();
        prop_assert!((last - received).num_days() >= i64::from(days));
    }

    #[test]
    fn a_working_term_measures_between_n_and_n_plus_one_working_days(start in instant(), days in 1u32..60) {
        let n = f64::from(days);
        let measured = CALENDAR.working_days_between(start, CALENDAR.due(start, Span::working(days)));
        prop_assert!(measured >= n - SECOND - 1e-9 && measured < n + 1.0, "{days} days measured {measured}");
    }

    #[test]
    fn working_time_adds_up_over_consecutive_intervals(a in instant(), b in instant(), c in instant()) {
        let mut points = [a, b, c];
        points.sort();
        let [a, b, c] = points;
        let whole = CALENDAR.working_days_between(a, c);
        let parts = CALENDAR.working_days_between(a, b) + CALENDAR.working_days_between(b, c);
        prop_assert!((whole - parts).abs() < 1e-6, "{whole} != {parts}");
        prop_assert!(whole >= 0.0);
        prop_assert!(whole <= (c - a).num_milliseconds() as f64 / 86_400_000.0 + 1e-9);
    }
}
