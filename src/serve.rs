//! `vitrine serve`: the editors' preview. Builds the site into memory, serves it over HTTP,
//! watches the site's files, rebuilds after each change and tells open pages to reload
//! through Server-Sent Events. While the site has errors it keeps serving the last good
//! build with the errors shown over every page; it never dies on a bad edit.
//!
//! This module owns the HTTP server (std only: a dev server needs GET, HEAD and one event
//! stream, not a web framework), the file watcher and the reload/overlay injection. What a
//! build is stays `pipeline`'s business; nothing here writes to disk.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::thread;
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};

use crate::config::Config;
use crate::content::load::is_ignored;
use crate::diagnostics::Diagnostic;
use crate::pipeline::{BuildArgs, Memory};
use crate::session::{Session, Update};

/// Where the server listens and what it serves.
#[derive(Debug, Clone)]
pub struct ServeArgs {
    /// The build to keep up to date (its `output` is ignored: the site lives in memory).
    pub build: BuildArgs,
    /// Address to bind.
    pub bind: IpAddr,
    /// Port; 0 picks a free one.
    pub port: u16,
}

/// The path under the site's base path where pages subscribe to reload events.
pub const EVENTS_PATH: &str = "__vitrine/events";
/// The path listing every served file, one per line (for tools and tests).
pub const FILES_PATH: &str = "__vitrine/files";

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The address is taken or not allowed.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// The cause.
        source: std::io::Error,
    },
    /// The file watcher could not start.
    #[error("cannot watch {}: {source}", path.display())]
    Watch {
        /// The folder.
        path: PathBuf,
        /// The cause.
        source: notify::Error,
    },
}

/// What is being served, swapped as a whole after each build.
struct Snapshot {
    /// The last good build.
    files: Arc<Memory>,
    /// The errors of the last build, rendered for the overlay; empty when it succeeded.
    errors: Vec<String>,
    /// Increases with every build, good or bad: pages reload when it changes.
    generation: u64,
}

/// State shared by the HTTP threads and the watcher.
struct Shared {
    snapshot: RwLock<Arc<Snapshot>>,
    /// Generation number, for event streams to wait on.
    changed: (Mutex<u64>, Condvar),
    /// The site's base path (`/` or `/catalogue/`).
    base_path: RwLock<String>,
}

/// A running server: its address, for callers that asked for port 0.
pub struct Server {
    /// The address the server listens on.
    pub addr: SocketAddr,
    listener: TcpListener,
    shared: Arc<Shared>,
    args: ServeArgs,
    watcher: notify::RecommendedWatcher,
    events: mpsc::Receiver<Vec<PathBuf>>,
    session: Session,
}

impl Server {
    /// Binds the address, starts watching the site and makes the first build (which may
    /// fail: the server starts anyway and shows the errors). Changes made from now on are
    /// seen.
    pub fn start(args: ServeArgs, log: &dyn Fn(&str)) -> Result<Server, ServeError> {
        let addr = SocketAddr::new(args.bind, args.port);
        let listener =
            TcpListener::bind(addr).map_err(|source| ServeError::Bind { addr, source })?;
        let addr = listener
            .local_addr()
            .map_err(|source| ServeError::Bind { addr, source })?;
        let (tx, events) = mpsc::channel();
        let root = args.build.root.clone();
        let mut watcher =
            notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
                // Reading files (our own builds do) raises access events: only changes count.
                if let Ok(event) = event
                    && changes_content(&event.kind)
                {
                    let _closed = tx.send(event.paths);
                }
            })
            .map_err(|source| ServeError::Watch {
                path: root.clone(),
                source,
            })?;
        watcher
            .watch(&root, RecursiveMode::Recursive)
            .map_err(|source| ServeError::Watch {
                path: root.clone(),
                source,
            })?;
        let shared = Arc::new(Shared {
            snapshot: RwLock::new(Arc::new(Snapshot {
                files: Arc::default(),
                errors: Vec::new(),
                generation: 0,
            })),
            changed: (Mutex::new(0), Condvar::new()),
            base_path: RwLock::new("/".into()),
        });
        let mut session = Session::new(args.build.clone());
        let started = Instant::now();
        let update = session.rebuild();
        publish(update, &session, &args.build, &shared, started, log);
        Ok(Server {
            addr,
            listener,
            shared,
            args,
            watcher,
            events,
            session,
        })
    }

    /// Serves requests and rebuilds after changes until the process ends.
    pub fn run(self, log: &(dyn Fn(&str) + Sync)) -> Result<(), ServeError> {
        let Server {
            listener,
            shared,
            args,
            watcher,
            events,
            mut session,
            ..
        } = self;
        thread::scope(|scope| {
            scope.spawn(|| accept(&listener, &shared));
            watch(&events, &mut session, &args.build, &shared, log);
        });
        drop(watcher);
        Ok(())
    }
}

