//! `/api/v1/open-data.csv`: every ticket as one anonymised row ([`OpenDataRow`]), streamed a page
//! at a time so the whole file is never in memory.

use axum::body::Body;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use futures::stream;
use tickets::stats::OpenDataRow;

use super::csv;
use crate::AppState;

/// Rows read per store query.
const PAGE: i64 = 1_000;

#[utoipa::path(get, path = "/api/v1/open-data.csv",
    responses((status = 200, description = "One anonymised row per ticket: number, kind, agency, implicated, region, \
        created, first_response, closed, outcome, on_time, rating. Corruption reports keep only agency, implicated \
        body, month and outcome.", content_type = "text/csv")))]
pub async fn open_data(State(state): State<AppState>) -> Response {
    let header_line = csv::line(&OpenDataRow::HEADER);
    // The state of the stream: the id to continue after, or None once the last page is out.
    let pages = stream::unfold(Some(0_i64), move |after| {
        let state = state.clone();
        async move {
            let after = after?;
            match state.statistics.open_data_page(after, PAGE, state.include_synthetic).await {
                Ok((rows, next)) => {
                    let text: String = rows.iter().map(|r| csv::line(&r.fields())).collect();
                    Some((Ok::<_, std::io::Error>(text), next))
                }
                Err(error) => {
                    // The status is already sent: ending with an error aborts the transfer, so a
                    // client sees a broken download rather than a silently short file.
                    tracing::error!(%error, "open data: the store failed mid-stream");
                    Some((Err(std::io::Error::other("store failed")), None))
                }
            }
        }
    });
    let body = stream::once(async move { Ok(header_line) });
    let body = futures::StreamExt::chain(body, pages);
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (header::CONTENT_DISPOSITION, "attachment; filename=\"kairyluu-open-data.csv\""),
        ],
        Body::from_stream(body),
    )
        .into_response()
}
