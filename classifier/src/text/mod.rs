//! Text normalisation shared by language identification and routing.

pub mod normalize;
pub mod skeleton;
pub mod stem;

pub use normalize::{MAX_CHARS, Normalized, Script, ScriptCounts, Token, normalize};
pub use skeleton::skeleton;
