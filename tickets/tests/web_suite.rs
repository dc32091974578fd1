//! The web console's sign-in storage, run on every backend (see `support`): login links are
//! single use and expire, sessions expire and end, a disabled officer's session stops, and
//! administrators are granted and withdrawn.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[allow(dead_code)] // The harness serves every suite; this one needs less of it.
mod support;

use chrono::Duration;
use classifier::Agency;
use tickets::domain::{AgencyCode, ChatLang, Role};
use tickets::store::{NewInvite, NewLoginLink, NewSession, Redemption, SignIn};

use support::{Harness, each_backend};

async fn officer(h: &Harness, user: i64) -> i64 {
    let now = h.desk.now();
    let agency = AgencyCode::from(Agency::Health);
    let hash = format!("invite-{user}");
    let mut tx = h.store.begin().await.unwrap();
    let invite = NewInvite {
        token_hash: &hash,
        agency: &agency,
        role: Role::Officer,
        created_at: now,
        expires_at: now + Duration::days(1),
    };
    tx.create_invite(&invite).await.unwrap();
    let Redemption::Bound(bound) = tx.redeem_invite(&hash, user, ChatLang::Ru, now).await.unwrap() else {
        panic!("not bound")
    };
    tx.commit().await.unwrap();
    bound.officer.id
}

async fn link(h: &Harness, hash: &str, officer_id: i64, minutes: i64) {
    let now = h.desk.now();
    let link =
        NewLoginLink { token_hash: hash, officer_id, created_at: now, expires_at: now + Duration::minutes(minutes) };
    let mut tx = h.store.begin().await.unwrap();
    tx.create_login_link(&link).await.unwrap();
    tx.commit().await.unwrap();
}

async fn sign_in(h: &Harness, hash: &str, session: &str) -> SignIn {
    let now = h.desk.now();
    let new = NewSession { id_hash: session, csrf_token: "csrf-1", expires_at: now + Duration::hours(12) };
    h.store.sign_in(hash, &new, now).await.unwrap()
}

#[tokio::test]
async fn a_login_link_opens_one_session_once_and_not_after_it_expired() {
    each_backend(|h| async move {
        let id = officer(&h, 7001).await;
        link(&h, "link-a", id, 15).await;
        let SignIn::SignedIn(who) = sign_in(&h, "link-a", "session-a").await else {
            panic!("{}: not signed in", h.label)
        };
        assert_eq!(who.officer.id, id);
        assert_eq!(sign_in(&h, "link-a", "session-b").await, SignIn::Used, "{}", h.label);
        assert_eq!(sign_in(&h, "link-nothing", "session-b").await, SignIn::Unknown, "{}", h.label);
        link(&h, "link-b", id, 15).await;
        h.clock.advance(Duration::minutes(16));
        assert_eq!(sign_in(&h, "link-b", "session-b").await, SignIn::Expired, "{}", h.label);
        // Only the first sign-in opened a session.
        let now = h.desk.now();
        assert!(h.store.web_session("session-a", now).await.unwrap().is_some(), "{}", h.label);
        assert!(h.store.web_session("session-b", now).await.unwrap().is_none(), "{}", h.label);
        let refused = h.store.audit_entries("console_sign_in_refused").await.unwrap();
        let reasons: Vec<_> = refused.iter().filter_map(|e| e.detail.clone()).collect();
        assert_eq!(reasons, ["reason=used", "reason=unknown", "reason=expired"], "{}", h.label);
        h
    })
    .await;
}

#[tokio::test]
async fn a_session_expires_ends_at_logout_and_stops_when_its_officer_is_disabled() {
    each_backend(|h| async move {
        let id = officer(&h, 7002).await;
        link(&h, "link-c", id, 15).await;
        assert!(matches!(sign_in(&h, "link-c", "session-c").await, SignIn::SignedIn(_)));
        let session = h.store.web_session("session-c", h.desk.now()).await.unwrap().unwrap();
        assert_eq!(session.csrf_token, "csrf-1");
        assert!(!session.admin);
        assert!(
            h.store.web_session("session-c", h.desk.now() + Duration::hours(13)).await.unwrap().is_none(),
            "{}",
            h.label
        );

        let mut tx = h.store.begin().await.unwrap();
        tx.set_officer_active(id, false).await.unwrap();
        tx.commit().await.unwrap();
        assert!(h.store.web_session("session-c", h.desk.now()).await.unwrap().is_none(), "{}: disabled", h.label);
        link(&h, "link-d", id, 15).await;
        assert_eq!(sign_in(&h, "link-d", "session-d").await, SignIn::Disabled, "{}", h.label);

        let mut tx = h.store.begin().await.unwrap();
        tx.set_officer_active(id, true).await.unwrap();
        tx.commit().await.unwrap();
        assert!(h.store.end_session("session-c", h.desk.now()).await.unwrap());
        assert!(!h.store.end_session("session-c", h.desk.now()).await.unwrap(), "{}: ended twice", h.label);
        assert!(h.store.web_session("session-c", h.desk.now()).await.unwrap().is_none(), "{}", h.label);
        h
    })
    .await;
}

#[tokio::test]
async fn administrators_are_granted_and_withdrawn_and_seen_in_the_session() {
    each_backend(|h| async move {
        let id = officer(&h, 7003).await;
        assert!(!h.store.is_console_admin(id).await.unwrap());
        assert!(h.store.set_console_admin(id, true, h.desk.now()).await.unwrap());
        assert!(h.store.set_console_admin(id, true, h.desk.now()).await.unwrap(), "granting twice is harmless");
        assert!(
            !h.store.set_console_admin(id + 100, true, h.desk.now()).await.unwrap(),
            "{}: no such officer",
            h.label
        );
        link(&h, "link-e", id, 15).await;
        sign_in(&h, "link-e", "session-e").await;
        assert!(h.store.web_session("session-e", h.desk.now()).await.unwrap().unwrap().admin, "{}", h.label);
        assert!(h.store.set_console_admin(id, false, h.desk.now()).await.unwrap());
        assert!(!h.store.is_console_admin(id).await.unwrap(), "{}", h.label);
        let recent = h.store.recent_audit(3).await.unwrap();
        assert_eq!(recent[0].action, "console_admin_withdrawn", "{}: newest first", h.label);
        h
    })
    .await;
}
