//! Bad input and abuse: over-long text, stickers, polls, dice, a contact or location when not
//! asked, commands in the middle of a flow, double taps, stale buttons, edits, group chats, rate
//! limits and repeated deliveries. Each gets a catalog answer or is dropped on purpose, and none
//! makes a duplicate or half-made ticket.

use std::sync::atomic::AtomicI32;

use teloxide::types::Update;
use teloxide_tests::{
    IntoUpdate, MockEditedMessage, MockGroupChat, MockMessageContact, MockMessageDice, MockMessageLocation,
    MockMessagePoll, MockMessageSticker, MockMessageText,
};

use super::complaint::{finish_appeal, no_doctor, power_cut, reach_review};
use super::{Chat, Lang, Limits, render, t};

#[tokio::test]
async fn an_over_long_message_is_refused_and_the_draft_is_kept() {
    for lang in Lang::ALL {
        let mut chat = Chat::started(lang).await;
        chat.press("menu-complaint").await;
        chat.say(no_doctor(lang)).await;
        let done = chat.button(&t(lang, "btn-done")).unwrap();
        chat.say(&"ж".repeat(4097)).await;
        let refused = render(lang, "text-too-long", &[("max", 4096.into())]);
        assert!(chat.texts().contains(&refused), "{:?}", chat.texts());
        chat.press_data(&done).await;
        chat.press("btn-route-ok").await;
        finish_appeal(&mut chat).await;
        let ticket = &chat.tickets().await[0];
        let thread = chat.h.store.thread(&ticket.number).await.unwrap();
        let words = thread.iter().filter_map(|m| m.text.clone()).collect::<String>();
        assert!(words.contains(no_doctor(lang)) && !words.contains("жжжж"), "{words}");
    }
}

#[tokio::test]
async fn stickers_polls_and_dice_get_a_polite_answer_and_open_nothing() {
    for lang in Lang::ALL {
        let mut chat = Chat::started(lang).await;
        chat.send(MockMessageSticker::new().from(chat.user())).await;
        assert_eq!(chat.texts(), vec![t(lang, "unsupported")]);
        chat.send(MockMessagePoll::new().from(chat.user())).await;
        assert_eq!(chat.texts(), vec![t(lang, "unsupported")]);
        chat.send(MockMessageDice::new().from(chat.user())).await;
        assert_eq!(chat.texts(), vec![t(lang, "unsupported")]);
        assert_eq!(chat.ticket_count().await, 0);
    }
}

#[tokio::test]
async fn a_sticker_from_a_stranger_gets_the_answer_in_both_languages() {
    let mut chat = Chat::with(None, Lang::Ru, Limits::default()).await;
    chat.send(MockMessageSticker::new().from(chat.user())).await;
    let texts = chat.texts();
    assert_eq!(texts.len(), 1, "{texts:?}");
    assert!(texts[0].contains(&t(Lang::Ky, "unsupported")) || texts[0].contains(&t(Lang::Ru, "unsupported")));
}

#[tokio::test]
async fn a_location_or_contact_when_not_asked_is_declined() {
    for lang in Lang::ALL {
        let mut chat = Chat::started(lang).await;
        chat.send(MockMessageLocation::new().latitude(42.87).longitude(74.59).from(chat.user())).await;
        assert!(chat.said("location-not-asked"), "{:?}", chat.texts());
        let own = MockMessageContact::new().phone_number("+996555000000").user_id(chat.user().id);
        chat.send(own.from(chat.user())).await;
        assert!(chat.said("contact-not-asked"), "{:?}", chat.texts());
        assert_eq!(chat.ticket_count().await, 0);
    }
}

