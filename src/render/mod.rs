//! Render: from a resolved [`Site`] and a [`Theme`] to the bytes of every page, in parallel.
//!
//! This module decides which pages exist (records, lists, homes, taxonomies, free pages,
//! language chooser, 404s) and builds each template's context. Rendering is pure: the same
//! site gives the same bytes. Writing to disk is `output`'s job.

pub mod calendar;
pub mod context;
pub mod feeds;
pub mod markdown;
mod search;

pub use search::{SearchSource, search_files, search_indexes};
pub mod structured;
pub mod theme;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;

use crate::config::Language;
use crate::content::schema::{Access, Direction, ImageRole, Taxonomy, Vocabulary};
use crate::content::{Details, Kind, PageTranslation, Translation};
use crate::diagnostics::Diagnostic;
use crate::site::{Audience, Site, SiteCollection, SitePage, SiteRecord};
use context::*;
use markdown::Markdown;
use std::sync::Arc;
use theme::ThemeString;

use crate::locale::Locale;
use theme::{Theme, template_diagnostic};

/// A file to write, with its path relative to the output root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative path with `/` separators (`fr/films/la-haine/index.html`).
    pub path: String,
    /// Content.
    pub bytes: Vec<u8>,
    /// The template that rendered it, for locating problems found in the page.
    pub template: Option<String>,
}

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
}

/// A list named by what it holds rather than by position: stable across updates.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum ListingName {
    /// All records of a kind.
    Kind(Kind),
    /// The records with this term id.
    Term(Taxonomy, String),
}

impl RenderCache {
    /// For every record, by id, the ids of its related records.
    pub fn related_ids(&self, site: &Site) -> BTreeMap<String, Vec<String>> {
        self.related
            .iter()
            .enumerate()
            .map(|(i, list)| {
                let ids = list
                    .iter()
                    .map(|j| site.records[*j].record.id.clone())
                    .collect();
                (site.records[i].record.id.clone(), ids)
            })
            .collect()
    }

    /// Every list of every language (by position), with the ids of its records in order.
    pub fn members(&self, site: &Site) -> BTreeMap<(usize, ListingName), Vec<String>> {
        self.listings
            .iter()
            .map(|((lang, listing), records)| {
                let ids = records
                    .iter()
                    .map(|i| site.records[*i].record.id.clone())
                    .collect();
                ((*lang, self.name(*listing)), ids)
            })
            .collect()
    }

    /// The name of a list.
    pub fn name(&self, listing: Listing) -> ListingName {
        match listing {
            Listing::Kind(kind) => ListingName::Kind(kind),
            Listing::Term(taxonomy, position) => ListingName::Term(
                taxonomy,
                self.terms
                    .get(&taxonomy)
                    .and_then(|ids| ids.get(position))
                    .cloned()
                    .unwrap_or_default(),
            ),
        }
    }

