//! Base64url (RFC 4648 §5) on AVX2, x86_64: 32 characters to 24 bytes and
//! 24 bytes to 32 characters per step.
//!
//! Decoding classifies each character by its two nibbles, two table
//! lookups (`VPSHUFB`) whose AND is zero exactly for the 64 characters of
//! the alphabet, and adds the offset of its range, looked up by its high
//! nibble (Muła and Lemire, "Faster Base64 Encoding and Decoding using
//! AVX2 Instructions", ACM TWEB 12(3), 2018, §3.2, with tables for the
//! URL-safe alphabet). `VPMADDUBSW` and `VPMADDWD` pack four
//! sextets into 24 bits, `VPSHUFB` and `VPERMD` gather the 24 bytes.
//!
//! A block holding any character outside the alphabet is not decoded: the
//! function stops before it and the portable code, which knows the error
//! and its offset, takes over from there. So errors, their kinds and their
//! offsets are the portable code's by construction.
//!
//! Encoding is the reverse (§2 of the same paper): `VPSHUFB` spreads each
//! 3-byte group over a 32-bit lane, `VPMULHUW`/`VPMULLW` isolate the four
//! sextets, and a range test picks each sextet's offset to its character.
//!
//! The kinds of unsafe operation here (see `mod.rs` for the folder's rules):
//!
//! - calling the `#[target_feature]` functions at all, sound only on a CPU
//!   with AVX2; an [`Avx2Base64`] value is the proof, and the two calls sit
//!   in its methods with their `SAFETY` comments;
//! - the 32-byte loads and stores, each from or to a 32-byte array or a
//!   32-byte piece cut by `chunks_exact(32)`, so never past an end.

use core::arch::x86_64::{
    __m256i, _mm256_add_epi8, _mm256_and_si256, _mm256_blendv_epi8, _mm256_cmpeq_epi8,
    _mm256_cmpgt_epi8, _mm256_loadu_si256, _mm256_madd_epi16, _mm256_maddubs_epi16,
    _mm256_mulhi_epu16, _mm256_mullo_epi16, _mm256_or_si256, _mm256_permutevar8x32_epi32,
    _mm256_set1_epi32, _mm256_set1_epi8, _mm256_setr_epi32, _mm256_setr_epi8, _mm256_shuffle_epi8,
    _mm256_srli_epi32, _mm256_storeu_si256, _mm256_sub_epi8, _mm256_testz_si256,
};

/// Characters in one decoded block, bytes out of it.
pub(crate) const DECODE_IN: usize = 32;
/// Bytes of one decoded block.
pub(crate) const DECODE_OUT: usize = 24;

/// Proof that this CPU has AVX2.
///
/// Zero-sized; the private field means no code outside this file can
/// build one, so holding an `Avx2Base64` means [`Avx2Base64::detect`]
/// succeeded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Avx2Base64 {
    _private: (),
}

impl Avx2Base64 {
    /// `Some` only when the CPU has AVX2, the feature the functions here
    /// enable; always `None` under `--cfg barejwt_portable`. With `std` a
    /// run-time check (cached by std), without it the build's promise.
    #[inline]
    pub(crate) fn detect() -> Option<Avx2Base64> {
        if cfg!(barejwt_portable) {
            return None;
        }
        #[cfg(feature = "std")]
        let has_features = std::is_x86_feature_detected!("avx2");
        #[cfg(not(feature = "std"))]
        let has_features = cfg!(target_feature = "avx2");
        has_features.then_some(Avx2Base64 { _private: () })
    }

    /// Decodes whole blocks of 32 characters of `input` into 24 bytes each
    /// of `out`, in order, and stops at the first block holding a
    /// character outside the alphabet, or when either runs out; returns how
    /// many blocks were decoded. Up to 8 bytes of `out` past the last block
    /// written may be overwritten too (with bytes the caller then writes).
    #[inline]
    pub(crate) fn decode_blocks(self, input: &[u8], out: &mut [u8]) -> usize {
        // SAFETY: `self` exists, so `detect()` saw AVX2 on this CPU (or the
        // build requires it), the one feature `decode` enables. Its loads
        // read 32-byte pieces of `input.chunks_exact(32)` and its stores
        // write 32-byte pieces of `out` cut by `get_mut`, or a local array.
        unsafe { decode(input, out) }
    }

    /// Encodes whole blocks of 24 bytes of `input` into 32 characters each
    /// of `out`, in order, while both last; returns how many blocks were
    /// encoded. The caller encodes what is left.
    #[inline]
    pub(crate) fn encode_blocks(self, input: &[u8], out: &mut [u8]) -> usize {
        // SAFETY: as for `decode_blocks`: `self` proves AVX2, `encode`'s
        // loads read a local 32-byte array and its stores write 32-byte
        // pieces of `out.chunks_exact_mut(32)`.
        unsafe { encode(input, out) }
    }
}

