//! The handler tree: one update in, one committed turn out. Production (the inbox worker) and
//! handler tests (teloxide_tests) drive the same tree built by [`handler_tree`].
//!
//! For each update, in one transaction: keep it in the inbox (a repeat stops here), run the
//! conversation turn, queue the replies in the outbox, mark the update handled. Then the queued
//! replies are delivered at once when the rate limits allow, else by the background sender.

use std::num::NonZeroU32;
use std::sync::Arc;

use dialogs::{Keyboard, Notice, Reply, UiLang};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use teloxide::dispatching::UpdateHandler;
use teloxide::prelude::*;
use teloxide::types::{
    InlineKeyboardButton, InlineKeyboardMarkup, KeyboardButton, KeyboardMarkup, KeyboardRemove, Update, UpdateKind,
};
use tickets::queues::NewOutboxItem;
use tickets::store::{Store, Tx};

use super::convert::{Incoming, incoming};
use super::inbox::inbox_item;
use super::outgoing::{Markup, Outgoing, fit_text};
use super::sender::Sender;
use crate::conversation::{Conversation, ui_lang};

/// What the handler tree needs, shared by every update.
pub struct BotDeps {
    pub store: Arc<dyn Store>,
    pub conversation: Conversation,
    pub sender: Arc<Sender>,
    /// Which bot this is, for the inbox.
    pub bot_id: i64,
    /// `/web` and `/stats`; without them those words go to the citizen dialogue.
    pub web: Option<crate::web_commands::WebCommands>,
    messages: DefaultKeyedRateLimiter<i64>,
    notices: DefaultKeyedRateLimiter<i64>,
}

impl BotDeps {
    /// Dependencies with a per-chat limit of `messages_per_minute`.
    pub fn new(
        store: Arc<dyn Store>,
        conversation: Conversation,
        sender: Arc<Sender>,
        bot_id: i64,
        messages_per_minute: u32,
    ) -> Self {
        let per_minute = Quota::per_minute(NonZeroU32::new(messages_per_minute).unwrap_or(NonZeroU32::MIN));
        Self {
            store,
            conversation,
            sender,
            bot_id,
            web: None,
            messages: RateLimiter::keyed(per_minute),
            // The "slow down" notice itself is sent at most once a minute per chat.
            notices: RateLimiter::keyed(Quota::per_minute(NonZeroU32::MIN)),
        }
    }

    /// Forgets limiter cells of quiet chats; call now and then, or they grow without bound.
    /// These dependencies with `/web` and `/stats`.
    pub fn with_web(mut self, web: crate::web_commands::WebCommands) -> Self {
        self.web = Some(web);
        self
    }

    pub fn tidy(&self) {
        self.messages.retain_recent();
        self.notices.retain_recent();
        self.conversation.tidy();
    }
}

/// The error type of the tree.
pub type HandlerError = Box<dyn std::error::Error + Send + Sync>;

/// The inbox row of the update being handled, when the poller already kept it (`None` in
/// handler tests, where the tree keeps it itself).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InboxId(pub Option<i64>);

/// The handler tree. Its dependencies: the `Bot`, the `Update`, `Arc<BotDeps>` and `InboxId`.
pub fn handler_tree() -> UpdateHandler<HandlerError> {
    dptree::entry().endpoint(|bot: Bot, update: Update, deps: Arc<BotDeps>, inbox: InboxId| async move {
        handle_update(&bot, &deps, &update, inbox.0).await.map_err(HandlerError::from)
    })
}

