//! How text becomes index terms, in tantivy's own pipeline: split on what is not a letter
//! or digit, drop tokens of 40 bytes or more, lower-case, fold accents. Titles and names
//! stop there ([`name_analyzer`]): every word kept, never stemmed, so that "To Be or Not to
//! Be" and "Welles" stay findable as typed. Long text (summary, body) also drops the
//! language's stop words and is stemmed ([`analyzer`]).
//!
//! The JavaScript runtime repeats every step up to the stemmer exactly (the same Unicode
//! classes, per-character lower-casing, the same folding); the stemmer's part it takes from
//! the exported map from word forms to terms, so that it never needs a stemmer of its own.

use std::collections::HashMap;

use icu_normalizer::{ComposingNormalizerBorrowed, DecomposingNormalizerBorrowed};
use icu_properties::CodePointMapData;
use icu_properties::props::GeneralCategory;
use tantivy::tokenizer::{
    Language, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer, Stemmer, StopWordFilter,
    TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};

/// Tokens of this many bytes or more are dropped (tantivy's default analyzer does the same).
pub const MAX_TOKEN_BYTES: usize = 40;

/// The Snowball stemmer of a language, from its BCP 47 code (`fr`, `pt-BR`).
pub fn stemmer_language(code: &str) -> Option<Language> {
    let primary = code.split(['-', '_']).next().unwrap_or(code);
    Some(match primary.to_ascii_lowercase().as_str() {
        "ar" => Language::Arabic,
        "da" => Language::Danish,
        "nl" => Language::Dutch,
        "en" => Language::English,
        "fi" => Language::Finnish,
        "fr" => Language::French,
        "de" => Language::German,
        "el" => Language::Greek,
        "hu" => Language::Hungarian,
        "it" => Language::Italian,
        "no" | "nb" | "nn" => Language::Norwegian,
        "pt" => Language::Portuguese,
        "ro" => Language::Romanian,
        "ru" => Language::Russian,
        "es" => Language::Spanish,
        "sv" => Language::Swedish,
        "ta" => Language::Tamil,
        "tr" => Language::Turkish,
        _ => return None,
    })
}

/// The analyzer of the long text fields (summary, body) for `lang`: terms as tantivy
/// stores them, stop words dropped and stemmed.
pub fn analyzer(lang: &str) -> TextAnalyzer {
    let language = stemmer_language(lang);
    let builder = forms(lang);
    let builder = match stop_words(lang) {
        [] => builder,
        words => {
            builder.filter_dynamic(StopWordFilter::remove(words.iter().map(|w| w.to_string())))
        }
    };
    match language {
        Some(_) => builder.filter_dynamic(MemoStem(lang.to_string())).build(),
        None => builder.build(),
    }
}

/// The analyzer of titles and names: every word, lower-cased and folded, never stemmed.
pub fn name_analyzer(lang: &str) -> TextAnalyzer {
    forms(lang).build()
}

fn forms(_lang: &str) -> tantivy::tokenizer::TextAnalyzerBuilder {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(Fold)
        .dynamic()
}

/// Whether the folded `form` is a stop word of `lang` (left out of long text only).
pub fn is_stop(lang: &str, form: &str) -> bool {
    stop_words(lang).contains(&form)
}

