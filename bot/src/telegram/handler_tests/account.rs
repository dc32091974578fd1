//! The citizen's own data: the voluntary profile, `/delete_me`; and the emergency numbers, which
//! come first whatever else is under way.

use super::complaint::{file_complaint, power_cut};
use super::{CHAT_ID, Chat, Lang, t};

type ProfileRow = (Option<String>, Option<String>, Option<String>);

async fn profile(chat: &Chat) -> Option<ProfileRow> {
    sqlx::query_as("SELECT gender, age_band, disability FROM citizens WHERE chat_id = ?")
        .bind(CHAT_ID)
        .fetch_optional(&chat.h.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn the_profile_is_voluntary_and_every_question_can_be_skipped() {
    for lang in Lang::ALL {
        let mut chat = Chat::started(lang).await;
        chat.say("/profile").await;
        assert!(chat.said("profile-intro") && chat.said("profile-gender"), "{:?}", chat.texts());
        chat.press("gender-female").await;
        assert!(chat.said("profile-age"), "{:?}", chat.texts());
        chat.press("btn-skip").await;
        assert!(chat.said("profile-disability"), "{:?}", chat.texts());
        chat.press("disability-prefer-not-to-say").await;
        assert!(chat.said("profile-done"), "{:?}", chat.texts());
        assert_eq!(profile(&chat).await, Some((Some("female".into()), None, Some("prefer_not_to_say".into()))));
    }
}

#[tokio::test]
async fn delete_me_asks_first_then_erases_the_person_and_keeps_the_ticket_facts() {
    for lang in Lang::ALL {
        let mut chat = Chat::started(lang).await;
        let number = file_complaint(&mut chat).await;
        chat.say("/profile").await;
        chat.press("gender-male").await;

        chat.say("/delete_me").await;
        assert!(chat.said("erase-confirm"), "{:?}", chat.texts());
        chat.press("btn-erase-no").await;
        assert!(chat.said("erase-kept"), "{:?}", chat.texts());
        assert!(profile(&chat).await.is_some());

        chat.say("/delete_me").await;
        chat.press("btn-erase-yes").await;
        assert!(chat.said("erase-done"), "{:?}", chat.texts());
        assert_eq!(profile(&chat).await, None, "the chat is no longer linked to a citizen");
        let ticket = chat.h.store.ticket(&number.parse().unwrap()).await.unwrap().unwrap();
        assert_eq!(ticket.agency.as_str(), "energy", "the ticket's facts stay for statistics");
        let thread = chat.h.store.thread(&ticket.number).await.unwrap();
        assert!(thread.iter().all(|m| m.text.as_deref() != Some(power_cut(lang))), "the citizen's words are erased");
        assert!(chat.tickets().await.is_empty());
        let dialogues: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM dialogues WHERE chat_id = ?")
            .bind(CHAT_ID)
            .fetch_one(&chat.h.db)
            .await
            .unwrap();
        assert_eq!(dialogues, 0, "no conversation state is kept either");

        // Starting again is a new acquaintance.
        chat.say("/start").await;
        assert!(chat.said("welcome"), "{:?}", chat.texts());
    }
}

#[tokio::test]
async fn words_of_danger_get_the_emergency_numbers_first_at_rest_and_in_a_flow() {
    for (lang, text) in [(Lang::Ky, "Үйүбүз күйүп жатат"), (Lang::Ru, "Помогите, сосед избивает жену")]
    {
        let mut chat = Chat::started(lang).await;
        chat.say(text).await;
        assert_eq!(chat.texts().first(), Some(&t(lang, "emergency")), "the numbers come first");
        assert!(chat.texts()[0].contains("112") && chat.texts()[0].contains("102") && chat.texts()[0].contains("103"));
        assert!(chat.texts().len() > 1, "and the message is still handled: {:?}", chat.texts());

        chat.say("/menu").await;
        chat.press("menu-complaint").await;
        chat.say(text).await;
        assert_eq!(chat.texts().first(), Some(&t(lang, "emergency")), "{:?}", chat.texts());
        assert!(chat.said("describe-got"), "the description goes on: {:?}", chat.texts());
    }
}

#[tokio::test]
async fn words_of_danger_in_a_photo_caption_get_the_numbers_first() {
    for (lang, caption) in [(Lang::Ky, "Үйүбүз күйүп жатат"), (Lang::Ru, "Пожар в подъезде, дым")]
    {
        let mut chat = Chat::started(lang).await;
        chat.send(teloxide_tests::MockMessagePhoto::new().caption(caption).from(chat.user())).await;
        assert_eq!(chat.texts().first(), Some(&t(lang, "emergency")), "{:?}", chat.texts());
    }
}
