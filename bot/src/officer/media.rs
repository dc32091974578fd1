//! Sending an attachment again by its Telegram file id (the outbox's `SendMedia`), optionally
//! into a forum topic.

use teloxide::RequestError;
use teloxide::prelude::*;
use teloxide::types::{FileId, InputFile, MessageId, ThreadId};

/// Sends the file `file_id` of `kind` to `chat_id` (in topic `thread`); an unknown kind goes as
/// a document.
pub async fn send_media(
    bot: &Bot,
    chat_id: i64,
    thread: Option<i32>,
    kind: &str,
    file_id: String,
    caption: Option<String>,
) -> Result<(), RequestError> {
    let chat = ChatId(chat_id);
    let file = InputFile::file_id(FileId(file_id));
    let thread = thread.map(|t| ThreadId(MessageId(t)));
    match kind {
        "photo" => {
            let mut request = bot.send_photo(chat, file);
            request.caption = caption;
            request.message_thread_id = thread;
            request.await.map(|_| ())
        }
        "voice" => {
            let mut request = bot.send_voice(chat, file);
            request.caption = caption;
            request.message_thread_id = thread;
            request.await.map(|_| ())
        }
        "video" => {
            let mut request = bot.send_video(chat, file);
            request.caption = caption;
            request.message_thread_id = thread;
            request.await.map(|_| ())
        }
        "audio" => {
            let mut request = bot.send_audio(chat, file);
            request.caption = caption;
            request.message_thread_id = thread;
            request.await.map(|_| ())
        }
        "video_note" => {
            let mut request = bot.send_video_note(chat, file);
            request.message_thread_id = thread;
            request.await.map(|_| ())
        }
        _ => {
            let mut request = bot.send_document(chat, file);
            request.caption = caption;
            request.message_thread_id = thread;
            request.await.map(|_| ())
        }
    }
}