    /// The current key of a named list, if it exists.
    pub fn listing(&self, name: &ListingName) -> Option<Listing> {
        match name {
            ListingName::Kind(kind) => Some(Listing::Kind(*kind)),
            ListingName::Term(taxonomy, id) => {
                let position = self.terms.get(taxonomy)?.binary_search(id).ok()?;
                Some(Listing::Term(*taxonomy, position))
            }
        }
    }
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
    let renderer = Renderer {
        site,
        theme,
        markdown: Markdown::with_base_path(&site.config.base_path),
        cache,
    };
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
        })
        .collect();
    let results: Vec<Result<bool, RenderError<E>>> = jobs
        .par_iter()
        .map(|job| {
            // The sitemap is the one job that may give several files (an index and parts).
            let files = match job {
                Job::Sitemap => renderer.sitemap(),
                Job::Search(lang) => renderer
                    .search(lang)
                    .map_err(|d| RenderError::Templates(vec![d]))?,
                _ => vec![
                    renderer
                        .render(job)
                        .map_err(|d| RenderError::Templates(vec![d]))?,
                ],
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

struct Renderer<'a> {
    site: &'a Site,
    theme: &'a Theme,
    markdown: Markdown,
    cache: &'a RenderCache,
}

/// What rendering derives from the whole site before it renders a page: per-language
/// template engines and locales, and the order of every list. Kept by `serve` between
/// rebuilds, and recomputed only when what it depends on changes.
pub struct RenderCache {
    /// Per language, the theme's templates with that language's shared values (site, lang,
    /// t, footer pages…) as Tera's global context, so they are converted once, not per page.
    engines: BTreeMap<String, tera::Tera>,
    /// Dates, numbers, plurals and collation of each language.
    locales: BTreeMap<String, Arc<Locale>>,
    /// Per taxonomy, the sorted ids of the terms some record uses.
    terms: BTreeMap<Taxonomy, Vec<String>>,
    /// Per language (by position in the site's languages), the records of each kind list
    /// and term page, in list order, as indices into `site.records`.
    listings: BTreeMap<(usize, Listing), Vec<usize>>,
    /// Per record (index into `site.records`), the records related to it, best first.
    related: Vec<Vec<usize>>,
}

/// A list of records that gets (paginated) pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Listing {
    /// All records of a kind.
    Kind(Kind),
    /// The records with a term: the taxonomy and the term's position in its sorted ids.
    Term(Taxonomy, usize),
}

/// Cards per list page.
pub const PAGE_SIZE: usize = 24;

impl RenderCache {
    /// Everything derived from `site` and `theme`.
    pub fn new(site: &Site, theme: &Theme) -> Result<Self, Diagnostic> {
        let locales: BTreeMap<String, Arc<Locale>> = site
            .config
            .languages
            .iter()
            .map(|l| (l.code.clone(), Arc::new(Locale::new(&l.code))))
            .collect();
        let mut cache = RenderCache {
            engines: BTreeMap::new(),
            locales,
            terms: BTreeMap::new(),
            listings: BTreeMap::new(),
            related: Vec::new(),
        };
        cache.relist(site);
        cache.relate(site);
        for lang in &site.config.languages {
            let mut engine = theme.tera.clone();
            let locale = Arc::clone(&cache.locales[&lang.code]);
            engine.register_filter(
                "plural",
                move |value: tera::Value, kwargs: tera::Kwargs, _: &tera::State| {
                    plural_filter(&locale, &value, &kwargs)
                },
            );
            let renderer = Renderer {
                site,
                theme,
                markdown: Markdown::with_base_path(&site.config.base_path),
                cache: &cache,
            };
            let shared = tera::Context::from_serialize(&renderer.shared(lang))
                .map_err(|e| template_diagnostic(&e, &theme.template_files))?;
            engine.global_context().extend(shared);
            cache.engines.insert(lang.code.clone(), engine);
        }
        Ok(cache)
    }

    /// Recomputes the terms and the order of every list, after records changed.
    pub fn relist(&mut self, site: &Site) {
        // Each record's terms, computed once.
        let record_terms: Vec<Vec<(Taxonomy, Vec<String>)>> = site
            .records
            .iter()
            .map(|r| {
                site.config
                    .taxonomies
                    .iter()
                    .map(|t| (*t, r.terms(*t)))
                    .collect()
            })
            .collect();
        let mut terms: BTreeMap<Taxonomy, BTreeSet<String>> = BTreeMap::new();
        for taxonomy in &site.config.taxonomies {
            terms.entry(*taxonomy).or_default();
        }
        for (taxonomy, ids) in record_terms.iter().flatten() {
            terms
                .entry(*taxonomy)
                .or_default()
                .extend(ids.iter().cloned());
        }
        let terms: BTreeMap<Taxonomy, Vec<String>> = terms
            .into_iter()
            .map(|(t, ids)| (t, ids.into_iter().collect()))
            .collect();
        let mut listings: BTreeMap<(usize, Listing), Vec<usize>> = BTreeMap::new();
        for (n, lang) in site.config.languages.iter().enumerate() {
            let locale = &self.locales[&lang.code];
            let mut indices: Vec<usize> = (0..site.records.len())
                .filter(|i| {
                    site.records[*i].listed && site.records[*i].paths.contains_key(&lang.code)
                })
                .collect();
            // Newest first; then titles in the language's alphabetical order; then ids, so
            // the order never depends on anything but the content.
            indices.sort_by(|a, b| {
                let (ra, rb) = (&site.records[*a], &site.records[*b]);
                rb.published
                    .cmp(&ra.published)
                    .then_with(|| locale.compare(title(ra, &lang.code), title(rb, &lang.code)))
                    .then_with(|| ra.record.id.cmp(&rb.record.id))
            });
            for kind in Kind::ALL {
                listings.insert((n, Listing::Kind(kind)), Vec::new());
            }
            for i in indices {
                let r = &site.records[i];
                listings
                    .entry((n, Listing::Kind(r.record.kind)))
                    .or_default()
                    .push(i);
                for (taxonomy, values) in &record_terms[i] {
                    let ids = &terms[taxonomy];
                    for term in values {
                        let Ok(position) = ids.binary_search(term) else {
                            continue;
                        };
                        listings
                            .entry((n, Listing::Term(*taxonomy, position)))
                            .or_default()
                            .push(i);
                    }
                }
            }
        }
        self.terms = terms;
        self.listings = listings;
    }

    /// Recomputes every record's related records, after records changed in what relates
    /// them (publication, themes, people) or records came or went.
    pub fn relate(&mut self, site: &Site) {
        self.related = related(site);
    }
}

impl<'a> Renderer<'a> {
    fn jobs(&self) -> Vec<Job<'_>> {
        let site = self.site;
        let mut jobs = vec![Job::RootNotFound, Job::Sitemap, Job::Robots];
        if !site.config.default_language_at_root {
            jobs.push(Job::Chooser);
        }
        for lang in &site.config.languages {
            jobs.push(Job::Home(lang));
            jobs.push(Job::NotFound(lang));
            jobs.push(Job::Feed(lang, None));
            jobs.push(Job::Calendar(lang));
            jobs.push(Job::Search(lang));
            jobs.push(Job::SearchPage(lang));
            if !site.collections.is_empty() {
                jobs.push(Job::Collections(lang));
            }
            jobs.extend(Kind::ALL.into_iter().map(|k| Job::Feed(lang, Some(k))));
            for kind in Kind::ALL {
                let pages = self.page_count(lang, Listing::Kind(kind));
                jobs.extend((1..=pages).map(|n| Job::List(lang, Listing::Kind(kind), n)));
            }
            for (taxonomy, terms) in &self.cache.terms {
                jobs.push(Job::Taxonomy(lang, *taxonomy));
                for term in 0..terms.len() {
                    let listing = Listing::Term(*taxonomy, term);
                    let pages = self.page_count(lang, listing);
                    jobs.extend((1..=pages).map(|n| Job::List(lang, listing, n)));
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
            Job::Chooser => {
                let lang = self.default_language();
                let homes = self.same_in_every_language(|l| self.home(l));
                let alternates = self.alternates(lang, &homes, &homes);
                let mut common = self.common(
                    lang,
                    self.site_title(lang),
                    String::new(),
                    self.site.config.base_path.clone(),
                    "chooser",
                    alternates,
                );
                common.x_default = self.chooser_url();
                self.file(
                    lang,
                    "chooser.html",
                    "index.html".into(),
                    &PlainPage { common },
                )
            }
            Job::RootNotFound | Job::NotFound(_) => {
                let lang = match job {
                    Job::NotFound(l) => l,
                    _ => self.default_language(),
                };
                let path = self.home(lang);
                let homes = self.same_in_every_language(|l| self.home(l));
                let alternates = self.alternates(lang, &homes, &homes);
                let common = self.common(
                    lang,
                    self.t(lang, "not_found_title"),
                    String::new(),
                    path.clone(),
                    "404",
                    alternates,
                );
                let out = match job {
                    Job::NotFound(_) => format!("{}404.html", self.relative(&path)),
                    _ => "404.html".to_string(),
                };
                self.file(lang, "404.html", out, &PlainPage { common })
            }
            Job::Home(lang) => self.home_page(lang),
            Job::List(lang, listing, n) => self.list_page(lang, *listing, *n),
            Job::Record(i, lang) => self.record_page(*i, lang),
            Job::Robots => Ok(OutputFile {
                template: None,
                path: "robots.txt".into(),
                bytes: format!(
                    "User-agent: *\nAllow: /\nSitemap: {}sitemap.xml\n",
                    self.site.config.base_url
                )
                .into_bytes(),
            }),
            Job::Feed(lang, kind) => Ok(self.feed(lang, *kind)),
            Job::Event(i, lang) => Ok(self.event_file(*i, lang)),
            Job::Calendar(lang) => Ok(self.calendar(lang)),
            Job::Collection(i, lang) => self.collection_page(&self.site.collections[*i], lang),
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

    fn file<T: Serialize>(
        &self,
        lang: &Language,
        template: &str,
        path: String,
        context: &T,
    ) -> Result<OutputFile, Diagnostic> {
        let context = tera::Context::from_serialize(context)
            .map_err(|e| template_diagnostic(&e, &self.theme.template_files))?;
        let html = self.cache.engines[&lang.code]
            .render(template, &context)
            .map_err(|e| template_diagnostic(&e, &self.theme.template_files))?;
        Ok(OutputFile {
            path,
            bytes: html.into_bytes(),
            template: Some(template.to_string()),
        })
    }

    fn home_page(&self, lang: &Language) -> Result<OutputFile, Diagnostic> {
        let sections = Kind::ALL
            .into_iter()
            .map(|kind| {
                let records: Vec<Card> = self
                    .listing(lang, Listing::Kind(kind))
                    .iter()
                    .take(4)
                    .map(|i| self.card(&self.site.records[*i], lang))
                    .collect();
                Section {
                    kind,
                    title: self.t(lang, &format!("kinds_{}", kind.name())),
                    url: self.list_path(lang, kind),
                    records,
                }
            })
            .filter(|s| !s.records.is_empty())
            .collect();
        let path = self.home(lang);
        let homes = self.same_in_every_language(|l| self.home(l));
        let alternates = self.alternates(lang, &homes, &homes);
        let mut common = self.common(
            lang,
            self.site_title(lang),
            self.site_description(lang),
            path.clone(),
            "home",
            alternates,
        );
        if let Some(chooser) = self.chooser_url() {
            common.x_default = Some(chooser);
        }
        let featured = &self.site.config.featured;
        let featured_collections = featured
            .collections
            .iter()
            .filter_map(|id| {
                self.site
                    .collections
                    .iter()
                    .find(|c| c.collection.id == id.value)
            })
            .filter_map(|c| self.collection_link(c, lang))
            .collect();
        let featured_records = self.cards_of(&featured.records, lang);
        let upcoming = self
            .upcoming(lang)
            .into_iter()
            .take(4)
            .map(|r| self.card(r, lang))
            .collect();
        let home = HomePage {
            common,
            sections,
            featured_collections,
            featured_records,
            upcoming,
        };
        self.file(lang, "home.html", self.index_file(&path), &home)
    }

    /// The cards of the records `ids` in that order, leaving out those not listed in `lang`.
    fn cards_of(
        &self,
        ids: &[crate::content::schema::Spanned<String>],
        lang: &Language,
    ) -> Vec<Card> {
        ids.iter()
            .filter_map(|id| self.by_id(&id.value))
            .filter(|r| r.listed && r.paths.contains_key(&lang.code))
            .map(|r| self.card(r, lang))
            .collect()
    }

    /// A published record by id.
    fn by_id(&self, id: &str) -> Option<&'a SiteRecord> {
        let site: &'a Site = self.site;
        site.records.iter().find(|r| r.record.id == id)
    }

    /// A collection as a link in `lang`, when it is written in it.
    fn collection_link(&self, c: &SiteCollection, lang: &Language) -> Option<CollectionLink> {
        let t = c
            .collection
            .translations
            .iter()
            .find(|t| t.lang == lang.code)?;
        Some(CollectionLink {
            title: t.title.clone(),
            summary: t.summary.clone(),
            url: c.paths.get(&lang.code)?.clone(),
        })
    }

    fn collection_page(
        &self,
        c: &SiteCollection,
        lang: &Language,
    ) -> Result<OutputFile, Diagnostic> {
        let t = c
            .collection
            .translations
            .iter()
            .find(|t| t.lang == lang.code)
            .unwrap_or(&c.collection.translations[0]);
        let path = c.paths[&lang.code].clone();
        let alternates = self.alternates(lang, &c.paths, &c.paths);
        let description = t
            .summary
            .clone()
            .unwrap_or_else(|| self.site_description(lang));
        let common = self.common(
            lang,
            t.title.clone(),
            description,
            path.clone(),
            "collection",
            alternates,
        );
        // Records not published in this build (drafts, network, scheduled, expired) leave
        // no trace; the others keep the editors' order.
        let records = self.cards_of(&c.collection.records, lang);
        let collection = CollectionCtx {
            title: t.title.clone(),
            intro: self.markdown.render(&t.body),
            records,
        };
        self.file(
            lang,
            "collection.html",
            self.index_file(&path),
            &CollectionPage { common, collection },
        )
    }

    fn collections_page(&self, lang: &Language) -> Result<OutputFile, Diagnostic> {
        let path = self.site.config.section_path(lang, "collections");
        let paths =
            self.same_in_every_language(|l| self.site.config.section_path(l, "collections"));
        let alternates = self.alternates(lang, &paths, &paths);
        let title = self.t(lang, "collections");
        let common = self.common(
            lang,
            title.clone(),
            self.site_description(lang),
            path.clone(),
            "collections",
            alternates,
        );
        let collections = self
            .site
            .collections
            .iter()
            .filter_map(|c| self.collection_link(c, lang))
            .collect();
        self.file(
            lang,
            "collections.html",
            self.index_file(&path),
            &CollectionsPage {
                common,
                title,
                collections,
            },
        )
    }

    fn list_page(
        &self,
        lang: &Language,
        listing: Listing,
        number: usize,
    ) -> Result<OutputFile, Diagnostic> {
        let all: &[usize] = self.listing(lang, listing);
        let records: Vec<Card> = all
            .iter()
            .skip((number - 1) * PAGE_SIZE)
            .take(PAGE_SIZE)
            .map(|i| self.card(&self.site.records[*i], lang))
            .collect();
        let title = self.listing_title(lang, listing);
        let path = self.listing_path(lang, listing, number);
        let paths = self.same_in_every_language(|l| {
            let n = number.min(self.page_count(l, listing));
            self.listing_path(l, listing, n)
        });
        // The switcher leads to the nearest page of another language; hreflang names only
        // the same page number, which exists in both, so that the sets are reciprocal.
        let same_number: BTreeMap<String, String> = paths
            .iter()
            .filter(|(code, _)| self.page_count(self.language(code), listing) >= number)
            .map(|(c, p)| (c.clone(), p.clone()))
            .collect();
        let alternates = self.alternates(lang, &paths, &same_number);
        let pages = self.page_count(lang, listing);
        let pagination = Pagination {
            current: number,
            total: pages,
            prev: (number > 1).then(|| self.listing_path(lang, listing, number - 1)),
            next: (number < pages).then(|| self.listing_path(lang, listing, number + 1)),
            pages: (1..=pages)
                .map(|n| PageLink {
                    number: n,
                    url: self.listing_path(lang, listing, n),
                    current: n == number,
                })
                .collect(),
        };
        let meta_title = if number > 1 {
            format!("{title} ({number}/{pages})")
        } else {
            title.clone()
        };
        let common = self.common(
            lang,
            meta_title,
            self.site_description(lang),
            path.clone(),
            match listing {
                Listing::Kind(_) => "list",
                Listing::Term(..) => "term",
            },
            alternates,
        );
        let out = self.index_file(&path);
        match listing {
            Listing::Kind(_) => {
                let list = ListCtx {
                    title,
                    count: all.len(),
                    records,
                    pagination,
                };
                self.file(lang, "list.html", out, &ListPage { common, list })
            }
            Listing::Term(taxonomy, _) => {
                let term = TermCtx {
                    taxonomy_label: self.t(lang, &format!("taxonomy_{}", taxonomy.name())),
                    taxonomy_url: self.taxonomy_path(lang, taxonomy),
                    label: title,
                    count: all.len(),
                    records,
                    pagination,
                };
                self.file(lang, "term.html", out, &TermPage { common, term })
            }
        }
    }

    fn page_count(&self, lang: &Language, listing: Listing) -> usize {
        self.listing(lang, listing).len().div_ceil(PAGE_SIZE).max(1)
    }

    /// The records of `listing` in `lang`, in list order.
    fn listing(&self, lang: &Language, listing: Listing) -> &[usize] {
        let n = self
            .site
            .config
            .languages
            .iter()
            .position(|l| l.code == lang.code)
            .unwrap_or(0);
        self.cache
            .listings
            .get(&(n, listing))
            .map_or(&[], Vec::as_slice)
    }

    /// The id of the term at `position` in `taxonomy`'s sorted ids.
    fn term_id(&self, taxonomy: Taxonomy, position: usize) -> &str {
        self.cache
            .terms
            .get(&taxonomy)
            .and_then(|ids| ids.get(position))
            .map_or("", String::as_str)
    }

    fn listing_title(&self, lang: &Language, listing: Listing) -> String {
        match listing {
            Listing::Kind(kind) => self.t(lang, &format!("kinds_{}", kind.name())),
            Listing::Term(taxonomy, term) => {
                self.term_label(lang, taxonomy, self.term_id(taxonomy, term))
            }
        }
    }

    fn listing_path(&self, lang: &Language, listing: Listing, number: usize) -> String {
        let first = match listing {
            Listing::Kind(kind) => self.list_path(lang, kind),
            Listing::Term(taxonomy, term) => {
                self.term_path(lang, taxonomy, self.term_id(taxonomy, term))
            }
        };
        if number <= 1 {
            first
        } else {
            format!("{first}page/{number}/")
        }
    }

    fn taxonomy_page(&self, lang: &Language, taxonomy: Taxonomy) -> Result<OutputFile, Diagnostic> {
        let label = self.t(lang, &format!("taxonomy_{}", taxonomy.name()));
        let ids = self
            .cache
            .terms
            .get(&taxonomy)
            .map_or(&[][..], Vec::as_slice);
        let mut terms: Vec<TermCount> = ids
            .iter()
            .enumerate()
            .map(|(position, id)| TermCount {
                label: self.term_label(lang, taxonomy, id),
                url: self.term_path(lang, taxonomy, id),
                count: self.listing(lang, Listing::Term(taxonomy, position)).len(),
            })
            .collect();
        let locale = self.locale(lang);
        terms.sort_by(|a, b| {
            locale
                .compare(&a.label, &b.label)
                .then_with(|| a.url.cmp(&b.url))
        });
        let path = self.taxonomy_path(lang, taxonomy);
        let paths = self.same_in_every_language(|l| self.taxonomy_path(l, taxonomy));
        let alternates = self.alternates(lang, &paths, &paths);
        let common = self.common(
            lang,
            label.clone(),
            self.site_description(lang),
            path.clone(),
            "taxonomy",
            alternates,
        );
        let taxonomy = TaxonomyCtx {
            name: taxonomy.name(),
            label,
            terms,
        };
        self.file(
            lang,
            "taxonomy.html",
            self.index_file(&path),
            &TaxonomyPage { common, taxonomy },
        )
    }

    fn free_page(
        &self,
        page: &SitePage,
        translation: &PageTranslation,
    ) -> Result<OutputFile, Diagnostic> {
        let lang = self.language(&translation.lang);
        let path = page.paths[&translation.lang].clone();
        let alternates = self.alternates(lang, &page.paths, &page.paths);
        let description = translation
            .summary
            .clone()
            .unwrap_or_else(|| self.site_description(lang));
        let common = self.common(
            lang,
            translation.title.clone(),
            description,
            path.clone(),
            "page",
            alternates,
        );
        let page_ctx = PageCtx {
            title: translation.title.clone(),
            body: self.markdown.render(&translation.body),
        };
        let statement = (self.site.config.statement_page() == Some(page.page.id.as_str()))
            .then(|| self.statement(lang))
            .flatten();
        let template = if statement.is_some() {
            "accessibility.html"
        } else {
            "page.html"
        };
        self.file(
            lang,
            template,
            self.index_file(&path),
            &FreePage {
                common,
                page: page_ctx,
                statement,
            },
        )
    }

    /// The site path of a theme file, fingerprinted when it is CSS or JavaScript.
    fn asset(&self, path: &str) -> String {
        let file = self.theme.assets.get(path).map_or(path, String::as_str);
        format!("{}{file}", self.site.config.base_path)
    }

    /// The figures of the accessibility statement, in `lang`.
    fn statement(&self, lang: &Language) -> Option<StatementCtx> {
        let a = self.site.config.accessibility.as_ref()?;
        let status_label = self.t(lang, &format!("a11y_status_{}", a.status.name()));
        let standard = a.standard.clone().unwrap_or_else(|| "RGAA 4.1".into());
        Some(StatementCtx {
            status: a.status.name(),
            sentence: self
                .t(lang, "a11y_sentence")
                .replace("{status}", &status_label)
                .replace("{standard}", &standard),
            rate: a.rate.as_ref().map(|r| {
                self.t(lang, "a11y_rate")
                    .replace("{rate}", &self.locale(lang).number(u64::from(r.value)))
            }),
            audited: a
                .audited
                .as_ref()
                .and_then(|d| d.value.parse::<jiff::civil::Date>().ok())
                .map(|d| {
                    self.t(lang, "a11y_audited")
                        .replace("{date}", &self.locale(lang).date(d))
                }),
            status_label,
            standard,
        })
    }

    /// The footer's link to the accessibility statement in `lang` (or in the default
    /// language when it is not written in `lang`).
    fn accessibility_link(&self, lang: &Language) -> Option<AccessibilityLink> {
        let id = self.site.config.statement_page()?;
        let a = self.site.config.accessibility.as_ref()?;
        let page = self.site.pages.iter().find(|p| p.page.id == id)?;
        let (url, written) = match page.paths.get(&lang.code) {
            Some(url) if page.page.translations.iter().any(|t| t.lang == lang.code) => {
                (url.clone(), None)
            }
            _ => {
                let first = page.page.translations.first()?;
                (
                    page.paths.get(&first.lang)?.clone(),
                    Some(first.lang.clone()),
                )
            }
        };
        let status = self.t(lang, &format!("a11y_status_{}", a.status.name()));
        Some(AccessibilityLink {
            url,
            label: self.t(lang, "a11y_footer").replace("{status}", &status),
            lang: written,
        })
    }

    fn record_page(&self, index: usize, lang: &Language) -> Result<OutputFile, Diagnostic> {
        let r = &self.site.records[index];
        let translation = r.text(&lang.code).unwrap_or(&r.record.translations[0]);
        let path = r.paths[&lang.code].clone();
        let translated = self.translations(r);
        let alternates = self.alternates(lang, &r.paths, &translated);
        let mut common = self.common(
            lang,
            translation.title.clone(),
            translation.summary.clone(),
            path.clone(),
            "record",
            alternates,
        );
        let fallback = (translation.lang != lang.code).then(|| {
            let source = self.language(&translation.lang);
            // Borrowed text is not a page of its own for search engines: it points to the
            // page it borrows from.
            common.meta.canonical = self.absolute(&r.paths[&source.code]);
            // A page whose canonical is another address carries no hreflang set: search
            // engines ignore or distrust sets on non-canonical pages.
            common.x_default = None;
            LangCtx {
                code: source.code.clone(),
                name: source.name.clone(),
                dir: dir(source.dir),
            }
        });
        if fallback.is_none() {
            common.x_default = self.x_default(&translated);
        }
        let mut record = self.record_ctx(r, translation, lang, path.clone());
        record.fallback = fallback;
        record.related = self
            .cache
            .related
            .get(index)
            .into_iter()
            .flatten()
            .map(|j| &self.site.records[*j])
            .filter(|other| other.paths.contains_key(&lang.code))
            .map(|other| self.card(other, lang))
            .collect();
        common.meta.image = record.poster.as_ref().map(|p| self.absolute(&p.url));
        record.json_ld = structured::json_ld(
            r,
            &structured::Page {
                lang: &lang.code,
                title: &translation.title,
                summary: &translation.summary,
                url: &common.meta.canonical,
                image: common.meta.image.clone(),
                credits: r
                    .record
                    .common
                    .credits
                    .iter()
                    .map(|c| (c.name.as_str(), c.role.value.as_str()))
                    .collect(),
                keywords: record.themes.iter().map(|t| t.label.clone()).collect(),
                producer: match &r.record.details {
                    Details::Production(p) => Some(self.label(
                        &self.site.vocabularies.institutions,
                        &p.institution.value,
                        lang,
                    )),
                    _ => None,
                },
            },
        );
        self.file(
            lang,
            "record.html",
            self.index_file(&path),
            &RecordPage { common, record },
        )
    }

    /// The paths of a record's real translations (not of its borrowed pages).
    fn translations(&self, r: &SiteRecord) -> BTreeMap<String, String> {
        r.paths
            .iter()
            .filter(|(lang, _)| r.is_translated(lang))
            .map(|(l, p)| (l.clone(), p.clone()))
            .collect()
    }

    /// The language chooser at the site's root, where the site has one: the `x-default` of
    /// the home pages, since it is the page meant for visitors of any language.
    fn chooser_url(&self) -> Option<String> {
        let config = &self.site.config;
        (!config.default_language_at_root).then(|| self.absolute(&config.base_path))
    }

    /// The `x-default` alternate: the default language's version, else the first translation.
    fn x_default(&self, translated: &BTreeMap<String, String>) -> Option<String> {
        let config = &self.site.config;
        translated
            .get(&config.default_language)
            .or_else(|| {
                config
                    .languages
                    .iter()
                    .find_map(|l| translated.get(&l.code))
            })
            .map(|p| self.absolute(p))
    }

    fn record_ctx(
        &self,
        r: &SiteRecord,
        translation: &Translation,
        lang: &Language,
        url: String,
    ) -> RecordCtx {
        let c = &r.record.common;
        let poster_index = c
            .images
            .iter()
            .position(|i| matches!(i.role, ImageRole::Poster | ImageRole::Cover));
        let images = c
            .images
            .iter()
            .enumerate()
            .filter(|(i, _)| Some(*i) != poster_index)
            .map(|(i, _)| self.image(r, i, lang))
            .collect();
        let original_title = match &r.record.details {
            Details::Film(f) => f.original_title.clone(),
            Details::Book(b) => b.original_title.clone(),
            _ => None,
        };
        let (tracks, speakers) = match &r.record.details {
            Details::Music(m) => (
                m.tracks
                    .iter()
                    .enumerate()
                    .map(|(i, t)| TrackCtx {
                        number: i + 1,
                        title: t.title.clone(),
                        duration: t.duration.as_ref().map(|d| d.value.clone()),
                    })
                    .collect(),
                Vec::new(),
            ),
            Details::Webinar(w) => (
                Vec::new(),
                w.speakers
                    .iter()
                    .map(|s| SpeakerCtx {
                        name: s.name.clone(),
                        affiliation: s
                            .affiliation
                            .as_ref()
                            .and_then(|a| a.get(&lang.code, &[&self.site.config.default_language]))
                            .map(str::to_string),
                    })
                    .collect(),
            ),
            _ => (Vec::new(), Vec::new()),
        };
        RecordCtx {
            id: r.record.id.clone(),
            kind: r.record.kind,
            kind_label: self.t(lang, &format!("kind_{}", r.record.kind.name())),
            title: translation.title.clone(),
            summary: translation.summary.clone(),
            body: self.markdown.render(&translation.body),
            url,
            original_title,
            poster: poster_index.map(|i| self.image(r, i, lang)),
            images,
            facts: self.facts(r, lang),
            credits: c
                .credits
                .iter()
                .map(|cr| CreditCtx {
                    name: cr.name.clone(),
                    role: self.label(&self.site.vocabularies.roles, &cr.role.value, lang),
                })
                .collect(),
            themes: c
                .themes
                .iter()
                .map(|t| self.term_link(lang, Taxonomy::Themes, &t.value))
                .collect(),
            countries: c
                .countries
                .iter()
                .map(|t| self.term_link(lang, Taxonomy::Countries, &t.value))
                .collect(),
            resources: self.resources(r, lang),
            links: c
                .links
                .iter()
                .map(|l| LinkCtx {
                    label: l
                        .label
                        .get(&lang.code, &[&self.site.config.default_language])
                        .unwrap_or(&l.url.value)
                        .to_string(),
                    url: l.url.value.clone(),
                })
                .collect(),
            tracks,
            speakers,
            webinar: self.webinar(r, lang),
            published: self.locale(lang).date(r.published),
            published_iso: r.published.to_string(),
            updated: r.updated.map(|d| self.locale(lang).date(d)),
            updated_iso: r.updated.map(|d| d.to_string()),
            related: Vec::new(),
            available_until: r.until.map(|d| self.locale(lang).date(d)),
            expired: !r.listed,
            network: c.access == Access::Network,
            fallback: None,
            json_ld: String::new(),
        }
    }

    fn facts(&self, r: &SiteRecord, lang: &Language) -> Vec<Fact> {
        let mut facts = Vec::new();
        let mut add = |key: &str, value: String| {
            facts.push(Fact {
                label: self.t(lang, key),
                value,
            })
        };
        let minutes = |n: u32| self.duration(lang, n);
        match &r.record.details {
            Details::Film(f) => {
                add("fact_year", f.year.value.to_string());
                add("fact_duration", minutes(f.duration));
                add(
                    "fact_genre",
                    self.t(lang, &format!("genre_{}", variant(&f.genre))),
                );
                if !f.subtitles.is_empty() {
                    add(
                        "fact_subtitles",
                        self.languages_list(f.subtitles.iter().map(|s| s.value.as_str()), lang),
                    );
                }
            }
            Details::Book(b) => {
                add("fact_publisher", b.publisher.clone());
                add("fact_year", b.year.value.to_string());
                add(
                    "fact_format",
                    self.t(lang, &format!("format_{}", variant(&b.format))),
                );
                if let Some(p) = b.pages {
                    add("fact_pages", self.t_n(lang, "pages_count", u64::from(p)));
                }
                if let Some(isbn) = &b.isbn {
                    add("fact_isbn", isbn.value.clone());
                }
            }
            Details::Music(m) => {
                add(
                    "fact_release_type",
                    self.t(lang, &format!("release_type_{}", variant(&m.release_type))),
                );
                let date = m
                    .release_date
                    .value
                    .parse()
                    .map(|d| self.locale(lang).date(d));
                add(
                    "fact_release_date",
                    date.unwrap_or_else(|_| m.release_date.value.clone()),
                );
                if let Some(label) = &m.label {
                    add("fact_label", label.clone());
                }
            }
            Details::Webinar(w) => {
                add("fact_duration", minutes(w.duration));
                add(
                    "fact_attendance",
                    self.t(lang, &format!("attendance_{}", variant(&w.attendance))),
                );
            }
            Details::Production(p) => {
                add(
                    "fact_type",
                    self.t(
                        lang,
                        &format!("production_type_{}", variant(&p.r#type).replace('-', "_")),
                    ),
                );
                add(
                    "fact_institution",
                    self.label(
                        &self.site.vocabularies.institutions,
                        &p.institution.value,
                        lang,
                    ),
                );
                add("fact_year", p.year.value.to_string());
            }
        }
        let c = &r.record.common;
        add(
            "fact_languages",
            self.languages_list(c.languages.iter().map(|s| s.value.as_str()), lang),
        );
        let audiences: Vec<String> = c
            .audience
            .iter()
            .map(|a| self.t(lang, &format!("audience_{}", variant(a))))
            .collect();
        add(
            "fact_audience",
            audiences.join(&self.t(lang, "list_separator")),
        );
        facts
    }

    fn webinar(&self, r: &SiteRecord, lang: &Language) -> Option<WebinarCtx> {
        let Details::Webinar(w) = &r.record.details else {
            return None;
        };
        let start = r.start.as_ref()?;
        let today = self
            .site
            .options
            .today
            .to_zoned_datetime(jiff::tz::TimeZone::UTC)
            .ok()?;
        Some(WebinarCtx {
            start: format!(
                "{} {} (UTC{})",
                self.locale(lang).date(start.date()),
                start.strftime("%H:%M"),
                start.strftime("%:z")
            ),
            start_iso: start.timestamp().to_string(),
            time_zone: w.time_zone.value.clone(),
            registration: w.registration.as_ref().map(|u| u.value.clone()),
            replay: w.replay.as_ref().map(|u| u.value.clone()),
            ics_url: format!(
                "{}event.ics",
                r.paths.get(&lang.code).cloned().unwrap_or_default()
            ),
            past: start.timestamp() < today.timestamp(),
        })
    }

    fn resources(&self, r: &SiteRecord, lang: &Language) -> Vec<ResourceCtx> {
        let default = [self.site.config.default_language.as_str()];
        let describe = |file: &str, format: Option<&String>, language: &str| {
            let size = std::fs::metadata(self.site.root.join(&r.record.dir).join(file))
                .map(|m| m.len())
                .unwrap_or(0);
            let format = format.cloned().unwrap_or_else(|| {
                file.rsplit('.')
                    .next()
                    .unwrap_or_default()
                    .to_ascii_uppercase()
            });
            (
                format,
                human_size(size, &lang.code),
                self.label(&self.site.vocabularies.languages, language, lang),
            )
        };
        r.record
            .common
            .resources
            .iter()
            .filter(|res| self.visible(res.access))
            .map(|res| {
                let title = res
                    .title
                    .get(&lang.code, &default)
                    .unwrap_or(&res.file.value)
                    .to_string();
                let (format, size, language) =
                    describe(&res.file.value, res.format.as_ref(), &res.language.value);
                // Link text that says what the link leads to: "Dossier pédagogique (PDF, 1,3 Mo, français)".
                let separator = self.t(lang, "list_separator");
                let label = format!("{title} ({format}{separator}{size}{separator}{language})");
                // The accessible version is the same text, in the same language.
                let accessible = res.accessible.as_ref().map(|file| {
                    let (format, size, language) = describe(&file.value, None, &res.language.value);
                    LinkCtx {
                        label: format!(
                            "{} ({format}{separator}{size}{separator}{language})",
                            self.t(lang, "accessible_version")
                        ),
                        url: self.media_path(r, &file.value),
                    }
                });
                ResourceCtx {
                    url: self.media_path(r, &res.file.value),
                    title,
                    format,
                    size,
                    language,
                    label,
                    accessible,
                }
            })
            .collect()
    }

    fn visible(&self, access: Access) -> bool {
        access == Access::Public || self.site.options.audience == Audience::Network
    }

    fn media_path(&self, r: &SiteRecord, file: &str) -> String {
        format!("{}media/{}/{file}", self.site.config.base_path, r.record.id)
    }

    /// The `n`th picture of `r`, with its resized copies.
    fn image(&self, r: &SiteRecord, n: usize, lang: &Language) -> ImageCtx {
        let image = &r.record.common.images[n];
        let alt = if image.decorative {
            String::new()
        } else {
            image
                .alt
                .as_ref()
                .and_then(|a| a.get(&lang.code, &[&self.site.config.default_language]))
                .unwrap_or_default()
                .to_string()
        };
        let url = self.media_path(r, &image.file.value);
        let processed = r.processed.get(n).and_then(Option::as_ref);
        let srcset = |format: crate::images::Format| -> String {
            processed
                .into_iter()
                .flat_map(|p| p.of(format))
                .map(|v| format!("{} {}w", self.media_path(r, &v.name), v.width))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let fallback: Vec<&crate::images::Variant> = processed
            .map(|p| p.of(p.fallback()).collect())
            .unwrap_or_default();
        let pick = |wanted: u32| {
            fallback
                .iter()
                .min_by_key(|v| v.width.abs_diff(wanted))
                .map_or_else(|| url.clone(), |v| self.media_path(r, &v.name))
        };
        ImageCtx {
            src: pick(480),
            thumb: pick(0),
            srcset: processed.map_or_else(String::new, |p| srcset(p.fallback())),
            webp_srcset: srcset(crate::images::Format::Webp),
            width: processed.map(|p| p.width),
            height: processed.map(|p| p.height),
            url,
            alt,
            role: match image.role {
                ImageRole::Poster => "poster",
                ImageRole::Cover => "cover",
                ImageRole::Still => "still",
                ImageRole::Portrait => "portrait",
                ImageRole::Illustration => "illustration",
            },
            credit: image.credit.clone(),
            decorative: image.decorative,
        }
    }

    fn card(&self, r: &SiteRecord, lang: &Language) -> Card {
        let translation = r.text(&lang.code).unwrap_or(&r.record.translations[0]);
        let fallback = (translation.lang != lang.code).then(|| {
            let source = self.language(&translation.lang);
            LangCtx {
                code: source.code.clone(),
                name: source.name.clone(),
                dir: dir(source.dir),
            }
        });
        let poster = r
            .record
            .common
            .images
            .iter()
            .position(|i| matches!(i.role, ImageRole::Poster | ImageRole::Cover))
            .map(|i| self.image(r, i, lang));
        Card {
            url: r.paths.get(&lang.code).cloned().unwrap_or_default(),
            title: translation.title.clone(),
            summary: translation.summary.clone(),
            kind: r.record.kind,
            kind_label: self.t(lang, &format!("kind_{}", r.record.kind.name())),
            year: r.year().map(|y| y.to_string()),
            poster,
            fallback,
        }
    }

    /// The values every page of `lang` shares, set once as Tera's global context.
    fn shared(&self, lang: &Language) -> Shared<'a> {
        let config = &self.site.config;
        let footer_pages = self
            .site
            .pages
            .iter()
            // The statement has its own link, with the conformity status.
            .filter(|p| Some(p.page.id.as_str()) != config.statement_page())
            .filter_map(|p| {
                let t = p.page.translations.iter().find(|t| t.lang == lang.code)?;
                Some(LinkCtx {
                    label: t.title.clone(),
                    url: p.paths[&lang.code].clone(),
                })
            })
            .collect();
        Shared {
            site: SiteCtx {
                title: self.site_title(lang),
                description: self.site_description(lang),
                base_url: config.base_url.clone(),
                base_path: config.base_path.clone(),
            },
            lang: LangCtx {
                code: lang.code.clone(),
                name: lang.name.clone(),
                dir: dir(lang.dir),
            },
            t: &self.theme.strings[&lang.code],
            footer_pages,
            accessibility: self.accessibility_link(lang),
            feed_url: format!("{}feed.xml", self.home(lang)),
            home_url: self.home(lang),
            assets: Assets {
                css: self.asset("static/style.css"),
                search: self.asset("static/search.js"),
            },
            search_url: config.section_path(lang, "search"),
        }
    }

    fn common(
        &self,
        lang: &Language,
        title: String,
        description: String,
        path: String,
        kind: &'static str,
        alternates: Vec<Alternate>,
    ) -> Common {
        let current_section = |url: &str| path.starts_with(url);
        let mut nav: Vec<NavItem> = Kind::ALL
            .into_iter()
            .map(|k| {
                let url = self.list_path(lang, k);
                NavItem {
                    label: self.t(lang, &format!("kinds_{}", k.name())),
                    current: current_section(&url),
                    url,
                }
            })
            .collect();
        if !self.site.collections.is_empty() {
            let url = self.site.config.section_path(lang, "collections");
            nav.push(NavItem {
                label: self.t(lang, "collections"),
                current: current_section(&url),
                url,
            });
        }
        for taxonomy in self.cache.terms.keys() {
            let url = self.taxonomy_path(lang, *taxonomy);
            nav.push(NavItem {
                label: self.t(lang, &format!("taxonomy_{}", taxonomy.name())),
                current: current_section(&url),
                url,
            });
        }
        let url = self.absolute(&path);
        let x_default = self.x_default(
            &alternates
                .iter()
                .filter(|a| a.translated)
                .map(|a| (a.code.clone(), a.url.clone()))
                .collect(),
        );
        Common {
            meta: Meta {
                title,
                description,
                canonical: url.clone(),
                url,
                kind,
                image: None,
            },
            x_default,
            alternates,
            nav,
        }
    }

    /// One alternate per language: the page in that language where there is one (a
    /// translation, or a page with borrowed text), else that language's home. `translated`
    /// lists the real translations, which alone are `hreflang` alternates.
    fn alternates(
        &self,
        current: &Language,
        paths: &BTreeMap<String, String>,
        translated: &BTreeMap<String, String>,
    ) -> Vec<Alternate> {
        self.site
            .config
            .languages
            .iter()
            .map(|l| {
                let url = paths.get(&l.code).cloned().unwrap_or_else(|| self.home(l));
                Alternate {
                    code: l.code.clone(),
                    name: l.name.clone(),
                    dir: dir(l.dir),
                    abs_url: self.absolute(&url),
                    url,
                    current: l.code == current.code,
                    translated: translated.contains_key(&l.code),
                    exists: paths.contains_key(&l.code),
                }
            })
            .collect()
    }

    fn same_in_every_language(
        &self,
        path: impl Fn(&Language) -> String,
    ) -> BTreeMap<String, String> {
        self.site
            .config
            .languages
            .iter()
            .map(|l| (l.code.clone(), path(l)))
            .collect()
    }

    fn t(&self, lang: &Language, key: &str) -> String {
        self.theme.strings[&lang.code]
            .get(key)
            .map_or_else(|| key.to_string(), |s| s.text().to_string())
    }

    /// A theme string for the number `n`: its plural form for `n` in `lang`, with `{n}`
    /// written as that language writes numbers.
    fn t_n(&self, lang: &Language, key: &str, n: u64) -> String {
        let locale = self.locale(lang);
        let form = match self.theme.strings[&lang.code].get(key) {
            Some(ThemeString::Plural(forms)) => forms
                .get(locale.plural(n))
                .or_else(|| forms.get("other"))
                .cloned()
                .unwrap_or_default(),
            Some(ThemeString::Plain(text)) => text.clone(),
            None => key.to_string(),
        };
        form.replace("{n}", &locale.number(n))
    }

    fn locale(&self, lang: &Language) -> &Locale {
        &self.cache.locales[&lang.code]
    }

    /// A length in minutes as "1 h 38 min" or "45 min", with the language's digits.
    fn duration(&self, lang: &Language, minutes: u32) -> String {
        let locale = self.locale(lang);
        if minutes < 60 {
            return self.t_n(lang, "minutes", u64::from(minutes));
        }
        self.t(lang, "duration_hm")
            .replace("{h}", &locale.number(u64::from(minutes / 60)))
            .replace("{m}", &locale.number(u64::from(minutes % 60)))
    }

    fn label(&self, vocabulary: &Vocabulary, id: &str, lang: &Language) -> String {
        vocabulary
            .get(id)
            .and_then(|labels| {
                labels
                    .get(&lang.code)
                    .or_else(|| labels.get(&self.site.config.default_language))
            })
            .cloned()
            .unwrap_or_else(|| id.to_string())
    }

    fn languages_list<'b>(&self, codes: impl Iterator<Item = &'b str>, lang: &Language) -> String {
        codes
            .map(|c| self.label(&self.site.vocabularies.languages, c, lang))
            .collect::<Vec<_>>()
            .join(&self.t(lang, "list_separator"))
    }

    fn term_label(&self, lang: &Language, taxonomy: Taxonomy, id: &str) -> String {
        match taxonomy {
            Taxonomy::Audiences => self.t(lang, &format!("audience_{id}")),
            // Years are written without grouping: "1990s", not "1,990s".
            Taxonomy::Decades => self.t(lang, "decade").replace("{n}", id),
            _ => self.site.term_label(taxonomy, id, &lang.code),
        }
    }

    fn term_link(&self, lang: &Language, taxonomy: Taxonomy, id: &str) -> TermLink {
        let url = self
            .cache
            .terms
            .contains_key(&taxonomy)
            .then(|| self.term_path(lang, taxonomy, id));
        TermLink {
            label: self.term_label(lang, taxonomy, id),
            url,
        }
    }

    fn site_title(&self, lang: &Language) -> String {
        self.site
            .config
            .title
            .get(&lang.code, &[&self.site.config.default_language])
            .unwrap_or_default()
            .to_string()
    }

    fn site_description(&self, lang: &Language) -> String {
        let d = self.site.config.description.as_ref();
        d.and_then(|d| d.get(&lang.code, &[&self.site.config.default_language]))
            .unwrap_or_default()
            .to_string()
    }

    fn default_language(&self) -> &'a Language {
        self.language(&self.site.config.default_language)
    }

    fn language(&self, code: &str) -> &'a Language {
        let site: &'a Site = self.site;
        site.config
            .languages
            .iter()
            .find(|l| l.code == code)
            .unwrap_or(&site.config.languages[0])
    }

    fn home(&self, lang: &Language) -> String {
        self.site.config.home_path(lang)
    }

    fn list_path(&self, lang: &Language, kind: Kind) -> String {
        self.site.config.section_path(lang, kind.folder())
    }

    fn taxonomy_path(&self, lang: &Language, taxonomy: Taxonomy) -> String {
        self.site.config.section_path(lang, taxonomy.name())
    }

    fn term_path(&self, lang: &Language, taxonomy: Taxonomy, id: &str) -> String {
        let slug = self
            .site
            .term_slugs
            .get(&(taxonomy, lang.code.clone()))
            .and_then(|slugs| slugs.get(id))
            .map_or(id, String::as_str);
        format!("{}{slug}/", self.taxonomy_path(lang, taxonomy))
    }

    /// The iCalendar event of webinar `i`, beside its page in `lang`.
    fn event_file(&self, i: usize, lang: &Language) -> OutputFile {
        let r = &self.site.records[i];
        let events: Vec<calendar::Event<'_>> = self.event(r, lang).into_iter().collect();
        let path = format!("{}event.ics", self.relative(&r.paths[&lang.code]));
        OutputFile {
            template: None,
            path,
            bytes: calendar::ics(&lang.code, &events).into_bytes(),
        }
    }

    /// The webinars of `lang` still to come at the build date, soonest first.
    /// The webinars of `lang` still to come at the build date, soonest first.
    fn upcoming(&self, lang: &Language) -> Vec<&'a SiteRecord> {
        let site: &'a Site = self.site;
        let today = site
            .options
            .today
            .to_zoned_datetime(jiff::tz::TimeZone::UTC)
            .map(|z| z.timestamp())
            .ok();
        let mut upcoming: Vec<&SiteRecord> = self
            .listing(lang, Listing::Kind(Kind::Webinar))
            .iter()
            .map(|i| &site.records[*i])
            .filter(|r| {
                r.start
                    .as_ref()
                    .is_some_and(|s| Some(s.timestamp()) >= today)
            })
            .collect();
        upcoming.sort_by_key(|r| (r.start.as_ref().map(|s| s.timestamp()), r.record.id.clone()));
        upcoming
    }

    fn calendar(&self, lang: &Language) -> OutputFile {
        let upcoming = self.upcoming(lang);
        let events: Vec<calendar::Event<'_>> = upcoming
            .iter()
            .filter_map(|r| self.event(r, lang))
            .collect();
        let path = format!(
            "{}calendar.ics",
            self.relative(&self.list_path(lang, Kind::Webinar))
        );
        OutputFile {
            template: None,
            path,
            bytes: calendar::ics(&lang.code, &events).into_bytes(),
        }
    }

    fn event<'r>(&self, r: &'r SiteRecord, lang: &Language) -> Option<calendar::Event<'r>> {
        let Details::Webinar(w) = &r.record.details else {
            return None;
        };
        let text = r.text(&lang.code)?;
        let host = self
            .site
            .config
            .base_url
            .split("://")
            .nth(1)
            .unwrap_or_default()
            .split('/')
            .next()
            .unwrap_or_default();
        Some(calendar::Event {
            uid: format!("{}@{host}", r.record.id),
            stamp: r.updated.unwrap_or(r.published),
            start: r.start.as_ref()?,
            minutes: w.duration,
            summary: &text.title,
            description: &text.summary,
            url: self.absolute(&r.paths[&lang.code]),
            location: w.registration.as_ref().map(|u| u.value.as_str()),
        })
    }

    /// The Atom feed of `lang`, of every kind or of one.
    fn feed(&self, lang: &Language, kind: Option<Kind>) -> OutputFile {
        let page = match kind {
            Some(k) => self.list_path(lang, k),
            None => self.home(lang),
        };
        let indices: Vec<usize> = match kind {
            Some(k) => self.listing(lang, Listing::Kind(k)).to_vec(),
            None => {
                let mut all: Vec<usize> = Kind::ALL
                    .iter()
                    .flat_map(|k| self.listing(lang, Listing::Kind(*k)).iter().copied())
                    .collect();
                all.sort_by(|a, b| {
                    let (ra, rb) = (&self.site.records[*a], &self.site.records[*b]);
                    rb.published
                        .cmp(&ra.published)
                        .then_with(|| ra.record.id.cmp(&rb.record.id))
                });
                all
            }
        };
        let entries = indices
            .iter()
            .take(feeds::FEED_SIZE)
            .map(|i| {
                let r = &self.site.records[*i];
                let text = r.text(&lang.code).unwrap_or(&r.record.translations[0]);
                feeds::Entry {
                    record: r,
                    url: self.absolute(&r.paths[&lang.code]),
                    title: &text.title,
                    summary: &text.summary,
                    lang: &text.lang,
                    category: self.t(lang, &format!("kind_{}", r.record.kind.name())),
                }
            })
            .collect();
        let title = match kind {
            Some(k) => format!(
                "{} · {}",
                self.t(lang, &format!("kinds_{}", k.name())),
                self.site_title(lang)
            ),
            None => self.site_title(lang),
        };
        let feed = feeds::Feed {
            lang: &lang.code,
            title,
            self_url: self.absolute(&format!("{page}feed.xml")),
            page_url: self.absolute(&page),
            author: self.site_title(lang),
            entries,
        };
        OutputFile {
            template: None,
            path: format!("{}feed.xml", self.relative(&page)),
            bytes: feeds::atom(&feed).into_bytes(),
        }
    }

    /// `sitemap.xml`: every indexable page, with its translations as `xhtml:link`
    /// alternates (pages with borrowed text are left out: their canonical is elsewhere).
    fn sitemap(&self) -> Vec<OutputFile> {
        let config = &self.site.config;
        let mut groups: Vec<BTreeMap<String, String>> = Vec::new();
        let every = |path: &dyn Fn(&Language) -> String| self.same_in_every_language(path);
        groups.push(every(&|l| self.home(l)));
        // Page n of a list, in the languages whose list has an n-th page.
        let mut extra_pages = |listing: Listing| {
            let most = config
                .languages
                .iter()
                .map(|l| self.page_count(l, listing))
                .max()
                .unwrap_or(0);
            for n in 2..=most {
                groups.push(
                    config
                        .languages
                        .iter()
                        .filter(|l| self.page_count(l, listing) >= n)
                        .map(|l| (l.code.clone(), self.listing_path(l, listing, n)))
                        .collect(),
                );
            }
        };
        for kind in Kind::ALL {
            extra_pages(Listing::Kind(kind));
        }
        for (taxonomy, terms) in &self.cache.terms {
            for term in 0..terms.len() {
                extra_pages(Listing::Term(*taxonomy, term));
            }
        }
        for kind in Kind::ALL {
            groups.push(every(&|l| self.list_path(l, kind)));
        }
        for (taxonomy, terms) in &self.cache.terms {
            groups.push(every(&|l| self.taxonomy_path(l, *taxonomy)));
            for term in terms {
                groups.push(every(&|l| self.term_path(l, *taxonomy, term)));
            }
        }
        groups.extend(
            self.site
                .records
                .iter()
                .filter(|r| r.listed)
                .map(|r| self.translations(r)),
        );
        groups.extend(self.site.pages.iter().map(|p| p.paths.clone()));
        groups.extend(self.site.collections.iter().map(|c| c.paths.clone()));
        if !self.site.collections.is_empty() {
            groups.push(every(&|l| self.site.config.section_path(l, "collections")));
        }
        let mut urls: Vec<(String, String)> = Vec::new();
        for (i, group) in groups.iter().enumerate() {
            // The homes' set has the language chooser as its x-default (groups[0]).
            let chooser = if i == 0 { self.chooser_url() } else { None };
            let x_default = chooser.clone().or_else(|| self.x_default(group));
            let mut links = String::new();
            if group.len() > 1 {
                for lang in &config.languages {
                    if let Some(path) = group.get(&lang.code) {
                        links.push_str(&format!(
                            "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
                            feeds::escape(&lang.code),
                            feeds::escape(&uri(&self.absolute(path)))
                        ));
                    }
                }
                if let Some(x) = &x_default {
                    links.push_str(&format!(
                        "    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>\n",
                        feeds::escape(&uri(x))
                    ));
                }
            }
            let locs = group.values().map(|p| self.absolute(p)).chain(chooser);
            for url in locs {
                let loc = feeds::escape(&uri(&url));
                urls.push((
                    loc.clone(),
                    format!("  <url>\n    <loc>{loc}</loc>\n{links}  </url>\n"),
                ));
            }
        }
        urls.sort();
        urls.dedup();
        let entries: Vec<String> = urls.into_iter().map(|(_, entry)| entry).collect();
        sitemap_files(&entries, SITEMAP_LIMIT, &self.site.config.base_url)
    }

    fn absolute(&self, path: &str) -> String {
        format!("{}{}", self.site.config.base_url, self.relative(path))
    }

    /// A site path without the base path: the location under the output root.
    fn relative<'p>(&self, path: &'p str) -> &'p str {
        path.strip_prefix(&self.site.config.base_path)
            .unwrap_or(path)
    }

    fn index_file(&self, path: &str) -> String {
        format!("{}index.html", self.relative(path))
    }
}

