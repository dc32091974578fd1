//! Dates in the configuration may be written as TOML dates (`2026-05-01`) or as strings
//! (`"2026-05-01"`). chrono only accepts strings, and the `toml` crate hands a native date to
//! serde as a one-entry map holding its text, so these helpers accept both shapes.

use std::fmt;

use chrono::NaiveDate;
use serde::Deserializer;
use serde::de::{self, MapAccess, Visitor};

/// Deserializes one date (`#[serde(deserialize_with = "dates::one")]`).
pub(crate) fn one<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
    deserializer.deserialize_any(DateVisitor)
}

/// Deserializes a list of dates (`#[serde(deserialize_with = "dates::many")]`).
pub(crate) fn many<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<NaiveDate>, D::Error> {
    let dates: Vec<Date> = serde::Deserialize::deserialize(deserializer)?;
    Ok(dates.into_iter().map(|Date(date)| date).collect())
}

/// One list element, so that `Vec` can reuse [`DateVisitor`].
struct Date(NaiveDate);

impl<'de> serde::Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        one(deserializer).map(Date)
    }
}

struct DateVisitor;

impl<'de> Visitor<'de> for DateVisitor {
    type Value = NaiveDate;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a date such as 2026-05-01")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<NaiveDate, E> {
        text.parse().map_err(|_| E::custom(format!("{text:?} is not a date (expected YYYY-MM-DD)")))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<NaiveDate, A::Error> {
        match map.next_entry::<String, String>()? {
            Some((_, text)) => self.visit_str(&text),
            None => Err(de::Error::custom("expected a date such as 2026-05-01")),
        }
    }
}
