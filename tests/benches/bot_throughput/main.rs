//! Bot throughput: Kairyluu against a bare teloxide echo bot, both on the fake Bot API on
//! loopback, in the same run. For each bot:
//!
//! 1. saturation: `--users` citizens at once, each playing a whole conversation as fast as the
//!    answers come (a complaint with Kairyluu, the same kinds of update with the echo bot):
//!    updates answered per second, from the first update to the last answer;
//! 2. paced: `--rate` updates a second for `--seconds` (`rate / 2` citizens at a time, each
//!    half a second between its steps, staggered; a new citizen follows one who is done):
//!    update-to-reply latency (queued on the fake → the first message in answer reaches the
//!    fake), and for Kairyluu update-to-committed-turn latency (queued → the `handled_at`
//!    stamped in the transaction that committed its turn);
//! 3. peak and final resident memory of the bot process, CPU time, and for Kairyluu that every
//!    ticket the citizens were told about is in the SQLite database and no update is left.
//!
//! ```text
//! cargo build --release -p kairyluu && cargo build --release -p e2e --example echo_bot
//! cargo bench -p e2e --bench bot_throughput -- --users 200 --rate 200 --seconds 10 --runs 3
//! ```

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod citizen;
mod conversation;
mod database;
mod process;
mod report;

use std::time::{Duration, Instant};

use e2e::fake_bot_api::FakeBotApi;
use tokio::task::JoinSet;

use citizen::Citizen;
use conversation::{BotKind, UPDATES_PER_CONVERSATION, play};
use report::{BotFigures, Table};

/// Pause between one citizen's steps in the paced phase.
const STEP_GAP: Duration = Duration::from_millis(500);

struct Options {
    users: usize,
    rate: f64,
    seconds: f64,
    runs: usize,
}

impl Options {
    fn parse() -> Result<Self, String> {
        let mut options = Self { users: 200, rate: 200.0, seconds: 10.0, runs: 3 };
        let mut args = std::env::args().skip(1);
        while let Some(flag) = args.next() {
            let mut value = || args.next().ok_or(format!("{flag} needs a value"));
            match flag.as_str() {
                "--users" => options.users = value()?.parse().map_err(|e| format!("--users: {e}"))?,
                "--rate" => options.rate = value()?.parse().map_err(|e| format!("--rate: {e}"))?,
                "--seconds" => options.seconds = value()?.parse().map_err(|e| format!("--seconds: {e}"))?,
                "--runs" => options.runs = value()?.parse().map_err(|e| format!("--runs: {e}"))?,
                // `cargo bench` passes `--bench`.
                "--bench" => {}
                other => return Err(format!("unknown argument {other}")),
            }
        }
        Ok(options)
    }
}

/// What one phase's citizens did.
#[derive(Default)]
pub struct Phase {
    pub updates: usize,
    pub elapsed: Duration,
    /// From the first update queued to the last one.
    pub sending_span: Duration,
    pub latencies: Vec<Duration>,
    pub tickets: Vec<String>,
    pub failures: Vec<String>,
    pub citizens: Vec<Citizen>,
}

/// How the citizens of a phase come.
#[derive(Clone, Copy)]
enum Arrivals {
    /// `users` citizens at once, each with one conversation, as fast as the answers come.
    AllAtOnce { users: usize },
    /// `rate` updates a second for `seconds`: `rate × STEP_GAP` citizens at a time, each sending
    /// a step every `STEP_GAP` (when its answer came by then), staggered by `1 / rate`; one who
    /// finishes a conversation is followed by a new one at the next step.
    Paced { rate: f64, seconds: f64 },
}

