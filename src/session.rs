//! A build kept in memory and updated in place: what `serve` uses to answer a saved file in
//! milliseconds on a site of ten thousand records.
//!
//! A change to a record folder re-reads, re-parses and re-resolves that record only, runs
//! the site-wide checks again (ids, addresses, term slugs: cheap), and re-renders only the
//! pages the change can alter: the record's own pages when what lists show of it is
//! unchanged; otherwise also the lists that show it or whose order changed, the home and
//! taxonomy pages and the sitemap. A save of a bulk file (`content/<kind>/<name>.yaml` or
//! `.csv`) reads and parses that file again, checks and resolves its records again (its
//! diagnostics stay whole), and renders, as for folders, only for the records it changed,
//! added or dropped; a record written in two places (a folder and a bulk file, two bulk
//! files) is left to a full rebuild, which reports it. A change to the theme renders the
//! pages of the changed templates and of those that extend, include or import them, or the
//! pages of the languages whose strings changed. Any other change (site configuration,
//! vocabularies, static files, free pages) renders everything, still in memory.
//! The result is always the same as a full build of the same files: tests compare them.
//! The files are kept compressed ([`Packed`]): a large catalogue's pages would not fit an
//! editor's laptop otherwise.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::config::Config;
use crate::content::{self, Kind};
use crate::diagnostics::{self, Diagnostic};
use crate::images::ImageCache;
use crate::pipeline::BuildArgs;
use crate::render::theme::Theme;
use crate::render::{self, OutputFile, RenderCache, RenderError, Scope, SearchSource};
use crate::search::SearchDoc;
use crate::search::export::Labels;
use crate::site::{self, Site, SiteRecord};

mod bulk;
mod changes;
mod packed;
use bulk::{Change, Reread};
pub use changes::{Saved, saved_records};
use changes::{
    changed_pages, index_of, is_copy, list_key, list_pages, only_theme, relation_key, theme_scope,
};
pub use packed::{Files, Packed};

/// The outcome of a build or an update.
#[derive(Debug)]
pub enum Update {
    /// The site built; how many pages were rendered for it, and its warnings.
    Built {
        /// Pages rendered by this update (all of them for a full build).
        rendered: usize,
        /// Published records.
        records: usize,
        /// Warnings of the whole site.
        warnings: Vec<Diagnostic>,
    },
    /// The site has errors; the previous output is kept.
    Errors(Vec<Diagnostic>),
}

/// Everything a build derived from the site, kept between updates.
pub struct Session {
    args: BuildArgs,
    images: ImageCache,
    state: Option<State>,
    files: Arc<Files>,
}

struct State {
    config: Config,
    theme: Theme,
    site: Site,
    cache: RenderCache,
    /// Diagnostics of loading, parsing and resolving files, each attributed to its file.
    stored: Vec<Diagnostic>,
    /// Every parsed record's id by folder, published or not, for the duplicate-id check.
    ids: BTreeMap<PathBuf, String>,
    /// The records of each bulk file, to tell which records a save of it changed.
    bulk: BTreeMap<PathBuf, bulk::Prints>,
    /// Diagnostics of the checks that span the site (addresses, term slugs).
    global: Vec<Diagnostic>,
    /// Per language (in `config.languages` order), the search document of each listed
    /// record, by folder: kept up to date record by record, indexed in the background.
    search: Vec<BTreeMap<PathBuf, Arc<SearchDoc>>>,
    /// Per language, the labels of kinds and of every facet value documents have had: a
    /// superset is harmless, since the index only looks its values up.
    labels: Vec<Labels>,
}

/// What one language's search index is made of: the input of a background rebuild.
#[derive(Debug, Clone)]
pub struct SearchInput {
    /// Language code.
    pub lang: String,
    /// The documents, in a stable order.
    pub docs: Vec<Arc<SearchDoc>>,
    /// Labels of kinds and facet values.
    pub labels: Labels,
    /// The runtime is written with this language's files.
    pub runtime: bool,
}

