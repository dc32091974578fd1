//! Forum topics: one per ticket in an agency's group. The topic's name starts with the ticket
//! number, so a message written in it (Telegram makes it a reply to the topic's first service
//! message, which carries the name) leads back to the ticket even before the bot has seen the
//! topic's id.

use teloxide::RequestError;
use teloxide::prelude::*;
use teloxide::types::{InlineKeyboardMarkup, MessageId, ReplyMarkup, ThreadId};
use tickets::domain::TicketNumber;

use super::media::send_media;

/// Creates the topic and posts the card and the attachments into it.
///
/// A retry after a failure half-way may open a second topic; both lead to the same ticket.
pub async fn open_topic(
    bot: &Bot,
    chat_id: i64,
    name: String,
    text: String,
    markup: Option<InlineKeyboardMarkup>,
    media: Vec<(String, String)>,
) -> Result<(), RequestError> {
    let topic = bot.create_forum_topic(ChatId(chat_id), name).await?;
    let thread = topic.thread_id.0.0;
    send_to_topic(bot, chat_id, thread, text, markup).await?;
    for (kind, file_id) in media {
        send_media(bot, chat_id, Some(thread), &kind, file_id, None).await?;
    }
    Ok(())
}

/// Sends a message into a topic.
pub async fn send_to_topic(
    bot: &Bot,
    chat_id: i64,
    thread_id: i32,
    text: String,
    markup: Option<InlineKeyboardMarkup>,
) -> Result<(), RequestError> {
    let mut request = bot.send_message(ChatId(chat_id), text);
    request.message_thread_id = Some(ThreadId(MessageId(thread_id)));
    request.reply_markup = markup.map(ReplyMarkup::InlineKeyboard);
    request.await.map(|_| ())
}

/// The topic name of a ticket: its number first.
pub fn topic_name(number: &TicketNumber, kind: &str) -> String {
    let name = format!("{number} · {kind}");
    // Telegram allows 128 characters.
    name.chars().take(128).collect()
}

/// The ticket number a topic name starts with.
pub fn number_in_topic_name(name: &str) -> Option<TicketNumber> {
    name.split_whitespace().next()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_topic_name_leads_back_to_its_ticket() {
        let number: TicketNumber = "KR-2026-000123".parse().unwrap();
        let name = topic_name(&number, "жалоба");
        assert_eq!(name, "KR-2026-000123 · жалоба");
        assert_eq!(number_in_topic_name(&name), Some(number));
        assert_eq!(number_in_topic_name("Общий чат"), None);
    }
}
