//! The conversation flows, one per file. Each has a `prompt` (ask this step's question) and an
//! `on` (take this step's input, or return `None` when the input does not belong here).

pub(crate) mod appeal;
pub(crate) mod contact;
pub(crate) mod corruption;
pub(crate) mod describe;
pub(crate) mod erase;
pub(crate) mod failure;
pub(crate) mod idle;
pub(crate) mod info;
pub(crate) mod language;
pub(crate) mod menu;
pub(crate) mod my_appeals;
pub(crate) mod place;
pub(crate) mod profile;
pub(crate) mod rating;
pub(crate) mod review;
pub(crate) mod route;
pub(crate) mod start;
pub(crate) mod ticket_text;
