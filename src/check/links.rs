//! The site's paths, anchors and links, gathered page by page while `check` renders and
//! kept compactly: every string once (interned), each page as its path, its ids and the
//! numbers of the links it holds — never its body. A link is resolved once, when it is
//! found; [`Links::findings`] verifies each distinct link once every page is known (does its
//! target exist, has it the anchor), then reports it on every page that holds it.
//!
//! Memory grows with the number of distinct strings and links, not with the pages' bytes:
//! on a large site most links (menus, language switches, taxonomy terms) are the same few
//! strings on many pages. This file does not attribute findings to source files
//! (`check`'s own file does).

use std::sync::Mutex;

use rustc_hash::{FxHashMap, FxHashSet};

use super::external::ExternalLinks;
use super::page::{self, PageScan, Target};
use crate::diagnostics::{did_you_mean, hint};
use crate::render::OutputFile;

/// A problem found in pages, before it is attributed to a source file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Finding {
    /// The diagnostic's code.
    pub code: &'static str,
    /// Reported as a warning: the site is still published.
    pub warning: bool,
    /// The output page.
    pub page: String,
    /// The URL as written.
    pub url: String,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: String,
}

/// The address of an output file as visitors see it: `/catalogue/fr/films/x/`.
pub fn address(base_path: &str, path: &str) -> String {
    format!(
        "{base_path}{}",
        path.strip_suffix("index.html").unwrap_or(path)
    )
}

/// An interned string: its number in the [`Strings`] that made it.
type Sym = u32;

/// No string (a link without `#fragment`).
const NONE: Sym = Sym::MAX;

/// Every distinct string once, numbered in the order first seen.
#[derive(Debug, Default)]
struct Strings {
    numbers: FxHashMap<Box<str>, Sym>,
}

impl Strings {
    fn intern(&mut self, text: &str) -> Sym {
        if let Some(&n) = self.numbers.get(text) {
            return n;
        }
        // Fewer than 2³² distinct strings: a site that large would not fit in memory anyway.
        let n = Sym::try_from(self.numbers.len()).unwrap_or(NONE - 1);
        self.numbers.insert(text.into(), n);
        n
    }

    fn get(&self, text: &str) -> Option<Sym> {
        self.numbers.get(text).copied()
    }

    /// The strings by number.
    fn names(&self) -> Vec<&str> {
        let mut names = vec![""; self.numbers.len()];
        for (text, &n) in &self.numbers {
            names[n as usize] = text;
        }
        names
    }
}

/// A URL of the site as written on a page, with where it leads from there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Link {
    /// Loaded by the page (`src`, stylesheet) rather than followed.
    asset: bool,
    /// As written.
    url: Sym,
    /// The output path it leads to.
    target: Sym,
    /// The decoded `#fragment`, [`NONE`] when absent or empty.
    fragment: Sym,
}

/// One output file: its path and the links it holds (numbers into [`Links::links`]).
#[derive(Debug)]
struct Page {
    path: Sym,
    links: Box<[u32]>,
}

/// What the checks keep of the rendered site.
#[derive(Debug, Default)]
pub struct Links {
    strings: Strings,
    /// Each distinct link once, numbered.
    links: Vec<Link>,
    numbers: FxHashMap<Link, u32>,
    /// Every output file, in the order rendered (a path written twice is here twice).
    pages: Vec<Page>,
    /// The ids of each output path, sorted (empty for files that are not HTML); the last
    /// page rendered to a path wins.
    ids: FxHashMap<Sym, Box<[Sym]>>,
    /// The template of each output path rendered with one: a number into `template_names`.
    templates: FxHashMap<Sym, u32>,
    template_names: Vec<String>,
    /// Links to other sites, each with the first page (in path order) that has it.
    externals: ExternalLinks,
    /// Problems seen on one page alone (unsafe URLs, images without alt, paths written twice).
    findings: Vec<Finding>,
}

/// Gathers [`Links`] from the render loop's threads.
#[derive(Debug)]
pub struct Collector {
    base_url: String,
    base_path: String,
    /// Keep links to other sites (`check --external`).
    external: bool,
    links: Mutex<Links>,
}

/// A page read and its URLs resolved, before its strings are interned.
struct Read {
    scan: PageScan,
    resolved: Vec<(bool, String, Target)>,
    findings: Vec<Finding>,
}

