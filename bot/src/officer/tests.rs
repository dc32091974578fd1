//! Handler tests of the officer desk: the production handler tree driven by teloxide_tests'
//! mock bot, with officers and tickets set up in a fresh store. Each action, and each refusal
//! (with its audit entry and nothing else changed). One mock bot at a time.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use chrono::Duration;
use classifier::{Agency, Kind, Lang};
use teloxide::prelude::*;
use teloxide_tests::{
    IntoUpdate, MockBot, MockCallbackQuery, MockMessagePhoto, MockMessageText, MockSupergroupChat, MockUser,
};
use tickets::desk::Desk;
use tickets::domain::{
    Actor, AgencyCode, AuthorKind, ChatLang, NewMessage, NewTicket, Role, Routing, Ticket, TicketStatus,
};
use tickets::lifecycle::{Change, StatusChange};
use tickets::store::{NewInvite, Redemption, Store};

use super::InviteToken;
use crate::conversation::Conversation;
use crate::settings::Settings;
use crate::telegram::handler::{BotDeps, HandlerError, InboxId, handler_tree};
use crate::telegram::handler_tests::{Parts, parts};

type Mock = MockBot<HandlerError, teloxide_tests::mock_bot::DistributionKey>;

/// The officer is teloxide_tests' default user; their private chat has the same id.
const OFFICER: i64 = MockUser::ID as i64;
const CITIZEN_CHAT: i64 = 555_001;

struct Harness {
    deps: Arc<BotDeps>,
    store: Arc<dyn Store>,
    desk: Desk,
    _dir: tempfile::TempDir,
}

async fn harness() -> Harness {
    let Parts { store, desk, sender, dir, .. } = parts().await;
    let conversation = Conversation::new(desk.clone(), 5);
    let deps = Arc::new(BotDeps::new(store.clone(), conversation, sender, 1, 1000));
    Harness { deps, store, desk, _dir: dir }
}

impl Harness {
    /// An invite stored for `agency`; returns its token.
    async fn invite(&self, agency: Agency, role: Role, valid_for: Duration) -> InviteToken {
        let token = InviteToken::generate();
        let hash = token.hash();
        let agency = AgencyCode::from(agency);
        let now = self.desk.now();
        let mut tx = self.store.begin().await.unwrap();
        let invite =
            NewInvite { token_hash: &hash, agency: &agency, role, created_at: now, expires_at: now + valid_for };
        tx.create_invite(&invite).await.unwrap();
        tx.commit().await.unwrap();
        token
    }

    /// Makes `user` an officer of `agency` (Russian) and returns their id.
    async fn officer(&self, user: i64, agency: Agency) -> i64 {
        self.join(user, agency, Role::Officer).await
    }

    /// Binds `user` to `agency` in `role` through an invite (Russian); returns the officer's id.
    async fn join(&self, user: i64, agency: Agency, role: Role) -> i64 {
        let token = self.invite(agency, role, Duration::days(1)).await;
        let mut tx = self.store.begin().await.unwrap();
        let Redemption::Bound(bound) =
            tx.redeem_invite(&token.hash(), user, ChatLang::Ru, self.desk.now()).await.unwrap()
        else {
            panic!("not bound")
        };
        tx.commit().await.unwrap();
        bound.officer.id
    }

    /// A complaint from the citizen of `CITIZEN_CHAT` (who reads `lang`), written in `lang`.
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
        let ticket = NewTicket::new(routing, Some(citizen.id), false).unwrap().with_first_message(first);
        self.desk.open(&ticket).await.unwrap()
    }

    async fn reload(&self, ticket: &Ticket) -> Ticket {
        self.store.ticket(&ticket.number).await.unwrap().unwrap()
    }

    async fn refusals(&self) -> Vec<String> {
        let entries = self.store.audit_entries("officer_refused").await.unwrap();
        entries.into_iter().filter_map(|e| e.detail).collect()
    }

    /// Dispatches one update through the production tree; returns (chat id, text) of what it sent.
    async fn dispatch<T: IntoUpdate>(&self, update: T) -> Vec<(i64, String)> {
        let responses = self.dispatch_for_responses(update).await;
        responses.sent_messages.iter().filter_map(|m| m.text().map(|t| (m.chat.id.0, t.to_owned()))).collect()
    }

    /// Dispatches one update through the production tree; returns every call the mock received.
    async fn dispatch_for_responses<T: IntoUpdate>(&self, update: T) -> teloxide_tests::Responses {
        let mut bot: Mock = MockBot::new(update, handler_tree());
        bot.dependencies(dptree::deps![self.deps.clone(), InboxId(None)]);
        bot.dispatch().await;
        bot.get_responses()
    }
}

