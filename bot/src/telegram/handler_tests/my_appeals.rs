//! My appeals: the list, one ticket with its thread (also by the `/start t_<number>` link),
//! adding information, withdrawing; buttons that went stale because the ticket changed.

use teloxide_tests::MockMessagePhoto;

use super::complaint::{file_complaint, power_cut};
use super::{Chat, Lang, render};

async fn status(chat: &Chat, number: &str) -> String {
    chat.h.store.ticket(&number.parse().unwrap()).await.unwrap().unwrap().status.to_string()
}

#[tokio::test]
async fn the_list_opens_a_ticket_that_takes_more_information_and_is_withdrawn_once() {
    for lang in Lang::ALL {
        let mut chat = Chat::started(lang).await;
        let number = file_complaint(&mut chat).await;
        chat.say("/my").await;
        assert!(chat.said_head("my-header") && chat.saw(&number), "{:?}", chat.texts());
        chat.press_label(&number).await;
        assert!(chat.saw(power_cut(lang)), "the thread is shown: {:?}", chat.texts());

        chat.press("btn-add-info").await;
        assert!(chat.said("add-info-ask"), "{:?}", chat.texts());
        chat.say("Бүгүн да жарык жок / Сегодня тоже нет света").await;
        let added = render(lang, "info-added", &[("number", number.clone().into())]);
        assert!(chat.texts().contains(&added), "{:?}", chat.texts());
        chat.send(MockMessagePhoto::new().from(chat.user())).await;
        assert!(chat.texts().contains(&added), "{:?}", chat.texts());
        chat.press("btn-done").await;
        let thread = chat.h.store.thread(&number.parse().unwrap()).await.unwrap();
        assert!(thread.iter().any(|m| m.text.as_deref() == Some("Бүгүн да жарык жок / Сегодня тоже нет света")));
        assert!(thread.iter().any(|m| m.media.is_some()));

        chat.say("/my").await;
        chat.press_label(&number).await;
        chat.press("btn-withdraw").await;
        let confirm = render(lang, "withdraw-confirm", &[("number", number.clone().into())]);
        assert!(chat.texts().contains(&confirm), "{:?}", chat.texts());
        assert_eq!(status(&chat, &number).await, "new", "nothing happens before the confirmation");
        let yes = chat.button(&super::t(lang, "btn-withdraw-yes")).unwrap();
        chat.press_data(&yes).await;
        let withdrawn = render(lang, "withdrawn", &[("number", number.clone().into())]);
        assert!(chat.texts().contains(&withdrawn), "{:?}", chat.texts());
        assert_eq!(status(&chat, &number).await, "withdrawn");
        chat.press_data(&yes).await;
        assert!(chat.said("stale-button"), "a double tap: {:?}", chat.texts());
        let audit = chat.h.store.audit_log(&number.parse().unwrap()).await.unwrap();
        assert_eq!(audit.iter().filter(|e| e.action == "withdraw").count(), 1, "{audit:?}");
    }
}

#[tokio::test]
async fn a_ticket_link_opens_the_ticket_and_a_foreign_number_is_not_found() {
    for lang in Lang::ALL {
        let mut chat = Chat::started(lang).await;
        let number = file_complaint(&mut chat).await;
        chat.say(&format!("/start t_{number}")).await;
        assert!(chat.saw(&number) && chat.saw(power_cut(lang)), "{:?}", chat.texts());
        assert!(chat.button(&super::t(lang, "btn-withdraw")).is_some());
        chat.say("/start t_KR-2026-999999").await;
        assert!(chat.said("failed-not-found"), "{:?}", chat.texts());
    }
}

#[tokio::test]
async fn an_empty_list_says_how_to_begin() {
    for lang in Lang::ALL {
        let mut chat = Chat::started(lang).await;
        chat.say("/my").await;
        assert!(chat.said("my-empty"), "{:?}", chat.texts());
        chat.say("/menu").await;
        chat.press("menu-my").await;
        assert!(chat.said("my-empty"), "{:?}", chat.texts());
    }
}

#[tokio::test]
async fn withdrawing_a_ticket_closed_meanwhile_is_refused_without_saying_it_was_withdrawn() {
    for lang in Lang::ALL {
        let mut chat = Chat::started(lang).await;
        let number = file_complaint(&mut chat).await;
        chat.say(&format!("/start t_{number}")).await;
        chat.press("btn-withdraw").await;
        // The agency closes the ticket while the confirmation is on the citizen's screen.
        sqlx::query("UPDATE tickets SET status = 'closed' WHERE number = ?")
            .bind(&number)
            .execute(&chat.h.db)
            .await
            .unwrap();
        chat.press("btn-withdraw-yes").await;
        assert!(chat.said("failed-conflict"), "{:?}", chat.texts());
        let withdrawn = render(lang, "withdrawn", &[("number", number.clone().into())]);
        assert!(!chat.texts().contains(&withdrawn), "{:?}", chat.texts());
        assert_eq!(status(&chat, &number).await, "closed");
    }
}

#[tokio::test]
async fn another_citizens_ticket_is_never_shown_by_link_list_or_old_button() {
    for lang in Lang::ALL {
        let mut chat = Chat::started(lang).await;
        let number = file_complaint(&mut chat).await;
        chat.say("/my").await;
        let old_open = chat.button(&number).expect("the list's button");
        // The ticket now belongs to someone else (as if filed from another account).
        sqlx::query("INSERT INTO citizens (chat_id, lang, created_at) VALUES (42, 'ru', '2026-01-01T00:00:00Z')")
            .execute(&chat.h.db)
            .await
            .unwrap();
        sqlx::query("UPDATE tickets SET citizen_id = (SELECT id FROM citizens WHERE chat_id = 42)")
            .execute(&chat.h.db)
            .await
            .unwrap();
        chat.press_data(&old_open).await;
        assert!(chat.said("failed-not-found") && !chat.saw(power_cut(lang)), "{:?}", chat.texts());
        chat.say(&format!("/start t_{number}")).await;
        assert!(chat.said("failed-not-found") && !chat.saw(power_cut(lang)), "{:?}", chat.texts());
        chat.say("/my").await;
        assert!(chat.said("my-empty"), "{:?}", chat.texts());
    }
}
