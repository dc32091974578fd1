//! The public page in a real browser: Debian's chromium, headless, driven through chromedriver
//! with fantoccini. The real binary seeds a database and serves it with `kairyluu web`; the page
//! must show its three charts as SVG with data, and a screenshot is kept under
//! `target/browser-artifacts/`. Without chromedriver the test fails in CI (`CI=true`) and is
//! skipped, saying so, elsewhere.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{ClientBuilder, Locator};
use support::{Running, Sandbox, binary, free_port};

/// The first of `names` found on PATH.
fn on_path(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).flat_map(|dir| names.iter().map(move |n| dir.join(n))).find(|p| p.is_file())
}

/// target/, next to the binary under test.
fn target_dir() -> PathBuf {
    binary().parent().and_then(Path::parent).unwrap().to_path_buf()
}

/// Starts `kairyluu web` on a free port and returns it with the page's address, read from the
/// line it prints.
fn web(sandbox: &Sandbox) -> (Running, String) {
    let mut child = Command::new(binary())
        .arg("web")
        .env_clear()
        .current_dir(sandbox.dir.path())
        .env("DATABASE_URL", sandbox.database_url())
        .env("KAIRYLUU_HTTP_ADDR", "127.0.0.1:0")
        .env("KAIRYLUU_LOG", "warn")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let url = line.split_whitespace().find(|w| w.starts_with("http://")).unwrap_or_else(|| panic!("{line}")).to_owned();
    (Running(child), url)
}

#[tokio::test]
async fn the_public_page_draws_its_charts_in_chromium() {
    let (Some(driver), Some(browser)) =
        (on_path(&["chromedriver"]), on_path(&["chromium", "chromium-browser", "google-chrome"]))
    else {
        let ci = std::env::var("CI").is_ok_and(|v| v == "true");
        assert!(!ci, "CI=true but chromium or chromedriver is missing: apt-get install -y chromium chromium-driver");
        eprintln!(
            "browser_public: SKIPPED, chromium or chromedriver is not installed (apt-get install -y chromium chromium-driver)"
        );
        return;
    };
    let sandbox = Sandbox::new();
    sandbox.run(&["seed", "--tickets", "600"], &[]).ok();
    let (_web, url) = web(&sandbox);

    let port = free_port();
    let _driver = Running(
        Command::new(driver).arg(format!("--port={port}")).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap(),
    );
    let capabilities = serde_json::json!({
        "goog:chromeOptions": {
            "binary": browser.display().to_string(),
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1000,2400"]
        }
    });
    let capabilities = capabilities.as_object().cloned().unwrap();
    // chromedriver takes a moment to listen.
    let started = Instant::now();
    let client = loop {
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        match ClientBuilder::new(connector)
            .capabilities(capabilities.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
        {
            Ok(client) => break client,
            Err(error) if started.elapsed() < Duration::from_secs(20) => {
                let _ = error;
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            Err(error) => panic!("chromedriver did not start: {error}"),
        }
    };

    let artifacts = target_dir().join("browser-artifacts");
    std::fs::create_dir_all(&artifacts).unwrap();
    for (lang, heading) in [("ky", "Мөөнөтүндө"), ("ru", "Доля ответов в срок"), ("en", "Share answered on time")]
    {
        client.goto(&format!("{url}?lang={lang}")).await.unwrap();
        let title = client.find(Locator::Css("#on-time h2")).await.unwrap().text().await.unwrap();
        assert!(title.contains(heading), "{lang}: {title}");
        // Chart 1: a bar per agency with enough tickets, and its label with a percentage.
        let bars = client.find_all(Locator::Css("#on-time svg rect")).await.unwrap();
        assert!(bars.len() > 10, "{lang}: {} rects in the on-time chart", bars.len());
        let labels = client.find(Locator::Css("#on-time svg")).await.unwrap().text().await.unwrap();
        assert!(labels.contains('%'), "{lang}: {labels}");
        // Chart 2: bars and 90th-percentile marks; chart 3: a dot per month and line.
        let response = client.find_all(Locator::Css("#response svg rect")).await.unwrap();
        assert!(response.len() > 10, "{lang}: {}", response.len());
        let dots = client.find_all(Locator::Css("#trend svg circle")).await.unwrap();
        assert!(dots.len() >= 4, "{lang}: {} dots in the trend", dots.len());
        // The charts are laid out with a size (the stylesheet came from the binary).
        let svg = client.find(Locator::Css("#trend svg")).await.unwrap();
        let (_, _, width, height) = svg.rectangle().await.unwrap();
        assert!(width > 300.0 && height > 100.0, "{lang}: the trend chart is {width}×{height}");
        let png = client.screenshot().await.unwrap();
        std::fs::write(artifacts.join(format!("public-page-{lang}.png")), &png).unwrap();
    }
    // The table sorts by a click on a header, no JavaScript involved.
    client.goto(&format!("{url}?lang=en")).await.unwrap();
    client.find(Locator::LinkText("Received")).await.unwrap().click().await.unwrap();
    let sorted = client.current_url().await.unwrap();
    assert!(sorted.as_str().contains("sort=received"), "{sorted}");
    assert!(client.find(Locator::Css("th[aria-sort='descending']")).await.is_ok());
    client.close().await.unwrap();
}
