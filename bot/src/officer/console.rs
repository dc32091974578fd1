//! The web console's officer actions, run by the same code as the Telegram desk buttons: the
//! same lifecycle, refusals, audit entries and bridge to the citizen (language frame, sealed
//! channel, outbox). The officer acts as from their private chat, so the desk's notes ("answer
//! sent", a refusal) also reach them in Telegram, and a pending question there stays coherent.

use std::sync::Mutex;

use admin::console::{ActionError, ActionOutcome, DeskAction, OfficerActions};
use async_trait::async_trait;
use chrono::Duration;
use dialogs::officer::{OfficerNote, Refusal};
use tickets::desk::Desk;
use tickets::domain::{Actor, AgencyCode, Role};
use tickets::lifecycle::{Change, StatusChange};
use tickets::store::{NewInvite, Tx};

use super::actions::{self, Acting};
use super::input::Content;
use super::pending::{Draft, Pending};
use super::{InviteToken, bridge, card};

/// The officer desk for the web console.
// Built by crate::console_state, which serve mounts once its HTTP server is merged.
#[cfg_attr(not(test), allow(dead_code))]
#[derive(Clone)]
pub struct ConsoleDesk {
    desk: Desk,
    /// The bot's username, for invite links.
    bot_username: String,
}

#[cfg_attr(not(test), allow(dead_code))]
impl ConsoleDesk {
    pub fn new(desk: Desk, bot_username: &str) -> Self {
        Self { desk, bot_username: bot_username.trim_start_matches('@').to_owned() }
    }

    async fn run(&self, officer_id: i64, ticket_id: i64, action: DeskAction) -> anyhow::Result<ActionOutcome> {
        let desk = &self.desk;
        let mut tx = desk.store().begin().await?;
        let Some(officer) = tx.officer_by_id(officer_id).await? else {
            return Ok(ActionOutcome::Refused("not_officer".to_owned()));
        };
        let refused = Mutex::new(None);
        // An officer's private chat is their Telegram user id.
        let acting = Acting {
            officer: &officer,
            chat_id: officer.officer.telegram_user_id,
            thread_id: None,
            refused: Some(&refused),
        };
        if !officer.officer.active {
            super::refuse_disabled(desk, tx.as_mut(), &acting).await?;
            tx.commit().await?;
            return Ok(ActionOutcome::Refused("disabled".to_owned()));
        }
        let mut confirm = false;
        match action {
            DeskAction::Take => {
                if let Some(ticket) = actions::open_ticket(desk, tx.as_mut(), &acting, ticket_id).await? {
                    let assign = Change::Status(StatusChange::Assign { officer_id });
                    if let Some(taken) = actions::change(desk, tx.as_mut(), &acting, &ticket, assign).await? {
                        acting.say(tx.as_mut(), &OfficerNote::Taken { number: taken.number.to_string() }).await?;
                    }
                }
            }
            DeskAction::Close => {
                if let Some(ticket) = actions::own_ticket(desk, tx.as_mut(), &acting, ticket_id).await? {
                    let close = Change::Status(StatusChange::Close);
                    if let Some(closed) = actions::change(desk, tx.as_mut(), &acting, &ticket, close).await? {
                        acting.say(tx.as_mut(), &OfficerNote::Closed { number: closed.number.to_string() }).await?;
                    }
                }
            }
            DeskAction::Reply { text, confirm_lang } => {
                if let Some(ticket) = actions::open_ticket(desk, tx.as_mut(), &acting, ticket_id).await? {
                    // Whatever the officer was asked in Telegram is superseded by this answer.
                    actions::set_pending(desk, tx.as_mut(), &acting, None).await?;
                    let draft = Draft {
                        content: Content { text: Some(text), media: None },
                        chat_id: acting.chat_id,
                        message_id: 0,
                    };
                    if confirm_lang {
                        tx.audit(Some(ticket.id), acting.actor(), "answer_lang_confirmed", None, desk.now()).await?;
                    }
                    bridge::answer(desk, tx.as_mut(), &acting, &ticket, &draft, confirm_lang).await?;
                    let pending = tx.officer_pending(officer_id).await?;
                    confirm = matches!(
                        pending.as_deref().and_then(Pending::parse),
                        Some(Pending::ConfirmLang { ticket_id: waiting, .. }) if waiting == ticket.id
                    );
                }
            }
            DeskAction::Redirect { to, reason } => {
                if let Some(ticket) = actions::open_ticket(desk, tx.as_mut(), &acting, ticket_id).await? {
                    redirect(desk, tx.as_mut(), &acting, &ticket, to, reason.trim()).await?;
                }
            }
            DeskAction::Extend { reason } => {
                if let Some(ticket) = actions::open_ticket(desk, tx.as_mut(), &acting, ticket_id).await? {
                    extend(desk, tx.as_mut(), &acting, &ticket, reason.trim()).await?;
                }
            }
        }
        let refusal = refused.lock().ok().and_then(|mut slot| slot.take());
        tx.commit().await?;
        Ok(match refusal {
            Some(code) => ActionOutcome::Refused(code.to_owned()),
            None if confirm => ActionOutcome::ConfirmLanguage,
            None => ActionOutcome::Done,
        })
    }
}