fn from_officer(text: &str) -> MockMessageText {
    MockMessageText::new().text(text).from(MockUser::new().language_code("ru".to_owned()).build())
}

fn photo_from_officer(caption: &str) -> MockMessagePhoto {
    MockMessagePhoto::new().caption(caption).from(MockUser::new().language_code("ru".to_owned()).build())
}

fn press(data: &str) -> MockCallbackQuery {
    MockCallbackQuery::new()
        .data(data.to_owned())
        .from(MockUser::new().language_code("ru".to_owned()).build())
        .message(MockMessageText::new().text("card").build())
}

fn to(chat: i64, sent: &[(i64, String)]) -> Vec<String> {
    sent.iter().filter(|(c, _)| *c == chat).map(|(_, t)| t.clone()).collect()
}

#[tokio::test]
async fn an_invite_binds_once_and_then_is_refused_with_an_audit_entry() {
    let h = harness().await;
    let token = h.invite(Agency::Health, Role::Head, Duration::days(1)).await;
    let payload = token.link("bot").split("?start=").nth(1).unwrap().to_owned();
    let sent = h.dispatch(from_officer(&format!("/start {payload}"))).await;
    assert!(to(OFFICER, &sent)[0].contains("руководитель"), "{sent:?}");
    // Written differently, so the inbox does not take it for a repeated delivery of the same update.
    let sent = h.dispatch(from_officer(&format!("/start  {payload}"))).await;
    assert!(to(OFFICER, &sent)[0].contains("уже использована"), "{sent:?}");
    let expired = h.invite(Agency::Health, Role::Officer, Duration::seconds(-1)).await;
    let payload = expired.link("bot").split("?start=").nth(1).unwrap().to_owned();
    let sent = h.dispatch(from_officer(&format!("/start {payload}"))).await;
    assert!(to(OFFICER, &sent)[0].contains("истёк"), "{sent:?}");
    let refused: Vec<_> =
        h.store.audit_entries("invite_refused").await.unwrap().into_iter().filter_map(|e| e.detail).collect();
    assert_eq!(refused, ["reason=used", "reason=expired"]);
}

#[tokio::test]
async fn take_then_reply_sends_the_answer_to_the_citizen_with_verdict_buttons() {
    let h = harness().await;
    let officer = h.officer(OFFICER, Agency::Health).await;
    let ticket = h.ticket(Agency::Health, ChatLang::Ru).await;
    let sent = h.dispatch(press(&format!("o:t:{}", ticket.id))).await;
    assert!(to(OFFICER, &sent).iter().any(|t| t.contains("теперь у вас")), "{sent:?}");
    assert_eq!(h.reload(&ticket).await.assignee_id, Some(officer));
    let sent = h.dispatch(press(&format!("o:r:{}", ticket.id))).await;
    assert!(to(OFFICER, &sent).iter().any(|t| t.contains("Напишите ответ")), "{sent:?}");
    let sent = h.dispatch(from_officer("Здравствуйте. С понедельника врач принимает ежедневно с 8 до 17 часов.")).await;
    let citizen = to(CITIZEN_CHAT, &sent);
    assert!(citizen[0].starts_with("Ответ ведомства «Министерство здравоохранения»"), "{citizen:?}");
    assert!(citizen[1].contains("Оцените ответ"), "{citizen:?}");
    assert!(to(OFFICER, &sent).iter().any(|t| t.contains("отправлен заявителю")));
    assert_eq!(h.reload(&ticket).await.status, TicketStatus::Answered);
}

