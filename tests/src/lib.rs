//! Black-box tests of the `kairyluu` binary live in `tests/`; this library holds what they share.
//!
//! - [`fake_bot_api`]: a fake Telegram Bot API server on loopback that records every call the bot
//!   makes and scripts citizens who write to it.
//!
//! This crate is test support: it must never be a dependency of the program itself.

pub mod fake_bot_api;