impl Session {
    /// A session for the site of `args`; nothing is built yet.
    pub fn new(args: BuildArgs) -> Session {
        Session {
            images: ImageCache::new(args.cache_dir()),
            args,
            state: None,
            files: Arc::default(),
        }
    }

    /// The last good output.
    pub fn files(&self) -> Arc<Files> {
        Arc::clone(&self.files)
    }

    /// What the search indexes of the current site are made of; `None` before the first
    /// good build. Cheap: documents are shared, not copied.
    pub fn search_input(&self) -> Option<Vec<SearchInput>> {
        self.state.as_ref().map(State::search_input)
    }

    /// Applies the changes to `paths` (absolute paths of changed files or folders).
    pub fn update(&mut self, paths: &[PathBuf]) -> Update {
        let saved = self
            .state
            .as_ref()
            .and_then(|_| saved_records(&self.args.root, paths));
        match saved {
            // A record written in two places is left to a full build.
            Some(saved) => match self
                .state
                .as_ref()
                .and_then(|s| s.reread(&self.args, saved))
            {
                Some(change) => self.update_records(change),
                None => self.rebuild(),
            },
            None if self.state.is_some() && only_theme(&self.args.root, paths) => {
                self.retheme(paths)
            }
            None => self.rebuild(),
        }
    }

    /// After a change to templates, static files or theme strings: the content is as it
    /// was, so only the theme is read again, the lists are kept, and only the pages the
    /// change can alter are rendered: those of the changed templates and of the templates
    /// that use them, or those of the languages whose strings changed (every page after a
    /// static file changed, which renames the fingerprinted assets).
    fn retheme(&mut self, paths: &[PathBuf]) -> Update {
        let Some(state) = self.state.as_mut() else {
            return self.rebuild();
        };
        let theme = match Theme::load(&self.args.root, &state.config) {
            Ok(t) => t,
            Err(d) => return Update::Errors(d),
        };
        let scope = theme_scope(&self.args.root, paths, &state.theme, &theme);
        let strings_changed = theme.strings != state.theme.strings;
        state.theme = theme;
        if let Err(d) = state.cache.retheme(&state.site, &state.theme) {
            return Update::Errors(vec![d]);
        }
        if strings_changed {
            (state.search, state.labels) = state.search_docs();
        }
        self.render(scope, BTreeSet::new())
    }

    /// Builds everything again.
    /// The previous state goes first: a site whose configuration broke must not be updated
    /// record by record on the old one (the next change builds everything again, or shows
    /// why not). The last good files stay served.
    pub fn rebuild(&mut self) -> Update {
        self.state = None;
        let root = self.args.root.clone();
        let config = match Config::load(&root, &self.args.overrides) {
            Ok(c) => c,
            Err(d) => return Update::Errors(d),
        };
        let theme = match Theme::load(&root, &config) {
            Ok(t) => t,
            Err(d) => return Update::Errors(d),
        };
        let mut stored = Vec::new();
        let sources = content::load(&root, &config, &mut stored);
        let parsed = content::parse(sources, &mut stored);
        crate::check::content::bodies(&parsed, &mut stored);
        let bulk = bulk::by_file(&parsed.records);
        let ids: BTreeMap<PathBuf, String> = parsed
            .records
            .iter()
            .map(|r| (r.dir.clone(), r.id.clone()))
            .collect();
        let content::Records {
            records,
            pages,
            collections,
            vocabularies,
        } = parsed;
        let mut resolved: Vec<SiteRecord> = records
            .into_iter()
            .filter_map(|r| {
                site::resolve_record(&config, &vocabularies, &self.args.options, r, &mut stored)
            })
            .collect();
        stored.extend(crate::pictures::process(&self.images, &root, &mut resolved));
        let mut global = Vec::new();
        let parts = site::Parts {
            records: resolved,
            pages,
            collections,
            vocabularies,
        };
        let site = site::assemble(
            config.clone(),
            &root,
            parts,
            self.args.options.clone(),
            &mut global,
        );
        let all_ids: BTreeSet<String> = ids.values().cloned().collect();
        site::check_references(&site, &all_ids, &mut global);
        let cache = match RenderCache::new(&site, &theme) {
            Ok(c) => c,
            Err(d) => return Update::Errors(vec![d]),
        };
        let mut state = State {
            config,
            theme,
            site,
            cache,
            stored,
            ids,
            bulk,
            global,
            search: Vec::new(),
            labels: Vec::new(),
        };
        (state.search, state.labels) = state.search_docs();
        self.state = Some(state);
        self.render(Scope::All, BTreeSet::new())
    }