#[tokio::test]
async fn an_officers_photo_reaches_the_citizen_as_a_copy_inside_the_answers_frame() {
    let h = harness().await;
    h.officer(OFFICER, Agency::Health).await;
    let ticket = h.ticket(Agency::Health, ChatLang::Ru).await;
    h.dispatch(press(&format!("o:r:{}", ticket.id))).await;
    let photo = photo_from_officer("Здравствуйте. Новый график приёма врачей на фото, он действует с понедельника.");
    let photo_id = photo.clone().build().id.0;
    let responses = h.dispatch_for_responses(photo).await;
    let copies: Vec<_> = responses
        .copied_messages
        .iter()
        .map(|c| (c.bot_request.chat_id.id(), c.bot_request.from_chat_id.id(), c.bot_request.message_id))
        .collect();
    assert_eq!(copies, [(CITIZEN_CHAT, OFFICER, photo_id)], "the photo goes to the citizen, copied, not forwarded");
    let texts: Vec<_> =
        responses.sent_messages.iter().filter_map(|m| m.text().map(|t| (m.chat.id.0, t.to_owned()))).collect();
    let citizen = to(CITIZEN_CHAT, &texts);
    assert!(citizen[0].starts_with("Ответ ведомства «Министерство здравоохранения»"), "{citizen:?}");
    assert!(citizen[0].contains("Новый график"), "the caption is the answer's text: {citizen:?}");
    assert!(citizen[1].contains("Оцените ответ"), "{citizen:?}");
    assert_eq!(h.reload(&ticket).await.status, TicketStatus::Answered);
    let thread = h.store.thread(&ticket.number).await.unwrap();
    assert!(thread.last().unwrap().media.is_some(), "the thread keeps the photo");

    // A question with a photo, on another open ticket, is relayed the same way.
    let open = h.ticket(Agency::Health, ChatLang::Ru).await;
    h.dispatch(press(&format!("o:q:{}", open.id))).await;
    let photo = photo_from_officer("Это ваша поликлиника на фото? Уточните, пожалуйста.");
    let responses = h.dispatch_for_responses(photo).await;
    assert_eq!(responses.copied_messages.len(), 1);
    assert_eq!(responses.copied_messages[0].bot_request.chat_id.id(), CITIZEN_CHAT);
}

#[tokio::test]
async fn asking_for_details_reaches_the_citizen_and_keeps_the_ticket_open() {
    let h = harness().await;
    h.officer(OFFICER, Agency::Health).await;
    let ticket = h.ticket(Agency::Health, ChatLang::Ru).await;
    h.dispatch(press(&format!("o:q:{}", ticket.id))).await;
    let sent = h.dispatch(from_officer("Уточните, пожалуйста, адрес поликлиники.")).await;
    let citizen = to(CITIZEN_CHAT, &sent);
    assert!(citizen[0].contains("уточняет по обращению") && citizen[0].contains("адрес"), "{citizen:?}");
    assert_eq!(h.reload(&ticket).await.status, TicketStatus::New);
    let thread = h.store.thread(&ticket.number).await.unwrap();
    assert_eq!(thread.last().unwrap().author, AuthorKind::Agency);
}

#[tokio::test]
async fn an_answer_in_the_other_language_waits_for_the_officers_confirmation() {
    let h = harness().await;
    h.officer(OFFICER, Agency::Health).await;
    let ticket = h.ticket(Agency::Health, ChatLang::Ky).await;
    h.dispatch(press(&format!("o:r:{}", ticket.id))).await;
    let sent = h.dispatch(from_officer("Здравствуйте. С понедельника врач принимает ежедневно с восьми утра.")).await;
    assert!(to(CITIZEN_CHAT, &sent).is_empty(), "nothing reaches the citizen before the confirmation: {sent:?}");
    assert!(to(OFFICER, &sent)[0].contains("Отправить как есть?"), "{sent:?}");
    assert_eq!(h.reload(&ticket).await.status, TicketStatus::New);
    let sent = h.dispatch(press("o:y")).await;
    let citizen = to(CITIZEN_CHAT, &sent);
    assert!(citizen[0].contains("мекемесинин"), "the frame is in the citizen's Kyrgyz: {citizen:?}");
    assert_eq!(h.reload(&ticket).await.status, TicketStatus::Answered);
    let audit: Vec<_> = h.store.audit_log(&ticket.number).await.unwrap().into_iter().map(|e| e.action).collect();
    assert!(audit.contains(&"answer_lang_mismatch".to_owned()) && audit.contains(&"answer_lang_confirmed".to_owned()));
}

