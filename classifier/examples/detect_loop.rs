//! Runs language detection over the benchmark's 200-character messages (or `--short`
//! ones) N times, for instruction counts that
//! a busy machine cannot disturb:
//! `valgrind --tool=callgrind --toggle-collect='*detect_language_with*' target/release/examples/detect_loop 2000`
//! (`cargo build --release -p classifier --example detect_loop` first).

use std::hint::black_box;

use classifier::{Lang, Model, detect_language_with};

include!("../benches/common/messages.rs");

fn main() {
    let rounds: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(1000);
    let messages = if std::env::args().any(|a| a == "--short") { SHORT } else { MESSAGES };
    let model = Model::shipped();
    let mut counts = [0usize; 4];
    for _ in 0..rounds {
        for m in messages {
            let guess = detect_language_with(model, black_box(m));
            counts
                [[Lang::Ky, Lang::Ru, Lang::Mixed, Lang::Other].iter().position(|l| *l == guess.lang).unwrap_or(3)] +=
                1;
        }
    }
    println!("ky {} ru {} mixed {} other {}", counts[0], counts[1], counts[2], counts[3]);
}
