//! Open311 GeoReport v2 reads over HTTP (`oneshot`): services without corruption, requests with
//! the standard fields and filters, the single-request endpoint, and no corruption report by any
//! route.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "public_support/mod.rs"]
mod support;

use axum::http::StatusCode;
use serde_json::Value;
use support::fixture;

/// Since the fixture's first day (the default window is the last 90 days).
const SINCE: &str = "start_date=2026-03-01T00:00:00%2B06:00";

#[tokio::test]
async fn services_are_the_kinds_without_corruption() {
    let f = fixture().await;
    let services = f.json("/open311/v2/services.json").await;
    let codes: Vec<&str> = services.as_array().unwrap().iter().map(|s| s["service_code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["complaint", "rating", "suggestion", "question", "gratitude"]);
    assert_eq!(services[0]["service_name"], "complaint");
    assert_eq!(services[0]["metadata"], false);
    assert_eq!(services[0]["type"], "realtime");
    let ru = f.json("/open311/v2/services.json?lang=ru").await;
    assert_eq!(ru[0]["service_name"], "жалоба");
}

#[tokio::test]
async fn requests_have_the_standard_fields_and_filters() {
    let f = fixture().await;
    let all = f.json(&format!("/open311/v2/requests.json?{SINCE}")).await;
    let all = all.as_array().unwrap();
    assert_eq!(all.len(), 20, "every ticket but the two corruption reports");
    let first = all.iter().find(|r| r["service_request_id"] == f.health[0].to_string()).unwrap();
    assert_eq!(first["status"], "closed", "answered");
    assert_eq!(first["service_code"], "complaint");
    assert_eq!(first["agency_responsible"], "Ministry of Health");
    assert_eq!(first["requested_datetime"], "2026-03-02T00:00:00+06:00", "to the day");
    // 14 working days after Monday 2 March, with the 8 March holiday moved to Monday 9 March.
    assert!(first["expected_datetime"].as_str().unwrap().starts_with("2026-03-2"), "{first}");
    assert!(first["expected_datetime"].as_str().unwrap().ends_with("23:59:59+06:00"), "{first}");
    for forbidden in ["description", "address", "lat", "long", "media_url", "email", "first_name", "phone"] {
        assert!(first.get(forbidden).is_none(), "{forbidden} is published");
    }
    let open = f.json(&format!("/open311/v2/requests.json?{SINCE}&status=open")).await;
    assert_eq!(open.as_array().unwrap().len(), 8);
    let questions = f.json(&format!("/open311/v2/requests.json?{SINCE}&service_code=question")).await;
    assert_eq!(questions.as_array().unwrap().len(), 6);
    let march = f.json("/open311/v2/requests.json?start_date=2026-03-01T00:00:00Z&end_date=2026-03-31T00:00:00Z").await;
    assert_eq!(march.as_array().unwrap().len(), 6);
    let few = f.json(&format!("/open311/v2/requests.json?{SINCE}&page_size=3")).await;
    assert_eq!(few.as_array().unwrap().len(), 3);
    let by_id = f.json(&format!("/open311/v2/requests.json?service_request_id={},{}", f.health[1], f.police[0])).await;
    assert_eq!(by_id.as_array().unwrap().len(), 2);
    let default_window = f.json("/open311/v2/requests.json").await;
    assert!(default_window.as_array().unwrap().is_empty(), "the standard's default: the last 90 days only");
}

#[tokio::test]
async fn one_request_by_id_and_never_a_corruption_report() {
    let f = fixture().await;
    let one = f.json(&format!("/open311/v2/requests/{}.json", f.police[0])).await;
    assert_eq!(one.as_array().unwrap().len(), 1);
    assert_eq!(one[0]["status"], "open");
    assert_eq!(one[0]["agency_responsible"], "Ministry of Internal Affairs");
    for number in &f.corruption {
        let answer = f.get(&format!("/open311/v2/requests/{number}.json")).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{number}");
        let unknown = f.get("/open311/v2/requests/KR-2026-999999.json").await;
        assert_eq!(answer.body, unknown.body, "a corruption report answers like an unknown number");
        let listed = f.json(&format!("/open311/v2/requests.json?service_request_id={number}")).await;
        assert!(listed.as_array().unwrap().is_empty());
    }
    let bad = f.get("/open311/v2/requests.json?service_code=corruption").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST, "corruption is not a service");
}

#[tokio::test]
async fn bad_parameters_are_400_in_the_standard_error_shape() {
    let f = fixture().await;
    for uri in [
        "/open311/v2/requests.json?status=pending",
        "/open311/v2/requests.json?start_date=yesterday",
        "/open311/v2/requests.json?page_size=100000",
        "/open311/v2/requests.json?service_request_id=123",
        "/open311/v2/requests.json?service_code=bribe",
        "/open311/v2/requests.json?lang=de",
        "/open311/v2/requests.json?colour=red",
    ] {
        let answer = f.get(uri).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{uri}");
        let error: Value = serde_json::from_str(&answer.body).unwrap();
        assert_eq!(error[0]["code"], 400, "{uri}");
        assert!(!error[0]["description"].as_str().unwrap().is_empty());
    }
    assert_eq!(f.get("/open311/v2/requests/nonsense").await.status, StatusCode::NOT_FOUND);
}
