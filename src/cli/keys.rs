//! Key sources (`--key-file`, `--key-env`, `--key-b64`, `--pem-file`,
//! `--jwk-file`, `--jwks-file`) and the command line's [`KeyResolver`].
//!
//! Two moments, as the contract separates them:
//!
//! 1. Reading the source, before the token is read. A file that cannot be
//!    read, an unset variable, text that is not canonical base64url, a PEM
//!    file that is not one key block of strict DER, a JWK or JWK Set file
//!    that is not JSON of the right shape: usage errors (exit 2).
//! 2. Using the key, at the verifier's key-selection step, after the header
//!    checks. A secret that is empty, or too short without
//!    `--allow-short-key`, a key that is not a usable key of its family (a
//!    point of small order, an unsupported curve), or a JWK with malformed
//!    key material: `invalid_key` (exit 1). [`CliKeys`] holds such an error until the
//!    verifier asks for the key, so that a token with a malformed header is
//!    still reported as `malformed`.

use super::args::{show, Usage};
use barejwt::jwk::Operation;
use barejwt::{
    Algorithm, AsymmetricKey, Error, ErrorKind, Jwk, JwkSet, Key, KeyPolicy, KeyResolver,
    ResolvedKey,
};
use std::ffi::OsString;
use std::io::Read;
use std::path::PathBuf;

/// The largest key, JWK or JWK Set file read (1 MiB): far above any real
/// key, and it keeps `--key-file /dev/zero` from exhausting memory.
pub const MAX_KEY_FILE_LEN: u64 = 1 << 20;

/// Where the key comes from: exactly one of the key flags.
#[derive(Debug, Clone)]
pub enum KeySource {
    /// `--key-file PATH`: the secret is the file's bytes, exactly.
    File(PathBuf),
    /// `--key-env NAME`: the secret is the variable's bytes.
    Env(OsString),
    /// `--key-b64 TEXT`: the secret is TEXT decoded as base64url.
    B64(String),
    /// `--pem-file PATH`: one public or private key in PEM (RFC 7468).
    PemFile(PathBuf),
    /// `--jwk-file PATH`: one JSON Web Key.
    JwkFile(PathBuf),
    /// `--jwks-file PATH`: a JWK Set; `kid` picks the key.
    JwksFile(PathBuf),
}

/// The key flags every keyed command takes.
pub const KEY_FLAGS: [&str; 6] = [
    "key-file",
    "key-env",
    "key-b64",
    "pem-file",
    "jwk-file",
    "jwks-file",
];

impl KeySource {
    /// The one key source among the parsed flags.
    ///
    /// # Errors
    ///
    /// None or several given.
    pub fn from_flags(
        command: &'static str,
        parsed: &super::args::Parsed,
    ) -> Result<KeySource, Usage> {
        let given: Vec<&str> = KEY_FLAGS
            .into_iter()
            .filter(|name| parsed.has(name))
            .collect();
        let (name, value) = match given.as_slice() {
            [one] => (*one, parsed.raw(one).unwrap_or_default().to_os_string()),
            [] => {
                return Err(Usage::new(
                    Some(command),
                    "a key is needed: give one of --key-file, --key-env, --key-b64, --pem-file, --jwk-file, --jwks-file",
                ))
            }
            [first, second, ..] => {
                return Err(Usage::new(
                    Some(command),
                    format!("give exactly one key source, not both --{first} and --{second}"),
                ))
            }
        };
        let text = || {
            value
                .to_str()
                .map(str::to_string)
                .ok_or_else(|| Usage::new(Some(command), format!("--{name} must be UTF-8 text")))
        };
        Ok(match name {
            "key-file" => KeySource::File(PathBuf::from(&value)),
            "key-env" => KeySource::Env(value.clone()),
            "key-b64" => KeySource::B64(text()?),
            "pem-file" => KeySource::PemFile(PathBuf::from(&value)),
            "jwk-file" => KeySource::JwkFile(PathBuf::from(&value)),
            _ => KeySource::JwksFile(PathBuf::from(&value)),
        })
    }

