//! What the classifier suggested for an appeal next to what the citizen chose: kept per ticket,
//! because a citizen's correction is the best training signal the classifier can get.

use classifier::Kind;

use super::agency_code::AgencyCode;

/// The classifier's suggestion.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    pub kind: Kind,
    pub agency: AgencyCode,
    pub implicated: Option<AgencyCode>,
    pub confidence: f64,
}

/// The suggestion (if the classifier was asked) and the citizen's choice.
#[derive(Debug, Clone, PartialEq)]
pub struct RoutingChoice {
    pub suggested: Option<Suggestion>,
    pub chosen_kind: Kind,
    pub chosen_agency: AgencyCode,
    /// How the choice was made: `accepted`, `alternative`, `from_list`, `preset`.
    pub source: String,
}
