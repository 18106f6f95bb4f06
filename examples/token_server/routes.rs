//! The endpoints: `POST /login` issues a token, `GET /protected` verifies
//! one, `GET /.well-known/jwks.json` publishes the public keys, `POST
//! /rotate` rotates them, `GET /health` says the server is up.
//!
//! Error bodies are JSON objects `{"error": code, "error_description":
//! text}`, in the style of RFC 6749 §5.2. Every text is fixed, except why
//! a token was refused: that is barejwt's own message ([`bearer::describe`]),
//! which may quote the token's `kid` (cut to 64 characters, escaped).

use crate::bearer::{self, Credentials};
use crate::http::{self, Request, Response, Status};
use crate::{urandom, App, Signing, AUDIENCE, ISSUER};
use barejwt::json::{self, Limits, Number, Object, Value};
use barejwt::{sign, sign_with_header, typed_claims, verify, ClaimsBuilder, Clock, HeaderFields};
use std::net::SocketAddr;
use std::time::Duration;

/// The realm of every challenge (RFC 9110 §11.5).
pub const REALM: &str = "token_server";
/// Where the public keys are published: the path OpenID Connect Discovery
/// servers commonly use for `jwks_uri` (RFC 8414 §2 leaves it free).
pub const JWKS_PATH: &str = "/.well-known/jwks.json";
/// The registered media type of a JWK Set (RFC 7517 §8.5.1).
pub const JWK_SET_TYPE: &str = "application/jwk-set+json";

/// Bytes of randomness in a `jti`: 128 bits make a collision between any
/// two tokens negligible (RFC 7519 §4.1.7: "a negligible probability").
const JTI_BYTES: usize = 16;

typed_claims! {
    /// The private claim `grants`: who the token is for, and the video room
    /// they may join.
    pub struct Grants {
        pub identity: String,
        pub video: VideoGrant,
    }
}

typed_claims! {
    /// What `grants.video` allows.
    pub struct VideoGrant {
        pub room: String,
    }
}

/// Dispatches on path, then method. `peer`: who sent the request.
pub fn route(request: &Request, app: &App, peer: Option<SocketAddr>) -> Response {
    match (request.path.as_str(), request.method.as_str()) {
        ("/health", "GET") => Response::text(http::OK, "ok"),
        ("/login", "POST") => login(request, app),
        ("/protected", "GET") => protected(request, app),
        (JWKS_PATH, "GET") => jwks(app),
        ("/rotate", "POST") => rotate(app, peer),
        ("/health" | "/protected" | JWKS_PATH, _) => method_not_allowed("GET"),
        ("/login" | "/rotate", _) => method_not_allowed("POST"),
        _ => error(http::NOT_FOUND, "not_found", "no such resource"),
    }
}

/// A JSON error response ([`Response::error`]).
pub fn error(status: Status, code: &str, description: &str) -> Response {
    Response::error(status, code, description)
}

/// 405 with the `Allow` field RFC 9110 §15.5.6 requires.
fn method_not_allowed(allow: &'static str) -> Response {
    error(
        http::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        "method not allowed here",
    )
    .with_header("Allow", allow.to_string())
}

/// `POST /login` with `{"username": "..", "password": ".."}`.
fn login(request: &Request, app: &App) -> Response {
    // 1. The body must be declared JSON (RFC 8259 §11: application/json;
    //    parameters such as charset are ignored).
    let media_type = request
        .header("content-type")
        .and_then(|v| v.split(|&b| b == b';').next())
        .map(http::trim_ows);
    if !media_type.is_some_and(|t| t.eq_ignore_ascii_case(b"application/json")) {
        return error(
            http::UNSUPPORTED_MEDIA_TYPE,
            "invalid_request",
            "send the credentials as Content-Type: application/json",
        );
    }

    // 2. Strict JSON (barejwt::json: RFC 8259, duplicate names refused),
    //    one object deep, with exactly two string members.
    let Ok(Value::Object(body)) =
        json::parse_with_limits(&request.body, &Limits::new().with_max_depth(1))
    else {
        return error(
            http::BAD_REQUEST,
            "invalid_request",
            "the body is not a JSON object",
        );
    };
    let (Some(username), Some(password), 2) = (
        body.get("username").and_then(Value::as_str),
        body.get("password").and_then(Value::as_str),
        body.len(),
    ) else {
        return error(
            http::BAD_REQUEST,
            "invalid_request",
            "the body must have exactly the string members username and password",
        );
    };

    // 3. The password: the same work and the same answer for an unknown
    //    user as for a wrong password (users.rs).
    //    RFC 9110 §15.5.2 asks a 401 to carry a WWW-Authenticate challenge,
    //    but no HTTP authentication scheme describes credentials sent in a
    //    JSON body, so none is sent here.
    let Some(user) = app.users.authenticate(username, password) else {
        return error(
            http::UNAUTHORIZED,
            "invalid_credentials",
            "unknown user or wrong password",
        );
    };

    // 4. The token (RFC 7519 §4.1 registered claims, then private ones).
    let Ok(jti) = urandom::bytes::<JTI_BYTES>() else {
        return error(
            http::INTERNAL_SERVER_ERROR,
            "server_error",
            "no randomness available",
        );
    };
    let now = app.now();
    let grants = Grants {
        identity: user.name.clone(),
        video: VideoGrant {
            room: user.room.clone(),
        },
    };
    let claims = ClaimsBuilder::with_clock(Clock::Fixed(now))
        .issuer(ISSUER)
        .audience(AUDIENCE)
        .subject(&user.name)
        .issued_now()
        .expires_in(Duration::from_secs(app.ttl_secs))
        .jwt_id(&barejwt::base64url::encode(&jti))
        .claim("grants", grants.to_claims())
        .build();
    let signed = match &app.signing {
        Signing::Secret(key) => sign(key, &claims),
        Signing::Ring(ring) => {
            // The key is told the token's exp before it signs, so that a
            // rotation keeps it published until the token has expired.
            let signer = ring.signer(now.saturating_add(app.ttl_secs));
            sign_with_header(&signer.key, &HeaderFields::new().kid(&signer.kid), &claims)
        }
    };
    let Ok(token) = signed else {
        return error(
            http::INTERNAL_SERVER_ERROR,
            "server_error",
            "the token could not be signed",
        );
    };

    // 5. The answer, shaped like RFC 6749 §5.1's: never cached (the
    //    `Cache-Control: no-store` of every response, and `Pragma`).
    let mut answer = Object::new();
    answer.insert("access_token", Value::String(token));
    answer.insert("token_type", Value::String("Bearer".into()));
    answer.insert("expires_in", Value::Number(Number::from_u64(app.ttl_secs)));
    Response::json(http::OK, Value::Object(answer).to_json())
        .with_header("Pragma", "no-cache".to_string())
}

