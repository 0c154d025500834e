//! Bulk files in a session: which records a saved bulk file (`content/<kind>/<name>.yaml`
//! or `.csv`) changed, added or dropped, and when a save cannot be answered record by
//! record because a record is written in two places. Reading, parsing and resolving are
//! `content`'s and `site`'s; putting the records in place is the session's.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::content::Record;
use crate::diagnostics::Diagnostic;
use crate::hash::Fnv;

/// The records of one bulk file by the folder they would have, each with a fingerprint of
/// everything parsed from it (its lines included: they are in its diagnostics).
pub(super) type Prints = BTreeMap<PathBuf, u64>;

/// A bulk file read and parsed again after a save.
pub(super) struct Reread {
    /// The file, relative to the site root.
    pub path: PathBuf,
    /// Its records as a full build parses them (none when it is gone or unreadable).
    pub records: Vec<Record>,
    /// Problems of reading and parsing it.
    pub found: Vec<Diagnostic>,
    /// The fingerprints of `records`.
    pub prints: Prints,
}

impl Reread {
    /// `records` of the file at `path`, read with the problems `found`.
    pub fn new(path: PathBuf, records: Vec<Record>, found: Vec<Diagnostic>) -> Reread {
        let prints = records
            .iter()
            .map(|r| (r.dir.clone(), fingerprint(r)))
            .collect();
        Reread {
            path,
            records,
            found,
            prints,
        }
    }
}

/// What an update of records reads again: record folders, and bulk files read already.
pub(super) struct Change {
    /// Every record folder the change may alter: the saved folders, and those of the
    /// records of bulk files that changed, came or went.
    pub dirs: BTreeSet<PathBuf>,
    /// The saved record folders.
    pub folders: BTreeSet<PathBuf>,
    /// The saved bulk files.
    pub bulk: Vec<Reread>,
}

/// True for a record written in a bulk file (its folder does not hold its file).
pub(super) fn is_bulk(r: &Record) -> bool {
    r.source.parent() != Some(r.dir.as_path())
}

/// The bulk files' records, by file, as a full build parsed them.
pub(super) fn by_file(records: &[Record]) -> BTreeMap<PathBuf, Prints> {
    let mut files: BTreeMap<PathBuf, Prints> = BTreeMap::new();
    for r in records.iter().filter(|r| is_bulk(r)) {
        let prints = files.entry(r.source.clone()).or_default();
        prints.insert(r.dir.clone(), fingerprint(r));
    }
    files
}

/// A hash of everything parsed from a record, written through its `Debug` form without
/// making the string.
fn fingerprint(r: &Record) -> u64 {
    struct Hashing(Fnv);
    impl std::fmt::Write for Hashing {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            self.0.write(s.as_bytes());
            Ok(())
        }
    }
    let mut hashing = Hashing(Fnv::default());
    // Writing into a hash cannot fail.
    let _infallible = std::fmt::write(&mut hashing, format_args!("{r:?}"));
    hashing.0.0
}

/// The folders of the records that changed, came or went between `old` and `new`.
pub(super) fn changed(old: Option<&Prints>, new: &Prints) -> BTreeSet<PathBuf> {
    let empty = Prints::new();
    let old = old.unwrap_or(&empty);
    let gone = old.keys().filter(|dir| !new.contains_key(*dir));
    let edited = new
        .iter()
        .filter(|(dir, print)| old.get(*dir) != Some(print));
    gone.chain(edited.map(|(dir, _)| dir)).cloned().collect()
}

/// True when a record the save touches is, was or becomes written in two places — a
/// folder and a bulk file, or two bulk files — which a session keyed by folder cannot
/// update record by record: a full build reports it (or the move once it is done).
/// `held` are the bulk files' records before the save, `rereads` the saved bulk files,
/// `folders` the saved record folders.
pub(super) fn shared(
    root: &Path,
    held: &BTreeMap<PathBuf, Prints>,
    rereads: &[Reread],
    folders: &BTreeSet<PathBuf>,
) -> bool {
    let in_bulk = |dir: &Path, except: Option<&Path>| {
        let before = held
            .iter()
            .any(|(file, prints)| Some(file.as_path()) != except && prints.contains_key(dir));
        before
            || rereads
                .iter()
                .any(|r| Some(r.path.as_path()) != except && r.prints.contains_key(dir))
    };
    if folders.iter().any(|dir| in_bulk(dir, None)) {
        return true;
    }
    rereads.iter().any(|r| {
        let before = held.get(&r.path).into_iter().flat_map(BTreeMap::keys);
        before.chain(r.prints.keys()).any(|dir| {
            in_bulk(dir, Some(&r.path)) || std::fs::symlink_metadata(root.join(dir)).is_ok()
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prints(entries: &[(&str, u64)]) -> Prints {
        entries
            .iter()
            .map(|(dir, print)| (PathBuf::from(dir), *print))
            .collect()
    }

    #[test]
    fn the_records_that_changed_came_or_went_are_named_and_no_other() {
        let old = prints(&[
            ("content/films/a", 1),
            ("content/films/b", 2),
            ("content/films/c", 3),
        ]);
        let new = prints(&[
            ("content/films/a", 1),
            ("content/films/b", 5),
            ("content/films/d", 4),
        ]);
        let dirs: Vec<PathBuf> = changed(Some(&old), &new).into_iter().collect();
        assert_eq!(
            dirs,
            ["content/films/b", "content/films/c", "content/films/d"].map(PathBuf::from)
        );
        assert_eq!(changed(None, &new).len(), 3, "a new file: all its records");
        assert!(changed(Some(&old), &old).is_empty());
    }

    #[test]
    fn a_record_in_a_folder_and_a_bulk_file_or_in_two_files_is_left_to_a_full_build() {
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(root.path().join("content/films/folder")).unwrap();
        let held = BTreeMap::from([
            (
                PathBuf::from("content/films/a.yaml"),
                prints(&[("content/films/x", 1)]),
            ),
            (
                PathBuf::from("content/films/b.yaml"),
                prints(&[("content/films/y", 1)]),
            ),
        ]);
        let reread = |file: &str, dirs: &[&str]| {
            let mut r = Reread::new(file.into(), Vec::new(), Vec::new());
            r.prints = dirs.iter().map(|d| (PathBuf::from(d), 0)).collect();
            r
        };
        let none = BTreeSet::new();
        let alone = [reread(
            "content/films/a.yaml",
            &["content/films/x", "content/films/z"],
        )];
        assert!(!shared(root.path(), &held, &alone, &none));
        let into_other = [reread("content/films/a.yaml", &["content/films/y"])];
        assert!(shared(root.path(), &held, &into_other, &none));
        let over_folder = [reread("content/films/a.yaml", &["content/films/folder"])];
        assert!(shared(root.path(), &held, &over_folder, &none));
        let folder = BTreeSet::from([PathBuf::from("content/films/y")]);
        assert!(
            shared(root.path(), &held, &[], &folder),
            "a folder saved over a bulk record"
        );
        let folder = BTreeSet::from([PathBuf::from("content/films/w")]);
        assert!(!shared(root.path(), &held, &[], &folder));
    }
}
