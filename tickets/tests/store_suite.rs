//! One behaviour suite for the store, run on every backend (see `support`).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::collections::HashSet;

use chrono::{Duration, TimeZone, Utc};
use chrono_tz::Asia::Bishkek;
use classifier::{Agency, Kind, Lang};
use tickets::calendar::Span;
use tickets::domain::{
    Actor, AgeBand, AuthorKind, ChatLang, Gender, Media, MediaKind, NewMessage, NewOfficer, NewRating, NewTicket,
    Profile, RatingTarget, Role, Routing, RoutingChoice, Score, Suggestion, TicketNumber, TicketStatus,
};
use tickets::lifecycle::{Change, LifecycleError, StatusChange};
use tickets::store::StoreError;

use support::{Harness, backends, each_backend};

fn complaint(agency: Agency) -> NewTicket {
    let routing = Routing { kind: Kind::Complaint, agency: agency.into(), implicated: None, lang: Lang::Ky };
    NewTicket::new(routing, None, true).unwrap()
}

fn corruption(implicated: Agency) -> NewTicket {
    let routing = Routing {
        kind: Kind::Corruption,
        agency: Agency::Anticorruption.into(),
        implicated: Some(implicated.into()),
        lang: Lang::Ru,
    };
    NewTicket::new(routing, None, true).unwrap()
}

fn status(change: StatusChange) -> Change {
    Change::Status(change)
}

#[tokio::test]
async fn ticket_numbers_run_in_sequence_and_restart_each_year() {
    each_backend(|h| async move {
        let first = h.desk.open(&complaint(Agency::Health)).await.unwrap();
        let second = h.desk.open(&complaint(Agency::Police)).await.unwrap();
        assert_eq!(first.number.to_string(), "KR-2026-000001", "{}", h.label);
        assert_eq!(second.number.to_string(), "KR-2026-000002", "{}", h.label);
        // 1 January 2027 00:30 in Bishkek is still 31 December 2026 in UTC: the year is Bishkek's.
        h.clock.set(Bishkek.with_ymd_and_hms(2027, 1, 1, 0, 30, 0).unwrap().with_timezone(&Utc));
        let next_year = h.desk.open(&complaint(Agency::Health)).await.unwrap();
        assert_eq!(next_year.number.to_string(), "KR-2027-000001", "{}", h.label);
        h
    })
    .await;
}

#[tokio::test]
async fn an_opened_ticket_reads_back_whole_with_its_deadlines_and_first_message() {
    each_backend(|h| async move {
        let message = NewMessage {
            author: AuthorKind::Citizen,
            officer_id: None,
            text: Some("Бейтапканада дары жок".into()),
            media: Some(Media { kind: MediaKind::Photo, file_id: "AgACAgIAAxkBAAIC".into() }),
            at: h.clock.now_for_tests(),
        };
        let citizen = h.store.upsert_citizen(1001, ChatLang::Ky, h.clock.now_for_tests()).await.unwrap();
        let routing =
            Routing { kind: Kind::Complaint, agency: Agency::Health.into(), implicated: None, lang: Lang::Ky };
        let new = NewTicket::new(routing, Some(citizen.id), false)
            .unwrap()
            .with_place(Some("osh_oblast".into()), Some("nookat".into()))
            .with_first_message(message.clone());
        let opened = h.desk.open(&new).await.unwrap();
        let read = h.store.ticket(&opened.number).await.unwrap().unwrap();
        assert_eq!(read, opened, "{}", h.label);
        assert_eq!(read.status, TicketStatus::New);
        assert_eq!(read.citizen_id, Some(citizen.id));
        assert_eq!(read.region.as_deref(), Some("osh_oblast"));
        // Monday 2 March 2026 10:00: 1 working day → end of Tuesday; 14 → end of Friday 20 March
        // (Nooruz, 21 March, is a Saturday and not moved; Orozo Ait is Friday 20 March).
        let local = |at: chrono::DateTime<Utc>| at.with_timezone(&Bishkek).format("%Y-%m-%d %H:%M:%S").to_string();
        assert_eq!(local(read.deadlines.registration), "2026-03-03 23:59:59");
        assert_eq!(local(read.deadlines.resolution), h.desk_expected_resolution());
        let thread = h.store.thread(&opened.number).await.unwrap();
        assert_eq!(thread.len(), 1);
        assert_eq!(thread[0].text, message.text);
        assert_eq!(thread[0].media, message.media);
        let audit = h.store.audit_log(&opened.number).await.unwrap();
        assert_eq!(audit.len(), 1);
        assert_eq!(audit[0].action, "open");
        h
    })
    .await;
}

