//! Check: the rendered site looked at as a visitor's browser would, before it is published.
//!
//! `vitrine check` renders every page in memory; [`scan`] keeps from each page only what
//! the checks need (its ids, the URLs it refers to, its images without alt text), and
//! [`output`] then verifies them all together: internal links and `#anchors` across
//! languages, assets, alt text, duplicate output paths, and links that would leave the base
//! path. Each problem is reported in the file an editor or a web team can fix: the
//! translation's `<lang>.md` (with line and column when the URL is written there), the
//! `record.yaml`, or the template. [`content`] holds the checks made on Markdown sources
//! before rendering (URL schemes, alt text), which `build` runs too; [`external`] checks
//! links to other sites. This module writes nothing.

pub mod content;
pub mod external;
pub mod html;

pub use external::ExternalLinks;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;

use crate::diagnostics::{Diagnostic, Span, did_you_mean, hint};
use crate::render::OutputFile;
use crate::render::theme::Theme;
use crate::site::Site;

/// What the checks need from one output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageScan {
    /// Path under the output root (`fr/films/la-haine/index.html`).
    pub path: String,
    /// Template that rendered it, if it is a page.
    pub template: Option<String>,
    /// Every `id` (and `<a name>`) of the page: the anchors links may point to.
    pub ids: BTreeSet<String>,
    /// URLs the page refers to, each once.
    pub refs: BTreeSet<Ref>,
    /// `src` of images without an `alt` attribute.
    pub missing_alt: BTreeSet<String>,
}

/// A URL found in a page.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Ref {
    /// True for a resource the page loads (`src`, stylesheet), false for a link to follow.
    pub asset: bool,
    /// The URL as written in the attribute, character references decoded.
    pub url: String,
}

/// Keeps what the checks need from a rendered file, so the page itself can be dropped.
pub fn scan(file: &OutputFile) -> PageScan {
    let mut page = PageScan {
        path: file.path.clone(),
        template: file.template.clone(),
        ids: BTreeSet::new(),
        refs: BTreeSet::new(),
        missing_alt: BTreeSet::new(),
    };
    if !file.path.ends_with(".html") {
        return page;
    }
    let text = String::from_utf8_lossy(&file.bytes);
    for tag in html::tags(&text) {
        if let Some(id) = tag.get("id") {
            page.ids.insert(id.to_string());
        }
        if tag.name == "a"
            && let Some(name) = tag.get("name")
        {
            page.ids.insert(name.to_string());
        }
        if tag.name == "img" && !tag.has("alt") {
            page.missing_alt
                .insert(tag.get("src").unwrap_or_default().to_string());
        }
        let stylesheet = tag.name == "link"
            && tag.get("rel").is_some_and(|r| {
                r.split_whitespace()
                    .any(|r| r == "stylesheet" || r == "icon")
            });
        for (attribute, url) in tag.urls() {
            let asset = attribute != "href" || stylesheet;
            page.refs.insert(Ref {
                asset,
                url: url.to_string(),
            });
        }
    }
    page
}

/// Where a URL leads, seen from the page that holds it.
#[derive(Debug, PartialEq, Eq)]
enum Target {
    /// A file of the site: its path under the output root, and the fragment if any.
    Internal(String, Option<String>),
    /// Another site.
    External(String),
    /// Runs code when followed.
    Dangerous,
    /// Starts with `/` but not with the base path: breaks when the site lives in a sub-path.
    OutsideBase,
    /// Nothing to check (`mailto:`, `data:` pictures, an empty `href`).
    Skip,
}

fn classify(url: &str, page: &str, base_url: &str, base_path: &str) -> Target {
    let url = url.trim();
    if url.is_empty() {
        return Target::Skip;
    }
    match html::scheme(url).as_deref() {
        Some("javascript" | "vbscript") => return Target::Dangerous,
        Some("http" | "https") => {
            return match url.strip_prefix(base_url) {
                Some(rest) => internal(rest, ""),
                None => Target::External(url.to_string()),
            };
        }
        Some(_) => return Target::Skip,
        None => {}
    }
    if url.starts_with("//") {
        return Target::External(format!("https:{url}"));
    }
    if let Some(fragment) = url.strip_prefix('#') {
        return Target::Internal(page.to_string(), Some(percent_decode(fragment)));
    }
    if url.starts_with('/') {
        return match url.strip_prefix(base_path) {
            Some(rest) => internal(rest, ""),
            None => Target::OutsideBase,
        };
    }
    let dir = page.rfind('/').map_or("", |i| &page[..=i]);
    internal(url, dir)
}

