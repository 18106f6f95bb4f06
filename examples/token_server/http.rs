//! Just enough HTTP/1.1 (RFC 9112 message syntax, RFC 9110 semantics) for
//! one request per connection, read under hard limits.
//!
//! ```text
//! HTTP-message = start-line CRLF *( field-line CRLF ) CRLF [ message-body ]
//! request-line = method SP request-target SP HTTP-version     (RFC 9112 §3)
//! field-line   = field-name ":" OWS field-value OWS           (RFC 9112 §5)
//! ```
//!
//! Everything a client sends is hostile, so every resource is bounded:
//! bytes of the request line, bytes and count of the header fields, bytes of
//! the body, the time of each read, and the time of the whole request (a
//! client sending one byte every few seconds still runs out of time).
//!
//! Deliberately strict or unsupported, each answered with the status RFC
//! 9110/9112 names:
//! - lines end in CRLF; a bare CR or LF is an error (RFC 9112 §2.2 allows
//!   rejecting them); obsolete line folding is refused (§5.2);
//! - whitespace between a field name and its colon is refused (§5.1: MUST
//!   respond 400);
//! - an HTTP/1.1 request needs exactly one `Host` (§3.2: MUST respond 400);
//! - `Transfer-Encoding` (chunked) is not implemented: 501 (§6.1, RFC 9110
//!   §15.6.2); a body needs `Content-Length`, else 411 for POST;
//! - repeated `Content-Length` (§6.3 item 5), `Content-Type`, `Host` or
//!   `Transfer-Encoding` fields are refused;
//! - only origin-form targets (`/path?query`, §3.2.1);
//! - no keep-alive: every response carries `Connection: close` (RFC 9112
//!   §9.6) and the connection ends after it. Simpler, and a client cannot
//!   hold a worker across many requests.
//!
//! Every response carries `Cache-Control: no-store` (RFC 9111 §5.2.2.5)
//! unless it says otherwise ([`Response::cache_for`]: a published JWK Set).
//! RFC 6749 §5.1 requires it on token responses; the others here echo
//! claims or concern credentials, so none of them is cached either.
//!
//! Shared by both example servers (`token_server` and `api_server`, which
//! includes this file with `#[path]`).

use barejwt::json::{Object, Value};
use std::io::{self, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::time::{Duration, Instant};

/// Longest request line, CRLF excluded. RFC 9112 §3 recommends supporting
/// at least 8000 octets.
pub const MAX_REQUEST_LINE: usize = 8 * 1024;
/// Most bytes in all header field lines together, CRLFs included.
pub const MAX_HEADER_BYTES: usize = 16 * 1024;
/// Most header field lines.
pub const MAX_HEADER_COUNT: usize = 64;
/// Largest body: a login is a few dozen bytes.
pub const MAX_BODY: usize = 16 * 1024;
/// Longest wait for any single read or write.
pub const IO_TIMEOUT: Duration = Duration::from_secs(5);
/// Longest time to receive one whole request, however it trickles in.
pub const REQUEST_DEADLINE: Duration = Duration::from_secs(10);
/// After answering, how long and how much to keep reading (and discarding)
/// before closing, so that the kernel does not reset the connection while
/// the client still sends, which could destroy the response in flight
/// (RFC 9112 §9.6, "lingering close").
const LINGER_TIME: Duration = Duration::from_secs(1);
const LINGER_BYTES: usize = 256 * 1024;

/// One parsed request.
#[derive(Debug)]
pub struct Request {
    /// The method token, case-sensitive (RFC 9110 §9.1).
    pub method: String,
    /// The path of the origin-form target, without the query.
    pub path: String,
    /// Header fields in arrival order: lowercase name, value without OWS.
    headers: Vec<(String, Vec<u8>)>,
    /// The body, exactly `Content-Length` bytes (empty without one).
    pub body: Vec<u8>,
}

impl Request {
    /// The value of the header field `name` (lowercase). Fields this module
    /// allows only once are known to be unique; for others, the first.
    pub fn header(&self, name: &str) -> Option<&[u8]> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_slice())
    }

    /// The values of every header field called `name` (lowercase).
    pub fn headers_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a [u8]> + 'a {
        self.headers
            .iter()
            .filter(move |(n, _)| n == name)
            .map(|(_, v)| v.as_slice())
    }
}

