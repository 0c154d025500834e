//! Render: from a resolved [`Site`] and a [`Theme`] to the bytes of every page, in parallel.
//!
//! This module holds the job list — which pages and files the site has — and the parallel
//! loop that renders them into a sink. Each family of pages owns its contexts in its own
//! file: `record` (record pages, with `facts` and `cards`), `listing` (kind, taxonomy and
//! term lists), `home`, `collection`, `free` (free pages, statement, chooser, 404s),
//! `feeds`, `calendar`, `sitemap`, `search` and `structured` (schema.org data). They render
//! with `renderer::Renderer`: one vocabulary, [`words::Words`] (paths, strings, labels,
//! alternates), `frame` (what every page around its content carries) and the template
//! engines. What is derived from the whole site once is `lists` (the order of every list,
//! related records) and `cache` (the engines, with each language's shared values, and the
//! lists). The families never reach into this file: the arrows run from here to them, and
//! from them to the shared files. Rendering is pure: the same site gives the same bytes.
//! Writing to disk is `output`'s job.

mod cache;
pub mod calendar;
mod cards;
mod collection;
pub mod context;
mod facts;
pub mod feeds;
mod frame;
mod free;
mod home;
mod listing;
mod lists;
pub mod markdown;
mod record;
mod renderer;
mod search;
mod sitemap;
pub mod structured;
pub mod theme;
mod words;

pub use cache::RenderCache;
pub use lists::{Listing, ListingName, Lists, Members, PAGE_SIZE, RELATED, Touched};
pub use renderer::OutputFile;
pub use search::{SearchSource, search_files, search_files_kept, search_indexes};
pub use sitemap::{SITEMAP_LIMIT, uri};

use std::collections::BTreeSet;
use std::path::PathBuf;

use rayon::prelude::*;

use crate::config::Language;
use crate::content::{Kind, PageTranslation};
use crate::diagnostics::Diagnostic;
use crate::schema::{Access, Taxonomy};
use crate::site::{Audience, Site, SitePage, SiteRecord};
use renderer::Renderer;
use theme::Theme;

