//! `/start` with and without a Telegram language, `/language`, the main menu, `/help`, `/privacy`
//! and the first message deciding the language.

use super::{Chat, Lang, Limits, t};

const MENU: [&str; 5] = ["menu-complaint", "menu-corruption", "menu-rating", "menu-my", "menu-help"];

async fn stored_lang(chat: &Chat) -> Option<String> {
    sqlx::query_scalar("SELECT lang FROM citizens WHERE chat_id = ?")
        .bind(super::CHAT_ID)
        .fetch_optional(&chat.h.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn start_greets_in_the_language_of_the_telegram_client_with_the_main_menu() {
    for lang in Lang::ALL {
        let chat = Chat::started(lang).await;
        for item in MENU {
            assert!(chat.button(&t(lang, item)).is_some(), "{item} missing in {:?}", chat.keyboards());
        }
        assert_eq!(stored_lang(&chat).await.as_deref(), Some(lang.code()));
    }
}

#[tokio::test]
async fn start_without_a_known_language_asks_with_two_buttons_then_answers_in_the_choice() {
    for lang in Lang::ALL {
        for code in [None, Some("en")] {
            let mut chat = Chat::with(code, lang, Limits::default()).await;
            chat.say("/start").await;
            assert!(chat.said("choose-language"), "{:?}", chat.texts());
            assert_eq!(chat.keyboards().len(), 2, "{:?}", chat.keyboards());
            assert_eq!(stored_lang(&chat).await, None, "nothing is stored before the choice");
            let choice = if lang == Lang::Ky { "lang-ky-button" } else { "lang-ru-button" };
            chat.press(choice).await;
            assert!(chat.said("language-set") && chat.said("menu-prompt"), "{:?}", chat.texts());
            assert_eq!(stored_lang(&chat).await.as_deref(), Some(lang.code()));
        }
    }
}

#[tokio::test]
async fn language_switches_the_answers_and_the_stored_language() {
    for lang in Lang::ALL {
        let other = if lang == Lang::Ky { Lang::Ru } else { Lang::Ky };
        let mut chat = Chat::started(lang).await;
        chat.say("/language").await;
        assert!(chat.said("choose-language"), "{:?}", chat.texts());
        let choice = if other == Lang::Ky { "lang-ky-button" } else { "lang-ru-button" };
        chat.press(choice).await;
        chat.lang = other;
        assert!(chat.said("language-set"), "{:?}", chat.texts());
        assert_eq!(stored_lang(&chat).await.as_deref(), Some(other.code()));
        chat.say("/help").await;
        assert!(chat.said("help"), "help comes in the new language: {:?}", chat.texts());
    }
}

#[tokio::test]
async fn the_menu_help_and_privacy_answer_from_the_catalog() {
    for lang in Lang::ALL {
        let mut chat = Chat::started(lang).await;
        chat.say("/menu").await;
        assert!(chat.said("menu-prompt"), "{:?}", chat.texts());
        chat.press("menu-help").await;
        assert!(chat.said("help"), "{:?}", chat.texts());
        chat.say("/help").await;
        assert!(chat.said("help"));
        chat.say("/privacy").await;
        assert!(chat.said("privacy"), "{:?}", chat.texts());
        chat.say("/frobnicate").await;
        assert!(chat.said("unknown-command"), "{:?}", chat.texts());
    }
}

#[tokio::test]
async fn the_first_message_decides_the_language_when_telegram_does_not() {
    for (lang, text) in [(Lang::Ky, "Айылда үч күндөн бери жарык жок"), (Lang::Ru, "Третий день нет света в Сокулуке")]
    {
        let mut chat = Chat::with(None, lang, Limits::default()).await;
        chat.say(text).await;
        assert!(chat.button(&t(lang, "btn-route-ok")).is_some(), "{:?} {:?}", chat.texts(), chat.keyboards());
        assert!(chat.saw(&t(lang, "agency-energy")), "{:?}", chat.texts());
        assert_eq!(stored_lang(&chat).await.as_deref(), Some(lang.code()));
    }
}
