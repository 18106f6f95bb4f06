//! barejwt beside other Rust crates on the workload of `spec/bench.md`.
//!
//! Every figure runs every implementation in one process, interleaved: each
//! round times each implementation's closure for a fixed number of
//! iterations (the order rotating from round to round), so machine noise
//! hits all of them alike. The table gives each implementation's median
//! ns/iter over the rounds and the median over rounds of the paired ratio
//! barejwt time / peer time (< 1: barejwt is faster), for every figure,
//! throughput figures included. The last lines are machine-readable:
//! `RATIO <figure> <barejwt time / reference peer time>` for the HS256 and
//! primitive figures, `RATIO <alg>_<op>_vs_<peer> <ratio>` for the EdDSA
//! ones (`eddsa.rs`) and the RSA and ECDSA ones (`rsa.rs`, `ecdsa.rs`, on
//! the shape of `suite.rs`, with the keys and tokens of `keys/`).
//!
//! Run: `cargo run --release --manifest-path benches/peers/Cargo.toml [-- --quick]`;
//! the portable run adds `--features portable` with
//! `RUSTFLAGS="--cfg barejwt_portable"` (see benches/README.md). The EdDSA
//! `dalek` lines need `RUSTFLAGS='--cfg curve25519_dalek_backend="serial"'`.

mod ecdsa;
mod eddsa;
mod figure;
mod rsa;
mod suite;
mod workload;

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::time::Instant;

use base64::Engine as _;
use figure::{entry, Entry, Figure, Ratios};
use hmac::Mac as _;
use jwt_simple::prelude::MACLike as _;
use sha2::Digest as _;
use workload::*;

/// Counts allocations (alloc, alloc_zeroed and realloc calls) over `System`.
struct Counting;

static ALLOCATIONS: AtomicU64 = AtomicU64::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Relaxed);
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Allocations made by one call of `f` (after one warm-up call).
fn allocations_per_call(f: &mut dyn FnMut()) -> u64 {
    f();
    let before = ALLOCATIONS.load(Relaxed);
    f();
    ALLOCATIONS.load(Relaxed) - before
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(|a, b| a.total_cmp(b));
    let n = values.len();
    if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    }
}

/// Times `iterations` calls of `f`, in ns per call.
fn time(f: &mut dyn FnMut(), iterations: u64) -> f64 {
    let start = Instant::now();
    for _ in 0..iterations {
        f();
    }
    start.elapsed().as_nanos() as f64 / iterations as f64
}

struct Settings {
    rounds: usize,
    sample_ns: f64,
}

struct Measured {
    /// Per implementation: ns/iter in each round.
    samples: Vec<Vec<f64>>,
    allocations: Vec<Option<u64>>,
}

fn measure(figure: &mut Figure, settings: &Settings) -> Measured {
    let n = figure.entries.len();
    // Calibrate: iterations so that one sample takes about `sample_ns`.
    let iterations: Vec<u64> = figure
        .entries
        .iter_mut()
        .map(|e| {
            time(&mut e.run, 1); // warm-up
            let mut k = 1u64;
            loop {
                let t = time(&mut e.run, k) * k as f64;
                if t > settings.sample_ns / 10.0 || k > 1 << 30 {
                    break ((settings.sample_ns / (t / k as f64)).ceil() as u64).max(1);
                }
                k *= 4;
            }
        })
        .collect();
    let mut samples = vec![Vec::with_capacity(settings.rounds); n];
    for round in 0..settings.rounds {
        for i in 0..n {
            let j = (i + round) % n; // rotate who goes first
            let e = &mut figure.entries[j];
            samples[j].push(time(&mut e.run, iterations[j]));
        }
    }
    let allocations = figure
        .entries
        .iter_mut()
        .map(|e| figure_allocations(figure.count_allocations, &mut e.run))
        .collect();
    Measured {
        samples,
        allocations,
    }
}

fn figure_allocations(count: bool, f: &mut dyn FnMut()) -> Option<u64> {
    count.then(|| allocations_per_call(f))
}

