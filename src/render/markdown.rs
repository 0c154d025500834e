//! Markdown bodies to HTML: pulldown-cmark with tables, footnotes, strikethrough and heading
//! ids, and fenced code highlighted by syntect with CSS classes (the theme ships the colours).
//!
//! The syntax definitions are loaded on the first page that has a code block, never before.

use std::collections::HashSet;
use std::sync::OnceLock;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd};
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// Renders Markdown; cheap to share between threads.
#[derive(Default)]
pub struct Markdown {
    syntaxes: OnceLock<SyntaxSet>,
    /// Prefix given to links and images written from the site root (`/fr/films/…`), so they
    /// keep working when the site lives in a sub-path. Empty for a site at the root.
    base_path: String,
}

/// The words of a Markdown body, without markup: what search indexes. Blocks are
/// separated by new lines; link addresses and HTML tags are left out.
pub fn plain_text(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    for event in Parser::new_ext(source, Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(_) => out.push('\n'),
            _ => {}
        }
    }
    out
}

/// Prefix of the highlighting classes (`hl-keyword`…), so they never clash with the theme's.
pub const CLASS_PREFIX: &str = "hl-";

impl Markdown {
    /// A renderer whose syntax definitions are not loaded yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// A renderer for a site published under `base_path` (`/` or `/catalogue/`).
    pub fn with_base_path(base_path: &str) -> Self {
        Self {
            base_path: base_path.trim_end_matches('/').to_string(),
            ..Self::default()
        }
    }

    /// The HTML of `source`.
    pub fn render(&self, source: &str) -> String {
        let options = Options::ENABLE_TABLES
            | Options::ENABLE_FOOTNOTES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_HEADING_ATTRIBUTES;
        let events: Vec<Event> = Parser::new_ext(source, options)
            .map(|e| self.rebase(e))
            .collect();
        let events = self.highlight_code(with_heading_ids(events));
        let mut html = String::with_capacity(source.len() * 3 / 2);
        pulldown_cmark::html::push_html(&mut html, events.into_iter());
        html
    }

    /// Prefixes root-relative link and image addresses with the base path.
    fn rebase<'a>(&self, event: Event<'a>) -> Event<'a> {
        let rebased = |url: CowStr<'a>| -> CowStr<'a> {
            if !self.base_path.is_empty() && url.starts_with('/') && !url.starts_with("//") {
                CowStr::from(format!("{}{url}", self.base_path))
            } else {
                url
            }
        };
        match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Link {
                link_type,
                dest_url: rebased(dest_url),
                title,
                id,
            }),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Image {
                link_type,
                dest_url: rebased(dest_url),
                title,
                id,
            }),
            other => other,
        }
    }

    fn highlight_code<'a>(&self, events: Vec<Event<'a>>) -> Vec<Event<'a>> {
        let mut out = Vec::with_capacity(events.len());
        let mut code: Option<(String, String)> = None;
        for event in events {
            match (&mut code, event) {
                (None, Event::Start(Tag::CodeBlock(kind))) => {
                    let lang = match kind {
                        CodeBlockKind::Fenced(info) => info
                            .split([' ', ','])
                            .next()
                            .unwrap_or_default()
                            .to_string(),
                        CodeBlockKind::Indented => String::new(),
                    };
                    code = Some((lang, String::new()));
                }
                (Some((_, text)), Event::Text(t)) => text.push_str(&t),
                (Some(_), Event::End(TagEnd::CodeBlock)) => {
                    let (lang, text) = code.take().unwrap_or_default();
                    out.push(Event::Html(CowStr::from(self.code_block(&lang, &text))));
                }
                (_, event) => out.push(event),
            }
        }
        out
    }

    fn code_block(&self, lang: &str, text: &str) -> String {
        let lang_attr = escape_attr(lang);
        let body = if lang.is_empty() {
            escape_text(text)
        } else {
            let syntaxes = self.syntaxes.get_or_init(SyntaxSet::load_defaults_newlines);
            match syntaxes.find_syntax_by_token(lang) {
                Some(syntax) => {
                    let mut generator = ClassedHTMLGenerator::new_with_class_style(
                        syntax,
                        syntaxes,
                        ClassStyle::SpacedPrefixed {
                            prefix: CLASS_PREFIX,
                        },
                    );
                    let ok = LinesWithEndings::from(text).all(|line| {
                        generator
                            .parse_html_for_line_which_includes_newline(line)
                            .is_ok()
                    });
                    if ok {
                        generator.finalize()
                    } else {
                        escape_text(text)
                    }
                }
                None => escape_text(text),
            }
        };
        if lang.is_empty() {
            format!("<pre class=\"code\"><code>{body}</code></pre>\n")
        } else {
            format!("<pre class=\"code\" data-lang=\"{lang_attr}\"><code>{body}</code></pre>\n")
        }
    }
}

