//! Walks `content/` and `data/` and reads every text file into memory, as [`Sources`].
//!
//! Only layout problems are found here: an unknown folder, a record without `record.yaml`
//! or without any language file, a language file for a language the site does not have or
//! written twice (`fr.md` beside `index.fr.md`),
//! unreadable or non-UTF-8 files. What the files say is `parse`'s business.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::layout::{Kind, PAGES_FOLDER, RECORD_FILE, is_valid_id};
use crate::config::Config;
use crate::diagnostics::{Diagnostic, Span, did_you_mean, hint};

/// Text files larger than this are refused rather than read: no editor writes a 8 MiB
/// record, and reading it would cost memory for nothing.
pub const MAX_TEXT_FILE: u64 = 8 * 1024 * 1024;

/// Bulk files (YAML lists and spreadsheets of records) may be larger: an export of 16,000
/// films with their casts is about 11 MiB.
pub const MAX_BULK_FILE: u64 = 64 * 1024 * 1024;

/// How large a text file may be, what it is called in the error and what to do instead.
pub(super) struct Limit {
    bytes: u64,
    what: &'static str,
    help: &'static str,
}

const TEXT: Limit = Limit {
    bytes: MAX_TEXT_FILE,
    what: "text files",
    help: "split the text, or move large material into a resource file (PDF…)",
};

pub(super) const BULK: Limit = Limit {
    bytes: MAX_BULK_FILE,
    what: "bulk files",
    help: "split the list into several files of the same folder (`import-1.yaml`, `import-2.yaml`…): each is read as a bulk file",
};

/// A text file read from the site, with its path relative to the site root.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the site root.
    pub path: PathBuf,
    /// The whole content, valid UTF-8.
    pub text: String,
}

/// The files of one record folder.
#[derive(Debug)]
pub struct RecordSource {
    /// The record's kind, from its parent folder.
    pub kind: Kind,
    /// The folder name.
    pub id: String,
    /// The folder, relative to the site root.
    pub dir: PathBuf,
    /// `record.yaml`.
    pub record: SourceFile,
    /// `<lang>.md` files, sorted by language code.
    pub translations: Vec<(String, SourceFile)>,
    /// Names of the other files in the folder (images, PDFs…).
    pub assets: BTreeSet<String>,
}

/// The files of one free page folder.
#[derive(Debug)]
pub struct PageSource {
    /// The folder name.
    pub id: String,
    /// `<lang>.md` files, sorted by language code.
    pub translations: Vec<(String, SourceFile)>,
}

/// Everything read from the site, before parsing.
#[derive(Debug, Default)]
pub struct Sources {
    /// Record folders, sorted by kind and id.
    pub records: Vec<RecordSource>,
    /// Free pages, sorted by id.
    pub pages: Vec<PageSource>,
    /// Editorial collections, sorted by id.
    pub collections: Vec<CollectionSource>,
    /// Bulk files: lists of records of a kind, `content/<kind>/<name>.yaml` or `.csv`.
    pub bulk: Vec<(Kind, SourceFile)>,
    /// The site's language codes, the default one first: bulk files' texts must use them.
    pub languages: Vec<String>,
    /// Vocabulary files of `data/` that exist, by name (`themes`, `roles`…).
    pub vocabularies: Vec<(String, SourceFile)>,
}

/// The vocabularies `data/` may hold.
pub const VOCABULARIES: [&str; 5] = ["themes", "roles", "institutions", "countries", "languages"];

