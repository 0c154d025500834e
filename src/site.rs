//! Resolve: from parsed [`Records`] to a [`Site`] whose every reference has been checked.
//!
//! This stage owns what spans files: vocabulary ids (themes, roles, institutions), record
//! ids unique site-wide, files referred to by records, dates, time zones and ISBNs, who may
//! see what (drafts, network access) and the address of every page. It reads no file
//! contents and renders nothing.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use rustc_hash::{FxHashMap, FxHashSet};

use crate::config::{Config, Language};
use crate::content::{
    Collection, PAGES_FOLDER, Page, PageTranslation, Record, Records, Vocabularies,
};
use crate::diagnostics::{Diagnostic, did_you_mean, hint};
use crate::schema::Taxonomy;
use crate::schema::yaml::spanned_error;

mod checks;
mod model;
use checks::{Checks, checked_slug};
pub use checks::{isbn13_check_digit, track_seconds};
pub use model::{Audience, Options, Site, SiteCollection, SitePage, SiteRecord};

/// Checks references across files and computes addresses. Problems go to `diagnostics`.
pub fn resolve(
    config: Config,
    root: &Path,
    parsed: Records,
    options: Options,
    diagnostics: &mut Vec<Diagnostic>,
) -> Site {
    let Records {
        records,
        pages,
        collections,
        vocabularies,
    } = parsed;
    // A record of a bulk file is shown at its `id` in the file, a folder as itself.
    fn place(r: &crate::content::Record) -> (&Path, crate::diagnostics::Span) {
        match &r.common.id {
            Some(id) if r.source.parent() != Some(r.dir.as_path()) => (
                r.source.as_path(),
                crate::schema::yaml::span_of(&id.referenced, id.value.chars().count().max(1), 0),
            ),
            _ => (r.dir.as_path(), crate::diagnostics::Span::file()),
        }
    }
    let repeated = duplicate_ids(
        records.iter().map(|r| {
            let (path, span) = place(r);
            (r.id.as_str(), path, span)
        }),
        diagnostics,
    );
    // A repeated record is left out, so that it is not reported again as a page published twice.
    let records: Vec<_> = records
        .into_iter()
        .filter(|r| {
            let (path, span) = place(r);
            !repeated.contains(&(path.to_path_buf(), span.line))
        })
        .collect();
    let ids: BTreeSet<String> = records.iter().map(|r| r.id.clone()).collect();
    let out = records
        .into_iter()
        .filter_map(|record| resolve_record(&config, &vocabularies, &options, record, diagnostics))
        .collect();
    let parts = Parts {
        records: out,
        pages,
        collections,
        vocabularies,
    };
    let site = assemble(config, root, parts, options, diagnostics);
    check_references(&site, &ids, diagnostics);
    site
}

