//! The Kyrgyz-versus-Russian evidence table: hashed character n-grams and whole words, each with
//! a log-odds weight learned by naive Bayes.
//!
//! A direct-indexed table (no key stored, collisions tolerated) keeps a detection to one array
//! read per n-gram, which is what lets us detect hundreds of thousands of messages a second.

use crate::hash::Fnv;
use crate::text::{Script, Token};

/// log2 of the number of buckets.
pub const BITS: u32 = 16;
/// Number of buckets.
pub const SIZE: usize = 1 << BITS;
const MASK: u32 = (SIZE as u32) - 1;

/// Quantisation: a stored weight of `w` means `w / SCALE` nats in favour of Kyrgyz.
pub const SCALE: f32 = 16.0;

/// Evidence in nats that a word with ң, ө or ү is Kyrgyz: Russian never has these letters,
/// but Kazakh and Mongolian do, so it is strong rather than absolute.
pub const KYRGYZ_LETTER_BONUS: f32 = 4.0;

/// Weights indexed by hashed feature: for each bucket, Kyrgyz-versus-Russian log-odds (positive
/// for Kyrgyz) and other-versus-both log-odds, side by side so that one read fetches both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LangTable {
    /// `SIZE` pairs `[kyrgyz vs russian, other vs both]`, quantised.
    pub weights: Vec<[i8; 2]>,
    /// One bit per bucket: was this feature seen in Kyrgyz or Russian training text at all?
    pub seen: Vec<u64>,
}

impl LangTable {
    /// A table that knows nothing (every word scores 0).
    pub fn empty() -> Self {
        LangTable { weights: vec![[0, 0]; SIZE], seen: vec![0; SIZE / 64] }
    }

    /// Evidence carried by one word. `coverage` also counts how many of its n-grams training
    /// saw, which only the Latin-script path needs.
    pub fn score_word(&self, token: &Token, coverage: bool) -> WordScore {
        // Fixed-size views, so that indexing by a bucket (always < SIZE) needs no bounds check.
        let (Ok(weights), Ok(seen)) = (
            <&[[i8; 2]; SIZE]>::try_from(self.weights.as_slice()),
            <&[u64; SIZE / 64]>::try_from(self.seen.as_slice()),
        ) else {
            return WordScore { nats: 0.0, other: 0.0, ngrams: 0, known: 0 };
        };
        let (mut sum, mut other) = (0i32, 0i32);
        let (mut n, mut known) = (0u32, 0u32);
        for_each_bucket(token, |i| {
            let [w, o] = weights[i & (SIZE - 1)];
            sum += i32::from(w);
            other += i32::from(o);
            n += 1;
            if coverage {
                known += u32::from(seen[(i / 64) & (SIZE / 64 - 1)] & (1 << (i % 64)) != 0);
            }
        });
        let mut nats = sum as f32 / SCALE;
        if token.kyrgyz_letters {
            nats += KYRGYZ_LETTER_BONUS;
        }
        WordScore { nats, other: other as f32 / SCALE, ngrams: n, known }
    }

    /// Heap bytes held by the table.
    pub fn heap_bytes(&self) -> usize {
        self.weights.capacity() * 2 + self.seen.capacity() * 8
    }
}

/// What one word says about the language.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WordScore {
    /// Log-odds in nats, positive for Kyrgyz.
    pub nats: f32,
    /// Log-odds in nats that the word belongs to neither language.
    pub other: f32,
    /// Number of n-gram features looked up.
    pub ngrams: u32,
    /// How many of them were seen in training (only when asked for).
    pub known: u32,
}

/// Calls `f` with the bucket of every language feature of a word: the whole skeleton, its
/// character 3- and 4-grams with word boundaries, and, for Cyrillic words, 3-grams of the
/// Cyrillic spelling with ң ө ү folded (keeps ь, ы, щ, which the skeleton loses).
/// Kept to about three features per letter: detection must stay in the microseconds.
pub fn for_each_bucket(token: &Token, mut f: impl FnMut(usize)) {
    let skel = token.skeleton.as_bytes();
    f(bucket(Fnv::new(b'W').bytes(skel).finish()));
    let mut stack = [0u8; 64];
    let mut heap = Vec::new();
    let padded = pad(skel, &mut stack, &mut heap);
    // Fixed-size grams, written out so that the hashing unrolls.
    const GRAM3: Fnv = Fnv::new(3);
    const GRAM4: Fnv = Fnv::new(4);
    for g in padded.windows(3) {
        f(bucket(GRAM3.byte(g[0]).byte(g[1]).byte(g[2]).finish()));
    }
    for g in padded.windows(4) {
        f(bucket(GRAM4.byte(g[0]).byte(g[1]).byte(g[2]).byte(g[3]).finish()));
    }
    if token.script == Script::Cyrillic {
        // Code points rather than UTF-8: no encoding work, and Cyrillic fits in 16 bits.
        const CYRILLIC3: Fnv = Fnv::new(b'C');
        let (mut a, mut b) = (u16::from(b'^'), u16::from(b'^'));
        for (i, c) in token.lower.chars().map(fold_kyrgyz).chain(['$']).enumerate() {
            let c = c as u32 as u16;
            if i >= 1 {
                let ([a0, a1], [b0, b1], [c0, c1]) = (a.to_le_bytes(), b.to_le_bytes(), c.to_le_bytes());
                f(bucket(CYRILLIC3.byte(a0).byte(a1).byte(b0).byte(b1).byte(c0).byte(c1).finish()));
            }
            (a, b) = (b, c);
        }
    }
}

/// `^word$` in a stack buffer when it fits (almost always), else on the heap.
pub fn pad<'a>(word: &[u8], stack: &'a mut [u8; 64], heap: &'a mut Vec<u8>) -> &'a [u8] {
    let len = word.len() + 2;
    let buf: &mut [u8] = if len <= stack.len() {
        &mut stack[..len]
    } else {
        heap.resize(len, 0);
        heap.as_mut_slice()
    };
    buf[0] = b'^';
    buf[1..len - 1].copy_from_slice(word);
    buf[len - 1] = b'$';
    buf
}

/// ң ө ү read as н о у: the Russian-keyboard spelling of Kyrgyz.
pub fn fold_kyrgyz(c: char) -> char {
    match c {
        'ң' | 'ӊ' | 'ҥ' => 'н',
        'ө' => 'о',
        'ү' => 'у',
        other => other,
    }
}

/// Index of a feature hash in the table.
pub fn bucket(hash: u32) -> usize {
    (hash & MASK) as usize
}
