//! Runs the real `kairyluu` binary with a clean environment and a fresh database.

#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

pub mod conversation;

use std::path::PathBuf;
use std::process::{Command, Output};

/// The binary that `cargo test --workspace` built next to this test (or `KAIRYLUU_BIN`). Run
/// these tests through the workspace: `cargo test -p e2e` alone does not rebuild the binary.
pub fn binary() -> PathBuf {
    if let Some(path) = std::env::var_os("KAIRYLUU_BIN") {
        return PathBuf::from(path);
    }
    // target/<profile>/deps/<this test> → target/<profile>/kairyluu
    let exe = std::env::current_exe().unwrap();
    let path = exe.parent().and_then(|deps| deps.parent()).unwrap().join("kairyluu");
    assert!(path.exists(), "{} is missing: run `cargo test --workspace` (or set KAIRYLUU_BIN)", path.display());
    path
}

/// A port free a moment ago, for a listener the program under test binds (`http.addr`).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Waits until `done` says so, checking every 50 ms; fails the test after 30 s, naming `what`.
pub async fn until(what: &str, mut done: impl AsyncFnMut() -> bool) {
    let start = std::time::Instant::now();
    while !done().await {
        assert!(start.elapsed() < std::time::Duration::from_secs(30), "timed out waiting for {what}");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

/// A scratch directory with its own SQLite database.
pub struct Sandbox {
    pub dir: tempfile::TempDir,
}

impl Sandbox {
    pub fn new() -> Self {
        Self { dir: tempfile::tempdir().unwrap() }
    }

    pub fn database_url(&self) -> String {
        format!("sqlite://{}", self.dir.path().join("kairyluu.db").display())
    }

    /// Runs `kairyluu args…` with only `env` set (and the sandbox's database unless overridden).
    pub fn run(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let mut command = Command::new(binary());
        command.args(args).env_clear().current_dir(self.dir.path()).env("DATABASE_URL", self.database_url());
        for (key, value) in env {
            command.env(key, value);
        }
        Run(command.output().unwrap())
    }

    /// Starts `kairyluu serve` against the fake Bot API; the process is killed when the guard drops.
    pub fn serve(&self, api: &e2e::fake_bot_api::FakeBotApi) -> Running {
        self.serve_with(api, &self.database_url(), &[])
    }

    /// [`Sandbox::serve`] on `database`, with `env` added.
    pub fn serve_with(&self, api: &e2e::fake_bot_api::FakeBotApi, database: &str, env: &[(&str, &str)]) -> Running {
        let mut command = Command::new(binary());
        command
            .arg("serve")
            .env_clear()
            .current_dir(self.dir.path())
            .env("DATABASE_URL", database)
            .env("TELOXIDE_TOKEN", api.token())
            .env("TELEGRAM_API_URL", api.url())
            .env("KAIRYLUU_LOG", "warn")
            // The web side on a port of its own: tests run side by side.
            .env("KAIRYLUU_HTTP_ADDR", "127.0.0.1:0")
            .stdout(std::process::Stdio::null());
        for (key, value) in env {
            command.env(key, value);
        }
        Running(command.spawn().unwrap())
    }

    pub fn write(&self, name: &str, text: &str) -> String {
        let path = self.dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path.display().to_string()
    }
}

/// A running `kairyluu` process, killed (like `kill -9`) when dropped.
pub struct Running(pub std::process::Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// What a run printed and how it ended.
pub struct Run(pub Output);

impl Run {
    pub fn code(&self) -> Option<i32> {
        self.0.status.code()
    }

    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.0.stdout).into_owned()
    }

    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.0.stderr).into_owned()
    }

    /// Asserts success and returns stdout.
    pub fn ok(&self) -> String {
        assert_eq!(self.code(), Some(0), "stdout:\n{}\nstderr:\n{}", self.stdout(), self.stderr());
        self.stdout()
    }

    /// Asserts a failure with `code` and a single error line, and returns that line.
    pub fn fails(&self, code: i32) -> String {
        assert_eq!(self.code(), Some(code), "stdout:\n{}\nstderr:\n{}", self.stdout(), self.stderr());
        let stderr = self.stderr();
        let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(lines.len(), 1, "expected one error line, got:\n{stderr}");
        assert!(lines[0].starts_with("error: "), "{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        lines[0].to_owned()
    }
}
