//! Lanes: jobs with different keys run concurrently (at most `limit` at once), jobs with the same
//! key never overlap. The inbox worker keys its jobs by chat, so two citizens are served at the
//! same time while one citizen's messages are handled in the order they were sent.

use std::collections::HashMap;
use std::future::Future;
use std::hash::Hash;

use tokio::task::{Id, JoinSet};

/// Running jobs, at most one per key.
pub struct Lanes<K> {
    limit: usize,
    running: HashMap<Id, K>,
    tasks: JoinSet<()>,
}

impl<K: Hash + Eq + Clone + Send + 'static> Lanes<K> {
    /// Lanes for at most `limit` jobs at once (at least one).
    pub fn new(limit: usize) -> Self {
        Self { limit: limit.max(1), running: HashMap::new(), tasks: JoinSet::new() }
    }

    /// Whether no job runs.
    pub fn is_empty(&self) -> bool {
        self.running.is_empty()
    }

    /// Whether another job may start now.
    pub fn has_room(&self) -> bool {
        self.running.len() < self.limit
    }

    /// Whether a job with `key` is running.
    pub fn is_busy(&self, key: &K) -> bool {
        self.running.values().any(|running| running == key)
    }

    /// Starts `job` under `key`, unless the lanes are full or `key` is busy; says whether it started.
    pub fn try_start<F>(&mut self, key: K, job: F) -> bool
    where
        F: Future<Output = ()> + Send + 'static,
    {
        if !self.has_room() || self.is_busy(&key) {
            return false;
        }
        let id = self.tasks.spawn(job).id();
        self.running.insert(id, key);
        true
    }

    /// Waits until a job ends (even by a panic) and returns its key; `None` when none runs.
    pub async fn next_done(&mut self) -> Option<K> {
        let id = match self.tasks.join_next_with_id().await? {
            Ok((id, ())) => id,
            Err(error) => {
                if error.is_panic() {
                    tracing::error!("a lane's job panicked");
                }
                error.id()
            }
        };
        self.running.remove(&id)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use std::sync::Arc;

    use tokio::sync::Barrier;

    use super::*;

    #[tokio::test]
    async fn a_busy_key_and_a_full_set_refuse_new_jobs() {
        let mut lanes = Lanes::new(2);
        let gate = Arc::new(Barrier::new(3));
        let wait = |gate: Arc<Barrier>| async move {
            gate.wait().await;
        };
        assert!(lanes.try_start("a", wait(gate.clone())));
        assert!(!lanes.try_start("a", async {}), "one job per key");
        assert!(lanes.try_start("b", wait(gate.clone())));
        assert!(!lanes.try_start("c", async {}), "at most two at once");
        gate.wait().await;
        let mut done = vec![lanes.next_done().await.unwrap(), lanes.next_done().await.unwrap()];
        done.sort_unstable();
        assert_eq!(done, ["a", "b"]);
        assert!(lanes.is_empty());
        assert_eq!(lanes.next_done().await, None);
        assert!(lanes.try_start("a", async {}), "a key is free again once its job ended");
    }

    #[tokio::test]
    async fn a_panicking_job_frees_its_key() {
        let mut lanes = Lanes::new(1);
        assert!(lanes.try_start(7, async { panic!("boom") }));
        assert_eq!(lanes.next_done().await, Some(7));
        assert!(!lanes.is_busy(&7));
    }
}
