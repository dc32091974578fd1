//! What a citizen is told about their appeal by the agency side: the answer in the citizen's
//! language frame, questions, redirects with the whole path, extensions, and the verdict buttons
//! under an answer (a score 1–5, "Not resolved", "This is a brush-off").

use chrono::NaiveDate;
use classifier::Agency;

use super::buttons::DeskButton;
use super::card::{date, path, shorten};
use crate::i18n::{Arg, keys, officer_keys as k, render};
use crate::lang::UiLang;
use crate::reply::{Button, Keyboard, MAX_MESSAGE_CHARS, Reply};

/// An agency's answer to relay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerFrame {
    pub number: String,
    pub agency: Agency,
    /// The officer's words; `None` when the answer is an attachment (copied right after).
    pub text: Option<String>,
}

/// Something the citizen is told about their appeal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CitizenNote {
    /// The agency asks for details.
    Question {
        number: String,
        agency: Agency,
        text: String,
    },
    /// The appeal moved; `path` is every agency it has been with, oldest first.
    Redirected {
        number: String,
        from: Agency,
        to: Agency,
        reason: String,
        path: Vec<Agency>,
    },
    /// The answer term was extended.
    Extended {
        number: String,
        due: NaiveDate,
        reason: String,
    },
    /// The verdict buttons under an answer.
    RateAnswer {
        ticket_id: i64,
    },
    Rated,
    NotResolved {
        number: String,
    },
    BrushOff {
        number: String,
    },
    /// A verdict on an answer that no longer waits for one.
    TooLate {
        number: String,
    },
}

fn fit(text: String) -> Reply {
    Reply { text: shorten(&text, MAX_MESSAGE_CHARS - 200), keyboard: Keyboard::None }
}

/// The agency's answer in the citizen's language frame.
pub fn answer(lang: UiLang, frame: &AnswerFrame) -> Reply {
    let agency = render(lang, keys::agency_name(frame.agency), &[]);
    let number = frame.number.as_str();
    match frame.text.as_deref().filter(|t| !t.trim().is_empty()) {
        Some(text) => fit(render(
            lang,
            k::ANSWER_FRAME,
            &[("agency", agency.into()), ("number", number.into()), ("text", text.into())],
        )),
        None => fit(render(lang, k::ANSWER_FRAME_MEDIA, &[("agency", agency.into()), ("number", number.into())])),
    }
}

/// Renders a note to the citizen.
pub fn citizen_note(lang: UiLang, note: &CitizenNote) -> Reply {
    match note {
        CitizenNote::Question { number, agency, text } => fit(render(
            lang,
            k::QUESTION_FRAME,
            &[
                ("agency", render(lang, keys::agency_name(*agency), &[]).into()),
                ("number", number.as_str().into()),
                ("text", text.as_str().into()),
            ],
        )),
        CitizenNote::Redirected { number, from, to, reason, path: agencies } => {
            let mut text = render(
                lang,
                k::REDIRECT_FRAME,
                &[
                    ("number", number.as_str().into()),
                    ("from", render(lang, keys::agency_name(*from), &[]).into()),
                    ("to", render(lang, keys::agency_name(*to), &[]).into()),
                    ("reason", reason.as_str().into()),
                ],
            );
            text.push('\n');
            text.push_str(&render(lang, k::REDIRECT_PATH, &[("path", path(lang, agencies).into())]));
            // More than one hand-over is a runaround, and the citizen is told it is counted.
            let redirects = agencies.len().saturating_sub(1);
            if redirects > 1 {
                let count = i64::try_from(redirects).unwrap_or(i64::MAX);
                text.push('\n');
                text.push_str(&render(lang, k::REDIRECT_RUNAROUND, &[("count", Arg::Num(count))]));
            }
            fit(text)
        }
        CitizenNote::Extended { number, due, reason } => fit(render(
            lang,
            k::EXTEND_FRAME,
            &[("number", number.as_str().into()), ("due", date(lang, *due).into()), ("reason", reason.as_str().into())],
        )),
        CitizenNote::RateAnswer { ticket_id } => {
            let scores = (1..=5u8)
                .map(|n| Button {
                    label: render(lang, k::BTN_SCORE, &[("n", Arg::Num(i64::from(n)))]),
                    data: DeskButton::Score(*ticket_id, n).encode(),
                })
                .collect();
            let verdicts = vec![
                Button {
                    label: render(lang, k::BTN_NOT_RESOLVED, &[]),
                    data: DeskButton::NotResolved(*ticket_id).encode(),
                },
                Button { label: render(lang, k::BTN_BRUSH_OFF, &[]), data: DeskButton::BrushOff(*ticket_id).encode() },
            ];
            Reply { text: render(lang, k::ANSWER_RATE, &[]), keyboard: Keyboard::Inline(vec![scores, verdicts]) }
        }
        CitizenNote::Rated => fit(render(lang, k::VERDICT_RATED, &[])),
        CitizenNote::NotResolved { number } => {
            fit(render(lang, k::VERDICT_NOT_RESOLVED, &[("number", number.as_str().into())]))
        }
        CitizenNote::BrushOff { number } => {
            fit(render(lang, k::VERDICT_BRUSH_OFF, &[("number", number.as_str().into())]))
        }
        CitizenNote::TooLate { number } => {
            fit(render(lang, k::VERDICT_TOO_LATE, &[("number", number.as_str().into())]))
        }
    }
}
