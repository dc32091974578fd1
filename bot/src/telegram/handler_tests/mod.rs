//! Handler tests: the production handler tree driven by teloxide_tests' mock bot, every flow in
//! both languages, including bad input. Each test body runs once per language ([`Lang::ALL`]);
//! texts are compared with the catalogs ([`catalog`]) and effects with the database. Whole
//! conversations with the real binary and the fake Bot API are in `tests/tests/`.
//!
//! teloxide_tests allows one mock bot at a time (a global lock): a test that plays both languages
//! drops the first [`Chat`] before it opens the second.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod account;
mod bad_input;
mod catalog;
mod complaint;
mod corruption;
mod my_appeals;
mod rating;
mod start;

use std::sync::Arc;

use teloxide::prelude::*;
use teloxide::types::{InlineKeyboardButtonKind, User};
use teloxide_tests::{IntoUpdate, MockBot, MockCallbackQuery, MockMessageText, MockUser};
use tickets::clock::SystemClock;
use tickets::desk::Desk;
use tickets::domain::Ticket;
use tickets::store::{SqliteStore, Store};

use super::handler::{BotDeps, InboxId, handler_tree};
use super::sender::{Sender, SenderConfig};
use crate::conversation::Conversation;
use crate::settings::Settings;
pub(crate) use catalog::{head, render, t};

/// A citizen's language, as Telegram reports it and as the bot answers in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lang {
    Ky,
    Ru,
}

impl Lang {
    pub(crate) const ALL: [Lang; 2] = [Lang::Ky, Lang::Ru];

    pub(crate) fn code(self) -> &'static str {
        match self {
            Lang::Ky => "ky",
            Lang::Ru => "ru",
        }
    }
}

/// The store and the handler's dependencies, on a fresh SQLite file.
pub(crate) struct Harness {
    pub(crate) deps: Arc<BotDeps>,
    pub(crate) store: Arc<dyn Store>,
    /// A second pool on the same file, for what the store's API does not read back (ratings,
    /// routing choices, sealed channels).
    pub(crate) db: sqlx::SqlitePool,
    _dir: tempfile::TempDir,
}

/// Limits for a harness.
#[derive(Clone, Copy)]
pub(crate) struct Limits {
    pub(crate) messages_per_minute: u32,
    pub(crate) appeals_per_hour: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Self { messages_per_minute: 100, appeals_per_hour: 5 }
    }
}

/// What every handler-test harness starts from: a fresh, migrated SQLite file with the configured
/// agencies, a desk on the system clock, and a sender without pacing.
pub(crate) struct Parts {
    pub(crate) store: Arc<dyn Store>,
    pub(crate) desk: Desk,
    pub(crate) loaded: crate::settings::Loaded,
    pub(crate) sender: Arc<Sender>,
    /// A second pool on the same file, for what the store's API does not read back.
    pub(crate) db: sqlx::SqlitePool,
    pub(crate) dir: tempfile::TempDir,
}

pub(crate) async fn parts() -> Parts {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("k.db").display());
    let store: Arc<dyn Store> = Arc::new(SqliteStore::connect(&url, 4).await.unwrap());
    store.migrate().await.unwrap();
    let loaded = Settings::load(None, &[]).unwrap();
    store.sync_agencies(&loaded.agencies).await.unwrap();
    let desk = Desk::new(
        store.clone(),
        loaded.agencies.clone(),
        loaded.calendar.clone(),
        Arc::new(SystemClock),
        chrono::Duration::days(30),
    );
    // No pacing in handler tests: each dispatch must see its own replies at once. (The limits
    // themselves are the sender's business and are tested with the fake Bot API.)
    let config = SenderConfig { per_second: 10_000, per_chat_per_second: 10_000, ..SenderConfig::default() };
    let sender = Arc::new(Sender::new(Bot::new("0:unused"), store.clone(), config, "test".into()));
    let db = sqlx::SqlitePool::connect(&url).await.unwrap();
    Parts { store, desk, loaded, sender, db, dir }
}

pub(crate) async fn harness(limits: Limits) -> Harness {
    let Parts { store, desk, sender, db, dir, .. } = parts().await;
    let conversation = Conversation::new(desk, limits.appeals_per_hour);
    let deps = Arc::new(BotDeps::new(store.clone(), conversation, sender, 1, limits.messages_per_minute));
    Harness { deps, store, db, _dir: dir }
}

pub(crate) type Mock = MockBot<super::handler::HandlerError, teloxide_tests::mock_bot::DistributionKey>;

/// One citizen in a private chat with the bot, through the mock Bot API.
pub(crate) struct Chat {
    pub(crate) h: Harness,
    pub(crate) bot: Mock,
    /// The language the bot is expected to answer in.
    pub(crate) lang: Lang,
    user: User,
}

/// The citizen's chat (teloxide_tests' private chat is the user's id).
pub(crate) const CHAT_ID: i64 = MockUser::ID as i64;

