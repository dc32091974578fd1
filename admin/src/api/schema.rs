//! The API's response types. JSON, CSV and the OpenAPI document are all made from these, so the
//! document cannot drift from what is served.

use serde::Serialize;
use tickets::stats::{Cell, StatsRow, StatsTable};
use utoipa::ToSchema;
use utoipa::openapi::schema::{ObjectBuilder, SchemaType, Type};

/// A published count: a number, the string "<5" when fewer tickets than the threshold are behind
/// it, never null.
fn count_schema() -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(SchemaType::from_iter([Type::Integer, Type::String]))
        .description(Some("a count, or \"<5\" when built from fewer tickets than the threshold"))
}

/// A published figure: a number, "<5", or null when no ticket is behind it.
fn figure_schema() -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(SchemaType::from_iter([Type::Number, Type::String, Type::Null]))
        .description(Some("a number, \"<5\" when built from fewer tickets than the threshold, null when from none"))
}

/// One row of a statistics table; definitions in docs/statistics.md.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StatsRowOut {
    /// The row's code (agency, region, month `YYYY-MM`…), `unknown`, `withheld` or `total`.
    pub bucket: String,
    #[schema(schema_with = count_schema)]
    pub received: Cell<i64>,
    #[schema(schema_with = count_schema)]
    pub answered: Cell<i64>,
    #[schema(schema_with = count_schema)]
    pub closed: Cell<i64>,
    #[schema(schema_with = count_schema)]
    pub open: Cell<i64>,
    #[schema(schema_with = count_schema)]
    pub overdue_now: Cell<i64>,
    #[schema(schema_with = figure_schema)]
    pub first_response_median_hours: Cell<i64>,
    #[schema(schema_with = figure_schema)]
    pub first_response_p90_hours: Cell<i64>,
    #[schema(schema_with = figure_schema)]
    pub first_response_median_working_days: Cell<f64>,
    #[schema(schema_with = figure_schema)]
    pub first_response_p90_working_days: Cell<f64>,
    #[schema(schema_with = figure_schema)]
    pub resolution_median_hours: Cell<i64>,
    #[schema(schema_with = figure_schema)]
    pub resolution_p90_hours: Cell<i64>,
    #[schema(schema_with = figure_schema)]
    pub resolution_median_working_days: Cell<f64>,
    #[schema(schema_with = figure_schema)]
    pub resolution_p90_working_days: Cell<f64>,
    /// Answered on time / (answered + overdue now), 0–1.
    #[schema(schema_with = figure_schema)]
    pub on_time_share: Cell<f64>,
    #[schema(schema_with = figure_schema)]
    pub reopen_rate: Cell<f64>,
    #[schema(schema_with = figure_schema)]
    pub mean_rating: Cell<f64>,
    #[schema(schema_with = count_schema)]
    pub ratings: Cell<i64>,
    #[schema(schema_with = count_schema)]
    pub redirects: Cell<i64>,
    #[schema(schema_with = count_schema)]
    pub runarounds: Cell<i64>,
    #[schema(schema_with = figure_schema)]
    pub runaround_rate: Cell<f64>,
    #[schema(schema_with = count_schema)]
    pub brushoffs: Cell<i64>,
    #[schema(schema_with = count_schema)]
    pub brushed_off: Cell<i64>,
}

/// The CSV columns, in the order of [`StatsRowOut::cells`].
pub const STATS_COLUMNS: [&str; 23] = [
    "bucket",
    "received",
    "answered",
    "closed",
    "open",
    "overdue_now",
    "first_response_median_hours",
    "first_response_p90_hours",
    "first_response_median_working_days",
    "first_response_p90_working_days",
    "resolution_median_hours",
    "resolution_p90_hours",
    "resolution_median_working_days",
    "resolution_p90_working_days",
    "on_time_share",
    "reopen_rate",
    "mean_rating",
    "ratings",
    "redirects",
    "runarounds",
    "runaround_rate",
    "brushoffs",
    "brushed_off",
];

/// A cell as CSV text: the value, "<5", or empty when no ticket is behind it.
fn text<T: std::fmt::Display>(cell: &Cell<T>) -> String {
    match cell {
        Cell::Empty => String::new(),
        other => other.to_string(),
    }
}

/// A share or mean with enough decimals for a file, without float noise.
fn decimal(cell: &Cell<f64>) -> String {
    match cell {
        Cell::Value(v) => format!("{:.4}", v).trim_end_matches('0').trim_end_matches('.').to_owned(),
        other => text(other),
    }
}

impl StatsRowOut {
    /// The CSV fields in [`STATS_COLUMNS`] order.
    pub fn cells(&self) -> Vec<String> {
        vec![
            self.bucket.clone(),
            text(&self.received),
            text(&self.answered),
            text(&self.closed),
            text(&self.open),
            text(&self.overdue_now),
            text(&self.first_response_median_hours),
            text(&self.first_response_p90_hours),
            decimal(&self.first_response_median_working_days),
            decimal(&self.first_response_p90_working_days),
            text(&self.resolution_median_hours),
            text(&self.resolution_p90_hours),
            decimal(&self.resolution_median_working_days),
            decimal(&self.resolution_p90_working_days),
            decimal(&self.on_time_share),
            decimal(&self.reopen_rate),
            decimal(&self.mean_rating),
            text(&self.ratings),
            text(&self.redirects),
            text(&self.runarounds),
            decimal(&self.runaround_rate),
            text(&self.brushoffs),
            text(&self.brushed_off),
        ]
    }
}

impl From<&StatsRow> for StatsRowOut {
    fn from(r: &StatsRow) -> Self {
        Self {
            bucket: r.bucket.to_string(),
            received: r.received,
            answered: r.answered,
            closed: r.closed,
            open: r.open,
            overdue_now: r.overdue_now,
            first_response_median_hours: r.first_response.median_hours,
            first_response_p90_hours: r.first_response.p90_hours,
            first_response_median_working_days: r.first_response.median_working_days,
            first_response_p90_working_days: r.first_response.p90_working_days,
            resolution_median_hours: r.resolution.median_hours,
            resolution_p90_hours: r.resolution.p90_hours,
            resolution_median_working_days: r.resolution.median_working_days,
            resolution_p90_working_days: r.resolution.p90_working_days,
            on_time_share: r.on_time_share,
            reopen_rate: r.reopen_rate,
            mean_rating: r.mean_rating,
            ratings: r.ratings,
            redirects: r.redirects,
            runarounds: r.runarounds,
            runaround_rate: r.runaround_rate,
            brushoffs: r.brushoffs,
            brushed_off: r.brushed_off,
        }
    }
}

/// A statistics table: one row per bucket of the dimension, and the total.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StatsResponse {
    /// agency, implicated, region, district, kind, lang, month, gender, age_band or disability.
    pub dimension: String,
    /// Figures built from fewer tickets than this are "<min_cell>".
    pub min_cell: u32,
    pub rows: Vec<StatsRowOut>,
    pub total: StatsRowOut,
}

impl From<&StatsTable> for StatsResponse {
    fn from(t: &StatsTable) -> Self {
        Self {
            dimension: t.dimension.code().to_owned(),
            min_cell: t.min_cell,
            rows: t.rows.iter().map(StatsRowOut::from).collect(),
            total: StatsRowOut::from(&t.total),
        }
    }
}
