//! The public ticket number, `KR-<year>-<six digits>`, short enough for a citizen to read aloud on
//! the phone and unique across the whole system.

use std::fmt;
use std::str::FromStr;

/// A ticket number such as `KR-2026-000123`.
///
/// The serial has at least six digits; a year with more than 999,999 tickets simply gets longer
/// numbers instead of failing.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TicketNumber {
    year: i32,
    serial: u64,
}

/// Why a string is not a ticket number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a ticket number (expected KR-<year>-<six digits>, e.g. KR-2026-000123)")]
pub struct InvalidTicketNumber(pub String);

impl TicketNumber {
    /// The number of the `serial`-th ticket of `year`; serials start at 1.
    pub fn new(year: i32, serial: u64) -> Result<Self, InvalidTicketNumber> {
        if !(2000..=9999).contains(&year) || serial == 0 {
            return Err(InvalidTicketNumber(format!("KR-{year}-{serial:06}")));
        }
        Ok(Self { year, serial })
    }

    /// The calendar year (Asia/Bishkek) in which the ticket was opened.
    pub fn year(&self) -> i32 {
        self.year
    }

    /// The serial within the year.
    pub fn serial(&self) -> u64 {
        self.serial
    }
}

impl fmt::Display for TicketNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "KR-{}-{:06}", self.year, self.serial)
    }
}

impl FromStr for TicketNumber {
    type Err = InvalidTicketNumber;

    /// Accepts what citizens type: any case, surrounding spaces, and `–`/`—`/spaces for `-`.
    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let invalid = || InvalidTicketNumber(input.trim().chars().take(40).collect());
        let normalised: String = input
            .trim()
            .chars()
            .map(|c| match c {
                '–' | '—' | ' ' | '_' => '-',
                // Cyrillic К and Р look like Latin K and R on a phone keyboard.
                'К' | 'к' => 'K',
                'Р' | 'р' => 'R',
                other => other.to_ascii_uppercase(),
            })
            .collect();
        let rest = normalised.strip_prefix("KR-").ok_or_else(invalid)?;
        let (year, serial) = rest.split_once('-').ok_or_else(invalid)?;
        let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if year.len() != 4 || !all_digits(year) || serial.len() < 6 || serial.len() > 9 || !all_digits(serial) {
            return Err(invalid());
        }
        let year = year.parse().map_err(|_| invalid())?;
        let serial = serial.parse().map_err(|_| invalid())?;
        Self::new(year, serial).map_err(|_| invalid())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_with_six_digits() {
        assert_eq!(TicketNumber::new(2026, 123).unwrap().to_string(), "KR-2026-000123");
        assert_eq!(TicketNumber::new(2026, 1_234_567).unwrap().to_string(), "KR-2026-1234567");
    }

    #[test]
    fn parses_what_citizens_type() {
        let expected = TicketNumber::new(2026, 123).unwrap();
        for typed in ["KR-2026-000123", " kr-2026-000123 ", "КР-2026-000123", "KR 2026 000123", "kr–2026–000123"]
        {
            assert_eq!(typed.parse::<TicketNumber>(), Ok(expected.clone()), "{typed}");
        }
    }

    #[test]
    fn rejects_what_is_not_a_number() {
        for bad in ["", "KR-2026-123", "KR-26-000123", "XX-2026-000123", "KR-2026-000000", "KR-2026-00012a", "KR-2026"]
        {
            assert!(bad.parse::<TicketNumber>().is_err(), "{bad}");
        }
    }

    proptest::proptest! {
        #[test]
        fn display_and_parse_round_trip(year in 2000i32..=9999, serial in 1u64..=999_999_999) {
            let number = TicketNumber::new(year, serial).unwrap();
            proptest::prop_assert_eq!(number.to_string().parse::<TicketNumber>(), Ok(number));
        }

        #[test]
        fn parsing_never_panics(input in "\\PC{0,40}") {
            let _ = input.parse::<TicketNumber>();
        }
    }
}
