//! The heart of Kairyluu: domain types, the ticket lifecycle, the business calendar and deadlines,
//! storage on SQLite and PostgreSQL, and statistics queries.
//!
//! Knows nothing of Telegram or HTTP: adapters call into this crate, never the other way round.

pub mod agencies;
pub mod calendar;
pub mod clock;
pub mod desk;
pub mod domain;
pub mod lifecycle;
pub mod queues;
pub mod reminders;
pub mod sla;
pub mod stats;
pub mod store;
