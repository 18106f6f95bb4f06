//! SHA-256, SHA-384 and SHA-512, [FIPS 180-4] (Secure Hash Standard).
//!
//! Streaming hashers ([`Sha256`], [`Sha384`], [`Sha512`]: `new`, `update`,
//! `finalize`) and one-shot `digest` functions, without allocation. Each
//! hasher is `Copy`: a state cloned after absorbing whole blocks is how HMAC
//! keeps its precomputed key (RFC 2104 §4).
//!
//! Messages are whole bytes: bit-oriented lengths (FIPS 180-4 allows any
//! number of bits) are deliberately unsupported. A message may be up to
//! 2^64 - 1 bits (SHA-256) or 2^128 - 1 bits (SHA-384/512) long (§1); the
//! length field wraps past that instead of panicking.
//!
//! `update` hands every whole block of a long input to the compression
//! function in one call, straight from the caller's slice; only a partial
//! block is copied into the internal buffer. Each hasher chooses its
//! compression once, when it is created, and carries the choice
//! (`Backend256` in `Sha256::new`, `Backend512` in `Sha384::new` and
//! `Sha512::new`), so HMAC's precomputed key states never ask the CPU
//! again: on x86_64 the SHA extensions for SHA-256 and an AVX2 message
//! schedule for SHA-384/512 when the CPU has them (`src/cpu/`, the crate's
//! one folder of `unsafe` code), else the portable code.
//! `--cfg barejwt_portable` forces the portable code.
//!
//! | file | what |
//! | --- | --- |
//! | `mod.rs` | the hashers, [`HashFunction`], the block buffer and padding, the backend choice |
//! | `constants.rs` | H^(0) and K for both widths, each written once (§4.2, §5.3) |
//! | `soft256.rs` | the portable SHA-256 compression (§6.2.2) |
//! | `soft512.rs` | the portable SHA-384/512 compression (§6.4.2) |
//! | `soft_rounds.rs` | the unrolled round both portable compressions share |
//! | `reference.rs` | tests only: the plain §6.2.2 / §6.4.2 loops, the vector reader |
//! | `tests.rs` | tests: vectors through every backend, backends against each other |
//!
//! [FIPS 180-4]: https://nvlpubs.nist.gov/nistpubs/FIPS/NIST.FIPS.180-4.pdf

pub(crate) mod constants;
#[cfg(test)]
mod reference;
mod soft256;
mod soft512;
mod soft_rounds;
#[cfg(test)]
mod tests;

#[cfg(target_arch = "x86_64")]
use crate::cpu;
use constants::{H256, H384, H512};
use core::fmt;

/// A hash function of the SHA-2 family, as HMAC ([`crate::hmac`]) needs it.
///
/// Implemented by [`Sha256`], [`Sha384`] and [`Sha512`].
pub trait HashFunction: Clone {
    /// Input block size in bytes (B in RFC 2104).
    const BLOCK_LEN: usize;
    /// Digest size in bytes (L in RFC 2104).
    const OUTPUT_LEN: usize;
    /// The digest, `[u8; OUTPUT_LEN]`.
    type Output: AsRef<[u8]> + Copy + Eq + fmt::Debug;

    /// A hasher in its initial state.
    fn new() -> Self;
    /// Absorbs `data`.
    fn update(&mut self, data: &[u8]);
    /// Pads the message and returns its digest.
    fn finalize(self) -> Self::Output;

    /// The digest of `data` in one call.
    fn digest(data: &[u8]) -> Self::Output
    where
        Self: Sized,
    {
        let mut hasher = Self::new();
        hasher.update(data);
        hasher.finalize()
    }

    /// The digest of what this hasher has absorbed followed by `data`,
    /// leaving the hasher as it was: `{ let mut h = self.clone();
    /// h.update(data); h.finalize() }`, which is what it does unless a
    /// hash has a shorter path (SHA-256: see [`Sha256::digest_after`]).
    fn digest_after(&self, data: &[u8]) -> Self::Output {
        let mut hasher = self.clone();
        hasher.update(data);
        hasher.finalize()
    }
}