#[tokio::test]
async fn someone_elses_phone_number_is_not_taken_as_the_contact() {
    for lang in Lang::ALL {
        let mut chat = Chat::started(lang).await;
        chat.say(power_cut(lang)).await;
        chat.press("btn-route-ok").await;
        chat.press("btn-done").await;
        chat.press("region-bishkek").await;
        chat.press_if_offered("btn-district-unknown").await;
        assert!(chat.said("contact-ask"), "{:?}", chat.texts());
        let foreign = MockMessageContact::new().phone_number("+996700111222").user_id(teloxide::types::UserId(999));
        chat.send(foreign.from(chat.user())).await;
        assert!(chat.said("contact-not-own"), "{:?}", chat.texts());
        let own = MockMessageContact::new().phone_number("+996555000000").user_id(chat.user().id);
        chat.send(own.from(chat.user())).await;
        assert!(chat.said("contact-noted"), "{:?}", chat.texts());
        let number = finish_appeal(&mut chat).await;
        let thread = chat.h.store.thread(&number.parse().unwrap()).await.unwrap();
        let words = thread.iter().filter_map(|m| m.text.clone()).collect::<String>();
        assert!(words.contains("+996555000000") && !words.contains("+996700111222"), "{words}");
    }
}

#[tokio::test]
async fn commands_in_the_middle_of_a_flow_keep_it_or_say_it_was_dropped() {
    for lang in Lang::ALL {
        let mut chat = Chat::started(lang).await;
        chat.press("menu-complaint").await;
        chat.say(no_doctor(lang)).await;
        chat.say("/help").await;
        assert!(chat.said("help") && chat.said("flow-continues"), "{:?}", chat.texts());
        chat.say("/frobnicate").await;
        assert!(chat.said("unknown-command"), "{:?}", chat.texts());
        chat.say("/my").await;
        assert!(chat.said("draft-discarded"), "{:?}", chat.texts());
        chat.say("/cancel").await;
        assert!(chat.said("nothing-to-cancel") || chat.said("cancelled"), "{:?}", chat.texts());
        chat.say("/menu").await;
        chat.press("menu-complaint").await;
        chat.say(no_doctor(lang)).await;
        chat.send(MockMessageSticker::new().from(chat.user())).await;
        assert!(chat.said("unsupported"), "{:?}", chat.texts());
        chat.say("/start").await;
        assert!(chat.said("draft-discarded") && chat.said("welcome"), "{:?}", chat.texts());
        assert_eq!(chat.ticket_count().await, 0, "no half-made ticket");
    }
}

#[tokio::test]
async fn a_double_tap_on_submit_opens_one_ticket() {
    for lang in Lang::ALL {
        let mut chat = Chat::started(lang).await;
        chat.say(power_cut(lang)).await;
        chat.press("btn-route-ok").await;
        reach_review(&mut chat).await;
        let submit = chat.button(&t(lang, "btn-submit")).unwrap();
        chat.press_data(&submit).await;
        assert!(chat.said_head("ticket-opened"), "{:?}", chat.texts());
        chat.press_data(&submit).await;
        assert!(chat.said("stale-button"), "{:?}", chat.texts());
        assert_eq!(chat.ticket_count().await, 1);
    }
}

#[tokio::test]
async fn buttons_from_an_old_message_or_an_older_version_are_stale() {
    for lang in Lang::ALL {
        let mut chat = Chat::started(lang).await;
        chat.say(power_cut(lang)).await;
        chat.press("btn-route-ok").await;
        chat.press("btn-done").await;
        let old_osh = chat.button(&t(lang, "region-osh")).expect("the region question");
        chat.say("/cancel").await;
        assert!(chat.said("cancelled"), "{:?}", chat.texts());
        chat.say("/menu").await;
        chat.press("menu-complaint").await;
        chat.press_data(&old_osh).await;
        assert!(chat.said("stale-button"), "a region button from the cancelled draft: {:?}", chat.texts());
        chat.press_data("v0:gone").await;
        assert!(chat.said("stale-button"), "{:?}", chat.texts());
        chat.press_data(&"x".repeat(65)).await;
        assert!(chat.said("stale-button"), "data over 64 bytes: {:?}", chat.texts());
        // The flow is where it was.
        chat.say(no_doctor(lang)).await;
        assert!(chat.said("describe-got"), "{:?}", chat.texts());
        assert_eq!(chat.ticket_count().await, 0);
    }
}