    fn update_records(&mut self, change: Change) -> Update {
        let Some(state) = self.state.as_mut() else {
            return self.rebuild();
        };
        let dirs = &change.dirs;
        let before: BTreeMap<PathBuf, String> = dirs
            .iter()
            .filter_map(|d| state.record(d).map(|r| (d.clone(), list_key(r))))
            .collect();
        // What the update may make stale: the changed records' pages where they were, and
        // their lists as they were.
        let mut stale: BTreeSet<String> = dirs
            .iter()
            .filter_map(|d| state.record(d))
            .flat_map(|r| r.paths.values().map(|p| render::page_file(&state.site, p)))
            .collect();
        let mut ids: BTreeSet<String> = dirs
            .iter()
            .filter_map(|d| state.ids.get(d).cloned())
            .collect();
        // Where the records were, and every record's id, to tell afterwards whether the
        // edit was made in place and to name the lists as they were.
        let positions_before: Vec<Option<usize>> = dirs.iter().map(|d| state.index(d)).collect();
        let old_ids: Vec<String> = state
            .site
            .records
            .iter()
            .map(|r| r.record.id.clone())
            .collect();
        let relations_before: Vec<Option<String>> = dirs
            .iter()
            .map(|d| state.record(d).map(relation_key))
            .collect();
        let count_before = state.site.records.len();
        let shown_before = state.cache.lists.shown();
        let old_paths: BTreeMap<PathBuf, BTreeMap<String, String>> = dirs
            .iter()
            .filter_map(|d| state.record(d).map(|r| (d.clone(), r.paths.clone())))
            .collect();
        let old_slugs = state.site.term_slugs.clone();
        state.apply(&self.args, &self.images, change.folders, change.bulk);
        state.global.clear();
        site::finish(&mut state.site, &mut state.global);
        let all_ids: BTreeSet<String> = state.ids.values().cloned().collect();
        site::check_references(&state.site, &all_ids, &mut state.global);
        state.update_search_docs(dirs);
        let after: BTreeMap<PathBuf, String> = dirs
            .iter()
            .filter_map(|d| state.record(d).map(|r| (d.clone(), list_key(r))))
            .collect();
        let changed: BTreeSet<usize> = dirs.iter().filter_map(|d| state.index(d)).collect();
        if before == after {
            return self.render(Scope::Records(changed), BTreeSet::new());
        }
        ids.extend(dirs.iter().filter_map(|d| state.ids.get(d).cloned()));
        // Edited in place: the same records at the same indices, only their contents new.
        let in_place = count_before == state.site.records.len()
            && positions_before.iter().all(Option::is_some)
            && positions_before
                .iter()
                .zip(dirs)
                .all(|(before, d)| *before == state.index(d));
        let lists = &mut state.cache.lists;
        let site = &state.site;
        let new_id = |i: usize| site.records[i].record.id.as_str();
        let old_id = |i: usize| old_ids[i].as_str();
        // The lists as they were and as they are: only those the edit touched when the
        // records moved in place, every list otherwise.
        let touched = if in_place {
            lists.update(site, &changed)
        } else {
            None
        };
        let (old_members, new_members) = match &touched {
            Some(touched) => {
                let [old, new] = lists.touched_members(touched, new_id);
                (old, new)
            }
            None => {
                let old = lists.members(old_id);
                lists.relist(site);
                (old, lists.members(new_id))
            }
        };
        // A list (of a kind, a term) that gained its first record in a language or lost its
        // last changes that language's menu or taxonomy pages, and its pages come or go:
        // everything is rendered again.
        if lists.shown() != shown_before {
            lists.relate(site);
            return self.render(Scope::All, BTreeSet::new());
        }
        // Related records change only when what relates records changed, or records came
        // or went; otherwise the relations (by index) still hold.
        let relations_after: Vec<Option<String>> = dirs
            .iter()
            .map(|d| index_of(site, d).map(|i| relation_key(&site.records[i])))
            .collect();
        let reordered = relations_before
            .iter()
            .zip(&relations_after)
            .any(|(b, a)| b.is_some() != a.is_some());
        let relate =
            relations_before != relations_after || reordered || count_before != site.records.len();
        // Record pages show related records' cards: those whose related records changed,
        // or show a changed record, are rendered again too.
        let mut changed = changed;
        if in_place && !relate {
            for (i, related) in lists.related().iter().enumerate() {
                if related.iter().any(|j| changed.contains(j)) {
                    changed.insert(i);
                }
            }
        } else {
            let old_related = lists.related_ids(old_id);
            if relate {
                lists.relate(site);
            }
            let new_related = lists.related_ids(new_id);
            let positions: BTreeMap<&str, usize> =
                (0..site.records.len()).map(|i| (new_id(i), i)).collect();
            for (id, related) in &new_related {
                let moved = old_related.get(id) != Some(related);
                if (moved || related.iter().any(|r| ids.contains(*r)))
                    && let Some(i) = positions.get(id)
                {
                    changed.insert(*i);
                }
            }
        }
        // A page of a list changes when its records or their order change, when it shows a
        // changed record (whose card may read differently), or, for every page of the
        // list, when the number of records changes (each page shows the count).
        let mut pages: BTreeSet<(usize, render::Listing, usize)> = BTreeSet::new();
        let keys: BTreeSet<&(usize, render::ListingName)> =
            old_members.keys().chain(new_members.keys()).collect();
        for key in keys {
            let (old, new) = (
                old_members.get(key).map(Vec::as_slice),
                new_members.get(key).map(Vec::as_slice),
            );
            if old == new && !new.is_some_and(|m| m.iter().any(|id| ids.contains(*id))) {
                continue;
            }
            let (lang, name) = key;
            // Pages past the list's new end must go; the others are rendered again.
            if old.is_some() {
                let first = new.map_or(0, |m| m.len().div_ceil(render::PAGE_SIZE).max(1));
                stale.extend(
                    list_pages(site, &old_slugs, *lang, name, &self.files)
                        .into_iter()
                        .skip(first),
                );
            }
            let (Some(new), Some(listing)) = (new, lists.listing(name)) else {
                continue;
            };
            let old = old.unwrap_or(&[]);
            let changed = changed_pages(old, new, &ids);
            pages.extend(changed.into_iter().map(|page| (*lang, listing, page)));
        }
        let paths_changed = dirs
            .iter()
            .any(|d| old_paths.get(d) != index_of(site, d).map(|i| &site.records[i].paths));
        self.render(Scope::Lists(changed, pages, paths_changed), stale)
    }