/// The words too common to search for, already folded: the stop filter runs after folding
/// so that a word is dropped whatever its accents, and the runtime, which only knows the
/// corpus's folded forms, drops exactly the same words. The lists are short on purpose:
/// articles, pronouns, prepositions and conjunctions, nothing a visitor would look for.
pub fn stop_words(lang: &str) -> &'static [&'static str] {
    let primary = lang.split(['-', '_']).next().unwrap_or(lang);
    match primary {
        // Snowball's French list (être and avoir included), then the other determiners,
        // pronouns, prepositions and conjunctions of Savoy's list.
        "fr" => &[
            "a",
            "au",
            "aux",
            "avec",
            "ce",
            "ces",
            "dans",
            "de",
            "des",
            "du",
            "elle",
            "en",
            "et",
            "il",
            "ils",
            "je",
            "l",
            "la",
            "le",
            "les",
            "leur",
            "leurs",
            "lui",
            "ma",
            "mais",
            "me",
            "mes",
            "meme",
            "mon",
            "ne",
            "nos",
            "notre",
            "nous",
            "on",
            "ou",
            "par",
            "pas",
            "pour",
            "qu",
            "que",
            "qui",
            "sa",
            "se",
            "ses",
            "son",
            "sur",
            "ta",
            "te",
            "tes",
            "ton",
            "tu",
            "un",
            "une",
            "vos",
            "votre",
            "vous",
            "d",
            "j",
            "m",
            "n",
            "s",
            "t",
            "c",
            "y",
            // être, avoir
            "ai",
            "as",
            "aura",
            "aurait",
            "auront",
            "avaient",
            "avait",
            "avez",
            "avoir",
            "avons",
            "es",
            "est",
            "etaient",
            "etait",
            "ete",
            "etes",
            "etre",
            "eu",
            "ont",
            "sera",
            "serait",
            "seront",
            "sommes",
            "sont",
            "suis",
            // determiners and pronouns
            "aucun",
            "aucune",
            "ca",
            "cela",
            "celle",
            "celles",
            "celui",
            "ceux",
            "cet",
            "cette",
            "chaque",
            "dont",
            "elles",
            "eux",
            "lequel",
            "laquelle",
            "lesquels",
            "lesquelles",
            "moi",
            "plusieurs",
            "quel",
            "quelle",
            "quelles",
            "quels",
            "quelque",
            "quelques",
            "toi",
            "tout",
            "toute",
            "toutes",
            "tous",
            // prepositions and conjunctions
            "alors",
            "apres",
            "autour",
            "avant",
            "car",
            "chez",
            "comme",
            "contre",
            "depuis",
            "derriere",
            "devant",
            "donc",
            "entre",
            "lorsqu",
            "lorsque",
            "ni",
            "pendant",
            "pres",
            "puis",
            "puisqu",
            "puisque",
            "quand",
            "sans",
            "sous",
            "tandis",
            "vers",
        ],
        // Lucene's English list, then the pronouns, auxiliaries, prepositions and
        // conjunctions of Snowball's.
        "en" => &[
            "a",
            "an",
            "and",
            "are",
            "as",
            "at",
            "be",
            "but",
            "by",
            "for",
            "from",
            "if",
            "in",
            "into",
            "is",
            "it",
            "its",
            "of",
            "on",
            "or",
            "s",
            "such",
            "that",
            "the",
            "their",
            "then",
            "there",
            "these",
            "they",
            "this",
            "to",
            "was",
            "were",
            "will",
            "with",
            // pronouns and determiners
            "all",
            "any",
            "both",
            "each",
            "he",
            "her",
            "hers",
            "herself",
            "him",
            "himself",
            "his",
            "i",
            "itself",
            "me",
            "my",
            "myself",
            "our",
            "ours",
            "ourselves",
            "she",
            "some",
            "them",
            "themselves",
            "those",
            "us",
            "we",
            "what",
            "which",
            "who",
            "whom",
            "you",
            "your",
            "yours",
            "yourself",
            // auxiliaries
            "am",
            "been",
            "being",
            "can",
            "could",
            "did",
            "do",
            "does",
            "doing",
            "had",
            "has",
            "have",
            "having",
            "should",
            "would",
            // prepositions, conjunctions, adverbs of no weight
            "about",
            "above",
            "after",
            "again",
            "against",
            "because",
            "before",
            "below",
            "between",
            "down",
            "during",
            "how",
            "nor",
            "not",
            "no",
            "off",
            "once",
            "out",
            "over",
            "so",
            "than",
            "through",
            "too",
            "under",
            "until",
            "up",
            "very",
            "when",
            "where",
            "while",
            "why",
        ],
        // The most frequent words of Snowball's Spanish list, ser, estar and haber
        // included.
        "es" => &[
            "a", "al", "como", "con", "de", "del", "el", "ella", "ellas", "ellos", "en", "es",
            "esta", "este", "la", "las", "le", "les", "lo", "los", "mas", "me", "mi", "mis", "no",
            "nos", "o", "para", "pero", "por", "que", "se", "si", "sin", "sobre", "su", "sus",
            "te", "tu", "un", "una", "unas", "uno", "unos", "y", "ya",
            // determiners and pronouns
            "algo", "algun", "alguna", "algunas", "alguno", "algunos", "cada", "cual", "cuales",
            "e", "esa", "esas", "ese", "eso", "esos", "estas", "esto", "estos", "nosotras",
            "nosotros", "os", "otra", "otras", "otro", "otros", "quien", "quienes", "ti", "toda",
            "todas", "todo", "todos", "tus", "vosotras", "vosotros", "yo",
            // ser, estar, haber
            "era", "eran", "eres", "estaba", "estaban", "estan", "estar", "estoy", "fue", "fueron",
            "fui", "ha", "habia", "habian", "han", "has", "hay", "he", "hemos", "ser", "sido",
            "somos", "son", "soy", // prepositions and conjunctions
            "ante", "antes", "aunque", "bajo", "cuando", "desde", "donde", "durante", "entre",
            "hacia", "hasta", "mientras", "muy", "ni", "porque", "pues", "segun", "tambien",
            "tras",
        ],
        "pt" => &[
            "a", "ao", "aos", "as", "com", "da", "das", "de", "do", "dos", "e", "em", "na", "nas",
            "no", "nos", "o", "os", "ou", "para", "por", "que", "se", "um", "uma",
        ],
        "it" => &[
            "a", "al", "alla", "che", "con", "da", "del", "della", "di", "e", "il", "in", "la",
            "le", "lo", "per", "un", "una", "gli", "i", "l",
        ],
        "de" => &[
            "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "und",
            "oder", "in", "im", "zu", "zum", "zur", "mit", "von", "auf", "fur", "ist", "nicht",
        ],
        "ar" => &[
            "في", "من", "الي", "علي", "عن", "ان", "او", "ثم", "التي", "الذي", "هذا", "هذه", "ذلك",
            "تلك", "مع", "هو", "هي", "كان", "كانت", "ما", "لا",
        ],
        _ => &[],
    }
}

