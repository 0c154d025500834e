//! The preview's HTTP side: requests answered (GET and HEAD) from the in-memory build with
//! the reload script and the error overlay injected into pages (gzipped as the build holds
//! them for the clients that accept it, inflated for the others), the Server-Sent Events
//! stream that tells open pages to reload, and the `Host` check that keeps other web sites
//! from reading the preview through DNS rebinding. Connections are `listen`'s business.

use std::convert::Infallible;
use std::net::IpAddr;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use hyper::body::{Frame, SizeHint};
use hyper::header::{self, HeaderValue};
use hyper::{Method, Request, Response, StatusCode};

use super::*;

/// A response body: whole, or the event stream's messages as they come.
pub(super) enum Body {
    /// All of it (taken once sent).
    Whole(Option<Bytes>),
    /// Messages sent by the stream's task; ends when the task does.
    Stream(tokio::sync::mpsc::Receiver<Bytes>),
}

impl hyper::body::Body for Body {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        match self.get_mut() {
            Body::Whole(bytes) => Poll::Ready(bytes.take().map(|b| Ok(Frame::data(b)))),
            Body::Stream(rx) => rx.poll_recv(cx).map(|m| m.map(|b| Ok(Frame::data(b)))),
        }
    }

    fn is_end_stream(&self) -> bool {
        matches!(self, Body::Whole(None))
    }

    fn size_hint(&self) -> SizeHint {
        match self {
            Body::Whole(Some(b)) => SizeHint::with_exact(b.len() as u64),
            Body::Whole(None) => SizeHint::with_exact(0),
            Body::Stream(_) => SizeHint::default(),
        }
    }
}

/// Answers one request. Never fails: every problem is an HTTP status.
pub(super) async fn handle(
    request: Request<hyper::body::Incoming>,
    shared: Arc<Shared>,
) -> Result<Response<Body>, Infallible> {
    Ok(answer(&request, &shared).await)
}

async fn answer(request: &Request<hyper::body::Incoming>, shared: &Arc<Shared>) -> Response<Body> {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok());
    if !host_allowed(host, shared.bind) {
        return respond(
            StatusCode::FORBIDDEN,
            "text/plain; charset=utf-8",
            Bytes::from_static(b"this preview answers only to its own address (http://127.0.0.1:<port>/ or http://localhost:<port>/)\n"),
            false,
        );
    }
    let head = request.method() == Method::HEAD;
    let asked = Asked {
        head,
        gzip: accepts_gzip(request.headers()),
    };
    if request.method() != Method::GET && !head {
        return respond(
            StatusCode::METHOD_NOT_ALLOWED,
            "text/plain; charset=utf-8",
            Bytes::from_static(b"method not allowed\n"),
            false,
        );
    }
    let target = request
        .uri()
        .path_and_query()
        .map_or("/", hyper::http::uri::PathAndQuery::as_str);
    let base = shared
        .base_path
        .read()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .clone();
    let Some(path) = clean_path(target) else {
        return respond(
            StatusCode::BAD_REQUEST,
            "text/plain; charset=utf-8",
            Bytes::from_static(b"bad request\n"),
            false,
        );
    };
    let Some(rel) = path
        .strip_prefix(base.as_str())
        .or_else(|| (path.clone() + "/").strip_prefix(base.as_str()).map(|_| ""))
    else {
        return not_found(shared, "", asked);
    };
    let rel = rel.to_string();
    if rel == EVENTS_PATH {
        let page = target.split_once("?g=").and_then(|(_, g)| g.parse().ok());
        return events(shared, page);
    }
    if rel == SETTLED_PATH {
        return settled(shared, head).await;
    }
    let (snapshot, generation) = shared.view();
    if rel == FILES_PATH {
        let search = Arc::clone(
            &shared
                .search
                .read()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        );
        let keys: std::collections::BTreeSet<&String> =
            snapshot.files.keys().chain(search.keys()).collect();
        let list: String = keys.into_iter().map(|k| format!("{k}\n")).collect();
        return respond(
            StatusCode::OK,
            "text/plain; charset=utf-8",
            list.into(),
            head,
        );
    }
    let key = if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.clone()
    };
    if let Some(file) = shared.file(&snapshot, &key) {
        let page = Page {
            snapshot: &snapshot,
            generation,
            base: &base,
        };
        return send_file(StatusCode::OK, &key, &file, &page, asked);
    }
    if snapshot.files.contains_key(&format!("{key}/index.html")) {
        let mut response = respond(
            StatusCode::MOVED_PERMANENTLY,
            "text/plain; charset=utf-8",
            Bytes::new(),
            head,
        );
        if let Ok(location) = HeaderValue::from_str(&format!("{base}{rel}/")) {
            response.headers_mut().insert(header::LOCATION, location);
        }
        return response;
    }
    not_found(shared, &rel, asked)
}

