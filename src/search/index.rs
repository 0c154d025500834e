//! The index of one language: its documents, tantivy's schema and analyzers, the word
//! forms of the corpus, and [`LangIndex::top`], tantivy's own ranking of a query.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, ConstScoreQuery, Occur, Query, TermQuery};
use tantivy::schema::{
    FAST, Field, IndexRecordOption, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DocId, Index, IndexWriter, TantivyDocument, Term};

use super::analysis::{self, FormStemmer, analyzer, form_analyzer, tokens};

/// The text fields, in the order of the exported postings, with their boosts.
pub const FIELDS: [(&str, f32); 4] = [
    ("title", 3.0),
    ("people", 2.0),
    ("summary", 1.5),
    ("body", 1.0),
];

/// How many terms the last word of a query may stand for, besides its own.
pub const PREFIX_TERMS: usize = 5;

/// The name of the analyzer registered with tantivy.
const ANALYZER: &str = "vitrine";

/// The multi-valued facets, as exported.
pub const FACETS: [&str; 3] = ["themes", "countries", "languages"];

/// A record as the search index of one language sees it.
#[derive(Debug, Clone)]
pub struct SearchDoc {
    /// Record id (for tests and ties).
    pub id: String,
    /// Position of the kind in `Kind::ALL`.
    pub kind: u8,
    /// Year shown on cards.
    pub year: Option<i32>,
    /// Title in the page's language.
    pub title: String,
    /// Names of the credited people.
    pub people: String,
    /// Summary.
    pub summary: String,
    /// Body as plain text.
    pub body: String,
    /// Facet values (`themes`, `countries`, `languages`): id per value.
    pub facets: [Vec<String>; 3],
    /// The result card.
    pub card: SearchCard,
}

/// What a result shows, kept small: it is fetched for every result.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SearchCard {
    /// Title.
    #[serde(rename = "t")]
    pub title: String,
    /// Page address.
    #[serde(rename = "u")]
    pub url: String,
    /// Kind, as a position in the manifest's kinds.
    #[serde(rename = "k")]
    pub kind: u8,
    /// Year.
    #[serde(rename = "y", skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// The summary, shortened.
    #[serde(rename = "s")]
    pub summary: String,
    /// Thumbnail address.
    #[serde(rename = "i", skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// Language of the text when it is borrowed from another language.
    #[serde(rename = "l", skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
}

/// The fields of the schema.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// Title, people, summary, body.
    pub text: [Field; 4],
    /// Kind position, as a string.
    pub kind: Field,
    /// Facet values.
    pub facets: [Field; 3],
    /// The document's position in [`LangIndex::docs`].
    pub ord: Field,
}

/// One language's index with the documents in index order.
pub struct LangIndex {
    /// Language code.
    pub lang: String,
    /// The tantivy index (one segment, none without documents; doc id = position in
    /// `docs`).
    pub index: Index,
    /// Fields.
    pub fields: Fields,
    /// Documents sorted by kind, body length, year and id: their positions are their doc
    /// ids. Within a kind, body field norms then never decrease, so the export gives them
    /// as runs instead of once per posting.
    pub docs: Vec<Arc<SearchDoc>>,
    /// Every word form of the corpus (folded, not stemmed) with its term.
    pub forms: BTreeMap<String, String>,
    /// A searcher over the finished index.
    pub searcher: tantivy::Searcher,
}

fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(ANALYZER)
            .set_index_option(IndexRecordOption::WithFreqs)
            .set_fieldnorms(true),
    );
    let fields = Fields {
        text: FIELDS.map(|(name, _)| builder.add_text_field(name, text.clone())),
        kind: builder.add_text_field("kind", STRING),
        facets: FACETS.map(|name| builder.add_text_field(name, STRING)),
        ord: builder.add_u64_field("ord", FAST),
    };
    (builder.build(), fields)
}

/// Builds the index of `lang` over `docs`.
/// Documents are shared so that `serve` can hand the same ones to each rebuild.
pub fn build(lang: &str, docs: Vec<Arc<SearchDoc>>) -> tantivy::Result<LangIndex> {
    let (forms, body_tokens) = word_forms(lang, &docs);
    index_in_order(
        lang,
        docs,
        &body_tokens,
        forms,
        analyzer(lang),
        &|d, field, text| {
            text.push_str([&d.title, &d.people, &d.summary, &d.body][field]);
        },
    )
}

