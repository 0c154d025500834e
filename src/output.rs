//! Write: rendered pages and copied files go into a fresh directory beside the output, which
//! replaces the previous output only once everything is written.
//!
//! A build that fails or is killed never leaves a half-written site where the old one was:
//! one build at a time holds a lock beside the output ([`OutputLock`]), writes into a
//! staging folder of its own ([`Staging`]) and exchanges it with the previous output in one
//! step ([`swap`]). This module does not decide what to write.

use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use rayon::prelude::*;

use crate::content::load::open_regular;
use crate::render::OutputFile;

/// An I/O failure, with the path it concerns.
#[derive(Debug, thiserror::Error)]
#[error("{action} {}: {source}", path.display())]
pub struct WriteError {
    /// What was being done.
    pub action: &'static str,
    /// The file or folder.
    pub path: PathBuf,
    /// The cause.
    #[source]
    pub source: io::Error,
}

fn io_err(action: &'static str, path: &Path) -> impl FnOnce(io::Error) -> WriteError + use<> {
    let path = path.to_path_buf();
    move |source| WriteError {
        action,
        path,
        source,
    }
}

/// Why a build could not take the output for itself.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    /// Another live build holds the lock.
    #[error("another build{} is writing {}", pid_text(.pid), output.display())]
    Busy {
        /// The output folder.
        output: PathBuf,
        /// The process holding the lock, when it wrote its id.
        pid: Option<u32>,
        /// The lock file.
        lock: PathBuf,
    },
    /// The lock file could not be made or locked.
    #[error(transparent)]
    Io(#[from] WriteError),
    /// The output may not be replaced.
    #[error(transparent)]
    Refused(#[from] Refusal),
}

/// Why a folder cannot be an output: a build replaces its output whole, and would delete
/// what this one holds.
#[derive(Debug, thiserror::Error)]
pub enum Refusal {
    /// The output is the site's folder, or a folder above it.
    #[error("the output {} holds the site itself", .0.display())]
    HoldsSite(PathBuf),
    /// The output is, or is inside, one of the site's own files or folders.
    #[error("the output {} is the site's `{}` or inside it", .0.display(), .1)]
    InSource(PathBuf, String),
    /// The output exists and is not a folder.
    #[error("the output {} is a file, not a folder", .0.display())]
    NotAFolder(PathBuf),
    /// The output is a folder of files that no build wrote.
    #[error("the output {} is a folder of other files, not a site that vitrine built", .0.display())]
    Foreign(PathBuf),
}

impl Refusal {
    /// What to do instead.
    pub fn help(&self) -> &'static str {
        match self {
            Refusal::HoldsSite(_) | Refusal::InSource(..) => {
                "a build replaces its output and everything in it: give `--output` a folder of its own, such as the default `public/`"
            }
            Refusal::NotAFolder(_) => {
                "a build replaces its output: move the file away, or give `--output` another folder"
            }
            Refusal::Foreign(_) => {
                "a build replaces its output and everything in it: give `--output` a new or empty folder, or empty this one if nothing in it is needed"
            }
        }
    }
}

/// The site's own files and folders, which no output may be or be inside.
const SOURCES: &[&str] = &[
    "site.yaml",
    "content",
    "data",
    "static",
    "templates",
    "themes",
    "i18n",
    "schemas",
    "admin",
    ".git",
    ".vitrine",
];

