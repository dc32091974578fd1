//! `getUpdates`: long polling. The bot confirms updates by asking for a higher `offset`; until
//! then they are handed out again, as Telegram does. Kinds outside `allowed_updates` (teloxide
//! derives it from the handler tree) are dropped, as Telegram does.

use std::time::Duration;

use serde_json::Value;
use tokio::time::{Instant, timeout_at};

use crate::fake_bot_api::call::int_of;
use crate::fake_bot_api::state::Shared;

/// Returns at once when updates are queued, else waits up to `timeout` seconds for one.
pub async fn get_updates(shared: &Shared, params: &Value) -> Value {
    let offset = params.get("offset").and_then(int_of).unwrap_or(0);
    let limit = params.get("limit").and_then(int_of).unwrap_or(100).clamp(1, 100);
    let limit = usize::try_from(limit).unwrap_or(100);
    let timeout = params.get("timeout").and_then(int_of).unwrap_or(0).max(0);
    let deadline = Instant::now() + Duration::from_secs(timeout.unsigned_abs());
    let allowed: Option<Vec<String>> = params
        .get("allowed_updates")
        .and_then(Value::as_array)
        .filter(|kinds| !kinds.is_empty())
        .map(|kinds| kinds.iter().filter_map(Value::as_str).map(str::to_owned).collect());
    if allowed.is_some() {
        shared.lock().allowed_updates = allowed;
    }
    let mut closed = shared.closed.subscribe();
    loop {
        // Register interest before looking, so an update queued in between is not missed.
        let queued = shared.updates_queued.notified();
        tokio::pin!(queued);
        queued.as_mut().enable();
        {
            let mut inner = shared.lock();
            inner.confirm(offset);
            inner.drop_unwanted();
            if !inner.updates.is_empty() || *closed.borrow() {
                return Value::Array(inner.updates.iter().take(limit).cloned().collect());
            }
        }
        tokio::select! {
            woken = timeout_at(deadline, queued) => if woken.is_err() { return Value::Array(Vec::new()) },
            _ = closed.wait_for(|closed| *closed) => return Value::Array(Vec::new()),
        }
    }
}
