//! The search job: a language's records handed to [`crate::search`], its files written
//! under `search/<lang>/`, and the runtime under `search/`.

use crate::config::Language;
use crate::content::Kind;
use crate::diagnostics::{Diagnostic, Span};
use crate::schema::Taxonomy;
use crate::search::export::{Labels, SharedFiles};
use crate::search::{self, Corpus, SearchCard, SearchDoc};

use super::cache::RenderCache;
use super::context::SearchPage;
use super::markdown::plain_text;
use super::renderer::{OutputFile, Renderer};
use crate::render::theme::{SEARCH_STRINGS, Theme};
use crate::search::LangIndex;
use crate::site::{Site, SiteRecord};
use std::sync::Arc;

/// The runtime, shipped as it is written: an ES module without dependencies.
pub const RUNTIME: &str = include_str!("../search/vitrine-search.js");

/// Where the runtime is written, under the output root, for tools that import it.
pub const RUNTIME_PATH: &str = "search/vitrine-search.js";

/// Where the theme's pages take the runtime from: a fingerprinted copy, cached for ever.
pub fn runtime_fingerprinted() -> String {
    format!(
        "search/vitrine-search.{:08x}.js",
        crate::hash::fnv64(RUNTIME.as_bytes()) >> 32
    )
}

/// Longest summary on a result card, in characters.
const CARD_SUMMARY: usize = 180;

const FACET_TAXONOMIES: [Taxonomy; 3] =
    [Taxonomy::Themes, Taxonomy::Countries, Taxonomy::Languages];

/// The search index of every language of `site`, as the build exports them. `progress`
/// is told each stage as it starts (`search documents <lang>`, `search index <lang>`).
pub fn search_indexes(
    site: &Site,
    theme: &Theme,
    progress: &dyn Fn(&str),
) -> Result<Vec<(LangIndex, Labels)>, Diagnostic> {
    let cache = RenderCache::new(site, theme)?;
    let source = SearchSource::new(site, theme, &cache);
    site.config
        .languages
        .iter()
        .map(|lang| {
            progress(&format!("search documents {}", lang.code));
            let (docs, labels) = source.0.search_docs(lang);
            progress(&format!("search index {}", lang.code));
            let index = search::build(&lang.code, docs).map_err(|e| failed(&lang.code, e))?;
            Ok((index, labels))
        })
        .collect()
}

/// The search files of language `lang` (paths from the output root), made of `docs`; with
/// the runtime when `runtime` is set.
pub fn search_files(
    lang: &str,
    docs: Vec<Arc<SearchDoc>>,
    labels: &Labels,
    runtime: bool,
) -> Result<Vec<OutputFile>, Diagnostic> {
    let index = search::build(lang, docs).map_err(|e| failed(lang, e))?;
    let files = search::export::export(&index, labels).map_err(|e| failed(lang, e))?;
    let mut out: Vec<OutputFile> = files
        .into_iter()
        .map(|(path, bytes)| OutputFile {
            path: format!("search/{lang}/{path}"),
            bytes,
            template: None,
        })
        .collect();
    if runtime {
        for path in [RUNTIME_PATH.to_string(), runtime_fingerprinted()] {
            out.push(OutputFile {
                path,
                bytes: RUNTIME.as_bytes().to_vec(),
                template: None,
            });
        }
    }
    Ok(out)
}

/// [`search_files`] for `serve`: built from `corpus`, which keeps what it can of the
/// language's last build (see [`Corpus`]). The same files, shared.
pub fn search_files_kept(
    corpus: &mut Corpus,
    docs: Vec<Arc<SearchDoc>>,
    labels: &Labels,
    runtime: bool,
) -> Result<SharedFiles, Diagnostic> {
    let lang = corpus.lang().to_string();
    let index = corpus.build(docs).map_err(|e| failed(&lang, e))?;
    let files = corpus
        .export(&index, labels)
        .map_err(|e| failed(&lang, e))?;
    let mut out: SharedFiles = files
        .into_iter()
        .map(|(path, bytes)| (format!("search/{lang}/{path}"), bytes))
        .collect();
    if runtime {
        let bytes = Arc::new(RUNTIME.as_bytes().to_vec());
        for path in [RUNTIME_PATH.to_string(), runtime_fingerprinted()] {
            out.push((path, bytes.clone()));
        }
    }
    Ok(out)
}

/// The search documents of single records: what `serve` keeps up to date record by record
/// and indexes in the background.
pub struct SearchSource<'a>(Renderer<'a>);