/// `url` (relative, without leading `/`) resolved against the folder `dir`.
fn internal(url: &str, dir: &str) -> Target {
    let (url, fragment) = match url.split_once('#') {
        Some((u, f)) => (u, Some(percent_decode(f))),
        None => (url, None),
    };
    let url = url.split('?').next().unwrap_or_default();
    let mut parts: Vec<String> = dir
        .split('/')
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect();
    let segments: Vec<&str> = url.split('/').collect();
    for (i, segment) in segments.iter().enumerate() {
        match *segment {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Target::OutsideBase;
                }
            }
            s => parts.push(percent_decode(s)),
        }
        let last = i + 1 == segments.len();
        if last && (segment.is_empty() || *segment == "." || *segment == "..") {
            parts.push(String::new());
        }
    }
    let mut path = parts.join("/");
    if path.is_empty() || path.ends_with('/') {
        path.push_str("index.html");
    }
    Target::Internal(path, fragment)
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// What [`output`] checks besides the site itself.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// Check links to other sites too.
    pub external: Option<external::External>,
}

/// A problem found in pages, before it is attributed to a source file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Finding {
    code: &'static str,
    /// Reported as a warning: the site is still published.
    warning: bool,
    /// The output page.
    page: String,
    /// The URL as written.
    url: String,
    message: String,
    help: String,
}

/// Verifies the scanned pages of `site` together, and external links when asked. Returns
/// the problems, attributed to the files that produced them.
pub fn output(
    site: &Site,
    theme: &Theme,
    pages: &[PageScan],
    copies: &[(PathBuf, String)],
    options: &CheckOptions,
) -> Vec<Diagnostic> {
    let (by_path, files, mut findings) = outputs(&site.config.base_path, pages, copies);
    let mut externals = ExternalLinks::new();
    let config = &site.config;
    let shown = |path: &str| address(&config.base_path, path);
    for page in pages {
        for src in &page.missing_alt {
            findings.push(Finding {
                warning: false,
                code: "missing-alt",
                page: page.path.clone(),
                url: src.clone(),
                message: format!("the image `{src}` on {} has no alt text", shown(&page.path)),
                help: "give the `<img>` an `alt` attribute (empty only for a decorative picture)"
                    .into(),
            });
        }
        for r in &page.refs {
            match classify(&r.url, &page.path, &config.base_url, &config.base_path) {
                Target::Skip => {}
                Target::External(url) => {
                    externals.entry(url).or_insert_with(|| page.path.clone());
                }
                Target::Dangerous => findings.push(Finding {
                    warning: false,
                    code: "unsafe-url",
                    page: page.path.clone(),
                    url: r.url.clone(),
                    message: format!("`{}` on {} runs a script", r.url, shown(&page.path)),
                    help: "link to a web address (https://…) instead".into(),
                }),
                Target::OutsideBase => findings.push(Finding {
                    warning: false,
                    code: "outside-base",
                    page: page.path.clone(),
                    url: r.url.clone(),
                    message: format!(
                        "`{}` on {} is outside the site's address {}",
                        r.url,
                        shown(&page.path),
                        config.base_url
                    ),
                    help: format!(
                        "write addresses of the site relative to the page, or starting with `{}`",
                        config.base_path
                    ),
                }),
                Target::Internal(path, fragment) => {
                    findings.extend(internal_finding(
                        &config.base_path,
                        page,
                        r,
                        &path,
                        fragment,
                        &by_path,
                        &files,
                    ));
                }
            }
        }
    }
    if let Some(options) = &options.external {
        for (url, why) in external::check(&externals, options) {
            findings.push(Finding {
                warning: true,
                code: "broken-external-link",
                page: externals[&url].clone(),
                message: format!("`{url}` (on {}) {why}", shown(&externals[&url])),
                help: "check the address in a browser; update or remove the link if the page has moved or gone".into(),
                url,
            });
        }
    }
    findings.sort();
    findings.dedup();
    let templates: BTreeMap<&str, PathBuf> = pages
        .iter()
        .filter_map(|p| {
            let file = theme.template_files.get(p.template.as_deref()?)?;
            Some((p.path.as_str(), file.clone()))
        })
        .collect();
    attribute(site, &templates, findings)
}

