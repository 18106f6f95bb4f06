//! Public and private keys of the public-key families, before they are
//! bound to an algorithm: read from a key file (PEM, DER) or a JWK's
//! members, generated, and written back out (SPKI and PKCS #8 PEM, JWK,
//! the RFC 7638 thumbprint).
//!
//! An [`AsymmetricKey`] is one key; [`AsymmetricKey::key`] binds it to one
//! algorithm as a [`Key`] (RFC 8725 §3.1), after checking that the
//! algorithm fits the key's family and curve (the command line contract,
//! "Which key fits which `alg`"). Built today: Ed25519 (`EdDSA`,
//! `Ed25519`), EC on P-256, P-384, P-521 and secp256k1 (ES256, ES384,
//! ES512, ES256K) and RSA (RS256 ... PS512).

use super::ec::{algorithm_of, curve_of, CarriedPublic, EcKey, ScalarSource};
use super::eddsa::EdKey;
use super::rsa::{scheme_of, RsaKey};
use super::Key;
use crate::alg::Algorithm;
use crate::base64url;
use crate::crypto::ec::Curve;
use crate::crypto::pkix::NamedCurve;
use crate::crypto::pkix::{self, ErrorClass, KeyError, KeyFile, PrivateKeyInfo, PublicKeyInfo};
use crate::crypto::rand::RandomSource;
use crate::crypto::sha2::Sha256;
use crate::error::{Error, ErrorKind};
use crate::json::{Object, Value};
use alloc::format;
use alloc::string::{String, ToString};
use alloc::sync::Arc;

/// A public or private key of a public-key family, not yet bound to an
/// algorithm. Cheap to clone (the key is shared). `Debug` shows the
/// family, never a private value.
///
/// ```
/// use barejwt::{Algorithm, AsymmetricKey};
///
/// // RFC 8410 §10.3's private key.
/// let pem = b"-----BEGIN PRIVATE KEY-----
/// MC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC
/// -----END PRIVATE KEY-----
/// ";
/// let key = AsymmetricKey::from_pem(pem)?;
/// assert!(key.is_private());
/// let signing = key.key(Algorithm::EdDsa)?;
/// assert_eq!(signing.algorithm(), Algorithm::EdDsa);
/// // An Ed25519 key never fits an RSA or HMAC algorithm.
/// assert!(key.key(Algorithm::Rs256).is_err());
/// assert!(key.public_key_pem().starts_with("-----BEGIN PUBLIC KEY-----\n"));
/// # Ok::<(), barejwt::Error>(())
/// ```
#[derive(Clone)]
pub struct AsymmetricKey {
    family: Family,
}

#[derive(Clone)]
enum Family {
    Ed25519(Arc<EdKey>),
    Ec(Arc<EcKey>),
    Rsa(Arc<RsaKey>),
}

/// The EC curve of a key file's named curve (the same four, by name).
fn curve_of_named(named: NamedCurve) -> Option<Curve> {
    Curve::from_name(named.jwk_name())
}

/// The key file's name of an EC curve.
fn named_of(curve: Curve) -> Option<NamedCurve> {
    NamedCurve::ALL
        .into_iter()
        .find(|n| n.jwk_name() == curve.name())
}

fn unknown_curve(named: NamedCurve) -> Error {
    Error::new(
        ErrorKind::InvalidKey,
        format!("the curve {} is not supported", named.jwk_name()),
    )
}

