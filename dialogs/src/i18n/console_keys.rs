//! Keys of `/web` and `/stats`; their messages live in `i18n/{ky,ru}/console.ftl`.

use super::keys::Key;

pub(crate) const WEB_LINK: Key = Key::new("console-web-link");
pub(crate) const WEB_REFUSED: Key = Key::new("console-web-refused");
pub(crate) const STATS_SUMMARY: Key = Key::new("console-stats-summary");

/// Every fixed key of this module (the catalog tests check each exists in both languages).
#[cfg(test)]
pub(crate) const STATIC: &[Key] = &[WEB_LINK, WEB_REFUSED, STATS_SUMMARY];
