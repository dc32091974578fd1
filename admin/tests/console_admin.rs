//! Administrators in the console: agencies, officers (disable), invites (the link shown once),
//! the audit log, SLA and holidays. An officer who is not an administrator gets the same 404 as
//! for a page that does not exist; forms need the CSRF token.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod console_support;

use axum::http::StatusCode;
use classifier::Agency;
use console_support::{Console, PageLang, say};
use tickets::domain::{ChatLang, Role};

const ADMIN_PAGES: [&str; 5] = [
    "/console/admin/agencies",
    "/console/admin/officers",
    "/console/admin/invites",
    "/console/admin/audit",
    "/console/admin/sla",
];

#[tokio::test]
async fn an_officer_who_does_not_administer_sees_no_admin_page() {
    let c = Console::new().await;
    let head = c.officer(Agency::Health, Role::Head, 701).await;
    let other = c.officer(Agency::Health, Role::Officer, 702).await;
    let cookie = c.sign_in(head).await;
    let csrf = c.get("/console/", Some(&cookie)).await.csrf();
    assert!(!c.get("/console/", Some(&cookie)).await.body.contains("/console/admin/"), "no admin links");
    for path in ADMIN_PAGES {
        assert_eq!(c.get(path, Some(&cookie)).await.status, StatusCode::NOT_FOUND, "{path}");
    }
    let disable = c.post(&format!("/console/admin/officers/{other}/disable"), Some(&cookie), &[("csrf", &csrf)]).await;
    assert_eq!(disable.status, StatusCode::NOT_FOUND);
    let invite = c
        .post(
            "/console/admin/invites",
            Some(&cookie),
            &[("csrf", &csrf), ("agency", "health"), ("role", "head"), ("valid_days", "7")],
        )
        .await;
    assert_eq!(invite.status, StatusCode::NOT_FOUND);
    assert!(c.store.bound_officers(None).await.unwrap().iter().all(|o| o.officer.active));
}

#[tokio::test]
async fn an_administrator_sees_every_admin_page() {
    let c = Console::new().await;
    let admin = c.officer(Agency::Health, Role::Officer, 703).await;
    c.store.set_console_admin(admin, true, c.desk.now()).await.unwrap();
    let cookie = c.sign_in(admin).await;
    for path in ADMIN_PAGES {
        let page = c.get(path, Some(&cookie)).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
    }
    let agencies = c.get("/console/admin/agencies", Some(&cookie)).await;
    assert!(agencies.body.contains("anticorruption") && agencies.body.contains("health"));
    let audit = c.get("/console/admin/audit", Some(&cookie)).await;
    assert!(audit.body.contains("console_signed_in"), "the sign-in itself is audited");
    let sla = c.get("/console/admin/sla", Some(&cookie)).await;
    assert!(
        sla.body.contains("2026-01-01") && sla.body.contains("2026-01-08"),
        "New Year and the declared 8 January: {}",
        sla.body
    );
}

