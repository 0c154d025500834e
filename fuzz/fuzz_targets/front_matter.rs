//! The front-matter splitter, then the front matter into the translation and page schemas.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vitrine::content::SourceFile;
use vitrine::schema::{PageFront, TranslationFront};
use vitrine::content::split_front_matter;
use vitrine::schema::yaml;

fuzz_target!(|text: &str| {
    let file = SourceFile {
        path: "content/films/x/fr.md".into(),
        text: text.to_string(),
    };
    if let Ok((front, body, line)) = split_front_matter(&file) {
        assert!(line >= 2 && front.len() + body.len() <= text.len());
        let _ = yaml::parse::<TranslationFront>(front, &file.path, 1);
        let _ = yaml::parse::<PageFront>(front, &file.path, 1);
    }
});
