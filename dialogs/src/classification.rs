//! The classifier's answer as the engine takes it. The adapter maps the classifier crate's output
//! onto this type, so the engine does not follow that crate's internals, only its label types.

use classifier::{Agency, Kind, Lang};
use serde::{Deserialize, Serialize};

/// How many alternatives the engine keeps: more would not fit as buttons and would bloat the
/// persisted state.
pub const MAX_ALTERNATIVES: usize = 3;

/// What the classifier said about a citizen's text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Classification {
    /// The language of the text.
    pub lang: Lang,
    /// What the citizen wants.
    pub kind: Kind,
    /// Where it should go (`anticorruption` for every corruption report).
    pub agency: Agency,
    /// For corruption: the body the report is about.
    pub implicated: Option<Agency>,
    /// Confidence in `agency`, from 0 to 1.
    pub confidence: f32,
    /// Other agencies with their scores, best first.
    pub alternatives: Vec<(Agency, f32)>,
}

impl Classification {
    /// The same answer made safe to persist and show: scores clamped to 0..=1 (NaN becomes 0, which
    /// JSON could not carry), the suggested agency and duplicates removed from the alternatives,
    /// and at most [`MAX_ALTERNATIVES`] kept.
    pub fn normalized(mut self) -> Self {
        self.confidence = clamp_score(self.confidence);
        let mut kept: Vec<(Agency, f32)> = Vec::with_capacity(MAX_ALTERNATIVES);
        for (agency, score) in self.alternatives {
            if agency != self.agency && !kept.iter().any(|(a, _)| *a == agency) && kept.len() < MAX_ALTERNATIVES {
                kept.push((agency, clamp_score(score)));
            }
        }
        self.alternatives = kept;
        self
    }
}

fn clamp_score(score: f32) -> f32 {
    if score.is_nan() { 0.0 } else { score.clamp(0.0, 1.0) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizing_drops_the_suggestion_duplicates_and_nan() {
        let c = Classification {
            lang: Lang::Ru,
            kind: Kind::Complaint,
            agency: Agency::Health,
            implicated: None,
            confidence: f32::NAN,
            alternatives: vec![
                (Agency::Health, 0.5),
                (Agency::Local, 2.0),
                (Agency::Local, 0.1),
                (Agency::Police, 0.1),
                (Agency::Tax, 0.1),
                (Agency::Land, 0.1),
            ],
        }
        .normalized();
        assert_eq!(c.confidence, 0.0);
        assert_eq!(c.alternatives, vec![(Agency::Local, 1.0), (Agency::Police, 0.1), (Agency::Tax, 0.1)]);
    }
}