/// The word forms a visitor may type: [`name_analyzer`] (stop words are kept).
pub fn form_analyzer(lang: &str) -> TextAnalyzer {
    name_analyzer(lang)
}

/// Stems one word form: the index term of that form.
#[derive(Clone)]
pub struct FormStemmer(Option<TextAnalyzer>);

impl FormStemmer {
    /// The stemmer of `lang` (none when the language has no Snowball stemmer).
    pub fn new(lang: &str) -> Self {
        FormStemmer(stemmer_language(lang).map(|l| {
            TextAnalyzer::builder(RawTokenizer::default())
                .filter(Stemmer::new(l))
                .build()
        }))
    }

    /// The term of `form`.
    pub fn stem(&mut self, form: &str) -> String {
        match &mut self.0 {
            None => form.to_string(),
            Some(a) => {
                let mut stream = a.token_stream(form);
                if stream.advance() {
                    stream.token().text.clone()
                } else {
                    form.to_string()
                }
            }
        }
    }
}

/// Runs `analyzer` over `text`, giving each token's text.
pub fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}

/// Folds a lower-cased token: compatibility decomposition (the forms that only look
/// different: the ligature "ﬁ" of a text copied from a PDF, full-width "ｆｉｌｍ" from an
/// East Asian keyboard, Arabic presentation forms "ﻣﻜﺘﺒﺔ", superscripts), nonspacing
/// marks dropped, canonical composition again (so that Hangul and the like come back
/// whole), then the letters that
/// have no decomposition but an accepted plain spelling (œ → oe, ß → ss, ø → o…), and
/// Arabic as its search engines normalize it (Lucene's ArabicNormalizer, Meilisearch's):
/// the tatweel, which only stretches a word, dropped; alef wasla as alef (the hamzas on an
/// alef are marks, dropped above); alef maqsura as yeh and teh marbuta as heh, the final
/// letters that writers and keyboards spell either way ("مكتبة" and "مكتبه", "على" and
/// "علي" are one word to a reader).
pub fn fold(token: &str) -> String {
    if token.is_ascii() {
        return token.to_string();
    }
    let categories = CodePointMapData::<GeneralCategory>::new();
    let decomposed = DecomposingNormalizerBorrowed::new_nfkd().normalize(token);
    let stripped: String = decomposed
        .chars()
        .filter(|&c| categories.get(c) != GeneralCategory::NonspacingMark)
        .collect();
    let composed = ComposingNormalizerBorrowed::new_nfc().normalize(&stripped);
    let mut out = String::with_capacity(composed.len());
    for c in composed.chars() {
        match c {
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            'ß' => out.push_str("ss"),
            'ø' => out.push('o'),
            'đ' | 'ð' => out.push('d'),
            'ł' => out.push('l'),
            'þ' => out.push_str("th"),
            'ı' => out.push('i'),
            '\u{0640}' => {}
            'ٱ' => out.push('ا'),
            'ى' => out.push('ي'),
            'ة' => out.push('ه'),
            c => out.push(c),
        }
    }
    out
}

