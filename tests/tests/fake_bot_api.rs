//! The fake Bot API, driven over real HTTP on loopback the way teloxide drives it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use e2e::fake_bot_api::{FakeBotApi, FakeError};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const SOON: Duration = Duration::from_secs(5);

/// A minimal HTTP/1.1 client: one request per connection, answers `(status, body)`.
async fn request(api: &FakeBotApi, path: &str, content_type: &str, body: &[u8]) -> (u16, Value) {
    let address = api.url().trim_start_matches("http://").to_owned();
    let mut stream = TcpStream::connect(&address).await.expect("the fake listens");
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {address}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await.expect("request written");
    stream.write_all(body).await.expect("body written");
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await.expect("answer read");
    let answer = String::from_utf8(answer).expect("a UTF-8 answer");
    let (head, body) = answer.split_once("\r\n\r\n").expect("a head and a body");
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).expect("a status line");
    (status, serde_json::from_str(body).expect("a JSON body"))
}

/// Calls `method` with JSON parameters, as teloxide does (capitalised method name included).
async fn call(api: &FakeBotApi, method: &str, params: Value) -> (u16, Value) {
    let path = format!("/bot{}/{method}", api.token());
    request(api, &path, "application/json", params.to_string().as_bytes()).await
}

fn result(answer: (u16, Value)) -> Value {
    assert_eq!(answer.0, 200, "answer: {}", answer.1);
    assert_eq!(answer.1["ok"], json!(true));
    answer.1["result"].clone()
}

#[tokio::test]
async fn long_polling_hands_out_a_queued_update_until_the_bot_confirms_it() {
    let api = FakeBotApi::start().await;
    let aigul = api.user(1001, "Айгүл", "ky");
    let sent = aigul.send_text("Салам");

    let updates = result(call(&api, "GetUpdates", json!({ "timeout": 10 })).await);
    let update = &updates[0];
    assert_eq!(update["message"]["message_id"], json!(sent));
    assert_eq!(update["message"]["text"], json!("Салам"));
    assert_eq!(update["message"]["chat"], json!({ "id": 1001, "type": "private", "first_name": "Айгүл" }));
    assert_eq!(update["message"]["from"]["language_code"], json!("ky"));
    assert_eq!(update["message"]["from"]["is_bot"], json!(false));
    let first = update["update_id"].as_i64().expect("an update id");

    // Not confirmed yet: handed out again.
    let again = result(call(&api, "getUpdates", json!({ "offset": first })).await);
    assert_eq!(again[0]["update_id"], json!(first));

    aigul.send_command("/start rate_cson");
    let next = result(call(&api, "getUpdates", json!({ "offset": first + 1 })).await);
    assert_eq!(next.as_array().map(Vec::len), Some(1));
    assert!(next[0]["update_id"].as_i64() > Some(first), "update ids increase");
    assert_eq!(next[0]["message"]["entities"], json!([{ "type": "bot_command", "offset": 0, "length": 6 }]));
    assert_eq!(api.pending_updates(), 1);
}

#[tokio::test]
async fn long_polling_respects_the_limit() {
    let api = FakeBotApi::start().await;
    let bakyt = api.user(1002, "Бакыт", "ru");
    for text in ["1", "2", "3"] {
        bakyt.send_text(text);
    }
    let updates = result(call(&api, "getUpdates", json!({ "limit": 2 })).await);
    assert_eq!(updates.as_array().map(Vec::len), Some(2));
}

#[tokio::test]
async fn a_long_poll_with_nothing_queued_answers_an_empty_list_after_its_timeout() {
    let api = FakeBotApi::start().await;
    let started = Instant::now();
    let updates = result(call(&api, "getUpdates", json!({ "timeout": 1 })).await);
    let waited = started.elapsed();
    assert_eq!(updates, json!([]));
    assert!(waited >= Duration::from_secs(1), "answered after {waited:?}");
    assert!(waited < Duration::from_secs(3), "answered after {waited:?}");
}