#[tokio::test]
async fn an_edited_message_is_not_applied_and_the_citizen_is_told() {
    for lang in Lang::ALL {
        let mut chat = Chat::started(lang).await;
        chat.press("menu-complaint").await;
        chat.say(no_doctor(lang)).await;
        let done = chat.button(&t(lang, "btn-done")).unwrap();
        let edited = MockMessageText::new().text("совсем другое").from(chat.user()).build();
        chat.send(MockEditedMessage::new(edited)).await;
        assert_eq!(chat.texts(), vec![t(lang, "edited-ignored")]);
        chat.press_data(&done).await;
        chat.press("btn-route-ok").await;
        let number = finish_appeal(&mut chat).await;
        let thread = chat.h.store.thread(&number.parse().unwrap()).await.unwrap();
        let words = thread.iter().filter_map(|m| m.text.clone()).collect::<String>();
        assert!(!words.contains("совсем другое"), "{words}");
        assert_eq!(chat.ticket_count().await, 1);
    }
}

#[tokio::test]
async fn a_group_chat_is_told_to_write_in_private_and_nothing_is_opened() {
    for lang in Lang::ALL {
        let mut chat = Chat::started(lang).await;
        let message = MockMessageText::new().text(power_cut(lang)).chat(MockGroupChat::new().id(-100).build());
        chat.send(message.from(chat.user())).await;
        let texts = chat.texts();
        assert_eq!(texts.len(), 1, "{texts:?}");
        assert!(texts[0] == t(lang, "group-chat-bilingual") || texts[0] == t(lang, "group-chat"), "{texts:?}");
        assert_eq!(chat.ticket_count().await, 0);
    }
}

#[tokio::test]
async fn a_citizen_over_the_message_limit_is_told_once_and_the_rest_is_dropped() {
    for lang in Lang::ALL {
        let mut chat =
            Chat::with(Some(lang.code()), lang, Limits { messages_per_minute: 3, appeals_per_hour: 5 }).await;
        let burst: Vec<MockMessageText> =
            (0..6).map(|i| MockMessageText::new().text(format!("/help {i}")).from(chat.user())).collect();
        chat.send(burst).await;
        let texts = chat.texts();
        let notices = texts.iter().filter(|text| text.contains(&t(lang, "notice-slow-down"))).count();
        assert_eq!(notices, 1, "{texts:?}");
        assert!(texts.len() <= 3 * 2 + 1, "{} replies for 3 allowed messages", texts.len());
    }
}

#[tokio::test]
async fn a_citizen_over_the_appeal_limit_is_refused_without_a_ticket() {
    for lang in Lang::ALL {
        let mut chat =
            Chat::with(Some(lang.code()), lang, Limits { messages_per_minute: 100, appeals_per_hour: 1 }).await;
        chat.say("/start").await;
        super::complaint::file_complaint(&mut chat).await;
        chat.say(no_doctor(lang)).await;
        chat.press("btn-route-ok").await;
        reach_review(&mut chat).await;
        chat.press("btn-submit").await;
        assert!(chat.said("failed-too-many"), "{:?}", chat.texts());
        assert_eq!(chat.ticket_count().await, 1);
    }
}

#[tokio::test]
async fn the_same_update_delivered_twice_is_handled_once() {
    let chat = Chat::started(Lang::Ru).await;
    let update: Update =
        MockMessageText::new().text("/help").from(chat.user()).into_update(&AtomicI32::new(7)).remove(0);
    // No Bot API behind this bot: delivery fails and the replies stay queued, which is what we count.
    let offline = teloxide::Bot::new("0:offline").set_api_url(url::Url::parse("http://127.0.0.1:1").unwrap());
    let deps = &chat.h.deps;
    crate::telegram::handler::handle_update(&offline, deps, &update, None).await.unwrap();
    let queued = chat.h.store.outbox_depth().await.unwrap();
    assert!(queued >= 1);
    crate::telegram::handler::handle_update(&offline, deps, &update, None).await.unwrap();
    assert_eq!(chat.h.store.outbox_depth().await.unwrap(), queued, "a repeated update must not answer again");
}
