//! The static form of a language's index, under `search/<lang>/`:
//!
//! - `index.json`, the manifest: document count, fields with boosts and token totals
//!   (tantivy's BM25 statistics), the first key of every shard (front-coded: see
//!   [`front_coded`]), kinds as ranges of
//!   documents, facet names, and the folder that holds the rest. Documents are sorted by
//!   kind then length of their longer long-text field (the body, or the summary), so a
//!   field whose norms come in few runs has them here as runs, not in its postings. It is the one file without a content hash in its
//!   path.
//! - `<hash>/t<N>.bin`: term shards, sorted by term. Each term has, per text field, its
//!   postings as tantivy stores them: documents (Rice-coded gaps), term frequencies
//!   (unary), and field-norm ids unless the manifest gives them (see [`term_entry`]).
//! - `<hash>/w<N>.bin`: word-form shards, sorted by form: form, term (its stem), and the
//!   number of documents holding it summed over fields (to rank completions and typo
//!   candidates). Titles and names are indexed under the form, long text under the term.
//! - `<hash>/r<N>.bin`: the same lines sorted by the form read backwards, so that the typo
//!   candidates of a word whose first letters are wrong come from the shards of its end.
//! - `<hash>/m<N>.bin` and `<hash>/n<N>.bin`: the lines of the forms of titles and names
//!   only, by form and by form read backwards, in smaller shards: the typo candidates of a
//!   word the corpus has (searched in titles and names only) come from them.
//! - `<hash>/c<N>.bin`: result cards, a fixed number of documents per file.
//! - `<hash>/f-<facet>.bin`: per facet (year, themes, countries, languages), each value's
//!   id, label and documents. Fetched only to filter by that facet or to count it.
//!
//! Shards, cards and facets are gzip streams whatever the server does: the runtime
//! inflates them with `DecompressionStream`. Keys are ordered by UTF-16 code units, as
//! JavaScript compares strings. `<hash>` covers every file, so a deployment never mixes
//! files of two builds.

use std::collections::BTreeMap;
use std::io::Write;
use std::sync::Arc;

use flate2::Compression;
use flate2::write::GzEncoder;
use serde_json::{Value, json};
use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::Postings;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocSet, TERMINATED, Term};

use super::index::{
    FACETS, FIELDS, FORENAMES, LangIndex, NAME_FIELDS, PEOPLE_FORENAMES, PEOPLE_SURNAMES, SURNAMES,
    SearchCard, js_cmp,
};
use super::rank::{CLASS, COMPLETIONS, SHORT_PREFIX, TYPO_CANDIDATES};
use crate::hash::Fnv;

/// Aimed size of a term shard before compression. A term larger than this has a shard of
/// its own. A query reads one shard per key it needs, and a key's own entry is mostly far
/// smaller than a shard (its neighbours are what a visitor pays for): at 16,000 films with
/// casts, 4 KiB shards cost 14 KB of a query's 23 KB (p50), 768 bytes cost 6 KB for one
/// more request (`scripts/bench-search-quality.mjs`).
const TERM_SHARD_BYTES: usize = 768;

/// Aimed size of a word-form shard (by start or by end) before compression: a query reads
/// the shards of each word's completions and typo candidates.
const FORM_SHARD_BYTES: usize = 1536;

/// Aimed size of a shard of the forms of titles and names, where a known word's
/// corrections are looked for (two to four per word of 5+ letters).
const NAME_FORM_SHARD_BYTES: usize = 768;

/// At least this many cards per card file: a page of 10 results reads about 10 files,
/// each a few hundred bytes.
const MIN_CARDS_PER_FILE: usize = 2;

/// At most this many card files per language: past it, files hold more cards.
const MAX_CARD_FILES: usize = 12_000;

/// Labels the manifest and facets need, in the index's language.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Labels {
    /// Kind labels, in `Kind::ALL` order.
    pub kinds: Vec<String>,
    /// Per facet of [`FACETS`]: value id to label.
    pub facets: [BTreeMap<String, String>; 3],
}

/// Files as paths and shared contents.
pub type SharedFiles = Vec<(String, Arc<Vec<u8>>)>;

