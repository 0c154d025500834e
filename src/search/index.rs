//! The index of one language: its documents, tantivy's schema and analyzers, and the word
//! forms of the corpus. The ranking over it is in `rank.rs`.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use serde::Serialize;
use tantivy::schema::{
    FAST, Field, IndexRecordOption, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Index, IndexWriter, TantivyDocument, Term};

use super::analysis::{self, FormStemmer, analyzer, form_analyzer, name_analyzer};

/// The text fields, in the order of the exported postings, with their BM25 boosts (BM25
/// only breaks the ties the rules leave) and their rank in the field ranking rule. The
/// names of directors and authors are two fields of one rank: their surnames (the last
/// word of each name) and their other words, so that a query equal to a maker's surname
/// is told from one word of a longer title (the exactness rule, in `rank.rs`); the names
/// of the other people (performers, other credits) likewise, a rank below.
pub const FIELDS: [(&str, f32, u8); 7] = [
    ("title", 3.0, 0),
    ("surnames", 2.5, 1),
    ("forenames", 2.5, 1),
    ("people-surnames", 2.0, 2),
    ("people-forenames", 2.0, 2),
    ("summary", 1.5, 3),
    ("body", 1.0, 4),
];

/// Fields before this one hold titles and names: word forms as terms, every word kept.
/// The others hold long text: stop words dropped, stemmed.
pub const NAME_FIELDS: usize = 5;

/// The position in [`FIELDS`] of makers' surnames.
pub const SURNAMES: usize = 1;

/// The position in [`FIELDS`] of the makers' other names.
pub const FORENAMES: usize = 2;

/// The position in [`FIELDS`] of the other people's surnames.
pub const PEOPLE_SURNAMES: usize = 3;

/// The position in [`FIELDS`] of the other people's other names.
pub const PEOPLE_FORENAMES: usize = 4;

/// The positions in [`FIELDS`] of the summary and the body: the norms of one of them
/// order the documents.
pub(super) const LONG_TEXT: [usize; 2] = [5, 6];

/// The names of the analyzers registered with tantivy: long text, titles and names.
const ANALYZER: &str = "vitrine";
const NAMES: &str = "vitrine-names";

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
    /// Names of the directors and authors (the people a work is known by).
    pub directors: String,
    /// Names of the other credited people.
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

impl SearchDoc {
    /// The texts of the fields, in the order of [`FIELDS`].
    pub fn texts(&self) -> [Cow<'_, str>; FIELDS.len()] {
        let (surnames, forenames) = split_names(&self.directors);
        let (people_surnames, people_forenames) = split_names(&self.people);
        [
            Cow::Borrowed(self.title.as_str()),
            surnames,
            forenames,
            people_surnames,
            people_forenames,
            Cow::Borrowed(self.summary.as_str()),
            Cow::Borrowed(self.body.as_str()),
        ]
    }
}

/// Names, one per line, as (their surnames, their other words). Credits write a name given
/// names first ("Victor Hugo": the surname is the last word) or, as library catalogues do,
/// surname first ("Hugo, Victor", "Le Fanu, Joseph Sheridan": the surname is what comes
/// before the comma). A generational suffix is not a surname: "Martin Luther King, Jr." and
/// "Sammy Davis Jr." are Kings and Davises.
fn split_names(names: &str) -> (Cow<'_, str>, Cow<'_, str>) {
    if names.is_empty() {
        return (Cow::Borrowed(""), Cow::Borrowed(""));
    }
    let mut surnames = String::new();
    let mut forenames = String::new();
    for name in names.lines() {
        let (surname, others) = split_name(name);
        surnames.push_str(surname);
        surnames.push('\n');
        for part in others.into_iter().filter(|p| !p.is_empty()) {
            forenames.push_str(part);
            forenames.push(' ');
        }
        forenames.push('\n');
    }
    (Cow::Owned(surnames), Cow::Owned(forenames))
}