/// The SHA-256 compression a hasher runs, chosen once when it is created
/// and carried in it, so HMAC's precomputed key states (RFC 2104 §4) never
/// ask the CPU again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Backend256 {
    /// `soft256.rs`: plain Rust, on every target.
    Portable,
    /// `src/cpu/x86_sha256.rs`: the SHA extensions; the witness proves the
    /// CPU has them.
    #[cfg(target_arch = "x86_64")]
    ShaNi(cpu::ShaNi),
}

impl Backend256 {
    /// The SHA extensions when the CPU has them (and `--cfg
    /// barejwt_portable` is not set), else the portable code.
    #[inline]
    pub(crate) fn detect() -> Self {
        #[cfg(target_arch = "x86_64")]
        if let Some(sha_ni) = cpu::ShaNi::detect() {
            return Backend256::ShaNi(sha_ni);
        }
        Backend256::Portable
    }

    /// Every backend this CPU can run, portable first: the tests run each
    /// vector through each of them.
    #[cfg(test)]
    pub(crate) fn available() -> alloc::vec::Vec<Self> {
        let mut backends = alloc::vec![Backend256::Portable];
        let detected = Backend256::detect();
        if detected != Backend256::Portable {
            backends.push(detected);
        }
        backends
    }

    /// Compresses every whole 64-byte block of `blocks` into `state`.
    #[inline]
    fn compress(self, state: &mut [u32; 8], blocks: &[u8]) {
        match self {
            Backend256::Portable => soft256::compress256(state, blocks),
            #[cfg(target_arch = "x86_64")]
            Backend256::ShaNi(sha_ni) => sha_ni.compress256(state, blocks),
        }
    }
}

/// The SHA-384/512 compression a hasher runs, chosen once when it is
/// created and carried in it, like [`Backend256`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Backend512 {
    /// `soft512.rs`: plain Rust, on every target.
    Portable,
    /// `src/cpu/x86_sha512.rs`: the message schedule on AVX2 (x86 has no
    /// SHA-512 instructions here); the witness proves the CPU has AVX2 and
    /// BMI2.
    #[cfg(target_arch = "x86_64")]
    Avx2(cpu::Avx2),
}

impl Backend512 {
    /// The AVX2 schedule when the CPU has it (and `--cfg
    /// barejwt_portable` is not set), else the portable code.
    #[inline]
    pub(crate) fn detect() -> Self {
        #[cfg(target_arch = "x86_64")]
        if let Some(avx2) = cpu::Avx2::detect() {
            return Backend512::Avx2(avx2);
        }
        Backend512::Portable
    }

    /// Every backend this CPU can run, portable first: the tests run each
    /// vector through each of them.
    #[cfg(test)]
    pub(crate) fn available() -> alloc::vec::Vec<Self> {
        let mut backends = alloc::vec![Backend512::Portable];
        let detected = Backend512::detect();
        if detected != Backend512::Portable {
            backends.push(detected);
        }
        backends
    }

    /// Compresses every whole 128-byte block of `blocks` into `state`.
    #[inline]
    fn compress(self, state: &mut [u64; 8], blocks: &[u8]) {
        match self {
            Backend512::Portable => soft512::compress512(state, blocks),
            #[cfg(target_arch = "x86_64")]
            Backend512::Avx2(avx2) => avx2.compress512(state, blocks),
        }
    }
}

/// The partial block not yet compressed: `bytes[..len]`, `len < B`.
#[derive(Clone, Copy)]
struct BlockBuffer<const B: usize> {
    bytes: [u8; B],
    len: usize,
}

impl<const B: usize> BlockBuffer<B> {
    const EMPTY: Self = BlockBuffer {
        bytes: [0; B],
        len: 0,
    };

    /// Absorbs `data`, calling `compress` with whole blocks only: first the
    /// buffer once it fills, then every whole block of `data` in one call,
    /// straight from `data`. Keeps the rest (under one block).
    #[inline]
    fn absorb(&mut self, data: &[u8], mut compress: impl FnMut(&[u8])) {
        let mut data = data;
        if self.len > 0 {
            let take = (B - self.len).min(data.len());
            let (head, rest) = data.split_at(take);
            if let Some(dst) = self.bytes.get_mut(self.len..self.len + take) {
                dst.copy_from_slice(head);
            }
            self.len += take;
            if self.len < B {
                return;
            }
            compress(&self.bytes);
            self.len = 0;
            data = rest;
        }
        let (blocks, tail) = data.split_at(data.len() - data.len() % B);
        if !blocks.is_empty() {
            compress(blocks);
        }
        if let Some(dst) = self.bytes.get_mut(..tail.len()) {
            dst.copy_from_slice(tail);
        }
        self.len = tail.len();
    }

