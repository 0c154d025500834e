//! Search parity: the JavaScript runtime must rank as the Rust reference of the ranking
//! rules does (`vitrine::search::rank`, over tantivy's postings).
//!
//! The example catalogue (real text in French, English, Spanish and Arabic) is built by the
//! real binary; the same indexes are built here in-process, and over a thousand queries per
//! language (words of the corpus as written, unaccented and upper-cased forms, several
//! words, typeahead prefixes, words with a typo, stop words, names of people, a filter on
//! the kind) go through the reference. `tests/search/parity.test.mjs` then runs the same
//! queries with `vitrine-search.js` over the built files (in node) and requires the same
//! candidates per word, the same top 10 and BM25 scores equal within 1e-6 relative, and the
//! same totals and facet counts with and without filters, over the built files and over a
//! second export that gives every field's norms as runs in the manifest.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::{repo, stderr};
use serde_json::{Value, json};
use std::sync::Arc;
use vitrine::check::CheckOptions;
use vitrine::config::Overrides;
use vitrine::pipeline::{self, BuildArgs};
use vitrine::search::{LangIndex, SearchCard, SearchDoc, analysis, export};
use vitrine::site::{Audience, Options};

/// Queries per language.
const QUERIES: usize = 1200;

/// A small deterministic generator (xorshift64*), so the queries are the same every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, words: &'a [String]) -> &'a str {
        &words[self.below(words.len())]
    }
}

/// The words of the corpus as written (case and accents kept).
fn raw_words(index: &LangIndex) -> Vec<String> {
    let mut words = BTreeSet::new();
    for d in &index.docs {
        for text in d.texts() {
            for w in text.split(|c: char| !c.is_alphanumeric()) {
                if !w.is_empty() && w.len() < analysis::MAX_TOKEN_BYTES {
                    words.insert(w.to_string());
                }
            }
        }
    }
    words.into_iter().collect()
}

fn queries(index: &LangIndex, seed: u64) -> Vec<(String, Option<u8>)> {
    let words = raw_words(index);
    let mut rng = Rng(seed);
    let mut out = Vec::new();
    for i in 0..QUERIES {
        let w = rng.pick(&words).to_string();
        let q = match i % 10 {
            // A complete word as written.
            0 => format!("{w} "),
            // Unaccented and upper-cased, as people type on a phone or a foreign keyboard,
            // or in the full-width letters of an East Asian keyboard.
            1 if i % 20 == 11 => w
                .chars()
                .map(|c| match c {
                    '!'..='~' => char::from_u32(c as u32 + 0xfee0).unwrap_or(c),
                    c => c,
                })
                .collect(),
            1 => format!("{} ", analysis::fold(&w.to_lowercase()).to_uppercase()),
            // Several complete words.
            2 => format!("{w} {} ", rng.pick(&words)),
            3 => format!("{w} {} {}", rng.pick(&words), rng.pick(&words)),
            // Typeahead: the last word is a prefix.
            4 | 5 => {
                let chars: Vec<char> = w.chars().collect();
                let cut = 1 + rng.below(chars.len().min(6));
                let prefix: String = chars[..cut].iter().collect();
                if i % 2 == 0 {
                    format!("{} {prefix}", rng.pick(&words))
                } else {
                    prefix
                }
            }
            // A word of 5 letters or more with one letter replaced, dropped or swapped.
            6 | 7 => {
                let long: Vec<char> = (0..20)
                    .map(|_| rng.pick(&words))
                    .find(|w| w.chars().count() >= 5)
                    .unwrap_or("cinema")
                    .chars()
                    .collect();
                let at = rng.below(long.len() - 1);
                let mut typo = long.clone();
                match rng.below(3) {
                    0 => typo[at] = ['e', 'a', 'x', 'z'][rng.below(4)],
                    1 => {
                        typo.remove(at);
                    }
                    _ => typo.swap(at, at + 1),
                }
                let typo: String = typo.into_iter().collect();
                if i % 2 == 0 {
                    format!("{typo} ")
                } else {
                    format!("{} {typo}", rng.pick(&words))
                }
            }
            // Stop words alone, and before a word.
            8 => {
                let stops = analysis::stop_words(&index.lang);
                let stop = |rng: &mut Rng| {
                    stops
                        .get(rng.below(stops.len().max(1)))
                        .copied()
                        .unwrap_or("a")
                };
                format!("{} {} {}", stop(&mut rng), stop(&mut rng), rng.pick(&words))
            }
            // A director's or author's whole name, or another person's, as credited.
            _ if i % 20 == 19 && index.docs.iter().any(|d| !d.directors.is_empty()) => {
                let names: Vec<String> = index
                    .docs
                    .iter()
                    .flat_map(|d| {
                        if i % 40 == 19 {
                            d.directors.lines()
                        } else {
                            d.people.lines()
                        }
                    })
                    .map(str::to_string)
                    .collect();
                format!("{} ", rng.pick(&names))
            }
            // A word of a credited person's name, whole or typed.
            _ => {
                let names: Vec<String> = index
                    .docs
                    .iter()
                    .flat_map(|d| [&d.directors, &d.people])
                    .flat_map(|t| t.split(|c: char| !c.is_alphanumeric()))
                    .filter(|w| w.chars().count() > 1)
                    .map(str::to_string)
                    .collect();
                let name = if names.is_empty() {
                    w.clone()
                } else {
                    rng.pick(&names).to_string()
                };
                let cut = name.chars().count().div_ceil(2).max(1);
                if rng.below(2) == 0 {
                    name
                } else {
                    name.chars().take(cut).collect()
                }
            }
        };
        // One query in ten keeps one kind only.
        let kind = (i % 10 == 7).then(|| index.docs[rng.below(index.docs.len())].kind);
        out.push((q, kind));
    }
    // Whole titles, and a title's word typed twice (the exactness rule counts a repeated
    // word as often as the title has it).
    for d in index.docs.iter().take(40) {
        out.push((d.title.clone(), None));
        if let Some(word) = d.title.split_whitespace().next() {
            out.push((format!("{word} {word} "), None));
            out.push((format!("{word} {word}"), None));
        }
    }
    out
}

