//! The Kyrgyz-versus-Russian evidence table: hashed character n-grams and whole words, each with
//! a log-odds weight learned by naive Bayes.
//!
//! A direct-indexed table (no key stored, collisions tolerated) keeps a detection to one array
//! read per n-gram, which is what lets us detect hundreds of thousands of messages a second.

use crate::hash::Fnv;
use crate::text::{Script, Token};

/// log2 of the number of buckets.
pub const BITS: u32 = 18;
/// Number of buckets.
pub const SIZE: usize = 1 << BITS;
const MASK: u32 = (SIZE as u32) - 1;

/// Quantisation: a stored weight of `w` means `w / SCALE` nats in favour of Kyrgyz.
pub const SCALE: f32 = 16.0;

/// Evidence in nats that a word with ң, ө or ү is Kyrgyz: Russian never has these letters,
/// but Kazakh and Mongolian do, so it is strong rather than absolute.
pub const KYRGYZ_LETTER_BONUS: f32 = 4.0;

/// Weights indexed by hashed feature, positive for Kyrgyz, negative for Russian.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LangTable {
    /// `SIZE` quantised log-odds.
    pub weights: Vec<i8>,
    /// `SIZE` quantised log-odds of "another language" against Kyrgyz and Russian together.
    pub other: Vec<i8>,
    /// One bit per bucket: was this feature seen in training at all? Tells "unknown language".
    pub seen: Vec<u64>,
}

impl LangTable {
    /// A table that knows nothing (every word scores 0).
    pub fn empty() -> Self {
        LangTable { weights: vec![0; SIZE], other: vec![0; SIZE], seen: vec![0; SIZE / 64] }
    }

    /// Evidence (nats, positive = Kyrgyz) carried by one word, and the share of its n-grams
    /// that training ever saw.
    pub fn score_word(&self, token: &Token) -> WordScore {
        let (mut sum, mut other) = (0i32, 0i32);
        let (mut n, mut known) = (0u32, 0u32);
        for_each_feature(token, |bucket| {
            let i = (bucket & MASK) as usize;
            sum += i32::from(self.weights.get(i).copied().unwrap_or(0));
            other += i32::from(self.other.get(i).copied().unwrap_or(0));
            n += 1;
            if self.seen.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0) {
                known += 1;
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
        self.weights.capacity() + self.other.capacity() + self.seen.capacity() * 8
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
    /// How many of them were seen in training.
    pub known: u32,
}

/// Calls `f` with the hash of every language feature of a word: the whole skeleton, its
/// character 2- to 4-grams with word boundaries, and, for Cyrillic words, 3-grams of the
/// Cyrillic spelling with ң ө ү folded (keeps ь, ы, щ, which the skeleton loses).
pub fn for_each_feature(token: &Token, mut f: impl FnMut(u32)) {
    let skel = token.skeleton.as_bytes();
    f(Fnv::new(b'W').bytes(skel).finish());
    let mut padded = Vec::with_capacity(skel.len() + 2);
    padded.push(b'^');
    padded.extend_from_slice(skel);
    padded.push(b'$');
    for n in 2..=4usize {
        if padded.len() < n {
            break;
        }
        for gram in padded.windows(n) {
            f(Fnv::new(n as u8).bytes(gram).finish());
        }
    }
    if token.script == Script::Cyrillic {
        let mut chars: [char; 3] = ['^', '^', '^'];
        let folded = token.lower.chars().map(fold_kyrgyz).chain(std::iter::once('$'));
        for (i, c) in folded.enumerate() {
            chars = [chars[1], chars[2], c];
            if i >= 1 {
                let mut buf = [0u8; 12];
                let mut len = 0;
                for ch in chars {
                    len += ch.encode_utf8(&mut buf[len..]).len();
                }
                f(Fnv::new(b'C').bytes(&buf[..len]).finish());
            }
        }
    }
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
