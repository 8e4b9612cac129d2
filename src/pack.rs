//! Whole articles packed small for keeping in memory: their postcard encoding compressed with
//! zstd, with a dictionary trained on the archive's own articles when there are enough of them.
//! The store keeps what lists, filters and ranks read as cards; the text, captions and mentions
//! stay packed until an article is opened (unpacking one takes tens of microseconds). No I/O
//! of its own: an article kept in the analysis cache's file is read back by `load::cache`.

use std::fmt;
use std::sync::Arc;

use zstd::bulk::{Compressor, Decompressor};
use zstd::dict::{DecoderDictionary, EncoderDictionary};

use crate::article::Article;

/// zstd's level: with a dictionary, level 3 packs smaller than level 1 at about its speed.
const LEVEL: i32 = 3;

/// The dictionary's size: large enough for the phrases an archive repeats (datelines, outlet
/// names, the boilerplate of page furniture), small against any archive worth one.
const DICTIONARY_BYTES: usize = 64 << 10;

/// Articles a dictionary is trained on at most (about 0.1 s of training).
pub const SAMPLES: usize = 256;

/// Fewer articles than this are too few to train a dictionary on: they are packed without.
pub const MIN_SAMPLES: usize = 64;

/// How articles are packed and unpacked: one per store (and per load), shared by every packed
/// article it made, which needs it to be unpacked.
pub struct Packer {
    dictionary: Option<(EncoderDictionary<'static>, DecoderDictionary<'static>)>,
}

impl fmt::Debug for Packer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Packer")
            .field("dictionary", &self.dictionary.is_some())
            .finish()
    }
}

impl Default for Packer {
    fn default() -> Self {
        Packer::plain()
    }
}

impl Packer {
    /// A packer without a dictionary.
    pub fn plain() -> Packer {
        Packer { dictionary: None }
    }

    /// A packer with a dictionary trained on `samples` (at most [`SAMPLES`] of them, spread
    /// over the slice); without one when there are fewer than [`MIN_SAMPLES`] or training
    /// fails (zstd refuses samples too alike or too small).
    pub fn trained<A: std::borrow::Borrow<Article>>(samples: &[A]) -> Packer {
        if samples.len() < MIN_SAMPLES {
            return Packer::plain();
        }
        let step = samples.len().div_ceil(SAMPLES).max(1);
        let encoded: Vec<Vec<u8>> = samples
            .iter()
            .step_by(step)
            .filter_map(|a| postcard::to_stdvec(a.borrow()).ok())
            .collect();
        let dictionary = zstd::dict::from_samples(&encoded, DICTIONARY_BYTES)
            .ok()
            .and_then(|bytes| {
                let enc = EncoderDictionary::try_copy(&bytes, LEVEL).ok()?;
                let dec = DecoderDictionary::try_copy(&bytes).ok()?;
                Some((enc, dec))
            });
        Packer { dictionary }
    }

    /// Whether it packs with a trained dictionary.
    pub fn has_dictionary(&self) -> bool {
        self.dictionary.is_some()
    }

    /// A compressor for [`pack`](Self::pack): make one per thread and reuse it.
    fn compressor(&self) -> std::io::Result<Compressor<'_>> {
        let mut c = match &self.dictionary {
            Some((enc, _)) => Compressor::with_prepared_dictionary(enc),
            None => Compressor::new(LEVEL),
        }?;
        // Four bytes an article, so that damaged bytes are an error, never another text.
        c.set_parameter(zstd::zstd_safe::CParameter::ChecksumFlag(true))?;
        Ok(c)
    }
}

/// A whole article, packed or (when packing failed) as it is.
#[derive(Debug, Clone)]
pub enum Packed {
    Small {
        packer: Arc<Packer>,
        /// The encoding's length, to unpack into.
        raw: u32,
        bytes: Box<[u8]>,
    },
    Whole(Arc<Article>),
    /// Not in memory at all: read back from the analysis cache's file.
    InCache(crate::load::cache::Stored),
}

impl Packed {
    /// The article again.
    pub fn unpack(&self) -> Result<Arc<Article>, String> {
        match self {
            Packed::Whole(a) => Ok(Arc::clone(a)),
            Packed::InCache(stored) => stored.article().map(Arc::new),
            Packed::Small { packer, raw, bytes } => {
                let mut d = match &packer.dictionary {
                    Some((_, dec)) => Decompressor::with_prepared_dictionary(dec),
                    None => Decompressor::new(),
                }
                .map_err(|e| format!("zstd: {e}"))?;
                let encoded = d
                    .decompress(bytes, *raw as usize)
                    .map_err(|e| format!("zstd: {e}"))?;
                postcard::from_bytes(&encoded)
                    .map(Arc::new)
                    .map_err(|e| format!("postcard: {e}"))
            }
        }
    }

    /// The bytes it keeps in memory (of the text alone, for an article kept whole).
    pub fn size(&self) -> usize {
        match self {
            Packed::Small { bytes, .. } => bytes.len(),
            Packed::InCache(_) => 0,
            Packed::Whole(a) => a.body.iter().map(String::len).sum(),
        }
    }
}