/// The pages by output path and every output file, with a finding for each path written
/// twice (two pages, or a page and a copied file).
fn outputs<'p>(
    base_path: &str,
    pages: &'p [PageScan],
    copies: &'p [(PathBuf, String)],
) -> (
    BTreeMap<&'p str, &'p PageScan>,
    BTreeSet<&'p str>,
    Vec<Finding>,
) {
    let mut findings = Vec::new();
    let mut by_path: BTreeMap<&str, &PageScan> = BTreeMap::new();
    for page in pages {
        if by_path.insert(&page.path, page).is_some() {
            findings.push(Finding {
                warning: false,
                code: "duplicate-output",
                page: page.path.clone(),
                url: String::new(),
                message: format!(
                    "two pages are written to {}",
                    address(base_path, &page.path)
                ),
                help: "give one of them another `slug`, or rename the template's output".into(),
            });
        }
    }
    let mut files: BTreeSet<&str> = by_path.keys().copied().collect();
    for (_, dest) in copies {
        if !files.insert(dest) && by_path.contains_key(dest.as_str()) {
            findings.push(Finding {
                warning: false,
                code: "duplicate-output",
                page: dest.clone(),
                url: String::new(),
                message: format!("a page and a copied file are both written to {dest}"),
                help: "rename the static file or the record's asset".into(),
            });
        }
    }
    (by_path, files, findings)
}

/// The address of an output file as visitors see it: `/catalogue/fr/films/x/`.
fn address(base_path: &str, path: &str) -> String {
    format!(
        "{base_path}{}",
        path.strip_suffix("index.html").unwrap_or(path)
    )
}

fn internal_finding(
    base_path: &str,
    page: &PageScan,
    r: &Ref,
    path: &str,
    fragment: Option<String>,
    pages: &BTreeMap<&str, &PageScan>,
    files: &BTreeSet<&str>,
) -> Option<Finding> {
    let dir_index = format!("{path}/index.html");
    let exists = files.contains(path) || files.contains(dir_index.as_str());
    if !exists {
        let (code, what) = if r.asset {
            ("missing-asset", "loads a file that is not in the site")
        } else {
            ("broken-link", "leads to no page of the site")
        };
        let suggestion = did_you_mean(path, files.iter().copied());
        return Some(Finding {
            warning: false,
            code,
            page: page.path.clone(),
            url: r.url.clone(),
            message: format!("`{}` on {} {what}", r.url, address(base_path, &page.path)),
            help: hint(
                suggestion.map(|s| address(base_path, s)).as_deref(),
                "correct the address, or add the missing page or file",
            ),
        });
    }
    let fragment = fragment.filter(|f| !f.is_empty())?;
    let target = pages.get(path).or_else(|| pages.get(dir_index.as_str()))?;
    if !target.path.ends_with(".html") || target.ids.contains(&fragment) {
        return None;
    }
    let suggestion = did_you_mean(&fragment, target.ids.iter().map(String::as_str));
    Some(Finding {
        warning: false,
        code: "missing-anchor",
        page: page.path.clone(),
        url: r.url.clone(),
        message: format!(
            "`{}` on {}: {} has no anchor `#{fragment}`",
            r.url,
            address(base_path, &page.path),
            address(base_path, &target.path)
        ),
        help: hint(
            suggestion.map(|s| format!("#{s}")).as_deref(),
            "anchors are the ids of the target page's headings; correct the part after `#`",
        ),
    })
}

