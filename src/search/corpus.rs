//! What `serve` keeps of a language's index between two rebuilds, so that an edit costs
//! the analysis of the documents it changed, not of the whole corpus: each document's
//! analysis (per text field, its terms with their counts; its word forms), the word forms
//! of the corpus with the number of documents holding each, and the compressed files of
//! the last export.
//!
//! A rebuild still makes a whole tantivy index, in the order a full build gives: from the
//! kept analyses, fed through a whitespace tokenizer, tantivy records the same terms, term
//! frequencies and field norms as from the texts through the language's analyzer (the
//! index keeps no positions). [`Corpus::build`] therefore gives the same index as
//! [`super::build`]; the tests compare their exports.

use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
use std::sync::Arc;

use tantivy::tokenizer::{TextAnalyzer, WhitespaceTokenizer};

use super::analysis::{FormStemmer, form_analyzer, is_stop};
use super::export::{self, Labels};
use super::index::{self, LangIndex, NAME_FIELDS, SearchDoc};
use crate::hash::fnv64;

/// One document's analysis.
struct Analyzed {
    /// The document, kept so that its address (the key) stays its own.
    _doc: Arc<SearchDoc>,
    /// Per text field: term ids and their counts, by term id.
    fields: [Box<[(u32, u32)]>; index::FIELDS.len()],
    /// The word forms of the document, each once.
    forms: Box<[u32]>,
    /// Tokens of the summary and the body (their field norms; one orders the documents).
    long: [u32; 2],
}

/// A word form of the corpus.
struct Form {
    text: String,
    term: u32,
    /// Documents holding the form: it is in the index while there is one.
    docs: u32,
}

/// A language's analyses and compressed files, kept from one rebuild to the next.
pub struct Corpus {
    lang: String,
    analyzer: TextAnalyzer,
    stemmer: FormStemmer,
    forms: Vec<Form>,
    form_ids: HashMap<String, u32>,
    terms: Vec<String>,
    term_ids: HashMap<String, u32>,
    /// By the address of the shared document.
    docs: HashMap<usize, Analyzed>,
    /// Compressed files of the last export, by their uncompressed content.
    gzipped: HashMap<ContentKey, Arc<Vec<u8>>>,
}

/// Two independent 64-bit hashes and the length of a file's content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct ContentKey(u64, u64, usize);

impl ContentKey {
    fn of(bytes: &[u8]) -> ContentKey {
        let sip = BuildHasherDefault::<DefaultHasher>::default().hash_one(bytes);
        ContentKey(fnv64(bytes), sip, bytes.len())
    }
}

impl Corpus {
    /// An empty corpus of `lang`.
    pub fn new(lang: &str) -> Corpus {
        Corpus {
            lang: lang.to_string(),
            analyzer: form_analyzer(lang),
            stemmer: FormStemmer::new(lang),
            forms: Vec::new(),
            form_ids: HashMap::new(),
            terms: Vec::new(),
            term_ids: HashMap::new(),
            docs: HashMap::new(),
            gzipped: HashMap::new(),
        }
    }

    /// The language.
    pub fn lang(&self) -> &str {
        &self.lang
    }

    /// The index of `docs`, analysing only the documents the last call did not have.
    pub fn build(&mut self, docs: Vec<Arc<SearchDoc>>) -> tantivy::Result<LangIndex> {
        let mut previous = std::mem::take(&mut self.docs);
        let mut current = HashMap::with_capacity(docs.len());
        for doc in &docs {
            let key = Arc::as_ptr(doc) as usize;
            if current.contains_key(&key) {
                continue;
            }
            let analyzed = match previous.remove(&key) {
                Some(a) => a,
                None => self.analyze(doc),
            };
            current.insert(key, analyzed);
        }
        for gone in previous.into_values() {
            for f in gone.forms.iter() {
                self.forms[*f as usize].docs -= 1;
            }
        }
        self.docs = current;
        let forms: BTreeMap<String, String> = self
            .forms
            .iter()
            .filter(|f| f.docs > 0)
            .map(|f| (f.text.clone(), self.terms[f.term as usize].clone()))
            .collect();
        let long: Vec<[u32; 2]> = docs
            .iter()
            .map(|d| self.docs[&(Arc::as_ptr(d) as usize)].long)
            .collect();
        let tokenizer = || TextAnalyzer::builder(WhitespaceTokenizer::default()).build();
        let (analyses, terms) = (&self.docs, &self.terms);
        index::index_in_order(
            &self.lang,
            docs,
            &long,
            forms,
            [tokenizer(), tokenizer()],
            &|doc, field, text| {
                for (term, count) in
                    analyses[&(std::ptr::from_ref(doc) as usize)].fields[field].iter()
                {
                    for _ in 0..*count {
                        text.push_str(&terms[*term as usize]);
                        text.push(' ');
                    }
                }
            },
        )
    }

