//! Developer tool for the classifier: `train [CORPUS_DIR] [MODEL_OUT]` and `eval FILE.jsonl`.
//! The program's own commands are `kairyluu classifier train|eval` (bot/src/classifier_cmd.rs);
//! this example does the same file I/O so the crate can be worked on alone.

use std::path::Path;

use classifier::corpus::parse_jsonl;
use classifier::{Model, eval, train};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("train") => {
            let dir = args.get(1).map_or("classifier/corpus", String::as_str);
            let out = args.get(2).map_or("classifier/model/model.bin", String::as_str);
            let mut files: Vec<_> = std::fs::read_dir(dir)?
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
                .collect();
            files.sort();
            let mut records = Vec::new();
            for f in &files {
                records.extend(parse_jsonl(&f.display().to_string(), &std::fs::read_to_string(f)?)?);
            }
            let model = train::train_model(&records);
            std::fs::write(out, model.encode())?;
            eprintln!("{} records from {} files -> {out}", records.len(), files.len());
        }
        Some("eval") => {
            let file = args.get(1).ok_or("eval FILE.jsonl")?;
            let model = match args.get(2) {
                Some(m) => Model::decode(&std::fs::read(Path::new(m))?)?,
                None => Model::shipped().clone(),
            };
            let records = parse_jsonl(file, &std::fs::read_to_string(file)?)?;
            print!("{}", eval::evaluate(&model, &records));
        }
        Some("words") => {
            // Per-word language evidence of each stdin line, to understand errors.
            let model = Model::decode(&std::fs::read(args.get(1).ok_or("words MODEL")?)?)?;
            for line in std::io::stdin().lines() {
                let line = line?;
                let norm = classifier::text::normalize(&line);
                let a = classifier::lang::analyse(&model.lang, &norm);
                let words: Vec<String> =
                    norm.tokens.iter().zip(&a.words).map(|(t, s)| format!("{}:{s:.1}", t.lower)).collect();
                println!("{:?} {}", a.guess.lang, words.join(" "));
            }
        }
        _ => return Err("usage: dev train [DIR] [OUT] | dev eval FILE [MODEL]".into()),
    }
    Ok(())
}
