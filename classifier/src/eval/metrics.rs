//! Counting helpers: confusion matrices, per-class precision and recall, macro-F1.

/// A confusion matrix over `n` classes: `cells[gold][predicted]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confusion {
    /// Counts, gold-major.
    pub cells: Vec<Vec<u32>>,
}

/// Precision, recall and F1 of one class.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ClassScore {
    /// Share of predictions of this class that were right.
    pub precision: f64,
    /// Share of gold members of this class that were found.
    pub recall: f64,
    /// Harmonic mean of the two.
    pub f1: f64,
    /// Number of gold members.
    pub support: u32,
}

impl Confusion {
    /// An empty matrix of `n` classes.
    pub fn new(n: usize) -> Self {
        Confusion { cells: vec![vec![0; n]; n] }
    }

    /// Counts one decision.
    pub fn add(&mut self, gold: usize, predicted: usize) {
        if let Some(c) = self.cells.get_mut(gold).and_then(|row| row.get_mut(predicted)) {
            *c += 1;
        }
    }

    /// Total number of decisions.
    pub fn total(&self) -> u32 {
        self.cells.iter().flatten().sum()
    }

    /// Share of decisions on the diagonal.
    pub fn accuracy(&self) -> f64 {
        let right: u32 = (0..self.cells.len()).map(|i| self.cells[i][i]).sum();
        ratio(right, self.total())
    }

    /// Scores of class `c`.
    pub fn class(&self, c: usize) -> ClassScore {
        let tp = self.cells[c][c];
        let predicted: u32 = self.cells.iter().map(|row| row[c]).sum();
        let support: u32 = self.cells[c].iter().sum();
        let (precision, recall) = (ratio(tp, predicted), ratio(tp, support));
        let f1 = if precision + recall > 0.0 { 2.0 * precision * recall / (precision + recall) } else { 0.0 };
        ClassScore { precision, recall, f1, support }
    }

    /// Mean F1 over the classes that occur in gold or in predictions.
    pub fn macro_f1(&self) -> f64 {
        let n = self.cells.len();
        let present: Vec<usize> =
            (0..n).filter(|&c| self.cells[c].iter().sum::<u32>() > 0 || self.cells.iter().any(|r| r[c] > 0)).collect();
        if present.is_empty() {
            return 0.0;
        }
        present.iter().map(|&c| self.class(c).f1).sum::<f64>() / present.len() as f64
    }
}

/// `a / b` as a fraction, 0 when `b` is 0.
pub fn ratio(a: u32, b: u32) -> f64 {
    if b == 0 { 0.0 } else { f64::from(a) / f64::from(b) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_of_a_small_matrix() {
        let mut m = Confusion::new(2);
        m.add(0, 0);
        m.add(0, 1);
        m.add(1, 1);
        assert!((m.accuracy() - 2.0 / 3.0).abs() < 1e-9);
        assert!((m.class(0).recall - 0.5).abs() < 1e-9);
        assert!((m.class(1).precision - 0.5).abs() < 1e-9);
    }
}
