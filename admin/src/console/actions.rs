//! What the console asks of the officer desk. Relaying to a citizen needs the bot's bridge
//! (the citizen's language frame, the sealed channel of an anonymous reporter, the outbox), which
//! this crate must not depend on; the bot implements [`OfficerActions`] with the same code its
//! Telegram buttons run, so the console gets the same rules, refusals and audit entries.

use async_trait::async_trait;
use tickets::domain::{AgencyCode, Role};

/// An officer's action on one ticket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeskAction {
    Take,
    /// An answer to the citizen; `confirm_lang` sends it even when it is in the other language
    /// than the appeal (in Telegram: "Send anyway").
    Reply {
        text: String,
        confirm_lang: bool,
    },
    /// Moves the ticket to agency `to`, with a reason the citizen is told.
    Redirect {
        to: AgencyCode,
        reason: String,
    },
    /// The one lawful extension; the reason may start with fewer days than the limit.
    Extend {
        reason: String,
    },
    Close,
}

/// What came of an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActionOutcome {
    Done,
    /// Refused with this stable reason code (audited; nothing changed).
    Refused(String),
    /// The answer is in the other language than the appeal: the officer must confirm it.
    ConfirmLanguage,
}

/// Any failure below the desk (the database, a corrupt row).
pub type ActionError = Box<dyn std::error::Error + Send + Sync>;

/// The officer desk as the console uses it.
#[async_trait]
pub trait OfficerActions: Send + Sync {
    /// Applies `action` by officer `officer_id` to ticket `ticket_id`, in one transaction.
    async fn act(&self, officer_id: i64, ticket_id: i64, action: DeskAction) -> Result<ActionOutcome, ActionError>;

    /// Creates a one-time officer invite for administrator `by` (audited) and returns its link
    /// (shown once, never stored).
    async fn create_invite(
        &self,
        by: i64,
        agency: &AgencyCode,
        role: Role,
        valid_days: u32,
    ) -> Result<String, ActionError>;
}