/// Whether the request's `Accept-Encoding` takes gzip (every browser's does): `gzip` or
/// `*`, without `q=0`.
fn accepts_gzip(headers: &hyper::HeaderMap) -> bool {
    headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|coding| {
            let mut parts = coding.split(';').map(str::trim);
            let name = parts.next().unwrap_or_default();
            let refused = parts.any(|p| {
                p.strip_prefix("q=")
                    .is_some_and(|q| q.parse::<f32>().is_ok_and(|q| q <= 0.0))
            });
            (name.eq_ignore_ascii_case("gzip") || name == "*") && !refused
        })
}

/// Whether a request's `Host` names this preview: a loopback name or address, or the
/// address it is bound to (any address when bound to all of them). A web page on another
/// site that makes its own name resolve to 127.0.0.1 (DNS rebinding) sends its own name,
/// and is refused. A request without `Host` (HTTP/1.0 tools) is not a browser's: allowed.
pub fn host_allowed(host: Option<&str>, bind: IpAddr) -> bool {
    let Some(host) = host else {
        return true;
    };
    let name = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => host.rsplit_once(':').map_or(host, |(n, _)| n),
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    if name == "localhost" || name.ends_with(".localhost") {
        return true;
    }
    match name.parse::<IpAddr>() {
        Ok(ip) => ip.is_loopback() || ip == bind || bind.is_unspecified(),
        Err(_) => false,
    }
}

/// The decoded path of a request target, or `None` when it could leave the site: `..` or
/// `.` segments (encoded or not), encoded slashes or backslashes, NUL, invalid UTF-8.
pub fn clean_path(target: &str) -> Option<String> {
    let raw = target.split(['?', '#']).next().unwrap_or_default();
    if !raw.starts_with('/') || raw.starts_with("//") || raw.contains('\\') {
        return None;
    }
    let mut bytes = Vec::with_capacity(raw.len());
    let mut iter = raw.bytes();
    while let Some(b) = iter.next() {
        if b == b'%' {
            let hex = [iter.next()?, iter.next()?];
            let value = u8::from_str_radix(std::str::from_utf8(&hex).ok()?, 16).ok()?;
            if matches!(value, b'/' | b'\\' | 0) {
                return None;
            }
            bytes.push(value);
        } else {
            bytes.push(b);
        }
    }
    let path = String::from_utf8(bytes).ok()?;
    let bad = path
        .split('/')
        .any(|segment| segment == ".." || segment == "." || segment.contains(':'));
    (!bad).then_some(path)
}

/// How a file is asked for.
#[derive(Clone, Copy)]
struct Asked {
    /// A `HEAD` request: the headers only.
    head: bool,
    /// The client accepts gzip.
    gzip: bool,
}

fn not_found(shared: &Shared, rel: &str, asked: Asked) -> Response<Body> {
    let (snapshot, generation) = shared.view();
    let base = shared
        .base_path
        .read()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .clone();
    let page = Page {
        snapshot: &snapshot,
        generation,
        base: &base,
    };
    let language = rel.split('/').next().unwrap_or_default();
    let found = [format!("{language}/404.html"), "404.html".to_string()]
        .into_iter()
        .find_map(|k| snapshot.files.get(&k).map(|b| (k, Arc::clone(b))));
    match found {
        Some((key, file)) => send_file(StatusCode::NOT_FOUND, &key, &file, &page, asked),
        None => {
            let body = format!(
                "<!DOCTYPE html><title>Not found</title><p>Not found.</p>{}",
                injection(&page)
            );
            respond(
                StatusCode::NOT_FOUND,
                "text/html; charset=utf-8",
                body.into(),
                asked.head,
            )
        }
    }
}

/// A file of the build: a page with the reload script (and the overlay) added, gzipped
/// when the client takes it and the build holds it so.
fn send_file(
    status: StatusCode,
    key: &str,
    file: &Packed,
    page: &Page<'_>,
    asked: Asked,
) -> Response<Body> {
    let kind = content_type(key);
    let extra = if file.is_page() {
        injection(page)
    } else {
        String::new()
    };
    let gzipped = if asked.gzip {
        file.gzip(extra.as_bytes())
    } else {
        None
    };
    let encoded = gzipped.is_some();
    let body = gzipped.unwrap_or_else(|| file.plain(extra.as_bytes()));
    let mut response = respond(status, kind, body, asked.head);
    let headers = response.headers_mut();
    // Caches between the preview and a client must not give one's answer to the other.
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    if encoded {
        headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
    }
    response
}

/// What a served page is injected with.
struct Page<'a> {
    snapshot: &'a Snapshot,
    /// The build generation the page belongs to.
    generation: u64,
    base: &'a str,
}

