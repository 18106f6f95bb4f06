//! The constant-time check of barejwt's secret code (see `README.md`):
//! each case marks its secret inputs undefined for valgrind's memcheck
//! ([`valgrind::make_mem_undefined`]), runs a secret operation of the
//! library, marks its public outputs defined again
//! ([`valgrind::declassify`], which first checks that they do depend on the
//! secret) and checks them against published vectors. Memcheck reports every branch ("Conditional jump or move
//! depends on uninitialised value(s)") and every memory address ("Use of
//! uninitialised value of size 8") computed from the secret in between.
//! The method is Adam Langley's ctgrind (2010), as in BoringSSL's
//! `CONSTTIME_SECRET` and libsecp256k1's `valgrind_ctime_test.c`.
//!
//! `barejwt-ct list` names the cases; `barejwt-ct run NAME` runs one.
//! `run.sh` runs each under valgrind in a process of its own.
//!
//! # Adding a case
//!
//! Write `fn my_case() -> String` in a file under `cases/` (one per
//! algorithm: `cases/rsa.rs`, `cases/ecdsa.rs`). Mark every secret input
//! with [`valgrind::secret`] or [`valgrind::make_mem_undefined`] (for a
//! `Vec`, its slice: `make_mem_undefined(v.as_mut_slice())`; marking the
//! `Vec` itself would mark its pointer and length), or draw it from
//! [`cases::SecretRandom`]; pass only public values (messages, lengths)
//! unmarked. Declassify outputs with [`valgrind::declassify`] only once
//! they leave the library, compare them with published vectors, and return
//! a line saying what was checked. Then add one row to [`CASES`]; `run.sh`
//! picks it up from `list`. Branches the library declassifies on purpose
//! are sorted by `barejwt-ct triage LOG` against the rules of `triage.rs`.

mod cases;
mod controls;
mod triage;
mod valgrind;
mod vectors;

/// The work of a case or control: it returns a line saying what it
/// checked.
type Work = fn() -> String;

/// A named piece of work run under valgrind.
struct Case {
    /// The name `run.sh` and `run NAME` use.
    name: &'static str,
    /// What runs with which inputs secret.
    about: &'static str,
    /// The work; returns what it checked.
    run: Work,
}