impl AsymmetricKey {
    /// Reads the one key of a PEM text (RFC 7468; the labels and rules of
    /// the contract's "PEM files").
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Malformed`] when the text is not a key file this crate
    /// reads (bad PEM or DER, another label, an encrypted key, explicit
    /// curve parameters, an unsupported key algorithm: the command line's
    /// usage errors); [`ErrorKind::InvalidKey`] for a key that cannot be
    /// used (an unsupported curve, a value that is not a key);
    /// [`ErrorKind::AlgorithmNotAllowed`] for a family not built yet.
    pub fn from_pem(text: &[u8]) -> Result<AsymmetricKey, Error> {
        let file = pkix::parse_pem(text).map_err(key_file_error)?;
        AsymmetricKey::from_key_file(&file)
    }

    /// The key a parsed key file holds, checked as a key of its family.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidKey`] for a value that is not a usable key;
    /// [`ErrorKind::AlgorithmNotAllowed`] for a family not built yet.
    pub fn from_key_file(file: &KeyFile) -> Result<AsymmetricKey, Error> {
        let family = match file {
            KeyFile::Public(PublicKeyInfo::Ed25519 { key }) => {
                Family::Ed25519(Arc::new(EdKey::public(key)?))
            }
            KeyFile::Private(PrivateKeyInfo::Ed25519 { seed, public }) => Family::Ed25519(
                Arc::new(EdKey::private(seed, public.as_ref().map(|p| &p[..]))?),
            ),
            KeyFile::Public(PublicKeyInfo::Rsa { n, e }) => {
                Family::Rsa(Arc::new(RsaKey::public(n, e)?))
            }
            KeyFile::Private(PrivateKeyInfo::Rsa(c)) => Family::Rsa(Arc::new(RsaKey::private(
                &c.n, &c.e, &c.d, &c.p, &c.q, &c.dp, &c.dq, &c.qi,
            )?)),
            KeyFile::Public(PublicKeyInfo::Ec { curve, point }) => {
                let curve = curve_of_named(*curve).ok_or_else(|| unknown_curve(*curve))?;
                Family::Ec(Arc::new(EcKey::from_point(curve, point)?))
            }
            KeyFile::Private(PrivateKeyInfo::Ec { curve, d, public }) => {
                let curve = curve_of_named(*curve).ok_or_else(|| unknown_curve(*curve))?;
                let carried = match public {
                    Some(point) => CarriedPublic::Point(point),
                    None => CarriedPublic::None,
                };
                Family::Ec(Arc::new(EcKey::private(
                    curve,
                    d,
                    ScalarSource::KeyFile,
                    carried,
                )?))
            }
        };
        Ok(AsymmetricKey { family })
    }

    /// An Ed25519 public key from its 32-octet encoding (JWK `x`).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidKey`]: not 32 octets, not the canonical encoding
    /// of a curve point, or a point of small order.
    pub fn ed25519_public(x: &[u8]) -> Result<AsymmetricKey, Error> {
        Ok(AsymmetricKey {
            family: Family::Ed25519(Arc::new(EdKey::public(x)?)),
        })
    }

    /// An Ed25519 private key from its 32-octet seed (JWK `d`); `x`, when
    /// given, must be the public key the seed gives.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidKey`]: a seed not of 32 octets, or an `x` that
    /// differs.
    pub fn ed25519_private(seed: &[u8], x: Option<&[u8]>) -> Result<AsymmetricKey, Error> {
        Ok(AsymmetricKey {
            family: Family::Ed25519(Arc::new(EdKey::private(seed, x)?)),
        })
    }

    /// An EC public key from JWK `x` and `y`, each exactly the field's size
    /// (32, 48, 66 octets; secp256k1 32).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidKey`]: a coordinate of the wrong size or not below
    /// p, a point not on the curve.
    pub fn ec_public(curve: Curve, x: &[u8], y: &[u8]) -> Result<AsymmetricKey, Error> {
        Ok(AsymmetricKey {
            family: Family::Ec(Arc::new(EcKey::from_coordinates(curve, x, y)?)),
        })
    }

    /// An EC private key from JWK `d` (exactly the order's size), with the
    /// `x` and `y` the JWK carries, which must be the point `d` gives.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidKey`]: `d` of the wrong size or outside 1..n−1,
    /// or `x`/`y` that differ from the computed point.
    pub fn ec_private(curve: Curve, d: &[u8], x: &[u8], y: &[u8]) -> Result<AsymmetricKey, Error> {
        // The carried point must be a valid one in its own right too.
        EcKey::from_coordinates(curve, x, y)?;
        Ok(AsymmetricKey {
            family: Family::Ec(Arc::new(EcKey::private(
                curve,
                d,
                ScalarSource::Jwk,
                CarriedPublic::Coordinates(x, y),
            )?)),
        })
    }

    /// An RSA public key from JWK `n` and `e` (big-endian; leading zero
    /// octets accepted).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidKey`]: a modulus outside 2048 to 8192 bits or
    /// even; an exponent even, below 3 or at least 2^33.
    pub fn rsa_public(n: &[u8], e: &[u8]) -> Result<AsymmetricKey, Error> {
        Ok(AsymmetricKey {
            family: Family::Rsa(Arc::new(RsaKey::public(n, e)?)),
        })
    }

    /// An RSA private key from its eight components (JWK `n`, `e`, `d`,
    /// `p`, `q`, `dp`, `dq`, `qi`), every consistency rule checked.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidKey`] naming the first rule broken (p·q = n,
    /// 0 < d < n, d·e ≡ 1 mod lcm(p−1, q−1), dp, dq, qi).
    #[allow(clippy::too_many_arguments)] // the eight values of RFC 7518 §6.3
    pub fn rsa_private(
        n: &[u8],
        e: &[u8],
        d: &[u8],
        p: &[u8],
        q: &[u8],
        dp: &[u8],
        dq: &[u8],
        qi: &[u8],
    ) -> Result<AsymmetricKey, Error> {
        Ok(AsymmetricKey {
            family: Family::Rsa(Arc::new(RsaKey::private(n, e, d, p, q, dp, dq, qi)?)),
        })
    }

    /// A fresh RSA private key of `bits` bits (2048, 3072 or 4096), e =
    /// 65537, from `rng` (FIPS 186-5 Appendix A.1.3).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidKey`] for another size, or when the random
    /// source fails.
    pub fn generate_rsa(bits: usize, rng: &mut impl RandomSource) -> Result<AsymmetricKey, Error> {
        let private = crate::crypto::rsa::RsaPrivateKey::generate(bits, rng)
            .map_err(|e| Error::new(ErrorKind::InvalidKey, format!("{e}; no key was made")))?;
        Ok(AsymmetricKey {
            family: Family::Rsa(Arc::new(RsaKey::Private(private))),
        })
    }

    /// A fresh private key for `alg` from `rng` (RS*, PS*: a 2048-bit RSA
    /// key, see [`AsymmetricKey::generate_rsa`] for other sizes; EdDSA, Ed25519: an
    /// Ed25519 key; ES256, ES384, ES512, ES256K: a key on its curve).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::AlgorithmNotAllowed`] for an algorithm without a key
    /// family built here; [`ErrorKind::InvalidKey`] when the random source
    /// fails.
    pub fn generate(alg: Algorithm, rng: &mut impl RandomSource) -> Result<AsymmetricKey, Error> {
        match alg {
            Algorithm::EdDsa | Algorithm::Ed25519 => {
                let private =
                    crate::crypto::ed25519::Ed25519PrivateKey::generate(rng).map_err(|e| {
                        Error::new(ErrorKind::InvalidKey, format!("{e}; no key was made"))
                    })?;
                Ok(AsymmetricKey {
                    family: Family::Ed25519(Arc::new(EdKey::Private(private))),
                })
            }
            _ if scheme_of(alg).is_some() => AsymmetricKey::generate_rsa(2048, rng),
            _ => match curve_of(alg) {
                Some(curve) => {
                    let private =
                        crate::crypto::ec::EcPrivateKey::generate(curve, rng).map_err(|e| {
                            Error::new(ErrorKind::InvalidKey, format!("{e}; no key was made"))
                        })?;
                    Ok(AsymmetricKey {
                        family: Family::Ec(Arc::new(EcKey::Private(private))),
                    })
                }
                None => Err(Error::new(
                    ErrorKind::AlgorithmNotAllowed,
                    format!("{alg} keys cannot be generated by this build"),
                )),
            },
        }
    }

    /// Whether this is a private key (which can sign).
    pub fn is_private(&self) -> bool {
        match &self.family {
            Family::Ed25519(ed) => ed.private_key().is_some(),
            Family::Ec(ec) => ec.private_key().is_some(),
            Family::Rsa(rsa) => rsa.private_key().is_some(),
        }
    }

    /// The JWK key type (`kty`) of this key: `OKP`, `RSA` or `EC`.
    pub fn kty(&self) -> &'static str {
        match &self.family {
            Family::Ed25519(_) => "OKP",
            Family::Ec(_) => "EC",
            Family::Rsa(_) => "RSA",
        }
    }

    /// The algorithms this key fits (its family and curve), in
    /// [`Algorithm::ALL`] order.
    pub fn algorithms(&self) -> impl Iterator<Item = Algorithm> + '_ {
        Algorithm::ALL
            .into_iter()
            .filter(move |alg| self.fits(*alg).is_ok())
    }

    /// Whether `alg` fits this key's family and curve (the contract's
    /// "Which key fits which `alg`").
    ///
    /// # Errors
    ///
    /// [`ErrorKind::AlgorithmNotAllowed`] naming the key's family.
    pub fn fits(&self, alg: Algorithm) -> Result<(), Error> {
        let (fits, family) = match &self.family {
            Family::Ed25519(_) => (
                alg.is_eddsa(),
                String::from("an Ed25519 key (EdDSA or Ed25519)"),
            ),
            Family::Rsa(rsa) => (
                scheme_of(alg).is_some(),
                format!(
                    "a {}-bit RSA key (RS256 ... PS512)",
                    rsa.public_key().bits()
                ),
            ),
            Family::Ec(ec) => (
                curve_of(alg) == Some(ec.curve()),
                format!(
                    "an EC key on {} ({})",
                    ec.curve().name(),
                    algorithm_of(ec.curve())
                ),
            ),
        };
        if fits {
            Ok(())
        } else {
            Err(Error::new(
                ErrorKind::AlgorithmNotAllowed,
                format!("the token says {alg}, but the key is {family}"),
            ))
        }
    }

    /// This key bound to `alg`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::AlgorithmNotAllowed`] when `alg` does not fit
    /// ([`AsymmetricKey::fits`]).
    pub fn key(&self, alg: Algorithm) -> Result<Key, Error> {
        self.fits(alg)?;
        Ok(match &self.family {
            Family::Ed25519(ed) => Key::ed25519(alg, ed.clone()),
            Family::Ec(ec) => Key::ec(alg, ec.clone()),
            Family::Rsa(rsa) => Key::rsa(alg, rsa.clone()),
        })
    }

    /// The public half as a key file's structure.
    fn public_info(&self) -> PublicKeyInfo {
        match &self.family {
            Family::Ed25519(ed) => PublicKeyInfo::Ed25519 {
                key: *ed.public_key().as_bytes(),
            },
            Family::Ec(ec) => PublicKeyInfo::Ec {
                // The four curves are the same in both modules, by name.
                curve: named_of(ec.curve()).unwrap_or(NamedCurve::P256),
                point: ec.public_key().to_uncompressed(),
            },
            Family::Rsa(rsa) => PublicKeyInfo::Rsa {
                n: rsa.public_key().n_be(),
                e: minimal(&rsa.public_key().e().to_be_bytes()),
            },
        }
    }

    /// The public key as a `PUBLIC KEY` PEM (SubjectPublicKeyInfo,
    /// RFC 5280 §4.1.2.7), 64-character lines, LF.
    pub fn public_key_pem(&self) -> String {
        pkix::write_pem(&KeyFile::Public(self.public_info()))
    }

    /// The private key as a `PRIVATE KEY` PEM (PKCS #8, RFC 5958),
    /// 64-character lines, LF.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidKey`] for a public key.
    pub fn private_key_pem(&self) -> Result<String, Error> {
        let info = match &self.family {
            Family::Ed25519(ed) => match ed.private_key() {
                Some(private) => PrivateKeyInfo::Ed25519 {
                    seed: *private.seed(),
                    public: None,
                },
                None => return Err(no_private_half()),
            },
            Family::Ec(ec) => match ec.private_key() {
                Some(private) => PrivateKeyInfo::Ec {
                    curve: named_of(ec.curve()).unwrap_or(NamedCurve::P256),
                    d: private.scalar_bytes(),
                    public: Some(ec.public_key().to_uncompressed()),
                },
                None => return Err(no_private_half()),
            },
            Family::Rsa(rsa) => match rsa.private_key() {
                Some(private) => {
                    let c = private.components();
                    PrivateKeyInfo::Rsa(pkix::RsaPrivateComponents {
                        n: c.n.clone(),
                        e: c.e.clone(),
                        d: c.d.clone(),
                        p: c.p.clone(),
                        q: c.q.clone(),
                        dp: c.dp.clone(),
                        dq: c.dq.clone(),
                        qi: c.qi.clone(),
                    })
                }
                None => return Err(no_private_half()),
            },
        };
        Ok(pkix::write_pem(&KeyFile::Private(info)))
    }

    /// The public JWK members (RFC 7518 §6, RFC 8037 §2): `kty` and the
    /// key's public members, nothing else.
    pub fn public_jwk(&self) -> Object {
        let mut jwk = Object::new();
        jwk.insert("kty", Value::String(self.kty().to_string()));
        match &self.family {
            Family::Ed25519(ed) => {
                jwk.insert("crv", Value::String("Ed25519".to_string()));
                jwk.insert(
                    "x",
                    Value::String(base64url::encode(ed.public_key().as_bytes())),
                );
            }
            Family::Ec(ec) => {
                let public = ec.public_key();
                jwk.insert("crv", Value::String(ec.curve().name().to_string()));
                jwk.insert("x", Value::String(base64url::encode(&public.x())));
                jwk.insert("y", Value::String(base64url::encode(&public.y())));
            }
            Family::Rsa(rsa) => {
                let public = rsa.public_key();
                jwk.insert("n", Value::String(base64url::encode(&public.n_be())));
                jwk.insert(
                    "e",
                    Value::String(base64url::encode(&minimal(&public.e().to_be_bytes()))),
                );
            }
        }
        jwk
    }

    /// The private JWK members: the public ones and the private value
    /// (`d`).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidKey`] for a public key.
    pub fn private_jwk(&self) -> Result<Object, Error> {
        let mut jwk = self.public_jwk();
        match &self.family {
            Family::Ed25519(ed) => match ed.private_key() {
                Some(private) => {
                    jwk.insert("d", Value::String(base64url::encode_secret(private.seed())));
                }
                None => return Err(no_private_half()),
            },
            Family::Ec(ec) => match ec.private_key() {
                Some(private) => {
                    jwk.insert(
                        "d",
                        Value::String(base64url::encode_secret(&private.scalar_bytes())),
                    );
                }
                None => return Err(no_private_half()),
            },
            Family::Rsa(rsa) => match rsa.private_key() {
                Some(private) => {
                    let c = private.components();
                    for (name, value) in [
                        ("d", &c.d),
                        ("p", &c.p),
                        ("q", &c.q),
                        ("dp", &c.dp),
                        ("dq", &c.dq),
                        ("qi", &c.qi),
                    ] {
                        jwk.insert(name, Value::String(base64url::encode_secret(value)));
                    }
                }
                None => return Err(no_private_half()),
            },
        }
        Ok(jwk)
    }

    /// The JWK thumbprint (RFC 7638 §3): SHA-256 over the required public
    /// members in lexicographic order, without white space, base64url. A
    /// natural `kid`.
    ///
    /// ```
    /// use barejwt::AsymmetricKey;
    /// // RFC 8037 Appendix A.3.
    /// let x = barejwt::base64url::decode(b"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo").unwrap();
    /// let key = AsymmetricKey::ed25519_public(&x)?;
    /// assert_eq!(key.thumbprint(), "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
    /// # Ok::<(), barejwt::Error>(())
    /// ```
    pub fn thumbprint(&self) -> String {
        // RFC 7638 §3.2: the required members only, names sorted, no white
        // space; the member values here are base64url and curve names, so
        // no escaping is ever needed.
        let text = match &self.family {
            Family::Ed25519(ed) => format!(
                r#"{{"crv":"Ed25519","kty":"OKP","x":"{}"}}"#,
                base64url::encode(ed.public_key().as_bytes())
            ),
            Family::Ec(ec) => {
                let public = ec.public_key();
                format!(
                    r#"{{"crv":"{}","kty":"EC","x":"{}","y":"{}"}}"#,
                    ec.curve().name(),
                    base64url::encode(&public.x()),
                    base64url::encode(&public.y())
                )
            }
            Family::Rsa(rsa) => {
                let public = rsa.public_key();
                format!(
                    r#"{{"e":"{}","kty":"RSA","n":"{}"}}"#,
                    base64url::encode(&minimal(&public.e().to_be_bytes())),
                    base64url::encode(&public.n_be())
                )
            }
        };
        base64url::encode(&Sha256::digest(text.as_bytes()))
    }
}

impl core::fmt::Debug for AsymmetricKey {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("AsymmetricKey")
            .field("kty", &self.kty())
            .field("private", &self.is_private())
            .finish_non_exhaustive()
    }
}

/// A key file error as the JOSE layer reports it: the file is not a key
/// file this crate reads ([`ErrorKind::Malformed`]), or the key in it cannot
/// be used ([`ErrorKind::InvalidKey`]).
pub(crate) fn key_file_error(e: KeyError) -> Error {
    let kind = match e.class() {
        ErrorClass::Usage => ErrorKind::Malformed,
        ErrorClass::InvalidKey => ErrorKind::InvalidKey,
    };
    Error::new(kind, format!("{e}"))
}

/// `bytes` without leading zero octets (RFC 7518 §6.3.1.2: `e` as the
/// minimal octets of its value).
fn minimal(bytes: &[u8]) -> alloc::vec::Vec<u8> {
    let start = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len());
    bytes.get(start..).unwrap_or_default().to_vec()
}

fn no_private_half() -> Error {
    Error::new(
        ErrorKind::InvalidKey,
        "the key is a public key; it has no private half to write",
    )
}
