//! Corruption reports, anonymous and named: routed to the anti-corruption body with the accused
//! body as `implicated`; an anonymous reporter gets a receipt code and is not on the ticket.

use teloxide_tests::MockMessagePhoto;

use super::complaint::finish_appeal;
use super::{CHAT_ID, Chat, Lang, head};

/// Opens a report from the menu, anonymous or not, and answers every question.
async fn report(chat: &mut Chat, anonymous: bool) {
    chat.press("menu-corruption").await;
    assert!(chat.said("corruption-intro"), "{:?}", chat.texts());
    chat.press(if anonymous { "btn-anonymous" } else { "btn-named" }).await;
    assert!(chat.said(if anonymous { "corruption-anonymous-note" } else { "corruption-named-note" }));
    assert!(chat.said("corruption-what"), "{:?}", chat.texts());
    chat.say("Справка берүү бөлүмүндө 3000 сом талап кылышты / Требовали 3000 сом за справку").await;
    assert!(chat.said("corruption-body"), "{:?}", chat.texts());
    chat.press("agency-short-police").await;
    assert!(chat.said("corruption-position"), "{:?}", chat.texts());
    chat.say("инспектор").await;
    assert!(chat.said("corruption-when"));
    chat.say("2026-03").await;
    assert!(chat.said("corruption-where"));
    chat.say("Бишкек").await;
    assert!(chat.said("corruption-amount"));
    chat.say("3000").await;
    assert!(chat.said("corruption-evidence"));
    chat.send(MockMessagePhoto::new().from(chat.user())).await;
    assert!(chat.said("evidence-added"), "{:?}", chat.texts());
    chat.press("btn-done").await;
}

#[tokio::test]
async fn an_anonymous_report_gets_a_receipt_and_keeps_the_reporter_off_the_ticket() {
    for lang in Lang::ALL {
        let mut chat = Chat::started(lang).await;
        report(&mut chat, true).await;
        assert!(chat.said("review-anonymous") || chat.saw(&super::t(lang, "review-anonymous")), "{:?}", chat.texts());
        chat.press("btn-submit").await;
        assert!(chat.said_head("ticket-opened-anonymous"), "{:?}", chat.texts());
        let receipt_head = head(lang, "ticket-receipt");
        let receipt = chat.texts().into_iter().find(|t| t.starts_with(&receipt_head)).expect("a receipt code");
        let code: String = receipt[receipt_head.len()..].chars().take_while(char::is_ascii_alphanumeric).collect();
        assert_eq!(code.len(), 10, "{receipt}");
        let number = chat.number_in_answer();

        let ticket = chat.h.store.ticket(&number.parse().unwrap()).await.unwrap().unwrap();
        assert_eq!(ticket.agency.as_str(), "anticorruption");
        assert_eq!(ticket.implicated.as_ref().map(|a| a.as_str()), Some("police"));
        assert!(ticket.anonymous);
        assert_eq!(ticket.citizen_id, None, "the reporter is not on the ticket");
        // The reply channel is sealed apart, with the code kept only as a hash.
        let (chat_id, hash): (i64, String) =
            sqlx::query_as("SELECT chat_id, receipt_hash FROM sealed_channels WHERE ticket_id = ?")
                .bind(ticket.id)
                .fetch_one(&chat.h.db)
                .await
                .unwrap();
        assert_eq!(chat_id, CHAT_ID);
        assert_eq!(hash, crate::digest::sha256_hex(code.as_bytes()));
        let thread = chat.h.store.thread(&ticket.number).await.unwrap();
        let text = thread.iter().filter_map(|m| m.text.clone()).collect::<Vec<_>>().join("\n");
        assert!(text.contains("инспектор") && text.contains("3000"), "{text}");
        assert_eq!(thread.iter().filter(|m| m.media.is_some()).count(), 1, "the evidence photo");
        // The reporter still finds the report under "my appeals".
        assert_eq!(chat.tickets().await.len(), 1);
        // Delivered messages leave no copy of the code or the report in the outbox, once marked
        // sent (by the next turn, or by the sender's loop within 200 ms: here, at once).
        chat.h.deps.sender.flush_sent().await.unwrap();
        let kept: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE payload LIKE ? OR payload LIKE ?")
            .bind(format!("%{code}%"))
            .bind("%инспектор%")
            .fetch_one(&chat.h.db)
            .await
            .unwrap();
        assert_eq!(kept, 0, "the receipt code or the report's words stay in the outbox");
    }
}

#[tokio::test]
async fn a_named_report_is_an_appeal_with_a_deadline_and_no_receipt() {
    for lang in Lang::ALL {
        let mut chat = Chat::started(lang).await;
        report(&mut chat, false).await;
        assert!(chat.said("contact-ask"), "a named reporter is asked how to be reached: {:?}", chat.texts());
        let number = finish_appeal(&mut chat).await;
        assert!(chat.said_head("ticket-opened"), "{:?}", chat.texts());
        assert!(!chat.saw(&head(lang, "ticket-receipt")), "{:?}", chat.texts());
        let ticket = chat.h.store.ticket(&number.parse().unwrap()).await.unwrap().unwrap();
        assert_eq!(ticket.agency.as_str(), "anticorruption");
        assert_eq!(ticket.implicated.as_ref().map(|a| a.as_str()), Some("police"));
        assert!(!ticket.anonymous && ticket.citizen_id.is_some());
        let sealed: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM sealed_channels").fetch_one(&chat.h.db).await.unwrap();
        assert_eq!(sealed, 0);
    }
}

#[tokio::test]
async fn free_text_about_a_bribe_becomes_a_corruption_report() {
    for (lang, text) in
        [(Lang::Ky, "ГАИ инспектору 2000 сом пара сурады"), (Lang::Ru, "Инспектор ГАИ потребовал 2000 сом взятку")]
    {
        let mut chat = Chat::started(lang).await;
        chat.say(text).await;
        assert!(chat.said("route-suggest-corruption"), "{:?}", chat.texts());
        chat.press("btn-route-ok").await;
        assert!(chat.said("corruption-intro"), "{:?}", chat.texts());
        chat.press("btn-anonymous").await;
        let number = finish_appeal(&mut chat).await;
        let ticket = chat.h.store.ticket(&number.parse().unwrap()).await.unwrap().unwrap();
        assert_eq!(ticket.agency.as_str(), "anticorruption");
        assert_eq!(ticket.implicated.as_ref().map(|a| a.as_str()), Some("police"), "taken from the classifier");
        assert_eq!(ticket.citizen_id, None);
    }
}
