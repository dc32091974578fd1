//! Every definition with a worked example, on the shipped 2026 calendar.

use chrono::{Duration, TimeZone};
use chrono_tz::Asia::Bishkek;
use classifier::{Agency, Lang};

use super::*;
use crate::calendar::CalendarSettings;
use crate::stats::open_data::OpenDataRow;

fn calendar() -> BusinessCalendar {
    let settings: CalendarSettings = toml::from_str(include_str!("../../../config/calendar.toml")).unwrap();
    BusinessCalendar::new(&settings).unwrap()
}

fn bishkek(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
    Bishkek.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap().with_timezone(&Utc)
}

/// A complaint to health opened Monday 2 March 2026 10:00, due by the end of Tuesday 10 March
/// (given here, not computed: these tests are about statistics, not the SLA).
fn complaint() -> TicketSource {
    TicketSource {
        id: 1,
        number: TicketNumber::new(2026, 123).unwrap(),
        kind: Kind::Complaint,
        agency: Agency::Health.into(),
        implicated: None,
        lang: Lang::Ky,
        region: Some("osh".into()),
        district: Some("kara_suu".into()),
        status: TicketStatus::New,
        synthetic: false,
        created_at: bishkek(2026, 3, 2, 10),
        resolution_due: bishkek(2026, 3, 10, 23) + Duration::minutes(59) + Duration::seconds(59),
        first_response_at: None,
        answered_at: None,
        closed_at: None,
        redirect_count: 0,
        brushoff_count: 0,
        reopen_count: 0,
        rating: None,
        gender: Some(Gender::Female),
        age_band: Some(AgeBand::From30To44),
        disability: None,
    }
}

fn answered_at(mut ticket: TicketSource, at: DateTime<Utc>) -> TicketSource {
    ticket.status = TicketStatus::Answered;
    ticket.first_response_at = Some(at);
    ticket.answered_at = Some(at);
    ticket
}

#[test]
fn the_median_is_the_lower_middle_and_p90_the_nearest_rank() {
    let ones = |values: &[i64]| values.iter().map(|v| (*v, 1)).collect::<Vec<_>>();
    assert_eq!(percentile(&ones(&[4, 1, 3, 2]), 50), Some(2));
    assert_eq!(percentile(&ones(&[5, 1, 3, 2, 4]), 50), Some(3));
    assert_eq!(percentile(&ones(&(1..=10).collect::<Vec<_>>()), 90), Some(9));
    assert_eq!(percentile(&ones(&(1..=100).collect::<Vec<_>>()), 90), Some(90));
    assert_eq!(percentile(&ones(&[7]), 90), Some(7));
    assert_eq!(percentile(&[], 50), None);
    // Counts weigh: nine tickets at 1 hour and one at 100 hours.
    assert_eq!(percentile(&[(100, 1), (1, 9)], 50), Some(1));
    assert_eq!(percentile(&[(100, 1), (1, 9)], 90), Some(1));
    assert_eq!(percentile(&[(100, 2), (1, 9)], 90), Some(100));
}

#[test]
fn a_weekend_and_a_holiday_add_hours_but_no_working_days() {
    let calendar = calendar();
    // Thursday 19 March 10:00 to Monday 23 March 10:00: Friday 20 March is Orozo Ait, then the
    // weekend; 14 working hours on Thursday and 10 on Monday make one working day.
    let elapsed = Elapsed::between(&calendar, bishkek(2026, 3, 19, 10), bishkek(2026, 3, 23, 10));
    assert_eq!(elapsed, Elapsed { hours: 96, working_tenths: 10 });
    // Monday 10:00 to Monday 17:12 the same day: 7.2 hours, 0.3 working days.
    let start = bishkek(2026, 3, 2, 10);
    let elapsed = Elapsed::between(&calendar, start, start + Duration::minutes(7 * 60 + 12));
    assert_eq!(elapsed, Elapsed { hours: 7, working_tenths: 3 });
    // Rounded down: one second short of a day is 0.9.
    let elapsed = Elapsed::between(&calendar, start, start + Duration::days(1) - Duration::seconds(1));
    assert_eq!(elapsed, Elapsed { hours: 23, working_tenths: 9 });
    assert_eq!(Elapsed::between(&calendar, start, start - Duration::hours(1)), Elapsed { hours: 0, working_tenths: 0 });
}

#[test]
fn an_answer_by_the_last_second_of_the_deadline_is_on_time() {
    let calendar = calendar();
    let ticket = complaint();
    let on_the_dot = TicketFacts::of(&answered_at(ticket.clone(), ticket.resolution_due), &calendar);
    assert_eq!(on_the_dot.on_time, Some(true));
    let late = TicketFacts::of(&answered_at(ticket.clone(), ticket.resolution_due + Duration::seconds(1)), &calendar);
    assert_eq!(late.on_time, Some(false));
}

#[test]
fn a_lawful_extension_makes_a_later_answer_on_time_and_the_open_ticket_not_overdue() {
    let calendar = calendar();
    let original_due = complaint().resolution_due;
    let mut extended = complaint();
    extended.resolution_due = calendar.due(original_due, crate::calendar::Span::calendar(30));
    let after_the_original = original_due + Duration::days(3);
    assert!(!overdue(Outcome::Open, extended.resolution_due, after_the_original));
    assert!(overdue(Outcome::Open, original_due, after_the_original));
    let facts = TicketFacts::of(&answered_at(extended, after_the_original), &calendar);
    assert_eq!(facts.on_time, Some(true));
    // Without the extension the same answer is late.
    let facts = TicketFacts::of(&answered_at(complaint(), after_the_original), &calendar);
    assert_eq!(facts.on_time, Some(false));
}

