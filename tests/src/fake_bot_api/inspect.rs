//! What a test reads back: recorded calls, messages as they now stand, counters for benchmarks,
//! and waiting for the bot to do something.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use serde_json::Value;
use tokio::time::timeout_at;

use super::api::FakeBotApi;
use super::call::Call;
use super::methods::normalise;
use super::state::{SENDING_METHODS, Shared};

impl FakeBotApi {
    /// Every call so far, in the order they were answered.
    pub fn calls(&self) -> Vec<Call> {
        self.shared.lock().calls.clone()
    }

    /// Every call whose `chat_id` is `chat_id`, answered or failed: what that chat could have
    /// seen, for privacy assertions.
    pub fn calls_to(&self, chat_id: i64) -> Vec<Call> {
        self.shared.lock().calls.iter().filter(|call| call.chat_id() == Some(chat_id)).cloned().collect()
    }

    /// Every call of `method` (any case).
    pub fn calls_of(&self, method: &str) -> Vec<Call> {
        let method = normalise(method);
        self.shared.lock().calls.iter().filter(|call| call.method == method).cloned().collect()
    }

    /// The texts of the `sendMessage` calls to `chat_id` that succeeded, in order.
    pub fn sent_texts(&self, chat_id: i64) -> Vec<String> {
        self.shared
            .lock()
            .calls
            .iter()
            .filter(|call| call.method == "sendMessage" && call.result.is_some() && call.chat_id() == Some(chat_id))
            .filter_map(|call| call.text().map(str::to_owned))
            .collect()
    }

    /// A message as it stands now (after edits), or `None` if it never existed or was deleted.
    pub fn message(&self, chat_id: i64, message_id: i64) -> Option<Value> {
        self.shared.lock().messages.get(&(chat_id, message_id)).cloned()
    }

    /// Waits up to `timeout` for a call that satisfies `predicate`, looking at past calls too:
    /// returns the first one that matches.
    pub async fn wait_for(&self, predicate: impl Fn(&Call) -> bool, timeout: Duration) -> Option<Call> {
        self.shared.wait_for(predicate, timeout).await
    }

    /// Waits up to `timeout` for the next new message to `chat_id` (sent, copied or forwarded,
    /// and answered with success) that this method has not returned before: the next thing the
    /// citizen sees in the chat. Edits are not messages: wait for those with [`wait_for`].
    ///
    /// [`wait_for`]: Self::wait_for
    pub async fn wait_for_message_to(&self, chat_id: i64, timeout: Duration) -> Option<Call> {
        self.shared.wait_for_message_to(chat_id, timeout).await
    }

    /// Counts every message to `chat_id` so far as seen by [`wait_for_message_to`].
    ///
    /// [`wait_for_message_to`]: Self::wait_for_message_to
    pub fn mark_read(&self, chat_id: i64) {
        self.shared.mark_read(chat_id);
    }

    /// How many times each method was called (failed calls included).
    pub fn call_counts(&self) -> BTreeMap<String, u64> {
        self.shared.lock().counts.clone()
    }

    /// How many times `method` (any case) was called.
    pub fn count(&self, method: &str) -> u64 {
        self.shared.lock().counts.get(&normalise(method)).copied().unwrap_or(0)
    }

    /// When each successful `sendMessage` to `chat_id` arrived, to check Telegram's 1 message a
    /// second per chat.
    pub fn send_message_times(&self, chat_id: i64) -> Vec<Instant> {
        self.shared.lock().send_log.iter().filter(|(chat, _)| *chat == chat_id).map(|(_, at)| *at).collect()
    }

    /// Every successful `sendMessage` as `(chat_id, arrival)`, to check 30 messages a second in all.
    pub fn send_message_log(&self) -> Vec<(i64, Instant)> {
        self.shared.lock().send_log.clone()
    }
}

impl Shared {
    pub(crate) async fn wait_for(&self, predicate: impl Fn(&Call) -> bool, timeout: Duration) -> Option<Call> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            // Register interest before looking, so a call recorded in between is not missed.
            let recorded = self.call_recorded.notified();
            tokio::pin!(recorded);
            recorded.as_mut().enable();
            if let Some(call) = self.lock().calls.iter().find(|call| predicate(call)) {
                return Some(call.clone());
            }
            timeout_at(deadline, recorded).await.ok()?;
        }
    }

    pub(crate) async fn wait_for_message_to(&self, chat_id: i64, timeout: Duration) -> Option<Call> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let recorded = self.call_recorded.notified();
            tokio::pin!(recorded);
            recorded.as_mut().enable();
            {
                let mut inner = self.lock();
                let start = inner.read_up_to.get(&chat_id).copied().unwrap_or(0);
                let found = inner.calls.iter().enumerate().skip(start).find(|(_, call)| {
                    call.result.is_some()
                        && call.chat_id() == Some(chat_id)
                        && SENDING_METHODS.contains(&call.method.as_str())
                });
                let (read, call) = match found {
                    Some((index, call)) => (index + 1, Some(call.clone())),
                    None => (inner.calls.len(), None),
                };
                inner.read_up_to.insert(chat_id, read);
                if call.is_some() {
                    return call;
                }
            }
            timeout_at(deadline, recorded).await.ok()?;
        }
    }

    pub(crate) fn mark_read(&self, chat_id: i64) {
        let mut inner = self.lock();
        let read = inner.calls.len();
        inner.read_up_to.insert(chat_id, read);
    }
}