/// How many related records a record page shows.
pub const RELATED: usize = 4;

/// For each record, the records that share the most credits (people count double) and
/// themes with it, then the newest, then by id: deterministic, and cheap on large sites
/// because only a record's neighbours in each theme (by date) are considered.
fn related(site: &Site) -> Vec<Vec<usize>> {
    const WINDOW: usize = 12;
    let mut by_theme: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let mut by_credit: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, r) in site.records.iter().enumerate().filter(|(_, r)| r.listed) {
        for t in &r.record.common.themes {
            by_theme.entry(t.value.as_str()).or_default().push(i);
        }
        for c in &r.record.common.credits {
            by_credit.entry(c.name.as_str()).or_default().push(i);
        }
    }
    let newest_first = |a: &usize, b: &usize| {
        let (ra, rb) = (&site.records[*a], &site.records[*b]);
        rb.published
            .cmp(&ra.published)
            .then_with(|| ra.record.id.cmp(&rb.record.id))
    };
    for list in by_theme.values_mut() {
        list.sort_by(newest_first);
    }
    site.records
        .par_iter()
        .enumerate()
        .map(|(i, r)| {
            // Candidates with their weight, then summed per record: a sorted vector is
            // much cheaper than a map for the hundred or so candidates of a record.
            let mut candidates: Vec<(usize, u32)> = Vec::with_capacity(128);
            for c in &r.record.common.credits {
                let sharing = by_credit
                    .get(c.name.as_str())
                    .into_iter()
                    .flatten()
                    .take(50);
                candidates.extend(sharing.map(|j| (*j, 2)));
            }
            for t in &r.record.common.themes {
                let Some(list) = by_theme.get(t.value.as_str()) else {
                    continue;
                };
                let at = list
                    .binary_search_by(|j| newest_first(j, &i))
                    .unwrap_or_else(|p| p);
                let window = &list[at.saturating_sub(WINDOW)..(at + WINDOW + 1).min(list.len())];
                candidates.extend(window.iter().map(|j| (*j, 1)));
            }
            candidates.sort_unstable_by_key(|(j, _)| *j);
            let mut best: Vec<(u32, usize)> = Vec::new();
            for (j, weight) in candidates {
                match best.last_mut() {
                    Some((score, last)) if *last == j => *score += weight,
                    _ => best.push((weight, j)),
                }
            }
            best.retain(|(_, j)| *j != i);
            best.sort_by(|(sa, a), (sb, b)| sb.cmp(sa).then_with(|| newest_first(a, b)));
            best.into_iter().take(RELATED).map(|(_, j)| j).collect()
        })
        .collect()
}