/// The files of `index`, paths relative to `search/<lang>/`.
pub fn export(index: &LangIndex, labels: &Labels) -> tantivy::Result<Vec<(String, Vec<u8>)>> {
    export_with(index, labels, Norms::Auto)
}

/// Where field norms go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Norms {
    /// As runs in the manifest for fields with few runs, per posting for the others.
    Auto,
    /// As runs for every field (the tests use it to cover both forms on a small corpus).
    Runs,
}

/// [`export`], with the choice of where norms go.
pub fn export_with(
    index: &LangIndex,
    labels: &Labels,
    policy: Norms,
) -> tantivy::Result<Vec<(String, Vec<u8>)>> {
    let files = export_inner(index, labels, policy, &mut |bytes| Arc::new(gzip(bytes)))?;
    Ok(files
        .into_iter()
        .map(|(name, bytes)| (name, Arc::unwrap_or_clone(bytes)))
        .collect())
}

/// [`export`], with `compress` making each compressed file (the manifest is not).
pub fn export_compressing(
    index: &LangIndex,
    labels: &Labels,
    compress: &mut dyn FnMut(&[u8]) -> Arc<Vec<u8>>,
) -> tantivy::Result<SharedFiles> {
    export_inner(index, labels, Norms::Auto, compress)
}

