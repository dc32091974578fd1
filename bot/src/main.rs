//! `kairyluu`: the one binary. Parses the command line and hands over to the command; every
//! failure ends as one clear line on stderr and a non-zero exit, never a panic.

mod app;
mod classifier_cmd;
mod cli;
mod commands;
mod console_state;
#[cfg(test)]
mod console_tests;
mod conversation;
mod digest;
mod officer;
mod scheduler;
mod settings;
mod telegram;
mod telemetry;
mod web_commands;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    telemetry::init(cli.command.default_log_level());
    match commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // `{:#}` prints the whole context chain on one line: "what we were doing: why".
            eprintln!("error: {error:#}");
            ExitCode::from(commands::exit_code(&error))
        }
    }
}
