//! Dates in words ("24 июня 2026 г.", "2026-жылдын 24-июну"): the month names and word order live
//! in the catalogs (`date-in-words`), the numbers come from here.

use chrono::{Datelike, NaiveDate};

use super::catalog::Arg;

/// The arguments of `date-in-words` for a date.
pub(crate) fn date_args(date: NaiveDate) -> [(&'static str, Arg<'static>); 3] {
    [
        ("day", Arg::Num(i64::from(date.day()))),
        ("month", Arg::Num(i64::from(date.month()))),
        ("year", Arg::Num(i64::from(date.year()))),
    ]
}