#[cfg_attr(not(test), allow(dead_code))]
/// Redirect with the checks the Telegram buttons make before asking for the reason.
async fn redirect(
    desk: &Desk,
    tx: &mut dyn Tx,
    acting: &Acting<'_>,
    ticket: &tickets::domain::Ticket,
    to: AgencyCode,
    reason: &str,
) -> anyhow::Result<()> {
    if desk.agencies().get(&to).is_none() {
        return acting.refuse(desk, tx, Some(ticket), Refusal::UnknownAgency).await;
    }
    if to == ticket.agency {
        return acting.refuse(desk, tx, Some(ticket), Refusal::SameAgency).await;
    }
    if reason.is_empty() {
        return acting.refuse(desk, tx, Some(ticket), Refusal::ReasonRequired).await;
    }
    let change = Change::Status(StatusChange::Redirect { to: to.clone(), reason: reason.to_owned() });
    let Some(moved) = actions::change(desk, tx, acting, ticket, change).await? else { return Ok(()) };
    let agency = card::agency_label(desk, &to);
    acting.say(tx, &OfficerNote::Redirected { number: moved.number.to_string(), agency }).await?;
    bridge::redirected(desk, tx, ticket, &moved, reason).await
}

#[cfg_attr(not(test), allow(dead_code))]
/// Extend with the checks the Telegram buttons make before asking for the reason.
async fn extend(
    desk: &Desk,
    tx: &mut dyn Tx,
    acting: &Acting<'_>,
    ticket: &tickets::domain::Ticket,
    text: &str,
) -> anyhow::Result<()> {
    if ticket.extension.is_some() {
        let refusal = Refusal::AlreadyExtended { number: ticket.number.to_string() };
        return acting.refuse(desk, tx, Some(ticket), refusal).await;
    }
    if text.is_empty() {
        return acting.refuse(desk, tx, Some(ticket), Refusal::ReasonRequired).await;
    }
    let (span, reason) = actions::extension_asked(text, actions::extension_limit(desk, ticket));
    let change = Change::Extend { span, reason: reason.clone() };
    let Some(extended) = actions::change(desk, tx, acting, ticket, change).await? else { return Ok(()) };
    let due = extended.deadlines.resolution.with_timezone(&desk.calendar().timezone()).date_naive();
    acting.say(tx, &OfficerNote::Extended { number: extended.number.to_string(), due }).await?;
    bridge::extended(desk, tx, &extended, &reason).await
}

#[async_trait]
impl OfficerActions for ConsoleDesk {
    async fn act(&self, officer_id: i64, ticket_id: i64, action: DeskAction) -> Result<ActionOutcome, ActionError> {
        Ok(self.run(officer_id, ticket_id, action).await?)
    }

    async fn create_invite(
        &self,
        by: i64,
        agency: &AgencyCode,
        role: Role,
        valid_days: u32,
    ) -> Result<String, ActionError> {
        let token = InviteToken::generate();
        let hash = token.hash();
        let now = self.desk.now();
        let mut tx = self.desk.store().begin().await?;
        let invite = NewInvite {
            token_hash: &hash,
            agency,
            role,
            created_at: now,
            expires_at: now + Duration::days(i64::from(valid_days)),
        };
        let id = tx.create_invite(&invite).await?;
        let detail = format!("agency={agency} role={role} invite={id} via=console");
        tx.audit(None, Actor::officer(by), "officer_invited", Some(&detail), now).await?;
        tx.commit().await?;
        Ok(token.link(&self.bot_username))
    }
}