fn export_inner(
    index: &LangIndex,
    labels: &Labels,
    policy: Norms,
    compress: &mut dyn FnMut(&[u8]) -> Arc<Vec<u8>>,
) -> tantivy::Result<SharedFiles> {
    // One segment, or none when there are no documents.
    let segment = index.searcher.segment_readers().first();
    let docs = segment.map_or(0, |s| s.max_doc());
    let mut inverted = Vec::new();
    let mut tokens = [0u64; FIELDS.len()];
    // Per field, its norms either as runs (for the manifest) or as a reader (per posting).
    let mut norm_runs: Vec<Option<Vec<u32>>> = Vec::new();
    let mut norms: Vec<Option<FieldNormReader>> = Vec::new();
    let mut keys: Vec<Vec<u8>> = Vec::new();
    for (f, field) in index.fields.text.iter().enumerate() {
        let Some(segment) = segment else {
            norm_runs.push(Some(Vec::new()));
            norms.push(None);
            continue;
        };
        let reader = segment.inverted_index(*field)?;
        tokens[f] = reader.total_num_tokens();
        let mut stream = reader.terms().stream()?;
        while stream.advance() {
            keys.push(stream.key().to_vec());
        }
        inverted.push(reader);
        let field_norms = segment.get_fieldnorms_reader(*field)?;
        let runs = runs(&field_norms, docs);
        if policy == Norms::Runs || runs.len() / 2 <= MAX_NORM_RUNS.min(docs as usize / 8) {
            norm_runs.push(Some(runs));
            norms.push(None);
        } else {
            norm_runs.push(None);
            norms.push(Some(field_norms));
        }
    }
    let mut keys: Vec<String> = keys
        .into_iter()
        .map(|k| String::from_utf8_lossy(&k).into_owned())
        .collect();
    keys.sort_by(|a, b| js_cmp(a, b));
    keys.dedup();
    // Prefix classes first: their key starts with a control character, before every word.
    let classes: std::collections::HashMap<String, Vec<u32>> = index
        .classes()
        .into_iter()
        .map(|p| (format!("{CLASS}{p}"), index.class_docs(&p)))
        .collect();
    let mut class_keys: Vec<String> = classes.keys().cloned().collect();
    class_keys.sort_by(|a, b| js_cmp(a, b));
    let keys: Vec<String> = class_keys.into_iter().chain(keys).collect();
    let no_norms: Vec<Option<FieldNormReader>> = (0..FIELDS.len()).map(|_| None).collect();

    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    // Term shards, and each key's document frequency per field (to weigh word forms).
    let mut weights: std::collections::HashMap<&str, [u64; FIELDS.len()]> =
        std::collections::HashMap::new();
    let mut shards = TermShards::default();
    let mut bits = Vec::new();
    for key in &keys {
        let mut lists: [(Vec<u32>, Vec<u32>); FIELDS.len()] = Default::default();
        if let Some(docs) = classes.get(key) {
            // A class: title documents only, without frequencies that count or norms.
            lists[0] = (docs.clone(), vec![1; docs.len()]);
            shards.push(
                key,
                term_entry(key, &lists, &no_norms, &mut bits),
                &mut files,
            );
            continue;
        }
        for (f, field) in index.fields.text.iter().enumerate() {
            let term = Term::from_field_text(*field, key);
            if let Some(mut p) = inverted[f].read_postings(&term, IndexRecordOption::WithFreqs)? {
                let (docs, tfs) = &mut lists[f];
                while p.doc() != TERMINATED {
                    docs.push(p.doc());
                    tfs.push(p.term_freq());
                    p.advance();
                }
            }
        }
        weights.insert(key, lists.each_ref().map(|(d, _)| d.len() as u64));
        shards.push(key, term_entry(key, &lists, &norms, &mut bits), &mut files);
    }
    let term_starts = shards.finish(&mut files);

    // Word-form shards: `form \t term \t weight \n`, the term left empty when it is the
    // form itself; then the same lines by the form read backwards.
    let weight = |form: &str, term: &str| -> u64 {
        let of = |key: &str| weights.get(key).copied().unwrap_or_default();
        let (names, text) = (of(form), of(term));
        names[..NAME_FIELDS].iter().sum::<u64>() + text[NAME_FIELDS..].iter().sum::<u64>()
    };
    let lines: Vec<(&String, String)> = index
        .forms
        .iter()
        .map(|(form, term)| {
            let stem = if form == term { "" } else { term.as_str() };
            (form, format!("{form}\t{stem}\t{}\n", weight(form, term)))
        })
        .collect();
    let mut by_form: Vec<(String, &str)> = lines
        .iter()
        .map(|(f, l)| (f.to_string(), l.as_str()))
        .collect();
    by_form.sort_by(|a, b| js_cmp(&a.0, &b.0));
    let form_starts = form_shards("w", &by_form, FORM_SHARD_BYTES, &mut files);
    let mut by_end: Vec<(String, &str)> = lines
        .iter()
        .map(|(f, l)| (f.chars().rev().collect(), l.as_str()))
        .collect();
    by_end.sort_by(|a, b| js_cmp(&a.0, &b.0));
    let end_starts = form_shards("r", &by_end, FORM_SHARD_BYTES, &mut files);
    // The forms of titles and names again, by their start and by their end, where the
    // corrections of a word the corpus has are looked for: far fewer than every form, in
    // smaller shards (a query reads some for each word of 5+ letters it has).
    let in_names = |form: &str| {
        weights
            .get(form)
            .is_some_and(|w| w[..NAME_FIELDS].iter().any(|&n| n > 0))
    };
    let by_name: Vec<(String, &str)> = by_form
        .iter()
        .filter(|(f, _)| in_names(f))
        .map(|(f, l)| (f.clone(), *l))
        .collect();
    let name_starts = form_shards("m", &by_name, NAME_FORM_SHARD_BYTES, &mut files);
    let mut by_name_end: Vec<(String, &str)> = by_name
        .iter()
        .map(|(f, l)| (f.chars().rev().collect(), *l))
        .collect();
    by_name_end.sort_by(|a, b| js_cmp(&a.0, &b.0));
    let name_end_starts = form_shards("n", &by_name_end, NAME_FORM_SHARD_BYTES, &mut files);

    // Cards.
    let per_file = index
        .docs
        .len()
        .div_ceil(MAX_CARD_FILES)
        .max(MIN_CARDS_PER_FILE);
    for (n, chunk) in index.docs.chunks(per_file).enumerate() {
        let cards: Vec<&SearchCard> = chunk.iter().map(|d| &d.card).collect();
        files.push((
            format!("c{n}.bin"),
            serde_json::to_vec(&cards).unwrap_or_default(),
        ));
    }

    // Facets: per facet, [id, label, first doc, gap, gap…], values in label order (years
    // from the latest).
    let mut facet_file = |name: &str, rows: Vec<Value>| {
        files.push((
            format!("f-{name}.bin"),
            serde_json::to_vec(&rows).unwrap_or_default(),
        ));
    };
    let mut years: BTreeMap<i32, Vec<u32>> = BTreeMap::new();
    for (ord, d) in index.docs.iter().enumerate() {
        if let Some(year) = d.year {
            years.entry(year).or_default().push(ord as u32);
        }
    }
    let years: Vec<Value> = years
        .into_iter()
        .rev()
        .map(|(year, docs)| facet_row(json!(year), &year.to_string(), &docs))
        .collect();
    facet_file("year", years);
    for (f, name) in FACETS.iter().enumerate() {
        let mut values: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
        for (ord, d) in index.docs.iter().enumerate() {
            for v in &d.facets[f] {
                values.entry(v).or_default().push(ord as u32);
            }
        }
        let mut list: Vec<(String, &str, Vec<u32>)> = values
            .into_iter()
            .map(|(id, docs)| {
                (
                    labels.facets[f]
                        .get(id)
                        .cloned()
                        .unwrap_or_else(|| id.to_string()),
                    id,
                    docs,
                )
            })
            .collect();
        list.sort_by(|a, b| js_cmp(&a.0, &b.0).then_with(|| a.1.cmp(b.1)));
        let rows: Vec<Value> = list
            .into_iter()
            .map(|(label, id, docs)| facet_row(json!(id), &label, &docs))
            .collect();
        facet_file(name, rows);
    }

    let files: SharedFiles = files
        .into_iter()
        .map(|(name, bytes)| (name, compress(&bytes)))
        .collect();
    let mut hash = Fnv::default();
    for (name, bytes) in &files {
        hash.write(name.as_bytes());
        hash.write(bytes);
    }
    let dir = format!("{:016x}", hash.0);

    // Kinds as ranges of documents.
    let mut kinds = Vec::new();
    let mut start = 0;
    for (ord, d) in index.docs.iter().enumerate() {
        if index.docs.get(ord + 1).is_none_or(|n| n.kind != d.kind) {
            kinds.push(json!([d.kind, start, ord + 1]));
            start = ord + 1;
        }
    }
    let manifest = json!({
        "version": 6,
        "lang": index.lang,
        "dir": dir,
        "docs": docs,
        "fields": FIELDS.iter().zip(tokens).zip(&norm_runs).map(|(((name, boost, rank), tokens), runs)| {
            let mut field = json!({ "name": name, "boost": boost, "rank": rank, "tokens": tokens });
            if let Some(runs) = runs {
                field["norms"] = json!(runs);
            }
            field
        }).collect::<Vec<_>>(),
        "nameFields": NAME_FIELDS,
        "makers": [SURNAMES, FORENAMES],
        "people": [PEOPLE_SURNAMES, PEOPLE_FORENAMES],
        "completions": COMPLETIONS,
        "shortPrefix": SHORT_PREFIX,
        "typoCandidates": TYPO_CANDIDATES,
        "terms": front_coded(&term_starts),
        "forms": front_coded(&form_starts),
        "ends": front_coded(&end_starts),
        "nameForms": front_coded(&name_starts),
        "nameEnds": front_coded(&name_end_starts),
        "cards": per_file,
        "kindLabels": labels.kinds,
        "kinds": kinds,
        "facets": std::iter::once("year").chain(FACETS).collect::<Vec<_>>(),
    });
    let mut out: SharedFiles = files
        .into_iter()
        .map(|(name, bytes)| (format!("{dir}/{name}"), bytes))
        .collect();
    out.push((
        "index.json".into(),
        Arc::new(serde_json::to_vec(&manifest).unwrap_or_default()),
    ));
    Ok(out)
}

