//! Trains the [`Router`]: softmax regression by averaged stochastic gradient descent.
//!
//! Deterministic: examples are visited in an order drawn from a fixed-seed generator, all
//! arithmetic is sequential `f32`, and the vocabulary is sorted, so the same corpus always gives
//! the same bytes. Averaging the weights over all steps regularises like a prior would, without
//! a penalty to tune.

use super::router::{AGENCIES, KINDS, OUTPUTS, Router, softmax};

/// One training message, already turned into features.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    /// Sorted, de-duplicated feature ids.
    pub features: Vec<u32>,
    /// Index of the kind in `Kind::ALL`.
    pub kind: usize,
    /// Index of the agency *function* in `Agency::ALL` (for corruption: the implicated body).
    pub agency: usize,
}

/// Knobs of training.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Params {
    /// Passes over the corpus.
    pub epochs: usize,
    /// Initial learning rate.
    pub learning_rate: f32,
    /// A feature must occur in at least this many messages to be kept.
    pub min_count: u32,
}

impl Default for Params {
    fn default() -> Self {
        Params { epochs: 12, learning_rate: 2.0, min_count: 2 }
    }
}

/// A small xorshift generator: reproducible everywhere, unlike a seeded `rand` whose algorithm
/// may change between versions.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// Trains a router on `examples`.
pub fn train(examples: &[Example], params: Params) -> Router {
    let vocab = vocabulary(examples, params.min_count);
    let rows: Vec<Vec<u32>> = examples
        .iter()
        .map(|e| e.features.iter().filter_map(|id| vocab.binary_search(id).ok().map(|r| r as u32)).collect())
        .collect();
    let mut w = vec![0.0f32; vocab.len() * OUTPUTS];
    let mut u = vec![0.0f32; vocab.len() * OUTPUTS];
    let mut bias = [0.0f32; OUTPUTS];
    let mut bias_u = [0.0f32; OUTPUTS];
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    let mut step = 1.0f32;
    let total_steps = (params.epochs * examples.len()).max(1) as f32;
    for _ in 0..params.epochs {
        for i in (1..order.len()).rev() {
            order.swap(i, (rng.next() % (i as u64 + 1)) as usize);
        }
        for &e in &order {
            let (ex, row) = (&examples[e], &rows[e]);
            let x = 1.0 / (row.len().max(1) as f32).sqrt();
            let mut logits = bias;
            for &r in row {
                let base = r as usize * OUTPUTS;
                for (l, wv) in logits.iter_mut().zip(&w[base..base + OUTPUTS]) {
                    *l += wv * x;
                }
            }
            let mut grad = [0.0f32; OUTPUTS];
            let (mut pk, mut pa) = ([0.0; KINDS], [0.0; AGENCIES]);
            pk.copy_from_slice(&logits[..KINDS]);
            pa.copy_from_slice(&logits[KINDS..]);
            softmax(&mut pk);
            softmax(&mut pa);
            grad[..KINDS].copy_from_slice(&pk);
            grad[KINDS..].copy_from_slice(&pa);
            grad[ex.kind] -= 1.0;
            grad[KINDS + ex.agency] -= 1.0;
            // Linear decay to a tenth of the initial rate: big steps early, fine ones late.
            let lr = params.learning_rate * (1.0 - 0.9 * (step - 1.0) / total_steps);
            for o in 0..OUTPUTS {
                let d = -lr * grad[o];
                bias[o] += d;
                bias_u[o] += step * d;
            }
            for &r in row {
                let base = r as usize * OUTPUTS;
                for o in 0..OUTPUTS {
                    let d = -lr * grad[o] * x;
                    w[base + o] += d;
                    u[base + o] += step * d;
                }
            }
            step += 1.0;
        }
    }
    // Averaged weights: w - u / step (the standard lazy form of averaging every step).
    for (wv, uv) in w.iter_mut().zip(&u) {
        *wv -= uv / step;
    }
    for (b, bu) in bias.iter_mut().zip(&bias_u) {
        *b -= bu / step;
    }
    let max = w.iter().fold(0.0f32, |m, v| m.max(v.abs())).max(1e-6);
    let scale = 127.0 / max;
    let q = w.iter().map(|v| (v * scale).round().clamp(-127.0, 127.0) as i8).collect();
    Router::new(vocab, q, scale, bias)
}

/// Feature ids that occur in at least `min_count` examples, sorted.
fn vocabulary(examples: &[Example], min_count: u32) -> Vec<u32> {
    let mut all: Vec<u32> = examples.iter().flat_map(|e| e.features.iter().copied()).collect();
    all.sort_unstable();
    let mut vocab = Vec::new();
    let mut i = 0;
    while i < all.len() {
        let mut j = i;
        while j < all.len() && all[j] == all[i] {
            j += 1;
        }
        if (j - i) as u32 >= min_count {
            vocab.push(all[i]);
        }
        i = j;
    }
    vocab
}