    /// Pads the message, FIPS 180-4 §5.1.1 (SHA-256) / §5.1.2 (SHA-384/512):
    /// a 1 bit, then zeros up to the last `length_be.len()` bytes of a block
    /// (8 or 16), which hold the message length in bits, big-endian. One
    /// block, or two when fewer than `1 + length_be.len()` bytes were free.
    fn pad(mut self, length_be: &[u8], mut compress: impl FnMut(&[u8])) {
        let length_at = B - length_be.len();
        let mut zeros_from = self.len + 1;
        if let Some(one_bit) = self.bytes.get_mut(self.len) {
            *one_bit = 0x80;
        }
        if zeros_from > length_at {
            // No room for the length: finish this block, start a zero block.
            if let Some(rest) = self.bytes.get_mut(zeros_from..) {
                rest.fill(0);
            }
            compress(&self.bytes);
            zeros_from = 0;
        }
        if let Some(zeros) = self.bytes.get_mut(zeros_from..length_at) {
            zeros.fill(0);
        }
        if let Some(field) = self.bytes.get_mut(length_at..) {
            field.copy_from_slice(length_be);
        }
        compress(&self.bytes);
    }
}

/// Streaming SHA-256 (FIPS 180-4 §6.2).
///
/// ```
/// use barejwt::sha2::Sha256;
///
/// let mut hasher = Sha256::new();
/// hasher.update(b"a");
/// hasher.update(b"bc");
/// assert_eq!(hasher.finalize(), Sha256::digest(b"abc"));
/// ```
#[derive(Clone, Copy)]
pub struct Sha256 {
    state: [u32; 8],
    backend: Backend256,
    buffer: BlockBuffer<64>,
    /// Bytes absorbed so far, modulo 2^64 (the length field holds bits).
    length: u64,
}

impl Sha256 {
    /// Block size in bytes (512 bits, FIPS 180-4 §1).
    pub const BLOCK_LEN: usize = 64;
    /// Digest size in bytes (256 bits).
    pub const OUTPUT_LEN: usize = 32;

    /// A hasher in the initial state H^(0) (§5.3.3).
    pub fn new() -> Self {
        Self::new_with_backend(Backend256::detect())
    }

    /// A hasher in the initial state that runs `backend`: the tests use it
    /// to check the portable code on CPUs that have the SHA extensions.
    pub(crate) fn new_with_backend(backend: Backend256) -> Self {
        Sha256 {
            state: H256,
            backend,
            buffer: BlockBuffer::EMPTY,
            length: 0,
        }
    }

    /// Absorbs `data`; may be called any number of times.
    pub fn update(&mut self, data: &[u8]) {
        self.length = self.length.wrapping_add(data.len() as u64);
        let (state, backend) = (&mut self.state, self.backend);
        self.buffer
            .absorb(data, |blocks| backend.compress(state, blocks));
    }

    /// Pads the message (§5.1.1) and returns the 32-byte digest (§6.2.2).
    pub fn finalize(self) -> [u8; 32] {
        let mut state = self.state;
        let bits = self.length.wrapping_mul(8).to_be_bytes();
        self.buffer
            .pad(&bits, |blocks| self.backend.compress(&mut state, blocks));
        let mut out = [0u8; 32];
        for (bytes, word) in out.chunks_exact_mut(4).zip(state) {
            bytes.copy_from_slice(&word.to_be_bytes());
        }
        out
    }

