//! The handle a test holds: starts the server, scripts citizens, injects faults, stops it all.

use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

use super::faults::FakeError;
use super::methods::normalise;
use super::objects::{self, TOKEN};
use super::server;
use super::state::Shared;
use super::user::FakeUser;

/// A fake Telegram Bot API server on `127.0.0.1`, serving until dropped or [`shut down`].
///
/// [`shut down`]: FakeBotApi::shutdown
pub struct FakeBotApi {
    pub(crate) shared: Arc<Shared>,
    addr: SocketAddr,
    server: Option<JoinHandle<()>>,
}

impl FakeBotApi {
    /// Starts the fake on a free port of `127.0.0.1`.
    ///
    /// # Panics
    /// When no port can be bound: a test cannot go on without its fake.
    pub async fn start() -> Self {
        Self::try_start().await.unwrap_or_else(|e| panic!("the fake Bot API could not listen on 127.0.0.1: {e}"))
    }

    /// Starts the fake on a free port of `127.0.0.1`, or says why it could not.
    pub async fn try_start() -> io::Result<Self> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared::new());
        let app = server::router(Arc::clone(&shared));
        let mut closed = shared.closed.subscribe();
        let server = tokio::spawn(async move {
            let stopped = async move {
                // An error means the sender is gone, which is a stop too.
                let _ = closed.wait_for(|closed| *closed).await;
            };
            if let Err(error) = axum::serve(listener, app).with_graceful_shutdown(stopped).await {
                eprintln!("fake Bot API stopped with an error: {error}");
            }
        });
        Ok(Self { shared, addr, server: Some(server) })
    }

    /// The base URL to give the bot as `TELEGRAM_API_URL` (`http://127.0.0.1:<port>`).
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The token to give the bot as `TELOXIDE_TOKEN`; requests with another token get 401.
    pub fn token(&self) -> &'static str {
        TOKEN
    }

    /// The bot's user id, as `getMe` reports it.
    pub fn bot_id(&self) -> i64 {
        objects::BOT_ID
    }

    /// Stops the server: pending long polls answer `[]` at once, then open connections close.
    pub async fn shutdown(mut self) {
        self.shared.closed.send_replace(true);
        if let Some(server) = self.server.take() {
            let _ = tokio::time::timeout(Duration::from_secs(5), server).await;
        }
    }

    /// A citizen with a private chat with the bot (its chat id is `id`). An empty `language_code`
    /// leaves the field out of the updates, as a client that does not say its language.
    pub fn user(&self, id: i64, first_name: &str, language_code: &str) -> FakeUser {
        let chat = objects::private_chat(id, first_name);
        self.shared.lock().chats.insert(id, chat.clone());
        FakeUser::new(Arc::clone(&self.shared), objects::user(id, first_name, language_code), chat)
    }

    /// Queues any update, `{"update_id": <next>, kind: payload}`, for what `FakeUser` cannot
    /// script (polls, games, channel posts…); returns its `update_id`. Like every update, it is
    /// dropped undelivered if the bot's `allowed_updates` leaves its kind out.
    pub fn push_update(&self, kind: &str, payload: Value) -> i64 {
        self.shared.push_update(kind, payload)
    }

    /// Takes the queued updates out of the fake, oldest first, for a test of webhook mode to post
    /// them to the bot itself (nothing then answers them to `getUpdates`).
    pub fn take_updates(&self) -> Vec<Value> {
        self.shared.lock().updates.drain(..).collect()
    }

    /// Updates queued and not yet confirmed by the bot.
    pub fn pending_updates(&self) -> usize {
        self.shared.lock().updates.len()
    }

    /// Makes the next call of `method` (any case: `sendMessage`, `SendMessage`) fail with
    /// `error`; several calls queue several failures.
    pub fn fail_next(&self, method: &str, error: FakeError) {
        self.shared.lock().faults.entry(normalise(method)).or_default().push_back(error);
    }

    /// Delays every answer by `latency` (zero to stop), to play a slow Telegram.
    pub fn set_latency(&self, latency: Duration) {
        self.shared.lock().latency = latency;
    }

    /// From now on every call about `chat_id` answers `403 Forbidden: bot was blocked by the user`.
    pub fn block(&self, chat_id: i64) {
        self.shared.lock().blocked.insert(chat_id);
    }

    /// Undoes [`block`](Self::block).
    pub fn unblock(&self, chat_id: i64) {
        self.shared.lock().blocked.remove(&chat_id);
    }
}

impl Drop for FakeBotApi {
    fn drop(&mut self) {
        // The server task notices and stops by itself; nothing here may block.
        self.shared.closed.send_replace(true);
    }
}
