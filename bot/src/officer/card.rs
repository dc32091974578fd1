//! A ticket's card and where it goes: the agency's forum group when it linked one, else the
//! private chat of each of its active officers. Queued in the caller's transaction, so a card
//! exists exactly when its ticket does.

use chrono::{DateTime, Utc};
use classifier::Agency;
use dialogs::UiLang;
use dialogs::officer::{CardFacts, Due};
use teloxide::types::InlineKeyboardMarkup;
use tickets::desk::Desk;
use tickets::domain::{AgencyCode, AuthorKind, ChatLang, Ticket};
use tickets::store::{BoundOfficer, Tx};

use crate::conversation::ui_lang;
use crate::telegram::handler::{queue, send};
use crate::telegram::outgoing::{Markup, Outgoing};

/// How the conversation records a phone the citizen agreed to share.
const CONSENTED_PHONE: &str = "☎ ";

/// A chat that shows an agency's tickets, and the language it reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeskChat {
    pub chat_id: i64,
    pub lang: UiLang,
}

/// The chats where `agency`'s tickets are shown: its group, else its active officers.
pub async fn desk_chats(tx: &mut dyn Tx, agency: &AgencyCode) -> anyhow::Result<Vec<DeskChat>> {
    let officers = tx.active_officers(agency).await?;
    if let Some(group) = tx.group_of_agency(agency).await? {
        // A group reads the language most of its officers chose; Kyrgyz, the state language, on a tie.
        let ru = officers.iter().filter(|o| o.lang == ChatLang::Ru).count();
        let lang = if ru * 2 > officers.len() { UiLang::Ru } else { UiLang::Ky };
        return Ok(vec![DeskChat { chat_id: group, lang }]);
    }
    Ok(officers.iter().map(private_chat).collect())
}

/// An officer's private chat (its id is the officer's Telegram user id).
pub fn private_chat(officer: &BoundOfficer) -> DeskChat {
    DeskChat { chat_id: officer.officer.telegram_user_id, lang: ui_lang(officer.lang) }
}

/// The agency as the catalogs name it; a local body shows as the function it belongs to.
pub fn agency_label(desk: &Desk, code: &AgencyCode) -> Agency {
    let parent = desk.agencies().get(code).and_then(|a| a.parent.as_ref());
    code.taxonomy_label().or_else(|| parent.and_then(AgencyCode::taxonomy_label)).unwrap_or(Agency::Triage)
}

/// Working days from `now` to `due` (negative when past).
pub fn working_days_left(desk: &Desk, now: DateTime<Utc>, due: DateTime<Utc>) -> i64 {
    let calendar = desk.calendar();
    if due >= now {
        calendar.working_days_between(now, due).floor() as i64
    } else {
        -(calendar.working_days_between(due, now).ceil() as i64)
    }
}

/// What the card of `ticket` shows. Only the ticket's own facts and the citizen's words: never
/// who the citizen is.
pub async fn facts(desk: &Desk, tx: &mut dyn Tx, ticket: &Ticket) -> anyhow::Result<CardFacts> {
    let now = desk.now();
    let calendar = desk.calendar();
    let local = |at: DateTime<Utc>| at.with_timezone(&calendar.timezone()).date_naive();
    let thread = tx.thread(&ticket.number).await?;
    let citizens = thread.iter().filter(|m| m.author == AuthorKind::Citizen);
    let text = citizens.clone().find_map(|m| m.text.clone());
    // The phone a citizen agreed to share is kept as a thread message `☎ <phone>` (see the
    // conversation's effects); never shown for anonymous or corruption reports.
    let shareable = !ticket.anonymous && ticket.kind != classifier::Kind::Corruption;
    let contact = citizens
        .clone()
        .filter(|_| shareable)
        .find_map(|m| m.text.as_deref().and_then(|t| t.strip_prefix(CONSENTED_PHONE)).map(str::to_owned));
    let attachments = citizens.filter(|m| m.media.is_some()).count();
    let path = tx.redirect_path(ticket.id).await?.iter().map(|code| agency_label(desk, code)).collect();
    Ok(CardFacts {
        ticket_id: ticket.id,
        number: ticket.number.to_string(),
        kind: ticket.kind,
        agency: agency_label(desk, &ticket.agency),
        status: dialog_status(ticket.status),
        region: ticket.region.as_deref().and_then(dialogs::Region::from_code),
        first_response: local(ticket.deadlines.first_response),
        resolution: Due {
            date: local(ticket.deadlines.resolution),
            working_days_left: working_days_left(desk, now, ticket.deadlines.resolution),
        },
        text,
        attachments,
        anonymous: ticket.anonymous,
        contact,
        path,
    })
}