/// Refuses an output whose replacement would delete what is not a build's: the site itself
/// (`--output .`), its sources (`--output content`), a file, or a folder no build wrote
/// (one without the lock beside it, and without an `index.html`).
pub fn refuse(root: &Path, output: &Path) -> Result<(), Refusal> {
    let (root_at, output_at) = (real_path(root), real_path(output));
    if root_at.starts_with(&output_at) {
        return Err(Refusal::HoldsSite(output.to_path_buf()));
    }
    if let Ok(inside) = output_at.strip_prefix(&root_at)
        && let Some(first) = inside.components().next()
        && let Some(source) = SOURCES.iter().find(|s| first.as_os_str() == **s)
    {
        return Err(Refusal::InSource(output.to_path_buf(), (*source).into()));
    }
    let Ok(meta) = fs::metadata(output) else {
        return Ok(());
    };
    if !meta.is_dir() {
        return Err(Refusal::NotAFolder(output.to_path_buf()));
    }
    let empty = fs::read_dir(output).is_ok_and(|mut e| e.next().is_none());
    let built = Beside::of(output).path("lock").exists() || output.join("index.html").is_file();
    if empty || built {
        Ok(())
    } else {
        Err(Refusal::Foreign(output.to_path_buf()))
    }
}

/// Makes an interrupted build (Ctrl-C, `kill`, a closed terminal, a cancelled CI job) remove
/// the pages it was writing beside `output` and exit as the signal would have (128 + its
/// number): the previous output was never touched, and no staging folder of thousands of
/// pages is left behind until the next build. Call it before any thread starts: the signals
/// are blocked in every thread and received by one of its own.
#[cfg(unix)]
pub fn clean_up_on_interrupt(output: &Path) {
    let beside = Beside::of(output);
    let staging = beside.path(&format!("new-{}", std::process::id()));
    let stopped = beside.path(&format!("new-{}-stopped", std::process::id()));
    // SAFETY: a zeroed sigset_t is valid storage, which sigemptyset initialises; the set is
    // only passed to the signal functions of libc.
    let mut signals: libc::sigset_t = unsafe { std::mem::zeroed() };
    let blocked = unsafe {
        libc::sigemptyset(&raw mut signals);
        for signal in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
            libc::sigaddset(&raw mut signals, signal);
        }
        libc::pthread_sigmask(libc::SIG_BLOCK, &raw const signals, std::ptr::null_mut()) == 0
    };
    if !blocked {
        return;
    }
    // A small stack: it only waits, then removes a folder; a build's memory may be bounded.
    let waiter = std::thread::Builder::new().stack_size(128 * 1024);
    let waiting = waiter.spawn(move || {
        let mut signal = 0;
        // SAFETY: `signals` is an initialised set; `signal` is a valid place for the number.
        if unsafe { libc::sigwait(&raw const signals, &raw mut signal) } != 0 {
            return;
        }
        // Held until the exit, so that no error of a page write cut short is printed.
        let mut stderr = io::stderr().lock();
        // Moved away first: the writes still under way then fail instead of adding pages.
        // Removed here, not with rayon's threads, which are busy with the build.
        if fs::rename(&staging, &stopped).is_ok() {
            for _ in 0..5 {
                if fs::remove_dir_all(&stopped).is_ok() || fs::symlink_metadata(&stopped).is_err() {
                    break;
                }
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
        }
        let _told = writeln!(
            stderr,
            "\ninterrupted: the build stopped and removed the pages it was writing"
        );
        std::process::exit(128 + signal);
    });
    if waiting.is_err() {
        // No thread to receive them: the signals stop the build as they always did.
        // SAFETY: the set is initialised above.
        unsafe {
            libc::pthread_sigmask(libc::SIG_UNBLOCK, &raw const signals, std::ptr::null_mut());
        }
    }
}

/// Creates `dir` and the folders above it up to `top`, but never `top` itself: once an
/// interrupted build has moved its staging folder away, its last writes fail instead of
/// making it again.
fn create_below(top: &Path, dir: &Path) -> io::Result<()> {
    if dir == top {
        return Ok(());
    }
    match fs::create_dir(dir) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists && dir.is_dir() => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            let parent = dir.parent().ok_or(e)?;
            if parent == top {
                return Err(io::Error::from(io::ErrorKind::NotFound));
            }
            create_below(top, parent)?;
            match fs::create_dir(dir) {
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists && dir.is_dir() => Ok(()),
                other => other,
            }
        }
        Err(e) => Err(e),
    }
}

