//! What a reminder job does when its time comes, decided from the ticket as it is now.

use chrono::{DateTime, Utc};

use super::kinds::{ReminderJob, ReminderKind};
use super::plan::planned_job;
use super::quiet::working_hours_from;
use crate::calendar::BusinessCalendar;
use crate::domain::{ChatLang, Officer, Role, Ticket};
use crate::store::NewJob;

/// The outcome of a reminder job.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Nothing to send (the ticket was answered, closed or erased; or a "due soon" reminder
    /// came up after the deadline, which its escalation covers). The job is done.
    Skip(&'static str),
    /// Quiet hours or a day off: run again at this instant.
    Postpone(DateTime<Utc>),
    /// An extension moved the deadline: this job is done, the new one replaces it (or nothing,
    /// when the new deadline needs no reminder).
    Moved(Option<NewJob>),
    /// Send the reminder to the [`recipients`]. The job is done.
    Send,
}

/// Who receives a reminder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recipients {
    /// The ticket's topic in the agency's forum group, where its officers work on it.
    Topic,
    /// The officer who took the ticket.
    Assignee,
    /// Every active officer of the ticket's agency (nobody took it yet).
    AgencyOfficers,
    /// The agency's heads (an escalation).
    Heads,
}

/// A ticket's topic in its agency's forum group: the chat and the topic's thread.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ForumTopic {
    pub chat_id: i64,
    pub thread_id: i32,
}

/// One choice of recipients: the topic (`officers` empty) or these officers' private chats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Audience<'a> {
    pub as_whom: Recipients,
    pub officers: Vec<&'a Officer>,
}

/// Decides what `job` does at `now`, given its ticket (`None`: the ticket is gone).
pub fn decide(job: &ReminderJob, ticket: Option<&Ticket>, now: DateTime<Utc>, calendar: &BusinessCalendar) -> Decision {
    let Some(ticket) = ticket else {
        return Decision::Skip("ticket not found");
    };
    let term = job.kind.term();
    if !term.owed(ticket) {
        return Decision::Skip("deadline met");
    }
    let deadline = term.deadline(ticket);
    if deadline != job.deadline {
        return Decision::Moved(planned_job(job.kind, ticket, calendar));
    }
    if let Some(morning) = working_hours_from(calendar, now) {
        return Decision::Postpone(morning);
    }
    match job.kind {
        ReminderKind::DueSoon(_) if now > deadline => Decision::Skip("deadline passed before the reminder"),
        ReminderKind::Overdue(_) if now <= deadline => Decision::Postpone(deadline + chrono::Duration::seconds(1)),
        _ => Decision::Send,
    }
}

/// Who receives a reminder of `kind`, best first; the runner takes the first audience that
/// has a chat which did not block the bot, so that a blocked chat never swallows a reminder:
/// - "due soon": the ticket's topic when the agency works in a forum group (`topic`), else the
///   assignee, else (or when they blocked the bot) every active officer;
/// - overdue: the heads, privately (an escalation is theirs, not the group's); with no head, or
///   every head blocked, as a "due soon" would.
///
/// Empty audiences are left out; no audience at all means nobody at the agency can be told.
pub fn audiences<'a>(
    kind: ReminderKind,
    ticket: &Ticket,
    officers: &'a [Officer],
    topic: Option<ForumTopic>,
) -> Vec<Audience<'a>> {
    let active = || officers.iter().filter(|o| o.active && o.agency == ticket.agency);
    let mut list = Vec::new();
    if matches!(kind, ReminderKind::Overdue(_)) {
        list.push(Audience {
            as_whom: Recipients::Heads,
            officers: active().filter(|o| o.role == Role::Head).collect(),
        });
    }
    if topic.is_some() {
        list.push(Audience { as_whom: Recipients::Topic, officers: Vec::new() });
    }
    list.push(Audience {
        as_whom: Recipients::Assignee,
        officers: active().filter(|o| Some(o.id) == ticket.assignee_id).collect(),
    });
    list.push(Audience { as_whom: Recipients::AgencyOfficers, officers: active().collect() });
    list.retain(|a| a.as_whom == Recipients::Topic || !a.officers.is_empty());
    list
}

/// The language of messages to an agency's group: the one most of its officers chose; Kyrgyz,
/// the state language, on a tie (as the group's cards).
pub fn group_lang(langs: &[ChatLang]) -> ChatLang {
    let ru = langs.iter().filter(|l| **l == ChatLang::Ru).count();
    if ru * 2 > langs.len() { ChatLang::Ru } else { ChatLang::Ky }
}
