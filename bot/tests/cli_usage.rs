//! The command line's own contract: commands listed, usage errors exit 2. (Also makes
//! `cargo test` build the `kairyluu` binary that the black-box tests in `tests/` run.)

#![allow(clippy::unwrap_used)]

use std::process::Command;

fn kairyluu(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_kairyluu")).args(args).env_clear().output().unwrap()
}

#[test]
fn help_lists_every_command() {
    let out = kairyluu(&["--help"]);
    assert!(out.status.success());
    let help = String::from_utf8_lossy(&out.stdout);
    for command in ["serve", "migrate", "agencies", "ticket", "bench", "classify", "classifier"] {
        assert!(help.contains(command), "`{command}` missing from:\n{help}");
    }
}

#[test]
fn an_unknown_command_is_a_usage_error() {
    let out = kairyluu(&["frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
}