    /// Renders `scope` and, when the site has no errors, publishes the new output, without
    /// the `stale` files the update made obsolete (those rendered again are replaced).
    fn render(&mut self, scope: Scope, stale: BTreeSet<String>) -> Update {
        let Some(state) = self.state.as_ref() else {
            return Update::Errors(Vec::new());
        };
        let warnings = match state.diagnostics() {
            Ok(w) => w,
            Err(errors) => return Update::Errors(errors),
        };
        let rendered = Mutex::new(Files::new());
        // Compressed on the rendering threads, as each file comes.
        let sink = |file: OutputFile| {
            let packed = Arc::new(Packed::new(&file.path, file.bytes));
            rendered
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .insert(file.path, packed);
            Ok::<(), std::convert::Infallible>(())
        };
        let result = render::render_scope(
            &state.site,
            &state.theme,
            &state.cache,
            &scope,
            false,
            &sink,
        );
        let output = match result {
            Ok(r) => r,
            Err(RenderError::Templates(d)) => return Update::Errors(d),
            Err(RenderError::Write(never)) => match never {},
        };
        let fresh = rendered.into_inner().unwrap_or_default();
        let count = fresh.len();
        let mut files = match &scope {
            Scope::All => Files::new(),
            // What lists show of the changed records is the same, and so are their
            // addresses: their pages are replaced, everything else stays. With lists, the
            // pages that may have gone are dropped first.
            Scope::Records(_) | Scope::Lists(..) | Scope::Templates(_) | Scope::Languages(_) => {
                let mut files = (*self.files).clone();
                files.retain(|path, _| !stale.contains(path));
                files
            }
        };
        add_rendered(&mut files, fresh, &state.site, matches!(scope, Scope::All));
        // Copies are cheap to list; their bytes are read again only when missing or when
        // the record they belong to changed.
        let changed_ids: BTreeSet<&str> = match &scope {
            Scope::Records(set) | Scope::Lists(set, ..) => set
                .iter()
                .map(|i| state.site.records[*i].record.id.as_str())
                .collect(),
            Scope::All | Scope::Templates(_) | Scope::Languages(_) => BTreeSet::new(),
        };
        let builtin = state.theme.builtin_static.iter().map(|(d, _)| d.as_str());
        let copies = output.copies.iter().map(|(_, d)| d.as_str());
        let wanted: BTreeSet<&str> = copies.chain(builtin).collect();
        files.retain(|path, _| !is_copy(path) || wanted.contains(path.as_str()));
        for (source, dest) in &output.copies {
            let stale = dest
                .strip_prefix("media/")
                .and_then(|r| r.split('/').next())
                .is_some_and(|id| changed_ids.contains(id));
            if stale || !files.contains_key(dest) {
                match std::fs::read(source) {
                    Ok(bytes) => {
                        files.insert(dest.clone(), Arc::new(Packed::new(dest, bytes)));
                    }
                    Err(e) => return Update::Errors(vec![unreadable(source, &e)]),
                }
            }
        }
        self.files = Arc::new(files);
        Update::Built {
            rendered: count,
            records: state.site.records.len(),
            warnings,
        }
    }
}

