//! `vitrine serve`: the editors' preview. Builds the site into memory, serves it over HTTP,
//! watches the site's files, rebuilds after each change and tells open pages to reload
//! through Server-Sent Events. While the site has errors it keeps serving the last good
//! build with the errors shown over every page; it never dies on a bad edit.
//!
//! This module owns the preview server (hyper's HTTP/1 on a one-thread tokio runtime: a
//! reload stream is a task, not a thread), the file watcher and the reload/overlay
//! injection. What a build is stays `pipeline`'s business; nothing here writes to disk.
//! Files are held compressed (`session`'s [`Packed`]) and sent still compressed to the
//! clients that accept gzip (every browser): a large catalogue fits an editor's laptop.

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, RwLock};
use std::thread;
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};

use crate::config::Config;
use crate::content::load::is_ignored;
use crate::diagnostics::Diagnostic;
use crate::pipeline::BuildArgs;
use crate::render;
use crate::search::Corpus;
use crate::session::{Files, Packed, SearchInput, Session, Update};

mod http;
mod listen;
pub use http::{clean_path, content_type, host_allowed};
pub use listen::HEADER_DEADLINE;

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
/// A path that answers once the search index has caught up with the last good build.
pub const SETTLED_PATH: &str = "__vitrine/settled";

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
    /// The server's runtime could not start.
    #[error("cannot start the server: {0}")]
    Runtime(std::io::Error),
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
    files: Arc<Files>,
    /// The errors of the last build, rendered for the overlay; empty when it succeeded.
    errors: Vec<String>,
}

/// Counters that event streams and waiting requests watch.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Generations {
    /// Builds published, good or bad: pages reload when it changes.
    pages: u64,
    /// Search indexes published.
    search: u64,
    /// The last good build handed to the search indexer.
    requested: u64,
    /// The last good build whose search index is published (or failed).
    indexed: u64,
}

/// A good build's search documents, for the indexer.
struct SearchWork {
    id: u64,
    inputs: Vec<SearchInput>,
}

/// State shared by the HTTP threads, the watcher and the search indexer.
struct Shared {
    snapshot: RwLock<Arc<Snapshot>>,
    /// The search files, published by the indexer: a layer under the pages.
    search: RwLock<Arc<Files>>,
    /// What has been published, for event streams to wait on.
    changed: tokio::sync::watch::Sender<Generations>,
    /// The site's base path (`/` or `/catalogue/`).
    base_path: RwLock<String>,
    /// The address listened on: requests must name it (or a loopback name).
    bind: IpAddr,
}

/// A running server: its address, for callers that asked for port 0.
pub struct Server {
    /// The address the server listens on.
    pub addr: SocketAddr,
    runtime: tokio::runtime::Runtime,
    listener: tokio::net::TcpListener,
    shared: Arc<Shared>,
    args: ServeArgs,
    watcher: notify::RecommendedWatcher,
    events: mpsc::Receiver<Vec<PathBuf>>,
    session: Session,
    search_tx: mpsc::Sender<SearchWork>,
    search_rx: mpsc::Receiver<SearchWork>,
}

impl Server {
    /// Binds the address, starts watching the site and makes the first build (which may
    /// fail: the server starts anyway and shows the errors). Changes made from now on are
    /// seen.
    pub fn start(args: ServeArgs, log: &dyn Fn(&str)) -> Result<Server, ServeError> {
        let addr = SocketAddr::new(args.bind, args.port);
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .enable_time()
            .thread_name("vitrine-http")
            .build()
            .map_err(ServeError::Runtime)?;
        let listener = {
            let _inside = runtime.enter();
            listen::bind(addr).map_err(|source| ServeError::Bind { addr, source })?
        };
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
            })),
            search: RwLock::default(),
            changed: tokio::sync::watch::Sender::new(Generations::default()),
            base_path: RwLock::new("/".into()),
            bind: args.bind,
        });
        let mut session = Session::new(args.build.clone());
        let started = Instant::now();
        let update = session.rebuild();
        let (search_tx, search_rx) = mpsc::channel();
        let out = Outlet {
            build: &args.build,
            shared: &shared,
            search: &search_tx,
            log,
        };
        out.publish(update, &session, started);
        Ok(Server {
            addr,
            runtime,
            listener,
            shared,
            args,
            watcher,
            events,
            session,
            search_tx,
            search_rx,
        })
    }

    /// Serves requests and rebuilds after changes until the process ends.
    pub fn run(self, log: &(dyn Fn(&str) + Sync)) -> Result<(), ServeError> {
        let Server {
            runtime,
            listener,
            shared,
            args,
            watcher,
            events,
            mut session,
            search_tx,
            search_rx,
            ..
        } = self;
        thread::scope(|scope| {
            let cap = listen::connection_cap();
            let http = Arc::clone(&shared);
            scope.spawn(move || runtime.block_on(listen::serve(listener, http, cap, log)));
            let indexer = &shared;
            scope.spawn(move || index(search_rx, indexer, log));
            let out = Outlet {
                build: &args.build,
                shared: &shared,
                search: &search_tx,
                log,
            };
            watch(&events, &mut session, &out);
            // The indexer stops once the watcher (hence every sender) is gone.
            drop(search_tx);
        });
        drop(watcher);
        Ok(())
    }
}

