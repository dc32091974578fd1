//! `kairyluu serve`: checks configuration and storage, then runs the Telegram bot with long
//! polling. A missing token or an unreachable Bot API is one clear line.

use anyhow::bail;

use crate::app::App;
use crate::settings::Loaded;

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
    crate::telegram::serve(app, token.expose(), &api_url).await
}