/// `GET /protected` with `Authorization: Bearer <token>` (see bearer.rs for
/// every answer and its reason).
fn protected(request: &Request, app: &App) -> Response {
    let token = match bearer::from_fields(request.headers_named("authorization")) {
        Credentials::Bearer(token) => token,
        Credentials::Missing | Credentials::OtherScheme => {
            return error(
                http::UNAUTHORIZED,
                "missing_token",
                "send Authorization: Bearer <token>",
            )
            .with_header("WWW-Authenticate", bearer::challenge(REALM));
        }
        Credentials::Malformed(why) => {
            return error(http::BAD_REQUEST, "invalid_request", why).with_header(
                "WWW-Authenticate",
                bearer::challenge_with_error(REALM, "invalid_request", why),
            );
        }
    };

    // The algorithm, issuer and audience are the server's; the time is the
    // server's clock (shifted by --now-offset); the keys are the secret or
    // the published set, as any verifier sees it.
    let now = app.now();
    let validation = app.validation.clone().now(now);
    let verified = match &app.signing {
        Signing::Secret(key) => verify(token, key, &validation),
        Signing::Ring(ring) => verify(token, &ring.published(now), &validation),
    };
    match verified {
        Ok(verified) => Response::json(http::OK, verified.claims().to_json()),
        Err(refusal) => invalid_token(REALM, &refusal),
    }
}

/// 401 `invalid_token` (RFC 6750 §3.1) saying why in barejwt's words:
/// the [`barejwt::Error`]'s display in the body, its quotable form in the
/// challenge.
fn invalid_token(realm: &str, refusal: &barejwt::Error) -> Response {
    error(http::UNAUTHORIZED, "invalid_token", &refusal.to_string()).with_header(
        "WWW-Authenticate",
        bearer::challenge_with_error(realm, "invalid_token", &bearer::describe(refusal)),
    )
}

/// `GET /.well-known/jwks.json`: the public keys, current first, each with
/// `kid` (its RFC 7638 thumbprint), `alg` and `use`; cacheable for
/// `--jwks-max-age` seconds. A verifier that meets a `kid` it does not
/// know refetches (the new key signs at once after a rotation).
fn jwks(app: &App) -> Response {
    match &app.signing {
        Signing::Secret(_) => error(
            http::NOT_FOUND,
            "not_found",
            "this server signs with HS256, a shared secret: it has no public keys to publish",
        ),
        Signing::Ring(ring) => {
            let published = ring.published(app.now());
            Response::with_type(http::OK, JWK_SET_TYPE, published.json.clone().into_bytes())
                .cache_for(app.jwks_max_age_secs)
        }
    }
}

/// `POST /rotate`: a fresh key signs from now on; the old one stays
/// published until its last token expires. An operator's endpoint: only
/// from the loopback interface (a real service would authenticate it).
fn rotate(app: &App, peer: Option<SocketAddr>) -> Response {
    if !peer.is_some_and(|p| p.ip().is_loopback()) {
        return error(
            http::FORBIDDEN,
            "forbidden",
            "keys are rotated only from the loopback interface",
        );
    }
    let Signing::Ring(ring) = &app.signing else {
        return error(
            http::NOT_FOUND,
            "not_found",
            "this server signs with HS256, a shared secret: it has no key pair to rotate",
        );
    };
    match ring.rotate(app.now()) {
        Ok(rotated) => {
            crate::log_rotation(&rotated);
            let mut answer = Object::new();
            answer.insert("kid", Value::String(rotated.new_kid));
            answer.insert("retired_kid", Value::String(rotated.retired_kid));
            answer.insert(
                "retired_until",
                Value::Number(Number::from_u64(rotated.retired_until)),
            );
            Response::json(http::OK, Value::Object(answer).to_json())
        }
        Err(why) => error(http::CONFLICT, "rotation_refused", &why),
    }
}