/// The ticket status as the dialogue crate names it.
pub fn dialog_status(status: tickets::domain::TicketStatus) -> dialogs::TicketStatus {
    use tickets::domain::TicketStatus as S;
    match status {
        S::New => dialogs::TicketStatus::New,
        S::Assigned => dialogs::TicketStatus::Assigned,
        S::Answered => dialogs::TicketStatus::Answered,
        S::Closed => dialogs::TicketStatus::Closed,
        S::Reopened => dialogs::TicketStatus::Reopened,
        S::Redirected => dialogs::TicketStatus::Redirected,
        S::Withdrawn => dialogs::TicketStatus::Withdrawn,
    }
}

/// Queues the card of `ticket` to `chat` (into forum topic `thread`, if any), with the
/// citizen's attachments after it.
pub async fn send_card(
    desk: &Desk,
    tx: &mut dyn Tx,
    ticket: &Ticket,
    chat: DeskChat,
    thread: Option<i32>,
) -> anyhow::Result<()> {
    let facts = facts(desk, tx, ticket).await?;
    let (text, markup) = text_and_markup(dialogs::officer::card(chat.lang, &facts));
    queue(tx, Outgoing::Card { chat_id: chat.chat_id, thread_id: thread, ticket_id: ticket.id, text, markup }).await?;
    for message in tx.thread(&ticket.number).await? {
        if let (AuthorKind::Citizen, Some(media)) = (message.author, message.media) {
            queue(
                tx,
                Outgoing::SendMedia {
                    chat_id: chat.chat_id,
                    thread_id: thread,
                    kind: media.kind.code().to_owned(),
                    file_id: media.file_id,
                    caption: Some(ticket.number.to_string()),
                },
            )
            .await?;
        }
    }
    Ok(())
}

/// Queues the card of a ticket that just reached its agency (opened or redirected): a new
/// forum topic in the agency's group, or else a card to each active officer.
pub async fn deliver(desk: &Desk, tx: &mut dyn Tx, ticket: &Ticket) -> anyhow::Result<()> {
    let group = tx.group_of_agency(&ticket.agency).await?;
    let chats = desk_chats(tx, &ticket.agency).await?;
    if chats.is_empty() {
        tracing::debug!(agency = %ticket.agency, "no officer or group yet; the ticket waits in the queue");
    }
    for chat in chats {
        if group == Some(chat.chat_id) {
            open_topic(desk, tx, ticket, chat).await?;
        } else {
            send_card(desk, tx, ticket, chat, None).await?;
        }
    }
    Ok(())
}

/// Queues a new topic for `ticket` in the group `chat`, opened by its card and attachments.
async fn open_topic(desk: &Desk, tx: &mut dyn Tx, ticket: &Ticket, chat: DeskChat) -> anyhow::Result<()> {
    let facts = facts(desk, tx, ticket).await?;
    let (text, markup) = text_and_markup(dialogs::officer::card(chat.lang, &facts));
    let media = tx
        .thread(&ticket.number)
        .await?
        .into_iter()
        .filter(|m| m.author == AuthorKind::Citizen)
        .filter_map(|m| m.media.map(|media| (media.kind.code().to_owned(), media.file_id)))
        .collect();
    let name = super::topic::topic_name(&ticket.number, &dialogs::officer::kind_name(chat.lang, ticket.kind));
    tx.set_ticket_topic(ticket.id, chat.chat_id, None, desk.now()).await?;
    let ticket_id = Some(ticket.id);
    queue(tx, Outgoing::OpenTopic { chat_id: chat.chat_id, name, text, markup, media, ticket_id }).await
}

/// A reply's text and inline keyboard, as the Bot API takes them.
pub fn text_and_markup(reply: dialogs::Reply) -> (String, Option<InlineKeyboardMarkup>) {
    match send(0, reply) {
        Outgoing::SendMessage { text, markup: Some(Markup::Inline(markup)), .. } => (text, Some(markup)),
        Outgoing::SendMessage { text, .. } => (text, None),
        _ => (String::new(), None),
    }
}

/// A reply to `chat_id`, into forum topic `thread` when there is one.
pub fn to_chat(chat_id: i64, thread: Option<i32>, reply: dialogs::Reply) -> Outgoing {
    match thread {
        Some(thread_id) => {
            let (text, markup) = text_and_markup(reply);
            Outgoing::SendToTopic { chat_id, thread_id, text, markup }
        }
        None => send(chat_id, reply),
    }
}
