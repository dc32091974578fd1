//! `kairyluu serve` in webhook mode: the test posts updates to the bot's HTTP side as Telegram
//! would, and the fake Bot API sees the answers, and never a `getUpdates`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::time::Duration;

use e2e::fake_bot_api::FakeBotApi;
use serde_json::Value;
use support::{Running, Sandbox, free_port, until};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const PATH: &str = "/telegram/updates";
const SECRET: &str = "s3cret-Token_42";

/// Starts `serve` with a webhook on `127.0.0.1:port` and its secret.
fn serve_webhook(sandbox: &Sandbox, api: &FakeBotApi, port: u16) -> Running {
    let addr = format!("127.0.0.1:{port}");
    let url = format!("http://{addr}{PATH}");
    sandbox.serve_with(
        api,
        &sandbox.database_url(),
        &[
            ("KAIRYLUU_HTTP_ADDR", &addr),
            ("KAIRYLUU__TELEGRAM__WEBHOOK_URL", &url),
            ("KAIRYLUU__TELEGRAM__WEBHOOK_SECRET", SECRET),
        ],
    )
}

/// Posts `update` to the bot as Telegram does, with `secret` in the header if given; the status.
async fn post(port: u16, update: &Value, secret: Option<&str>) -> u16 {
    let body = update.to_string();
    let mut stream = TcpStream::connect(("127.0.0.1", port)).await.expect("the bot listens");
    let secret_line = secret.map(|s| format!("X-Telegram-Bot-Api-Secret-Token: {s}\r\n")).unwrap_or_default();
    let head = format!(
        "POST {PATH} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n{secret_line}Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(body.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await.unwrap();
    let answer = String::from_utf8_lossy(&answer);
    answer.split(' ').nth(1).and_then(|s| s.parse().ok()).expect("a status line")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn updates_posted_to_the_webhook_are_kept_answered_once_and_never_polled() {
    let api = FakeBotApi::start().await;
    let sandbox = Sandbox::new();
    let port = free_port();
    let _bot = serve_webhook(&sandbox, &api, port);
    until("setWebhook", async || !api.calls_of("setWebhook").is_empty()).await;
    let set = &api.calls_of("setWebhook")[0].params;
    assert_eq!(set["url"], format!("http://127.0.0.1:{port}{PATH}"));
    assert_eq!(set["secret_token"], SECRET);

    // Telegram's updates, queued by scripted citizens and taken out of the fake before any bot
    // could poll them.
    let twice = api.user(7001, "Айгуль", "ru");
    let once = api.user(7002, "Бакыт", "ru");
    let intruder = api.user(7003, "Мошенник", "ru");
    twice.send_command("/start");
    once.send_command("/start");
    intruder.send_command("/start");
    let updates = api.take_updates();
    assert_eq!(updates.len(), 3);

    // Without the secret, or with a wrong one: refused, and not kept.
    assert_eq!(post(port, &updates[2], None).await, 401);
    assert_eq!(post(port, &updates[2], Some("wrong")).await, 401);
    // Telegram redelivers when it gets no 200: the same update_id twice is handled once.
    assert_eq!(post(port, &updates[0], Some(SECRET)).await, 200);
    assert_eq!(post(port, &updates[0], Some(SECRET)).await, 200);
    assert_eq!(post(port, &updates[1], Some(SECRET)).await, 200);
    // Not an update at all.
    assert_eq!(post(port, &serde_json::json!({"hello": 1}), Some(SECRET)).await, 400);

    until("the answers", async || {
        !api.sent_texts(twice.chat_id()).is_empty() && !api.sent_texts(once.chat_id()).is_empty()
    })
    .await;
    // Time for a second handling of the repeated update to show, were there one.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let (answered_once, answered_twice) = (api.sent_texts(once.chat_id()), api.sent_texts(twice.chat_id()));
    assert_eq!(answered_twice.len(), answered_once.len(), "a repeated update was answered again: {answered_twice:?}");
    assert!(api.calls_to(intruder.chat_id()).is_empty(), "an update without the secret was handled");
    assert_eq!(api.count("getUpdates"), 0, "webhook mode polled");
    assert_eq!(api.count("deleteWebhook"), 0, "webhook mode removed its own webhook");
}
