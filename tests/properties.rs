//! Property tests on seeded pseudo-random input (no crate needed): base64url
//! round trips and canonical-only decoding, streamed SHA-2 equals one-shot,
//! precomputed HMAC equals the RFC 2104 formula, no input makes decode panic.
mod common;

use barejwt::base64url::{self, DecodeErrorKind};
use barejwt::hmac::Hmac;
use barejwt::sha2::{HashFunction, Sha256, Sha384, Sha512};
use common::Rng;

const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

#[test]
fn base64url_round_trips_random_bytes() {
    let mut rng = Rng::new(1);
    for _ in 0..2000 {
        let len = rng.below(200);
        let raw = rng.bytes(len);
        let text = base64url::encode(&raw);
        assert_eq!(text.len(), base64url::encoded_len(len));
        assert!(text.bytes().all(|c| ALPHABET.contains(&c)), "{text}");
        assert_eq!(base64url::decode(text.as_bytes()), Ok(raw));
    }
}

/// Every other spelling of the same bytes is refused with the right kind:
/// padded, with unused bits set, with `+`/`/`, with whitespace inserted,
/// or cut to a 4n+1 length.
#[test]
fn base64url_rejects_every_non_canonical_variant() {
    let mut rng = Rng::new(2);
    for _ in 0..2000 {
        let len = 1 + rng.below(100);
        let raw = rng.bytes(len);
        let text = base64url::encode(&raw).into_bytes();
        let kind = |input: &[u8]| base64url::decode(input).map_err(|e| (e.kind(), e.offset()));

        // Padding as standard base64 would add it.
        let pad = (4 - text.len() % 4) % 4;
        if pad > 0 {
            let mut padded = text.clone();
            padded.extend(std::iter::repeat(b'=').take(pad));
            assert_eq!(kind(&padded), Err((DecodeErrorKind::Padding, text.len())));
        }

        // Non-zero unused bits: change the last character within its group
        // of 4 (1 byte left over) or 16 (2 bytes) values.
        let unused_bits = match len % 3 {
            1 => 4,
            2 => 2,
            _ => 0,
        };
        if unused_bits > 0 {
            let last = text.len() - 1;
            let value = ALPHABET.iter().position(|&c| c == text[last]).unwrap();
            let mut bent = text.clone();
            bent[last] = ALPHABET[value | (1 + rng.below((1 << unused_bits) - 1))];
            assert_eq!(kind(&bent), Err((DecodeErrorKind::NonCanonical, last)));
        }

        // `-`/`_` written in the standard alphabet, or a stray byte.
        let at = rng.below(text.len());
        for stray in [b'+', b'/', b' ', b'\n', b'\r', b'.'] {
            let mut bad = text.clone();
            bad[at] = stray;
            assert_eq!(kind(&bad), Err((DecodeErrorKind::InvalidByte, at)));
            let mut inserted = text.clone();
            inserted.insert(at, stray);
            assert_eq!(kind(&inserted), Err((DecodeErrorKind::InvalidByte, at)));
        }

        // A 4n+1 length made of valid characters.
        let mut long = text.clone();
        while long.len() % 4 != 1 {
            long.push(b'A');
        }
        assert_eq!(
            kind(&long),
            Err((DecodeErrorKind::InvalidLength, long.len() - 1))
        );
    }
}

/// Decodes `input` with the rules written out one character at a time; the
/// independent model the fast decoder is compared with.
fn model_decode(input: &[u8]) -> Result<Vec<u8>, (DecodeErrorKind, usize)> {
    let mut values = Vec::new();
    for (i, &c) in input.iter().enumerate() {
        match ALPHABET.iter().position(|&a| a == c) {
            Some(v) => values.push(v as u32),
            None if c == b'=' => return Err((DecodeErrorKind::Padding, i)),
            None => return Err((DecodeErrorKind::InvalidByte, i)),
        }
    }
    if input.len() % 4 == 1 {
        return Err((DecodeErrorKind::InvalidLength, input.len() - 1));
    }
    let mut out = Vec::new();
    for group in values.chunks(4) {
        let n = group
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, v)| n | v << (18 - 6 * i));
        let bytes = n.to_be_bytes();
        let keep = group.len() - 1;
        if bytes[1 + keep..].iter().any(|&b| b != 0) {
            return Err((DecodeErrorKind::NonCanonical, input.len() - 1));
        }
        out.extend_from_slice(&bytes[1..1 + keep]);
    }
    Ok(out)
}

