//! The web console with the bot's real officer desk ([`ConsoleDesk`]): answers reach the
//! citizen through the outbox in the citizen's language frame, or the sealed channel of an
//! anonymous reporter, with the same refusals and audit entries as in Telegram; and the
//! handler tests of `/web` and `/stats` (teloxide_tests' mock bot, one at a time).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use chrono::Duration;
use classifier::{Agency, Kind, Lang};
use http_body_util::BodyExt;
use teloxide::prelude::*;
use teloxide_tests::{MockBot, MockMessageText, MockUser};
use tickets::desk::Desk;
use tickets::domain::{AgencyCode, AuthorKind, ChatLang, NewMessage, NewTicket, Role, Routing, Ticket, TicketStatus};
use tickets::stats::{Statistics, Suppression};
use tickets::store::{NewInvite, Redemption, Store};
use tower::ServiceExt;

use crate::conversation::Conversation;
use crate::officer::{ConsoleDesk, InviteToken};
use crate::telegram::handler::{BotDeps, HandlerError, InboxId, handler_tree};
use crate::telegram::handler_tests::{Parts, parts};
use crate::web_commands::WebCommands;

type Mock = MockBot<HandlerError, teloxide_tests::mock_bot::DistributionKey>;

/// The officer is teloxide_tests' default user; their private chat has the same id.
const OFFICER: i64 = MockUser::ID as i64;
const CITIZEN_CHAT: i64 = 555_002;
const SEALED_CHAT: i64 = 777_000_111;
const PUBLIC_URL: &str = "https://kairyluu.example.kg";

struct Harness {
    deps: Arc<BotDeps>,
    store: Arc<dyn Store>,
    desk: Desk,
    db: sqlx::SqlitePool,
    console: admin::console::ConsoleState,
    _dir: tempfile::TempDir,
}

async fn harness() -> Harness {
    let Parts { store, desk, loaded, sender, db, dir } = parts().await;
    let conversation = Conversation::new(desk.clone(), 5);
    let web = WebCommands {
        public_url: PUBLIC_URL.into(),
        login_link_minutes: 15,
        statistics: Statistics::new(store.clone(), loaded.calendar.clone(), Suppression::new(5)),
    };
    let deps = Arc::new(BotDeps::new(store.clone(), conversation, sender, 1, 1000).with_web(web));
    let console = admin::console::ConsoleState::new(
        desk.clone(),
        Arc::new(ConsoleDesk::new(desk.clone(), "@kairyluu_test_bot")),
        PUBLIC_URL,
        12,
    );
    Harness { deps, store, desk, db, console, _dir: dir }
}

struct Page {
    status: StatusCode,
    location: Option<String>,
    set_cookie: Option<String>,
    body: String,
}

impl Page {
    fn csrf(&self) -> String {
        let at = self.body.find(r#"name="csrf" value=""#).unwrap() + 19;
        self.body[at..].split('"').next().unwrap().to_owned()
    }
}

impl Harness {
    async fn officer(&self, user: i64, agency: Agency) -> i64 {
        let token = InviteToken::generate();
        let hash = token.hash();
        let agency = AgencyCode::from(agency);
        let now = self.desk.now();
        let mut tx = self.store.begin().await.unwrap();
        let invite = NewInvite {
            token_hash: &hash,
            agency: &agency,
            role: Role::Officer,
            created_at: now,
            expires_at: now + Duration::days(1),
        };
        tx.create_invite(&invite).await.unwrap();
        let Redemption::Bound(bound) = tx.redeem_invite(&hash, user, ChatLang::Ru, now).await.unwrap() else {
            panic!("not bound")
        };
        tx.commit().await.unwrap();
        bound.officer.id
    }

    /// A complaint in `lang` from the citizen of `CITIZEN_CHAT`, who reads `lang`.
    async fn ticket(&self, agency: Agency, lang: ChatLang) -> Ticket {
        let now = self.desk.now();
        let citizen = self.store.upsert_citizen(CITIZEN_CHAT, lang, now).await.unwrap();
        let text_lang = if lang == ChatLang::Ky { Lang::Ky } else { Lang::Ru };
        let routing = Routing { kind: Kind::Complaint, agency: agency.into(), implicated: None, lang: text_lang };
        let first = NewMessage {
            author: AuthorKind::Citizen,
            officer_id: None,
            text: Some("Поликлиникада дарыгер жок".into()),
            media: None,
            at: now,
        };
        self.desk
            .open(&NewTicket::new(routing, Some(citizen.id), false).unwrap().with_first_message(first))
            .await
            .unwrap()
    }

