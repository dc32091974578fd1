//! Durable jobs and reminders, on every backend (see `support`): claims with leases, dedupe,
//! crashes, two claimers, and reminders across simulated weeks with holidays and downtime.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

use chrono::{DateTime, Duration, TimeZone, Utc};
use chrono_tz::Asia::Bishkek;
use classifier::{Agency, Kind, Lang};
use tickets::calendar::Span;
use tickets::clock::Clock;
use tickets::domain::{Actor, ChatLang, NewOfficer, NewTicket, Officer, Role, Routing, Ticket};
use tickets::lifecycle::{Change, StatusChange};
use tickets::queues::NewOutboxItem;
use tickets::reminders::{DigestLine, Notifier, Recipients, ReminderKind, RunnerLease, ensure_digest, run_due};
use tickets::store::{NewJob, Store};

use support::{Harness, each_backend};

fn job(key: &str, run_at: DateTime<Utc>) -> NewJob {
    NewJob { kind: "test".into(), payload: key.into(), run_at, dedupe_key: Some(key.into()) }
}

async fn enqueue(store: &dyn Store, jobs: &[NewJob], at: DateTime<Utc>) -> u64 {
    let mut tx = store.begin().await.unwrap();
    let added = tx.enqueue_many(jobs, at).await.unwrap();
    tx.commit().await.unwrap();
    added
}

fn bishkek(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Bishkek.with_ymd_and_hms(y, m, d, h, min, 0).unwrap().with_timezone(&Utc)
}

fn local(at: DateTime<Utc>) -> String {
    at.with_timezone(&Bishkek).format("%a %Y-%m-%d %H:%M").to_string()
}

#[tokio::test]
async fn the_same_dedupe_key_is_enqueued_once() {
    each_backend(|h| async move {
        let now = h.clock.now();
        let mut tx = h.store.begin().await.unwrap();
        assert!(tx.enqueue(&job("a", now), now).await.unwrap().is_some());
        assert_eq!(tx.enqueue(&job("a", now + Duration::hours(1)), now).await.unwrap(), None, "{}", h.label);
        tx.commit().await.unwrap();
        let many: Vec<NewJob> = ["a", "b", "c", "b"].iter().map(|k| job(k, now)).collect();
        assert_eq!(enqueue(h.store.as_ref(), &many, now).await, 2, "{}", h.label);
        assert_eq!(h.store.jobs_of_kind("test", 10).await.unwrap().len(), 3);
        h
    })
    .await;
}

#[tokio::test]
async fn due_jobs_are_claimed_earliest_first_and_a_lease_keeps_others_out() {
    each_backend(|h| async move {
        let now = h.clock.now();
        let jobs = [
            job("late", now - Duration::minutes(1)),
            job("early", now - Duration::hours(1)),
            job("future", now + Duration::minutes(1)),
        ];
        enqueue(h.store.as_ref(), &jobs, now).await;
        let claimed = h.store.claim_jobs(now, now + Duration::minutes(5), "a", 10).await.unwrap();
        let keys: Vec<&str> = claimed.iter().map(|j| j.payload.as_str()).collect();
        assert_eq!(keys, ["early", "late"], "{}", h.label);
        assert!(h.store.claim_jobs(now, now + Duration::minutes(5), "b", 10).await.unwrap().is_empty());
        let mut tx = h.store.begin().await.unwrap();
        assert!(tx.complete_job(&claimed[0]).await.unwrap());
        tx.commit().await.unwrap();
        // Much later, the completed job stays done; the other one's lease expired.
        let later = now + Duration::minutes(10);
        let again: Vec<String> = h
            .store
            .claim_jobs(later, later + Duration::minutes(5), "b", 10)
            .await
            .unwrap()
            .into_iter()
            .map(|j| j.payload)
            .collect();
        assert_eq!(again, ["late", "future"], "{}", h.label);
        h
    })
    .await;
}