/// URLs a sitemap file may list (sitemaps.org): past that, `sitemap.xml` becomes an index.
pub const SITEMAP_LIMIT: usize = 50_000;

/// `sitemap.xml` with every entry, or, past `limit` entries, `sitemap-1.xml`… of at most
/// `limit` entries each and `sitemap.xml` as their index.
fn sitemap_files(entries: &[String], limit: usize, base_url: &str) -> Vec<OutputFile> {
    let urlset = |chunk: &[String]| {
        let mut xml = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
        );
        for entry in chunk {
            xml.push_str(entry);
        }
        xml.push_str("</urlset>\n");
        xml.into_bytes()
    };
    if entries.len() <= limit {
        return vec![OutputFile {
            template: None,
            path: "sitemap.xml".into(),
            bytes: urlset(entries),
        }];
    }
    let mut files = Vec::new();
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (n, chunk) in entries.chunks(limit).enumerate() {
        let path = format!("sitemap-{}.xml", n + 1);
        index.push_str(&format!(
            "  <sitemap><loc>{}</loc></sitemap>\n",
            feeds::escape(&uri(&format!("{base_url}{path}")))
        ));
        files.push(OutputFile {
            template: None,
            path,
            bytes: urlset(chunk),
        });
    }
    index.push_str("</sitemapindex>\n");
    files.push(OutputFile {
        template: None,
        path: "sitemap.xml".into(),
        bytes: index.into_bytes(),
    });
    files
}