/// Term shards as they fill: entries in key order, a new shard past [`TERM_SHARD_BYTES`].
#[derive(Default)]
struct TermShards<'a> {
    starts: Vec<String>,
    shard: Vec<u8>,
    count: u32,
    previous: Option<&'a str>,
}

impl<'a> TermShards<'a> {
    fn push(&mut self, key: &'a str, entry: Vec<u8>, files: &mut Vec<(String, Vec<u8>)>) {
        if self.count > 0 && self.shard.len() + entry.len() > TERM_SHARD_BYTES {
            self.flush(files);
        }
        if self.count == 0 {
            self.starts.push(separator(self.previous, key));
        }
        self.shard.extend(entry);
        self.count += 1;
        self.previous = Some(key);
    }

    fn flush(&mut self, files: &mut Vec<(String, Vec<u8>)>) {
        files.push((
            format!("t{}.bin", self.starts.len() - 1),
            with_count(self.count, &self.shard),
        ));
        self.shard.clear();
        self.count = 0;
    }

    /// The first key of each shard, once the last one is written.
    fn finish(mut self, files: &mut Vec<(String, Vec<u8>)>) -> Vec<String> {
        if self.count > 0 {
            self.flush(files);
        }
        self.starts
    }
}

/// Sorted keys as the manifest lists them: each one the length of the prefix it shares with
/// the key before it (in UTF-16 code units, as JavaScript slices strings, at most 79),
/// written as one character from `0` (code 48), then the rest of the key. Shard keys of a
/// large catalogue are thousands of near-neighbours: this takes about a sixth off the
/// gzipped manifest, which every visitor fetches before a first result.
fn front_coded(keys: &[String]) -> Vec<String> {
    const MAX_SHARED: usize = 79;
    let mut previous = "";
    keys.iter()
        .map(|key| {
            let chars = key
                .chars()
                .zip(previous.chars())
                .take_while(|(a, b)| a == b)
                .map(|(c, _)| c);
            let mut shared_units = 0;
            let mut shared_bytes = 0;
            for c in chars {
                if shared_units + c.len_utf16() > MAX_SHARED {
                    break;
                }
                shared_units += c.len_utf16();
                shared_bytes += c.len_utf8();
            }
            previous = key;
            let lead = char::from(b'0' + u8::try_from(shared_units).unwrap_or(0));
            format!("{lead}{}", &key[shared_bytes..])
        })
        .collect()
}

