//! One file per command; this one dispatches and maps failures to exit codes.

mod agencies;
mod bench;
mod bench_jobs;
mod chat;
mod jobs;
mod migrate;
mod officers;
mod seed;
mod serve;
mod ticket;
mod web;

use anyhow::Context;

use crate::cli::{ClassifierCommand, Cli, Command};
use crate::settings::ConfigError;

/// Runs the command the user asked for.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    let config = cli.config.as_deref();
    match cli.command {
        Command::Classify => {
            let stdin = std::io::stdin().lock();
            let stdout = std::io::stdout().lock();
            crate::classifier_cmd::classify(stdin, std::io::BufWriter::new(stdout))
        }
        Command::Classifier(ClassifierCommand::Train { corpus, out }) => crate::classifier_cmd::train(&corpus, &out),
        Command::Classifier(ClassifierCommand::Eval { file }) => {
            crate::classifier_cmd::eval(&file, std::io::stdout().lock())
        }
        command => {
            let loaded = crate::app::load_settings(config)?;
            let runtime = tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
            runtime.block_on(async move {
                match command {
                    Command::Serve => serve::run(loaded).await,
                    Command::Web { real_only } => web::run(loaded, real_only).await,
                    Command::Migrate => migrate::run(loaded).await,
                    Command::Chat { chat_id, lang } => chat::run(loaded, chat_id, lang).await,
                    Command::Agencies { action: None } => agencies::run(loaded).await,
                    Command::Agencies { action: Some(action) } => officers::agencies(loaded, action).await,
                    Command::Officers(command) => officers::run(loaded, command).await,
                    Command::Ticket(ticket) => ticket::run(loaded, ticket).await,
                    Command::Bench(args) => bench::run(loaded, args).await,
                    Command::Jobs(command) => jobs::run(loaded, command).await,
                    Command::Seed(args) => seed::run(loaded, args).await,
                    Command::BenchJobs(args) => bench_jobs::run(args).await,
                    Command::Classify | Command::Classifier(_) => Ok(()),
                }
            })
        }
    }
}

/// 2 for a configuration the program cannot use (as for bad arguments), 1 for anything else.
pub fn exit_code(error: &anyhow::Error) -> u8 {
    if error.downcast_ref::<ConfigError>().is_some() { 2 } else { 1 }
}
