//! The bridge between an agency and a citizen. Officers' answers and questions reach the
//! citizen in the citizen's language frame (attachments by copyMessage, which does not show
//! who sent them); citizens' additions and verdicts reach the agency. The citizen's chat is
//! looked up here and never leaves this file towards an officer: cards and notes carry only the
//! ticket's own facts, so an anonymous reporter stays unknown.

use classifier::Lang;
use dialogs::UiLang;
use dialogs::officer::{AnswerFrame, CitizenNote, DeskButton, OfficerNote};
use tickets::desk::Desk;
use tickets::domain::{
    Actor, AuthorKind, Media, NewMessage, NewRating, RatingTarget, Role, Score, Ticket, TicketStatus,
};
use tickets::lifecycle::{Change, StatusChange};
use tickets::reminders::{NOBODY_RETRY, ReopenEscalation};
use tickets::store::{StoreError, Tx, Verdict};

use super::actions::{self, Acting};
use super::card::{self, DeskChat};
use super::input::{Content, FileRef};
use super::pending::{Draft, Pending};
use crate::conversation::{media_kind, ui_lang};
use crate::telegram::handler::{queue, send};
use crate::telegram::outgoing::Outgoing;

/// How sure the language identification must be before an officer is asked to confirm.
const LANG_CHECK_CONFIDENCE: f32 = 0.75;

/// The citizen's chat and language for `ticket` (`None`: nobody to tell, e.g. a ticket
/// registered from paper).
async fn citizen(tx: &mut dyn Tx, ticket: &Ticket) -> anyhow::Result<Option<(i64, UiLang)>> {
    let Some(chat) = tx.citizen_chat_of(ticket.id).await? else { return Ok(None) };
    let lang = match tx.citizen_by_chat(chat).await? {
        Some(citizen) => ui_lang(citizen.lang),
        None if ticket.lang == Lang::Ky => UiLang::Ky,
        None => UiLang::Ru,
    };
    Ok(Some((chat, lang)))
}

fn agency_message(desk: &Desk, acting: &Acting<'_>, content: &Content) -> NewMessage {
    NewMessage {
        author: AuthorKind::Agency,
        officer_id: Some(acting.officer.officer.id),
        text: content.text.clone().filter(|t| !t.trim().is_empty()),
        media: content.media.as_ref().map(|m| Media { kind: media_kind(m.kind), file_id: m.file_id.clone() }),
        at: desk.now(),
    }
}

/// The language of an answer when the identification is sure of it and it is Kyrgyz or Russian.
fn answer_lang(text: &str) -> Option<UiLang> {
    let guess = classifier::detect_language(text);
    if guess.confidence < LANG_CHECK_CONFIDENCE {
        return None;
    }
    match guess.lang {
        Lang::Ky => Some(UiLang::Ky),
        Lang::Ru => Some(UiLang::Ru),
        Lang::Mixed | Lang::Other => None,
    }
}

fn appeal_lang(ticket: &Ticket) -> Option<UiLang> {
    match ticket.lang {
        Lang::Ky => Some(UiLang::Ky),
        Lang::Ru => Some(UiLang::Ru),
        Lang::Mixed | Lang::Other => None,
    }
}