/// Interrupting a build stops it where it is (no staging folder to clean elsewhere).
#[cfg(not(unix))]
pub fn clean_up_on_interrupt(_output: &Path) {}

/// `path` absolute, with links resolved as far as it exists.
fn real_path(path: &Path) -> PathBuf {
    if let Ok(real) = fs::canonicalize(path) {
        return real;
    }
    match (path.parent(), path.file_name()) {
        (Some(parent), Some(name)) if !parent.as_os_str().is_empty() => {
            real_path(parent).join(name)
        }
        _ => std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()),
    }
}

fn pid_text(pid: &Option<u32>) -> String {
    pid.map(|p| format!(" (process {p})")).unwrap_or_default()
}

/// The names of what a build keeps beside an output `public`: `.public.vitrine-lock`,
/// `.public.vitrine-new-<pid>` (staging), `.public.vitrine-old` (retired, fallback swap).
#[derive(Debug, Clone)]
struct Beside {
    parent: PathBuf,
    name: String,
}

impl Beside {
    fn of(output: &Path) -> Beside {
        let parent = match output.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        Beside { parent, name }
    }

    fn path(&self, suffix: &str) -> PathBuf {
        self.parent.join(format!(".{}.vitrine-{suffix}", self.name))
    }

    /// Whether `entry` (a name in the parent) is a staging or retired folder of this output.
    fn is_leftover(&self, entry: &str) -> bool {
        let prefix = format!(".{}.vitrine-", self.name);
        entry
            .strip_prefix(&prefix)
            .is_some_and(|rest| rest.starts_with("new") || rest.starts_with("old"))
    }
}

/// The one build allowed to write an output: an advisory lock on a file beside it, held
/// until dropped (the system releases it when the process dies, so a killed build never
/// blocks the next one). Taking it also repairs what a dead build left.
#[derive(Debug)]
pub struct OutputLock {
    output: PathBuf,
    beside: Beside,
    _file: File,
    /// When the lock was taken: a source modified since then changed during the build.
    started: SystemTime,
    /// Problems met while cleaning up, none of which stops the build.
    pub warnings: Vec<String>,
}

impl OutputLock {
    /// Takes the lock of `output` at once or fails, naming the process that holds it; then
    /// puts back a previous output found missing beside a retired one, and removes the
    /// staging and retired folders of dead builds.
    pub fn acquire(output: &Path) -> Result<OutputLock, LockError> {
        let beside = Beside::of(output);
        fs::create_dir_all(&beside.parent).map_err(io_err("cannot create", &beside.parent))?;
        let path = beside.path("lock");
        let mut file = fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(io_err("cannot open the lock", &path))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => {
                let mut text = String::new();
                let _unreadable = file.read_to_string(&mut text);
                return Err(LockError::Busy {
                    output: output.to_path_buf(),
                    pid: text.trim().parse().ok(),
                    lock: path,
                });
            }
            Err(fs::TryLockError::Error(e)) => {
                return Err(io_err("cannot lock", &path)(e).into());
            }
        }
        // The id is only for the message of a build that finds the lock taken.
        let _told = file
            .set_len(0)
            .and_then(|()| write!(file, "{}", std::process::id()))
            .and_then(|()| file.flush());
        let mut lock = OutputLock {
            output: output.to_path_buf(),
            beside,
            _file: file,
            started: SystemTime::now(),
            warnings: Vec::new(),
        };
        lock.recover()?;
        lock.remove_leftovers();
        Ok(lock)
    }

    /// Between the two renames of a fallback swap the output is missing and the complete
    /// previous one sits retired beside it: it is put back.
    fn recover(&mut self) -> Result<(), WriteError> {
        if fs::symlink_metadata(&self.output).is_ok() {
            return Ok(());
        }
        let retired = self.beside.path("old");
        if retired.is_dir() {
            fs::rename(&retired, &self.output)
                .map_err(io_err("cannot put back the previous output", &retired))?;
            self.warnings.push(format!(
                "the previous output was found at {} (an interrupted build) and put back",
                retired.display()
            ));
        }
        Ok(())
    }

    /// Removes staging and retired folders beside the output: the lock is held, so no live
    /// build owns them. Best effort: what cannot be removed is a warning.
    fn remove_leftovers(&mut self) {
        let Ok(entries) = fs::read_dir(&self.beside.parent) else {
            return;
        };
        for entry in entries.filter_map(Result::ok) {
            let name = entry.file_name().to_string_lossy().into_owned();
            if self.beside.is_leftover(&name)
                && let Err(e) = remove_tree(&entry.path())
            {
                self.warnings.push(leftover_warning(&e));
            }
        }
    }
}