#[tokio::test]
async fn the_queue_lists_the_agencys_open_tickets_with_filters() {
    let h = harness().await;
    let officer = h.officer(OFFICER, Agency::Health).await;
    let mine = h.ticket(Agency::Health, ChatLang::Ru).await;
    let other = h.ticket(Agency::Health, ChatLang::Ru).await;
    let police = h.ticket(Agency::Police, ChatLang::Ru).await;
    h.desk
        .change(&mine.number, Change::Status(StatusChange::Assign { officer_id: officer }), Actor::officer(officer))
        .await
        .unwrap();
    let all = to(OFFICER, &h.dispatch(from_officer("/queue")).await).join("\n");
    assert!(all.contains(&mine.number.to_string()) && all.contains(&other.number.to_string()), "{all}");
    assert!(!all.contains(&police.number.to_string()), "another agency's ticket: {all}");
    let only_mine = to(OFFICER, &h.dispatch(from_officer("/queue mine")).await).join("\n");
    assert!(only_mine.contains(&mine.number.to_string()) && !only_mine.contains(&other.number.to_string()));
    let unassigned = to(OFFICER, &h.dispatch(from_officer("/queue unassigned")).await).join("\n");
    assert!(unassigned.contains(&other.number.to_string()) && !unassigned.contains(&mine.number.to_string()));
    let overdue = to(OFFICER, &h.dispatch(from_officer("/queue overdue")).await).join("\n");
    assert!(overdue.contains("нет обращений"), "{overdue}");
}

#[tokio::test]
async fn refusals_are_told_audited_and_change_nothing() {
    let h = harness().await;
    let officer = h.officer(OFFICER, Agency::Health).await;
    let police = h.ticket(Agency::Police, ChatLang::Ru).await;
    let sent = h.dispatch(press(&format!("o:t:{}", police.id))).await;
    assert!(to(OFFICER, &sent)[0].contains("другого ведомства"), "{sent:?}");
    assert_eq!(h.reload(&police).await, police);

    // An extension beyond the statutory limit (30 calendar days for a complaint).
    let ticket = h.ticket(Agency::Health, ChatLang::Ru).await;
    h.dispatch(press(&format!("o:e:{}", ticket.id))).await;
    let sent = h.dispatch(from_officer("45 ждём экспертизу")).await;
    assert!(to(OFFICER, &sent)[0].contains("выходит за предел"), "{sent:?}");
    assert_eq!(h.reload(&ticket).await.extension, None);

    // A redirect to an agency this version does not know.
    let sent = h.dispatch(press(&format!("o:dt:{}:nowhere", ticket.id))).await;
    assert!(to(OFFICER, &sent)[0].contains("Такого ведомства нет"), "{sent:?}");

    // A reply to a closed ticket.
    let actor = Actor::officer(officer);
    for change in [StatusChange::Assign { officer_id: officer }, StatusChange::Answer, StatusChange::Close] {
        h.desk.change(&ticket.number, Change::Status(change), actor).await.unwrap();
    }
    let sent = h.dispatch(press(&format!("o:r:{}", ticket.id))).await;
    assert!(to(OFFICER, &sent)[0].contains("уже не открыто"), "{sent:?}");
    assert_eq!(h.reload(&ticket).await.status, TicketStatus::Closed);

    // A message that names no ticket.
    let sent = h.dispatch(from_officer("Просто текст")).await;
    assert!(to(OFFICER, &sent)[0].contains("Не понял"), "{sent:?}");
    assert!(to(CITIZEN_CHAT, &sent).is_empty());

    assert_eq!(
        h.refusals().await,
        ["reason=other_agency", "reason=extension_limit", "reason=unknown_agency", "reason=closed", "reason=no_ticket"]
    );
}

