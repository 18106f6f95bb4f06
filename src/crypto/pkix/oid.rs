//! OBJECT IDENTIFIERs of key algorithms and curves, as DER contents octets
//! (compare with [`crate::crypto::der::Oid::as_bytes`]). A test prints each
//! in dotted decimal against the value its RFC gives.

// Key algorithms read.

/// rsaEncryption, 1.2.840.113549.1.1.1 (RFC 8017 A.1, RFC 3279 §2.3.1).
pub const RSA_ENCRYPTION: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];
/// id-ecPublicKey, 1.2.840.10045.2.1 (RFC 5480 §2.1.1).
pub const EC_PUBLIC_KEY: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];
/// id-Ed25519, 1.3.101.112 (RFC 8410 §3).
pub const ED25519: &[u8] = &[0x2b, 0x65, 0x70];

// Named curves read (RFC 5480 §2.1.1.1; SEC 2 §A.2 for secp256k1).

/// secp256r1 / prime256v1 (P-256), 1.2.840.10045.3.1.7.
pub const PRIME256V1: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
/// secp384r1 (P-384), 1.3.132.0.34.
pub const SECP384R1: &[u8] = &[0x2b, 0x81, 0x04, 0x00, 0x22];
/// secp521r1 (P-521), 1.3.132.0.35.
pub const SECP521R1: &[u8] = &[0x2b, 0x81, 0x04, 0x00, 0x23];
/// secp256k1, 1.3.132.0.10 (SEC 2 §A.2.1, RFC 8812 §3.1).
pub const SECP256K1: &[u8] = &[0x2b, 0x81, 0x04, 0x00, 0x0a];

// Curves of known key families that are not read (unsupported curve).

/// id-X25519, 1.3.101.110 (RFC 8410 §3).
pub const X25519: &[u8] = &[0x2b, 0x65, 0x6e];
/// id-X448, 1.3.101.111 (RFC 8410 §3).
pub const X448: &[u8] = &[0x2b, 0x65, 0x6f];
/// id-Ed448, 1.3.101.113 (RFC 8410 §3).
pub const ED448: &[u8] = &[0x2b, 0x65, 0x71];
/// secp192r1 / prime192v1 (P-192), 1.2.840.10045.3.1.1 (RFC 5480 §2.1.1.1).
pub const PRIME192V1: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x01];
/// secp224r1 (P-224), 1.3.132.0.33 (RFC 5480 §2.1.1.1).
pub const SECP224R1: &[u8] = &[0x2b, 0x81, 0x04, 0x00, 0x21];
/// brainpoolP256r1, 1.3.36.3.3.2.8.1.1.7 (RFC 5639 §4.1).
pub const BRAINPOOL_P256R1: &[u8] = &[0x2b, 0x24, 0x03, 0x03, 0x02, 0x08, 0x01, 0x01, 0x07];
/// brainpoolP384r1, 1.3.36.3.3.2.8.1.1.11 (RFC 5639 §4.1).
pub const BRAINPOOL_P384R1: &[u8] = &[0x2b, 0x24, 0x03, 0x03, 0x02, 0x08, 0x01, 0x01, 0x0b];
/// brainpoolP512r1, 1.3.36.3.3.2.8.1.1.13 (RFC 5639 §4.1).
pub const BRAINPOOL_P512R1: &[u8] = &[0x2b, 0x24, 0x03, 0x03, 0x02, 0x08, 0x01, 0x01, 0x0d];
/// SM2, 1.2.156.10197.1.301 (GB/T 32918, as OpenSSL names it).
pub const SM2: &[u8] = &[0x2a, 0x81, 0x1c, 0xcf, 0x55, 0x01, 0x82, 0x2d];

// Key algorithms not read (unsupported algorithm), named in errors.

/// id-RSASSA-PSS, 1.2.840.113549.1.1.10 (RFC 8017 A.2.3, RFC 4055 §3.1).
pub const RSASSA_PSS: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a];
/// id-RSAES-OAEP, 1.2.840.113549.1.1.7 (RFC 8017 A.2.1).
pub const RSAES_OAEP: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x07];
/// id-dsa, 1.2.840.10040.4.1 (RFC 3279 §2.3.2).
pub const DSA: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x38, 0x04, 0x01];
/// dhpublicnumber, 1.2.840.10046.2.1 (RFC 3279 §2.3.3).
pub const DH_PUBLIC_NUMBER: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3e, 0x02, 0x01];
/// dhKeyAgreement, 1.2.840.113549.1.3.1 (PKCS #3).
pub const DH_KEY_AGREEMENT: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x03, 0x01];
/// id-ecDH, 1.3.132.1.12 (RFC 5480 §2.1.2).
pub const EC_DH: &[u8] = &[0x2b, 0x81, 0x04, 0x01, 0x0c];
/// id-ecMQV, 1.3.132.1.13 (RFC 5480 §2.1.2).
pub const EC_MQV: &[u8] = &[0x2b, 0x81, 0x04, 0x01, 0x0d];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::der::Oid;
    use alloc::string::ToString;

    #[test]
    fn every_constant_is_the_dotted_value_of_its_rfc() {
        let table: [(&[u8], &str); 22] = [
            (RSA_ENCRYPTION, "1.2.840.113549.1.1.1"),
            (EC_PUBLIC_KEY, "1.2.840.10045.2.1"),
            (ED25519, "1.3.101.112"),
            (PRIME256V1, "1.2.840.10045.3.1.7"),
            (SECP384R1, "1.3.132.0.34"),
            (SECP521R1, "1.3.132.0.35"),
            (SECP256K1, "1.3.132.0.10"),
            (X25519, "1.3.101.110"),
            (X448, "1.3.101.111"),
            (ED448, "1.3.101.113"),
            (PRIME192V1, "1.2.840.10045.3.1.1"),
            (SECP224R1, "1.3.132.0.33"),
            (BRAINPOOL_P256R1, "1.3.36.3.3.2.8.1.1.7"),
            (BRAINPOOL_P384R1, "1.3.36.3.3.2.8.1.1.11"),
            (BRAINPOOL_P512R1, "1.3.36.3.3.2.8.1.1.13"),
            (SM2, "1.2.156.10197.1.301"),
            (RSASSA_PSS, "1.2.840.113549.1.1.10"),
            (RSAES_OAEP, "1.2.840.113549.1.1.7"),
            (DSA, "1.2.840.10040.4.1"),
            (DH_PUBLIC_NUMBER, "1.2.840.10046.2.1"),
            (DH_KEY_AGREEMENT, "1.2.840.113549.1.3.1"),
            (EC_DH, "1.3.132.1.12"),
        ];
        for (bytes, dotted) in table {
            assert_eq!(Oid::new(bytes).unwrap().to_string(), dotted);
        }
        assert_eq!(Oid::new(EC_MQV).unwrap().to_string(), "1.3.132.1.13");
    }
}