/// Reads the site under `root`. Problems are appended to `diagnostics`; what could be read
/// is returned regardless, so later stages can report their own problems too.
pub fn load(root: &Path, config: &Config, diagnostics: &mut Vec<Diagnostic>) -> Sources {
    // The default language first: a bulk file's plain (untranslated) text is in it.
    let mut sources = Sources {
        languages: config.default_first(),
        ..Sources::default()
    };
    for name in VOCABULARIES {
        let rel = PathBuf::from("data").join(format!("{name}.yaml"));
        if std::fs::symlink_metadata(root.join(&rel)).is_ok_and(|m| !m.is_dir())
            && let Some(file) = read_text(root, &rel, diagnostics)
        {
            sources.vocabularies.push((name.to_string(), file));
        }
    }
    for folder in ["content", "data"] {
        if let Some(d) = outside_link(root, Path::new(folder)) {
            diagnostics.push(d);
            return sources;
        }
    }
    if let Err(e) = std::fs::read_dir(root.join("data"))
        && e.kind() != std::io::ErrorKind::NotFound
    {
        diagnostics.push(unreadable_folder(Path::new("data"), &e));
    }
    let content = root.join("content");
    let entries = match sorted_entries(&content) {
        Ok(entries) => entries,
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            diagnostics.push(unreadable_folder(Path::new("content"), &e));
            return sources;
        }
        Err(_) => {
            diagnostics.push(
                Diagnostic::error(
                    "missing-content",
                    "content",
                    Span::file(),
                    "the site has no `content/` folder",
                )
                .with_help(
                    "create `content/` with one folder per kind, e.g. `vitrine new film my-film`",
                ),
            );
            return sources;
        }
    };
    for (name, path) in entries {
        let rel = PathBuf::from("content").join(&name);
        if let Some(d) = outside_link(root, &rel) {
            diagnostics.push(d);
            continue;
        }
        if !path.is_dir() {
            // Markdown files at the top of content/ are notes for editors (README, licences).
            if !is_ignored(&name) && !name.ends_with(".md") {
                diagnostics.push(
                    Diagnostic::warning(
                        "stray-file",
                        &rel,
                        Span::file(),
                        "this file is not part of any record and is ignored",
                    )
                    .with_help("records live in `content/<kind>/<id>/`; move or delete the file"),
                );
            }
            continue;
        }
        if name == PAGES_FOLDER {
            load_pages(root, &rel, config, &mut sources, diagnostics);
        } else if let Some(kind) = Kind::from_folder(&name) {
            load_kind(root, &rel, kind, config, &mut sources, diagnostics);
        } else if name == super::layout::COLLECTIONS_FOLDER {
            load_collections(root, &rel, config, &mut sources, diagnostics);
        } else {
            let folders = Kind::ALL.iter().map(|k| k.folder()).chain([PAGES_FOLDER]);
            let suggestion = did_you_mean(&name, folders);
            diagnostics.push(
                Diagnostic::error("unknown-kind", &rel, Span::file(), format!("`{name}` is not a kind of record"))
                    .with_help(hint(suggestion, "the folders of content/ are films, books, music, webinars, productions and pages")),
            );
        }
    }
    sources
}

fn load_kind(
    root: &Path,
    rel: &Path,
    kind: Kind,
    config: &Config,
    sources: &mut Sources,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let Some(mut entries) = entries_or_error(root, rel, diagnostics) else {
        return;
    };
    // YAML and CSV files beside the record folders are bulk files: lists of records.
    entries.retain(|(name, path)| {
        let bulk = (name.ends_with(".yaml") || name.ends_with(".csv"))
            && !is_ignored(name)
            && !path.is_dir();
        if bulk && let Some(file) = read_limited(root, &rel.join(name), &BULK, diagnostics) {
            sources.bulk.push((kind, file));
        }
        !bulk
    });
    // Reading is I/O-bound and the folders are independent: read them in parallel, then
    // merge in folder order so the result does not depend on scheduling.
    let loaded: Vec<(Option<RecordSource>, Vec<Diagnostic>)> = entries
        .into_par_iter()
        .map(|(id, path)| {
            let mut found = Vec::new();
            let record = load_record(root, rel, kind, id, &path, config, &mut found);
            (record, found)
        })
        .collect();
    for (record, found) in loaded {
        diagnostics.extend(found);
        sources.records.extend(record);
    }
}

