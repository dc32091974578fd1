//! The real `kairyluu serve` against the fake Bot API: whole conversations, as a citizen plays them.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::time::Duration;

use e2e::fake_bot_api::{Call, FakeBotApi, FakeError, FakeUser};
use support::Sandbox;
use support::conversation::{next, press, press_only, send_after_optional_steps};

/// Reads messages until one has a button containing `label`.
async fn until_button(user: &FakeUser, label: &str) -> Call {
    for _ in 0..6 {
        let message = next(user).await;
        if message.buttons().iter().any(|(text, _)| text.contains(label)) {
            return message;
        }
    }
    panic!("no message with a `{label}` button");
}

/// Plays a complaint about a clinic (routed to health, Bishkek, contact through this chat) up to
/// its review; returns the review message (with the "Отправить" button).
async fn complaint_until_review(user: &FakeUser) -> Call {
    user.send_command("/start");
    let menu = until_button(user, "Подать жалобу").await;
    let describe = press(user, &menu, "Подать жалобу").await;
    assert!(describe.text().unwrap().contains("Опишите"), "{:?}", describe.text());
    user.send_text("В поликлинике №3 третий день нет врача, очередь с 6 утра");
    let done = until_button(user, "Готово").await;
    let mut message = press(user, &done, "Готово").await;
    // The routing question: confirm a guess or pick from the list; health either way.
    if !message.buttons().iter().any(|(t, _)| t.contains("Бишкек")) {
        let label = if message.buttons().iter().any(|(t, _)| t.contains("Здравоохранение")) {
            "Здравоохранение"
        } else {
            "Да"
        };
        message = press(user, &message, label).await;
    }
    let region = if message.buttons().iter().any(|(t, _)| t.contains("Бишкек")) {
        message
    } else {
        until_button(user, "Бишкек").await
    };
    press(user, &region, "Бишкек").await;
    let contact = until_button(user, "через этот чат").await;
    press(user, &contact, "через этот чат").await;
    until_button(user, "Отправить").await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_citizen_files_a_complaint_in_russian_and_gets_a_ticket_number() {
    let api = FakeBotApi::start().await;
    let sandbox = Sandbox::new();
    let _bot = sandbox.serve(&api);
    let user = api.user(5001, "Айгуль", "ru");

    let review = complaint_until_review(&user).await;
    assert!(review.text().unwrap().contains("Министерство здравоохранения"), "{:?}", review.text());
    let registered = press(&user, &review, "Отправить").await;
    let text = registered.text().unwrap().to_owned();
    assert!(text.contains("Номер: KR-"), "{text}");
    assert!(text.contains("14 рабочих дней"), "{text}");

    // Every button press was answered, so the phone stops its spinner.
    let presses = api.calls_of("answerCallbackQuery").len();
    assert!(presses >= 4, "{presses} callback answers");
    // The ticket is in the database, routed to health.
    let number = text.split("Номер: ").nth(1).unwrap().split(['.', '\n']).next().unwrap().trim().to_owned();
    let shown = sandbox.run(&["ticket", "show", &number], &[]).ok();
    assert!(shown.contains("agency              health"), "{shown}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_message_sent_while_the_bot_was_down_is_answered_after_the_restart() {
    let api = FakeBotApi::start().await;
    let sandbox = Sandbox::new();
    let user = api.user(5002, "Бакыт", "ky");
    {
        let _bot = sandbox.serve(&api);
        user.send_command("/start");
        until_button(&user, "Даттануу").await;
    }
    // The bot is stopped (its process killed); the citizen writes meanwhile.
    user.send_command("/help");
    let _bot = sandbox.serve(&api);
    let help = next(&user).await;
    assert!(!help.text().unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_anonymous_corruption_report_goes_to_anticorruption_without_the_reporter() {
    let api = FakeBotApi::start().await;
    let sandbox = Sandbox::new();
    let _bot = sandbox.serve(&api);
    let user = api.user(5003, "Нурлан", "ru");

    user.send_command("/start");
    let menu = until_button(&user, "коррупции").await;
    let intro = press(&user, &menu, "коррупции").await;
    let intro = if intro.buttons().iter().any(|(t, _)| t.contains("Анонимно")) {
        intro
    } else {
        until_button(&user, "Анонимно").await
    };
    assert!(intro.text().unwrap().contains("антикоррупционный орган"), "{:?}", intro.text());
    press(&user, &intro, "Анонимно").await;
    user.send_text("В отделе выдачи справок требуют 3000 сом сверху за срочную справку");
    let message = until_button(&user, "МВД").await;
    let message = press(&user, &message, "МВД").await;
    let registered = send_after_optional_steps(&user, message).await;
    let text = registered.text().unwrap().to_owned();
    assert!(text.contains("Номер: KR-"), "{text}");
    assert!(!text.contains("рабочих дней"), "no statutory term is promised for an anonymous report: {text}");
    let receipt = next(&user).await;
    assert!(receipt.text().unwrap().contains("код"), "{:?}", receipt.text());

    let number = text.split("Номер: ").nth(1).unwrap().split(['.', '\n']).next().unwrap().trim().to_owned();
    let shown = sandbox.run(&["ticket", "show", &number], &[]).ok();
    assert!(shown.contains("agency              anticorruption"), "{shown}");
    assert!(shown.contains("implicated          police"), "{shown}");
    assert!(shown.contains("anonymous           yes"), "{shown}");
    assert!(!shown.contains("5003"), "the reporter's chat id must not be on the ticket: {shown}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_card_that_failed_after_its_topic_opened_is_retried_in_that_topic_and_recorded() {
    let api = FakeBotApi::start().await;
    let sandbox = Sandbox::new();
    sandbox.run(&["migrate"], &[]).ok();
    let group: i64 = -100_777;
    sandbox.run(&["agencies", "link-group", "--agency", "health", "--chat-id", &group.to_string()], &[]).ok();
    let _bot = sandbox.serve(&api);
    let user = api.user(5004, "Эльмира", "ru");
    let review = complaint_until_review(&user).await;

    // The submitting turn sends the citizen's confirmation and opens the ticket's topic with its
    // card: the next two sendMessage calls fail (5xx), so whatever the order the card fails after
    // createForumTopic succeeded, and is retried.
    api.fail_next("sendMessage", FakeError::ServerError);
    api.fail_next("sendMessage", FakeError::ServerError);
    press_only(&user, &review, "Отправить");
    let in_group = |c: &Call| c.method == "sendMessage" && c.chat_id() == Some(group) && c.result.is_some();
    let card = api.wait_for(in_group, Duration::from_secs(90)).await.expect("the card never reached the group");

    let topics = api.calls_of("createForumTopic");
    assert_eq!(topics.len(), 1, "the retry opened a second topic");
    let thread = topics[0].result.as_ref().unwrap().get("message_thread_id").unwrap().as_i64().unwrap();
    assert_eq!(card.params.get("message_thread_id").and_then(|t| t.as_i64()), Some(thread));
    let message_id = card.result.as_ref().unwrap().get("message_id").unwrap().as_i64().unwrap();

    let pool = sqlx::SqlitePool::connect(&sandbox.database_url()).await.unwrap();
    let (topic_thread,): (Option<i64>,) = sqlx::query_as("SELECT thread_id FROM ticket_topics WHERE chat_id = $1")
        .bind(group)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(topic_thread, Some(thread), "the topic was recorded when Telegram made it");
    let cards: Vec<(i64,)> = sqlx::query_as("SELECT message_id FROM ticket_cards WHERE chat_id = $1")
        .bind(group)
        .fetch_all(&pool)
        .await
        .unwrap();
    assert_eq!(cards, [(message_id,)], "the card's message id is recorded as it is sent");
}
