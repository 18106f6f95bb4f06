//! The three endpoints: `POST /login` issues a token, `GET /protected`
//! verifies one, `GET /health` says the server is up.
//!
//! Error bodies are JSON objects `{"error": code, "error_description":
//! text}`, in the style of RFC 6749 §5.2; every text is fixed, never copied
//! from the request.

use crate::bearer::{self, Credentials};
use crate::http::{self, Request, Response, Status};
use crate::{urandom, App, AUDIENCE, ISSUER};
use barejwt::json::{self, Limits, Number, Object, Value};
use barejwt::{sign, verify};

/// Bytes of randomness in a `jti`: 128 bits make a collision between any
/// two tokens negligible (RFC 7519 §4.1.7: "a negligible probability").
const JTI_BYTES: usize = 16;

/// Dispatches on path, then method.
pub fn route(request: &Request, app: &App) -> Response {
    match (request.path.as_str(), request.method.as_str()) {
        ("/health", "GET") => Response::text(http::OK, "ok"),
        ("/login", "POST") => login(request, app),
        ("/protected", "GET") => protected(request, app),
        ("/health" | "/protected", _) => method_not_allowed("GET"),
        ("/login", _) => method_not_allowed("POST"),
        _ => error(http::NOT_FOUND, "not_found", "no such resource"),
    }
}

/// A JSON error response.
pub fn error(status: Status, code: &str, description: &str) -> Response {
    let mut body = Object::new();
    body.insert("error", Value::String(code.into()));
    body.insert("error_description", Value::String(description.into()));
    Response::json(status, Value::Object(body).to_json())
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
    let mut video = Object::new();
    video.insert("room", Value::String(user.room.clone()));
    let mut grants = Object::new();
    grants.insert("identity", Value::String(user.name.clone()));
    grants.insert("video", Value::Object(video));

    let mut claims = Object::new();
    claims.insert("iss", Value::String(ISSUER.into()));
    claims.insert("aud", Value::String(AUDIENCE.into()));
    claims.insert("sub", Value::String(user.name.clone()));
    claims.insert("iat", Value::Number(Number::from_u64(now)));
    claims.insert(
        "exp",
        Value::Number(Number::from_u64(now.saturating_add(app.ttl_secs))),
    );
    claims.insert("jti", Value::String(barejwt::base64url::encode(&jti)));
    claims.insert("grants", Value::Object(grants));
    let Ok(token) = sign(&app.key, &claims) else {
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
    let mut fields = request.headers_named("authorization");
    let (first, repeated) = (fields.next(), fields.next().is_some());
    let credentials = if repeated {
        Credentials::Malformed("more than one Authorization header field")
    } else {
        bearer::credentials(first)
    };
    let token = match credentials {
        Credentials::Bearer(token) => token,
        Credentials::Missing | Credentials::OtherScheme => {
            return error(
                http::UNAUTHORIZED,
                "missing_token",
                "send Authorization: Bearer <token>",
            )
            .with_header("WWW-Authenticate", bearer::challenge());
        }
        Credentials::Malformed(why) => {
            return error(http::BAD_REQUEST, "invalid_request", why).with_header(
                "WWW-Authenticate",
                bearer::challenge_with_error("invalid_request", why),
            );
        }
    };

    // The algorithm, issuer and audience are the server's; the time is the
    // server's clock (shifted by --now-offset).
    let validation = app.validation.clone().now(app.now());
    match verify(token, &app.key, &validation) {
        Ok(verified) => Response::json(http::OK, verified.claims().to_json()),
        Err(refusal) => {
            let description = bearer::describe(refusal.kind());
            error(http::UNAUTHORIZED, "invalid_token", &description).with_header(
                "WWW-Authenticate",
                bearer::challenge_with_error("invalid_token", &description),
            )
        }
    }
}
