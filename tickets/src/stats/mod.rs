//! Statistics for monitors: per agency, region, district, kind, language, month and the
//! citizens' voluntary profile — received, answered, overdue, response times in hours and
//! working days, on-time share, reopen and runaround rates, ratings, brush-off flags — and the
//! anonymised open-data rows.
//!
//! - [`definitions`]: what every figure means (the one place; `docs/statistics.md` for people);
//! - [`cell`]: small-cell suppression as a type ([`Cell`], [`Suppression`]);
//! - [`table`]: queries, raw sums and published tables;
//! - [`open_data`]: one anonymised row per ticket;
//! - [`sql`]: the store side ([`StatsStore`]) over the maintained `ticket_facts` table;
//! - [`service`]: [`Statistics`], which ties them together;
//! - `calendar_mark`: which business calendar the facts were counted with.

mod calendar_mark;
pub mod cell;
pub mod definitions;
pub mod open_data;
pub(crate) mod rollup;
mod service;
pub(crate) mod sql;
pub mod table;

pub use cell::{Cell, Suppression};
pub use definitions::{DEFAULT_MIN_CELL, Elapsed, Outcome, TicketFacts, TicketSource};
pub use open_data::OpenDataRow;
pub use service::Statistics;
pub use sql::StatsStore;
pub use table::{Bucket, Dimension, Durations, StatsFilter, StatsQuery, StatsRow, StatsTable, Tally, publish};