/// The real cases: valgrind must report nothing.
const CASES: &[Case] = &[
    Case {
        name: "ct-choice",
        about: "crypto::ct masks: from_bit, select_u64/u8, not/and/or, eq_u64, lt_u64, is_zero_u64 of secret words",
        run: cases::ct_helpers::choices,
    },
    Case {
        name: "ct-lookup-swap",
        about: "crypto::ct::lookup at a secret index, conditional_swap and conditional_assign on a secret choice",
        run: cases::ct_helpers::lookup_and_swap,
    },
    Case {
        name: "ct-eq",
        about: "crypto::ct::eq of a secret byte string against public and secret ones",
        run: cases::ct_helpers::byte_equality,
    },
    Case {
        name: "hmac",
        about: "Hmac::<Sha256/384/512>::new(secret key), mac(public message), ct::eq and verify against the published tag",
        run: cases::hmac::every_record,
    },
    Case {
        name: "ed25519-sign",
        about: "Ed25519PrivateKey::from_seed(secret seed) (SHA-512, clamping, A = [s]B), then sign(public message)",
        run: cases::ed25519::sign,
    },
    Case {
        name: "ed25519-generate",
        about: "Ed25519PrivateKey::generate from a RandomSource whose bytes are secret, then sign",
        run: cases::ed25519::generate,
    },
    Case {
        name: "base64url-decode-secret",
        about: "base64url::decode_secret of secret text (the vectors of vectors/base64url.txt, valid and malformed; random keys), its two declassification points handed to valgrind",
        run: cases::base64::decode_secret,
    },
    Case {
        name: "pem-private-key",
        about: "crypto::pem::decode of PKCS #8 private keys (Ed25519, P-256), every byte between the boundary lines secret, its declassification points (the layout, the flag) handed to valgrind",
        run: cases::base64::pem_private_key,
    },
    Case {
        name: "base64url-encode-secret",
        about: "base64url::encode_secret_to_slice of secret bytes (RFC 4648 vectors, random keys of 1 to 100 bytes): the JWK d and keygen secrets",
        run: cases::base64::encode_secret,
    },
    Case {
        name: "pem-encode-private-key",
        about: "crypto::pem::encode_bytes of PKCS #8 private keys (Ed25519, P-256), every DER byte secret",
        run: cases::base64::pem_encode_private_key,
    },
    Case {
        name: "ecdsa-sign-p256",
        about: "EcPrivateKey::from_scalar(P-256, secret d) (range check, d·G), then sign(public message): RFC 6979 nonce, k·G, k⁻¹, s",
        run: cases::ecdsa::sign_p256,
    },
    Case {
        name: "ecdsa-sign-p384",
        about: "EcPrivateKey::from_scalar(P-384, secret d) (range check, d·G), then sign(public message): RFC 6979 nonce, k·G, k⁻¹, s",
        run: cases::ecdsa::sign_p384,
    },
    Case {
        name: "ecdsa-sign-p521",
        about: "EcPrivateKey::from_scalar(P-521, secret d) (range check, d·G), then sign(public message): RFC 6979 nonce, k·G, k⁻¹, s",
        run: cases::ecdsa::sign_p521,
    },
    Case {
        name: "ecdsa-sign-secp256k1",
        about: "EcPrivateKey::from_scalar(secp256k1, secret d) (range check, d·G), then sign(public message): RFC 6979 nonce, k·G, k⁻¹, s",
        run: cases::ecdsa::sign_secp256k1,
    },
    Case {
        name: "ecdsa-generate-p256",
        about: "EcPrivateKey::generate(P-256) from a RandomSource whose bytes are secret (rejection sampling), then sign",
        run: cases::ecdsa::generate_p256,
    },
    Case {
        name: "ecdsa-generate-p384",
        about: "EcPrivateKey::generate(P-384) from a RandomSource whose bytes are secret (rejection sampling), then sign",
        run: cases::ecdsa::generate_p384,
    },
    Case {
        name: "ecdsa-generate-p521",
        about: "EcPrivateKey::generate(P-521) from a RandomSource whose bytes are secret (rejection sampling), then sign",
        run: cases::ecdsa::generate_p521,
    },
    Case {
        name: "ecdsa-generate-secp256k1",
        about: "EcPrivateKey::generate(secp256k1) from a RandomSource whose bytes are secret (rejection sampling), then sign",
        run: cases::ecdsa::generate_secp256k1,
    },
    Case {
        name: "rsa-sign-pkcs1v15",
        about: "RsaPrivateKey::from_components(secret d, p, q, dp, dq, qi) (key checks), then sign_pkcs1v15 with a secret blinding factor",
        run: cases::rsa::sign_pkcs1v15,
    },
    Case {
        name: "rsa-sign-pss",
        about: "RsaPrivateKey::from_components(secret d, p, q, dp, dq, qi) (key checks), then sign_pss with a secret blinding factor and salt",
        run: cases::rsa::sign_pss,
    },
    Case {
        name: "rsa-generate-2048",
        about: "RsaPrivateKey::generate(2048) from a RandomSource whose bytes are secret (primes, d, CRT values, key checks); then, reports off, sign and verify",
        run: cases::rsa::generate_2048,
    },
];

/// A negative control: deliberately variable-time, valgrind must report
/// it (see `controls.rs`); `run.sh` fails when it does not.
struct Control {
    /// The name `run.sh` and `run NAME` use.
    name: &'static str,
    /// What leaks.
    about: &'static str,
    /// The function whose frame the report must name.
    function: &'static str,
    /// The memcheck message the report must carry.
    report: &'static str,
    /// The work; returns what it ran.
    run: Work,
}