/// One page to render.
enum Job<'a> {
    Chooser,
    NotFound(&'a Language),
    RootNotFound,
    Home(&'a Language),
    List(&'a Language, Listing, usize),
    Record(usize, &'a Language),
    Sitemap,
    Robots,
    /// A language's feed, of all records or of one kind.
    Feed(&'a Language, Option<Kind>),
    /// The iCalendar file of a webinar's page.
    Event(usize, &'a Language),
    /// A language's calendar of the webinars to come.
    Calendar(&'a Language),
    /// A collection in one of its languages.
    Collection(usize, &'a Language),
    /// A language's list of collections.
    Collections(&'a Language),
    Page(&'a SitePage, &'a PageTranslation),
    Taxonomy(&'a Language, Taxonomy),
    /// A language's search index (and, for the first language, the search runtime).
    Search(&'a Language),
    /// A language's search page.
    SearchPage(&'a Language),
}

impl Job<'_> {
    /// The template the page is rendered with; `None` for files made without one (feeds,
    /// calendars, the sitemap, robots.txt, search indexes).
    fn template(&self, site: &Site) -> Option<&'static str> {
        Some(match self {
            Job::Chooser => "chooser.html",
            Job::NotFound(_) | Job::RootNotFound => "404.html",
            Job::Home(_) => "home.html",
            Job::List(_, Listing::Kind(_), _) => "list.html",
            Job::List(_, Listing::Term(..), _) => "term.html",
            Job::Record(..) => "record.html",
            Job::Collection(..) => "collection.html",
            Job::Collections(_) => "collections.html",
            Job::Page(page, _) if site.config.statement_page() == Some(page.page.id.as_str()) => {
                "accessibility.html"
            }
            Job::Page(..) => "page.html",
            Job::Taxonomy(..) => "taxonomy.html",
            Job::SearchPage(_) => "search.html",
            Job::Sitemap
            | Job::Robots
            | Job::Feed(..)
            | Job::Event(..)
            | Job::Calendar(_)
            | Job::Search(_) => return None,
        })
    }

    /// The language of the page; `None` for the files of the whole site.
    fn language<'s>(&'s self, site: &'s Site) -> Option<&'s Language> {
        match self {
            Job::Chooser | Job::RootNotFound | Job::Sitemap | Job::Robots => None,
            Job::NotFound(lang)
            | Job::Home(lang)
            | Job::List(lang, ..)
            | Job::Record(_, lang)
            | Job::Feed(lang, _)
            | Job::Event(_, lang)
            | Job::Calendar(lang)
            | Job::Collection(_, lang)
            | Job::Collections(lang)
            | Job::Taxonomy(lang, _)
            | Job::Search(lang)
            | Job::SearchPage(lang) => Some(lang),
            Job::Page(_, translation) => site
                .config
                .languages
                .iter()
                .find(|l| l.code == translation.lang),
        }
    }
}

/// Why rendering stopped. `E` is the sink's error: rendering knows nothing of where pages
/// go (the write stage depends on it, never the other way round).
#[derive(Debug)]
pub enum RenderError<E> {
    /// Templates failed on some pages.
    Templates(Vec<Diagnostic>),
    /// The sink could not take a page.
    Write(E),
}

/// What rendering produced besides the pages given to the sink.
#[derive(Debug, Default)]
pub struct Rendered {
    /// Number of HTML pages.
    pub pages: usize,
    /// Files copied as they are: source on disk, destination under the output root.
    pub copies: Vec<(PathBuf, String)>,
}

/// Where rendered files go: the output's staging folder, or nowhere for `check`.
pub type Sink<'s, E> = dyn Fn(OutputFile) -> Result<(), E> + Sync + 's;

/// Renders every page of `site` with `theme`, in parallel, handing each file to `sink` as
/// soon as it is ready so that the whole site never sits in memory.
pub fn render<E: Send>(
    site: &Site,
    theme: &Theme,
    sink: &Sink<'_, E>,
) -> Result<Rendered, RenderError<E>> {
    let cache = RenderCache::new(site, theme).map_err(|d| RenderError::Templates(vec![d]))?;
    render_scope(site, theme, &cache, &Scope::All, true, sink)
}

/// Which pages to render.
#[derive(Debug, Clone)]
pub enum Scope {
    /// Every page of the site.
    All,
    /// Only the pages of these records (indices into `site.records`), in every language.
    Records(BTreeSet<usize>),
    /// The pages of these records, these pages of lists (language position, list, page
    /// number), the home and taxonomy pages, and the sitemap when `true`.
    Lists(BTreeSet<usize>, BTreeSet<(usize, Listing, usize)>, bool),
    /// The pages rendered with one of these templates (by name, `record.html`).
    Templates(BTreeSet<String>),
    /// The pages of these languages (by code), and the pages of no one language.
    Languages(BTreeSet<String>),
}

/// Renders the pages of `scope`, with a cache computed for this `site`, into `sink`; the
/// search indexes too when `search` is set (`serve` builds them in the background).
/// `Rendered::copies` always lists every file to copy.
pub fn render_scope<E: Send>(
    site: &Site,
    theme: &Theme,
    cache: &RenderCache,
    scope: &Scope,
    search: bool,
    sink: &Sink<'_, E>,
) -> Result<Rendered, RenderError<E>> {
    let renderer = Renderer::new(site, theme, cache);
    let jobs: Vec<Job<'_>> = renderer
        .jobs()
        .into_iter()
        .filter(|job| match (scope, job) {
            (_, Job::Search(_)) => search,
            (Scope::All, _) => true,
            (Scope::Records(set), Job::Record(i, _) | Job::Event(i, _)) => set.contains(i),
            (Scope::Records(_) | Scope::Lists(..), Job::Calendar(_)) => true,
            (Scope::Records(_), _) => false,
            (Scope::Lists(set, ..), Job::Record(i, _) | Job::Event(i, _)) => set.contains(i),
            (Scope::Lists(_, pages, _), Job::List(lang, listing, number)) => {
                let n = site
                    .config
                    .languages
                    .iter()
                    .position(|l| l.code == lang.code)
                    .unwrap_or(0);
                pages.contains(&(n, *listing, *number))
            }
            (
                Scope::Lists(..),
                Job::Home(_)
                | Job::Taxonomy(..)
                | Job::Feed(..)
                | Job::Collection(..)
                | Job::Collections(_),
            ) => true,
            (Scope::Lists(.., sitemap), Job::Sitemap) => *sitemap,
            (Scope::Lists(..), _) => false,
            (Scope::Templates(names), job) => job.template(site).is_some_and(|t| names.contains(t)),
            (Scope::Languages(codes), job) => {
                job.language(site).is_none_or(|l| codes.contains(&l.code))
            }
        })
        .collect();
    // The built-in theme's static files have no file to copy from: they are output files.
    if matches!(scope, Scope::All) {
        for (dest, bytes) in &theme.builtin_static {
            let file = OutputFile {
                path: dest.clone(),
                bytes: bytes.to_vec(),
                template: None,
            };
            sink(file).map_err(RenderError::Write)?;
        }
    }
    let results: Vec<Result<bool, RenderError<E>>> = jobs
        .par_iter()
        .map(|job| {
            let files = match job {
                // The sitemap writes its parts itself, one at a time.
                Job::Sitemap => {
                    renderer
                        .sitemap(&mut |f| sink(f))
                        .map_err(RenderError::Write)?;
                    return Ok(false);
                }
                Job::Search(lang) => renderer
                    .search(lang)
                    .map_err(|d| RenderError::Templates(vec![d]))?,
                _ => {
                    let file = renderer
                        .render(job)
                        .map_err(|d| RenderError::Templates(vec![d]))?;
                    // What `Scope::Templates` relies on to choose pages.
                    debug_assert_eq!(
                        file.template.as_deref(),
                        job.template(site),
                        "{}",
                        file.path
                    );
                    vec![file]
                }
            };
            let html = files.iter().any(|f| f.path.ends_with(".html"));
            for file in files {
                sink(file).map_err(RenderError::Write)?;
            }
            Ok(html)
        })
        .collect();
    let mut pages = 0;
    let mut problems: Vec<Diagnostic> = Vec::new();
    for result in results {
        match result {
            Ok(html) => pages += usize::from(html),
            Err(RenderError::Write(e)) => return Err(RenderError::Write(e)),
            Err(RenderError::Templates(ds)) => {
                for d in ds {
                    if !problems.contains(&d) {
                        problems.push(d);
                    }
                }
            }
        }
    }
    if !problems.is_empty() {
        return Err(RenderError::Templates(problems));
    }
    let mut copies = theme.static_files.clone();
    for r in &site.records {
        copies.extend(media_of(site, r));
    }
    copies.sort_by(|a, b| a.1.cmp(&b.1));
    copies.dedup();
    Ok(Rendered { pages, copies })
}

/// The files of a published record copied under `media/<id>/`: its images and the
/// resources this build may show.
pub fn media_of(site: &Site, r: &SiteRecord) -> Vec<(PathBuf, String)> {
    let c = &r.record.common;
    let visible =
        |access: Access| access == Access::Public || site.options.audience == Audience::Network;
    let images = c.images.iter().map(|i| &i.file.value);
    let resources = c
        .resources
        .iter()
        .filter(|res| visible(res.access))
        .flat_map(|res| {
            std::iter::once(&res.file.value).chain(res.accessible.as_ref().map(|a| &a.value))
        });
    let variants = r
        .processed
        .iter()
        .flatten()
        .flat_map(|p| &p.variants)
        .map(|v| {
            (
                v.cached.clone(),
                format!("media/{}/{}", r.record.id, v.name),
            )
        });
    images
        .chain(resources)
        .map(|file| {
            (
                site.root.join(&r.record.dir).join(file),
                format!("media/{}/{file}", r.record.id),
            )
        })
        .chain(variants)
        .collect()
}

/// The output file of the page at site path `path` (`/fr/films/x/` → `fr/films/x/index.html`).
pub fn page_file(site: &Site, path: &str) -> String {
    format!(
        "{}index.html",
        path.strip_prefix(&site.config.base_path).unwrap_or(path)
    )
}

impl Renderer<'_> {
    fn jobs(&self) -> Vec<Job<'_>> {
        let site = self.words.site;
        let mut jobs = vec![Job::RootNotFound, Job::Sitemap, Job::Robots];
        let shown = self.words.lists.shown_kinds();
        if !site.config.default_language_at_root {
            jobs.push(Job::Chooser);
        }
        for lang in &site.config.languages {
            jobs.push(Job::Home(lang));
            jobs.push(Job::NotFound(lang));
            jobs.push(Job::Feed(lang, None));
            // The calendar lives beside the webinars' list: none without webinars.
            if self.words.has_page(lang, Listing::Kind(Kind::Webinar)) {
                jobs.push(Job::Calendar(lang));
            }
            jobs.push(Job::Search(lang));
            jobs.push(Job::SearchPage(lang));
            if !site.collections.is_empty() {
                jobs.push(Job::Collections(lang));
            }
            // A list without any record in this language has no page in it.
            for &kind in &shown {
                if !self.words.has_page(lang, Listing::Kind(kind)) {
                    continue;
                }
                jobs.push(Job::Feed(lang, Some(kind)));
                let pages = self.words.page_count(lang, Listing::Kind(kind));
                jobs.extend((1..=pages).map(|n| Job::List(lang, Listing::Kind(kind), n)));
            }
            for (taxonomy, terms) in self.words.lists.shown_taxonomies() {
                if !self.words.has_terms(lang, *taxonomy) {
                    continue;
                }
                jobs.push(Job::Taxonomy(lang, *taxonomy));
                for term in 0..terms.len() {
                    let listing = Listing::Term(*taxonomy, term);
                    if self.words.has_page(lang, listing) {
                        let pages = self.words.page_count(lang, listing);
                        jobs.extend((1..=pages).map(|n| Job::List(lang, listing, n)));
                    }
                }
            }
        }
        for (i, r) in site.records.iter().enumerate() {
            jobs.extend(
                r.sources
                    .keys()
                    .map(|lang| Job::Record(i, site.config.language_or_default(lang))),
            );
            if r.start.is_some() {
                let languages = r.sources.keys().map(|l| site.config.language_or_default(l));
                jobs.extend(languages.map(|lang| Job::Event(i, lang)));
            }
        }
        for (i, c) in site.collections.iter().enumerate() {
            let languages = c.paths.keys().map(|l| site.config.language_or_default(l));
            jobs.extend(languages.map(|lang| Job::Collection(i, lang)));
        }
        for p in &site.pages {
            jobs.extend(p.page.translations.iter().map(|t| Job::Page(p, t)));
        }
        jobs
    }

    fn render(&self, job: &Job<'_>) -> Result<OutputFile, Diagnostic> {
        match job {
            Job::Chooser => self.chooser_page(),
            Job::NotFound(lang) => self.not_found_page(Some(lang)),
            Job::RootNotFound => self.not_found_page(None),
            Job::Home(lang) => self.home_page(lang),
            Job::List(lang, listing, n) => self.list_page(lang, *listing, *n),
            Job::Record(i, lang) => self.record_page(*i, lang),
            Job::Robots => Ok(self.robots()),
            Job::Feed(lang, kind) => Ok(self.feed(lang, *kind)),
            Job::Event(i, lang) => Ok(self.event_file(*i, lang)),
            Job::Calendar(lang) => Ok(self.calendar(lang)),
            Job::Collection(i, lang) => {
                self.collection_page(&self.words.site.collections[*i], lang)
            }
            Job::Collections(lang) => self.collections_page(lang),
            Job::SearchPage(lang) => self.search_page(lang),
            Job::Sitemap => unreachable!("render_scope writes the sitemap with Renderer::sitemap"),
            Job::Search(_) => {
                unreachable!("render_scope writes search files with Renderer::search")
            }
            Job::Page(page, translation) => self.free_page(page, translation),
            Job::Taxonomy(lang, taxonomy) => self.taxonomy_page(lang, *taxonomy),
        }
    }
}
