//! Signing in to the console: no session means the sign-in explanation; a login link works once
//! and not after it expired; the cookie is HttpOnly and SameSite=Strict (Secure over https);
//! logout needs the CSRF token and ends the session.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod console_support;

use axum::http::StatusCode;
use chrono::Duration;
use classifier::Agency;
use console_support::{Console, PageLang, say};
use tickets::domain::Role;

const EVERY_PAGE: [&str; 8] = [
    "/console/",
    "/console/?filter=mine",
    "/console/tickets/KR-2026-000001",
    "/console/admin/agencies",
    "/console/admin/officers",
    "/console/admin/invites",
    "/console/admin/audit",
    "/console/admin/sla",
];

#[tokio::test]
async fn without_a_session_every_page_and_form_leads_to_the_sign_in_explanation() {
    let c = Console::new().await;
    for path in EVERY_PAGE {
        let page = c.get(path, None).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{path}");
        assert_eq!(page.location.as_deref(), Some("/console/signin"), "{path}");
    }
    for path in [
        "/console/tickets/KR-2026-000001/take",
        "/console/logout",
        "/console/admin/invites",
        "/console/admin/officers/1/disable",
    ] {
        let page = c.post(path, None, &[("csrf", "x")]).await;
        assert_eq!(page.location.as_deref(), Some("/console/signin"), "{path}");
    }
    // A made-up cookie is no session either.
    let page = c.get("/console/", Some("kairyluu_console=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).await;
    assert_eq!(page.location.as_deref(), Some("/console/signin"));
    let explain = c.get("/console/signin", None).await;
    assert_eq!(explain.status, StatusCode::OK);
    assert!(explain.body.contains("<b>/web</b>"));
}

#[tokio::test]
async fn the_sign_in_explanation_speaks_the_browser_s_language_and_kyrgyz_by_default() {
    let c = Console::new().await;
    for (header, lang) in [
        (None, PageLang::Ky),
        (Some("de-DE,de;q=0.9"), PageLang::Ky),
        (Some("ru-RU,ru;q=0.9,en;q=0.8"), PageLang::Ru),
        (Some("ky"), PageLang::Ky),
        (Some("en-GB,en;q=0.9"), PageLang::En),
    ] {
        let page = c.get_in("/console/signin", None, header).await;
        assert!(page.body.contains(&say(lang, "signin-title")), "{header:?}");
        let first_words = say(lang, "signin-text").split("/web").next().unwrap().to_owned();
        assert!(page.body.contains(&first_words), "{header:?}: {}", page.body);
        for other in PageLang::ALL.into_iter().filter(|l| *l != lang) {
            assert!(!page.body.contains(&say(other, "signin-title")), "{header:?} shows {}", other.code());
        }
    }
    // A spent link is explained in the browser's language too.
    let refused = c.get_in("/console/login/short", None, Some("ru")).await;
    assert!(refused.body.contains(&say(PageLang::Ru, "link-refused-text")));
}

#[tokio::test]
async fn a_login_link_signs_in_once_with_a_strict_http_only_cookie() {
    let c = Console::new().await;
    let officer = c.officer(Agency::Health, Role::Officer, 501).await;
    let path = c.login_link(officer).await;
    let first = c.get(&path, None).await;
    assert_eq!(first.status, StatusCode::OK);
    let cookie = first.set_cookie.clone().unwrap();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/console"),
        "{cookie}"
    );
    assert!(!cookie.contains("Secure"), "plain http: {cookie}");
    let session = cookie.split(';').next().unwrap();
    assert_eq!(c.get("/console/", Some(session)).await.status, StatusCode::OK);

    let again = c.get(&path, None).await;
    assert_eq!(again.status, StatusCode::FORBIDDEN, "a login link works once");
    assert!(again.set_cookie.is_none());
    let refused = c.store.audit_entries("console_sign_in_refused").await.unwrap();
    assert_eq!(refused.len(), 1);
}

#[tokio::test]
async fn an_expired_or_malformed_link_is_refused() {
    let c = Console::new().await;
    let officer = c.officer(Agency::Health, Role::Officer, 502).await;
    let path = c.login_link(officer).await;
    c.clock.advance(Duration::minutes(16));
    let page = c.get(&path, None).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert!(page.set_cookie.is_none());
    assert_eq!(c.get("/console/login/short", None).await.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn over_https_the_cookie_is_secure() {
    let c = Console::at("https://kairyluu.example.kg").await;
    let officer = c.officer(Agency::Health, Role::Officer, 503).await;
    let page = c.get(&c.login_link(officer).await, None).await;
    assert!(page.set_cookie.unwrap().contains("; Secure"));
}

#[tokio::test]
async fn logout_needs_the_csrf_token_and_then_ends_the_session() {
    let c = Console::new().await;
    let officer = c.officer(Agency::Health, Role::Officer, 504).await;
    let cookie = c.sign_in(officer).await;
    let queue = c.get("/console/", Some(&cookie)).await;
    let csrf = queue.csrf();

    let forged = c.post("/console/logout", Some(&cookie), &[("csrf", "wrong")]).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    let missing = c.post("/console/logout", Some(&cookie), &[]).await;
    assert_eq!(missing.status, StatusCode::FORBIDDEN);
    assert_eq!(c.get("/console/", Some(&cookie)).await.status, StatusCode::OK, "still signed in");

    let out = c.post("/console/logout", Some(&cookie), &[("csrf", &csrf)]).await;
    assert_eq!(out.location.as_deref(), Some("/console/signin"));
    assert!(out.set_cookie.unwrap().contains("Max-Age=0"));
    assert_eq!(c.get("/console/", Some(&cookie)).await.location.as_deref(), Some("/console/signin"));
}

#[tokio::test]
async fn a_session_expires_and_a_disabled_officer_is_signed_out() {
    let c = Console::new().await;
    let officer = c.officer(Agency::Health, Role::Officer, 505).await;
    let cookie = c.sign_in(officer).await;
    c.clock.advance(Duration::hours(13));
    assert_eq!(c.get("/console/", Some(&cookie)).await.location.as_deref(), Some("/console/signin"));

    let cookie = c.sign_in(officer).await;
    let mut tx = c.store.begin().await.unwrap();
    tx.set_officer_active(officer, false).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(c.get("/console/", Some(&cookie)).await.location.as_deref(), Some("/console/signin"));
}
