//! The preview's connections: a listener with a long backlog, a cap on connections open at
//! once, accept errors backed off (never a hot loop, never a dead listener), and hyper's
//! HTTP/1 with keep-alive and a deadline for a whole request's headers. What a request gets
//! is `http`'s business.

use std::net::SocketAddr;
use std::time::Duration;

use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpSocket};
use tokio::sync::Semaphore;

use super::*;

/// Connections the system queues while the server is busy: a page load opens dozens.
const BACKLOG: u32 = 1024;

/// The time a client has to send a request's headers, all of them: a client that trickles
/// them a byte at a time is cut off, and its place freed.
pub const HEADER_DEADLINE: Duration = Duration::from_secs(10);

/// The most connections served at once, when the system allows that many files open.
const MAX_CONNECTIONS: u64 = 4096;

/// Binds `addr` with a backlog of [`BACKLOG`]. Must run inside the server's runtime.
pub(super) fn bind(addr: SocketAddr) -> std::io::Result<TcpListener> {
    let socket = if addr.is_ipv4() {
        TcpSocket::new_v4()?
    } else {
        TcpSocket::new_v6()?
    };
    // A preview stopped and started again gets its port back at once.
    #[cfg(unix)]
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    socket.listen(BACKLOG)
}

/// How many connections to serve at once: [`MAX_CONNECTIONS`], or fewer when the process
/// may not open that many files (after raising its own limit as far as the system lets
/// it), keeping a margin for the files a rebuild reads.
pub(super) fn connection_cap() -> usize {
    let limit = raise_file_limit();
    let cap = limit.saturating_sub(256).clamp(64, MAX_CONNECTIONS);
    usize::try_from(cap).unwrap_or(64)
}

#[cfg(unix)]
fn raise_file_limit() -> u64 {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit and setrlimit only read and write the struct passed to them.
    unsafe {
        if libc::getrlimit(libc::RLIMIT_NOFILE, &raw mut limit) != 0 {
            return 1024;
        }
        let wanted = limit.rlim_max.min(MAX_CONNECTIONS + 1024);
        if wanted > limit.rlim_cur {
            let raised = libc::rlimit {
                rlim_cur: wanted,
                rlim_max: limit.rlim_max,
            };
            if libc::setrlimit(libc::RLIMIT_NOFILE, &raw const raised) == 0 {
                limit.rlim_cur = wanted;
            }
        }
    }
    limit.rlim_cur
}

#[cfg(not(unix))]
fn raise_file_limit() -> u64 {
    MAX_CONNECTIONS + 256
}

/// Accepts connections for ever. At the cap, new connections wait in the backlog until
/// one closes. An accept error (no file descriptor left, say) is logged once and retried
/// after a pause that doubles up to a second. A handler that panics ends its own
/// connection only.
pub(super) async fn serve(
    listener: TcpListener,
    shared: Arc<Shared>,
    cap: usize,
    log: &(dyn Fn(&str) + Sync),
) {
    let permits = Arc::new(Semaphore::new(cap));
    let mut backoff = Duration::ZERO;
    loop {
        let Ok(permit) = Arc::clone(&permits).acquire_owned().await else {
            return;
        };
        let stream = match listener.accept().await {
            Ok((stream, _)) => {
                backoff = Duration::ZERO;
                stream
            }
            Err(e) => {
                if backoff.is_zero() {
                    log(&format!("cannot accept a connection: {e}; retrying"));
                }
                backoff = (backoff * 2).clamp(Duration::from_millis(10), Duration::from_secs(1));
                tokio::time::sleep(backoff).await;
                continue;
            }
        };
        let _nodelay = stream.set_nodelay(true);
        let shared = Arc::clone(&shared);
        tokio::spawn(async move {
            let _permit = permit;
            let service = hyper::service::service_fn(move |request| {
                http::handle(request, Arc::clone(&shared))
            });
            let _closed = http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_DEADLINE)
                .keep_alive(true)
                .title_case_headers(true)
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}
