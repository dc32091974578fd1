//! Storage: one [`Store`] contract, one implementation per database (SQLite, the embedded
//! default; PostgreSQL, the production store), one behaviour test suite for both
//! (`tests/store_suite.rs`). The backend is chosen from the URL scheme by [`connect`].

mod connect;
mod jobs;
pub mod officers;
pub(crate) mod pacing;
mod postgres;
pub(crate) mod public;
pub(crate) mod rows;
mod shared;
mod sqlite;
pub mod web;

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::agencies::AgencyDirectory;
use crate::domain::{
    AgencyCode, AuditEntry, ChatLang, Citizen, Deadlines, NewMessage, NewOfficer, NewRating, NewTicket, Officer,
    Profile, RoutingChoice, ThreadMessage, Ticket, TicketNumber,
};
use crate::lifecycle::{LifecycleError, Outcome};
use crate::queues::{InboxItem, NewInboxItem, NewOutboxItem, OutboxItem};

pub use connect::{ConnectError, StoreOptions, connect, redact as redact_url};
pub use jobs::{ClaimedJob, JobStore, JobTx, NewJob, StoredJob};
pub use officers::{BoundOfficer, DisputeCount, NewInvite, OfficerStore, OfficerTx, QueueFilter, Redemption, Verdict};
pub use pacing::{PacingStore, Slot};
pub use postgres::{PgStore, PgTx};
pub use public::{PublicStore, RequestFilter};
pub use sqlite::{SqliteStore, SqliteTx};
pub use web::{NewLoginLink, NewSession, SignIn, WebSession, WebStore, WebTx};

/// Which database a store talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// What can go wrong in storage, in the cases callers act on.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The ticket, citizen or officer does not exist.
    #[error("{0} not found")]
    NotFound(String),
    /// The change was refused by the lifecycle rules; nothing was written.
    #[error(transparent)]
    Refused(#[from] LifecycleError),
    /// A uniqueness or reference rule of the schema was broken (e.g. an officer registered twice).
    #[error("conflict: {0}")]
    Conflict(String),
    /// A stored value cannot be read back (a damaged or hand-edited row).
    #[error("stored data is damaged: {0}")]
    Corrupt(String),
    /// The database failed or could not be reached.
    // The sqlx error is shown, not chained: its own Display already says everything, and a
    // chain would print it twice.
    #[error("database error: {0}")]
    Database(sqlx::Error),
    /// The schema could not be brought up to date.
    #[error("migration failed: {0}")]
    Migration(String),
}

impl From<sqlx::Error> for StoreError {
    fn from(error: sqlx::Error) -> Self {
        match &error {
            sqlx::Error::RowNotFound => StoreError::NotFound("row".into()),
            sqlx::Error::Database(db) if db.is_unique_violation() || db.is_foreign_key_violation() => {
                StoreError::Conflict(db.message().to_owned())
            }
            _ => StoreError::Database(error),
        }
    }
}

impl From<sqlx::migrate::MigrateError> for StoreError {
    fn from(error: sqlx::migrate::MigrateError) -> Self {
        StoreError::Migration(error.to_string())
    }
}

/// A function that decides what to do with a ticket, run inside the store's transaction while
/// the ticket's row is locked.
pub type TicketUpdate<'a> = Box<dyn FnOnce(&Ticket) -> Result<Outcome, LifecycleError> + Send + 'a>;

