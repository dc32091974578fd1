//! The fingerprint of the business calendar that counted the working days in `ticket_facts`.
//! Durations in working days depend on the holidays, so facts computed under one calendar are
//! stale under another (a holiday added by decree): [`Statistics`](super::Statistics) compares
//! the configured calendar's fingerprint with the stored one and, when they differ, marks every
//! ticket for recomputation.

use chrono::{Datelike, NaiveDate};

use crate::calendar::BusinessCalendar;

/// Years probed for holiday data; far wider than any appeal's dates.
const YEARS: std::ops::RangeInclusive<i32> = 1990..=2200;

/// A stable digest of what the calendar decides: its timezone, which years have data and every
/// working day of those years (other years count weekends only, which the first two fix).
/// FNV-1a, not `std`'s hasher, because it must not change between builds.
pub(crate) fn fingerprint(calendar: &BusinessCalendar) -> String {
    let mut hash = Fnv::default();
    hash.write(calendar.timezone().name().as_bytes());
    for year in YEARS.filter(|y| calendar.has_year(*y)) {
        hash.write(&year.to_le_bytes());
        let mut day = NaiveDate::from_yo_opt(year, 1);
        while let Some(date) = day.filter(|d| d.year() == year) {
            hash.write(&[u8::from(calendar.is_working_day(date))]);
            day = date.succ_opt();
        }
    }
    format!("v1:{:016x}", hash.0)
}

struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::CalendarSettings;

    fn calendar(extra: &str) -> BusinessCalendar {
        let text = format!("timezone = \"Asia/Bishkek\"\n[years.2026]\nsource = \"test\"\nholidays = []\n{extra}");
        let settings: CalendarSettings = toml::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
        BusinessCalendar::new(&settings).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn a_moved_day_off_changes_the_fingerprint_and_nothing_else_does() {
        let plain = fingerprint(&calendar(""));
        assert_eq!(plain, fingerprint(&calendar("")), "the same calendar, the same fingerprint");
        assert_ne!(plain, fingerprint(&calendar("moved_days_off = [2026-12-31]")));
        assert_ne!(plain, fingerprint(&calendar("moved_working_days = [2026-02-07]")));
        // A Saturday declared a day off changes no working day: the facts stay right.
        assert_eq!(plain, fingerprint(&calendar("moved_days_off = [2026-02-07]")));
    }
}
