//! Serving connections: one accept loop feeding a bounded queue, a fixed
//! number of worker threads, one request per connection. Shared by both
//! example servers (`api_server` includes this file with `#[path]`).
//!
//! The accept loop never waits for a worker: when the queue is full it
//! answers 503 itself, without reading the request (RFC 9110 §15.6.4),
//! under a short write timeout. A handler that panics loses its
//! connection, never a worker.

use crate::http::{self, Request, Response};
use std::io::Write;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::panic::{self, AssertUnwindSafe};
use std::sync::mpsc::{self, Receiver, TrySendError};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

/// Threads answering requests.
pub const WORKERS: usize = 4;
/// Accepted connections waiting for a worker; more get 503.
pub const QUEUE_LEN: usize = 16;

/// Binds `listen`, prints `listening on ADDR:PORT` as the first (and only)
/// stdout line, and serves until the process is killed. `name` prefixes
/// every log line (stderr); `route` answers each request, given the peer.
///
/// # Errors
///
/// When the address cannot be bound, stdout cannot be written, or the
/// workers cannot start or have all stopped.
pub fn serve<R>(listen: SocketAddr, name: &'static str, route: R) -> Result<(), String>
where
    R: Fn(&Request, Option<SocketAddr>) -> Response + Send + Sync + 'static,
{
    let listener =
        TcpListener::bind(listen).map_err(|e| format!("cannot listen on {listen}: {e}"))?;
    let address = listener
        .local_addr()
        .map_err(|e| format!("cannot read the bound address: {e}"))?;
    // Read by tests and scripts to learn the port; logs go to stderr.
    let mut stdout = std::io::stdout();
    writeln!(stdout, "listening on {address}")
        .and_then(|()| stdout.flush())
        .map_err(|e| format!("cannot write to stdout: {e}"))?;

    let route = Arc::new(route);
    let (queue, receiver) = mpsc::sync_channel::<TcpStream>(QUEUE_LEN);
    let receiver = Arc::new(Mutex::new(receiver));
    for n in 0..WORKERS {
        let receiver = Arc::clone(&receiver);
        let route = Arc::clone(&route);
        thread::Builder::new()
            .name(format!("worker-{n}"))
            .spawn(move || work(&receiver, name, &*route))
            .map_err(|e| format!("cannot start a worker thread: {e}"))?;
    }

    for connection in listener.incoming() {
        let stream = match connection {
            Ok(stream) => stream,
            Err(e) => {
                // Out of file descriptors, a connection reset before accept:
                // log, pause briefly so that a persistent error cannot spin.
                eprintln!("{name}: accept failed: {e}");
                thread::sleep(Duration::from_millis(100));
                continue;
            }
        };
        match queue.try_send(stream) {
            Ok(()) => {}
            Err(TrySendError::Full(stream)) => refuse_busy(&stream, name),
            Err(TrySendError::Disconnected(_)) => return Err("every worker has stopped".into()),
        }
    }
    Ok(())
}

/// Answers 503 from the accept thread, bounded by a short write timeout.
fn refuse_busy(stream: &TcpStream, name: &str) {
    let _ = stream.set_write_timeout(Some(Duration::from_millis(200)));
    let response = Response::error(
        http::SERVICE_UNAVAILABLE,
        "temporarily_unavailable",
        "the server is busy; retry shortly",
    )
    .with_header("Retry-After", "1".to_string());
    response.write_to(stream);
    eprintln!("{name}: busy, refused a connection with 503");
}

/// A worker: takes connections off the queue until it is closed.
fn work<R>(receiver: &Mutex<Receiver<TcpStream>>, name: &str, route: &R)
where
    R: Fn(&Request, Option<SocketAddr>) -> Response,
{
    loop {
        // Hold the lock only while waiting; a poisoned lock still guards a
        // usable receiver (nothing is mutated under it).
        let next = match receiver.lock() {
            Ok(receiver) => receiver.recv(),
            Err(poisoned) => poisoned.into_inner().recv(),
        };
        let Ok(stream) = next else { return };
        // A bug in one handler must not shrink the pool.
        if panic::catch_unwind(AssertUnwindSafe(|| answer(&stream, name, route))).is_err() {
            eprintln!("{name}: a request handler panicked; connection dropped");
        }
    }
}

/// Reads one request, answers it, closes the connection.
fn answer<R>(stream: &TcpStream, name: &str, route: &R)
where
    R: Fn(&Request, Option<SocketAddr>) -> Response,
{
    let peer = stream.peer_addr().ok();
    let shown = peer.map_or_else(|| "unknown peer".to_string(), |a| a.to_string());
    let (what, response) = match http::read_request(stream) {
        Ok(request) => {
            // Method and path are checked visible ASCII (http.rs), safe to log.
            let what = format!("{} {}", request.method, request.path);
            (what, route(&request, peer))
        }
        Err(http::ReadError::Closed) => return,
        Err(http::ReadError::TimedOut) => (
            "(incomplete request)".to_string(),
            Response::error(
                http::REQUEST_TIMEOUT,
                "request_timeout",
                "the request did not arrive in time",
            ),
        ),
        Err(http::ReadError::Refused(status, why)) => (
            "(refused request)".to_string(),
            Response::error(status, "invalid_request", why),
        ),
    };
    eprintln!("{name}: {shown} {what} -> {}", response.status.0);
    response.send(stream);
}
