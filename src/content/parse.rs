//! Turns [`Sources`] into typed [`Records`]: YAML into the schema of each kind, front matter
//! split from the Markdown body.
//!
//! Each file is parsed on its own; a file that fails is reported and left out, and parsing
//! goes on so that one run shows every problem.

use std::path::PathBuf;

use rayon::prelude::*;

use super::bulk::parse_bulk;
use super::load::{PageSource, RecordSource, SourceFile, Sources};
use super::record::{Details, Record, Translation, parse_kind};
use super::sheet::parse_csv;
use crate::diagnostics::{Diagnostic, Span};
use crate::schema::{PageFront, Spanned, TranslationFront, Vocabulary};
use crate::schema::{recover, yaml};

/// One language of a free page.
#[derive(Debug)]
pub struct PageTranslation {
    /// Language code.
    pub lang: String,
    /// The `.md` file.
    pub file: PathBuf,
    /// Title.
    pub title: String,
    /// Optional summary.
    pub summary: Option<String>,
    /// Localized last path segment.
    pub slug: Option<Spanned<String>>,
    /// Markdown body.
    pub body: String,
    /// Line where the body starts.
    pub body_line: usize,
}

/// A free page.
#[derive(Debug)]
pub struct Page {
    /// Folder name.
    pub id: String,
    /// Its languages.
    pub translations: Vec<PageTranslation>,
}

/// The vocabularies of `data/`, each possibly empty.
#[derive(Debug, Default)]
pub struct Vocabularies {
    /// `data/themes.yaml`.
    pub themes: Vocabulary,
    /// `data/roles.yaml`.
    pub roles: Vocabulary,
    /// `data/institutions.yaml`.
    pub institutions: Vocabulary,
    /// `data/countries.yaml`: labels of country codes.
    pub countries: Vocabulary,
    /// `data/languages.yaml`: labels of language codes.
    pub languages: Vocabulary,
}

/// Everything parsed.
#[derive(Debug, Default)]
pub struct Records {
    /// Records whose `record.yaml` parsed, in kind then id order.
    pub records: Vec<Record>,
    /// Free pages.
    pub pages: Vec<Page>,
    /// Editorial collections whose `collection.yaml` parsed.
    pub collections: Vec<Collection>,
    /// Controlled vocabularies.
    pub vocabularies: Vocabularies,
}

/// An editorial collection: an ordered list of records with an introduction per language.
#[derive(Debug)]
pub struct Collection {
    /// Folder name.
    pub id: String,
    /// `collection.yaml`, relative to the site root.
    pub file: PathBuf,
    /// Record ids, in order, with where each is written.
    pub records: Vec<Spanned<String>>,
    /// Title, optional summary, slug and introduction per language.
    pub translations: Vec<PageTranslation>,
}

/// Parses every source. Problems are appended to `diagnostics`.
pub fn parse(sources: Sources, diagnostics: &mut Vec<Diagnostic>) -> Records {
    let mut vocabularies = Vocabularies::default();
    for (name, file) in &sources.vocabularies {
        let Ok(vocabulary) =
            yaml::parse::<Vocabulary>(&file.text, &file.path, 0).map_err(|d| diagnostics.push(d))
        else {
            continue;
        };
        let slot = match name.as_str() {
            "themes" => &mut vocabularies.themes,
            "roles" => &mut vocabularies.roles,
            "institutions" => &mut vocabularies.institutions,
            "countries" => &mut vocabularies.countries,
            _ => &mut vocabularies.languages,
        };
        *slot = vocabulary;
    }
    // Vocabularies that come with vitrine, under the site's own entries.
    vocabularies.roles = crate::builtin::roles_with(std::mem::take(&mut vocabularies.roles));
    let languages: Vec<&str> = sources.languages.iter().map(String::as_str).collect();
    let bulk: Vec<Record> = sources
        .bulk
        .iter()
        .flat_map(|(kind, file)| {
            parse_bulk_file(*kind, file, &languages, &vocabularies.roles, diagnostics)
        })
        .collect();
    // YAML parsing is the costly part of this stage and records are independent.
    let parsed: Vec<(Option<Record>, Vec<Diagnostic>)> = sources
        .records
        .into_par_iter()
        .map(|r| {
            let mut found = Vec::new();
            (parse_record(r, &mut found), found)
        })
        .collect();
    let mut records = Vec::with_capacity(parsed.len());
    for (record, found) in parsed {
        diagnostics.extend(found);
        records.extend(record);
    }
    records.extend(bulk);
    let vocabularies = named(vocabularies, &languages, &records);
    let pages = sources
        .pages
        .into_iter()
        .map(|p| parse_page(p, diagnostics))
        .collect();
    let collections = sources
        .collections
        .into_iter()
        .filter_map(|c| {
            let list: crate::schema::CollectionFile = recover::parse(&c.list.text, &c.list.path, 0)
                .map_err(|d| diagnostics.extend(d))
                .ok()?;
            if list.records.is_empty() {
                diagnostics.push(empty_list(&c.list, "records", "[la-haine, timbuktu]"));
                return None;
            }
            let page = parse_page(
                PageSource {
                    id: c.id,
                    translations: c.translations,
                },
                diagnostics,
            );
            Some(Collection {
                id: page.id,
                file: c.list.path,
                records: list.records,
                translations: page.translations,
            })
        })
        .collect();
    Records {
        records,
        pages,
        collections,
        vocabularies,
    }
}

