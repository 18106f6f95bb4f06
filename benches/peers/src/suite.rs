//! The shape that every RSA and ECDSA algorithm's figures share (`rsa.rs`,
//! `ecdsa.rs`): the token every verifier verifies, the implementations of
//! the four operations (token verify, the signature alone, token sign, the
//! signature alone), each a closure that owns its key (imported once,
//! outside the timed loop), and the key-import figures.
//!
//! [`Suite::check`] runs every implementation once before any timing: each
//! verifier accepts the token and refuses it with one bit of the signature
//! flipped (barejwt: at the signature, `InvalidSignature`); each signer's
//! output verifies under barejwt, and a deterministic signer gives
//! barejwt's signature octet for octet (over its own signing input, since
//! jsonwebtoken writes `typ` before `alg`), barejwt's signer the token
//! itself; a signer not declared deterministic gives two different
//! signatures in two calls. [`Suite::figures`] turns the same closures into the table's rows.

use crate::figure::{entry, Entry, Figure, Ratios};
use std::hint::black_box;

/// Token-level verify: true when the token is accepted with its claims.
pub type TokenVerify = Box<dyn FnMut(&str) -> bool>;
/// The signature alone: true when `signature` is valid over `input`.
pub type RawVerify = Box<dyn FnMut(&[u8], &[u8]) -> bool>;
/// Token-level sign: the token of the standard claims.
pub type TokenSign = Box<dyn FnMut() -> String>;
/// The signature alone over `input`, handed to the sink (no copy made).
pub type RawSign = Box<dyn FnMut(&[u8], &mut dyn FnMut(&[u8]))>;

/// One implementation of one operation.
pub struct Imp<F> {
    pub name: &'static str,
    /// Whether its signatures are a function of key and input alone.
    pub deterministic: bool,
    pub run: F,
}

pub fn imp<F>(name: &'static str, run: F) -> Imp<F> {
    Imp {
        name,
        deterministic: false,
        run,
    }
}

pub fn det<F>(name: &'static str, run: F) -> Imp<F> {
    imp_if(true, name, run)
}

pub fn imp_if<F>(deterministic: bool, name: &'static str, run: F) -> Imp<F> {
    Imp {
        name,
        deterministic,
        run,
    }
}

/// barejwt's token verify with the kind of its error.
pub type ReferenceVerify = Box<dyn Fn(&str) -> Result<(), barejwt::ErrorKind>>;
/// barejwt's signature alone over any input.
pub type ReferenceSign = Box<dyn Fn(&[u8]) -> Vec<u8>>;
/// barejwt's check of the signature alone.
pub type ReferenceVerifyRaw = Box<dyn Fn(&[u8], &[u8]) -> bool>;

/// barejwt's own answers, against which every output is checked.
pub struct Reference {
    /// barejwt's token verify (allow-list of the one alg and the claims).
    pub verify: ReferenceVerify,
    /// barejwt's signature alone over any input, when deterministic.
    pub sign_raw: Option<ReferenceSign>,
    /// barejwt's check of the signature alone.
    pub verify_raw: ReferenceVerifyRaw,
}

/// Every implementation of one algorithm.
pub struct Suite {
    /// The algorithm as the ids spell it: `rs256`, `es256k`...
    pub alg: &'static str,
    /// The token every verifier verifies.
    pub token: &'static str,
    /// Whether `token` is what barejwt's signer must give.
    pub token_deterministic: bool,
    pub reference: Reference,
    pub verify: Vec<Imp<TokenVerify>>,
    pub verify_raw: Vec<Imp<RawVerify>>,
    pub sign: Vec<Imp<TokenSign>>,
    pub sign_raw: Vec<Imp<RawSign>>,
    /// Key imports: (what, e.g. `public_jwk`, its entries).
    pub imports: Vec<(&'static str, Vec<Entry<'static>>)>,
    /// Lines for the output's head (what the checks found worth saying).
    pub notes: Vec<String>,
}

pub fn leak(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}

/// The signing input and the signature octets of a compact token.
pub fn split(token: &str) -> (&str, Vec<u8>) {
    let (input, signature) = token.rsplit_once('.').unwrap();
    (
        input,
        barejwt::base64url::decode(signature.as_bytes()).unwrap(),
    )
}

/// The signature with its last bit flipped: for RSA a value still below n,
/// for ECDSA an S still in 1..n−1, so that every verifier refuses it at the
/// equation, not at a range check.
pub fn flipped(signature: &[u8]) -> Vec<u8> {
    let mut bad = signature.to_vec();
    *bad.last_mut().unwrap() ^= 0x01;
    bad
}

pub fn with_signature(input: &str, signature: &[u8]) -> String {
    format!("{input}.{}", barejwt::base64url::encode(signature))
}