/// Checks what collections and the featured list of `site.yaml` refer to, against every
/// record id of the site (`ids`, published or not: a draft may be featured once ready).
pub fn check_references(site: &Site, ids: &BTreeSet<String>, diagnostics: &mut Vec<Diagnostic>) {
    let at = spanned_error::<String>;
    let suggest = |wrong: &str| did_you_mean(wrong, ids.iter().map(String::as_str));
    for c in &site.collections {
        for id in &c.collection.records {
            if !ids.contains(&id.value) {
                let help = hint(
                    suggest(&id.value),
                    "a collection lists record ids: the names of record folders",
                );
                diagnostics.push(at(
                    &c.collection.file,
                    id,
                    "unknown-record",
                    format!("`{}` is not a record", id.value),
                    help,
                ));
            }
        }
    }
    let site_file = Path::new(crate::config::SITE_FILE);
    for id in &site.config.featured.records {
        if !ids.contains(&id.value) {
            let help = hint(
                suggest(&id.value),
                "`featured.records` lists record ids: the names of record folders",
            );
            diagnostics.push(at(
                site_file,
                id,
                "unknown-record",
                format!("`{}` is not a record", id.value),
                help,
            ));
        }
    }
    let collection_ids: Vec<&str> = site
        .collections
        .iter()
        .map(|c| c.collection.id.as_str())
        .collect();
    for id in &site.config.featured.collections {
        if !collection_ids.contains(&id.value.as_str()) {
            let help = hint(
                did_you_mean(&id.value, collection_ids.iter().copied()),
                "`featured.collections` lists folders of content/collections/",
            );
            diagnostics.push(at(
                site_file,
                id,
                "unknown-collection",
                format!("`{}` is not a collection", id.value),
                help,
            ));
        }
    }
    if let Some(statement) = site.config.statement_page()
        && !site.pages.iter().any(|p| p.page.id == statement)
    {
        let message = format!(
            "the accessibility statement needs the page content/pages/{statement}/, which does not exist"
        );
        let help = format!(
            "write the statement's text in content/pages/{statement}/{}.md (the status, rate and date of site.yaml are shown above it)",
            site.config.default_language
        );
        let page = site
            .config
            .accessibility
            .as_ref()
            .and_then(|a| a.page.as_ref());
        diagnostics.push(match page {
            Some(p) => at(site_file, p, "missing-statement", message, help),
            None => Diagnostic::error(
                "missing-statement",
                site_file,
                crate::diagnostics::Span::file(),
                message,
            )
            .with_help(help),
        });
    }
}

/// Reports every record id used by more than one folder (ids are unique across kinds).
/// Each id comes with where it is written: a record folder, or a bulk file and the id's
/// place in it. Returns the places of the repetitions (the file or folder and the line).
pub fn duplicate_ids<'a>(
    ids: impl Iterator<Item = (&'a str, &'a Path, crate::diagnostics::Span)>,
    diagnostics: &mut Vec<Diagnostic>,
) -> BTreeSet<(PathBuf, usize)> {
    let mut repeated = BTreeSet::new();
    let mut seen: BTreeMap<&str, (&Path, crate::diagnostics::Span)> = BTreeMap::new();
    let mut all: Vec<(&str, &Path, crate::diagnostics::Span)> = ids.collect();
    all.sort_by(|a, b| (a.0, a.1, a.2.line).cmp(&(b.0, b.1, b.2.line)));
    for (id, path, span) in all {
        if let Some((previous, at)) = seen.get(id) {
            let line = if at.line > 0 {
                format!(" (line {})", at.line)
            } else {
                String::new()
            };
            diagnostics.push(
                Diagnostic::error(
                    "duplicate-id",
                    path,
                    span,
                    format!(
                        "the id `{id}` is already used by {}{line}",
                        crate::diagnostics::display_path(previous)
                    ),
                )
                .with_help(if span.line == 0 && at.line == 0 {
                    "ids are unique across all kinds: rename one of the two folders"
                } else {
                    "ids are unique across all kinds: change one of the two"
                }),
            );
            repeated.insert((path.to_path_buf(), span.line));
        } else {
            seen.insert(id, (path, span));
        }
    }
    repeated
}

