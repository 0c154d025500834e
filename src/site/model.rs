//! What resolution produces: the [`Site`] the later stages trust, its records, pages and
//! collections with their addresses, and the [`Options`] of the build that shaped it.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::PathBuf;

use jiff::civil::Date;

use crate::config::Config;
use crate::content::{Collection, Details, Page, Record, Vocabularies};
use crate::schema::{Spanned, Taxonomy};

/// Who the build is for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Audience {
    /// Everyone: network-only records and resources leave no trace.
    #[default]
    Public,
    /// Members of the network: everything is published.
    Network,
}

/// Choices made on the command line that change what is published.
#[derive(Debug, Clone)]
pub struct Options {
    /// Publish records marked `draft: true`.
    pub drafts: bool,
    /// Public or network build.
    pub audience: Audience,
    /// The day the build is for: decides which webinars are past, which records are not
    /// published yet and which are no longer available.
    pub today: Date,
    /// Publish records whose `published` date is still to come.
    pub future: bool,
}

/// A record with its checked, derived values.
#[derive(Debug)]
pub struct SiteRecord {
    /// The parsed record.
    pub record: Record,
    /// `published`, parsed.
    pub published: Date,
    /// `updated`, parsed.
    pub updated: Option<Date>,
    /// `available.until`, parsed.
    pub until: Option<Date>,
    /// False once the work is no longer available: the record leaves lists, feeds,
    /// calendars and the sitemap, and its page says so.
    pub listed: bool,
    /// Site path of the record's page per language (`/fr/films/la-haine/`), including the
    /// languages that show it with borrowed text.
    pub paths: BTreeMap<String, String>,
    /// Per language with a page, the language whose text it shows: itself for a
    /// translation, the first of its fallback chain that has one otherwise.
    pub sources: BTreeMap<String, String>,
    /// For webinars: the start as a zoned date-time.
    pub start: Option<jiff::ZonedDateTime>,
    /// Per picture of `record.common.images`, what it is resized and encoded to (`None`
    /// for a format served as it is); empty until [`crate::pictures::process`] runs.
    pub processed: Vec<Option<crate::images::Processed>>,
}

impl SiteRecord {
    /// The translation shown on `lang`'s page, if the record has a page in `lang`.
    pub fn text(&self, lang: &str) -> Option<&crate::content::Translation> {
        let source = self.sources.get(lang)?;
        self.record.translations.iter().find(|t| &t.lang == source)
    }

    /// True when `lang` has a real translation (not borrowed text).
    pub fn is_translated(&self, lang: &str) -> bool {
        self.sources.get(lang).is_some_and(|s| s == lang)
    }

    /// The year shown on cards.
    pub fn year(&self) -> Option<i32> {
        match &self.record.details {
            Details::Film(f) => f.year.as_ref().map(|y| y.value),
            Details::Book(b) => b.year.as_ref().map(|y| y.value),
            Details::Production(p) => p.year.as_ref().map(|y| y.value),
            Details::Music(m) => m
                .release_date
                .as_ref()
                .and_then(|d| d.value.get(..4))
                .and_then(|y| y.parse().ok()),
            Details::Webinar(_) => self.start.as_ref().map(|s| i32::from(s.year())),
        }
    }
}

/// A free page with its addresses.
#[derive(Debug)]
pub struct SitePage {
    /// The parsed page.
    pub page: Page,
    /// Site path per language.
    pub paths: BTreeMap<String, String>,
}

/// An editorial collection with its addresses.
#[derive(Debug)]
pub struct SiteCollection {
    /// The parsed collection.
    pub collection: Collection,
    /// Site path per language it is written in.
    pub paths: BTreeMap<String, String>,
}

/// The whole resolved site: what `render` turns into pages.
#[derive(Debug)]
pub struct Site {
    /// Site configuration.
    pub config: Config,
    /// The site root on disk (for copying assets).
    pub root: PathBuf,
    /// Published records, sorted by folder.
    pub records: Vec<SiteRecord>,
    /// Free pages.
    pub pages: Vec<SitePage>,
    /// Controlled vocabularies.
    pub vocabularies: Vocabularies,
    /// Build options.
    pub options: Options,
    /// Editorial collections, by id.
    pub collections: Vec<SiteCollection>,
    /// Per taxonomy and language, the slug of each term some record uses.
    pub term_slugs: BTreeMap<(Taxonomy, String), BTreeMap<String, String>>,
}

impl Site {
    /// The label of `id` in `taxonomy`, in `lang` (or the default language, or the id),
    /// for the facets whose labels the site's vocabularies hold. Audiences and decades are
    /// labelled by the theme's strings.
    pub fn term_label(&self, taxonomy: Taxonomy, id: &str, lang: &str) -> String {
        let vocabulary = match taxonomy {
            Taxonomy::Themes => &self.vocabularies.themes,
            Taxonomy::Countries => &self.vocabularies.countries,
            Taxonomy::Languages => &self.vocabularies.languages,
            Taxonomy::Audiences | Taxonomy::Decades => return id.to_string(),
        };
        vocabulary
            .get(id)
            .and_then(|labels| {
                labels
                    .get(lang)
                    .or_else(|| labels.get(&self.config.default_language))
            })
            .cloned()
            .unwrap_or_else(|| id.to_string())
    }
}

impl SiteRecord {
    /// The record's terms in `taxonomy`: theme ids, country codes, language codes, audience
    /// names, or its decade (`1990`).
    pub fn terms(&self, taxonomy: Taxonomy) -> Vec<String> {
        self.term_ids(taxonomy).map(Cow::into_owned).collect()
    }

    /// The ids of the terms of `taxonomy` this record has, borrowed where the record holds
    /// them as written.
    pub fn term_ids(&self, taxonomy: Taxonomy) -> impl Iterator<Item = Cow<'_, str>> {
        let c = &self.record.common;
        fn written(v: &[Spanned<String>]) -> Vec<Cow<'_, str>> {
            v.iter().map(|s| Cow::Borrowed(s.value.as_str())).collect()
        }
        let ids: Vec<Cow<'_, str>> = match taxonomy {
            Taxonomy::Themes => written(&c.themes),
            Taxonomy::Countries => written(&c.countries),
            Taxonomy::Languages => written(&c.languages),
            Taxonomy::Audiences => c
                .audience
                .iter()
                .map(|a| Cow::Owned(format!("{a:?}").to_lowercase()))
                .collect(),
            Taxonomy::Decades => self
                .year()
                .map(|y| Cow::Owned((y - y.rem_euclid(10)).to_string()))
                .into_iter()
                .collect(),
        };
        ids.into_iter()
    }
}