impl Collector {
    /// A collector for a site published at `base_url` (whose path is `base_path`).
    pub fn new(base_url: &str, base_path: &str, external: bool) -> Self {
        Collector {
            base_url: base_url.to_string(),
            base_path: base_path.to_string(),
            external,
            links: Mutex::new(Links::default()),
        }
    }

    /// Keeps what the checks need from `file`; called by the render loop's threads.
    pub fn add(&self, file: &OutputFile) {
        // The page is read outside the lock: only interning is done under it.
        let read = self.read(file);
        let mut links = self.links.lock().unwrap_or_else(|e| e.into_inner());
        links.add(read, &self.base_path);
    }

    /// What was gathered.
    pub fn finish(self) -> Links {
        self.links.into_inner().unwrap_or_else(|e| e.into_inner())
    }

    fn read(&self, file: &OutputFile) -> Read {
        let scan = page::scan(file);
        let shown = address(&self.base_path, &scan.path);
        let mut findings: Vec<Finding> = scan
            .missing_alt
            .iter()
            .map(|src| Finding {
                warning: false,
                code: "missing-alt",
                page: scan.path.clone(),
                url: src.clone(),
                message: format!("the image `{src}` on {shown} has no alt text"),
                help: "give the `<img>` an `alt` attribute (empty only for a decorative picture)"
                    .into(),
            })
            .collect();
        let mut resolved = Vec::with_capacity(scan.refs.len());
        for r in &scan.refs {
            let target = page::classify(&r.url, &scan.path, &self.base_url, &self.base_path);
            let finding = |code, message, help| Finding {
                warning: false,
                code,
                page: scan.path.clone(),
                url: r.url.clone(),
                message,
                help,
            };
            match target {
                Target::Skip => {}
                Target::External(_) if !self.external => {}
                Target::Dangerous => findings.push(finding(
                    "unsafe-url",
                    format!("`{}` on {shown} runs a script", r.url),
                    "link to a web address (https://…) instead".into(),
                )),
                Target::OutsideBase => findings.push(finding(
                    "outside-base",
                    format!(
                        "`{}` on {shown} is outside the site's address {}",
                        r.url, self.base_url
                    ),
                    format!(
                        "write addresses of the site relative to the page, or starting with `{}`",
                        self.base_path
                    ),
                )),
                Target::External(_) | Target::Internal(..) => {
                    resolved.push((r.asset, r.url.clone(), target));
                }
            }
        }
        Read {
            scan,
            resolved,
            findings,
        }
    }
}

impl Links {
    fn add(&mut self, read: Read, base_path: &str) {
        let Read {
            scan,
            resolved,
            mut findings,
        } = read;
        let path = self.strings.intern(&scan.path);
        if let Some(template) = &scan.template {
            let known = self.template_names.iter().position(|t| t == template);
            let number = known.unwrap_or_else(|| {
                self.template_names.push(template.clone());
                self.template_names.len() - 1
            });
            self.templates
                .insert(path, u32::try_from(number).unwrap_or(u32::MAX));
        }
        let mut ids: Vec<Sym> = scan.ids.iter().map(|i| self.strings.intern(i)).collect();
        ids.sort_unstable();
        if self.ids.insert(path, ids.into()).is_some() {
            findings.push(Finding {
                warning: false,
                code: "duplicate-output",
                page: scan.path.clone(),
                url: String::new(),
                message: format!(
                    "two pages are written to {}",
                    address(base_path, &scan.path)
                ),
                help: "give one of them another `slug`, or rename the template's output".into(),
            });
        }
        let mut numbers = Vec::with_capacity(resolved.len());
        for (asset, url, target) in resolved {
            let (target, fragment) = match target {
                Target::Internal(target, fragment) => (target, fragment),
                Target::External(external) => {
                    let first = self
                        .externals
                        .entry(external)
                        .or_insert_with(|| scan.path.clone());
                    if scan.path < *first {
                        first.clone_from(&scan.path);
                    }
                    continue;
                }
                _ => continue,
            };
            let link = Link {
                asset,
                url: self.strings.intern(&url),
                target: self.strings.intern(&target),
                fragment: match fragment.as_deref() {
                    None | Some("") => NONE,
                    Some(f) => self.strings.intern(f),
                },
            };
            let next = u32::try_from(self.links.len()).unwrap_or(u32::MAX);
            let number = *self.numbers.entry(link).or_insert(next);
            if number == next {
                self.links.push(link);
            }
            numbers.push(number);
        }
        numbers.sort_unstable();
        numbers.dedup();
        self.pages.push(Page {
            path,
            links: numbers.into(),
        });
        self.findings.append(&mut findings);
    }

