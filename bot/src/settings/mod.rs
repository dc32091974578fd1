//! Kairyluu's configuration: one typed [`Settings`] tree built from layers, later ones winning:
//! the defaults compiled into the binary (`config/default.toml`, with `config/calendar.toml` under
//! `[calendar]`), an optional file, then environment variables.

mod layers;
mod locate;
mod secret;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use serde::Deserialize;
use tickets::agencies::{AgencyDirectory, AgencySettings};
use tickets::calendar::{BusinessCalendar, CalendarSettings};
use tickets::sla::SlaSettings;

pub use layers::ConfigError;
pub use secret::Secret;

/// The whole configuration.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub database: DatabaseSettings,
    pub telegram: TelegramSettings,
    pub lifecycle: LifecycleSettings,
    pub limits: LimitSettings,
    pub http: HttpSettings,
    pub statistics: StatisticsSettings,
    pub console: ConsoleSettings,
    pub sla: SlaSettings,
    pub agencies: BTreeMap<String, AgencySettings>,
    pub calendar: CalendarSettings,
}

/// `[database]`
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatabaseSettings {
    /// `sqlite://FILE` or `postgres://…`.
    pub url: String,
    pub max_connections: u32,
}

/// `[telegram]`
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TelegramSettings {
    /// The bot token; empty when not configured.
    pub token: Secret,
    /// The Bot API server's base URL.
    pub api_url: String,
    /// Messages the bot sends per second in all (Telegram allows about 30).
    pub messages_per_second: u32,
    /// Messages per second to one private chat (Telegram allows 1).
    pub messages_per_chat_per_second: u32,
    /// Messages per minute to one group (Telegram allows 20).
    pub messages_per_group_per_minute: u32,
    /// The bot's username for invite links; empty means "ask getMe".
    pub bot_username: String,
    /// Where Telegram posts updates (`https://host/path`); empty means long polling.
    pub webhook_url: String,
    /// Telegram's `X-Telegram-Bot-Api-Secret-Token` for the webhook; empty accepts any request.
    pub webhook_secret: Secret,
}

/// `[lifecycle]`
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LifecycleSettings {
    /// Calendar days after an answer during which the citizen may reopen.
    pub reopen_window_days: u32,
}

/// `[limits]`: per-citizen rate limits.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LimitSettings {
    /// Messages a citizen may send per minute before the bot stops answering for a while.
    pub messages_per_minute: u32,
    /// New appeals a citizen may open per hour.
    pub appeals_per_hour: u32,
}

/// `[http]`: the public page, the API, Open311 and the console, served by `serve`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HttpSettings {
    /// The address to listen on (`KAIRYLUU_HTTP_ADDR`); empty turns the HTTP side off.
    pub addr: String,
    /// The address citizens, monitors and officers reach it at, for links the bot sends.
    pub public_url: String,
}

/// `[statistics]`
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatisticsSettings {
    /// Figures built from fewer tickets than this are shown as "<N" everywhere.
    pub min_cell: u32,
}

/// `[console]`: the web console's sign-in.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsoleSettings {
    /// How long a one-time login link sent by `/web` stays valid.
    pub login_link_minutes: u32,
    /// How long a console session lasts without activity.
    pub session_hours: u32,
}

/// The configuration with its parts validated and built.
pub struct Loaded {
    pub settings: Settings,
    pub agencies: Arc<AgencyDirectory>,
    pub calendar: Arc<BusinessCalendar>,
}

impl Settings {
    /// Loads the layers: defaults, then `file` if given, then the environment `env`.
    pub fn load(file: Option<&Path>, env: &[(String, String)]) -> Result<Loaded, ConfigError> {
        let layered = layers::Layered::build(file, env)?;
        let settings: Settings = layered.deserialize()?;
        let agencies = AgencyDirectory::new(&settings.agencies, settings.sla.clone())
            .map_err(|e| layered.error_at(&e.path, e.message.clone()))?;
        let calendar =
            BusinessCalendar::new(&settings.calendar).map_err(|e| layered.error_at("calendar", e.to_string()))?;
        url::Url::parse(&settings.database.url)
            .map_err(|e| layered.error_at("database.url", format!("not a URL ({e})")))?;
        if !settings.http.addr.trim().is_empty() {
            settings
                .http
                .addr
                .parse::<std::net::SocketAddr>()
                .map_err(|e| layered.error_at("http.addr", format!("not an address like 127.0.0.1:8080 ({e})")))?;
        }
        url::Url::parse(&settings.http.public_url)
            .map_err(|e| layered.error_at("http.public_url", format!("not a URL ({e})")))?;
        if settings.statistics.min_cell < 2 {
            return Err(layered.error_at("statistics.min_cell", "must be at least 2, or single citizens show".into()));
        }
        if settings.console.login_link_minutes == 0 || settings.console.session_hours == 0 {
            return Err(layered.error_at("console", "login_link_minutes and session_hours must be above 0".into()));
        }
        Ok(Loaded { settings, agencies: Arc::new(agencies), calendar: Arc::new(calendar) })
    }
}