/// The error of a file to copy that cannot be read.
fn unreadable(source: &Path, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(
        "unreadable-file",
        source.to_path_buf(),
        diagnostics::Span::file(),
        format!("cannot read the file: {e}"),
    )
}

/// Adds the `fresh`ly rendered files to `files`, and the CMS's `/admin/` when the site has
/// one: all of it with the `whole` site, its preview maps (which records have which pages)
/// on every update.
fn add_rendered(files: &mut Files, fresh: Files, site: &crate::site::Site, whole: bool) {
    files.extend(fresh);
    let admin = if whole {
        crate::cms::published(site)
    } else {
        files.retain(|path, _| !path.starts_with("admin/preview/"));
        crate::cms::preview_maps(site)
    };
    files.extend(admin.into_iter().map(|f| {
        let packed = Arc::new(Packed::new(&f.path, f.bytes));
        (f.path, packed)
    }));
}

impl State {
    /// What the search indexes are made of, per language.
    fn search_input(&self) -> Vec<SearchInput> {
        self.config
            .languages
            .iter()
            .zip(&self.search)
            .zip(&self.labels)
            .enumerate()
            .map(|(n, ((lang, docs), labels))| SearchInput {
                lang: lang.code.clone(),
                docs: docs.values().cloned().collect(),
                labels: labels.clone(),
                runtime: n == 0,
            })
            .collect()
    }

