//! The real `kairyluu serve` against the fake Bot API: the citizen flows after the first appeal
//! (rating by link, my appeals, ticket links, language, erasure) and the awkward things Telegram
//! delivers (edited messages, a citizen who blocked the bot). Texts come from the catalogs.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::time::Duration;

use e2e::fake_bot_api::{Call, FakeBotApi, FakeUser};
use support::Sandbox;

const WAIT: Duration = Duration::from_secs(15);

#[derive(Clone, Copy, Debug, PartialEq)]
enum Lang {
    Ky,
    Ru,
}

impl Lang {
    fn code(self) -> &'static str {
        match self {
            Lang::Ky => "ky",
            Lang::Ru => "ru",
        }
    }
}

/// The first line of catalog message `id` (the whole of a one-line message).
fn t(lang: Lang, id: &str) -> String {
    let source = match lang {
        Lang::Ky => include_str!("../../dialogs/i18n/ky/main.ftl"),
        Lang::Ru => include_str!("../../dialogs/i18n/ru/main.ftl"),
    };
    let mut lines = source.lines().skip_while(|line| line.split(" =").next() != Some(id));
    let first = lines.next().unwrap_or_else(|| panic!("no `{id}` in the {lang:?} catalog"));
    let value = first.split_once('=').unwrap().1.trim();
    if value.is_empty() { lines.next().unwrap().trim().to_owned() } else { value.to_owned() }
}

/// The fixed words catalog message `id` starts with, before its first argument.
fn head(lang: Lang, id: &str) -> String {
    t(lang, id).split('{').next().unwrap().to_owned()
}

/// The bot's next message to the citizen, which must come.
async fn next(user: &FakeUser) -> Call {
    user.next_message(WAIT).await.expect("the bot did not answer in time")
}

/// The next message with the button `id` (a catalog id), which must come.
async fn until_button(user: &FakeUser, lang: Lang, id: &str) -> Call {
    let label = t(lang, id);
    user.next_message_with_button(&label, WAIT).await.unwrap_or_else(|| panic!("no message with `{label}`"))
}

/// Reads the bot's messages until one starts with `prefix`.
async fn until_text(user: &FakeUser, prefix: &str) -> Call {
    for _ in 0..6 {
        let message = next(user).await;
        if message.text().is_some_and(|text| text.starts_with(prefix)) {
            return message;
        }
    }
    panic!("no message starting with `{prefix}`");
}

/// Presses button `id` on `message` and returns the next message.
async fn press(user: &FakeUser, lang: Lang, message: &Call, id: &str) -> Call {
    let label = t(lang, id);
    user.press_labelled(message, &label).unwrap_or_else(|| panic!("no `{label}` on {:?}", message.buttons()));
    next(user).await
}

/// Answers what the flow asks after `message` the shortest way (the suggested agency or the
/// dispatcher, Bishkek, no contact) until the review; returns the review.
async fn reach_review(user: &FakeUser, lang: Lang, mut message: Call) -> Call {
    for _ in 0..12 {
        if message.button(&t(lang, "btn-submit")).is_some() {
            return message;
        }
        let answers = [
            "btn-route-ok",
            "btn-agency-unknown",
            "btn-done",
            "region-bishkek",
            "btn-district-unknown",
            "btn-contact-no",
        ];
        let answer = answers.into_iter().find(|id| message.button(&t(lang, id)).is_some());
        message = match answer {
            Some(id) => press(user, lang, &message, id).await,
            None => next(user).await,
        };
    }
    panic!("the review never came");
}

