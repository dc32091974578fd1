//! Reminders to officers, planned and decided without I/O. The runner (the `kairyluu` binary)
//! claims the jobs, reads what these functions need and queues what they decide.
//!
//! ```text
//! ticket KR-2026-000001 opened Mon 2 Mar 10:00, first response due Mon 9 Mar 23:59:59 (Bishkek)
//!   reminder.due_soon.first_response  Fri 6 Mar 10:00  → the assignee, or the agency's officers
//!   reminder.overdue.first_response   Tue 10 Mar 08:00 → the agency's head (after quiet hours)
//!   … the same pair for the resolution deadline
//! digest                              every working day 09:00 → each officer with something due
//! ```
//!
//! Jobs are evaluated lazily: at run time the job re-reads its ticket and does nothing when the
//! ticket was answered or closed, moves itself when an extension moved the deadline, and waits
//! for 08:00 when it comes up between 21:00 and 08:00 Bishkek time.

mod decide;
mod digest;
mod kinds;
mod plan;
mod quiet;
mod run;

#[cfg(test)]
mod tests;

pub use decide::{Decision, Recipients, decide, recipients};
pub use digest::{DIGEST_KIND, DigestLine, digest_for, digest_horizon, next_digest, next_digest_at};
pub use kinds::{ReminderJob, ReminderKind, Term};
pub use plan::{plan, planned_job};
pub use quiet::{QUIET_ENDS, QUIET_STARTS, at_local, quiet_until};
pub use run::{Notifier, RunReport, RunnerLease, claim_due, ensure_digest, run_claimed, run_due};
