//! The static form of a language's index, under `search/<lang>/`:
//!
//! - `index.json`, the manifest: document count, fields with boosts and token totals
//!   (tantivy's BM25 statistics), the first key of every shard, kinds and years as ranges
//!   of documents (documents are sorted by kind, then year), facet names, and the folder
//!   that holds the rest. It is the one file without a content hash in its path.
//! - `<hash>/t<N>.bin`: term shards, sorted by term. Each term has, per text field, its
//!   postings exactly as tantivy stores them: document, term frequency, field-norm id.
//! - `<hash>/w<N>.bin`: word-form shards, sorted by form: form, term, and the term's
//!   document frequency summed over fields (to rank prefix expansions).
//! - `<hash>/c<N>.bin`: result cards, a fixed number of documents per file.
//! - `<hash>/facets.bin`: per multi-valued facet, each value's label and documents.
//!
//! Shards, cards and facets are gzip streams whatever the server does: the runtime
//! inflates them with `DecompressionStream`. Keys are ordered by UTF-16 code units, as
//! JavaScript compares strings. `<hash>` covers every file, so a deployment never mixes
//! files of two builds.

use std::collections::BTreeMap;
use std::io::Write;

use flate2::Compression;
use flate2::write::GzEncoder;
use serde_json::{Value, json};
use tantivy::postings::Postings;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocSet, TERMINATED};

use super::{FACETS, FIELDS, LangIndex, js_cmp};
use crate::hash::Fnv;

/// Aimed size of a term or form shard before compression. A term larger than this has a
/// shard of its own.
const SHARD_BYTES: usize = 6 * 1024;

/// At most this many card files per language: past it, files hold more cards.
const MAX_CARD_FILES: usize = 6_000;

/// Labels the manifest and facets need, in the index's language.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Labels {
    /// Kind labels, in `Kind::ALL` order.
    pub kinds: Vec<String>,
    /// Per facet of [`FACETS`]: value id to label.
    pub facets: [BTreeMap<String, String>; 3],
}

/// Postings of one term in one field: (doc, term frequency, field-norm id).
type Postings3 = Vec<(u32, u32, u8)>;

