//! The countries and languages vitrine knows, and their names in every language CLDR covers:
//! every ISO 3166-1 country, Kosovo (`XK`), the former countries of ISO 3166-3 (`SU`, `CS`,
//! `YU`, `DD`…) and every ISO 639 language.
//!
//! The names come from `names.txt.gz`, compiled by `scripts/cldr-names.py` from CLDR and
//! Debian's iso-codes; nothing here is typed by hand. This module owns reading that file and
//! [`complete`], the one place where `data/countries.yaml` and `data/languages.yaml` are laid
//! over it. Which code a record may use is decided by the completed vocabularies.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::BufRead;

use crate::schema::Vocabulary;

/// The compiled names (gzip of a small line format, see the generator).
const DATA: &[u8] = include_bytes!("names.txt.gz");

/// The part of the names file a site needs: the lists of codes, the English fallbacks and
/// the sections of the languages asked for. Read once per build.
pub struct Names {
    text: String,
}

/// The names one language gives to countries (`c`) and languages (`l`).
struct Labels<'a> {
    countries: HashMap<&'a str, &'a str>,
    languages: HashMap<&'a str, &'a str>,
}

impl Names {
    /// Decompresses the compiled names, keeping the sections of `locales` (and of their
    /// primary language, and English) only: the whole file is 2 MB of text.
    pub fn load(locales: &[&str]) -> Names {
        let mut wanted: HashSet<&str> = locales.iter().map(|l| primary(l)).collect();
        wanted.extend(locales.iter().copied());
        wanted.insert("en");
        let mut text = String::new();
        let mut keep = true;
        // The file is part of the binary: failing to read it is a build defect, and the
        // tests read it.
        let reader = std::io::BufReader::new(flate2::read::GzDecoder::new(DATA));
        for line in reader.lines() {
            let line = line.expect("names.txt.gz is valid gzip of UTF-8");
            if let Some(locale) = line.strip_prefix('@') {
                keep = wanted.contains(locale);
            }
            if keep {
                text.push_str(&line);
                text.push('\n');
            }
        }
        Names { text }
    }

    /// The value of the header line `key …`.
    fn header(&self, key: &str) -> &str {
        self.text
            .lines()
            .find_map(|l| l.strip_prefix(key)?.strip_prefix(' '))
            .unwrap_or_default()
    }

    /// Every country code known: ISO 3166-1, `XK` and the former codes.
    pub fn country_codes(&self) -> impl Iterator<Item = &str> {
        self.header("countries")
            .split(' ')
            .filter(|c| !c.is_empty())
    }

    /// True for a former country of ISO 3166-3 (`SU`, `YU`…).
    pub fn is_former(&self, code: &str) -> bool {
        self.header("former").split(' ').any(|c| c == code)
    }

    /// Every ISO 639 code (639-1, 639-2 T and B, 639-3, 639-5).
    fn language_codes(&self) -> HashSet<&str> {
        self.header("languages").split(' ').collect()
    }

    /// The names of one language's section, `@<code>`.
    fn labels(&self, locale: &str) -> Labels<'_> {
        let mut labels = Labels {
            countries: HashMap::new(),
            languages: HashMap::new(),
        };
        let marker = format!("@{locale}");
        let mut lines = self.text.lines().skip_while(|l| *l != marker).skip(1);
        for _ in 0..2 {
            let Some(line) = lines.next() else { break };
            let (kind, pairs) = line.split_at(line.find(' ').unwrap_or(line.len()));
            let map = match kind {
                "c" => &mut labels.countries,
                "l" => &mut labels.languages,
                _ => break,
            };
            map.extend(
                pairs
                    .trim_start()
                    .split('|')
                    .filter_map(|p| p.split_once('=')),
            );
        }
        labels
    }

    /// The languages CLDR names, with their name in `locale` (else in English): the
    /// common languages a form offers to choose from, without ISO 639-3's thousands.
    pub fn named_languages(&self, locale: &str) -> Vec<(String, String)> {
        let english = self.labels("en");
        let own = self.labels(locale);
        let own = if own.languages.is_empty() {
            self.labels(primary(locale))
        } else {
            own
        };
        let mut out: Vec<(String, String)> = english
            .languages
            .iter()
            .map(|(code, name)| {
                let name = own.languages.get(code).unwrap_or(name);
                (code.to_string(), name.to_string())
            })
            .collect();
        out.sort();
        out
    }

    /// Names from a header line `key code=name|…` (the English fallbacks).
    fn header_pairs(&self, key: &str) -> HashMap<&str, &str> {
        self.header(key)
            .split('|')
            .filter_map(|p| p.split_once('='))
            .collect()
    }
}

/// The primary language subtag of a BCP 47 tag: `pt` of `pt-BR`.
fn primary(tag: &str) -> &str {
    tag.split('-').next().unwrap_or(tag)
}

