//! Routing: what kind of appeal a message is and which agency should answer it.

pub mod features;
pub mod router;
pub mod rules;
pub mod train;

pub use router::{Router, Scores};