/// Header fields that may appear at most once; a repeat is a 400.
/// (`Authorization` may repeat here: `bearer.rs` answers a repeat in the
/// terms of RFC 6750.)
const SINGLE_FIELDS: [&str; 4] = [
    "host",
    "content-length",
    "content-type",
    "transfer-encoding",
];

/// Why no request could be read. Every case but `Closed` gets a response.
#[derive(Debug)]
pub enum ReadError {
    /// The client closed the connection, or the socket failed: nobody to
    /// answer.
    Closed,
    /// The client was too slow: 408 (RFC 9110 §15.5.9).
    TimedOut,
    /// A request we refuse, with the status and a fixed explanation.
    Refused(Status, &'static str),
}

/// A status code with its reason phrase (RFC 9110 §15).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Status(pub u16, pub &'static str);

pub const OK: Status = Status(200, "OK");
pub const BAD_REQUEST: Status = Status(400, "Bad Request");
pub const UNAUTHORIZED: Status = Status(401, "Unauthorized");
pub const FORBIDDEN: Status = Status(403, "Forbidden");
pub const NOT_FOUND: Status = Status(404, "Not Found");
pub const METHOD_NOT_ALLOWED: Status = Status(405, "Method Not Allowed");
pub const REQUEST_TIMEOUT: Status = Status(408, "Request Timeout");
pub const CONFLICT: Status = Status(409, "Conflict");
pub const LENGTH_REQUIRED: Status = Status(411, "Length Required");
pub const CONTENT_TOO_LARGE: Status = Status(413, "Content Too Large");
pub const URI_TOO_LONG: Status = Status(414, "URI Too Long");
pub const UNSUPPORTED_MEDIA_TYPE: Status = Status(415, "Unsupported Media Type");
pub const HEADER_FIELDS_TOO_LARGE: Status = Status(431, "Request Header Fields Too Large");
pub const INTERNAL_SERVER_ERROR: Status = Status(500, "Internal Server Error");
pub const NOT_IMPLEMENTED: Status = Status(501, "Not Implemented");
pub const SERVICE_UNAVAILABLE: Status = Status(503, "Service Unavailable");
pub const VERSION_NOT_SUPPORTED: Status = Status(505, "HTTP Version Not Supported");

/// Reads from a socket with both a per-read timeout and an overall deadline.
struct DeadlineReader<'a> {
    stream: &'a TcpStream,
    deadline: Instant,
}

impl DeadlineReader<'_> {
    /// Reads some bytes; `Ok(0)` is the end of the stream.
    fn read(&mut self, buf: &mut [u8]) -> Result<usize, ReadError> {
        let left = self.deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(ReadError::TimedOut);
        }
        // A zero duration would mean "no timeout" to the OS: `left` is not zero.
        if self
            .stream
            .set_read_timeout(Some(left.min(IO_TIMEOUT)))
            .is_err()
        {
            return Err(ReadError::Closed);
        }
        let mut stream = self.stream;
        loop {
            match stream.read(buf) {
                Ok(n) => return Ok(n),
                // A signal arrived before any byte: simply read again.
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                // The read timeout elapsed (EAGAIN on Unix, TimedOut elsewhere).
                Err(e)
                    if matches!(
                        e.kind(),
                        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                    ) =>
                {
                    return Err(ReadError::TimedOut)
                }
                Err(_) => return Err(ReadError::Closed),
            }
        }
    }
}

