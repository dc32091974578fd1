//! One configured year, turned into a bitset of its working days so that a lookup is a shift
//! and a mask, whatever the length of the holiday lists.

use chrono::{Datelike, NaiveDate, Weekday};

use super::{CalendarError, YearSettings};

/// Enough 64-bit words for 366 days.
const WORDS: usize = 6;

/// The working days of one year, one bit per day of the year (bit `ordinal0`).
#[derive(Debug, Clone)]
pub(crate) struct YearDays {
    working: [u64; WORDS],
}

impl YearDays {
    /// Builds the bitset for `year`: weekdays are working, then holidays and moved days off are
    /// cleared, then moved working days are set. Refuses dates outside `year` and dates that
    /// are both off and working (which would otherwise silently depend on the order above).
    pub(crate) fn build(year: i32, settings: &YearSettings) -> Result<Self, CalendarError> {
        let mut working = [0u64; WORDS];
        let mut day = NaiveDate::from_yo_opt(year, 1);
        while let Some(date) = day.filter(|d| d.year() == year) {
            if is_weekday(date) {
                set(&mut working, date, true);
            }
            day = date.succ_opt();
        }

        let holidays = settings.holidays.iter().map(|h| (h.date, "holidays"));
        let moved_off = settings.moved_days_off.iter().map(|d| (*d, "moved_days_off"));
        let off: Vec<(NaiveDate, &'static str)> = holidays.chain(moved_off).collect();
        for &(date, list) in &off {
            check_year(year, list, date)?;
            set(&mut working, date, false);
        }
        for &date in &settings.moved_working_days {
            check_year(year, "moved_working_days", date)?;
            if off.iter().any(|&(d, _)| d == date) {
                return Err(CalendarError::BothOffAndWorking { year, date });
            }
            set(&mut working, date, true);
        }
        Ok(Self { working })
    }

    /// Whether `date` (which must lie in this year) is a working day.
    pub(crate) fn is_working(&self, date: NaiveDate) -> bool {
        let (word, bit) = position(date);
        self.working[word] & (1 << bit) != 0
    }
}

/// Monday to Friday: the working week when a year has no data, and the base of every year.
pub(crate) fn is_weekday(date: NaiveDate) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

fn check_year(year: i32, list: &'static str, date: NaiveDate) -> Result<(), CalendarError> {
    if date.year() == year { Ok(()) } else { Err(CalendarError::DateInWrongYear { year, list, date }) }
}

fn position(date: NaiveDate) -> (usize, u32) {
    // ordinal0 is 0..=365, so the word index is at most 5.
    let day = date.ordinal0();
    ((day / 64) as usize, day % 64)
}

fn set(working: &mut [u64; WORDS], date: NaiveDate, on: bool) {
    let (word, bit) = position(date);
    if on {
        working[word] |= 1 << bit;
    } else {
        working[word] &= !(1 << bit);
    }
}