    /// The digest of what this hasher has absorbed followed by `data`,
    /// without changing the hasher: the short-message path of HMAC, whose
    /// precomputed states have absorbed exactly one block.
    ///
    /// When nothing is buffered (a whole number of blocks absorbed), the
    /// whole blocks of `data` are compressed straight from `data` and its
    /// tail is padded in place in one local two-block array (FIPS 180-4
    /// §5.1.1), so a message costs two calls of the compression: no copy of
    /// the hasher, no buffer. Otherwise it is `clone`, `update`, `finalize`.
    ///
    /// ```
    /// use barejwt::sha2::{HashFunction, Sha256};
    ///
    /// let mut prefix = Sha256::new();
    /// prefix.update(&[7u8; 64]);
    /// let mut whole = prefix;
    /// whole.update(b"message");
    /// assert_eq!(prefix.digest_after(b"message"), whole.finalize());
    /// ```
    pub fn digest_after(&self, data: &[u8]) -> [u8; 32] {
        if self.buffer.len != 0 {
            let mut hasher = *self;
            hasher.update(data);
            return hasher.finalize();
        }
        let mut state = self.state;
        let (blocks, tail) = data.split_at(data.len() - data.len() % 64);
        if !blocks.is_empty() {
            self.backend.compress(&mut state, blocks);
        }
        // The tail, the 1 bit, zeros, and the length in bits: one block, or
        // two when the tail leaves fewer than 9 bytes free (§5.1.1).
        let mut last = [0u8; 128];
        let used = if tail.len() + 9 <= 64 { 64 } else { 128 };
        if let Some(dst) = last.get_mut(..tail.len()) {
            dst.copy_from_slice(tail);
        }
        if let Some(one_bit) = last.get_mut(tail.len()) {
            *one_bit = 0x80;
        }
        let bits = self
            .length
            .wrapping_add(data.len() as u64)
            .wrapping_mul(8)
            .to_be_bytes();
        if let Some(field) = last.get_mut(used - 8..used) {
            field.copy_from_slice(&bits);
        }
        self.backend
            .compress(&mut state, last.get(..used).unwrap_or_default());
        let mut out = [0u8; 32];
        for (bytes, word) in out.chunks_exact_mut(4).zip(state) {
            bytes.copy_from_slice(&word.to_be_bytes());
        }
        out
    }

    /// The SHA-256 digest of `data`.
    ///
    /// ```
    /// use barejwt::sha2::Sha256;
    ///
    /// // FIPS 180-2 Appendix B.1
    /// let digest = Sha256::digest(b"abc");
    /// assert_eq!(digest[..4], [0xba, 0x78, 0x16, 0xbf]);
    /// ```
    pub fn digest(data: &[u8]) -> [u8; 32] {
        let mut hasher = Sha256::new();
        hasher.update(data);
        hasher.finalize()
    }
}

/// The SHA-512 machinery shared by SHA-384 and SHA-512 (§6.4, §6.5),
/// which differ only in H^(0) and in how much of the result they keep.
#[derive(Clone, Copy)]
struct Engine512 {
    state: [u64; 8],
    backend: Backend512,
    buffer: BlockBuffer<128>,
    /// Bytes absorbed so far (the length field holds bits, 128 of them).
    length: u128,
}

impl Engine512 {
    fn new(initial: [u64; 8], backend: Backend512) -> Self {
        Engine512 {
            state: initial,
            backend,
            buffer: BlockBuffer::EMPTY,
            length: 0,
        }
    }

    fn update(&mut self, data: &[u8]) {
        self.length = self.length.wrapping_add(data.len() as u128);
        let (state, backend) = (&mut self.state, self.backend);
        self.buffer
            .absorb(data, |blocks| backend.compress(state, blocks));
    }

    /// Pads (§5.1.2) and returns the full 64-byte result H^(N).
    fn finalize(self) -> [u8; 64] {
        let mut state = self.state;
        let bits = self.length.wrapping_mul(8).to_be_bytes();
        self.buffer
            .pad(&bits, |blocks| self.backend.compress(&mut state, blocks));
        let mut out = [0u8; 64];
        for (bytes, word) in out.chunks_exact_mut(8).zip(state) {
            bytes.copy_from_slice(&word.to_be_bytes());
        }
        out
    }
}

/// Streaming SHA-384 (FIPS 180-4 §6.5): SHA-512 from another H^(0),
/// truncated to its leftmost 384 bits.
///
/// ```
/// use barejwt::sha2::Sha384;
///
/// let digest = Sha384::digest(b"abc"); // FIPS 180-2 Appendix D.1
/// assert_eq!(digest[..4], [0xcb, 0x00, 0x75, 0x3f]);
/// ```
#[derive(Clone, Copy)]
pub struct Sha384 {
    engine: Engine512,
}

