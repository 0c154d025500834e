//! Bulk files: many records of one kind in a YAML file beside the record folders
//! (`content/films/import-2026.yaml`), each with its `id` and its texts inline. Spreadsheets
//! (`sheet`) make their records through [`bulk_record`] too.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::layout::Kind;
use super::load::SourceFile;
use super::record::{Details, Record, Translation, parse_kind, parse_kind_list};
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
    if let Some(entries) = parse_kind_list(kind, &file.text, &file.path) {
        return entries
            .into_iter()
            .filter_map(|(first, entry)| {
                bulk_record(kind, &file.path, first, entry, languages, diagnostics)
            })
            .collect();
    }
    let entries: Vec<serde_saphyr::Spanned<IgnoredEntry>> =
        match yaml::parse(&file.text, &file.path, 0) {
            Ok(e) => e,
            Err(d) => {
                diagnostics.push(d);
                return Vec::new();
            }
        };
    let lines: Vec<&str> = file.text.lines().collect();
    let mut records = Vec::new();
    for (n, entry) in entries.iter().enumerate() {
        let first = entry.referenced.line() as usize;
        let last = entries
            .get(n + 1)
            .map_or(lines.len(), |next| next.referenced.line() as usize - 1);
        // The entry's own lines, with the list's dash blanked so they read as one mapping,
        // padded so that lines and columns in errors are those of the file.
        let mut text = "\n".repeat(first.saturating_sub(1));
        for (i, line) in lines[first.saturating_sub(1)..last.min(lines.len())]
            .iter()
            .enumerate()
        {
            if i == 0 {
                text.push_str(&line.replacen('-', " ", 1))
            } else {
                text.push_str(line)
            }
            text.push('\n');
        }
        let Ok((common, details)) =
            parse_kind(kind, &text, &file.path).map_err(|d| diagnostics.extend(d))
        else {
            continue;
        };
        records.extend(bulk_record(
            kind,
            &file.path,
            first,
            (common, details),
            languages,
            diagnostics,
        ));
    }
    without_repeated_ids(records, &file.path, diagnostics)
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
