//! The routing model: one linear layer over hashed features with two softmax heads, one for
//! the kind of appeal and one for the agency whose function it concerns.
//!
//! Weights are stored as `i8` with one scale (a 4x smaller model than `f32`, for an accuracy
//! loss we could not measure), and looked up through an open-addressing index built at load.

use crate::labels::{Agency, Kind};

/// Number of kind outputs.
pub const KINDS: usize = Kind::ALL.len();
/// Number of agency outputs.
pub const AGENCIES: usize = Agency::ALL.len();
/// Outputs per feature row: kinds first, then agencies.
pub const OUTPUTS: usize = KINDS + AGENCIES;

/// A trained routing model.
#[derive(Debug, Clone, PartialEq)]
pub struct Router {
    /// Feature ids, sorted ascending.
    pub ids: Vec<u32>,
    /// `ids.len() * OUTPUTS` quantised weights, row by row.
    pub weights: Vec<i8>,
    /// A stored weight `w` means `w / scale`.
    pub scale: f32,
    /// Per-output bias.
    pub bias: [f32; OUTPUTS],
    /// Open-addressing table: slot -> row index + 1 (0 = empty). Derived, not stored.
    index: Vec<u32>,
}

/// Raw scores of the two heads, as probabilities.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scores {
    /// Probability of each kind, in `Kind::ALL` order.
    pub kind: [f32; KINDS],
    /// Probability of each agency (the function concerned), in `Agency::ALL` order.
    pub agency: [f32; AGENCIES],
}

impl Router {
    /// A model with no features: every message gets the bias alone.
    pub fn empty() -> Self {
        Router::new(Vec::new(), Vec::new(), 1.0, [0.0; OUTPUTS])
    }

    /// Assembles a model and builds its lookup index.
    pub fn new(ids: Vec<u32>, weights: Vec<i8>, scale: f32, bias: [f32; OUTPUTS]) -> Self {
        let slots = (ids.len() * 2).next_power_of_two().max(16);
        let mut index = vec![0u32; slots];
        for (row, &id) in ids.iter().enumerate() {
            let mut slot = home(id, slots);
            while index[slot] != 0 {
                slot = (slot + 1) & (slots - 1);
            }
            index[slot] = row as u32 + 1;
        }
        Router { ids, weights, scale, bias, index }
    }

    /// Row of a feature id, if the model knows it.
    fn row(&self, id: u32) -> Option<usize> {
        let slots = self.index.len();
        let mut slot = home(id, slots);
        loop {
            let entry = *self.index.get(slot)?;
            if entry == 0 {
                return None;
            }
            let row = entry as usize - 1;
            if self.ids.get(row) == Some(&id) {
                return Some(row);
            }
            slot = (slot + 1) & (slots - 1);
        }
    }

    /// Scores a message given its feature ids.
    pub fn score(&self, features: &[u32]) -> Scores {
        let mut acc = [0i32; OUTPUTS];
        let mut active = 0usize;
        for &id in features {
            if let Some(row) = self.row(id) {
                active += 1;
                let start = row * OUTPUTS;
                if let Some(w) = self.weights.get(start..start + OUTPUTS) {
                    for (a, &x) in acc.iter_mut().zip(w) {
                        *a += i32::from(x);
                    }
                }
            }
        }
        // Training scales each message by 1/sqrt(active features); scoring must do the same.
        let norm = 1.0 / ((active.max(1)) as f32).sqrt();
        let mut logits = [0.0f32; OUTPUTS];
        for (i, l) in logits.iter_mut().enumerate() {
            *l = acc[i] as f32 / self.scale * norm + self.bias[i];
        }
        let mut kind = [0.0; KINDS];
        kind.copy_from_slice(&logits[..KINDS]);
        let mut agency = [0.0; AGENCIES];
        agency.copy_from_slice(&logits[KINDS..]);
        softmax(&mut kind);
        softmax(&mut agency);
        Scores { kind, agency }
    }

    /// Heap bytes held by the model, index included.
    pub fn heap_bytes(&self) -> usize {
        self.ids.capacity() * 4 + self.weights.capacity() + self.index.capacity() * 4
    }
}

/// Home slot of an id: ids are hashes already, so a multiply-shift spreads them enough.
fn home(id: u32, slots: usize) -> usize {
    (id.wrapping_mul(0x9E37_79B1) as usize) & (slots - 1)
}

/// In-place softmax.
pub fn softmax(xs: &mut [f32]) {
    let max = xs.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let mut sum = 0.0;
    for x in xs.iter_mut() {
        *x = (*x - max).exp();
        sum += *x;
    }
    if sum > 0.0 {
        for x in xs.iter_mut() {
            *x /= sum;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_known_feature_moves_the_scores() {
        let mut w = vec![0i8; 2 * OUTPUTS];
        w[OUTPUTS + KINDS + 3] = 100; // second feature votes for agency #3
        let r = Router::new(vec![7, 42], w, 10.0, [0.0; OUTPUTS]);
        let s = r.score(&[42]);
        let best = (0..AGENCIES).max_by(|&a, &b| s.agency[a].total_cmp(&s.agency[b]));
        assert_eq!(best, Some(3));
        assert_eq!(r.score(&[]).agency[0], r.score(&[99]).agency[0]);
    }
}