/// The countries and languages vocabularies of a site: every known country and language, and
/// the tags with a region or script `used` by its records (`pt-BR`), named in each of `site_languages` (CLDR's name in that
/// language, else in English, else ISO's English name), with `data/countries.yaml` and
/// `data/languages.yaml` (`countries`, `languages`) laid over them label by label. A code
/// those files add is part of the result, hence accepted in records.
pub fn complete<'a>(
    names: &Names,
    countries: Vocabulary,
    languages: Vocabulary,
    site_languages: &[&str],
    used: impl Iterator<Item = &'a str>,
) -> (Vocabulary, Vocabulary) {
    let english = names.labels("en");
    let iso_languages = names.header_pairs("iso");
    let iso_former = names.header_pairs("iso-former");
    let sections: Vec<(&str, Labels<'_>)> = site_languages
        .iter()
        .map(|lang| {
            let own = names.labels(lang);
            // `pt-BR` reads Portuguese names when CLDR has no section of its own.
            let own = if own.countries.is_empty() {
                names.labels(primary(lang))
            } else {
                own
            };
            (*lang, own)
        })
        .collect();
    let mut all_countries: Vocabulary = BTreeMap::new();
    for code in names.country_codes() {
        let labels = named_in(&sections, &english, iso_former.get(code).copied(), |l| {
            l.countries.get(code).copied()
        });
        all_countries.insert(code.to_string(), labels);
    }
    let known = names.language_codes();
    // Every language is in the vocabulary, so that a record edited while `serve` runs may
    // use any; only those the records use (and their longer tags, `pt-BR`) are named, to
    // keep the vocabulary small.
    let mut all_languages: Vocabulary = known
        .iter()
        .map(|c| (c.to_string(), BTreeMap::new()))
        .collect();
    let mut tags: Vec<&str> = used.collect();
    tags.sort_unstable();
    tags.dedup();
    for tag in tags {
        let code = primary(tag);
        if !known.contains(code) {
            continue;
        }
        let labels = named_in(&sections, &english, iso_languages.get(code).copied(), |l| {
            l.languages.get(code).copied()
        });
        all_languages.insert(tag.to_string(), labels);
    }
    (
        overlay(all_countries, countries),
        overlay(all_languages, languages),
    )
}

/// A code's label in each site language of `sections`: its `name` there, else in English,
/// else `fallback` (ISO's English name); languages with none are left out.
fn named_in<'a>(
    sections: &[(&str, Labels<'a>)],
    english: &Labels<'a>,
    fallback: Option<&'a str>,
    name: impl Fn(&Labels<'a>) -> Option<&'a str>,
) -> BTreeMap<String, String> {
    sections
        .iter()
        .filter_map(|(lang, own)| {
            let label = name(own).or_else(|| name(english)).or(fallback)?;
            Some((lang.to_string(), label.to_string()))
        })
        .collect()
}

/// `over`'s labels replace `base`'s one by one; its new codes are added.
fn overlay(mut base: Vocabulary, over: Vocabulary) -> Vocabulary {
    for (code, labels) in over {
        base.entry(code).or_default().extend(labels);
    }
    base
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(v: &Vocabulary, code: &str, lang: &str) -> String {
        v[code][lang].clone()
    }

    #[test]
    fn countries_of_today_and_of_history_are_named_in_each_language() {
        let names = Names::load(&["fr", "en", "es", "ar"]);
        let (countries, _) = complete(
            &names,
            Vocabulary::new(),
            Vocabulary::new(),
            &["fr", "en", "es", "ar"],
            std::iter::empty(),
        );
        assert_eq!(label(&countries, "SN", "fr"), "Sénégal");
        assert_eq!(label(&countries, "SN", "ar"), "السنغال");
        assert_eq!(label(&countries, "XK", "es"), "Kosovo");
        assert_eq!(label(&countries, "SU", "fr"), "URSS");
        assert_eq!(label(&countries, "CS", "fr"), "Tchécoslovaquie");
        assert_eq!(label(&countries, "DD", "en"), "German Democratic Republic");
        assert!(countries.contains_key("YU") && names.is_former("YU"));
        assert!(!names.is_former("FR"));
        assert!(countries.len() >= 249 + 1 + 20, "{}", countries.len());
        assert!(!countries.contains_key("EU") && !countries.contains_key("ZZ"));
    }

    #[test]
    fn languages_used_are_named_and_the_site_overrides_and_adds() {
        let names = Names::load(&["fr", "ar", "pt-BR"]);
        let data: Vocabulary = [
            (
                "wo".to_string(),
                [("fr".to_string(), "wolof (Sénégal)".to_string())].into(),
            ),
            (
                "xx-local".to_string(),
                [("fr".to_string(), "parler local".to_string())].into(),
            ),
        ]
        .into();
        let (_, languages) = complete(
            &names,
            Vocabulary::new(),
            data,
            &["fr", "ar", "pt-BR"],
            ["wo", "dyu", "pt-BR", "qqq-nope", "kld"].into_iter(),
        );
        assert_eq!(label(&languages, "wo", "fr"), "wolof (Sénégal)");
        assert_eq!(label(&languages, "wo", "ar"), "الولوفية");
        assert_eq!(label(&languages, "dyu", "fr"), "dioula");
        assert_eq!(label(&languages, "pt-BR", "pt-BR"), "português");
        assert_eq!(label(&languages, "xx-local", "fr"), "parler local");
        // An ISO 639-3 language CLDR does not name keeps ISO's English name.
        assert_eq!(label(&languages, "kld", "fr"), "Gamilaraay");
        assert!(
            !languages.contains_key("qqq-nope"),
            "not an ISO 639 language"
        );
        assert!(languages.contains_key("bm"), "every language is known");
    }
}
