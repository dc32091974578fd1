//! The model compiled into the program is exactly what training on `classifier/corpus/` gives.
//! If this fails after a corpus change, retrain: `kairyluu classifier train`.

use std::path::Path;

use classifier::Model;
use classifier::corpus::{Record, parse_jsonl};
use classifier::train::train_model;

fn corpus() -> Result<Vec<Record>, Box<dyn std::error::Error>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut files = Vec::new();
    for entry in std::fs::read_dir(&dir)? {
        let path = entry?.path();
        if path.extension().is_some_and(|x| x == "jsonl") {
            files.push(path);
        }
    }
    files.sort();
    let mut records = Vec::new();
    for f in &files {
        records.extend(parse_jsonl(&f.display().to_string(), &std::fs::read_to_string(f)?)?);
    }
    Ok(records)
}

#[test]
fn the_shipped_model_is_a_fresh_training_on_the_corpus() {
    let records = corpus().unwrap();
    let first = train_model(&records).encode();
    assert!(first == Model::shipped_bytes(), "classifier/model/model.bin is stale: run `kairyluu classifier train`");
}

#[test]
fn training_twice_gives_the_same_bytes() {
    // A slice keeps this quick; determinism does not depend on size.
    let records: Vec<Record> = corpus().unwrap().into_iter().step_by(7).collect();
    assert_eq!(train_model(&records).encode(), train_model(&records).encode());
}
