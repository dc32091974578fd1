//! Logging. Message texts, names, phone numbers and Telegram ids are logged at debug level at
//! most, so the default levels never show them.

use tracing_subscriber::EnvFilter;

/// Logs to stderr at `default_level` unless `KAIRYLUU_LOG` (or `RUST_LOG`) says otherwise.
pub fn init(default_level: &str) {
    let filter = std::env::var("KAIRYLUU_LOG")
        .ok()
        .or_else(|| std::env::var("RUST_LOG").ok())
        .and_then(|spec| EnvFilter::try_new(spec).ok())
        .unwrap_or_else(|| EnvFilter::new(default_level));
    // A second init (only possible in tests) keeps the first subscriber.
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).try_init();
}