impl Sha384 {
    /// Block size in bytes (1024 bits).
    pub const BLOCK_LEN: usize = 128;
    /// Digest size in bytes (384 bits).
    pub const OUTPUT_LEN: usize = 48;

    /// A hasher in the initial state H^(0) (§5.3.4).
    pub fn new() -> Self {
        Self::new_with_backend(Backend512::detect())
    }

    /// A hasher in the initial state that runs `backend`: the tests use it
    /// to check the portable code on CPUs that have AVX2.
    pub(crate) fn new_with_backend(backend: Backend512) -> Self {
        Sha384 {
            engine: Engine512::new(H384, backend),
        }
    }

    /// Absorbs `data`; may be called any number of times.
    pub fn update(&mut self, data: &[u8]) {
        self.engine.update(data);
    }

    /// Pads the message (§5.1.2) and returns the 48-byte digest (§6.5).
    pub fn finalize(self) -> [u8; 48] {
        let full = self.engine.finalize();
        let mut out = [0u8; 48];
        out.copy_from_slice(full.get(..48).unwrap_or_default());
        out
    }

    /// The SHA-384 digest of `data`.
    pub fn digest(data: &[u8]) -> [u8; 48] {
        let mut hasher = Sha384::new();
        hasher.update(data);
        hasher.finalize()
    }
}

/// Streaming SHA-512 (FIPS 180-4 §6.4).
///
/// ```
/// use barejwt::sha2::Sha512;
///
/// let digest = Sha512::digest(b"abc"); // FIPS 180-2 Appendix C.1
/// assert_eq!(digest[..4], [0xdd, 0xaf, 0x35, 0xa1]);
/// ```
#[derive(Clone, Copy)]
pub struct Sha512 {
    engine: Engine512,
}

impl Sha512 {
    /// Block size in bytes (1024 bits).
    pub const BLOCK_LEN: usize = 128;
    /// Digest size in bytes (512 bits).
    pub const OUTPUT_LEN: usize = 64;

    /// A hasher in the initial state H^(0) (§5.3.5).
    pub fn new() -> Self {
        Self::new_with_backend(Backend512::detect())
    }

    /// A hasher in the initial state that runs `backend`: the tests use it
    /// to check the portable code on CPUs that have AVX2.
    pub(crate) fn new_with_backend(backend: Backend512) -> Self {
        Sha512 {
            engine: Engine512::new(H512, backend),
        }
    }

    /// Absorbs `data`; may be called any number of times.
    pub fn update(&mut self, data: &[u8]) {
        self.engine.update(data);
    }

    /// Pads the message (§5.1.2) and returns the 64-byte digest (§6.4.2).
    pub fn finalize(self) -> [u8; 64] {
        self.engine.finalize()
    }

    /// The SHA-512 digest of `data`.
    pub fn digest(data: &[u8]) -> [u8; 64] {
        let mut hasher = Sha512::new();
        hasher.update(data);
        hasher.finalize()
    }
}

/// `Default`, `Debug` and [`HashFunction`] for the three hashers. `Debug`
/// prints no state: inside HMAC the state is derived from the key.
macro_rules! impl_common {
    ($name:ident, $out:expr) => {
        impl_common!($name, $out, {});
    };
    ($name:ident, $out:expr, { $($more:item)* }) => {
        impl Default for $name {
            fn default() -> Self {
                $name::new()
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct(stringify!($name)).finish_non_exhaustive()
            }
        }

        impl HashFunction for $name {
            const BLOCK_LEN: usize = $name::BLOCK_LEN;
            const OUTPUT_LEN: usize = $name::OUTPUT_LEN;
            type Output = [u8; $out];

            fn new() -> Self {
                $name::new()
            }

            fn update(&mut self, data: &[u8]) {
                $name::update(self, data);
            }

            fn finalize(self) -> [u8; $out] {
                $name::finalize(self)
            }

            $($more)*
        }
    };
}

impl_common!(Sha256, 32, {
    fn digest_after(&self, data: &[u8]) -> [u8; 32] {
        Sha256::digest_after(self, data)
    }
});
impl_common!(Sha384, 48);
impl_common!(Sha512, 64);
