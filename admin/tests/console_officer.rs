//! An officer in the console: their agency's queue and tickets only (another agency's ticket and
//! an unknown number give the same 404, for reading and for acting), every form refused without
//! the session's CSRF token with nothing changed, and no citizen identity on any page.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod console_support;

use axum::http::StatusCode;
use classifier::{Agency, Kind};
use console_support::{Console, PageLang, esc, say, say_with};
use fluent_bundle::FluentValue;
use tickets::domain::{AuthorKind, ChatLang, NewMessage, Role, TicketStatus};

#[tokio::test]
async fn the_queue_lists_the_agency_s_tickets_with_its_filters() {
    let c = Console::new().await;
    let officer = c.officer(Agency::Health, Role::Officer, 601).await;
    let own = c.ticket(Kind::Complaint, Agency::Health, None).await;
    let other = c.ticket(Kind::Complaint, Agency::Police, None).await;
    let cookie = c.sign_in(officer).await;
    let page = c.get("/console/", Some(&cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(&own.number.to_string()));
    assert!(!page.body.contains(&other.number.to_string()), "another agency's ticket is not listed");

    let mine = c.get("/console/?filter=mine", Some(&cookie)).await;
    assert!(!mine.body.contains(&own.number.to_string()), "not taken yet");
    let unassigned = c.get("/console/?filter=unassigned", Some(&cookie)).await;
    assert!(unassigned.body.contains(&own.number.to_string()));
    let overdue = c.get("/console/?filter=overdue", Some(&cookie)).await;
    assert!(!overdue.body.contains(&own.number.to_string()));
    let soon = c.get("/console/?filter=soon", Some(&cookie)).await;
    assert_eq!(soon.status, StatusCode::OK);

    let csrf = page.csrf();
    let path = format!("/console/tickets/{}/take", own.number);
    let taken = c.post(&path, Some(&cookie), &[("csrf", &csrf)]).await;
    assert_eq!(taken.status, StatusCode::SEE_OTHER);
    assert_eq!(taken.location, Some(format!("/console/tickets/{}?result=done", own.number)));
    let mine = c.get("/console/?filter=mine", Some(&cookie)).await;
    assert!(mine.body.contains(&own.number.to_string()), "taken: now mine");
}

#[tokio::test]
async fn another_agency_s_ticket_reads_and_acts_as_not_found() {
    let c = Console::new().await;
    let officer = c.officer(Agency::Health, Role::Officer, 602).await;
    let other = c.ticket(Kind::Complaint, Agency::Police, None).await;
    let cookie = c.sign_in(officer).await;
    let csrf = c.get("/console/", Some(&cookie)).await.csrf();
    let theirs = c.get(&format!("/console/tickets/{}", other.number), Some(&cookie)).await;
    let unknown = c.get("/console/tickets/KR-2026-999999", Some(&cookie)).await;
    let garbage = c.get("/console/tickets/../../etc", Some(&cookie)).await;
    assert_eq!(theirs.status, StatusCode::NOT_FOUND);
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_ne!(garbage.status, StatusCode::OK);
    assert_eq!(theirs.body, unknown.body, "nothing tells an existing ticket from a made-up one");
    for action in ["take", "reply", "redirect", "extend", "close"] {
        let path = format!("/console/tickets/{}/{action}", other.number);
        let page = c
            .post(&path, Some(&cookie), &[("csrf", &csrf), ("text", "hello"), ("reason", "x"), ("to", "health")])
            .await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{action}");
    }
    assert!(c.actions.calls.lock().unwrap().is_empty(), "no action reached the desk");
    let after = c.store.ticket(&other.number).await.unwrap().unwrap();
    assert_eq!(after.status, TicketStatus::New);
    assert_eq!(after.assignee_id, None);
}

#[tokio::test]
async fn a_form_without_or_with_a_wrong_csrf_token_changes_nothing() {
    let c = Console::new().await;
    let officer = c.officer(Agency::Health, Role::Officer, 603).await;
    let own = c.ticket(Kind::Complaint, Agency::Health, None).await;
    let cookie = c.sign_in(officer).await;
    let csrf = c.get("/console/", Some(&cookie)).await.csrf();
    let wrong = format!("{}x", &csrf[..csrf.len() - 1]);
    for action in ["take", "reply", "redirect", "extend", "close"] {
        let path = format!("/console/tickets/{}/{action}", own.number);
        let without = c.post(&path, Some(&cookie), &[("text", "hello"), ("reason", "x"), ("to", "police")]).await;
        assert_eq!(without.status, StatusCode::FORBIDDEN, "{action} without a token");
        let forged = c.post(&path, Some(&cookie), &[("csrf", &wrong), ("text", "hello")]).await;
        assert_eq!(forged.status, StatusCode::FORBIDDEN, "{action} with a wrong token");
    }
    // Another session's token does not do either.
    let second = c.officer(Agency::Health, Role::Officer, 604).await;
    let other_cookie = c.sign_in(second).await;
    let path = format!("/console/tickets/{}/take", own.number);
    assert_eq!(c.post(&path, Some(&other_cookie), &[("csrf", &csrf)]).await.status, StatusCode::FORBIDDEN);

    assert!(c.actions.calls.lock().unwrap().is_empty());
    let after = c.store.ticket(&own.number).await.unwrap().unwrap();
    assert_eq!((after.status, after.assignee_id), (TicketStatus::New, None));
}

#[tokio::test]
async fn the_ticket_page_shows_the_thread_and_its_forms_go_to_the_desk() {
    let c = Console::new().await;
    let officer = c.officer(Agency::Health, Role::Officer, 605).await;
    let own = c.ticket(Kind::Complaint, Agency::Health, None).await;
    let message = NewMessage {
        author: AuthorKind::Citizen,
        officer_id: None,
        text: Some("В поликлинике <нет> врача".into()),
        media: None,
        at: c.desk.now(),
    };
    c.store.add_message(&own.number, &message).await.unwrap();
    let cookie = c.sign_in(officer).await;
    let page = c.get(&format!("/console/tickets/{}", own.number), Some(&cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("В поликлинике &lt;нет&gt; врача"), "the thread, escaped");
    let csrf = page.csrf();
    let reply = format!("/console/tickets/{}/reply", own.number);
    c.post(&reply, Some(&cookie), &[("csrf", &csrf), ("text", "Врач будет завтра")]).await;
    let redirect = format!("/console/tickets/{}/redirect", own.number);
    c.post(&redirect, Some(&cookie), &[("csrf", &csrf), ("to", "police"), ("reason", "не наш вопрос")]).await;
    let bad = c.post(&redirect, Some(&cookie), &[("csrf", &csrf), ("to", "NOT AN AGENCY"), ("reason", "x")]).await;
    assert_eq!(bad.location, Some(format!("/console/tickets/{}?result=refused_unknown_agency", own.number)));
    let calls: Vec<_> = c.actions.calls.lock().unwrap().iter().map(|(o, t, a)| (*o, *t, a.clone())).collect();
    assert_eq!(calls.len(), 2);
    assert_eq!(
        calls[0],
        (officer, own.id, admin::console::DeskAction::Reply { text: "Врач будет завтра".into(), confirm_lang: false })
    );
    assert!(
        matches!(&calls[1].2, admin::console::DeskAction::Redirect { to, reason } if to.as_str() == "police" && reason == "не наш вопрос")
    );
    let notice =
        c.get(&format!("/console/tickets/{}?result=refused_already_extended", own.number), Some(&cookie)).await;
    let refused = say_with(PageLang::Ru, "notice-refused", &[("reason", FluentValue::from("already extended"))]);
    assert!(notice.body.contains(&refused), "the officer speaks Russian: {}", notice.body);
    let done = c.get(&format!("/console/tickets/{}?result=done", own.number), Some(&cookie)).await;
    assert!(done.body.contains(&say(PageLang::Ru, "notice-done")));
}

#[tokio::test]
async fn no_page_shows_who_is_behind_an_anonymous_report_or_a_citizen() {
    let c = Console::new().await;
    let officer = c.officer(Agency::Anticorruption, Role::Head, 60606061).await;
    let citizen = c.store.upsert_citizen(5151515151, ChatLang::Ru, c.desk.now()).await.unwrap();
    let report = c.ticket(Kind::Corruption, Agency::Anticorruption, None).await;
    let named = c.ticket(Kind::Complaint, Agency::Anticorruption, Some(citizen.id)).await;
    let mut tx = c.store.begin().await.unwrap();
    tx.seal_channel(report.id, 4242424242, "receipt-hash-secret", c.desk.now()).await.unwrap();
    tx.commit().await.unwrap();
    c.store.set_console_admin(officer, true, c.desk.now()).await.unwrap();
    let cookie = c.sign_in(officer).await;
    let pages = [
        "/console/".to_owned(),
        format!("/console/tickets/{}", report.number),
        format!("/console/tickets/{}", named.number),
        "/console/admin/agencies".to_owned(),
        "/console/admin/officers".to_owned(),
        "/console/admin/invites".to_owned(),
        "/console/admin/audit".to_owned(),
        "/console/admin/sla".to_owned(),
    ];
    for path in &pages {
        let page = c.get(path, Some(&cookie)).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        for secret in ["4242424242", "5151515151", "receipt-hash-secret", "60606061"] {
            assert!(!page.body.contains(secret), "{path} shows {secret}");
        }
    }
}

#[tokio::test]
async fn every_officer_reads_the_console_in_their_own_language() {
    let c = Console::new().await;
    let ky = c.officer_in(Agency::Health, Role::Officer, 607, ChatLang::Ky).await;
    let ru = c.officer_in(Agency::Health, Role::Officer, 608, ChatLang::Ru).await;
    let own = c.ticket(Kind::Complaint, Agency::Health, None).await;
    let health = c.desk.agencies().get(&"health".parse().unwrap()).unwrap().clone();
    let ticket_path = format!("/console/tickets/{}", own.number);
    let mut seen = Vec::new();
    for (officer, lang, other, agency) in
        [(ky, PageLang::Ky, PageLang::Ru, &health.name_ky), (ru, PageLang::Ru, PageLang::Ky, &health.name_ru)]
    {
        let cookie = c.sign_in(officer).await;
        let queue = c.get("/console/", Some(&cookie)).await;
        let title = say_with(lang, "queue-title", &[("agency", FluentValue::from(agency.as_str()))]);
        for expected in [title, say(lang, "filter-unassigned"), say(lang, "col-taken"), say(lang, "kind-complaint")] {
            assert!(queue.body.contains(&expected), "{}: the queue lacks {expected}", lang.code());
        }
        assert!(queue.body.contains(&format!(r#"lang="{}""#, lang.code())));
        for absent in
            [say(other, "nav-queue"), say(other, "nav-sign-out"), "Sign out".to_owned(), "Queue of".to_owned()]
        {
            assert!(!queue.body.contains(&absent), "{}: the queue shows {absent}", lang.code());
        }
        let ticket = c.get(&ticket_path, Some(&cookie)).await;
        let title = say_with(lang, "ticket-title", &[("number", FluentValue::from(own.number.to_string()))]);
        for expected in [
            title,
            say(lang, "act-send"),
            say(lang, "field-resolution-due"),
            say(lang, "status-new"),
            say(lang, "lang-ru"),
            esc(agency),
        ] {
            assert!(ticket.body.contains(&expected), "{}: the ticket page lacks {expected}", lang.code());
        }
        assert!(!ticket.body.contains(&say(other, "act-send")) && !ticket.body.contains("Send answer"));
        let missing = c.get("/console/tickets/KR-2026-999999", Some(&cookie)).await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
        assert!(missing.body.contains(&say(lang, "not-found-text")));
        seen.push(queue.body);
    }
    assert_ne!(seen[0], seen[1]);
}