    /// An anonymous corruption report whose replies go to the sealed channel `SEALED_CHAT`.
    async fn anonymous_report(&self) -> Ticket {
        let routing = Routing {
            kind: Kind::Corruption,
            agency: Agency::Anticorruption.into(),
            implicated: Some(Agency::Police.into()),
            lang: Lang::Ru,
        };
        let report = self.desk.open(&NewTicket::new(routing, None, true).unwrap()).await.unwrap();
        let mut tx = self.store.begin().await.unwrap();
        tx.seal_channel(report.id, SEALED_CHAT, "receipt-hash", self.desk.now()).await.unwrap();
        tx.commit().await.unwrap();
        report
    }

    async fn sign_in(&self, officer_id: i64) -> String {
        let mut tx = self.store.begin().await.unwrap();
        let link =
            admin::console::create_login_link(tx.as_mut(), officer_id, self.desk.now(), 15, PUBLIC_URL).await.unwrap();
        tx.commit().await.unwrap();
        let page = self.get(link.strip_prefix(PUBLIC_URL).unwrap(), None).await;
        assert_eq!(page.status, StatusCode::OK);
        page.set_cookie.unwrap().split(';').next().unwrap().to_owned()
    }

    async fn get(&self, path: &str, cookie: Option<&str>) -> Page {
        let mut request = Request::get(path);
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        self.send(request.body(Body::empty()).unwrap()).await
    }

    async fn post(&self, path: &str, cookie: &str, form: &[(&str, &str)]) -> Page {
        let body = serde_json::to_value(
            form.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect::<std::collections::BTreeMap<_, _>>(),
        )
        .unwrap();
        let encoded: String = body
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| {
                format!(
                    "{k}={}",
                    url::form_urlencoded::byte_serialize(v.as_str().unwrap().as_bytes()).collect::<String>()
                )
            })
            .collect::<Vec<_>>()
            .join("&");
        let request = Request::post(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::COOKIE, cookie)
            .body(Body::from(encoded))
            .unwrap();
        self.send(request).await
    }

    async fn send(&self, request: Request<Body>) -> Page {
        let response = admin::console::router(self.console.clone()).oneshot(request).await.unwrap();
        let status = response.status();
        let get = |name| response.headers().get(name).map(|v: &header::HeaderValue| v.to_str().unwrap().to_owned());
        let (location, set_cookie) = (get(header::LOCATION), get(header::SET_COOKIE));
        let body = String::from_utf8(response.into_body().collect().await.unwrap().to_bytes().to_vec()).unwrap();
        Page { status, location, set_cookie, body }
    }

    /// The texts queued for `chat` (sendMessage payloads), oldest first.
    async fn outbox_to(&self, chat: i64) -> Vec<String> {
        let rows: Vec<(String,)> =
            sqlx::query_as("SELECT payload FROM outbox WHERE chat_id = ? AND method = 'sendMessage' ORDER BY id")
                .bind(chat)
                .fetch_all(&self.db)
                .await
                .unwrap();
        rows.into_iter()
            .map(|(payload,)| {
                let json: serde_json::Value = serde_json::from_str(&payload).unwrap();
                json.pointer("/text")
                    .or_else(|| json.pointer("/reply/text"))
                    .map(|t| t.as_str().unwrap().to_owned())
                    .unwrap_or(payload)
            })
            .collect()
    }

    async fn refusals(&self) -> Vec<String> {
        self.store.audit_entries("officer_refused").await.unwrap().into_iter().filter_map(|e| e.detail).collect()
    }

    async fn dispatch(&self, text: &str, language_code: &str) -> Vec<(i64, String)> {
        let update =
            MockMessageText::new().text(text).from(MockUser::new().language_code(language_code.to_owned()).build());
        let mut bot: Mock = MockBot::new(update, handler_tree());
        bot.dependencies(dptree::deps![self.deps.clone(), InboxId(None)]);
        bot.dispatch().await;
        let responses = bot.get_responses();
        responses.sent_messages.iter().filter_map(|m| m.text().map(|t| (m.chat.id.0, t.to_owned()))).collect()
    }
}

const KY_ANSWER: &str =
    "Саламатсызбы! Сиздин кайрылууңуз боюнча эртеңден баштап поликлиникада жаңы дарыгер иштей баштайт.";
const RU_ANSWER: &str =
    "Здравствуйте! По вашему обращению сообщаем, что с завтрашнего дня в поликлинике работает новый врач.";