/// Plays a phase with citizens whose ids start at `first_id`.
async fn phase(api: &FakeBotApi, kind: BotKind, first_id: i64, arrivals: Arrivals) -> Phase {
    let started = Instant::now();
    let t0 = started + Duration::from_millis(100);
    let (slots, conversations_per_slot) = match arrivals {
        Arrivals::AllAtOnce { users } => (users, 1),
        Arrivals::Paced { rate, seconds } => {
            let steps = (seconds / STEP_GAP.as_secs_f64()).ceil() as usize;
            (((rate * STEP_GAP.as_secs_f64()).round() as usize).max(1), steps.div_ceil(5) + 1)
        }
    };
    let mut tasks = JoinSet::new();
    for slot in 0..slots {
        let users: Vec<_> = (0..conversations_per_slot)
            .map(|n| api.user(first_id + (slot * conversations_per_slot + n) as i64, "Гражданин", "ru"))
            .collect();
        tasks.spawn(async move {
            let mut played = Vec::new();
            let mut step = 0;
            for user in users {
                let schedule: Vec<Instant> = match arrivals {
                    Arrivals::AllAtOnce { .. } => Vec::new(),
                    Arrivals::Paced { rate, seconds } => {
                        let at = |k: usize| t0 + Duration::from_secs_f64(slot as f64 / rate) + STEP_GAP * k as u32;
                        if at(step) > t0 + Duration::from_secs_f64(seconds) {
                            break;
                        }
                        (step..step + UPDATES_PER_CONVERSATION).map(at).collect()
                    }
                };
                let mut citizen = Citizen::new(user, schedule);
                let outcome = play(kind, &mut citizen).await;
                step += citizen.sent.len();
                let failed = outcome.is_err();
                played.push((citizen, outcome));
                if failed || matches!(arrivals, Arrivals::AllAtOnce { .. }) {
                    break;
                }
            }
            played
        });
    }
    let mut phase = Phase::default();
    while let Some(joined) = tasks.join_next().await {
        for (citizen, outcome) in joined.expect("a citizen task panicked") {
            match outcome {
                Ok(ticket) => phase.tickets.extend(ticket),
                Err(why) => phase.failures.push(why),
            }
            phase.updates += citizen.sent.len();
            phase.latencies.extend(citizen.latencies.iter().copied());
            phase.citizens.push(citizen);
        }
    }
    phase.elapsed = started.elapsed();
    let sends = phase.citizens.iter().flat_map(|c| c.sent.iter().map(|(at, _)| *at));
    let (first, last) = sends.fold((None::<Instant>, None::<Instant>), |(lo, hi), at| {
        (Some(lo.map_or(at, |lo| lo.min(at))), Some(hi.map_or(at, |hi| hi.max(at))))
    });
    if let (Some(first), Some(last)) = (first, last) {
        phase.sending_span = last - first;
    }
    phase
}

/// Everything measured for one bot in one run.
async fn measure(kind: BotKind, options: &Options) -> Result<BotFigures, String> {
    let api = FakeBotApi::start().await;
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let database = dir.path().join("kairyluu.db");
    let bot = process::start(kind, &api, &database).await?;
    let cpu_before = process::cpu_seconds(&bot.pid().to_string())?;

    let saturated = phase(&api, kind, 1_000_000, Arrivals::AllAtOnce { users: options.users }).await;
    let paced = phase(&api, kind, 2_000_000, Arrivals::Paced { rate: options.rate, seconds: options.seconds }).await;

    let (peak_mib, rss_mib) = process::memory_mib(bot.pid())?;
    let cpu_seconds = process::cpu_seconds(&bot.pid().to_string())? - cpu_before;
    drop(bot);

    let mut figures = BotFigures::new(kind, &saturated, &paced, peak_mib, rss_mib, cpu_seconds);
    if kind == BotKind::Kairyluu {
        let told: Vec<String> = saturated.tickets.iter().chain(&paced.tickets).cloned().collect();
        let expected = saturated.citizens.len() + paced.citizens.len();
        figures.check = Some(database::check(&database, &told, expected).await?);
        figures.commit_latencies = Some(database::commit_latencies(&database, &paced.citizens).await?);
    }
    api.shutdown().await;
    Ok(figures)
}

#[tokio::main]
async fn main() {
    let options = match Options::parse() {
        Ok(options) => options,
        Err(why) => {
            eprintln!("error: {why}");
            std::process::exit(2);
        }
    };
    let mut table = Table::new(options.users, options.rate, options.seconds);
    for run in 1..=options.runs {
        let harness_cpu = process::cpu_seconds("self").unwrap_or_default();
        let mut pair = Vec::new();
        for kind in [BotKind::Echo, BotKind::Kairyluu] {
            match measure(kind, &options).await {
                Ok(figures) => pair.push(figures),
                Err(why) => {
                    eprintln!("error: run {run}, {}: {why}", kind.name());
                    std::process::exit(1);
                }
            }
        }
        let harness_cpu = process::cpu_seconds("self").unwrap_or_default() - harness_cpu;
        println!("run {run} (this harness and the fake server used {harness_cpu:.1} s of CPU)");
        table.print_run(&pair);
        table.add(pair);
    }
    if options.runs > 1 {
        println!("median of {} runs", options.runs);
        table.print_medians();
    }
}
