//! One rendered file read as a browser would: [`scan`] keeps its ids, the URLs it refers
//! to and its images without alt text, and [`classify`] says where each URL leads, seen
//! from the page that holds it. Pure functions of one page; what is checked across pages
//! is `links`.

use std::collections::BTreeSet;

use super::html;
use crate::render::OutputFile;

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
pub enum Target {
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

pub fn classify(url: &str, page: &str, base_url: &str, base_path: &str) -> Target {
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

    fn scan_of_css() -> PageScan {
        scan(&file(
            "static/style.css",
            "a { background: url(x.png) } <a href=x>",
        ))
    }
}
