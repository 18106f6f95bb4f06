//! CPU-specific code: the one folder of the crate where `unsafe` is allowed.
//!
//! The crate root denies `unsafe_code`; the attribute below allows it in
//! this module and its files, and nowhere else. Everything here is an
//! optional accelerated version of a function that also exists in portable
//! Rust elsewhere in the crate; the portable one stays the reference the
//! accelerated one is tested against, and is what runs when the CPU lacks
//! the features or when the crate is built with `--cfg barejwt_portable`.
//!
//! | file | witness | features | computes | chosen by |
//! | --- | --- | --- | --- | --- |
//! | `x86_sha256.rs` | `ShaNi` | SHA, SSE2, SSSE3, SSE4.1 | SHA-256 compression, FIPS 180-4 §6.2.2 | `crypto::sha2::Backend256` |
//! | `x86_sha512.rs` | `Avx2` | AVX2, BMI2 | SHA-384/512 compression, §6.4.2 (schedule on AVX2) | `crypto::sha2::Backend512` |
//! | `x86_base64url.rs` | `Avx2Base64` | AVX2 | base64url decode and encode of whole 32-character blocks, RFC 4648 §5 | `base64url::Backend` |
//!
//! All are x86_64 only: on other targets this module is empty.
//!
//! # The rules
//!
//! 1. **One backend, one file**, named `<arch>_<what>.rs`, declared below
//!    behind its `#[cfg(target_arch = "...")]`.
//! 2. The work is a **private `#[target_feature(enable = "...")]`
//!    function** (`unsafe fn`, with a `# Safety` section naming the
//!    features and every memory access it makes). Memory is reached only
//!    through slices cut by `chunks_exact`, so each load or store covers a
//!    piece whose length is the register's; there is no pointer arithmetic.
//! 3. A **zero-sized witness type with a private field** (`struct ShaNi {
//!    _private: () }`): no code outside its file can build one, and its
//!    `detect() -> Option<Self>` makes one only after the check has passed.
//!    With the `std` feature that check is `std::is_x86_feature_detected!`
//!    on every feature the function enables (std asks CPUID once and caches
//!    the answer, so `detect` is a few loads); without `std` it is the
//!    build's compile-time promise, `cfg!(all(target_feature = "..."))`.
//!    Under `--cfg barejwt_portable`, `detect` answers `None` first (for
//!    debugging and for Miri, which cannot run these instructions).
//! 4. A **safe method on the witness** holds the single `unsafe` call of
//!    that function, with a `// SAFETY:` comment: the witness proves the
//!    features, and the slices bound the memory. Every other `unsafe` block
//!    (a load, a store, a call between `#[target_feature]` functions) has
//!    its own `// SAFETY:` comment too.
//! 5. The caller **chooses once**: a `Backend` enum (`Portable`, or a
//!    variant carrying the witness) picked by `detect()` where the work
//!    starts (for the hashers, in `new`) and carried from there, so a
//!    hot loop or a precomputed HMAC key never asks the CPU again.
//! 6. A backend may read the constant tables of the algorithm it computes
//!    (`crate::crypto::sha2::constants`), and nothing else of the crate.
//!
//! # How to add a backend
//!
//! For instance a SIMD base64url decoder (RFC 4648 §5) on AVX2:
//!
//! 1. Write `src/cpu/x86_base64url.rs` and declare it below with
//!    `#[cfg(target_arch = "x86_64")] mod x86_base64url;` and a
//!    `pub(crate) use x86_base64url::Avx2Base64;` beside the others.
//! 2. In it, the private `#[target_feature(enable = "avx2")] unsafe fn`
//!    with the same contract as the portable function it stands for
//!    (same arguments, same result, same errors at the same offsets),
//!    handing whatever tail its registers cannot cover to the caller or to
//!    the portable code.
//! 3. The witness, copied from `x86_sha512.rs`'s `Avx2`: private field,
//!    `detect()` with the `barejwt_portable` check first, then the std and
//!    the no-std arms naming exactly the features of step 2.
//! 4. The safe `#[inline]` method on the witness with the single `unsafe`
//!    call and its `// SAFETY:` comment.
//! 5. In the caller (`src/base64url.rs`), a `Backend` enum chosen once by
//!    `detect()`, with an `available()` list (portable first) for tests.
//!    The portable code stays as it is.
//! 6. Tests: in the backend file, that `detect()` follows the CPU and the
//!    `barejwt_portable` flag (see the two here); in the caller, every
//!    vector through every available backend, the backend against the
//!    portable code on random inputs of every length near its register
//!    width, and one line on stderr when the backend is absent, never a
//!    silent pass.
//! 7. Check: `cargo test`, the same with `RUSTFLAGS="--cfg
//!    barejwt_portable"`, and `grep -rn unsafe src` still shows `unsafe`
//!    code under `src/cpu/` only; add a row to the table above.
// The one exception to the crate root's `deny(unsafe_code)`; see above.
#![allow(unsafe_code)]

#[cfg(target_arch = "x86_64")]
mod x86_base64url;
#[cfg(target_arch = "x86_64")]
mod x86_sha256;
#[cfg(target_arch = "x86_64")]
mod x86_sha512;

#[cfg(target_arch = "x86_64")]
pub(crate) use x86_base64url::Avx2Base64;
#[cfg(target_arch = "x86_64")]
pub(crate) use x86_sha256::ShaNi;
#[cfg(target_arch = "x86_64")]
pub(crate) use x86_sha512::Avx2;
