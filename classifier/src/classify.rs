//! `classify`: the whole pipeline for one message.
//!
//! ```text
//! "Гаишник 2000 сом пара сурады, бербесем права алам деди"
//!   -> lang ky, kind corruption, agency anticorruption, implicated police,
//!      alternatives [anticorruption 1.0, police, transport]
//! ```
//! Normalise, detect the language, extract features, score both heads, then apply the
//! taxonomy's rules: corruption goes to `anticorruption` with the accused body as `implicated`;
//! a message with no words goes to `triage`.

use serde::{Deserialize, Serialize};

use crate::labels::{Agency, Kind, Lang};
use crate::lang::{self, LangGuess};
use crate::model::Model;
use crate::route::router::{AGENCIES, KINDS};
use crate::route::{features, rules};
use crate::text::normalize;

/// Probability of `corruption` above which we call it corruption even if another kind scores
/// higher: sending a bribe report to the accused is far worse than an extra anticorruption case.
const CORRUPTION_THRESHOLD: f32 = 0.25;
/// The model must be at least this sure of thanks, a question or a suggestion to overrule the
/// bribe-vocabulary rule ("thank you for not taking bribes" is gratitude).
const OVERRULE_BRIBERY: f32 = 0.60;

/// An agency with its score, for the list of alternatives.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Alternative {
    /// The agency.
    pub agency: Agency,
    /// Its score between 0 and 1.
    pub score: f32,
}

/// Everything the classifier says about one message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Classification {
    /// Language of the message.
    pub lang: Lang,
    /// What the citizen wants.
    pub kind: Kind,
    /// Who should answer.
    pub agency: Agency,
    /// For corruption: the body accused. Otherwise `None`.
    pub implicated: Option<Agency>,
    /// Confidence in `agency`, between 0 and 1.
    pub confidence: f32,
    /// The three best agencies, `agency` first.
    pub alternatives: Vec<Alternative>,
}

/// Detects the language of `text` with the shipped model.
pub fn detect_language(text: &str) -> LangGuess {
    detect_language_with(Model::shipped(), text)
}

/// Detects the language of `text` with a given model.
pub fn detect_language_with(model: &Model, text: &str) -> LangGuess {
    lang::analyse(&model.lang, &normalize(text)).guess
}

/// Classifies `text` with the shipped model.
pub fn classify(text: &str) -> Classification {
    classify_with(Model::shipped(), text)
}

/// Classifies `text` with a given model.
pub fn classify_with(model: &Model, text: &str) -> Classification {
    let norm = normalize(text);
    let analysis = lang::analyse(&model.lang, &norm);
    let lang = analysis.guess.lang;
    let feats = features::extract(&norm, &analysis.words, lang);
    let scores = model.router.score(&feats);
    let kind_p = scores.kind;
    let mut kind = argmax(&kind_p).map_or(Kind::Complaint, |i| Kind::ALL[i]);
    let p_corruption = kind_p[kind_index(Kind::Corruption)];

    // Topic distribution over the bodies themselves: anticorruption is decided by `kind`.
    let mut topic = scores.agency;
    topic[agency_index(Agency::Anticorruption)] = 0.0;
    normalise(&mut topic);

    if !rules::has_content(&norm) {
        // A text in a script we cannot read (Chinese, Arabic…) is an appeal we cannot route,
        // not a 👍: the commonest kinds, a question if it asks, else a complaint.
        if norm.scripts.other >= 2 {
            kind = if norm.scripts.questions > 0 { Kind::Question } else { Kind::Complaint };
        }
        return no_content(lang, kind, &topic);
    }
    let bribery = rules::mentions_bribery(&norm, &analysis.words, lang == Lang::Ru);
    if kind != Kind::Corruption {
        let sure_otherwise = matches!(kind, Kind::Gratitude | Kind::Question | Kind::Suggestion)
            && kind_p[kind_index(kind)] >= OVERRULE_BRIBERY;
        if p_corruption >= CORRUPTION_THRESHOLD || (bribery && !sure_otherwise) {
            kind = Kind::Corruption;
        }
    }
    decide(lang, kind, p_corruption, bribery, &topic)
}

