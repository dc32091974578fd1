//! The real `kairyluu serve` against the fake Bot API, from the agency's side: officers invited
//! by the command line, tickets reaching them, taken, answered, redirected, extended, reopened
//! and escalated; and an anonymous reporter answered without the officer ever learning who.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use e2e::fake_bot_api::{Call, FakeBotApi, FakeUser};
use support::Sandbox;
use support::conversation::{WAIT, next, press, press_only, send_after_optional_steps};

async fn until_button(user: &FakeUser, label: &str) -> Call {
    for _ in 0..8 {
        let message = next(user).await;
        if message.buttons().iter().any(|(text, _)| text.contains(label)) {
            return message;
        }
    }
    panic!("no message with a `{label}` button");
}

async fn until_text(user: &FakeUser, needle: &str) -> Call {
    for _ in 0..8 {
        let message = next(user).await;
        if message.text().is_some_and(|t| t.contains(needle)) {
            return message;
        }
    }
    panic!("no message containing `{needle}`");
}

/// A sandbox whose database is migrated before `serve` starts, so that the service and the
/// command-line calls of a test never both create the schema at once.
fn migrated() -> Sandbox {
    let sandbox = Sandbox::new();
    sandbox.run(&["migrate"], &[]).ok();
    sandbox
}

/// `kairyluu officers invite`, as an administrator runs it; returns the `/start` payload.
fn invite(sandbox: &Sandbox, api: &FakeBotApi, agency: &str, role: &str) -> String {
    let out = sandbox
        .run(
            &["officers", "invite", "--agency", agency, "--role", role],
            &[("TELOXIDE_TOKEN", api.token()), ("TELEGRAM_API_URL", &api.url())],
        )
        .ok();
    let link = out.trim();
    assert!(link.starts_with("https://t.me/"), "{link}");
    link.split("?start=").nth(1).unwrap().to_owned()
}

/// A Telegram user who opens an invite link and becomes an officer.
async fn officer(sandbox: &Sandbox, api: &FakeBotApi, id: i64, agency: &str, role: &str) -> FakeUser {
    let payload = invite(sandbox, api, agency, role);
    let user = api.user(id, "Officer", "ru");
    user.send_command(&format!("/start {payload}"));
    let bound = next(&user).await;
    assert!(bound.text().unwrap().contains("Кайрылуу"), "{:?}", bound.text());
    user
}

/// A citizen files a complaint about a clinic (routed to health); returns the ticket number.
async fn file_complaint(user: &FakeUser) -> String {
    user.send_command("/start");
    let menu = until_button(user, "Подать жалобу").await;
    press(user, &menu, "Подать жалобу").await;
    user.send_text("В поликлинике №3 третий день нет врача, очередь с 6 утра");
    let done = until_button(user, "Готово").await;
    let mut message = press(user, &done, "Готово").await;
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
    let review = until_button(user, "Отправить").await;
    let registered = press(user, &review, "Отправить").await;
    number_in(registered.text().unwrap())
}

fn number_in(text: &str) -> String {
    text.split("Номер: ")
        .nth(1)
        .unwrap_or_else(|| panic!("no number in {text}"))
        .split(['.', '\n'])
        .next()
        .unwrap()
        .trim()
        .to_owned()
}

