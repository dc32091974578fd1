//! Five-fold cross-validation on the training corpus, for tuning without looking at the
//! evaluation sets: `cargo run -p classifier --example cv [CORPUS_DIR]`.

use classifier::corpus::{Record, parse_jsonl};
use classifier::{eval, train};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let lang_only = std::env::args().any(|a| a == "--lang-only");
    let dir = std::env::args().skip(1).find(|a| !a.starts_with("--")).unwrap_or_else(|| "classifier/corpus".into());
    let mut files: Vec<_> = std::fs::read_dir(&dir)?.filter_map(Result::ok).map(|e| e.path()).collect();
    files.retain(|p| p.extension().is_some_and(|x| x == "jsonl"));
    files.sort();
    let mut records = Vec::new();
    for f in &files {
        records.extend(parse_jsonl(&f.display().to_string(), &std::fs::read_to_string(f)?)?);
    }
    let env = |k: &str, d: f32| std::env::var(k).ok().and_then(|v| v.parse().ok()).unwrap_or(d);
    let def = classifier::route::train::Params::default();
    let params = classifier::route::train::Params {
        epochs: env("EPOCHS", def.epochs as f32) as usize,
        learning_rate: env("LR", def.learning_rate),
        min_count: env("MIN_COUNT", def.min_count as f32) as u32,
    };
    eprintln!("{params:?}");
    let folds = 5;
    let mut held: Vec<Record> = Vec::new();
    let mut outcomes = Vec::new();
    for k in 0..folds {
        let (test, trainset): (Vec<_>, Vec<_>) = records.iter().cloned().enumerate().partition(|(i, _)| i % folds == k);
        let trainset: Vec<Record> = trainset.into_iter().map(|(_, r)| r).collect();
        let test: Vec<Record> = test.into_iter().map(|(_, r)| r).filter(|r| r.kind.is_some()).collect();
        let model = if lang_only {
            classifier::Model {
                lang: classifier::lang::train::train(trainset.iter().map(|r| (r.text.as_str(), r.lang))),
                router: classifier::route::Router::empty(),
            }
        } else {
            train::train_model_with(&trainset, params)
        };
        let report = eval::evaluate(&model, &test);
        outcomes.extend(report.outcomes);
        held.extend(test);
    }
    // Re-run the report over all folds' outcomes by evaluating nothing new: build it by hand.
    let mut all = eval::evaluate(&classifier::Model::empty(), &[]);
    for o in outcomes {
        all.lang.add(eval::lang_index(o.gold.lang), eval::lang_index(o.ours.lang));
        if let (Some(k), Some(a)) = (o.gold.kind, o.gold.agency) {
            all.kind.add(classifier::classify::kind_index(k), classifier::classify::kind_index(o.ours.kind));
            all.agency.add(classifier::classify::agency_index(a), classifier::classify::agency_index(o.ours.agency));
            all.agency_top3 += u32::from(o.ours.alternatives.iter().any(|x| x.agency == a));
            if k == classifier::Kind::Corruption {
                all.corruption_found.1 += 1;
                all.corruption_found.0 += u32::from(o.ours.kind == k);
            }
        }
        all.outcomes.push(o);
    }
    let text = all.to_string();
    // Baseline columns are meaningless here (not computed per fold); print ours only.
    for line in text.lines().filter(|l| !l.contains("whatlang") && !l.contains("lingua")) {
        println!("{line}");
    }
    eprintln!("{} held-out lines", held.len());
    Ok(())
}
