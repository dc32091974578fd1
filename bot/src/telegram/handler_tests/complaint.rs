//! Complaints: free text, the classifier's suggestion confirmed, an alternative or another agency
//! from the list; descriptions with photos, documents and voice notes; the place by buttons or by
//! a shared location; the ticket and the routing choice in the database.

use teloxide_tests::{MockMessageDocument, MockMessageLocation, MockMessagePhoto, MockMessageVoice};

use super::{Chat, Lang, t};

/// A complaint about a power cut, as each language says it (the classifier is sure: energy).
pub(crate) fn power_cut(lang: Lang) -> &'static str {
    match lang {
        Lang::Ky => "Айылда үч күндөн бери жарык жок",
        Lang::Ru => "Третий день нет света в Сокулуке",
    }
}

/// A complaint about a clinic (the classifier is sure: health).
pub(crate) fn no_doctor(lang: Lang) -> &'static str {
    match lang {
        Lang::Ky => "Ооруканада үч күндөн бери дарыгер жок, кезек таңкы 6дан",
        Lang::Ru => "В поликлинике №3 третий день нет врача, очередь с 6 утра",
    }
}

/// Answers whatever the flow still asks (details, place, contact) the shortest way, until the
/// review with its submit button is on screen.
pub(crate) async fn reach_review(chat: &mut Chat) {
    for _ in 0..10 {
        if chat.button(&t(chat.lang, "btn-submit")).is_some() {
            return;
        }
        let mut answered = false;
        for id in ["btn-done", "region-bishkek", "btn-district-unknown", "btn-contact-no", "btn-skip"] {
            if chat.press_if_offered(id).await {
                answered = true;
                break;
            }
        }
        assert!(answered, "stuck at {:?} {:?}", chat.texts(), chat.keyboards());
    }
    panic!("the review never came");
}

/// Goes to the review and submits. Returns the new ticket's number.
pub(crate) async fn finish_appeal(chat: &mut Chat) -> String {
    reach_review(chat).await;
    chat.press("btn-submit").await;
    assert!(chat.said_head("ticket-opened") || chat.said_head("ticket-opened-anonymous"), "{:?}", chat.texts());
    chat.number_in_answer()
}

/// Files a power-cut complaint from free text, accepting the suggestion; returns its number.
pub(crate) async fn file_complaint(chat: &mut Chat) -> String {
    let lang = chat.lang;
    chat.say(power_cut(lang)).await;
    chat.press("btn-route-ok").await;
    finish_appeal(chat).await
}

async fn routing_choice(chat: &Chat, number: &str) -> (Option<String>, String, String) {
    sqlx::query_as(
        "SELECT r.suggested_agency, r.chosen_agency, r.source FROM routing_choices r \
         JOIN tickets t ON t.id = r.ticket_id WHERE t.number = ?",
    )
    .bind(number)
    .fetch_one(&chat.h.db)
    .await
    .unwrap()
}

#[tokio::test]
async fn free_text_is_classified_confirmed_and_filed_with_media_and_a_location() {
    for lang in Lang::ALL {
        let mut chat = Chat::started(lang).await;
        chat.say(power_cut(lang)).await;
        let suggestion = super::render(
            lang,
            "route-suggest",
            &[("kind", t(lang, "kind-complaint").into()), ("agency", t(lang, "agency-energy").into())],
        );
        assert!(chat.texts().contains(&suggestion), "{:?}", chat.texts());
        assert!(chat.button(&t(lang, "btn-other-agency")).is_some());
        chat.press("btn-route-ok").await;
        assert!(chat.said_head("describe-more"), "{:?}", chat.texts());

        chat.send(MockMessagePhoto::new().from(chat.user())).await;
        assert!(chat.said("file-added-more"), "{:?}", chat.texts());
        chat.send(MockMessageDocument::new().from(chat.user())).await;
        assert!(chat.said("file-added-more"), "{:?}", chat.texts());
        chat.send(MockMessageVoice::new().from(chat.user())).await;
        assert!(chat.said("file-added-more"), "{:?}", chat.texts());
        chat.press("btn-done").await;
        assert!(chat.said("region-ask"), "{:?}", chat.texts());

        // Bishkek, shared from the phone.
        chat.send(MockMessageLocation::new().latitude(42.8746).longitude(74.5698).from(chat.user())).await;
        assert!(chat.said("place-noted") && chat.said("contact-ask"), "{:?}", chat.texts());
        chat.press("btn-contact-telegram").await;
        assert!(chat.said("review-header") || chat.saw(&t(lang, "review-header")), "{:?}", chat.texts());
        chat.press("btn-submit").await;
        assert!(chat.said_head("ticket-opened"), "{:?}", chat.texts());
        let number = chat.number_in_answer();

        let tickets = chat.tickets().await;
        assert_eq!(tickets.len(), 1);
        let ticket = &tickets[0];
        assert_eq!(ticket.number.to_string(), number);
        assert_eq!(ticket.agency.as_str(), "energy");
        assert!(ticket.citizen_id.is_some() && !ticket.anonymous);
        let thread = chat.h.store.thread(&ticket.number).await.unwrap();
        let text = thread.iter().filter_map(|m| m.text.clone()).collect::<Vec<_>>().join("\n");
        assert!(text.contains(power_cut(lang)) && text.contains("📍 42.87"), "{text}");
        assert_eq!(thread.iter().filter(|m| m.media.is_some()).count(), 3, "photo, document and voice note");
        let (suggested, chosen, source) = routing_choice(&chat, &number).await;
        assert_eq!((suggested.as_deref(), chosen.as_str(), source.as_str()), (Some("energy"), "energy", "accepted"));
    }
}

