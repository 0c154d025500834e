//! The ranking rules of vitrine's search, in Rust: the reference that `vitrine-search.js`
//! must equal (the suite runs the same queries through both and compares the top 10).
//! It reads tantivy's postings, field norms and the corpus's word forms, the data the
//! export writes; it does not build the static files and is not used by the build.
//!
//! A query is a list of words (folded as indexed); the last one is a prefix unless the
//! query ends with a separator. Each word stands for candidates:
//! - the word itself, when the corpus has it;
//! - for the last word, its completions: the [`COMPLETIONS`] most frequent forms that
//!   start with it; a prefix of 1 or 2 letters stands instead for its class, the titles
//!   that have a word starting with it (exported as a list of its own, key [`CLASS`] and
//!   the prefix), which counts only for documents that match another word of the query
//!   (unless it is the only word), so that a letter or two narrow instead of flooding;
//! - when the word has 5 letters or more: forms within 1 typo, 2 from 9 letters
//!   (Levenshtein distance, a swap of two neighbours counting as one), the
//!   [`TYPO_CANDIDATES`] closest then most frequent, taken among the forms that share its
//!   first two letters or its last three. A word the corpus has, or a last word that
//!   completes, is looked up too, as Meilisearch does, since a typo can make another real
//!   word or the start of one (house, horse; rocker, locker; space typed spade, which
//!   completes to spades); its corrections rank below it and its completions by the typo
//!   rule and are searched in titles and names only: that is where a real-word typo hides
//!   what the visitor looks for, and the long-text postings of common words would cost
//!   bytes. So its candidates are the forms of titles and names only, exported by start
//!   and by end apart from every form (a fraction of the size).
//! - a single letter being typed stands for itself as a word of titles only: it starts a
//!   title's word more often than it is an initial in a name ("The H", not "Dwight H.").
//!
//! Titles and names are searched by form, long text by the form's stem. Documents are
//! ordered by, in turn: more query words matched; fewer typos (a word that is corrected in
//! titles and names and found as typed only in long text counts one: "The falling" finds
//! "The Calling" before the summaries that say "falling"); the words found as typed
//! (per word, 0 as a word of a title or name, 1 as a completion there or as a word of long
//! text only, 2 as a completion in long text; the sum: see [`how`]); exactness (first the
//! whole title equal to the query, or the query equal to a director's or author's name,
//! whole or its last words: "Jackson", "Peter Jackson", as people are named; then a query
//! of one word equal to another person's surname, a performer's: "Stone" finds Oliver
//! Stone's films, then Sharon Stone's, then "Romancing the Stone"; one word of a longer
//! title is not exact); the fields matched (the sum over words of the rank of each
//! word's best field: title, directors and authors, other people, summary, body); fewer
//! words of the title left out by the query's words ("Night Watch" before "His Night Out",
//! the short title BM25's length norm favours only weakly against a match in a summary);
//! BM25 (tantivy's, with field boosts, summed over every candidate matched); the
//! document's position. Proximity is not a rule: the index keeps no positions (they would
//! cost bytes on every query); the field rule stands in for it, words of one title ranking
//! first.

use std::collections::HashSet;

use tantivy::postings::Postings;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocSet, TERMINATED, Term};

use super::index::{FIELDS, FORENAMES, LangIndex, NAME_FIELDS, PEOPLE_SURNAMES, SURNAMES, js_cmp};
pub use super::query::{distance, max_typos, query_words};

/// How many completions the last word may stand for.
pub const COMPLETIONS: usize = 16;

/// How many corrected forms a mistyped word may stand for.
pub const TYPO_CANDIDATES: usize = 8;

/// A prefix of at most this many letters stands for its class of titles.
pub const SHORT_PREFIX: usize = 2;

/// The first character of the key of a prefix class (sorts before every word).
pub const CLASS: char = '\u{1}';

/// One form a query word stands for.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// The word form.
    pub form: String,
    /// Its stem (the key of long text).
    pub term: String,
    /// Typos from the word typed.
    pub typos: u8,
    /// Whether it completes the word rather than equals it.
    pub prefix: bool,
    /// Fields searched: the first `fields` of [`FIELDS`].
    pub fields: usize,
}

/// A ranked query.
#[derive(Debug, Clone, Default)]
pub struct Ranked {
    /// Per query word, its candidates.
    pub words: Vec<Vec<Candidate>>,
    /// Every matching document kept by the filter, by document id.
    pub matched: Vec<u32>,
    /// The best `limit`, best first, with their BM25 score.
    pub top: Vec<(u32, f32)>,
}