#[tokio::test]
async fn a_long_poll_wakes_as_soon_as_a_citizen_writes() {
    let api = FakeBotApi::start().await;
    let aigul = api.user(1001, "Айгүл", "ky");
    let started = Instant::now();
    let (answer, ()) = tokio::join!(call(&api, "getUpdates", json!({ "timeout": 30 })), async {
        tokio::time::sleep(Duration::from_millis(200)).await;
        aigul.send_text("жардам");
    });
    assert_eq!(result(answer)[0]["message"]["text"], json!("жардам"));
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[tokio::test]
async fn send_message_answers_a_message_and_is_recorded_for_its_chat() {
    let api = FakeBotApi::start().await;
    let keyboard = json!({ "inline_keyboard": [[{ "text": "Арыз", "callback_data": "menu:complaint" }]] });
    let message = result(
        call(&api, "SendMessage", json!({ "chat_id": 1001, "text": "Кош келиңиз", "reply_markup": keyboard })).await,
    );
    assert!(message["message_id"].as_i64().is_some());
    assert!(message["date"].as_i64().is_some());
    assert_eq!(message["chat"]["id"], json!(1001));
    assert_eq!(message["chat"]["type"], json!("private"));
    assert_eq!(message["from"]["username"], json!("kairyluu_test_bot"));
    assert_eq!(message["text"], json!("Кош келиңиз"));
    assert_eq!(message["reply_markup"], keyboard);

    let reply_keyboard = json!({ "keyboard": [[{ "text": "Бишкек" }]], "resize_keyboard": true });
    let other = result(
        call(&api, "sendMessage", json!({ "chat_id": 1002, "text": "Шаар?", "reply_markup": reply_keyboard })).await,
    );
    assert!(other.get("reply_markup").is_none(), "a reply keyboard is never part of a Message");
    assert!(other["message_id"].as_i64() > message["message_id"].as_i64());

    let to_first = api.calls_to(1001);
    assert_eq!(to_first.len(), 1);
    assert_eq!(to_first[0].method, "sendMessage");
    assert_eq!(to_first[0].button("Арыз").as_deref(), Some("menu:complaint"));
    assert_eq!(api.sent_texts(1001), ["Кош келиңиз"]);
    assert_eq!(api.calls_to(1002)[0].keyboard(), ["Бишкек"]);
    assert_eq!(api.count("sendMessage"), 2);
    assert_eq!(api.send_message_times(1001).len(), 1);
    assert_eq!(api.send_message_log().len(), 2);
}

#[tokio::test]
async fn waiting_for_a_message_returns_each_new_message_once() {
    let api = FakeBotApi::start().await;
    let aigul = api.user(1001, "Айгүл", "ky");
    result(call(&api, "sendMessage", json!({ "chat_id": 1001, "text": "биринчи" })).await);
    result(call(&api, "sendMessage", json!({ "chat_id": 1002, "text": "башкага" })).await);

    let first = aigul.next_message(SOON).await.expect("the first message");
    assert_eq!(first.text(), Some("биринчи"));
    assert!(api.wait_for_message_to(1001, Duration::from_millis(200)).await.is_none(), "nothing new yet");

    let (second, _) = tokio::join!(aigul.next_message(SOON), async {
        tokio::time::sleep(Duration::from_millis(100)).await;
        call(&api, "sendMessage", json!({ "chat_id": 1001, "text": "экинчи" })).await
    });
    assert_eq!(second.expect("the second message").text(), Some("экинчи"));

    let other = api.wait_for(|call| call.method == "sendMessage" && call.text() == Some("башкага"), SOON).await;
    assert_eq!(other.and_then(|call| call.chat_id()), Some(1002));
}

#[tokio::test]
async fn a_pressed_button_carries_the_message_it_was_on_and_edits_behave_as_in_telegram() {
    let api = FakeBotApi::start().await;
    let aigul = api.user(1001, "Айгүл", "ky");
    let keyboard = json!({ "inline_keyboard": [[{ "text": "1", "callback_data": "rate:1" }]] });
    let sent = result(
        call(&api, "sendMessage", json!({ "chat_id": 1001, "text": "Баалаңыз", "reply_markup": keyboard })).await,
    );
    let id = sent["message_id"].as_i64().expect("a message id");

    let query_id = aigul.press("rate:1", id);
    let updates = result(call(&api, "getUpdates", json!({})).await);
    let query = &updates[0]["callback_query"];
    assert_eq!(query["id"], json!(query_id));
    assert_eq!(query["data"], json!("rate:1"));
    assert_eq!(query["from"]["id"], json!(1001));
    assert_eq!(query["message"]["message_id"], json!(id));
    assert_eq!(query["message"]["reply_markup"], keyboard);
    assert!(query["chat_instance"].is_string());

    result(call(&api, "answerCallbackQuery", json!({ "callback_query_id": query_id })).await);
    let edited =
        result(call(&api, "editMessageText", json!({ "chat_id": 1001, "message_id": id, "text": "Рахмат" })).await);
    assert_eq!(edited["text"], json!("Рахмат"));
    assert!(edited.get("reply_markup").is_none(), "an edit without a keyboard removes it");
    assert_eq!(api.message(1001, id).map(|m| m["text"].clone()), Some(json!("Рахмат")));

    let (status, body) =
        call(&api, "editMessageText", json!({ "chat_id": 1001, "message_id": id, "text": "Рахмат" })).await;
    assert_eq!(status, 400);
    assert!(body["description"].as_str().is_some_and(|d| d.starts_with("Bad Request: message is not modified")));

    result(call(&api, "deleteMessage", json!({ "chat_id": 1001, "message_id": id })).await);
    aigul.press("rate:1", id);
    let updates =
        result(call(&api, "getUpdates", json!({ "offset": updates[0]["update_id"].as_i64().map(|u| u + 1) })).await);
    assert_eq!(updates[0]["callback_query"]["message"]["date"], json!(0), "an old message is inaccessible");
}

#[tokio::test]
async fn a_citizen_can_send_media_locations_contacts_stickers_and_edits() {
    let api = FakeBotApi::start().await;
    let aigul = api.user(1001, "Айгүл", "");
    aigul.send_photo("photo-1", "чуңкур");
    aigul.send_location(42.87, 74.59);
    aigul.send_contact("+996700123456");
    aigul.send_sticker("sticker-1");
    let text = aigul.send_text("эски");
    aigul.edit_text(text, "жаңы");
    aigul.in_group(-100_123, "Officers").send_text("топтон");

    let updates = result(call(&api, "getUpdates", json!({})).await);
    assert_eq!(updates[0]["message"]["photo"][1]["file_id"], json!("photo-1"));
    assert_eq!(updates[0]["message"]["caption"], json!("чуңкур"));
    assert!(updates[0]["message"]["from"].get("language_code").is_none());
    assert_eq!(updates[1]["message"]["location"], json!({ "latitude": 42.87, "longitude": 74.59 }));
    assert_eq!(updates[2]["message"]["contact"]["user_id"], json!(1001));
    assert_eq!(updates[3]["message"]["sticker"]["file_id"], json!("sticker-1"));
    assert_eq!(updates[5]["edited_message"]["message_id"], json!(text));
    assert_eq!(updates[5]["edited_message"]["text"], json!("жаңы"));
    assert_eq!(updates[6]["message"]["chat"]["type"], json!("supergroup"));
    assert_eq!(updates[6]["message"]["from"]["id"], json!(1001));
}

#[tokio::test]
async fn copy_and_forward_carry_the_citizens_message() {
    let api = FakeBotApi::start().await;
    let aigul = api.user(1001, "Айгүл", "ky");
    let photo = aigul.send_photo("photo-1", "");
    let copied = result(
        call(&api, "copyMessage", json!({ "chat_id": -1_005, "from_chat_id": 1001, "message_id": photo })).await,
    );
    assert!(copied["message_id"].as_i64().is_some());
    assert_eq!(copied.as_object().map(|o| o.len()), Some(1), "copyMessage answers only the id");
    let forwarded = result(
        call(&api, "forwardMessage", json!({ "chat_id": -1_005, "from_chat_id": 1001, "message_id": photo })).await,
    );
    assert_eq!(forwarded["photo"][1]["file_id"], json!("photo-1"));
    assert_eq!(forwarded["forward_origin"]["sender_user"]["id"], json!(1001));
    assert_eq!(api.calls_to(-1_005).len(), 2);
}

#[tokio::test]
async fn multipart_requests_are_decoded_like_json_ones() {
    let api = FakeBotApi::start().await;
    let boundary = "XyZ";
    let mut body = String::new();
    for (name, value) in [
        ("chat_id", "1001"),
        ("photo", "photo-7"),
        ("caption", "42"),
        ("reply_markup", r#"{"inline_keyboard":[[{"text":"ok","callback_data":"ok"}]]}"#),
    ] {
        body.push_str(&format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"));
    }
    body.push_str(&format!("--{boundary}--\r\n"));
    let path = format!("/bot{}/SendPhoto", api.token());
    let message =
        result(request(&api, &path, &format!("multipart/form-data; boundary={boundary}"), body.as_bytes()).await);
    assert_eq!(message["photo"][1]["file_id"], json!("photo-7"));
    assert_eq!(message["caption"], json!("42"), "a caption stays text");
    assert_eq!(message["reply_markup"]["inline_keyboard"][0][0]["callback_data"], json!("ok"));
    let recorded = &api.calls_to(1001)[0];
    assert_eq!(recorded.method, "sendPhoto");
    assert_eq!(recorded.params["chat_id"], json!(1001));
}

#[tokio::test]
async fn fail_next_answers_429_with_retry_after_once() {
    let api = FakeBotApi::start().await;
    api.fail_next("sendMessage", FakeError::TooManyRequests { retry_after: 3 });
    let (status, body) = call(&api, "SendMessage", json!({ "chat_id": 1001, "text": "a" })).await;
    assert_eq!(status, 429);
    assert_eq!(
        body,
        json!({ "ok": false, "error_code": 429, "description": "Too Many Requests: retry after 3", "parameters": { "retry_after": 3 } })
    );
    result(call(&api, "sendMessage", json!({ "chat_id": 1001, "text": "a" })).await);
    assert_eq!(api.count("sendMessage"), 2);
    assert_eq!(api.sent_texts(1001), ["a"], "only the delivered message counts as sent");
    assert_eq!(api.calls_to(1001).len(), 2, "the refused call is recorded too");
}

#[tokio::test]
async fn a_citizen_who_blocked_the_bot_gets_nothing() {
    let api = FakeBotApi::start().await;
    api.user(1001, "Айгүл", "ky").block_bot();
    let (status, body) = call(&api, "sendMessage", json!({ "chat_id": 1001, "text": "a" })).await;
    assert_eq!(status, 403);
    assert_eq!(body["description"], json!("Forbidden: bot was blocked by the user"));
    api.fail_next("getMe", FakeError::Forbidden);
    assert_eq!(call(&api, "getMe", json!({})).await.0, 403);
}

#[tokio::test]
async fn unknown_methods_are_recorded_and_refused_and_a_wrong_token_is_unauthorised() {
    let api = FakeBotApi::start().await;
    let (status, body) = call(&api, "SendDice", json!({ "chat_id": 1001 })).await;
    assert_eq!(status, 404);
    assert_eq!(body, json!({ "ok": false, "error_code": 404, "description": "Not Found: method not found" }));
    assert_eq!(api.calls()[0].method, "sendDice");

    let (status, _) = request(&api, "/bot1:WRONG/getMe", "application/json", b"{}").await;
    assert_eq!(status, 401);
    assert_eq!(api.calls().len(), 1, "a stranger's calls are not recorded");
}

#[tokio::test]
async fn start_up_methods_answer_what_teloxide_expects() {
    let api = FakeBotApi::start().await;
    let me = result(call(&api, "GetMe", json!({})).await);
    assert_eq!(me["username"], json!("kairyluu_test_bot"));
    assert_eq!(me["is_bot"], json!(true));
    assert_eq!(result(call(&api, "GetWebhookInfo", json!({})).await)["url"], json!(""));
    assert_eq!(result(call(&api, "DeleteWebhook", json!({})).await), json!(true));

    let commands = json!([{ "command": "start", "description": "Баштоо" }]);
    result(call(&api, "SetMyCommands", json!({ "commands": commands, "language_code": "ky" })).await);
    assert_eq!(result(call(&api, "GetMyCommands", json!({ "language_code": "ky" })).await), commands);
    assert_eq!(result(call(&api, "GetMyCommands", json!({ "language_code": "ru" })).await), json!([]));

    let topic = result(call(&api, "CreateForumTopic", json!({ "chat_id": -1_009, "name": "T-0001" })).await);
    assert!(topic["message_thread_id"].as_i64().is_some());
    let chat = result(call(&api, "GetChat", json!({ "chat_id": 1001 })).await);
    assert_eq!(chat["type"], json!("private"));
    assert_eq!(result(call(&api, "SendChatAction", json!({ "chat_id": 1001, "action": "typing" })).await), json!(true));
    assert_eq!(api.call_counts().get("getMe"), Some(&1));
}

#[tokio::test]
async fn latency_delays_every_answer_and_shutdown_ends_a_long_poll() {
    let api = FakeBotApi::start().await;
    api.set_latency(Duration::from_millis(300));
    let started = Instant::now();
    result(call(&api, "getMe", json!({})).await);
    assert!(started.elapsed() >= Duration::from_millis(300));
    api.set_latency(Duration::ZERO);

    let url = api.url();
    let poll = tokio::spawn({
        let address = url.trim_start_matches("http://").to_owned();
        async move {
            let mut stream = TcpStream::connect(&address).await.expect("the fake listens");
            let body = r#"{"timeout":30}"#;
            let head = format!(
                "POST /bot123456:TEST/getUpdates HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            stream.write_all(head.as_bytes()).await.expect("request written");
            let mut answer = String::new();
            stream.read_to_string(&mut answer).await.expect("answer read");
            answer
        }
    });
    tokio::time::sleep(Duration::from_millis(200)).await;
    let started = Instant::now();
    api.shutdown().await;
    let answer = tokio::time::timeout(SOON, poll).await.expect("the poll ends").expect("the task ran");
    assert!(answer.ends_with(r#"{"ok":true,"result":[]}"#), "answer: {answer}");
    assert!(started.elapsed() < Duration::from_secs(3));
}

#[tokio::test]
async fn updates_of_kinds_the_bot_did_not_ask_for_are_never_delivered() {
    let api = FakeBotApi::start().await;
    let aigul = api.user(1001, "Айгүл", "ky");
    let id = aigul.send_text("эски");
    aigul.edit_text(id, "жаңы");
    let updates = result(call(&api, "getUpdates", json!({ "allowed_updates": ["message", "callback_query"] })).await);
    assert_eq!(updates.as_array().map(Vec::len), Some(1));
    assert!(updates[0].get("message").is_some());
}

mod with_teloxide {
    //! The real client the bot uses parses what the fake answers.

    use std::time::Duration;

    use e2e::fake_bot_api::{FakeBotApi, FakeError};
    use teloxide::RequestError;
    use teloxide::prelude::*;
    use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

    fn bot(api: &FakeBotApi) -> Bot {
        Bot::new(api.token()).set_api_url(api.url().parse().expect("a URL"))
    }

    #[tokio::test]
    async fn teloxide_gets_me_and_sends_a_message_with_a_keyboard() {
        let api = FakeBotApi::start().await;
        let bot = bot(&api);
        let me = bot.get_me().await.expect("getMe parses");
        assert_eq!(me.username.as_deref(), Some("kairyluu_test_bot"));

        let keyboard = InlineKeyboardMarkup::new([[InlineKeyboardButton::callback("Арыз", "menu:complaint")]]);
        let sent = bot.send_message(ChatId(1001), "Кош келиңиз").reply_markup(keyboard.clone()).await.expect("parses");
        assert_eq!(sent.text(), Some("Кош келиңиз"));
        assert_eq!(sent.reply_markup(), Some(&keyboard));
        assert_eq!(api.calls_to(1001)[0].method, "sendMessage");

        api.fail_next("sendMessage", FakeError::TooManyRequests { retry_after: 2 });
        let refused = bot.send_message(ChatId(1001), "again").await;
        assert!(matches!(refused, Err(RequestError::RetryAfter(s)) if s.duration() == Duration::from_secs(2)));
    }

    #[tokio::test]
    async fn a_teloxide_dispatcher_polls_the_fake_and_answers_a_citizen() {
        let api = FakeBotApi::start().await;
        let echo = Update::filter_message().endpoint(|bot: Bot, message: Message| async move {
            bot.send_message(message.chat.id, format!("echo: {}", message.text().unwrap_or_default())).await?;
            respond(())
        });
        let mut dispatcher = Dispatcher::builder(bot(&api), echo).build();
        let stop = dispatcher.shutdown_token();
        let running = tokio::spawn(async move { dispatcher.dispatch().await });

        let aigul = api.user(1001, "Айгүл", "ky");
        aigul.send_text("салам");
        let reply = aigul.next_message(Duration::from_secs(10)).await.expect("the echo");
        assert_eq!(reply.text(), Some("echo: салам"));

        stop.shutdown().expect("the dispatcher runs").await;
        running.await.expect("the dispatcher stops cleanly");
        assert_eq!(api.pending_updates(), 0, "the update was confirmed");
    }
}
