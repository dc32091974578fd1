//! The command line.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Kairyluu: citizens' appeals to the government of the Kyrgyz Republic, over Telegram.
#[derive(Debug, Parser)]
#[command(name = "kairyluu", version, about)]
pub struct Cli {
    /// A configuration file layered over the built-in defaults.
    #[arg(long, global = true, env = "KAIRYLUU_CONFIG")]
    pub config: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

/// What to do.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check configuration and storage and run the service.
    Serve,
    /// Serve only the web side (public page, API, Open311, /metrics) on http.addr, no bot token
    /// needed; counts `seed`'s synthetic tickets unless --real-only.
    Web {
        /// Leave out synthetic tickets, as `serve` does.
        #[arg(long)]
        real_only: bool,
    },
    /// Create or update the database schema.
    Migrate,
    /// Talk to Kairyluu as a citizen in this terminal (numbered buttons), without Telegram.
    Chat {
        /// The console citizen's chat id (any number; the same one continues a conversation).
        #[arg(long, default_value_t = 1)]
        chat_id: i64,
        /// Start in this language (ky or ru); otherwise Kairyluu asks.
        #[arg(long)]
        lang: Option<String>,
    },
    /// List the agencies with their deadlines, or link an agency's Telegram group.
    Agencies {
        #[command(subcommand)]
        action: Option<AgenciesCommand>,
    },
    /// Invite, list and disable agency officers.
    #[command(subcommand)]
    Officers(OfficersCommand),
    /// Work with tickets.
    #[command(subcommand)]
    Ticket(TicketCommand),
    /// Measure ticket creation and the response-time statistics query on SQLite and PostgreSQL.
    Bench(BenchArgs),
    /// Measure the scheduler's due-jobs claim among many pending jobs, and the outbox send rate.
    BenchJobs(BenchJobsArgs),
    /// Run durable jobs (reminders, the daily digest) by hand.
    #[command(subcommand)]
    Jobs(JobsCommand),
    /// Fill a database with realistic synthetic tickets (for demos and benchmarks).
    Seed(SeedArgs),
    /// Classify messages read from stdin (plain lines or JSONL with a "text" field) into JSONL.
    Classify,
    /// Train or evaluate the classifier.
    #[command(subcommand)]
    Classifier(ClassifierCommand),
}

/// `kairyluu agencies …`
#[derive(Debug, Subcommand)]
pub enum AgenciesCommand {
    /// Link an agency to a Telegram supergroup with topics: each ticket gets its own topic there.
    LinkGroup {
        /// Agency code, e.g. health.
        #[arg(long)]
        agency: String,
        /// The supergroup's chat id (negative, e.g. -1001234567890).
        #[arg(long, allow_hyphen_values = true)]
        chat_id: i64,
    },
}

/// `kairyluu officers …`
#[derive(Debug, Subcommand)]
pub enum OfficersCommand {
    /// Print a one-time link that makes whoever opens it an officer of the agency.
    Invite {
        /// Agency code, e.g. health.
        #[arg(long)]
        agency: String,
        /// officer or head (heads also receive escalations).
        #[arg(long, default_value = "officer")]
        role: String,
        /// Days the link stays valid.
        #[arg(long, default_value_t = 7)]
        valid_days: u32,
    },
    /// List officers with their agency, role and state.
    List {
        /// Only this agency.
        #[arg(long)]
        agency: Option<String>,
    },
    /// Disable an officer: they keep their history but can no longer act.
    Disable {
        /// The officer's id, as `officers list` shows it.
        id: i64,
    },
    /// Let an officer administer the web console (agencies, officers, invites, audit log).
    Admin {
        /// The officer's id, as `officers list` shows it.
        id: i64,
        /// Withdraw it instead.
        #[arg(long)]
        revoke: bool,
    },
}

