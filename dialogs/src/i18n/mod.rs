//! The Kyrgyz and Russian catalogs (`dialogs/i18n/{ky,ru}/main.ftl`, compiled in) and the typed
//! keys the code renders them by.

mod catalog;
pub(crate) mod console_keys;
mod dates;
pub(crate) mod keys;
pub(crate) mod officer_keys;
pub(crate) mod reminder_keys;
#[cfg(test)]
pub(crate) mod vars;

#[cfg(test)]
pub(crate) use catalog::source;
pub(crate) use catalog::{Arg, render};
pub(crate) use dates::date_args;
pub(crate) use keys::Key;
