//! Webhook mode: Telegram posts each update to `telegram.webhook_url`, whose path is served here
//! on the web side's axum server. Several replicas can share one URL, where two long-polling
//! processes would get 409 Conflict.
//!
//! A plain axum handler rather than teloxide's `webhooks-axum`: that one answers Telegram 200 as
//! soon as the update is parsed and hands it on through a channel, so a crash before the inbox
//! commit would lose it. Here the update is written to the inbox (the same row and unique key as
//! long polling, so a repeated delivery is a no-op) and only then answered 200; any failure is a
//! 500 and Telegram delivers the update again.

use std::sync::Arc;

use anyhow::{Context, bail};
use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use teloxide::types::Update;
use tickets::store::Store;
use tokio::sync::Notify;

use super::inbox::inbox_item;

/// The header in which Telegram repeats the `secret_token` given to `setWebhook`.
pub const SECRET_HEADER: &str = "x-telegram-bot-api-secret-token";

/// What the webhook endpoint needs.
#[derive(Clone)]
pub struct Webhook {
    pub store: Arc<dyn Store>,
    pub bot_id: i64,
    /// Woken after each kept update, so the worker handles it at once.
    pub work: Arc<Notify>,
    /// Empty: every request is accepted.
    pub secret: String,
}

/// The path of `url` that Telegram will post to; the root is refused, it is the public page.
pub fn path_of(url: &str) -> anyhow::Result<String> {
    let parsed = url::Url::parse(url).with_context(|| format!("telegram.webhook_url `{url}` is not a URL"))?;
    let path = parsed.path();
    if path.is_empty() || path == "/" {
        bail!("telegram.webhook_url `{url}` needs a path of its own (e.g. /telegram/updates): / is the public page");
    }
    Ok(path.to_owned())
}

/// The router serving the webhook at `path`.
pub fn router(path: &str, webhook: Webhook) -> Router {
    Router::new().route(path, post(receive)).with_state(Arc::new(webhook))
}

async fn receive(State(webhook): State<Arc<Webhook>>, headers: HeaderMap, body: Bytes) -> StatusCode {
    if !webhook.secret.is_empty() {
        let given = headers.get(SECRET_HEADER).map(|value| value.as_bytes()).unwrap_or_default();
        if !admin::console::auth::constant_time_eq(given, webhook.secret.as_bytes()) {
            tracing::warn!("a webhook request without the right secret token was refused");
            return StatusCode::UNAUTHORIZED;
        }
    }
    let update: Update = match serde_json::from_slice(&body) {
        Ok(update) => update,
        Err(error) => {
            // Not Telegram's (its updates always parse, unknown kinds included): no retry helps.
            tracing::warn!(%error, "a webhook request is not an update");
            return StatusCode::BAD_REQUEST;
        }
    };
    match keep(&webhook, &update).await {
        Ok(()) => {
            webhook.work.notify_one();
            StatusCode::OK
        }
        Err(error) => {
            tracing::error!(error = %format!("{error:#}"), "cannot keep a webhook update; Telegram will retry");
            StatusCode::INTERNAL_SERVER_ERROR
        }
    }
}

/// Commits the update to the inbox; an update already received is skipped by its unique key.
async fn keep(webhook: &Webhook, update: &Update) -> anyhow::Result<()> {
    let item = inbox_item(webhook.bot_id, update)?;
    let mut tx = webhook.store.begin().await?;
    tx.inbox_insert_many(std::slice::from_ref(&item)).await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_webhook_needs_a_path_of_its_own() {
        assert_eq!(path_of("https://bot.example.kg/telegram/updates").ok().as_deref(), Some("/telegram/updates"));
        assert!(path_of("https://bot.example.kg/").is_err());
        assert!(path_of("https://bot.example.kg").is_err());
        assert!(path_of("not a url").is_err());
    }
}