/// Everything Kairyluu keeps. Reads go straight to the database; every change goes through a
/// [`Tx`], so several changes (a ticket, its message, its audit entry, the dialogue state, the
/// reply to send) commit together. The convenience methods below each run one change in its own
/// transaction.
#[async_trait]
pub trait Store:
    crate::stats::StatsStore + PublicStore + Send + Sync + JobStore + OfficerStore + WebStore + PacingStore
{
    /// Which database this is.
    fn backend(&self) -> Backend;

    /// Brings the schema up to date (the migrations compiled into the binary).
    async fn migrate(&self) -> Result<(), StoreError>;

    /// Checks that the database answers.
    async fn ping(&self) -> Result<(), StoreError>;

    /// Starts a write transaction.
    async fn begin(&self) -> Result<Box<dyn Tx>, StoreError>;

    /// Writes the configured agencies (names, parents), adding new ones and updating changed ones.
    async fn sync_agencies(&self, agencies: &AgencyDirectory) -> Result<(), StoreError>;

    /// The citizen with this Telegram chat, if known.
    async fn citizen_by_chat(&self, chat_id: i64) -> Result<Option<Citizen>, StoreError>;

    /// Officers, of one agency or all (their language left out).
    async fn officers(&self, agency: Option<&AgencyCode>) -> Result<Vec<Officer>, StoreError> {
        Ok(self.bound_officers(agency).await?.into_iter().map(|bound| bound.officer).collect())
    }

    /// The ticket with this number.
    async fn ticket(&self, number: &TicketNumber) -> Result<Option<Ticket>, StoreError>;

    /// A ticket's thread, oldest first.
    async fn thread(&self, number: &TicketNumber) -> Result<Vec<ThreadMessage>, StoreError>;

    /// A ticket's audit log, oldest first.
    async fn audit_log(&self, number: &TicketNumber) -> Result<Vec<AuditEntry>, StoreError>;

    /// Updates received, not yet handled and due at `now`, oldest first. An update waiting for
    /// a retry holds back the later updates of its chat, so a chat's updates are handled in order.
    async fn inbox_pending(&self, bot_id: i64, now: DateTime<Utc>, limit: i64) -> Result<Vec<InboxItem>, StoreError>;

    /// Records a failed attempt to handle an inbox item: it stays pending and is due again at
    /// `retry_at`.
    async fn inbox_failed_attempt(&self, id: i64, error: &str, retry_at: DateTime<Utc>) -> Result<(), StoreError>;

    /// Claims up to `limit` outbox messages that are due at `now` and not leased by a live
    /// worker, leasing them to `worker` until `lease_until`. Two workers never claim the same
    /// message while its lease lasts; a lease that expires (a crashed worker) is claimed again.
    async fn outbox_claim(
        &self,
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
        worker: &str,
        limit: i64,
    ) -> Result<Vec<OutboxItem>, StoreError>;

    /// Marks an outbox message sent.
    async fn outbox_sent(&self, id: i64, at: DateTime<Utc>) -> Result<(), StoreError>;

    /// Marks the outbox messages `ids` sent, in one write.
    async fn outbox_sent_many(&self, ids: &[i64], at: DateTime<Utc>) -> Result<(), StoreError>;

    /// Puts an outbox message back for another try at `not_before`.
    async fn outbox_retry(&self, id: i64, not_before: DateTime<Utc>, error: &str) -> Result<(), StoreError>;

    /// Puts a claimed outbox message back untried (a rate limit said "not yet"): the claim does
    /// not count as an attempt.
    async fn outbox_defer(&self, id: i64, not_before: DateTime<Utc>) -> Result<(), StoreError>;

    /// Gives up on an outbox message.
    async fn outbox_failed(&self, id: i64, error: &str) -> Result<(), StoreError>;

    /// How many outbox messages wait to be sent.
    async fn outbox_depth(&self) -> Result<i64, StoreError>;

    /// [`Tx::upsert_citizen`] in its own transaction.
    async fn upsert_citizen(&self, chat_id: i64, lang: ChatLang, at: DateTime<Utc>) -> Result<Citizen, StoreError> {
        let mut tx = self.begin().await?;
        let citizen = tx.upsert_citizen(chat_id, lang, at).await?;
        tx.commit().await?;
        Ok(citizen)
    }

    /// [`Tx::set_profile`] in its own transaction.
    async fn set_profile(&self, citizen_id: i64, profile: Profile) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        tx.set_profile(citizen_id, profile).await?;
        tx.commit().await
    }

    /// [`Tx::add_officer`] in its own transaction.
    async fn add_officer(&self, officer: NewOfficer, at: DateTime<Utc>) -> Result<Officer, StoreError> {
        let mut tx = self.begin().await?;
        let officer = tx.add_officer(officer, at).await?;
        tx.commit().await?;
        Ok(officer)
    }

    /// [`Tx::open_ticket`] in its own transaction.
    async fn open_ticket(
        &self,
        ticket: &NewTicket,
        year: i32,
        created_at: DateTime<Utc>,
        deadlines: Deadlines,
    ) -> Result<Ticket, StoreError> {
        let mut tx = self.begin().await?;
        let opened = tx.open_ticket(ticket, year, created_at, deadlines).await?;
        tx.commit().await?;
        Ok(opened)
    }

    /// [`Tx::update_ticket`] in its own transaction.
    async fn update_ticket(&self, number: &TicketNumber, decide: TicketUpdate<'_>) -> Result<Ticket, StoreError> {
        let mut tx = self.begin().await?;
        let updated = tx.update_ticket(number, decide).await?;
        tx.commit().await?;
        Ok(updated)
    }

    /// [`Tx::add_message`] in its own transaction.
    async fn add_message(&self, number: &TicketNumber, message: &NewMessage) -> Result<ThreadMessage, StoreError> {
        let mut tx = self.begin().await?;
        let stored = tx.add_message(number, message).await?;
        tx.commit().await?;
        Ok(stored)
    }

    /// [`Tx::add_rating`] in its own transaction.
    async fn add_rating(&self, rating: &NewRating) -> Result<i64, StoreError> {
        let mut tx = self.begin().await?;
        let id = tx.add_rating(rating).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// [`Tx::mark_update_processed`] in its own transaction.
    async fn mark_update_processed(&self, bot_id: i64, update_id: i64, at: DateTime<Utc>) -> Result<bool, StoreError> {
        let mut tx = self.begin().await?;
        let new = tx.mark_update_processed(bot_id, update_id, at).await?;
        tx.commit().await?;
        Ok(new)
    }

    /// [`Tx::enqueue_job`] in its own transaction.
    async fn enqueue_job(
        &self,
        kind: &str,
        payload: &str,
        run_at: DateTime<Utc>,
        at: DateTime<Utc>,
    ) -> Result<i64, StoreError> {
        let mut tx = self.begin().await?;
        let id = tx.enqueue_job(kind, payload, run_at, at).await?;
        tx.commit().await?;
        Ok(id)
    }
}