/// An address with non-ASCII characters percent-encoded, as sitemaps require
/// (`/ar/أفلام/` becomes `/ar/%D8%A3%D9%81...`).
pub fn uri(address: &str) -> String {
    let mut out = String::with_capacity(address.len());
    for b in address.bytes() {
        if b.is_ascii_graphic() {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `{{ t.key | plural(n=count) }}`: the form of a plural theme string for `n` in the page's
/// language, with `{n}` replaced by the number written as that language writes it.
fn plural_filter(
    locale: &Locale,
    value: &tera::Value,
    kwargs: &tera::Kwargs,
) -> tera::TeraResult<String> {
    let n = kwargs.must_get::<i64>("n")?;
    let n = u64::try_from(n).unwrap_or(0);
    let form = match value.as_map() {
        Some(forms) => {
            let get = |k: &'static str| {
                forms
                    .get(&tera::value::Key::Str(k))
                    .and_then(tera::Value::as_str)
            };
            get(locale.plural(n))
                .or_else(|| get("other"))
                .unwrap_or_default()
                .to_string()
        }
        None => value.as_str().unwrap_or_default().to_string(),
    };
    Ok(form.replace("{n}", &locale.number(n)))
}

fn title<'r>(r: &'r SiteRecord, lang: &str) -> &'r str {
    r.record
        .translations
        .iter()
        .find(|t| t.lang == lang)
        .map(|t| t.title.as_str())
        .unwrap_or_default()
}

