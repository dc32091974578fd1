//! A term such as "14 working days" or "30 calendar days", as written in the SLA configuration:
//! `{ days = 14, unit = "working" }`.

use std::fmt;

use serde::{Deserialize, Serialize};

/// How the days of a [`Span`] are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DayUnit {
    /// Only working days count (Monday–Friday, less holidays, plus moved working days).
    Working,
    /// Every day counts; a term that ends on a day off ends on the next working day.
    Calendar,
}

/// A length of time in days of one [`DayUnit`]; see [`super::BusinessCalendar::due`] for how a
/// deadline is derived from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Span {
    /// Number of days; 0 means "at once" (the deadline is the start itself).
    pub days: u32,
    /// How the days are counted.
    pub unit: DayUnit,
}

impl Span {
    /// A span of `days` working days.
    #[must_use]
    pub const fn working(days: u32) -> Self {
        Self { days, unit: DayUnit::Working }
    }

    /// A span of `days` calendar days.
    #[must_use]
    pub const fn calendar(days: u32) -> Self {
        Self { days, unit: DayUnit::Calendar }
    }
}

/// English, for logs and the command line ("14 working days", "1 calendar day"); citizens see
/// terms through the Fluent catalogs, never through this.
impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unit = match self.unit {
            DayUnit::Working => "working",
            DayUnit::Calendar => "calendar",
        };
        let noun = if self.days == 1 { "day" } else { "days" };
        write!(f, "{} {unit} {noun}", self.days)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_is_singular_only_for_one_day() {
        assert_eq!(Span::working(14).to_string(), "14 working days");
        assert_eq!(Span::working(1).to_string(), "1 working day");
        assert_eq!(Span::calendar(30).to_string(), "30 calendar days");
        assert_eq!(Span::calendar(1).to_string(), "1 calendar day");
        assert_eq!(Span::working(0).to_string(), "0 working days");
    }

    #[test]
    fn deserializes_from_an_inline_table() -> Result<(), toml::de::Error> {
        #[derive(Deserialize)]
        struct Sla {
            answer: Span,
        }
        let sla: Sla = toml::from_str(r#"answer = { days = 14, unit = "working" }"#)?;
        assert_eq!(sla.answer, Span::working(14));
        Ok(())
    }

    #[test]
    fn rejects_unknown_units_and_fields() {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)] // only the parse result matters here
        struct Sla {
            answer: Span,
        }
        assert!(toml::from_str::<Sla>(r#"answer = { days = 14, unit = "business" }"#).is_err());
        assert!(toml::from_str::<Sla>(r#"answer = { days = 14, unit = "working", hours = 2 }"#).is_err());
    }
}