/// One name as (its surname, its other parts), see [`split_names`].
fn split_name(name: &str) -> (&str, [&str; 3]) {
    let (head, tail) = match name.split_once(',') {
        Some((head, tail)) if !is_suffix(tail) => return (head, [tail, "", ""]),
        Some((head, tail)) => (head, tail),
        None => (name, ""),
    };
    // The last word of `head`, or the word before it when it is a suffix.
    let mut end = trim_end_to_word(head);
    let mut start = last_word_start(&head[..end]);
    if start > 0 && is_suffix(&head[start..end]) {
        end = trim_end_to_word(&head[..start]);
        start = last_word_start(&head[..end]);
    }
    (&head[start..end], [&head[..start], &head[end..], tail])
}

/// The end of `text` without what follows its last letter or digit.
fn trim_end_to_word(text: &str) -> usize {
    text.trim_end_matches(|c: char| !c.is_alphanumeric()).len()
}

/// Where the last word of `text` starts (`text` ends with a letter or digit).
fn last_word_start(text: &str) -> usize {
    text.char_indices()
        .rev()
        .find(|(_, c)| !c.is_alphanumeric())
        .map_or(0, |(i, c)| i + c.len_utf8())
}

/// Whether `word` is a generational suffix ("Jr.", "Sr", "III"), not a surname.
fn is_suffix(word: &str) -> bool {
    let word = word.trim().trim_end_matches('.');
    ["jr", "sr", "ii", "iii", "iv", "fils", "père", "pere"]
        .iter()
        .any(|s| word.eq_ignore_ascii_case(s))
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
    /// The text fields of [`FIELDS`].
    pub text: [Field; FIELDS.len()],
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
    /// Documents sorted by kind, length of the long-text field with the most tokens (the
    /// body, or the summary when summaries are the longer text), year and id: their
    /// positions are their doc ids. Within a kind, that field's norms then never decrease,
    /// so the export gives them as runs instead of once per posting (where most postings
    /// of long text are, one byte each: 16 KB for a word in every summary).
    pub docs: Vec<Arc<SearchDoc>>,
    /// Every word form of the corpus (folded, not stemmed) with its term.
    pub forms: BTreeMap<String, String>,
    /// A searcher over the finished index.
    pub searcher: tantivy::Searcher,
}

fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let text = |tokenizer: &str| {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(tokenizer)
                .set_index_option(IndexRecordOption::WithFreqs)
                .set_fieldnorms(true),
        )
    };
    let mut f = 0;
    let fields = Fields {
        text: FIELDS.map(|(name, _, _)| {
            f += 1;
            builder.add_text_field(name, text(if f <= NAME_FIELDS { NAMES } else { ANALYZER }))
        }),
        kind: builder.add_text_field("kind", STRING),
        facets: FACETS.map(|name| builder.add_text_field(name, STRING)),
        ord: builder.add_u64_field("ord", FAST),
    };
    (builder.build(), fields)
}

/// Builds the index of `lang` over `docs`.
/// Documents are shared so that `serve` can hand the same ones to each rebuild.
pub fn build(lang: &str, docs: Vec<Arc<SearchDoc>>) -> tantivy::Result<LangIndex> {
    let (forms, tokens) = word_forms(lang, &docs);
    index_in_order(
        lang,
        docs,
        &tokens,
        forms,
        [name_analyzer(lang), analyzer(lang)],
        &|d, field, text| {
            text.push_str(&d.texts()[field]);
        },
    )
}

/// The text of a document's field (by position in [`FIELDS`]), appended to a buffer.
pub type FieldText<'a> = dyn Fn(&SearchDoc, usize, &mut String) + 'a;

