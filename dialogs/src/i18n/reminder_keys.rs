//! Keys of reminders, escalations and the daily digest to officers; their messages live in `i18n/{ky,ru}/reminders.ftl`.

#[allow(unused_imports)]
use super::keys::Key;

/// Every fixed key of this module (the catalog tests check each exists in both languages).
#[cfg(test)]
pub(crate) const STATIC: &[Key] = &[];
