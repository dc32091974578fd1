//! What the fake remembers between requests: queued updates, messages, chats, recorded calls,
//! injected faults. One mutex guards it all (no lock is held across an `.await`); two `Notify`s
//! wake long polls and waiting tests.

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tokio::sync::{Notify, watch};

use super::call::Call;
use super::faults::FakeError;
use super::objects;

/// Methods that put a new message in a chat: what [`wait_for_message_to`] waits for.
///
/// [`wait_for_message_to`]: super::FakeBotApi::wait_for_message_to
pub(crate) const SENDING_METHODS: &[&str] =
    &["sendMessage", "sendPhoto", "sendDocument", "sendVoice", "sendVideo", "copyMessage", "forwardMessage"];

/// The state shared by the server, the [`FakeBotApi`](super::FakeBotApi) handle and every
/// [`FakeUser`](super::FakeUser).
pub(crate) struct Shared {
    inner: Mutex<Inner>,
    /// Woken when an update is queued (long polls wait on it).
    pub(crate) updates_queued: Notify,
    /// Woken when a call is recorded (tests wait on it).
    pub(crate) call_recorded: Notify,
    /// Flips to `true` on shutdown, so long polls end at once.
    pub(crate) closed: watch::Sender<bool>,
}

/// The fake's memory. Fields are read and written by the method handlers in `methods/`.
pub(crate) struct Inner {
    pub(crate) updates: VecDeque<Value>,
    pub(crate) next_update_id: i64,
    pub(crate) next_message_id: i64,
    pub(crate) next_serial: u64,
    /// Every message in every chat, by `(chat_id, message_id)`, as it is now (after edits).
    pub(crate) messages: HashMap<(i64, i64), Value>,
    /// Chat objects for the chats the fake knows (citizens' private chats, groups).
    pub(crate) chats: HashMap<i64, Value>,
    /// Commands set with `setMyCommands`, by scope and language.
    pub(crate) commands: HashMap<String, Value>,
    pub(crate) calls: Vec<Call>,
    /// For each chat, how many calls `wait_for_message_to` has already looked at.
    pub(crate) read_up_to: HashMap<i64, usize>,
    pub(crate) faults: HashMap<String, VecDeque<FakeError>>,
    /// Chats whose citizen blocked the bot: every call to them answers 403.
    pub(crate) blocked: HashSet<i64>,
    pub(crate) latency: Duration,
    /// The last non-empty `allowed_updates` of a `getUpdates`; Telegram remembers it too.
    pub(crate) allowed_updates: Option<Vec<String>>,
    pub(crate) counts: BTreeMap<String, u64>,
    /// When each successful `sendMessage` happened, with its chat, in order.
    pub(crate) send_log: Vec<(i64, Instant)>,
    /// The URL given to `setWebhook` (empty: none, or removed by `deleteWebhook`).
    pub(crate) webhook_url: String,
}

impl Shared {
    pub(crate) fn new() -> Self {
        let inner = Inner {
            updates: VecDeque::new(),
            next_update_id: 1,
            next_message_id: 1,
            next_serial: 1,
            messages: HashMap::new(),
            chats: HashMap::new(),
            commands: HashMap::new(),
            calls: Vec::new(),
            read_up_to: HashMap::new(),
            faults: HashMap::new(),
            blocked: HashSet::new(),
            latency: Duration::ZERO,
            allowed_updates: None,
            counts: BTreeMap::new(),
            send_log: Vec::new(),
            webhook_url: String::new(),
        };
        Self {
            inner: Mutex::new(inner),
            updates_queued: Notify::new(),
            call_recorded: Notify::new(),
            closed: watch::Sender::new(false),
        }
    }

    /// Locks the state. A panic elsewhere while it was held does not make the state unusable for
    /// the assertions that follow, so poisoning is ignored.
    pub(crate) fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Queues `{"update_id": n, kind: payload}` and wakes long polls; returns `n`.
    pub(crate) fn push_update(&self, kind: &str, payload: Value) -> i64 {
        let id = {
            let mut inner = self.lock();
            let id = inner.next_update_id;
            inner.next_update_id += 1;
            inner.updates.push_back(json!({ "update_id": id, kind: payload }));
            id
        };
        self.updates_queued.notify_waiters();
        id
    }

    /// Records an answered call and wakes tests waiting for one.
    pub(crate) fn record(&self, call: Call) {
        {
            let mut inner = self.lock();
            *inner.counts.entry(call.method.clone()).or_default() += 1;
            if call.method == "sendMessage"
                && call.result.is_some()
                && let Some(chat) = call.chat_id()
            {
                inner.send_log.push((chat, call.at));
            }
            inner.calls.push(call);
        }
        self.call_recorded.notify_waiters();
    }
}

impl Inner {
    /// A fresh message id; one counter for all chats keeps ids increasing within each chat.
    pub(crate) fn message_id(&mut self) -> i64 {
        let id = self.next_message_id;
        self.next_message_id += 1;
        id
    }

    /// A fresh number for callback query ids, file ids, topic ids.
    pub(crate) fn serial(&mut self) -> u64 {
        let n = self.next_serial;
        self.next_serial += 1;
        n
    }

    /// The chat object for `id`, made up if no citizen or group was registered with it.
    pub(crate) fn chat(&self, id: i64) -> Value {
        self.chats.get(&id).cloned().unwrap_or_else(|| objects::unknown_chat(id))
    }

    /// Drops queued updates of kinds the bot did not ask for: Telegram never delivers them, so a
    /// test must not pass only because the fake did.
    pub(crate) fn drop_unwanted(&mut self) {
        let Some(allowed) = &self.allowed_updates else { return };
        self.updates.retain(|update| {
            update.as_object().is_some_and(|map| map.keys().any(|kind| allowed.iter().any(|a| a == kind)))
        });
    }

    /// Forgets updates below `offset` (the bot confirmed them); a negative offset keeps only the
    /// last `-offset` updates, as Telegram does.
    pub(crate) fn confirm(&mut self, offset: i64) {
        if offset < 0 {
            let keep = usize::try_from(offset.unsigned_abs()).unwrap_or(usize::MAX);
            while self.updates.len() > keep {
                self.updates.pop_front();
            }
        } else {
            while let Some(id) = self.updates.front().and_then(|u| u.get("update_id")).and_then(Value::as_i64)
                && id < offset
            {
                self.updates.pop_front();
            }
        }
    }
}