/// Checks one record against the configuration and vocabularies and computes its
/// addresses. `None` when it has errors or is not published in this build.
pub fn resolve_record(
    config: &Config,
    vocabularies: &Vocabularies,
    options: &Options,
    record: Record,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<SiteRecord> {
    let checks = Checks {
        config,
        vocabularies,
        file: record.file(),
    };
    checks.record(record, options, diagnostics)
}

/// What [`assemble`] puts together besides the configuration.
pub struct Parts {
    /// Resolved, published records.
    pub records: Vec<SiteRecord>,
    /// Free pages.
    pub pages: Vec<Page>,
    /// Editorial collections.
    pub collections: Vec<Collection>,
    /// Controlled vocabularies.
    pub vocabularies: Vocabularies,
}

/// Puts resolved records and pages together into a [`Site`] and runs the checks that span
/// all of them.
pub fn assemble(
    config: Config,
    root: &Path,
    parts: Parts,
    options: Options,
    diagnostics: &mut Vec<Diagnostic>,
) -> Site {
    let Parts {
        mut records,
        pages,
        collections,
        vocabularies,
    } = parts;
    records.sort_by(|a, b| a.record.dir.cmp(&b.record.dir));
    let pages = pages
        .into_iter()
        .filter(|p| !p.translations.is_empty())
        .map(|page| {
            let home = |lang: &Language| config.home_path(lang);
            let paths = text_paths(&config, &page.id, &page.translations, home, diagnostics);
            SitePage { page, paths }
        })
        .collect();
    let collections = collections
        .into_iter()
        .filter(|c| !c.translations.is_empty())
        .map(|collection| {
            let section = |lang: &Language| config.section_path(lang, "collections");
            let paths = text_paths(
                &config,
                &collection.id,
                &collection.translations,
                section,
                diagnostics,
            );
            SiteCollection { collection, paths }
        })
        .collect();
    let mut site = Site {
        config,
        root: root.to_path_buf(),
        records,
        pages,
        collections,
        vocabularies,
        options,
        term_slugs: BTreeMap::new(),
    };
    finish(&mut site, diagnostics);
    site
}

/// The address of a free page or a collection in each language it is written in: under
/// `parent` of that language, at the translation's slug or the id.
fn text_paths(
    config: &Config,
    id: &str,
    translations: &[PageTranslation],
    parent: impl Fn(&Language) -> String,
    diagnostics: &mut Vec<Diagnostic>,
) -> BTreeMap<String, String> {
    translations
        .iter()
        .map(|t| {
            let slug = checked_slug(t.slug.as_ref(), id, &t.file, diagnostics);
            let lang = config.language_or_default(&t.lang);
            (t.lang.clone(), format!("{}{slug}/", parent(lang)))
        })
        .collect()
}

/// The checks and derived values that span every record: term slugs and addresses. Run
/// again whenever records change.
pub fn finish(site: &mut Site, diagnostics: &mut Vec<Diagnostic>) {
    site.term_slugs = term_slugs(site, diagnostics);
    check_paths(site, diagnostics);
}

/// Each used term gets, in each language, a slug made from its label there. Two terms of a
/// taxonomy whose labels give one slug would share a page: that is an error naming both.
fn term_slugs(
    site: &Site,
    diagnostics: &mut Vec<Diagnostic>,
) -> BTreeMap<(Taxonomy, String), BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    for taxonomy in &site.config.taxonomies {
        // Deduplicated first: a few dozen terms among tens of thousands of uses.
        let mut used: Vec<Cow<'_, str>> = site
            .records
            .iter()
            .flat_map(|r| r.term_ids(*taxonomy))
            .collect::<FxHashSet<_>>()
            .into_iter()
            .collect();
        used.sort_unstable();
        for lang in &site.config.languages {
            let mut slugs: BTreeMap<String, String> = BTreeMap::new();
            let mut owners: BTreeMap<String, &str> = BTreeMap::new();
            for id in used.iter().map(AsRef::as_ref) {
                let label = site.term_label(*taxonomy, id, &lang.code);
                let slug = Some(slugify(&label))
                    .filter(|s| !s.is_empty())
                    .unwrap_or_else(|| id.to_ascii_lowercase());
                if let Some(other) = owners.get(&slug) {
                    diagnostics.push(
                        Diagnostic::error(
                            "duplicate-term",
                            format!("data/{}.yaml", taxonomy.name()),
                            crate::diagnostics::Span::file(),
                            format!(
                                "`{other}` and `{id}` would share the page {}{slug}/ in `{}`",
                                site.config.section_path(lang, taxonomy.name()),
                                lang.code
                            ),
                        )
                        .with_help(format!(
                            "give one of them a different `{}` label",
                            lang.code
                        )),
                    );
                    continue;
                }
                owners.insert(slug.clone(), id);
                slugs.insert((*id).to_string(), slug);
            }
            out.insert((*taxonomy, lang.code.clone()), slugs);
        }
    }
    out
}

