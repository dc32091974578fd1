//! What officers are told: after binding, after each action, and when something is refused.

use chrono::NaiveDate;
use classifier::Agency;

use super::buttons::DeskButton;
use super::card::date;
use crate::answers::TicketStatus;
use crate::i18n::{Arg, Key, keys, officer_keys as k, render};
use crate::lang::UiLang;
use crate::reply::{Button, Keyboard, Reply};

/// A message to an officer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OfficerNote {
    /// The invite worked: the officer (or head) of `agency`.
    Bound {
        agency: Agency,
        head: bool,
    },
    InviteUnknown,
    InviteUsed,
    InviteExpired,
    /// A disabled officer tried to act.
    Disabled,
    /// Someone who is not an officer of the agency wrote in its group.
    GroupUnknownUser,
    Taken {
        number: String,
    },
    ReplyPrompt {
        number: String,
    },
    AskPrompt {
        number: String,
    },
    AnswerSent {
        number: String,
    },
    QuestionSent {
        number: String,
    },
    RedirectReason {
        number: String,
        agency: Agency,
    },
    Redirected {
        number: String,
        agency: Agency,
    },
    ExtendReason {
        number: String,
        days: u32,
        due: NaiveDate,
    },
    Extended {
        number: String,
        due: NaiveDate,
    },
    Closed {
        number: String,
    },
    Cancelled,
    /// The reply seems to be in the other language than the appeal: send anyway?
    LangCheck {
        number: String,
        appeal: UiLang,
        reply: UiLang,
    },
    /// The citizen added to the appeal.
    FollowUp {
        number: String,
        text: String,
    },
    /// The citizen sent an attachment (copied right after).
    FollowUpMedia {
        number: String,
    },
    /// To the head: the citizen said the answer did not resolve it.
    EscalatedNotResolved {
        number: String,
    },
    /// To the head: the citizen called the answer a brush-off.
    EscalatedBrushOff {
        number: String,
    },
    Help,
}

/// Why an officer's action was refused (nothing was changed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    OtherAgency {
        number: String,
    },
    Closed {
        number: String,
    },
    NotNow {
        number: String,
        status: TicketStatus,
    },
    AlreadyExtended {
        number: String,
    },
    ExtensionLimit,
    UnknownAgency,
    ReasonRequired,
    SameAgency,
    CorruptionStays,
    /// A message that belongs to no ticket.
    NoTicket,
    EmptyReply,
}

fn plain(text: String) -> Reply {
    Reply { text, keyboard: Keyboard::None }
}

fn with_number(lang: UiLang, key: Key, number: &str) -> Reply {
    plain(render(lang, key, &[("number", number.into())]))
}

fn agency_name(lang: UiLang, agency: Agency) -> String {
    render(lang, keys::agency_name(agency), &[])
}

fn lang_name(lang: UiLang, named: UiLang) -> String {
    render(lang, if named == UiLang::Ky { k::OFFICER_LANG_KY } else { k::OFFICER_LANG_RU }, &[])
}

