//! The issuer's JWK Set, cached: when to fetch it again, and what to do
//! when that fails.
//!
//! | event | what happens |
//! | --- | --- |
//! | start | one fetch; if it fails the server starts anyway, keyless, and answers 503 until a fetch succeeds |
//! | the set is older than its `max-age` | the next request fetches it again (at most once per cooldown) |
//! | a token's `kid` is not in the set | one refetch, at most once per cooldown, then the token is checked again |
//! | a flood of tokens with random `kid`s | still at most one fetch per cooldown: the others are counted, not sent |
//! | a fetch fails (refused, slow, oversize, bad JSON, not a JWK Set, no usable key) | the keys we have are kept, and used |
//! | a fetch is running | other requests use the keys we have, or, needing a new `kid`, wait for it (never past the fetch timeout) |
//!
//! Freshness is the response's `Cache-Control: max-age` (RFC 9111
//! §5.2.2.1), capped at [`MAX_FRESHNESS`], or the default given at start
//! when the issuer says nothing. A set that is too old is still used while
//! the issuer is down: refusing every token would turn an issuer outage
//! into an outage of every API. Retired keys go when the issuer drops them
//! from a set we manage to fetch.
//!
//! Verifiers read an immutable snapshot ([`SharedKeys`]), replaced whole by
//! a successful fetch; the lock of this file is held for bookkeeping only,
//! never during a fetch or a signature check.

use crate::fetch::{self, Url};
use barejwt::{JwkSet, KeyPolicy, SharedKeys};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// The longest a fetched set counts as fresh, whatever the issuer says.
pub const MAX_FRESHNESS: Duration = Duration::from_secs(86_400);
/// The largest JWK Set body accepted: a set of 16 RSA-4096 keys is about
/// 13 KiB.
pub const MAX_JWKS_BYTES: usize = 64 * 1024;
/// Media types accepted for a JWK Set (RFC 7517 §8.5.1, and the generic one
/// most issuers send).
const JWK_SET_TYPES: [&str; 2] = ["application/jwk-set+json", "application/json"];

/// The settings of a cache.
#[derive(Debug, Clone)]
pub struct Policy {
    /// The shortest time between two fetches of any cause.
    pub cooldown: Duration,
    /// Freshness when the issuer sends no `max-age`.
    pub default_freshness: Duration,
    /// The deadline of one whole fetch.
    pub fetch_timeout: Duration,
}

/// Why a fetch was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    Start,
    Stale,
    UnknownKid,
}

impl Reason {
    fn as_str(self) -> &'static str {
        match self {
            Reason::Start => "at start",
            Reason::Stale => "the cached set is past its max-age",
            Reason::UnknownKid => "a token names a kid the cached set does not hold",
        }
    }
}

/// Counts, for `/status` and the logs.
#[derive(Debug, Clone, Default)]
pub struct Stats {
    /// Fetches sent to the issuer.
    pub fetches: u64,
    /// Of those, the ones that failed (old keys kept).
    pub failures: u64,
    /// Refetches wanted (an unknown kid, a stale set) but not sent because
    /// the cooldown had not passed.
    pub held_back: u64,
    /// Refetches wanted for an unknown kid that used the result of another
    /// request's fetch instead (running, or landed since the token was
    /// first checked).
    pub joined: u64,
    /// Why the last failed fetch failed.
    pub last_error: Option<String>,
}

struct State {
    /// Until when the current set is fresh.
    fresh_until: Instant,
    /// When the last fetch started.
    last_fetch: Option<Instant>,
    /// Whether a fetch is running now (one at a time).
    fetching: bool,
    /// Whether any fetch has ever succeeded.
    loaded: bool,
    stats: Stats,
}

/// The issuer's keys, as last fetched.
pub struct KeyCache {
    url: Url,
    policy: Policy,
    keys: SharedKeys<JwkSet>,
    state: Mutex<State>,
    /// Signalled when a fetch ends.
    fetched: Condvar,
}

