//! What an inline button means, and its compact encoding in callback data.
//!
//! Every button the engine draws is an [`Action`]; a press is decoded back and matched against
//! the current state. Data that does not decode, or an action the current state does not expect,
//! is a stale button: the citizen is told so and nothing happens.

use classifier::Agency;

use crate::answers::TicketRef;
use crate::callback::CallbackData;
use crate::lang::UiLang;
use crate::places::{District, Region};
use crate::profile::{AgeBand, Disability, Gender};

/// An entry of the main menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MenuItem {
    Complaint,
    Corruption,
    Rating,
    MyAppeals,
    Help,
}

/// A button's meaning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Action {
    Lang(UiLang),
    Menu(MenuItem),
    Cancel,
    /// "Yes, that's right" on the classifier's suggestion.
    RouteOk,
    /// An agency chosen from a list (route alternatives, the full list, the implicated body, the
    /// rated service: the state says which).
    Agency(Agency),
    /// A page of the agency list.
    AgencyPage(u8),
    Done,
    Skip,
    Region(Region),
    District(District),
    /// Contact consent: may the agency write back in Telegram?
    Consent(bool),
    Anonymous(bool),
    /// Submit the draft whose fingerprint is given: a button from an older review, or from a draft
    /// already sent, does not match and so can never open a second ticket.
    Submit(u32),
    /// Back from the review to adding details.
    Edit,
    Score(u8),
    /// After a low rating: turn it into a complaint?
    RatingToComplaint(bool),
    Open(TicketRef),
    AddInfo(TicketRef),
    Withdraw(TicketRef),
    WithdrawConfirm(TicketRef),
    BackToList,
    /// Rate how a ticket was handled.
    RateTicket(TicketRef),
    Gender(Gender),
    AgeBand(AgeBand),
    Disability(Disability),
    Erase(bool),
}

impl Action {
    /// The callback data for this action. Every encoding is at most 4 + 24 bytes (ticket refs are
    /// capped at 24), far under Telegram's 64.
    pub(crate) fn encode(&self) -> CallbackData {
        let raw = match self {
            Action::Lang(l) => format!("l:{}", l.code()),
            Action::Menu(m) => format!("m:{}", menu_code(*m)),
            Action::Cancel => "x".to_owned(),
            Action::RouteOk => "ok".to_owned(),
            Action::Agency(a) => format!("a:{}", a.code()),
            Action::AgencyPage(p) => format!("p:{p}"),
            Action::Done => "done".to_owned(),
            Action::Skip => "skip".to_owned(),
            Action::Region(r) => format!("r:{}", r.code()),
            Action::District(d) => format!("d:{}", d.code()),
            Action::Consent(b) => format!("c:{}", u8::from(*b)),
            Action::Anonymous(b) => format!("an:{}", u8::from(*b)),
            Action::Submit(n) => format!("s:{n:08x}"),
            Action::Edit => "edit".to_owned(),
            Action::Score(s) => format!("sc:{s}"),
            Action::RatingToComplaint(b) => format!("rc:{}", u8::from(*b)),
            Action::Open(t) => format!("to:{t}"),
            Action::AddInfo(t) => format!("ta:{t}"),
            Action::Withdraw(t) => format!("tw:{t}"),
            Action::WithdrawConfirm(t) => format!("ty:{t}"),
            Action::BackToList => "tl".to_owned(),
            Action::RateTicket(t) => format!("tr:{t}"),
            Action::Gender(g) => format!("pg:{}", g.code()),
            Action::AgeBand(a) => format!("pa:{}", a.code()),
            Action::Disability(d) => format!("pd:{}", d.code()),
            Action::Erase(b) => format!("e:{}", u8::from(*b)),
        };
        CallbackData::trusted(raw)
    }

