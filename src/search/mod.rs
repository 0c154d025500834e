//! Client-side search: one tantivy index per language, built in memory, exported into
//! static files that `vitrine-search.js` reads to rank by the rules of `rank.rs`.
//!
//! Tantivy analyses and indexes: titles and names by word form (every word kept, never
//! stemmed), long text by stem without stop words. The export writes the postings, the word
//! forms (by their start and by their end, for completions and typo candidates), cards and
//! facets. [`LangIndex::rank`] is the reference of the ranking rules: the tests require
//! the JavaScript runtime to give the same top 10.

pub mod analysis;
mod corpus;
pub mod export;
mod index;
mod query;
pub mod rank;

pub use corpus::Corpus;
pub use index::{
    FACETS, FIELDS, Fields, LangIndex, NAME_FIELDS, SearchCard, SearchDoc, build, js_cmp,
};