/// Reads and parses one request from `stream`, within the limits above.
pub fn read_request(stream: &TcpStream) -> Result<Request, ReadError> {
    let mut reader = DeadlineReader {
        stream,
        deadline: Instant::now() + REQUEST_DEADLINE,
    };

    // 1. The head: bytes up to the empty line (CRLF CRLF), never more than
    //    the two limits allow. The buffer is bounded by them plus one read.
    let mut buf = Vec::with_capacity(4096);
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        let n = reader.read(&mut chunk)?;
        if n == 0 {
            // End of stream before a whole head: nothing to answer if the
            // client sent nothing, else an incomplete message (RFC 9112 §8).
            return Err(if buf.is_empty() {
                ReadError::Closed
            } else {
                ReadError::Refused(BAD_REQUEST, "incomplete request head")
            });
        }
        let searched_from = buf.len().saturating_sub(3);
        buf.extend_from_slice(chunk.get(..n).unwrap_or_default());

        let line_end = find(&buf, b"\r\n", 0);
        match line_end {
            None if buf.len() > MAX_REQUEST_LINE => {
                return Err(ReadError::Refused(URI_TOO_LONG, "request line too long"))
            }
            Some(end) if end > MAX_REQUEST_LINE => {
                return Err(ReadError::Refused(URI_TOO_LONG, "request line too long"))
            }
            _ => {}
        }
        let Some(line_end) = line_end else { continue };
        if let Some(end) = find(&buf, b"\r\n\r\n", searched_from.min(line_end)) {
            if end.saturating_sub(line_end) > MAX_HEADER_BYTES {
                return Err(too_large_headers());
            }
            break end;
        }
        if buf.len().saturating_sub(line_end) > MAX_HEADER_BYTES {
            return Err(too_large_headers());
        }
    };
    let (head, rest) = buf.split_at(head_end);
    let already_read_body = rest.get(4..).unwrap_or_default();

    // 2. The request line and the header fields.
    let mut lines = crlf_lines(head)?.into_iter();
    let request_line = lines.next().unwrap_or_default();
    let (method, path, version) = parse_request_line(request_line)?;
    let mut headers: Vec<(String, Vec<u8>)> = Vec::new();
    for line in lines {
        if headers.len() == MAX_HEADER_COUNT {
            return Err(too_large_headers());
        }
        let (name, value) = parse_field_line(line)?;
        if SINGLE_FIELDS.contains(&name.as_str()) && headers.iter().any(|(n, _)| *n == name) {
            return Err(refused("a header field that must be unique is repeated"));
        }
        headers.push((name, value));
    }
    let mut request = Request {
        method,
        path,
        headers,
        body: Vec::new(),
    };
    if version == Version::Http11 && request.header("host").is_none() {
        return Err(refused("HTTP/1.1 request without Host"));
    }

    // 3. The body: only with Content-Length (RFC 9112 §6.3).
    if request.header("transfer-encoding").is_some() {
        return Err(ReadError::Refused(
            NOT_IMPLEMENTED,
            "Transfer-Encoding is not supported; send Content-Length",
        ));
    }
    let length = match request.header("content-length") {
        Some(value) => parse_content_length(value)?,
        None if request.method == "POST" => {
            return Err(ReadError::Refused(
                LENGTH_REQUIRED,
                "a POST body needs Content-Length",
            ))
        }
        None => 0,
    };
    if length > MAX_BODY {
        return Err(ReadError::Refused(CONTENT_TOO_LARGE, "body too large"));
    }
    let mut body = Vec::with_capacity(length);
    // Bytes beyond Content-Length would be a second, pipelined request: one
    // request per connection, so they are ignored.
    body.extend_from_slice(already_read_body.get(..length).unwrap_or(already_read_body));
    while body.len() < length {
        let want = (length - body.len()).min(chunk.len());
        let n = reader.read(chunk.get_mut(..want).unwrap_or_default())?;
        if n == 0 {
            return Err(refused("body shorter than Content-Length"));
        }
        body.extend_from_slice(chunk.get(..n).unwrap_or_default());
    }
    request.body = body;
    Ok(request)
}

fn refused(why: &'static str) -> ReadError {
    ReadError::Refused(BAD_REQUEST, why)
}

fn too_large_headers() -> ReadError {
    ReadError::Refused(HEADER_FIELDS_TOO_LARGE, "header fields too large")
}

