//! What officers do: take, reply, ask, redirect, extend, close, list the queue. Every action
//! goes through the desk's lifecycle inside the update's transaction; every refusal tells the
//! officer why, writes an audit entry and changes nothing else.

use classifier::Agency;
use dialogs::UiLang;
use dialogs::officer::{DeskButton, OfficerNote, Refusal};
use tickets::calendar::Span;
use tickets::desk::Desk;
use tickets::domain::{Actor, AgencyCode, Ticket};
use tickets::lifecycle::{Change, LifecycleError, StatusChange};
use tickets::store::{BoundOfficer, QueueFilter, StoreError, Tx};

use super::bridge;
use super::card::{self, DeskChat};
use super::input::DeskMessage;
use super::pending::{Draft, Pending};
use crate::conversation::ui_lang;
use crate::telegram::handler::{queue, send};

/// An officer acting from a chat (their private chat or the agency's group).
pub struct Acting<'a> {
    pub officer: &'a BoundOfficer,
    pub chat_id: i64,
    /// The forum topic the officer acts in, if any: answers go there.
    pub thread_id: Option<i32>,
    /// Where a refusal's code is also kept, for a caller that must report it (the web console).
    pub refused: Option<&'a std::sync::Mutex<Option<&'static str>>>,
}

impl Acting<'_> {
    pub fn lang(&self) -> UiLang {
        ui_lang(self.officer.lang)
    }

    pub fn actor(&self) -> Actor {
        Actor::officer(self.officer.officer.id)
    }

    fn chat(&self) -> DeskChat {
        DeskChat { chat_id: self.chat_id, lang: self.lang() }
    }

    /// Tells the officer something.
    pub async fn say(&self, tx: &mut dyn Tx, note: &OfficerNote) -> anyhow::Result<()> {
        queue(tx, card::to_chat(self.chat_id, self.thread_id, dialogs::officer::note(self.lang(), note))).await
    }

    /// Refuses: tells the officer why and writes an audit entry; nothing else changes.
    pub async fn refuse(
        &self,
        desk: &Desk,
        tx: &mut dyn Tx,
        ticket: Option<&Ticket>,
        refusal: Refusal,
    ) -> anyhow::Result<()> {
        if let Some(Ok(mut slot)) = self.refused.map(|slot| slot.lock()) {
            *slot = Some(refusal_code(&refusal));
        }
        let detail = format!("reason={}", refusal_code(&refusal));
        tracing::info!(officer = self.officer.officer.id, %detail, "officer action refused");
        tx.audit(ticket.map(|t| t.id), self.actor(), "officer_refused", Some(&detail), desk.now()).await?;
        let reply = dialogs::officer::refusal(self.lang(), &refusal);
        queue(tx, card::to_chat(self.chat_id, self.thread_id, reply)).await
    }
}

fn refusal_code(refusal: &Refusal) -> &'static str {
    match refusal {
        Refusal::OtherAgency { .. } => "other_agency",
        Refusal::Closed { .. } => "closed",
        Refusal::NotNow { .. } => "not_now",
        Refusal::AlreadyExtended { .. } => "already_extended",
        Refusal::ExtensionLimit => "extension_limit",
        Refusal::UnknownAgency => "unknown_agency",
        Refusal::ReasonRequired => "reason_required",
        Refusal::SameAgency => "same_agency",
        Refusal::CorruptionStays => "corruption_stays",
        Refusal::NoTicket => "no_ticket",
        Refusal::EmptyReply => "empty_reply",
    }
}

/// A lifecycle refusal as the officer is told it.
pub fn lifecycle_refusal(ticket: &Ticket, error: &LifecycleError) -> Refusal {
    let number = ticket.number.to_string();
    match error {
        LifecycleError::IllegalTransition(illegal) if !illegal.from.is_open() => Refusal::Closed { number },
        LifecycleError::IllegalTransition(illegal) => {
            Refusal::NotNow { number, status: card::dialog_status(illegal.from) }
        }
        LifecycleError::ExtendClosedTicket | LifecycleError::ReopenWindowExpired { .. } => Refusal::Closed { number },
        LifecycleError::AlreadyExtended => Refusal::AlreadyExtended { number },
        LifecycleError::ExtensionBeyondLimit { .. } => Refusal::ExtensionLimit,
        LifecycleError::UnknownAgency(_) => Refusal::UnknownAgency,
        LifecycleError::SameAgency(_) => Refusal::SameAgency,
        LifecycleError::CorruptionStaysWithAnticorruption => Refusal::CorruptionStays,
        LifecycleError::ReasonRequired => Refusal::ReasonRequired,
    }
}