/// How a query word is found, as the completion rule compares it: 0 as a word of a title
/// or name, 1 completed in a title or name or as a word of long text only, 2 completed in
/// long text. A word being typed that completes to a word of a title counts as much as the
/// word found in a summary: "Super" finds "Superbad" before the films whose summary says
/// "super", and still the films titled with the word "super" first.
fn how(prefix: bool, field: usize) -> u8 {
    match (field < NAME_FIELDS, prefix) {
        (true, false) => 0,
        (true, true) | (false, false) => 1,
        (false, true) => 2,
    }
}

/// Per document, what the rules compare.
struct Tally {
    words: Vec<u8>,
    typos: Vec<u16>,
    prefix: Vec<u8>,
    fields: Vec<u16>,
    /// Query words equal to a word of the title.
    exact: Vec<u8>,
    /// Words of the title, when a candidate matched it (0 otherwise).
    title_words: Vec<u32>,
    title_len: Vec<u32>,
    /// Occurrences in the title of the query's distinct words.
    title_tf: Vec<u32>,
    /// Query words equal to a word of a maker's name.
    maker: Vec<u8>,
    /// Whether the last query word is equal to a maker's surname.
    surname: Vec<bool>,
    /// Whether the last query word is equal to another person's surname.
    person_surname: Vec<bool>,
    score: Vec<f32>,
}

const K1: f32 = 1.2;
const B: f32 = 0.75;

impl LangIndex {
    /// Documents holding `form` (titles and names) or its stem `term` (long text), summed
    /// over fields: the weight of a form.
    pub fn weight(&self, form: &str, term: &str) -> u64 {
        let names = self.doc_freqs(form);
        let text = self.doc_freqs(term);
        names[..NAME_FIELDS].iter().sum::<u64>() + text[NAME_FIELDS..].iter().sum::<u64>()
    }

    fn candidate(&self, form: &str, typos: u8, prefix: bool, fields: usize) -> Candidate {
        Candidate {
            form: form.to_string(),
            term: self.forms.get(form).cloned().unwrap_or_default(),
            typos,
            prefix,
            fields,
        }
    }