/// Builds the answer once the kind is known.
fn decide(lang: Lang, kind: Kind, p_corruption: f32, bribery: bool, topic: &[f32; AGENCIES]) -> Classification {
    let mut ranked: Vec<Alternative> = Agency::ALL
        .iter()
        .zip(topic)
        .filter(|(a, _)| **a != Agency::Anticorruption)
        .map(|(&agency, &score)| Alternative { agency, score })
        .collect();
    ranked.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.agency.cmp(&b.agency)));
    if kind == Kind::Corruption {
        let confidence = if bribery { p_corruption.max(0.9) } else { p_corruption.max(CORRUPTION_THRESHOLD) };
        let implicated = ranked.iter().map(|a| a.agency).find(|a| *a != Agency::Triage);
        let rest = (1.0 - confidence).max(0.0);
        let mut alternatives = vec![Alternative { agency: Agency::Anticorruption, score: confidence }];
        // The runners-up are the bodies the report concerns: what a dispatcher would pick if
        // this were not corruption after all.
        alternatives.extend(
            ranked
                .iter()
                .filter(|a| a.agency != Agency::Triage)
                .take(2)
                .map(|a| Alternative { agency: a.agency, score: a.score * rest }),
        );
        return Classification { lang, kind, agency: Agency::Anticorruption, implicated, confidence, alternatives };
    }
    // Not corruption, but a doubt of corruption keeps anticorruption among the alternatives.
    let mut alternatives: Vec<Alternative> =
        ranked.iter().map(|a| Alternative { agency: a.agency, score: a.score * (1.0 - p_corruption) }).collect();
    alternatives.push(Alternative { agency: Agency::Anticorruption, score: p_corruption });
    alternatives.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.agency.cmp(&b.agency)));
    // The chosen agency stays first even if the corruption doubt outscores it.
    let first = ranked.first().map_or(Agency::Triage, |a| a.agency);
    if let Some(pos) = alternatives.iter().position(|a| a.agency == first) {
        let chosen = alternatives.remove(pos);
        alternatives.insert(0, chosen);
    }
    alternatives.truncate(3);
    Classification {
        lang,
        kind,
        agency: first,
        implicated: None,
        confidence: alternatives.first().map_or(0.0, |a| a.score),
        alternatives,
    }
}

/// A message without words: only a human can route it.
fn no_content(lang: Lang, kind: Kind, topic: &[f32; AGENCIES]) -> Classification {
    let mut alternatives = vec![Alternative { agency: Agency::Triage, score: 1.0 }];
    let mut rest: Vec<Alternative> = Agency::ALL
        .iter()
        .zip(topic)
        .filter(|(a, _)| !matches!(a, Agency::Triage | Agency::Anticorruption))
        .map(|(&agency, &score)| Alternative { agency, score })
        .collect();
    rest.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.agency.cmp(&b.agency)));
    alternatives.extend(rest.into_iter().take(2));
    Classification {
        lang,
        kind: if kind == Kind::Corruption { Kind::Complaint } else { kind },
        agency: Agency::Triage,
        implicated: None,
        confidence: 1.0,
        alternatives,
    }
}

fn argmax(xs: &[f32]) -> Option<usize> {
    (0..xs.len()).max_by(|&a, &b| xs[a].total_cmp(&xs[b]).then(b.cmp(&a)))
}

fn normalise(xs: &mut [f32]) {
    let sum: f32 = xs.iter().sum();
    if sum > 0.0 {
        xs.iter_mut().for_each(|x| *x /= sum);
    }
}

/// Position of a kind in `Kind::ALL` (and in the router's kind head).
pub fn kind_index(kind: Kind) -> usize {
    Kind::ALL.iter().position(|k| *k == kind).unwrap_or(0) % KINDS
}

/// Position of an agency in `Agency::ALL` (and in the router's agency head).
pub fn agency_index(agency: Agency) -> usize {
    Agency::ALL.iter().position(|a| *a == agency).unwrap_or(0) % AGENCIES
}
