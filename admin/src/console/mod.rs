//! The web console under `/console/`: officers work their agency's queue, administrators look
//! after agencies, officers, invites and the audit log. Sign-in is by a one-time link the bot
//! sends on `/web`; every form carries the session's CSRF token; an officer sees only their
//! agency, and anything else reads as "not found".
//!
//! [`router`] is mounted by `kairyluu serve`; the officer actions come in through
//! [`OfficerActions`], which the bot implements with its Telegram desk code.

mod actions;
mod agencies;
mod audit;
pub mod auth;
mod html;
mod invites;
mod login;
mod officers;
mod queue;
mod sla;
mod text;
mod ticket;

use std::sync::Arc;

use axum::Router;
use axum::routing::{get, post};
use tickets::desk::Desk;

pub use actions::{ActionError, ActionOutcome, DeskAction, OfficerActions};
pub use login::{LoginLinkError, create_login_link};

/// What the console's handlers share.
#[derive(Clone)]
pub struct ConsoleState(Arc<Inner>);

struct Inner {
    desk: Desk,
    actions: Arc<dyn OfficerActions>,
    session_hours: u32,
    /// Cookies are marked Secure when the console is reached over https.
    secure: bool,
}

impl ConsoleState {
    /// The console over `desk`, acting through `actions`; `public_url` is where people reach it.
    pub fn new(desk: Desk, actions: Arc<dyn OfficerActions>, public_url: &str, session_hours: u32) -> Self {
        let secure = public_url.trim().to_ascii_lowercase().starts_with("https://");
        Self(Arc::new(Inner { desk, actions, session_hours, secure }))
    }

    fn desk(&self) -> &Desk {
        &self.0.desk
    }

    fn actions(&self) -> &dyn OfficerActions {
        self.0.actions.as_ref()
    }
}

/// The console's routes, all under `/console/`.
pub fn router(state: ConsoleState) -> Router {
    Router::new()
        .route("/console/", get(queue::page))
        .route("/console", get(queue::page))
        .route("/console/signin", get(login::explain))
        .route("/console/login/{token}", get(login::redeem))
        .route("/console/logout", post(login::logout))
        .route("/console/tickets/{number}", get(ticket::page))
        .route("/console/tickets/{number}/{action}", post(ticket::act))
        .route("/console/admin/agencies", get(agencies::page))
        .route("/console/admin/officers", get(officers::page))
        .route("/console/admin/officers/{id}/disable", post(officers::disable))
        .route("/console/admin/invites", get(invites::page).post(invites::create))
        .route("/console/admin/audit", get(audit::page))
        .route("/console/admin/sla", get(sla::page))
        .with_state(state)
}
