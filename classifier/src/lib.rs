//! Kairyluu's classifier: reads a citizen's message and says which language it is in, what kind of
//! appeal it is and which agency should answer it.
//!
//! ```text
//! classify("Бүгүн 3 күн болду жарык жок, Кара-Балта")
//!   -> {lang: ky, kind: complaint, agency: energy, implicated: null, confidence: 0.94, ...}
//! ```
//!
//! This crate is pure: text in, labels and scores out. It does no I/O and knows nothing of Telegram,
//! HTTP or SQL. It owns the label types of `shared/taxonomy.md`, which the other crates reuse.
//! The model is compiled in (`model/model.bin`); [`train::train_model`] rebuilds it from
//! corpus records and [`eval`] measures it. Reading files is the caller's job.

pub mod classify;
pub mod corpus;
pub mod eval;
mod hash;
pub mod jsonl;
pub mod labels;
pub mod lang;
pub mod model;
pub mod route;
pub mod text;
pub mod train;

pub use classify::{Alternative, Classification, classify, classify_with, detect_language, detect_language_with};
pub use labels::{Agency, Kind, Lang, UnknownLabel};
pub use lang::LangGuess;
pub use model::{Model, ModelError};