    /// Reads callback data back; `None` for anything this version never drew.
    pub(crate) fn decode(data: &CallbackData) -> Option<Action> {
        let raw = data.as_str();
        let (tag, arg) = raw.split_once(':').unwrap_or((raw, ""));
        let flag = || match arg {
            "1" => Some(true),
            "0" => Some(false),
            _ => None,
        };
        let ticket = || TicketRef::parse(arg).ok();
        Some(match tag {
            "l" => Action::Lang(match arg {
                "ky" => UiLang::Ky,
                "ru" => UiLang::Ru,
                _ => return None,
            }),
            "m" => Action::Menu(menu_from_code(arg)?),
            "x" => Action::Cancel,
            "ok" => Action::RouteOk,
            "a" => Action::Agency(arg.parse().ok()?),
            "p" => Action::AgencyPage(arg.parse().ok()?),
            "done" => Action::Done,
            "skip" => Action::Skip,
            "r" => Action::Region(Region::from_code(arg)?),
            "d" => Action::District(District::from_code(arg)?),
            "c" => Action::Consent(flag()?),
            "an" => Action::Anonymous(flag()?),
            "s" if arg.len() == 8 => Action::Submit(u32::from_str_radix(arg, 16).ok()?),
            "edit" => Action::Edit,
            "sc" => Action::Score(arg.parse().ok().filter(|s| (1..=5).contains(s))?),
            "rc" => Action::RatingToComplaint(flag()?),
            "to" => Action::Open(ticket()?),
            "ta" => Action::AddInfo(ticket()?),
            "tw" => Action::Withdraw(ticket()?),
            "ty" => Action::WithdrawConfirm(ticket()?),
            "tl" => Action::BackToList,
            "tr" => Action::RateTicket(ticket()?),
            "pg" => Action::Gender(Gender::from_code(arg)?),
            "pa" => Action::AgeBand(AgeBand::from_code(arg)?),
            "pd" => Action::Disability(Disability::from_code(arg)?),
            "e" => Action::Erase(flag()?),
            _ => return None,
        })
    }
}

fn menu_code(item: MenuItem) -> &'static str {
    match item {
        MenuItem::Complaint => "complaint",
        MenuItem::Corruption => "corruption",
        MenuItem::Rating => "rating",
        MenuItem::MyAppeals => "my",
        MenuItem::Help => "help",
    }
}

fn menu_from_code(code: &str) -> Option<MenuItem> {
    [MenuItem::Complaint, MenuItem::Corruption, MenuItem::Rating, MenuItem::MyAppeals, MenuItem::Help]
        .into_iter()
        .find(|m| menu_code(*m) == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn samples() -> Vec<Action> {
        let long = TicketRef::parse(&"K".repeat(24)).unwrap();
        let mut all = vec![
            Action::Cancel,
            Action::RouteOk,
            Action::AgencyPage(255),
            Action::Done,
            Action::Skip,
            Action::Submit(u32::MAX),
            Action::Submit(0),
            Action::Edit,
            Action::BackToList,
            Action::Open(long.clone()),
            Action::AddInfo(long.clone()),
            Action::Withdraw(long.clone()),
            Action::WithdrawConfirm(long.clone()),
            Action::RateTicket(long),
        ];
        all.extend(UiLang::ALL.map(Action::Lang));
        all.extend(
            [MenuItem::Complaint, MenuItem::Corruption, MenuItem::Rating, MenuItem::MyAppeals, MenuItem::Help]
                .map(Action::Menu),
        );
        all.extend(Agency::ALL.iter().copied().map(Action::Agency));
        all.extend(Region::ALL.iter().copied().map(Action::Region));
        all.extend(District::ALL.iter().copied().map(Action::District));
        all.extend(Gender::ALL.iter().copied().map(Action::Gender));
        all.extend(AgeBand::ALL.iter().copied().map(Action::AgeBand));
        all.extend(Disability::ALL.iter().copied().map(Action::Disability));
        all.extend((1..=5).map(Action::Score));
        for b in [true, false] {
            all.extend([Action::Consent(b), Action::Anonymous(b), Action::RatingToComplaint(b), Action::Erase(b)]);
        }
        all
    }

    #[test]
    fn every_action_fits_in_callback_data_and_decodes_back() {
        for action in samples() {
            let data = action.encode();
            assert!(data.as_str().len() <= 64, "{action:?}");
            assert_eq!(Action::decode(&data), Some(action));
        }
    }

    #[test]
    fn foreign_or_damaged_data_does_not_decode() {
        for raw in ["", "zz", "sc:6", "sc:0", "a:helth", "s:123", "to:KR 1", "l:en", "c:2"] {
            if let Ok(data) = CallbackData::parse(raw) {
                assert_eq!(Action::decode(&data), None, "{raw}");
            }
        }
    }
}