/// Applies a change to the session and publishes the result (or the errors).
fn publish(
    update: Update,
    session: &Session,
    build: &BuildArgs,
    shared: &Shared,
    started: Instant,
    log: &dyn Fn(&str),
) {
    if let Ok(config) = Config::load(&build.root, &build.overrides) {
        *shared
            .base_path
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = config.base_path;
    }
    let previous = Arc::clone(
        &shared
            .snapshot
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner),
    );
    let generation = previous.generation + 1;
    let snapshot = match update {
        Update::Built {
            rendered,
            records,
            warnings,
        } => {
            log(&format!(
                "{records} records, {rendered} pages rendered in {:.0} ms{}",
                started.elapsed().as_secs_f64() * 1000.0,
                if warnings.is_empty() {
                    String::new()
                } else {
                    format!(", {} warnings", warnings.len())
                }
            ));
            Snapshot {
                files: session.files(),
                errors: Vec::new(),
                generation,
            }
        }
        Update::Errors(d) => {
            log(&format!(
                "{} error(s); still serving the last good build",
                d.len()
            ));
            Snapshot {
                files: Arc::clone(&previous.files),
                errors: render_errors(build, &d),
                generation,
            }
        }
    };
    *shared
        .snapshot
        .write()
        .unwrap_or_else(std::sync::PoisonError::into_inner) = Arc::new(snapshot);
    let (lock, condvar) = &shared.changed;
    *lock
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner) = generation;
    condvar.notify_all();
}

fn render_errors(build: &BuildArgs, diagnostics: &[Diagnostic]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| {
            let source = std::fs::read_to_string(build.root.join(&d.file)).ok();
            d.render(source.as_deref())
        })
        .collect()
}

/// Waits for file events, lets a burst of them settle, and updates the site once per burst.
fn watch(
    rx: &mpsc::Receiver<Vec<PathBuf>>,
    session: &mut Session,
    build: &BuildArgs,
    shared: &Shared,
    log: &dyn Fn(&str),
) {
    let output = build.root.join("public");
    while let Ok(first) = rx.recv() {
        let started = Instant::now();
        let mut paths: Vec<PathBuf> = first
            .into_iter()
            .filter(|p| matters(&build.root, &output, p))
            .collect();
        // Editors save in several steps (write a temporary file, rename it, touch the
        // folder): wait until the burst is over.
        while let Ok(more) = rx.recv_timeout(Duration::from_millis(30)) {
            paths.extend(
                more.into_iter()
                    .filter(|p| matters(&build.root, &output, p)),
            );
        }
        if !paths.is_empty() {
            paths.sort();
            paths.dedup();
            let update = session.update(&paths);
            publish(update, session, build, shared, started, log);
        }
    }
}

/// True for the kinds of file events that can change a build's input.
fn changes_content(kind: &notify::EventKind) -> bool {
    use notify::EventKind;
    use notify::event::{MetadataKind, ModifyKind};
    !matches!(
        kind,
        EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime))
    )
}

/// True for a path whose change can change the site: not the output, not version control
/// or build folders, not an editor's swap or backup file.
pub fn matters(root: &Path, output: &Path, path: &Path) -> bool {
    if path.starts_with(output) {
        return false;
    }
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let mut parts = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned());
    let Some(first) = parts.next() else {
        return false;
    };
    let watched = [
        "site.yaml",
        "content",
        "data",
        "templates",
        "themes",
        "static",
    ];
    if !watched.contains(&first.as_str()) {
        return false;
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    !is_ignored(&name)
        && !name.ends_with(".tmp")
        && !name.starts_with(".#")
        && !name.starts_with('#')
}

