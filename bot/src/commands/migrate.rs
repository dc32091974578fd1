//! `kairyluu migrate`: bring the schema up to date and write the configured agencies.

use crate::app::App;
use crate::settings::Loaded;

pub async fn run(loaded: Loaded) -> anyhow::Result<()> {
    let url = tickets::store::redact_url(&loaded.settings.database.url);
    let app = App::build(loaded).await?;
    println!("database {url} is up to date ({} agencies)", app.loaded.agencies.len());
    Ok(())
}
