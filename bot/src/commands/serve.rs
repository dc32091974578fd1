//! `kairyluu serve`: checks configuration and storage, then runs the Telegram bot (long polling,
//! or a webhook served on the HTTP side) and, beside it, the HTTP side on `http.addr`; Ctrl-C
//! stops both. A missing token or an unreachable Bot API is one clear line.

use std::sync::Arc;

use anyhow::bail;
use tokio::sync::Notify;

use crate::app::App;
use crate::settings::Loaded;
use crate::telegram::{
    self, Updates,
    webhook::{self, Webhook},
};

pub async fn run(loaded: Loaded) -> anyhow::Result<()> {
    let token = loaded.settings.telegram.token.clone();
    let api_url = loaded.settings.telegram.api_url.clone();
    if token.is_empty() {
        // Checked before the database is touched, so the answer comes at once.
        bail!("the bot token is missing: set TELOXIDE_TOKEN (or telegram.token in the configuration file)");
    }
    let app = App::build(loaded).await?;
    app.store.ping().await?;
    tracing::info!(backend = ?app.store.backend(), agencies = app.loaded.agencies.len(), "storage ready");
    // Real tickets only: figures from `seed` are for `kairyluu web` previews.
    let username = super::officers::bot_username(&app.loaded).await?;
    let console = crate::console_state::console_state(&app, &username);
    let (bot, bot_id) = telegram::connect(token.expose(), &api_url).await?;
    let work = Arc::new(Notify::new());
    let (updates, webhook) = webhook(&app, bot_id, &work)?;
    let http = super::web::start(&app, admin::metrics::Counters::process(), false, Some(console), webhook).await?;
    // The bot returns on Ctrl-C (or when one of its tasks stops); the HTTP side follows.
    let bot = telegram::serve(app, bot, bot_id, updates, work).await;
    if let Some(http) = http {
        http.stop().await?;
    }
    bot
}

/// Long polling, or (with `telegram.webhook_url`) a webhook and the router that receives it,
/// which needs the HTTP side.
fn webhook(app: &App, bot_id: i64, work: &Arc<Notify>) -> anyhow::Result<(Updates, Option<axum::Router>)> {
    let settings = &app.loaded.settings;
    let url = settings.telegram.webhook_url.trim();
    if url.is_empty() {
        return Ok((Updates::Polling, None));
    }
    if settings.http.addr.trim().is_empty() {
        bail!("telegram.webhook_url needs the HTTP side: set http.addr (KAIRYLUU_HTTP_ADDR)");
    }
    let path = webhook::path_of(url)?;
    let secret = settings.telegram.webhook_secret.expose().trim().to_owned();
    let receiver = Webhook { store: app.store.clone(), bot_id, work: work.clone(), secret: secret.clone() };
    Ok((Updates::Webhook { url: url.to_owned(), secret }, Some(webhook::router(&path, receiver))))
}