#[tokio::test]
async fn a_lease_that_expires_after_a_crash_is_claimed_again_and_the_crashed_worker_commits_nothing() {
    each_backend(|h| async move {
        let now = h.clock.now();
        enqueue(h.store.as_ref(), &[job("remind", now)], now).await;
        let lease = Duration::minutes(5);
        // Worker A claims, queues a message in a transaction it never commits, and "dies".
        let a = h.store.claim_jobs(now, now + lease, "a", 1).await.unwrap().pop().unwrap();
        {
            let mut tx = h.store.begin().await.unwrap();
            let item =
                NewOutboxItem { chat_id: 5, method: "sendMessage".into(), payload: "{}".into(), not_before: now };
            tx.outbox_push(&item, now).await.unwrap();
            drop(tx);
        }
        let soon = now + Duration::minutes(1);
        assert!(h.store.claim_jobs(soon, soon + lease, "b", 1).await.unwrap().is_empty(), "{}", h.label);
        let after = now + Duration::minutes(6);
        let b = h.store.claim_jobs(after, after + lease, "b", 1).await.unwrap().pop().unwrap();
        assert_eq!((b.id, b.attempt), (a.id, 2), "{}", h.label);
        // A comes back to life: its lease is no longer the job's, so it must not commit.
        let mut late = h.store.begin().await.unwrap();
        assert!(!late.complete_job(&a).await.unwrap(), "{}", h.label);
        drop(late);
        let mut tx = h.store.begin().await.unwrap();
        assert!(tx.complete_job(&b).await.unwrap());
        tx.commit().await.unwrap();
        assert_eq!(
            h.store.outbox_depth().await.unwrap(),
            0,
            "{}: the crashed worker's message was rolled back",
            h.label
        );
        let stored = h.store.jobs_of_kind("test", 10).await.unwrap();
        assert_eq!(stored[0].state, "done");
        h
    })
    .await;
}

#[tokio::test]
async fn two_concurrent_claimers_never_get_the_same_job() {
    each_backend(|h| async move {
        let now = h.clock.now();
        let jobs: Vec<NewJob> = (0..300).map(|i| job(&format!("j{i}"), now - Duration::seconds(i))).collect();
        enqueue(h.store.as_ref(), &jobs, now).await;
        let claimer = |store: Arc<dyn Store>, name: &'static str| async move {
            let mut mine = Vec::new();
            loop {
                let batch = store.claim_jobs(now, now + Duration::minutes(5), name, 7).await.unwrap();
                if batch.is_empty() {
                    return mine;
                }
                mine.extend(batch.into_iter().map(|j| j.id));
            }
        };
        let (a, b) =
            tokio::join!(tokio::spawn(claimer(h.store.clone(), "a")), tokio::spawn(claimer(h.store.clone(), "b")));
        let (a, b) = (a.unwrap(), b.unwrap());
        let a_set: HashSet<i64> = a.iter().copied().collect();
        let b_set: HashSet<i64> = b.iter().copied().collect();
        assert!(a_set.is_disjoint(&b_set), "{}: a job was claimed twice", h.label);
        assert_eq!(a.len() + b.len(), 300, "{}", h.label);
        assert_eq!(a_set.len() + b_set.len(), 300);
        h
    })
    .await;
}

#[tokio::test]
async fn the_due_jobs_lookup_uses_the_partial_index() {
    each_backend(|h| async move {
        let plan = h.store.explain_due_jobs(h.clock.now()).await.unwrap().join("\n");
        assert!(plan.contains("jobs_pending_run_at"), "{}: {plan}", h.label);
        h
    })
    .await;
}

/// Records every reminder as `kind|ticket` to the officer's chat, and digests as
/// `digest|ticket:term,…`.
struct Recorder;

impl Notifier for Recorder {
    fn reminder(
        &self,
        officer: &Officer,
        _: ChatLang,
        ticket: &Ticket,
        kind: ReminderKind,
        _: Recipients,
        now: DateTime<Utc>,
    ) -> NewOutboxItem {
        item(officer, format!("{}|{}", kind.code(), ticket.number), now)
    }

