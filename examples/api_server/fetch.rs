//! A small HTTP client on `std::net` for one thing: `GET` a JWK Set from
//! the issuer, under hard limits, and say exactly why it failed.
//!
//! ```text
//! GET /.well-known/jwks.json HTTP/1.0        (RFC 9112 §3; 1.0: no chunked reply)
//! Host: 127.0.0.1:8080                       (RFC 9110 §7.2)
//! Accept: application/jwk-set+json, application/json
//! ```
//!
//! Only `http://` URLs: the standard library has no TLS. Across machines
//! the key set must come over `https` (RFC 7517 §9.3's integrity; RFC 8725
//! §3.10); put a TLS-terminating proxy in front of this client, or use a
//! real HTTP stack. Deliberately unsupported: redirects (a 3xx is a
//! failure: the URL is configuration, not something the issuer moves),
//! `Transfer-Encoding` (the request is HTTP/1.0, so a server must not send
//! it), keep-alive.
//!
//! Bounded: one overall deadline for connecting, writing and reading
//! (each read waits at most what is left of it), the response head
//! ([`MAX_HEAD`]) and the body (a `max_body` given by the caller; a longer
//! `Content-Length` is refused before reading, a longer body once one byte
//! too many has arrived).

use crate::http::trim_ows;
use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::time::{Duration, Instant};

/// Most bytes of a response's status line and header fields.
pub const MAX_HEAD: usize = 16 * 1024;

/// An `http://host[:port]/path` URL, checked once at start.
#[derive(Debug, Clone)]
pub struct Url {
    /// `host[:port]`, as sent in `Host`.
    authority: String,
    host: String,
    port: u16,
    /// The path and query, starting with `/`.
    target: String,
}

impl Url {
    /// Parses `http://host[:port][/path]`.
    ///
    /// # Errors
    ///
    /// Another scheme, user info, a fragment, a bad port, a character that
    /// is not visible ASCII.
    pub fn parse(text: &str) -> Result<Url, String> {
        if !text.bytes().all(|b| (0x21..=0x7e).contains(&b)) {
            return Err("the URL must be visible ASCII without spaces".into());
        }
        let Some(rest) = text.strip_prefix("http://") else {
            return Err(if text.starts_with("https://") {
                "https is not available on std alone; give an http:// URL on a trusted network, or put a TLS proxy in front".into()
            } else {
                "the URL must start with http://".into()
            });
        };
        let (authority, target) = match rest.find('/') {
            Some(slash) => rest.split_at(slash),
            None => (rest, "/"),
        };
        if authority.contains('@') || target.contains('#') {
            return Err("the URL may hold no user info and no fragment".into());
        }
        let (host, port) = match authority.rsplit_once(':') {
            // `[::1]:8080`, `host:8080`; a bare `[::1]` has no port.
            Some((host, port)) if !port.contains(']') => (
                host,
                port.parse::<u16>()
                    .map_err(|_| format!("bad port {port:?} in the URL"))?,
            ),
            _ => (authority, 80),
        };
        let host = host.trim_start_matches('[').trim_end_matches(']');
        if host.is_empty() {
            return Err("the URL has no host".into());
        }
        Ok(Url {
            authority: authority.to_string(),
            host: host.to_string(),
            port,
            target: target.to_string(),
        })
    }
}

impl std::fmt::Display for Url {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "http://{}{}", self.authority, self.target)
    }
}

/// A response that arrived whole and within the limits.
#[derive(Debug)]
pub struct Fetched {
    pub status: u16,
    /// The media type, lowercase, without parameters.
    pub media_type: Option<String>,
    /// The `Cache-Control` field value, if any.
    pub cache_control: Option<String>,
    pub body: Vec<u8>,
}

/// `GET url`, all of it within `timeout`, the body at most `max_body`
/// bytes.
///
/// # Errors
///
/// Why no usable response came: connection refused, timed out, a head or
/// body over its limit, a malformed response.
pub fn get(url: &Url, timeout: Duration, max_body: usize) -> Result<Fetched, String> {
    let deadline = Instant::now() + timeout;
    let stream = connect(url, deadline)?;
    let request = format!(
        "GET {} HTTP/1.0\r\nHost: {}\r\nAccept: application/jwk-set+json, application/json\r\n\
         User-Agent: barejwt-api_server\r\nConnection: close\r\n\r\n",
        url.target, url.authority
    );
    stream
        .set_write_timeout(Some(left(deadline)?))
        .map_err(|e| format!("socket: {e}"))?;
    (&stream)
        .write_all(request.as_bytes())
        .map_err(|e| format!("cannot send the request: {e}"))?;

    // The head, then the body: never more than MAX_HEAD + max_body + one
    // read in memory.
    let mut reader = Deadline { stream, deadline };
    let mut buf = Vec::with_capacity(4096);
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(end) = find(&buf, b"\r\n\r\n") {
            break end;
        }
        if buf.len() > MAX_HEAD {
            return Err(format!("the response head is over {MAX_HEAD} bytes"));
        }
        let n = reader.read(&mut chunk)?;
        if n == 0 {
            return Err("the connection closed before the response head ended".into());
        }
        buf.extend_from_slice(chunk.get(..n).unwrap_or_default());
    };
    let body_start = head_end + 4;
    let head = buf.get(..head_end).unwrap_or_default();
    let mut fetched = parse_head(head)?;
    let length = fetched.content_length;
    if length.is_some_and(|l| l > max_body) {
        return Err(format!(
            "the body announces {} bytes, over the limit of {max_body}",
            length.unwrap_or_default()
        ));
    }
    let mut body = buf.get(body_start..).unwrap_or_default().to_vec();
    loop {
        if body.len() > max_body {
            return Err(format!("the body is over the limit of {max_body} bytes"));
        }
        if length.is_some_and(|l| body.len() >= l) {
            break;
        }
        let n = reader.read(&mut chunk)?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(chunk.get(..n).unwrap_or_default());
    }
    if let Some(length) = length {
        if body.len() < length {
            return Err(format!(
                "the body ended after {} of its {length} bytes",
                body.len()
            ));
        }
        body.truncate(length);
    }
    fetched.response.body = body;
    Ok(fetched.response)
}