/// Turns findings into diagnostics located in the file that holds the offending URL.
fn attribute(
    site: &Site,
    templates: &BTreeMap<&str, PathBuf>,
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

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "https://example.org/catalogue/";

    fn at(url: &str, page: &str) -> Target {
        classify(url, page, BASE, "/catalogue/")
    }

    fn internal(path: &str, fragment: Option<&str>) -> Target {
        Target::Internal(path.to_string(), fragment.map(str::to_string))
    }

    #[test]
    fn urls_resolve_against_the_page_and_the_base_path() {
        let page = "fr/films/la-haine/index.html";
        assert_eq!(at("/catalogue/en/", page), internal("en/index.html", None));
        assert_eq!(
            at("../autre/#x", page),
            internal("fr/films/autre/index.html", Some("x"))
        );
        assert_eq!(at("#fin", page), internal(page, Some("fin")));
        assert_eq!(
            at("poster.png?v=2", page),
            internal("fr/films/la-haine/poster.png", None)
        );
        assert_eq!(
            at("/catalogue/media/a%20b.png", page),
            internal("media/a b.png", None)
        );
        assert_eq!(
            at("https://example.org/catalogue/ar/", page),
            internal("ar/index.html", None)
        );
        assert_eq!(at("..", "fr/index.html"), internal("index.html", None));
        assert_eq!(at("/fr/films/", page), Target::OutsideBase);
        assert_eq!(at("../../../../x/", page), Target::OutsideBase);
        assert_eq!(
            at("https://other.org/", page),
            Target::External("https://other.org/".into())
        );
        assert_eq!(at(" JavaScript:alert(1)", page), Target::Dangerous);
        assert_eq!(at("mailto:a@b.org", page), Target::Skip);
        assert_eq!(at("data:,", page), Target::Skip);
    }

    fn file(path: &str, html: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: html.as_bytes().to_vec(),
            template: Some("record.html".into()),
        }
    }

    #[test]
    fn a_scan_keeps_ids_urls_and_images_without_alt() {
        let scan = scan(&file(
            "fr/index.html",
            r#"<h2 id="a">A</h2><a name="b"></a><a href="/x/">x</a><img src="p.png"><img src="q.png" alt=""><link rel="stylesheet" href="s.css">"#,
        ));
        assert_eq!(scan.ids, BTreeSet::from(["a".into(), "b".into()]));
        assert!(scan.refs.contains(&Ref {
            asset: false,
            url: "/x/".into()
        }));
        assert!(scan.refs.contains(&Ref {
            asset: true,
            url: "s.css".into()
        }));
        assert!(scan.refs.contains(&Ref {
            asset: true,
            url: "p.png".into()
        }));
        assert_eq!(scan.missing_alt, BTreeSet::from(["p.png".into()]));
        let css = scan_of_css();
        assert!(css.refs.is_empty() && css.ids.is_empty());
    }

    #[test]
    fn a_path_written_twice_is_found() {
        let pages = [
            scan(&file("fr/a/index.html", "")),
            scan(&file("fr/a/index.html", "")),
            scan(&file("static/x.css", "")),
        ];
        let copies = [
            (PathBuf::from("theme/x.css"), "static/x.css".to_string()),
            (PathBuf::from("p.png"), "media/a/p.png".to_string()),
        ];
        let (_, files, findings) = outputs("/", &pages, &copies);
        let messages: Vec<&str> = findings.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "two pages are written to /fr/a/",
                "a page and a copied file are both written to static/x.css"
            ]
        );
        assert!(files.contains("media/a/p.png"));
        let (_, _, none) = outputs("/", &pages[..1], &copies[1..]);
        assert!(none.is_empty());
    }

    fn scan_of_css() -> PageScan {
        scan(&file(
            "static/style.css",
            "a { background: url(x.png) } <a href=x>",
        ))
    }

    #[test]
    fn missing_pages_and_anchors_are_found_with_suggestions() {
        let target = scan(&file("en/films/x/index.html", r#"<h2 id="casting">C</h2>"#));
        let page = scan(&file("fr/index.html", ""));
        let pages = BTreeMap::from([(target.path.as_str(), &target), (page.path.as_str(), &page)]);
        let files: BTreeSet<&str> = pages.keys().copied().collect();
        let link = |url: &str| Ref {
            asset: false,
            url: url.into(),
        };
        let find = |url: &str, path: &str, fragment: Option<&str>| {
            internal_finding(
                "/",
                &page,
                &link(url),
                path,
                fragment.map(str::to_string),
                &pages,
                &files,
            )
        };
        assert_eq!(find("/en/films/x/", "en/films/x/index.html", None), None);
        assert_eq!(
            find(
                "/en/films/x/#casting",
                "en/films/x/index.html",
                Some("casting")
            ),
            None
        );
        let anchor = find(
            "/en/films/x/#castin",
            "en/films/x/index.html",
            Some("castin"),
        )
        .unwrap();
        assert_eq!(anchor.code, "missing-anchor");
        assert!(
            anchor.help.starts_with("did you mean `#casting`?"),
            "{}",
            anchor.help
        );
        let broken = find("/en/films/y/", "en/films/y/index.html", None).unwrap();
        assert_eq!(broken.code, "broken-link");
        assert!(
            broken.help.starts_with("did you mean `/en/films/x/`?"),
            "{}",
            broken.help
        );
        assert_eq!(
            find("/en/films/x", "en/films/x", None),
            None,
            "a folder without its slash"
        );
    }
}
