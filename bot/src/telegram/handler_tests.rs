//! Handler tests: the production handler tree driven by teloxide_tests' mock bot, in both
//! languages, including bad input. The whole conversations end to end (with the real binary and
//! the fake Bot API) are in `tests/tests/telegram.rs`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::sync::atomic::AtomicI32;

use teloxide::prelude::*;
use teloxide::types::Update;
use teloxide_tests::{
    IntoUpdate, MockBot, MockCallbackQuery, MockGroupChat, MockMessageSticker, MockMessageText, MockUser,
};
use tickets::clock::SystemClock;
use tickets::desk::Desk;
use tickets::store::{SqliteStore, Store};

use super::handler::{BotDeps, InboxId, handle_update, handler_tree};
use super::sender::{Sender, SenderConfig};
use crate::conversation::Conversation;
use crate::settings::Settings;

struct Harness {
    deps: Arc<BotDeps>,
    store: Arc<dyn Store>,
    _dir: tempfile::TempDir,
}

async fn harness(messages_per_minute: u32) -> Harness {
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
    let deps = Arc::new(BotDeps::new(store.clone(), Conversation::new(desk, 5), sender, 1, messages_per_minute));
    Harness { deps, store, _dir: dir }
}

fn user(lang: &str) -> teloxide::types::User {
    MockUser::new().language_code(lang.to_owned()).build()
}

fn text(message: &str, lang: &str) -> MockMessageText {
    MockMessageText::new().text(message).from(user(lang))
}

async fn mock_bot<T: IntoUpdate>(h: &Harness, update: T) -> Mock {
    let mut bot = MockBot::new(update, handler_tree());
    bot.dependencies(dptree::deps![h.deps.clone(), InboxId(None)]);
    bot
}

fn sent_texts(bot: &Mock) -> Vec<String> {
    bot.get_responses().sent_messages.iter().filter_map(|m| m.text().map(str::to_owned)).collect()
}

type Mock = MockBot<super::handler::HandlerError, teloxide_tests::mock_bot::DistributionKey>;

/// The callback data of the button labelled with `label` on the last message sent.
fn button(bot: &Mock, label: &str) -> String {
    try_button(bot, label).unwrap_or_else(|| panic!("no button `{label}` in {:?}", sent_texts(bot)))
}

/// Like [`button`], for a question the flow may or may not ask.
fn try_button(bot: &Mock, label: &str) -> Option<String> {
    let responses = bot.get_responses();
    for message in responses.sent_messages.iter().rev() {
        if let Some(markup) = message.reply_markup() {
            for row in &markup.inline_keyboard {
                for b in row {
                    if b.text.contains(label)
                        && let teloxide::types::InlineKeyboardButtonKind::CallbackData(data) = &b.kind
                    {
                        return Some(data.clone());
                    }
                }
            }
        }
    }
    None
}

fn press(data: &str, lang: &str) -> MockCallbackQuery {
    MockCallbackQuery::new().data(data.to_owned()).from(user(lang)).message(MockMessageText::new().text("menu").build())
}

#[tokio::test]
async fn start_greets_in_the_language_of_the_telegram_client() {
    {
        // One mock bot at a time: teloxide_tests serialises them with a global lock.
        let h = harness(20).await;
        let mut bot = mock_bot(&h, text("/start", "ru")).await;
        bot.dispatch().await;
        let texts = sent_texts(&bot);
        assert!(texts.iter().any(|t| t.starts_with("Здравствуйте")), "{texts:?}");
        button(&bot, "Подать жалобу");
    }
    let h = harness(20).await;
    let mut bot = mock_bot(&h, text("/start", "ky")).await;
    bot.dispatch().await;
    let texts = sent_texts(&bot);
    assert!(texts.iter().any(|t| t.starts_with("Саламатсызбы")), "{texts:?}");
    button(&bot, "Даттануу");
}

#[tokio::test]
async fn an_unknown_client_language_gets_the_choice_in_both() {
    let h = harness(20).await;
    let mut bot = mock_bot(&h, text("/start", "en")).await;
    bot.dispatch().await;
    button(&bot, "Кыргызча");
    button(&bot, "Русский");
}

