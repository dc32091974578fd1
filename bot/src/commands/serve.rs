//! `kairyluu serve`: checks configuration and storage and says, in one line, what is missing.
//! The Telegram adapter (issue 5) will run here.

use anyhow::bail;

use crate::app::App;
use crate::settings::Loaded;

pub async fn run(loaded: Loaded) -> anyhow::Result<()> {
    let token_missing = loaded.settings.telegram.token.is_empty();
    let api_url = loaded.settings.telegram.api_url.clone();
    let app = App::build(loaded).await?;
    app.store.ping().await?;
    tracing::info!(backend = ?app.store.backend(), agencies = app.loaded.agencies.len(), "storage ready");
    if token_missing {
        bail!("the bot token is missing: set TELOXIDE_TOKEN (or telegram.token in the configuration file)");
    }
    url::Url::parse(&api_url).map_err(|e| anyhow::anyhow!("TELEGRAM_API_URL `{api_url}` is not a URL ({e})"))?;
    bail!(
        "configuration and storage are ready, but this build has no Telegram adapter yet (it arrives with the \
         citizen-dialogs issue); nothing to serve"
    )
}