/// A write transaction. Dropping it without [`Tx::commit`] rolls everything back.
#[async_trait]
pub trait Tx: Send + JobTx + OfficerTx + WebTx {
    /// Makes every change of this transaction durable.
    async fn commit(self: Box<Self>) -> Result<(), StoreError>;

    /// The citizen with this Telegram chat, created with `lang` if new.
    async fn upsert_citizen(&mut self, chat_id: i64, lang: ChatLang, at: DateTime<Utc>) -> Result<Citizen, StoreError>;

    /// The citizen with this Telegram chat, if known.
    async fn citizen_by_chat(&mut self, chat_id: i64) -> Result<Option<Citizen>, StoreError>;

    /// Replaces the citizen's voluntary profile.
    async fn set_profile(&mut self, citizen_id: i64, profile: Profile) -> Result<(), StoreError>;

    /// Registers an officer.
    async fn add_officer(&mut self, officer: NewOfficer, at: DateTime<Utc>) -> Result<Officer, StoreError>;

    /// Opens a ticket: takes the next number of `year`, stores the ticket, its first message and
    /// an `open` audit entry.
    async fn open_ticket(
        &mut self,
        ticket: &NewTicket,
        year: i32,
        created_at: DateTime<Utc>,
        deadlines: Deadlines,
    ) -> Result<Ticket, StoreError>;

    /// The ticket with this number.
    async fn ticket(&mut self, number: &TicketNumber) -> Result<Option<Ticket>, StoreError>;