#[tokio::test]
async fn a_complaint_by_buttons_becomes_a_ticket_in_kyrgyz() {
    let h = harness(20).await;
    let mut bot = mock_bot(&h, text("/start", "ky")).await;
    bot.dispatch().await;
    let complaint = button(&bot, "Даттануу");
    bot.update(press(&complaint, "ky"));
    bot.dispatch().await;
    bot.update(text("Ноокат районундагы мектепте 2 жумадан бери жылуулук жок, балдар тоңуп отурат", "ky"));
    bot.dispatch().await;
    let done = button(&bot, "Даяр");
    bot.update(press(&done, "ky"));
    bot.dispatch().await;
    // Confirm the guess if the engine asks, or take education from the list.
    let texts = sent_texts(&bot);
    let routed = if texts.last().is_some_and(|t| t.contains("облус") || t.contains("Бишкек")) {
        None
    } else {
        Some(button(&bot, "Билим"))
    };
    if let Some(data) = routed {
        bot.update(press(&data, "ky"));
        bot.dispatch().await;
    }
    let osh = button(&bot, "Ош облусу");
    bot.update(press(&osh, "ky"));
    bot.dispatch().await;
    let nookat = button(&bot, "Ноокат");
    bot.update(press(&nookat, "ky"));
    bot.dispatch().await;
    let chat_only = button(&bot, "чат");
    bot.update(press(&chat_only, "ky"));
    bot.dispatch().await;
    let submit = button(&bot, "Жөнөтүү");
    bot.update(press(&submit, "ky"));
    bot.dispatch().await;
    let texts = sent_texts(&bot);
    let registered = texts.iter().find(|t| t.contains("KR-")).unwrap_or_else(|| panic!("{texts:?}"));
    let number = registered.split("KR-").nth(1).unwrap()[..11].to_owned();
    let ticket = h.store.ticket(&format!("KR-{number}").parse().unwrap()).await.unwrap().unwrap();
    assert_eq!(ticket.agency.as_str(), "education");
    assert_eq!(ticket.region.as_deref(), Some("osh"));
    assert!(ticket.citizen_id.is_some());
}

#[tokio::test]
async fn a_sticker_gets_a_polite_answer_and_opens_nothing() {
    let h = harness(20).await;
    let mut bot = mock_bot(&h, MockMessageSticker::new().from(user("ru"))).await;
    bot.dispatch().await;
    assert_eq!(sent_texts(&bot).len(), 1, "{:?}", sent_texts(&bot));
    let mut tx = h.store.begin().await.unwrap();
    assert!(tx.tickets_of_chat(MockUser::ID as i64, 10).await.unwrap().is_empty());
}

#[tokio::test]
async fn a_group_chat_is_told_to_write_in_private() {
    let h = harness(20).await;
    let message = MockMessageText::new().text("жарык жок").chat(MockGroupChat::new().id(-100).build()).from(user("ky"));
    let mut bot = mock_bot(&h, message).await;
    bot.dispatch().await;
    let texts = sent_texts(&bot);
    assert_eq!(texts.len(), 1, "{texts:?}");
}

#[tokio::test]
async fn a_citizen_over_the_message_limit_is_told_once_and_the_rest_is_dropped() {
    let h = harness(3).await;
    let burst: Vec<MockMessageText> = (0..6).map(|i| text(&format!("/help {i}"), "ru")).collect();
    let mut bot = mock_bot(&h, burst).await;
    bot.dispatch().await;
    let texts = sent_texts(&bot);
    let notices = texts.iter().filter(|t| t.contains("Подождите минуту")).count();
    assert_eq!(notices, 1, "{texts:?}");
    assert!(texts.len() <= 3 * 2 + 1, "{} replies for 3 allowed messages", texts.len());
}

#[tokio::test]
async fn the_same_update_delivered_twice_is_handled_once() {
    let h = harness(20).await;
    let update: Update = text("/help", "ru").into_update(&AtomicI32::new(7)).remove(0);
    // No Bot API behind this bot: delivery fails and the replies stay queued, which is what we count.
    let offline = Bot::new("0:offline").set_api_url(url::Url::parse("http://127.0.0.1:1").unwrap());
    handle_update(&offline, &h.deps, &update, None).await.unwrap();
    let queued = h.store.outbox_depth().await.unwrap();
    assert!(queued >= 1);
    handle_update(&offline, &h.deps, &update, None).await.unwrap();
    assert_eq!(h.store.outbox_depth().await.unwrap(), queued, "a repeated update must not answer again");
}
