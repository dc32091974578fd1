//! The two bots as child processes against the fake Bot API, and what `/proc` says about them.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use e2e::fake_bot_api::FakeBotApi;

use crate::conversation::BotKind;

/// A running bot, killed when dropped.
pub struct RunningBot {
    child: Child,
}

impl Drop for RunningBot {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `target/release`, where `cargo bench` put this benchmark (`target/release/deps/…`).
pub fn release_dir() -> Result<PathBuf, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    exe.parent().and_then(Path::parent).map(Path::to_path_buf).ok_or_else(|| "cannot locate target/release".into())
}

fn binary(kind: BotKind) -> Result<PathBuf, String> {
    let dir = release_dir()?;
    let (path, build) = match kind {
        BotKind::Echo => (dir.join("examples").join("echo_bot"), "cargo build --release -p e2e --example echo_bot"),
        BotKind::Kairyluu => (dir.join("kairyluu"), "cargo build --release -p kairyluu"),
    };
    if path.exists() { Ok(path) } else { Err(format!("{} is missing: run `{build}` first", path.display())) }
}

/// Starts `kind` against `api`; Kairyluu on the SQLite file `database` with the sender's limits
/// raised (see the README: Telegram's own 30 messages a second would be the only thing measured).
/// Returns once the bot long-polls.
pub async fn start(kind: BotKind, api: &FakeBotApi, database: &Path) -> Result<RunningBot, String> {
    let mut command = Command::new(binary(kind)?);
    command
        .env_clear()
        .env("TELOXIDE_TOKEN", api.token())
        .env("TELEGRAM_API_URL", api.url())
        .stdout(Stdio::null())
        .stderr(Stdio::inherit());
    if kind == BotKind::Kairyluu {
        command
            .arg("serve")
            .env("DATABASE_URL", format!("sqlite://{}", database.display()))
            // `BENCH_BOT_LOG=sqlx::query=debug` logs every statement, to count them per update.
            .env("KAIRYLUU_LOG", std::env::var("BENCH_BOT_LOG").unwrap_or_else(|_| "warn".into()))
            // The web side on a port of its own: tests run side by side.
            .env("KAIRYLUU_HTTP_ADDR", "127.0.0.1:0")
            .env("KAIRYLUU__TELEGRAM__MESSAGES_PER_SECOND", "100000")
            .env("KAIRYLUU__TELEGRAM__MESSAGES_PER_CHAT_PER_SECOND", "100000");
    }
    let bot = RunningBot { child: command.spawn().map_err(|e| format!("cannot start {}: {e}", kind.name()))? };
    // Ready once the last call before long polling is answered: teloxide's dispatcher checks for
    // a webhook, Kairyluu sets its command menus (Kyrgyz, then Russian).
    let ready = |call: &e2e::fake_bot_api::Call| match kind {
        BotKind::Echo => call.method == "getWebhookInfo" || call.method == "deleteWebhook",
        BotKind::Kairyluu => {
            call.method == "setMyCommands" && call.params.get("language_code").and_then(|v| v.as_str()) == Some("ru")
        }
    };
    api.wait_for(ready, Duration::from_secs(60)).await.ok_or_else(|| format!("{} did not start", kind.name()))?;
    tokio::time::sleep(Duration::from_millis(300)).await;
    Ok(bot)
}

impl RunningBot {
    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}

/// `VmHWM` (peak resident memory) and `VmRSS` of `pid`, in MiB.
pub fn memory_mib(pid: u32) -> Result<(f64, f64), String> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).map_err(|e| e.to_string())?;
    let field = |name: &str| -> Result<f64, String> {
        let line = status.lines().find(|line| line.starts_with(name)).ok_or(format!("no {name}"))?;
        let kib: f64 = line.split_whitespace().nth(1).and_then(|v| v.parse().ok()).ok_or(format!("bad {name}"))?;
        Ok(kib / 1024.0)
    };
    Ok((field("VmHWM:")?, field("VmRSS:")?))
}

/// CPU time (user + system) used so far by `pid` (`self` for this process), in seconds; the
/// kernel counts in ticks of 1/100 s on Linux.
pub fn cpu_seconds(pid: &str) -> Result<f64, String> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).map_err(|e| e.to_string())?;
    // Fields after the command name (which may contain spaces) closed by `)`.
    let after = stat.rsplit_once(')').map(|(_, rest)| rest).ok_or("bad stat")?;
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|v| v.parse::<f64>().ok()).ok_or("bad stat field");
    // utime and stime are fields 14 and 15 of the line: indexes 11 and 12 after the name.
    Ok((ticks(11)? + ticks(12)?) / 100.0)
}
