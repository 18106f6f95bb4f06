//! base64url against every vector of `vectors/base64url.txt` (RFC 4648 §10,
//! RFC 7515 App. C, derived alphabet cases, strict-decoder rejections).
mod common;

use barejwt::base64url::{self, DecodeErrorKind};

const VECTORS: &str = include_str!("../vectors/base64url.txt");

fn kind_named(name: &str) -> DecodeErrorKind {
    match name {
        "Padding" => DecodeErrorKind::Padding,
        "InvalidByte" => DecodeErrorKind::InvalidByte,
        "InvalidLength" => DecodeErrorKind::InvalidLength,
        "NonCanonical" => DecodeErrorKind::NonCanonical,
        "OutputTooSmall" => DecodeErrorKind::OutputTooSmall,
        other => panic!("unknown error kind {other:?} in vectors/base64url.txt"),
    }
}

#[test]
fn every_base64url_vector_encodes_decodes_or_is_rejected_as_stated() {
    let records = common::records(VECTORS);
    let (mut pairs, mut rejections) = (0, 0);
    for r in &records {
        if let Some(text) = r.get("Encoded") {
            let raw = r.hex("Input");
            assert_eq!(base64url::encode(&raw), text, "encode {}", r.label());
            assert_eq!(
                base64url::encoded_len(raw.len()),
                text.len(),
                "{}",
                r.label()
            );
            assert_eq!(
                base64url::decode(text.as_bytes()).as_deref(),
                Ok(&raw[..]),
                "decode {}",
                r.label()
            );
            assert_eq!(
                base64url::decoded_len(text.len()),
                Some(raw.len()),
                "{}",
                r.label()
            );
            let mut out = vec![0u8; raw.len()];
            assert_eq!(
                base64url::decode_to_slice(text.as_bytes(), &mut out),
                Ok(raw.len())
            );
            assert_eq!(out, raw, "decode_to_slice {}", r.label());
            pairs += 1;
        } else {
            let input = r.hex("Encoded_hex");
            let err = base64url::decode(&input).expect_err(&r.label());
            assert_eq!(err.kind(), kind_named(r.str("Kind")), "{}", r.label());
            assert_eq!(err.offset().to_string(), r.str("Offset"), "{}", r.label());
            let mut out = [0u8; 64];
            assert_eq!(
                base64url::decode_to_slice(&input, &mut out),
                Err(err),
                "{}",
                r.label()
            );
            rejections += 1;
        }
    }
    assert_eq!((pairs, rejections), (19, 12), "vector file changed shape");
}

#[test]
fn rejection_messages_name_offset() {
    let err = base64url::decode(b"Zm9v\nYmFy").unwrap_err();
    assert_eq!(err.to_string(), "invalid base64url byte 0x0a at offset 4");
    let err = base64url::decode(b"Zg==").unwrap_err();
    assert_eq!(
        err.to_string(),
        "base64url padding '=' at offset 2 (padding is not allowed)"
    );
}

#[test]
fn encode_into_appends_and_crosses_its_internal_chunks() {
    let mut rng = common::Rng::new(7);
    for len in [0, 1, 767, 768, 769, 1536, 2000] {
        let raw = rng.bytes(len);
        let mut out = String::from("prefix.");
        base64url::encode_into(&raw, &mut out);
        assert_eq!(&out[..7], "prefix.");
        assert_eq!(
            base64url::decode(&out.as_bytes()[7..]).unwrap(),
            raw,
            "len {len}"
        );
        assert_eq!(out[7..], base64url::encode(&raw));
    }
}