    fn digest(&self, officer: &Officer, _: ChatLang, lines: &[DigestLine], now: DateTime<Utc>) -> NewOutboxItem {
        let list: Vec<String> = lines
            .iter()
            .map(|l| format!("{}:{}{}", l.ticket, l.term.code(), if l.overdue { "!" } else { "" }))
            .collect();
        item(officer, format!("digest|{}", list.join(",")), now)
    }
}

fn item(officer: &Officer, payload: String, now: DateTime<Utc>) -> NewOutboxItem {
    NewOutboxItem { chat_id: officer.telegram_user_id, method: "sendMessage".into(), payload, not_before: now }
}

fn lease(worker: &str) -> RunnerLease {
    RunnerLease { worker: worker.into(), lease: Duration::minutes(5), batch: 50 }
}

/// Takes what the runner queued: `(local time, chat, payload)`.
async fn drain(store: &dyn Store, now: DateTime<Utc>) -> Vec<(String, i64, String)> {
    let items = store.outbox_claim(now, now + Duration::minutes(1), "test", 1000).await.unwrap();
    let mut out = Vec::new();
    for i in items {
        store.outbox_sent(i.id, now).await.unwrap();
        out.push((local(now), i.chat_id, i.payload));
    }
    out
}

async fn officer(store: &dyn Store, chat: i64, agency: Agency, role: Role, at: DateTime<Utc>) -> Officer {
    store.add_officer(NewOfficer { telegram_user_id: chat, agency: agency.into(), role }, at).await.unwrap()
}

fn complaint(agency: Agency) -> NewTicket {
    let routing = Routing { kind: Kind::Complaint, agency: agency.into(), implicated: None, lang: Lang::Ru };
    NewTicket::new(routing, None, true).unwrap()
}

/// Runs the scheduler every 30 minutes from `from` to `to`, collecting what it queued.
async fn tick(h: &Harness, from: DateTime<Utc>, to: DateTime<Utc>, sent: &mut Vec<(String, i64, String)>) {
    let mut now = from;
    while now <= to {
        h.clock.set(now);
        run_due(h.store.as_ref(), &h.calendar, &Recorder, &lease("w"), now).await.unwrap();
        sent.extend(drain(h.store.as_ref(), now).await);
        now += Duration::minutes(30);
    }
}

