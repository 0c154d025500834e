//! Bulk files: many records of one kind in a YAML file beside the record folders
//! (`content/films/import-2026.yaml`), each with its `id` and its texts inline. Spreadsheets
//! (`sheet`) make their records through [`bulk_record`] too.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::layout::Kind;
use super::load::SourceFile;
use super::record::{Details, Record, Translation, parse_kind_at, parse_kind_list};
use crate::diagnostics::{Diagnostic, Span};
use crate::schema::{Common, yaml};

/// A bulk file, `content/<kind>/<name>.yaml`: a list of records of that kind, each with an
/// `id` and its texts inline (`title`, `summary`, `text`, one per language).
pub fn parse_bulk(
    kind: Kind,
    file: &SourceFile,
    languages: &[&str],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Record> {
    // A list whose entries are all well formed is read in one pass; otherwise each entry is
    // parsed on its own so that one bad entry does not hide the others.
    let records = match parse_kind_list(kind, &file.text, &file.path) {
        Some(entries) => entries
            .into_iter()
            .filter_map(|(first, entry)| {
                bulk_record(kind, &file.path, first, entry, languages, diagnostics)
            })
            .collect(),
        None => entry_by_entry(kind, file, languages, diagnostics),
    };
    without_repeated_ids(records, &file.path, diagnostics)
}

/// The records of a bulk file whose list does not parse whole: each entry is parsed alone,
/// its errors placed at the file's lines; the entries that parse are then read again
/// together, run by run, at their own lines, so that later checks point into the file.
/// Each run costs a pass over the file up to it: a file with a few bad entries among
/// thousands is read in a few passes, not one per entry.
fn entry_by_entry(
    kind: Kind,
    file: &SourceFile,
    languages: &[&str],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Record> {
    let entries: Vec<serde_saphyr::Spanned<IgnoredEntry>> =
        match yaml::parse(&file.text, &file.path, 0) {
            Ok(e) => e,
            Err(d) => {
                diagnostics.push(d);
                return Vec::new();
            }
        };
    let lines: Vec<&str> = file.text.lines().collect();
    // Runs of entries that parse: their first and last lines.
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for (n, entry) in entries.iter().enumerate() {
        let first = (entry.referenced.line() as usize).max(1);
        let last = entries
            .get(n + 1)
            .map_or(lines.len(), |next| next.referenced.line() as usize - 1)
            .min(lines.len())
            .max(first - 1);
        // The entry's own lines, with the list's dash blanked so they read as one mapping.
        let mut text = String::new();
        for (i, line) in lines[first - 1..last].iter().enumerate() {
            if i == 0 {
                text.push_str(&line.replacen('-', " ", 1))
            } else {
                text.push_str(line)
            }
            text.push('\n');
        }
        match parse_kind_at(kind, &text, &file.path, first - 1) {
            Ok(_) => match runs.last_mut() {
                Some(run) if run.1 + 1 == first => run.1 = last,
                _ => runs.push((first, last)),
            },
            Err(d) => diagnostics.extend(d),
        }
    }
    let mut records = Vec::new();
    for (first, last) in runs {
        // Padded so that lines and columns are those of the file.
        let mut text = "\n".repeat(first - 1);
        for line in &lines[first - 1..last] {
            text.push_str(line);
            text.push('\n');
        }
        let entries = parse_kind_list(kind, &text, &file.path).unwrap_or_default();
        records.extend(entries.into_iter().filter_map(|(first, entry)| {
            bulk_record(kind, &file.path, first, entry, languages, diagnostics)
        }));
    }
    records
}

/// The records of one bulk file, each id once: a repeated id (two films of one title and
/// year, imported as one id) is an error at the repetition, which is left out so that it
/// is not reported again as a page published twice.
pub fn without_repeated_ids(
    records: Vec<Record>,
    path: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Record> {
    let mut first_line: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
    let mut kept = Vec::with_capacity(records.len());
    for record in records {
        let Some(id) = &record.common.id else {
            kept.push(record);
            continue;
        };
        match first_line.get(&id.value) {
            Some(line) => diagnostics.push(yaml::spanned_error(
                path,
                id,
                "duplicate-id",
                format!("the id `{}` is already used on line {line} of this file", id.value),
                "every record needs its own id: add what tells them apart, such as the year or `-2`".into(),
            )),
            None => {
                first_line.insert(id.value.clone(), id.referenced.line() as u32);
                kept.push(record);
            }
        }
    }
    kept
}

/// Reads a list without interpreting its entries, to learn where each begins.
#[derive(Debug)]
struct IgnoredEntry;

impl<'de> serde::Deserialize<'de> for IgnoredEntry {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        serde::de::IgnoredAny::deserialize(deserializer).map(|_| IgnoredEntry)
    }
}

/// A record of a bulk file (YAML or CSV) from its parsed fields: its id, and a translation
/// per language of its inline `title`. `first` is the line the record starts at.
pub fn bulk_record(
    kind: Kind,
    path: &Path,
    first: usize,
    (common, details): (Common, Details),
    languages: &[&str],
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Record> {
    let Some(id) = common.id.as_ref().map(|i| i.value.clone()) else {
        diagnostics.push(
            Diagnostic::error(
                "missing-field",
                path,
                Span::new(first, 1, 1),
                "the required field `id` is missing",
            )
            .with_help(
                "every record of a bulk file has an `id`: lower-case letters, digits and dashes",
            ),
        );
        return None;
    };
    // The id becomes a folder of the output: `../` or `/` in it would write elsewhere.
    if let Some(spanned) = common
        .id
        .as_ref()
        .filter(|_| !super::layout::is_valid_id(&id))
    {
        diagnostics.push(yaml::spanned_error(
            path,
            spanned,
            "invalid-id",
            format!("`{id}` is not a valid record id"),
            format!(
                "use lower-case letters, digits and dashes only, at most {} characters, e.g. `la-haine-1995`",
                super::layout::MAX_ID_LEN
            ),
        ));
        return None;
    }
    let Some(title) = &common.inline.title else {
        diagnostics.push(
            Diagnostic::error(
                "missing-field",
                path,
                Span::new(first, 1, 1),
                format!("the record `{id}` has no `title`"),
            )
            .with_help("add `title: {fr: …, en: …}` with a title per language"),
        );
        return None;
    };
    let default = languages.first().copied().unwrap_or("fr");
    let titled: Vec<String> = match &title.value {
        crate::schema::Text::Plain(_) => vec![default.to_string()],
        crate::schema::Text::ByLanguage(map) => map.keys().cloned().collect(),
    };
    let mut translations = Vec::new();
    for lang in titled {
        if !languages.contains(&lang.as_str()) {
            let span = yaml::span_of(&title.referenced, 1, 0);
            diagnostics.push(
                Diagnostic::error(
                    "unknown-language",
                    path,
                    span,
                    format!("`{lang}` is not a language of the site"),
                )
                .with_help(format!(
                    "the languages of site.yaml are: {}",
                    languages.join(", ")
                )),
            );
            continue;
        }
        let get = |t: &Option<crate::schema::Text>| {
            t.as_ref()
                .and_then(|t| t.get(&lang, &[default]))
                .unwrap_or_default()
                .to_string()
        };
        translations.push(Translation {
            lang: lang.clone(),
            file: path.to_path_buf(),
            title: title
                .value
                .get(&lang, &[default])
                .unwrap_or_default()
                .to_string(),
            summary: get(&common.inline.summary.as_ref().map(|s| s.value.clone())),
            slug: None,
            body: get(&common.inline.text),
            body_line: first,
        });
    }
    Some(Record {
        kind,
        dir: PathBuf::from("content").join(kind.folder()).join(&id),
        id,
        source: path.to_path_buf(),
        common,
        details,
        translations,
        assets: BTreeSet::new(),
    })
}
