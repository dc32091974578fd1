//! `kairyluu serve` serves its web side beside the bot, on `KAIRYLUU_HTTP_ADDR`: what a load
//! balancer, Prometheus and a monitor read from the real process over a real socket, with the
//! counters the bot's worker and sender keep.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use e2e::fake_bot_api::{FakeBotApi, FakeError};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use support::{Sandbox, free_port, until};

/// What a GET answered.
struct Answer {
    status: StatusCode,
    content_type: String,
    content_encoding: String,
    body: Vec<u8>,
}

impl Answer {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

async fn get(port: u16, path: &str, headers: &[(&str, &str)]) -> Answer {
    let client: Client<HttpConnector, Body> = Client::builder(TokioExecutor::new()).build_http();
    let mut request = Request::get(format!("http://127.0.0.1:{port}{path}"));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = client.request(request.body(Body::empty()).unwrap()).await.expect("the web side answers");
    let header = |name: &str| {
        response.headers().get(name).map(|v| v.to_str().unwrap_or_default().to_owned()).unwrap_or_default()
    };
    let (status, content_type, content_encoding) =
        (response.status(), header("content-type"), header("content-encoding"));
    let body = axum::body::to_bytes(Body::new(response.into_body()), usize::MAX).await.unwrap().to_vec();
    Answer { status, content_type, content_encoding, body }
}

/// The value of the Prometheus sample `name` (with its labels, if any) in `text`.
fn sample(text: &str, name: &str) -> f64 {
    let line = text.lines().find(|line| line.split(' ').next() == Some(name));
    line.and_then(|line| line.rsplit(' ').next())
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("no {name}:\n{text}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_answers_health_metrics_and_the_public_page_beside_the_bot() {
    let api = FakeBotApi::start().await;
    let sandbox = Sandbox::new();
    let port = free_port();
    let addr = format!("127.0.0.1:{port}");
    let _bot = sandbox.serve_with(&api, &sandbox.database_url(), &[("KAIRYLUU_HTTP_ADDR", &addr)]);
    until("the web side", async || tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_ok()).await;

    let health = get(port, "/healthz", &[]).await;
    assert_eq!((health.status, health.text().as_str()), (StatusCode::OK, "ok\n"));

    // A citizen writes; Telegram refuses the bot's first answer once (429), the sender waits
    // and delivers it.
    api.fail_next("sendMessage", FakeError::TooManyRequests { retry_after: 1 });
    let citizen = api.user(7101, "Айгуль", "ru");
    citizen.send_command("/start");
    let answered = api.wait_for_message_to(citizen.chat_id(), Duration::from_secs(30)).await;
    assert!(answered.is_some(), "the citizen is answered after the 429");
    // An appeal that came by post, registered by an operator.
    let number = sandbox.run(&["ticket", "open", "--agency", "health", "--kind", "complaint"], &[]).ok();
    assert!(number.trim().starts_with("KR-"), "{number}");

    let mut metrics = String::new();
    until("the counters", async || {
        let answer = get(port, "/metrics", &[]).await;
        assert_eq!(answer.status, StatusCode::OK);
        assert!(answer.content_type.starts_with("text/plain"), "{}", answer.content_type);
        metrics = answer.text();
        sample(&metrics, "kairyluu_updates_handled_total") >= 1.0
    })
    .await;
    assert!(sample(&metrics, "kairyluu_telegram_api_errors_total") >= 1.0, "the 429 is counted:\n{metrics}");
    assert_eq!(sample(&metrics, "kairyluu_tickets{status=\"new\"}"), 1.0, "{metrics}");
    assert!(sample(&metrics, "kairyluu_outbox_depth") >= 0.0);

    // The public page and the API, as a monitor's browser and script get them: no synthetic
    // tickets here, and one real ticket is a small cell.
    let page = get(port, "/?lang=ru", &[("accept-encoding", "gzip")]).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.content_type.starts_with("text/html"), "{}", page.content_type);
    assert_eq!(page.content_encoding, "gzip", "the page is compressed for a browser that asks");
    let api_table = get(port, "/api/v1/stats?dimension=agency", &[]).await;
    assert_eq!(api_table.status, StatusCode::OK, "{}", api_table.text());
    let table: serde_json::Value = serde_json::from_slice(&api_table.body).unwrap();
    assert_eq!(table["total"]["received"], "<5", "one ticket is under the threshold: {table}");
    let missing = get(port, "/api/v1/stats?dimension=nonsense", &[]).await;
    assert_eq!(missing.status, StatusCode::BAD_REQUEST);
}