/// Median over rounds of barejwt's time / the peer's time in that round.
fn paired_ratio(ours: &[f64], peer: &[f64]) -> f64 {
    let mut ratios: Vec<f64> = ours.iter().zip(peer).map(|(a, b)| a / b).collect();
    median(&mut ratios)
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    // `--only hs256_,json_`: the figures whose ids start with one of these.
    let args: Vec<String> = std::env::args().collect();
    let only: Option<Vec<String>> = args
        .iter()
        .position(|a| a == "--only")
        .and_then(|i| args.get(i + 1))
        .map(|list| list.split(',').map(String::from).collect());
    let settings = if quick {
        Settings {
            rounds: 15,
            sample_ns: 2e6,
        }
    } else {
        Settings {
            rounds: 41,
            sample_ns: 10e6,
        }
    };
    let portable = cfg!(feature = "portable");
    let started = Instant::now();

    // ---- setup, outside every timed closure ----
    let secret = secret();
    let large = large_token();
    let large_claims_json = large_claims();

    let bare_key = barejwt::Key::hs256(&secret).unwrap();
    let bare_validation = barejwt_validation();
    let bare_claims = barejwt_object(CLAIMS);
    let bare_large_claims = barejwt_object(&large_claims_json);
    assert_eq!(barejwt::sign(&bare_key, &bare_claims).unwrap(), TOKEN);

    let jwt_dec = jsonwebtoken::DecodingKey::from_secret(&secret);
    let jwt_enc = jsonwebtoken::EncodingKey::from_secret(&secret);
    let jwt_validation = jsonwebtoken_validation();
    let jwt_header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256);
    let jwt_claims: JwtClaims = serde_json::from_str(CLAIMS).unwrap();
    let jwt_large_claims: JwtClaims = serde_json::from_str(&large_claims_json).unwrap();
    // jsonwebtoken writes `typ` before `alg`: same claims, another header.
    let jwt_token = jsonwebtoken::encode(&jwt_header, &jwt_claims, &jwt_enc).unwrap();
    assert_eq!(jwt_token.split('.').nth(1), TOKEN.split('.').nth(1));
    barejwt::verify(&jwt_token, &bare_key, &bare_validation).unwrap();

    let simple_key = jwt_simple::prelude::HS256Key::from_bytes(&secret);
    let simple_options = jwt_simple_options();

    // Every verifier accepts both tokens and rejects a bad signature.
    let mut bad = TOKEN.to_string();
    bad.replace_range(bad.len() - 2.., "uA");
    for token in [TOKEN, large.as_str()] {
        barejwt::verify(token, &bare_key, &bare_validation).unwrap();
        jsonwebtoken::decode::<JwtClaims>(token, &jwt_dec, &jwt_validation).unwrap();
        jwt_simple_verify(&simple_key, token, &simple_options).unwrap();
    }
    assert_eq!(
        barejwt::verify(&bad, &bare_key, &bare_validation)
            .map(|_| ())
            .map_err(|e| e.kind()),
        Err(barejwt::ErrorKind::InvalidSignature),
        "the bad token must fail at the MAC, not earlier"
    );
    assert!(jsonwebtoken::decode::<JwtClaims>(&bad, &jwt_dec, &jwt_validation).is_err());
    assert!(jwt_simple_verify(&simple_key, &bad, &simple_options).is_none());

    // EdDSA: every key imported and every implementation checked (eddsa.rs).
    let ed = eddsa::Setup::new();
    // RSA and ECDSA: every implementation checked the same way (suite.rs).
    let mut suites = vec![
        rsa::rs256(),
        rsa::ps256(),
        ecdsa::es256(),
        ecdsa::es384(),
        ecdsa::es512(),
        ecdsa::es256k(),
    ];
    for suite in &mut suites {
        suite.check();
    }
    let notes: Vec<String> = suites.iter().flat_map(|s| s.notes.clone()).collect();

    let mib: Vec<u8> = (0..1 << 20).map(|i| i as u8).collect();
    let kib: Vec<u8> = (0..1024).map(|i| i as u8).collect();
    let kib_text = barejwt::base64url::encode(&kib);
    let message300: Vec<u8> = (0..300).map(|i| i as u8).collect();
    let bare_hmac = barejwt::hmac::HmacSha256::new(&secret);
    let rc_hmac = <hmac::Hmac<sha2::Sha256> as hmac::Mac>::new_from_slice(&secret).unwrap();
    let mut out = vec![0u8; 1024];
    let mut out2 = vec![0u8; 1024];
    let (mut out3, mut out4) = (vec![0u8; 1024], vec![0u8; 1024]);

    let (sha256_id, sha256_target) = if portable {
        ("sha256_1mib_portable", "<= 1/0.95 = 1.053")
    } else {
        ("sha256_1mib", "<= 1/0.97 = 1.031")
    };
    let (vs, vl) = (TOKEN, large.as_str());
    let json_limits = barejwt::json::Limits::new();
    let mut figures = vec![
        Figure {
            id: "hs256_verify_standard",
            target: "<= 0.30",
            count_allocations: true,
            ratios: Ratios::FirstPeer,
            entries: vec![
                entry("barejwt", || {
                    black_box(barejwt::verify(black_box(vs), &bare_key, &bare_validation).unwrap());
                }),
                entry("jsonwebtoken", || {
                    black_box(
                        jsonwebtoken::decode::<JwtClaims>(black_box(vs), &jwt_dec, &jwt_validation)
                            .unwrap(),
                    );
                }),
                entry("jwt-simple", || {
                    black_box(
                        jwt_simple_verify(&simple_key, black_box(vs), &simple_options).unwrap(),
                    );
                }),
            ],
        },
        Figure {
            id: "hs256_verify_standard_borrowed",
            target: "<= 0.20",
            count_allocations: true,
            ratios: Ratios::FirstPeer,
            entries: vec![
                // A fresh scratch per verify, as a request handler would have.
                entry("barejwt", || {
                    let mut scratch = barejwt::Scratch::new();
                    let view = barejwt::verify_borrowed(
                        black_box(vs.as_bytes()),
                        &bare_key,
                        &bare_validation,
                        &mut scratch,
                    )
                    .unwrap();
                    black_box(&view);
                }),
                entry("jsonwebtoken", || {
                    black_box(
                        jsonwebtoken::decode::<JwtClaims>(black_box(vs), &jwt_dec, &jwt_validation)
                            .unwrap(),
                    );
                }),
                entry("jwt-simple", || {
                    black_box(
                        jwt_simple_verify(&simple_key, black_box(vs), &simple_options).unwrap(),
                    );
                }),
            ],
        },
        Figure {
            id: "hs256_verify_large",
            target: "<= 0.30",
            count_allocations: true,
            ratios: Ratios::FirstPeer,
            entries: vec![
                entry("barejwt", || {
                    black_box(barejwt::verify(black_box(vl), &bare_key, &bare_validation).unwrap());
                }),
                entry("jsonwebtoken", || {
                    black_box(
                        jsonwebtoken::decode::<JwtClaims>(black_box(vl), &jwt_dec, &jwt_validation)
                            .unwrap(),
                    );
                }),
                entry("jwt-simple", || {
                    black_box(
                        jwt_simple_verify(&simple_key, black_box(vl), &simple_options).unwrap(),
                    );
                }),
            ],
        },
        Figure {
            id: "hs256_verify_bad_signature",
            target: "-",
            count_allocations: true,
            ratios: Ratios::FirstPeer,
            entries: vec![
                entry("barejwt", || {
                    black_box(
                        barejwt::verify(black_box(&bad), &bare_key, &bare_validation).is_err(),
                    );
                }),
                entry("jsonwebtoken", || {
                    black_box(
                        jsonwebtoken::decode::<JwtClaims>(
                            black_box(&bad),
                            &jwt_dec,
                            &jwt_validation,
                        )
                        .is_err(),
                    );
                }),
                entry("jwt-simple", || {
                    black_box(
                        jwt_simple_verify(&simple_key, black_box(&bad), &simple_options).is_none(),
                    );
                }),
            ],
        },
        Figure {
            id: "hs256_sign_standard",
            target: "<= 0.4",
            count_allocations: true,
            ratios: Ratios::FirstPeer,
            entries: vec![
                entry("barejwt", || {
                    black_box(barejwt::sign(&bare_key, black_box(&bare_claims)).unwrap());
                }),
                entry("jsonwebtoken", || {
                    black_box(
                        jsonwebtoken::encode(&jwt_header, black_box(&jwt_claims), &jwt_enc)
                            .unwrap(),
                    );
                }),
                // jwt-simple signs by value: building its claims is part of its sign.
                entry("jwt-simple", || {
                    black_box(simple_key.authenticate(jwt_simple_claims(None)).unwrap());
                }),
            ],
        },
        Figure {
            id: "hs256_sign_large",
            target: "-",
            count_allocations: true,
            ratios: Ratios::FirstPeer,
            entries: vec![
                entry("barejwt", || {
                    black_box(barejwt::sign(&bare_key, black_box(&bare_large_claims)).unwrap());
                }),
                entry("jsonwebtoken", || {
                    black_box(
                        jsonwebtoken::encode(&jwt_header, black_box(&jwt_large_claims), &jwt_enc)
                            .unwrap(),
                    );
                }),
            ],
        },
        Figure {
            id: sha256_id,
            target: sha256_target,
            count_allocations: false,
            ratios: Ratios::FirstPeer,
            entries: vec![
                entry("barejwt", || {
                    black_box(barejwt::sha2::Sha256::digest(black_box(&mib)));
                }),
                entry("sha2", || {
                    black_box(sha2::Sha256::digest(black_box(&mib)));
                }),
            ],
        },
        Figure {
            id: "sha512_1mib",
            target: "<= 1/0.95 = 1.053",
            count_allocations: false,
            ratios: Ratios::FirstPeer,
            entries: vec![
                entry("barejwt", || {
                    black_box(barejwt::sha2::Sha512::digest(black_box(&mib)));
                }),
                entry("sha2", || {
                    black_box(sha2::Sha512::digest(black_box(&mib)));
                }),
            ],
        },
        Figure {
            id: "hmac_sha256_300b",
            target: "-",
            count_allocations: false,
            ratios: Ratios::FirstPeer,
            entries: vec![
                entry("barejwt", || {
                    black_box(bare_hmac.mac(black_box(&message300)));
                }),
                entry("hmac+sha2", || {
                    let mut m = rc_hmac.clone();
                    m.update(black_box(&message300));
                    black_box(m.finalize().into_bytes());
                }),
            ],
        },
        Figure {
            id: "base64url_decode_1kib",
            target: "<= 1.0",
            count_allocations: false,
            ratios: Ratios::FirstPeer,
            entries: vec![
                entry("barejwt", || {
                    black_box(
                        barejwt::base64url::decode_to_slice(
                            black_box(kib_text.as_bytes()),
                            &mut out,
                        )
                        .unwrap(),
                    );
                }),
                entry("base64", || {
                    black_box(
                        base64::engine::general_purpose::URL_SAFE_NO_PAD
                            .decode_slice(black_box(kib_text.as_bytes()), &mut out2)
                            .unwrap(),
                    );
                }),
            ],
        },
        Figure {
            id: "base64url_decode_1kib_vs_simd",
            target: "<= 1.0",
            count_allocations: false,
            ratios: Ratios::FirstPeer,
            entries: vec![
                entry("barejwt", || {
                    black_box(
                        barejwt::base64url::decode_to_slice(
                            black_box(kib_text.as_bytes()),
                            &mut out3,
                        )
                        .unwrap(),
                    );
                }),
                // base64-simd picks AVX2 at run time on this machine.
                entry("base64-simd", || {
                    black_box(
                        base64_simd::URL_SAFE_NO_PAD
                            .decode(
                                black_box(kib_text.as_bytes()),
                                base64_simd::Out::from_slice(&mut out4),
                            )
                            .unwrap(),
                    );
                }),
            ],
        },
        Figure {
            id: "json_parse_claims",
            target: "<= 0.5",
            count_allocations: true,
            ratios: Ratios::FirstPeer,
            entries: vec![
                entry("barejwt", || {
                    black_box(barejwt::json::parse(black_box(CLAIMS.as_bytes())).unwrap());
                }),
                entry("serde_json", || {
                    black_box(
                        serde_json::from_slice::<serde_json::Value>(black_box(CLAIMS.as_bytes()))
                            .unwrap(),
                    );
                }),
            ],
        },
        Figure {
            id: "json_parse_claims_vs_typed",
            target: "<= 1.0",
            count_allocations: true,
            ratios: Ratios::FirstPeer,
            entries: vec![
                // A fresh storage per parse, as for the verify row.
                entry("barejwt-view", || {
                    let mut storage = barejwt::json::ViewStorage::new();
                    black_box(
                        barejwt::json::ObjectView::parse(
                            black_box(CLAIMS.as_bytes()),
                            &json_limits,
                            &mut storage,
                        )
                        .unwrap(),
                    );
                }),
                entry("serde_json", || {
                    black_box(
                        serde_json::from_slice::<JwtClaims>(black_box(CLAIMS.as_bytes())).unwrap(),
                    );
                }),
            ],
        },
    ];
    figures.extend(eddsa::figures(&ed));
    for suite in suites {
        figures.extend(suite.figures());
    }
    if let Some(only) = &only {
        figures.retain(|f| only.iter().any(|p| f.id.starts_with(p.as_str())));
    }

    println!(
        "barejwt vs peers, {} run ({} rounds, ~{:.0} ms per sample), {} SHA paths",
        if quick { "quick" } else { "full" },
        settings.rounds,
        settings.sample_ns / 1e6,
        if portable {
            "portable"
        } else {
            "default (hardware where available)"
        }
    );
    println!(
        "EdDSA: curve25519-dalek backend (ed25519-dalek, jsonwebtoken): {}{}",
        eddsa::dalek_backend(),
        if eddsa::dalek_is_portable() {
            ""
        } else {
            "; no RATIO lines against dalek (build with RUSTFLAGS='--cfg curve25519_dalek_backend=\"serial\"')"
        }
    );
    for note in &notes {
        println!("ECDSA high S: {note}");
    }
    println!("ratio = barejwt time / peer time, median of per-round paired ratios; < 1 means barejwt is faster");
    println!(
        "{:<28} {:<14} {:>12} {:>9} {:>10} {:>8}",
        "figure", "impl", "median ns", "MB/s", "ratio", "allocs"
    );
    let bytes = |id: &str| -> Option<f64> {
        match id {
            "sha512_1mib" | "sha256_1mib" | "sha256_1mib_portable" => Some((1 << 20) as f64),
            "hmac_sha256_300b" => Some(300.0),
            "base64url_decode_1kib" | "base64url_decode_1kib_vs_simd" => {
                Some(kib_text.len() as f64)
            }
            "json_parse_claims" | "json_parse_claims_vs_typed" => Some(CLAIMS.len() as f64),
            _ => None,
        }
    };
    let mut ratio_lines = Vec::new();
    for figure in &mut figures {
        let m = measure(figure, &settings);
        for (i, e) in figure.entries.iter().enumerate() {
            let med = median(&mut m.samples[i].clone());
            let mbs =
                bytes(figure.id).map_or(String::from("-"), |b| format!("{:.0}", b / med * 1e3));
            let ratio = if i == 0 {
                format!("target {}", figure.target)
            } else {
                format!("{:.3}", paired_ratio(&m.samples[0], &m.samples[i]))
            };
            let allocs = m.allocations[i].map_or(String::from("-"), |a| a.to_string());
            println!(
                "{:<28} {:<14} {:>12.1} {:>9} {:>10} {:>8}",
                if i == 0 { figure.id } else { "" },
                e.name,
                med,
                mbs,
                ratio,
                allocs
            );
        }
        match &figure.ratios {
            Ratios::FirstPeer => ratio_lines.push(format!(
                "RATIO {} {:.3}",
                figure.id,
                paired_ratio(&m.samples[0], &m.samples[1])
            )),
            Ratios::Peers(peers) => {
                for (peer, id) in peers {
                    let i = figure
                        .entries
                        .iter()
                        .position(|e| e.name == *peer)
                        .expect("a RATIO line names a peer of its figure");
                    ratio_lines.push(format!(
                        "RATIO {id} {:.3}",
                        paired_ratio(&m.samples[0], &m.samples[i])
                    ));
                }
            }
            Ratios::None => {}
        }
    }
    println!("(RATIO lines: barejwt time / first peer listed time)");
    println!("(EdDSA RATIO lines: barejwt time / time of the peer the id names)");
    println!("(RSA and ECDSA RATIO lines: the same; <alg>_<op>_vs_jsonwebtoken from the token figures, _vs_ring, _vs_awslc, _vs_k256 from the signature-alone ones)");
    println!("elapsed {:.1} s", started.elapsed().as_secs_f64());
    for line in ratio_lines {
        println!("{line}");
    }
}
