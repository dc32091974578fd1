//! Rows as the databases return them, and their checked conversion into domain types. Both
//! backends decode into the same row structs; a value that does not parse is reported as
//! [`StoreError::Corrupt`], never unwrapped.

use std::str::FromStr;

use chrono::{DateTime, Utc};

use super::StoreError;
use crate::calendar::{DayUnit, Span};
use crate::domain::{
    Actor, ActorKind, AuditEntry, Citizen, Deadlines, Extension, Media, Officer, Profile, ThreadMessage, Ticket,
    TicketNumber,
};

pub(crate) fn parse<T: FromStr>(value: &str, what: &str) -> Result<T, StoreError>
where
    T::Err: std::fmt::Display,
{
    value.parse().map_err(|e: T::Err| StoreError::Corrupt(format!("{what}: {e}")))
}

pub(crate) fn parse_opt<T: FromStr>(value: Option<&str>, what: &str) -> Result<Option<T>, StoreError>
where
    T::Err: std::fmt::Display,
{
    value.map(|v| parse(v, what)).transpose()
}

/// The ticket columns, in the order of [`TicketRow`].
pub(crate) const TICKET_COLUMNS: &str = "id, number, kind, agency, implicated, lang, region, district, anonymous, \
     citizen_id, status, assignee_id, created_at, registration_due, first_response_due, resolution_due, \
     extension_days, extension_unit, extension_reason, extended_at, first_response_at, answered_at, closed_at, \
     status_changed_at, redirect_count";

#[derive(sqlx::FromRow)]
pub(crate) struct TicketRow {
    id: i64,
    number: String,
    kind: String,
    agency: String,
    implicated: Option<String>,
    lang: String,
    region: Option<String>,
    district: Option<String>,
    anonymous: bool,
    citizen_id: Option<i64>,
    status: String,
    assignee_id: Option<i64>,
    created_at: DateTime<Utc>,
    registration_due: DateTime<Utc>,
    first_response_due: DateTime<Utc>,
    resolution_due: DateTime<Utc>,
    extension_days: Option<i32>,
    extension_unit: Option<String>,
    extension_reason: Option<String>,
    extended_at: Option<DateTime<Utc>>,
    first_response_at: Option<DateTime<Utc>>,
    answered_at: Option<DateTime<Utc>>,
    closed_at: Option<DateTime<Utc>>,
    status_changed_at: DateTime<Utc>,
    redirect_count: i32,
}

impl TryFrom<TicketRow> for Ticket {
    type Error = StoreError;

    fn try_from(row: TicketRow) -> Result<Self, Self::Error> {
        let extension = match (row.extension_days, row.extension_unit, row.extension_reason, row.extended_at) {
            (Some(days), Some(unit), Some(reason), Some(at)) => Some(Extension {
                span: Span {
                    days: u32::try_from(days).map_err(|_| StoreError::Corrupt(format!("extension days {days}")))?,
                    unit: unit_from_code(&unit)?,
                },
                reason,
                at,
            }),
            (None, None, None, None) => None,
            _ => return Err(StoreError::Corrupt(format!("ticket {} has a partial extension", row.number))),
        };
        Ok(Ticket {
            id: row.id,
            number: parse(&row.number, "ticket number")?,
            kind: parse(&row.kind, "kind")?,
            agency: parse(&row.agency, "agency")?,
            implicated: parse_opt(row.implicated.as_deref(), "implicated agency")?,
            lang: parse(&row.lang, "lang")?,
            region: row.region,
            district: row.district,
            anonymous: row.anonymous,
            citizen_id: row.citizen_id,
            status: parse(&row.status, "status")?,
            assignee_id: row.assignee_id,
            created_at: row.created_at,
            deadlines: Deadlines {
                registration: row.registration_due,
                first_response: row.first_response_due,
                resolution: row.resolution_due,
            },
            extension,
            first_response_at: row.first_response_at,
            answered_at: row.answered_at,
            closed_at: row.closed_at,
            status_changed_at: row.status_changed_at,
            redirect_count: u32::try_from(row.redirect_count)
                .map_err(|_| StoreError::Corrupt(format!("redirect count {}", row.redirect_count)))?,
        })
    }
}

/// The stored code of a day unit.
pub(crate) fn unit_code(unit: DayUnit) -> &'static str {
    match unit {
        DayUnit::Working => "working",
        DayUnit::Calendar => "calendar",
    }
}