/// Relays an officer's answer: takes the ticket if nobody had, records the answer, sends it
/// to the citizen with the verdict buttons. Unless `confirmed`, an answer in the other language
/// than the appeal waits for the officer's confirmation first.
pub async fn answer(
    desk: &Desk,
    tx: &mut dyn Tx,
    acting: &Acting<'_>,
    ticket: &Ticket,
    draft: &Draft,
    confirmed: bool,
) -> anyhow::Result<()> {
    if draft.content.is_empty() {
        return acting.refuse(desk, tx, Some(ticket), dialogs::officer::Refusal::EmptyReply).await;
    }
    if !confirmed
        && let (Some(appeal), Some(reply)) = (appeal_lang(ticket), draft.content.text.as_deref().and_then(answer_lang))
        && appeal != reply
    {
        let pending = Pending::ConfirmLang { ticket_id: ticket.id, draft: draft.clone() };
        tx.set_officer_pending(acting.officer.officer.id, Some(&pending.to_json()), desk.now()).await?;
        tx.audit(
            Some(ticket.id),
            acting.actor(),
            "answer_lang_mismatch",
            Some(&format!("appeal={} reply={}", appeal.code(), reply.code())),
            desk.now(),
        )
        .await?;
        let note = OfficerNote::LangCheck { number: ticket.number.to_string(), appeal, reply };
        return acting.say(tx, &note).await;
    }
    let mut current = ticket.clone();
    if matches!(current.status, TicketStatus::New | TicketStatus::Redirected) {
        let assign = Change::Status(StatusChange::Assign { officer_id: acting.officer.officer.id });
        let Some(taken) = actions::change(desk, tx, acting, &current, assign).await? else { return Ok(()) };
        current = taken;
    }
    let Some(answered) = actions::change(desk, tx, acting, &current, Change::Status(StatusChange::Answer)).await?
    else {
        return Ok(());
    };
    tx.add_message(&answered.number, &agency_message(desk, acting, &draft.content)).await?;
    if let Some((chat, lang)) = citizen(tx, &answered).await? {
        let frame = AnswerFrame {
            number: answered.number.to_string(),
            agency: card::agency_label(desk, &answered.agency),
            text: draft.content.text.clone(),
        };
        queue(tx, send(chat, dialogs::officer::answer(lang, &frame))).await?;
        if draft.content.media.is_some() {
            queue(
                tx,
                Outgoing::CopyMessage { chat_id: chat, from_chat_id: draft.chat_id, message_id: draft.message_id },
            )
            .await?;
        }
        let rate = CitizenNote::RateAnswer { ticket_id: answered.id };
        queue(tx, send(chat, dialogs::officer::citizen_note(lang, &rate))).await?;
    }
    acting.say(tx, &OfficerNote::AnswerSent { number: answered.number.to_string() }).await
}

/// Relays an officer's question to the citizen; the ticket stays where it is.
pub async fn ask(
    desk: &Desk,
    tx: &mut dyn Tx,
    acting: &Acting<'_>,
    ticket: &Ticket,
    draft: &Draft,
) -> anyhow::Result<()> {
    let Some(text) = draft.content.text.clone().filter(|t| !t.trim().is_empty()) else {
        return acting.refuse(desk, tx, Some(ticket), dialogs::officer::Refusal::EmptyReply).await;
    };
    tx.add_message(&ticket.number, &agency_message(desk, acting, &draft.content)).await?;
    tx.audit(Some(ticket.id), acting.actor(), "ask", None, desk.now()).await?;
    if let Some((chat, lang)) = citizen(tx, ticket).await? {
        let agency = card::agency_label(desk, &ticket.agency);
        let note = CitizenNote::Question { number: ticket.number.to_string(), agency, text };
        queue(tx, send(chat, dialogs::officer::citizen_note(lang, &note))).await?;
        if draft.content.media.is_some() {
            queue(
                tx,
                Outgoing::CopyMessage { chat_id: chat, from_chat_id: draft.chat_id, message_id: draft.message_id },
            )
            .await?;
        }
    }
    acting.say(tx, &OfficerNote::QuestionSent { number: ticket.number.to_string() }).await
}

/// After a redirect: the citizen sees the whole path, the new agency gets the card.
pub async fn redirected(
    desk: &Desk,
    tx: &mut dyn Tx,
    before: &Ticket,
    moved: &Ticket,
    reason: &str,
) -> anyhow::Result<()> {
    if let Some((chat, lang)) = citizen(tx, moved).await? {
        let path = tx.redirect_path(moved.id).await?.iter().map(|code| card::agency_label(desk, code)).collect();
        let note = CitizenNote::Redirected {
            number: moved.number.to_string(),
            from: card::agency_label(desk, &before.agency),
            to: card::agency_label(desk, &moved.agency),
            reason: reason.to_owned(),
            path,
        };
        queue(tx, send(chat, dialogs::officer::citizen_note(lang, &note))).await?;
    }
    card::deliver(desk, tx, moved).await
}