/// A slug from a label, in any script: NFC, lower case, letters, digits and combining marks
/// kept, everything else collapsed into single dashes. "Cinéma francophone" gives
/// `cinéma-francophone`; "السينما الناطقة بالفرنسية" keeps its Arabic letters.
pub fn slugify(label: &str) -> String {
    let normalized = icu_normalizer::ComposingNormalizerBorrowed::new_nfc().normalize(label);
    let mut out = String::with_capacity(normalized.len());
    for c in normalized.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() || crate::config::is_segment(&c.to_string()) {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// Two pages must never land on one address.
fn check_paths(site: &Site, diagnostics: &mut Vec<Diagnostic>) {
    let mut owners: FxHashMap<&str, &Path> = FxHashMap::default();
    let config = &site.config;
    let mut reserved: BTreeSet<String> = BTreeSet::new();
    for lang in &config.languages {
        let home = config.home_path(lang);
        reserved.extend(
            crate::config::SEGMENTS
                .iter()
                .map(|k| config.section_path(lang, k)),
        );
        reserved.extend(["static", "search", "media", PAGES_FOLDER].map(|f| format!("{home}{f}/")));
        if config.default_language_at_root {
            reserved.extend(
                config
                    .languages
                    .iter()
                    .map(|l| format!("{}{}/", config.base_path, l.code)),
            );
        }
    }
    // Borrowed pages are checked too: a slug of one language may meet an id in another.
    let record_paths = site.records.iter().flat_map(|r| {
        r.paths
            .iter()
            .filter_map(|(lang, path)| Some((path, r.text(lang)?.file.as_path())))
    });
    let page_paths = site.pages.iter().flat_map(|p| {
        p.page
            .translations
            .iter()
            .filter_map(|t| Some((p.paths.get(&t.lang)?, t.file.as_path())))
    });
    for (path, file) in record_paths.chain(page_paths) {
        if reserved.contains(path.as_str()) {
            diagnostics.push(
                Diagnostic::error(
                    "reserved-path",
                    file,
                    crate::diagnostics::Span::file(),
                    format!("the address {path} is used by the site itself"),
                )
                .with_help("give the page another folder name or `slug`"),
            );
        } else if let Some(previous) = owners.get(path.as_str()) {
            diagnostics.push(
                Diagnostic::error(
                    "duplicate-path",
                    file,
                    crate::diagnostics::Span::file(),
                    format!(
                        "{} and this file would both be published at {path}",
                        crate::diagnostics::display_path(previous)
                    ),
                )
                .with_help("change the `slug` of one of them"),
            );
        } else {
            owners.insert(path, file);
        }
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn isbn_check_digit() {
        let digits: Vec<u32> = "978207036822"
            .chars()
            .map(|c| c.to_digit(10).unwrap())
            .collect();
        assert_eq!(isbn13_check_digit(&digits), 8);
    }

    #[test]
    fn track_lengths() {
        assert_eq!(track_seconds("4:05"), Some(245));
        assert_eq!(track_seconds("12:00"), Some(720));
        assert_eq!(track_seconds("4:5"), None);
        assert_eq!(track_seconds("4:75"), None);
    }

    #[test]
    fn slugs_keep_every_script_and_fold_case_and_form() {
        assert_eq!(slugify("Cinéma francophone"), "cinéma-francophone");
        assert_eq!(slugify("Cine\u{301}ma  Francophone!"), "cinéma-francophone");
        assert_eq!(
            slugify("السينما الناطقة بالفرنسية"),
            "السينما-الناطقة-بالفرنسية"
        );
        assert_eq!(slugify("« — »"), "");
    }
}