/// Applies `change` as the officer; a refusal is told and audited and gives `None`.
pub async fn change(
    desk: &Desk,
    tx: &mut dyn Tx,
    acting: &Acting<'_>,
    ticket: &Ticket,
    change: Change,
) -> anyhow::Result<Option<Ticket>> {
    match desk.change_in(tx, &ticket.number, change, acting.actor()).await {
        Ok(changed) => Ok(Some(changed)),
        Err(StoreError::Refused(error)) => {
            acting.refuse(desk, tx, Some(ticket), lifecycle_refusal(ticket, &error)).await?;
            Ok(None)
        }
        Err(error) => Err(error.into()),
    }
}

/// The ticket `id` if the officer's agency holds it; otherwise refused (an unknown id reads as
/// another agency's, so ids cannot be probed).
pub(super) async fn own_ticket(
    desk: &Desk,
    tx: &mut dyn Tx,
    acting: &Acting<'_>,
    id: i64,
) -> anyhow::Result<Option<Ticket>> {
    match tx.ticket_by_id(id).await? {
        Some(ticket) if ticket.agency == acting.officer.officer.agency => Ok(Some(ticket)),
        other => {
            let number = other.as_ref().map(|t| t.number.to_string()).unwrap_or_default();
            acting.refuse(desk, tx, other.as_ref(), Refusal::OtherAgency { number }).await?;
            Ok(None)
        }
    }
}

/// Like [`own_ticket`], and still open.
pub(super) async fn open_ticket(
    desk: &Desk,
    tx: &mut dyn Tx,
    acting: &Acting<'_>,
    id: i64,
) -> anyhow::Result<Option<Ticket>> {
    let Some(ticket) = own_ticket(desk, tx, acting, id).await? else { return Ok(None) };
    if !ticket.status.is_open() {
        acting.refuse(desk, tx, Some(&ticket), Refusal::Closed { number: ticket.number.to_string() }).await?;
        return Ok(None);
    }
    Ok(Some(ticket))
}

pub(super) async fn set_pending(
    desk: &Desk,
    tx: &mut dyn Tx,
    acting: &Acting<'_>,
    pending: Option<Pending>,
) -> anyhow::Result<()> {
    let json = pending.map(|p| p.to_json());
    tx.set_officer_pending(acting.officer.officer.id, json.as_deref(), desk.now()).await?;
    Ok(())
}

/// The statutory extension of a ticket's agency and kind.
pub(super) fn extension_limit(desk: &Desk, ticket: &Ticket) -> Span {
    desk.agencies().sla(&ticket.agency, ticket.kind).extension_limit
}

