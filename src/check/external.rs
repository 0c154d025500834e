//! `vitrine check --external`: are the links to other sites still alive?
//!
//! Off by default (it needs the network, and other sites' failures should not block a
//! merge request unless asked). Each URL is requested once with a timeout by `curl`, found
//! on every CI image: vitrine itself carries no TLS stack, which would add a C and assembly
//! build (ring) to every clean compile for a feature few runs use. Only `http` and `https`
//! are allowed, redirects included. Successes are kept in a cache file for a week, so a
//! pipeline run asks again only about new or failing links.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use std::process::Command;
use std::sync::Mutex;
use std::time::Duration;

/// External URLs found in the site, each with one page that links to it.
pub type ExternalLinks = BTreeMap<String, String>;

/// How to check external links.
#[derive(Debug, Clone)]
pub struct External {
    /// Time allowed to each request.
    pub timeout: Duration,
    /// The cache file (`.vitrine/external-links.tsv` under the site root by default).
    pub cache: PathBuf,
    /// Now, as seconds since the Unix epoch: decides which cache entries are fresh.
    pub now: i64,
}

/// How long a success stays in the cache.
pub const CACHE_SECONDS: i64 = 7 * 24 * 3600;

/// Requests made at the same time.
const PARALLEL: usize = 8;

/// The result of one request: an HTTP status, or why there was none.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Answer {
    Status(u16),
    Failed(String),
}

/// Checks every link of `links` (URL → a page that has it) and returns the broken ones
/// with the reason, for the caller to report on the pages' sources.
pub fn check(links: &ExternalLinks, options: &External) -> Vec<(String, String)> {
    let mut cache = read_cache(&options.cache, options.now);
    let pending: Vec<&String> = links.keys().filter(|u| !cache.contains_key(*u)).collect();
    let answers: Mutex<BTreeMap<String, Answer>> = Mutex::new(BTreeMap::new());
    let next = Mutex::new(pending.into_iter());
    std::thread::scope(|scope| {
        for _ in 0..PARALLEL {
            scope.spawn(|| {
                loop {
                    let url = {
                        let mut next = next.lock().unwrap_or_else(|e| e.into_inner());
                        next.next()
                    };
                    let Some(url) = url else { break };
                    let answer = request(url, options.timeout);
                    answers
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .insert(url.clone(), answer);
                }
            });
        }
    });
    let answers = answers.into_inner().unwrap_or_else(|e| e.into_inner());
    let mut broken = Vec::new();
    for (url, answer) in answers {
        match answer {
            Answer::Status(code) if (200..400).contains(&code) => {
                cache.insert(url, options.now);
            }
            Answer::Status(code) => broken.push((url, format!("answers HTTP {code}"))),
            Answer::Failed(why) => broken.push((url, why)),
        }
    }
    write_cache(&options.cache, &cache);
    broken
}

fn request(url: &str, timeout: Duration) -> Answer {
    let seconds = timeout.as_secs_f64().max(0.1).to_string();
    let output = Command::new("curl")
        .args([
            "--silent",
            "--show-error",
            "--location",
            "--max-redirs",
            "5",
        ])
        .args(["--proto", "=http,https", "--proto-redir", "=http,https"])
        .args(["--max-time", &seconds, "--output", "/dev/null"])
        .args([
            "--write-out",
            "%{http_code}",
            "--user-agent",
            "vitrine-link-check",
        ])
        .arg("--")
        .arg(url)
        .output();
    match output {
        Err(e) => Answer::Failed(format!("could not be checked: curl is not available ({e})")),
        Ok(o) => {
            let code = String::from_utf8_lossy(&o.stdout)
                .trim()
                .parse::<u16>()
                .unwrap_or(0);
            if code == 0 {
                let err = String::from_utf8_lossy(&o.stderr);
                let why = err.trim().trim_start_matches("curl: ").to_string();
                Answer::Failed(if why.is_empty() {
                    "does not answer".into()
                } else {
                    format!("does not answer: {why}")
                })
            } else {
                Answer::Status(code)
            }
        }
    }
}

/// URL → time of the last success, for entries younger than [`CACHE_SECONDS`].
fn read_cache(path: &Path, now: i64) -> BTreeMap<String, i64> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .filter_map(|line| {
            let (url, time) = line.split_once('\t')?;
            let time: i64 = time.trim().parse().ok()?;
            (now - time < CACHE_SECONDS && time <= now).then(|| (url.to_string(), time))
        })
        .collect()
}

/// Best effort: a cache that cannot be written only costs requests next time.
fn write_cache(path: &Path, cache: &BTreeMap<String, i64>) {
    let text: String = cache.iter().map(|(u, t)| format!("{u}\t{t}\n")).collect();
    if let Some(parent) = path.parent() {
        let _best_effort = std::fs::create_dir_all(parent);
    }
    let _best_effort = std::fs::write(path, text);
}
