//! The login flow of issue 17, written with typed claims and the claims
//! builder: a token with a role, a scopes array and a nested object, read
//! back into a struct. Its jsonwebtoken + serde twin is in the note.
use barejwt::{sign, typed_claims, verify, Algorithm, ClaimsBuilder, Error, Key, Validation};
use std::time::Duration;

const ISSUER: &str = "https://auth.example.com";
const AUDIENCE: &str = "api.example.com";

typed_claims! {
    #[derive(Debug, PartialEq)]
    struct Session {
        sub: String,
        role: String,
        scopes: Vec<String>,
        org: Org,
    }
}

typed_claims! {
    #[derive(Debug, PartialEq)]
    struct Org {
        id: u64,
        name: String,
    }
}

fn issue(key: &Key, session: &Session) -> Result<String, Error> {
    let claims = ClaimsBuilder::new()
        .issuer(ISSUER)
        .audience(AUDIENCE)
        .issued_now()
        .expires_in(Duration::from_secs(15 * 60))
        .claims(session)
        .build();
    sign(key, &claims)
}

fn check(key: &Key, token: &str, audience: &str) -> Result<Session, Error> {
    let validation = Validation::new(&[Algorithm::Hs256])
        .issuer(ISSUER)
        .audience(audience);
    verify(token, key, &validation)?.claims().read()
}

#[test]
fn login_issues_a_token_that_reads_back_into_the_session() {
    let key = Key::hs256(b"an example secret of 32+ bytes!!").unwrap();
    let session = Session {
        sub: "alice".into(),
        role: "admin".into(),
        scopes: vec!["read".into(), "write".into()],
        org: Org {
            id: 7,
            name: "Example".into(),
        },
    };
    let token = issue(&key, &session).unwrap();
    assert_eq!(check(&key, &token, AUDIENCE).unwrap(), session);
    assert!(check(&key, &token, "other.example.com").is_err());
}