fn dir(d: Direction) -> &'static str {
    match d {
        Direction::Ltr => "ltr",
        Direction::Rtl => "rtl",
    }
}

/// The snake-case name of a unit enum variant (`teaching_kit`), for theme string keys.
fn variant<T: std::fmt::Debug>(value: &T) -> String {
    format!("{value:?}")
        .chars()
        .enumerate()
        .fold(String::new(), |mut s, (i, c)| {
            if c.is_uppercase() && i > 0 {
                s.push('_');
            }
            s.extend(c.to_lowercase());
            s
        })
}

/// A file size for people: `840 Ko`, `1,3 Mo`.
fn human_size(bytes: u64, lang: &str) -> String {
    let comma = matches!(
        lang.split('-').next(),
        Some("fr" | "es" | "pt" | "it" | "de")
    );
    let (kb, mb) = if lang.starts_with("fr") {
        ("Ko", "Mo")
    } else {
        ("KB", "MB")
    };
    if bytes < 1024 * 1024 {
        format!("{} {kb}", bytes.div_ceil(1024))
    } else {
        let text = format!("{:.1}", bytes as f64 / (1024.0 * 1024.0));
        let text = if comma { text.replace('.', ",") } else { text };
        format!("{text} {mb}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_sitemaps_become_an_index_of_parts() {
        let entries: Vec<String> = (0..5)
            .map(|n| format!("  <url><loc>https://x.org/{n}/</loc></url>\n"))
            .collect();
        let single = sitemap_files(&entries, 5, "https://x.org/");
        assert_eq!(single.len(), 1);
        assert_eq!(single[0].path, "sitemap.xml");
        let split = sitemap_files(&entries, 2, "https://x.org/");
        let paths: Vec<&str> = split.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "sitemap-1.xml",
                "sitemap-2.xml",
                "sitemap-3.xml",
                "sitemap.xml"
            ]
        );
        let index = String::from_utf8(split[3].bytes.clone()).unwrap();
        assert!(index.starts_with("<?xml") && index.contains("<sitemapindex"));
        assert!(index.contains("<sitemap><loc>https://x.org/sitemap-3.xml</loc></sitemap>"));
        let last = String::from_utf8(split[2].bytes.clone()).unwrap();
        assert_eq!(last.matches("<url>").count(), 1);
    }

    #[test]
    fn sizes_are_localized() {
        assert_eq!(human_size(1_363_149, "fr"), "1,3 Mo");
        assert_eq!(human_size(1_363_149, "en"), "1.3 MB");
        assert_eq!(human_size(2_000, "en"), "2 KB");
    }
}