#[tokio::test]
async fn an_answer_from_the_console_reaches_the_citizen_in_their_language_frame() {
    let h = harness().await;
    let officer = h.officer(OFFICER, Agency::Health).await;
    let ticket = h.ticket(Agency::Health, ChatLang::Ky).await;
    let cookie = h.sign_in(officer).await;
    let page = h.get(&format!("/console/tickets/{}", ticket.number), Some(&cookie)).await;
    assert!(page.body.contains("Поликлиникада дарыгер жок"), "the thread");
    let done = h
        .post(
            &format!("/console/tickets/{}/reply", ticket.number),
            &cookie,
            &[("csrf", &page.csrf()), ("text", KY_ANSWER)],
        )
        .await;
    assert_eq!(done.location, Some(format!("/console/tickets/{}?result=done", ticket.number)));

    let to_citizen = h.outbox_to(CITIZEN_CHAT).await;
    let frame = to_citizen.iter().find(|t| t.contains(KY_ANSWER)).expect("the answer is queued for the citizen");
    assert!(frame.contains("мекемесинин") && frame.contains(&ticket.number.to_string()), "the Kyrgyz frame: {frame}");
    let answered = h.store.ticket(&ticket.number).await.unwrap().unwrap();
    assert_eq!(answered.status, TicketStatus::Answered);
    assert_eq!(answered.assignee_id, Some(officer), "answering takes the ticket, as in Telegram");
    let thread = h.store.thread(&ticket.number).await.unwrap();
    assert!(thread.iter().any(|m| m.author == AuthorKind::Agency && m.text.as_deref() == Some(KY_ANSWER)));
    assert!(!h.outbox_to(OFFICER).await.is_empty(), "the officer's Telegram gets the desk's note too");
}

#[tokio::test]
async fn an_answer_in_the_other_language_waits_for_confirmation_as_in_telegram() {
    let h = harness().await;
    let officer = h.officer(OFFICER, Agency::Health).await;
    let ticket = h.ticket(Agency::Health, ChatLang::Ky).await;
    let cookie = h.sign_in(officer).await;
    let csrf = h.get("/console/", Some(&cookie)).await.csrf();
    let path = format!("/console/tickets/{}/reply", ticket.number);
    let asked = h.post(&path, &cookie, &[("csrf", &csrf), ("text", RU_ANSWER)]).await;
    assert_eq!(asked.location, Some(format!("/console/tickets/{}?result=confirm_lang", ticket.number)));
    assert!(h.outbox_to(CITIZEN_CHAT).await.iter().all(|t| !t.contains(RU_ANSWER)), "nothing sent yet");
    assert_eq!(h.store.audit_entries("answer_lang_mismatch").await.unwrap().len(), 1);

    let sent = h.post(&path, &cookie, &[("csrf", &csrf), ("text", RU_ANSWER), ("confirm_lang", "yes")]).await;
    assert_eq!(sent.location, Some(format!("/console/tickets/{}?result=done", ticket.number)));
    assert!(h.outbox_to(CITIZEN_CHAT).await.iter().any(|t| t.contains(RU_ANSWER)));
    assert_eq!(h.store.audit_entries("answer_lang_confirmed").await.unwrap().len(), 1);
}

#[tokio::test]
async fn an_anonymous_reporter_is_answered_through_the_sealed_channel_and_never_shown() {
    let h = harness().await;
    let officer = h.officer(OFFICER, Agency::Anticorruption).await;
    let report = h.anonymous_report().await;
    let cookie = h.sign_in(officer).await;
    let path = format!("/console/tickets/{}", report.number);
    let page = h.get(&path, Some(&cookie)).await;
    let done = h.post(&format!("{path}/reply"), &cookie, &[("csrf", &page.csrf()), ("text", RU_ANSWER)]).await;
    assert_eq!(done.location, Some(format!("{path}?result=done")));
    assert!(h.outbox_to(SEALED_CHAT).await.iter().any(|t| t.contains(RU_ANSWER)), "through the sealed channel");
    for page in ["/console/".to_owned(), path.clone(), format!("{path}?result=done")] {
        let body = h.get(&page, Some(&cookie)).await.body;
        assert!(!body.contains(&SEALED_CHAT.to_string()) && !body.contains("receipt-hash"), "{page}");
    }
    for text in h.outbox_to(OFFICER).await {
        assert!(!text.contains(&SEALED_CHAT.to_string()), "the officer's Telegram: {text}");
    }
}