/// After an extension: the citizen is told the new term and why.
pub async fn extended(desk: &Desk, tx: &mut dyn Tx, ticket: &Ticket, reason: &str) -> anyhow::Result<()> {
    if let Some((chat, lang)) = citizen(tx, ticket).await? {
        let due = ticket.deadlines.resolution.with_timezone(&desk.calendar().timezone()).date_naive();
        let note = CitizenNote::Extended { number: ticket.number.to_string(), due, reason: reason.to_owned() };
        queue(tx, send(chat, dialogs::officer::citizen_note(lang, &note))).await?;
    }
    Ok(())
}

/// A citizen added to their appeal (text or attachment, from "My appeals"): the assignee, or
/// else the agency's desk, gets it inside the caller's transaction.
pub async fn follow_up(
    tx: &mut dyn Tx,
    ticket: &Ticket,
    text: Option<&str>,
    media: Option<&FileRef>,
) -> anyhow::Result<()> {
    let assignee = match ticket.assignee_id {
        Some(id) => tx.officer_by_id(id).await?.filter(|o| o.officer.active && o.officer.agency == ticket.agency),
        None => None,
    };
    let group = tx.group_of_agency(&ticket.agency).await?;
    let chats = match (assignee, group) {
        (_, Some(_)) | (None, None) => card::desk_chats(tx, &ticket.agency).await?,
        (Some(officer), None) => vec![card::private_chat(&officer)],
    };
    // In a group, the ticket's own topic (once Telegram made it).
    let topic = match tx.topic_of_ticket(ticket.id).await? {
        Some((chat, thread)) if Some(chat) == group => thread,
        _ => None,
    };
    let number = ticket.number.to_string();
    for chat in chats {
        let thread = if Some(chat.chat_id) == group { topic } else { None };
        let note = match text.filter(|t| !t.trim().is_empty()) {
            Some(text) => Some(OfficerNote::FollowUp { number: number.clone(), text: text.to_owned() }),
            None => media.map(|_| OfficerNote::FollowUpMedia { number: number.clone() }),
        };
        if let Some(note) = note {
            queue(tx, card::to_chat(chat.chat_id, thread, dialogs::officer::note(chat.lang, &note))).await?;
        }
        if let Some(media) = media {
            queue(
                tx,
                Outgoing::SendMedia {
                    chat_id: chat.chat_id,
                    thread_id: thread,
                    kind: media_kind(media.kind).code().to_owned(),
                    file_id: media.file_id.clone(),
                    caption: Some(number.clone()),
                },
            )
            .await?;
        }
    }
    Ok(())
}

/// A citizen's verdict button under an answer, pressed in `chat_id`. Only the chat that follows
/// the ticket may give one.
pub async fn verdict(desk: &Desk, tx: &mut dyn Tx, chat_id: i64, button: DeskButton) -> anyhow::Result<()> {
    let (DeskButton::Score(id, _) | DeskButton::NotResolved(id) | DeskButton::BrushOff(id)) = button else {
        return Ok(());
    };
    let Some(ticket) = tx.ticket_by_id(id).await? else { return Ok(()) };
    let Some((chat, lang)) = citizen(tx, &ticket).await?.filter(|(chat, _)| *chat == chat_id) else {
        tracing::info!("a verdict button from a chat that does not follow the ticket; ignored");
        return Ok(());
    };
    let number = ticket.number.to_string();
    let say = |note: CitizenNote| send(chat, dialogs::officer::citizen_note(lang, &note));
    if !matches!(ticket.status, TicketStatus::Answered | TicketStatus::Closed) {
        return queue(tx, say(CitizenNote::TooLate { number })).await;
    }
    let verdict = match button {
        DeskButton::Score(_, score) => {
            let score = Score::try_from(i64::from(score))?;
            let rating = NewRating {
                target: RatingTarget::Ticket(ticket.number.clone()),
                score,
                comment: None,
                citizen_id: ticket.citizen_id,
                at: desk.now(),
            };
            tx.add_rating(&rating).await?;
            return queue(tx, say(CitizenNote::Rated)).await;
        }
        DeskButton::BrushOff(_) => Verdict::BrushOff,
        _ => Verdict::NotResolved,
    };
    let reopened = match desk.change_in(tx, &ticket.number, Change::Status(StatusChange::Reopen), Actor::CITIZEN).await
    {
        Ok(reopened) => reopened,
        Err(StoreError::Refused(_)) => return queue(tx, say(CitizenNote::TooLate { number })).await,
        Err(error) => return Err(error.into()),
    };
    tx.record_dispute(ticket.id, &ticket.agency, verdict, desk.now()).await?;
    escalate(desk, tx, &reopened, verdict).await?;
    let note = match verdict {
        Verdict::BrushOff => CitizenNote::BrushOff { number },
        Verdict::NotResolved => CitizenNote::NotResolved { number },
    };
    queue(tx, say(note)).await
}

