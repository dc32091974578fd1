//! `/api/v1/` over HTTP (`oneshot`): JSON and CSV of the same table with "<5" for small cells,
//! the streamed open-data CSV without corruption reporters' details, the OpenAPI document listing
//! every path, and 400 with a JSON error for bad parameters.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "public_support/mod.rs"]
mod support;

use axum::http::StatusCode;
use serde_json::Value;
use support::fixture;

fn row<'a>(table: &'a Value, bucket: &str) -> &'a Value {
    table["rows"].as_array().unwrap().iter().find(|r| r["bucket"] == bucket).unwrap_or_else(|| panic!("no {bucket}"))
}

#[tokio::test]
async fn the_json_table_suppresses_small_cells() {
    let f = fixture().await;
    let table = f.json("/api/v1/stats?dimension=agency").await;
    assert_eq!(table["dimension"], "agency");
    assert_eq!(table["min_cell"], 5);
    let health = row(&table, "health");
    assert_eq!(health["received"], 12);
    assert_eq!(health["answered"], 12);
    assert_eq!(health["on_time_share"], 0.5);
    assert_eq!(row(&table, "social")["received"], "<5", "two tickets");
    assert_eq!(row(&table, "anticorruption")["received"], "<5");
    assert_eq!(table["total"]["received"], 22);
    // Filters: one region, one kind, one agency, a period.
    let osh = f.json("/api/v1/stats?dimension=kind&region=osh").await;
    assert_eq!(osh["rows"].as_array().unwrap().len(), 1);
    assert_eq!(row(&osh, "complaint")["received"], 12);
    let april = f.json("/api/v1/stats?dimension=month&from=2026-04-01&to=2026-04-30&agency=health").await;
    assert_eq!(row(&april, "2026-04")["received"], 6);
    // Corruption reports' regions are withheld, never a region code.
    let regions = f.json("/api/v1/stats?dimension=region").await;
    assert!(regions["rows"].as_array().unwrap().iter().all(|r| r["bucket"] != "talas"), "{regions}");
}

#[tokio::test]
async fn csv_carries_the_same_table() {
    let f = fixture().await;
    for uri in ["/api/v1/stats.csv?dimension=agency", "/api/v1/stats?dimension=agency&format=csv"] {
        let csv = f.get(uri).await;
        assert_eq!(csv.status, StatusCode::OK);
        assert!(csv.content_type.starts_with("text/csv"), "{uri}");
        let lines: Vec<&str> = csv.body.lines().collect();
        assert!(lines[0].starts_with("bucket,received,answered,closed,open,overdue_now,"), "{}", lines[0]);
        let health = lines.iter().find(|l| l.starts_with("health,")).unwrap();
        assert!(health.starts_with("health,12,12,0,0,0,"), "{health}");
        let social = lines.iter().find(|l| l.starts_with("social,")).unwrap();
        assert!(social.starts_with("social,<5,"), "{social}");
        assert!(lines.last().unwrap().starts_with("total,22,"), "the total last");
    }
}

#[tokio::test]
async fn open_data_rows_hide_corruption_reporters() {
    let f = fixture().await;
    let csv = f.get("/api/v1/open-data.csv").await;
    assert_eq!(csv.status, StatusCode::OK);
    let lines: Vec<&str> = csv.body.lines().collect();
    assert_eq!(lines[0], "number,kind,agency,implicated,region,created,first_response,closed,outcome,on_time,rating");
    assert_eq!(lines.len(), 1 + 22, "one row per ticket");
    for number in &f.corruption {
        assert!(!csv.body.contains(&number.to_string()), "a corruption report's number is published");
    }
    let reports: Vec<&&str> = lines.iter().filter(|l| l.contains(",corruption,")).collect();
    assert_eq!(reports.len(), 2);
    for report in reports {
        assert_eq!(
            *report, ",corruption,anticorruption,police,,2026-04,,,open,,",
            "only agency, implicated, month, outcome"
        );
    }
    assert!(csv.body.contains(&format!("{},complaint,health,,osh,2026-03-02,", f.health[0])));
}

#[tokio::test]
async fn the_openapi_document_lists_every_path() {
    let f = fixture().await;
    let doc = f.json("/api/v1/openapi.json").await;
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let paths = doc["paths"].as_object().unwrap();
    for path in [
        "/api/v1/stats",
        "/api/v1/stats.csv",
        "/api/v1/open-data.csv",
        "/api/v1/openapi.json",
        "/open311/v2/services.json",
        "/open311/v2/requests.json",
        "/open311/v2/requests/{id}.json",
    ] {
        assert!(paths.contains_key(path), "{path} missing from {:?}", paths.keys().collect::<Vec<_>>());
    }
    let row = &doc["components"]["schemas"]["StatsRowOut"]["properties"];
    assert!(row["received"]["description"].as_str().unwrap().contains("<5"), "{row}");
    assert!(row["on_time_share"].is_object());
}

#[tokio::test]
async fn bad_parameters_are_400_with_a_json_error() {
    let f = fixture().await;
    for (uri, names) in [
        ("/api/v1/stats?dimension=salary", "dimension"),
        ("/api/v1/stats?from=yesterday", "from"),
        ("/api/v1/stats?to=2026-13", "to"),
        ("/api/v1/stats?kind=bribe", "kind"),
        ("/api/v1/stats?agency=kgb", "agency"),
        ("/api/v1/stats?region=Osh%20Oblast", "region"),
        ("/api/v1/stats?format=xml", "format"),
        ("/api/v1/stats.csv?dimensoin=agency", "dimensoin"),
        ("/api/v1/stats?from=2026-05&to=2026-04", "from"),
    ] {
        let answer = f.get(uri).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{uri}");
        let error: Value = serde_json::from_str(&answer.body).unwrap();
        assert!(error["error"].as_str().unwrap().contains(names), "{uri}: {error}");
    }
}
