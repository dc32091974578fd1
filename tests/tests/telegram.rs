//! The real `kairyluu serve` against the fake Bot API: whole conversations, as a citizen plays them.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use e2e::fake_bot_api::{Call, FakeBotApi, FakeUser};
use support::Sandbox;
use support::conversation::{next, press, send_after_optional_steps};

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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_citizen_files_a_complaint_in_russian_and_gets_a_ticket_number() {
    let api = FakeBotApi::start().await;
    let sandbox = Sandbox::new();
    let _bot = sandbox.serve(&api);
    let user = api.user(5001, "Айгуль", "ru");

    user.send_command("/start");
    let menu = until_button(&user, "Подать жалобу").await;
    let describe = press(&user, &menu, "Подать жалобу").await;
    assert!(describe.text().unwrap().contains("Опишите"), "{:?}", describe.text());
    user.send_text("В поликлинике №3 третий день нет врача, очередь с 6 утра");
    let done = until_button(&user, "Готово").await;
    let mut message = press(&user, &done, "Готово").await;
    // The routing question: confirm a guess or pick from the list; health either way.
    if !message.buttons().iter().any(|(t, _)| t.contains("Бишкек")) {
        let label = if message.buttons().iter().any(|(t, _)| t.contains("Здравоохранение")) {
            "Здравоохранение"
        } else {
            "Да"
        };
        message = press(&user, &message, label).await;
    }
    let region = if message.buttons().iter().any(|(t, _)| t.contains("Бишкек")) {
        message
    } else {
        until_button(&user, "Бишкек").await
    };
    press(&user, &region, "Бишкек").await;
    let contact = until_button(&user, "через этот чат").await;
    press(&user, &contact, "через этот чат").await;
    let review = until_button(&user, "Отправить").await;
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