    /// The candidates of each word of `query`.
    pub fn candidates(&self, query: &str) -> Vec<Vec<Candidate>> {
        let words = query_words(query);
        words
            .iter()
            .map(|(word, prefix)| {
                let mut out = Vec::new();
                let own = self.forms.contains_key(word);
                if own {
                    // A letter being typed starts a word of a title: as a word, it is
                    // searched in titles only (an initial in a name is not what is typed).
                    let single = *prefix && word.chars().count() == 1;
                    let fields = if single { 1 } else { FIELDS.len() };
                    out.push(self.candidate(word, 0, false, fields));
                }
                if *prefix && word.chars().count() <= SHORT_PREFIX {
                    out.push(Candidate {
                        form: format!("{CLASS}{word}"),
                        term: String::new(),
                        typos: 0,
                        prefix: true,
                        fields: 1,
                    });
                } else if *prefix {
                    let mut completions: Vec<(u64, &str)> = self
                        .forms
                        .range::<str, _>((
                            std::ops::Bound::Excluded(word.as_str()),
                            std::ops::Bound::Unbounded,
                        ))
                        .take_while(|(f, _)| f.starts_with(word.as_str()))
                        .map(|(f, t)| (self.weight(f, t), f.as_str()))
                        .collect();
                    completions.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| js_cmp(a.1, b.1)));
                    for (_, f) in completions.into_iter().take(COMPLETIONS) {
                        out.push(self.candidate(f, 0, true, FIELDS.len()));
                    }
                }
                // A word the corpus has, or completes, is corrected in titles and names
                // only ("Lost in Spade": `spade` completes to `spades`, not to `space`).
                let completed = out.iter().any(|c| c.prefix);
                let names = own || completed;
                if !completed || *prefix {
                    let typos = self.typo_candidates(word, names);
                    out.extend(typos.into_iter().filter(|c| c.form != *word).map(|mut c| {
                        if names {
                            c.fields = NAME_FIELDS;
                        }
                        c
                    }));
                }
                out
            })
            .collect()
    }

    /// The documents whose title has a word starting with `prefix`, in order.
    pub fn class_docs(&self, prefix: &str) -> Vec<u32> {
        let Some(segment) = self.searcher.segment_readers().first() else {
            return Vec::new();
        };
        let Ok(inverted) = segment.inverted_index(self.fields.text[0]) else {
            return Vec::new();
        };
        let mut docs = Vec::new();
        let forms = self.forms.range::<str, _>((
            std::ops::Bound::Included(prefix),
            std::ops::Bound::Unbounded,
        ));
        for (form, _) in forms.take_while(|(f, _)| f.starts_with(prefix)) {
            let term = Term::from_field_text(self.fields.text[0], form);
            if let Ok(Some(mut p)) = inverted.read_postings(&term, IndexRecordOption::Basic) {
                while p.doc() != TERMINATED {
                    docs.push(p.doc());
                    p.advance();
                }
            }
        }
        docs.sort_unstable();
        docs.dedup();
        docs
    }

    /// The prefix classes of the titles: the first 1 to [`SHORT_PREFIX`] letters of their
    /// words.
    pub fn classes(&self) -> Vec<String> {
        let mut out = std::collections::BTreeSet::new();
        for form in self.forms.keys() {
            if self.doc_freqs(form)[0] == 0 {
                continue;
            }
            let mut prefix = String::new();
            for c in form.chars().take(SHORT_PREFIX) {
                prefix.push(c);
                out.insert(prefix.clone());
            }
        }
        out.into_iter().collect()
    }

    /// Whether `form` is a word of a title or a name.
    pub fn is_name_form(&self, form: &str) -> bool {
        self.doc_freqs(form)[..NAME_FIELDS].iter().any(|&n| n > 0)
    }

    /// Forms within the typos allowed of `word`, sharing its first two letters or its
    /// last three (every form when the corpus lacks `word`, only the forms of titles and
    /// names when it has it: its corrections are searched there): the closest, then the
    /// most frequent.
    fn typo_candidates(&self, word: &str, own: bool) -> Vec<Candidate> {
        let chars: Vec<char> = word.chars().collect();
        let max = max_typos(chars.len());
        if max == 0 {
            return Vec::new();
        }
        let head: String = chars[..2].iter().collect();
        let tail: String = chars[chars.len() - 3..].iter().collect();
        let mut found: Vec<(usize, u64, &str)> = Vec::new();
        for (form, term) in &self.forms {
            if !(form.starts_with(&head) || form.ends_with(&tail))
                || (own && !self.is_name_form(form))
            {
                continue;
            }
            let other: Vec<char> = form.chars().collect();
            if let Some(d) = distance(&chars, &other, max) {
                found.push((d, self.weight(form, term), form));
            }
        }
        found.sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then(b.1.cmp(&a.1))
                .then_with(|| js_cmp(a.2, b.2))
        });
        found
            .into_iter()
            .take(TYPO_CANDIDATES)
            .map(|(d, _, f)| self.candidate(f, d as u8, false, FIELDS.len()))
            .collect()
    }

    /// Ranks `query` by the rules of this module, keeping the documents of `kind` when
    /// given: every match and the best `limit`.
    pub fn rank(&self, query: &str, kind: Option<u8>, limit: usize) -> Ranked {
        let words = self.candidates(query);
        let Some(segment) = self.searcher.segment_readers().first() else {
            return Ranked {
                words,
                ..Ranked::default()
            };
        };
        let n = segment.max_doc() as usize;
        let mut t = Tally {
            words: vec![0; n],
            typos: vec![0; n],
            prefix: vec![0; n],
            fields: vec![0; n],
            exact: vec![0; n],
            title_words: vec![0; n],
            title_len: vec![0; n],
            title_tf: vec![0; n],
            maker: vec![0; n],
            surname: vec![false; n],
            person_surname: vec![false; n],
            score: vec![0.0; n],
        };
        let mut best = vec![u8::MAX; n];
        let mut any = vec![false; n];
        let several = words.len() > 1;
        let forms = query_words(query);
        for (w, candidates) in words.iter().enumerate() {
            let last = w + 1 == words.len();
            let repeated = forms[..w].iter().any(|(f, _)| *f == forms[w].0);
            let mut touched = Vec::new();
            let mut seen = HashSet::new();
            let mut exact_here = vec![false; n];
            let mut maker_here = vec![false; n];
            // A word the corpus has and corrects in titles and names: found as typed only
            // in long text, it counts as one typo, as much as a correction in a title.
            let corrected =
                candidates.iter().any(|c| c.typos == 0) && candidates.iter().any(|c| c.typos > 0);
            for c in candidates {
                if let Some(prefix) = c.form.strip_prefix(CLASS) {
                    // No score: a class only narrows, and counts as a completion.
                    for doc in self.class_docs(prefix) {
                        let d = doc as usize;
                        if several && !any[d] {
                            continue;
                        }
                        if best[d] == u8::MAX {
                            touched.push(doc);
                        }
                        best[d] = best[d].min(8);
                    }
                    continue;
                }
                for f in 0..c.fields {
                    let key = if f < NAME_FIELDS { &c.form } else { &c.term };
                    if key.is_empty() || !seen.insert((f, key.clone())) {
                        continue;
                    }
                    // Typos, then how the word is found (`how`), then the field.
                    let typos = if corrected && f >= NAME_FIELDS {
                        1
                    } else {
                        c.typos
                    };
                    let code = typos * 32 + how(c.prefix, f) * 8 + f as u8;
                    let exact = c.typos == 0 && !c.prefix;
                    self.postings(segment, f, key, n, &mut |doc, bm25, norm, tf| {
                        let d = doc as usize;
                        t.score[d] += bm25;
                        if best[d] == u8::MAX {
                            touched.push(doc);
                        }
                        best[d] = best[d].min(code);
                        if f == 0 {
                            t.title_words[d] = norm.min(255);
                        }
                        if exact && f == 0 {
                            exact_here[d] = true;
                            t.title_len[d] = norm;
                            if !repeated {
                                t.title_tf[d] += tf;
                            }
                        }
                        if exact && (f == SURNAMES || f == FORENAMES) {
                            maker_here[d] = true;
                            t.surname[d] |= last && f == SURNAMES;
                        }
                        t.person_surname[d] |= exact && last && f == PEOPLE_SURNAMES;
                    });
                }
            }
            for doc in touched {
                let d = doc as usize;
                let code = best[d];
                t.words[d] += 1;
                t.typos[d] += u16::from(code >> 5);
                t.prefix[d] += (code >> 3) & 3;
                t.fields[d] += u16::from(FIELDS[usize::from(code & 7)].2);
                t.exact[d] += u8::from(exact_here[d]);
                t.maker[d] += u8::from(maker_here[d]);
                best[d] = u8::MAX;
                any[d] = true;
            }
        }
        let kept = |d: usize| kind.is_none_or(|k| self.docs[d].kind == k);
        let matched: Vec<u32> = (0..n)
            .filter(|d| any[*d] && kept(*d))
            .map(|d| d as u32)
            .collect();
        let count = query_words(query).len();
        let exact = |d: usize| {
            // Every query word in the title, and nothing else: as many words as the query,
            // a repeated word as many times ("Woman, Woman!" is not "Apache Woman").
            let title = t.exact[d] as usize == count
                && t.title_len[d] as usize == count
                && t.title_tf[d] as usize == count;
            let maker = t.maker[d] as usize == count && t.surname[d];
            // Another person's surname alone: the words of a longer query may come from
            // several of the cast ("the martin": Cedric the Entertainer, Steve Martin).
            let person = count == 1 && t.person_surname[d];
            2 * u8::from(title || maker) + u8::from(!(title || maker) && person)
        };
        // Fewer words of the title left out by the query's words (256: none matched there).
        let shorter = |d: usize| match t.title_words[d] {
            0 => 256,
            words => words - t.title_tf[d].min(words),
        };
        let mut order = matched.clone();
        order.sort_by(|a, b| {
            let (a, b) = (*a as usize, *b as usize);
            t.words[b]
                .cmp(&t.words[a])
                .then(t.typos[a].cmp(&t.typos[b]))
                .then(t.prefix[a].cmp(&t.prefix[b]))
                .then(exact(b).cmp(&exact(a)))
                .then(t.fields[a].cmp(&t.fields[b]))
                .then(shorter(a).cmp(&shorter(b)))
                .then(t.score[b].total_cmp(&t.score[a]))
                .then(a.cmp(&b))
        });
        let top = order
            .into_iter()
            .take(limit)
            .map(|d| (d, t.score[d as usize]))
            .collect();
        Ranked {
            words,
            matched,
            top,
        }
    }

    /// Calls `each(doc, bm25, norm)` for the postings of `key` in field `f`, with tantivy's
    /// BM25 in 32-bit floats operation by operation (as the runtime computes it).
    fn postings(
        &self,
        segment: &tantivy::SegmentReader,
        f: usize,
        key: &str,
        n: usize,
        each: &mut dyn FnMut(u32, f32, u32, u32),
    ) {
        let field = self.fields.text[f];
        let Ok(inverted) = segment.inverted_index(field) else {
            return;
        };
        let Ok(Some(mut postings)) = inverted.read_postings(
            &Term::from_field_text(field, key),
            IndexRecordOption::WithFreqs,
        ) else {
            return;
        };
        let Ok(norms) = segment.get_fieldnorms_reader(field) else {
            return;
        };
        let df = inverted
            .doc_freq(&Term::from_field_text(field, key))
            .unwrap_or(0) as f32;
        let docs = n as f32;
        let average = inverted.total_num_tokens() as f32 / docs;
        let idf = ((1.0 + (docs - df + 0.5) / (df + 0.5)) as f64).ln() as f32;
        let mut weight = idf * (1.0 + K1);
        let boost = FIELDS[f].1;
        if boost != 1.0 {
            weight *= boost;
        }
        while postings.doc() != TERMINATED {
            let doc = postings.doc();
            let norm = norms.fieldnorm(doc);
            let cache = K1 * ((1.0 - B) + (B * norm as f32) / average);
            let freq = postings.term_freq();
            let tf = freq as f32;
            each(doc, weight * (tf / (tf + cache)), norm, freq);
            postings.advance();
        }
    }
}

#[cfg(test)]
mod tests;