/// Where the watcher publishes builds.
struct Outlet<'a> {
    build: &'a BuildArgs,
    shared: &'a Shared,
    search: &'a mpsc::Sender<SearchWork>,
    log: &'a dyn Fn(&str),
}

impl Outlet<'_> {
    /// Publishes the result of a change (or its errors), and hands a good build's search
    /// documents to the indexer: pages reload without waiting for the search index.
    fn publish(&self, update: Update, session: &Session, started: Instant) {
        let (shared, log) = (self.shared, self.log);
        if let Ok(config) = Config::load(&self.build.root, &self.build.overrides) {
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
        let snapshot = match update {
            // Nothing changed (a folder touched, say): no reload for open pages.
            Update::Built { .. }
                if previous.errors.is_empty() && Arc::ptr_eq(&previous.files, &session.files()) =>
            {
                return;
            }
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
                if let Some(inputs) = session.search_input() {
                    let id = shared.bump(|g| {
                        g.requested += 1;
                        g.requested
                    });
                    let _stopped = self.search.send(SearchWork { id, inputs });
                }
                Snapshot {
                    files: session.files(),
                    errors: Vec::new(),
                }
            }
            Update::Errors(d) => {
                log(&format!(
                    "{} error(s); still serving the last good build",
                    d.len()
                ));
                Snapshot {
                    files: Arc::clone(&previous.files),
                    errors: render_errors(self.build, &d),
                }
            }
        };
        // Swapped under the generations' lock: a page never sees a build without its number.
        shared.bump(|g| {
            *shared
                .snapshot
                .write()
                .unwrap_or_else(std::sync::PoisonError::into_inner) = Arc::new(snapshot);
            g.pages += 1;
        });
    }
}

impl Shared {
    /// Changes the generations and wakes whoever waits on them.
    fn bump<T: Default>(&self, change: impl FnOnce(&mut Generations) -> T) -> T {
        let mut out = T::default();
        self.changed.send_modify(|g| out = change(g));
        out
    }

    /// The last build and its generation. The generation is read first: a build published
    /// in between makes the page reload once more, never miss a reload.
    fn view(&self) -> (Arc<Snapshot>, u64) {
        let generation = self.generations().pages;
        let snapshot = Arc::clone(
            &self
                .snapshot
                .read()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        );
        (snapshot, generation)
    }

    fn generations(&self) -> Generations {
        *self.changed.borrow()
    }

    /// A served file: a page of the last good build, or a search file.
    fn file(&self, snapshot: &Snapshot, key: &str) -> Option<Arc<Packed>> {
        snapshot.files.get(key).cloned().or_else(|| {
            self.search
                .read()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .get(key)
                .cloned()
        })
    }
}

/// A language's published search files and what they were made of.
struct Indexed {
    input: SearchInput,
    files: Vec<(String, Arc<Packed>)>,
}

impl Indexed {
    /// True when `input` would give the same files: the same documents (shared, so
    /// compared by address), labels and runtime.
    fn made_of(&self, input: &SearchInput) -> bool {
        let (a, b) = (&self.input, input);
        a.lang == b.lang
            && a.runtime == b.runtime
            && a.labels == b.labels
            && a.docs.len() == b.docs.len()
            && a.docs.iter().zip(&b.docs).all(|(x, y)| Arc::ptr_eq(x, y))
    }
}

