//! The ceiling for the bot throughput benchmark: a bare teloxide bot with no database and no
//! logic. It echoes every text message and answers every button press (then sends the button's
//! data back), so each update of a conversation gets one message, as a citizen expects.
//!
//! ```text
//! TELOXIDE_TOKEN=… TELEGRAM_API_URL=http://127.0.0.1:PORT target/release/examples/echo_bot
//! ```

use teloxide::prelude::*;

type HandlerResult = Result<(), teloxide::RequestError>;

async fn echo(bot: Bot, message: Message) -> HandlerResult {
    bot.send_message(message.chat.id, message.text().unwrap_or("…")).await?;
    Ok(())
}

async fn answer(bot: Bot, query: CallbackQuery) -> HandlerResult {
    bot.answer_callback_query(query.id.clone()).await?;
    if let Some(message) = &query.message {
        bot.send_message(message.chat().id, query.data.unwrap_or_default()).await?;
    }
    Ok(())
}

#[tokio::main]
async fn main() {
    let token = std::env::var("TELOXIDE_TOKEN").unwrap_or_default();
    let mut bot = Bot::new(token);
    if let Ok(url) = std::env::var("TELEGRAM_API_URL") {
        match url::Url::parse(&url) {
            Ok(url) => bot = bot.set_api_url(url),
            Err(error) => {
                eprintln!("error: TELEGRAM_API_URL `{url}` is not a URL: {error}");
                std::process::exit(2);
            }
        }
    }
    let handler = dptree::entry()
        .branch(Update::filter_message().endpoint(echo))
        .branch(Update::filter_callback_query().endpoint(answer));
    Dispatcher::builder(bot, handler).build().dispatch().await;
}