/// The records of one bulk file, a YAML list or a CSV sheet, in `languages` (the default
/// one first); a sheet's columns may name `roles`.
pub fn parse_bulk_file(
    kind: super::layout::Kind,
    file: &SourceFile,
    languages: &[&str],
    roles: &Vocabulary,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Record> {
    if file.path.extension().is_some_and(|e| e == "csv") {
        parse_csv(kind, file, languages, roles, diagnostics)
    } else {
        parse_bulk(kind, file, languages, diagnostics)
    }
}

/// Reads and parses the bulk file `rel` (relative to `root`) again, as [`load`](super::load)
/// and [`parse`] read it in a full build: what `serve` does when one is saved. A file that
/// is gone has no records.
pub fn reread_bulk(
    root: &std::path::Path,
    kind: super::layout::Kind,
    rel: &std::path::Path,
    languages: &[&str],
    roles: &Vocabulary,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Record> {
    if std::fs::symlink_metadata(root.join(rel)).is_err() {
        return Vec::new();
    }
    let Some(file) = super::load::read_limited(root, rel, &super::load::BULK, diagnostics) else {
        return Vec::new();
    };
    parse_bulk_file(kind, &file, languages, roles, diagnostics)
}

pub fn parse_record(source: RecordSource, diagnostics: &mut Vec<Diagnostic>) -> Option<Record> {
    let translations = source
        .translations
        .iter()
        .filter_map(|(lang, file)| parse_translation(lang, file, diagnostics))
        .collect();
    let file = &source.record;
    let parsed = parse_kind(source.kind, &file.text, &file.path);
    let (common, details) = parsed.map_err(|d| diagnostics.extend(d)).ok()?;
    // In a record folder, the texts live in the language files.
    for (field, value) in [
        ("title", &common.inline.title),
        ("summary", &common.inline.summary),
    ] {
        if let Some(value) = value {
            let span = yaml::span_of(&value.referenced, field.len(), 0);
            diagnostics.push(
                Diagnostic::error(
                    "text-in-record-file",
                    &file.path,
                    span,
                    format!("`{field}` belongs in the language files, not in record.yaml"),
                )
                .with_help(format!(
                    "write it in `{}/<lang>.md`, in the front matter",
                    crate::diagnostics::display_path(&source.dir)
                )),
            );
        }
    }
    if common.inline.text.is_some() {
        diagnostics.push(
            Diagnostic::error(
                "text-in-record-file",
                &file.path,
                Span::file(),
                "`text` belongs in the language files, not in record.yaml",
            )
            .with_help("write the text after the front matter of `<lang>.md`"),
        );
    }
    Some(Record {
        kind: source.kind,
        id: source.id,
        source: file.path.clone(),
        dir: source.dir,
        common,
        details,
        translations,
        assets: source.assets,
    })
}

fn parse_translation(
    lang: &str,
    file: &SourceFile,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Translation> {
    let (front, body, body_line) = split_front_matter(file)
        .map_err(|d| diagnostics.push(d))
        .ok()?;
    diagnostics.extend(cut_by_a_comment(front, &file.path));
    let front: TranslationFront = recover::parse(front, &file.path, 1)
        .map_err(|d| diagnostics.extend(d))
        .ok()?;
    Some(Translation {
        lang: lang.to_string(),
        file: file.path.clone(),
        title: front.title,
        summary: front.summary,
        slug: front.slug,
        body: body.to_string(),
        body_line,
    })
}

/// Warnings for a title or summary that YAML cuts at ` #`: in `title: Rocky #1`, `#1` starts
/// a comment and the title is "Rocky". A comment written on purpose has a space after its
/// `#` (`title: La Haine   # the 1995 film`); one glued to a word is taken for text.
fn cut_by_a_comment(front: &str, file: &std::path::Path) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for (n, line) in front.lines().enumerate() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        if !["title", "summary"].contains(&key) || value.trim_start().starts_with(['"', '\'']) {
            continue;
        }
        let bytes = value.as_bytes();
        let cut = (2..bytes.len()).find(|&i| {
            bytes[i] == b'#'
                && bytes[i - 1] == b' '
                && !bytes[i - 2].is_ascii_whitespace()
                && bytes.get(i + 1).is_some_and(|b| !b.is_ascii_whitespace())
        });
        let Some(at) = cut else { continue };
        let kept = value[..at].trim();
        let column = key.chars().count() + 1 + value[..at].chars().count() + 1;
        found.push(
            Diagnostic::warning(
                "comment-in-value",
                file,
                crate::diagnostics::Span::new(
                    n + 2,
                    column,
                    value[at..].trim_end().chars().count(),
                ),
                format!(
                    "`{}` is read as a YAML comment: the {key} ends at `{kept}`",
                    value[at..].trim_end()
                ),
            )
            .with_help(format!(
                "put the {key} in quotes to keep it whole: `{key}: \"{}\"`",
                value.trim()
            )),
        );
    }
    found
}

fn parse_page(source: PageSource, diagnostics: &mut Vec<Diagnostic>) -> Page {
    let translations = source
        .translations
        .iter()
        .filter_map(|(lang, file)| {
            let (front, body, body_line) = split_front_matter(file)
                .map_err(|d| diagnostics.push(d))
                .ok()?;
            let front: PageFront = recover::parse(front, &file.path, 1)
                .map_err(|d| diagnostics.extend(d))
                .ok()?;
            Some(PageTranslation {
                lang: lang.clone(),
                file: file.path.clone(),
                title: front.title,
                summary: front.summary,
                slug: front.slug,
                body: body.to_string(),
                body_line,
            })
        })
        .collect();
    Page {
        id: source.id,
        translations,
    }
}

/// The vocabularies with every known country and language (and the regional tags the
/// records use), named by CLDR in the site's languages, under `data/`'s own labels and codes.
fn named(vocabularies: Vocabularies, site_languages: &[&str], records: &[Record]) -> Vocabularies {
    let used = records.iter().flat_map(|r| {
        let c = &r.common;
        let subtitles = match &r.details {
            Details::Film(f) => f.subtitles.as_slice(),
            _ => &[],
        };
        c.languages
            .iter()
            .chain(subtitles)
            .chain(c.resources.iter().map(|res| &res.language))
            .map(|l| l.value.as_str())
    });
    let (countries, languages) = crate::locale::names::complete(
        &crate::locale::names::Names::load(site_languages),
        vocabularies.countries,
        vocabularies.languages,
        site_languages,
        used,
    );
    Vocabularies {
        countries,
        languages,
        ..vocabularies
    }
}

/// A required list written empty (`records: []`): an error at its line.
fn empty_list(file: &SourceFile, field: &str, example: &str) -> Diagnostic {
    let line = file
        .text
        .lines()
        .position(|l| l.starts_with(&format!("{field}:")))
        .map_or(0, |i| i + 1);
    Diagnostic::error(
        "empty-list",
        &file.path,
        Span::new(line, 1, field.len()),
        format!("`{field}` is required and cannot be empty"),
    )
    .with_help(format!("list at least one: `{field}: {example}`"))
}

/// Splits `---\n<yaml>\n---\n<body>` into the YAML, the body and the body's first line.
pub fn split_front_matter(file: &SourceFile) -> Result<(&str, &str, usize), Diagnostic> {
    let text = file.text.as_str();
    let missing = || {
        Diagnostic::error(
            "missing-front-matter",
            &file.path,
            Span::new(1, 1, 3),
            "the file does not start with front matter",
        )
        .with_help("start the file with a line `---`, then `title: …` and `summary: …`, then another line `---`, then the text")
    };
    let Some(after_open) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return Err(missing());
    };
    let open_len = text.len() - after_open.len();
    let mut offset = 0;
    for line in after_open.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let front = &after_open[..offset];
            let body = &after_open[offset + line.len()..];
            let body_line = text[..open_len + offset + line.len()].matches('\n').count() + 1;
            return Ok((front, body, body_line));
        }
        offset += line.len();
    }
    Err(Diagnostic::error(
        "unclosed-front-matter",
        &file.path,
        Span::new(1, 1, 3),
        "the front matter is never closed",
    )
    .with_help("add a line with only `---` after the last front-matter field, before the text"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile {
            path: "content/films/x/fr.md".into(),
            text: text.into(),
        }
    }

    #[test]
    fn splits_front_matter_and_counts_body_line() {
        let f = file("---\ntitle: A\nsummary: B\n---\nBody\n");
        let (front, body, line) = split_front_matter(&f).unwrap();
        assert_eq!(front, "title: A\nsummary: B\n");
        assert_eq!(body, "Body\n");
        assert_eq!(line, 5);
    }

    #[test]
    fn reports_missing_and_unclosed_front_matter() {
        assert_eq!(
            split_front_matter(&file("title: A\n")).unwrap_err().code,
            "missing-front-matter"
        );
        assert_eq!(
            split_front_matter(&file("---\ntitle: A\n"))
                .unwrap_err()
                .code,
            "unclosed-front-matter"
        );
    }
}