    /// Locks the ticket, asks `decide` what to do, and writes the outcome with its audit entry
    /// (and redirect record). A refusal writes nothing.
    async fn update_ticket(&mut self, number: &TicketNumber, decide: TicketUpdate<'_>) -> Result<Ticket, StoreError>;

    /// Adds a message to a ticket's thread.
    async fn add_message(&mut self, number: &TicketNumber, message: &NewMessage) -> Result<ThreadMessage, StoreError>;

    /// Records a rating and returns its id.
    async fn add_rating(&mut self, rating: &NewRating) -> Result<i64, StoreError>;

    /// Records that `update_id` of `bot_id` was handled; `false` if it already was.
    async fn mark_update_processed(
        &mut self,
        bot_id: i64,
        update_id: i64,
        at: DateTime<Utc>,
    ) -> Result<bool, StoreError>;

    /// Adds a durable job to run at `run_at`; returns its id.
    async fn enqueue_job(
        &mut self,
        kind: &str,
        payload: &str,
        run_at: DateTime<Utc>,
        at: DateTime<Utc>,
    ) -> Result<i64, StoreError>;

    /// Keeps an update before it is handled; `None` when it was already received.
    async fn inbox_insert(&mut self, item: &NewInboxItem) -> Result<Option<i64>, StoreError>;

    /// Marks an inbox item handled and forgets its payload; `false` when it was handled already
    /// (another process took the same update: webhook replicas share one inbox), and then the
    /// caller must drop its transaction, so a turn's effects commit once.
    async fn inbox_handled(&mut self, id: i64, at: DateTime<Utc>) -> Result<bool, StoreError>;

    /// The saved conversation state of a chat.
    async fn dialogue(&mut self, chat_id: i64) -> Result<Option<String>, StoreError>;

    /// Saves the conversation state of a chat.
    async fn save_dialogue(&mut self, chat_id: i64, state: &str, at: DateTime<Utc>) -> Result<(), StoreError>;

    /// Forgets the conversation state of a chat.
    async fn delete_dialogue(&mut self, chat_id: i64) -> Result<(), StoreError>;

    /// Queues a message to send. The transaction's messages are written together, in the
    /// order queued, when it commits (or hands out its leased ones).
    async fn outbox_push(&mut self, item: &NewOutboxItem, at: DateTime<Utc>) -> Result<(), StoreError>;

    /// From now on, messages queued through this transaction that are due are leased to
    /// `worker` until `until` as they are written, and kept for [`Tx::take_leased`]: the caller
    /// delivers them right after commit, with no claim query, while no other sender may take
    /// them before the lease ends (as after a crash).
    fn lease_pushes(&mut self, worker: &str, until: DateTime<Utc>);

    /// Marks the outbox messages `ids` sent, with this transaction.
    async fn outbox_sent_many(&mut self, ids: &[i64], at: DateTime<Utc>) -> Result<(), StoreError>;

    /// The messages leased by [`Tx::lease_pushes`] so far, written first (deliver them only
    /// once committed).
    async fn take_leased(&mut self) -> Result<Vec<OutboxItem>, StoreError>;

    /// Keeps a batch of updates before they are handled, in as few statements as possible;
    /// updates already received are skipped.
    async fn inbox_insert_many(&mut self, items: &[NewInboxItem]) -> Result<(), StoreError>;

    /// The tickets a chat may follow, newest first: its citizen's, and the anonymous reports it
    /// holds a sealed channel for.
    async fn tickets_of_chat(&mut self, chat_id: i64, limit: i64) -> Result<Vec<Ticket>, StoreError>;

    /// A ticket's thread, oldest first.
    async fn thread(&mut self, number: &TicketNumber) -> Result<Vec<ThreadMessage>, StoreError>;

    /// Links an anonymous ticket to the chat that reported it, apart from the ticket itself.
    async fn seal_channel(
        &mut self,
        ticket_id: i64,
        chat_id: i64,
        receipt_hash: &str,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError>;

    /// Changes the language of the citizen with this chat.
    async fn set_citizen_lang(&mut self, chat_id: i64, lang: ChatLang) -> Result<(), StoreError>;

    /// Erases what identifies the citizen with this chat: the chat id, the voluntary profile, the
    /// texts and attachments they wrote, the sealed channels and the conversation state. Ticket
    /// facts stay for statistics. `false` if the chat was unknown.
    async fn erase_citizen(&mut self, chat_id: i64) -> Result<bool, StoreError>;

    /// Records the classifier's suggestion and the citizen's choice for a ticket.
    async fn record_routing_choice(&mut self, ticket_id: i64, choice: &RoutingChoice) -> Result<(), StoreError>;
}