/// Pack the articles not kept already (`kept`, parallel to `articles`, says where they are)
/// with `packer`, on every core when there are more than a few.
pub fn pack_new(
    packer: &Arc<Packer>,
    articles: Vec<Article>,
    kept: Vec<Option<Packed>>,
) -> Vec<Packed> {
    use rayon::prelude::*;
    /// Below this many, a thread pool costs more than it saves.
    const PARALLEL_FROM: usize = 64;
    debug_assert_eq!(articles.len(), kept.len(), "`kept` runs beside `articles`");
    let fresh = kept.iter().filter(|k| k.is_none()).count();
    if fresh < PARALLEL_FROM {
        let mut c = None;
        return articles
            .into_iter()
            .zip(kept)
            .map(|(a, k)| k.unwrap_or_else(|| pack_one(packer, &mut c, a)))
            .collect();
    }
    articles
        .into_par_iter()
        .zip(kept)
        .map_init(
            || None,
            |c, (a, k)| k.unwrap_or_else(|| pack_one(packer, c, a)),
        )
        .collect()
}

/// Pack one article with `packer` and the compressor `c` (made on first use).
fn pack_one<'p>(packer: &'p Arc<Packer>, c: &mut Option<Compressor<'p>>, a: Article) -> Packed {
    let small = (|| {
        let encoded = postcard::to_stdvec(&a).ok()?;
        let c = match c {
            Some(c) => c,
            None => c.insert(packer.compressor().ok()?),
        };
        Some(Packed::Small {
            packer: Arc::clone(packer),
            raw: u32::try_from(encoded.len()).ok()?,
            bytes: c.compress(&encoded).ok()?.into_boxed_slice(),
        })
    })();
    small.unwrap_or_else(|| Packed::Whole(Arc::new(a)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pack_all(packer: &Arc<Packer>, articles: Vec<Article>) -> Vec<Packed> {
        let n = articles.len();
        pack_new(packer, articles, vec![None; n])
    }

    fn story(n: usize) -> Article {
        let body = vec![
            format!("SEOUL (Reuters) – South Korea and Japan held talks on day {n} of the month."),
            format!(
                "Officials said {} ships and {} aircraft took part in the drills, Yonhap reported.",
                n * 7 % 13,
                n * 3 % 11
            ),
            "Reporting by Hyonhee Shin; Editing by Clarence Fernandez".to_owned(),
        ];
        Article::sample(
            &format!("{n:04}"),
            &format!("Talks resume, round {n}"),
            "Reuters",
            Some("2019-11-23"),
            body,
        )
    }

    #[test]
    fn a_packed_article_unpacks_to_the_same_article_with_or_without_a_dictionary() {
        let articles: Vec<Article> = (0..300).map(story).collect();
        for packer in [Packer::plain(), Packer::trained(&articles)] {
            let packer = Arc::new(packer);
            let kept = pack_all(&packer, articles.clone());
            assert_eq!(kept.len(), articles.len());
            for (p, a) in kept.iter().zip(&articles) {
                assert!(matches!(p, Packed::Small { .. }), "{p:?}");
                assert_eq!(*p.unpack().unwrap(), *a);
            }
        }
    }

    #[test]
    fn a_trained_dictionary_packs_an_archive_smaller_than_none() {
        let articles: Vec<Article> = (0..300).map(story).collect();
        let trained = Arc::new(Packer::trained(&articles));
        assert!(trained.has_dictionary());
        let size = |p: &Arc<Packer>| -> usize {
            pack_all(p, articles.clone()).iter().map(Packed::size).sum()
        };
        let (plain, small) = (size(&Arc::new(Packer::plain())), size(&trained));
        assert!(
            small * 2 < plain,
            "{small} against {plain} without a dictionary"
        );
    }

    #[test]
    fn too_few_samples_give_a_packer_without_a_dictionary() {
        let articles: Vec<Article> = (0..MIN_SAMPLES - 1).map(story).collect();
        assert!(!Packer::trained(&articles).has_dictionary());
        assert!(!Packer::trained::<Article>(&[]).has_dictionary());
    }

    #[test]
    fn damaged_bytes_are_an_error_not_a_panic() {
        let plain = Arc::new(Packer::plain());
        let mut kept = pack_all(&plain, vec![story(1)]);
        // One flipped bit in the compressed text, then put back.
        let flip = |kept: &mut Vec<Packed>| {
            let Packed::Small { bytes, .. } = &mut kept[0] else {
                panic!("packed");
            };
            let at = bytes.len() - 7;
            bytes[at] ^= 0x10;
        };
        flip(&mut kept);
        assert!(kept[0].unpack().is_err());
        flip(&mut kept);
        assert!(kept[0].unpack().is_ok());
        let Packed::Small { raw, .. } = &mut kept[0] else {
            panic!("packed");
        };
        *raw = 3;
        assert!(kept[0].unpack().is_err());
    }
}