    /// The files of `index` (see [`export::export`]), compressing only the files whose
    /// content the last export did not have.
    pub fn export(
        &mut self,
        index: &LangIndex,
        labels: &Labels,
    ) -> tantivy::Result<export::SharedFiles> {
        let mut previous = std::mem::take(&mut self.gzipped);
        let mut current = HashMap::new();
        let files = export::export_compressing(index, labels, &mut |bytes: &[u8]| {
            let key = ContentKey::of(bytes);
            let gz = match previous.remove(&key).or_else(|| current.get(&key).cloned()) {
                Some(gz) => gz,
                None => Arc::new(export::gzip(bytes)),
            };
            current.insert(key, gz.clone());
            gz
        })?;
        self.gzipped = current;
        Ok(files)
    }

    fn term_id(&mut self, term: String) -> u32 {
        match self.term_ids.get(&term) {
            Some(id) => *id,
            None => {
                let id = self.terms.len() as u32;
                self.terms.push(term.clone());
                self.term_ids.insert(term, id);
                id
            }
        }
    }

    fn analyze(&mut self, doc: &Arc<SearchDoc>) -> Analyzed {
        let mut forms = Vec::new();
        let mut long = [0; 2];
        let mut fields: [Box<[(u32, u32)]>; index::FIELDS.len()] = Default::default();
        for (f, text) in doc.texts().into_iter().enumerate() {
            let mut counts: HashMap<u32, u32> = HashMap::new();
            let mut words = Vec::new();
            {
                let mut stream = self.analyzer.token_stream(&text);
                while stream.advance() {
                    words.push(stream.token().text.clone());
                }
            }
            for text in &words {
                let long_text = f >= NAME_FIELDS;
                if long_text && is_stop(&self.lang, text) {
                    continue;
                }
                let form = match self.form_ids.get(text) {
                    Some(id) => *id,
                    None => {
                        let term = self.stemmer.stem(text);
                        let term = self.term_id(term);
                        let id = self.forms.len() as u32;
                        self.forms.push(Form {
                            text: text.clone(),
                            term,
                            docs: 0,
                        });
                        self.form_ids.insert(text.clone(), id);
                        id
                    }
                };
                forms.push(form);
                // Titles and names index the form itself, long text its stem.
                let term = if long_text {
                    self.forms[form as usize].term
                } else {
                    let text = text.clone();
                    self.term_id(text)
                };
                *counts.entry(term).or_default() += 1;
                for (n, field) in long.iter_mut().zip(index::LONG_TEXT) {
                    *n += u32::from(f == field);
                }
            }
            let mut counts: Vec<(u32, u32)> = counts.into_iter().collect();
            counts.sort_unstable();
            fields[f] = counts.into_boxed_slice();
        }
        forms.sort_unstable();
        forms.dedup();
        for f in &forms {
            self.forms[*f as usize].docs += 1;
        }
        Analyzed {
            _doc: doc.clone(),
            fields,
            forms: forms.into_boxed_slice(),
            long,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::SearchCard;

    fn doc(id: &str, kind: u8, title: &str, body: &str) -> Arc<SearchDoc> {
        Arc::new(SearchDoc {
            id: id.to_string(),
            kind,
            year: Some(2020),
            title: title.to_string(),
            directors: "Agnès Varda".to_string(),
            people: "Ousmane Sembène, Safi Faye".to_string(),
            summary: format!("Résumé de {title}."),
            body: body.to_string(),
            facets: [vec!["cinema".into()], vec!["sn".into()], vec!["fr".into()]],
            card: SearchCard {
                title: title.to_string(),
                url: format!("/fr/{id}/"),
                kind,
                year: Some(2020),
                summary: String::new(),
                image: None,
                lang: None,
            },
        })
    }

    fn corpus() -> Vec<Arc<SearchDoc>> {
        (0..40)
            .map(|n| {
                let body = "Les glaneurs et la glaneuse glanent des pommes de terre, \
                            des images et des histoires. مكتبة الأفلام. "
                    .repeat(n % 7 + 1);
                doc(
                    &format!("r{n:02}"),
                    (n % 3) as u8,
                    &format!("Les Glaneurs n°{n} à Dakar"),
                    &format!("{body} Épisode {n}: l'été où tout a changé."),
                )
            })
            .collect()
    }

    fn full(lang: &str, docs: &[Arc<SearchDoc>]) -> Vec<(String, Vec<u8>)> {
        let index = crate::search::build(lang, docs.to_vec()).unwrap();
        export::export(&index, &Labels::default()).unwrap()
    }

    fn kept(corpus: &mut Corpus, docs: &[Arc<SearchDoc>]) -> Vec<(String, Vec<u8>)> {
        let index = corpus.build(docs.to_vec()).unwrap();
        let fresh = crate::search::build(corpus.lang(), docs.to_vec()).unwrap();
        assert_eq!(index.forms, fresh.forms);
        corpus
            .export(&index, &Labels::default())
            .unwrap()
            .into_iter()
            .map(|(name, bytes)| (name, bytes.to_vec()))
            .collect()
    }

    #[test]
    fn rebuilds_from_kept_analyses_equal_full_builds_through_edits() {
        for lang in ["fr", "en", "ar", "ja"] {
            let mut docs = corpus();
            let mut corpus = Corpus::new(lang);
            assert_eq!(kept(&mut corpus, &docs), full(lang, &docs), "{lang}");
            // A longer body moves its document; a new title brings new forms.
            let longer = format!("{} Encore.", docs[3].body);
            docs[3] = doc("r03", 0, "Cléo de 5 à 7", &longer);
            docs[10] = doc("r10", 1, "Zanzibar", "Un mot nouveau: zanzibarite.");
            assert_eq!(kept(&mut corpus, &docs), full(lang, &docs), "{lang}");
            // Removed documents take their forms with them.
            docs.retain(|d| d.id != "r10" && d.id != "r11");
            assert_eq!(kept(&mut corpus, &docs), full(lang, &docs), "{lang}");
            let index = corpus.build(docs.clone()).unwrap();
            assert!(!index.forms.contains_key("zanzibarite"));
            assert!(index.forms.contains_key("glaneuse"));
        }
    }

    #[test]
    fn an_export_compresses_only_what_changed() {
        let mut docs = corpus();
        let mut corpus = Corpus::new("fr");
        let first = corpus.build(docs.clone()).unwrap();
        let before = corpus.export(&first, &Labels::default()).unwrap();
        let body = docs[5].body.clone();
        docs[5] = doc("r05", 2, "Touki Bouki", &body);
        let second = corpus.build(docs.clone()).unwrap();
        let after = corpus.export(&second, &Labels::default()).unwrap();
        let find = |files: &[(String, Arc<Vec<u8>>)], name: &str| {
            files
                .iter()
                .find(|(n, _)| n.ends_with(name))
                .map(|(_, b)| b.clone())
                .unwrap()
        };
        // The title changed a card file and terms, not the facets.
        let themes = "/f-themes.bin";
        assert!(Arc::ptr_eq(&find(&before, themes), &find(&after, themes)));
        let changed = after
            .iter()
            .filter(|(_, b)| !before.iter().any(|(_, a)| Arc::ptr_eq(a, b)))
            .count();
        assert!(
            changed >= 2 && changed < after.len(),
            "{changed} of {}",
            after.len()
        );
    }
}