/// Indexes `docs` in the order of a full build, given each one's summary and body token
/// counts ([`LONG_TEXT`]), the
/// corpus's word forms, the tokenizers of the name and text fields and what they read of
/// each field.
pub(super) fn index_in_order(
    lang: &str,
    docs: Vec<Arc<SearchDoc>>,
    tokens: &[[u32; 2]],
    forms: BTreeMap<String, String>,
    [names, tokenizer]: [TextAnalyzer; 2],
    text_of: &FieldText<'_>,
) -> tantivy::Result<LangIndex> {
    // The long-text field with more tokens in all orders the documents (the body unless
    // the summaries say more).
    let total = |i: usize| tokens.iter().map(|t| u64::from(t[i])).sum::<u64>();
    let by = usize::from(total(0) <= total(1));
    let mut order: Vec<(Arc<SearchDoc>, u32)> =
        docs.into_iter().zip(tokens.iter().map(|t| t[by])).collect();
    order.sort_by(|(a, an), (b, bn)| (a.kind, an, a.year, &a.id).cmp(&(b.kind, bn, b.year, &b.id)));
    let docs: Vec<Arc<SearchDoc>> = order.into_iter().map(|(d, _)| d).collect();
    let (schema, fields) = schema();
    let index = Index::create_in_ram(schema);
    index.tokenizers().register(ANALYZER, tokenizer);
    index.tokenizers().register(NAMES, names);
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
/// Stop words of long text are neither forms nor body tokens (the text analyzer drops them).
fn word_forms(lang: &str, docs: &[Arc<SearchDoc>]) -> (BTreeMap<String, String>, Vec<[u32; 2]>) {
    use rayon::prelude::*;
    use std::collections::HashSet;
    let parts: Vec<(HashSet<String>, Vec<[u32; 2]>)> = docs
        .par_chunks(256)
        .map(|chunk| {
            let mut analyzer = form_analyzer(lang);
            let mut seen = HashSet::new();
            let mut counts = Vec::with_capacity(chunk.len());
            for d in chunk {
                let mut long = [0; 2];
                for (f, text) in d.texts().into_iter().enumerate() {
                    let mut stream = analyzer.token_stream(&text);
                    while stream.advance() {
                        if f >= NAME_FIELDS && analysis::is_stop(lang, &stream.token().text) {
                            continue;
                        }
                        for (n, field) in long.iter_mut().zip(LONG_TEXT) {
                            *n += u32::from(f == field);
                        }
                        if !seen.contains(&stream.token().text) {
                            seen.insert(stream.token().text.clone());
                        }
                    }
                }
                counts.push(long);
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
    pub fn doc_freqs(&self, term: &str) -> [u64; FIELDS.len()] {
        let searcher = &self.searcher;
        self.fields.text.map(|f| {
            searcher
                .doc_freq(&Term::from_field_text(f, term))
                .unwrap_or(0)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(names: &str) -> (String, String) {
        let (s, f) = split_names(names);
        (
            s.into_owned(),
            f.split_whitespace().collect::<Vec<_>>().join(" "),
        )
    }

    #[test]
    fn the_surname_is_the_last_word_or_what_comes_before_a_comma() {
        assert_eq!(split("Orson Welles").0, "Welles\n");
        assert_eq!(split("Hugo, Victor").0, "Hugo\n");
        assert_eq!(split("Hugo, Victor").1, "Victor");
        assert_eq!(split("Le Fanu, Joseph Sheridan").0, "Le Fanu\n");
        assert_eq!(
            split("Lytton, Edward Bulwer Lytton, Baron").1,
            "Edward Bulwer Lytton, Baron"
        );
        assert_eq!(split("Agnès Varda\nHugo, Victor").0, "Varda\nHugo\n");
    }

    #[test]
    fn a_generational_suffix_is_not_a_surname() {
        assert_eq!(split("Martin Luther King, Jr.").0, "King\n");
        assert_eq!(split("Martin Luther King, Jr.").1, "Martin Luther Jr.");
        assert_eq!(split("Sammy Davis Jr.").0, "Davis\n");
        assert_eq!(split("Alexandre Dumas fils").0, "Dumas\n");
        // A one-word name stays its own surname.
        assert_eq!(split("Jr.").0, "Jr\n");
    }
}
