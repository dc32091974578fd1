//! The scheduler: runs due reminder and digest jobs in the background of `kairyluu serve` (and
//! once from `kairyluu jobs run-due`). The jobs and their rules live in `tickets::reminders`; this
//! adapter supplies the clock, a worker name for leases, and the texts (see [`notifier`]).

mod notifier;

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use tickets::calendar::BusinessCalendar;
use tickets::desk::Desk;
use tickets::reminders::{RunReport, RunnerLease, claim_due, ensure_digest, run_claimed};
use tickets::store::ClaimedJob;

pub use notifier::TelegramNotifier;

/// How long a claimed job is ours: far longer than a run takes, short enough that a crashed
/// process's reminders go out within minutes.
const LEASE: chrono::Duration = chrono::Duration::minutes(2);

/// Runs due jobs.
pub struct Scheduler {
    desk: Desk,
    notifier: TelegramNotifier,
    lease: RunnerLease,
}

impl Scheduler {
    /// A scheduler over the desk's store and clock and the business `calendar` (the desk's);
    /// `worker` names its leases.
    pub fn new(desk: Desk, calendar: Arc<BusinessCalendar>, worker: String) -> Self {
        let notifier = TelegramNotifier::new(calendar, desk.clone());
        Self { desk, notifier, lease: RunnerLease { worker, lease: LEASE, batch: 50 } }
    }

    /// Runs until the process stops: makes sure the daily digest is scheduled, then runs due
    /// jobs, looking again every `idle` when there were none.
    pub async fn run(self, idle: Duration) {
        if let Err(error) = ensure_digest(self.desk.store().as_ref(), self.desk.calendar(), self.desk.now()).await {
            tracing::warn!(%error, "cannot schedule the daily digest; will retry with the next job run");
        }
        loop {
            match self.run_once(self.desk.now()).await {
                Ok(report) if report.claimed > 0 => tracing::info!(?report, "jobs run"),
                Ok(_) => tokio::time::sleep(idle).await,
                Err(error) => {
                    tracing::warn!(error = %format!("{error:#}"), "running jobs failed; retrying");
                    tokio::time::sleep(idle).await;
                }
            }
        }
    }

    /// Claims and runs the jobs due at `now`, one batch.
    pub async fn run_once(&self, now: DateTime<Utc>) -> anyhow::Result<RunReport> {
        let jobs = self.claim(now).await?;
        self.run_claimed(jobs, now).await
    }

    /// Leases the jobs due at `now`.
    pub async fn claim(&self, now: DateTime<Utc>) -> anyhow::Result<Vec<ClaimedJob>> {
        Ok(claim_due(self.desk.store().as_ref(), &self.lease, now).await?)
    }

    /// Runs claimed jobs: their messages and their completion commit together.
    pub async fn run_claimed(&self, jobs: Vec<ClaimedJob>, now: DateTime<Utc>) -> anyhow::Result<RunReport> {
        ensure_digest(self.desk.store().as_ref(), self.desk.calendar(), now).await?;
        Ok(run_claimed(self.desk.store().as_ref(), self.desk.calendar(), &self.notifier, jobs, now).await?)
    }
}
