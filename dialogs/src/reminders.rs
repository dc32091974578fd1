//! What officers read in reminders, escalations and the daily digest, rendered from the
//! catalogs (`i18n/{ky,ru}/reminders.ftl`).
//!
//! ```text
//! ⏰ Обращение KR-2026-000001 (жалоба): первый ответ — до 15 мая 2026 г., остался 1 рабочий день.
//! ❗ Просрочено: обращение KR-2026-000001 (жалоба), первый ответ. Срок был 15 мая 2026 г., прошло 3 дня.
//! Сводка на 18 мая 2026 г.: просрочено — 1, срок подходит — 0.
//! • KR-2026-000001: первый ответ просрочен (срок был 15 мая 2026 г.)
//! ```

use chrono::NaiveDate;
use classifier::Kind;

use crate::i18n::{Arg, Key, date_args, keys, reminder_keys as rk, render};
use crate::lang::UiLang;

/// Which deadline a reminder is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReminderTerm {
    FirstResponse,
    Resolution,
}

/// One reminder to an officer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficerReminder {
    pub number: String,
    pub kind: Kind,
    pub term: ReminderTerm,
    /// The deadline's local date.
    pub due: NaiveDate,
    /// `false`: working days left (at least 1); `true`: calendar days since the deadline.
    pub overdue: bool,
    pub days: i64,
}

/// One line of a digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DigestItem {
    pub number: String,
    pub term: ReminderTerm,
    pub due: NaiveDate,
    pub overdue: bool,
}

/// The text of a reminder or escalation.
pub fn reminder_text(lang: UiLang, reminder: &OfficerReminder) -> String {
    let key = if reminder.overdue { rk::REMINDER_OVERDUE } else { rk::REMINDER_DUE_SOON };
    render(
        lang,
        key,
        &[
            ("number", Arg::from(reminder.number.as_str())),
            ("kind", render(lang, keys::kind(reminder.kind), &[]).into()),
            ("term", term(lang, reminder.term).into()),
            ("due", date(lang, reminder.due).into()),
            ("days", reminder.days.max(1).into()),
        ],
    )
}

/// The text of a digest on `date`: a header with the counts, then one line per deadline.
pub fn digest_text(lang: UiLang, date_of_digest: NaiveDate, items: &[DigestItem]) -> String {
    let overdue = items.iter().filter(|item| item.overdue).count();
    let count = |n: usize| Arg::Num(i64::try_from(n).unwrap_or(i64::MAX));
    let mut lines = vec![render(
        lang,
        rk::DIGEST_HEADER,
        &[
            ("date", date(lang, date_of_digest).into()),
            ("overdue", count(overdue)),
            ("soon", count(items.len() - overdue)),
        ],
    )];
    for item in items {
        let key: Key = if item.overdue { rk::DIGEST_LINE_OVERDUE } else { rk::DIGEST_LINE_DUE };
        lines.push(render(
            lang,
            key,
            &[
                ("number", Arg::from(item.number.as_str())),
                ("term", term(lang, item.term).into()),
                ("due", date(lang, item.due).into()),
            ],
        ));
    }
    lines.join("\n")
}

fn term(lang: UiLang, term: ReminderTerm) -> String {
    let key = match term {
        ReminderTerm::FirstResponse => rk::REMINDER_TERM_FIRST_RESPONSE,
        ReminderTerm::Resolution => rk::REMINDER_TERM_RESOLUTION,
    };
    render(lang, key, &[])
}

fn date(lang: UiLang, day: NaiveDate) -> String {
    render(lang, keys::DATE_IN_WORDS, &date_args(day))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn may(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 5, day).unwrap_or_default()
    }

    fn overdue_by(days: i64) -> OfficerReminder {
        OfficerReminder {
            number: "KR-2026-000001".into(),
            kind: Kind::Complaint,
            term: ReminderTerm::FirstResponse,
            due: may(15),
            overdue: true,
            days,
        }
    }

    #[test]
    fn russian_reminders_count_days_with_the_right_plural() {
        let text = reminder_text(UiLang::Ru, &overdue_by(3));
        assert_eq!(
            text,
            "❗ Просрочено: обращение KR-2026-000001 (жалоба), первый ответ. Срок был 15 мая 2026 г., прошло 3 дня."
        );
        assert!(reminder_text(UiLang::Ru, &overdue_by(1)).ends_with("прошло 1 день."));
        assert!(reminder_text(UiLang::Ru, &overdue_by(11)).ends_with("прошло 11 дней."));
        assert!(reminder_text(UiLang::Ru, &overdue_by(21)).ends_with("прошло 21 день."));
        let soon = OfficerReminder { overdue: false, days: 1, term: ReminderTerm::Resolution, ..overdue_by(0) };
        assert_eq!(
            reminder_text(UiLang::Ru, &soon),
            "⏰ Обращение KR-2026-000001 (жалоба): ответ по существу — до 15 мая 2026 г., остался 1 рабочий день."
        );
        assert!(
            reminder_text(UiLang::Ru, &OfficerReminder { days: 2, ..soon.clone() }).contains("осталось 2 рабочих дня")
        );
        assert!(reminder_text(UiLang::Ky, &soon).contains("1 иш күнү калды"));
    }

    #[test]
    fn a_digest_lists_each_deadline_under_its_counts() {
        let items = [
            DigestItem {
                number: "KR-2026-000001".into(),
                term: ReminderTerm::FirstResponse,
                due: may(15),
                overdue: true,
            },
            DigestItem {
                number: "KR-2026-000002".into(),
                term: ReminderTerm::Resolution,
                due: may(19),
                overdue: false,
            },
        ];
        assert_eq!(
            digest_text(UiLang::Ru, may(18), &items),
            "Сводка на 18 мая 2026 г.: просрочено — 1, срок подходит — 1.\n\
             • KR-2026-000001: первый ответ просрочен (срок был 15 мая 2026 г.)\n\
             • KR-2026-000002: ответ по существу — до 19 мая 2026 г."
        );
        assert!(digest_text(UiLang::Ky, may(18), &items).contains("мөөнөтү өттү"));
    }
}
