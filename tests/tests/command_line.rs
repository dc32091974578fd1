//! The `kairyluu` binary, driven from outside as an operator would.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use support::Sandbox;

#[test]
fn migrate_creates_a_fresh_sqlite_database_and_can_run_again() {
    let sandbox = Sandbox::new();
    let first = sandbox.run(&["migrate"], &[]).ok();
    assert!(first.contains("is up to date (18 agencies)"), "{first}");
    assert!(sandbox.dir.path().join("kairyluu.db").exists());
    sandbox.run(&["migrate"], &[]).ok();
}

#[test]
fn agencies_lists_all_eighteen_with_the_statutory_terms() {
    let out = Sandbox::new().run(&["agencies"], &[]).ok();
    let rows: Vec<&str> = out.lines().skip(1).filter(|l| !l.starts_with(' ') && !l.is_empty()).collect();
    assert_eq!(rows.len(), 18, "{out}");
    let health = rows.iter().find(|r| r.starts_with("health ")).unwrap();
    assert!(health.contains("1 working day"), "{health}");
    assert!(health.contains("14 working days"), "{health}");
    assert!(health.contains("Министерство здравоохранения"), "{health}");
}

#[test]
fn the_answer_term_is_one_setting() {
    let sandbox = Sandbox::new();
    let config = sandbox.write("ten-days.toml", "[sla.default]\nresolution = { days = 10, unit = \"working\" }\n");
    let out = sandbox.run(&["--config", &config, "agencies"], &[]).ok();
    let health = out.lines().find(|r| r.starts_with("health ")).unwrap();
    assert!(health.contains("10 working days") && !health.contains("14 working days"), "{health}");
}

#[test]
fn a_ticket_opened_from_the_command_line_can_be_shown() {
    let sandbox = Sandbox::new();
    let number =
        sandbox.run(&["ticket", "open", "--agency", "health", "--kind", "complaint", "--lang", "ky"], &[]).ok();
    let number = number.trim();
    assert!(number.starts_with("KR-") && number.len() == "KR-2026-000001".len(), "{number}");
    let shown = sandbox.run(&["ticket", "show", number], &[]).ok();
    assert!(shown.contains("status              new"), "{shown}");
    assert!(shown.contains("health (Министерство здравоохранения)"), "{shown}");
    assert!(shown.contains("resolution due"), "{shown}");
    assert!(shown.contains("open"), "{shown}");
}

#[test]
fn a_corruption_report_is_routed_to_anticorruption_and_names_the_accused_body() {
    let sandbox = Sandbox::new();
    let secret = "the officer at window 3 asked for 5000 som";
    let number = sandbox
        .run(
            &[
                "ticket",
                "open",
                "--agency",
                "anticorruption",
                "--kind",
                "corruption",
                "--implicated",
                "police",
                "--text",
                secret,
            ],
            &[],
        )
        .ok();
    let shown = sandbox.run(&["ticket", "show", number.trim()], &[]).ok();
    assert!(shown.contains("agency              anticorruption"), "{shown}");
    assert!(shown.contains("implicated          police"), "{shown}");
    assert!(!shown.contains(secret), "the message text must not be printed: {shown}");
    let refused = sandbox.run(&["ticket", "open", "--agency", "police", "--kind", "corruption"], &[]).fails(1);
    assert!(refused.contains("goes to `anticorruption`"), "{refused}");
    let args = ["ticket", "open", "--agency", "anticorruption", "--kind", "corruption", "--implicated", "mayor"];
    let unknown = sandbox.run(&args, &[]).fails(1);
    assert!(unknown.contains("unknown agency `mayor`"), "{unknown}");
}

#[test]
fn an_unknown_or_malformed_ticket_number_is_one_clear_error() {
    let sandbox = Sandbox::new();
    let missing = sandbox.run(&["ticket", "show", "KR-2026-999999"], &[]).fails(1);
    assert!(missing.contains("no ticket KR-2026-999999"), "{missing}");
    let malformed = sandbox.run(&["ticket", "show", "12345"], &[]).fails(1);
    assert!(malformed.contains("is not a ticket number"), "{malformed}");
}

#[test]
fn a_database_url_of_another_kind_is_refused() {
    let line = Sandbox::new().run(&["migrate"], &[("DATABASE_URL", "mysql://root@localhost/k")]).fails(1);
    assert!(line.contains("is not a sqlite:// or postgres:// URL"), "{line}");
    let line = Sandbox::new().run(&["migrate"], &[("DATABASE_URL", "kairyluu.db")]).fails(2);
    assert!(line.contains("DATABASE_URL") && line.contains("not a URL"), "{line}");
}

