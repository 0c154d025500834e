//! Check: the rendered site looked at as a visitor's browser would, before it is published.
//!
//! `vitrine check` renders every page as `build` does, but hands each one to a
//! [`Collector`] instead of the disk: [`page`] reads from it only what the checks need (its
//! ids, the URLs it refers to, its images without alt text) and [`links`] keeps that in
//! compact form, every string once, no page body. [`output`] then verifies them all
//! together: internal links and `#anchors` across languages, assets, alt text, duplicate
//! output paths, and links that would leave the base path. Each problem is reported in the
//! file an editor or a web team can fix: the translation's `<lang>.md` (with line and column
//! when the URL is written there), the `record.yaml`, or the template. [`content`] holds the
//! checks made on Markdown sources before rendering (URL schemes, alt text), which `build`
//! runs too; [`external`] checks links to other sites. This module writes nothing.

pub mod content;
pub mod external;
pub mod html;
pub mod links;
pub mod page;

pub use external::ExternalLinks;
pub use links::{Collector, Links};

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use crate::diagnostics::{Diagnostic, Span};
use crate::render::theme::Theme;
use crate::site::Site;
use links::{Finding, address};

/// What [`output`] checks besides the site itself.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// Check links to other sites too.
    pub external: Option<external::External>,
}

/// Verifies what was kept of the rendered pages of `site` (`links`), the files copied as
/// they are (`copies`), and external links when asked. Returns the problems, attributed to
/// the files that produced them.
pub fn output(
    site: &Site,
    theme: &Theme,
    links: &Links,
    copies: &[(PathBuf, String)],
    options: &CheckOptions,
) -> Vec<Diagnostic> {
    let config = &site.config;
    let mut findings = links.findings(&config.base_path, copies);
    if let Some(options) = &options.external {
        let externals = links.externals();
        for (url, why) in external::check(externals, options) {
            findings.push(Finding {
                warning: true,
                code: "broken-external-link",
                page: externals[&url].clone(),
                message: format!(
                    "`{url}` (on {}) {why}",
                    address(&config.base_path, &externals[&url])
                ),
                help: "check the address in a browser; update or remove the link if the page has moved or gone".into(),
                url,
            });
        }
    }
    findings.sort();
    findings.dedup();
    let templates: BTreeMap<String, PathBuf> = findings
        .iter()
        .filter_map(|f| {
            let file = theme.template_files.get(links.template(&f.page)?)?;
            Some((f.page.clone(), file.clone()))
        })
        .collect();
    attribute(site, &templates, findings)
}

/// Turns findings into diagnostics located in the file that holds the offending URL.
fn attribute(
    site: &Site,
    templates: &BTreeMap<String, PathBuf>,
    findings: Vec<Finding>,
) -> Vec<Diagnostic> {
    let sources = page_sources(site);
    let mut texts: HashMap<PathBuf, Option<String>> = HashMap::new();
    let mut grouped: BTreeMap<(PathBuf, Span, &'static str, String), Vec<Finding>> =
        BTreeMap::new();
    for f in findings {
        let mut candidates: Vec<PathBuf> =
            sources.get(f.page.as_str()).cloned().unwrap_or_default();
        candidates.extend(templates.get(f.page.as_str()).cloned());
        let written = [
            f.url.clone(),
            f.url
                .strip_prefix(site.config.base_path.trim_end_matches('/'))
                .unwrap_or_default()
                .to_string(),
        ];
        let located = candidates.iter().find_map(|file| {
            let text = texts
                .entry(file.clone())
                .or_insert_with(|| crate::content::load::text_to_show(&site.root.join(file)));
            let text = text.as_deref()?;
            written
                .iter()
                .filter(|w| !w.is_empty())
                .find_map(|w| find_span(text, w))
                .map(|span| (file.clone(), span))
        });
        // A URL an editor wrote appears as written in the source; one that does not comes
        // from the template.
        let (file, span) = located.unwrap_or_else(|| {
            let file = templates
                .get(f.page.as_str())
                .or_else(|| candidates.first())
                .cloned()
                .unwrap_or_else(|| PathBuf::from(&f.page));
            (file, Span::file())
        });
        grouped
            .entry((file, span, f.code, f.url.clone()))
            .or_default()
            .push(f);
    }
    grouped
        .into_iter()
        .map(|((file, span, code, _), group)| {
            let first = &group[0];
            let message = match group.len() {
                1 => first.message.clone(),
                n => format!("{} (and on {} other pages)", first.message, n - 1),
            };
            let d = if first.warning {
                Diagnostic::warning(code, file, span, message)
            } else {
                Diagnostic::error(code, file, span, message)
            };
            d.with_help(first.help.clone())
        })
        .collect()
}

/// The span of the first occurrence of `needle` in `text`.
fn find_span(text: &str, needle: &str) -> Option<Span> {
    let at = text.find(needle)?;
    Some(Span::after(&text[..at], needle.chars().count()))
}

/// Per output page of a record or free page: its `<lang>.md`, then the `record.yaml`.
fn page_sources(site: &Site) -> BTreeMap<String, Vec<PathBuf>> {
    let base = &site.config.base_path;
    let index = |path: &str| {
        format!(
            "{}index.html",
            path.strip_prefix(base.as_str()).unwrap_or(path)
        )
    };
    let mut map = BTreeMap::new();
    for r in &site.records {
        for t in &r.record.translations {
            if let Some(path) = r.paths.get(&t.lang) {
                map.insert(index(path), vec![t.file.clone(), r.record.file()]);
            }
        }
    }
    for p in &site.pages {
        for t in &p.page.translations {
            if let Some(path) = p.paths.get(&t.lang) {
                map.insert(index(path), vec![t.file.clone()]);
            }
        }
    }
    map
}