#[test]
fn only_an_open_ticket_can_be_overdue() {
    let due = complaint().resolution_due;
    let later = due + Duration::hours(1);
    assert!(overdue(Outcome::Open, due, later));
    assert!(!overdue(Outcome::Open, due, due));
    for outcome in [Outcome::Answered, Outcome::Closed, Outcome::Withdrawn] {
        assert!(!overdue(outcome, due, later), "{outcome:?}");
    }
}

#[test]
fn outcomes_group_the_statuses() {
    assert_eq!(Outcome::of(TicketStatus::New), Outcome::Open);
    assert_eq!(Outcome::of(TicketStatus::Assigned), Outcome::Open);
    assert_eq!(Outcome::of(TicketStatus::Redirected), Outcome::Open);
    assert_eq!(Outcome::of(TicketStatus::Reopened), Outcome::Open);
    assert_eq!(Outcome::of(TicketStatus::Answered), Outcome::Answered);
    assert_eq!(Outcome::of(TicketStatus::Closed), Outcome::Closed);
    assert_eq!(Outcome::of(TicketStatus::Withdrawn), Outcome::Withdrawn);
}

#[test]
fn a_reopened_ticket_is_open_and_its_old_answer_is_not_judged() {
    let calendar = calendar();
    let mut ticket = answered_at(complaint(), bishkek(2026, 3, 3, 10));
    ticket.status = TicketStatus::Reopened;
    ticket.reopen_count = 1;
    let facts = TicketFacts::of(&ticket, &calendar);
    assert_eq!(facts.outcome, Outcome::Open);
    assert_eq!(facts.on_time, None);
    assert_eq!(facts.resolution, None);
    assert!(facts.reopened);
    // The first response stays: it happened.
    assert_eq!(facts.first_response, Some(Elapsed { hours: 24, working_tenths: 10 }));
}

#[test]
fn facts_keep_the_place_language_profile_and_month_of_an_ordinary_ticket() {
    let facts = TicketFacts::of(&complaint(), &calendar());
    assert_eq!(facts.month, "2026-03");
    assert_eq!((facts.region.as_deref(), facts.district.as_deref()), (Some("osh"), Some("kara_suu")));
    assert_eq!(facts.lang.as_deref(), Some("ky"));
    assert_eq!(facts.gender.as_deref(), Some("female"));
    assert_eq!(facts.age_band.as_deref(), Some("30_44"));
    assert_eq!(facts.disability, None, "not volunteered is unknown, not a value");
}

#[test]
fn the_month_is_bishkeks() {
    // 31 March 2026 20:00 UTC is already 1 April in Bishkek.
    let at = Utc.with_ymd_and_hms(2026, 3, 31, 20, 0, 0).unwrap();
    assert_eq!(month_of(Bishkek, at), "2026-04");
}

fn corruption_report() -> TicketSource {
    TicketSource {
        kind: Kind::Corruption,
        agency: Agency::Anticorruption.into(),
        implicated: Some(Agency::Police.into()),
        lang: Lang::Ru,
        ..answered_at(complaint(), bishkek(2026, 3, 4, 12))
    }
}

#[test]
fn a_corruption_report_keeps_only_agency_implicated_body_month_and_outcome() {
    let facts = TicketFacts::of(&corruption_report(), &calendar());
    assert_eq!(facts.agency, "anticorruption");
    assert_eq!(facts.implicated.as_deref(), Some("police"));
    assert_eq!(facts.month, "2026-03");
    assert_eq!(facts.outcome, Outcome::Answered);
    assert_eq!(facts.on_time, Some(true));
    for (what, value) in [
        ("lang", &facts.lang),
        ("region", &facts.region),
        ("district", &facts.district),
        ("gender", &facts.gender),
        ("age band", &facts.age_band),
        ("disability", &facts.disability),
    ] {
        assert_eq!(value.as_deref(), Some(WITHHELD), "{what}");
    }
}

#[test]
fn an_open_data_row_has_dates_not_times_and_no_identity() {
    let mut ticket = answered_at(complaint(), bishkek(2026, 3, 4, 23));
    ticket.status = TicketStatus::Closed;
    ticket.closed_at = Some(bishkek(2026, 3, 6, 9));
    ticket.rating = Some(4);
    let row = OpenDataRow::of(&ticket, Bishkek);
    assert_eq!(
        row.fields(),
        [
            "KR-2026-000123",
            "complaint",
            "health",
            "",
            "osh",
            "2026-03-02",
            "2026-03-04",
            "2026-03-06",
            "closed",
            "yes",
            "4"
        ]
    );
    assert_eq!(OpenDataRow::HEADER.len(), row.fields().len());
}

#[test]
fn an_open_data_corruption_row_shows_no_number_place_dates_or_rating() {
    let mut ticket = corruption_report();
    ticket.rating = Some(1);
    let row = OpenDataRow::of(&ticket, Bishkek);
    assert_eq!(
        row.fields(),
        ["", "corruption", "anticorruption", "police", "", "2026-03", "", "", "answered", "yes", ""]
    );
}
