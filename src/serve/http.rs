//! The preview's HTTP side: requests read and answered (GET and HEAD), files sent from the
//! in-memory build with the reload script and the error overlay injected into pages, the
//! Server-Sent Events stream that tells open pages to reload.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::time::Duration;

use super::*;

pub(super) fn accept(listener: &TcpListener, shared: &Arc<Shared>) {
    for stream in listener.incoming().flatten() {
        let shared = Arc::clone(shared);
        thread::spawn(move || {
            let _gone = handle(stream, &shared);
        });
    }
}

/// A parsed request: method and path (still percent-encoded).
struct Request {
    method: String,
    target: String,
}

fn read_request(stream: &TcpStream) -> std::io::Result<Option<Request>> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.take(16 * 1024));
    let mut line = String::new();
    if reader.read_line(&mut line)? == 0 {
        return Ok(None);
    }
    let mut parts = line.split_whitespace();
    let (Some(method), Some(target)) = (parts.next(), parts.next()) else {
        return Ok(None);
    };
    let request = Request {
        method: method.to_string(),
        target: target.to_string(),
    };
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim().is_empty() {
            break;
        }
    }
    Ok(Some(request))
}

fn handle(mut stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    let Some(request) = read_request(&stream)? else {
        return Ok(());
    };
    if request.method != "GET" && request.method != "HEAD" {
        return respond(
            &mut stream,
            405,
            "text/plain; charset=utf-8",
            b"method not allowed\n",
            true,
        );
    }
    let base = shared
        .base_path
        .read()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .clone();
    let path = match clean_path(&request.target) {
        Some(p) => p,
        None => {
            return respond(
                &mut stream,
                400,
                "text/plain; charset=utf-8",
                b"bad request\n",
                true,
            );
        }
    };
    let head = request.method == "HEAD";
    let Some(rel) = path
        .strip_prefix(base.as_str())
        .or_else(|| (path.clone() + "/").strip_prefix(base.as_str()).map(|_| ""))
    else {
        return not_found(&mut stream, shared, "", head);
    };
    let rel = rel.to_string();
    if rel == EVENTS_PATH {
        let page = request
            .target
            .split_once("?g=")
            .and_then(|(_, g)| g.parse().ok());
        return events(&mut stream, shared, page);
    }
    if rel == SETTLED_PATH {
        return settled(&mut stream, shared, head);
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
            &mut stream,
            200,
            "text/plain; charset=utf-8",
            list.as_bytes(),
            !head,
        );
    }
    let key = if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.clone()
    };
    if let Some(bytes) = shared.file(&snapshot, &key) {
        let page = Page {
            snapshot: &snapshot,
            generation,
            base: &base,
        };
        return send_file(&mut stream, 200, &key, &bytes, &page, head);
    }
    if snapshot.files.contains_key(&format!("{key}/index.html")) {
        let location = format!("{base}{rel}/");
        let header = format!(
            "HTTP/1.1 301 Moved Permanently\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        );
        return stream.write_all(header.as_bytes());
    }
    not_found(&mut stream, shared, &rel, head)
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

fn not_found(
    stream: &mut TcpStream,
    shared: &Shared,
    rel: &str,
    head: bool,
) -> std::io::Result<()> {
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
        Some((key, bytes)) => send_file(stream, 404, &key, &bytes, &page, head),
        None => {
            let body = inject(
                b"<!DOCTYPE html><title>Not found</title><p>Not found.</p>",
                &page,
            );
            respond(stream, 404, "text/html; charset=utf-8", &body, !head)
        }
    }
}

/// What a served page is injected with.
struct Page<'a> {
    snapshot: &'a Snapshot,
    /// The build generation the page belongs to.
    generation: u64,
    base: &'a str,
}

fn send_file(
    stream: &mut TcpStream,
    status: u16,
    key: &str,
    bytes: &[u8],
    page: &Page<'_>,
    head: bool,
) -> std::io::Result<()> {
    let kind = content_type(key);
    if kind.starts_with("text/html") {
        let body = inject(bytes, page);
        respond(stream, status, kind, &body, !head)
    } else {
        respond(stream, status, kind, bytes, !head)
    }
}

/// Adds the reload script, and the error overlay when the last build failed, to a page.
/// Only `serve` does this: built sites never contain it. A page reloads after every build;
/// after a new search index only if it fetched search files (a search page in use).
fn inject(html: &[u8], page: &Page<'_>) -> Vec<u8> {
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
    let text = String::from_utf8_lossy(html);
    let out = match text.rfind("</body>") {
        Some(i) => format!("{}{extra}{}", &text[..i], &text[i..]),
        None => format!("{text}{extra}"),
    };
    out.into_bytes()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Keeps the connection open and sends `reload` when a newer build than the page's
/// (generation `page`, when the page says) exists, and `search` when a newer search index is
/// published.
fn events(stream: &mut TcpStream, shared: &Shared, page: Option<u64>) -> std::io::Result<()> {
    stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\nConnection: keep-alive\r\n\r\n: connected\n\n")?;
    let (lock, condvar) = &shared.changed;
    let mut seen = shared.generations();
    // A build published between the page being served and this stream opening.
    if let Some(page) = page
        && page < seen.pages
    {
        stream.write_all(format!("event: reload\ndata: {}\n\n", seen.pages).as_bytes())?;
    }
    loop {
        let guard = lock
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let (guard, _) = condvar
            .wait_timeout_while(guard, Duration::from_secs(15), |g| {
                (g.pages, g.search) == (seen.pages, seen.search)
            })
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let now = *guard;
        drop(guard);
        if now.pages != seen.pages {
            stream.write_all(format!("event: reload\ndata: {}\n\n", now.pages).as_bytes())?;
        }
        if now.search != seen.search {
            stream.write_all(format!("event: search\ndata: {}\n\n", now.search).as_bytes())?;
        }
        if now == seen {
            // Nothing new: a comment keeps proxies from closing the stream and tells us
            // when the page is gone.
            stream.write_all(b": ping\n\n")?;
        }
        seen = now;
        stream.flush()?;
    }
}

/// Waits until the search index has caught up with the last good build (at most two
/// minutes) and says whether it has.
fn settled(stream: &mut TcpStream, shared: &Shared, head: bool) -> std::io::Result<()> {
    let (lock, condvar) = &shared.changed;
    let guard = lock
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let (guard, _) = condvar
        .wait_timeout_while(guard, Duration::from_secs(120), |g| {
            g.indexed != g.requested
        })
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let done = guard.indexed == guard.requested;
    drop(guard);
    if done {
        respond(
            stream,
            200,
            "text/plain; charset=utf-8",
            b"settled\n",
            !head,
        )
    } else {
        respond(
            stream,
            503,
            "text/plain; charset=utf-8",
            b"indexing\n",
            !head,
        )
    }
}

fn respond(
    stream: &mut TcpStream,
    status: u16,
    kind: &str,
    body: &[u8],
    with_body: bool,
) -> std::io::Result<()> {
    let reason = match status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "",
    };
    let header = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(header.as_bytes())?;
    if with_body {
        stream.write_all(body)?;
    }
    stream.flush()
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
