//! A citizen's input as the flows see it: button presses already decoded into actions.

use crate::action::Action;
use crate::event::Attachment;
use crate::places::GeoPoint;

/// What the citizen did, for the current step to take or leave.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Input {
    Text(String),
    Action(Action),
    Media { attachment: Attachment, caption: Option<String> },
    Location(GeoPoint),
    Contact { phone: String, own: bool },
}
