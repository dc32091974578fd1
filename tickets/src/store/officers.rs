//! Storage of the officer desk: officers with their language, one-time invites (kept hashed),
//! agencies' forum groups and ticket topics, which sent card shows which ticket, what an
//! officer's next message means, the queue, and citizens' verdicts on answers.
//!
//! [`OfficerStore`] (reads) and [`OfficerTx`] (everything inside a transaction) are supertraits
//! of [`Store`](super::Store) and [`Tx`](super::Tx); [`impl_officer_store!`] implements them in
//! each backend's module, next to `impl_store!`, with the same `$N` SQL for both databases.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::StoreError;
use crate::domain::{Actor, AgencyCode, AuditEntry, ChatLang, Officer, Role, Ticket};

/// An officer with the language they read the desk in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoundOfficer {
    pub officer: Officer,
    pub lang: ChatLang,
}

/// An invite to write: only the SHA-256 of its token is kept.
#[derive(Debug, Clone)]
pub struct NewInvite<'a> {
    pub token_hash: &'a str,
    pub agency: &'a AgencyCode,
    pub role: Role,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// What redeeming an invite did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Redemption {
    /// The Telegram user is now (again) an active officer of the invite's agency.
    Bound(BoundOfficer),
    /// No invite has this token.
    Unknown,
    /// The invite was already used.
    Used,
    /// The invite expired before it was used.
    Expired,
}

/// Which of an agency's open tickets to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueueFilter {
    /// Every open ticket.
    All,
    /// Taken by this officer.
    Mine { officer_id: i64 },
    /// Taken by nobody.
    Unassigned,
    /// Past the resolution deadline at `now`.
    Overdue { now: DateTime<Utc> },
    /// Not overdue at `now`, but due before `until`.
    DueSoon { now: DateTime<Utc>, until: DateTime<Utc> },
}

/// A citizen's verdict on an answer, counted per agency for the monitors' statistics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verdict {
    /// The answer did not resolve the matter.
    NotResolved,
    /// The answer does not address the appeal at all (a "brush-off", fined since July 2025).
    BrushOff,
}

impl Verdict {
    /// The stable code stored in the database.
    pub const fn code(self) -> &'static str {
        match self {
            Verdict::NotResolved => "not_resolved",
            Verdict::BrushOff => "brush_off",
        }
    }
}

/// How many answers of an agency the citizens disputed, by verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisputeCount {
    pub agency: AgencyCode,
    pub not_resolved: i64,
    pub brush_off: i64,
}

/// Reads of the officer desk, straight from the pool.
#[async_trait]
pub trait OfficerStore: Send + Sync {
    /// Every officer with their language, of one agency or all, oldest first.
    async fn bound_officers(&self, agency: Option<&AgencyCode>) -> Result<Vec<BoundOfficer>, StoreError>;

    /// The agencies' linked forum groups: (agency, chat id).
    async fn agency_groups(&self) -> Result<Vec<(AgencyCode, i64)>, StoreError>;

    /// Disputed answers per agency (agencies without any are left out).
    async fn dispute_counts(&self) -> Result<Vec<DisputeCount>, StoreError>;

    /// Audit entries with this action code, oldest first (desk events and refusals, which may
    /// belong to no ticket).
    async fn audit_entries(&self, action: &str) -> Result<Vec<AuditEntry>, StoreError>;
}