#[tokio::test]
async fn reminders_across_the_may_holidays_go_out_once_each_at_the_right_hour() {
    each_backend(|h| async move {
        // Thursday 30 April 2026, 10:00: 1–9 May are holidays, 10 May a Sunday.
        let opened_at = bishkek(2026, 4, 30, 10, 0);
        h.clock.set(opened_at);
        let s = h.store.as_ref();
        let (clerk, other, head) = (
            officer(s, 101, Agency::Health, Role::Officer, opened_at).await,
            officer(s, 102, Agency::Health, Role::Officer, opened_at).await,
            officer(s, 103, Agency::Health, Role::Head, opened_at).await,
        );
        let _police = officer(s, 201, Agency::Police, Role::Officer, opened_at).await;
        ensure_digest(s, &h.calendar, opened_at).await.unwrap();
        let taken = h.desk.open(&complaint(Agency::Health)).await.unwrap();
        let waiting = h.desk.open(&complaint(Agency::Health)).await.unwrap();
        h.desk
            .change(&taken.number, Change::Status(StatusChange::Assign { officer_id: clerk.id }), Actor::SYSTEM)
            .await
            .unwrap();
        // First response: 5 working days after 30 April → 11–15 May, due Friday 15 May 23:59:59.
        assert_eq!(local(taken.deadlines.first_response), "Fri 2026-05-15 23:59");
        let reminders = h.store.jobs_of_kind("reminder.", 20).await.unwrap();
        assert_eq!(reminders.len(), 8, "{}: four per ticket", h.label);

        let mut sent = Vec::new();
        tick(&h, opened_at, bishkek(2026, 5, 15, 12, 0), &mut sent).await;
        // Down from Friday noon to Monday 18 May, 11:00 (the overdue escalation was due Saturday
        // 08:00, two digests were missed): one run then sends each missed thing once.
        tick(&h, bishkek(2026, 5, 18, 11, 0), bishkek(2026, 5, 19, 12, 0), &mut sent).await;

        let (t, w) = (taken.number.to_string(), waiting.number.to_string());
        let mut expected: Vec<(String, i64, String)> = Vec::new();
        let mut add = |at: &str, chat: i64, payload: String| expected.push((at.to_owned(), chat, payload));
        // Thursday 14 May 10:00, one working day before: the assignee for the taken ticket, all
        // three (the head is an officer too) for the waiting one.
        // Digests at 09:00 list what is due by the end of the next working day.
        add("Thu 2026-05-14 09:00", clerk.telegram_user_id, format!("digest|{t}:first_response,{w}:first_response"));
        add("Thu 2026-05-14 09:00", other.telegram_user_id, format!("digest|{w}:first_response"));
        add("Thu 2026-05-14 09:00", head.telegram_user_id, format!("digest|{t}:first_response,{w}:first_response"));
        add("Thu 2026-05-14 10:00", clerk.telegram_user_id, format!("reminder.due_soon.first_response|{t}"));
        add("Thu 2026-05-14 10:00", clerk.telegram_user_id, format!("reminder.due_soon.first_response|{w}"));
        add("Thu 2026-05-14 10:00", other.telegram_user_id, format!("reminder.due_soon.first_response|{w}"));
        add("Thu 2026-05-14 10:00", head.telegram_user_id, format!("reminder.due_soon.first_response|{w}"));
        add("Fri 2026-05-15 09:00", clerk.telegram_user_id, format!("digest|{t}:first_response,{w}:first_response"));
        add("Fri 2026-05-15 09:00", other.telegram_user_id, format!("digest|{w}:first_response"));
        add("Fri 2026-05-15 09:00", head.telegram_user_id, format!("digest|{t}:first_response,{w}:first_response"));
        // After the downtime: the escalations to the head, and one digest, at 11:00.
        add("Mon 2026-05-18 11:00", head.telegram_user_id, format!("reminder.overdue.first_response|{t}"));
        add("Mon 2026-05-18 11:00", head.telegram_user_id, format!("reminder.overdue.first_response|{w}"));
        add("Mon 2026-05-18 11:00", clerk.telegram_user_id, format!("digest|{t}:first_response!,{w}:first_response!"));
        add("Mon 2026-05-18 11:00", other.telegram_user_id, format!("digest|{w}:first_response!"));
        add("Mon 2026-05-18 11:00", head.telegram_user_id, format!("digest|{t}:first_response!,{w}:first_response!"));
        add("Tue 2026-05-19 09:00", clerk.telegram_user_id, format!("digest|{t}:first_response!,{w}:first_response!"));
        add("Tue 2026-05-19 09:00", other.telegram_user_id, format!("digest|{w}:first_response!"));
        add("Tue 2026-05-19 09:00", head.telegram_user_id, format!("digest|{t}:first_response!,{w}:first_response!"));
        sort(&mut sent);
        sort(&mut expected);
        assert_eq!(sent, expected, "{}", h.label);
        // Nothing between 21:00 and 08:00, and the overdue tickets are counted.
        let actions: Vec<String> =
            h.store.audit_log(&taken.number).await.unwrap().into_iter().map(|e| e.action).collect();
        assert_eq!(actions, ["open", "assign", "overdue"], "{}", h.label);
        h
    })
    .await;
}

fn sort(list: &mut [(String, i64, String)]) {
    list.sort();
}