impl Chat {
    /// A chat whose Telegram client reports `language_code` (or none); nothing sent yet. `lang`
    /// is the language the replies are expected in once it is known.
    pub(crate) async fn with(language_code: Option<&str>, lang: Lang, limits: Limits) -> Self {
        let h = harness(limits).await;
        let mut user = MockUser::new();
        user.language_code = language_code.map(str::to_owned);
        let user = user.build();
        let mut bot = MockBot::new(MockMessageText::new().text("/start").from(user.clone()), handler_tree());
        bot.dependencies(dptree::deps![h.deps.clone(), InboxId(None)]);
        Self { h, bot, lang, user }
    }

    /// A chat in `lang` after `/start`.
    pub(crate) async fn started(lang: Lang) -> Self {
        let mut chat = Self::with(Some(lang.code()), lang, Limits::default()).await;
        chat.say("/start").await;
        assert!(chat.said("welcome"), "{:?}", chat.texts());
        chat
    }

    /// The citizen's Telegram user.
    pub(crate) fn user(&self) -> User {
        self.user.clone()
    }

    /// Delivers `update` through the handler tree; the replies are in [`Chat::texts`].
    pub(crate) async fn send<T: IntoUpdate>(&mut self, update: T) {
        self.bot.update(update);
        self.bot.dispatch().await;
    }

    /// A text message (or command).
    pub(crate) async fn say(&mut self, text: &str) {
        let message = MockMessageText::new().text(text).from(self.user());
        self.send(message).await;
    }

    /// Presses the button with this callback data, under some earlier bot message.
    pub(crate) async fn press_data(&mut self, data: &str) {
        let query = MockCallbackQuery::new()
            .data(data.to_owned())
            .from(self.user())
            .message(MockMessageText::new().text("…").build());
        self.send(query).await;
    }

    /// Presses the button labelled as catalog message `id` says, on the last replies.
    pub(crate) async fn press(&mut self, id: &str) {
        self.press_label(&t(self.lang, id)).await;
    }

    /// Presses the button labelled exactly `label` on the last replies.
    pub(crate) async fn press_label(&mut self, label: &str) {
        let data = self.button(label).unwrap_or_else(|| panic!("no button `{label}` in {:?}", self.keyboards()));
        self.press_data(&data).await;
    }

    /// Presses `id` if the last replies offer it; says whether they did.
    pub(crate) async fn press_if_offered(&mut self, id: &str) -> bool {
        match self.button(&t(self.lang, id)) {
            Some(data) => {
                self.press_data(&data).await;
                true
            }
            None => false,
        }
    }

    /// The texts the bot sent in answer to the last update.
    pub(crate) fn texts(&self) -> Vec<String> {
        self.bot.get_responses().sent_messages.iter().filter_map(|m| m.text().map(str::to_owned)).collect()
    }

    /// Whether the last answer includes catalog message `id` exactly.
    pub(crate) fn said(&self, id: &str) -> bool {
        let expected = t(self.lang, id);
        self.texts().contains(&expected)
    }

    /// Whether some text of the last answer contains `needle`.
    pub(crate) fn saw(&self, needle: &str) -> bool {
        self.texts().iter().any(|text| text.contains(needle))
    }

    /// Whether the last answer includes a message that starts like catalog message `id`.
    pub(crate) fn said_head(&self, id: &str) -> bool {
        let head = head(self.lang, id);
        self.texts().iter().any(|text| text.starts_with(&head))
    }

    /// Inline button labels of the last answer.
    pub(crate) fn keyboards(&self) -> Vec<String> {
        self.buttons().into_iter().map(|(label, _)| label).collect()
    }

    /// Inline buttons (label, data) of the last answer, newest message first.
    pub(crate) fn buttons(&self) -> Vec<(String, String)> {
        let mut found = vec![];
        for message in self.bot.get_responses().sent_messages.iter().rev() {
            for row in message.reply_markup().map(|m| m.inline_keyboard.clone()).unwrap_or_default() {
                for button in row {
                    if let InlineKeyboardButtonKind::CallbackData(data) = button.kind {
                        found.push((button.text, data));
                    }
                }
            }
        }
        found
    }

    /// The data of the button labelled exactly `label` on the last answer.
    pub(crate) fn button(&self, label: &str) -> Option<String> {
        self.buttons().into_iter().find(|(text, _)| text == label).map(|(_, data)| data)
    }

    /// The tickets of this chat, newest first.
    pub(crate) async fn tickets(&self) -> Vec<Ticket> {
        let mut tx = self.h.store.begin().await.unwrap();
        tx.tickets_of_chat(CHAT_ID, 100).await.unwrap()
    }

    /// Every ticket in the database.
    pub(crate) async fn ticket_count(&self) -> i64 {
        sqlx::query_scalar("SELECT COUNT(*) FROM tickets").fetch_one(&self.h.db).await.unwrap()
    }

    /// The ticket number in the last answer (`KR-…`).
    pub(crate) fn number_in_answer(&self) -> String {
        let texts = self.texts();
        let text = texts.iter().find(|t| t.contains("KR-")).unwrap_or_else(|| panic!("no number in {texts:?}"));
        let start = text.find("KR-").unwrap();
        text[start..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-').collect()
    }
}
