//! Times the search index of a catalogue: `cargo bench --bench search -- DIR [RUNS]`.
//!
//! For each run: load and resolve the site, then per language make the search documents
//! (record text as plain text), analyze and index with tantivy, and export the static
//! files (kept in memory). Prints each part per run, then the medians; the search index's
//! build time is documents + index + export.

use std::cell::RefCell;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use vitrine::check::CheckOptions;
use vitrine::config::Overrides;
use vitrine::pipeline::{self, BuildArgs};
use vitrine::search::export;
use vitrine::site::{Audience, Options};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let Some(root) = args.first() else {
        eprintln!("usage: cargo bench --bench search -- SITE_DIR [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(3);
    let build = BuildArgs {
        root: PathBuf::from(root),
        output: None,
        overrides: Overrides::default(),
        options: Options {
            drafts: false,
            audience: Audience::Public,
            today: jiff::ZonedDateTime::now().date(),
            future: false,
        },
        checks: CheckOptions::default(),
        cache: None,
    };
    // Per run: loading the site, making the search documents, indexing, exporting.
    let mut parts: Vec<[Duration; 4]> = Vec::new();
    for run in 0..runs {
        let started = Instant::now();
        let marks: RefCell<Vec<(String, Instant)>> = RefCell::new(Vec::new());
        let indexes = match pipeline::search_indexes(&build, &|stage| {
            marks.borrow_mut().push((stage.to_string(), Instant::now()));
        }) {
            Ok(i) => i,
            Err(outcome) => {
                eprintln!("the site does not build: {outcome:?}");
                std::process::exit(1);
            }
        };
        let indexed = Instant::now();
        let marks = marks.into_inner();
        let mut part = [Duration::ZERO; 4];
        let first = marks
            .iter()
            .find(|(s, _)| s.starts_with("search documents"))
            .map_or(indexed, |(_, t)| *t);
        part[0] = first - started;
        for (i, (stage, at)) in marks.iter().enumerate() {
            let end = marks.get(i + 1).map_or(indexed, |(_, t)| *t);
            if stage.starts_with("search documents") {
                part[1] += end - *at;
            } else if stage.starts_with("search index") {
                part[2] += end - *at;
            }
        }
        let started = Instant::now();
        let mut bytes = 0;
        let mut files = 0;
        for (index, labels) in &indexes {
            let out = export::export(index, labels).expect("export");
            files += out.len();
            bytes += out.iter().map(|(_, b)| b.len()).sum::<usize>();
        }
        part[3] = started.elapsed();
        let docs: usize = indexes.iter().map(|(i, _)| i.docs.len()).sum();
        println!(
            "run {}: {docs} documents; load {:.2} s, documents {:.2} s, index {:.2} s, export {:.2} s; {files} files, {} KiB",
            run + 1,
            part[0].as_secs_f64(),
            part[1].as_secs_f64(),
            part[2].as_secs_f64(),
            part[3].as_secs_f64(),
            bytes / 1024
        );
        drop(indexes);
        parts.push(part);
    }
    let median_of = |i: usize| median(parts.iter().map(|p| p[i]).collect()).as_secs_f64();
    let search: Vec<Duration> = parts.iter().map(|p| p[1] + p[2] + p[3]).collect();
    println!(
        "median over {runs}: load {:.2} s; search index: documents {:.2} s + index {:.2} s + export {:.2} s = {:.2} s (min {:.2}, max {:.2})",
        median_of(0),
        median_of(1),
        median_of(2),
        median_of(3),
        median(search.clone()).as_secs_f64(),
        search.iter().min().unwrap().as_secs_f64(),
        search.iter().max().unwrap().as_secs_f64(),
    );
}