#[tokio::test]
async fn the_lifecycle_runs_new_assigned_answered_closed_and_reopens_within_the_window() {
    each_backend(|h| async move {
        let officer = h
            .store
            .add_officer(
                NewOfficer { telegram_user_id: 77, agency: Agency::Health.into(), role: Role::Officer },
                h.clock.now_for_tests(),
            )
            .await
            .unwrap();
        let number = h.desk.open(&complaint(Agency::Health)).await.unwrap().number;
        let actor = Actor::officer(officer.id);
        let assigned =
            h.desk.change(&number, status(StatusChange::Assign { officer_id: officer.id }), actor).await.unwrap();
        assert_eq!(assigned.status, TicketStatus::Assigned);
        assert_eq!(assigned.assignee_id, Some(officer.id));
        h.clock.advance(Duration::hours(30));
        let answered = h.desk.change(&number, status(StatusChange::Answer), actor).await.unwrap();
        assert_eq!(answered.status, TicketStatus::Answered);
        assert_eq!(answered.first_response_at, Some(h.clock.now_for_tests()));
        let closed = h.desk.change(&number, status(StatusChange::Close), actor).await.unwrap();
        assert!(closed.closed_at.is_some());
        h.clock.advance(Duration::days(29));
        let reopened = h.desk.change(&number, status(StatusChange::Reopen), Actor::CITIZEN).await.unwrap();
        assert_eq!(reopened.status, TicketStatus::Reopened);
        assert_eq!(reopened.closed_at, None);
        // The first response time is kept when the ticket is answered again.
        h.clock.advance(Duration::hours(2));
        let again = h.desk.change(&number, status(StatusChange::Answer), actor).await.unwrap();
        assert_eq!(again.first_response_at, answered.first_response_at);
        let actions: Vec<String> = h.store.audit_log(&number).await.unwrap().into_iter().map(|e| e.action).collect();
        assert_eq!(actions, ["open", "assign", "answer", "close", "reopen", "answer"], "{}", h.label);
        h
    })
    .await;
}

#[tokio::test]
async fn an_illegal_transition_is_an_error_and_writes_nothing() {
    each_backend(|h| async move {
        let opened = h.desk.open(&complaint(Agency::Energy)).await.unwrap();
        let err = h.desk.change(&opened.number, status(StatusChange::Close), Actor::SYSTEM).await.unwrap_err();
        assert!(matches!(err, StoreError::Refused(LifecycleError::IllegalTransition(_))), "{}: {err}", h.label);
        assert_eq!(h.store.ticket(&opened.number).await.unwrap().unwrap(), opened);
        assert_eq!(h.store.audit_log(&opened.number).await.unwrap().len(), 1);
        h
    })
    .await;
}

#[tokio::test]
async fn reopening_after_the_window_is_refused() {
    each_backend(|h| async move {
        let officer = h.officer_of(Agency::Local).await;
        let number = h.desk.open(&complaint(Agency::Local)).await.unwrap().number;
        h.desk.change(&number, status(StatusChange::Assign { officer_id: officer }), Actor::SYSTEM).await.unwrap();
        h.desk.change(&number, status(StatusChange::Answer), Actor::SYSTEM).await.unwrap();
        h.clock.advance(Duration::days(31));
        let err = h.desk.change(&number, status(StatusChange::Reopen), Actor::CITIZEN).await.unwrap_err();
        assert!(
            matches!(err, StoreError::Refused(LifecycleError::ReopenWindowExpired { days: 30 })),
            "{}: {err}",
            h.label
        );
        assert_eq!(h.store.ticket(&number).await.unwrap().unwrap().status, TicketStatus::Answered);
        h
    })
    .await;
}

#[tokio::test]
async fn a_redirect_moves_the_ticket_and_keeps_its_path() {
    each_backend(|h| async move {
        let number = h.desk.open(&complaint(Agency::Transport)).await.unwrap().number;
        let redirect = |to: Agency| status(StatusChange::Redirect { to: to.into(), reason: "city street".into() });
        let moved = h.desk.change(&number, redirect(Agency::Local), Actor::SYSTEM).await.unwrap();
        assert_eq!(moved.agency, Agency::Local.into());
        assert_eq!(moved.status, TicketStatus::Redirected);
        let moved_again = h.desk.change(&number, redirect(Agency::Energy), Actor::SYSTEM).await.unwrap();
        assert_eq!(moved_again.redirect_count, 2, "{}", h.label);
        let same = h.desk.change(&number, redirect(Agency::Energy), Actor::SYSTEM).await.unwrap_err();
        assert!(matches!(same, StoreError::Refused(LifecycleError::SameAgency(_))));
        let unknown = status(StatusChange::Redirect { to: "nowhere".parse().unwrap(), reason: "x".into() });
        let err = h.desk.change(&number, unknown, Actor::SYSTEM).await.unwrap_err();
        assert!(matches!(err, StoreError::Refused(LifecycleError::UnknownAgency(_))));
        let details: Vec<Option<String>> =
            h.store.audit_log(&number).await.unwrap().into_iter().map(|e| e.detail).collect();
        assert_eq!(details[1].as_deref(), Some("from=transport to=local"));
        assert_eq!(details[2].as_deref(), Some("from=local to=energy"));
        h
    })
    .await;
}