/// Shards of `lines` sorted by key, of about `bytes` each, named `<prefix><N>.bin`: the
/// first key of each.
fn form_shards(
    prefix: &str,
    lines: &[(String, &str)],
    bytes: usize,
    files: &mut Vec<(String, Vec<u8>)>,
) -> Vec<String> {
    let mut starts = Vec::new();
    let mut text = String::new();
    let mut previous: Option<&str> = None;
    for (key, line) in lines {
        if !text.is_empty() && text.len() + line.len() > bytes {
            files.push((
                format!("{prefix}{}.bin", starts.len() - 1),
                text.clone().into_bytes(),
            ));
            text.clear();
        }
        if text.is_empty() {
            starts.push(separator(previous, key));
        }
        text.push_str(line);
        previous = Some(key);
    }
    if !text.is_empty() {
        files.push((
            format!("{prefix}{}.bin", starts.len() - 1),
            text.into_bytes(),
        ));
    }
    starts
}

/// The shortest string that sorts after `previous` and not after `key`: what a shard
/// boundary needs to tell shards apart.
fn separator(previous: Option<&str>, key: &str) -> String {
    let Some(previous) = previous else {
        return String::new();
    };
    let mut end = 0;
    for (i, c) in key.char_indices() {
        end = i + c.len_utf8();
        if js_cmp(&key[..end], previous) == std::cmp::Ordering::Greater {
            break;
        }
    }
    key[..end].to_string()
}

/// A field's norm ids as runs `[first doc, id, first doc, id…]`. When documents come in
/// few runs of equal norms (the body, by the order of [`super::index::build`]), the manifest
/// carries them and the postings do not.
fn runs(norms: &FieldNormReader, docs: u32) -> Vec<u32> {
    let mut runs = Vec::new();
    let mut last = None;
    for doc in 0..docs {
        let id = norms.fieldnorm_id(doc);
        if last != Some(id) {
            runs.extend([doc, u32::from(id)]);
            last = Some(id);
        }
    }
    runs
}

