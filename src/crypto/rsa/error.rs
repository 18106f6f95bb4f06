//! [`RsaError`]: every rule a key or a signature can break, named, with the
//! section that states it.

use core::fmt;

use crate::crypto::rand::RandomError;

/// Why an RSA key was refused, a signature did not verify, or signing
/// failed.
///
/// [`RsaError::is_key_error`] and [`RsaError::is_signature_error`] sort the
/// variants the way the JOSE layer maps them (`invalid_key`,
/// `invalid_signature`); the rest ([`RsaError::Random`],
/// [`RsaError::KeyGenerationFailed`], [`RsaError::Fault`]) are failures of
/// an operation, not of its input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum RsaError {
    /// The modulus is outside 2048 to 8192 bits.
    ModulusSize {
        /// Its bit length.
        bits: usize,
    },
    /// The modulus is even.
    ModulusEven,
    /// The public exponent is even.
    ExponentEven,
    /// The public exponent is below 3 or at least 2^33.
    ExponentRange,
    /// p·q ≠ n, or p or q is not above 1.
    PrimesProduct,
    /// d is not strictly between 0 and n.
    PrivateExponentRange,
    /// d·e ≢ 1 (mod lcm(p − 1, q − 1)).
    PrivateExponentInverse,
    /// dp ≠ d mod (p − 1).
    CrtExponentP,
    /// dq ≠ d mod (q − 1).
    CrtExponentQ,
    /// qi ≠ q⁻¹ mod p.
    CrtCoefficient,
    /// Key generation was asked for a size other than 2048, 3072 or 4096.
    GenerationSize {
        /// The size asked for.
        bits: usize,
    },
    /// The signature is not exactly the modulus's length in octets.
    SignatureLength {
        /// The modulus's length in octets.
        expected: usize,
        /// The signature's.
        actual: usize,
    },
    /// The signature, as an integer, is not below the modulus.
    SignatureRange,
    /// The recovered message is not the one EMSA-PKCS1-v1_5 encoding.
    Pkcs1Encoding,
    /// EMSA-PSS: the recovered integer does not fit in emLen octets.
    PssIntegerTooLarge,
    /// EMSA-PSS: emLen < hLen + sLen + 2.
    PssTooShort,
    /// EMSA-PSS: the rightmost octet is not 0xbc.
    PssTrailer,
    /// EMSA-PSS: the leftmost 8·emLen − emBits bits are not zero.
    PssLeftmostBits,
    /// EMSA-PSS: DB does not start with zero octets then 0x01.
    PssPadding,
    /// EMSA-PSS: H ≠ Hash(M').
    PssHash,
    /// The random source failed, or gave no usable value in many tries.
    Random(RandomError),
    /// No probable prime was found within the candidates allowed.
    KeyGenerationFailed,
    /// A signature failed its check against the public key before release
    /// (a fault in the computation, or a key whose factors are not prime);
    /// nothing was output.
    Fault,
}

impl RsaError {
    /// Whether the key is unusable (the contract's "Unusable keys": the
    /// JOSE layer's `invalid_key`).
    pub fn is_key_error(&self) -> bool {
        matches!(
            self,
            RsaError::ModulusSize { .. }
                | RsaError::ModulusEven
                | RsaError::ExponentEven
                | RsaError::ExponentRange
                | RsaError::PrimesProduct
                | RsaError::PrivateExponentRange
                | RsaError::PrivateExponentInverse
                | RsaError::CrtExponentP
                | RsaError::CrtExponentQ
                | RsaError::CrtCoefficient
                | RsaError::GenerationSize { .. }
        )
    }

    /// Whether a signature does not verify (the JOSE layer's
    /// `invalid_signature`).
    pub fn is_signature_error(&self) -> bool {
        matches!(
            self,
            RsaError::SignatureLength { .. }
                | RsaError::SignatureRange
                | RsaError::Pkcs1Encoding
                | RsaError::PssIntegerTooLarge
                | RsaError::PssTooShort
                | RsaError::PssTrailer
                | RsaError::PssLeftmostBits
                | RsaError::PssPadding
                | RsaError::PssHash
        )
    }
}

impl From<RandomError> for RsaError {
    fn from(e: RandomError) -> RsaError {
        RsaError::Random(e)
    }
}