/// Gives every heading without an explicit `{#id}` an id made from its text, unique in the page.
fn with_heading_ids(mut events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut used: HashSet<String> = events
        .iter()
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { id: Some(id), .. }) => Some(id.to_string()),
            _ => None,
        })
        .collect();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { id: None, .. }) = &events[i] {
            let mut text = String::new();
            for e in &events[i + 1..] {
                match e {
                    Event::End(TagEnd::Heading(_)) => break,
                    Event::Text(t) | Event::Code(t) => text.push_str(t),
                    _ => {}
                }
            }
            let base = anchor(&text);
            let base = if base.is_empty() {
                "section".to_string()
            } else {
                base
            };
            let mut id = base.clone();
            let mut n = 1;
            while !used.insert(id.clone()) {
                id = format!("{base}-{n}");
                n += 1;
            }
            if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[i] {
                *slot = Some(CowStr::from(id));
            }
        }
        i += 1;
    }
    events
}

/// An anchor from heading text: lower case, letters and digits of any script kept,
/// everything else collapsed to single dashes.
pub fn anchor(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    pulldown_cmark_escape::escape_html_body_text(&mut out, text).ok();
    out
}

fn escape_attr(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    pulldown_cmark_escape::escape_html(&mut out, text).ok();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_footnotes_strikethrough_and_heading_ids() {
        let md = Markdown::new();
        let html = md.render("## Le film\n\n## Le film\n\n## Custom {#mine}\n\n~~old~~[^1]\n\n[^1]: note\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
        assert!(html.contains("<h2 id=\"le-film\">Le film</h2>"), "{html}");
        assert!(html.contains("<h2 id=\"le-film-1\">"), "{html}");
        assert!(html.contains("<h2 id=\"mine\">"), "{html}");
        assert!(html.contains("<del>old</del>"), "{html}");
        assert!(html.contains("footnote-definition"), "{html}");
        assert!(html.contains("<table>"), "{html}");
    }

    #[test]
    fn code_is_highlighted_with_classes_and_escaped() {
        let md = Markdown::new();
        let html = md.render("```rust\nfn main() { let s = \"<b>\"; }\n```\n");
        assert!(
            html.starts_with("<pre class=\"code\" data-lang=\"rust\"><code>"),
            "{html}"
        );
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(html.contains("&lt;b&gt;"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
    }

    #[test]
    fn syntaxes_load_only_for_code() {
        let md = Markdown::new();
        md.render("# Title\n\nText.");
        assert!(md.syntaxes.get().is_none());
        md.render("```\nplain\n```");
        assert!(md.syntaxes.get().is_none());
    }

    #[test]
    fn root_relative_links_follow_the_base_path() {
        let md = Markdown::with_base_path("/catalogue/");
        let html =
            md.render("[a](/fr/films/) [b](//cdn.example/x) [c](../x/) ![p](/media/x/p.png)");
        assert!(html.contains("href=\"/catalogue/fr/films/\""), "{html}");
        assert!(html.contains("href=\"//cdn.example/x\""), "{html}");
        assert!(html.contains("href=\"../x/\""), "{html}");
        assert!(html.contains("src=\"/catalogue/media/x/p.png\""), "{html}");
        let root = Markdown::with_base_path("/").render("[a](/fr/)");
        assert!(root.contains("href=\"/fr/\""), "{root}");
    }

    #[test]
    fn anchors_keep_any_script() {
        assert_eq!(anchor("Éléments de l'histoire"), "éléments-de-l-histoire");
        assert_eq!(anchor("السينما في المغرب"), "السينما-في-المغرب");
    }
}