/// The search indexer: builds the index of each language whose documents changed, on one
/// low-priority thread (its own one-thread pool, so that the index's parallel parts stay
/// on it too), and publishes them together: the watcher answers the next save first. Work
/// that a newer build supersedes is dropped between languages.
fn index(rx: mpsc::Receiver<SearchWork>, shared: &Shared, log: &(dyn Fn(&str) + Sync)) {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .thread_name(|_| "vitrine-search".into())
        .start_handler(|_| lower_priority())
        .build();
    match pool {
        Ok(pool) => pool.install(move || index_loop(&rx, shared, log)),
        Err(_) => index_loop(&rx, shared, log),
    }
}

/// Lowers the calling thread's scheduling priority (Linux threads have their own).
fn lower_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority has no memory effects; `0` names the calling thread on Linux.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 15);
    }
}

fn index_loop(rx: &mpsc::Receiver<SearchWork>, shared: &Shared, log: &(dyn Fn(&str) + Sync)) {
    let mut published: Vec<Indexed> = Vec::new();
    // Per language, what the next rebuild can reuse of the last one.
    let mut corpora: Vec<Corpus> = Vec::new();
    let mut next: Option<SearchWork> = None;
    // Languages built by superseded work, kept for reuse but not served yet.
    let mut unserved = false;
    loop {
        let mut work = match next.take() {
            Some(w) => w,
            None => match rx.recv() {
                Ok(w) => w,
                Err(_) => return,
            },
        };
        while let Ok(newer) = rx.try_recv() {
            work = newer;
        }
        corpora.retain(|c| work.inputs.iter().any(|i| i.lang == c.lang()));
        let started = Instant::now();
        let mut fresh: Vec<Indexed> = Vec::new();
        let mut built = 0;
        for input in &work.inputs {
            if let Some(done) = published.iter().position(|p| p.made_of(input)) {
                fresh.push(published.swap_remove(done));
                continue;
            }
            if let Ok(newer) = rx.try_recv() {
                next = Some(newer);
                break;
            }
            let corpus = match corpora.iter().position(|c| c.lang() == input.lang) {
                Some(n) => &mut corpora[n],
                None => {
                    corpora.push(Corpus::new(&input.lang));
                    corpora.last_mut().expect("just pushed")
                }
            };
            match render::search_files_kept(
                corpus,
                input.docs.clone(),
                &input.labels,
                input.runtime,
            ) {
                Ok(files) => {
                    built += 1;
                    let files = files
                        .into_iter()
                        .map(|(path, bytes)| {
                            let packed = Packed::shared(&path, bytes);
                            (path, Arc::new(packed))
                        })
                        .collect();
                    fresh.push(Indexed {
                        input: input.clone(),
                        files,
                    });
                }
                Err(d) => {
                    // The previous index of the language, if any, stays.
                    log(&format!("the search index was not updated: {}", d.message));
                    if let Some(old) = published.iter().position(|p| p.input.lang == input.lang) {
                        fresh.push(published.swap_remove(old));
                    }
                }
            }
        }
        if next.is_some() {
            // Superseded: what was built is kept for reuse, nothing is published.
            unserved |= built > 0;
            published.extend(fresh);
            continue;
        }
        published = fresh;
        let changed = built > 0 || unserved;
        unserved = false;
        if changed {
            let files: Files = published
                .iter()
                .flat_map(|p| p.files.iter().cloned())
                .collect();
            *shared
                .search
                .write()
                .unwrap_or_else(std::sync::PoisonError::into_inner) = Arc::new(files);
            log(&format!(
                "search index of {built} language(s) updated in {:.0} ms",
                started.elapsed().as_secs_f64() * 1000.0
            ));
        }
        shared.bump(|g| {
            if changed {
                g.search += 1;
            }
            g.indexed = work.id;
        });
    }
}

fn render_errors(build: &BuildArgs, diagnostics: &[Diagnostic]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| {
            let source = crate::content::load::text_to_show(&build.root.join(&d.file));
            d.render(source.as_deref())
        })
        .collect()
}

/// Waits for file events, lets a burst of them settle, and updates the site once per burst.
fn watch(rx: &mpsc::Receiver<Vec<PathBuf>>, session: &mut Session, out: &Outlet<'_>) {
    let build = out.build;
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
            out.publish(update, session, started);
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
        "admin",
        "content",
        "data",
        "templates",
        "themes",
        "static",
        "i18n",
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
