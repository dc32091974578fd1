//! `kairyluu chat`, driven through its standard input as a person at a terminal would.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::io::Write;
use std::process::{Command, Stdio};

use support::{Sandbox, binary};

fn chat(sandbox: &Sandbox, args: &[&str], input: &str) -> String {
    let mut child = Command::new(binary())
        .arg("chat")
        .args(args)
        .env_clear()
        .env("DATABASE_URL", sandbox.database_url())
        .current_dir(sandbox.dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn a_console_citizen_files_a_complaint_with_numbered_buttons() {
    let sandbox = Sandbox::new();
    // Russian; complaint; the description; done; (confirm the health guess); Bishkek; reply here; send.
    let input = "2\n1\nВ поликлинике №3 третий день нет врача, очередь с 6 утра\n1\n1\n1\n1\n1\n";
    let out = chat(&sandbox, &[], input);
    assert!(out.contains("Выберите язык"), "{out}");
    assert!(out.contains("[1] 📝 Подать жалобу"), "{out}");
    assert!(out.contains("Министерство здравоохранения"), "{out}");
    let registered = out.lines().find(|l| l.contains("Номер: KR-")).unwrap_or_else(|| panic!("{out}"));
    let number = registered.split("Номер: ").nth(1).unwrap().trim_end_matches('.');
    let shown = sandbox.run(&["ticket", "show", number], &[]).ok();
    assert!(shown.contains("agency              health"), "{shown}");
    assert!(shown.contains("region              bishkek"), "{shown}");
}

#[test]
fn a_console_conversation_continues_where_it_stopped() {
    let sandbox = Sandbox::new();
    chat(&sandbox, &["--lang", "ky"], "1\n");
    // The same console citizen comes back: the dialogue state was kept in the database.
    let out = chat(&sandbox, &["--lang", "ky"], "/my\n");
    assert!(out.contains("Саламатсызбы") || out.contains("Эмне жардам"), "{out}");
    assert!(!out.contains("Выберите язык"), "the language was remembered: {out}");
}

#[test]
fn a_button_number_that_is_not_on_screen_is_refused() {
    let sandbox = Sandbox::new();
    let out = chat(&sandbox, &["--lang", "ru"], "99\n");
    assert!(out.contains("(no such button)"), "{out}");
}
