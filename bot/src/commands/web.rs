//! The HTTP side (`admin::router`): run beside the bot by `serve`, or alone by `kairyluu web`, so
//! the public page can be seen without a bot token (`seed`, then `web`).

use std::sync::Arc;

use anyhow::{Context, bail};
use tickets::stats::{Statistics, Suppression};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::app::App;
use crate::settings::Loaded;

/// A running HTTP server, stopped by [`HttpServer::stop`].
pub struct HttpServer {
    pub addr: std::net::SocketAddr,
    stop: oneshot::Sender<()>,
    task: JoinHandle<std::io::Result<()>>,
}

impl HttpServer {
    /// Stops accepting, lets requests in flight finish, and waits.
    pub async fn stop(self) -> anyhow::Result<()> {
        let _ = self.stop.send(());
        self.task.await.context("the HTTP server task failed")?.context("the HTTP server failed")
    }
}

/// Binds `http.addr` (failing at once if it is taken) and serves the public side, and the console
/// when `console` is given, and `extra` routes (the bot's webhook); `None` when `http.addr` is
/// empty. `include_synthetic` counts tickets made by `seed` too.
pub async fn start(
    app: &App,
    counters: admin::metrics::Counters,
    include_synthetic: bool,
    console: Option<admin::console::ConsoleState>,
    extra: Option<axum::Router>,
) -> anyhow::Result<Option<HttpServer>> {
    let addr = app.loaded.settings.http.addr.trim();
    if addr.is_empty() {
        return Ok(None);
    }
    let listener =
        tokio::net::TcpListener::bind(addr).await.with_context(|| format!("cannot listen on {addr} (http.addr)"))?;
    let addr = listener.local_addr()?;
    let rule = Suppression::new(app.loaded.settings.statistics.min_cell);
    let state = admin::AppState {
        store: app.store.clone(),
        statistics: Statistics::new(app.store.clone(), app.loaded.calendar.clone(), rule),
        agencies: Arc::clone(&app.loaded.agencies),
        counters,
        include_synthetic,
    };
    let (stop, stopped) = oneshot::channel::<()>();
    let mut router = admin::router(state);
    if let Some(console) = console {
        router = router.merge(admin::console::router(console));
    }
    if let Some(extra) = extra {
        router = router.merge(extra);
    }
    let task = tokio::spawn(async move {
        axum::serve(listener, router)
            .with_graceful_shutdown(async move {
                let _ = stopped.await;
            })
            .await
    });
    tracing::info!(%addr, "serving the public page, the API, Open311, /metrics and the console");
    Ok(Some(HttpServer { addr, stop, task }))
}

/// `kairyluu web`: the HTTP side alone, until Ctrl-C.
pub async fn run(loaded: Loaded, real_only: bool) -> anyhow::Result<()> {
    let app = App::build(loaded).await?;
    app.store.ping().await?;
    // The console too: sessions signed in through the bot's /web links keep working here.
    let console = crate::console_state::console_state(&app, app.loaded.settings.telegram.bot_username.trim());
    let Some(server) = start(&app, admin::metrics::Counters::process(), !real_only, Some(console), None).await? else {
        bail!("http.addr is empty: set KAIRYLUU_HTTP_ADDR (e.g. 127.0.0.1:8080) to serve the web side");
    };
    // Said on stdout: this is what the person who typed the command wants to open.
    println!("Kairyluu's public page: http://{}/ (Ctrl-C to stop)", server.addr);
    tokio::signal::ctrl_c().await.context("cannot wait for Ctrl-C")?;
    tracing::info!("stopping");
    server.stop().await
}
