//! Pieces of text about tickets that several replies share: a place, a date, a deadline, a line
//! of the ticket list.

use chrono::NaiveDate;

use crate::answers::{Author, TicketSummary};
use crate::engine::ctx::Ctx;
use crate::i18n::{date_args, keys};
use crate::places::Place;

/// A place as the citizen would say it.
pub(crate) fn place(cx: &Ctx, place: &Place) -> String {
    match place {
        Place::Region { region, district: None } => cx.t(keys::region(*region)),
        Place::Region { region, district: Some(district) } => cx.tr(
            keys::PLACE_REGION_DISTRICT,
            &[("region", cx.t(keys::region(*region)).into()), ("district", cx.t(keys::district(*district)).into())],
        ),
        Place::Point(point) => cx.tr(
            keys::PLACE_POINT,
            &[("lat", format!("{:.5}", point.latitude()).into()), ("lon", format!("{:.5}", point.longitude()).into())],
        ),
        Place::Text(text) => text.clone(),
    }
}

/// A date in words.
pub(crate) fn date(cx: &Ctx, date: NaiveDate) -> String {
    cx.tr(keys::DATE_IN_WORDS, &date_args(date))
}

/// "until 24 June (3 working days left)", "overdue by 2 working days", or nothing to say.
pub(crate) fn deadline(cx: &Ctx, summary: &TicketSummary) -> String {
    match (summary.due_date, summary.days_left) {
        (Some(due), Some(days)) if days < 0 => {
            cx.tr(keys::DEADLINE_OVERDUE, &[("due", date(cx, due).into()), ("days", days.saturating_neg().into())])
        }
        (Some(due), Some(days)) => cx.tr(keys::DEADLINE_LEFT, &[("due", date(cx, due).into()), ("days", days.into())]),
        (Some(due), None) => cx.tr(keys::DEADLINE_DATE, &[("due", date(cx, due).into())]),
        (None, _) => cx.t(keys::DEADLINE_NONE),
    }
}

/// One line of the ticket list.
pub(crate) fn summary_line(cx: &Ctx, summary: &TicketSummary) -> String {
    cx.tr(
        keys::MY_ITEM,
        &[
            ("number", summary.number.as_str().into()),
            ("kind", cx.t(keys::kind(summary.kind)).into()),
            ("agency", cx.t(keys::agency_name(summary.agency)).into()),
            ("status", cx.t(keys::status(summary.status)).into()),
            ("deadline", deadline(cx, summary).into()),
        ],
    )
}

/// Who wrote a thread message.
pub(crate) fn author(cx: &Ctx, author: Author) -> String {
    cx.t(match author {
        Author::Citizen => keys::AUTHOR_CITIZEN,
        Author::Agency => keys::AUTHOR_AGENCY,
        Author::System => keys::AUTHOR_SYSTEM,
    })
}
