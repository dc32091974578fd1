//! The pure parts: quiet hours, job names, digest times.

#![allow(clippy::unwrap_used)]

use chrono::{DateTime, TimeZone, Utc};
use chrono_tz::Asia::Bishkek;

use super::*;
use crate::calendar::{BusinessCalendar, CalendarSettings};

fn calendar() -> BusinessCalendar {
    let settings: CalendarSettings = toml::from_str(include_str!("../../../config/calendar.toml")).unwrap();
    BusinessCalendar::new(&settings).unwrap()
}

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Bishkek.with_ymd_and_hms(y, m, d, h, min, 0).unwrap().with_timezone(&Utc)
}

#[test]
fn quiet_hours_run_from_nine_in_the_evening_to_eight_in_the_morning_bishkek_time() {
    assert_eq!(quiet_until(Bishkek, at(2026, 3, 2, 20, 59)), None);
    assert_eq!(quiet_until(Bishkek, at(2026, 3, 2, 21, 0)), Some(at(2026, 3, 3, 8, 0)));
    assert_eq!(quiet_until(Bishkek, at(2026, 3, 3, 0, 30)), Some(at(2026, 3, 3, 8, 0)));
    assert_eq!(quiet_until(Bishkek, at(2026, 3, 3, 7, 59)), Some(at(2026, 3, 3, 8, 0)));
    assert_eq!(quiet_until(Bishkek, at(2026, 3, 3, 8, 0)), None);
}

#[test]
fn a_reminder_job_reads_back_and_rejects_what_is_not_one() {
    let job = ReminderJob {
        kind: ReminderKind::Overdue(Term::Resolution),
        ticket: "KR-2026-000123".parse().unwrap(),
        deadline: at(2026, 3, 23, 23, 59),
    };
    assert_eq!(ReminderJob::parse(&job.kind.code(), &job.payload()), Some(job.clone()));
    assert_eq!(job.kind.code(), "reminder.overdue.resolution");
    assert!(job.dedupe_key().starts_with("reminder.overdue.resolution:KR-2026-000123:"));
    assert_eq!(ReminderJob::parse("digest", &job.payload()), None);
    assert_eq!(ReminderJob::parse(&job.kind.code(), "KR-2026-000123"), None);
    assert_eq!(ReminderJob::parse(&job.kind.code(), "nonsense 12"), None);
}

#[test]
fn the_digest_runs_at_nine_on_working_days_only() {
    let calendar = calendar();
    // Friday 8:00 → Friday 9:00; Friday 9:00 → Monday 9:00.
    assert_eq!(next_digest_at(at(2026, 3, 6, 8, 0), &calendar), at(2026, 3, 6, 9, 0));
    assert_eq!(next_digest_at(at(2026, 3, 6, 9, 0), &calendar), at(2026, 3, 9, 9, 0));
    // Thursday 30 April after nine: 1–9 May are holidays, 10 May is a Sunday.
    let job = next_digest(at(2026, 4, 30, 10, 0), &calendar);
    assert_eq!(job.run_at, at(2026, 5, 11, 9, 0));
    assert_eq!(job.dedupe_key.as_deref(), Some("digest:2026-05-11"));
}
