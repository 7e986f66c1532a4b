//! The word key shared by the word splitter, the lexicon lookup and the
//! build script that lays out the lexicon table (`build.rs` includes this
//! file): one definition, so the table and the lookups agree.

/// A 15-bit hash of a lowercase word's first two bytes, last byte and
/// length; 0 for the empty word.
#[inline]
pub(crate) fn word_key(w: &[u8]) -> u16 {
    let (Some(&first), Some(&last)) = (w.first(), w.last()) else {
        return 0;
    };
    let second = w.get(1).copied().unwrap_or(0);
    let h = (u32::from(first) << 16 | u32::from(second) << 8 | u32::from(last))
        .wrapping_add((w.len() as u32) << 24)
        .wrapping_mul(0x9E37_79B1);
    (h >> 17) as u16
}