/// A desk button pressed by an officer on message `message_id`.
pub async fn button(
    desk: &Desk,
    tx: &mut dyn Tx,
    acting: &Acting<'_>,
    message_id: i32,
    button: DeskButton,
) -> anyhow::Result<()> {
    if let Some(id) = ticket_of(button) {
        // The card now leads back to its ticket when the officer replies to it (and its topic,
        // when it is in one).
        if tx.ticket_by_id(id).await?.is_some_and(|t| t.agency == acting.officer.officer.agency) {
            tx.remember_card(acting.chat_id, message_id, id).await?;
            if let Some(thread) = acting.thread_id {
                tx.set_ticket_topic(id, acting.chat_id, Some(thread), desk.now()).await?;
            }
        }
    }
    match button {
        DeskButton::Open(id) => {
            if let Some(ticket) = own_ticket(desk, tx, acting, id).await? {
                card::send_card(desk, tx, &ticket, acting.chat(), acting.thread_id).await?;
            }
        }
        DeskButton::Take(id) => {
            let Some(ticket) = open_ticket(desk, tx, acting, id).await? else { return Ok(()) };
            let assign = Change::Status(StatusChange::Assign { officer_id: acting.officer.officer.id });
            if let Some(taken) = change(desk, tx, acting, &ticket, assign).await? {
                acting.say(tx, &OfficerNote::Taken { number: taken.number.to_string() }).await?;
            }
        }
        DeskButton::Reply(id) | DeskButton::Ask(id) => {
            let Some(ticket) = open_ticket(desk, tx, acting, id).await? else { return Ok(()) };
            let number = ticket.number.to_string();
            let (pending, note) = match button {
                DeskButton::Reply(_) => (Pending::Reply { ticket_id: id }, OfficerNote::ReplyPrompt { number }),
                _ => (Pending::Ask { ticket_id: id }, OfficerNote::AskPrompt { number }),
            };
            set_pending(desk, tx, acting, Some(pending)).await?;
            acting.say(tx, &note).await?;
        }
        DeskButton::Redirect(id) => {
            let Some(ticket) = open_ticket(desk, tx, acting, id).await? else { return Ok(()) };
            let here = card::agency_label(desk, &ticket.agency);
            let choices: Vec<Agency> = Agency::ALL
                .iter()
                .copied()
                .filter(|a| *a != here && desk.agencies().get(&AgencyCode::from(*a)).is_some())
                .collect();
            let reply = dialogs::officer::redirect_choices(acting.lang(), &ticket.number.to_string(), id, &choices);
            queue(tx, send(acting.chat_id, reply)).await?;
        }
        DeskButton::RedirectTo(id, agency) => {
            let Some(ticket) = open_ticket(desk, tx, acting, id).await? else { return Ok(()) };
            let Some(agency) = agency.filter(|a| desk.agencies().get(&AgencyCode::from(*a)).is_some()) else {
                return acting.refuse(desk, tx, Some(&ticket), Refusal::UnknownAgency).await;
            };
            let to = AgencyCode::from(agency);
            if to == ticket.agency {
                return acting.refuse(desk, tx, Some(&ticket), Refusal::SameAgency).await;
            }
            set_pending(desk, tx, acting, Some(Pending::RedirectReason { ticket_id: id, to: to.to_string() })).await?;
            acting.say(tx, &OfficerNote::RedirectReason { number: ticket.number.to_string(), agency }).await?;
        }
        DeskButton::Extend(id) => {
            let Some(ticket) = open_ticket(desk, tx, acting, id).await? else { return Ok(()) };
            if ticket.extension.is_some() {
                let refusal = Refusal::AlreadyExtended { number: ticket.number.to_string() };
                return acting.refuse(desk, tx, Some(&ticket), refusal).await;
            }
            let limit = extension_limit(desk, &ticket);
            let due = desk.calendar().due(ticket.deadlines.resolution, limit);
            set_pending(desk, tx, acting, Some(Pending::ExtendReason { ticket_id: id })).await?;
            let due = due.with_timezone(&desk.calendar().timezone()).date_naive();
            let note = OfficerNote::ExtendReason { number: ticket.number.to_string(), days: limit.days, due };
            acting.say(tx, &note).await?;
        }
        DeskButton::Close(id) => {
            let Some(ticket) = own_ticket(desk, tx, acting, id).await? else { return Ok(()) };
            if let Some(closed) = change(desk, tx, acting, &ticket, Change::Status(StatusChange::Close)).await? {
                acting.say(tx, &OfficerNote::Closed { number: closed.number.to_string() }).await?;
            }
        }
        DeskButton::SendAnyway => {
            let pending = tx.officer_pending(acting.officer.officer.id).await?.as_deref().and_then(Pending::parse);
            set_pending(desk, tx, acting, None).await?;
            if let Some(Pending::ConfirmLang { ticket_id, draft }) = pending {
                let Some(ticket) = open_ticket(desk, tx, acting, ticket_id).await? else { return Ok(()) };
                tx.audit(Some(ticket.id), acting.actor(), "answer_lang_confirmed", None, desk.now()).await?;
                bridge::answer(desk, tx, acting, &ticket, &draft, true).await?;
            }
        }
        DeskButton::CancelSend => {
            set_pending(desk, tx, acting, None).await?;
            acting.say(tx, &OfficerNote::Cancelled).await?;
        }
        DeskButton::Score(..) | DeskButton::NotResolved(_) | DeskButton::BrushOff(_) => {}
    }
    Ok(())
}