/// The files of `index`, paths relative to `search/<lang>/`.
pub fn export(index: &LangIndex, labels: &Labels) -> tantivy::Result<Vec<(String, Vec<u8>)>> {
    let segment = &index.searcher.segment_readers()[0];
    let docs = segment.max_doc();
    let mut terms: BTreeMap<String, [Postings3; 4]> = BTreeMap::new();
    let mut tokens = [0u64; 4];
    for (f, field) in index.fields.text.iter().enumerate() {
        let inverted = segment.inverted_index(*field)?;
        let norms = segment.get_fieldnorms_reader(*field)?;
        tokens[f] = inverted.total_num_tokens();
        let mut stream = inverted.terms().stream()?;
        while stream.advance() {
            let key = String::from_utf8_lossy(stream.key()).into_owned();
            let mut postings = inverted
                .read_postings_from_terminfo(stream.value(), IndexRecordOption::WithFreqs)?;
            let mut list = Vec::with_capacity(stream.value().doc_freq as usize);
            while postings.doc() != TERMINATED {
                let doc = postings.doc();
                list.push((doc, postings.term_freq(), norms.fieldnorm_id(doc)));
                postings.advance();
            }
            terms.entry(key).or_default()[f] = list;
        }
    }
    let mut keys: Vec<&String> = terms.keys().collect();
    keys.sort_by(|a, b| js_cmp(a, b));

    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    // Term shards.
    let mut term_starts = Vec::new();
    let mut shard = Vec::new();
    let mut count = 0u32;
    let mut previous: Option<&str> = None;
    for key in &keys {
        let mut entry = Vec::new();
        put_str(&mut entry, key);
        let lists = &terms[*key];
        for list in lists {
            put_varint(&mut entry, list.len() as u64);
        }
        for list in lists.iter().filter(|l| !l.is_empty()) {
            let mut last = 0;
            for (doc, _, _) in list {
                put_varint(&mut entry, u64::from(doc - last));
                last = *doc;
            }
            for (_, tf, _) in list {
                put_varint(&mut entry, u64::from(*tf));
            }
            entry.extend(list.iter().map(|(_, _, norm)| *norm));
        }
        if count > 0 && shard.len() + entry.len() > SHARD_BYTES {
            files.push((
                format!("t{}.bin", term_starts.len() - 1),
                with_count(count, &shard),
            ));
            shard.clear();
            count = 0;
        }
        if count == 0 {
            term_starts.push(separator(previous, key));
        }
        shard.extend(entry);
        count += 1;
        previous = Some(key);
    }
    if count > 0 {
        files.push((
            format!("t{}.bin", term_starts.len() - 1),
            with_count(count, &shard),
        ));
    }

    // Word-form shards: `form \t term \t weight \n`, the term left empty when it is the
    // form itself.
    let mut forms: Vec<(&String, &String)> = index.forms.iter().collect();
    forms.sort_by(|a, b| js_cmp(a.0, b.0));
    let mut form_starts = Vec::new();
    let mut text = String::new();
    let mut previous: Option<&str> = None;
    for (form, term) in forms {
        let weight: usize = terms.get(term).map_or(0, |l| l.iter().map(Vec::len).sum());
        let line = format!(
            "{form}\t{}\t{weight}\n",
            if form == term { "" } else { term.as_str() }
        );
        if !text.is_empty() && text.len() + line.len() > SHARD_BYTES {
            files.push((
                format!("w{}.bin", form_starts.len() - 1),
                text.clone().into_bytes(),
            ));
            text.clear();
        }
        if text.is_empty() {
            form_starts.push(separator(previous, form));
        }
        text.push_str(&line);
        previous = Some(form);
    }
    if !text.is_empty() {
        files.push((format!("w{}.bin", form_starts.len() - 1), text.into_bytes()));
    }

    // Cards.
    let per_file = index.docs.len().div_ceil(MAX_CARD_FILES).max(8);
    for (n, chunk) in index.docs.chunks(per_file).enumerate() {
        let cards: Vec<&super::SearchCard> = chunk.iter().map(|d| &d.card).collect();
        files.push((
            format!("c{n}.bin"),
            serde_json::to_vec(&cards).unwrap_or_default(),
        ));
    }

    // Facets: per facet, [id, label, first doc, gap, gap…], values in label order.
    let mut facets = serde_json::Map::new();
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
            .map(|(label, id, docs)| {
                let mut row = vec![json!(id), json!(label)];
                let mut last = 0;
                for d in docs {
                    row.push(json!(d - last));
                    last = d;
                }
                Value::Array(row)
            })
            .collect();
        facets.insert((*name).to_string(), Value::Array(rows));
    }
    files.push((
        "facets.bin".into(),
        serde_json::to_vec(&facets).unwrap_or_default(),
    ));

    let files: Vec<(String, Vec<u8>)> = files
        .into_iter()
        .map(|(name, bytes)| (name, gzip(&bytes)))
        .collect();
    let mut hash = Fnv::default();
    for (name, bytes) in &files {
        hash.write(name.as_bytes());
        hash.write(bytes);
    }
    let dir = format!("{:016x}", hash.0);

    // Kinds and years as ranges of documents.
    let mut kinds = Vec::new();
    let mut years = Vec::new();
    let mut start = 0;
    for (ord, d) in index.docs.iter().enumerate() {
        let next = index.docs.get(ord + 1);
        if next.is_none_or(|n| n.kind != d.kind || n.year != d.year) {
            years.push(json!([d.year, start, ord + 1]));
            start = ord + 1;
        }
    }
    let mut start = 0;
    for (ord, d) in index.docs.iter().enumerate() {
        if index.docs.get(ord + 1).is_none_or(|n| n.kind != d.kind) {
            kinds.push(json!([d.kind, start, ord + 1]));
            start = ord + 1;
        }
    }
    let manifest = json!({
        "version": 1,
        "lang": index.lang,
        "dir": dir,
        "docs": docs,
        "fields": FIELDS.iter().zip(tokens).map(|((name, boost), tokens)| json!({
            "name": name, "boost": boost, "tokens": tokens,
        })).collect::<Vec<_>>(),
        "prefix": super::PREFIX_TERMS,
        "terms": term_starts,
        "forms": form_starts,
        "cards": per_file,
        "kindLabels": labels.kinds,
        "kinds": kinds,
        "years": years,
        "facets": FACETS,
    });
    let mut out: Vec<(String, Vec<u8>)> = files
        .into_iter()
        .map(|(name, bytes)| (format!("{dir}/{name}"), bytes))
        .collect();
    out.push((
        "index.json".into(),
        serde_json::to_vec(&manifest).unwrap_or_default(),
    ));
    Ok(out)
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
