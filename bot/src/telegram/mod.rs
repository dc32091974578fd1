//! The Telegram adapter: long polling or a webhook into the inbox, the handler tree that turns
//! updates into dialogue events, and the outbox sender.

pub mod cards;
pub mod convert;
pub mod handler;
pub mod inbox;
pub mod lanes;
pub mod outgoing;
pub mod sender;
pub mod webhook;
pub mod worker;

#[cfg(test)]
pub(crate) mod handler_tests;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use teloxide::prelude::*;
use teloxide::types::BotCommand;
use tokio::sync::Notify;

use crate::app::App;
use crate::conversation::Conversation;
use handler::BotDeps;
use sender::{Sender, SenderConfig};

/// The Bot API client for `token`, and the bot's own id (getMe), which keys its inbox rows.
pub async fn connect(token: &str, api_url: &str) -> anyhow::Result<(Bot, i64)> {
    let url = reqwest_url(api_url)?;
    let bot = Bot::new(token).set_api_url(url);
    let me = bot.get_me().await.context("the Bot API did not accept the token (getMe failed)")?;
    let bot_id = i64::try_from(me.id.0).unwrap_or(i64::MAX);
    tracing::info!(bot = %me.username(), "connected to the Bot API");
    Ok((bot, bot_id))
}

/// How updates arrive.
pub enum Updates {
    /// `getUpdates`, written to the inbox here.
    Polling,
    /// Telegram posts them to `url`, where [`webhook::router`] (already serving) keeps them in the
    /// inbox and wakes `work`; `secret` (may be empty) is the header it must carry.
    Webhook { url: String, secret: String },
}

/// Runs the bot until Ctrl-C; `work` is woken whenever updates were kept in the inbox.
pub async fn serve(app: App, bot: Bot, bot_id: i64, updates: Updates, work: Arc<Notify>) -> anyhow::Result<()> {
    let polling = match updates {
        Updates::Polling => {
            // Long polling and a webhook exclude each other.
            bot.delete_webhook().await.context("cannot remove the webhook (needed for long polling)")?;
            Some(tokio::spawn(inbox::poll(bot.clone(), app.store.clone(), bot_id, work.clone())))
        }
        Updates::Webhook { url, secret } => {
            // Every replica sets the same webhook, which is harmless; none deletes it on stop, so
            // the others keep receiving.
            let mut request = bot.set_webhook(reqwest_url(&url)?);
            if !secret.is_empty() {
                request.secret_token = Some(secret);
            }
            request.await.context("setWebhook failed (telegram.webhook_url)")?;
            tracing::info!("receiving updates by webhook");
            None
        }
    };
    let polling = async move {
        match polling {
            Some(task) => task.await,
            None => std::future::pending().await,
        }
    };
    for lang in [dialogs::UiLang::Ky, dialogs::UiLang::Ru] {
        let commands = dialogs::command_menu(lang).into_iter().map(|c| BotCommand::new(c.command, c.description));
        let mut request = bot.set_my_commands(commands);
        request.language_code = Some(match lang {
            dialogs::UiLang::Ky => "ky".to_owned(),
            dialogs::UiLang::Ru => "ru".to_owned(),
        });
        if let Err(error) = request.await {
            tracing::warn!(%error, "cannot set the command menu");
        }
    }
    let limits = app.loaded.settings.limits.clone();
    let conversation = Conversation::new(app.desk.clone(), limits.appeals_per_hour);
    let worker_name = format!("pid-{}", std::process::id());
    let telegram = &app.loaded.settings.telegram;
    let sending = SenderConfig {
        per_second: telegram.messages_per_second,
        per_chat_per_second: telegram.messages_per_chat_per_second,
        per_group_per_minute: telegram.messages_per_group_per_minute,
        ..SenderConfig::default()
    };
    let sender = Arc::new(Sender::new(bot.clone(), app.store.clone(), sending, worker_name));
    let deps = Arc::new(
        BotDeps::new(app.store.clone(), conversation, sender.clone(), bot_id, limits.messages_per_minute)
            .with_web(crate::web_commands::WebCommands::of(&app)),
    );
    let sending = tokio::spawn(sender.run(Duration::from_millis(200)));
    tokio::spawn(
        crate::scheduler::Scheduler::new(
            app.desk.clone(),
            app.loaded.calendar.clone(),
            format!("pid-{}", std::process::id()),
        )
        .run(Duration::from_secs(5)),
    );
    let working = tokio::spawn(worker::run(bot, deps, work));
    tokio::select! {
        _ = tokio::signal::ctrl_c() => tracing::info!("stopping"),
        result = polling => tracing::error!(?result, "the poller stopped"),
        result = working => tracing::error!(?result, "the worker stopped"),
        result = sending => tracing::error!(?result, "the sender stopped"),
    }
    Ok(())
}

fn reqwest_url(api_url: &str) -> anyhow::Result<url::Url> {
    url::Url::parse(api_url).with_context(|| format!("TELEGRAM_API_URL `{api_url}` is not a URL"))
}