fn ticket_of(button: DeskButton) -> Option<i64> {
    match button {
        DeskButton::Open(id)
        | DeskButton::Take(id)
        | DeskButton::Reply(id)
        | DeskButton::Ask(id)
        | DeskButton::Redirect(id)
        | DeskButton::RedirectTo(id, _)
        | DeskButton::Extend(id)
        | DeskButton::Close(id) => Some(id),
        _ => None,
    }
}

/// A message from an officer: a command, what a pending question asked for, or a reply to a
/// card or in a ticket's topic.
pub async fn message(desk: &Desk, tx: &mut dyn Tx, acting: &Acting<'_>, message: &DeskMessage) -> anyhow::Result<()> {
    if let Some(command) = message.content.text.as_deref().filter(|t| t.starts_with('/')) {
        return self::command(desk, tx, acting, command).await;
    }
    let draft = Draft { content: message.content.clone(), chat_id: message.chat_id, message_id: message.message_id };
    let pending = tx.officer_pending(acting.officer.officer.id).await?.as_deref().and_then(Pending::parse);
    // A reply to a card or a message in a ticket's topic names its ticket; it wins over an
    // older pending question.
    let mut named = match message.reply_to {
        Some((replied, buttons)) => tx.ticket_of_card(message.chat_id, replied).await?.map(|t| t.id).or(buttons),
        None => None,
    };
    if named.is_none()
        && let Some(thread) = message.thread_id
    {
        named = topic_ticket(desk, tx, message, thread).await?;
    }
    if let Some(ticket_id) = named {
        set_pending(desk, tx, acting, None).await?;
        let Some(ticket) = open_ticket(desk, tx, acting, ticket_id).await? else { return Ok(()) };
        return bridge::answer(desk, tx, acting, &ticket, &draft, false).await;
    }
    let Some(pending) = pending else {
        return acting.refuse(desk, tx, None, Refusal::NoTicket).await;
    };
    match pending {
        Pending::Reply { ticket_id } => {
            let Some(ticket) = open_ticket(desk, tx, acting, ticket_id).await? else {
                return set_pending(desk, tx, acting, None).await;
            };
            set_pending(desk, tx, acting, None).await?;
            bridge::answer(desk, tx, acting, &ticket, &draft, false).await
        }
        Pending::Ask { ticket_id } => {
            set_pending(desk, tx, acting, None).await?;
            let Some(ticket) = open_ticket(desk, tx, acting, ticket_id).await? else { return Ok(()) };
            bridge::ask(desk, tx, acting, &ticket, &draft).await
        }
        Pending::RedirectReason { ticket_id, to } => {
            let Some(reason) = reason_of(&draft) else {
                return acting.refuse(desk, tx, None, Refusal::ReasonRequired).await;
            };
            set_pending(desk, tx, acting, None).await?;
            let Some(ticket) = open_ticket(desk, tx, acting, ticket_id).await? else { return Ok(()) };
            let Ok(to) = to.parse::<AgencyCode>() else {
                return acting.refuse(desk, tx, Some(&ticket), Refusal::UnknownAgency).await;
            };
            let redirect = Change::Status(StatusChange::Redirect { to: to.clone(), reason: reason.clone() });
            let Some(moved) = change(desk, tx, acting, &ticket, redirect).await? else { return Ok(()) };
            let agency = card::agency_label(desk, &to);
            acting.say(tx, &OfficerNote::Redirected { number: moved.number.to_string(), agency }).await?;
            bridge::redirected(desk, tx, &ticket, &moved, &reason).await
        }
        Pending::ExtendReason { ticket_id } => {
            let Some(text) = reason_of(&draft) else {
                return acting.refuse(desk, tx, None, Refusal::ReasonRequired).await;
            };
            set_pending(desk, tx, acting, None).await?;
            let Some(ticket) = open_ticket(desk, tx, acting, ticket_id).await? else { return Ok(()) };
            let limit = extension_limit(desk, &ticket);
            let (span, reason) = extension_asked(&text, limit);
            let extend = Change::Extend { span, reason: reason.clone() };
            let Some(extended) = change(desk, tx, acting, &ticket, extend).await? else { return Ok(()) };
            let due = extended.deadlines.resolution.with_timezone(&desk.calendar().timezone()).date_naive();
            acting.say(tx, &OfficerNote::Extended { number: extended.number.to_string(), due }).await?;
            bridge::extended(desk, tx, &extended, &reason).await
        }
        Pending::ConfirmLang { .. } => {
            // A new message replaces the one waiting for confirmation: it is checked afresh.
            set_pending(desk, tx, acting, None).await?;
            acting.refuse(desk, tx, None, Refusal::NoTicket).await
        }
    }
}

