//! Reminders to officers, planned and decided without I/O. The runner (the `kairyluu` binary)
//! claims the jobs, reads what these functions need and queues what they decide.
//!
//! ```text
//! ticket KR-2026-000001 opened Mon 2 Mar 10:00, first response due Mon 9 Mar 23:59:59 (Bishkek)
//!   reminder.due_soon.first_response  Fri 6 Mar 10:00  → the assignee, or the agency's officers
//!   reminder.overdue.first_response   Tue 10 Mar 08:00 → the agency's head (next working morning)
//!   … the same pair for the resolution deadline
//! digest                              every working day 09:00 → each officer with something due
//! ```
//!
//! Jobs are evaluated lazily: at run time the job re-reads its ticket and does nothing when the
//! ticket was answered or closed, moves itself when an extension moved the deadline, and waits
//! for 08:00 of a working day when it comes up between 21:00 and 08:00 Bishkek time or on a day
//! off. A reopened ticket is planned again (same deadlines: the legal term runs from receipt).
//! A reminder that nobody at the agency can receive (no active officer or head) waits and is
//! tried again every hour; an escalation counts the ticket as overdue all the same. A recipient
//! who blocked the bot is passed over for the next in line (see [`audiences`]). In an agency that
//! works in a forum group, a "due soon" reminder goes to the ticket's topic; escalations go to the
//! heads privately, digests to each officer privately. A reopened ticket's escalation that found
//! nobody waits as a job too ([`ReopenEscalation`]).

mod decide;
mod digest;
mod kinds;
mod plan;
mod quiet;
mod reopen;
mod run;

#[cfg(test)]
mod tests;

pub use decide::{Audience, Decision, ForumTopic, Recipients, audiences, decide, group_lang};
pub use digest::{DIGEST_KIND, DigestLine, digest_for, digest_horizon, next_digest, next_digest_at};
pub use kinds::{ReminderJob, ReminderKind, Term};
pub use plan::{plan, planned_job, replan_reopened};
pub use quiet::{QUIET_ENDS, QUIET_STARTS, at_local, quiet_until, working_hours_from};
pub use reopen::{REOPEN_ESCALATION_KIND, ReopenEscalation};
pub use run::{NOBODY_RETRY, Notifier, RunReport, RunnerLease, claim_due, ensure_digest, run_claimed, run_due};