#[tokio::test]
async fn a_disabled_officer_and_a_stranger_in_the_agency_group_are_refused_and_audited() {
    const GROUP: i64 = -100_777;
    const STRANGER: u64 = 777_404;
    let h = harness().await;
    let officer = h.officer(OFFICER, Agency::Health).await;
    let ticket = h.ticket(Agency::Health, ChatLang::Ru).await;
    let mut tx = h.store.begin().await.unwrap();
    tx.link_group(&AgencyCode::from(Agency::Health), GROUP, h.desk.now()).await.unwrap();
    assert!(tx.set_officer_active(officer, false).await.unwrap());
    tx.commit().await.unwrap();

    // A disabled officer's button and message: told, nothing changed, nothing relayed.
    let sent = h.dispatch(press(&format!("o:t:{}", ticket.id))).await;
    assert!(to(OFFICER, &sent)[0].contains("доступ сотрудника отключён"), "{sent:?}");
    let sent = h.dispatch(from_officer(&format!("{} Ответ по существу", ticket.number))).await;
    assert!(to(OFFICER, &sent)[0].contains("доступ сотрудника отключён"), "{sent:?}");
    assert!(to(CITIZEN_CHAT, &sent).is_empty(), "{sent:?}");
    assert_eq!(h.reload(&ticket).await, ticket);

    // Someone who is no officer writes in the agency's group: the group is told, nothing relayed.
    let stranger = MockUser::new().id(STRANGER).language_code("ru".to_owned()).build();
    let in_group = MockMessageText::new()
        .text("Я тоже хочу ответить гражданину")
        .chat(MockSupergroupChat::new().id(GROUP).build())
        .from(stranger);
    let sent = h.dispatch(in_group).await;
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert_eq!(sent[0].0, GROUP);
    // A group reads the language most of its active officers chose; with none (the only one is
    // disabled), Kyrgyz, the state language.
    assert!(sent[0].1.contains("кызматкери катары катталган эмессиз"), "{sent:?}");
    assert_eq!(h.reload(&ticket).await, ticket);

    assert_eq!(h.refusals().await, ["reason=disabled", "reason=disabled", "reason=unknown_user agency=health"]);
}