/// The folding step as a tantivy token filter.
#[derive(Clone, Copy)]
pub struct Fold;

impl TokenFilter for Fold {
    type Tokenizer<T: Tokenizer> = FoldTokenizer<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> FoldTokenizer<T> {
        FoldTokenizer(tokenizer, HashMap::new())
    }
}

/// [`Fold`] around a tokenizer, remembering the words it folded: a corpus has few distinct
/// words, and normalizing each occurrence again is most of the indexing time otherwise.
#[derive(Clone)]
pub struct FoldTokenizer<T>(T, HashMap<String, String>);

/// Past this many remembered words, the memory starts again (a bound for huge corpora).
const FOLD_MEMORY: usize = 200_000;

impl<T: Tokenizer> Tokenizer for FoldTokenizer<T> {
    type TokenStream<'a> = FoldStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        if self.1.len() > FOLD_MEMORY {
            self.1.clear();
        }
        FoldStream(self.0.token_stream(text), &mut self.1)
    }
}

/// The stream of folded tokens.
pub struct FoldStream<'a, S>(S, &'a mut HashMap<String, String>);

impl<S: TokenStream> TokenStream for FoldStream<'_, S> {
    fn advance(&mut self) -> bool {
        if !self.0.advance() {
            return false;
        }
        let token = self.0.token_mut();
        if !token.text.is_ascii() {
            let folded = match self.1.get(&token.text) {
                Some(f) => f.clone(),
                None => {
                    let f = fold(&token.text);
                    self.1.insert(token.text.clone(), f.clone());
                    f
                }
            };
            token.text = folded;
        }
        true
    }

    fn token(&self) -> &Token {
        self.0.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.0.token_mut()
    }
}

/// The language's Snowball stemmer, remembering the stems it computed (stemming is the
/// costliest step of indexing, and a corpus repeats its words).
#[derive(Clone)]
pub struct MemoStem(String);

impl TokenFilter for MemoStem {
    type Tokenizer<T: Tokenizer> = MemoStemTokenizer<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> MemoStemTokenizer<T> {
        MemoStemTokenizer {
            inner: tokenizer,
            stemmer: FormStemmer::new(&self.0),
            memory: HashMap::new(),
        }
    }
}

/// [`MemoStem`] around a tokenizer.
#[derive(Clone)]
pub struct MemoStemTokenizer<T> {
    inner: T,
    stemmer: FormStemmer,
    memory: HashMap<String, String>,
}

impl<T: Tokenizer> Tokenizer for MemoStemTokenizer<T> {
    type TokenStream<'a> = MemoStemStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        if self.memory.len() > FOLD_MEMORY {
            self.memory.clear();
        }
        MemoStemStream {
            inner: self.inner.token_stream(text),
            stemmer: &mut self.stemmer,
            memory: &mut self.memory,
        }
    }
}

/// The stream of stemmed tokens.
pub struct MemoStemStream<'a, S> {
    inner: S,
    stemmer: &'a mut FormStemmer,
    memory: &'a mut HashMap<String, String>,
}