/// Tells the agency's heads (or, with none, its desk) that a reopened ticket needs them, with
/// its card. When nobody can be told yet (no active head or officer, or all of them blocked the
/// bot), a durable job tries again every hour until someone can: the escalation is never dropped.
async fn escalate(desk: &Desk, tx: &mut dyn Tx, ticket: &Ticket, verdict: Verdict) -> anyhow::Result<()> {
    if escalate_now(desk, tx, ticket, verdict).await? > 0 {
        return Ok(());
    }
    let now = desk.now();
    let waiting = ReopenEscalation { ticket: ticket.number.clone(), verdict };
    tx.enqueue(&waiting.job(now, now + NOBODY_RETRY), now).await?;
    tx.audit(Some(ticket.id), Actor::SYSTEM, "escalate_waiting", Some(&format!("verdict={}", verdict.code())), now)
        .await?;
    tracing::warn!(agency = %ticket.agency, "nobody to escalate a reopened ticket to; it waits");
    Ok(())
}

/// Queues the escalation of a reopened ticket to the agency's heads that did not block the bot,
/// else to its desk (the ticket's topic in a forum group, or the officers' private chats), and
/// audits it; returns how many chats were told (0: nobody could be, nothing written).
pub async fn escalate_now(desk: &Desk, tx: &mut dyn Tx, ticket: &Ticket, verdict: Verdict) -> anyhow::Result<usize> {
    let heads: Vec<DeskChat> = tx
        .active_officers(&ticket.agency)
        .await?
        .iter()
        .filter(|o| o.officer.role == Role::Head)
        .map(card::private_chat)
        .collect();
    let mut chats = reachable(tx, heads).await?;
    if chats.is_empty() {
        let desk_chats = card::desk_chats(tx, &ticket.agency).await?;
        chats = reachable(tx, desk_chats).await?;
    }
    if chats.is_empty() {
        return Ok(0);
    }
    tx.audit(
        Some(ticket.id),
        Actor::SYSTEM,
        "escalate",
        Some(&format!("verdict={} heads={}", verdict.code(), chats.len())),
        desk.now(),
    )
    .await?;
    let group = tx.group_of_agency(&ticket.agency).await?;
    // In the agency's group, into the ticket's own topic (once Telegram made it).
    let topic = match tx.topic_of_ticket(ticket.id).await? {
        Some((chat, thread)) if Some(chat) == group => thread,
        _ => None,
    };
    let number = ticket.number.to_string();
    for chat in &chats {
        let thread = if Some(chat.chat_id) == group { topic } else { None };
        let note = match verdict {
            Verdict::BrushOff => OfficerNote::EscalatedBrushOff { number: number.clone() },
            Verdict::NotResolved => OfficerNote::EscalatedNotResolved { number: number.clone() },
        };
        queue(tx, card::to_chat(chat.chat_id, thread, dialogs::officer::note(chat.lang, &note))).await?;
        card::send_card(desk, tx, ticket, *chat, thread).await?;
    }
    Ok(chats.len())
}

/// The chats of `chats` that did not block the bot.
async fn reachable(tx: &mut dyn Tx, chats: Vec<DeskChat>) -> anyhow::Result<Vec<DeskChat>> {
    let mut open = Vec::with_capacity(chats.len());
    for chat in chats {
        if !tx.chat_blocked(chat.chat_id).await? {
            open.push(chat);
        }
    }
    Ok(open)
}