/// Classifies and packs 32 characters; `None` when any is outside the
/// alphabet.
///
/// # Safety
///
/// The CPU must support AVX2. Register operations only.
#[inline]
#[target_feature(enable = "avx2")]
unsafe fn decode_vector(c: __m256i) -> Option<__m256i> {
    // Validity by the two nibbles (Muła and Lemire, §3.2.2, with tables for
    // the URL-safe alphabet): each high nibble has one class bit, and
    // LO[l] holds the bits of the classes in which low nibble l is not a
    // character; c is in the alphabet exactly when HI[h] & LO[l] == 0.
    //   class bit   high nibble   valid low nibbles   characters
    //   0x01        2             D                   -
    //   0x02        3             0-9                 0-9
    //   0x04        4, 6          1-F                 A-O, a-o
    //   0x08        5             0-A, F              P-Z, _
    //   0x10        7             0-A                 p-z
    //   0x20        0, 1, 8-F     none                (controls, bytes >= 0x80)
    let hi = _mm256_and_si256(_mm256_srli_epi32(c, 4), _mm256_set1_epi8(0x0f));
    let lo = _mm256_and_si256(c, _mm256_set1_epi8(0x0f));
    #[rustfmt::skip]
    let hi_class = _mm256_shuffle_epi8(
        _mm256_setr_epi8(
            0x20, 0x20, 0x01, 0x02, 0x04, 0x08, 0x04, 0x10, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
            0x20, 0x20, 0x01, 0x02, 0x04, 0x08, 0x04, 0x10, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
        ),
        hi,
    );
    #[rustfmt::skip]
    let lo_invalid = _mm256_shuffle_epi8(
        _mm256_setr_epi8(
            0x25, 0x21, 0x21, 0x21, 0x21, 0x21, 0x21, 0x21, 0x21, 0x21, 0x23, 0x3b, 0x3b, 0x3a, 0x3b, 0x33,
            0x25, 0x21, 0x21, 0x21, 0x21, 0x21, 0x21, 0x21, 0x21, 0x21, 0x23, 0x3b, 0x3b, 0x3a, 0x3b, 0x33,
        ),
        lo,
    );
    if _mm256_testz_si256(hi_class, lo_invalid) == 0 {
        return None;
    }
    // value = c + the offset of its range, chosen by the high nibble
    // (RFC 4648 Table 2, URL-safe): '-' +17, digits +4, A-Z -65, a-z -71;
    // '_' shares its high nibble with P-Z and takes -32 instead.
    #[rustfmt::skip]
    let by_hi = _mm256_shuffle_epi8(
        _mm256_setr_epi8(
            0, 0, 17, 4, -65, -65, -71, -71, 0, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 17, 4, -65, -65, -71, -71, 0, 0, 0, 0, 0, 0, 0, 0,
        ),
        hi,
    );
    let underscore = _mm256_cmpeq_epi8(c, _mm256_set1_epi8(b'_' as i8));
    let offsets = _mm256_blendv_epi8(by_hi, _mm256_set1_epi8(-32), underscore);
    let values = _mm256_add_epi8(c, offsets);
    // Pairs of sextets to 12 bits (a·64 + b), pairs of those to 24 bits.
    let pairs = _mm256_maddubs_epi16(values, _mm256_set1_epi32(0x0140_0140));
    let words = _mm256_madd_epi16(pairs, _mm256_set1_epi32(0x0001_1000));
    // Each 32-bit lane holds 24 bits, low byte first: take the three bytes
    // most significant first, twelve per 128-bit half...
    let bytes = _mm256_shuffle_epi8(
        words,
        _mm256_setr_epi8(
            2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1, //
            2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1,
        ),
    );
    // ...and the two halves' twelve side by side: 24 bytes in a row.
    Some(_mm256_permutevar8x32_epi32(
        bytes,
        _mm256_setr_epi32(0, 1, 2, 4, 5, 6, 3, 7),
    ))
}

/// See [`Avx2Base64::decode_blocks`].
///
/// # Safety
///
/// The CPU must support AVX2. Memory is read only from 32-byte pieces of
/// `input.chunks_exact(32)` and written only to 32-byte pieces of `out`
/// cut by `get_mut` and to the local `block`.
#[target_feature(enable = "avx2")]
unsafe fn decode(input: &[u8], out: &mut [u8]) -> usize {
    let blocks = (input.len() / DECODE_IN).min(out.len() / DECODE_OUT);
    let mut block = [0u8; 32];
    for (done, src) in input.chunks_exact(DECODE_IN).take(blocks).enumerate() {
        // SAFETY: `src` is 32 bytes long; the load is unaligned.
        let c = unsafe { _mm256_loadu_si256(src.as_ptr().cast()) };
        // SAFETY: AVX2 is enabled on this function, as on `decode_vector`.
        let Some(bytes) = (unsafe { decode_vector(c) }) else {
            return done;
        };
        let at = done * DECODE_OUT;
        match out.get_mut(at..at + 32) {
            // 32 bytes of room: store the register straight into `out`; its
            // last 8 bytes are overwritten by the next block or left as
            // garbage the portable tail overwrites (the caller's contract).
            Some(dst) => {
                // SAFETY: `dst` is 32 bytes long; the store is unaligned.
                unsafe { _mm256_storeu_si256(dst.as_mut_ptr().cast(), bytes) };
            }
            None => {
                // SAFETY: `block` is 32 bytes long; the store is unaligned.
                unsafe { _mm256_storeu_si256(block.as_mut_ptr().cast(), bytes) };
                if let (Some(dst), Some(src)) =
                    (out.get_mut(at..at + DECODE_OUT), block.get(..DECODE_OUT))
                {
                    dst.copy_from_slice(src);
                }
            }
        }
    }
    blocks
}