/// What a page gets before its last `</body>` (or at its end): the reload script, and the
/// error overlay when the last build failed. Only `serve` adds this: built sites never
/// contain it. A page reloads after every build; after a new search index only if it
/// fetched search files (a search page in use).
fn injection(page: &Page<'_>) -> String {
    let Page {
        snapshot,
        generation,
        base,
    } = page;
    let mut extra = String::new();
    if !snapshot.errors.is_empty() {
        extra.push_str("<div id=\"vitrine-overlay\" role=\"alert\" style=\"position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,20,.94);color:#fff;padding:2rem;font:14px/1.5 ui-monospace,monospace;direction:ltr;text-align:left\"><h2 style=\"margin:0 0 1rem;color:#ff8a80\">The site has errors: this is the last good build</h2>");
        for error in &snapshot.errors {
            extra.push_str("<pre style=\"white-space:pre-wrap;margin:0 0 1.5rem\">");
            extra.push_str(&escape(error));
            extra.push_str("</pre>");
        }
        extra.push_str("</div>");
    }
    extra.push_str(&format!(
        "<script>(()=>{{const s=new EventSource(\"{base}{EVENTS_PATH}?g={generation}\");s.addEventListener(\"reload\",()=>location.reload());s.addEventListener(\"search\",()=>{{if(performance.getEntriesByType(\"resource\").some(e=>new URL(e.name).pathname.startsWith(\"{base}search/\")))location.reload()}});}})();</script>",
    ));
    extra
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The reload stream: `reload` when a newer build than the page's (generation `page`, when
/// the page says) exists, `search` when a newer search index is published, a comment every
/// 15 seconds. A task, not a thread, per stream; it ends when the page goes (its messages
/// can no longer be sent).
fn events(shared: &Arc<Shared>, page: Option<u64>) -> Response<Body> {
    let (tx, rx) = tokio::sync::mpsc::channel::<Bytes>(4);
    let mut changes = shared.changed.subscribe();
    tokio::spawn(async move {
        let mut seen = *changes.borrow_and_update();
        let mut first = String::from(": connected\n\n");
        // A build published between the page being served and this stream opening.
        if let Some(page) = page
            && page < seen.pages
        {
            first.push_str(&format!("event: reload\ndata: {}\n\n", seen.pages));
        }
        if tx.send(first.into()).await.is_err() {
            return;
        }
        loop {
            let waited = tokio::time::timeout(Duration::from_secs(15), changes.changed()).await;
            if let Ok(Err(_)) = waited {
                return; // the server is stopping
            }
            let now = *changes.borrow_and_update();
            let mut message = String::new();
            if now.pages != seen.pages {
                message.push_str(&format!("event: reload\ndata: {}\n\n", now.pages));
            }
            if now.search != seen.search {
                message.push_str(&format!("event: search\ndata: {}\n\n", now.search));
            }
            if waited.is_err() && message.is_empty() {
                // Nothing new: a comment keeps proxies from closing the stream and tells us
                // when the page is gone.
                message.push_str(": ping\n\n");
            }
            seen = now;
            if !message.is_empty() && tx.send(message.into()).await.is_err() {
                return;
            }
        }
    });
    let mut response = Response::new(Body::Stream(rx));
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/event-stream"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

/// Waits until the search index has caught up with the last good build (at most two
/// minutes) and says whether it has.
async fn settled(shared: &Shared, head: bool) -> Response<Body> {
    let mut changes = shared.changed.subscribe();
    let waited = tokio::time::timeout(
        Duration::from_secs(120),
        changes.wait_for(|g| g.indexed == g.requested),
    )
    .await;
    if matches!(waited, Ok(Ok(_))) {
        respond(
            StatusCode::OK,
            "text/plain; charset=utf-8",
            Bytes::from_static(b"settled\n"),
            head,
        )
    } else {
        respond(
            StatusCode::SERVICE_UNAVAILABLE,
            "text/plain; charset=utf-8",
            Bytes::from_static(b"indexing\n"),
            head,
        )
    }
}

/// A whole response, never cached by the browser (the preview changes under it). A `HEAD`
/// answer says the length of the body it does not send.
fn respond(status: StatusCode, kind: &'static str, body: Bytes, head: bool) -> Response<Body> {
    let length = body.len();
    let mut response = Response::new(Body::Whole((!head).then_some(body)));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if head {
        headers.insert(header::CONTENT_LENGTH, HeaderValue::from(length));
    }
    response
}

/// The content type of a served file, from its extension.
pub fn content_type(path: &str) -> &'static str {
    let ext = path
        .rsplit('.')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "yml" | "yaml" => "application/yaml; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "gif" => "image/gif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "epub" => "application/epub+zip",
        "ics" => "text/calendar; charset=utf-8",
        "woff2" => "font/woff2",
        "mp3" => "audio/mpeg",
        "mp4" => "video/mp4",
        _ => "application/octet-stream",
    }
}
