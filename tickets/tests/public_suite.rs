//! The public side's reads on every backend: Open311's requests never include a corruption
//! report (not by number either), filters select what they say, and the `/metrics` gauges count.

#![allow(clippy::unwrap_used, clippy::expect_used)]

// The harness serves every suite; this one does not need the calendar.
#[allow(dead_code)]
mod support;

use chrono::Duration;
use classifier::{Agency, Kind, Lang};
use tickets::clock::Clock;
use tickets::domain::{Actor, NewOfficer, NewTicket, Role, Routing, TicketStatus};
use tickets::lifecycle::{Change, StatusChange};
use tickets::store::RequestFilter;

use support::each_backend;

fn ticket(kind: Kind, agency: Agency, implicated: Option<Agency>) -> NewTicket {
    let routing = Routing { kind, agency: agency.into(), implicated: implicated.map(Into::into), lang: Lang::Ky };
    NewTicket::new(routing, None, true).unwrap().with_place(Some("osh".into()), None)
}

fn all() -> RequestFilter {
    RequestFilter { limit: 100, ..RequestFilter::default() }
}

#[tokio::test]
async fn requests_filter_and_never_show_corruption() {
    each_backend(|h| async move {
        let first = h.desk.open(&ticket(Kind::Complaint, Agency::Health, None)).await.unwrap().number;
        h.clock.advance(Duration::days(2));
        let second = h.desk.open(&ticket(Kind::Question, Agency::Police, None)).await.unwrap().number;
        let bribe =
            h.desk.open(&ticket(Kind::Corruption, Agency::Anticorruption, Some(Agency::Police))).await.unwrap().number;
        let officer = NewOfficer { telegram_user_id: 7, agency: Agency::Health.into(), role: Role::Officer };
        let officer_id = h.store.add_officer(officer, h.clock.now()).await.unwrap().id;
        for change in [StatusChange::Assign { officer_id }, StatusChange::Answer] {
            h.desk.change(&first, Change::Status(change), Actor::SYSTEM).await.unwrap();
        }

        let listed: Vec<_> = h.store.public_requests(&all()).await.unwrap().into_iter().map(|t| t.number).collect();
        assert_eq!(listed, vec![second.clone(), first.clone()], "{}: newest first, no corruption", h.label);
        let by_number = RequestFilter { numbers: vec![bribe.clone()], ..all() };
        assert!(h.store.public_requests(&by_number).await.unwrap().is_empty(), "{}", h.label);
        let both = RequestFilter { numbers: vec![first.clone(), bribe], ..all() };
        assert_eq!(h.store.public_requests(&both).await.unwrap().len(), 1, "{}", h.label);
        let closed = RequestFilter { open: Some(false), ..all() };
        let closed: Vec<_> = h.store.public_requests(&closed).await.unwrap().into_iter().map(|t| t.number).collect();
        assert_eq!(closed, vec![first.clone()], "{}: answered counts as closed", h.label);
        let open = RequestFilter { open: Some(true), kind: Some(Kind::Question), ..all() };
        assert_eq!(h.store.public_requests(&open).await.unwrap().len(), 1, "{}", h.label);
        let late = RequestFilter { start: Some(h.clock.now() - Duration::hours(1)), ..all() };
        let late: Vec<_> = h.store.public_requests(&late).await.unwrap().into_iter().map(|t| t.number).collect();
        assert_eq!(late, vec![second.clone()], "{}: start_date", h.label);
        let early = RequestFilter { end: Some(h.clock.now() - Duration::hours(1)), ..all() };
        let early: Vec<_> = h.store.public_requests(&early).await.unwrap().into_iter().map(|t| t.number).collect();
        assert_eq!(early, vec![first], "{}: end_date", h.label);
        let one = RequestFilter { limit: 1, ..all() };
        assert_eq!(h.store.public_requests(&one).await.unwrap().len(), 1, "{}", h.label);

        let statuses = h.store.tickets_by_status().await.unwrap();
        assert!(statuses.contains(&(TicketStatus::New, 2)), "{}: {statuses:?}", h.label);
        assert!(statuses.contains(&(TicketStatus::Answered, 1)), "{}: {statuses:?}", h.label);
        h
    })
    .await;
}

#[tokio::test]
async fn the_oldest_due_job_gives_the_reminder_lag() {
    each_backend(|h| async move {
        assert_eq!(h.store.oldest_due_job(h.clock.now()).await.unwrap(), None, "{}", h.label);
        // Opening a ticket schedules its reminders; weeks later they are all due.
        h.desk.open(&ticket(Kind::Complaint, Agency::Health, None)).await.unwrap();
        let later = h.clock.now() + Duration::days(60);
        let oldest = h.store.oldest_due_job(later).await.unwrap().expect("a due job");
        assert!(oldest > h.clock.now() && oldest <= later, "{}: {oldest}", h.label);
        h
    })
    .await;
}