/// The text of a document's field (by position in [`FIELDS`]), appended to a buffer.
pub type FieldText<'a> = dyn Fn(&SearchDoc, usize, &mut String) + 'a;

/// Indexes `docs` in the order of a full build, given each one's body token count, the
/// corpus's word forms, the tokenizer of the text fields and what it reads of each field.
pub(super) fn index_in_order(
    lang: &str,
    docs: Vec<Arc<SearchDoc>>,
    body_tokens: &[u32],
    forms: BTreeMap<String, String>,
    tokenizer: TextAnalyzer,
    text_of: &FieldText<'_>,
) -> tantivy::Result<LangIndex> {
    let mut order: Vec<(Arc<SearchDoc>, u32)> =
        docs.into_iter().zip(body_tokens.iter().copied()).collect();
    order.sort_by(|(a, an), (b, bn)| (a.kind, an, a.year, &a.id).cmp(&(b.kind, bn, b.year, &b.id)));
    let docs: Vec<Arc<SearchDoc>> = order.into_iter().map(|(d, _)| d).collect();
    let (schema, fields) = schema();
    let index = Index::create_in_ram(schema);
    index.tokenizers().register(ANALYZER, tokenizer);
    let mut writer: IndexWriter = index.writer_with_num_threads(1, 200_000_000)?;
    writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
    let mut text = String::new();
    for (ord, d) in docs.iter().enumerate() {
        let mut doc = TantivyDocument::default();
        for (f, field) in fields.text.iter().enumerate() {
            text.clear();
            text_of(d, f, &mut text);
            doc.add_text(*field, &text);
        }
        doc.add_text(fields.kind, d.kind.to_string());
        for (field, values) in fields.facets.iter().zip(&d.facets) {
            for v in values {
                doc.add_text(*field, v);
            }
        }
        doc.add_u64(fields.ord, ord as u64);
        writer.add_document(doc)?;
    }
    writer.commit()?;
    // A large catalogue may have been flushed in several segments: merge them, in the
    // order of their documents, so that doc ids are positions.
    let reader = index.reader()?;
    let searcher = reader.searcher();
    if searcher.segment_readers().len() > 1 {
        let mut segments: Vec<(u64, tantivy::index::SegmentId)> = searcher
            .segment_readers()
            .iter()
            .map(|s| {
                let first = s
                    .fast_fields()
                    .u64("ord")
                    .ok()
                    .and_then(|c| c.first(0))
                    .unwrap_or(0);
                (first, s.segment_id())
            })
            .collect();
        segments.sort();
        let ids: Vec<_> = segments.into_iter().map(|(_, id)| id).collect();
        writer.merge(&ids).wait()?;
    }
    writer.wait_merging_threads()?;
    let reader = index.reader()?;
    let searcher = reader.searcher();
    // No documents (a site without records yet) leave tantivy without any segment.
    let in_order = match searcher.segment_readers() {
        [] => docs.is_empty(),
        [segment] => {
            let column = segment.fast_fields().u64("ord")?;
            segment.max_doc() as usize == docs.len()
                && (0..segment.max_doc()).all(|d| column.first(d) == Some(u64::from(d)))
        }
        _ => false,
    };
    if !in_order {
        return Err(tantivy::TantivyError::InternalError(
            "the search index did not keep documents in order".into(),
        ));
    }
    Ok(LangIndex {
        lang: lang.to_string(),
        index,
        fields,
        docs,
        forms,
        searcher,
    })
}

/// Every word form of the corpus with its term, and the number of tokens of each
/// document's body (what tantivy counts for its field norm): one analysis pass, in parallel.
fn word_forms(lang: &str, docs: &[Arc<SearchDoc>]) -> (BTreeMap<String, String>, Vec<u32>) {
    use rayon::prelude::*;
    use std::collections::HashSet;
    let parts: Vec<(HashSet<String>, Vec<u32>)> = docs
        .par_chunks(256)
        .map(|chunk| {
            let mut analyzer = form_analyzer(lang);
            let mut seen = HashSet::new();
            let mut counts = Vec::with_capacity(chunk.len());
            for d in chunk {
                let mut body = 0;
                for (f, text) in [&d.title, &d.people, &d.summary, &d.body]
                    .into_iter()
                    .enumerate()
                {
                    let mut stream = analyzer.token_stream(text);
                    while stream.advance() {
                        body += u32::from(f == 3);
                        if !seen.contains(&stream.token().text) {
                            seen.insert(stream.token().text.clone());
                        }
                    }
                }
                counts.push(body);
            }
            (seen, counts)
        })
        .collect();
    let mut counts = Vec::with_capacity(docs.len());
    let mut seen = BTreeSet::new();
    for (forms, part) in parts {
        seen.extend(forms);
        counts.extend(part);
    }
    let mut stemmer = FormStemmer::new(lang);
    let forms = seen
        .into_iter()
        .map(|form| {
            let term = stemmer.stem(&form);
            (form, term)
        })
        .collect();
    (forms, counts)
}