fn accept(listener: &TcpListener, shared: &Arc<Shared>) {
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
        return events(&mut stream, shared);
    }
    let snapshot = Arc::clone(
        &shared
            .snapshot
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner),
    );
    if rel == FILES_PATH {
        let list: String = snapshot.files.keys().map(|k| format!("{k}\n")).collect();
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
    if let Some(bytes) = snapshot.files.get(&key) {
        return send_file(&mut stream, 200, &key, bytes, &snapshot, &base, head);
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
    let snapshot = Arc::clone(
        &shared
            .snapshot
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner),
    );
    let base = shared
        .base_path
        .read()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .clone();
    let language = rel.split('/').next().unwrap_or_default();
    let page = [format!("{language}/404.html"), "404.html".to_string()]
        .into_iter()
        .find_map(|k| snapshot.files.get(&k).map(|b| (k, Arc::clone(b))));
    match page {
        Some((key, bytes)) => send_file(stream, 404, &key, &bytes, &snapshot, &base, head),
        None => {
            let body = inject(
                b"<!DOCTYPE html><title>Not found</title><p>Not found.</p>",
                &snapshot,
                &base,
            );
            respond(stream, 404, "text/html; charset=utf-8", &body, !head)
        }
    }
}

fn send_file(
    stream: &mut TcpStream,
    status: u16,
    key: &str,
    bytes: &[u8],
    snapshot: &Snapshot,
    base: &str,
    head: bool,
) -> std::io::Result<()> {
    let kind = content_type(key);
    if kind.starts_with("text/html") {
        let body = inject(bytes, snapshot, base);
        respond(stream, status, kind, &body, !head)
    } else {
        respond(stream, status, kind, bytes, !head)
    }
}

/// Adds the reload script, and the error overlay when the last build failed, to a page.
/// Only `serve` does this: built sites never contain it.
fn inject(html: &[u8], snapshot: &Snapshot, base: &str) -> Vec<u8> {
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
        "<script>(()=>{{const s=new EventSource(\"{base}{EVENTS_PATH}?g={}\");s.addEventListener(\"reload\",()=>location.reload());}})();</script>",
        snapshot.generation
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

/// Keeps the connection open and sends `reload` when a newer build than the page's exists.
fn events(stream: &mut TcpStream, shared: &Shared) -> std::io::Result<()> {
    stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\nConnection: keep-alive\r\n\r\n: connected\n\n")?;
    let (lock, condvar) = &shared.changed;
    let mut seen = *lock
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    loop {
        let guard = lock
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let (guard, _) = condvar
            .wait_timeout_while(guard, Duration::from_secs(15), |g| *g == seen)
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let now = *guard;
        drop(guard);
        if now == seen {
            // Nothing new: a comment keeps proxies from closing the stream and tells us
            // when the page is gone.
            stream.write_all(b": ping\n\n")?;
        } else {
            seen = now;
            stream.write_all(format!("event: reload\ndata: {now}\n\n").as_bytes())?;
        }
        stream.flush()?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_could_leave_the_site_are_refused() {
        for bad in [
            "/../etc/passwd",
            "/fr/../../x",
            "/%2e%2e/site.yaml",
            "/fr%2f..%2fsite.yaml",
            "//etc/passwd",
            "/a\\b",
            "/c:/windows",
            "/%00",
            "/%ff",
            "relative",
            "/./x",
        ] {
            assert_eq!(clean_path(bad), None, "{bad}");
        }
        assert_eq!(
            clean_path("/ar/%D8%A3%D9%81%D9%84%D8%A7%D9%85/?q=1").as_deref(),
            Some("/ar/أفلام/")
        );
        assert_eq!(
            clean_path("/fr/films/la-haine/").as_deref(),
            Some("/fr/films/la-haine/")
        );
    }

    #[test]
    fn only_site_sources_trigger_rebuilds() {
        let root = Path::new("/site");
        let out = Path::new("/site/public");
        assert!(matters(root, out, Path::new("/site/content/films/x/fr.md")));
        assert!(matters(root, out, Path::new("/site/site.yaml")));
        assert!(matters(
            root,
            out,
            Path::new("/site/themes/default/templates/base.html")
        ));
        assert!(!matters(root, out, Path::new("/site/public/fr/index.html")));
        assert!(!matters(
            root,
            out,
            Path::new("/site/content/films/x/.fr.md.swp")
        ));
        assert!(!matters(
            root,
            out,
            Path::new("/site/content/films/x/fr.md~")
        ));
        assert!(!matters(root, out, Path::new("/site/.git/index")));
        assert!(!matters(root, out, Path::new("/site/target/debug/x")));
    }
}
