//! The whole model (language table + router), its binary format and the copy compiled into the
//! program.
//!
//! Format (all little-endian): `KRLU`, version `u32`; the language table (`SIZE` `i8` Kyrgyz-vs-Russian weights, `SIZE` `i8` other-vs-both weights,
//! `SIZE / 64` `u64` seen-bits); the router (`outputs u32`, `features u32`, `scale f32`,
//! `outputs` × `f32` bias, `features` × `u32` ids, `features × outputs` `i8` weights).
//! A hand-rolled format keeps the crate free of a serialisation dependency and the file
//! byte-for-byte reproducible.

use std::sync::LazyLock;

use crate::lang::LangTable;
use crate::lang::table::SIZE;
use crate::route::Router;
use crate::route::router::OUTPUTS;

const MAGIC: &[u8; 4] = b"KRLU";
const VERSION: u32 = 1;

/// The model shipped with the program (see `classifier/model/`).
static SHIPPED_BYTES: &[u8] = include_bytes!("../model/model.bin");

static SHIPPED: LazyLock<Model> = LazyLock::new(|| Model::decode(SHIPPED_BYTES).unwrap_or_else(|_| Model::empty()));

/// Why a model file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ModelError {
    /// The file does not start with `KRLU`.
    #[error("not a Kairyluu model file")]
    BadMagic,
    /// The file was written by another version of the format.
    #[error("model format version {0} is not supported")]
    Version(u32),
    /// The file ends early or has inconsistent sizes.
    #[error("model file is truncated or corrupt")]
    Truncated,
}

/// Language table and router together.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// Kyrgyz-versus-Russian evidence.
    pub lang: LangTable,
    /// Kind and agency.
    pub router: Router,
}

impl Model {
    /// The model compiled into the program. If the embedded bytes were corrupt (a test guards
    /// against shipping such a build), an empty model answers `other`/`triage` rather than panic.
    pub fn shipped() -> &'static Model {
        &SHIPPED
    }

    /// The raw bytes of the shipped model.
    pub fn shipped_bytes() -> &'static [u8] {
        SHIPPED_BYTES
    }

    /// A model that knows nothing.
    pub fn empty() -> Self {
        Model { lang: LangTable::empty(), router: Router::empty() }
    }

    /// Heap bytes held by the loaded model.
    pub fn heap_bytes(&self) -> usize {
        self.lang.heap_bytes() + self.router.heap_bytes()
    }

    /// Serialises the model.
    pub fn encode(&self) -> Vec<u8> {
        let r = &self.router;
        let mut out = Vec::with_capacity(SIZE + SIZE / 8 + r.ids.len() * (4 + OUTPUTS) + 256);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend(self.lang.weights.iter().map(|w| w[0] as u8));
        out.extend(self.lang.weights.iter().map(|w| w[1] as u8));
        for bits in &self.lang.seen {
            out.extend_from_slice(&bits.to_le_bytes());
        }
        out.extend_from_slice(&(OUTPUTS as u32).to_le_bytes());
        out.extend_from_slice(&(r.ids.len() as u32).to_le_bytes());
        out.extend_from_slice(&r.scale.to_le_bytes());
        for b in r.bias {
            out.extend_from_slice(&b.to_le_bytes());
        }
        for id in &r.ids {
            out.extend_from_slice(&id.to_le_bytes());
        }
        out.extend(r.weights.iter().map(|&w| w as u8));
        out
    }

    /// Reads a model written by [`Model::encode`].
    pub fn decode(bytes: &[u8]) -> Result<Self, ModelError> {
        let mut r = Reader(bytes);
        if r.take(4)? != MAGIC {
            return Err(ModelError::BadMagic);
        }
        let version = r.u32()?;
        if version != VERSION {
            return Err(ModelError::Version(version));
        }
        let (ky_ru, other) = (r.take(SIZE)?, r.take(SIZE)?);
        let weights = ky_ru.iter().zip(other).map(|(&w, &o)| [w as i8, o as i8]).collect();
        let seen = (0..SIZE / 64).map(|_| r.u64()).collect::<Result<_, _>>()?;
        if r.u32()? as usize != OUTPUTS {
            return Err(ModelError::Truncated);
        }
        let n = r.u32()? as usize;
        let scale = r.f32()?;
        let mut bias = [0.0; OUTPUTS];
        for b in &mut bias {
            *b = r.f32()?;
        }
        let ids = (0..n).map(|_| r.u32()).collect::<Result<Vec<_>, _>>()?;
        let w = r.take(n.checked_mul(OUTPUTS).ok_or(ModelError::Truncated)?)?;
        if !r.0.is_empty() || !ids.is_sorted() {
            return Err(ModelError::Truncated);
        }
        let router = Router::new(ids, w.iter().map(|&b| b as i8).collect(), scale, bias);
        Ok(Model { lang: LangTable { weights, seen }, router })
    }
}

/// A cursor over the model bytes that fails instead of panicking on short input.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        if self.0.len() < n {
            return Err(ModelError::Truncated);
        }
        let (head, tail) = self.0.split_at(n);
        self.0 = tail;
        Ok(head)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], ModelError> {
        self.take(N)?.try_into().map_err(|_| ModelError::Truncated)
    }

    fn u32(&mut self) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes(self.array()?))
    }

    fn u64(&mut self) -> Result<u64, ModelError> {
        Ok(u64::from_le_bytes(self.array()?))
    }

    fn f32(&mut self) -> Result<f32, ModelError> {
        Ok(f32::from_le_bytes(self.array()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_model_decodes() {
        assert!(Model::decode(Model::shipped_bytes()).is_ok());
    }

    #[test]
    fn encode_then_decode_is_the_identity() {
        let m = Model::empty();
        assert_eq!(Model::decode(&m.encode()), Ok(m));
    }

    #[test]
    fn garbage_is_refused_not_panicked_on() {
        assert_eq!(Model::decode(b""), Err(ModelError::Truncated));
        assert_eq!(Model::decode(b"XXXXabcd"), Err(ModelError::BadMagic));
        let mut short = Model::empty().encode();
        short.truncate(short.len() - 1);
        assert!(Model::decode(&short).is_err());
    }
}
