//! The web console, the public statistics page and the statistics API of Kairyluu.
//!
//! Depends on `tickets` only. The endpoints arrive with the monitors issue; this crate is an empty
//! room until then.
