//! Translation coverage: per language, which records and theme strings are not translated
//! yet, for `vitrine check` to report to editors and, as JSON, to tools.
//!
//! This module counts; it decides nothing about what is published (that is `site`'s
//! fallback setting) and prints nothing (that is the CLI's).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use crate::site::Site;

/// Coverage of one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LanguageCoverage {
    /// Language code.
    pub language: String,
    /// Published records.
    pub records: usize,
    /// Records translated into this language.
    pub translated_records: usize,
    /// Ids of the records not translated into it, sorted.
    pub untranslated_records: Vec<String>,
    /// Theme strings of the default language.
    pub strings: usize,
    /// Keys of the theme strings not translated into it, sorted.
    pub untranslated_strings: Vec<String>,
}

/// Coverage of every language, in site order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Coverage {
    /// One entry per language.
    pub languages: Vec<LanguageCoverage>,
}

impl Coverage {
    /// Counts `site`'s records and the theme's strings (`untranslated` per language).
    pub fn of(
        site: &Site,
        strings: usize,
        untranslated: &BTreeMap<String, Vec<String>>,
    ) -> Coverage {
        let languages = site
            .config
            .languages
            .iter()
            .map(|lang| {
                let mut missing: Vec<String> = site
                    .records
                    .iter()
                    .filter(|r| !r.record.translations.iter().any(|t| t.lang == lang.code))
                    .map(|r| r.record.id.clone())
                    .collect();
                missing.sort();
                let mut strings_missing = untranslated.get(&lang.code).cloned().unwrap_or_default();
                strings_missing.sort();
                LanguageCoverage {
                    language: lang.code.clone(),
                    records: site.records.len(),
                    translated_records: site.records.len() - missing.len(),
                    untranslated_records: missing,
                    strings,
                    untranslated_strings: strings_missing,
                }
            })
            .collect();
        Coverage { languages }
    }

    /// A table for people, with the untranslated records and strings listed.
    pub fn render(&self) -> String {
        let mut out = String::from("translation coverage:\n");
        let (mut done, mut total) = (0, 0);
        for l in &self.languages {
            let strings_done = l.strings - l.untranslated_strings.len();
            let _ = writeln!(
                out,
                "  {:<6} records {:>5}/{:<5} {:>5.1}%   theme strings {:>4}/{:<4}",
                l.language,
                l.translated_records,
                l.records,
                percent(l.translated_records, l.records),
                strings_done,
                l.strings,
            );
            if !l.untranslated_records.is_empty() {
                let _ = writeln!(
                    out,
                    "         not translated: {}",
                    first_ids(&l.untranslated_records)
                );
            }
            if !l.untranslated_strings.is_empty() {
                let _ = writeln!(
                    out,
                    "         strings not translated: {}",
                    l.untranslated_strings.join(", ")
                );
            }
            done += l.translated_records + strings_done;
            total += l.records + l.strings;
        }
        let _ = writeln!(
            out,
            "  total  {done}/{total} translated ({:.1}%)",
            percent(done, total)
        );
        out
    }
}

/// Records named by the table: past that, a catalogue of imported records would print
/// one line of tens of thousands of ids, which no one reads.
const LISTED: usize = 20;

/// The first [`LISTED`] ids, and how many more the JSON report lists.
fn first_ids(ids: &[String]) -> String {
    if ids.len() <= LISTED {
        return ids.join(", ");
    }
    format!(
        "{}… and {} more (`vitrine check --format json` lists them all)",
        ids[..LISTED].join(", "),
        ids.len() - LISTED
    )
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        100.0
    } else {
        part as f64 * 100.0 / whole as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_list_of_untranslated_records_is_cut_with_a_count() {
        let ids: Vec<String> = (0..36_000).map(|n| format!("film-{n:05}")).collect();
        let coverage = Coverage {
            languages: vec![LanguageCoverage {
                language: "fr".into(),
                records: ids.len(),
                translated_records: 0,
                untranslated_records: ids,
                strings: 0,
                untranslated_strings: Vec::new(),
            }],
        };
        let table = coverage.render();
        assert!(table.contains("film-00000, film-00001"), "{table}");
        assert!(table.contains("film-00019… and 35980 more"), "{table}");
        assert!(!table.contains("film-00020"), "{table}");
        assert!(table.len() < 1000, "{table}");
    }
}
