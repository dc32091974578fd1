//! Language identification: Kyrgyz, Russian, mixed or other.

mod anchors;
pub mod detect;
pub mod table;
pub mod train;

pub use detect::{LangAnalysis, LangGuess, analyse};
pub use table::LangTable;