#[tokio::test]
async fn a_citizens_verdict_from_another_chat_is_ignored() {
    let h = harness().await;
    let officer = h.officer(OFFICER, Agency::Health).await;
    let ticket = h.ticket(Agency::Health, ChatLang::Ru).await;
    let actor = Actor::officer(officer);
    for change in [StatusChange::Assign { officer_id: officer }, StatusChange::Answer] {
        h.desk.change(&ticket.number, Change::Status(change), actor).await.unwrap();
    }
    // The officer's own chat is not the ticket's: a forged "not resolved" changes nothing.
    let sent = h.dispatch(press(&format!("v:n:{}", ticket.id))).await;
    assert!(sent.is_empty(), "{sent:?}");
    assert_eq!(h.reload(&ticket).await.status, TicketStatus::Answered);
    assert!(h.store.dispute_counts().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_card_shows_a_consented_phone_but_never_for_an_anonymous_report() {
    let h = harness().await;
    let named = h.ticket(Agency::Health, ChatLang::Ru).await;
    let phone = NewMessage {
        author: AuthorKind::Citizen,
        officer_id: None,
        text: Some("☎ +996555123456".into()),
        media: None,
        at: h.desk.now(),
    };
    h.store.add_message(&named.number, &phone).await.unwrap();
    let mut tx = h.store.begin().await.unwrap();
    let facts = super::card::facts(&h.desk, tx.as_mut(), &named).await.unwrap();
    assert_eq!(facts.contact.as_deref(), Some("+996555123456"));
    assert_eq!(
        facts.text.as_deref(),
        Some("Поликлиникада дарыгер жок"),
        "the card's text is the appeal, not the phone"
    );
    drop(tx);

    let routing = Routing { kind: Kind::Complaint, agency: Agency::Health.into(), implicated: None, lang: Lang::Ru };
    let anonymous = h.desk.open(&NewTicket::new(routing, None, true).unwrap()).await.unwrap();
    h.store.add_message(&anonymous.number, &phone).await.unwrap();
    let mut tx = h.store.begin().await.unwrap();
    let facts = super::card::facts(&h.desk, tx.as_mut(), &anonymous).await.unwrap();
    assert_eq!(facts.contact, None);
}

#[tokio::test]
async fn close_ends_an_answered_ticket_and_a_second_redirect_is_a_runaround_the_citizen_sees() {
    let h = harness().await;
    let officer = h.officer(OFFICER, Agency::Health).await;
    let answered = h.ticket(Agency::Health, ChatLang::Ru).await;
    let actor = Actor::officer(officer);
    for change in [StatusChange::Assign { officer_id: officer }, StatusChange::Answer] {
        h.desk.change(&answered.number, Change::Status(change), actor).await.unwrap();
    }
    let sent = h.dispatch(press(&format!("o:c:{}", answered.id))).await;
    assert!(to(OFFICER, &sent)[0].contains("закрыто"), "{sent:?}");
    assert_eq!(h.reload(&answered).await.status, TicketStatus::Closed);

    // Police passed the ticket to health already; health passes it on to social.
    let ticket = h.ticket(Agency::Police, ChatLang::Ru).await;
    let first = Change::Status(StatusChange::Redirect { to: Agency::Health.into(), reason: "не МВД".into() });
    h.desk.change(&ticket.number, first, Actor::ADMIN).await.unwrap();
    let sent = h.dispatch(press(&format!("o:d:{}", ticket.id))).await;
    assert!(to(OFFICER, &sent)[0].contains("Куда"), "{sent:?}");
    let sent = h.dispatch(press(&format!("o:dt:{}:social", ticket.id))).await;
    assert!(to(OFFICER, &sent)[0].contains("Почему"), "{sent:?}");
    let sent = h.dispatch(from_officer("Это вопрос о пособии")).await;
    let citizen = to(CITIZEN_CHAT, &sent).join("\n");
    assert!(
        citizen.contains("Министерство внутренних дел → Министерство здравоохранения → Министерство труда"),
        "{citizen}"
    );
    assert!(citizen.contains("хождение по кругу"), "{citizen}");
    let moved = h.reload(&ticket).await;
    assert_eq!((moved.agency, moved.redirect_count), (AgencyCode::from(Agency::Social), 2));
}

impl Harness {
    /// Makes `user` a head of `agency` (Russian) and returns their id.
    async fn head(&self, user: i64, agency: Agency) -> i64 {
        self.join(user, agency, Role::Head).await
    }

    /// The citizen presses a verdict button under the answer to `ticket`.
    async fn verdict(&self, button: dialogs::officer::DeskButton) {
        let mut tx = self.store.begin().await.unwrap();
        super::bridge::verdict(&self.desk, tx.as_mut(), CITIZEN_CHAT, button).await.unwrap();
        tx.commit().await.unwrap();
    }

    /// Takes every queued outbox message: (chat, payload).
    async fn outbox(&self) -> Vec<(i64, String)> {
        let far = self.desk.now() + Duration::days(400);
        let items = self.store.outbox_claim(far, far + Duration::minutes(1), "test", 1000).await.unwrap();
        for item in &items {
            self.store.outbox_sent(item.id, far).await.unwrap();
        }
        items.into_iter().map(|i| (i.chat_id, i.payload)).collect()
    }

    /// An answered ticket of `agency`, answered by `officer`.
    async fn answered(&self, agency: Agency, officer: i64) -> Ticket {
        let ticket = self.ticket(agency, ChatLang::Ru).await;
        for change in [StatusChange::Assign { officer_id: officer }, StatusChange::Answer] {
            self.desk.change(&ticket.number, Change::Status(change), Actor::officer(officer)).await.unwrap();
        }
        ticket
    }

    async fn audit_details(&self, action: &str) -> Vec<String> {
        self.store.audit_entries(action).await.unwrap().into_iter().filter_map(|e| e.detail).collect()
    }
}

/// 11:00 Bishkek time on the first working day at least two hours after now: past an hourly
/// retry, outside quiet hours.
fn working_morning(desk: &Desk) -> chrono::DateTime<chrono::Utc> {
    let calendar = desk.calendar();
    let mut day = (desk.now() + Duration::hours(2)).with_timezone(&calendar.timezone()).date_naive();
    loop {
        let at = tickets::reminders::at_local(calendar.timezone(), day, 11);
        if calendar.is_working_day(day) && at >= desk.now() + Duration::hours(2) {
            return at;
        }
        day = day.succ_opt().unwrap();
    }
}

#[tokio::test]
async fn a_reopen_escalation_with_nobody_to_tell_waits_as_a_job_and_reaches_the_first_head_invited() {
    let h = harness().await;
    let former = h.officer(OFFICER, Agency::Health).await;
    let ticket = h.answered(Agency::Health, former).await;
    let mut tx = h.store.begin().await.unwrap();
    assert!(tx.set_officer_active(former, false).await.unwrap());
    tx.commit().await.unwrap();
    h.outbox().await;

    h.verdict(dialogs::officer::DeskButton::BrushOff(ticket.id)).await;
    assert_eq!(h.reload(&ticket).await.status, TicketStatus::Reopened);
    assert_eq!(h.audit_details("escalate_waiting").await, ["verdict=brush_off"]);
    assert!(h.audit_details("escalate").await.is_empty());
    let jobs = h.store.jobs_of_kind("escalation.reopen", 10).await.unwrap();
    assert_eq!(jobs.len(), 1);
    assert_eq!(jobs[0].state, "pending");
    assert!(to(OFFICER, &h.outbox().await).is_empty(), "a disabled officer is told nothing");

    // The first head is invited; the scheduler's next run tells them, with the card.
    const HEAD: i64 = 777_002;
    h.head(HEAD, Agency::Health).await;
    let settings = Settings::load(None, &[]).unwrap();
    let scheduler = crate::scheduler::Scheduler::new(h.desk.clone(), settings.calendar.clone(), "t".into());
    let morning = working_morning(&h.desk);
    scheduler.run_once(morning).await.unwrap();
    let queued = h.outbox().await;
    let told = to(HEAD, &queued);
    assert_eq!(told.len(), 2, "the escalation and the card: {queued:?}");
    assert_eq!(told.len(), queued.len(), "nobody else: {queued:?}");
    assert!(told.iter().all(|payload| payload.contains(&ticket.number.to_string())), "{told:?}");
    assert_eq!(h.audit_details("escalate").await, ["verdict=brush_off heads=1"]);
    assert_eq!(h.store.jobs_of_kind("escalation.reopen", 10).await.unwrap()[0].state, "done");
    scheduler.run_once(morning + Duration::hours(2)).await.unwrap();
    assert!(h.outbox().await.is_empty(), "sent once");
}

#[tokio::test]
async fn a_reopen_escalation_passes_over_a_head_who_blocked_the_bot() {
    let h = harness().await;
    let clerk = h.officer(OFFICER, Agency::Health).await;
    const HEAD: i64 = 777_003;
    h.head(HEAD, Agency::Health).await;
    h.store.mark_chat_blocked(HEAD, "403", h.desk.now()).await.unwrap();
    let ticket = h.answered(Agency::Health, clerk).await;
    h.outbox().await;

    h.verdict(dialogs::officer::DeskButton::NotResolved(ticket.id)).await;
    assert_eq!(h.audit_details("escalate").await, ["verdict=not_resolved heads=1"]);
    let queued = h.outbox().await;
    assert!(to(HEAD, &queued).is_empty(), "{queued:?}");
    let told = to(OFFICER, &queued);
    assert_eq!(told.len(), 2, "the escalation and the card reach the officer instead: {told:?}");
    assert!(h.store.jobs_of_kind("escalation.reopen", 10).await.unwrap().is_empty());
}