#[test]
fn an_unwritable_database_path_is_named() {
    let sandbox = Sandbox::new();
    let blocked = sandbox.dir.path().join("not-a-dir");
    std::fs::write(&blocked, "a file where a directory should be").unwrap();
    let url = format!("sqlite://{}/kairyluu.db", blocked.display());
    let line = sandbox.run(&["migrate"], &[("DATABASE_URL", &url)]).fails(1);
    assert!(line.contains("cannot open the SQLite database") && line.contains("not-a-dir"), "{line}");
}

#[test]
fn an_unreachable_postgresql_is_named() {
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    let line = Sandbox::new().run(&["migrate"], &[("DATABASE_URL", "postgres://postgres@127.0.0.1:1/test")]).fails(1);
    assert!(line.contains("cannot connect to PostgreSQL at `postgres://postgres@127.0.0.1:1/test`"), "{line}");
    assert!(line.to_lowercase().contains("refused"), "{line}");
}

#[test]
fn a_malformed_configuration_file_names_the_line_and_the_field() {
    let sandbox = Sandbox::new();
    let wrong_type = sandbox.write("a.toml", "[database]\nurl = \"sqlite://x.db\"\nmax_connections = \"eight\"\n");
    let line = sandbox.run(&["--config", &wrong_type, "agencies"], &[]).fails(2);
    assert!(line.contains("a.toml:3") && line.contains("database.max_connections"), "{line}");

    let broken = sandbox.write("b.toml", "[lifecycle]\nreopen_window_days = 30\n[database\n");
    let line = sandbox.run(&["--config", &broken, "agencies"], &[]).fails(2);
    assert!(line.contains("b.toml:3"), "{line}");

    let typo = sandbox.write("c.toml", "[telegram]\napi_urll = \"http://127.0.0.1:8081\"\n");
    let line = sandbox.run(&["--config", &typo, "agencies"], &[]).fails(2);
    assert!(line.contains("c.toml:2") && line.contains("api_urll"), "{line}");
}

#[test]
fn an_unknown_agency_code_in_configuration_is_refused() {
    let sandbox = Sandbox::new();
    let config =
        sandbox.write("agencies.toml", "\n[agencies.helth]\nname_ky = \"a\"\nname_ru = \"b\"\nname_en = \"c\"\n");
    let line = sandbox.run(&["--config", &config, "agencies"], &[]).fails(2);
    assert!(line.contains("agencies.toml:2") && line.contains("unknown agency code `helth`"), "{line}");

    let parent = sandbox.write(
        "parent.toml",
        "[agencies.bishkek]\nname_ky = \"a\"\nname_ru = \"b\"\nname_en = \"c\"\nparent = \"nowhere\"\n",
    );
    let line = sandbox.run(&["--config", &parent, "agencies"], &[]).fails(2);
    assert!(line.contains("unknown agency code `nowhere`"), "{line}");
}

#[test]
fn serve_says_in_one_line_that_the_bot_token_is_missing() {
    let sandbox = Sandbox::new();
    let line = sandbox.run(&["serve"], &[("KAIRYLUU_LOG", "off")]).fails(1);
    assert!(line.contains("bot token is missing") && line.contains("TELOXIDE_TOKEN"), "{line}");
}

#[test]
fn environment_variables_override_the_configuration() {
    let sandbox = Sandbox::new();
    let line = sandbox.run(&["agencies"], &[("KAIRYLUU__LIFECYCLE__REOPEN_WINDOW_DAYS", "many")]).fails(2);
    assert!(
        line.contains("KAIRYLUU__LIFECYCLE__REOPEN_WINDOW_DAYS") && line.contains("lifecycle.reopen_window_days"),
        "{line}"
    );
}

#[test]
fn http_and_statistics_settings_are_checked_at_start() {
    let sandbox = Sandbox::new();
    let line = sandbox.run(&["agencies"], &[("KAIRYLUU_HTTP_ADDR", "localhost-8080")]).fails(2);
    assert!(line.contains("KAIRYLUU_HTTP_ADDR") && line.contains("http.addr"), "{line}");

    let line = sandbox.run(&["agencies"], &[("KAIRYLUU__STATISTICS__MIN_CELL", "1")]).fails(2);
    assert!(line.contains("statistics.min_cell") && line.contains("at least 2"), "{line}");

    // An empty address turns the HTTP side off: not an error.
    sandbox.run(&["agencies"], &[("KAIRYLUU_HTTP_ADDR", "")]).ok();
}