fn unit_from_code(code: &str) -> Result<DayUnit, StoreError> {
    match code {
        "working" => Ok(DayUnit::Working),
        "calendar" => Ok(DayUnit::Calendar),
        other => Err(StoreError::Corrupt(format!("day unit `{other}`"))),
    }
}

pub(crate) const CITIZEN_COLUMNS: &str = "id, chat_id, lang, gender, age_band, disability, created_at";

#[derive(sqlx::FromRow)]
pub(crate) struct CitizenRow {
    id: i64,
    chat_id: Option<i64>,
    lang: String,
    gender: Option<String>,
    age_band: Option<String>,
    disability: Option<String>,
    created_at: DateTime<Utc>,
}

impl TryFrom<CitizenRow> for Citizen {
    type Error = StoreError;

    fn try_from(row: CitizenRow) -> Result<Self, Self::Error> {
        Ok(Citizen {
            id: row.id,
            chat_id: row.chat_id,
            lang: parse(&row.lang, "citizen lang")?,
            profile: Profile {
                gender: parse_opt(row.gender.as_deref(), "gender")?,
                age_band: parse_opt(row.age_band.as_deref(), "age band")?,
                disability: parse_opt(row.disability.as_deref(), "disability")?,
            },
            created_at: row.created_at,
        })
    }
}

pub(crate) const OFFICER_COLUMNS: &str = "id, telegram_user_id, agency, role, active, created_at";

#[derive(sqlx::FromRow)]
pub(crate) struct OfficerRow {
    id: i64,
    telegram_user_id: i64,
    agency: String,
    role: String,
    active: bool,
    created_at: DateTime<Utc>,
}

impl TryFrom<OfficerRow> for Officer {
    type Error = StoreError;

    fn try_from(row: OfficerRow) -> Result<Self, Self::Error> {
        Ok(Officer {
            id: row.id,
            telegram_user_id: row.telegram_user_id,
            agency: parse(&row.agency, "officer agency")?,
            role: parse(&row.role, "officer role")?,
            active: row.active,
            created_at: row.created_at,
        })
    }
}

pub(crate) const MESSAGE_COLUMNS: &str = "id, ticket_id, author, officer_id, body, media_kind, file_id, created_at";

#[derive(sqlx::FromRow)]
pub(crate) struct MessageRow {
    id: i64,
    ticket_id: i64,
    author: String,
    officer_id: Option<i64>,
    body: Option<String>,
    media_kind: Option<String>,
    file_id: Option<String>,
    created_at: DateTime<Utc>,
}

impl TryFrom<MessageRow> for ThreadMessage {
    type Error = StoreError;

    fn try_from(row: MessageRow) -> Result<Self, Self::Error> {
        let media = match (row.media_kind, row.file_id) {
            (Some(kind), Some(file_id)) => Some(Media { kind: parse(&kind, "media kind")?, file_id }),
            (None, None) => None,
            _ => return Err(StoreError::Corrupt(format!("message {} has half a media", row.id))),
        };
        Ok(ThreadMessage {
            id: row.id,
            ticket_id: row.ticket_id,
            author: parse(&row.author, "author")?,
            officer_id: row.officer_id,
            text: row.body,
            media,
            at: row.created_at,
        })
    }
}

pub(crate) const AUDIT_COLUMNS: &str = "id, ticket_id, actor_kind, officer_id, action, detail, at";

#[derive(sqlx::FromRow)]
pub(crate) struct AuditRow {
    id: i64,
    ticket_id: Option<i64>,
    actor_kind: String,
    officer_id: Option<i64>,
    action: String,
    detail: Option<String>,
    at: DateTime<Utc>,
}

impl TryFrom<AuditRow> for AuditEntry {
    type Error = StoreError;

    fn try_from(row: AuditRow) -> Result<Self, Self::Error> {
        let kind: ActorKind = parse(&row.actor_kind, "actor")?;
        Ok(AuditEntry {
            id: row.id,
            ticket_id: row.ticket_id,
            actor: Actor { kind, officer_id: row.officer_id },
            action: row.action,
            detail: row.detail,
            at: row.at,
        })
    }
}

/// Formats the number that a new ticket gets.
pub(crate) fn ticket_number(year: i32, serial: i64) -> Result<TicketNumber, StoreError> {
    let serial = u64::try_from(serial).map_err(|_| StoreError::Corrupt(format!("ticket serial {serial}")))?;
    TicketNumber::new(year, serial).map_err(|e| StoreError::Corrupt(e.to_string()))
}