    /// Reads the source (step 1 above).
    ///
    /// # Errors
    ///
    /// A usage error for anything unreadable or not of the right shape.
    pub fn load(&self, command: &'static str, allow_short: bool) -> Result<Loaded, Usage> {
        let usage = |message: String| Usage::new(Some(command), message);
        let policy = if allow_short {
            KeyPolicy::new().allowing_short_hmac_secret()
        } else {
            KeyPolicy::new()
        };
        match self {
            KeySource::File(path) => Ok(Loaded::Secret(read_file(command, "--key-file", path)?)),
            KeySource::Env(name) => match std::env::var_os(name) {
                Some(value) => Ok(Loaded::Secret(os_bytes(value))),
                None => Err(usage(format!(
                    "--key-env: the environment variable {} is not set",
                    show(&name.to_string_lossy())
                ))),
            },
            KeySource::B64(text) => barejwt::base64url::decode_secret(text.as_bytes())
                .map(Loaded::Secret)
                .map_err(|e| {
                    usage(format!(
                        "--key-b64 is not canonical base64url without padding (RFC 4648 §5): {e}"
                    ))
                }),
            KeySource::PemFile(path) => {
                let text = read_file(command, "--pem-file", path)?;
                match AsymmetricKey::from_pem(&text) {
                    Ok(key) => Ok(Loaded::Pem(Ok(key))),
                    // Not a key file this tool reads: a usage error naming
                    // the problem (the contract, "PEM files").
                    Err(e) if e.kind() == ErrorKind::Malformed => Err(usage(format!(
                        "--pem-file {}: {}",
                        show(&path.to_string_lossy()),
                        e.reason()
                    ))),
                    // A key, but not a usable one: judged at key selection,
                    // after its family is judged against `alg`.
                    Err(e) => Ok(Loaded::Pem(Err(Unusable {
                        error: e,
                        family: pem_family(&text),
                    }))),
                }
            }
            KeySource::JwkFile(path) => {
                let text = read_file(command, "--jwk-file", path)?;
                match Jwk::parse_deferring_key_errors(&text, &policy) {
                    Ok(jwk) => Ok(Loaded::Jwk(Ok(jwk))),
                    // Readable, but the key in it cannot be used: judged at
                    // key selection.
                    Err(e) if e.kind() == ErrorKind::InvalidKey => Ok(Loaded::Jwk(Err(e))),
                    Err(e) => Err(usage(format!(
                        "--jwk-file {}: {}",
                        show(&path.to_string_lossy()),
                        e.reason()
                    ))),
                }
            }
            KeySource::JwksFile(path) => {
                let text = read_file(command, "--jwks-file", path)?;
                JwkSet::parse_with_policy(&text, &policy)
                    .map(Loaded::Set)
                    .map_err(|e| {
                        usage(format!(
                            "--jwks-file {}: {}",
                            show(&path.to_string_lossy()),
                            e.reason()
                        ))
                    })
            }
        }
    }
}

/// A key source, read.
#[derive(Debug)]
pub enum Loaded {
    /// A raw HMAC secret (possibly empty or short: judged later).
    Secret(Vec<u8>),
    /// One key from a PEM file, or why it cannot be used.
    Pem(Result<AsymmetricKey, Unusable>),
    /// One JWK, or why its key material cannot be used.
    Jwk(Result<Jwk, Error>),
    /// A JWK Set (unsupported keys already skipped).
    Set(JwkSet),
}

/// A key file whose key cannot be used, and the family it is of, so that a
/// token of another family is still refused at the `alg` step first.
#[derive(Debug, Clone)]
pub struct Unusable {
    /// Why the key cannot be used (`invalid_key`).
    pub error: Error,
    /// The algorithms the key's family and curve would fit; `None` when the
    /// file names no family this tool reads (an unsupported curve: then it
    /// is `invalid_key` for every algorithm).
    pub family: Option<Vec<Algorithm>>,
}

