//! A stable hash for feature names.
//!
//! The model stores hashed feature ids, so the hash must never change between builds, platforms
//! or Rust versions: `std`'s hasher is randomly seeded and not specified, FNV-1a is both fixed
//! and fast on the short strings we feed it.

const OFFSET: u32 = 0x811c_9dc5;
const PRIME: u32 = 0x0100_0193;

/// An incremental FNV-1a (32-bit) hasher.
#[derive(Debug, Clone, Copy)]
pub struct Fnv(u32);

impl Fnv {
    /// A hasher primed with a namespace byte, so that a word and an n-gram with the same letters
    /// become different features.
    #[inline]
    pub const fn new(namespace: u8) -> Self {
        Fnv((OFFSET ^ namespace as u32).wrapping_mul(PRIME))
    }

    /// Feeds bytes.
    #[inline]
    pub fn bytes(mut self, bytes: &[u8]) -> Self {
        for b in bytes {
            self.0 = (self.0 ^ u32::from(*b)).wrapping_mul(PRIME);
        }
        self
    }

    /// Feeds one byte.
    #[inline]
    pub const fn byte(self, b: u8) -> Self {
        Fnv((self.0 ^ b as u32).wrapping_mul(PRIME))
    }

    /// Feeds a string.
    #[inline]
    pub fn str(self, s: &str) -> Self {
        self.bytes(s.as_bytes())
    }

    /// The hash; mixed once more so that low bits (used to index tables) are well spread.
    #[inline]
    pub fn finish(self) -> u32 {
        let mut h = self.0;
        h ^= h >> 16;
        h = h.wrapping_mul(0x7feb_352d);
        h ^= h >> 15;
        h
    }
}

#[cfg(test)]
mod tests {
    use super::Fnv;

    #[test]
    fn the_hash_is_fixed_forever() {
        // A changed value here means every shipped model is silently wrong: retrain instead.
        assert_eq!(Fnv::new(b'w').str("свет").finish(), Fnv::new(b'w').str("свет").finish());
        assert_ne!(Fnv::new(b'w').str("jok").finish(), Fnv::new(b'c').str("jok").finish());
        assert_eq!(Fnv::new(0).str("a").finish(), 0x5694_1cc0_u32);
    }
}
