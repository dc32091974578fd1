//! The web console's state as `serve` mounts it (`admin::console::router`): the desk, the
//! officer actions of the Telegram desk, and the console settings.

use std::sync::Arc;

use admin::console::ConsoleState;

use crate::app::App;
use crate::officer::ConsoleDesk;

/// The console over `app`, with invite links for bot `bot_username`.
pub fn console_state(app: &App, bot_username: &str) -> ConsoleState {
    let settings = &app.loaded.settings;
    ConsoleState::new(
        app.desk.clone(),
        Arc::new(ConsoleDesk::new(app.desk.clone(), bot_username)),
        &settings.http.public_url,
        settings.console.session_hours,
    )
}
