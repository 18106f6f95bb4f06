//! The signing keys of a public-key issuer, and their rotation.
//!
//! One key signs (the current one); each token's header names it by `kid`,
//! the key's RFC 7638 thumbprint. The next key is published already, one
//! rotation ahead, so that verifiers which fetched the set since the last
//! rotation know it before it signs anything. Rotating makes the next key
//! sign from that instant, and a fresh next key; the key it replaces is
//! retired: it signs no more but stays in the published JWK Set until the
//! last token it signed has expired (`exp` passed), then it is dropped. So
//! a verifier that fetches the set at any time finds the key of every
//! token still alive, and never a key whose tokens are all dead.
//!
//! ```text
//!   t0 login  -> token A, kid K1, exp t0+ttl      published: K1, K2 (next)
//!   t1 rotate -> K2 signs; K1 retired             published: K2, K3 (next), K1
//!   t1 login  -> token B, kid K2                  published: K2, K3, K1
//!   t0+ttl    -> A expires: K1 dropped            published: K2, K3
//! ```
//!
//! Concurrency: the ring's state sits behind one mutex held only for
//! bookkeeping, never while signing or generating a key. What verifiers
//! and `/.well-known/jwks.json` read is an immutable snapshot
//! ([`barejwt::SharedKeys`]): the set and its JSON text together, replaced
//! whole whenever the keys change. Private keys never leave this file
//! except as bound signing [`Key`]s; the published text is written by
//! [`JwkSet::to_public_json`], which writes public members only.

use barejwt::crypto::rand::OsRandom;
use barejwt::{
    Algorithm, AsymmetricKey, Error, Jwk, JwkSet, Key, KeyResolver, ResolvedKey, SharedKeys,
};
use std::sync::{Arc, Mutex, MutexGuard};

/// The most keys published at once (the current one, the next one, and the
/// retired ones whose tokens live on). Bounds the set's size and the work
/// of a verifier; a rotation beyond it is refused.
pub const MAX_PUBLISHED: usize = 16;

/// One key of the ring.
struct Entry {
    kid: String,
    signing: Arc<Key>,
    public: Jwk,
    /// The latest `exp` of any token this key signed (0: none yet).
    last_exp: u64,
}

impl Entry {
    fn new(key: &AsymmetricKey, alg: Algorithm) -> Result<Entry, Error> {
        let public = Jwk::public_signing(key, alg)?;
        Ok(Entry {
            kid: key.thumbprint(),
            signing: Arc::new(key.key(alg)?),
            public,
            last_exp: 0,
        })
    }
}

struct Ring {
    current: Entry,
    /// Published, signs after the next rotation.
    next: Entry,
    /// Oldest first.
    retired: Vec<Entry>,
    /// When the schedule rotates next (server seconds), if it does.
    next_rotation: Option<u64>,
}

/// What verifiers and the JWK Set endpoint read: one consistent snapshot.
#[derive(Debug)]
pub struct Published {
    /// The published keys, to verify with.
    pub set: JwkSet,
    /// The same keys as the JSON text `/.well-known/jwks.json` serves.
    pub json: String,
}

impl KeyResolver for Published {
    fn check_algorithm(&self, alg: Algorithm, kid: Option<&str>) -> Result<(), Error> {
        self.set.check_algorithm(alg, kid)
    }

    fn resolve(&self, alg: Algorithm, kid: Option<&str>) -> Result<ResolvedKey<'_>, Error> {
        self.set.resolve(alg, kid)
    }
}

/// The key to sign one token with.
pub struct Signer {
    pub kid: String,
    pub key: Arc<Key>,
}

/// The outcome of a rotation.
pub struct Rotated {
    pub new_kid: String,
    pub retired_kid: String,
    /// Until when the retired key stays published (0: it signed nothing and
    /// is dropped at once).
    pub retired_until: u64,
}

/// The rotating keys of one algorithm.
pub struct KeyRing {
    alg: Algorithm,
    rotate_every_secs: Option<u64>,
    state: Mutex<Ring>,
    published: SharedKeys<Published>,
}

impl KeyRing {
    /// A ring whose first signing key is `first`, and a generated next key;
    /// with `rotate_every_secs` it rotates on that schedule (driven by
    /// [`KeyRing::tick`]).
    ///
    /// # Errors
    ///
    /// When `first` does not fit `alg` or is not a private key, or no next
    /// key can be generated.
    pub fn new(
        alg: Algorithm,
        first: &AsymmetricKey,
        rotate_every_secs: Option<u64>,
        now: u64,
    ) -> Result<KeyRing, String> {
        if !first.is_private() {
            return Err("the signing key is a public key; a private key is needed".into());
        }
        let current = Entry::new(first, alg).map_err(|e| format!("unusable signing key: {e}"))?;
        let next = Entry::new(&KeyRing::generate(alg)?, alg)
            .map_err(|e| format!("unusable next key: {e}"))?;
        let ring = Ring {
            current,
            next,
            retired: Vec::new(),
            next_rotation: rotate_every_secs.map(|every| now.saturating_add(every)),
        };
        let published = SharedKeys::new(publish(&ring));
        Ok(KeyRing {
            alg,
            rotate_every_secs,
            state: Mutex::new(ring),
            published,
        })
    }

