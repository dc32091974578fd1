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

#[test]
fn reminders_wait_for_eight_on_the_next_working_day_over_nights_weekends_and_holidays() {
    let calendar = calendar();
    // Tuesday noon is working time; Tuesday 21:00 waits for Wednesday 08:00.
    assert_eq!(working_hours_from(&calendar, at(2026, 3, 3, 12, 0)), None);
    assert_eq!(working_hours_from(&calendar, at(2026, 3, 3, 21, 0)), Some(at(2026, 3, 4, 8, 0)));
    assert_eq!(working_hours_from(&calendar, at(2026, 3, 4, 7, 59)), Some(at(2026, 3, 4, 8, 0)));
    // Friday night → Monday; Thursday 19 March night → Monday 23 (Orozo Ait, Nooruz, Sunday).
    assert_eq!(working_hours_from(&calendar, at(2026, 3, 6, 23, 0)), Some(at(2026, 3, 9, 8, 0)));
    assert_eq!(working_hours_from(&calendar, at(2026, 3, 20, 12, 0)), Some(at(2026, 3, 23, 8, 0)));
    // An escalation for a Friday deadline is planned for Monday 08:00, not Saturday.
    let deadline = at(2026, 3, 6, 23, 59) + chrono::Duration::seconds(59);
    assert_eq!(working_hours_from(&calendar, deadline + chrono::Duration::seconds(1)), Some(at(2026, 3, 9, 8, 0)));
}

#[test]
fn a_waiting_reopen_escalation_reads_back_one_job_per_reopen_and_rejects_what_is_not_one() {
    let waiting =
        ReopenEscalation { ticket: "KR-2026-000123".parse().unwrap(), verdict: crate::store::Verdict::BrushOff };
    let reopened = at(2026, 3, 4, 20, 0);
    let job = waiting.job(reopened, reopened + NOBODY_RETRY);
    assert_eq!(job.kind, REOPEN_ESCALATION_KIND);
    assert_eq!(job.payload, "KR-2026-000123 brush_off");
    assert_eq!(ReopenEscalation::parse(&job.kind, &job.payload), Some(waiting.clone()));
    let again = waiting.job(reopened + chrono::Duration::minutes(5), reopened + NOBODY_RETRY);
    assert_ne!(job.dedupe_key, again.dedupe_key, "a second reopen waits with its own job");
    assert_eq!(ReopenEscalation::parse("reminder.due_soon.resolution", &job.payload), None);
    assert_eq!(ReopenEscalation::parse(REOPEN_ESCALATION_KIND, "KR-2026-000123 fine"), None);
    assert_eq!(ReopenEscalation::parse(REOPEN_ESCALATION_KIND, "KR-2026-000123"), None);
}

#[test]
fn a_group_reads_the_language_most_of_its_officers_chose_kyrgyz_on_a_tie() {
    use crate::domain::ChatLang::{Ky, Ru};
    assert_eq!(group_lang(&[]), Ky);
    assert_eq!(group_lang(&[Ru, Ky]), Ky);
    assert_eq!(group_lang(&[Ru, Ru, Ky]), Ru);
}
