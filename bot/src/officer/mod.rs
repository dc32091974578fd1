//! The officer desk on Telegram: invites, ticket cards for agencies, officer actions and the
//! bridge between officers and citizens. Texts come from `dialogs::officer`.
//!
//! [`route`] is the one hook of the handler tree: it takes an update when it is an invite
//! `/start`, a desk button, a message from an officer, or a message in an agency's group, and
//! leaves everything else to the citizen dialogue.

mod actions;
mod bridge;
mod card;
mod console;
mod input;
mod invite;
mod media;
mod pending;
mod topic;

#[cfg(test)]
mod tests;

use anyhow::Context;
use dialogs::UiLang;
use dialogs::officer::OfficerNote;
use teloxide::types::Update;
use tickets::desk::Desk;
use tickets::domain::{Actor, ChatLang, Role, TicketNumber};
use tickets::store::{Redemption, Tx};

pub use bridge::{escalate_now, follow_up};
pub use console::ConsoleDesk;
pub use input::FileRef;
pub use invite::InviteToken;
pub use media::send_media;
pub use topic::{open_topic, send_to_topic};

use actions::Acting;
use input::DeskInput;

use crate::telegram::handler::{queue, send};
use crate::telegram::outgoing::Outgoing;

/// Handles `update` if it belongs to the officer desk, inside `tx`; `false` leaves it to the
/// citizen dialogue.
pub async fn route(desk: &Desk, tx: &mut dyn Tx, update: &Update) -> anyhow::Result<bool> {
    let Some(input) = input::read(update) else { return Ok(false) };
    match input {
        DeskInput::Invite { chat_id, user_id, language_code, payload } => {
            redeem(desk, tx, chat_id, user_id, language_code.as_deref(), &payload).await?;
            Ok(true)
        }
        DeskInput::Button { chat_id, user_id, message_id, thread_id, query_id, button } => {
            queue(tx, Outgoing::AnswerCallbackQuery { callback_query_id: query_id, text: None }).await?;
            if button.is_citizens() {
                bridge::verdict(desk, tx, chat_id, button).await?;
                return Ok(true);
            }
            let Some(officer) = tx.officer_by_user(user_id).await? else {
                tx.audit(None, Actor::SYSTEM, "officer_refused", Some("reason=not_officer"), desk.now()).await?;
                return Ok(true);
            };
            let acting = Acting { officer: &officer, chat_id, thread_id, refused: None };
            if !officer.officer.active {
                return refuse_disabled(desk, tx, &acting).await.map(|()| true);
            }
            actions::button(desk, tx, &acting, message_id, button).await?;
            Ok(true)
        }
        DeskInput::Message(message) if message.private => {
            let Some(officer) = tx.officer_by_user(message.user_id).await? else { return Ok(false) };
            let acting = Acting { officer: &officer, chat_id: message.chat_id, thread_id: None, refused: None };
            if !officer.officer.active {
                return refuse_disabled(desk, tx, &acting).await.map(|()| true);
            }
            actions::message(desk, tx, &acting, &message).await?;
            Ok(true)
        }
        DeskInput::Message(message) => {
            let Some(agency) = tx.agency_of_group(message.chat_id).await? else { return Ok(false) };
            let officer = tx.officer_by_user(message.user_id).await?;
            match officer {
                Some(officer) if officer.officer.agency == agency && officer.officer.active => {
                    let acting = Acting {
                        officer: &officer,
                        chat_id: message.chat_id,
                        thread_id: message.thread_id,
                        refused: None,
                    };
                    actions::message(desk, tx, &acting, &message).await?;
                }
                Some(officer) if officer.officer.agency == agency => {
                    let acting = Acting {
                        officer: &officer,
                        chat_id: message.chat_id,
                        thread_id: message.thread_id,
                        refused: None,
                    };
                    refuse_disabled(desk, tx, &acting).await?;
                }
                _ => {
                    // Someone who is not (this agency's) officer: the group is told, nothing is relayed.
                    let detail = format!("reason=unknown_user agency={agency}");
                    tx.audit(None, Actor::SYSTEM, "officer_refused", Some(&detail), desk.now()).await?;
                    let lang = card::desk_chats(tx, &agency).await?.first().map_or(UiLang::Ky, |c| c.lang);
                    let note = dialogs::officer::note(lang, &OfficerNote::GroupUnknownUser);
                    queue(tx, send(message.chat_id, note)).await?;
                }
            }
            Ok(true)
        }
    }
}

async fn refuse_disabled(desk: &Desk, tx: &mut dyn Tx, acting: &Acting<'_>) -> anyhow::Result<()> {
    tx.audit(None, acting.actor(), "officer_refused", Some("reason=disabled"), desk.now()).await?;
    acting.say(tx, &OfficerNote::Disabled).await
}

/// `/start inv_…`: binds the Telegram user with the invite, or says why not (audited).
async fn redeem(
    desk: &Desk,
    tx: &mut dyn Tx,
    chat_id: i64,
    user_id: i64,
    language_code: Option<&str>,
    payload: &str,
) -> anyhow::Result<()> {
    let lang = if language_code.is_some_and(|code| code.starts_with("ky")) { ChatLang::Ky } else { ChatLang::Ru };
    let ui = crate::conversation::ui_lang(lang);
    let redemption = match InviteToken::from_start_payload(payload) {
        Some(token) => {
            tx.redeem_invite(&token.hash(), user_id, lang, desk.now()).await.context("redeeming an invite")?
        }
        None => Redemption::Unknown,
    };
    let note = match redemption {
        Redemption::Bound(officer) => {
            let agency = card::agency_label(desk, &officer.officer.agency);
            let note = OfficerNote::Bound { agency, head: officer.officer.role == Role::Head };
            queue(tx, send(chat_id, dialogs::officer::note(crate::conversation::ui_lang(officer.lang), &note))).await?;
            return Ok(());
        }
        Redemption::Unknown => ("unknown", OfficerNote::InviteUnknown),
        Redemption::Used => ("used", OfficerNote::InviteUsed),
        Redemption::Expired => ("expired", OfficerNote::InviteExpired),
    };
    tracing::info!(reason = note.0, "an invite was refused");
    tx.audit(None, Actor::SYSTEM, "invite_refused", Some(&format!("reason={}", note.0)), desk.now()).await?;
    queue(tx, send(chat_id, dialogs::officer::note(ui, &note.1))).await
}

/// A ticket just opened (by its number): its card goes to the agency inside the caller's
/// transaction, so the ticket and its card commit together.
pub async fn deliver_opened(desk: &Desk, tx: &mut dyn Tx, number: &str) -> anyhow::Result<()> {
    let number: TicketNumber = number.parse()?;
    let ticket =
        tx.ticket(&number).await?.with_context(|| format!("ticket {number} vanished in its own transaction"))?;
    card::deliver(desk, tx, &ticket).await
}