/// Submits the review; returns the ticket number.
async fn submit(user: &FakeUser, lang: Lang, review: &Call) -> String {
    let registered = press(user, lang, review, "btn-submit").await;
    let text = registered.text().unwrap();
    assert!(text.starts_with(&head(lang, "ticket-opened")), "{text}");
    let start = text.find("KR-").unwrap();
    text[start..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-').collect()
}

/// Files a complaint from free text, taking the shortest answers; returns the ticket number.
async fn file_complaint(user: &FakeUser, lang: Lang, text: &str) -> String {
    user.send_text(text);
    let suggestion = until_button(user, lang, "btn-route-ok").await;
    let review = reach_review(user, lang, suggestion).await;
    submit(user, lang, &review).await
}

/// Sends messages the bot should answer with nothing more than what was counted: waits a little
/// for a stray duplicate.
async fn no_more_messages(user: &FakeUser) {
    assert!(user.next_message(Duration::from_millis(800)).await.is_none(), "an unexpected extra message");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rating_link_rates_the_service_in_both_languages() {
    let api = FakeBotApi::start().await;
    let sandbox = Sandbox::new();
    let _bot = sandbox.serve(&api);
    for (id, lang) in [(6001, Lang::Ky), (6002, Lang::Ru)] {
        let user = api.user(id, "Жарандар", lang.code());
        user.send_command("/start rate_health");
        let score = user.next_message_with_button("5 ⭐", WAIT).await.expect("the scores as buttons");
        assert!(score.text().unwrap().starts_with(&head(lang, "rating-score")), "{:?}", score.text());
        user.press_labelled(&score, "5 ⭐").expect("five stars");
        let comment = next(&user).await;
        assert_eq!(comment.text(), Some(t(lang, "rating-comment").as_str()));
        user.send_text("Рахмат / Спасибо");
        let thanks = next(&user).await;
        assert_eq!(thanks.text(), Some(t(lang, "rating-thanks").as_str()));
        no_more_messages(&user).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn my_appeals_lists_opens_takes_more_information_and_withdraws() {
    let api = FakeBotApi::start().await;
    let sandbox = Sandbox::new();
    let _bot = sandbox.serve(&api);
    let lang = Lang::Ru;
    let user = api.user(6003, "Айгуль", lang.code());
    user.send_command("/start");
    until_button(&user, lang, "menu-complaint").await;
    let complaint = "В поликлинике №3 третий день нет врача, очередь с 6 утра";
    let number = file_complaint(&user, lang, complaint).await;

    user.send_command("/my");
    let list = until_button(&user, lang, "btn-menu").await;
    assert!(list.text().unwrap().contains(&number), "{:?}", list.text());
    user.press_labelled(&list, &number).expect("a button for the ticket");
    let view = next(&user).await;
    assert!(view.text().unwrap().contains(complaint), "the thread is shown: {:?}", view.text());

    let ask = press(&user, lang, &view, "btn-add-info").await;
    assert_eq!(ask.text(), Some(t(lang, "add-info-ask").as_str()));
    user.send_text("Сегодня тоже никого нет");
    let added = next(&user).await;
    assert!(added.text().unwrap().starts_with(&head(lang, "info-added")), "{:?}", added.text());
    press(&user, lang, &added, "btn-done").await;

    // The ticket link opens it again, now with the added words.
    user.send_command(&format!("/start t_{number}"));
    let view = until_button(&user, lang, "btn-withdraw").await;
    assert!(view.text().unwrap().contains("Сегодня тоже никого нет"), "{:?}", view.text());
    let confirm = press(&user, lang, &view, "btn-withdraw").await;
    assert!(confirm.text().unwrap().starts_with(&head(lang, "withdraw-confirm")), "{:?}", confirm.text());
    let withdrawn = press(&user, lang, &confirm, "btn-withdraw-yes").await;
    assert!(withdrawn.text().unwrap().starts_with(&head(lang, "withdrawn")), "{:?}", withdrawn.text());
    assert!(withdrawn.text().unwrap().contains(&number));

    let shown = sandbox.run(&["ticket", "show", &number], &[]).ok();
    assert!(shown.contains("status              withdrawn"), "{shown}");
    assert!(shown.contains("thread              2 messages"), "{shown}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn language_switches_from_russian_to_kyrgyz() {
    let api = FakeBotApi::start().await;
    let sandbox = Sandbox::new();
    let _bot = sandbox.serve(&api);
    let user = api.user(6004, "Бакыт", "ru");
    user.send_command("/start");
    let welcome = until_button(&user, Lang::Ru, "menu-complaint").await;
    assert!(welcome.text().unwrap().starts_with(&t(Lang::Ru, "welcome")), "{:?}", welcome.text());
    user.send_command("/language");
    let choice = until_button(&user, Lang::Ky, "lang-ky-button").await;
    let set = press(&user, Lang::Ky, &choice, "lang-ky-button").await;
    assert_eq!(set.text(), Some(t(Lang::Ky, "language-set").as_str()));
    user.send_command("/help");
    until_text(&user, &t(Lang::Ky, "help")).await;
    // The chat's command menu follows the language.
    let kyrgyz_menu = t(Lang::Ky, "command-menu");
    let menus = api.calls_of("setMyCommands");
    assert!(
        menus.iter().any(|call| call.params["scope"]["chat_id"] == 6004
            && call.params["commands"].as_array().is_some_and(|commands| {
                commands.iter().any(|command| command["description"] == kyrgyz_menu.as_str())
            })),
        "{:?}",
        menus.iter().map(|c| &c.params).collect::<Vec<_>>()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn delete_me_erases_the_citizen_and_keeps_the_ticket() {
    let api = FakeBotApi::start().await;
    let sandbox = Sandbox::new();
    let _bot = sandbox.serve(&api);
    let lang = Lang::Ky;
    let user = api.user(6005, "Нурлан", lang.code());
    user.send_command("/start");
    until_button(&user, lang, "menu-complaint").await;
    let number = file_complaint(&user, lang, "Ооруканада үч күндөн бери дарыгер жок, кезек таңкы 6дан").await;

    user.send_command("/delete_me");
    let confirm = until_button(&user, lang, "btn-erase-yes").await;
    assert_eq!(confirm.text(), Some(t(lang, "erase-confirm").as_str()));
    let done = press(&user, lang, &confirm, "btn-erase-yes").await;
    assert_eq!(done.text(), Some(t(lang, "erase-done").as_str()));

    let shown = sandbox.run(&["ticket", "show", &number], &[]).ok();
    assert!(shown.contains("agency              health"), "the ticket's facts stay: {shown}");
    // The chat is a stranger now: its list is empty.
    user.send_command("/start");
    until_button(&user, lang, "menu-complaint").await;
    user.send_command("/my");
    let mine = next(&user).await;
    assert_eq!(mine.text(), Some(t(lang, "my-empty").as_str()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edited_message_is_answered_once_and_changes_nothing() {
    let api = FakeBotApi::start().await;
    let sandbox = Sandbox::new();
    let _bot = sandbox.serve(&api);
    let lang = Lang::Ru;
    let user = api.user(6006, "Айбек", lang.code());
    user.send_command("/start");
    let menu = until_button(&user, lang, "menu-complaint").await;
    press(&user, lang, &menu, "menu-complaint").await;
    let sent = user.send_text("Во дворе дома 12 по улице Ахунбаева три недели не вывозят мусор");
    let got = until_button(&user, lang, "btn-done").await;
    user.edit_text(sent, "совсем другой текст");
    let edited = next(&user).await;
    assert_eq!(edited.text(), Some(t(lang, "edited-ignored").as_str()));
    no_more_messages(&user).await;

    let review = reach_review(&user, lang, got).await;
    assert!(!review.text().unwrap().contains("совсем другой"), "the review shows the original: {:?}", review.text());
    submit(&user, lang, &review).await;
    let edits = api.sent_texts(6006).iter().filter(|t| **t == self::t(lang, "edited-ignored")).count();
    assert_eq!(edits, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_citizen_who_blocked_the_bot_stops_nothing_and_gets_no_late_duplicates() {
    let api = FakeBotApi::start().await;
    let sandbox = Sandbox::new();
    let _bot = sandbox.serve(&api);
    let lang = Lang::Ru;
    let blocker = api.user(6007, "Эрмек", lang.code());
    blocker.send_command("/start");
    until_button(&blocker, lang, "menu-complaint").await;

    blocker.block_bot();
    blocker.send_command("/help");
    // The bot tries, Telegram answers 403.
    let refused = api
        .wait_for(|call| call.method == "sendMessage" && call.chat_id() == Some(6007) && call.result.is_none(), WAIT)
        .await;
    assert!(refused.is_some(), "the reply to a blocked chat was never tried");

    // Everyone else is still served.
    let other = api.user(6008, "Жылдыз", "ky");
    other.send_command("/start");
    until_button(&other, Lang::Ky, "menu-complaint").await;

    api.unblock(6007);
    blocker.send_command("/privacy");
    let privacy = next(&blocker).await;
    assert!(privacy.text().unwrap().starts_with(&t(lang, "privacy")), "{:?}", privacy.text());
    no_more_messages(&blocker).await;
    let texts = api.sent_texts(6007);
    assert!(!texts.iter().any(|text| text.starts_with(&t(lang, "help"))), "the refused reply came late: {texts:?}");
    let attempts = api
        .calls_to(6007)
        .iter()
        .filter(|call| {
            call.method == "sendMessage" && call.text().is_some_and(|text| text.starts_with(&t(lang, "help")))
        })
        .count();
    assert_eq!(attempts, 1, "a 403 is not retried");
}
