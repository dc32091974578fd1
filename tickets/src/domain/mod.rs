//! Domain types. Values with rules are newtypes built by parsing at the edge, so holding one is
//! proof that it is valid.

pub mod agency_code;
pub mod audit;
pub mod citizen;
mod codes;
pub mod message;
pub mod officer;
pub mod rating;
pub mod routing_choice;
pub mod status;
pub mod ticket;
pub mod ticket_number;

pub use agency_code::{AgencyCode, InvalidAgencyCode};
pub use audit::{Actor, ActorKind, AuditEntry};
pub use citizen::{AgeBand, ChatLang, Citizen, Disability, Gender, Profile};
pub use codes::UnknownCode;
pub use message::{AuthorKind, Media, MediaKind, NewMessage, ThreadMessage};
pub use officer::{NewOfficer, Officer, Role};
pub use rating::{InvalidScore, NewRating, RatingTarget, Score};
pub use routing_choice::{RoutingChoice, Suggestion};
pub use status::{IllegalTransition, TicketStatus, Transition, UnknownStatus};
pub use ticket::{Deadlines, Extension, InvalidTicket, NewTicket, Routing, Ticket};
pub use ticket_number::{InvalidTicketNumber, TicketNumber};