/// The ticket of the forum topic `thread`: known already, or named by the topic's name (which
/// starts with the ticket number), and then remembered.
async fn topic_ticket(desk: &Desk, tx: &mut dyn Tx, message: &DeskMessage, thread: i32) -> anyhow::Result<Option<i64>> {
    if let Some(ticket) = tx.ticket_of_topic(message.chat_id, thread).await? {
        return Ok(Some(ticket.id));
    }
    let Some(number) = message.topic_name.as_deref().and_then(super::topic::number_in_topic_name) else {
        return Ok(None);
    };
    let Some(ticket) = tx.ticket(&number).await? else { return Ok(None) };
    // Only a topic this group was given for the ticket counts.
    if tx.topic_of_ticket(ticket.id).await?.map(|(chat, _)| chat) != Some(message.chat_id) {
        return Ok(None);
    }
    tx.set_ticket_topic(ticket.id, message.chat_id, Some(thread), desk.now()).await?;
    Ok(Some(ticket.id))
}

/// A reason: the message's words, trimmed.
pub(super) fn reason_of(draft: &Draft) -> Option<String> {
    draft.content.text.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned)
}

/// The extension an officer asked for: the statutory limit, or the number of days the reason
/// starts with ("10 awaiting an expert report"), counted in the limit's unit.
pub fn extension_asked(text: &str, limit: Span) -> (Span, String) {
    let text = text.trim();
    let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
    match digits.parse::<u32>() {
        Ok(days) if !digits.is_empty() => {
            let rest = text[digits.len()..].trim_start_matches([' ', ':', '-', '—', ',']).trim();
            let reason = if rest.is_empty() { text.to_owned() } else { rest.to_owned() };
            (Span { days, unit: limit.unit }, reason)
        }
        _ => (limit, text.to_owned()),
    }
}

/// `/queue [mine|unassigned|overdue|soon]`, `/cancel`, and help for anything else.
async fn command(desk: &Desk, tx: &mut dyn Tx, acting: &Acting<'_>, line: &str) -> anyhow::Result<()> {
    let mut words = line.split_whitespace();
    let name = words.next().unwrap_or_default();
    let name = name.split('@').next().unwrap_or(name);
    match name {
        "/queue" => {
            let now = desk.now();
            let filter = match words.next() {
                Some("mine") => QueueFilter::Mine { officer_id: acting.officer.officer.id },
                Some("unassigned") => QueueFilter::Unassigned,
                Some("overdue") => QueueFilter::Overdue { now },
                Some("soon") => QueueFilter::DueSoon { now, until: desk.calendar().due(now, Span::working(2)) },
                _ => QueueFilter::All,
            };
            let tickets = tx.officer_queue(&acting.officer.officer.agency, filter, 30).await?;
            let mut facts = Vec::with_capacity(tickets.len());
            for ticket in &tickets {
                facts.push(card::facts(desk, tx, ticket).await?);
            }
            queue(tx, send(acting.chat_id, dialogs::officer::queue(acting.lang(), &facts))).await
        }
        "/cancel" => {
            set_pending(desk, tx, acting, None).await?;
            acting.say(tx, &OfficerNote::Cancelled).await
        }
        _ => acting.say(tx, &OfficerNote::Help).await,
    }
}

#[cfg(test)]
mod tests {
    use tickets::calendar::DayUnit;

    use super::*;

    #[test]
    fn an_extension_is_the_limit_or_the_days_the_reason_starts_with() {
        let limit = Span { days: 30, unit: DayUnit::Calendar };
        assert_eq!(extension_asked("ждём экспертизу", limit), (limit, "ждём экспертизу".to_owned()));
        let (span, reason) = extension_asked("10 — ждём экспертизу", limit);
        assert_eq!(span, Span { days: 10, unit: DayUnit::Calendar });
        assert_eq!(reason, "ждём экспертизу");
        assert_eq!(extension_asked("45 дней", limit).0.days, 45, "beyond the limit: the lifecycle refuses it");
    }
}