/// The card of `number` in the officer's chat.
async fn card(officer: &FakeUser, number: &str) -> Call {
    for _ in 0..8 {
        let message = next(officer).await;
        if message.text().is_some_and(|t| t.contains(number)) && !message.buttons().is_empty() {
            return message;
        }
    }
    panic!("no card of {number}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_ticket_is_routed_taken_answered_and_rated() {
    let api = FakeBotApi::start().await;
    let sandbox = migrated();
    let _bot = sandbox.serve(&api);
    let health = officer(&sandbox, &api, 7001, "health", "officer").await;
    let citizen = api.user(5101, "Айгуль", "ru");

    let number = file_complaint(&citizen).await;
    let card = card(&health, &number).await;
    let text = card.text().unwrap();
    for expected in ["жалоба", "Министерство здравоохранения", "Бишкек", "Решение до:", "осталось", "поликлинике"]
    {
        assert!(text.contains(expected), "{expected} missing in the card: {text}");
    }
    let taken = press(&health, &card, "Взять").await;
    assert!(taken.text().unwrap().contains("теперь у вас"), "{:?}", taken.text());
    let prompt = press(&health, &card, "Ответить").await;
    assert!(prompt.text().unwrap().contains("Напишите ответ"), "{:?}", prompt.text());
    health.send_text("Здравствуйте. С понедельника в поликлинике №3 принимает новый терапевт.");
    let sent = next(&health).await;
    assert!(sent.text().unwrap().contains("отправлен"), "{:?}", sent.text());

    let answer = until_text(&citizen, "Ответ ведомства «Министерство здравоохранения»").await;
    assert!(answer.text().unwrap().contains(&number));
    assert!(answer.text().unwrap().contains("новый терапевт"));
    let rate = until_button(&citizen, "5 ⭐").await;
    assert!(rate.buttons().iter().any(|(t, _)| t.contains("Не решено")));
    assert!(rate.buttons().iter().any(|(t, _)| t.contains("отписка")));
    let thanks = press(&citizen, &rate, "5 ⭐").await;
    assert!(thanks.text().unwrap().contains("Спасибо"), "{:?}", thanks.text());

    let shown = sandbox.run(&["ticket", "show", &number], &[]).ok();
    assert!(shown.contains("answered"), "{shown}");
    for action in ["assign", "answer", "rate"] {
        assert!(shown.contains(action), "no `{action}` in the audit: {shown}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_redirected_ticket_reaches_the_other_agency_and_the_citizen_sees_the_path() {
    let api = FakeBotApi::start().await;
    let sandbox = migrated();
    let _bot = sandbox.serve(&api);
    let health = officer(&sandbox, &api, 7011, "health", "officer").await;
    let social = officer(&sandbox, &api, 7012, "social", "officer").await;
    let citizen = api.user(5111, "Бакыт", "ru");

    let number = file_complaint(&citizen).await;
    let card_at_health = card(&health, &number).await;
    let choices = press(&health, &card_at_health, "Перенаправить").await;
    assert!(choices.text().unwrap().contains("Куда"), "{:?}", choices.text());
    let reason = press(&health, &choices, "Соцзащита").await;
    assert!(reason.text().unwrap().contains("Почему"), "{:?}", reason.text());
    health.send_text("Вопрос о пособии, это не здравоохранение");
    let done = next(&health).await;
    assert!(done.text().unwrap().contains("передано"), "{:?}", done.text());

    let told = until_text(&citizen, "передано из").await;
    let text = told.text().unwrap();
    assert!(text.contains("Вопрос о пособии"), "{text}");
    assert!(text.contains("Министерство здравоохранения → Министерство труда"), "{text}");
    let at_social = card(&social, &number).await;
    assert!(at_social.text().unwrap().contains("Перенаправлено 1 раз"), "{:?}", at_social.text());

    // The health officer can no longer act on it: it is another agency's ticket now.
    press_only(&health, &card_at_health, "Взять");
    let refused = next(&health).await;
    assert!(refused.text().unwrap().contains("другого ведомства"), "{:?}", refused.text());
    let shown = sandbox.run(&["ticket", "show", &number], &[]).ok();
    assert!(shown.contains("agency              social"), "{shown}");
    assert!(shown.contains("officer_refused"), "the refusal is audited: {shown}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_extension_is_granted_once_and_the_citizen_is_told() {
    let api = FakeBotApi::start().await;
    let sandbox = migrated();
    let _bot = sandbox.serve(&api);
    let health = officer(&sandbox, &api, 7021, "health", "officer").await;
    let citizen = api.user(5121, "Нурлан", "ru");

    let number = file_complaint(&citizen).await;
    let card = card(&health, &number).await;
    let prompt = press(&health, &card, "Продлить").await;
    assert!(prompt.text().unwrap().contains("Напишите причину"), "{:?}", prompt.text());
    health.send_text("Ждём заключение экспертизы");
    let done = next(&health).await;
    assert!(done.text().unwrap().contains("продлён до"), "{:?}", done.text());
    let told = until_text(&citizen, "продлён до").await;
    assert!(told.text().unwrap().contains("Ждём заключение экспертизы"));

    // The citizen adds to the appeal from "My appeals": the officer receives it.
    citizen.send_command("/my");
    let list = until_button(&citizen, &number).await;
    let view = press(&citizen, &list, &number).await;
    let view = if view.buttons().iter().any(|(t, _)| t.contains("Дополнить")) {
        view
    } else {
        until_button(&citizen, "Дополнить").await
    };
    press(&citizen, &view, "Дополнить").await;
    citizen.send_text("Справка из поликлиники прилагается позже, номер карты 4471");
    let added = until_text(&health, "дополнил").await;
    assert!(added.text().unwrap().contains("номер карты 4471") && added.text().unwrap().contains(&number));

    let again = press(&health, &card, "Продлить").await;
    assert!(again.text().unwrap().contains("только один раз"), "{:?}", again.text());
    let shown = sandbox.run(&["ticket", "show", &number], &[]).ok();
    assert_eq!(shown.matches(" extend ").count(), 1, "one extension in the audit: {shown}");
    assert!(shown.contains("reason=already_extended"), "the refusal is audited: {shown}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn not_resolved_reopens_the_ticket_and_escalates_to_the_head() {
    let api = FakeBotApi::start().await;
    let sandbox = migrated();
    let _bot = sandbox.serve(&api);
    let health = officer(&sandbox, &api, 7031, "health", "officer").await;
    let head = officer(&sandbox, &api, 7032, "health", "head").await;
    let citizen = api.user(5131, "Айжан", "ru");

    let number = file_complaint(&citizen).await;
    let card_officer = card(&health, &number).await;
    let _ = card(&head, &number).await;
    // A reply to the card is the answer (no button needed).
    health.reply_text(card_officer.message_id().unwrap(), "Проверили, всё в порядке.");
    let sent = until_text(&health, "отправлен").await;
    assert!(sent.text().unwrap().contains(&number));
    let rate = until_button(&citizen, "Не решено").await;
    let reopened = press(&citizen, &rate, "Не решено").await;
    assert!(reopened.text().unwrap().contains("снова открыто"), "{:?}", reopened.text());
    let escalated = until_text(&head, "Эскалация").await;
    assert!(escalated.text().unwrap().contains(&number));

    // Answered again, then called a brush-off: reopened again and counted.
    let card_again = card(&head, &number).await;
    let prompt = press(&head, &card_again, "Ответить").await;
    assert!(prompt.text().unwrap().contains("Напишите ответ"));
    head.send_text("Терапевт принимает с понедельника, запись по телефону регистратуры.");
    until_text(&head, "отправлен").await;
    let rate = until_button(&citizen, "отписка").await;
    let brush_off = press(&citizen, &rate, "отписка").await;
    assert!(brush_off.text().unwrap().contains("отписка"), "{:?}", brush_off.text());
    let shown = sandbox.run(&["ticket", "show", &number], &[]).ok();
    assert_eq!(shown.matches(" reopen ").count(), 2, "{shown}");
    assert!(shown.contains("verdict=not_resolved") && shown.contains("verdict=brush_off"), "{shown}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_anonymous_corruption_report_is_answered_without_the_officer_learning_who_sent_it() {
    let api = FakeBotApi::start().await;
    let sandbox = migrated();
    let _bot = sandbox.serve(&api);
    let investigator = officer(&sandbox, &api, 7041, "anticorruption", "officer").await;
    let reporter_id = 5_141_592_653;
    let reporter = api.user(reporter_id, "Жылдыз", "ru");

    reporter.send_command("/start");
    let menu = until_button(&reporter, "коррупции").await;
    let intro = press(&reporter, &menu, "коррупции").await;
    let intro = if intro.buttons().iter().any(|(t, _)| t.contains("Анонимно")) {
        intro
    } else {
        until_button(&reporter, "Анонимно").await
    };
    press(&reporter, &intro, "Анонимно").await;
    reporter.send_text("В отделе выдачи справок требуют 3000 сом сверху за срочную справку");
    let message = until_button(&reporter, "МВД").await;
    let message = press(&reporter, &message, "МВД").await;
    let registered = send_after_optional_steps(&reporter, message).await;
    let number = number_in(registered.text().unwrap());

    let card = card(&investigator, &number).await;
    assert!(card.text().unwrap().contains("Анонимное обращение"), "{:?}", card.text());
    assert!(card.text().unwrap().contains("3000 сом"), "the officer sees the report itself");
    let taken = press(&investigator, &card, "Взять").await;
    assert!(taken.text().unwrap().contains("теперь у вас"));
    investigator.reply_text(card.message_id().unwrap(), "Проверка начата, спасибо за сообщение.");
    until_text(&investigator, "отправлен").await;
    let answer = until_text(&reporter, "Ответ ведомства").await;
    assert!(answer.text().unwrap().contains("Проверка начата"));

    // Every Bot API call that reached the officer's chat: nothing of the reporter.
    let calls = api.calls_to(investigator.chat_id());
    assert!(calls.len() >= 4, "{} calls", calls.len());
    for call in calls {
        let json = format!("{call:?}");
        assert!(!json.contains(&reporter_id.to_string()), "the reporter's id reached the officer: {json}");
        assert!(!json.contains("Жылдыз"), "the reporter's name reached the officer: {json}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_officer_input_is_refused_clearly_and_changes_nothing() {
    let api = FakeBotApi::start().await;
    let sandbox = migrated();
    let _bot = sandbox.serve(&api);

    // An invite works once.
    let payload = invite(&sandbox, &api, "police", "officer");
    let first = api.user(7051, "First", "ru");
    first.send_command(&format!("/start {payload}"));
    assert!(next(&first).await.text().unwrap().contains("сотрудник"));
    let second = api.user(7052, "Second", "ky");
    second.send_command(&format!("/start {payload}"));
    let reused = next(&second).await;
    assert!(reused.text().unwrap().contains("колдонулуп бүткөн"), "in Kyrgyz: {:?}", reused.text());
    second.send_command("/start inv_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    assert!(next(&second).await.text().unwrap().contains("жараксыз"));

    // A disabled officer can do nothing.
    let listed = sandbox.run(&["officers", "list"], &[]).ok();
    let id = listed.lines().nth(1).unwrap().split_whitespace().next().unwrap().to_owned();
    assert!(listed.contains("police") && listed.contains("active"), "{listed}");
    sandbox.run(&["officers", "disable", &id], &[]).ok();
    first.send_command("/queue");
    let disabled = next(&first).await;
    assert!(disabled.text().unwrap().contains("отключён"), "{:?}", disabled.text());
    assert!(sandbox.run(&["officers", "list"], &[]).ok().contains("disabled"));

    // A stranger in the agency's group is told (in the state language, the group having no
    // active officer to choose another), and nothing is relayed.
    sandbox.run(&["agencies", "link-group", "--agency", "police", "--chat-id", "-100777"], &[]).ok();
    let stranger = api.user(7053, "Stranger", "ru").in_group(-100_777, "МВД обращения");
    stranger.send_text("Покажите обращения");
    let told = next(&stranger).await;
    assert!(told.text().unwrap().contains("катталган эмессиз"), "{:?}", told.text());
    // The welcome and the "disabled" notice: nothing else reached the disabled officer.
    assert_eq!(api.calls_to(first.chat_id()).len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_agency_with_a_forum_group_works_each_ticket_in_its_own_topic() {
    let api = FakeBotApi::start().await;
    let sandbox = migrated();
    let group = -100_555;
    sandbox.run(&["agencies", "link-group", "--agency", "health", "--chat-id", &group.to_string()], &[]).ok();
    let _bot = sandbox.serve(&api);
    let health = officer(&sandbox, &api, 7061, "health", "officer").await;
    let in_group = health.in_forum(group, "Минздрав: обращения");
    let citizen = api.user(5161, "Асель", "ru");

    let number = file_complaint(&citizen).await;
    let created = api
        .wait_for(|c| c.method == "createForumTopic" && c.chat_id() == Some(group), WAIT)
        .await
        .expect("no topic was created");
    let name = created.params.get("name").and_then(|n| n.as_str()).unwrap().to_owned();
    assert!(name.starts_with(&number), "{name}");
    let thread = created.result.as_ref().unwrap().get("message_thread_id").unwrap().as_i64().unwrap();
    let card = api
        .wait_for(|c| c.method == "sendMessage" && c.chat_id() == Some(group) && !c.buttons().is_empty(), WAIT)
        .await
        .expect("no card in the topic");
    assert_eq!(card.params.get("message_thread_id").and_then(|t| t.as_i64()), Some(thread));
    assert!(card.text().unwrap().contains(&number));
    assert!(
        api.calls_to(health.chat_id()).iter().all(|c| !c.text().unwrap_or_default().contains(&number)),
        "in group mode the card goes to the topic, not to private chats"
    );

    // Any message in the topic is the answer.
    in_group.send_in_topic(thread, &name, "Терапевт принимает с понедельника, с 8 до 17 часов.");
    let answer = until_text(&citizen, "Ответ ведомства").await;
    assert!(answer.text().unwrap().contains("Терапевт принимает"));
    let sent = api
        .wait_for(|c| c.chat_id() == Some(group) && c.text().is_some_and(|t| t.contains("отправлен")), WAIT)
        .await
        .expect("the officer was not told");
    assert_eq!(sent.params.get("message_thread_id").and_then(|t| t.as_i64()), Some(thread), "told in the topic");
}

#[test]
fn the_officer_commands_refuse_bad_arguments_with_one_clear_line() {
    let sandbox = migrated();
    let with_name = [("KAIRYLUU__TELEGRAM__BOT_USERNAME", "kairyluu_bot")];
    let line = sandbox.run(&["officers", "invite", "--agency", "helth"], &with_name).fails(1);
    assert!(line.contains("unknown agency `helth`"), "{line}");
    let line = sandbox.run(&["officers", "invite", "--agency", "health", "--role", "boss"], &with_name).fails(1);
    assert!(line.contains("unknown role `boss`"), "{line}");
    let line = sandbox.run(&["officers", "invite", "--agency", "health"], &[]).fails(1);
    assert!(line.contains("telegram.bot_username"), "no username and no token: {line}");
    let link = sandbox.run(&["officers", "invite", "--agency", "health"], &with_name).ok();
    assert!(link.starts_with("https://t.me/kairyluu_bot?start=inv_"), "{link}");
    let line = sandbox.run(&["agencies", "link-group", "--agency", "health", "--chat-id", "12345"], &[]).fails(1);
    assert!(line.contains("not a group"), "{line}");
    let line = sandbox.run(&["officers", "disable", "999"], &[]).fails(1);
    assert!(line.contains("no officer with id 999"), "{line}");
    assert!(sandbox.run(&["agencies"], &[]).ok().contains("health"), "plain `agencies` still lists");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn in_a_forum_group_the_due_soon_reminder_goes_to_the_tickets_topic_not_the_officers_chat() {
    use tickets::store::{JobStore, SqliteStore, Store};
    let api = FakeBotApi::start().await;
    let sandbox = migrated();
    let group = -100_556;
    sandbox.run(&["agencies", "link-group", "--agency", "health", "--chat-id", &group.to_string()], &[]).ok();
    let _bot = sandbox.serve(&api);
    let health = officer(&sandbox, &api, 7071, "health", "officer").await;
    let citizen = api.user(5171, "Бакыт", "ru");

    let number = file_complaint(&citizen).await;
    let created = api
        .wait_for(|c| c.method == "createForumTopic" && c.chat_id() == Some(group), WAIT)
        .await
        .expect("no topic was created");
    let thread = created.result.as_ref().unwrap().get("message_thread_id").unwrap().as_i64().unwrap();
    // The officer takes the ticket in its topic: from then on the topic's thread is known (the
    // reminder of a ticket whose thread is not known yet goes to private chats).
    let card = api
        .wait_for(|c| c.method == "sendMessage" && c.chat_id() == Some(group) && !c.buttons().is_empty(), WAIT)
        .await
        .expect("no card in the topic");
    let in_group = health.in_forum(group, "Минздрав: обращения");
    in_group.press_labelled(&card, "Взять").expect("no Take button on the card");
    let store = SqliteStore::connect(&sandbox.database_url(), 1).await.unwrap();
    let ticket = store.ticket(&number.parse().unwrap()).await.unwrap().unwrap();
    let mut stored = None;
    for _ in 0..100 {
        let mut tx = store.begin().await.unwrap();
        stored = tx.topic_of_ticket(ticket.id).await.unwrap().and_then(|(_, thread)| thread);
        tx.commit().await.unwrap();
        if stored.is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(stored.map(i64::from), Some(thread));
    let due = store.jobs_of_kind("reminder.due_soon.first_response", 1).await.unwrap()[0].run_at;
    let when = due.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    sandbox.run(&["jobs", "run-due", "--now", &when], &[]).ok();

    let reminder = api
        .wait_for(
            |c| c.chat_id() == Some(group) && c.text().is_some_and(|t| t.contains('⏰') && t.contains(&number)),
            WAIT,
        )
        .await
        .expect("no reminder in the group");
    assert_eq!(reminder.params.get("message_thread_id").and_then(|t| t.as_i64()), Some(thread), "in the topic");
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    let private: Vec<String> = api.sent_texts(health.chat_id()).into_iter().filter(|t| t.contains('⏰')).collect();
    assert!(private.is_empty(), "the reminder went to the topic, not the officer's chat: {private:?}");
}
