//! The audit log: who did what to which ticket, and when. Kept forever; never holds message text
//! or the identity of an anonymous reporter.

use chrono::{DateTime, Utc};

use super::codes::coded_enum;

coded_enum! {
    /// The kind of party that acted.
    pub enum ActorKind {
        /// The ticket's citizen (never identified here).
        Citizen => "citizen",
        /// An officer, by internal id.
        Officer => "officer",
        /// An administrator using the console or the command line.
        Admin => "admin",
        /// Kairyluu itself (reminders, escalation).
        System => "system",
    }
}

/// Who acted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Actor {
    pub kind: ActorKind,
    /// The officer's internal id, for officers only.
    pub officer_id: Option<i64>,
}

impl Actor {
    /// The citizen behind a ticket.
    pub const CITIZEN: Actor = Actor { kind: ActorKind::Citizen, officer_id: None };
    /// Kairyluu itself.
    pub const SYSTEM: Actor = Actor { kind: ActorKind::System, officer_id: None };
    /// An administrator.
    pub const ADMIN: Actor = Actor { kind: ActorKind::Admin, officer_id: None };

    /// An officer, by internal id.
    pub fn officer(id: i64) -> Self {
        Self { kind: ActorKind::Officer, officer_id: Some(id) }
    }
}

/// A stored audit entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub id: i64,
    pub ticket_id: Option<i64>,
    pub actor: Actor,
    /// A stable action code such as `open`, `assign`, `redirect`, `extend`.
    pub action: String,
    /// Short structured detail (agency codes, reasons); never message text.
    pub detail: Option<String>,
    pub at: DateTime<Utc>,
}