#[tokio::test]
async fn a_corruption_report_stays_with_anticorruption() {
    each_backend(|h| async move {
        let report = h.desk.open(&corruption(Agency::Police)).await.unwrap();
        assert_eq!(report.agency, Agency::Anticorruption.into());
        assert_eq!(report.implicated, Some(Agency::Police.into()));
        let back_to_accused = status(StatusChange::Redirect { to: Agency::Police.into(), reason: "theirs".into() });
        let err = h.desk.change(&report.number, back_to_accused, Actor::SYSTEM).await.unwrap_err();
        assert!(matches!(err, StoreError::Refused(LifecycleError::CorruptionStaysWithAnticorruption)), "{}", h.label);
        h
    })
    .await;
}

#[tokio::test]
async fn the_deadline_is_extended_once_within_the_limit() {
    each_backend(|h| async move {
        let opened = h.desk.open(&complaint(Agency::Land)).await.unwrap();
        let too_long = Change::Extend { span: Span::calendar(31), reason: "survey".into() };
        let err = h.desk.change(&opened.number, too_long, Actor::SYSTEM).await.unwrap_err();
        assert!(matches!(err, StoreError::Refused(LifecycleError::ExtensionBeyondLimit { .. })), "{}: {err}", h.label);
        let no_reason = Change::Extend { span: Span::calendar(10), reason: "  ".into() };
        assert!(h.desk.change(&opened.number, no_reason, Actor::SYSTEM).await.is_err());
        let extended = h
            .desk
            .change(
                &opened.number,
                Change::Extend { span: Span::calendar(30), reason: "field survey".into() },
                Actor::SYSTEM,
            )
            .await
            .unwrap();
        assert_eq!(extended.deadlines.resolution, h.calendar.due(opened.deadlines.resolution, Span::calendar(30)));
        assert_eq!(extended.extension.as_ref().map(|e| e.reason.as_str()), Some("field survey"));
        assert_eq!(h.store.ticket(&opened.number).await.unwrap().unwrap(), extended, "{}", h.label);
        let second = Change::Extend { span: Span::calendar(1), reason: "again".into() };
        let err = h.desk.change(&opened.number, second, Actor::SYSTEM).await.unwrap_err();
        assert!(matches!(err, StoreError::Refused(LifecycleError::AlreadyExtended)));
        h
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn eight_concurrent_writers_never_share_a_number_nor_see_a_locked_database() {
    for h in backends().await {
        let mut writers = Vec::new();
        for writer in 0..8 {
            let desk = h.desk.clone();
            writers.push(tokio::spawn(async move {
                let mut numbers = Vec::new();
                for i in 0..25 {
                    let agency = Agency::ALL[(writer + i) % 15];
                    let ticket = desk.open(&complaint(agency)).await?;
                    numbers.push(ticket.number);
                }
                Ok::<_, StoreError>(numbers)
            }));
        }
        let mut all: Vec<TicketNumber> = Vec::new();
        for writer in writers {
            all.extend(writer.await.unwrap().unwrap_or_else(|e| panic!("{}: {e}", h.label)));
        }
        let unique: HashSet<&TicketNumber> = all.iter().collect();
        assert_eq!(all.len(), 200, "{}", h.label);
        assert_eq!(unique.len(), 200, "{}: duplicate ticket numbers", h.label);
        h.finish().await;
    }
}

#[tokio::test]
async fn a_transaction_dropped_without_commit_leaves_no_trace() {
    each_backend(|h| async move {
        let at = h.clock.now_for_tests();
        let deadlines = h.desk.deadlines(&Agency::Health.into(), Kind::Complaint, at);
        let mut tx = h.store.begin().await.unwrap();
        let opened = tx.open_ticket(&complaint(Agency::Health), 2026, at, deadlines).await.unwrap();
        tx.upsert_citizen(7, ChatLang::Ky, at).await.unwrap();
        drop(tx);
        assert_eq!(h.store.ticket(&opened.number).await.unwrap(), None, "{}", h.label);
        assert_eq!(h.store.citizen_by_chat(7).await.unwrap(), None);
        // The rolled-back ticket gave its number back.
        let next = h.desk.open(&complaint(Agency::Health)).await.unwrap();
        assert_eq!(next.number, opened.number);

        let mut tx = h.store.begin().await.unwrap();
        let opened = tx.open_ticket(&complaint(Agency::Police), 2026, at, deadlines).await.unwrap();
        assert!(tx.mark_update_processed(1, 1, at).await.unwrap());
        tx.commit().await.unwrap();
        assert!(h.store.ticket(&opened.number).await.unwrap().is_some());
        assert!(!h.store.mark_update_processed(1, 1, at).await.unwrap());
        h
    })
    .await;
}

#[tokio::test]
async fn a_chat_follows_its_own_and_its_sealed_tickets_and_can_erase_itself() {
    each_backend(|h| async move {
        let at = h.clock.now_for_tests();
        let citizen = h.store.upsert_citizen(300, ChatLang::Ru, at).await.unwrap();
        let routing = Routing { kind: Kind::Complaint, agency: Agency::Local.into(), implicated: None, lang: Lang::Ru };
        let message = NewMessage {
            author: AuthorKind::Citizen,
            officer_id: None,
            text: Some("Мусор не вывозят, ул. Ахунбаева 12".into()),
            media: Some(Media { kind: MediaKind::Photo, file_id: "AgAC-photo".into() }),
            at,
        };
        let own = NewTicket::new(routing, Some(citizen.id), false).unwrap().with_first_message(message);
        let mut tx = h.store.begin().await.unwrap();
        let own = h.desk.open_in(tx.as_mut(), &own).await.unwrap();
        let anonymous = h.desk.open_in(tx.as_mut(), &corruption(Agency::Local)).await.unwrap();
        tx.seal_channel(anonymous.id, 300, "hash-of-receipt", at).await.unwrap();
        let choice = RoutingChoice {
            suggested: Some(Suggestion {
                kind: Kind::Complaint,
                agency: Agency::Energy.into(),
                implicated: None,
                confidence: 0.41,
            }),
            chosen_kind: Kind::Complaint,
            chosen_agency: Agency::Local.into(),
            source: "from_list".into(),
        };
        tx.record_routing_choice(own.id, &choice).await.unwrap();
        let someone_else = h.desk.open_in(tx.as_mut(), &complaint(Agency::Local)).await.unwrap();
        let followed: Vec<TicketNumber> =
            tx.tickets_of_chat(300, 10).await.unwrap().into_iter().map(|t| t.number).collect();
        assert_eq!(followed, [anonymous.number.clone(), own.number.clone()], "{}: newest first", h.label);
        assert!(!followed.contains(&someone_else.number));
        tx.set_citizen_lang(300, ChatLang::Ky).await.unwrap();
        tx.save_dialogue(300, "{}", at).await.unwrap();
        tx.commit().await.unwrap();
        assert_eq!(h.store.citizen_by_chat(300).await.unwrap().unwrap().lang, ChatLang::Ky);
        // The anonymous ticket itself never names the chat.
        assert_eq!(h.store.ticket(&anonymous.number).await.unwrap().unwrap().citizen_id, None);

        let mut tx = h.store.begin().await.unwrap();
        assert!(tx.erase_citizen(300).await.unwrap());
        assert!(tx.tickets_of_chat(300, 10).await.unwrap().is_empty(), "{}", h.label);
        assert_eq!(tx.dialogue(300).await.unwrap(), None);
        assert!(!tx.erase_citizen(300).await.unwrap(), "a second erase finds no one");
        tx.commit().await.unwrap();
        assert_eq!(h.store.citizen_by_chat(300).await.unwrap(), None);
        let thread = h.store.thread(&own.number).await.unwrap();
        assert_eq!(thread[0].text.as_deref(), Some("[erased]"), "{}", h.label);
        assert_eq!(thread[0].media, None);
        // The facts stay for statistics.
        assert_eq!(h.store.ticket(&own.number).await.unwrap().unwrap().agency, Agency::Local.into());
        h
    })
    .await;
}

#[tokio::test]
async fn a_repeated_update_is_processed_once() {
    each_backend(|h| async move {
        let at = h.clock.now_for_tests();
        assert!(h.store.mark_update_processed(1, 500, at).await.unwrap());
        assert!(!h.store.mark_update_processed(1, 500, at).await.unwrap(), "{}", h.label);
        assert!(h.store.mark_update_processed(2, 500, at).await.unwrap(), "another bot's update is new");
        h
    })
    .await;
}

#[tokio::test]
async fn citizens_officers_ratings_and_jobs_are_kept() {
    each_backend(|h| async move {
        let at = h.clock.now_for_tests();
        let citizen = h.store.upsert_citizen(42, ChatLang::Ru, at).await.unwrap();
        let again = h.store.upsert_citizen(42, ChatLang::Ky, at).await.unwrap();
        assert_eq!(again.id, citizen.id);
        assert_eq!(again.lang, ChatLang::Ru, "{}: the first choice stays until changed", h.label);
        let profile =
            Profile { gender: Some(Gender::PreferNotToSay), age_band: Some(AgeBand::From30To44), disability: None };
        h.store.set_profile(citizen.id, profile).await.unwrap();
        assert_eq!(h.store.citizen_by_chat(42).await.unwrap().unwrap().profile, profile);
        assert!(matches!(h.store.set_profile(999_999, profile).await, Err(StoreError::NotFound(_))));

        let officer = NewOfficer { telegram_user_id: 5, agency: Agency::Tax.into(), role: Role::Head };
        h.store.add_officer(officer.clone(), at).await.unwrap();
        assert!(matches!(h.store.add_officer(officer, at).await, Err(StoreError::Conflict(_))), "{}", h.label);
        assert_eq!(h.store.officers(Some(&Agency::Tax.into())).await.unwrap().len(), 1);
        assert_eq!(h.store.officers(Some(&Agency::Health.into())).await.unwrap().len(), 0);

        let number = h.desk.open(&complaint(Agency::Tax)).await.unwrap().number;
        let rating =
            |target| NewRating { target, score: Score::try_from(2).unwrap(), comment: None, citizen_id: None, at };
        h.store.add_rating(&rating(RatingTarget::Ticket(number.clone()))).await.unwrap();
        h.store
            .add_rating(&rating(RatingTarget::Service {
                agency: Agency::DigitalServices.into(),
                service: Some("tsson_7".into()),
            }))
            .await
            .unwrap();
        let missing = TicketNumber::new(2026, 999_999).unwrap();
        assert!(matches!(
            h.store.add_rating(&rating(RatingTarget::Ticket(missing))).await,
            Err(StoreError::NotFound(_))
        ));
        assert_eq!(h.store.audit_log(&number).await.unwrap().last().unwrap().action, "rate");

        let job = h.store.enqueue_job("reminder", "{\"ticket\":1}", at + Duration::days(1), at).await.unwrap();
        assert!(job > 0);
        h
    })
    .await;
}

/// Small conveniences for the cases above.
trait TestClock {
    fn now_for_tests(&self) -> chrono::DateTime<Utc>;
}

impl TestClock for tickets::clock::ManualClock {
    fn now_for_tests(&self) -> chrono::DateTime<Utc> {
        tickets::clock::Clock::now(self)
    }
}

trait HarnessExt {
    fn desk_expected_resolution(&self) -> String;
    async fn officer_of(&self, agency: Agency) -> i64;
}

impl HarnessExt for Harness {
    async fn officer_of(&self, agency: Agency) -> i64 {
        let officer = NewOfficer { telegram_user_id: 9000, agency: agency.into(), role: Role::Officer };
        self.store.add_officer(officer, self.clock.now_for_tests()).await.unwrap().id
    }

    /// 14 working days from Monday 2 March 2026, counted by hand: March 3–6 (4), 9–13 (5),
    /// 16–19 (4; Friday 20 March is Orozo Ait), 23 March (1) → end of Monday 23 March.
    fn desk_expected_resolution(&self) -> String {
        "2026-03-23 23:59:59".into()
    }
}

mod queues {
    use std::collections::HashSet;

    use chrono::Duration;
    use tickets::queues::{NewInboxItem, NewOutboxItem};

    use super::support::backends;
    use super::{TestClock, each_backend};

    fn update(update_id: i64, digest: &str) -> NewInboxItem {
        NewInboxItem {
            bot_id: 1,
            update_id,
            digest: digest.into(),
            chat_id: Some(10),
            payload: format!("{{\"update_id\":{update_id}}}"),
            received_at: chrono::Utc::now(),
        }
    }

    #[tokio::test]
    async fn the_inbox_keeps_each_update_once_and_forgets_handled_payloads() {
        each_backend(|h| async move {
            let mut tx = h.store.begin().await.unwrap();
            let first = tx.inbox_insert(&update(100, "aaa")).await.unwrap().unwrap();
            assert_eq!(tx.inbox_insert(&update(100, "aaa")).await.unwrap(), None, "{}: a repeat", h.label);
            // Telegram restarted its ids: same id, other content, a new update.
            let restarted = tx.inbox_insert(&update(100, "bbb")).await.unwrap();
            assert!(restarted.is_some());
            tx.inbox_insert(&update(101, "ccc")).await.unwrap().unwrap();
            tx.commit().await.unwrap();

            let now = h.clock.now_for_tests();
            let pending = h.store.inbox_pending(1, now, 10).await.unwrap();
            assert_eq!(pending.iter().map(|i| i.update_id).collect::<Vec<_>>(), [100, 100, 101]);
            assert_eq!(pending[0].payload, "{\"update_id\":100}");
            assert!(h.store.inbox_pending(2, now, 10).await.unwrap().is_empty(), "another bot's inbox is its own");

            h.store.inbox_failed_attempt(first, "boom", now).await.unwrap();
            assert_eq!(h.store.inbox_pending(1, now, 10).await.unwrap()[0].attempts, 1);
            let mut tx = h.store.begin().await.unwrap();
            tx.inbox_handled(first, now).await.unwrap();
            tx.commit().await.unwrap();
            let pending = h.store.inbox_pending(1, now, 10).await.unwrap();
            assert_eq!(pending.len(), 2, "{}", h.label);
            assert!(pending.iter().all(|i| i.id != first));
            h
        })
        .await;
    }

    #[tokio::test]
    async fn two_processes_handling_one_update_commit_one_turn() {
        each_backend(|h| async move {
            let mut tx = h.store.begin().await.unwrap();
            let id = tx.inbox_insert(&update(300, "twice")).await.unwrap().unwrap();
            tx.commit().await.unwrap();
            let now = h.clock.now_for_tests();
            let mut first = h.store.begin().await.unwrap();
            assert!(first.inbox_handled(id, now).await.unwrap(), "{}: the first marks it", h.label);
            // The second replica's mark waits for the first transaction, then finds it handled.
            let store = h.store.clone();
            let second = tokio::spawn(async move {
                let mut tx = store.begin().await.unwrap();
                tx.inbox_handled(id, now).await.unwrap()
            });
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            first.commit().await.unwrap();
            assert!(!second.await.unwrap(), "{}: the second finds it handled", h.label);
            h
        })
        .await;
    }

    #[tokio::test]
    async fn a_batch_of_updates_is_kept_in_one_go_and_repeats_are_skipped() {
        each_backend(|h| async move {
            let mut tx = h.store.begin().await.unwrap();
            tx.inbox_insert(&update(7, "seen")).await.unwrap().unwrap();
            tx.commit().await.unwrap();
            // 250 updates: more than one chunk of the multi-row insert, one of them a repeat.
            let batch: Vec<NewInboxItem> = (1..=250).map(|n| update(n, if n == 7 { "seen" } else { "new" })).collect();
            let mut tx = h.store.begin().await.unwrap();
            tx.inbox_insert_many(&batch).await.unwrap();
            tx.inbox_insert_many(&batch[..3]).await.unwrap();
            tx.commit().await.unwrap();
            let pending = h.store.inbox_pending(1, h.clock.now_for_tests(), 1000).await.unwrap();
            let ids: Vec<i64> = pending.iter().map(|i| i.update_id).collect();
            assert_eq!(ids.len(), 250, "{}: each update once", h.label);
            assert_eq!(ids[0], 7, "{}: the repeat kept its first row", h.label);
            assert_eq!(pending[1].payload, "{\"update_id\":1}");
            h
        })
        .await;
    }

    #[tokio::test]
    async fn a_turns_replies_are_born_leased_and_marked_sent_together() {
        each_backend(|h| async move {
            let now = h.clock.now_for_tests();
            let item = |chat_id: i64, not_before| NewOutboxItem {
                chat_id,
                method: "sendMessage".into(),
                payload: format!("{{\"chat_id\":{chat_id}}}"),
                not_before,
            };
            let mut tx = h.store.begin().await.unwrap();
            tx.outbox_push(&item(1, now), now).await.unwrap();
            tx.lease_pushes("turn", now + Duration::seconds(30));
            tx.outbox_push(&item(2, now), now).await.unwrap();
            tx.outbox_push(&item(3, now), now).await.unwrap();
            // Quiet hours: not for immediate delivery.
            tx.outbox_push(&item(4, now + Duration::hours(9)), now).await.unwrap();
            let leased = tx.take_leased().await.unwrap();
            assert!(tx.take_leased().await.unwrap().is_empty(), "taken once");
            tx.commit().await.unwrap();
            assert_eq!(leased.iter().map(|i| i.chat_id).collect::<Vec<_>>(), [2, 3], "{}", h.label);
            assert_eq!(leased[0].payload, "{\"chat_id\":2}");
            assert_eq!(leased[0].attempts, 1, "{}: counted as a claim", h.label);

            let other = h.store.outbox_claim(now, now + Duration::seconds(30), "other", 10).await.unwrap();
            assert_eq!(
                other.iter().map(|i| i.chat_id).collect::<Vec<_>>(),
                [1],
                "{}: leased ones are not free",
                h.label
            );
            let ids: Vec<i64> = leased.iter().map(|i| i.id).collect();
            h.store.outbox_sent_many(&ids, now).await.unwrap();
            h.store.outbox_sent_many(&[], now).await.unwrap();
            assert_eq!(h.store.outbox_depth().await.unwrap(), 2, "{}: chat 1 (leased) and the future one", h.label);

            // A turn whose process died before delivering: its lease runs out, then any sender takes it.
            let mut tx = h.store.begin().await.unwrap();
            tx.lease_pushes("dead", now + Duration::seconds(30));
            tx.outbox_push(&item(5, now), now).await.unwrap();
            tx.commit().await.unwrap();
            let later = now + Duration::seconds(31);
            let reclaimed = h.store.outbox_claim(later, later + Duration::seconds(30), "alive", 10).await.unwrap();
            assert_eq!(reclaimed.iter().map(|i| i.chat_id).collect::<Vec<_>>(), [1, 5], "{}", h.label);
            assert_eq!(reclaimed[1].attempts, 2, "{}: the lost attempt counts", h.label);
            h
        })
        .await;
    }

    #[tokio::test]
    async fn a_failed_update_waits_for_its_retry_and_holds_back_only_its_own_chat() {
        each_backend(|h| async move {
            let other_chat = |update_id: i64| NewInboxItem { chat_id: Some(20), ..update(update_id, "x") };
            let mut tx = h.store.begin().await.unwrap();
            let failed = tx.inbox_insert(&update(1, "a")).await.unwrap().unwrap();
            tx.inbox_insert(&other_chat(2)).await.unwrap().unwrap();
            tx.inbox_insert(&update(3, "c")).await.unwrap().unwrap();
            tx.commit().await.unwrap();
            let now = h.clock.now_for_tests();
            let retry_at = now + chrono::Duration::seconds(4);
            h.store.inbox_failed_attempt(failed, "boom", retry_at).await.unwrap();

            let ids = |items: Vec<tickets::queues::InboxItem>| items.iter().map(|i| i.update_id).collect::<Vec<_>>();
            let before = ids(h.store.inbox_pending(1, now, 10).await.unwrap());
            assert_eq!(before, [2], "{}: chat 10 waits behind its failed update, chat 20 goes on", h.label);
            let due = h.store.inbox_pending(1, retry_at, 10).await.unwrap();
            assert_eq!(ids(due.clone()), [1, 2, 3], "{}: once due, in order again", h.label);
            assert_eq!(due[0].attempts, 1);
            h
        })
        .await;
    }

    #[tokio::test]
    async fn dialogue_states_are_saved_replaced_and_rolled_back_with_their_transaction() {
        each_backend(|h| async move {
            let at = h.clock.now_for_tests();
            let mut tx = h.store.begin().await.unwrap();
            assert_eq!(tx.dialogue(5).await.unwrap(), None);
            tx.save_dialogue(5, "{\"menu\":1}", at).await.unwrap();
            tx.save_dialogue(5, "{\"menu\":2}", at).await.unwrap();
            tx.commit().await.unwrap();
            let mut tx = h.store.begin().await.unwrap();
            assert_eq!(tx.dialogue(5).await.unwrap().as_deref(), Some("{\"menu\":2}"), "{}", h.label);
            tx.save_dialogue(5, "{\"lost\":true}", at).await.unwrap();
            drop(tx);
            let mut tx = h.store.begin().await.unwrap();
            assert_eq!(tx.dialogue(5).await.unwrap().as_deref(), Some("{\"menu\":2}"));
            tx.delete_dialogue(5).await.unwrap();
            assert_eq!(tx.dialogue(5).await.unwrap(), None);
            tx.commit().await.unwrap();
            h
        })
        .await;
    }

    #[tokio::test]
    async fn outbox_messages_are_leased_sent_retried_and_reclaimed_after_a_crash() {
        each_backend(|h| async move {
            let now = h.clock.now_for_tests();
            let mut tx = h.store.begin().await.unwrap();
            for chat_id in [1, 2, 3] {
                let item = NewOutboxItem {
                    chat_id,
                    method: "sendMessage".into(),
                    payload: format!("{{\"chat_id\":{chat_id}}}"),
                    not_before: now,
                };
                tx.outbox_push(&item, now).await.unwrap();
            }
            let later = NewOutboxItem {
                chat_id: 4,
                method: "sendMessage".into(),
                payload: "{}".into(),
                not_before: now + Duration::hours(9),
            };
            tx.outbox_push(&later, now).await.unwrap();
            tx.commit().await.unwrap();
            assert_eq!(h.store.outbox_depth().await.unwrap(), 4);

            let lease = now + Duration::seconds(30);
            let first = h.store.outbox_claim(now, lease, "a", 2).await.unwrap();
            assert_eq!(first.iter().map(|i| i.chat_id).collect::<Vec<_>>(), [1, 2], "{}", h.label);
            let second = h.store.outbox_claim(now, lease, "b", 10).await.unwrap();
            assert_eq!(
                second.iter().map(|i| i.chat_id).collect::<Vec<_>>(),
                [3],
                "{}: leased and future ones wait",
                h.label
            );

            h.store.outbox_sent(first[0].id, now).await.unwrap();
            assert!(h.store.outbox_claim(now, lease, "d", 10).await.unwrap().is_empty(), "{}: all leased", h.label);
            h.store.outbox_retry(second[0].id, now + Duration::seconds(5), "429 retry after 5").await.unwrap();
            // Worker "a" crashed holding chat 2; after its lease the message is claimed again.
            let after_lease = now + Duration::seconds(31);
            let reclaimed =
                h.store.outbox_claim(after_lease, after_lease + Duration::seconds(30), "c", 10).await.unwrap();
            let chats: Vec<i64> = reclaimed.iter().map(|i| i.chat_id).collect();
            assert_eq!(chats, [2, 3], "{}", h.label);
            assert_eq!(reclaimed[0].attempts, 2, "the crashed attempt counts");
            h.store.outbox_failed(reclaimed[0].id, "403 blocked").await.unwrap();
            h.store.outbox_sent(reclaimed[1].id, after_lease).await.unwrap();
            assert_eq!(h.store.outbox_depth().await.unwrap(), 1, "{}: only the future message is left", h.label);
            h
        })
        .await;
    }

    #[tokio::test]
    async fn a_message_deferred_by_a_rate_limit_keeps_its_attempts() {
        each_backend(|h| async move {
            let now = h.clock.now_for_tests();
            let mut tx = h.store.begin().await.unwrap();
            let item =
                NewOutboxItem { chat_id: 9, method: "sendMessage".into(), payload: "{}".into(), not_before: now };
            tx.outbox_push(&item, now).await.unwrap();
            tx.commit().await.unwrap();
            let lease = now + Duration::seconds(30);
            let claimed = h.store.outbox_claim(now, lease, "a", 1).await.unwrap();
            assert_eq!(claimed[0].attempts, 1);
            let later = now + Duration::seconds(1);
            h.store.outbox_defer(claimed[0].id, later).await.unwrap();
            assert!(h.store.outbox_claim(now, lease, "a", 1).await.unwrap().is_empty(), "{}: not before", h.label);
            let again = h.store.outbox_claim(later, later + Duration::seconds(30), "a", 1).await.unwrap();
            assert_eq!(again[0].attempts, 1, "{}: the deferral did not count", h.label);
            h
        })
        .await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn concurrent_workers_never_claim_the_same_message() {
        for h in backends().await {
            let now = h.clock.now_for_tests();
            let mut tx = h.store.begin().await.unwrap();
            for chat_id in 0..200 {
                let item =
                    NewOutboxItem { chat_id, method: "sendMessage".into(), payload: "{}".into(), not_before: now };
                tx.outbox_push(&item, now).await.unwrap();
            }
            tx.commit().await.unwrap();
            let mut workers = Vec::new();
            for worker in 0..4 {
                let store = h.store.clone();
                workers.push(tokio::spawn(async move {
                    let mut mine = Vec::new();
                    loop {
                        let batch = store
                            .outbox_claim(now, now + Duration::minutes(5), &format!("w{worker}"), 7)
                            .await
                            .unwrap();
                        if batch.is_empty() {
                            break mine;
                        }
                        mine.extend(batch.into_iter().map(|i| i.id));
                    }
                }));
            }
            let mut all = Vec::new();
            for worker in workers {
                all.extend(worker.await.unwrap());
            }
            let unique: HashSet<i64> = all.iter().copied().collect();
            assert_eq!(all.len(), 200, "{}", h.label);
            assert_eq!(unique.len(), 200, "{}: a message was claimed twice", h.label);
            h.finish().await;
        }
    }
}