impl Unusable {
    /// The error for `alg`: `algorithm_not_allowed` when the family does
    /// not fit it, else the key's own error.
    fn error_for(&self, alg: Algorithm) -> Error {
        match &self.family {
            Some(algs) if !algs.contains(&alg) => Error::new(
                ErrorKind::AlgorithmNotAllowed,
                format!(
                    "{alg} does not fit the key in the PEM file (it fits {})",
                    names(algs)
                ),
            ),
            _ => self.error.clone(),
        }
    }
}

fn names(algs: &[Algorithm]) -> String {
    algs.iter()
        .map(|a| a.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The algorithms a PEM file's key would fit by its family and curve, read
/// from the key file's structure alone (no key checks).
fn pem_family(text: &[u8]) -> Option<Vec<Algorithm>> {
    use barejwt::crypto::pkix::{
        InvalidKeyProblem, KeyError, KeyFile, NamedCurve, PrivateKeyInfo, PublicKeyInfo,
    };
    let file = match barejwt::crypto::pkix::parse_pem(text) {
        Ok(file) => file,
        // An Ed25519 key of the wrong length: the family is known.
        Err(KeyError::InvalidKey {
            problem: InvalidKeyProblem::Ed25519Length(_),
            ..
        }) => {
            return Some(
                Algorithm::ALL
                    .into_iter()
                    .filter(|a| a.is_eddsa())
                    .collect(),
            )
        }
        Err(_) => return None,
    };
    let fits: fn(&Algorithm) -> bool = match file {
        KeyFile::Public(PublicKeyInfo::Rsa { .. }) | KeyFile::Private(PrivateKeyInfo::Rsa(_)) => {
            |a| a.is_rsa()
        }
        KeyFile::Public(PublicKeyInfo::Ed25519 { .. })
        | KeyFile::Private(PrivateKeyInfo::Ed25519 { .. }) => |a| a.is_eddsa(),
        KeyFile::Public(PublicKeyInfo::Ec { curve, .. })
        | KeyFile::Private(PrivateKeyInfo::Ec { curve, .. }) => match curve {
            NamedCurve::P256 => |a| *a == Algorithm::Es256,
            NamedCurve::P384 => |a| *a == Algorithm::Es384,
            NamedCurve::P521 => |a| *a == Algorithm::Es512,
            NamedCurve::Secp256k1 => |a| *a == Algorithm::Es256K,
        },
    };
    Some(Algorithm::ALL.into_iter().filter(fits).collect())
}

fn read_file(command: &'static str, flag: &str, path: &PathBuf) -> Result<Vec<u8>, Usage> {
    let fail = |why: String| {
        Usage::new(
            Some(command),
            format!(
                "{flag}: cannot read {}: {why}",
                show(&path.to_string_lossy())
            ),
        )
    };
    let file = std::fs::File::open(path).map_err(|e| fail(e.to_string()))?;
    let mut bytes = Vec::new();
    file.take(MAX_KEY_FILE_LEN + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| fail(e.to_string()))?;
    if bytes.len() as u64 > MAX_KEY_FILE_LEN {
        return Err(fail(format!("it is over {MAX_KEY_FILE_LEN} bytes")));
    }
    Ok(bytes)
}

/// The bytes of an environment variable's value, exactly.
#[cfg(unix)]
fn os_bytes(value: OsString) -> Vec<u8> {
    use std::os::unix::ffi::OsStringExt;
    value.into_vec()
}

/// The bytes of an environment variable's value (its UTF-8 form where the
/// platform has no byte view).
#[cfg(not(unix))]
fn os_bytes(value: OsString) -> Vec<u8> {
    value.to_string_lossy().into_owned().into_bytes()
}

/// A short-secret error from a JWK, with the flag that would accept it
/// named, as for a raw secret.
fn name_short_key_flag(e: Error) -> Error {
    if e.kind() == ErrorKind::InvalidKey
        && e.reason()
            .ends_with("unless short keys are explicitly allowed")
    {
        Error::new(
            ErrorKind::InvalidKey,
            format!("{} (--allow-short-key)", e.reason()),
        )
    } else {
        e
    }
}

/// An HMAC key for `alg` from a raw secret; an unusable secret's error
/// names the flag that would accept a short one.
fn secret_key(alg: Algorithm, secret: &[u8], allow_short: bool) -> Result<Key, Error> {
    let made = if allow_short {
        Key::hmac_allowing_short_secret(alg, secret)
    } else {
        Key::hmac(alg, secret)
    };
    made.map_err(|e| {
        if e.kind() == ErrorKind::InvalidKey && !allow_short && !secret.is_empty() {
            Error::new(
                ErrorKind::InvalidKey,
                format!("{} (--allow-short-key)", e.reason()),
            )
        } else {
            e
        }
    })
}

/// The keys `verify` hands to the library, with unusable ones kept as the
/// error they will be reported as, at key selection.
#[derive(Debug)]
pub enum CliKeys {
    /// A raw secret: one key (or why it is unusable) per allowed HMAC
    /// algorithm, each made once.
    Secret(Vec<(Algorithm, Result<Key, Error>)>),
    /// A key from a PEM file: one bound key (or why it cannot be used) per
    /// allowed algorithm, each made once.
    Pem(Vec<(Algorithm, Result<Key, Error>)>),
    /// One JWK, or why its key material is unusable.
    Jwk(Result<Jwk, Error>),
    /// A JWK Set.
    Set(JwkSet),
}

impl CliKeys {
    /// The keys for verifying tokens whose `alg` is one of `allowed`.
    pub fn for_verify(loaded: Loaded, allowed: &[Algorithm], allow_short: bool) -> CliKeys {
        match loaded {
            Loaded::Secret(secret) => CliKeys::Secret(
                allowed
                    .iter()
                    .filter(|a| a.is_hmac())
                    .map(|&alg| (alg, secret_key(alg, &secret, allow_short)))
                    .collect(),
            ),
            Loaded::Pem(key) => CliKeys::Pem(
                allowed
                    .iter()
                    .map(|&alg| {
                        let made = match &key {
                            Ok(k) => k.key(alg),
                            Err(unusable) => Err(unusable.error_for(alg)),
                        };
                        (alg, made)
                    })
                    .collect(),
            ),
            Loaded::Jwk(jwk) => CliKeys::Jwk(jwk),
            Loaded::Set(set) => CliKeys::Set(set),
        }
    }
}

impl KeyResolver for CliKeys {
    fn check_algorithm(&self, alg: Algorithm, kid: Option<&str>) -> Result<(), Error> {
        match self {
            CliKeys::Secret(_) if alg.is_hmac() => Ok(()),
            CliKeys::Secret(_) => Err(Error::new(
                ErrorKind::AlgorithmNotAllowed,
                format!("the token says {alg}, but the key is an HMAC secret"),
            )),
            // A key that does not fit `alg` is refused here; an unusable
            // one at key selection.
            CliKeys::Pem(keys) => match keys.iter().find(|(a, _)| *a == alg) {
                Some((_, Err(e))) if e.kind() == ErrorKind::AlgorithmNotAllowed => Err(e.clone()),
                _ => Ok(()),
            },
            CliKeys::Jwk(Ok(jwk)) => jwk.check_algorithm(alg, kid),
            // The JWK's own members could not be read; its error is
            // reported at key selection, the next step that needs the key.
            CliKeys::Jwk(Err(_)) => Ok(()),
            CliKeys::Set(set) => set.check_algorithm(alg, kid),
        }
    }

    fn resolve(&self, alg: Algorithm, kid: Option<&str>) -> Result<ResolvedKey<'_>, Error> {
        match self {
            CliKeys::Secret(keys) => match keys.iter().find(|(a, _)| *a == alg) {
                Some((_, Ok(key))) => Ok(ResolvedKey::Borrowed(key)),
                Some((_, Err(e))) => Err(e.clone()),
                // The verifier checked `alg` against the allow-list first,
                // and every allowed HMAC algorithm has its slot.
                None => Err(Error::new(
                    ErrorKind::AlgorithmNotAllowed,
                    format!("{alg} is not in the allowed list"),
                )),
            },
            CliKeys::Pem(keys) => match keys.iter().find(|(a, _)| *a == alg) {
                Some((_, Ok(key))) => Ok(ResolvedKey::Borrowed(key)),
                Some((_, Err(e))) => Err(e.clone()),
                None => Err(Error::new(
                    ErrorKind::AlgorithmNotAllowed,
                    format!("{alg} is not in the allowed list"),
                )),
            },
            CliKeys::Jwk(Ok(jwk)) => jwk.resolve(alg, kid).map_err(name_short_key_flag),
            CliKeys::Jwk(Err(e)) => Err(e.clone()),
            CliKeys::Set(set) => set.resolve(alg, kid).map_err(name_short_key_flag),
        }
    }
}

/// The key `encode` signs with: `alg` from `--alg`, `kid` from `--header`
/// (used only to pick a key from a set).
///
/// # Errors
///
/// `algorithm_not_allowed` for an algorithm this build cannot sign with or
/// that does not fit the key; `invalid_key`; `unknown_key` (a set without
/// a key for `kid`).
pub fn signing_key(
    loaded: &Loaded,
    alg: Algorithm,
    kid: Option<&str>,
    allow_short: bool,
) -> Result<Key, Error> {
    if !alg.is_supported() {
        return Err(Error::new(
            ErrorKind::AlgorithmNotAllowed,
            format!("{alg} is not supported by this build"),
        ));
    }
    let key = match loaded {
        Loaded::Secret(secret) if !alg.is_hmac() => Err(Error::new(
            ErrorKind::AlgorithmNotAllowed,
            format!("--alg is {alg}, but the key is an HMAC secret"),
        )),
        Loaded::Secret(secret) => secret_key(alg, secret, allow_short),
        Loaded::Pem(Ok(key)) => key.key(alg),
        Loaded::Pem(Err(unusable)) => Err(unusable.error_for(alg)),
        Loaded::Jwk(Ok(jwk)) => jwk.key(alg, Operation::Sign).cloned(),
        Loaded::Jwk(Err(e)) => Err(e.clone()),
        Loaded::Set(set) => set.signing_key(alg, kid).cloned(),
    }?;
    // The contract: "encode needs a private key: a public key there is
    // invalid_key".
    if !key.can_sign() {
        return Err(Error::new(
            ErrorKind::InvalidKey,
            format!("the key is a public key; encode --alg {alg} needs the private key"),
        ));
    }
    Ok(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_holds_one_key_or_error_per_allowed_hmac_algorithm() {
        let keys = CliKeys::for_verify(
            Loaded::Secret(vec![7u8; 40]),
            &[Algorithm::Hs256, Algorithm::Hs512, Algorithm::Rs256],
            false,
        );
        assert!(keys.resolve(Algorithm::Hs256, None).is_ok());
        let err = keys.resolve(Algorithm::Hs512, None).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidKey);
        assert!(err.reason().contains("--allow-short-key"), "{err}");
        assert_eq!(
            keys.check_algorithm(Algorithm::Rs256, None)
                .unwrap_err()
                .kind(),
            ErrorKind::AlgorithmNotAllowed
        );
    }

    #[test]
    fn an_empty_secret_is_invalid_even_when_short_keys_are_allowed() {
        let keys = CliKeys::for_verify(Loaded::Secret(Vec::new()), &[Algorithm::Hs256], true);
        assert!(keys.check_algorithm(Algorithm::Hs256, None).is_ok());
        assert_eq!(
            keys.resolve(Algorithm::Hs256, None).unwrap_err().kind(),
            ErrorKind::InvalidKey
        );
    }

    #[test]
    fn encode_refuses_algorithms_it_cannot_sign_with() {
        let loaded = Loaded::Secret(vec![1u8; 64]);
        assert_eq!(
            signing_key(&loaded, Algorithm::Es256, None, false)
                .unwrap_err()
                .kind(),
            ErrorKind::AlgorithmNotAllowed
        );
        assert!(signing_key(&loaded, Algorithm::Hs512, None, false).is_ok());
    }
}