pub fn load_record(
    root: &Path,
    rel: &Path,
    kind: Kind,
    id: String,
    path: &Path,
    config: &Config,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<RecordSource> {
    let dir = rel.join(&id);
    if let Some(d) = outside_link(root, &dir) {
        diagnostics.push(d);
        return None;
    }
    if !path.is_dir() {
        if !is_ignored(&id) {
            diagnostics.push(
                Diagnostic::error(
                    "stray-file",
                    &dir,
                    Span::file(),
                    "a record must be a folder, not a file",
                )
                .with_help(format!(
                    "create `{}/<id>/record.yaml` and `{}/<id>/<lang>.md`",
                    rel.display(),
                    rel.display()
                )),
            );
        }
        return None;
    }
    if !is_valid_id(&id) {
        diagnostics.push(
            Diagnostic::error("invalid-id", &dir, Span::file(), format!("`{id}` is not a valid record id"))
                .with_help("rename the folder with lower-case letters, digits and dashes only, e.g. `la-haine-1995`"),
        );
        return None;
    }
    let folder = read_folder(root, &dir, config, diagnostics)?;
    let record = if folder.has_record_file {
        read_text(root, &dir.join(RECORD_FILE), diagnostics)
    } else {
        diagnostics.push(
            Diagnostic::error("missing-record-file", &dir, Span::file(), format!("the record folder has no `{RECORD_FILE}`"))
                .with_help(format!("run `vitrine new {} {id}` elsewhere and copy its record.yaml, or write one following docs/reference.md", kind.name())),
        );
        None
    };
    if folder.translations.is_empty() {
        diagnostics.push(
            Diagnostic::error(
                "missing-translation",
                &dir,
                Span::file(),
                "the record has no language file",
            )
            .with_help(format!(
                "add `{}.md` with a title, a summary and the text",
                config.default_language
            )),
        );
    }
    Some(RecordSource {
        kind,
        id,
        dir,
        record: record?,
        translations: folder.translations,
        assets: folder.assets,
    })
}

fn load_pages(
    root: &Path,
    rel: &Path,
    config: &Config,
    sources: &mut Sources,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let Some(entries) = entries_or_error(root, rel, diagnostics) else {
        return;
    };
    for (id, path) in entries {
        let dir = rel.join(&id);
        if let Some(d) = outside_link(root, &dir) {
            diagnostics.push(d);
            continue;
        }
        if !path.is_dir() || !is_valid_id(&id) {
            if !is_ignored(&id) {
                diagnostics.push(
                    Diagnostic::error("invalid-id", &dir, Span::file(), format!("`{id}` is not a page folder"))
                        .with_help("a page is a folder named with lower-case letters, digits and dashes, holding `<lang>.md` files"),
                );
            }
            continue;
        }
        let Some(folder) = read_folder(root, &dir, config, diagnostics) else {
            continue;
        };
        if folder.translations.is_empty() {
            diagnostics.push(
                Diagnostic::error(
                    "missing-translation",
                    &dir,
                    Span::file(),
                    "the page has no language file",
                )
                .with_help(format!(
                    "add `{}.md` with a title and the text",
                    config.default_language
                )),
            );
            continue;
        }
        sources.pages.push(PageSource {
            id,
            translations: folder.translations,
        });
    }
}

/// The files of one collection folder.
#[derive(Debug)]
pub struct CollectionSource {
    /// The folder name.
    pub id: String,
    /// `collection.yaml`.
    pub list: SourceFile,
    /// `<lang>.md` files: title and introduction.
    pub translations: Vec<(String, SourceFile)>,
}

fn load_collections(
    root: &Path,
    rel: &Path,
    config: &Config,
    sources: &mut Sources,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let Some(entries) = entries_or_error(root, rel, diagnostics) else {
        return;
    };
    for (id, path) in entries {
        let dir = rel.join(&id);
        if !path.is_dir() || !is_valid_id(&id) {
            if !is_ignored(&id) {
                diagnostics.push(
                    Diagnostic::error("invalid-id", &dir, Span::file(), format!("`{id}` is not a collection folder"))
                        .with_help("a collection is a folder named with lower-case letters, digits and dashes, holding `collection.yaml` and `<lang>.md` files"),
                );
            }
            continue;
        }
        let Some(folder) = read_folder(root, &dir, config, diagnostics) else {
            continue;
        };
        if !folder.assets.contains(super::layout::COLLECTION_FILE) {
            diagnostics.push(
                Diagnostic::error("missing-collection-file", &dir, Span::file(), format!("the collection has no `{}`", super::layout::COLLECTION_FILE))
                    .with_help("add `collection.yaml` with `records: [id, id, …]`, the records of the collection in order"),
            );
            continue;
        }
        if folder.translations.is_empty() {
            diagnostics.push(
                Diagnostic::error(
                    "missing-translation",
                    &dir,
                    Span::file(),
                    "the collection has no language file",
                )
                .with_help(format!(
                    "add `{}.md` with a title and the introduction",
                    config.default_language
                )),
            );
            continue;
        }
        if let Some(list) = read_text(root, &dir.join(super::layout::COLLECTION_FILE), diagnostics)
        {
            sources.collections.push(CollectionSource {
                id,
                list,
                translations: folder.translations,
            });
        }
    }
}

struct Folder {
    has_record_file: bool,
    translations: Vec<(String, SourceFile)>,
    assets: BTreeSet<String>,
}

/// Reads the language files of a record or page folder and lists its other files; `None`
/// when a folder in it cannot be read (each is then an error: what it holds is unknown).
fn read_folder(
    root: &Path,
    dir: &Path,
    config: &Config,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Folder> {
    let mut folder = Folder {
        has_record_file: false,
        translations: Vec::new(),
        assets: BTreeSet::new(),
    };
    let (names, unreadable) = files_under(&root.join(dir));
    for (inner, e) in &unreadable {
        let path = if inner.is_empty() {
            dir.to_path_buf()
        } else {
            dir.join(inner)
        };
        diagnostics.push(unreadable_folder(&path, e));
    }
    if !unreadable.is_empty() {
        return None;
    }
    for name in names {
        if is_ignored(&name) {
            continue;
        }
        let inner = Path::new(&name);
        let rel = dir.join(inner);
        if let Some(d) = outside_link(root, &rel).or_else(|| not_a_file(root, &rel)) {
            diagnostics.push(d);
            continue;
        }
        if name == RECORD_FILE {
            folder.has_record_file = true;
        } else if let Some(lang) = language_of(&name) {
            if config.language(lang).is_some() {
                if let Some(d) = other_spelling(&folder.translations, lang, &rel) {
                    diagnostics.push(d);
                } else if let Some(file) = read_text(root, &rel, diagnostics) {
                    folder.translations.push((lang.to_string(), file));
                }
            } else {
                let suggestion = did_you_mean(lang, config.language_codes());
                let codes: Vec<&str> = config.language_codes().collect();
                diagnostics.push(
                    Diagnostic::error("unknown-language", &rel, Span::file(), format!("`{lang}` is not a language of the site"))
                        .with_help(hint(suggestion, &format!("name the file after one of the languages of site.yaml ({}), or add `{lang}` there", codes.join(", ")))),
                );
            }
        } else {
            folder.assets.insert(name);
        }
    }
    // `index.<lang>.md` and `<lang>.md` interleave in name order; keep the promise of
    // sorted language codes.
    folder.translations.sort_by(|a, b| a.0.cmp(&b.0));
    Some(folder)
}

/// The language a file name gives, for `<lang>.md` and `index.<lang>.md` (the spelling
/// Git-based CMSs write with one file per language), or `None` for any other file.
fn language_of(name: &str) -> Option<&str> {
    let stem = name.strip_suffix(".md").filter(|n| !n.contains('/'))?;
    Some(stem.strip_prefix("index.").unwrap_or(stem))
}

/// The error for a second file of one language in a folder (`fr.md` beside `index.fr.md`),
/// naming both files, or `None` when `lang` has no file yet.
fn other_spelling(read: &[(String, SourceFile)], lang: &str, rel: &Path) -> Option<Diagnostic> {
    let (_, first) = read.iter().find(|(l, _)| l == lang)?;
    let first = first.path.display().to_string();
    let second = rel.display().to_string();
    Some(
        Diagnostic::error(
            "duplicate-language-file",
            rel,
            Span::file(),
            format!("`{second}` and `{first}` are both the `{lang}` text of this folder"),
        )
        .with_help(format!(
            "keep one of them: `{lang}.md` and `index.{lang}.md` are two spellings of the same file; move what the other holds into it and delete the other"
        )),
    )
}

/// The files under `dir`, as `/`-separated paths relative to it, sorted, and the folders
/// among them (`""` for `dir` itself) that cannot be read. Symbolic links are listed but not
/// followed into.
fn files_under(dir: &Path) -> (Vec<String>, Vec<(String, std::io::Error)>) {
    let mut out = Vec::new();
    let mut unreadable = Vec::new();
    let mut pending = vec![(dir.to_path_buf(), String::new())];
    while let Some((path, prefix)) = pending.pop() {
        let entries = match std::fs::read_dir(&path) {
            Ok(entries) => entries,
            Err(e) => {
                unreadable.push((prefix.trim_end_matches('/').to_string(), e));
                continue;
            }
        };
        for entry in entries.filter_map(Result::ok) {
            let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                pending.push((entry.path(), format!("{name}/")));
            } else {
                out.push(name);
            }
        }
    }
    out.sort();
    (out, unreadable)
}

/// Reads a UTF-8 text file, or explains why it cannot be used.
pub fn read_text(root: &Path, rel: &Path, diagnostics: &mut Vec<Diagnostic>) -> Option<SourceFile> {
    read_limited(root, rel, &TEXT, diagnostics)
}

/// Reads a UTF-8 text file of at most `limit`'s size.
pub(super) fn read_limited(
    root: &Path,
    rel: &Path,
    limit: &Limit,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<SourceFile> {
    let unreadable = |e: std::io::Error| {
        Diagnostic::error(
            "unreadable-file",
            rel,
            Span::file(),
            format!("cannot read the file: {e}"),
        )
        .with_help("check the file's permissions")
    };
    if let Some(d) = outside_link(root, rel).or_else(|| not_a_file(root, rel)) {
        diagnostics.push(d);
        return None;
    }
    let mut file = match open_regular(&root.join(rel)) {
        Ok(f) => f,
        Err(e) => {
            diagnostics.push(unreadable(e));
            return None;
        }
    };
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    if size > limit.bytes {
        diagnostics.push(
            Diagnostic::error(
                "file-too-large",
                rel,
                Span::file(),
                format!(
                    "the file is {} MiB; {} are limited to {} MiB",
                    size / (1024 * 1024),
                    limit.what,
                    limit.bytes / (1024 * 1024)
                ),
            )
            .with_help(limit.help),
        );
        return None;
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    // Bounded even if the file grows while it is read.
    if let Err(e) =
        std::io::Read::read_to_end(&mut std::io::Read::take(&mut file, limit.bytes), &mut bytes)
    {
        diagnostics.push(unreadable(e));
        return None;
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let span = position(std::str::from_utf8(valid).unwrap_or_default());
            diagnostics.push(
                Diagnostic::error(
                    "invalid-utf8",
                    rel,
                    span,
                    "the file is not valid UTF-8 text",
                )
                .with_help(
                    "save the file as UTF-8 in your editor (often under \"Save with encoding\")",
                ),
            );
            return None;
        }
    };
    if let Some(i) = text.find('\0') {
        diagnostics.push(
            Diagnostic::error(
                "nul-byte",
                rel,
                position(&text[..i]),
                "the file contains a NUL character",
            )
            .with_help(
                "remove the invisible character; it often comes from a copy from a binary file",
            ),
        );
        return None;
    }
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text);
    Some(SourceFile {
        path: rel.to_path_buf(),
        text,
    })
}

/// An error when `rel` is a symbolic link that leads outside the site (or nowhere):
/// vitrine reads, copies and publishes nothing from outside the site's folder, so that a
/// link such as `poster.jpg -> ~/.ssh/id_rsa` in a merge request cannot leak a file of the
/// machine that builds the site. Links that stay inside the site are followed.
pub fn outside_link(root: &Path, rel: &Path) -> Option<Diagnostic> {
    let path = root.join(rel);
    let meta = std::fs::symlink_metadata(&path).ok()?;
    if !meta.file_type().is_symlink() {
        return None;
    }
    let inside = match (path.canonicalize(), root.canonicalize()) {
        (Ok(target), Ok(root)) => target.starts_with(root),
        _ => false,
    };
    if inside {
        return None;
    }
    let target = std::fs::read_link(&path)
        .map(|t| t.display().to_string())
        .unwrap_or_default();
    Some(
        Diagnostic::error(
            "outside-path",
            rel,
            Span::file(),
            format!("this is a link to `{target}`, which is outside the site or missing"),
        )
        .with_help("copy the file or folder into the site instead of linking to it: vitrine reads and publishes nothing from outside the site's folder"),
    )
}

/// A `not-a-file` error when `rel` is there but is neither a regular file nor a folder (a
/// named pipe, a socket, a device): reading one would wait for ever or never end.
pub fn not_a_file(root: &Path, rel: &Path) -> Option<Diagnostic> {
    let meta = std::fs::metadata(root.join(rel)).ok()?;
    if meta.is_file() || meta.is_dir() {
        return None;
    }
    Some(
        Diagnostic::error(
            "not-a-file",
            rel,
            Span::file(),
            format!("this is {}, not a file", special_kind(&meta.file_type())),
        )
        .with_help("vitrine reads only regular files: replace it with a file, or delete it"),
    )
}

#[cfg(unix)]
fn special_kind(kind: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_fifo() {
        "a named pipe (FIFO)"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_block_device() || kind.is_char_device() {
        "a device"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn special_kind(_kind: &std::fs::FileType) -> &'static str {
    "a special file"
}

/// Opens a file to read only if it is a regular file, without waiting: a named pipe that
/// took the place of a checked file would otherwise block the build for ever.
pub fn open_regular(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Without it, opening a named pipe waits for a writer.
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    if file.metadata()?.is_file() {
        Ok(file)
    } else {
        Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file (a named pipe, socket or device)",
        ))
    }
}

/// The text of a file, to show the lines a diagnostic points at; `None` when it is not a
/// regular UTF-8 file (a named pipe there must not stop the report of it).
pub fn text_to_show(path: &Path) -> Option<String> {
    let mut text = String::new();
    std::io::Read::read_to_string(
        &mut std::io::Read::take(open_regular(path).ok()?, MAX_TEXT_FILE),
        &mut text,
    )
    .ok()?;
    Some(text)
}

/// Whether a file of `static/` (at `name`, relative to it) stays unpublished because it or
/// a folder above it is hidden (its name starts with a dot), at any depth. `.well-known/`
/// at the root of `static/` is published: it is where the web expects `security.txt` and
/// other site-wide files.
pub fn is_hidden_static(name: &str) -> bool {
    let inner = name.strip_prefix(".well-known/").unwrap_or(name);
    inner.split('/').any(|part| part.starts_with('.')) || is_ignored(inner)
}

/// The line and column just after `prefix`.
fn position(prefix: &str) -> Span {
    Span::after(prefix, 1)
}

/// Files editors and systems leave behind, which are not content.
pub fn is_ignored(name: &str) -> bool {
    let base = name.rsplit('/').next().unwrap_or(name);
    base.starts_with('.')
        || base.ends_with('~')
        || base.ends_with(".swp")
        || base.ends_with(".bak")
        || base == "Thumbs.db"
}

/// The entries of `rel` (see [`sorted_entries`]); `None` when it does not exist, or cannot be
/// read, which is an error: a folder read as empty would publish a site without its records.
fn entries_or_error(
    root: &Path,
    rel: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Vec<(String, PathBuf)>> {
    match sorted_entries(&root.join(rel)) {
        Ok(entries) => Some(entries),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => {
            diagnostics.push(unreadable_folder(rel, &e));
            None
        }
    }
}

/// A folder that exists but cannot be listed.
fn unreadable_folder(rel: &Path, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(
        "unreadable-folder",
        rel,
        Span::file(),
        format!("cannot read the folder: {e}"),
    )
    .with_help("check the folder's permissions (it must be readable and searchable, `chmod u+rx`)")
}

/// The entries of a folder, sorted by name, so the build never depends on disk order.
fn sorted_entries(dir: &Path) -> std::io::Result<Vec<(String, PathBuf)>> {
    let mut entries: Vec<(String, PathBuf)> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
        .collect();
    entries.sort();
    Ok(entries)
}
