//! Conversation flows of Kairyluu (citizens and officers) and their Kyrgyz and Russian catalogs.
//!
//! Transport-agnostic: no Telegram, HTTP or SQL types here. The flows arrive with the citizen-dialogs
//! issue; this crate is an empty room until then.