/// See [`Avx2Base64::encode_blocks`].
///
/// # Safety
///
/// The CPU must support AVX2. Memory is read only from the local `block`
/// and written only to 32-byte pieces of `out.chunks_exact_mut(32)`.
#[target_feature(enable = "avx2")]
unsafe fn encode(input: &[u8], out: &mut [u8]) -> usize {
    let mut done = 0;
    let mut block = [0u8; 32];
    for (src, dst) in input
        .chunks_exact(DECODE_OUT)
        .zip(out.chunks_exact_mut(DECODE_IN))
    {
        // The 24 bytes go to the two 128-bit halves, twelve each, at byte
        // 4 of each half (so the shuffle below reads bytes 4..16 of each).
        if let (Some(lo), Some(a)) = (block.get_mut(4..16), src.get(..12)) {
            lo.copy_from_slice(a);
        }
        if let (Some(hi), Some(b)) = (block.get_mut(20..32), src.get(12..24)) {
            hi.copy_from_slice(b);
        }
        // SAFETY: `block` is 32 bytes long; the load is unaligned.
        let v = unsafe { _mm256_loadu_si256(block.as_ptr().cast()) };
        // Each 32-bit lane gets one group of three bytes, as b1 b0 b2 b1
        // (low byte first), so the shifts below find the four sextets.
        let spread = _mm256_shuffle_epi8(
            v,
            _mm256_setr_epi8(
                5, 4, 6, 5, 8, 7, 9, 8, 11, 10, 12, 11, 14, 13, 15, 14, //
                5, 4, 6, 5, 8, 7, 9, 8, 11, 10, 12, 11, 14, 13, 15, 14,
            ),
        );
        let t0 = _mm256_and_si256(spread, _mm256_set1_epi32(0x0fc0_fc00));
        let t1 = _mm256_mulhi_epu16(t0, _mm256_set1_epi32(0x0400_0040));
        let t2 = _mm256_and_si256(spread, _mm256_set1_epi32(0x003f_03f0));
        let t3 = _mm256_mullo_epi16(t2, _mm256_set1_epi32(0x0100_0010));
        let sextets = _mm256_or_si256(t1, t3);
        // Sextet to character: 0–25 'A'.., 26–51 'a'.., 52–61 '0'..,
        // 62 '-', 63 '_' (RFC 4648 Table 2, URL-safe).
        let ge26 = _mm256_cmpgt_epi8(sextets, _mm256_set1_epi8(25));
        let ge52 = _mm256_cmpgt_epi8(sextets, _mm256_set1_epi8(51));
        let ge62 = _mm256_cmpgt_epi8(sextets, _mm256_set1_epi8(61));
        let ge63 = _mm256_cmpgt_epi8(sextets, _mm256_set1_epi8(62));
        // Offsets: 65 below 26; 71 for 26..52; -4 for 52..62; -17 for 62;
        // +32 for 63: each step adds the difference to the one before.
        let mut offset = _mm256_set1_epi8(65);
        offset = _mm256_add_epi8(offset, _mm256_and_si256(ge26, _mm256_set1_epi8(6)));
        offset = _mm256_sub_epi8(offset, _mm256_and_si256(ge52, _mm256_set1_epi8(75)));
        offset = _mm256_sub_epi8(offset, _mm256_and_si256(ge62, _mm256_set1_epi8(13)));
        offset = _mm256_add_epi8(offset, _mm256_and_si256(ge63, _mm256_set1_epi8(49)));
        let chars = _mm256_add_epi8(sextets, offset);
        // SAFETY: `dst` is 32 bytes long; the store is unaligned.
        unsafe { _mm256_storeu_si256(dst.as_mut_ptr().cast(), chars) };
        done += 1;
    }
    done
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detect_follows_the_cpu_and_the_portable_flag() {
        let expected = !cfg!(barejwt_portable) && std::is_x86_feature_detected!("avx2");
        if cfg!(feature = "std") {
            assert_eq!(Avx2Base64::detect().is_some(), expected);
        } else {
            assert!(Avx2Base64::detect().is_none() || expected);
        }
    }
}