/// One term of a term shard:
///
/// - the term (varint length, UTF-8), then its document frequency in each text field;
/// - for each field where it occurs, the Rice parameter of its document gaps (a byte);
/// - the length in bytes of a bit stream (LSB first) holding, field after field, the
///   document gaps (Rice-coded, gap = doc − previous doc − 1) then the term frequencies
///   less one (unary: ones ended by a zero);
/// - then, for each field whose norms the manifest does not give, one norm id per posting.
fn term_entry(
    key: &str,
    lists: &[(Vec<u32>, Vec<u32>); FIELDS.len()],
    norms: &[Option<FieldNormReader>],
    bits: &mut Vec<u8>,
) -> Vec<u8> {
    let mut entry = Vec::new();
    put_str(&mut entry, key);
    for (docs, _) in lists {
        put_varint(&mut entry, docs.len() as u64);
    }
    let mut writer = BitWriter::new(bits);
    for (docs, tfs) in lists.iter().filter(|(d, _)| !d.is_empty()) {
        let gaps: Vec<u32> = gaps(docs)
            .enumerate()
            .map(|(i, g)| g - u32::from(i > 0))
            .collect();
        let k = rice_parameter(&gaps);
        entry.push(k as u8);
        for gap in gaps {
            writer.unary(gap >> k);
            writer.bits(gap & ((1 << k) - 1), k);
        }
        for tf in tfs {
            writer.unary(tf - 1);
        }
    }
    writer.finish();
    put_varint(&mut entry, bits.len() as u64);
    entry.extend_from_slice(bits);
    for ((docs, _), norms) in lists.iter().zip(norms) {
        if let Some(norms) = norms {
            entry.extend(docs.iter().map(|d| norms.fieldnorm_id(*d)));
        }
    }
    entry
}

/// The Rice parameter that codes `gaps` in the fewest bits.
fn rice_parameter(gaps: &[u32]) -> u32 {
    let cost = |k: u32| -> u64 {
        gaps.iter()
            .map(|g| u64::from(g >> k) + 1 + u64::from(k))
            .sum()
    };
    let mean = gaps.iter().map(|g| u64::from(*g)).sum::<u64>() as f64 / gaps.len().max(1) as f64;
    let guess = (mean * std::f64::consts::LN_2).max(1.0).log2().floor() as u32;
    let guess = guess.min(MAX_RICE);
    (guess.saturating_sub(1)..=(guess + 1).min(MAX_RICE))
        .min_by_key(|k| cost(*k))
        .unwrap_or(0)
}

/// Rice parameters stay below this: a gap's low bits must fit a JavaScript integer
/// operation (and 2^24 documents is far beyond a catalogue).
const MAX_RICE: u32 = 24;

/// At most this many runs of field norms per field in the manifest (and never more than
/// one per 8 documents): past that, norms per posting cost less.
const MAX_NORM_RUNS: usize = 1024;

/// Writes bits least significant first, into a byte buffer it clears first.
struct BitWriter<'a> {
    out: &'a mut Vec<u8>,
    acc: u64,
    used: u32,
}

impl<'a> BitWriter<'a> {
    fn new(out: &'a mut Vec<u8>) -> Self {
        out.clear();
        BitWriter {
            out,
            acc: 0,
            used: 0,
        }
    }

    /// The low `n` bits of `value` (n ≤ 32).
    fn bits(&mut self, value: u32, n: u32) {
        self.acc |= u64::from(value) << self.used;
        self.used += n;
        while self.used >= 8 {
            self.out.push(self.acc as u8);
            self.acc >>= 8;
            self.used -= 8;
        }
    }

    /// `n` ones, then a zero.
    fn unary(&mut self, mut n: u32) {
        while n >= 24 {
            self.bits(0xff_ffff, 24);
            n -= 24;
        }
        self.bits((1 << n) - 1, n + 1);
    }

    fn finish(&mut self) {
        if self.used > 0 {
            self.out.push(self.acc as u8);
        }
        self.acc = 0;
        self.used = 0;
    }
}

/// A facet value as the runtime reads it: `[id, label, first doc, gap, gap…]`.
fn facet_row(id: Value, label: &str, docs: &[u32]) -> Value {
    let mut row = vec![id, json!(label)];
    row.extend(gaps(docs).map(|g| json!(g)));
    Value::Array(row)
}

/// Differences between consecutive documents, the first from 0.
fn gaps(docs: &[u32]) -> impl Iterator<Item = u32> + '_ {
    docs.iter().scan(0, |last, d| {
        let gap = d - *last;
        *last = *d;
        Some(gap)
    })
}

