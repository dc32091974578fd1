//! Ratings: by the `/start rate_<service>` deep link or from the menu, 1–5 as buttons, an optional
//! comment; 1–2 offers to turn the rating into a complaint to the same agency.

use super::complaint::finish_appeal;
use super::{Chat, Lang, Limits, render, t};

fn star(lang: Lang, n: i64) -> String {
    render(lang, "rating-star", &[("n", n.into())])
}

async fn ratings(chat: &Chat) -> Vec<(Option<String>, Option<String>, i64, Option<String>)> {
    sqlx::query_as("SELECT agency, service, score, comment FROM ratings ORDER BY id")
        .fetch_all(&chat.h.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_rate_deep_link_rates_that_service_with_a_comment() {
    for lang in Lang::ALL {
        // The link is the citizen's first message: the language comes from the client.
        let mut chat = Chat::with(Some(lang.code()), lang, Limits::default()).await;
        chat.say("/start rate_digital_services-con_3").await;
        assert!(chat.said_head("rating-score"), "{:?}", chat.texts());
        assert!(chat.saw(&t(lang, "agency-digital-services")), "{:?}", chat.texts());
        chat.press_label(&star(lang, 5)).await;
        assert!(chat.said("rating-comment"), "{:?}", chat.texts());
        chat.say("Тез / Быстро").await;
        assert!(chat.said("rating-thanks"), "{:?}", chat.texts());
        assert_eq!(
            ratings(&chat).await,
            vec![(Some("digital_services".into()), Some("con_3".into()), 5, Some("Тез / Быстро".into()))]
        );
        assert_eq!(chat.ticket_count().await, 0);
    }
}

#[tokio::test]
async fn a_low_rating_from_the_menu_turns_into_a_complaint_to_the_same_agency() {
    for lang in Lang::ALL {
        let mut chat = Chat::started(lang).await;
        chat.press("menu-rating").await;
        assert!(chat.said("rating-choose-service"), "{:?}", chat.texts());
        chat.press("agency-short-health").await;
        chat.press_label(&star(lang, 2)).await;
        chat.press("btn-skip").await;
        assert!(chat.said("rating-offer-complaint"), "{:?}", chat.texts());
        assert_eq!(ratings(&chat).await, vec![(Some("health".into()), None, 2, None)], "the rating counts anyway");
        chat.press("btn-rating-to-complaint").await;
        chat.say(super::complaint::no_doctor(lang)).await;
        let number = finish_appeal(&mut chat).await;
        let ticket = chat.h.store.ticket(&number.parse().unwrap()).await.unwrap().unwrap();
        assert_eq!(ticket.agency.as_str(), "health");
    }
}

#[tokio::test]
async fn a_low_rating_without_a_complaint_opens_nothing_and_a_high_one_offers_none() {
    for lang in Lang::ALL {
        let mut chat = Chat::started(lang).await;
        chat.say("/start rate_tax").await;
        chat.press_label(&star(lang, 1)).await;
        chat.press("btn-skip").await;
        chat.press("btn-no-thanks").await;
        assert_eq!(chat.ticket_count().await, 0);

        chat.say("/start rate_tax").await;
        chat.press_label(&star(lang, 4)).await;
        chat.press("btn-skip").await;
        assert!(chat.said("rating-thanks") && !chat.said("rating-offer-complaint"), "{:?}", chat.texts());
        assert_eq!(ratings(&chat).await.iter().map(|r| r.2).collect::<Vec<_>>(), vec![1, 4]);
    }
}

#[tokio::test]
async fn a_double_tap_on_a_score_records_one_rating() {
    for lang in Lang::ALL {
        let mut chat = Chat::started(lang).await;
        chat.say("/start rate_health").await;
        let five = chat.button(&star(lang, 5)).unwrap();
        chat.press_data(&five).await;
        chat.press_data(&five).await;
        assert!(chat.said("stale-button"), "{:?}", chat.texts());
        // The comment question is still open after the stale tap.
        chat.say("👍").await;
        assert!(chat.said("rating-thanks"), "{:?}", chat.texts());
        assert_eq!(ratings(&chat).await.len(), 1);
    }
}

#[tokio::test]
async fn an_answered_ticket_is_rated_without_a_complaint_offer() {
    for lang in Lang::ALL {
        let mut chat = Chat::started(lang).await;
        let number = super::complaint::file_complaint(&mut chat).await;
        // The agency answers (an officer's work, outside this flow).
        sqlx::query("UPDATE tickets SET status = 'answered' WHERE number = ?")
            .bind(&number)
            .execute(&chat.h.db)
            .await
            .unwrap();
        chat.say(&format!("/start t_{number}")).await;
        chat.press("btn-rate-answer").await;
        let target = render(lang, "rating-ticket", &[("number", number.clone().into())]);
        assert!(chat.saw(&target), "{:?}", chat.texts());
        chat.press_label(&star(lang, 2)).await;
        chat.press("btn-skip").await;
        assert!(chat.said("rating-thanks") && !chat.said("rating-offer-complaint"), "{:?}", chat.texts());
        let (ticket, agency, score): (Option<String>, Option<String>, i64) = sqlx::query_as(
            "SELECT t.number, r.agency, r.score FROM ratings r LEFT JOIN tickets t ON t.id = r.ticket_id",
        )
        .fetch_one(&chat.h.db)
        .await
        .unwrap();
        assert_eq!((ticket, agency, score), (Some(number), None, 2));
    }
}
