//! Turns [`Sources`] into typed [`Records`]: YAML into the schema of each kind, front matter
//! split from the Markdown body.
//!
//! Each file is parsed on its own; a file that fails is reported and left out, and parsing
//! goes on so that one run shows every problem.

use std::collections::BTreeSet;
use std::path::PathBuf;

use rayon::prelude::*;

use super::layout::Kind;
use super::load::{PageSource, RecordSource, SourceFile, Sources};
use crate::diagnostics::{Diagnostic, Span};
use crate::schema::yaml;
use crate::schema::{
    self, BookFile, Common, FilmFile, MusicFile, PageFront, ProductionFile, Spanned,
    TranslationFront, Vocabulary, WebinarFile,
};

/// The kind-specific part of a record.
#[derive(Debug)]
pub enum Details {
    /// A film's own fields.
    Film(schema::Film),
    /// A book's own fields.
    Book(schema::Book),
    /// A music release's own fields.
    Music(schema::Music),
    /// A webinar's own fields.
    Webinar(schema::Webinar),
    /// A production's own fields.
    Production(schema::Production),
}

/// One language of a record.
#[derive(Debug)]
pub struct Translation {
    /// Language code (the file's stem).
    pub lang: String,
    /// The `.md` file, relative to the site root.
    pub file: PathBuf,
    /// Title in this language.
    pub title: String,
    /// Summary in this language.
    pub summary: String,
    /// Localized last path segment, if any.
    pub slug: Option<Spanned<String>>,
    /// Markdown body.
    pub body: String,
    /// Line of the file where the body starts (1-based).
    pub body_line: usize,
}

/// A record with its language-neutral facts and its translations.
#[derive(Debug)]
pub struct Record {
    /// Kind, from the folder.
    pub kind: Kind,
    /// Id, from the folder name.
    pub id: String,
    /// The record folder, relative to the site root (for a record of a bulk file, the
    /// folder it would have: it holds no files).
    pub dir: PathBuf,
    /// The file the record is written in, relative to the site root.
    pub source: PathBuf,
    /// Fields every kind has.
    pub common: Common,
    /// The kind's own fields.
    pub details: Details,
    /// Translations that parsed, sorted by language code.
    pub translations: Vec<Translation>,
    /// Other files of the folder.
    pub assets: BTreeSet<String>,
}

impl Record {
    /// The file the record is written in (its `record.yaml`, or a bulk file), relative to
    /// the site root.
    pub fn file(&self) -> PathBuf {
        self.source.clone()
    }
}

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
        .flat_map(|(kind, file)| parse_bulk(*kind, file, &languages, diagnostics))
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
    let pages = sources
        .pages
        .into_iter()
        .map(|p| parse_page(p, diagnostics))
        .collect();
    let collections = sources
        .collections
        .into_iter()
        .filter_map(|c| {
            let list: crate::schema::CollectionFile = yaml::parse(&c.list.text, &c.list.path, 0)
                .map_err(|d| diagnostics.push(d))
                .ok()?;
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

pub fn parse_record(source: RecordSource, diagnostics: &mut Vec<Diagnostic>) -> Option<Record> {
    let translations = source
        .translations
        .iter()
        .filter_map(|(lang, file)| parse_translation(lang, file, diagnostics))
        .collect();
    let file = &source.record;
    let parsed = parse_kind(source.kind, &file.text, &file.path);
    let (common, details) = parsed.map_err(|d| diagnostics.push(d)).ok()?;
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
    let front: TranslationFront = yaml::parse(front, &file.path, 1)
        .map_err(|d| diagnostics.push(d))
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

fn parse_page(source: PageSource, diagnostics: &mut Vec<Diagnostic>) -> Page {
    let translations = source
        .translations
        .iter()
        .filter_map(|(lang, file)| {
            let (front, body, body_line) = split_front_matter(file)
                .map_err(|d| diagnostics.push(d))
                .ok()?;
            let front: PageFront = yaml::parse(front, &file.path, 1)
                .map_err(|d| diagnostics.push(d))
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

/// One record's YAML into its common fields and its kind's own.
fn parse_kind(
    kind: Kind,
    text: &str,
    path: &std::path::Path,
) -> Result<(Common, Details), Diagnostic> {
    match kind {
        Kind::Film => yaml::parse::<FilmFile>(text, path, 0)
            .map(|f| f.split())
            .map(|(c, d)| (c, Details::Film(d))),
        Kind::Book => yaml::parse::<BookFile>(text, path, 0)
            .map(|f| f.split())
            .map(|(c, d)| (c, Details::Book(d))),
        Kind::Music => yaml::parse::<MusicFile>(text, path, 0)
            .map(|f| f.split())
            .map(|(c, d)| (c, Details::Music(d))),
        Kind::Webinar => yaml::parse::<WebinarFile>(text, path, 0)
            .map(|f| f.split())
            .map(|(c, d)| (c, Details::Webinar(d))),
        Kind::Production => yaml::parse::<ProductionFile>(text, path, 0)
            .map(|f| f.split())
            .map(|(c, d)| (c, Details::Production(d))),
    }
}

/// A bulk file, `content/<kind>/<name>.yaml`: a list of records of that kind, each with an
/// `id` and its texts inline (`title`, `summary`, `text`, one per language).
pub fn parse_bulk(
    kind: Kind,
    file: &SourceFile,
    languages: &[&str],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Record> {
    // Each entry is parsed on its own so that one bad entry does not hide the others.
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
            parse_kind(kind, &text, &file.path).map_err(|d| diagnostics.push(d))
        else {
            continue;
        };
        let Some(id) = common.id.as_ref().map(|i| i.value.clone()) else {
            diagnostics.push(
                Diagnostic::error("missing-field", &file.path, Span::new(first, 1, 1), "the required field `id` is missing")
                    .with_help("every record of a bulk file has an `id`: lower-case letters, digits and dashes"),
            );
            continue;
        };
        let Some(title) = &common.inline.title else {
            diagnostics.push(
                Diagnostic::error(
                    "missing-field",
                    &file.path,
                    Span::new(first, 1, 1),
                    format!("the record `{id}` has no `title`"),
                )
                .with_help("add `title: {fr: …, en: …}` with a title per language"),
            );
            continue;
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
                        &file.path,
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
                file: file.path.clone(),
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
        records.push(Record {
            kind,
            dir: PathBuf::from("content").join(kind.folder()).join(&id),
            id,
            source: file.path.clone(),
            common,
            details,
            translations,
            assets: BTreeSet::new(),
        });
    }
    records
}

/// Reads a list without interpreting its entries, to learn where each begins.
#[derive(Debug)]
struct IgnoredEntry;

impl<'de> serde::Deserialize<'de> for IgnoredEntry {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        serde::de::IgnoredAny::deserialize(deserializer).map(|_| IgnoredEntry)
    }
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