/// `kairyluu ticket …`
#[derive(Debug, Subcommand)]
pub enum TicketCommand {
    /// Show a ticket: routing, status, deadlines and its audit trail (no message text).
    Show {
        /// The ticket number, e.g. KR-2026-000123.
        number: String,
    },
    /// Register an appeal received outside Telegram (on paper, by phone) as an anonymous ticket.
    Open {
        /// Agency code, e.g. health.
        #[arg(long)]
        agency: String,
        /// complaint, corruption, rating, suggestion, question or gratitude.
        #[arg(long)]
        kind: String,
        /// ky, ru, mixed or other.
        #[arg(long, default_value = "ru")]
        lang: String,
        /// For corruption reports: the accused body's agency code.
        #[arg(long)]
        implicated: Option<String>,
        /// Region (oblast or city).
        #[arg(long)]
        region: Option<String>,
        /// The appeal's text, stored as the first message.
        #[arg(long)]
        text: Option<String>,
    },
}

/// `kairyluu jobs …`
#[derive(Debug, Subcommand)]
pub enum JobsCommand {
    /// Run the jobs due now (or at `--now`) once, queueing their messages in the outbox (the
    /// running `serve` sends them), and print what happened.
    RunDue {
        /// The instant to run at (RFC 3339, e.g. 2026-05-14T10:00:00+06:00), for replaying a
        /// missed day or for tests; default: now.
        #[arg(long)]
        now: Option<String>,
    },
}

/// `kairyluu bench …`
#[derive(Debug, clap::Args)]
pub struct BenchArgs {
    /// How many tickets to create on each backend.
    #[arg(long, default_value_t = 100_000)]
    pub tickets: usize,
    /// Concurrent writers.
    #[arg(long, default_value_t = 8)]
    pub writers: usize,
    /// How many times to run the statistics query (the median is reported).
    #[arg(long, default_value_t = 21)]
    pub queries: usize,
    /// A PostgreSQL server to measure too (a fresh schema is made and dropped).
    #[arg(long, env = "KAIRYLUU_BENCH_POSTGRES")]
    pub postgres: Option<String>,
    /// Also measure statistics over this many tickets made by `kairyluu seed` (answered,
    /// redirected, rated…): the facts catch-up and the per-agency table.
    #[arg(long)]
    pub stats_tickets: Option<usize>,
    /// With --stats-tickets: add this many generated per-ticket facts rows (the only table the
    /// statistics read) before timing the table, to reach a million without a million tickets.
    #[arg(long, default_value_t = 0)]
    pub stats_facts: usize,
}

/// `kairyluu seed …`
#[derive(Debug, clap::Args)]
pub struct SeedArgs {
    /// How many tickets to make.
    #[arg(long, default_value_t = 10_000)]
    pub tickets: usize,
    /// The database to fill (default: the configured one).
    #[arg(long)]
    pub database: Option<String>,
    /// The random seed: the same seed makes the same tickets.
    #[arg(long, default_value_t = 2026)]
    pub seed: u64,
}

/// `kairyluu bench-jobs …`
#[derive(Debug, clap::Args)]
pub struct BenchJobsArgs {
    /// Pending jobs in the table (all in the future except one batch that is due).
    #[arg(long, default_value_t = 1_000_000)]
    pub jobs: usize,
    /// How many claims to time (the median is reported).
    #[arg(long, default_value_t = 101)]
    pub claims: usize,
    /// Messages to push through the outbox sender to a local stand-in for the Bot API (0: skip).
    #[arg(long, default_value_t = 300)]
    pub sends: usize,
    /// A PostgreSQL server to measure too (a fresh schema is made and dropped).
    #[arg(long, env = "KAIRYLUU_BENCH_POSTGRES")]
    pub postgres: Option<String>,
}

/// `kairyluu classifier …`
#[derive(Debug, Subcommand)]
pub enum ClassifierCommand {
    /// Rebuild the model from the corpus, deterministically.
    Train {
        #[arg(long, default_value = "classifier/corpus")]
        corpus: PathBuf,
        #[arg(long, default_value = "classifier/model/model.bin")]
        out: PathBuf,
    },
    /// Measure the classifier on a labelled JSONL file.
    Eval {
        /// A JSONL file with "text" and the labels.
        file: PathBuf,
    },
}

impl Command {
    /// Commands that print results log only warnings by default; the service logs more.
    pub fn default_log_level(&self) -> &'static str {
        match self {
            Command::Serve | Command::Web { .. } => "info",
            _ => "warn",
        }
    }
}