fn leftover_warning(e: &WriteError) -> String {
    format!(
        "{e}; the new output is in place, delete {} by hand when you can",
        e.path.display()
    )
}

/// Why a copied file is refused.
const CHANGED: &str = "the file changed during the build; run the build again";

/// A fresh folder beside the output, filled while the site renders and swapped into place
/// by [`Staging::commit`]. Dropped without a commit, it is deleted and the previous output
/// stays as it was.
#[derive(Debug)]
pub struct Staging<'a> {
    dir: PathBuf,
    lock: &'a OutputLock,
    committed: bool,
}

impl<'a> Staging<'a> {
    /// Creates this build's staging folder for the output `lock` holds.
    pub fn create(lock: &'a OutputLock) -> Result<Staging<'a>, WriteError> {
        let dir = lock.beside.path(&format!("new-{}", std::process::id()));
        if fs::symlink_metadata(&dir).is_ok() {
            remove_tree(&dir)?;
        }
        fs::create_dir_all(&dir).map_err(io_err("cannot create", &dir))?;
        Ok(Staging {
            dir,
            lock,
            committed: false,
        })
    }

    /// Writes one rendered file. Safe to call from several threads.
    pub fn write(&self, file: &OutputFile) -> Result<(), WriteError> {
        let path = self.dir.join(&file.path);
        if let Some(parent) = path.parent() {
            create_below(&self.dir, parent).map_err(io_err("cannot create", parent))?;
        }
        fs::write(&path, &file.bytes).map_err(io_err("cannot write", &path))
    }

    /// Copies files as they are (static files, record assets). A source that cannot be
    /// read is named as the source, a destination that cannot be written as the output.
    /// Pages state the size of the files they link to, read earlier in the build: a source
    /// modified since the build started, or whose size changes while it is copied, is an
    /// error (the site would be the build of no single state of its files). Files of the
    /// `cache` folder are written by the build itself (named by the hash of what they hold).
    pub fn copy(&self, copies: &[(PathBuf, String)], cache: &Path) -> Result<(), WriteError> {
        copies.par_iter().try_for_each(|(source, dest)| {
            let path = self.dir.join(dest);
            if let Some(parent) = path.parent() {
                create_below(&self.dir, parent).map_err(io_err("cannot create", parent))?;
            }
            let mut from = open_regular(source).map_err(io_err("cannot read", source))?;
            let meta = from.metadata().map_err(io_err("cannot read", source))?;
            let changed = || io_err("cannot copy", source)(io::Error::other(CHANGED));
            if !source.starts_with(cache)
                && meta
                    .modified()
                    .is_ok_and(|m| m > self.lock.started && m <= SystemTime::now())
            {
                return Err(changed());
            }
            let mut to = File::create(&path).map_err(io_err("cannot write", &path))?;
            let copied = io::copy(&mut from, &mut to).map_err(io_err("cannot copy to", &path))?;
            if copied == meta.len() {
                Ok(())
            } else {
                Err(changed())
            }
        })
    }

    /// Puts the new output in place of the previous one in one step, then removes the
    /// previous one. Returns what could not be removed, as warnings: the build succeeded.
    pub fn commit(mut self) -> Result<Vec<String>, WriteError> {
        self.committed = true;
        let output = &self.lock.output;
        let retired = match swap(&self.dir, output, &self.lock.beside.path("old")) {
            Ok(retired) => retired,
            Err(e) => {
                let _cleanup = remove_tree(&self.dir);
                return Err(e);
            }
        };
        Ok(retired
            .and_then(|old| remove_tree(&old).err())
            .map(|e| leftover_warning(&e))
            .into_iter()
            .collect())
    }
}

impl Drop for Staging<'_> {
    fn drop(&mut self) {
        if !self.committed {
            let _cleanup = remove_tree(&self.dir);
        }
    }
}

