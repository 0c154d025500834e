//! Markdown bodies: rendering (with a sub-path base), the pre-render checks of links and
//! alt text, and the HTML scanner `check` runs over rendered pages.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use vitrine::check::{content, html};
use vitrine::render::markdown::Markdown;

/// One renderer for the whole run, as in a build: its syntax definitions load once.
static MARKDOWN: OnceLock<Markdown> = OnceLock::new();

fuzz_target!(|text: &str| {
    let markdown = MARKDOWN.get_or_init(|| Markdown::with_base_path("/catalogue/"));
    let rendered = markdown.render(text);
    for problem in content::markdown(text) {
        assert!(problem.range.start <= problem.range.end && problem.range.end <= text.len());
    }
    for tag in html::tags(&rendered).into_iter().chain(html::tags(text)) {
        for (_, url) in tag.urls() {
            let _ = html::is_dangerous(url, true);
        }
    }
});
