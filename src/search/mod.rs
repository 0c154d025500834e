//! Client-side search: one tantivy index per language, built in memory, exported into
//! static files that `vitrine-search.js` reads to rank exactly as tantivy does.
//!
//! Tantivy is the analyzer, the indexer and the ranking oracle. A query is an OR of its
//! terms; each term is searched in the four text fields with their boosts and scores by
//! tantivy's BM25. Every word but the last is mapped to its term through the word forms
//! of the corpus; the last word is a prefix and stands for the terms of the corpus forms
//! that start with it (the form itself first, then the [`PREFIX_TERMS`] most frequent).
//! [`LangIndex::top`] runs such a query through tantivy itself: the tests compare the
//! JavaScript runtime against it.

pub mod analysis;
mod corpus;
pub mod export;
mod index;

pub use corpus::Corpus;
pub use index::{
    FACETS, FIELDS, Fields, LangIndex, PREFIX_TERMS, SearchCard, SearchDoc, build, js_cmp,
};
