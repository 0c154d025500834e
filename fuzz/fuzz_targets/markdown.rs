//! Markdown bodies: rendering (with a sub-path base), the pre-render checks of links and
//! alt text, and the HTML scanner `check` runs over rendered pages.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vitrine::check::{content, html};
use vitrine::render::markdown::Markdown;

fuzz_target!(|text: &str| {
    let rendered = Markdown::with_base_path("/catalogue/").render(text);
    for problem in content::markdown(text) {
        assert!(problem.range.start <= problem.range.end && problem.range.end <= text.len());
    }
    for tag in html::tags(&rendered).into_iter().chain(html::tags(text)) {
        for (_, url) in tag.urls() {
            let _ = html::is_dangerous(url, true);
        }
    }
});
