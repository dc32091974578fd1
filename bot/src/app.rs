//! The application's parts, built once from the configuration: the store (migrated, agencies
//! written), the business calendar and the desk that opens and changes tickets.

use std::path::Path;
use std::sync::Arc;

use anyhow::Context;
use tickets::clock::SystemClock;
use tickets::desk::Desk;
use tickets::store::{self, Store, StoreOptions};

use crate::settings::{Loaded, Settings};

/// Everything a command needs.
pub struct App {
    pub loaded: Arc<Loaded>,
    pub store: Arc<dyn Store>,
    pub desk: Desk,
}

/// The configuration from the defaults, `file` and the process environment.
pub fn load_settings(file: Option<&Path>) -> anyhow::Result<Loaded> {
    let env: Vec<(String, String)> = std::env::vars().collect();
    Ok(Settings::load(file, &env)?)
}

impl App {
    /// Connects to the store, brings its schema up to date and writes the configured agencies.
    pub async fn build(loaded: Loaded) -> anyhow::Result<App> {
        let options = StoreOptions {
            url: loaded.settings.database.url.clone(),
            max_connections: loaded.settings.database.max_connections,
        };
        let store = store::connect(&options).await?;
        store.migrate().await.context("cannot bring the database schema up to date")?;
        store.sync_agencies(&loaded.agencies).await.context("cannot write the configured agencies")?;
        Ok(Self::assemble(loaded, store))
    }

    /// The application over an already migrated store.
    pub fn assemble(loaded: Loaded, store: Arc<dyn Store>) -> App {
        let loaded = Arc::new(loaded);
        let reopen_window = chrono::Duration::days(i64::from(loaded.settings.lifecycle.reopen_window_days));
        let desk = Desk::new(
            store.clone(),
            loaded.agencies.clone(),
            loaded.calendar.clone(),
            Arc::new(SystemClock),
            reopen_window,
        );
        App { loaded, store, desk }
    }
}