/// Handles one update; `inbox_id` is its inbox row when the poller already kept it.
pub async fn handle_update(bot: &Bot, deps: &BotDeps, update: &Update, inbox_id: Option<i64>) -> anyhow::Result<()> {
    let desk = deps.conversation.desk();
    let summary = match &deps.web {
        Some(web) => crate::web_commands::prepare(web, desk, update).await?,
        None => None,
    };
    let mut tx = deps.store.begin().await?;
    // What this turn queues is born leased to this process's sender and delivered below, from
    // memory: no claim query, and no other sender can take it meanwhile.
    let (worker, lease_until) = deps.sender.lease(chrono::Utc::now());
    tx.lease_pushes(worker, lease_until);
    let inbox_id = match inbox_id {
        Some(id) => id,
        None => match tx.inbox_insert(&inbox_item(deps.bot_id, update)?).await? {
            Some(id) => id,
            // Delivered before: handled already, or waiting for the worker.
            None => return Ok(()),
        },
    };
    let mut unblocked = None;
    if let (UpdateKind::Message(_) | UpdateKind::CallbackQuery(_), Some(chat)) = (&update.kind, update.chat()) {
        // Whoever writes to the bot (or presses its button) has unblocked it; a 403 had marked
        // the chat blocked. A status change such as "the user blocked the bot" does not count.
        tx.unblock_chat(chat.id.0).await?;
        unblocked = Some(chat.id.0);
    }
    if let Some(web) = &deps.web
        && crate::web_commands::route(web, desk, tx.as_mut(), update, summary.as_ref()).await?
    {
        // `/web` or `/stats`.
    } else if crate::officer::route(desk, tx.as_mut(), update).await? {
        // The officer desk took it (an officer, an agency group, a desk button, an invite).
    } else if let Incoming::Event { origin, event, callback_query_id } = incoming(update) {
        let chat_id = origin.chat_id;
        if let Some(id) = callback_query_id {
            // Answer the button press at once, so the client stops its spinner.
            queue(tx.as_mut(), Outgoing::AnswerCallbackQuery { callback_query_id: id, text: None }).await?;
        }
        if deps.messages.check_key(&chat_id).is_ok() {
            let turn = deps.conversation.handle(tx.as_mut(), chat_id, event).await?;
            for reply in turn.replies {
                queue(tx.as_mut(), send(chat_id, reply)).await?;
            }
            if let Some(menu) = turn.menu {
                let lang = tx.citizen_by_chat(chat_id).await?.map(|c| ui_lang(c.lang)).unwrap_or(UiLang::Ru);
                queue(
                    tx.as_mut(),
                    Outgoing::SetChatCommands { chat_id, lang: lang_code(lang), commands: menu_pairs(menu) },
                )
                .await?;
            }
        } else if deps.notices.check_key(&chat_id).is_ok() {
            let lang = tx.citizen_by_chat(chat_id).await?.map(|c| ui_lang(c.lang));
            queue(tx.as_mut(), send(chat_id, dialogs::notice(lang, Notice::SlowDown))).await?;
        } else {
            tracing::debug!(chat_id, "dropped: over the message limit");
        }
    }
    if !tx.inbox_handled(inbox_id, chrono::Utc::now()).await? {
        // Another replica handled this update first; dropping the transaction undoes this turn.
        tracing::debug!(inbox_id, "update already handled by another process");
        return Ok(());
    }
    let replies = tx.take_leased().await?;
    // The marks of replies delivered after earlier turns go in this transaction: no write of
    // their own (see `SentMarks`).
    let marks = deps.sender.take_sent();
    let committed = async {
        if !marks.is_empty() {
            tx.outbox_sent_many(&marks, chrono::Utc::now()).await?;
        }
        tx.commit().await
    }
    .await;
    if committed.is_err() {
        deps.sender.restore_sent(marks);
    }
    committed?;
    // Deliver what this turn queued now, within the limits; what cannot go now is deferred to
    // the background sender, and after a failure here the lease runs out and it retries.
    if let Err(error) = deps.sender.send_items(bot, replies, unblocked).await {
        tracing::warn!(error = %format!("{error:#}"), "immediate delivery failed; the sender will retry");
    }
    Ok(())
}

/// Queues `call` in the outbox, inside the caller's transaction.
pub async fn queue(tx: &mut dyn Tx, call: Outgoing) -> anyhow::Result<()> {
    let item = NewOutboxItem {
        chat_id: call.chat_id(),
        method: call.method().to_owned(),
        payload: serde_json::to_string(&call)?,
        not_before: chrono::Utc::now(),
    };
    tx.outbox_push(&item, chrono::Utc::now()).await?;
    Ok(())
}

fn lang_code(lang: UiLang) -> String {
    match lang {
        UiLang::Ky => "ky".into(),
        UiLang::Ru => "ru".into(),
    }
}

fn menu_pairs(menu: Vec<dialogs::MenuCommand>) -> Vec<(String, String)> {
    menu.into_iter().map(|m| (m.command, m.description)).collect()
}

/// A reply as a `sendMessage` call.
pub fn send(chat_id: i64, reply: Reply) -> Outgoing {
    let markup = match reply.keyboard {
        Keyboard::None => None,
        Keyboard::Inline(rows) => Some(Markup::Inline(InlineKeyboardMarkup::new(rows.into_iter().map(|row| {
            row.into_iter()
                .map(|button| InlineKeyboardButton::callback(button.label, button.data.as_str().to_owned()))
                .collect::<Vec<_>>()
        })))),
        Keyboard::RequestLocation { label } => Some(Markup::Reply(
            KeyboardMarkup::new([[KeyboardButton::new(label).request(teloxide::types::ButtonRequest::Location)]])
                .one_time_keyboard()
                .resize_keyboard(),
        )),
        Keyboard::RequestContact { label } => Some(Markup::Reply(
            KeyboardMarkup::new([[KeyboardButton::new(label).request(teloxide::types::ButtonRequest::Contact)]])
                .one_time_keyboard()
                .resize_keyboard(),
        )),
        Keyboard::Remove => Some(Markup::Remove(KeyboardRemove::new())),
    };
    Outgoing::SendMessage { chat_id, text: fit_text(&reply.text), markup }
}