#[tokio::test]
async fn an_alternative_from_the_suggestion_is_stored_as_the_citizens_choice() {
    for lang in Lang::ALL {
        let mut chat = Chat::started(lang).await;
        chat.say(power_cut(lang)).await;
        chat.press("agency-short-local").await;
        let routed = super::render(lang, "describe-more", &[("agency", t(lang, "agency-local").into())]);
        assert!(chat.texts().contains(&routed), "{:?}", chat.texts());
        let number = finish_appeal(&mut chat).await;
        assert_eq!(chat.tickets().await[0].agency.as_str(), "local");
        let (suggested, chosen, source) = routing_choice(&chat, &number).await;
        assert_eq!((suggested.as_deref(), chosen.as_str(), source.as_str()), (Some("energy"), "local", "alternative"));
    }
}

#[tokio::test]
async fn another_agency_is_chosen_from_the_full_list() {
    for lang in Lang::ALL {
        let mut chat = Chat::started(lang).await;
        chat.say(no_doctor(lang)).await;
        chat.press("btn-other-agency").await;
        assert!(chat.said("route-choose"), "{:?}", chat.texts());
        assert!(chat.button(&t(lang, "btn-agency-unknown")).is_some());
        // The list is paged: look for social protection page by page.
        for _ in 0..5 {
            if chat.press_if_offered("agency-short-social").await {
                break;
            }
            chat.press("btn-next-page").await;
        }
        assert!(chat.said_head("describe-more"), "{:?}", chat.texts());
        let number = finish_appeal(&mut chat).await;
        let (suggested, chosen, source) = routing_choice(&chat, &number).await;
        assert_eq!((suggested.as_deref(), chosen.as_str(), source.as_str()), (Some("health"), "social", "from_list"));
    }
}

#[tokio::test]
async fn a_complaint_from_the_menu_takes_the_oblast_and_district_by_buttons() {
    for lang in Lang::ALL {
        let mut chat = Chat::started(lang).await;
        chat.press("menu-complaint").await;
        assert!(chat.said("complaint-describe"), "{:?}", chat.texts());
        chat.say(no_doctor(lang)).await;
        assert!(chat.said("describe-got"), "{:?}", chat.texts());
        chat.press("btn-done").await;
        chat.press("btn-route-ok").await;
        assert!(chat.said("region-ask"), "{:?}", chat.texts());
        chat.press("region-osh").await;
        chat.press("district-nookat").await;
        assert!(chat.said("contact-ask"), "{:?}", chat.texts());
        chat.press("btn-contact-no").await;
        chat.press("btn-submit").await;
        let ticket = &chat.tickets().await[0];
        assert_eq!(ticket.agency.as_str(), "health");
        assert_eq!((ticket.region.as_deref(), ticket.district.as_deref()), (Some("osh"), Some("nookat")));
    }
}

#[tokio::test]
async fn a_photo_at_rest_starts_a_complaint_and_asks_for_words() {
    for lang in Lang::ALL {
        let mut chat = Chat::started(lang).await;
        chat.send(MockMessagePhoto::new().from(chat.user())).await;
        assert!(chat.said("describe-in-words"), "{:?}", chat.texts());
        chat.say(no_doctor(lang)).await;
        chat.press("btn-done").await;
        chat.press("btn-route-ok").await;
        finish_appeal(&mut chat).await;
        let ticket = &chat.tickets().await[0];
        let thread = chat.h.store.thread(&ticket.number).await.unwrap();
        assert_eq!(thread.iter().filter(|m| m.media.is_some()).count(), 1);
    }
}
