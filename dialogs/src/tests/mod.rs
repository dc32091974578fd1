//! The engine's tests: a small driver that plays conversations through `step`, one file per
//! flow, plus the catalogs, serde and property tests.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod appeals;
mod bad_input;
mod catalogs;
mod corruption;
mod driver;
mod my_appeals;
mod properties;
mod rating;
mod serde_roundtrip;
mod settings;
mod start;