#[tokio::test]
async fn an_administrator_disables_an_officer_with_the_csrf_token_only() {
    let c = Console::new().await;
    let admin = c.officer(Agency::Health, Role::Officer, 704).await;
    let other = c.officer(Agency::Police, Role::Officer, 705).await;
    c.store.set_console_admin(admin, true, c.desk.now()).await.unwrap();
    let cookie = c.sign_in(admin).await;
    let page = c.get("/console/admin/officers", Some(&cookie)).await;
    let path = format!("/console/admin/officers/{other}/disable");
    assert!(page.body.contains(&path));
    assert_eq!(c.post(&path, Some(&cookie), &[("csrf", "forged")]).await.status, StatusCode::FORBIDDEN);
    assert!(active(&c, other).await, "a forged form changes nothing");
    let done = c.post(&path, Some(&cookie), &[("csrf", &page.csrf())]).await;
    assert_eq!(done.location.as_deref(), Some("/console/admin/officers"));
    assert!(!active(&c, other).await);
    let audit = c.store.audit_entries("officer_disabled").await.unwrap();
    assert_eq!(audit.len(), 1);
    assert_eq!(audit[0].actor.officer_id, Some(admin));
    let unknown = c.post("/console/admin/officers/99999/disable", Some(&cookie), &[("csrf", &page.csrf())]).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn an_invite_link_is_shown_once_in_the_answer_to_its_form() {
    let c = Console::new().await;
    let admin = c.officer(Agency::Health, Role::Officer, 706).await;
    c.store.set_console_admin(admin, true, c.desk.now()).await.unwrap();
    let cookie = c.sign_in(admin).await;
    let csrf = c.get("/console/admin/invites", Some(&cookie)).await.csrf();
    let form = [("csrf", csrf.as_str()), ("agency", "police"), ("role", "head"), ("valid_days", "3")];
    let created = c.post("/console/admin/invites", Some(&cookie), &form).await;
    assert_eq!(created.status, StatusCode::OK);
    assert!(created.body.contains("https://t.me/test_bot?start=inv_police_head_3"), "{}", created.body);
    assert!(!c.get("/console/admin/invites", Some(&cookie)).await.body.contains("inv_police"), "shown only once");
    let bad = c
        .post(
            "/console/admin/invites",
            Some(&cookie),
            &[("csrf", &csrf), ("agency", "nowhere"), ("role", "head"), ("valid_days", "3")],
        )
        .await;
    assert!(!bad.body.contains("start=inv_"));
    let forged = c
        .post("/console/admin/invites", Some(&cookie), &[("agency", "police"), ("role", "head"), ("valid_days", "3")])
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_admin_pages_speak_the_administrator_s_language() {
    let c = Console::new().await;
    for (user, chat, lang) in [(707, ChatLang::Ky, PageLang::Ky), (708, ChatLang::Ru, PageLang::Ru)] {
        let admin = c.officer_in(Agency::Health, Role::Officer, user, chat).await;
        c.store.set_console_admin(admin, true, c.desk.now()).await.unwrap();
        let cookie = c.sign_in(admin).await;
        let expected = [
            ("/console/admin/agencies", ["agencies-title", "agencies-note", "col-complaint-terms"]),
            ("/console/admin/officers", ["officers-title", "state-active", "role-officer"]),
            ("/console/admin/invites", ["invites-title", "invites-create", "role-head"]),
            ("/console/admin/audit", ["audit-title", "col-who", "col-detail"]),
            ("/console/admin/sla", ["sla-title", "col-extension", "kind-corruption"]),
        ];
        for (path, ids) in expected {
            let page = c.get(path, Some(&cookie)).await;
            for id in ids {
                assert!(page.body.contains(&say(lang, id)), "{path} in {} lacks {id}", lang.code());
            }
            for nav in ["nav-agencies", "nav-officers", "nav-invites", "nav-audit", "nav-sla"] {
                assert!(page.body.contains(&say(lang, nav)), "{path}: the menu lacks {nav}");
            }
            assert!(!page.body.contains("Sign out"), "{path} in {} is in English", lang.code());
        }
        let audit = c.get("/console/admin/audit", Some(&cookie)).await;
        let signed_in = format!("<td>{} {admin}</td>", say(lang, "actor-officer"));
        assert!(audit.body.contains(&signed_in), "the sign-in's actor in {}: {}", lang.code(), audit.body);
        let sla = c.get("/console/admin/sla", Some(&cookie)).await;
        let days = if lang == PageLang::Ru { "рабочих дней" } else { "иш күнү" };
        assert!(sla.body.contains(days), "terms in {}: {}", lang.code(), sla.body);
    }
}

async fn active(c: &Console, id: i64) -> bool {
    c.store.bound_officers(None).await.unwrap().iter().find(|o| o.officer.id == id).unwrap().officer.active
}
