//! Keys that change while tokens are verified: `SharedKeys` snapshots, a
//! resolver that hands out shared keys, and the `Send + Sync` bounds that
//! let one verifier serve many threads.

use barejwt::json::{Number, Object, Value};
use barejwt::jwk::Operation;
use barejwt::{
    sign_with_header, verify, Algorithm, Clock, ErrorKind, HeaderFields, Jwk, JwkSet, Key,
    KeyResolver, ResolvedKey, SharedKeys, Validation,
};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;

fn assert_send_sync<T: Send + Sync>() {}

#[test]
fn keys_snapshots_and_validations_cross_threads() {
    assert_send_sync::<Key>();
    assert_send_sync::<ResolvedKey<'static>>();
    assert_send_sync::<JwkSet>();
    assert_send_sync::<SharedKeys<JwkSet>>();
    assert_send_sync::<Validation>();
    assert_send_sync::<Clock>();
}

fn oct(kid: &str, byte: u8) -> Jwk {
    let k = barejwt::base64url::encode(&[byte; 32]);
    Jwk::parse(format!(r#"{{"kty":"oct","kid":"{kid}","k":"{k}"}}"#).as_bytes()).unwrap()
}

fn token_for(jwk: &Jwk, kid: &str) -> String {
    let key = jwk.key(Algorithm::Hs256, Operation::Sign).unwrap();
    let mut claims = Object::new();
    claims.insert("exp", Value::Number(Number::from_u64(4_102_444_800)));
    sign_with_header(key, &HeaderFields::new().kid(kid), &claims).unwrap()
}

#[test]
fn replace_retires_a_key_for_new_verifications_only() {
    let (a, b) = (oct("a", 1), oct("b", 2));
    let keys = SharedKeys::new(JwkSet::from_keys(vec![a.clone()]));
    let (token_a, token_b) = (token_for(&a, "a"), token_for(&b, "b"));
    let v = Validation::new(&[Algorithm::Hs256]);

    let before = keys.snapshot();
    assert!(verify(&token_a, &before, &v).is_ok());
    assert_eq!(
        verify(&token_b, &before, &v).unwrap_err().kind(),
        ErrorKind::UnknownKey
    );

    // Rotation: "b" signs from now on, "a" stays published beside it.
    let old = keys.replace(JwkSet::from_keys(vec![b.clone(), a.clone()]));
    assert!(Arc::ptr_eq(&old, &before));
    assert!(verify(&token_a, &keys.snapshot(), &v).is_ok());
    assert!(verify(&token_b, &keys.snapshot(), &v).is_ok());

    // "a" retired: refused by new snapshots, while the one taken before
    // still holds the set it was taken from.
    keys.replace(JwkSet::from_keys(vec![b]));
    assert_eq!(
        verify(&token_a, &keys.snapshot(), &v).unwrap_err().kind(),
        ErrorKind::UnknownKey
    );
    assert!(verify(&token_a, &before, &v).is_ok());
}

#[test]
fn threads_verify_while_the_set_is_replaced() {
    // Two keys always published; the set is rebuilt in alternating orders
    // while four threads verify. Every verification must succeed: a
    // snapshot is never seen half replaced.
    let (a, b) = (oct("a", 1), oct("b", 2));
    let keys = Arc::new(SharedKeys::new(JwkSet::from_keys(vec![
        a.clone(),
        b.clone(),
    ])));
    let tokens = Arc::new([token_for(&a, "a"), token_for(&b, "b")]);
    let stop = Arc::new(AtomicBool::new(false));
    let verified = Arc::new(AtomicUsize::new(0));
    let v = Arc::new(Validation::new(&[Algorithm::Hs256]));

    let workers: Vec<_> = (0..4)
        .map(|i| {
            let (keys, tokens, stop, verified, v) = (
                Arc::clone(&keys),
                Arc::clone(&tokens),
                Arc::clone(&stop),
                Arc::clone(&verified),
                Arc::clone(&v),
            );
            std::thread::spawn(move || {
                for n in 0..20_000 {
                    if stop.load(Ordering::Relaxed) && n > 100 {
                        break;
                    }
                    let token = &tokens[(i + n) % 2];
                    verify(token, &keys.snapshot(), &v).expect("both keys are always published");
                    verified.fetch_add(1, Ordering::Relaxed);
                }
            })
        })
        .collect();
    for round in 0..500 {
        let set = if round % 2 == 0 {
            vec![b.clone(), a.clone()]
        } else {
            vec![a.clone(), b.clone()]
        };
        keys.replace(JwkSet::from_keys(set));
    }
    stop.store(true, Ordering::Relaxed);
    for worker in workers {
        worker.join().unwrap();
    }
    assert!(verified.load(Ordering::Relaxed) >= 4 * 100);
}

/// A store that counts lookups and hands out `Arc` clones.
struct CountingStore {
    key: Arc<Key>,
    lookups: AtomicUsize,
}

impl KeyResolver for CountingStore {
    fn check_algorithm(&self, alg: Algorithm, _kid: Option<&str>) -> Result<(), barejwt::Error> {
        self.key.fits(alg)
    }
    fn resolve(
        &self,
        _alg: Algorithm,
        _kid: Option<&str>,
    ) -> Result<ResolvedKey<'_>, barejwt::Error> {
        self.lookups.fetch_add(1, Ordering::Relaxed);
        Ok(ResolvedKey::Shared(Arc::clone(&self.key)))
    }
}

#[test]
fn a_shared_key_is_still_bound_to_its_algorithm() {
    let hs512 = Key::hmac(Algorithm::Hs512, &[9u8; 64]).unwrap();
    let store = CountingStore {
        key: Arc::new(hs512),
        lookups: AtomicUsize::new(0),
    };
    // A token signed HS256 with other bytes: the store's key is HS512, so
    // the alg step refuses it before any lookup.
    let jwk = oct("x", 9);
    let token = token_for(&jwk, "x");
    let v = Validation::new(&[Algorithm::Hs256, Algorithm::Hs512]);
    assert_eq!(
        verify(&token, &store, &v).unwrap_err().kind(),
        ErrorKind::AlgorithmNotAllowed
    );
    assert_eq!(store.lookups.load(Ordering::Relaxed), 0);

    // A resolver whose check says yes but whose key does not fit is caught
    // by the verifier's own `fits` on the key handed back.
    struct Lying(Arc<Key>);
    impl KeyResolver for Lying {
        fn check_algorithm(&self, _: Algorithm, _: Option<&str>) -> Result<(), barejwt::Error> {
            Ok(())
        }
        fn resolve(
            &self,
            _: Algorithm,
            _: Option<&str>,
        ) -> Result<ResolvedKey<'_>, barejwt::Error> {
            Ok(ResolvedKey::Shared(Arc::clone(&self.0)))
        }
    }
    assert_eq!(
        verify(&token, &Lying(Arc::clone(&store.key)), &v)
            .unwrap_err()
            .kind(),
        ErrorKind::AlgorithmNotAllowed
    );
}
