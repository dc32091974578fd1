//! The officer desk's inline buttons and the citizen's verdict buttons under an answer, as
//! compact callback data: `o:<action>:<ticket id>[:<agency>]` for officers, `v:<verdict>:<ticket
//! id>[:<score>]` for citizens. Ticket ids (not numbers) keep every datum far under 64 bytes;
//! neither prefix is used by the citizen dialogue's own buttons.

use classifier::Agency;

use crate::callback::CallbackData;

/// A button of the officer desk, or a citizen's verdict on an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeskButton {
    /// Show the ticket's card again (from the queue).
    Open(i64),
    /// Take the ticket.
    Take(i64),
    /// The officer's next message is the answer.
    Reply(i64),
    /// The officer's next message is a question to the citizen.
    Ask(i64),
    /// Show the agencies to redirect to.
    Redirect(i64),
    /// Redirect to this agency (a reason is asked next); `None`: an agency code this version
    /// does not know (an old button), which the desk refuses.
    RedirectTo(i64, Option<Agency>),
    /// Extend the deadline (a reason is asked next).
    Extend(i64),
    /// Close the answered ticket.
    Close(i64),
    /// Send a reply in the other language after all.
    SendAnyway,
    /// Do not send it.
    CancelSend,
    /// The citizen rates the answer 1–5.
    Score(i64, u8),
    /// The citizen says the answer did not resolve it.
    NotResolved(i64),
    /// The citizen says the answer is a brush-off.
    BrushOff(i64),
}

impl DeskButton {
    /// The button's callback data.
    pub fn encode(self) -> CallbackData {
        let raw = match self {
            DeskButton::Open(id) => format!("o:o:{id}"),
            DeskButton::Take(id) => format!("o:t:{id}"),
            DeskButton::Reply(id) => format!("o:r:{id}"),
            DeskButton::Ask(id) => format!("o:q:{id}"),
            DeskButton::Redirect(id) => format!("o:d:{id}"),
            DeskButton::RedirectTo(id, agency) => format!("o:dt:{id}:{}", agency.map_or("-", |a| a.code())),
            DeskButton::Extend(id) => format!("o:e:{id}"),
            DeskButton::Close(id) => format!("o:c:{id}"),
            DeskButton::SendAnyway => "o:y".to_owned(),
            DeskButton::CancelSend => "o:n".to_owned(),
            DeskButton::Score(id, score) => format!("v:s:{id}:{score}"),
            DeskButton::NotResolved(id) => format!("v:n:{id}"),
            DeskButton::BrushOff(id) => format!("v:b:{id}"),
        };
        CallbackData::trusted(raw)
    }

    /// Reads callback data; `None` when it is not one of the desk's.
    pub fn decode(data: &str) -> Option<DeskButton> {
        let mut parts = data.split(':');
        let prefix = parts.next()?;
        let action = parts.next()?;
        let id = parts.next().map(str::parse::<i64>);
        let extra = parts.next();
        if parts.next().is_some() {
            return None;
        }
        let button = match (prefix, action, id, extra) {
            ("o", "y", None, None) => DeskButton::SendAnyway,
            ("o", "n", None, None) => DeskButton::CancelSend,
            ("o", action, Some(Ok(id)), None) => match action {
                "o" => DeskButton::Open(id),
                "t" => DeskButton::Take(id),
                "r" => DeskButton::Reply(id),
                "q" => DeskButton::Ask(id),
                "d" => DeskButton::Redirect(id),
                "e" => DeskButton::Extend(id),
                "c" => DeskButton::Close(id),
                _ => return None,
            },
            ("o", "dt", Some(Ok(id)), Some(agency)) => DeskButton::RedirectTo(id, agency.parse().ok()),
            ("v", "s", Some(Ok(id)), Some(score)) => {
                let score: u8 = score.parse().ok()?;
                if !(1..=5).contains(&score) {
                    return None;
                }
                DeskButton::Score(id, score)
            }
            ("v", "n", Some(Ok(id)), None) => DeskButton::NotResolved(id),
            ("v", "b", Some(Ok(id)), None) => DeskButton::BrushOff(id),
            _ => return None,
        };
        Some(button)
    }

    /// Whether a citizen (not an officer) presses this button.
    pub fn is_citizens(self) -> bool {
        matches!(self, DeskButton::Score(..) | DeskButton::NotResolved(_) | DeskButton::BrushOff(_))
    }
}
