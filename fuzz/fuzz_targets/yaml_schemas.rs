//! Any text as every YAML file an editor writes: records of each kind, site.yaml, a
//! vocabulary. Errors are expected; panics, hangs and unbounded memory are not.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use vitrine::schema::{
    BookFile, FilmFile, MusicFile, ProductionFile, SiteFile, Vocabulary, WebinarFile,
};
use vitrine::schema::yaml;

fuzz_target!(|text: &str| {
    let file = Path::new("content/films/x/record.yaml");
    let _ = yaml::parse::<FilmFile>(text, file, 0);
    let _ = yaml::parse::<BookFile>(text, file, 0);
    let _ = yaml::parse::<MusicFile>(text, file, 0);
    let _ = yaml::parse::<WebinarFile>(text, file, 0);
    let _ = yaml::parse::<ProductionFile>(text, file, 0);
    let _ = yaml::parse::<SiteFile>(text, file, 0);
    let _ = yaml::parse::<Vocabulary>(text, file, 0);
});