/// Moves `new` to `output`, and returns where the previous output went (to be removed).
///
/// On Linux an existing output is exchanged with `new` by `renameat2(RENAME_EXCHANGE)`: there
/// is no moment without an output. Elsewhere, or on a file system without the exchange,
/// the previous output is first renamed to `retired` then `new` into place; a build killed
/// between the two leaves `retired` complete, which [`OutputLock::acquire`] puts back.
pub fn swap(new: &Path, output: &Path, retired: &Path) -> Result<Option<PathBuf>, WriteError> {
    if fs::symlink_metadata(output).is_err() {
        fs::rename(new, output).map_err(io_err("cannot move into place", output))?;
        return Ok(None);
    }
    if exchange(new, output)? {
        return Ok(Some(new.to_path_buf()));
    }
    if fs::symlink_metadata(retired).is_ok() {
        remove_tree(retired)?;
    }
    fs::rename(output, retired).map_err(io_err("cannot move aside", output))?;
    if let Err(e) = fs::rename(new, output) {
        let _restore = fs::rename(retired, output);
        return Err(io_err("cannot move into place", output)(e));
    }
    Ok(Some(retired.to_path_buf()))
}

/// Exchanges two paths atomically; `false` when the system cannot.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn exchange(a: &Path, b: &Path) -> Result<bool, WriteError> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        Err(e) if e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS => Ok(false),
        Err(e) => Err(io_err("cannot exchange with", b)(e.into())),
    }
}

/// Exchanges two paths atomically; `false` when the system cannot.
#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn exchange(_a: &Path, _b: &Path) -> Result<bool, WriteError> {
    Ok(false)
}

/// Removes a folder tree, its top-level entries in parallel: deleting tens of thousands of
/// pages one by one is a noticeable part of a large build.
fn remove_tree(dir: &Path) -> Result<(), WriteError> {
    if !fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir()) {
        return fs::remove_file(dir).map_err(io_err("cannot remove", dir));
    }
    let entries: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(io_err("cannot read", dir))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.par_iter().try_for_each(|p| {
        if fs::symlink_metadata(p).is_ok_and(|m| m.is_dir()) {
            remove_tree(p)
        } else {
            fs::remove_file(p).map_err(io_err("cannot remove", p))
        }
    })?;
    fs::remove_dir(dir).map_err(io_err("cannot remove", dir))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_source_changed_after_the_build_started_is_refused_and_a_missing_one_named() {
        let dir = tempfile::tempdir().unwrap();
        let source = dir.path().join("guide.pdf");
        fs::write(&source, "stated size").unwrap();
        let lock = OutputLock::acquire(&dir.path().join("public")).unwrap();
        let staging = Staging::create(&lock).unwrap();
        let copies = [(source.clone(), "media/guide.pdf".to_string())];
        staging.copy(&copies, &dir.path().join(".vitrine")).unwrap();
        // Some file systems keep modification times to the second or coarser.
        std::thread::sleep(std::time::Duration::from_millis(1100));
        fs::write(&source, "another, longer content").unwrap();
        let e = staging
            .copy(&copies, &dir.path().join(".vitrine"))
            .unwrap_err();
        assert_eq!(e.path, source);
        assert!(
            e.to_string()
                .contains("changed during the build; run the build again"),
            "{e}"
        );
        fs::remove_file(&source).unwrap();
        let e = staging
            .copy(&copies, &dir.path().join(".vitrine"))
            .unwrap_err();
        assert_eq!((e.action, e.path), ("cannot read", source));
    }
}