fn with_count(count: u32, body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len() + 5);
    put_varint(&mut out, u64::from(count));
    out.extend_from_slice(body);
    out
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_varint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// Gzip at the best level; the header carries no time, so builds are reproducible.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(
        Vec::with_capacity(bytes.len() / 3 + 32),
        Compression::best(),
    );
    encoder.write_all(bytes).expect("writing to memory");
    encoder.finish().expect("writing to memory")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the runtime's `unfront` does: slices in UTF-16 code units.
    fn unfront(coded: &[String]) -> Vec<String> {
        let mut previous: Vec<u16> = Vec::new();
        coded
            .iter()
            .map(|c| {
                let mut units = c.encode_utf16();
                let shared = usize::from(units.next().unwrap() - 48);
                previous.truncate(shared);
                previous.extend(units);
                String::from_utf16(&previous).unwrap()
            })
            .collect()
    }

    #[test]
    fn shard_keys_are_front_coded_and_read_back_as_javascript_slices_them() {
        let long = "a".repeat(100);
        let keys: Vec<String> = [
            "",
            "\u{1}2",
            "\u{1}36",
            "\u{1}été",
            "\u{1}éte",
            "\u{1}𝄞a",
            "\u{1}𝄞b",
            "\u{2}أطلس",
            "\u{2}أطلق",
            &format!("{long}b"),
            &format!("{long}c"),
        ]
        .iter()
        .map(|k| k.to_string())
        .collect();
        let coded = front_coded(&keys);
        assert_eq!(unfront(&coded), keys);
        // Shared prefixes are left out; a prefix longer than 79 units is cut at 79.
        assert_eq!(coded[2], "136");
        assert_eq!(coded[4], "3e");
        assert_eq!(coded[6], "3b"); // 𝄞 is two UTF-16 units
        assert_eq!(
            coded[10],
            format!("{}{}c", char::from(b'0' + 79), "a".repeat(21))
        );
        let plain: usize = keys.iter().map(String::len).sum();
        let front: usize = coded.iter().map(String::len).sum();
        assert!(front < plain, "{front} bytes front-coded, {plain} plain");
    }

    #[test]
    fn an_index_without_documents_exports() {
        let index = crate::search::build("fr", Vec::new()).unwrap();
        let files = export(&index, &Labels::default()).unwrap();
        let manifest = files.iter().find(|(name, _)| name == "index.json").unwrap();
        let manifest: Value = serde_json::from_slice(&manifest.1).unwrap();
        assert_eq!(manifest["docs"], 0);
    }

    /// The long-text field with more tokens, here the summary, orders the documents, so
    /// its norms are runs in the manifest and not one byte per posting.
    #[test]
    fn the_longer_long_text_field_has_its_norms_as_runs() {
        use crate::search::{SearchCard, SearchDoc};
        let words = ["river", "garden", "letter", "winter", "harbour", "lantern"];
        let docs = (0..64)
            .map(|i| {
                // Four lengths of summary, five of body, in no common order.
                let summary: Vec<&str> = (0..10 + i % 4).map(|w| words[w % 6]).collect();
                let body: Vec<&str> = (0..1 + i * 7 % 5).map(|w| words[5 - w]).collect();
                Arc::new(SearchDoc {
                    id: format!("d{i}"),
                    kind: 0,
                    year: Some(2000 + i as i32),
                    title: format!("Film {i}"),
                    directors: String::new(),
                    people: String::new(),
                    summary: summary.join(" "),
                    body: body.join(" "),
                    facets: Default::default(),
                    card: SearchCard {
                        title: format!("Film {i}"),
                        url: format!("/en/d{i}/"),
                        kind: 0,
                        year: None,
                        summary: String::new(),
                        image: None,
                        lang: None,
                    },
                })
            })
            .collect();
        let index = crate::search::build("en", docs).unwrap();
        let files = export(&index, &Labels::default()).unwrap();
        let manifest = files.iter().find(|(name, _)| name == "index.json").unwrap();
        let manifest: Value = serde_json::from_slice(&manifest.1).unwrap();
        let summary = &manifest["fields"][5];
        assert_eq!(summary["name"], "summary");
        assert!(summary["norms"].is_array(), "{summary}");
    }
}
