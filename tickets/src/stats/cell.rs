//! Small-cell suppression as a type: a published figure is a [`Cell`], and the only way to make
//! one from a number is through [`Suppression`], so no output can forget it.
//!
//! ```text
//! tickets behind the figure   0        1–4          5 or more
//! a count shows               0        "<5"         the count
//! a share, median or mean     "–"      "<5"         the value
//! ```

use std::fmt;

use serde::{Serialize, Serializer};

use super::definitions::DEFAULT_MIN_CELL;

/// One published figure.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell<T> {
    /// Built from enough tickets to publish.
    Value(T),
    /// Built from fewer tickets than the threshold (shown as "<5").
    Suppressed {
        /// The threshold in force.
        below: u32,
    },
    /// Built from no ticket at all: a share or median that does not exist (shown as "–").
    Empty,
}

impl<T> Cell<T> {
    /// The value, if it may be shown.
    pub fn value(&self) -> Option<&T> {
        match self {
            Cell::Value(value) => Some(value),
            _ => None,
        }
    }

    /// Whether the figure is hidden because too few tickets are behind it.
    pub fn is_suppressed(&self) -> bool {
        matches!(self, Cell::Suppressed { .. })
    }

    /// The same figure with its value transformed (suppression and emptiness are kept).
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Cell<U> {
        match self {
            Cell::Value(value) => Cell::Value(f(value)),
            Cell::Suppressed { below } => Cell::Suppressed { below },
            Cell::Empty => Cell::Empty,
        }
    }
}

/// "<5", "–" or the value; working days and shares with one decimal.
impl<T: fmt::Display> fmt::Display for Cell<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cell::Value(value) => value.fmt(f),
            Cell::Suppressed { below } => write!(f, "<{below}"),
            Cell::Empty => f.write_str("–"),
        }
    }
}

/// JSON: the number, the string "<5", or null.
impl<T: Serialize> Serialize for Cell<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Cell::Value(value) => value.serialize(serializer),
            Cell::Suppressed { below } => serializer.serialize_str(&format!("<{below}")),
            Cell::Empty => serializer.serialize_none(),
        }
    }
}

/// The suppression rule: figures built from fewer than `min_cell` tickets are hidden.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Suppression {
    min_cell: u32,
}

impl Default for Suppression {
    fn default() -> Self {
        Self { min_cell: DEFAULT_MIN_CELL }
    }
}

impl Suppression {
    /// Hides figures built from fewer than `min_cell` tickets (at least 1).
    pub fn new(min_cell: u32) -> Self {
        Self { min_cell: min_cell.max(1) }
    }

    /// The threshold.
    pub fn min_cell(&self) -> u32 {
        self.min_cell
    }

    /// Whether a figure built from `base` tickets must be hidden.
    pub fn hides(&self, base: i64) -> bool {
        base > 0 && base < i64::from(self.min_cell)
    }

    /// A count of tickets: 0 is shown, 1 to `min_cell - 1` are suppressed.
    pub fn count(&self, count: i64) -> Cell<i64> {
        self.figure(count, || count).map_zero_to_value()
    }

    /// A figure computed by `value` from `base` tickets: empty with no ticket, suppressed with
    /// too few.
    pub fn figure<T>(&self, base: i64, value: impl FnOnce() -> T) -> Cell<T> {
        if base <= 0 {
            Cell::Empty
        } else if self.hides(base) {
            self.suppressed()
        } else {
            Cell::Value(value())
        }
    }

    /// Like [`figure`](Self::figure), for a value that may itself not exist.
    pub fn optional<T>(&self, base: i64, value: impl FnOnce() -> Option<T>) -> Cell<T> {
        match self.figure(base, value) {
            Cell::Value(Some(value)) => Cell::Value(value),
            Cell::Value(None) | Cell::Empty => Cell::Empty,
            Cell::Suppressed { below } => Cell::Suppressed { below },
        }
    }

    /// A hidden figure.
    pub fn suppressed<T>(&self) -> Cell<T> {
        Cell::Suppressed { below: self.min_cell }
    }
}

impl Cell<i64> {
    /// A count of zero is a fact about no one: it is shown as 0, not as empty.
    fn map_zero_to_value(self) -> Cell<i64> {
        match self {
            Cell::Empty => Cell::Value(0),
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn four_tickets_are_suppressed_and_five_are_shown() {
        let rule = Suppression::default();
        assert_eq!(rule.count(4), Cell::Suppressed { below: 5 });
        assert_eq!(rule.count(5), Cell::Value(5));
        assert_eq!(rule.count(1).to_string(), "<5");
        assert_eq!(rule.figure(4, || 0.5), Cell::Suppressed { below: 5 });
        assert_eq!(rule.figure(5, || 0.5), Cell::Value(0.5));
    }

    #[test]
    fn zero_is_a_count_but_no_share() {
        let rule = Suppression::default();
        assert_eq!(rule.count(0), Cell::Value(0));
        assert_eq!(rule.figure(0, || 1.0), Cell::<f64>::Empty);
        assert_eq!(Cell::<f64>::Empty.to_string(), "–");
    }

    #[test]
    fn the_threshold_is_configurable() {
        let rule = Suppression::new(10);
        assert_eq!(rule.count(9).to_string(), "<10");
        assert_eq!(rule.count(10), Cell::Value(10));
        assert_eq!(Suppression::new(0).min_cell(), 1, "a threshold of 0 would mean nothing");
    }

    #[test]
    fn a_missing_value_is_empty_but_a_small_base_still_hides() {
        let rule = Suppression::default();
        assert_eq!(rule.optional(3, || None::<i64>), Cell::Suppressed { below: 5 });
        assert_eq!(rule.optional(7, || None::<i64>), Cell::Empty);
        assert_eq!(rule.optional(7, || Some(2)), Cell::Value(2));
    }

    #[test]
    fn cells_serialize_as_number_string_or_null() {
        let cells = vec![Cell::Value(7), Cell::Suppressed { below: 5 }, Cell::Empty];
        assert_eq!(serde_json::to_string(&cells).unwrap(), r#"[7,"<5",null]"#);
    }
}
