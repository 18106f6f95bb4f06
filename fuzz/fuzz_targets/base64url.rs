//! Strict base64url (RFC 4648 §5, no padding, canonical): decoding any
//! bytes never panics, and whatever decodes re-encodes to the same text, so
//! one byte string has exactly one accepted encoding.
#![no_main]

use barejwt::base64url;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match base64url::decode(data) {
        Ok(decoded) => {
            assert_eq!(
                base64url::encode(&decoded).as_bytes(),
                data,
                "accepted a non-canonical encoding"
            );
            assert_eq!(base64url::decoded_len(data.len()), Some(decoded.len()));
            let mut out = vec![0u8; decoded.len()];
            assert_eq!(
                base64url::decode_to_slice(data, &mut out),
                Ok(decoded.len())
            );
            assert_eq!(out, decoded);
        }
        Err(e) => {
            assert!(e.offset() <= data.len(), "error offset past the input");
            let mut out = vec![0u8; data.len()];
            assert!(base64url::decode_to_slice(data, &mut out).is_err());
        }
    }
    // And the other way: every byte string encodes to text that decodes back.
    let encoded = base64url::encode(data);
    assert_eq!(base64url::decode(encoded.as_bytes()).as_deref(), Ok(data));
});