/// Orders strings by UTF-16 code units, as JavaScript compares them.
pub fn js_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

impl LangIndex {
    /// Number of documents holding `term` in each text field.
    pub fn doc_freqs(&self, term: &str) -> [u64; 4] {
        let searcher = &self.searcher;
        self.fields.text.map(|f| {
            searcher
                .doc_freq(&Term::from_field_text(f, term))
                .unwrap_or(0)
        })
    }

    /// The terms a query stands for: each complete word through tantivy's analyzer, the
    /// last one (unless the query ends with a separator) expanded as a prefix of the
    /// corpus's word forms. Sorted and without duplicates.
    pub fn query_terms(&self, query: &str) -> Vec<String> {
        let mut words: Vec<&str> = Vec::new();
        let mut start = None;
        for (i, c) in query.char_indices() {
            match (c.is_alphanumeric(), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    words.push(&query[s..i]);
                    start = None;
                }
                _ => {}
            }
        }
        let prefix = start.map(|s| &query[s..]);
        let mut full = analyzer(&self.lang);
        let mut terms: BTreeSet<String> = BTreeSet::new();
        for word in words {
            terms.extend(tokens(&mut full, word));
        }
        if let Some(prefix) = prefix {
            terms.extend(self.expand(prefix));
        }
        let mut terms: Vec<String> = terms.into_iter().collect();
        terms.sort_by(|a, b| js_cmp(a, b));
        terms
    }

    /// The terms of the word forms starting with `prefix` (as typed: it is lower-cased
    /// and folded here): the form's own term first, then the most frequent.
    pub fn expand(&self, prefix: &str) -> Vec<String> {
        if prefix.len() >= analysis::MAX_TOKEN_BYTES {
            return Vec::new();
        }
        let lowered: String = prefix.chars().flat_map(char::to_lowercase).collect();
        let folded = analysis::fold(&lowered);
        let mut own = None;
        let mut others: BTreeMap<&str, u64> = BTreeMap::new();
        for (form, term) in self.forms.range(folded.clone()..) {
            if !form.starts_with(&folded) {
                break;
            }
            if *form == folded {
                own = Some(term.as_str());
            }
            others
                .entry(term)
                .or_insert_with(|| self.doc_freqs(term).iter().sum());
        }
        let mut ranked: Vec<(&str, u64)> = others
            .into_iter()
            .filter(|(t, _)| Some(*t) != own)
            .collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| js_cmp(a.0, b.0)));
        own.into_iter()
            .chain(ranked.into_iter().map(|(t, _)| t).take(PREFIX_TERMS))
            .map(str::to_string)
            .collect()
    }

    /// Tantivy's own top `limit` for an OR of `terms` over the boosted text fields, with
    /// an optional filter on the kind (which scores nothing): doc ids and scores.
    pub fn top(&self, terms: &[String], kind: Option<u8>, limit: usize) -> Vec<(DocId, f32)> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for term in terms {
            for (field, (_, boost)) in self.fields.text.iter().zip(FIELDS) {
                let q = TermQuery::new(
                    Term::from_field_text(*field, term),
                    IndexRecordOption::WithFreqs,
                );
                clauses.push((Occur::Should, Box::new(BoostQuery::new(Box::new(q), boost))));
            }
        }
        if clauses.is_empty() {
            return Vec::new();
        }
        let mut query: Box<dyn Query> = Box::new(BooleanQuery::new(clauses));
        if let Some(kind) = kind {
            let filter = TermQuery::new(
                Term::from_field_text(self.fields.kind, &kind.to_string()),
                IndexRecordOption::Basic,
            );
            query = Box::new(BooleanQuery::new(vec![
                (Occur::Must, query),
                (
                    Occur::Must,
                    Box::new(ConstScoreQuery::new(Box::new(filter), 0.0)),
                ),
            ]));
        }
        self.searcher
            .search(&query, &TopDocs::with_limit(limit).order_by_score())
            .unwrap_or_default()
            .into_iter()
            .map(|(score, address)| (address.doc_id, score))
            .collect()
    }
}
