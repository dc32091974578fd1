//! Training the whole model from corpus records: the language table first, then the router on
//! features computed with that table, exactly as classification will compute them.

use crate::classify::{agency_index, kind_index};
use crate::corpus::Record;
use crate::lang;
use crate::model::Model;
use crate::route::features;
use crate::route::train::{self as router_train, Example, Params};
use crate::text::normalize;

/// Trains a model on `records` (in the given order; callers sort files by name).
/// Records without `kind` and `agency` teach language identification only.
pub fn train_model(records: &[Record]) -> Model {
    train_model_with(records, Params::default())
}

/// [`train_model`] with explicit router training parameters (for experiments).
pub fn train_model_with(records: &[Record], params: Params) -> Model {
    let lang_table = lang::train::train(records.iter().map(|r| (r.text.as_str(), r.lang)));
    let examples: Vec<Example> = records
        .iter()
        .filter_map(|r| {
            let (kind, function) = (r.kind?, r.function()?);
            let norm = normalize(&r.text);
            let analysis = lang::analyse(&lang_table, &norm);
            Some(Example {
                features: features::extract(&norm, &analysis.words, analysis.guess.lang),
                kind: kind_index(kind),
                agency: agency_index(function),
            })
        })
        .collect();
    let router = router_train::train(&examples, params);
    Model { lang: lang_table, router }
}
