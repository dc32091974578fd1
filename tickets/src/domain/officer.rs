//! Officers: the people inside agencies who answer tickets.

use chrono::{DateTime, Utc};

use super::agency_code::AgencyCode;
use super::codes::coded_enum;

coded_enum! {
    /// What an officer may do in their agency.
    pub enum Role {
        /// Answers tickets of the agency.
        Officer => "officer",
        /// Also receives escalations when tickets are overdue or not resolved.
        Head => "head",
    }
}

/// An officer bound to one agency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Officer {
    pub id: i64,
    /// The Telegram user id the officer signs in with.
    pub telegram_user_id: i64,
    pub agency: AgencyCode,
    pub role: Role,
    /// A disabled officer keeps their history but can do nothing.
    pub active: bool,
    pub created_at: DateTime<Utc>,
}

/// What is needed to register an officer.
#[derive(Debug, Clone)]
pub struct NewOfficer {
    pub telegram_user_id: i64,
    pub agency: AgencyCode,
    pub role: Role,
}