/// Each of the 256 byte values at each position of short inputs either
/// decodes or gives the typed error the model predicts; never a panic.
#[test]
fn every_byte_at_every_position_decodes_or_gives_its_typed_error() {
    let mut rng = Rng::new(3);
    let mut checked = 0;
    for len in 1..=40 {
        let base: Vec<u8> = (0..len).map(|_| ALPHABET[rng.below(64)]).collect();
        for position in 0..len {
            for byte in 0..=255u8 {
                let mut input = base.clone();
                input[position] = byte;
                let got = base64url::decode(&input).map_err(|e| (e.kind(), e.offset()));
                assert_eq!(
                    got,
                    model_decode(&input),
                    "input {:?}",
                    String::from_utf8_lossy(&input)
                );
                let mut out = [0u8; 30];
                let into = base64url::decode_to_slice(&input, &mut out)
                    .map_err(|e| (e.kind(), e.offset()));
                match model_decode(&input) {
                    Ok(bytes) => {
                        assert_eq!((into, &out[..bytes.len()]), (Ok(bytes.len()), &bytes[..]))
                    }
                    Err(e) => assert_eq!(into, Err(e)),
                }
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 256 * (1..=40).sum::<usize>());
}

fn streamed_equals_one_shot<H: HashFunction>(rng: &mut Rng) {
    for len in 0..1000 {
        let data = rng.bytes(len);
        let mut hasher = H::new();
        let mut rest = &data[..];
        while !rest.is_empty() {
            let (piece, tail) = rest.split_at(rng.below(rest.len() + 1));
            hasher.update(piece);
            rest = tail;
        }
        assert_eq!(hasher.finalize(), H::digest(&data), "length {len}");
    }
}

#[test]
fn sha2_streamed_at_random_split_points_equals_one_shot() {
    let mut rng = Rng::new(4);
    streamed_equals_one_shot::<Sha256>(&mut rng);
    streamed_equals_one_shot::<Sha384>(&mut rng);
    streamed_equals_one_shot::<Sha512>(&mut rng);
}

/// RFC 2104 §2 written out with the crate's hash: K0, then
/// H((K0 ^ opad) || H((K0 ^ ipad) || text)).
fn hmac_from_scratch<H: HashFunction>(key: &[u8], text: &[u8]) -> Vec<u8> {
    let mut k0 = if key.len() > H::BLOCK_LEN {
        H::digest(key).as_ref().to_vec()
    } else {
        key.to_vec()
    };
    k0.resize(H::BLOCK_LEN, 0);
    let mut inner = H::new();
    inner.update(&k0.iter().map(|b| b ^ 0x36).collect::<Vec<_>>());
    inner.update(text);
    let mut outer = H::new();
    outer.update(&k0.iter().map(|b| b ^ 0x5c).collect::<Vec<_>>());
    outer.update(inner.finalize().as_ref());
    outer.finalize().as_ref().to_vec()
}

fn precomputed_equals_formula<H: HashFunction>(rng: &mut Rng) {
    for _ in 0..300 {
        let key_len = rng.below(3 * H::BLOCK_LEN);
        let key = rng.bytes(key_len);
        let hmac = Hmac::<H>::new(&key);
        for _ in 0..3 {
            let text_len = rng.below(400);
            let text = rng.bytes(text_len);
            let expected = hmac_from_scratch::<H>(&key, &text);
            assert_eq!(
                hmac.mac(&text).as_ref(),
                &expected[..],
                "key length {}",
                key.len()
            );
            assert!(hmac.verify(&text, &expected));
        }
    }
}

#[test]
fn hmac_with_precomputed_key_equals_rfc2104_formula() {
    let mut rng = Rng::new(5);
    precomputed_equals_formula::<Sha256>(&mut rng);
    precomputed_equals_formula::<Sha384>(&mut rng);
    precomputed_equals_formula::<Sha512>(&mut rng);
}
