//! Storage of the web console's sign-in: one-time login links (sent by `/web`, kept hashed,
//! single use, expiring), sessions (kept hashed, with their CSRF token) and which officers
//! administer.
//!
//! [`WebStore`] is a supertrait of [`Store`](super::Store); [`impl_web_store!`] implements it in
//! each backend's module with the same `$N` SQL for both databases. Instants are compared in
//! Rust, not in SQL: SQLite keeps them as text whose fractional seconds vary in length.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::{BoundOfficer, StoreError};
use crate::domain::AuditEntry;

/// A login link to write: only the SHA-256 of its token is kept.
#[derive(Debug, Clone)]
pub struct NewLoginLink<'a> {
    pub token_hash: &'a str,
    pub officer_id: i64,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// A session to open when a login link is redeemed: only the SHA-256 of the cookie is kept.
#[derive(Debug, Clone)]
pub struct NewSession<'a> {
    pub id_hash: &'a str,
    /// The token every form of this session must carry.
    pub csrf_token: &'a str,
    pub expires_at: DateTime<Utc>,
}

/// What redeeming a login link did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignIn {
    /// The session is open for this officer.
    SignedIn(BoundOfficer),
    /// No link has this token.
    Unknown,
    /// The link was already used.
    Used,
    /// The link expired before it was used.
    Expired,
    /// The officer was disabled since the link was sent.
    Disabled,
}

impl SignIn {
    /// A stable code for the audit log and logs.
    pub fn code(&self) -> &'static str {
        match self {
            SignIn::SignedIn(_) => "signed_in",
            SignIn::Unknown => "unknown",
            SignIn::Used => "used",
            SignIn::Expired => "expired",
            SignIn::Disabled => "disabled",
        }
    }
}

/// A live session: its officer (active), whether they administer, and its CSRF token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebSession {
    pub officer: BoundOfficer,
    pub admin: bool,
    pub csrf_token: String,
    pub expires_at: DateTime<Utc>,
}

/// Sending a login link, inside the transaction of the `/web` update that asked for it.
#[async_trait]
pub trait WebTx: Send {
    /// Stores a login link for an officer (audited); returns its id.
    async fn create_login_link(&mut self, link: &NewLoginLink<'_>) -> Result<i64, StoreError>;
}

/// The console's sign-in and administrators; each change runs in its own transaction.
#[async_trait]
pub trait WebStore: Send + Sync {
    /// Redeems the link whose token hashes to `token_hash` at `at`: marks it used and opens
    /// `session`, in one transaction, audited. Unknown, used, expired links and disabled
    /// officers change nothing but the audit log.
    async fn sign_in(
        &self,
        token_hash: &str,
        session: &NewSession<'_>,
        at: DateTime<Utc>,
    ) -> Result<SignIn, StoreError>;

    /// The session whose cookie hashes to `id_hash`, if it is live at `at` and its officer active.
    async fn web_session(&self, id_hash: &str, at: DateTime<Utc>) -> Result<Option<WebSession>, StoreError>;

    /// Ends a session (logout); `false` when there was no live one.
    async fn end_session(&self, id_hash: &str, at: DateTime<Utc>) -> Result<bool, StoreError>;

    /// Grants or withdraws administration of the console; `false` when there is no such officer.
    async fn set_console_admin(&self, officer_id: i64, admin: bool, at: DateTime<Utc>) -> Result<bool, StoreError>;

    /// Whether the officer administers the console.
    async fn is_console_admin(&self, officer_id: i64) -> Result<bool, StoreError>;

