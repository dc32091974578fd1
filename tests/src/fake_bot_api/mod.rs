//! A fake Telegram Bot API server for end-to-end tests: the real `kairyluu` binary talks to it
//! over HTTP on loopback as it would to `api.telegram.org`.
//!
//! ```no_run
//! use std::time::Duration;
//! use e2e::fake_bot_api::FakeBotApi;
//! # async fn example() {
//! let api = FakeBotApi::start().await; // then run `kairyluu serve` with api.url() and api.token()
//! let aigul = api.user(1001, "Айгүл", "ky");
//! aigul.send_command("/start");
//! let menu = aigul.next_message(Duration::from_secs(5)).await.expect("the bot answers /start");
//! aigul.press(&menu.button("Арыз").expect("a complaint button"), menu.message_id().expect("sent"));
//! let question = aigul.next_message(Duration::from_secs(5)).await.expect("the bot asks what happened");
//! assert!(question.text().is_some_and(|text| !text.is_empty()));
//! assert!(api.calls_to(1001).iter().all(|call| call.method != "forwardMessage"));
//! # }
//! ```
//!
//! What it answers: `getMe`, `getUpdates` (long polling with `offset`, `limit`, `timeout`),
//! `getWebhookInfo`, `deleteWebhook`, `setWebhook` (recorded; see `FakeBotApi::take_updates`), `setMyCommands`/`getMyCommands`/`deleteMyCommands`,
//! `sendMessage`, `sendPhoto`/`sendDocument`/`sendVoice`/`sendVideo`, `copyMessage`,
//! `forwardMessage`, `editMessageText`, `editMessageReplyMarkup`, `deleteMessage`,
//! `answerCallbackQuery`, `sendChatAction`, `getChat`, `createForumTopic`, `getFile`. Any other
//! method is recorded and answered `404 Not Found: method not found`.
//!
//! The URL is `{url}/bot{token}/{Method}`; teloxide capitalises the method (`/SendMessage`), the
//! fake matches names case-insensitively and records them in lower camel case (`sendMessage`).

mod api;
mod call;
mod faults;
mod inspect;
mod methods;
mod objects;
mod params;
mod server;
mod state;
mod user;

pub use api::FakeBotApi;
pub use call::Call;
pub use faults::FakeError;
pub use objects::{BOT_ID, BOT_USERNAME, TOKEN};
pub use user::FakeUser;
