//! The endpoints: `GET /protected` answers only a request that carries a
//! token the issuer signed, `GET /status` shows the key cache, `GET
//! /health` says the server is up.
//!
//! Errors are those of the token server: JSON bodies `{"error": code,
//! "error_description": text}`, and RFC 6750 challenges (`bearer.rs`),
//! with why a token was refused in barejwt's own words.

use crate::bearer::{self, Credentials};
use crate::http::{self, Request, Response};
use crate::App;
use barejwt::json::{Number, Object, Value};
use barejwt::{verify, ErrorKind};

/// The realm of every challenge (RFC 9110 §11.5).
pub const REALM: &str = "api_server";

/// Dispatches on path, then method.
pub fn route(request: &Request, app: &App) -> Response {
    match (request.path.as_str(), request.method.as_str()) {
        ("/health", "GET") => Response::text(http::OK, "ok"),
        ("/protected", "GET") => protected(request, app),
        ("/status", "GET") => status(app),
        ("/health" | "/protected" | "/status", _) => Response::error(
            http::METHOD_NOT_ALLOWED,
            "method_not_allowed",
            "method not allowed here",
        )
        .with_header("Allow", "GET".to_string()),
        _ => Response::error(http::NOT_FOUND, "not_found", "no such resource"),
    }
}

/// `GET /protected` with `Authorization: Bearer <token>`.
fn protected(request: &Request, app: &App) -> Response {
    let token = match bearer::from_fields(request.headers_named("authorization")) {
        Credentials::Bearer(token) => token,
        Credentials::Missing | Credentials::OtherScheme => {
            return Response::error(
                http::UNAUTHORIZED,
                "missing_token",
                "send Authorization: Bearer <token>",
            )
            .with_header("WWW-Authenticate", bearer::challenge(REALM));
        }
        Credentials::Malformed(why) => {
            return Response::error(http::BAD_REQUEST, "invalid_request", why).with_header(
                "WWW-Authenticate",
                bearer::challenge_with_error(REALM, "invalid_request", why),
            );
        }
    };

    // Without any key yet, refusing the token would blame the client for
    // the issuer's outage: 503 (RFC 6750 §3.1 has no code for it). A set
    // that was fetched is never empty (key_cache.rs).
    let keys = app.keys.current();
    if keys.is_empty() {
        return Response::error(
            http::SERVICE_UNAVAILABLE,
            "temporarily_unavailable",
            "the issuer's keys could not be fetched yet; retry shortly",
        )
        .with_header(
            "Retry-After",
            app.keys.cooldown().as_secs().max(1).to_string(),
        );
    }

    let validation = app.validation.clone().now(app.now());
    let mut verified = verify(token, &keys, &validation);
    // A kid we do not know: perhaps the issuer rotated. One refetch (at
    // most one per cooldown, whoever asks), then once more.
    if verified
        .as_ref()
        .is_err_and(|e| e.kind() == ErrorKind::UnknownKey)
    {
        if let Some(newer) = app.keys.refetch_for_unknown_kid(&keys) {
            verified = verify(token, &newer, &validation);
        }
    }
    match verified {
        Ok(verified) => {
            let mut answer = Object::new();
            answer.insert("message", Value::String("hello from the API".into()));
            answer.insert(
                "claims",
                Value::Object(verified.claims().as_object().clone()),
            );
            Response::json(http::OK, Value::Object(answer).to_json())
        }
        // The library's words: its display in the body, the quotable form
        // in the challenge (as the token server answers).
        Err(refusal) => Response::error(http::UNAUTHORIZED, "invalid_token", &refusal.to_string())
            .with_header(
                "WWW-Authenticate",
                bearer::challenge_with_error(REALM, "invalid_token", &bearer::describe(&refusal)),
            ),
    }
}

/// `GET /status`: what the key cache holds and how often it fetched.
fn status(app: &App) -> Response {
    let stats = app.keys.stats();
    let count = |n: u64| Value::Number(Number::from_u64(n));
    let mut answer = Object::new();
    answer.insert("jwks_url", Value::String(app.jwks_url.clone()));
    answer.insert("loaded", Value::Bool(app.keys.loaded()));
    answer.insert(
        "kids",
        Value::Array(app.keys.kids().into_iter().map(Value::String).collect()),
    );
    answer.insert("fetches", count(stats.fetches));
    answer.insert("failed_fetches", count(stats.failures));
    answer.insert("held_back_by_cooldown", count(stats.held_back));
    answer.insert("joined_another_fetch", count(stats.joined));
    answer.insert(
        "last_error",
        stats.last_error.map_or(Value::Null, Value::String),
    );
    Response::json(http::OK, Value::Object(answer).to_json())
}