    /// The latest audit entries, newest first.
    async fn recent_audit(&self, limit: i64) -> Result<Vec<AuditEntry>, StoreError>;
}

/// Implements `WebStore` for `$store` and `WebTx` for `$tx` over `$db`. Invoked in the backend's module after
/// `impl_store!`, whose helper `insert_audit` it uses; `$store` provides `pool`, `begin_write`
/// and `FOR_UPDATE`.
macro_rules! impl_web_store {
    ($store:ty, $tx:ident, $db:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::WebTx for $tx {
            async fn create_login_link(
                &mut self,
                link: &$crate::store::NewLoginLink<'_>,
            ) -> Result<i64, $crate::store::StoreError> {
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO console_login_links (token_hash, officer_id, created_at, expires_at)
                     VALUES ($1, $2, $3, $4) RETURNING id",
                )
                .bind(link.token_hash)
                .bind(link.officer_id)
                .bind(link.created_at)
                .bind(link.expires_at)
                .fetch_one(&mut *self.tx)
                .await?;
                insert_audit(
                    &mut self.tx,
                    None,
                    $crate::domain::Actor::officer(link.officer_id),
                    "console_link_sent",
                    Some(&format!("link={id}")),
                    link.created_at,
                )
                .await?;
                Ok(id)
            }
        }

        #[async_trait::async_trait]
        impl $crate::store::WebStore for $store {
            async fn sign_in(
                &self,
                token_hash: &str,
                session: &$crate::store::NewSession<'_>,
                at: chrono::DateTime<chrono::Utc>,
            ) -> Result<$crate::store::SignIn, $crate::store::StoreError> {
                type LinkRow = (i64, i64, chrono::DateTime<chrono::Utc>, Option<chrono::DateTime<chrono::Utc>>);
                let mut tx = self.begin_write().await?;
                let link: Option<LinkRow> = sqlx::query_as(&format!(
                    "SELECT id, officer_id, expires_at, used_at FROM console_login_links WHERE token_hash = $1{}",
                    <$store>::FOR_UPDATE
                ))
                .bind(token_hash)
                .fetch_optional(&mut *tx)
                .await?;
                let officer: Option<$crate::store::BoundOfficer> = match link {
                    Some((_, officer_id, _, _)) => {
                        let row: Option<$crate::store::officers::BoundOfficerRow> = sqlx::query_as(&format!(
                            "SELECT {} FROM officers WHERE id = $1",
                            $crate::store::officers::BOUND_OFFICER_COLUMNS
                        ))
                        .bind(officer_id)
                        .fetch_optional(&mut *tx)
                        .await?;
                        row.map(TryInto::try_into).transpose()?
                    }
                    None => None,
                };
                let outcome = match (link, officer) {
                    (None, _) | (Some(_), None) => $crate::store::SignIn::Unknown,
                    (Some((_, _, _, Some(_))), _) => $crate::store::SignIn::Used,
                    (Some((_, _, expires_at, None)), _) if expires_at <= at => $crate::store::SignIn::Expired,
                    (Some(_), Some(officer)) if !officer.officer.active => $crate::store::SignIn::Disabled,
                    (Some((link_id, officer_id, _, None)), Some(officer)) => {
                        sqlx::query("UPDATE console_login_links SET used_at = $2 WHERE id = $1")
                            .bind(link_id)
                            .bind(at)
                            .execute(&mut *tx)
                            .await?;
                        sqlx::query(
                            "INSERT INTO console_sessions (id_hash, officer_id, csrf_token, created_at, expires_at)
                             VALUES ($1, $2, $3, $4, $5)",
                        )
                        .bind(session.id_hash)
                        .bind(officer_id)
                        .bind(session.csrf_token)
                        .bind(at)
                        .bind(session.expires_at)
                        .execute(&mut *tx)
                        .await?;
                        insert_audit(
                            &mut tx,
                            None,
                            $crate::domain::Actor::officer(officer_id),
                            "console_signed_in",
                            Some(&format!("link={link_id}")),
                            at,
                        )
                        .await?;
                        tx.commit().await?;
                        return Ok($crate::store::SignIn::SignedIn(officer));
                    }
                };
                insert_audit(
                    &mut tx,
                    None,
                    $crate::domain::Actor::SYSTEM,
                    "console_sign_in_refused",
                    Some(&format!("reason={}", outcome.code())),
                    at,
                )
                .await?;
                tx.commit().await?;
                Ok(outcome)
            }

            async fn web_session(
                &self,
                id_hash: &str,
                at: chrono::DateTime<chrono::Utc>,
            ) -> Result<Option<$crate::store::WebSession>, $crate::store::StoreError> {
                type SessionRow =
                    (i64, String, chrono::DateTime<chrono::Utc>, Option<chrono::DateTime<chrono::Utc>>, bool);
                let row: Option<SessionRow> = sqlx::query_as(
                    "SELECT s.officer_id, s.csrf_token, s.expires_at, s.ended_at,
                            EXISTS (SELECT 1 FROM console_admins a WHERE a.officer_id = s.officer_id)
                     FROM console_sessions s WHERE s.id_hash = $1",
                )
                .bind(id_hash)
                .fetch_optional(&self.pool)
                .await?;
                let Some((officer_id, csrf_token, expires_at, ended_at, admin)) = row else { return Ok(None) };
                if ended_at.is_some() || expires_at <= at {
                    return Ok(None);
                }
                let officer: Option<$crate::store::officers::BoundOfficerRow> = sqlx::query_as(&format!(
                    "SELECT {} FROM officers WHERE id = $1",
                    $crate::store::officers::BOUND_OFFICER_COLUMNS
                ))
                .bind(officer_id)
                .fetch_optional(&self.pool)
                .await?;
                let Some(officer) = officer.map($crate::store::BoundOfficer::try_from).transpose()? else {
                    return Ok(None);
                };
                // A disabled officer's sessions stop working at once.
                if !officer.officer.active {
                    return Ok(None);
                }
                Ok(Some($crate::store::WebSession { officer, admin, csrf_token, expires_at }))
            }

            async fn end_session(
                &self,
                id_hash: &str,
                at: chrono::DateTime<chrono::Utc>,
            ) -> Result<bool, $crate::store::StoreError> {
                let mut tx = self.begin_write().await?;
                let officer: Option<i64> = sqlx::query_scalar(
                    "UPDATE console_sessions SET ended_at = $2 WHERE id_hash = $1 AND ended_at IS NULL
                     RETURNING officer_id",
                )
                .bind(id_hash)
                .bind(at)
                .fetch_optional(&mut *tx)
                .await?;
                if let Some(officer_id) = officer {
                    insert_audit(
                        &mut tx,
                        None,
                        $crate::domain::Actor::officer(officer_id),
                        "console_signed_out",
                        None,
                        at,
                    )
                    .await?;
                }
                tx.commit().await?;
                Ok(officer.is_some())
            }

            async fn set_console_admin(
                &self,
                officer_id: i64,
                admin: bool,
                at: chrono::DateTime<chrono::Utc>,
            ) -> Result<bool, $crate::store::StoreError> {
                let mut tx = self.begin_write().await?;
                let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM officers WHERE id = $1")
                    .bind(officer_id)
                    .fetch_optional(&mut *tx)
                    .await?;
                if exists.is_none() {
                    return Ok(false);
                }
                if admin {
                    sqlx::query(
                        "INSERT INTO console_admins (officer_id, granted_at) VALUES ($1, $2)
                         ON CONFLICT (officer_id) DO NOTHING",
                    )
                    .bind(officer_id)
                    .bind(at)
                    .execute(&mut *tx)
                    .await?;
                } else {
                    sqlx::query("DELETE FROM console_admins WHERE officer_id = $1")
                        .bind(officer_id)
                        .execute(&mut *tx)
                        .await?;
                }
                let action = if admin { "console_admin_granted" } else { "console_admin_withdrawn" };
                insert_audit(
                    &mut tx,
                    None,
                    $crate::domain::Actor::ADMIN,
                    action,
                    Some(&format!("officer={officer_id}")),
                    at,
                )
                .await?;
                tx.commit().await?;
                Ok(true)
            }

            async fn is_console_admin(&self, officer_id: i64) -> Result<bool, $crate::store::StoreError> {
                let found: Option<i64> =
                    sqlx::query_scalar("SELECT officer_id FROM console_admins WHERE officer_id = $1")
                        .bind(officer_id)
                        .fetch_optional(&self.pool)
                        .await?;
                Ok(found.is_some())
            }

            async fn recent_audit(
                &self,
                limit: i64,
            ) -> Result<Vec<$crate::domain::AuditEntry>, $crate::store::StoreError> {
                let rows: Vec<$crate::store::rows::AuditRow> = sqlx::query_as(&format!(
                    "SELECT {} FROM audit_log ORDER BY id DESC LIMIT $1",
                    $crate::store::rows::AUDIT_COLUMNS
                ))
                .bind(limit)
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }
        }
    };
}

pub(crate) use impl_web_store;
