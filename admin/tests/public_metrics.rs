//! `/healthz` and `/metrics` over HTTP (`oneshot`): the Prometheus text format with the store's
//! gauges and the process counters.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "public_support/mod.rs"]
mod support;

use axum::http::StatusCode;
use support::fixture;

#[tokio::test]
async fn health_and_metrics() {
    let f = fixture().await;
    let health = f.get("/healthz").await;
    assert_eq!((health.status, health.body.as_str()), (StatusCode::OK, "ok\n"));

    f.counters.update_handled();
    f.counters.update_handled();
    f.counters.telegram_api_error();
    let metrics = f.get("/metrics").await;
    assert_eq!(metrics.status, StatusCode::OK);
    assert!(metrics.content_type.starts_with("text/plain; version=0.0.4"), "{}", metrics.content_type);
    let text = metrics.body;
    // 12 answered, 6 + 2 + 2 new.
    for line in [
        "kairyluu_tickets{status=\"answered\"} 12",
        "kairyluu_tickets{status=\"new\"} 10",
        "kairyluu_tickets{status=\"closed\"} 0",
        "kairyluu_updates_handled_total 2",
        "kairyluu_telegram_api_errors_total 1",
        "# TYPE kairyluu_tickets gauge",
        "# TYPE kairyluu_outbox_depth gauge",
        "# TYPE kairyluu_updates_handled_total counter",
    ] {
        assert!(text.lines().any(|l| l == line), "missing `{line}` in\n{text}");
    }
    // The fixture's reminders were due in March: months late by now.
    let lag: f64 =
        text.lines().find_map(|l| l.strip_prefix("kairyluu_reminder_lag_seconds ")).unwrap().parse().unwrap();
    assert!(lag > 86_400.0 * 30.0, "{lag}");
    // Every sample line is `name{labels} value` with a number value, after its HELP and TYPE.
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let (name, value) = line.rsplit_once(' ').unwrap();
        assert!(name.starts_with("kairyluu_"), "{line}");
        assert!(value.parse::<f64>().is_ok(), "{line}");
        let family = name.split('{').next().unwrap();
        assert!(text.contains(&format!("# TYPE {family} ")), "{line}");
    }
}