/// Changes (and reads that must see them) of the officer desk, inside a transaction.
#[async_trait]
pub trait OfficerTx: Send {
    /// Stores an invite; returns its id.
    async fn create_invite(&mut self, invite: &NewInvite<'_>) -> Result<i64, StoreError>;

    /// Binds `telegram_user_id` with the invite whose token hashes to `token_hash`, at `at`. An
    /// invite is used once; a user who was an officer before is moved to the invite's agency
    /// and role and enabled again. Unknown, used and expired invites change nothing.
    async fn redeem_invite(
        &mut self,
        token_hash: &str,
        telegram_user_id: i64,
        lang: ChatLang,
        at: DateTime<Utc>,
    ) -> Result<Redemption, StoreError>;

    /// The officer signed in with this Telegram user, active or not.
    async fn officer_by_user(&mut self, telegram_user_id: i64) -> Result<Option<BoundOfficer>, StoreError>;

    /// The officer with this id.
    async fn officer_by_id(&mut self, id: i64) -> Result<Option<BoundOfficer>, StoreError>;

    /// The active officers of an agency (heads too), oldest first.
    async fn active_officers(&mut self, agency: &AgencyCode) -> Result<Vec<BoundOfficer>, StoreError>;

    /// Enables or disables an officer; `false` when there is no such officer.
    async fn set_officer_active(&mut self, id: i64, active: bool) -> Result<bool, StoreError>;

    /// Links an agency to a forum supergroup (replacing an earlier link).
    async fn link_group(&mut self, agency: &AgencyCode, chat_id: i64, at: DateTime<Utc>) -> Result<(), StoreError>;

    /// The forum group of an agency, if it linked one.
    async fn group_of_agency(&mut self, agency: &AgencyCode) -> Result<Option<i64>, StoreError>;

    /// The agency that linked this group chat.
    async fn agency_of_group(&mut self, chat_id: i64) -> Result<Option<AgencyCode>, StoreError>;

    /// Records that a ticket's topic is (to be) in `chat_id`; `thread_id` once Telegram made it.
    async fn set_ticket_topic(
        &mut self,
        ticket_id: i64,
        chat_id: i64,
        thread_id: Option<i32>,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError>;

    /// The ticket whose topic is `thread_id` in `chat_id`.
    async fn ticket_of_topic(&mut self, chat_id: i64, thread_id: i32) -> Result<Option<Ticket>, StoreError>;

    /// The forum topic of a ticket: (chat id, thread id once created).
    async fn topic_of_ticket(&mut self, ticket_id: i64) -> Result<Option<(i64, Option<i32>)>, StoreError>;

    /// Remembers that message `message_id` in `chat_id` shows ticket `ticket_id`.
    async fn remember_card(&mut self, chat_id: i64, message_id: i32, ticket_id: i64) -> Result<(), StoreError>;

    /// The ticket shown by message `message_id` in `chat_id`.
    async fn ticket_of_card(&mut self, chat_id: i64, message_id: i32) -> Result<Option<Ticket>, StoreError>;

    /// What the officer's next message means (a serialized state), if anything.
    async fn officer_pending(&mut self, officer_id: i64) -> Result<Option<String>, StoreError>;

    /// Sets (`Some`) or clears (`None`) what the officer's next message means.
    async fn set_officer_pending(
        &mut self,
        officer_id: i64,
        state: Option<&str>,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError>;

    /// An agency's open tickets matching `filter`, most urgent first.
    async fn officer_queue(
        &mut self,
        agency: &AgencyCode,
        filter: QueueFilter,
        limit: i64,
    ) -> Result<Vec<Ticket>, StoreError>;

    /// Every agency a ticket has been with, oldest first (just its agency when never redirected;
    /// empty for an unknown ticket).
    async fn redirect_path(&mut self, ticket_id: i64) -> Result<Vec<AgencyCode>, StoreError>;

    /// The ticket with this id.
    async fn ticket_by_id(&mut self, id: i64) -> Result<Option<Ticket>, StoreError>;

    /// The chat that follows a ticket: its citizen's, or the sealed channel of an anonymous
    /// report. Never shown to officers.
    async fn citizen_chat_of(&mut self, ticket_id: i64) -> Result<Option<i64>, StoreError>;

    /// Counts a citizen's verdict on the answer `agency` gave.
    async fn record_dispute(
        &mut self,
        ticket_id: i64,
        agency: &AgencyCode,
        verdict: Verdict,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError>;

    /// Writes an audit entry (for refusals and desk events that change no ticket). `detail`
    /// must never hold message text or a citizen's identity.
    async fn audit(
        &mut self,
        ticket_id: Option<i64>,
        actor: Actor,
        action: &str,
        detail: Option<&str>,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError>;
}

/// The officer columns followed by the language.
pub(crate) const BOUND_OFFICER_COLUMNS: &str = "id, telegram_user_id, agency, role, active, created_at, lang";

/// An officer row with its language.
#[derive(sqlx::FromRow)]
pub(crate) struct BoundOfficerRow {
    #[sqlx(flatten)]
    officer: super::rows::OfficerRow,
    lang: String,
}

impl TryFrom<BoundOfficerRow> for BoundOfficer {
    type Error = StoreError;

    fn try_from(row: BoundOfficerRow) -> Result<Self, Self::Error> {
        let lang = row.lang.parse().map_err(|e| StoreError::Corrupt(format!("officer lang: {e}")))?;
        Ok(BoundOfficer { officer: row.officer.try_into()?, lang })
    }
}

/// The WHERE condition of a queue filter (after the agency and the open statuses) with the
/// parameters it binds as $2 and $3, in order.
pub(crate) struct QueueCondition {
    pub(crate) sql: &'static str,
    pub(crate) officer: Option<i64>,
    pub(crate) from: Option<DateTime<Utc>>,
    pub(crate) until: Option<DateTime<Utc>>,
}

pub(crate) fn queue_condition(filter: QueueFilter) -> QueueCondition {
    let none = QueueCondition { sql: "", officer: None, from: None, until: None };
    match filter {
        QueueFilter::All => none,
        QueueFilter::Mine { officer_id } => {
            QueueCondition { sql: " AND assignee_id = $2", officer: Some(officer_id), ..none }
        }
        QueueFilter::Unassigned => QueueCondition { sql: " AND assignee_id IS NULL", ..none },
        QueueFilter::Overdue { now } => QueueCondition { sql: " AND resolution_due < $2", from: Some(now), ..none },
        QueueFilter::DueSoon { now, until } => QueueCondition {
            sql: " AND resolution_due >= $2 AND resolution_due < $3",
            from: Some(now),
            until: Some(until),
            ..none
        },
    }
}

/// Implements `OfficerStore` for `$store` and `OfficerTx` for `$tx` over `$db`. Invoked in the
/// backend's module after `impl_store!`, whose helpers (`fetch_ticket`, `insert_audit`) and
/// private fields it uses; `$store` provides `pool` and `FOR_UPDATE`.
macro_rules! impl_officer_store {
    ($store:ty, $tx:ident, $db:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::OfficerStore for $store {
            async fn bound_officers(
                &self,
                agency: Option<&$crate::domain::AgencyCode>,
            ) -> Result<Vec<$crate::store::BoundOfficer>, $crate::store::StoreError> {
                let rows: Vec<$crate::store::officers::BoundOfficerRow> = sqlx::query_as(&format!(
                    "SELECT {} FROM officers WHERE ($1 IS NULL OR agency = $1) ORDER BY id",
                    $crate::store::officers::BOUND_OFFICER_COLUMNS
                ))
                .bind(agency.map(|a| a.as_str()))
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn agency_groups(
                &self,
            ) -> Result<Vec<($crate::domain::AgencyCode, i64)>, $crate::store::StoreError> {
                let rows: Vec<(String, i64)> =
                    sqlx::query_as("SELECT agency, chat_id FROM agency_groups ORDER BY agency")
                        .fetch_all(&self.pool)
                        .await?;
                rows.into_iter()
                    .map(|(agency, chat)| {
                        agency
                            .parse()
                            .map(|a| (a, chat))
                            .map_err(|e| $crate::store::StoreError::Corrupt(format!("group agency: {e}")))
                    })
                    .collect()
            }

            async fn dispute_counts(
                &self,
            ) -> Result<Vec<$crate::store::DisputeCount>, $crate::store::StoreError> {
                let rows: Vec<(String, i64, i64)> = sqlx::query_as(
                    "SELECT agency,
                            COUNT(*) FILTER (WHERE verdict = 'not_resolved'),
                            COUNT(*) FILTER (WHERE verdict = 'brush_off')
                     FROM answer_disputes GROUP BY agency ORDER BY agency",
                )
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter()
                    .map(|(agency, not_resolved, brush_off)| {
                        Ok($crate::store::DisputeCount {
                            agency: agency.parse().map_err(|e| {
                                $crate::store::StoreError::Corrupt(format!("dispute agency: {e}"))
                            })?,
                            not_resolved,
                            brush_off,
                        })
                    })
                    .collect()
            }

            async fn audit_entries(
                &self,
                action: &str,
            ) -> Result<Vec<$crate::domain::AuditEntry>, $crate::store::StoreError> {
                let rows: Vec<$crate::store::rows::AuditRow> = sqlx::query_as(&format!(
                    "SELECT {} FROM audit_log WHERE action = $1 ORDER BY id",
                    $crate::store::rows::AUDIT_COLUMNS
                ))
                .bind(action)
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }
        }

        #[async_trait::async_trait]
        impl $crate::store::OfficerTx for $tx {
            async fn create_invite(
                &mut self,
                invite: &$crate::store::NewInvite<'_>,
            ) -> Result<i64, $crate::store::StoreError> {
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO officer_invites (token_hash, agency, role, created_at, expires_at)
                     VALUES ($1, $2, $3, $4, $5) RETURNING id",
                )
                .bind(invite.token_hash)
                .bind(invite.agency.as_str())
                .bind(invite.role.code())
                .bind(invite.created_at)
                .bind(invite.expires_at)
                .fetch_one(&mut *self.tx)
                .await?;
                Ok(id)
            }

            async fn redeem_invite(
                &mut self,
                token_hash: &str,
                telegram_user_id: i64,
                lang: $crate::domain::ChatLang,
                at: chrono::DateTime<chrono::Utc>,
            ) -> Result<$crate::store::Redemption, $crate::store::StoreError> {
                type InviteRow = (i64, String, String, chrono::DateTime<chrono::Utc>, Option<chrono::DateTime<chrono::Utc>>);
                let invite: Option<InviteRow> = sqlx::query_as(&format!(
                    "SELECT id, agency, role, expires_at, used_at FROM officer_invites WHERE token_hash = $1{}",
                    <$store>::FOR_UPDATE
                ))
                .bind(token_hash)
                .fetch_optional(&mut *self.tx)
                .await?;
                let Some((invite_id, agency, role, expires_at, used_at)) = invite else {
                    return Ok($crate::store::Redemption::Unknown);
                };
                if used_at.is_some() {
                    return Ok($crate::store::Redemption::Used);
                }
                if expires_at <= at {
                    return Ok($crate::store::Redemption::Expired);
                }
                let row: $crate::store::officers::BoundOfficerRow = sqlx::query_as(&format!(
                    "INSERT INTO officers (telegram_user_id, agency, role, active, created_at, lang)
                     VALUES ($1, $2, $3, TRUE, $4, $5)
                     ON CONFLICT (telegram_user_id) DO UPDATE
                        SET agency = excluded.agency, role = excluded.role, active = TRUE, lang = excluded.lang
                     RETURNING {}",
                    $crate::store::officers::BOUND_OFFICER_COLUMNS
                ))
                .bind(telegram_user_id)
                .bind(&agency)
                .bind(&role)
                .bind(at)
                .bind(lang.code())
                .fetch_one(&mut *self.tx)
                .await?;
                let bound: $crate::store::BoundOfficer = row.try_into()?;
                sqlx::query("UPDATE officer_invites SET used_at = $2, officer_id = $3 WHERE id = $1")
                    .bind(invite_id)
                    .bind(at)
                    .bind(bound.officer.id)
                    .execute(&mut *self.tx)
                    .await?;
                insert_audit(
                    &mut self.tx,
                    None,
                    $crate::domain::Actor::officer(bound.officer.id),
                    "officer_bound",
                    Some(&format!("agency={agency} role={role} invite={invite_id}")),
                    at,
                )
                .await?;
                Ok($crate::store::Redemption::Bound(bound))
            }

            async fn officer_by_user(
                &mut self,
                telegram_user_id: i64,
            ) -> Result<Option<$crate::store::BoundOfficer>, $crate::store::StoreError> {
                let row: Option<$crate::store::officers::BoundOfficerRow> = sqlx::query_as(&format!(
                    "SELECT {} FROM officers WHERE telegram_user_id = $1",
                    $crate::store::officers::BOUND_OFFICER_COLUMNS
                ))
                .bind(telegram_user_id)
                .fetch_optional(&mut *self.tx)
                .await?;
                row.map(TryInto::try_into).transpose()
            }

            async fn officer_by_id(
                &mut self,
                id: i64,
            ) -> Result<Option<$crate::store::BoundOfficer>, $crate::store::StoreError> {
                let row: Option<$crate::store::officers::BoundOfficerRow> = sqlx::query_as(&format!(
                    "SELECT {} FROM officers WHERE id = $1",
                    $crate::store::officers::BOUND_OFFICER_COLUMNS
                ))
                .bind(id)
                .fetch_optional(&mut *self.tx)
                .await?;
                row.map(TryInto::try_into).transpose()
            }

            async fn active_officers(
                &mut self,
                agency: &$crate::domain::AgencyCode,
            ) -> Result<Vec<$crate::store::BoundOfficer>, $crate::store::StoreError> {
                let rows: Vec<$crate::store::officers::BoundOfficerRow> = sqlx::query_as(&format!(
                    "SELECT {} FROM officers WHERE agency = $1 AND active = TRUE ORDER BY id",
                    $crate::store::officers::BOUND_OFFICER_COLUMNS
                ))
                .bind(agency.as_str())
                .fetch_all(&mut *self.tx)
                .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn set_officer_active(&mut self, id: i64, active: bool) -> Result<bool, $crate::store::StoreError> {
                let done = sqlx::query("UPDATE officers SET active = $2 WHERE id = $1")
                    .bind(id)
                    .bind(active)
                    .execute(&mut *self.tx)
                    .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn link_group(
                &mut self,
                agency: &$crate::domain::AgencyCode,
                chat_id: i64,
                at: chrono::DateTime<chrono::Utc>,
            ) -> Result<(), $crate::store::StoreError> {
                sqlx::query(
                    "INSERT INTO agency_groups (agency, chat_id, linked_at) VALUES ($1, $2, $3)
                     ON CONFLICT (agency) DO UPDATE SET chat_id = excluded.chat_id, linked_at = excluded.linked_at",
                )
                .bind(agency.as_str())
                .bind(chat_id)
                .bind(at)
                .execute(&mut *self.tx)
                .await?;
                Ok(())
            }

            async fn group_of_agency(
                &mut self,
                agency: &$crate::domain::AgencyCode,
            ) -> Result<Option<i64>, $crate::store::StoreError> {
                let chat: Option<i64> = sqlx::query_scalar("SELECT chat_id FROM agency_groups WHERE agency = $1")
                    .bind(agency.as_str())
                    .fetch_optional(&mut *self.tx)
                    .await?;
                Ok(chat)
            }

            async fn agency_of_group(
                &mut self,
                chat_id: i64,
            ) -> Result<Option<$crate::domain::AgencyCode>, $crate::store::StoreError> {
                let agency: Option<String> = sqlx::query_scalar("SELECT agency FROM agency_groups WHERE chat_id = $1")
                    .bind(chat_id)
                    .fetch_optional(&mut *self.tx)
                    .await?;
                agency
                    .map(|a| a.parse().map_err(|e| $crate::store::StoreError::Corrupt(format!("group agency: {e}"))))
                    .transpose()
            }

            async fn set_ticket_topic(
                &mut self,
                ticket_id: i64,
                chat_id: i64,
                thread_id: Option<i32>,
                at: chrono::DateTime<chrono::Utc>,
            ) -> Result<(), $crate::store::StoreError> {
                sqlx::query(
                    "INSERT INTO ticket_topics (ticket_id, chat_id, thread_id, created_at) VALUES ($1, $2, $3, $4)
                     ON CONFLICT (ticket_id) DO UPDATE SET chat_id = excluded.chat_id, thread_id = excluded.thread_id",
                )
                .bind(ticket_id)
                .bind(chat_id)
                .bind(thread_id)
                .bind(at)
                .execute(&mut *self.tx)
                .await?;
                Ok(())
            }

            async fn ticket_of_topic(
                &mut self,
                chat_id: i64,
                thread_id: i32,
            ) -> Result<Option<$crate::domain::Ticket>, $crate::store::StoreError> {
                let row: Option<$crate::store::rows::TicketRow> = sqlx::query_as(&format!(
                    "SELECT {} FROM tickets
                     WHERE id = (SELECT ticket_id FROM ticket_topics WHERE chat_id = $1 AND thread_id = $2)",
                    $crate::store::rows::TICKET_COLUMNS
                ))
                .bind(chat_id)
                .bind(thread_id)
                .fetch_optional(&mut *self.tx)
                .await?;
                row.map(TryInto::try_into).transpose()
            }

            async fn topic_of_ticket(
                &mut self,
                ticket_id: i64,
            ) -> Result<Option<(i64, Option<i32>)>, $crate::store::StoreError> {
                let topic: Option<(i64, Option<i32>)> =
                    sqlx::query_as("SELECT chat_id, thread_id FROM ticket_topics WHERE ticket_id = $1")
                        .bind(ticket_id)
                        .fetch_optional(&mut *self.tx)
                        .await?;
                Ok(topic)
            }

            async fn remember_card(
                &mut self,
                chat_id: i64,
                message_id: i32,
                ticket_id: i64,
            ) -> Result<(), $crate::store::StoreError> {
                sqlx::query(
                    "INSERT INTO ticket_cards (chat_id, message_id, ticket_id) VALUES ($1, $2, $3)
                     ON CONFLICT (chat_id, message_id) DO UPDATE SET ticket_id = excluded.ticket_id",
                )
                .bind(chat_id)
                .bind(message_id)
                .bind(ticket_id)
                .execute(&mut *self.tx)
                .await?;
                Ok(())
            }

            async fn ticket_of_card(
                &mut self,
                chat_id: i64,
                message_id: i32,
            ) -> Result<Option<$crate::domain::Ticket>, $crate::store::StoreError> {
                let row: Option<$crate::store::rows::TicketRow> = sqlx::query_as(&format!(
                    "SELECT {} FROM tickets
                     WHERE id = (SELECT ticket_id FROM ticket_cards WHERE chat_id = $1 AND message_id = $2)",
                    $crate::store::rows::TICKET_COLUMNS
                ))
                .bind(chat_id)
                .bind(message_id)
                .fetch_optional(&mut *self.tx)
                .await?;
                row.map(TryInto::try_into).transpose()
            }

            async fn officer_pending(&mut self, officer_id: i64) -> Result<Option<String>, $crate::store::StoreError> {
                let state: Option<String> =
                    sqlx::query_scalar("SELECT state FROM officer_pending WHERE officer_id = $1")
                        .bind(officer_id)
                        .fetch_optional(&mut *self.tx)
                        .await?;
                Ok(state)
            }

            async fn set_officer_pending(
                &mut self,
                officer_id: i64,
                state: Option<&str>,
                at: chrono::DateTime<chrono::Utc>,
            ) -> Result<(), $crate::store::StoreError> {
                match state {
                    Some(state) => {
                        sqlx::query(
                            "INSERT INTO officer_pending (officer_id, state, updated_at) VALUES ($1, $2, $3)
                             ON CONFLICT (officer_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at",
                        )
                        .bind(officer_id)
                        .bind(state)
                        .bind(at)
                        .execute(&mut *self.tx)
                        .await?;
                    }
                    None => {
                        sqlx::query("DELETE FROM officer_pending WHERE officer_id = $1")
                            .bind(officer_id)
                            .execute(&mut *self.tx)
                            .await?;
                    }
                }
                Ok(())
            }

            async fn officer_queue(
                &mut self,
                agency: &$crate::domain::AgencyCode,
                filter: $crate::store::QueueFilter,
                limit: i64,
            ) -> Result<Vec<$crate::domain::Ticket>, $crate::store::StoreError> {
                let condition = $crate::store::officers::queue_condition(filter);
                let sql = format!(
                    "SELECT {} FROM tickets
                     WHERE agency = $1 AND status IN ('new', 'assigned', 'reopened', 'redirected'){}
                     ORDER BY resolution_due, id LIMIT {}",
                    $crate::store::rows::TICKET_COLUMNS,
                    condition.sql,
                    limit.clamp(1, 1000)
                );
                let mut query = sqlx::query_as::<_, $crate::store::rows::TicketRow>(&sql).bind(agency.as_str());
                if let Some(officer) = condition.officer {
                    query = query.bind(officer);
                }
                if let Some(from) = condition.from {
                    query = query.bind(from);
                }
                if let Some(until) = condition.until {
                    query = query.bind(until);
                }
                let rows = query.fetch_all(&mut *self.tx).await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn redirect_path(
                &mut self,
                ticket_id: i64,
            ) -> Result<Vec<$crate::domain::AgencyCode>, $crate::store::StoreError> {
                let current: Option<String> = sqlx::query_scalar("SELECT agency FROM tickets WHERE id = $1")
                    .bind(ticket_id)
                    .fetch_optional(&mut *self.tx)
                    .await?;
                let Some(current) = current else { return Ok(Vec::new()) };
                let hops: Vec<(String, String)> = sqlx::query_as(
                    "SELECT from_agency, to_agency FROM ticket_redirects WHERE ticket_id = $1 ORDER BY id",
                )
                .bind(ticket_id)
                .fetch_all(&mut *self.tx)
                .await?;
                let codes: Vec<String> = match hops.first() {
                    None => vec![current],
                    Some((first, _)) => {
                        std::iter::once(first.clone()).chain(hops.iter().map(|(_, to)| to.clone())).collect()
                    }
                };
                codes
                    .into_iter()
                    .map(|c| c.parse().map_err(|e| $crate::store::StoreError::Corrupt(format!("redirect agency: {e}"))))
                    .collect()
            }

            async fn ticket_by_id(
                &mut self,
                id: i64,
            ) -> Result<Option<$crate::domain::Ticket>, $crate::store::StoreError> {
                let row: Option<$crate::store::rows::TicketRow> = sqlx::query_as(&format!(
                    "SELECT {} FROM tickets WHERE id = $1",
                    $crate::store::rows::TICKET_COLUMNS
                ))
                .bind(id)
                .fetch_optional(&mut *self.tx)
                .await?;
                row.map(TryInto::try_into).transpose()
            }

            async fn citizen_chat_of(&mut self, ticket_id: i64) -> Result<Option<i64>, $crate::store::StoreError> {
                let chat: Option<Option<i64>> = sqlx::query_scalar(
                    "SELECT COALESCE(
                        (SELECT c.chat_id FROM tickets t JOIN citizens c ON c.id = t.citizen_id WHERE t.id = $1),
                        (SELECT chat_id FROM sealed_channels WHERE ticket_id = $1))",
                )
                .bind(ticket_id)
                .fetch_optional(&mut *self.tx)
                .await?;
                Ok(chat.flatten())
            }

            async fn record_dispute(
                &mut self,
                ticket_id: i64,
                agency: &$crate::domain::AgencyCode,
                verdict: $crate::store::Verdict,
                at: chrono::DateTime<chrono::Utc>,
            ) -> Result<(), $crate::store::StoreError> {
                sqlx::query("INSERT INTO answer_disputes (ticket_id, agency, verdict, at) VALUES ($1, $2, $3, $4)")
                    .bind(ticket_id)
                    .bind(agency.as_str())
                    .bind(verdict.code())
                    .bind(at)
                    .execute(&mut *self.tx)
                    .await?;
                if verdict == $crate::store::Verdict::BrushOff {
                    // The statistics read the count from the ticket (its trigger marks the ticket
                    // for the next refresh of the figures).
                    sqlx::query("UPDATE tickets SET brushoff_count = brushoff_count + 1 WHERE id = $1")
                        .bind(ticket_id)
                        .execute(&mut *self.tx)
                        .await?;
                }
                Ok(())
            }

            async fn audit(
                &mut self,
                ticket_id: Option<i64>,
                actor: $crate::domain::Actor,
                action: &str,
                detail: Option<&str>,
                at: chrono::DateTime<chrono::Utc>,
            ) -> Result<(), $crate::store::StoreError> {
                insert_audit(&mut self.tx, ticket_id, actor, action, detail, at).await
            }
        }
    };
}

pub(crate) use impl_officer_store;