impl KeyCache {
    /// An empty cache for the set at `url`; call [`KeyCache::fetch_at_start`].
    pub fn new(url: Url, policy: Policy) -> KeyCache {
        KeyCache {
            url,
            policy,
            keys: SharedKeys::new(JwkSet::default()),
            state: Mutex::new(State {
                fresh_until: Instant::now(),
                last_fetch: None,
                fetching: false,
                loaded: false,
                stats: Stats::default(),
            }),
            fetched: Condvar::new(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // Every field is replaced whole: a poisoned lock guards usable state.
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The first fetch; `false` if it failed (the server starts keyless).
    pub fn fetch_at_start(&self) -> bool {
        self.fetch(self.lock(), Reason::Start).1
    }

    /// The keys to verify a request with. When the set is past its
    /// freshness and the cooldown allows, this request fetches it first
    /// (bounded by the fetch timeout); if another fetch is running, the
    /// keys we have are used at once.
    pub fn current(&self) -> Arc<JwkSet> {
        let mut state = self.lock();
        if Instant::now() >= state.fresh_until && !state.fetching {
            if self.cooled_down(&state) {
                state = self.fetch(state, Reason::Stale).0;
            } else {
                state.stats.held_back += 1;
            }
        }
        drop(state);
        self.keys.snapshot()
    }

    /// After a token named a `kid` that `seen` does not hold: a newer set,
    /// if there is one or a fetch (at most one per cooldown) brings it;
    /// `None` when the keys are unchanged.
    pub fn refetch_for_unknown_kid(&self, seen: &Arc<JwkSet>) -> Option<Arc<JwkSet>> {
        let mut state = self.lock();
        // Wait for a running fetch: it may bring the kid. Bounded, as the
        // fetch itself is.
        let until = Instant::now() + self.policy.fetch_timeout;
        while state.fetching {
            let left = until.saturating_duration_since(Instant::now());
            if left.is_zero() {
                state.stats.joined += 1;
                return None;
            }
            state = match self.fetched.wait_timeout(state, left) {
                Ok((guard, _)) => guard,
                Err(poisoned) => poisoned.into_inner().0,
            };
        }
        let newer = |keys: &SharedKeys<JwkSet>| {
            let now = keys.snapshot();
            (!Arc::ptr_eq(&now, seen)).then_some(now)
        };
        if let Some(now) = newer(&self.keys) {
            state.stats.joined += 1;
            return Some(now);
        }
        if !self.cooled_down(&state) {
            state.stats.held_back += 1;
            return None;
        }
        drop(self.fetch(state, Reason::UnknownKid));
        newer(&self.keys)
    }

    fn cooled_down(&self, state: &State) -> bool {
        state
            .last_fetch
            .map_or(true, |at| at.elapsed() >= self.policy.cooldown)
    }

    /// Fetches with the lock released meanwhile: takes the caller's guard,
    /// hands it back taken again, with whether the set was replaced.
    fn fetch<'a>(
        &'a self,
        mut state: MutexGuard<'a, State>,
        reason: Reason,
    ) -> (MutexGuard<'a, State>, bool) {
        state.fetching = true;
        state.last_fetch = Some(Instant::now());
        state.stats.fetches += 1;
        let count = state.stats.fetches;
        drop(state);
        let outcome = self.download();
        let mut state = self.lock();
        state.fetching = false;
        let replaced = match outcome {
            Ok((set, freshness)) => {
                let kids = kids(&set);
                self.keys.replace(set);
                state.fresh_until = Instant::now() + freshness;
                state.loaded = true;
                eprintln!(
                    "api_server: fetch #{count} of {} ({}): {} key(s) [{kids}], fresh for {} s",
                    self.url,
                    reason.as_str(),
                    self.keys.snapshot().len(),
                    freshness.as_secs()
                );
                true
            }
            Err(why) => {
                state.stats.failures += 1;
                eprintln!(
                    "api_server: fetch #{count} of {} ({}) failed: {why}; keeping the {} key(s) we have",
                    self.url,
                    reason.as_str(),
                    self.keys.snapshot().len()
                );
                state.stats.last_error = Some(why);
                false
            }
        };
        self.fetched.notify_all();
        (state, replaced)
    }

    /// One fetch, judged: the set and how long it is fresh, or why not.
    fn download(&self) -> Result<(JwkSet, Duration), String> {
        let response = fetch::get(&self.url, self.policy.fetch_timeout, MAX_JWKS_BYTES)?;
        if response.status != 200 {
            return Err(format!("the issuer answered {}", response.status));
        }
        match response.media_type.as_deref() {
            Some(t) if JWK_SET_TYPES.contains(&t) => {}
            other => {
                return Err(format!(
                    "the response's Content-Type is {}, not a JWK Set",
                    other.map_or("absent".to_string(), |t| format!("{t:?}"))
                ))
            }
        }
        let set = JwkSet::parse_with_policy(&response.body, &KeyPolicy::default())
            .map_err(|e| format!("not a JWK Set: {e}"))?;
        if set.is_empty() {
            // Taking it would refuse every token: far likelier a broken
            // issuer than one that revoked every key at once.
            return Err("the JWK Set holds no usable key".into());
        }
        let freshness = response
            .cache_control
            .as_deref()
            .and_then(fetch::max_age)
            .map_or(self.policy.default_freshness, Duration::from_secs)
            .min(MAX_FRESHNESS);
        Ok((set, freshness))
    }

    /// Whether any fetch has succeeded yet.
    pub fn loaded(&self) -> bool {
        self.lock().loaded
    }

    /// The counts so far.
    pub fn stats(&self) -> Stats {
        self.lock().stats.clone()
    }

    /// The `kid`s of the cached set.
    pub fn kids(&self) -> Vec<String> {
        self.keys
            .snapshot()
            .keys()
            .iter()
            .filter_map(|k| k.kid().map(str::to_string))
            .collect()
    }

    /// The cooldown between fetches.
    pub fn cooldown(&self) -> Duration {
        self.policy.cooldown
    }
}

/// The `kid`s of `set`, for a log line.
fn kids(set: &JwkSet) -> String {
    set.keys()
        .iter()
        .map(|k| k.kid().unwrap_or("(no kid)"))
        .collect::<Vec<_>>()
        .join(", ")
}