/// Renders a note to an officer.
pub fn note(lang: UiLang, note: &OfficerNote) -> Reply {
    match note {
        OfficerNote::Bound { agency, head } => plain(render(
            lang,
            if *head { k::OFFICER_BOUND_HEAD } else { k::OFFICER_BOUND_OFFICER },
            &[("agency", agency_name(lang, *agency).into())],
        )),
        OfficerNote::InviteUnknown => plain(render(lang, k::OFFICER_INVITE_UNKNOWN, &[])),
        OfficerNote::InviteUsed => plain(render(lang, k::OFFICER_INVITE_USED, &[])),
        OfficerNote::InviteExpired => plain(render(lang, k::OFFICER_INVITE_EXPIRED, &[])),
        OfficerNote::Disabled => plain(render(lang, k::OFFICER_DISABLED, &[])),
        OfficerNote::GroupUnknownUser => plain(render(lang, k::OFFICER_GROUP_UNKNOWN_USER, &[])),
        OfficerNote::Taken { number } => with_number(lang, k::OFFICER_TAKEN, number),
        OfficerNote::ReplyPrompt { number } => with_number(lang, k::OFFICER_REPLY_PROMPT, number),
        OfficerNote::AskPrompt { number } => with_number(lang, k::OFFICER_ASK_PROMPT, number),
        OfficerNote::AnswerSent { number } => with_number(lang, k::OFFICER_ANSWER_SENT, number),
        OfficerNote::QuestionSent { number } => with_number(lang, k::OFFICER_QUESTION_SENT, number),
        OfficerNote::RedirectReason { number, agency } => plain(render(
            lang,
            k::OFFICER_REDIRECT_REASON,
            &[("number", number.as_str().into()), ("agency", agency_name(lang, *agency).into())],
        )),
        OfficerNote::Redirected { number, agency } => plain(render(
            lang,
            k::OFFICER_REDIRECTED,
            &[("number", number.as_str().into()), ("agency", agency_name(lang, *agency).into())],
        )),
        OfficerNote::ExtendReason { number, days, due } => plain(render(
            lang,
            k::OFFICER_EXTEND_REASON,
            &[
                ("number", number.as_str().into()),
                ("days", Arg::Num(i64::from(*days))),
                ("due", date(lang, *due).into()),
            ],
        )),
        OfficerNote::Extended { number, due } => plain(render(
            lang,
            k::OFFICER_EXTENDED,
            &[("number", number.as_str().into()), ("due", date(lang, *due).into())],
        )),
        OfficerNote::Closed { number } => with_number(lang, k::OFFICER_CLOSED, number),
        OfficerNote::Cancelled => plain(render(lang, k::OFFICER_CANCELLED, &[])),
        OfficerNote::LangCheck { number, appeal, reply } => Reply {
            text: render(
                lang,
                k::OFFICER_LANG_CHECK,
                &[
                    ("number", number.as_str().into()),
                    ("appeal", lang_name(lang, *appeal).into()),
                    ("reply", lang_name(lang, *reply).into()),
                ],
            ),
            keyboard: Keyboard::Inline(vec![vec![
                Button { label: render(lang, k::BTN_SEND_ANYWAY, &[]), data: DeskButton::SendAnyway.encode() },
                Button { label: render(lang, k::BTN_CANCEL_SEND, &[]), data: DeskButton::CancelSend.encode() },
            ]]),
        },
        OfficerNote::FollowUp { number, text } => plain(super::card::shorten(
            &render(lang, k::OFFICER_FOLLOW_UP, &[("number", number.as_str().into()), ("text", text.as_str().into())]),
            crate::reply::MAX_MESSAGE_CHARS - 200,
        )),
        OfficerNote::FollowUpMedia { number } => with_number(lang, k::OFFICER_FOLLOW_UP_MEDIA, number),
        OfficerNote::EscalatedNotResolved { number } => with_number(lang, k::OFFICER_ESCALATED_NOT_RESOLVED, number),
        OfficerNote::EscalatedBrushOff { number } => with_number(lang, k::OFFICER_ESCALATED_BRUSH_OFF, number),
        OfficerNote::Help => plain(render(lang, k::OFFICER_HELP, &[])),
    }
}

/// Renders a refusal.
pub fn refusal(lang: UiLang, refusal: &Refusal) -> Reply {
    match refusal {
        Refusal::OtherAgency { number } => with_number(lang, k::REFUSED_OTHER_AGENCY, number),
        Refusal::Closed { number } => with_number(lang, k::REFUSED_CLOSED, number),
        Refusal::NotNow { number, status } => plain(render(
            lang,
            k::REFUSED_NOT_NOW,
            &[("number", number.as_str().into()), ("status", render(lang, keys::status(*status), &[]).into())],
        )),
        Refusal::AlreadyExtended { number } => with_number(lang, k::REFUSED_ALREADY_EXTENDED, number),
        Refusal::ExtensionLimit => plain(render(lang, k::REFUSED_EXTENSION_LIMIT, &[])),
        Refusal::UnknownAgency => plain(render(lang, k::REFUSED_UNKNOWN_AGENCY, &[])),
        Refusal::ReasonRequired => plain(render(lang, k::REFUSED_REASON_REQUIRED, &[])),
        Refusal::SameAgency => plain(render(lang, k::REFUSED_SAME_AGENCY, &[])),
        Refusal::CorruptionStays => plain(render(lang, k::REFUSED_CORRUPTION_STAYS, &[])),
        Refusal::NoTicket => plain(render(lang, k::REFUSED_NO_TICKET, &[])),
        Refusal::EmptyReply => plain(render(lang, k::REFUSED_EMPTY_REPLY, &[])),
    }
}

/// The agencies a ticket can be redirected to, two buttons a row.
pub fn redirect_choices(lang: UiLang, number: &str, ticket_id: i64, agencies: &[Agency]) -> Reply {
    let buttons: Vec<Button> = agencies
        .iter()
        .map(|agency| Button {
            label: render(lang, keys::agency_short(*agency), &[]),
            data: DeskButton::RedirectTo(ticket_id, Some(*agency)).encode(),
        })
        .collect();
    let rows = buttons.chunks(2).map(<[Button]>::to_vec).collect();
    Reply {
        text: render(lang, k::OFFICER_REDIRECT_CHOOSE, &[("number", number.into())]),
        keyboard: Keyboard::Inline(rows),
    }
}
