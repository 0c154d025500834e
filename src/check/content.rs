//! Checks on Markdown bodies as editors wrote them, run by `build` and `check` alike before
//! anything is rendered: URLs that would run a script, and pictures without alt text.
//!
//! The policy (docs/reference.md, "Markdown"): editors are trusted, so raw HTML in a body
//! is published as written; but a `javascript:` or `vbscript:` URL, or a `data:` URL other
//! than a picture, is refused wherever it appears in a body — Markdown link, Markdown
//! image or raw HTML attribute — because it is how a pasted snippet or a hostile merge
//! request runs script in visitors' browsers. Rendered pages are checked by the parent
//! module; this one only reads sources.

use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use rayon::prelude::*;

use super::html;
use crate::content::Records;
use crate::diagnostics::{Diagnostic, Span};

/// A problem in a Markdown body, at a byte range of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Diagnostic code.
    pub code: &'static str,
    /// Byte range in the body.
    pub range: Range<usize>,
    /// What is wrong.
    pub message: String,
    /// What to do.
    pub help: &'static str,
}

/// Checks every body of `records` (drafts and network records included: they are published
/// by other builds). Problems are appended to `diagnostics`.
pub fn bodies(records: &Records, diagnostics: &mut Vec<Diagnostic>) {
    let record_bodies = records
        .records
        .iter()
        .flat_map(|r| &r.translations)
        .map(|t| (t.file.as_path(), t.body.as_str(), t.body_line));
    let page_bodies = records
        .pages
        .iter()
        .flat_map(|p| &p.translations)
        .map(|t| (t.file.as_path(), t.body.as_str(), t.body_line));
    let all: Vec<(&Path, &str, usize)> = record_bodies.chain(page_bodies).collect();
    let found: Vec<Diagnostic> = all
        .into_par_iter()
        .flat_map_iter(|(file, body, line)| {
            markdown(body)
                .into_iter()
                .map(move |p| located(file, body, line, p))
        })
        .collect();
    diagnostics.extend(found);
}

/// The same checks on the translations of one record, for `serve`'s updates.
pub fn record_bodies(record: &crate::content::Record, diagnostics: &mut Vec<Diagnostic>) {
    for t in &record.translations {
        diagnostics.extend(
            markdown(&t.body)
                .into_iter()
                .map(|p| located(&t.file, &t.body, t.body_line, p)),
        );
    }
}

fn located(file: &Path, body: &str, body_line: usize, problem: Problem) -> Diagnostic {
    let start = floor_char_boundary(body, problem.range.start);
    let end = floor_char_boundary(body, problem.range.end.max(start));
    let len = body[start..end]
        .lines()
        .next()
        .unwrap_or_default()
        .chars()
        .count();
    // The body starts at `body_line` of the file.
    let span = Span::after(&body[..start], len.max(1)).shifted(body_line - 1);
    Diagnostic::error(problem.code, file, span, problem.message).with_help(problem.help)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The problems of one Markdown body. Never panics, whatever the input.
pub fn markdown(body: &str) -> Vec<Problem> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut problems = Vec::new();
    // The open image: its range and whether alt text was seen.
    let mut image: Option<(Range<usize>, bool)> = None;
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) if html::is_dangerous(&dest_url, false) => {
                problems.push(unsafe_url(&dest_url, narrow(body, &range, &dest_url)));
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                if html::is_dangerous(&dest_url, true) {
                    problems.push(unsafe_url(&dest_url, narrow(body, &range, &dest_url)));
                }
                image = Some((range, false));
            }
            Event::Text(t) | Event::Code(t) if !t.trim().is_empty() => {
                if let Some((_, seen)) = &mut image {
                    *seen = true;
                }
            }
            Event::End(TagEnd::Image) => {
                if let Some((range, false)) = image.take() {
                    problems.push(Problem {
                        code: "missing-alt",
                        range,
                        message: "this image has no alt text".into(),
                        help: "write what the picture shows between the brackets: `![Poster of the film](poster.jpg)`",
                    });
                }
            }
            Event::Html(text) | Event::InlineHtml(text) => {
                for tag in html::tags(&text) {
                    for (attribute, url) in tag.urls() {
                        let image_ok = tag.name == "img" && attribute == "src";
                        if html::is_dangerous(url, image_ok) {
                            problems.push(unsafe_url(url, range.clone()));
                        }
                    }
                }
            }
            _ => {}
        }
    }
    problems
}

/// The range of `needle` inside `range` of `body`, or `range` itself.
fn narrow(body: &str, range: &Range<usize>, needle: &str) -> Range<usize> {
    body.get(range.clone())
        .and_then(|text| text.find(needle))
        .map_or(range.clone(), |at| {
            range.start + at..range.start + at + needle.len()
        })
}

fn unsafe_url(url: &str, range: Range<usize>) -> Problem {
    let shown: String = url.chars().take(60).collect();
    Problem {
        code: "unsafe-url",
        range,
        message: format!(
            "`{shown}` would run a script or load a hidden document in visitors' browsers"
        ),
        help: "link to a web address (https://…) or to a page of the site; `javascript:`, `vbscript:` and `data:` addresses are refused (docs/reference.md, Markdown)",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(body: &str) -> Vec<&'static str> {
        markdown(body).into_iter().map(|p| p.code).collect()
    }

    #[test]
    fn refuses_script_urls_in_links_images_and_raw_html() {
        assert_eq!(codes("[x](javascript:alert(1))"), ["unsafe-url"]);
        assert_eq!(codes("[x](JAVASCRIPT:alert(1))"), ["unsafe-url"]);
        assert_eq!(codes("[x](&#106;avascript:alert(1))"), ["unsafe-url"]);
        assert_eq!(codes("<javascript:alert(1)>"), ["unsafe-url"]);
        assert_eq!(codes("[x][r]\n\n[r]: vbscript:msgbox"), ["unsafe-url"]);
        assert_eq!(codes("![poster](data:text/html,<script>)"), ["unsafe-url"]);
        assert_eq!(
            codes("<a href=\"javascript&#58;alert(1)\">x</a>"),
            ["unsafe-url"]
        );
        assert_eq!(
            codes("<p>\n<iframe src=\"javascript:x\"></iframe>\n</p>"),
            ["unsafe-url"]
        );
    }

    #[test]
    fn accepts_ordinary_links_raw_html_and_data_pictures() {
        assert!(codes("[site](https://example.org/) [page](/fr/films/) [a](#x)").is_empty());
        assert!(codes("<video controls src=\"clip.mp4\"></video>").is_empty());
        assert!(codes("![dot](data:image/png;base64,AAAA)").is_empty());
        assert!(codes("Le mot javascript: n'est pas un lien.").is_empty());
    }

    #[test]
    fn an_image_needs_alt_text() {
        assert_eq!(codes("![](poster.png)"), ["missing-alt"]);
        assert!(codes("![Affiche du film](poster.png)").is_empty());
    }

    #[test]
    fn locates_the_url_in_the_file() {
        let body = "Texte.\n\nVoir [ici](javascript:alert(1)).\n";
        let mut d = Vec::new();
        for p in markdown(body) {
            d.push(located(Path::new("content/films/x/fr.md"), body, 5, p));
        }
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].span, Span::new(7, 12, "javascript:alert(1)".len()));
    }
}
