//! `classifier eval`: measures the model on a labelled JSONL file and renders a plain-text
//! report: language accuracy (ours, whatlang's, lingua's, per variant), and where the file has
//! routing labels, accuracy per axis, macro-F1, per-class precision/recall, agency confusions,
//! corruption recall, top-3 agency accuracy and the worst errors.

pub mod baselines;
pub mod metrics;
mod report;

use crate::classify::{Classification, agency_index, classify_with, kind_index};
use crate::corpus::Record;
use crate::labels::{Agency, Kind, Lang};
use crate::model::Model;
use metrics::Confusion;

/// One evaluated line.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// The gold record.
    pub gold: Record,
    /// Our answer.
    pub ours: Classification,
    /// whatlang's answer.
    pub whatlang: baselines::BaselineAnswer,
    /// lingua's answer.
    pub lingua: baselines::BaselineAnswer,
}

/// Everything measured on one file.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// Per-line outcomes, in file order.
    pub outcomes: Vec<Outcome>,
    /// Our language decisions.
    pub lang: Confusion,
    /// whatlang, strict mapping.
    pub whatlang_strict: Confusion,
    /// whatlang, lenient mapping.
    pub whatlang_lenient: Confusion,
    /// lingua, strict mapping.
    pub lingua_strict: Confusion,
    /// lingua, lenient mapping.
    pub lingua_lenient: Confusion,
    /// Kind decisions (lines with a gold kind).
    pub kind: Confusion,
    /// Agency decisions (lines with a gold agency).
    pub agency: Confusion,
    /// Lines whose gold agency is among our three alternatives.
    pub agency_top3: u32,
    /// Corruption reports found / present.
    pub corruption_found: (u32, u32),
    /// Corruption reports routed to the very body they accuse.
    pub routed_to_accused: u32,
    /// Right implicated body / corruption reports we found.
    pub implicated_right: (u32, u32),
}

/// Position of a language in `Lang::ALL`.
pub fn lang_index(lang: Lang) -> usize {
    Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0)
}

/// Evaluates `model` on `records`.
pub fn evaluate(model: &Model, records: &[Record]) -> Report {
    let n_lang = Lang::ALL.len();
    let mut r = Report {
        outcomes: Vec::with_capacity(records.len()),
        lang: Confusion::new(n_lang),
        whatlang_strict: Confusion::new(n_lang),
        whatlang_lenient: Confusion::new(n_lang),
        lingua_strict: Confusion::new(n_lang),
        lingua_lenient: Confusion::new(n_lang),
        kind: Confusion::new(Kind::ALL.len()),
        agency: Confusion::new(Agency::ALL.len()),
        agency_top3: 0,
        corruption_found: (0, 0),
        routed_to_accused: 0,
        implicated_right: (0, 0),
    };
    for gold in records {
        let ours = classify_with(model, &gold.text);
        let (wl, li) = (baselines::whatlang(&gold.text), baselines::lingua(&gold.text));
        let g = lang_index(gold.lang);
        r.lang.add(g, lang_index(ours.lang));
        r.whatlang_strict.add(g, lang_index(wl.strict));
        r.whatlang_lenient.add(g, lang_index(wl.lenient));
        r.lingua_strict.add(g, lang_index(li.strict));
        r.lingua_lenient.add(g, lang_index(li.lenient));
        if let Some(kind) = gold.kind {
            r.kind.add(kind_index(kind), kind_index(ours.kind));
            if kind == Kind::Corruption {
                r.corruption_found.1 += 1;
                if ours.kind == Kind::Corruption {
                    r.corruption_found.0 += 1;
                    r.implicated_right.1 += 1;
                    if gold.implicated.is_some() && ours.implicated == gold.implicated {
                        r.implicated_right.0 += 1;
                    }
                }
                if gold.implicated.is_some_and(|a| a == ours.agency) {
                    r.routed_to_accused += 1;
                }
            }
        }
        if let Some(agency) = gold.agency {
            r.agency.add(agency_index(agency), agency_index(ours.agency));
            if ours.alternatives.iter().take(3).any(|a| a.agency == agency) {
                r.agency_top3 += 1;
            }
        }
        r.outcomes.push(Outcome { gold: gold.clone(), ours, whatlang: wl, lingua: li });
    }
    r
}
