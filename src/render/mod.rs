//! Render: from a resolved [`Site`] and a [`Theme`] to the bytes of every page, in parallel.
//!
//! This module decides which pages exist (records, lists, homes, taxonomies, free pages,
//! language chooser, 404s) and builds each template's context. Rendering is pure: the same
//! site gives the same bytes. Writing to disk is `output`'s job.

pub mod context;
pub mod markdown;
pub mod theme;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;

use crate::config::Language;
use crate::content::schema::{Access, Direction, ImageRole, Taxonomy, Vocabulary};
use crate::content::{Details, Kind, PageTranslation, Translation};
use crate::diagnostics::Diagnostic;
use crate::site::{Audience, Site, SitePage, SiteRecord};
use context::*;
use markdown::Markdown;
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
    List(&'a Language, Listing<'a>, usize),
    Record(usize, &'a Translation),
    Page(&'a SitePage, &'a PageTranslation),
    Taxonomy(&'a Language, Taxonomy),
}

/// Why rendering stopped.
#[derive(Debug)]
pub enum RenderError {
    /// Templates failed on some pages.
    Templates(Vec<Diagnostic>),
    /// The sink could not take a page.
    Write(crate::output::WriteError),
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
pub type Sink<'s> = dyn Fn(OutputFile) -> Result<(), crate::output::WriteError> + Sync + 's;

/// Renders every page of `site` with `theme`, in parallel, handing each file to `sink` as
/// soon as it is ready so that the whole site never sits in memory.
pub fn render(site: &Site, theme: &Theme, sink: &Sink<'_>) -> Result<Rendered, RenderError> {
    let renderer = Renderer::new(site, theme).map_err(|d| RenderError::Templates(vec![d]))?;
    let jobs = renderer.jobs();
    let results: Vec<Result<bool, RenderError>> = jobs
        .par_iter()
        .map(|job| {
            let file = renderer
                .render(job)
                .map_err(|d| RenderError::Templates(vec![d]))?;
            let html = file.path.ends_with(".html");
            sink(file).map_err(RenderError::Write)?;
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
    copies.extend(renderer.media());
    copies.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(Rendered { pages, copies })
}

struct Renderer<'a> {
    site: &'a Site,
    theme: &'a Theme,
    markdown: Markdown,
    /// Per language, the theme's templates with that language's shared values (site, lang,
    /// t, footer pages…) as Tera's global context, so they are converted once, not per page.
    engines: BTreeMap<&'a str, tera::Tera>,
    /// Per taxonomy, the terms some record uses.
    terms: BTreeMap<Taxonomy, BTreeSet<&'a str>>,
    /// Per language, the records of each kind list and term page, in list order.
    listings: BTreeMap<(&'a str, Listing<'a>), Vec<usize>>,
}

/// A list of records that gets (paginated) pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Listing<'a> {
    Kind(Kind),
    Term(Taxonomy, &'a str),
}

/// Cards per list page.
pub const PAGE_SIZE: usize = 24;

impl<'a> Renderer<'a> {
    fn new(site: &'a Site, theme: &'a Theme) -> Result<Self, Diagnostic> {
        let mut by_lang: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for lang in &site.config.languages {
            let mut indices: Vec<usize> = (0..site.records.len())
                .filter(|i| site.records[*i].paths.contains_key(&lang.code))
                .collect();
            indices.sort_by(|a, b| {
                let (ra, rb) = (&site.records[*a], &site.records[*b]);
                rb.published
                    .cmp(&ra.published)
                    .then_with(|| title(ra, &lang.code).cmp(title(rb, &lang.code)))
                    .then_with(|| ra.record.id.cmp(&rb.record.id))
            });
            by_lang.insert(&lang.code, indices);
        }
        let mut terms: BTreeMap<Taxonomy, BTreeSet<&str>> = BTreeMap::new();
        let mut listings: BTreeMap<(&str, Listing), Vec<usize>> = BTreeMap::new();
        for (lang, indices) in &by_lang {
            for kind in Kind::ALL {
                listings.insert((lang, Listing::Kind(kind)), Vec::new());
            }
            for i in indices {
                let r = &site.records[*i];
                listings
                    .entry((lang, Listing::Kind(r.record.kind)))
                    .or_default()
                    .push(*i);
                for taxonomy in &site.config.taxonomies {
                    for term in taxonomy_values(r, *taxonomy) {
                        terms.entry(*taxonomy).or_default().insert(term);
                        listings
                            .entry((lang, Listing::Term(*taxonomy, term)))
                            .or_default()
                            .push(*i);
                    }
                }
            }
        }
        for taxonomy in &site.config.taxonomies {
            let used = terms.entry(*taxonomy).or_default();
            for r in &site.records {
                used.extend(taxonomy_values(r, *taxonomy));
            }
        }
        let mut renderer = Self {
            site,
            theme,
            markdown: Markdown::with_base_path(&site.config.base_path),
            engines: BTreeMap::new(),
            terms,
            listings,
        };
        for lang in &site.config.languages {
            let mut engine = theme.tera.clone();
            let shared = tera::Context::from_serialize(&renderer.shared(lang))
                .map_err(|e| template_diagnostic(&e, &theme.template_files))?;
            engine.global_context().extend(shared);
            renderer.engines.insert(&lang.code, engine);
        }
        Ok(renderer)
    }

    fn jobs(&self) -> Vec<Job<'_>> {
        let site = self.site;
        let mut jobs = vec![Job::Chooser, Job::RootNotFound];
        for lang in &site.config.languages {
            jobs.push(Job::Home(lang));
            jobs.push(Job::NotFound(lang));
            for kind in Kind::ALL {
                let pages = self.page_count(lang, Listing::Kind(kind));
                jobs.extend((1..=pages).map(|n| Job::List(lang, Listing::Kind(kind), n)));
            }
            for (taxonomy, terms) in &self.terms {
                jobs.push(Job::Taxonomy(lang, *taxonomy));
                for term in terms {
                    let listing = Listing::Term(*taxonomy, term);
                    let pages = self.page_count(lang, listing);
                    jobs.extend((1..=pages).map(|n| Job::List(lang, listing, n)));
                }
            }
        }
        for (i, r) in site.records.iter().enumerate() {
            jobs.extend(r.record.translations.iter().map(|t| Job::Record(i, t)));
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
                let alternates = self.alternates(lang, &BTreeMap::new(), true);
                let common = self.common(
                    lang,
                    self.site_title(lang),
                    String::new(),
                    self.site.config.base_path.clone(),
                    "chooser",
                    alternates,
                );
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
                let alternates = self.alternates(lang, &BTreeMap::new(), true);
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
            Job::Record(i, translation) => self.record_page(&self.site.records[*i], translation),
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
        let html = self.engines[lang.code.as_str()]
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
                let records: Vec<Card> = self.listings[&(lang.code.as_str(), Listing::Kind(kind))]
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
        let alternates =
            self.alternates(lang, &self.same_in_every_language(|l| self.home(l)), false);
        let common = self.common(
            lang,
            self.site_title(lang),
            self.site_description(lang),
            path.clone(),
            "home",
            alternates,
        );
        self.file(
            lang,
            "home.html",
            self.index_file(&path),
            &HomePage { common, sections },
        )
    }

    fn list_page(
        &self,
        lang: &Language,
        listing: Listing<'_>,
        number: usize,
    ) -> Result<OutputFile, Diagnostic> {
        let all: &[usize] = self
            .listings
            .get(&(lang.code.as_str(), listing))
            .map_or(&[], Vec::as_slice);
        let records: Vec<Card> = all
            .iter()
            .skip((number - 1) * PAGE_SIZE)
            .take(PAGE_SIZE)
            .map(|i| self.card(&self.site.records[*i], lang))
            .collect();
        let title = self.listing_title(lang, listing);
        let path = self.listing_path(lang, listing, number);
        let alternates = self.alternates(
            lang,
            &self.same_in_every_language(|l| {
                let n = number.min(self.page_count(l, listing));
                self.listing_path(l, listing, n)
            }),
            false,
        );
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

    fn page_count(&self, lang: &Language, listing: Listing<'_>) -> usize {
        let n = self
            .listings
            .get(&(lang.code.as_str(), listing))
            .map_or(0, Vec::len);
        n.div_ceil(PAGE_SIZE).max(1)
    }

    fn listing_title(&self, lang: &Language, listing: Listing<'_>) -> String {
        match listing {
            Listing::Kind(kind) => self.t(lang, &format!("kinds_{}", kind.name())),
            Listing::Term(taxonomy, term) => self.term_label(lang, taxonomy, term),
        }
    }

    fn listing_path(&self, lang: &Language, listing: Listing<'_>, number: usize) -> String {
        let first = match listing {
            Listing::Kind(kind) => self.list_path(lang, kind),
            Listing::Term(taxonomy, term) => self.term_path(lang, taxonomy, term),
        };
        if number <= 1 {
            first
        } else {
            format!("{first}page/{number}/")
        }
    }

    fn taxonomy_page(&self, lang: &Language, taxonomy: Taxonomy) -> Result<OutputFile, Diagnostic> {
        let label = self.t(lang, &format!("taxonomy_{}", taxonomy.name()));
        let mut terms: Vec<TermCount> = self.terms[&taxonomy]
            .iter()
            .map(|id| TermCount {
                label: self.term_label(lang, taxonomy, id),
                url: self.term_path(lang, taxonomy, id),
                count: self
                    .listings
                    .get(&(lang.code.as_str(), Listing::Term(taxonomy, id)))
                    .map_or(0, Vec::len),
            })
            .collect();
        terms.sort_by(|a, b| a.label.cmp(&b.label).then_with(|| a.url.cmp(&b.url)));
        let path = self.taxonomy_path(lang, taxonomy);
        let alternates = self.alternates(
            lang,
            &self.same_in_every_language(|l| self.taxonomy_path(l, taxonomy)),
            false,
        );
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
        let alternates = self.alternates(lang, &page.paths, false);
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
        let page = PageCtx {
            title: translation.title.clone(),
            body: self.markdown.render(&translation.body),
        };
        self.file(
            lang,
            "page.html",
            self.index_file(&path),
            &FreePage { common, page },
        )
    }

    fn record_page(
        &self,
        r: &SiteRecord,
        translation: &Translation,
    ) -> Result<OutputFile, Diagnostic> {
        let lang = self.language(&translation.lang);
        let path = r.paths[&translation.lang].clone();
        let alternates = self.alternates(lang, &r.paths, false);
        let common = self.common(
            lang,
            translation.title.clone(),
            translation.summary.clone(),
            path.clone(),
            "record",
            alternates,
        );
        let record = self.record_ctx(r, translation, lang, path.clone());
        self.file(
            lang,
            "record.html",
            self.index_file(&path),
            &RecordPage { common, record },
        )
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
            .map(|(_, img)| self.image(r, img, lang))
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
            poster: poster_index.map(|i| self.image(r, &c.images[i], lang)),
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
            webinar: self.webinar(r),
            published: r.published.to_string(),
            published_iso: r.published.to_string(),
            updated: r.updated.map(|d| d.to_string()),
            updated_iso: r.updated.map(|d| d.to_string()),
            network: c.access == Access::Network,
            fallback: None,
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
        let minutes = |n: u32| self.t(lang, "minutes").replace("{n}", &n.to_string());
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
                    add(
                        "fact_pages",
                        self.t(lang, "pages_count").replace("{n}", &p.to_string()),
                    );
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
                add("fact_release_date", m.release_date.value.clone());
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
        add("fact_audience", audiences.join(", "));
        facts
    }

    fn webinar(&self, r: &SiteRecord) -> Option<WebinarCtx> {
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
            start: start.strftime("%Y-%m-%d %H:%M (UTC%:z)").to_string(),
            start_iso: start.timestamp().to_string(),
            time_zone: w.time_zone.value.clone(),
            registration: w.registration.as_ref().map(|u| u.value.clone()),
            replay: w.replay.as_ref().map(|u| u.value.clone()),
            past: start.timestamp() < today.timestamp(),
        })
    }

    fn resources(&self, r: &SiteRecord, lang: &Language) -> Vec<ResourceCtx> {
        r.record
            .common
            .resources
            .iter()
            .filter(|res| self.visible(res.access))
            .map(|res| {
                let size =
                    std::fs::metadata(self.site.root.join(&r.record.dir).join(&res.file.value))
                        .map(|m| m.len())
                        .unwrap_or(0);
                let format = res.format.clone().unwrap_or_else(|| {
                    res.file
                        .value
                        .rsplit('.')
                        .next()
                        .unwrap_or_default()
                        .to_ascii_uppercase()
                });
                ResourceCtx {
                    url: self.media_path(r, &res.file.value),
                    title: res
                        .title
                        .get(&lang.code, &[&self.site.config.default_language])
                        .unwrap_or(&res.file.value)
                        .to_string(),
                    format,
                    size: human_size(size, &lang.code),
                    language: self.label(
                        &self.site.vocabularies.languages,
                        &res.language.value,
                        lang,
                    ),
                }
            })
            .collect()
    }

    fn visible(&self, access: Access) -> bool {
        access == Access::Public || self.site.options.audience == Audience::Network
    }

    /// Files referenced by published records, copied under `media/<id>/`.
    fn media(&self) -> Vec<(PathBuf, String)> {
        let mut copies = Vec::new();
        for r in &self.site.records {
            let c = &r.record.common;
            let images = c.images.iter().map(|i| &i.file.value);
            let resources = c
                .resources
                .iter()
                .filter(|res| self.visible(res.access))
                .map(|res| &res.file.value);
            for file in images.chain(resources) {
                copies.push((
                    self.site.root.join(&r.record.dir).join(file),
                    format!("media/{}/{file}", r.record.id),
                ));
            }
        }
        copies.dedup();
        copies
    }

    fn media_path(&self, r: &SiteRecord, file: &str) -> String {
        format!("{}media/{}/{file}", self.site.config.base_path, r.record.id)
    }

    fn image(
        &self,
        r: &SiteRecord,
        image: &crate::content::schema::Image,
        lang: &Language,
    ) -> ImageCtx {
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
        ImageCtx {
            url: self.media_path(r, &image.file.value),
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
        let translation = r
            .record
            .translations
            .iter()
            .find(|t| t.lang == lang.code)
            .unwrap_or(&r.record.translations[0]);
        let poster = r
            .record
            .common
            .images
            .iter()
            .find(|i| matches!(i.role, ImageRole::Poster | ImageRole::Cover))
            .map(|i| self.image(r, i, lang));
        Card {
            url: r.paths.get(&lang.code).cloned().unwrap_or_default(),
            title: translation.title.clone(),
            summary: translation.summary.clone(),
            kind: r.record.kind,
            kind_label: self.t(lang, &format!("kind_{}", r.record.kind.name())),
            year: r.year().map(|y| y.to_string()),
            poster,
        }
    }

    /// The values every page of `lang` shares, set once as Tera's global context.
    fn shared(&self, lang: &Language) -> Shared<'a> {
        let config = &self.site.config;
        let footer_pages = self
            .site
            .pages
            .iter()
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
            home_url: self.home(lang),
            assets: Assets {
                css: format!("{}static/style.css", config.base_path),
            },
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
        for taxonomy in self.terms.keys() {
            let url = self.taxonomy_path(lang, *taxonomy);
            nav.push(NavItem {
                label: self.t(lang, &format!("taxonomy_{}", taxonomy.name())),
                current: current_section(&url),
                url,
            });
        }
        Common {
            meta: Meta {
                title,
                description,
                url: self.absolute(&path),
                kind,
            },
            alternates,
            nav,
        }
    }

    /// One alternate per language: the page's translation where there is one, else that
    /// language's home. `all` marks every entry as translated (pages every language has).
    fn alternates(
        &self,
        current: &Language,
        paths: &BTreeMap<String, String>,
        all: bool,
    ) -> Vec<Alternate> {
        self.site
            .config
            .languages
            .iter()
            .map(|l| {
                let translated = all || paths.contains_key(&l.code);
                let url = paths.get(&l.code).cloned().unwrap_or_else(|| self.home(l));
                Alternate {
                    code: l.code.clone(),
                    name: l.name.clone(),
                    dir: dir(l.dir),
                    abs_url: self.absolute(&url),
                    url,
                    current: l.code == current.code,
                    translated,
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
            .cloned()
            .unwrap_or_else(|| key.to_string())
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
            .join(", ")
    }

    fn term_label(&self, lang: &Language, taxonomy: Taxonomy, id: &str) -> String {
        match taxonomy {
            Taxonomy::Themes => self.label(&self.site.vocabularies.themes, id, lang),
            Taxonomy::Countries => self.label(&self.site.vocabularies.countries, id, lang),
        }
    }

    fn term_link(&self, lang: &Language, taxonomy: Taxonomy, id: &str) -> TermLink {
        let url = self
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
        format!("{}{}/", self.site.config.base_path, lang.code)
    }

    fn list_path(&self, lang: &Language, kind: Kind) -> String {
        format!("{}{}/", self.home(lang), kind.folder())
    }

    fn taxonomy_path(&self, lang: &Language, taxonomy: Taxonomy) -> String {
        format!("{}{}/", self.home(lang), taxonomy.name())
    }

    fn term_path(&self, lang: &Language, taxonomy: Taxonomy, id: &str) -> String {
        format!(
            "{}{}/",
            self.taxonomy_path(lang, taxonomy),
            id.to_ascii_lowercase()
        )
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

/// The term ids a record has in `taxonomy`.
fn taxonomy_values(r: &SiteRecord, taxonomy: Taxonomy) -> impl Iterator<Item = &str> {
    let values = match taxonomy {
        Taxonomy::Themes => &r.record.common.themes,
        Taxonomy::Countries => &r.record.common.countries,
    };
    values.iter().map(|v| v.value.as_str())
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
    fn sizes_are_localized() {
        assert_eq!(human_size(1_363_149, "fr"), "1,3 Mo");
        assert_eq!(human_size(1_363_149, "en"), "1.3 MB");
        assert_eq!(human_size(2_000, "en"), "2 KB");
    }
}
