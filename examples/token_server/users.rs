//! The demo user store: each password kept only as a PBKDF2-HMAC-SHA256
//! hash (RFC 8018 §5.2) with its own random salt and iteration count.
//!
//! A login takes the same path whether or not the user exists: an unknown
//! name is checked against a dummy record with the same cost, so neither
//! the response nor (roughly) its timing tells which names exist. The final
//! comparison is constant-time ([`constant_time_eq`]).

use crate::pbkdf2::{pbkdf2_hmac_sha256, DerivedKeyTooLong, H_LEN};
use crate::urandom;
use barejwt::hmac::constant_time_eq;
use std::io;
use std::num::NonZeroU32;

/// Salt length. RFC 8018 §4.1 asks for at least eight octets; 16 makes a
/// collision between any two salts negligible.
pub const SALT_LEN: usize = 16;
/// Length of the stored hash: one HMAC-SHA-256 block, so a single PBKDF2
/// block is computed (a longer key would only cost the defender more).
pub const HASH_LEN: usize = H_LEN;

/// The built-in users: name, demo password, the video room in their grants.
/// Documented in `--help`; a real service loads hashes, never passwords.
pub const DEMO_USERS: [(&str, &str, &str); 2] = [
    ("alice", "alice-demo-password", "daily-standup"),
    ("bob", "bob-demo-password", "design-review"),
];

/// One user: the stored hash and what a token grants them.
pub struct User {
    /// The login name, also the token's `sub`.
    pub name: String,
    /// The video room named in the token's `grants`.
    pub room: String,
    salt: [u8; SALT_LEN],
    iterations: NonZeroU32,
    hash: [u8; HASH_LEN],
}

impl User {
    /// Hashes `password` under a fresh random salt.
    fn new(name: &str, password: &str, room: &str, iterations: NonZeroU32) -> io::Result<User> {
        let salt = urandom::bytes::<SALT_LEN>()?;
        Ok(User {
            name: name.to_string(),
            room: room.to_string(),
            salt,
            iterations,
            hash: derive(password, &salt, iterations).map_err(io::Error::other)?,
        })
    }
}

/// PBKDF2-HMAC-SHA256 of `password` to [`HASH_LEN`] bytes (one block,
/// so in practice it never fails).
fn derive(
    password: &str,
    salt: &[u8],
    iterations: NonZeroU32,
) -> Result<[u8; HASH_LEN], DerivedKeyTooLong> {
    let mut hash = [0u8; HASH_LEN];
    pbkdf2_hmac_sha256(password.as_bytes(), salt, iterations, &mut hash)?;
    Ok(hash)
}

/// All users, plus the dummy record unknown names are checked against.
pub struct Users {
    users: Vec<User>,
    dummy: User,
}

impl Users {
    /// The [`DEMO_USERS`], hashed now with `iterations`.
    ///
    /// # Errors
    ///
    /// When no random salt can be read.
    pub fn demo(iterations: NonZeroU32) -> io::Result<Users> {
        let users = DEMO_USERS
            .iter()
            .map(|(name, password, room)| User::new(name, password, room, iterations))
            .collect::<io::Result<Vec<User>>>()?;
        // A random password nobody knows; the record is never returned.
        let dummy_password = barejwt::base64url::encode(&urandom::bytes::<32>()?);
        let dummy = User::new("", &dummy_password, "", iterations)?;
        Ok(Users { users, dummy })
    }

    /// The user, if `username` exists and `password` is theirs.
    pub fn authenticate(&self, username: &str, password: &str) -> Option<&User> {
        let (user, known) = match self.users.iter().find(|u| u.name == username) {
            Some(user) => (user, true),
            None => (&self.dummy, false),
        };
        let matches = derive(password, &user.salt, user.iterations)
            .is_ok_and(|derived| constant_time_eq(&derived, &user.hash));
        (known && matches).then_some(user)
    }
}
