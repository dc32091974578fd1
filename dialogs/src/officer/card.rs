//! The ticket card an agency receives, and the queue: number, kind, short text, region,
//! deadlines with time left, and the action buttons.

use chrono::NaiveDate;
use classifier::{Agency, Kind};

use super::buttons::DeskButton;
use crate::answers::TicketStatus;
use crate::i18n::{Arg, date_args, keys, officer_keys as k, render};
use crate::lang::UiLang;
use crate::places::Region;
use crate::reply::{Button, Keyboard, MAX_MESSAGE_CHARS, Reply};

/// How much of the citizen's text a card shows; the rest is in the thread.
const CARD_TEXT_CHARS: usize = 1500;

/// A deadline and the working days left to it (negative: overdue by that many).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Due {
    pub date: NaiveDate,
    pub working_days_left: i64,
}

/// What a card shows. Never the citizen's identity: the adapter does not put it here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardFacts {
    pub ticket_id: i64,
    pub number: String,
    pub kind: Kind,
    pub agency: Agency,
    pub status: TicketStatus,
    pub region: Option<Region>,
    pub first_response: NaiveDate,
    pub resolution: Due,
    /// The citizen's first message.
    pub text: Option<String>,
    pub attachments: usize,
    pub anonymous: bool,
    /// The phone the citizen agreed to share with the agency (never for anonymous or corruption
    /// reports: the adapter leaves it out).
    pub contact: Option<String>,
    /// The agencies the ticket has been with, oldest first (one entry: never redirected).
    pub path: Vec<Agency>,
}

/// The kind of an appeal in words (for a forum topic's name).
pub fn kind_name(lang: UiLang, kind: Kind) -> String {
    render(lang, keys::kind(kind), &[])
}

/// A date in words in `lang`.
pub(crate) fn date(lang: UiLang, date: NaiveDate) -> String {
    render(lang, keys::DATE_IN_WORDS, &date_args(date))
}

/// "3 working days left" or "overdue by 2 working days".
pub(crate) fn left(lang: UiLang, due: Due) -> String {
    if due.working_days_left >= 0 {
        render(lang, k::CARD_LEFT, &[("days", Arg::Num(due.working_days_left))])
    } else {
        render(lang, k::CARD_OVERDUE, &[("days", Arg::Num(-due.working_days_left))])
    }
}

/// Agency names joined by arrows.
pub(crate) fn path(lang: UiLang, agencies: &[Agency]) -> String {
    agencies.iter().map(|a| render(lang, keys::agency_name(*a), &[])).collect::<Vec<_>>().join(" → ")
}

/// The card of a ticket, with the buttons that fit its status.
pub fn card(lang: UiLang, facts: &CardFacts) -> Reply {
    let region = match facts.region {
        Some(region) => render(lang, keys::region(region), &[]),
        None => render(lang, k::CARD_REGION_UNKNOWN, &[]),
    };
    let mut text = render(
        lang,
        k::CARD,
        &[
            ("number", facts.number.as_str().into()),
            ("kind", render(lang, keys::kind(facts.kind), &[]).into()),
            ("agency", render(lang, keys::agency_name(facts.agency), &[]).into()),
            ("region", region.into()),
            ("first", date(lang, facts.first_response).into()),
            ("due", date(lang, facts.resolution.date).into()),
            ("left", left(lang, facts.resolution).into()),
        ],
    );
    let mut extra = Vec::new();
    if facts.path.len() > 1 {
        let count = i64::try_from(facts.path.len() - 1).unwrap_or(i64::MAX);
        extra.push(render(
            lang,
            k::CARD_REDIRECTED,
            &[("count", Arg::Num(count)), ("path", path(lang, &facts.path).into())],
        ));
    }
    if facts.anonymous {
        extra.push(render(lang, k::CARD_ANONYMOUS, &[]));
    }
    if let Some(phone) = &facts.contact {
        extra.push(render(lang, k::CARD_CONTACT, &[("phone", phone.as_str().into())]));
    }
    if facts.attachments > 0 {
        let count = i64::try_from(facts.attachments).unwrap_or(i64::MAX);
        extra.push(render(lang, k::CARD_ATTACHMENTS, &[("count", Arg::Num(count))]));
    }
    if facts.status == TicketStatus::Assigned {
        extra.push(render(lang, k::CARD_ASSIGNED, &[]));
    }
    for line in extra {
        text.push('\n');
        text.push_str(&line);
    }
    if let Some(body) = facts.text.as_deref().filter(|t| !t.trim().is_empty()) {
        text.push_str("\n\n");
        text.push_str(&shorten(body, CARD_TEXT_CHARS));
    }
    Reply { text: shorten(&text, MAX_MESSAGE_CHARS - 200), keyboard: card_buttons(lang, facts) }
}

fn button(lang: UiLang, key: crate::i18n::Key, action: DeskButton) -> Button {
    Button { label: render(lang, key, &[]), data: action.encode() }
}

fn card_buttons(lang: UiLang, facts: &CardFacts) -> Keyboard {
    let id = facts.ticket_id;
    let rows = match facts.status {
        TicketStatus::New | TicketStatus::Redirected | TicketStatus::Reopened => vec![
            vec![button(lang, k::BTN_TAKE, DeskButton::Take(id)), button(lang, k::BTN_REPLY, DeskButton::Reply(id))],
            vec![
                button(lang, k::BTN_ASK, DeskButton::Ask(id)),
                button(lang, k::BTN_REDIRECT, DeskButton::Redirect(id)),
            ],
            vec![button(lang, k::BTN_EXTEND, DeskButton::Extend(id))],
        ],
        TicketStatus::Assigned => vec![
            vec![button(lang, k::BTN_REPLY, DeskButton::Reply(id)), button(lang, k::BTN_ASK, DeskButton::Ask(id))],
            vec![
                button(lang, k::BTN_REDIRECT, DeskButton::Redirect(id)),
                button(lang, k::BTN_EXTEND, DeskButton::Extend(id)),
            ],
        ],
        TicketStatus::Answered => vec![vec![button(lang, k::BTN_CLOSE, DeskButton::Close(id))]],
        TicketStatus::Closed | TicketStatus::Withdrawn => Vec::new(),
    };
    if rows.is_empty() { Keyboard::None } else { Keyboard::Inline(rows) }
}

/// The queue: one line per ticket, most urgent first, each with a button that opens its card.
pub fn queue(lang: UiLang, tickets: &[CardFacts]) -> Reply {
    if tickets.is_empty() {
        return Reply { text: render(lang, k::QUEUE_EMPTY, &[]), keyboard: Keyboard::None };
    }
    let count = i64::try_from(tickets.len()).unwrap_or(i64::MAX);
    let mut text = render(lang, k::QUEUE_HEADER, &[("count", Arg::Num(count))]);
    let mut rows = Vec::new();
    for facts in tickets {
        text.push('\n');
        text.push_str(&render(
            lang,
            k::QUEUE_LINE,
            &[
                ("number", facts.number.as_str().into()),
                ("kind", render(lang, keys::kind(facts.kind), &[]).into()),
                ("left", left(lang, facts.resolution).into()),
            ],
        ));
        rows.push(vec![Button { label: facts.number.clone(), data: DeskButton::Open(facts.ticket_id).encode() }]);
    }
    Reply { text: shorten(&text, MAX_MESSAGE_CHARS - 200), keyboard: Keyboard::Inline(rows) }
}

/// `text` cut to `max` characters, marking the cut.
pub(crate) fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}