/// Connects to the first address of the host that answers in time.
fn connect(url: &Url, deadline: Instant) -> Result<TcpStream, String> {
    // Name resolution is the system's (getaddrinfo, with its own timeouts);
    // an IP literal resolves without a lookup.
    let addresses: Vec<SocketAddr> = (url.host.as_str(), url.port)
        .to_socket_addrs()
        .map_err(|e| format!("cannot resolve {}: {e}", url.host))?
        .take(4)
        .collect();
    let mut last = format!("{} resolves to no address", url.host);
    for address in addresses {
        match TcpStream::connect_timeout(&address, left(deadline)?) {
            Ok(stream) => return Ok(stream),
            Err(e) => last = format!("cannot connect to {address}: {e}"),
        }
    }
    Err(last)
}

/// What is left until `deadline`; an error once it has passed (a zero
/// timeout would mean "none" to the OS).
fn left(deadline: Instant) -> Result<Duration, String> {
    let left = deadline.saturating_duration_since(Instant::now());
    if left.is_zero() {
        Err("timed out".into())
    } else {
        Ok(left)
    }
}

/// Reads with a per-read timeout of whatever is left of the deadline.
struct Deadline {
    stream: TcpStream,
    deadline: Instant,
}

impl Deadline {
    fn read(&mut self, buf: &mut [u8]) -> Result<usize, String> {
        loop {
            self.stream
                .set_read_timeout(Some(left(self.deadline)?))
                .map_err(|e| format!("socket: {e}"))?;
            match self.stream.read(buf) {
                Ok(n) => return Ok(n),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e)
                    if matches!(
                        e.kind(),
                        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                    ) =>
                {
                    return Err("timed out".into())
                }
                Err(e) => return Err(format!("cannot read the response: {e}")),
            }
        }
    }
}

struct Head {
    response: Fetched,
    content_length: Option<usize>,
}

/// `HTTP/1.x SP 3DIGIT SP reason CRLF *(field-line CRLF)` (RFC 9112 §4, §5).
fn parse_head(head: &[u8]) -> Result<Head, String> {
    let text = std::str::from_utf8(head).map_err(|_| "the response head is not text")?;
    let mut lines = text.split("\r\n");
    let status_line = lines.next().unwrap_or_default();
    let status = match status_line.split(' ').collect::<Vec<_>>().as_slice() {
        [version, code, ..] if version.starts_with("HTTP/1.") && code.len() == 3 => code
            .parse::<u16>()
            .map_err(|_| "the status code is not a number")?,
        _ => return Err("the response does not start with an HTTP/1.x status line".into()),
    };
    let mut head = Head {
        response: Fetched {
            status,
            media_type: None,
            cache_control: None,
            body: Vec::new(),
        },
        content_length: None,
    };
    for line in lines {
        let (name, value) = line
            .split_once(':')
            .ok_or("a response header field has no colon")?;
        let value = String::from_utf8_lossy(trim_ows(value.as_bytes())).into_owned();
        match name.to_ascii_lowercase().as_str() {
            "content-length" => {
                if head.content_length.is_some() {
                    return Err("Content-Length is repeated".into());
                }
                let length = value
                    .parse::<usize>()
                    .ok()
                    .filter(|_| value.bytes().all(|b| b.is_ascii_digit()))
                    .ok_or("Content-Length is not a decimal number")?;
                head.content_length = Some(length);
            }
            "transfer-encoding" => {
                return Err(
                    "the response uses Transfer-Encoding, which an HTTP/1.0 request excludes"
                        .into(),
                )
            }
            "content-type" => {
                let media = value.split(';').next().unwrap_or_default();
                head.response.media_type =
                    Some(String::from_utf8_lossy(trim_ows(media.as_bytes())).to_ascii_lowercase());
            }
            "cache-control" => {
                // Repeated fields combine as one list (RFC 9110 §5.3).
                head.response.cache_control = Some(match head.response.cache_control.take() {
                    Some(before) => format!("{before}, {value}"),
                    None => value,
                });
            }
            _ => {}
        }
    }
    Ok(head)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The freshness lifetime a `Cache-Control` value grants (RFC 9111
/// §5.2.2.1 `max-age`; `no-store` and `no-cache` mean none), or `None`
/// when it says nothing about it.
pub fn max_age(cache_control: &str) -> Option<u64> {
    let mut age = None;
    for directive in cache_control.split(',') {
        let directive = directive.trim().to_ascii_lowercase();
        if directive == "no-store" || directive == "no-cache" {
            return Some(0);
        }
        if let Some(value) = directive.strip_prefix("max-age=") {
            // RFC 9111 §1.2.2: delta-seconds beyond 2^31 mean 2^31.
            let value = value.trim_matches('"');
            if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
                age = Some(value.parse::<u64>().unwrap_or(u64::MAX));
            }
        }
    }
    age
}
