//! Delivering ticket cards and recording what Telegram made of them: the message id of each card
//! (so a reply to it finds its ticket at once, before any button is pressed) and the thread id
//! of each ticket's forum topic, recorded the moment the topic exists, so that a retry after a
//! failed card send reuses the topic instead of opening a second one.

use chrono::Utc;
use teloxide::RequestError;
use teloxide::prelude::*;
use teloxide::types::{ChatId, InlineKeyboardMarkup, MessageId, ReplyMarkup, ThreadId};
use tickets::store::Store;

/// Sends a ticket's card (into forum topic `thread`, if any) and remembers its message id.
pub async fn send_card(
    bot: &Bot,
    store: &dyn Store,
    chat_id: i64,
    thread: Option<i32>,
    ticket_id: i64,
    text: String,
    markup: Option<InlineKeyboardMarkup>,
) -> Result<(), RequestError> {
    let message_id = send_text(bot, chat_id, thread, text, markup).await?;
    remember(store, chat_id, message_id, ticket_id).await;
    Ok(())
}

/// A ticket's forum topic to open: its name, the card and the attachments to send into it.
pub struct NewTopic {
    pub chat_id: i64,
    pub ticket_id: i64,
    pub name: String,
    pub text: String,
    pub markup: Option<InlineKeyboardMarkup>,
    pub media: Vec<(String, String)>,
}

/// Opens the ticket's topic (or finds the one an earlier attempt opened), then sends the card
/// and the attachments into it.
pub async fn open_topic(bot: &Bot, store: &dyn Store, topic: NewTopic) -> Result<(), RequestError> {
    let NewTopic { chat_id, ticket_id, name, text, markup, media } = topic;
    let thread = match known_topic(store, chat_id, ticket_id).await {
        Some(thread) => thread,
        None => {
            let topic = bot.create_forum_topic(ChatId(chat_id), name).await?;
            let thread = topic.thread_id.0.0;
            if let Err(error) = record_topic(store, chat_id, ticket_id, thread).await {
                // The topic exists but is not recorded: a retry would open another one, and
                // officers' messages there are matched by the topic's name instead.
                tracing::error!(ticket_id, error = %format!("{error:#}"), "cannot record a new forum topic");
            }
            thread
        }
    };
    send_card(bot, store, chat_id, Some(thread), ticket_id, text, markup).await?;
    for (kind, file_id) in media {
        crate::officer::send_media(bot, chat_id, Some(thread), &kind, file_id, None).await?;
    }
    Ok(())
}

/// The thread of the ticket's topic in `chat_id`, when Telegram already made it.
async fn known_topic(store: &dyn Store, chat_id: i64, ticket_id: i64) -> Option<i32> {
    let found = async {
        let mut tx = store.begin().await?;
        let topic = tx.topic_of_ticket(ticket_id).await?;
        tx.commit().await?;
        anyhow::Ok(topic)
    };
    match found.await {
        Ok(Some((chat, Some(thread)))) if chat == chat_id => Some(thread),
        Ok(_) => None,
        Err(error) => {
            tracing::warn!(ticket_id, error = %format!("{error:#}"), "cannot read a ticket's topic");
            None
        }
    }
}

async fn record_topic(store: &dyn Store, chat_id: i64, ticket_id: i64, thread: i32) -> anyhow::Result<()> {
    let mut tx = store.begin().await?;
    tx.set_ticket_topic(ticket_id, chat_id, Some(thread), Utc::now()).await?;
    tx.commit().await?;
    Ok(())
}

/// Records that `message_id` shows the ticket. The card is out either way: a failure here only
/// means a reply to it is matched by its buttons, as before the card was recorded.
async fn remember(store: &dyn Store, chat_id: i64, message_id: i32, ticket_id: i64) {
    let recorded = async {
        let mut tx = store.begin().await?;
        tx.remember_card(chat_id, message_id, ticket_id).await?;
        tx.commit().await?;
        anyhow::Ok(())
    };
    if let Err(error) = recorded.await {
        tracing::warn!(ticket_id, error = %format!("{error:#}"), "cannot record a card's message id");
    }
}

/// Sends `text` (into topic `thread`, if any); returns the message id.
pub async fn send_text(
    bot: &Bot,
    chat_id: i64,
    thread: Option<i32>,
    text: String,
    markup: Option<InlineKeyboardMarkup>,
) -> Result<i32, RequestError> {
    let mut request = bot.send_message(ChatId(chat_id), text);
    request.message_thread_id = thread.map(|t| ThreadId(MessageId(t)));
    request.reply_markup = markup.map(ReplyMarkup::InlineKeyboard);
    Ok(request.await?.id.0)
}
