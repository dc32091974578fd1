//! The officer desk's storage, run on every backend (see `support`): invites, officers, groups
//! and topics, cards, pending states, the queue, disputes and desk audit entries.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use chrono::Duration;
use classifier::{Agency, Kind, Lang};
use tickets::domain::{Actor, AgencyCode, ChatLang, NewTicket, Role, Routing};
use tickets::lifecycle::{Change, StatusChange};
use tickets::store::{NewInvite, QueueFilter, Redemption, Verdict};

use support::{Harness, each_backend};

fn complaint(agency: Agency) -> NewTicket {
    let routing = Routing { kind: Kind::Complaint, agency: agency.into(), implicated: None, lang: Lang::Ky };
    NewTicket::new(routing, None, true).unwrap()
}

async fn invite(h: &Harness, hash: &str, agency: Agency, role: Role, valid_for: Duration) {
    let now = h.desk.now();
    let agency = AgencyCode::from(agency);
    let mut tx = h.store.begin().await.unwrap();
    tx.create_invite(&NewInvite {
        token_hash: hash,
        agency: &agency,
        role,
        created_at: now,
        expires_at: now + valid_for,
    })
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

async fn redeem(h: &Harness, hash: &str, user: i64) -> Redemption {
    let mut tx = h.store.begin().await.unwrap();
    let redemption = tx.redeem_invite(hash, user, ChatLang::Ky, h.desk.now()).await.unwrap();
    tx.commit().await.unwrap();
    redemption
}

#[tokio::test]
async fn an_invite_binds_once_and_an_expired_or_unknown_one_binds_nobody() {
    each_backend(|h| async move {
        invite(&h, "hash-a", Agency::Health, Role::Officer, Duration::days(7)).await;
        let Redemption::Bound(bound) = redeem(&h, "hash-a", 5001).await else { panic!("{}: not bound", h.label) };
        assert_eq!(bound.officer.agency, AgencyCode::from(Agency::Health));
        assert_eq!(bound.officer.role, Role::Officer);
        assert_eq!(bound.lang, ChatLang::Ky);
        assert!(bound.officer.active);
        assert_eq!(redeem(&h, "hash-a", 5002).await, Redemption::Used, "{}", h.label);
        assert_eq!(redeem(&h, "hash-nothing", 5002).await, Redemption::Unknown);
        invite(&h, "hash-b", Agency::Police, Role::Head, Duration::hours(1)).await;
        h.clock.advance(Duration::hours(2));
        assert_eq!(redeem(&h, "hash-b", 5002).await, Redemption::Expired, "{}", h.label);
        // Only the bound user is an officer; the audit log has the binding.
        let officers = h.store.bound_officers(None).await.unwrap();
        assert_eq!(officers.len(), 1);
        assert_eq!(officers[0].officer.telegram_user_id, 5001);
        let bound_entries = h.store.audit_entries("officer_bound").await.unwrap();
        assert_eq!(bound_entries.len(), 1);
        assert_eq!(bound_entries[0].actor, Actor::officer(bound.officer.id));
        h
    })
    .await;
}

#[tokio::test]
async fn a_disabled_officer_invited_again_is_moved_and_enabled() {
    each_backend(|h| async move {
        invite(&h, "first", Agency::Health, Role::Officer, Duration::days(1)).await;
        let Redemption::Bound(first) = redeem(&h, "first", 6001).await else { panic!() };
        let mut tx = h.store.begin().await.unwrap();
        assert!(tx.set_officer_active(first.officer.id, false).await.unwrap());
        assert!(!tx.set_officer_active(999_999, false).await.unwrap());
        tx.commit().await.unwrap();
        let mut tx = h.store.begin().await.unwrap();
        assert!(!tx.officer_by_user(6001).await.unwrap().unwrap().officer.active);
        assert!(tx.active_officers(&Agency::Health.into()).await.unwrap().is_empty());
        drop(tx);
        invite(&h, "second", Agency::Police, Role::Head, Duration::days(1)).await;
        let Redemption::Bound(second) = redeem(&h, "second", 6001).await else { panic!() };
        assert_eq!(second.officer.id, first.officer.id, "{}", h.label);
        assert_eq!(second.officer.agency, AgencyCode::from(Agency::Police));
        assert_eq!(second.officer.role, Role::Head);
        assert!(second.officer.active);
        h
    })
    .await;
}

#[tokio::test]
async fn groups_topics_and_cards_lead_back_to_their_ticket() {
    each_backend(|h| async move {
        let ticket = h.desk.open(&complaint(Agency::Health)).await.unwrap();
        let health = AgencyCode::from(Agency::Health);
        let now = h.desk.now();
        let mut tx = h.store.begin().await.unwrap();
        tx.link_group(&health, -100_123, now).await.unwrap();
        tx.link_group(&health, -100_456, now).await.unwrap();
        assert_eq!(tx.group_of_agency(&health).await.unwrap(), Some(-100_456), "{}", h.label);
        assert_eq!(tx.agency_of_group(-100_456).await.unwrap(), Some(health.clone()));
        assert_eq!(tx.agency_of_group(-100_123).await.unwrap(), None);
        tx.set_ticket_topic(ticket.id, -100_456, None, now).await.unwrap();
        assert_eq!(tx.topic_of_ticket(ticket.id).await.unwrap(), Some((-100_456, None)));
        tx.set_ticket_topic(ticket.id, -100_456, Some(77), now).await.unwrap();
        assert_eq!(tx.ticket_of_topic(-100_456, 77).await.unwrap().map(|t| t.number), Some(ticket.number.clone()));
        assert_eq!(tx.ticket_of_topic(-100_456, 78).await.unwrap(), None);
        tx.remember_card(4242, 10, ticket.id).await.unwrap();
        assert_eq!(tx.ticket_of_card(4242, 10).await.unwrap().map(|t| t.id), Some(ticket.id));
        assert_eq!(tx.ticket_of_card(4242, 11).await.unwrap(), None);
        tx.commit().await.unwrap();
        assert_eq!(h.store.agency_groups().await.unwrap(), vec![(health, -100_456)]);
        h
    })
    .await;
}

#[tokio::test]
async fn a_pending_state_is_kept_until_cleared() {
    each_backend(|h| async move {
        invite(&h, "p", Agency::Health, Role::Officer, Duration::days(1)).await;
        let Redemption::Bound(officer) = redeem(&h, "p", 7001).await else { panic!() };
        let id = officer.officer.id;
        let now = h.desk.now();
        let mut tx = h.store.begin().await.unwrap();
        assert_eq!(tx.officer_pending(id).await.unwrap(), None);
        tx.set_officer_pending(id, Some("{\"reply\":1}"), now).await.unwrap();
        tx.set_officer_pending(id, Some("{\"reply\":2}"), now).await.unwrap();
        assert_eq!(tx.officer_pending(id).await.unwrap().as_deref(), Some("{\"reply\":2}"));
        tx.set_officer_pending(id, None, now).await.unwrap();
        assert_eq!(tx.officer_pending(id).await.unwrap(), None, "{}", h.label);
        tx.commit().await.unwrap();
        h
    })
    .await;
}

#[tokio::test]
async fn the_queue_filters_mine_unassigned_overdue_and_due_soon() {
    each_backend(|h| async move {
        invite(&h, "q", Agency::Health, Role::Officer, Duration::days(1)).await;
        let Redemption::Bound(officer) = redeem(&h, "q", 8001).await else { panic!() };
        let id = officer.officer.id;
        let taken = h.desk.open(&complaint(Agency::Health)).await.unwrap();
        h.clock.advance(Duration::days(7));
        let fresh = h.desk.open(&complaint(Agency::Health)).await.unwrap();
        let elsewhere = h.desk.open(&complaint(Agency::Police)).await.unwrap();
        h.desk
            .change(&taken.number, Change::Status(StatusChange::Assign { officer_id: id }), Actor::officer(id))
            .await
            .unwrap();
        let health = AgencyCode::from(Agency::Health);
        let numbers = |tickets: Vec<tickets::domain::Ticket>| tickets.into_iter().map(|t| t.number).collect::<Vec<_>>();
        let mut tx = h.store.begin().await.unwrap();
        let all = numbers(tx.officer_queue(&health, QueueFilter::All, 50).await.unwrap());
        assert_eq!(all, vec![taken.number.clone(), fresh.number.clone()], "{}: most urgent first", h.label);
        assert!(!all.contains(&elsewhere.number));
        let mine = numbers(tx.officer_queue(&health, QueueFilter::Mine { officer_id: id }, 50).await.unwrap());
        assert_eq!(mine, vec![taken.number.clone()]);
        let unassigned = numbers(tx.officer_queue(&health, QueueFilter::Unassigned, 50).await.unwrap());
        assert_eq!(unassigned, vec![fresh.number.clone()]);
        // Past the first ticket's deadline, before the second's.
        let now = taken.deadlines.resolution + Duration::hours(1);
        let overdue = numbers(tx.officer_queue(&health, QueueFilter::Overdue { now }, 50).await.unwrap());
        assert_eq!(overdue, vec![taken.number.clone()], "{}", h.label);
        let soon = QueueFilter::DueSoon { now, until: fresh.deadlines.resolution + Duration::seconds(1) };
        assert_eq!(numbers(tx.officer_queue(&health, soon, 50).await.unwrap()), vec![fresh.number.clone()]);
        // "Due soon" as the desk asks it: within one working day.
        let one_working_day = h.calendar.due(now, tickets::calendar::Span::working(1));
        assert!(one_working_day < fresh.deadlines.resolution, "{}", h.label);
        let not_soon = QueueFilter::DueSoon { now, until: one_working_day };
        assert!(tx.officer_queue(&health, not_soon, 50).await.unwrap().is_empty());
        drop(tx);
        // A closed ticket leaves the queue.
        let actor = Actor::officer(id);
        h.desk.change(&taken.number, Change::Status(StatusChange::Answer), actor).await.unwrap();
        let mut tx = h.store.begin().await.unwrap();
        let all = numbers(tx.officer_queue(&health, QueueFilter::All, 50).await.unwrap());
        assert_eq!(all, vec![fresh.number.clone()], "{}", h.label);
        h
    })
    .await;
}

#[tokio::test]
async fn disputes_are_counted_per_agency_that_answered() {
    each_backend(|h| async move {
        let health = h.desk.open(&complaint(Agency::Health)).await.unwrap();
        let police = h.desk.open(&complaint(Agency::Police)).await.unwrap();
        let now = h.desk.now();
        let mut tx = h.store.begin().await.unwrap();
        tx.record_dispute(health.id, &health.agency, Verdict::BrushOff, now).await.unwrap();
        tx.record_dispute(health.id, &health.agency, Verdict::NotResolved, now).await.unwrap();
        tx.record_dispute(police.id, &police.agency, Verdict::BrushOff, now).await.unwrap();
        tx.commit().await.unwrap();
        let counts = h.store.dispute_counts().await.unwrap();
        assert_eq!(counts.len(), 2, "{}", h.label);
        let of = |agency: Agency| counts.iter().find(|c| c.agency == AgencyCode::from(agency)).unwrap();
        assert_eq!((of(Agency::Health).not_resolved, of(Agency::Health).brush_off), (1, 1));
        assert_eq!((of(Agency::Police).not_resolved, of(Agency::Police).brush_off), (0, 1));
        // The statistics read brush-offs from the ticket itself.
        let sources = h.store.ticket_sources(0, 10, true).await.unwrap();
        let brushoffs = |id: i64| sources.iter().find(|s| s.id == id).unwrap().brushoff_count;
        assert_eq!((brushoffs(health.id), brushoffs(police.id)), (1, 1), "{}", h.label);
        h
    })
    .await;
}

#[tokio::test]
async fn the_citizen_chat_of_a_ticket_is_its_citizens_or_its_sealed_channel() {
    each_backend(|h| async move {
        let now = h.desk.now();
        let citizen = h.store.upsert_citizen(9001, ChatLang::Ru, now).await.unwrap();
        let routing =
            Routing { kind: Kind::Complaint, agency: Agency::Health.into(), implicated: None, lang: Lang::Ru };
        let named = h.desk.open(&NewTicket::new(routing, Some(citizen.id), false).unwrap()).await.unwrap();
        let anonymous = h.desk.open(&complaint(Agency::Health)).await.unwrap();
        let unsealed = h.desk.open(&complaint(Agency::Health)).await.unwrap();
        let mut tx = h.store.begin().await.unwrap();
        tx.seal_channel(anonymous.id, 9002, "receipt-hash", now).await.unwrap();
        assert_eq!(tx.citizen_chat_of(named.id).await.unwrap(), Some(9001), "{}", h.label);
        assert_eq!(tx.citizen_chat_of(anonymous.id).await.unwrap(), Some(9002));
        assert_eq!(tx.citizen_chat_of(unsealed.id).await.unwrap(), None);
        assert_eq!(tx.ticket_by_id(named.id).await.unwrap().map(|t| t.number), Some(named.number));
        tx.audit(Some(anonymous.id), Actor::SYSTEM, "officer_refused", Some("reason=closed"), now).await.unwrap();
        tx.commit().await.unwrap();
        let refused = h.store.audit_entries("officer_refused").await.unwrap();
        assert_eq!(refused.len(), 1);
        assert_eq!(refused[0].ticket_id, Some(anonymous.id));
        h
    })
    .await;
}

#[tokio::test]
async fn the_redirect_path_lists_every_agency_in_order() {
    each_backend(|h| async move {
        let ticket = h.desk.open(&complaint(Agency::Police)).await.unwrap();
        let mut tx = h.store.begin().await.unwrap();
        assert_eq!(tx.redirect_path(ticket.id).await.unwrap(), vec![AgencyCode::from(Agency::Police)]);
        assert!(tx.redirect_path(987_654).await.unwrap().is_empty());
        drop(tx);
        for to in [Agency::Social, Agency::Health] {
            let change = Change::Status(StatusChange::Redirect { to: to.into(), reason: "not ours".into() });
            h.desk.change(&ticket.number, change, Actor::ADMIN).await.unwrap();
        }
        let mut tx = h.store.begin().await.unwrap();
        let path = tx.redirect_path(ticket.id).await.unwrap();
        let expected: Vec<AgencyCode> = [Agency::Police, Agency::Social, Agency::Health].map(AgencyCode::from).into();
        assert_eq!(path, expected, "{}", h.label);
        h
    })
    .await;
}
