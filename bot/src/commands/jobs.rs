//! `kairyluu jobs run-due [--now INSTANT]`: runs the due jobs once and prints what happened.

use std::time::Duration;

use anyhow::Context;
use chrono::{DateTime, Utc};

use crate::app::App;
use crate::cli::JobsCommand;
use crate::scheduler::Scheduler;
use crate::settings::Loaded;

/// For crash tests only: milliseconds to wait between claiming the jobs and running them, so
/// that a test can kill the process while it holds the leases.
const PAUSE_AFTER_CLAIM_ENV: &str = "KAIRYLUU_TEST_PAUSE_AFTER_CLAIM_MS";

pub async fn run(loaded: Loaded, command: JobsCommand) -> anyhow::Result<()> {
    let app = App::build(loaded).await?;
    match command {
        JobsCommand::RunDue { now } => {
            let now = match now {
                Some(text) => DateTime::parse_from_rfc3339(&text)
                    .with_context(|| format!("--now `{text}` is not an RFC 3339 instant (2026-05-14T10:00:00+06:00)"))?
                    .with_timezone(&Utc),
                None => app.desk.now(),
            };
            let scheduler =
                Scheduler::new(app.desk.clone(), app.loaded.calendar.clone(), format!("cli-{}", std::process::id()));
            let jobs = scheduler.claim(now).await?;
            if let Some(pause) = std::env::var(PAUSE_AFTER_CLAIM_ENV).ok().and_then(|ms| ms.parse::<u64>().ok()) {
                println!("claimed {} jobs; pausing {pause} ms", jobs.len());
                tokio::time::sleep(Duration::from_millis(pause)).await;
            }
            let report = scheduler.run_claimed(jobs, now).await?;
            println!(
                "claimed {}, queued {} messages, postponed {}, lost to another worker {}, failed {}",
                report.claimed, report.queued, report.postponed, report.lost, report.failed
            );
            Ok(())
        }
    }
}
