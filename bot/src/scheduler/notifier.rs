//! Reminders as Telegram messages to officers' private chats, in the officer's language, or to a
//! ticket's topic in its agency's forum group; and a waiting reopen escalation, sent as the
//! citizen's verdict sends it.

use chrono::{DateTime, NaiveDate, Utc};
use std::sync::Arc;

use dialogs::reminders::{DigestItem, OfficerReminder, ReminderTerm, digest_text, reminder_text};
use tickets::calendar::BusinessCalendar;
use tickets::desk::Desk;
use tickets::domain::{ChatLang, Officer, Ticket};
use tickets::queues::NewOutboxItem;
use tickets::reminders::{DigestLine, ForumTopic, Notifier, Recipients, ReminderKind, Term};
use tickets::store::{StoreError, Tx, Verdict};

use crate::conversation::ui_lang;
use crate::telegram::outgoing::{Outgoing, fit_text};

/// Renders reminders with the catalogs and addresses them to the officer's chat or the topic.
pub struct TelegramNotifier {
    calendar: Arc<BusinessCalendar>,
    desk: Desk,
}

impl TelegramNotifier {
    /// Dates are shown, and working days counted, by `calendar`; escalations read the `desk`.
    pub fn new(calendar: Arc<BusinessCalendar>, desk: Desk) -> Self {
        Self { calendar, desk }
    }

    fn text(&self, lang: ChatLang, ticket: &Ticket, kind: ReminderKind, now: DateTime<Utc>) -> String {
        let deadline = kind.term().deadline(ticket);
        let (today, due) = (self.local_date(now), self.local_date(deadline));
        let (overdue, days) = match kind {
            ReminderKind::DueSoon(_) => (false, self.working_days_left(today, due)),
            ReminderKind::Overdue(_) => (true, (today - due).num_days()),
        };
        let reminder = OfficerReminder {
            number: ticket.number.to_string(),
            kind: ticket.kind,
            term: term(kind.term()),
            due,
            overdue,
            days: days.max(1),
        };
        reminder_text(ui_lang(lang), &reminder)
    }

    fn local_date(&self, at: DateTime<Utc>) -> NaiveDate {
        at.with_timezone(&self.calendar.timezone()).date_naive()
    }

    /// Working days after `today` up to and including `due`.
    fn working_days_left(&self, today: NaiveDate, due: NaiveDate) -> i64 {
        today.iter_days().skip(1).take_while(|day| *day <= due).filter(|day| self.calendar.is_working_day(*day)).count()
            as i64
    }
}

fn term(term: Term) -> ReminderTerm {
    match term {
        Term::FirstResponse => ReminderTerm::FirstResponse,
        Term::Resolution => ReminderTerm::Resolution,
    }
}

fn message(officer: &Officer, text: &str, now: DateTime<Utc>) -> NewOutboxItem {
    let call = Outgoing::SendMessage { chat_id: officer.telegram_user_id, text: fit_text(text), markup: None };
    item(call, now)
}

fn item(call: Outgoing, now: DateTime<Utc>) -> NewOutboxItem {
    NewOutboxItem {
        chat_id: call.chat_id(),
        method: call.method().to_owned(),
        // An enum of strings and numbers always serialises; the fallback is never taken.
        payload: serde_json::to_string(&call).unwrap_or_default(),
        // Due as soon as queued; a replay at a later instant (`jobs run-due --now`) must not
        // hold its messages back until the wall clock gets there.
        not_before: now.min(Utc::now()),
    }
}

#[async_trait::async_trait]
impl Notifier for TelegramNotifier {
    fn reminder(
        &self,
        officer: &Officer,
        lang: ChatLang,
        ticket: &Ticket,
        kind: ReminderKind,
        _as_whom: Recipients,
        now: DateTime<Utc>,
    ) -> NewOutboxItem {
        message(officer, &self.text(lang, ticket, kind, now), now)
    }

    fn topic_reminder(
        &self,
        topic: ForumTopic,
        lang: ChatLang,
        ticket: &Ticket,
        kind: ReminderKind,
        now: DateTime<Utc>,
    ) -> NewOutboxItem {
        let text = fit_text(&self.text(lang, ticket, kind, now));
        item(Outgoing::SendToTopic { chat_id: topic.chat_id, thread_id: topic.thread_id, text, markup: None }, now)
    }

    async fn reopen_escalation(
        &self,
        tx: &mut dyn Tx,
        ticket: &Ticket,
        verdict: Verdict,
        _now: DateTime<Utc>,
    ) -> Result<usize, StoreError> {
        crate::officer::escalate_now(&self.desk, tx, ticket, verdict).await.map_err(|error| {
            // Store errors pass through; the rest (serialising a Bot API call) cannot happen.
            error.downcast::<StoreError>().unwrap_or_else(|other| StoreError::Corrupt(format!("{other:#}")))
        })
    }

    fn digest(&self, officer: &Officer, lang: ChatLang, lines: &[DigestLine], now: DateTime<Utc>) -> NewOutboxItem {
        let items: Vec<DigestItem> = lines
            .iter()
            .map(|line| DigestItem {
                number: line.ticket.to_string(),
                term: term(line.term),
                due: self.local_date(line.deadline),
                overdue: line.overdue,
            })
            .collect();
        message(officer, &digest_text(ui_lang(lang), self.local_date(now), &items), now)
    }
}