    /// Every listed record's search document in every language, and the labels they need.
    fn search_docs(&self) -> (Vec<BTreeMap<PathBuf, Arc<SearchDoc>>>, Vec<Labels>) {
        use rayon::prelude::*;
        let source = SearchSource::new(&self.site, &self.theme, &self.cache);
        self.config
            .languages
            .iter()
            .map(|lang| {
                let docs: BTreeMap<PathBuf, Arc<SearchDoc>> = self
                    .site
                    .records
                    .par_iter()
                    .filter_map(|r| {
                        let doc = source.doc(r, lang)?;
                        Some((r.record.dir.clone(), Arc::new(doc)))
                    })
                    .collect();
                let all: Vec<Arc<SearchDoc>> = docs.values().cloned().collect();
                let labels = source.labels(lang, &all);
                (docs, labels)
            })
            .unzip()
    }

    /// Replaces the search documents of the records in `dirs` (which may be new or gone).
    fn update_search_docs(&mut self, dirs: &BTreeSet<PathBuf>) {
        let source = SearchSource::new(&self.site, &self.theme, &self.cache);
        let languages = self.config.languages.iter();
        for ((lang, docs), labels) in languages.zip(&mut self.search).zip(&mut self.labels) {
            for dir in dirs {
                docs.remove(dir);
                let record = index_of(&self.site, dir).map(|i| &self.site.records[i]);
                if let Some(doc) = record.and_then(|r| source.doc(r, lang)) {
                    let doc = Arc::new(doc);
                    let more = source.labels(lang, std::slice::from_ref(&doc));
                    for (all, new) in labels.facets.iter_mut().zip(more.facets) {
                        for (id, label) in new {
                            all.entry(id).or_insert(label);
                        }
                    }
                    docs.insert(dir.clone(), doc);
                }
            }
        }
    }

    fn record(&self, dir: &Path) -> Option<&SiteRecord> {
        self.index(dir).map(|i| &self.site.records[i])
    }

    fn index(&self, dir: &Path) -> Option<usize> {
        index_of(&self.site, dir)
    }

    /// The records `saved` reaches: the saved folders, and the records of the saved bulk
    /// files that changed, came or went, with those files read again. `None` when a
    /// record is written in two places (a folder and a bulk file, or two bulk files).
    fn reread(&self, args: &BuildArgs, saved: Saved) -> Option<Change> {
        let languages = self.config.default_first();
        let languages: Vec<&str> = languages.iter().map(String::as_str).collect();
        let roles = &self.site.vocabularies.roles;
        let rereads: Vec<Reread> = saved
            .bulk
            .into_iter()
            .map(|(path, kind)| {
                let mut found = Vec::new();
                let records =
                    content::reread_bulk(&args.root, kind, &path, &languages, roles, &mut found);
                Reread::new(path, records, found)
            })
            .collect();
        if bulk::shared(&args.root, &self.bulk, &rereads, &saved.dirs) {
            return None;
        }
        let mut dirs = saved.dirs.clone();
        for r in &rereads {
            dirs.extend(bulk::changed(self.bulk.get(&r.path), &r.prints));
        }
        Some(Change {
            dirs,
            folders: saved.dirs,
            bulk: rereads,
        })
    }

    /// Reads the record `folders` again and puts the records of the bulk files read again
    /// in place of those they had.
    fn apply(
        &mut self,
        args: &BuildArgs,
        images: &ImageCache,
        folders: BTreeSet<PathBuf>,
        rereads: Vec<Reread>,
    ) {
        for dir in &folders {
            self.reload(args, images, dir);
        }
        for reread in rereads {
            self.reload_bulk(args, images, reread);
        }
    }