    /// The template that rendered the output file `page`, if any.
    pub fn template(&self, page: &str) -> Option<&str> {
        let template = self.templates.get(&self.strings.get(page)?)?;
        self.template_names
            .get(*template as usize)
            .map(String::as_str)
    }

    /// Links to other sites, each with the first page (in path order) that has it; empty
    /// unless the collector was asked to keep them.
    pub fn externals(&self) -> &ExternalLinks {
        &self.externals
    }

    /// Every problem of the rendered site and of the files copied as they are (`copies`:
    /// source, destination under the output root), with `base_path` the site's path.
    pub fn findings(
        &self,
        base_path: &str,
        copies: &[(std::path::PathBuf, String)],
    ) -> Vec<Finding> {
        let names = self.strings.names();
        let mut findings = self.findings.clone();
        let mut files: FxHashSet<&str> = self.ids.keys().map(|p| names[*p as usize]).collect();
        for (_, dest) in copies {
            if !files.insert(dest)
                && self
                    .strings
                    .get(dest)
                    .is_some_and(|p| self.ids.contains_key(&p))
            {
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
        // Per link, a number into `broken` or `OK`: four bytes a link, however many.
        const OK: u32 = u32::MAX;
        let mut broken = Vec::new();
        let verdicts: Vec<u32> = self
            .links
            .iter()
            .map(|link| match self.verdict(link, &names, &files, base_path) {
                None => OK,
                Some(b) => {
                    broken.push(b);
                    u32::try_from(broken.len() - 1).unwrap_or(OK)
                }
            })
            .collect();
        for page in &self.pages {
            let path = names[page.path as usize];
            for &number in &page.links {
                let Some(broken) = broken.get(verdicts[number as usize] as usize) else {
                    continue;
                };
                let url = names[self.links[number as usize].url as usize];
                let shown = address(base_path, path);
                let message = match &broken.anchor {
                    None => format!("`{url}` on {shown} {}", broken.what),
                    Some((target, fragment)) => {
                        format!("`{url}` on {shown}: {target} has no anchor `#{fragment}`")
                    }
                };
                findings.push(Finding {
                    warning: false,
                    code: broken.code,
                    page: path.to_string(),
                    url: url.to_string(),
                    message,
                    help: broken.help.clone(),
                });
            }
        }
        findings
    }

    /// What is wrong with `link`, wherever it is written, or `None`.
    fn verdict(
        &self,
        link: &Link,
        names: &[&str],
        files: &FxHashSet<&str>,
        base_path: &str,
    ) -> Option<Broken> {
        let path = names[link.target as usize];
        let dir_index = format!("{path}/index.html");
        if !files.contains(path) && !files.contains(dir_index.as_str()) {
            let (code, what) = if link.asset {
                ("missing-asset", "loads a file that is not in the site")
            } else {
                ("broken-link", "leads to no page of the site")
            };
            let suggestion = did_you_mean(path, files.iter().copied());
            return Some(Broken {
                code,
                what,
                anchor: None,
                help: hint(
                    suggestion.map(|s| address(base_path, s)).as_deref(),
                    "correct the address, or add the missing page or file",
                ),
            });
        }
        if link.fragment == NONE {
            return None;
        }
        let (target, ids) = [Some(link.target), self.strings.get(&dir_index)]
            .into_iter()
            .flatten()
            .find_map(|p| Some((p, self.ids.get(&p)?)))?;
        let target = names[target as usize];
        if !target.ends_with(".html") || ids.binary_search(&link.fragment).is_ok() {
            return None;
        }
        let fragment = names[link.fragment as usize];
        let suggestion = did_you_mean(fragment, ids.iter().map(|i| names[*i as usize]));
        Some(Broken {
            code: "missing-anchor",
            what: "",
            anchor: Some((address(base_path, target), fragment.to_string())),
            help: hint(
                suggestion.map(|s| format!("#{s}")).as_deref(),
                "anchors are the ids of the target page's headings; correct the part after `#`",
            ),
        })
    }
}

/// A link that fails, with what to say on each page that holds it.
struct Broken {
    code: &'static str,
    /// For a missing file: what the link does wrong.
    what: &'static str,
    /// For a missing anchor: the target's address and the fragment.
    anchor: Option<(String, String)>,
    help: String,
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    fn file(path: &str, html: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: html.as_bytes().to_vec(),
            template: Some("record.html".into()),
        }
    }

    fn links(files: &[(&str, &str)]) -> Links {
        let collector = Collector::new("https://example.org/", "/", true);
        for (path, html) in files {
            collector.add(&file(path, html));
        }
        collector.finish()
    }

    fn messages(findings: &[Finding]) -> Vec<&str> {
        let mut messages: Vec<&str> = findings.iter().map(|f| f.message.as_str()).collect();
        messages.sort_unstable();
        messages
    }

    #[test]
    fn a_path_written_twice_is_found() {
        let site = links(&[
            ("fr/a/index.html", ""),
            ("fr/a/index.html", ""),
            ("static/x.css", ""),
        ]);
        let copies = [
            (PathBuf::from("theme/x.css"), "static/x.css".to_string()),
            (PathBuf::from("p.png"), "media/a/p.png".to_string()),
        ];
        assert_eq!(
            messages(&site.findings("/", &copies)),
            [
                "a page and a copied file are both written to static/x.css",
                "two pages are written to /fr/a/",
            ]
        );
        let once = links(&[("fr/a/index.html", ""), ("static/y.css", "")]);
        assert!(once.findings("/", &copies).is_empty());
    }

    #[test]
    fn missing_pages_and_anchors_are_found_with_suggestions() {
        let site = links(&[
            ("en/films/x/index.html", r#"<h2 id="casting">C</h2>"#),
            (
                "fr/index.html",
                r##"<a href="/en/films/x/">ok</a><a href="/en/films/x/#casting">ok</a>
                <a href="/en/films/x">a folder without its slash</a><a href="#top">top</a>
                <a href="/en/films/x/#castin">anchor</a><a href="/en/films/y/">page</a>
                <img src="/media/p.png" alt=""><a href="https://other.org/">other</a>"##,
            ),
            (
                "fr/b/index.html",
                r#"<a href="https://other.org/">other</a>"#,
            ),
        ]);
        let findings = site.findings("/", &[]);
        let codes: Vec<&str> = findings.iter().map(|f| f.code).collect();
        assert_eq!(
            codes,
            [
                "missing-anchor",
                "missing-anchor",
                "broken-link",
                "missing-asset"
            ],
            "{findings:#?}"
        );
        let anchor = findings.iter().find(|f| f.url == "/en/films/x/#castin");
        let anchor = anchor.expect("the wrong anchor is found");
        assert_eq!(
            anchor.message,
            "`/en/films/x/#castin` on /fr/: /en/films/x/ has no anchor `#castin`"
        );
        assert!(
            anchor.help.starts_with("did you mean `#casting`?"),
            "{}",
            anchor.help
        );
        let broken = findings.iter().find(|f| f.code == "broken-link").unwrap();
        assert_eq!(broken.url, "/en/films/y/");
        assert!(
            broken.help.starts_with("did you mean `/en/films/x/`?"),
            "{}",
            broken.help
        );
        assert!(findings.iter().any(|f| f.url == "#top"));
        let externals = site.externals();
        assert_eq!(externals["https://other.org/"], "fr/b/index.html");
    }

    #[test]
    fn a_broken_link_is_reported_on_every_page_that_holds_it() {
        let site = links(&[
            ("fr/a/index.html", r#"<a href="/fr/gone/">x</a>"#),
            ("fr/b/index.html", r#"<a href="/fr/gone/">x</a>"#),
        ]);
        let pages: Vec<String> = site
            .findings("/", &[])
            .into_iter()
            .map(|f| f.page)
            .collect();
        assert_eq!(pages, ["fr/a/index.html", "fr/b/index.html"]);
    }
}
