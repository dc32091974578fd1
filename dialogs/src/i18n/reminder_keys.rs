//! Keys of reminders, escalations and the daily digest to officers; their messages live in `i18n/{ky,ru}/reminders.ftl`.

use super::keys::Key;

pub(crate) const REMINDER_DUE_SOON: Key = Key::new("reminder-due-soon");
pub(crate) const REMINDER_OVERDUE: Key = Key::new("reminder-overdue");
pub(crate) const REMINDER_TERM_FIRST_RESPONSE: Key = Key::new("reminder-term-first-response");
pub(crate) const REMINDER_TERM_RESOLUTION: Key = Key::new("reminder-term-resolution");
pub(crate) const DIGEST_HEADER: Key = Key::new("digest-header");
pub(crate) const DIGEST_LINE_OVERDUE: Key = Key::new("digest-line-overdue");
pub(crate) const DIGEST_LINE_DUE: Key = Key::new("digest-line-due");

/// Every fixed key of this module (the catalog tests check each exists in both languages).
#[cfg(test)]
pub(crate) const STATIC: &[Key] = &[
    REMINDER_DUE_SOON,
    REMINDER_OVERDUE,
    REMINDER_TERM_FIRST_RESPONSE,
    REMINDER_TERM_RESOLUTION,
    DIGEST_HEADER,
    DIGEST_LINE_OVERDUE,
    DIGEST_LINE_DUE,
];
