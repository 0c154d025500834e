//! Times the search index of a catalogue: `cargo bench --bench search -- DIR [RUNS]`.
//!
//! For each run: load and resolve the site, then per language analyze, index with tantivy
//! and export the static files (kept in memory). Prints the median and the range of each
//! part over the runs. scripts/bench-search.sh calls it on generated catalogues.

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
    let (mut indexing, mut exporting) = (Vec::new(), Vec::new());
    for run in 0..runs {
        let started = Instant::now();
        let indexes = match pipeline::search_indexes(&build) {
            Ok(i) => i,
            Err(outcome) => {
                eprintln!("the site does not build: {outcome:?}");
                std::process::exit(1);
            }
        };
        indexing.push(started.elapsed());
        let started = Instant::now();
        let mut bytes = 0;
        let mut files = 0;
        for (index, labels) in &indexes {
            let out = export::export(index, labels).expect("export");
            files += out.len();
            bytes += out.iter().map(|(_, b)| b.len()).sum::<usize>();
        }
        exporting.push(started.elapsed());
        let docs: usize = indexes.iter().map(|(i, _)| i.docs.len()).sum();
        println!(
            "run {}: {docs} documents, load+index {:.2} s, export {:.2} s, {files} files, {} KiB",
            run + 1,
            indexing[run].as_secs_f64(),
            exporting[run].as_secs_f64(),
            bytes / 1024
        );
    }
    let total: Vec<Duration> = indexing
        .iter()
        .zip(&exporting)
        .map(|(a, b)| *a + *b)
        .collect();
    println!(
        "median over {runs}: load+index {:.2} s, export {:.2} s, total {:.2} s (min {:.2}, max {:.2})",
        median(indexing).as_secs_f64(),
        median(exporting).as_secs_f64(),
        median(total.clone()).as_secs_f64(),
        total.iter().min().unwrap().as_secs_f64(),
        total.iter().max().unwrap().as_secs_f64(),
    );
}
