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
use tickets::reminders::{
    DigestLine, ForumTopic, Notifier, Recipients, ReminderKind, ReopenEscalation, RunnerLease, ensure_digest, run_due,
};
use tickets::store::{NewJob, Store, StoreError, Tx, Verdict};

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

/// Records every reminder as `kind|ticket` to the officer's chat (`topic:thread|kind|ticket` to
/// a forum group), digests as `digest|ticket:term,…`, and a reopen escalation as
/// `escalate.verdict|ticket` to the agency's heads, else its officers, that did not block the bot.
struct Recorder;

#[async_trait::async_trait]
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

    fn topic_reminder(
        &self,
        topic: ForumTopic,
        _: ChatLang,
        ticket: &Ticket,
        kind: ReminderKind,
        now: DateTime<Utc>,
    ) -> NewOutboxItem {
        let payload = format!("topic:{}|{}|{}", topic.thread_id, kind.code(), ticket.number);
        NewOutboxItem { chat_id: topic.chat_id, method: "sendMessage".into(), payload, not_before: now }
    }

    async fn reopen_escalation(
        &self,
        tx: &mut dyn Tx,
        ticket: &Ticket,
        verdict: Verdict,
        now: DateTime<Utc>,
    ) -> Result<usize, StoreError> {
        let active = tx.active_officers(&ticket.agency).await?;
        let heads: Vec<_> = active.iter().filter(|b| b.officer.role == Role::Head).collect();
        let to = if heads.is_empty() { active.iter().collect() } else { heads };
        let mut told = 0;
        for bound in to {
            if !tx.chat_blocked(bound.officer.telegram_user_id).await? {
                let payload = format!("escalate.{}|{}", verdict.code(), ticket.number);
                tx.outbox_push(&item(&bound.officer, payload, now), now).await?;
                told += 1;
            }
        }
        Ok(told)
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

/// Runs the scheduler every hour from `from` to `to`, collecting what it queued.
async fn tick_hourly(h: &Harness, from: DateTime<Utc>, to: DateTime<Utc>, sent: &mut Vec<(String, i64, String)>) {
    let mut now = from;
    while now <= to {
        h.clock.set(now);
        run_due(h.store.as_ref(), &h.calendar, &Recorder, &lease("w"), now).await.unwrap();
        sent.extend(drain(h.store.as_ref(), now).await);
        now += Duration::hours(1);
    }
}

#[tokio::test]
async fn a_reopened_ticket_is_reminded_again_of_the_deadline_it_still_owes_once_each() {
    each_backend(|h| async move {
        // Monday 2 March 2026: resolution due Monday 23 March (Friday 20 is Orozo Ait).
        let opened_at = bishkek(2026, 3, 2, 10, 0);
        h.clock.set(opened_at);
        let s = h.store.as_ref();
        let clerk = officer(s, 701, Agency::Energy, Role::Officer, opened_at).await;
        let head = officer(s, 702, Agency::Energy, Role::Head, opened_at).await;
        let mut numbers = Vec::new();
        for _ in 0..3 {
            let t = h.desk.open(&complaint(Agency::Energy)).await.unwrap();
            h.desk
                .change(&t.number, Change::Status(StatusChange::Assign { officer_id: clerk.id }), Actor::SYSTEM)
                .await
                .unwrap();
            numbers.push(t.number);
        }
        assert_eq!(
            local(h.desk.store().ticket(&numbers[0]).await.unwrap().unwrap().deadlines.resolution),
            "Mon 2026-03-23 23:59"
        );
        h.clock.set(bishkek(2026, 3, 4, 10, 0));
        for n in &numbers {
            h.desk.change(n, Change::Status(StatusChange::Answer), Actor::SYSTEM).await.unwrap();
        }
        let reopen = |at: DateTime<Utc>, n: usize| {
            h.clock.set(at);
            h.desk.change(&numbers[n], Change::Status(StatusChange::Reopen), Actor::CITIZEN)
        };
        let mut sent = Vec::new();
        tick_hourly(&h, bishkek(2026, 3, 4, 11, 0), bishkek(2026, 3, 12, 10, 0), &mut sent).await;
        // A: reopened while its first plan's reminders still wait: they go out once, not twice.
        reopen(bishkek(2026, 3, 12, 11, 0), 0).await.unwrap();
        tick_hourly(&h, bishkek(2026, 3, 12, 12, 0), bishkek(2026, 3, 20, 11, 0), &mut sent).await;
        // B: reopened on the holiday, after its "due soon" moment passed (skipped while answered).
        reopen(bishkek(2026, 3, 20, 12, 0), 1).await.unwrap();
        tick_hourly(&h, bishkek(2026, 3, 20, 13, 0), bishkek(2026, 3, 25, 14, 0), &mut sent).await;
        // C: reopened after the deadline: the escalation follows the next working morning.
        reopen(bishkek(2026, 3, 25, 15, 0), 2).await.unwrap();
        tick_hourly(&h, bishkek(2026, 3, 25, 16, 0), bishkek(2026, 3, 27, 12, 0), &mut sent).await;

        let [a, b, c] = [0, 1, 2].map(|i| numbers[i].to_string());
        let (clerk, head) = (clerk.telegram_user_id, head.telegram_user_id);
        let mut expected = vec![
            ("Thu 2026-03-19 10:00".to_owned(), clerk, format!("reminder.due_soon.resolution|{a}")),
            ("Mon 2026-03-23 08:00".to_owned(), clerk, format!("reminder.due_soon.resolution|{b}")),
            ("Tue 2026-03-24 08:00".to_owned(), head, format!("reminder.overdue.resolution|{a}")),
            ("Tue 2026-03-24 08:00".to_owned(), head, format!("reminder.overdue.resolution|{b}")),
            ("Thu 2026-03-26 10:00".to_owned(), head, format!("reminder.overdue.resolution|{c}")),
        ];
        sort(&mut sent);
        sort(&mut expected);
        assert_eq!(sent, expected, "{}", h.label);
        for n in &numbers {
            let actions: Vec<String> = h.store.audit_log(n).await.unwrap().into_iter().map(|e| e.action).collect();
            assert_eq!(actions, ["open", "assign", "answer", "reopen", "overdue"], "{}: {n}", h.label);
        }
        h
    })
    .await;
}

#[tokio::test]
async fn a_reminder_nobody_can_receive_waits_for_an_officer_and_an_escalation_is_counted_meanwhile() {
    each_backend(|h| async move {
        // First response due Monday 9 March; neither agency has anyone yet.
        let opened_at = bishkek(2026, 3, 2, 10, 0);
        h.clock.set(opened_at);
        let s = h.store.as_ref();
        let early = h.desk.open(&complaint(Agency::Transport)).await.unwrap();
        let late = h.desk.open(&complaint(Agency::Police)).await.unwrap();
        let mut sent = Vec::new();
        // Friday 6 March 10:00 the "due soon" reminders find nobody: they wait, hour by hour,
        // over the weekend (Monday 08:00 is the next try).
        tick(&h, bishkek(2026, 3, 6, 9, 30), bishkek(2026, 3, 9, 8, 0), &mut sent).await;
        assert!(sent.is_empty(), "{}: {sent:?}", h.label);
        let waiting = s.jobs_of_kind("reminder.due_soon.first_response", 10).await.unwrap();
        assert!(
            waiting.iter().all(|j| j.state == "pending" && local(j.run_at) == "Mon 2026-03-09 09:00"),
            "{waiting:?}"
        );
        let clerk = officer(s, 801, Agency::Transport, Role::Officer, bishkek(2026, 3, 9, 8, 30)).await;
        tick(&h, bishkek(2026, 3, 9, 8, 30), bishkek(2026, 3, 11, 9, 0), &mut sent).await;
        // The escalation of the police ticket came due Tuesday 08:00 with nobody to tell: the
        // ticket is counted overdue at once, and the head invited on Wednesday hears of it.
        let overdue: Vec<String> = s.audit_log(&late.number).await.unwrap().into_iter().map(|e| e.action).collect();
        assert_eq!(overdue, ["open", "overdue"], "{}", h.label);
        let boss = officer(s, 901, Agency::Police, Role::Head, bishkek(2026, 3, 11, 9, 30)).await;
        tick(&h, bishkek(2026, 3, 11, 9, 30), bishkek(2026, 3, 12, 12, 0), &mut sent).await;

        let (e, l) = (early.number.to_string(), late.number.to_string());
        let mut expected = vec![
            (
                "Mon 2026-03-09 09:00".to_owned(),
                clerk.telegram_user_id,
                format!("reminder.due_soon.first_response|{e}"),
            ),
            // No head at the transport agency: the escalation goes to its officer.
            ("Tue 2026-03-10 08:00".to_owned(), clerk.telegram_user_id, format!("reminder.overdue.first_response|{e}")),
            ("Wed 2026-03-11 10:00".to_owned(), boss.telegram_user_id, format!("reminder.overdue.first_response|{l}")),
        ];
        sort(&mut sent);
        sort(&mut expected);
        assert_eq!(sent, expected, "{}", h.label);
        let actions: Vec<String> = s.audit_log(&late.number).await.unwrap().into_iter().map(|e| e.action).collect();
        assert_eq!(actions, ["open", "overdue"], "{}: counted once", h.label);
        let pending: Vec<_> = s
            .jobs_of_kind("reminder.", 20)
            .await
            .unwrap()
            .into_iter()
            .filter(|j| j.state == "pending" && j.run_at <= bishkek(2026, 3, 12, 12, 0))
            .collect();
        assert!(pending.is_empty(), "{}: {pending:?}", h.label);
        h
    })
    .await;
}

#[tokio::test]
async fn in_a_forum_group_the_due_soon_reminder_goes_to_the_tickets_topic_escalations_and_digests_stay_private() {
    each_backend(|h| async move {
        // Opened Monday 2 March: first response due Monday 9 March.
        let opened_at = bishkek(2026, 3, 2, 10, 0);
        h.clock.set(opened_at);
        let s = h.store.as_ref();
        let clerk = officer(s, 1001, Agency::Transport, Role::Officer, opened_at).await;
        let head = officer(s, 1002, Agency::Transport, Role::Head, opened_at).await;
        let group = -100_500_i64;
        let in_topic = h.desk.open(&complaint(Agency::Transport)).await.unwrap();
        let no_topic_yet = h.desk.open(&complaint(Agency::Transport)).await.unwrap();
        let mut tx = s.begin().await.unwrap();
        tx.link_group(&Agency::Transport.into(), group, opened_at).await.unwrap();
        tx.set_ticket_topic(in_topic.id, group, Some(77), opened_at).await.unwrap();
        // Telegram has not made this one's topic (yet): its reminders go to private chats.
        tx.set_ticket_topic(no_topic_yet.id, group, None, opened_at).await.unwrap();
        tx.commit().await.unwrap();
        ensure_digest(s, &h.calendar, bishkek(2026, 3, 6, 8, 0)).await.unwrap();
        let mut sent = Vec::new();
        tick(&h, bishkek(2026, 3, 6, 8, 0), bishkek(2026, 3, 10, 9, 30), &mut sent).await;

        let (t, n) = (in_topic.number.to_string(), no_topic_yet.number.to_string());
        let (clerk, head) = (clerk.telegram_user_id, head.telegram_user_id);
        let mut reminders: Vec<_> = sent.iter().filter(|(_, _, p)| !p.starts_with("digest|")).cloned().collect();
        let mut expected = vec![
            ("Fri 2026-03-06 10:00".to_owned(), group, format!("topic:77|reminder.due_soon.first_response|{t}")),
            ("Fri 2026-03-06 10:00".to_owned(), clerk, format!("reminder.due_soon.first_response|{n}")),
            ("Fri 2026-03-06 10:00".to_owned(), head, format!("reminder.due_soon.first_response|{n}")),
            ("Tue 2026-03-10 08:00".to_owned(), head, format!("reminder.overdue.first_response|{t}")),
            ("Tue 2026-03-10 08:00".to_owned(), head, format!("reminder.overdue.first_response|{n}")),
        ];
        sort(&mut reminders);
        sort(&mut expected);
        assert_eq!(reminders, expected, "{}", h.label);
        let digests: Vec<_> = sent.iter().filter(|(_, _, p)| p.starts_with("digest|")).collect();
        assert_eq!(digests.len(), 6, "{}: two officers, Friday, Monday, Tuesday: {digests:?}", h.label);
        assert!(digests.iter().all(|(_, chat, _)| *chat == clerk || *chat == head), "{}: {digests:?}", h.label);
        h
    })
    .await;
}

#[tokio::test]
async fn a_reminder_whose_recipients_blocked_the_bot_goes_to_the_next_in_line_or_waits_until_one_unblocks() {
    each_backend(|h| async move {
        let opened_at = bishkek(2026, 3, 2, 10, 0);
        h.clock.set(opened_at);
        let s = h.store.as_ref();
        let clerk = officer(s, 1101, Agency::Energy, Role::Officer, opened_at).await;
        let other = officer(s, 1102, Agency::Energy, Role::Officer, opened_at).await;
        let head = officer(s, 1103, Agency::Energy, Role::Head, opened_at).await;
        let lone = officer(s, 1201, Agency::Police, Role::Officer, opened_at).await;
        for blocked in [&clerk, &head, &lone] {
            s.mark_chat_blocked(blocked.telegram_user_id, "403", opened_at).await.unwrap();
        }
        let energy = h.desk.open(&complaint(Agency::Energy)).await.unwrap();
        h.desk
            .change(&energy.number, Change::Status(StatusChange::Assign { officer_id: clerk.id }), Actor::SYSTEM)
            .await
            .unwrap();
        let police = h.desk.open(&complaint(Agency::Police)).await.unwrap();
        let mut sent = Vec::new();
        tick(&h, bishkek(2026, 3, 6, 9, 30), bishkek(2026, 3, 6, 12, 0), &mut sent).await;
        // The police officer blocked the bot: the reminder waits (not done) and is retried hourly.
        let waiting: Vec<_> = s
            .jobs_of_kind("reminder.due_soon.first_response", 10)
            .await
            .unwrap()
            .into_iter()
            .filter(|j| j.payload.starts_with(&police.number.to_string()))
            .collect();
        assert_eq!(waiting.len(), 1, "{}", h.label);
        assert_eq!((waiting[0].state.as_str(), local(waiting[0].run_at)), ("pending", "Fri 2026-03-06 13:00".into()));
        // They write to the bot again (which unblocks their chat) at 12:15.
        let mut tx = s.begin().await.unwrap();
        tx.unblock_chat(lone.telegram_user_id).await.unwrap();
        tx.commit().await.unwrap();
        tick(&h, bishkek(2026, 3, 6, 12, 30), bishkek(2026, 3, 10, 8, 0), &mut sent).await;

        let (e, p) = (energy.number.to_string(), police.number.to_string());
        let mut expected = vec![
            // The assignee blocked the bot: the agency's other officer (the head blocked it too).
            (
                "Fri 2026-03-06 10:00".to_owned(),
                other.telegram_user_id,
                format!("reminder.due_soon.first_response|{e}"),
            ),
            ("Fri 2026-03-06 13:00".to_owned(), lone.telegram_user_id, format!("reminder.due_soon.first_response|{p}")),
            // The only head blocked the bot: the escalation goes to whoever can still read it.
            ("Tue 2026-03-10 08:00".to_owned(), other.telegram_user_id, format!("reminder.overdue.first_response|{e}")),
            ("Tue 2026-03-10 08:00".to_owned(), lone.telegram_user_id, format!("reminder.overdue.first_response|{p}")),
        ];
        sort(&mut sent);
        sort(&mut expected);
        assert_eq!(sent, expected, "{}", h.label);
        h
    })
    .await;
}

#[tokio::test]
async fn a_reopen_escalation_that_found_nobody_waits_for_a_head_and_is_sent_once() {
    each_backend(|h| async move {
        let opened_at = bishkek(2026, 3, 2, 10, 0);
        h.clock.set(opened_at);
        let s = h.store.as_ref();
        let former = officer(s, 1301, Agency::Health, Role::Officer, opened_at).await;
        let ticket = h.desk.open(&complaint(Agency::Health)).await.unwrap();
        for change in [StatusChange::Assign { officer_id: former.id }, StatusChange::Answer] {
            h.desk.change(&ticket.number, Change::Status(change), Actor::SYSTEM).await.unwrap();
        }
        let mut tx = s.begin().await.unwrap();
        assert!(tx.set_officer_active(former.id, false).await.unwrap());
        tx.commit().await.unwrap();
        // Reopened on Wednesday evening with nobody active at the agency: the bot's verdict
        // handler enqueues this job (see bot/src/officer/bridge.rs), due an hour later.
        let reopened_at = bishkek(2026, 3, 4, 20, 0);
        h.clock.set(reopened_at);
        h.desk.change(&ticket.number, Change::Status(StatusChange::Reopen), Actor::CITIZEN).await.unwrap();
        let waiting = ReopenEscalation { ticket: ticket.number.clone(), verdict: Verdict::BrushOff };
        let job = waiting.job(reopened_at, reopened_at + Duration::hours(1));
        assert_eq!(ReopenEscalation::parse(&job.kind, &job.payload), Some(waiting.clone()));
        let mut tx = s.begin().await.unwrap();
        assert!(tx.enqueue(&job, reopened_at).await.unwrap().is_some());
        assert!(tx.enqueue(&job, reopened_at).await.unwrap().is_none(), "one job per reopen");
        tx.commit().await.unwrap();
        let mut sent = Vec::new();
        // 21:00 is quiet (waits for Thursday 08:00), then nobody: tried hourly.
        tick(&h, bishkek(2026, 3, 4, 21, 0), bishkek(2026, 3, 5, 12, 0), &mut sent).await;
        assert!(sent.is_empty(), "{}: {sent:?}", h.label);
        let pending = s.jobs_of_kind("escalation.reopen", 10).await.unwrap();
        assert_eq!(pending.len(), 1, "{}", h.label);
        assert_eq!((pending[0].state.as_str(), local(pending[0].run_at)), ("pending", "Thu 2026-03-05 13:00".into()));
        let boss = officer(s, 1302, Agency::Health, Role::Head, bishkek(2026, 3, 5, 12, 30)).await;
        tick(&h, bishkek(2026, 3, 5, 12, 30), bishkek(2026, 3, 5, 18, 0), &mut sent).await;
        let expected = vec![(
            "Thu 2026-03-05 13:00".to_owned(),
            boss.telegram_user_id,
            format!("escalate.brush_off|{}", ticket.number),
        )];
        assert_eq!(sent, expected, "{}", h.label);
        let done = s.jobs_of_kind("escalation.reopen", 10).await.unwrap();
        assert_eq!(done[0].state, "done", "{}", h.label);
        h
    })
    .await;
}