impl<'a> SearchSource<'a> {
    /// Search documents as `site` rendered with `theme` shows its records.
    pub fn new(site: &'a Site, theme: &'a Theme, cache: &'a RenderCache) -> SearchSource<'a> {
        SearchSource(Renderer::new(site, theme, cache))
    }

    /// The document of `r` in `lang`'s index, if the record is listed in that language.
    pub fn doc(&self, r: &SiteRecord, lang: &Language) -> Option<SearchDoc> {
        self.0.search_doc(r, lang)
    }

    /// The labels of kinds and of the facet values of `docs`, in `lang`.
    pub fn labels(&self, lang: &Language, docs: &[Arc<SearchDoc>]) -> Labels {
        self.0.search_labels(lang, docs)
    }
}

fn failed(lang: &str, e: tantivy::TantivyError) -> Diagnostic {
    Diagnostic::error(
        "search",
        "site.yaml",
        Span::file(),
        format!("the search index of `{lang}` could not be built: {e}"),
    )
}

impl Renderer<'_> {
    /// The search page of `lang`: a form that works without JavaScript (it says the
    /// results need it) and the script that searches as the visitor types.
    pub(super) fn search_page(&self, lang: &Language) -> Result<OutputFile, Diagnostic> {
        let config = &self.words.site.config;
        let path = config.section_path(lang, "search");
        let paths = self
            .words
            .same_in_every_language(|l| config.section_path(l, "search"));
        let alternates = self.words.alternates(lang, &paths, &paths);
        let title = self.words.t(lang, "search_title");
        let common = self.words.common(
            lang,
            title.clone(),
            String::new(),
            path.clone(),
            "search",
            alternates,
        );
        let strings: serde_json::Map<String, serde_json::Value> = SEARCH_STRINGS
            .iter()
            .filter_map(|key| {
                let value = self.words.theme.strings[&lang.code].get(*key)?;
                Some(((*key).to_string(), serde_json::to_value(value).ok()?))
            })
            .collect();
        self.file(
            lang,
            "search.html",
            self.words.index_file(&path),
            &SearchPage {
                common,
                title,
                index_url: format!("{}search/{}/", config.base_path, lang.code),
                runtime_url: format!("{}{}", config.base_path, runtime_fingerprinted()),
                strings: serde_json::Value::Object(strings).to_string(),
            },
        )
    }

    /// The search files of `lang`.
    pub(super) fn search(&self, lang: &Language) -> Result<Vec<OutputFile>, Diagnostic> {
        let (docs, labels) = self.search_docs(lang);
        let first = self.words.site.config.languages.first().map(|l| &l.code) == Some(&lang.code);
        search_files(&lang.code, docs, &labels, first)
    }

    /// The documents of `lang`'s index: the records listed in `lang`, with the text its
    /// pages show; and the labels of kinds and facet values.
    fn search_docs(&self, lang: &Language) -> (Vec<Arc<SearchDoc>>, Labels) {
        let docs: Vec<Arc<SearchDoc>> = self
            .words
            .site
            .records
            .iter()
            .filter_map(|r| self.search_doc(r, lang).map(Arc::new))
            .collect();
        let labels = self.search_labels(lang, &docs);
        (docs, labels)
    }

    fn search_doc(&self, r: &SiteRecord, lang: &Language) -> Option<SearchDoc> {
        if !r.listed || !r.paths.contains_key(&lang.code) {
            return None;
        }
        let text = r.text(&lang.code)?;
        let card = self.words.card(r, lang);
        let kind = Kind::ALL
            .iter()
            .position(|k| *k == r.record.kind)
            .unwrap_or(0) as u8;
        Some(SearchDoc {
            id: r.record.id.clone(),
            kind,
            year: r.year(),
            title: text.title.clone(),
            directors: credited(r, true),
            people: credited(r, false),
            summary: text.summary.clone(),
            body: plain_text(&text.body),
            facets: FACET_TAXONOMIES.map(|t| r.terms(t)),
            card: SearchCard {
                title: card.title,
                url: card.url,
                kind,
                year: r.year(),
                summary: shorten(&card.summary, CARD_SUMMARY),
                image: card.poster.map(|p| p.thumb),
                lang: card.fallback.map(|f| f.code),
            },
        })
    }

    fn search_labels(&self, lang: &Language, docs: &[Arc<SearchDoc>]) -> Labels {
        Labels {
            kinds: Kind::ALL
                .iter()
                .map(|k| self.words.t(lang, &format!("kind_{}", k.name())))
                .collect(),
            facets: std::array::from_fn(|f| {
                let taxonomy = FACET_TAXONOMIES[f];
                docs.iter()
                    .flat_map(|d| &d.facets[f])
                    .map(|id| {
                        (
                            id.clone(),
                            self.words.site.term_label(taxonomy, id, &lang.code),
                        )
                    })
                    .collect()
            }),
        }
    }
}

/// The names of a record's directors and authors (`lead`), or of its other credits: the
/// search ranks the people a work is known by above the rest of its credits.
fn credited(r: &SiteRecord, lead: bool) -> String {
    r.record
        .common
        .credits
        .iter()
        .filter(|c| LEAD_ROLES.contains(&c.role.value.as_str()) == lead)
        .map(|c| c.name.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The roles whose people a work is known by.
const LEAD_ROLES: [&str; 2] = ["director", "author"];

/// `text` cut to at most `max` characters at a word boundary, with an ellipsis.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = match cut.rfind(char::is_whitespace) {
        Some(i) if i > max / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!(
        "{}…",
        cut.trim_end_matches(|c: char| c.is_whitespace() || c.is_ascii_punctuation())
    )
}