#[tokio::test]
async fn a_quiet_hour_reminder_waits_for_eight_and_an_answered_or_extended_ticket_changes_its_reminders() {
    each_backend(|h| async move {
        let opened_at = bishkek(2026, 3, 2, 10, 0);
        h.clock.set(opened_at);
        let s = h.store.as_ref();
        let clerk = officer(s, 301, Agency::Energy, Role::Officer, opened_at).await;
        let answered = h.desk.open(&complaint(Agency::Energy)).await.unwrap();
        let extended = h.desk.open(&complaint(Agency::Energy)).await.unwrap();
        let assign = |n| Change::Status(StatusChange::Assign { officer_id: n });
        h.desk.change(&answered.number, assign(clerk.id), Actor::SYSTEM).await.unwrap();
        h.desk.change(&answered.number, Change::Status(StatusChange::Answer), Actor::SYSTEM).await.unwrap();
        let moved = h
            .desk
            .change(
                &extended.number,
                Change::Extend { span: Span::calendar(30), reason: "expertise".into() },
                Actor::SYSTEM,
            )
            .await
            .unwrap();
        // The process was down all day: it comes back at 23:00 on the resolution day of the
        // original deadline, after every first-response reminder was due.
        let back = extended.deadlines.resolution - Duration::minutes(59);
        assert_eq!(local(back), "Mon 2026-03-23 23:00");
        let report = run_due(s, &h.calendar, &Recorder, &lease("w"), back).await.unwrap();
        assert_eq!(report.queued, 0, "{}: quiet hours", h.label);
        assert!(drain(s, back).await.is_empty());
        let morning = bishkek(2026, 3, 24, 8, 0);
        let mut sent = Vec::new();
        tick(&h, morning, morning + Duration::hours(1), &mut sent).await;
        let payloads: BTreeMap<String, usize> = sent.iter().fold(BTreeMap::new(), |mut m, (_, _, p)| {
            *m.entry(p.clone()).or_default() += 1;
            m
        });
        let e = extended.number.to_string();
        // Only the extended ticket's first response is late; its resolution reminders moved
        // with the extension, and the answered ticket sends nothing.
        let expected: BTreeMap<String, usize> =
            [(format!("reminder.overdue.first_response|{e}"), 1)].into_iter().collect();
        assert_eq!(payloads, expected, "{}: {sent:?}", h.label);
        assert!(sent.iter().all(|(at, _, _)| at == "Tue 2026-03-24 08:00"));
        let moved_jobs: Vec<_> = h
            .store
            .jobs_of_kind("reminder.due_soon.resolution", 10)
            .await
            .unwrap()
            .into_iter()
            .filter(|j| j.payload.starts_with(&e) && j.state == "pending")
            .collect();
        assert_eq!(moved_jobs.len(), 1, "{}", h.label);
        assert_eq!(moved_jobs[0].payload, format!("{e} {}", moved.deadlines.resolution.timestamp()));
        h
    })
    .await;
}

#[tokio::test]
async fn nothing_is_queued_to_a_chat_that_blocked_the_bot() {
    each_backend(|h| async move {
        let now = bishkek(2026, 3, 2, 10, 0);
        let s = h.store.as_ref();
        let blocked = officer(s, 401, Agency::Transport, Role::Officer, now).await;
        let fine = officer(s, 402, Agency::Transport, Role::Officer, now).await;
        s.mark_chat_blocked(blocked.telegram_user_id, "403", now).await.unwrap();
        assert!(s.is_chat_blocked(401).await.unwrap());
        h.clock.set(now);
        h.desk.open(&complaint(Agency::Transport)).await.unwrap();
        let mut sent = Vec::new();
        tick(&h, bishkek(2026, 3, 6, 10, 0), bishkek(2026, 3, 6, 10, 0), &mut sent).await;
        let chats: Vec<i64> = sent.iter().map(|(_, c, _)| *c).collect();
        assert_eq!(chats, [fine.telegram_user_id], "{}", h.label);
        h
    })
    .await;
}
