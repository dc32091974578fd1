//! Builds the [`LangTable`] from Kyrgyz and Russian texts by naive Bayes counting.
//!
//! Deterministic by construction: counts do not depend on order, and the arithmetic is done in
//! `f64` on integers in a fixed bucket order.

use super::table::{self, LangTable, SCALE, SIZE};
use crate::labels::Lang;
use crate::text::{Script, normalize};

/// Additive smoothing of the n-gram counts.
const ALPHA: f64 = 0.5;
/// Stored weights are clamped to this many nats, so that one rare n-gram cannot outvote a
/// sentence.
const CLAMP_NATS: f64 = 6.0;

/// Learns the table from `(text, lang)` pairs; only `ky` and `ru` texts are used.
pub fn train<'a>(examples: impl IntoIterator<Item = (&'a str, Lang)>) -> LangTable {
    let mut ky = vec![0u32; SIZE];
    let mut ru = vec![0u32; SIZE];
    let mut other = vec![0u32; SIZE];
    for (text, lang) in examples {
        let counts = match lang {
            Lang::Ky => &mut ky,
            Lang::Ru => &mut ru,
            Lang::Other => &mut other,
            Lang::Mixed => continue,
        };
        let norm = normalize(text);
        for token in &norm.tokens {
            if matches!(token.script, Script::Cyrillic | Script::Latin) {
                table::for_each_bucket(token, |b| {
                    if let Some(count) = counts.get_mut(b) {
                        *count = count.saturating_add(1);
                    }
                });
            }
        }
    }
    let total = |c: &[u32]| c.iter().map(|&x| f64::from(x)).sum::<f64>();
    let (n_ky, n_ru, n_other) = (total(&ky), total(&ru), total(&other));
    let vocab = (0..SIZE).filter(|&b| ky[b] + ru[b] + other[b] > 0).count() as f64;
    let mut out = LangTable::empty();
    for b in 0..SIZE {
        let (a, r, o) = (f64::from(ky[b]), f64::from(ru[b]), f64::from(other[b]));
        if a + r + o == 0.0 {
            continue;
        }
        if a + r > 0.0 {
            out.seen[b / 64] |= 1 << (b % 64);
            let nats = ((a + ALPHA) / (n_ky + ALPHA * vocab)).ln() - ((r + ALPHA) / (n_ru + ALPHA * vocab)).ln();
            out.weights[b][0] = quantise(nats);
        }
        if n_other > 0.0 {
            let nats =
                ((o + ALPHA) / (n_other + ALPHA * vocab)).ln() - ((a + r + ALPHA) / (n_ky + n_ru + ALPHA * vocab)).ln();
            out.weights[b][1] = quantise(nats);
        }
    }
    out
}

fn quantise(nats: f64) -> i8 {
    (nats.clamp(-CLAMP_NATS, CLAMP_NATS) * f64::from(SCALE)).round().clamp(-127.0, 127.0) as i8
}