impl<S: TokenStream> TokenStream for MemoStemStream<'_, S> {
    fn advance(&mut self) -> bool {
        if !self.inner.advance() {
            return false;
        }
        let token = self.inner.token_mut();
        let stem = match self.memory.get(&token.text) {
            Some(s) => s.clone(),
            None => {
                let s = self.stemmer.stem(&token.text);
                self.memory.insert(token.text.clone(), s.clone());
                s
            }
        };
        token.text = stem;
        true
    }

    fn token(&self) -> &Token {
        self.inner.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.inner.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_fold_before_stemming() {
        let mut fr = analyzer("fr");
        assert_eq!(tokens(&mut fr, "Cinéma"), tokens(&mut fr, "cinema"));
        assert_eq!(tokens(&mut fr, "théâtre"), tokens(&mut fr, "THEATRE"));
        assert_eq!(tokens(&mut fr, "œuvres"), tokens(&mut fr, "oeuvre"));
        // Stop words are dropped whatever their accents.
        assert!(tokens(&mut fr, "Le la les À").is_empty());
        assert!(tokens(&mut fr, "À LA").is_empty());
    }

    #[test]
    fn titles_and_names_keep_every_word_unstemmed() {
        let mut names = name_analyzer("en");
        assert_eq!(
            tokens(&mut names, "To Be or Not to Be"),
            ["to", "be", "or", "not", "to", "be"]
        );
        assert_eq!(tokens(&mut names, "Orson Welles"), ["orson", "welles"]);
        let mut text = analyzer("en");
        assert!(tokens(&mut text, "To Be or Not to Be").is_empty());
        assert_eq!(tokens(&mut text, "Welles"), ["well"]);
    }

    #[test]
    fn stop_lists_are_folded_already() {
        for lang in ["fr", "en", "es", "pt", "it", "de", "ar"] {
            for w in stop_words(lang) {
                assert_eq!(fold(w), *w, "{lang}");
            }
        }
    }

    #[test]
    fn arabic_is_stemmed_and_diacritics_dropped() {
        let mut ar = analyzer("ar");
        assert_eq!(tokens(&mut ar, "الكِتَابُ"), tokens(&mut ar, "الكتاب"));
        assert_eq!(tokens(&mut ar, "أفلام").len(), 1);
    }

    #[test]
    fn arabic_final_letters_fold_as_visitors_type_them() {
        for (written, typed) in [("مكتبة", "مكتبه"), ("مصطفى", "مصطفي"), ("ٱلكتاب", "الكتاب")]
        {
            assert_eq!(fold(written), fold(typed), "{written}");
            let mut names = name_analyzer("ar");
            assert_eq!(tokens(&mut names, written), tokens(&mut names, typed));
        }
        // The preposition is a stop word however its last letter is written.
        let mut ar = analyzer("ar");
        assert!(tokens(&mut ar, "على").is_empty());
        assert!(tokens(&mut ar, "علي").is_empty());
    }

    #[test]
    fn compatibility_forms_fold_as_their_plain_letters() {
        for (written, typed) in [
            ("ﬁlm", "film"),
            ("ｃｉｎéｍａ", "cinema"),
            ("ﻣﻜﺘﺒﺔ", "مكتبه"),
            ("ﻻ", "لا"),
            ("ſeſſion", "session"),
        ] {
            assert_eq!(fold(written), fold(typed), "{written}");
        }
        let mut fr = analyzer("fr");
        assert_eq!(tokens(&mut fr, "Le Ｆｉｌｍ"), tokens(&mut fr, "le film"));
    }

    #[test]
    fn a_language_without_stemmer_is_only_folded() {
        let mut wo = analyzer("wo");
        assert_eq!(tokens(&mut wo, "Jàmm ak Jàmm"), ["jamm", "ak", "jamm"]);
        let mut ko = analyzer("ko");
        assert_eq!(tokens(&mut ko, "한국 영화"), ["한국", "영화"]);
    }

    #[test]
    fn long_tokens_are_dropped() {
        let mut en = analyzer("en");
        let long = "a".repeat(MAX_TOKEN_BYTES);
        assert!(tokens(&mut en, &long).is_empty());
        assert_eq!(tokens(&mut en, &"b".repeat(MAX_TOKEN_BYTES - 1)).len(), 1);
    }
}