impl fmt::Display for RsaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RsaError::ModulusSize { bits } => write!(
                f,
                "the RSA modulus is {bits} bits; 2048 to 8192 are accepted (RFC 7518 §3.3)"
            ),
            RsaError::ModulusEven => f.write_str(
                "the RSA modulus is even; it must be a product of odd primes (RFC 8017 §3.1)",
            ),
            RsaError::ExponentEven => {
                f.write_str("the RSA public exponent is even; it must be odd (RFC 8017 §3.1)")
            }
            RsaError::ExponentRange => f.write_str(
                "the RSA public exponent is below 3 or at least 2^33 (RFC 8017 §3.1 sets 3 as the least; 2^33 is this library's cap)",
            ),
            RsaError::PrimesProduct => f.write_str(
                "the RSA primes do not multiply to the modulus: p·q = n with p, q > 1 is required (RFC 8017 §3.2)",
            ),
            RsaError::PrivateExponentRange => f.write_str(
                "the RSA private exponent d is not between 0 and n exclusive (RFC 8017 §3.2)",
            ),
            RsaError::PrivateExponentInverse => f.write_str(
                "the RSA private exponent does not invert e: d·e ≡ 1 (mod lcm(p − 1, q − 1)) is required (RFC 8017 §3.2)",
            ),
            RsaError::CrtExponentP => f.write_str(
                "the RSA CRT exponent dp is not d mod (p − 1) (RFC 8017 §3.2)",
            ),
            RsaError::CrtExponentQ => f.write_str(
                "the RSA CRT exponent dq is not d mod (q − 1) (RFC 8017 §3.2)",
            ),
            RsaError::CrtCoefficient => f.write_str(
                "the RSA CRT coefficient qi is not q⁻¹ mod p (RFC 8017 §3.2)",
            ),
            RsaError::GenerationSize { bits } => write!(
                f,
                "RSA keys are generated at 2048, 3072 or 4096 bits, not {bits} (FIPS 186-5 §A.1.3)"
            ),
            RsaError::SignatureLength { expected, actual } => write!(
                f,
                "the RSA signature is {actual} octets; it must be the modulus length, {expected} (RFC 8017 §8.2.2 step 1)"
            ),
            RsaError::SignatureRange => f.write_str(
                "the RSA signature, as an integer, is not below the modulus (RFC 8017 §5.2.2 step 1)",
            ),
            RsaError::Pkcs1Encoding => f.write_str(
                "the recovered message is not the EMSA-PKCS1-v1_5 encoding of the message's hash (RFC 8017 §8.2.2 step 4, §9.2)",
            ),
            RsaError::PssIntegerTooLarge => f.write_str(
                "the recovered RSA-PSS integer does not fit in emLen octets (RFC 8017 §8.1.2 step 2c)",
            ),
            RsaError::PssTooShort => f.write_str(
                "the RSA-PSS encoded message is shorter than hLen + sLen + 2 (RFC 8017 §9.1.2 step 3)",
            ),
            RsaError::PssTrailer => f.write_str(
                "the RSA-PSS encoded message does not end in 0xbc (RFC 8017 §9.1.2 step 4)",
            ),
            RsaError::PssLeftmostBits => f.write_str(
                "the leftmost bits of the RSA-PSS masked DB are not zero (RFC 8017 §9.1.2 step 6)",
            ),
            RsaError::PssPadding => f.write_str(
                "the RSA-PSS DB is not zero octets then 0x01 before a salt of the hash's length (RFC 8017 §9.1.2 step 10, RFC 7518 §3.5)",
            ),
            RsaError::PssHash => f.write_str(
                "the RSA-PSS hash H does not match Hash(M') (RFC 8017 §9.1.2 step 14)",
            ),
            RsaError::Random(e) => write!(f, "RSA: {e}"),
            RsaError::KeyGenerationFailed => f.write_str(
                "no probable prime was found within 5·nlen candidates (FIPS 186-5 §A.1.3)",
            ),
            RsaError::Fault => f.write_str(
                "the RSA signature failed its check against the public key and was not released (Boneh, DeMillo, Lipton 1997)",
            ),
        }
    }
}

#[cfg(feature = "std")]
impl std::error::Error for RsaError {}