/// Splits the head (without its final empty line) into lines ended by
/// CRLF. A CR or LF anywhere else is refused (RFC 9112 §2.2).
fn crlf_lines(head: &[u8]) -> Result<Vec<&[u8]>, ReadError> {
    let mut lines = Vec::new();
    let mut rest = head;
    while let Some(end) = find(rest, b"\r\n", 0) {
        let (line, tail) = rest.split_at(end);
        lines.push(line);
        rest = tail.get(2..).unwrap_or_default();
    }
    lines.push(rest);
    if lines
        .iter()
        .any(|line| line.contains(&b'\r') || line.contains(&b'\n'))
    {
        return Err(refused("a line does not end in CRLF"));
    }
    Ok(lines)
}

/// The first index at or after `from` where `needle` starts.
fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Version {
    Http10,
    Http11,
}

/// `method SP request-target SP HTTP-version`, single spaces (RFC 9112 §3).
fn parse_request_line(line: &[u8]) -> Result<(String, String, Version), ReadError> {
    let mut parts = line.split(|&b| b == b' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(refused("request line is not `method target version`"));
    };
    if method.is_empty() || !method.iter().all(|&b| is_tchar(b)) {
        return Err(refused("method is not a token"));
    }
    let version = match version {
        b"HTTP/1.1" => Version::Http11,
        b"HTTP/1.0" => Version::Http10,
        [b'H', b'T', b'T', b'P', b'/', major, b'.', minor]
            if major.is_ascii_digit() && minor.is_ascii_digit() =>
        {
            return Err(ReadError::Refused(
                VERSION_NOT_SUPPORTED,
                "only HTTP/1.0 and HTTP/1.1",
            ))
        }
        _ => return Err(refused("malformed HTTP version")),
    };
    // origin-form = absolute-path [ "?" query ] (RFC 9112 §3.2.1): visible
    // ASCII only, starting with "/".
    if target.first() != Some(&b'/') || !target.iter().all(|b| (0x21..=0x7e).contains(b)) {
        return Err(refused("request target is not an origin-form path"));
    }
    let path = target.split(|&b| b == b'?').next().unwrap_or_default();
    // Both are ASCII, checked above, so the conversion cannot fail.
    let method = String::from_utf8_lossy(method).into_owned();
    let path = String::from_utf8_lossy(path).into_owned();
    Ok((method, path, version))
}

/// `field-name ":" OWS field-value OWS` (RFC 9112 §5), name lowercased.
fn parse_field_line(line: &[u8]) -> Result<(String, Vec<u8>), ReadError> {
    if line.first().is_some_and(|&b| b == b' ' || b == b'\t') {
        return Err(refused("obsolete line folding"));
    }
    let colon = line
        .iter()
        .position(|&b| b == b':')
        .ok_or_else(|| refused("header field without a colon"))?;
    let (name, value) = line.split_at(colon);
    // Also refuses whitespace before the colon (RFC 9112 §5.1).
    if name.is_empty() || !name.iter().all(|&b| is_tchar(b)) {
        return Err(refused("header field name is not a token"));
    }
    let value = value.get(1..).unwrap_or_default();
    let value = trim_ows(value);
    // field-value: VCHAR, SP, HTAB and obs-text; no other control bytes
    // (RFC 9110 §5.5).
    if value.iter().any(|&b| (b < 0x20 && b != b'\t') || b == 0x7f) {
        return Err(refused("control character in a header field value"));
    }
    let name = String::from_utf8_lossy(name).to_ascii_lowercase();
    Ok((name, value.to_vec()))
}

/// Strips optional whitespace (SP / HTAB, RFC 9110 §5.6.3) on both sides.
pub fn trim_ows(mut value: &[u8]) -> &[u8] {
    while let [b' ' | b'\t', rest @ ..] = value {
        value = rest;
    }
    while let [rest @ .., b' ' | b'\t'] = value {
        value = rest;
    }
    value
}