impl Suite {
    /// Runs every implementation once and panics, naming them, on any
    /// wrong answer.
    pub fn check(&mut self) {
        let (input, signature) = split(self.token);
        let bad_signature = flipped(&signature);
        let bad_token = with_signature(input, &bad_signature);
        let input = input.as_bytes();
        let alg = self.alg;

        assert_eq!(
            (self.reference.verify)(self.token),
            Ok(()),
            "{alg}: barejwt"
        );
        assert_eq!(
            (self.reference.verify)(&bad_token),
            Err(barejwt::ErrorKind::InvalidSignature),
            "{alg}: the bad token must fail at the signature, not earlier"
        );
        let mut wrong = Vec::new();
        for v in &mut self.verify {
            if !(v.run)(self.token) || (v.run)(&bad_token) {
                wrong.push(format!("token verify {}", v.name));
            }
        }
        for v in &mut self.verify_raw {
            if !(v.run)(input, &signature) || (v.run)(input, &bad_signature) {
                wrong.push(format!("verify {}", v.name));
            }
        }
        for s in &mut self.sign {
            let token = (s.run)();
            if (self.reference.verify)(&token).is_err() {
                wrong.push(format!("token sign {}: barejwt refuses its token", s.name));
            }
            if s.name == "barejwt" && self.token_deterministic && token != self.token {
                wrong.push(format!("token sign {}: not the token", s.name));
            }
            if !s.deterministic && (s.run)() == token {
                wrong.push(format!("token sign {}: two equal tokens", s.name));
            }
            if s.deterministic {
                let (its_input, its_signature) = split(&token);
                let ours = self
                    .reference
                    .sign_raw
                    .as_ref()
                    .expect("a deterministic alg");
                if ours(its_input.as_bytes()) != its_signature {
                    wrong.push(format!("token sign {}: not barejwt's signature", s.name));
                }
            }
        }
        for s in &mut self.sign_raw {
            let mut out = Vec::new();
            (s.run)(input, &mut |sig: &[u8]| out = sig.to_vec());
            if !(self.reference.verify_raw)(input, &out) {
                wrong.push(format!("sign {}: barejwt refuses its signature", s.name));
            }
            if s.deterministic && out != signature {
                wrong.push(format!("sign {}: not the token's signature", s.name));
            }
            let mut again = Vec::new();
            (s.run)(input, &mut |sig: &[u8]| again = sig.to_vec());
            if !s.deterministic && again == out {
                wrong.push(format!("sign {}: two equal signatures", s.name));
            }
        }
        assert!(wrong.is_empty(), "{alg}: {}", wrong.join("; "));
    }

    /// Which verifiers accept `token` (for the notes).
    pub fn accepting(
        &mut self,
        token: &str,
        signature_input: &[u8],
        signature: &[u8],
    ) -> Vec<(&'static str, bool)> {
        let mut answers = Vec::new();
        for v in &mut self.verify {
            answers.push((v.name, (v.run)(token)));
        }
        for v in &mut self.verify_raw {
            answers.push((v.name, (v.run)(signature_input, signature)));
        }
        answers
    }

    /// The figures, barejwt first in each, with the RATIO lines of
    /// spec/bench.md: the token figures against jsonwebtoken, the
    /// signature-alone figures against ring, aws-lc-rs and k256 (those
    /// that have the algorithm).
    pub fn figures(self) -> Vec<Figure<'static>> {
        let alg = self.alg;
        let token = self.token;
        let (input, signature) = split(token);
        let input: &'static [u8] = input.as_bytes();
        let signature: &'static [u8] = Box::leak(signature.into_boxed_slice());
        let ratios = |op: &str, names: &[(&'static str, &str)], entries: &[Entry]| {
            Ratios::Peers(
                names
                    .iter()
                    .filter(|(name, _)| entries.iter().any(|e| e.name == *name))
                    .map(|&(name, peer)| (name, leak(format!("{alg}_{op}_vs_{peer}"))))
                    .collect(),
            )
        };
        let primitive_peers = [("ring", "ring"), ("aws-lc-rs", "awslc"), ("k256", "k256")];
        let mut figures = Vec::new();

        let entries: Vec<Entry> = self
            .verify
            .into_iter()
            .map(|mut v| entry(v.name, move || assert!((v.run)(black_box(token)))))
            .collect();
        figures.push(figure(
            leak(format!("{alg}_verify")),
            ratios("verify", &[("jsonwebtoken", "jsonwebtoken")], &entries),
            entries,
        ));
        let entries: Vec<Entry> = self
            .verify_raw
            .into_iter()
            .map(|mut v| {
                entry(v.name, move || {
                    assert!((v.run)(black_box(input), black_box(signature)))
                })
            })
            .collect();
        figures.push(figure(
            leak(format!("{alg}_verify_primitive")),
            ratios("verify", &primitive_peers, &entries),
            entries,
        ));
        let entries: Vec<Entry> = self
            .sign
            .into_iter()
            .map(|mut s| {
                entry(s.name, move || {
                    black_box((s.run)());
                })
            })
            .collect();
        figures.push(figure(
            leak(format!("{alg}_sign")),
            ratios("sign", &[("jsonwebtoken", "jsonwebtoken")], &entries),
            entries,
        ));
        let entries: Vec<Entry> = self
            .sign_raw
            .into_iter()
            .map(|mut s| {
                entry(s.name, move || {
                    (s.run)(black_box(input), &mut |sig: &[u8]| {
                        black_box(sig);
                    })
                })
            })
            .collect();
        figures.push(figure(
            leak(format!("{alg}_sign_primitive")),
            ratios("sign", &primitive_peers, &entries),
            entries,
        ));
        for (what, entries) in self.imports {
            figures.push(figure(
                leak(format!("{alg}_import_{what}")),
                Ratios::None,
                entries,
            ));
        }
        figures
    }
}

fn figure(id: &'static str, ratios: Ratios, entries: Vec<Entry<'static>>) -> Figure<'static> {
    Figure {
        id,
        target: "-",
        count_allocations: true,
        ratios,
        entries,
    }
}
