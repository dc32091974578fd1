//! Query parameters shared by the page and the API: the period, region, kind and agency filters
//! and the dimension, parsed strictly so that a mistake is a 400 with a clear message.

use std::collections::BTreeMap;

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Months, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use classifier::Kind;
use serde::Serialize;
use tickets::domain::AgencyCode;
use tickets::stats::{Dimension, StatsFilter};
use utoipa::ToSchema;

/// The query string as given.
pub type Raw = BTreeMap<String, String>;

/// A request the server will not answer: 400 with `{"error": "..."}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema, thiserror::Error)]
#[error("{error}")]
pub struct BadRequest {
    /// What is wrong, naming the parameter.
    pub error: String,
}

impl BadRequest {
    pub fn new(error: impl Into<String>) -> Self {
        Self { error: error.into() }
    }
}

impl IntoResponse for BadRequest {
    fn into_response(self) -> Response {
        (StatusCode::BAD_REQUEST, Json(self)).into_response()
    }
}

/// A store failure: 500 without details (they are logged).
pub fn internal(error: tickets::store::StoreError) -> Response {
    tracing::error!(%error, "public side: the store failed");
    (StatusCode::INTERNAL_SERVER_ERROR, Json(BadRequest::new("internal error, try again later"))).into_response()
}

/// Rejects parameters that are not in `known`, so a typo is not silently ignored.
pub fn only(raw: &Raw, known: &[&str]) -> Result<(), BadRequest> {
    match raw.keys().find(|k| !known.contains(&k.as_str())) {
        Some(key) => Err(BadRequest::new(format!("unknown parameter `{key}` (known: {})", known.join(", ")))),
        None => Ok(()),
    }
}

/// A non-empty value of `key`: empty form fields count as absent.
pub fn value<'a>(raw: &'a Raw, key: &str) -> Option<&'a str> {
    raw.get(key).map(|v| v.trim()).filter(|v| !v.is_empty())
}

/// The filter parameters: `from`, `to` (a month `YYYY-MM` or a day `YYYY-MM-DD`, local time, both
/// inclusive), `region`, `kind`, `agency`.
pub fn filter(raw: &Raw, tz: Tz, include_synthetic: bool) -> Result<StatsFilter, BadRequest> {
    let from = value(raw, "from").map(|v| bound(v, "from", tz, false)).transpose()?;
    let to = value(raw, "to").map(|v| bound(v, "to", tz, true)).transpose()?;
    if let (Some(from), Some(to)) = (from, to)
        && from >= to
    {
        return Err(BadRequest::new("`from` must come before `to`"));
    }
    let region = value(raw, "region").map(|v| code(v, "region")).transpose()?;
    let kind =
        value(raw, "kind").map(|v| v.parse::<Kind>().map_err(|e| BadRequest::new(format!("kind: {e}")))).transpose()?;
    let agency = value(raw, "agency")
        .map(|v| v.parse::<AgencyCode>().map_err(|_| BadRequest::new(format!("agency: unknown code `{v}`"))))
        .transpose()?;
    Ok(StatsFilter { from, to, include_synthetic, agency, region, kind })
}

/// The `dimension` parameter (default: per agency).
pub fn dimension(raw: &Raw, key: &str) -> Result<Dimension, BadRequest> {
    match value(raw, key) {
        None => Ok(Dimension::Agency),
        Some(v) => v.parse().map_err(|_| {
            let known: Vec<&str> = Dimension::ALL.iter().map(|d| d.code()).collect();
            BadRequest::new(format!("{key}: unknown dimension `{v}` (known: {})", known.join(", ")))
        }),
    }
}

/// A region code: lowercase letters, digits and `_`, as stored.
fn code(v: &str, key: &str) -> Result<String, BadRequest> {
    let plain = v.len() <= 40 && v.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if plain { Ok(v.to_owned()) } else { Err(BadRequest::new(format!("{key}: `{v}` is not a code"))) }
}

/// The instant a `from` starts at, or (`end`) the instant just after a `to` ends.
fn bound(v: &str, key: &str, tz: Tz, end: bool) -> Result<DateTime<Utc>, BadRequest> {
    let bad = || BadRequest::new(format!("{key}: `{v}` is not a month YYYY-MM or a day YYYY-MM-DD"));
    let (day, next) = if v.len() == 7 {
        let first = NaiveDate::parse_from_str(&format!("{v}-01"), "%Y-%m-%d").map_err(|_| bad())?;
        (first, first.checked_add_months(Months::new(1)).ok_or_else(bad)?)
    } else {
        let day = NaiveDate::parse_from_str(v, "%Y-%m-%d").map_err(|_| bad())?;
        (day, day.succ_opt().ok_or_else(bad)?)
    };
    let local = if end { next } else { day };
    let midnight = local.and_hms_opt(0, 0, 0).ok_or_else(bad)?;
    tz.from_local_datetime(&midnight).earliest().map(|t| t.with_timezone(&Utc)).ok_or_else(bad)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn raw(pairs: &[(&str, &str)]) -> Raw {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn months_are_whole_local_months() {
        let f = filter(&raw(&[("from", "2026-03"), ("to", "2026-03")]), chrono_tz::Asia::Bishkek, false).unwrap();
        assert_eq!(f.from.unwrap().to_rfc3339(), "2026-02-28T18:00:00+00:00");
        assert_eq!(f.to.unwrap().to_rfc3339(), "2026-03-31T18:00:00+00:00");
    }

    #[test]
    fn mistakes_are_named() {
        let tz = chrono_tz::Asia::Bishkek;
        assert!(filter(&raw(&[("from", "March")]), tz, false).unwrap_err().error.contains("from"));
        assert!(filter(&raw(&[("kind", "bribe")]), tz, false).unwrap_err().error.contains("kind"));
        assert!(filter(&raw(&[("region", "Osh'; --")]), tz, false).is_err());
        assert!(filter(&raw(&[("from", "2026-05"), ("to", "2026-04")]), tz, false).is_err());
        assert!(only(&raw(&[("dimensoin", "agency")]), &["dimension"]).is_err());
    }
}