    /// A fresh private key for this ring's algorithm, from the OS.
    ///
    /// # Errors
    ///
    /// When no randomness can be read.
    pub fn generate(alg: Algorithm) -> Result<AsymmetricKey, String> {
        AsymmetricKey::generate(alg, &mut OsRandom)
            .map_err(|e| format!("cannot generate a {alg} key: {e}"))
    }

    fn lock(&self) -> MutexGuard<'_, Ring> {
        // A panic under the lock cannot leave the ring half-updated in a
        // way that matters: every field is replaced whole.
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The current key, to sign a token that expires at `exp`. The key is
    /// recorded as having signed until `exp` before it is handed out, so a
    /// rotation that follows keeps it published until then.
    pub fn signer(&self, exp: u64) -> Signer {
        let mut ring = self.lock();
        ring.current.last_exp = ring.current.last_exp.max(exp);
        Signer {
            kid: ring.current.kid.clone(),
            key: Arc::clone(&ring.current.signing),
        }
    }

    /// The published keys now, after dropping those whose last token has
    /// expired by `now`.
    pub fn published(&self, now: u64) -> Arc<Published> {
        self.drop_expired(now);
        self.published.snapshot()
    }

    /// Makes the next key sign from now on, publishes a fresh next key,
    /// and retires the current one.
    ///
    /// # Errors
    ///
    /// When the set would exceed [`MAX_PUBLISHED`] keys, or no key can be
    /// generated.
    pub fn rotate(&self, now: u64) -> Result<Rotated, String> {
        self.drop_expired(now);
        if self.lock().retired.len() + 3 > MAX_PUBLISHED {
            return Err(format!(
                "{MAX_PUBLISHED} keys are published already; a retired key is dropped when its last token expires"
            ));
        }
        // Generated outside the lock: RSA key generation takes a while.
        let key = KeyRing::generate(self.alg)?;
        let entry = Entry::new(&key, self.alg).map_err(|e| format!("unusable new key: {e}"))?;
        let mut ring = self.lock();
        if ring.retired.len() + 3 > MAX_PUBLISHED {
            return Err(format!("{MAX_PUBLISHED} keys are published already"));
        }
        let next = std::mem::replace(&mut ring.next, entry);
        let old = std::mem::replace(&mut ring.current, next);
        let rotated = Rotated {
            new_kid: ring.current.kid.clone(),
            retired_kid: old.kid.clone(),
            retired_until: old.last_exp,
        };
        // A key that signed nothing still alive is dropped at once.
        if old.last_exp > now {
            ring.retired.push(old);
        }
        ring.next_rotation = self
            .rotate_every_secs
            .map(|every| now.saturating_add(every));
        self.published.replace(publish(&ring));
        Ok(rotated)
    }

    /// The schedule's work at `now`: rotate when due, drop expired keys.
    /// Called by a timer thread, and cheap when there is nothing to do.
    ///
    /// # Errors
    ///
    /// As [`KeyRing::rotate`], when a due rotation fails (it is retried a
    /// second later).
    pub fn tick(&self, now: u64) -> Result<Option<Rotated>, String> {
        let due = self.lock().next_rotation.is_some_and(|at| now >= at);
        if due {
            return self.rotate(now).map(Some).map_err(|why| {
                self.lock().next_rotation = Some(now.saturating_add(1));
                why
            });
        }
        self.drop_expired(now);
        Ok(None)
    }

    /// Drops every retired key whose last token has expired (RFC 7519
    /// §4.1.4: a token is refused on or after its `exp`).
    fn drop_expired(&self, now: u64) {
        let mut ring = self.lock();
        let before = ring.retired.len();
        ring.retired.retain(|entry| entry.last_exp > now);
        if ring.retired.len() != before {
            self.published.replace(publish(&ring));
        }
    }
}

/// The snapshot of a ring's keys: current first, next, then the retired
/// ones, newest first.
fn publish(ring: &Ring) -> Published {
    let entries = [&ring.current, &ring.next]
        .into_iter()
        .chain(ring.retired.iter().rev());
    let set = JwkSet::from_keys(entries.map(|e| e.public.clone()));
    Published {
        json: set.to_public_json(),
        set,
    }
}