    /// Puts the records of a bulk file read again in place of those it had: each is
    /// checked and resolved again, as a full build does, so that the file's diagnostics
    /// are whole; only those that changed are rendered again.
    fn reload_bulk(&mut self, args: &BuildArgs, images: &ImageCache, reread: Reread) {
        let Reread {
            path,
            records,
            mut found,
            prints,
        } = reread;
        let old = self.bulk.remove(&path).unwrap_or_default();
        self.stored
            .retain(|d| d.file != path && !d.file.ancestors().any(|a| old.contains_key(a)));
        self.site
            .records
            .retain(|r| !old.contains_key(&r.record.dir));
        self.ids.retain(|dir, _| !old.contains_key(dir));
        for record in records {
            if let Some(resolved) = self.admit(args, images, record, &mut found) {
                self.site.records.push(resolved);
            }
        }
        // Stable and fast on what is mostly sorted already.
        self.site
            .records
            .sort_by(|a, b| a.record.dir.cmp(&b.record.dir));
        self.stored.extend(found);
        if !prints.is_empty() {
            self.bulk.insert(path, prints);
        }
    }

    /// Reads, parses and resolves the record folder `dir` again (it may be new or gone).
    fn reload(&mut self, args: &BuildArgs, images: &ImageCache, dir: &Path) {
        self.stored.retain(|d| !d.file.starts_with(dir));
        if let Some(i) = self.index(dir) {
            self.site.records.remove(i);
        }
        self.ids.remove(dir);
        let (Some(kind_folder), Some(id)) = (dir.parent(), dir.file_name()) else {
            return;
        };
        let Some(kind) = kind_folder
            .file_name()
            .and_then(|k| Kind::from_folder(&k.to_string_lossy()))
        else {
            return;
        };
        let absolute = args.root.join(dir);
        if !absolute.exists() {
            return;
        }
        let mut found = Vec::new();
        let source = content::load::load_record(
            &args.root,
            kind_folder,
            kind,
            id.to_string_lossy().into_owned(),
            &absolute,
            &self.config,
            &mut found,
        );
        let record = source.and_then(|s| content::parse_record(s, &mut found));
        if let Some(resolved) = record.and_then(|r| self.admit(args, images, r, &mut found)) {
            let at = self
                .site
                .records
                .partition_point(|r| r.record.dir.as_path() < dir);
            self.site.records.insert(at, resolved);
        }
        self.stored.extend(found);
    }

    /// Checks and resolves a parsed record as a full build does, noting its id: the record
    /// to put in the site, when it resolves.
    fn admit(
        &mut self,
        args: &BuildArgs,
        images: &ImageCache,
        record: content::Record,
        found: &mut Vec<Diagnostic>,
    ) -> Option<SiteRecord> {
        crate::check::content::record_bodies(&record, found);
        self.ids.insert(record.dir.clone(), record.id.clone());
        let mut resolved = site::resolve_record(
            &self.config,
            &self.site.vocabularies,
            &args.options,
            record,
            found,
        )?;
        found.extend(crate::pictures::process_record(
            images,
            &args.root,
            &mut resolved,
        ));
        Some(resolved)
    }

    /// Every diagnostic of the site as it is now: errors, or the warnings when there is none.
    fn diagnostics(&self) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
        let mut all = self.stored.clone();
        all.extend(self.theme.warnings.iter().cloned());
        let _repeated_stay_in_the_preview = site::duplicate_ids(
            self.ids
                .iter()
                .map(|(dir, id)| (id.as_str(), dir.as_path(), diagnostics::Span::file())),
            &mut all,
        );
        all.extend(self.global.iter().cloned());
        content::name_columns(&self.site.root, &mut all);
        diagnostics::sort(&mut all);
        all.dedup();
        if diagnostics::has_errors(&all) {
            Err(all)
        } else {
            Ok(all)
        }
    }
}