/// `Content-Length = 1*DIGIT` (RFC 9110 §8.6), without overflow: any value
/// beyond the body limit is "too large" whatever its digits.
fn parse_content_length(value: &[u8]) -> Result<usize, ReadError> {
    if value.is_empty() || !value.iter().all(u8::is_ascii_digit) {
        return Err(refused("Content-Length is not a decimal number"));
    }
    let mut length: usize = 0;
    for digit in value {
        length = length
            .checked_mul(10)
            .and_then(|l| l.checked_add(usize::from(digit - b'0')))
            .ok_or(ReadError::Refused(CONTENT_TOO_LARGE, "body too large"))?;
    }
    Ok(length)
}

/// tchar (RFC 9110 §5.6.2): the characters of a token.
fn is_tchar(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

/// A response: status, one content type, extra header fields, body.
#[derive(Debug)]
pub struct Response {
    pub status: Status,
    content_type: &'static str,
    cache_control: String,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
}

impl Response {
    /// A JSON response; `body` is JSON text.
    pub fn json(status: Status, body: String) -> Response {
        Response::with_type(status, "application/json", body.into_bytes())
    }

    /// A JSON error body `{"error": code, "error_description": text}`, in
    /// the style of RFC 6749 §5.2 (the text is JSON-escaped).
    pub fn error(status: Status, code: &str, description: &str) -> Response {
        let mut body = Object::new();
        body.insert("error", Value::String(code.into()));
        body.insert("error_description", Value::String(description.into()));
        Response::json(status, Value::Object(body).to_json())
    }

    /// A response of any media type; `content_type` is trusted text.
    pub fn with_type(status: Status, content_type: &'static str, body: Vec<u8>) -> Response {
        Response {
            status,
            content_type,
            cache_control: "no-store".to_string(),
            headers: Vec::new(),
            body,
        }
    }

    /// A plain-text response.
    pub fn text(status: Status, body: &str) -> Response {
        Response::with_type(
            status,
            "text/plain; charset=utf-8",
            body.as_bytes().to_vec(),
        )
    }

    /// The same response, cacheable by anyone for `max_age_secs` seconds
    /// (RFC 9111 §5.2.2.1, §5.2.2.9) instead of `no-store`: only for
    /// public content.
    pub fn cache_for(mut self, max_age_secs: u64) -> Response {
        self.cache_control = format!("public, max-age={max_age_secs}");
        self
    }

    /// Adds a header field. `value` must be built from trusted text: it is
    /// written as is.
    pub fn with_header(mut self, name: &'static str, value: String) -> Response {
        self.headers.push((name, value));
        self
    }

    /// Writes the response, then closes the connection politely: shut down
    /// our side, drain what the client still sends for a moment, drop.
    pub fn send(&self, stream: &TcpStream) {
        let _ = stream.set_write_timeout(Some(IO_TIMEOUT));
        if self.write_to(stream) {
            linger(stream);
        }
    }

    /// Writes the response under the stream's write timeout; `false` when
    /// the client is gone (nothing else to do then).
    pub fn write_to(&self, mut stream: &TcpStream) -> bool {
        let Status(code, reason) = self.status;
        let mut head = format!(
            "HTTP/1.1 {code} {reason}\r\n\
             Content-Type: {}\r\n\
             Content-Length: {}\r\n\
             Connection: close\r\n\
             Cache-Control: {}\r\n",
            self.content_type,
            self.body.len(),
            self.cache_control
        );
        for (name, value) in &self.headers {
            head.push_str(name);
            head.push_str(": ");
            head.push_str(value);
            head.push_str("\r\n");
        }
        head.push_str("\r\n");
        stream.write_all(head.as_bytes()).is_ok()
            && stream.write_all(&self.body).is_ok()
            && stream.flush().is_ok()
    }
}

/// Half-closes `stream` and discards input for a bounded time and amount.
fn linger(mut stream: &TcpStream) {
    let _ = stream.shutdown(Shutdown::Write);
    let until = Instant::now() + LINGER_TIME;
    let mut drained = 0;
    let mut sink = [0u8; 4096];
    while drained < LINGER_BYTES {
        let left = until.saturating_duration_since(Instant::now());
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            return;
        }
        match stream.read(&mut sink) {
            Ok(0) | Err(_) => return,
            Ok(n) => drained += n,
        }
    }
}