/// Memcheck's message for a branch on an undefined value.
const BRANCH: &str = "Conditional jump or move depends on uninitialised value(s)";
/// Memcheck's message for an address computed from an undefined value.
const ADDRESS: &str = "Use of uninitialised value of size 8";

/// The negative controls, one per kind of leak memcheck reports.
const CONTROLS: &[Control] = &[
    Control {
        name: "control-early-exit-eq",
        about: "an early-exit comparison of a secret tag (a secret branch)",
        function: "early_exit_eq_vartime",
        report: BRANCH,
        run: controls::early_exit_comparison,
    },
    Control {
        name: "control-table-index",
        about: "a table read at a secret index (a secret address)",
        function: "table_lookup_vartime",
        report: ADDRESS,
        run: controls::secret_table_index,
    },
    Control {
        name: "control-base64url-decode",
        about: "base64url::decode, the table-driven decoder for public tokens, on secret text (the leak decode_secret removes)",
        function: "barejwt::base64url::decode_to_slice",
        report: ADDRESS,
        run: controls::base64url_decode_of_secret,
    },
    Control {
        name: "control-base64url-encode",
        about: "base64url::encode_to_slice, the table-driven encoder for public text, on a secret key (the leak encode_secret removes)",
        function: "barejwt::base64url::encode_to_slice",
        report: ADDRESS,
        run: controls::base64url_encode_of_secret,
    },
];

/// Findings valgrind reports in the library's own code that its owner has
/// not fixed yet: `(case, what and where)`. Listing one does not make the
/// check pass; `run.sh` still fails on that case and names it a known
/// finding, so the report says which failures are new. Remove the row
/// with the fix.
const KNOWN_FINDINGS: &[(&str, &str)] = &[];

/// The case or control called `name`, as (about, work).
fn find(name: &str) -> Option<(&'static str, Work)> {
    let case = CASES.iter().find(|case| case.name == name);
    let control = CONTROLS.iter().find(|control| control.name == name);
    case.map(|case| (case.about, case.run))
        .or(control.map(|control| (control.about, control.run)))
}

/// What the CPU reports to the library's backend choice (`src/cpu/`):
/// valgrind shows the program its own CPUID, so the backends that run
/// under it may differ from those of the machine.
fn cpu_features() -> String {
    let seen = [
        ("sha", std::is_x86_feature_detected!("sha")),
        ("sse4.1", std::is_x86_feature_detected!("sse4.1")),
        ("avx2", std::is_x86_feature_detected!("avx2")),
        ("bmi2", std::is_x86_feature_detected!("bmi2")),
    ];
    seen.iter()
        .map(|(name, yes)| format!("{name}={}", if *yes { "yes" } else { "no" }))
        .collect::<Vec<_>>()
        .join(" ")
}

fn usage() -> ! {
    eprintln!("usage: barejwt-ct list | barejwt-ct run NAME | barejwt-ct triage LOG");
    std::process::exit(2);
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        // One line per entry, fields separated by tabs, for `run.sh`.
        ["list"] => {
            for case in CASES {
                println!("case\t{}\t{}", case.name, case.about);
            }
            for control in CONTROLS {
                println!(
                    "control\t{}\t{}\t{}\t{}",
                    control.name, control.function, control.report, control.about
                );
            }
            for (name, finding) in KNOWN_FINDINGS {
                println!("known\t{name}\t{finding}");
            }
        }
        ["run", name] => {
            let Some((about, work)) = find(name) else {
                eprintln!("no case named {name}");
                std::process::exit(2);
            };
            let under = valgrind::running_on_valgrind();
            println!("{name}: {about}");
            println!(
                "{name}: under valgrind: {}; CPU features seen: {}",
                if under {
                    "yes"
                } else {
                    "no (only the outputs are checked)"
                },
                cpu_features()
            );
            let checked = work();
            println!("{name}: done: {checked}");
        }
        // Outside valgrind, on a case's log: whether every report is a
        // documented declassification (see triage.rs).
        ["triage", log] => std::process::exit(if triage::triage(log) { 0 } else { 1 }),
        _ => usage(),
    }
}