#[tokio::test]
async fn refusals_are_the_desk_s_own_and_audited() {
    let h = harness().await;
    let officer = h.officer(OFFICER, Agency::Health).await;
    let ticket = h.ticket(Agency::Health, ChatLang::Ru).await;
    let cookie = h.sign_in(officer).await;
    let csrf = h.get("/console/", Some(&cookie)).await.csrf();
    let path = |action: &str| format!("/console/tickets/{}/{action}", ticket.number);
    let result = |page: Page| page.location.unwrap().split("result=").nth(1).unwrap().to_owned();

    assert_eq!(
        result(h.post(&path("extend"), &cookie, &[("csrf", &csrf), ("reason", "")]).await),
        "refused_reason_required"
    );
    assert_eq!(
        result(h.post(&path("extend"), &cookie, &[("csrf", &csrf), ("reason", "ждём экспертизу")]).await),
        "done"
    );
    assert_eq!(
        result(h.post(&path("extend"), &cookie, &[("csrf", &csrf), ("reason", "ещё раз")]).await),
        "refused_already_extended"
    );
    assert_eq!(
        result(h.post(&path("redirect"), &cookie, &[("csrf", &csrf), ("to", "health"), ("reason", "x")]).await),
        "refused_same_agency"
    );
    // Closing a ticket nobody answered is refused, as the Telegram button is.
    assert_eq!(result(h.post(&path("close"), &cookie, &[("csrf", &csrf)]).await), "refused_not_now");
    assert_eq!(result(h.post(&path("reply"), &cookie, &[("csrf", &csrf), ("text", RU_ANSWER)]).await), "done");
    assert_eq!(result(h.post(&path("close"), &cookie, &[("csrf", &csrf)]).await), "done");
    assert_eq!(result(h.post(&path("reply"), &cookie, &[("csrf", &csrf), ("text", "ещё")]).await), "refused_closed");
    assert_eq!(
        h.refusals().await,
        ["reason=reason_required", "reason=already_extended", "reason=same_agency", "reason=not_now", "reason=closed"]
    );
    assert!(h.outbox_to(CITIZEN_CHAT).await.iter().all(|t| !t.contains("ещё")), "no answer after closing");
}

#[tokio::test]
async fn web_sends_an_officer_a_login_link_that_opens_the_console_once() {
    let h = harness().await;
    h.officer(OFFICER, Agency::Health).await;
    let sent = h.dispatch("/web", "ru").await;
    assert_eq!(sent.len(), 1, "{sent:?}");
    let text = &sent[0].1;
    assert!(text.starts_with(&dialogs::console::web_link(dialogs::UiLang::Ru, "", 15).text[..20]), "{text}");
    let link = text.split_whitespace().find(|w| w.starts_with(PUBLIC_URL)).expect("the link");
    let path = link.strip_prefix(PUBLIC_URL).unwrap();
    assert!(path.starts_with("/console/login/"));
    let first = h.get(path, None).await;
    assert_eq!(first.status, StatusCode::OK);
    assert!(first.set_cookie.unwrap().contains("; Secure"), "https public URL");
    assert_eq!(h.get(path, None).await.status, StatusCode::FORBIDDEN, "used once");
}

#[tokio::test]
async fn web_from_someone_who_is_not_an_officer_is_refused_in_their_language() {
    let h = harness().await;
    let sent = h.dispatch("/web", "ky").await;
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].1, dialogs::console::web_refused(dialogs::UiLang::Ky).text);
    let rows: Vec<(i64,)> = sqlx::query_as("SELECT id FROM console_login_links").fetch_all(&h.db).await.unwrap();
    assert!(rows.is_empty(), "no link was made");
    assert_eq!(h.store.audit_entries("console_link_refused").await.unwrap().len(), 1);
}

#[tokio::test]
async fn stats_gives_anyone_the_summary_with_small_figures_hidden() {
    let h = harness().await;
    h.ticket(Agency::Health, ChatLang::Ru).await;
    h.ticket(Agency::Health, ChatLang::Ru).await;
    let sent = h.dispatch("/stats", "ru").await;
    assert_eq!(sent.len(), 1, "{sent:?}");
    let expected = dialogs::console::StatsSummary {
        received: "<5".into(),
        // Zero is no one: it is shown.
        answered: "0".into(),
        on_time: "<5".into(),
        overdue: "0".into(),
        url: format!("{PUBLIC_URL}/"),
    };
    assert_eq!(sent[0].1, dialogs::console::stats(dialogs::UiLang::Ru, &expected).text);
}