/// Writes `files` (an export) as the index of `lang` in the site at `root`, with the runtime
/// of the built site `public` beside it.
fn write_index(root: &Path, public: &Path, lang: &str, files: Vec<(String, Vec<u8>)>) {
    let runtime = root.join("search/vitrine-search.js");
    if !runtime.exists() {
        std::fs::create_dir_all(runtime.parent().unwrap()).unwrap();
        std::fs::copy(public.join("search/vitrine-search.js"), runtime).unwrap();
    }
    for (name, bytes) in files {
        let path = root.join("search").join(lang).join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
}

/// 3,000 short records, then one long one; see where it is used.
fn edge_corpus() -> LangIndex {
    let doc = |n: usize, body: String| {
        Arc::new(SearchDoc {
            id: format!("r{n:04}"),
            kind: 0,
            year: Some(2000 + (n % 20) as i32),
            title: format!("Titre {n}"),
            directors: String::new(),
            people: String::new(),
            summary: String::new(),
            body,
            facets: Default::default(),
            card: SearchCard {
                title: format!("Titre {n}"),
                url: format!("/fr/films/r{n}/"),
                kind: 0,
                year: None,
                summary: String::new(),
                image: None,
                lang: None,
            },
        })
    };
    let mut docs: Vec<Arc<SearchDoc>> = (0..3000)
        .map(|n| {
            let mut body = format!("commun lorem{} ipsum", n % 50);
            if n < 20 {
                body.push_str(" zephyr");
            }
            if n == 7 {
                body.push_str(&" echo".repeat(40));
            }
            doc(n, body)
        })
        .collect();
    docs.push(doc(3000, format!("commun zephyr{}", " mot".repeat(300))));
    // Surnames of directors that are also words of other titles (the exactness of names).
    for (n, title, directors) in [
        (3001, "Action Jackson", "Craig R. Baxley"),
        (3002, "Braindead", "Peter Jackson"),
        (3003, "Woo", "Daisy von Scherler Mayer"),
        (3004, "Face Off", "John Woo\nPeter Baxley"),
        // Credits as library catalogues write them: surname first, a suffix after a comma.
        (3008, "Ivanhoe", "Scott, Walter"),
        (3009, "Great Scott", "Martin Luther King, Jr."),
        (3010, "The King", "Walter Hill"),
    ] {
        let mut d = Arc::unwrap_or_clone(doc(n, "commun".to_string()));
        d.title = title.to_string();
        d.directors = directors.to_string();
        docs.push(Arc::new(d));
    }
    // A title that repeats its word, and titles as long that have it once, in records that
    // say it often (the exactness of titles counts a repeated word as often).
    for (n, title) in [
        (3005, "Femme, femme !"),
        (3006, "Apache Femme"),
        (3007, "Autre Femme"),
    ] {
        let body = if n == 3005 {
            "commun"
        } else {
            "commun femme femme femme"
        };
        let mut d = Arc::unwrap_or_clone(doc(n, body.to_string()));
        d.title = title.to_string();
        docs.push(Arc::new(d));
    }
    let index = vitrine::search::build("fr", docs).unwrap();
    assert_eq!(
        index.docs.last().unwrap().id,
        "r3000",
        "the long record comes last"
    );
    index
}

/// Totals and facet counts the runtime must give: the documents the reference matches,
/// filtered and counted here the plain way. Half the queries filter by a theme and a kind.
fn facet_cases(index: &LangIndex, seed: u64) -> Vec<Value> {
    use std::collections::BTreeMap;

    let mut out = Vec::new();
    for (i, (q, _)) in queries(index, seed).into_iter().take(200).enumerate() {
        let matched = index.rank(&q, None, 0).matched;
        let Some(first) = matched.first().map(|d| &index.docs[*d as usize]) else {
            continue;
        };
        // Facet values of a document, by facet name (kind and year as numbers).
        let values = |d: u32| -> Vec<(&str, Value)> {
            let doc = &index.docs[d as usize];
            let mut v = vec![("kind", json!(doc.kind))];
            v.extend(doc.year.map(|y| ("year", json!(y))));
            for (name, list) in vitrine::search::FACETS.iter().zip(&doc.facets) {
                v.extend(list.iter().map(|x| (*name, json!(x))));
            }
            v
        };
        let mut filters: BTreeMap<&str, Vec<Value>> = BTreeMap::new();
        if i % 2 == 1 {
            filters.insert("kind", vec![json!(first.kind)]);
            if let Some(theme) = first.facets[0].first() {
                filters.insert("themes", vec![json!(theme)]);
            }
        }
        let keeps = |d: u32, except: Option<&str>| {
            let have = values(d);
            filters.iter().all(|(name, wanted)| {
                Some(*name) == except || have.iter().any(|(n, v)| n == name && wanted.contains(v))
            })
        };
        let total = matched.iter().filter(|d| keeps(**d, None)).count();
        let mut counts: BTreeMap<&str, BTreeMap<String, usize>> = BTreeMap::new();
        for name in ["kind", "year", "themes", "countries", "languages"] {
            let entry = counts.entry(name).or_default();
            for d in matched.iter().filter(|d| keeps(**d, Some(name))) {
                for (n, v) in values(*d) {
                    if n == name {
                        *entry.entry(v.to_string()).or_default() += 1;
                    }
                }
            }
        }
        out.push(json!({ "q": q, "filters": filters, "total": total, "counts": counts }));
    }
    assert!(out.len() > 100, "{}: too few facet cases", index.lang);
    out
}

/// A query as the node test reads it: the candidates of each word, the total and the top.
fn case(q: &str, kind: Option<u8>, ranked: &vitrine::search::rank::Ranked) -> Value {
    json!({
        "q": q,
        "kind": kind,
        "words": ranked.words.iter().map(|w| w.iter().map(|c| json!([c.form, c.typos, c.prefix, c.fields])).collect::<Vec<_>>()).collect::<Vec<_>>(),
        "total": ranked.matched.len(),
        "top": ranked.top.iter().map(|(doc, score)| json!([doc, score])).collect::<Vec<_>>(),
    })
}

#[test]
fn the_javascript_runtime_ranks_exactly_as_the_reference() {
    let out_dir = tempfile::tempdir().unwrap();
    let public = out_dir.path().join("public");
    let build = common::build_example(&public);
    assert!(build.status.success(), "{}", stderr(&build));

    let args = BuildArgs {
        root: repo(),
        output: None,
        overrides: Overrides::default(),
        options: Options {
            drafts: false,
            audience: Audience::Public,
            today: "2026-11-28".parse().unwrap(),
            future: false,
        },
        checks: CheckOptions::default(),
        cache: None,
    };
    let (indexes, labels): (Vec<LangIndex>, Vec<export::Labels>) =
        match pipeline::search_indexes(&args, &|_| {}) {
            Ok(i) => i.into_iter().unzip(),
            Err(outcome) => panic!("{outcome:?}"),
        };
    // The same indexes with every field's norms as runs in the manifest: on a corpus this
    // small the build keeps them per posting, and the runtime must read both forms.
    let runs = out_dir.path().join("runs");
    for (index, labels) in indexes.iter().zip(&labels) {
        let files = export::export_with(index, labels, export::Norms::Runs).unwrap();
        let manifest = files.iter().find(|(name, _)| name == "index.json").unwrap();
        let manifest: Value = serde_json::from_slice(&manifest.1).unwrap();
        assert!(
            manifest["fields"]
                .as_array()
                .unwrap()
                .iter()
                .all(|f| f["norms"].is_array())
        );
        write_index(&runs, &public, &index.lang, files);
    }
    let langs: BTreeSet<&str> = indexes.iter().map(|i| i.lang.as_str()).collect();
    assert_eq!(langs, BTreeSet::from(["ar", "en", "es", "fr"]));

    let mut cases = Vec::new();
    for (n, index) in indexes.iter().enumerate() {
        let searcher = index.index.reader().unwrap().searcher();
        let tokens: Vec<u64> = index
            .fields
            .text
            .iter()
            .map(|f| {
                searcher.segment_readers()[0]
                    .inverted_index(*f)
                    .unwrap()
                    .total_num_tokens()
            })
            .collect();
        let mut list = Vec::new();
        let mut hits = 0;
        for (q, kind) in queries(index, 0x9e37_79b9_7f4a_7c15 ^ n as u64) {
            // 20 rather than 10: near-ties at the 10th place may legitimately swap.
            let ranked = index.rank(&q, kind, 20);
            hits += usize::from(!ranked.top.is_empty());
            list.push(case(&q, kind, &ranked));
        }
        let facets = facet_cases(index, 0x5eed ^ n as u64);
        // Most queries must find something, or the comparison proves little.
        assert!(
            hits * 10 > list.len() * 8,
            "{}: only {hits} of {} queries match",
            index.lang,
            list.len()
        );
        cases.push(json!({
            "lang": index.lang,
            "docs": index.docs.len(),
            "tokens": tokens,
            "queries": list,
            "facets": facets,
        }));
    }
    // A made-up corpus for what real text seldom has: a term whose documents are close
    // together but for one far away (a Rice quotient longer than 24 ones), a word said 40
    // times in one record (a unary term frequency past 24), a term in every document.
    let edge_index = edge_corpus();
    let edge = out_dir.path().join("edge");
    let files = export::export(&edge_index, &export::Labels::default()).unwrap();
    write_index(&edge, &public, "fr", files);
    let mut list = Vec::new();
    for q in [
        "zephyr ",
        "echo ",
        "zephyr echo ",
        "commun ",
        // Every record matches, the best twenty come last in the index's order: the runtime
        // picks the first results without sorting every match, and must pick these.
        "commun zephyr ",
        "lorem7 ",
        "zep",
        "jackson ",
        "Jackson",
        "peter jackson ",
        "woo",
        "baxley ",
        "action jackson",
        "Femme, femme !",
        "femme femme",
        "scott",
        "Walter Scott",
        "Scott, Walter",
        "king",
        "Walter",
    ] {
        let ranked = edge_index.rank(q, None, 20);
        assert!(!ranked.top.is_empty(), "{q} finds nothing");
        // The surname of a credit written "Scott, Walter" or "King, Jr." is exact.
        let first = &edge_index.docs[ranked.top[0].0 as usize].id;
        match q {
            "scott" | "Walter Scott" | "Scott, Walter" => assert_eq!(first, "r3008", "{q}"),
            "king" => assert_eq!(first, "r3009", "{q}"),
            _ => {}
        }
        list.push(case(q, None, &ranked));
    }
    let segment = &edge_index.searcher.segment_readers()[0];
    cases.push(json!({
        "lang": "fr",
        "edge": true,
        "docs": edge_index.docs.len(),
        "tokens": edge_index.fields.text.iter().map(|f| segment.inverted_index(*f).unwrap().total_num_tokens()).collect::<Vec<_>>(),
        "queries": list,
    }));

    // A site without records yet: an index without documents, which must answer nothing.
    let empty = out_dir.path().join("empty");
    let empty_index = vitrine::search::build("fr", Vec::new()).unwrap();
    let files = export::export(&empty_index, &export::Labels::default()).unwrap();
    write_index(&empty, &public, "fr", files);

    let expected = out_dir.path().join("parity.json");
    std::fs::write(&expected, serde_json::to_vec(&Value::Array(cases)).unwrap()).unwrap();

    common::node_tests(
        "tests/search/",
        &[
            ("VITRINE_PUBLIC", &public),
            ("VITRINE_RUNS", &runs),
            ("VITRINE_EDGE", &edge),
            ("VITRINE_EMPTY", &empty),
            ("VITRINE_PARITY", &expected),
        ],
    );
}
