//! A record as parsing makes it: its common fields, its kind's own ([`Details`]) and its
//! translations; and [`parse_kind`], one YAML mapping into those fields with every problem
//! it has. Record folders (`parse`), YAML bulk files (`bulk`) and spreadsheets (`sheet`)
//! all make records through it.

use std::collections::BTreeSet;
use std::path::PathBuf;

use super::layout::Kind;
use crate::diagnostics::Diagnostic;
use crate::schema::{
    self, BookFile, Common, FilmFile, MusicFile, ProductionFile, Spanned, WebinarFile, recover,
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

/// One record's YAML into its common fields and its kind's own, or every problem it has.
pub fn parse_kind(
    kind: Kind,
    text: &str,
    path: &std::path::Path,
) -> Result<(Common, Details), Vec<Diagnostic>> {
    parse_kind_at(kind, text, path, 0)
}

/// Evaluates `$body` with `$file` the type of a `kind` record's YAML and `$variant` its
/// [`Details`] variant, for the parsers below, which differ by kind only in those two.
macro_rules! by_kind {
    ($kind:expr, |$file:ident, $variant:ident| $body:expr) => {
        match $kind {
            Kind::Film => {
                type $file = FilmFile;
                use Details::Film as $variant;
                $body
            }
            Kind::Book => {
                type $file = BookFile;
                use Details::Book as $variant;
                $body
            }
            Kind::Music => {
                type $file = MusicFile;
                use Details::Music as $variant;
                $body
            }
            Kind::Webinar => {
                type $file = WebinarFile;
                use Details::Webinar as $variant;
                $body
            }
            Kind::Production => {
                type $file = ProductionFile;
                use Details::Production as $variant;
                $body
            }
        }
    };
}

/// As [`parse_kind`], for YAML found `line_offset` lines into `path`: errors are placed at
/// the file's lines (the values' own places stay those of `text`).
pub fn parse_kind_at(
    kind: Kind,
    text: &str,
    path: &std::path::Path,
    line_offset: usize,
) -> Result<(Common, Details), Vec<Diagnostic>> {
    by_kind!(kind, |File, Variant| {
        let parsed = recover::parse::<File>(text, path, line_offset);
        parsed.map(|f| {
            let (common, details) = f.split();
            (common, Variant(details))
        })
    })
}

/// Every entry of a bulk file's list of `kind` records at once, each with the line it starts
/// at, when the whole list parses. One pass over the file: the per-entry parse, which
/// reports every bad entry on its own, is only needed when this fails.
pub fn parse_kind_list(
    kind: Kind,
    text: &str,
    path: &std::path::Path,
) -> Option<Vec<(usize, (Common, Details))>> {
    by_kind!(kind, |File, Variant| {
        let entries: Vec<crate::schema::Spanned<File>> =
            crate::schema::yaml::parse(text, path, 0).ok()?;
        Some(
            entries
                .into_iter()
                .map(|e| {
                    let (common, details) = e.value.split();
                    (e.referenced.line() as usize, (common, Variant(details)))
                })
                .collect(),
        )
    })
}

/// The fields a record of `kind` may have, from its schema (common fields, then its own).
pub fn field_names(kind: Kind) -> Vec<String> {
    fn of<T: schemars::JsonSchema>() -> Vec<String> {
        let schema = schemars::SchemaGenerator::default().into_root_schema_for::<T>();
        schema
            .get("properties")
            .and_then(|p| p.as_object())
            .map(|p| p.keys().cloned().collect())
            .unwrap_or_default()
    }
    match kind {
        Kind::Film => of::<FilmFile>(),
        Kind::Book => of::<BookFile>(),
        Kind::Music => of::<MusicFile>(),
        Kind::Webinar => of::<WebinarFile>(),
        Kind::Production => of::<ProductionFile>(),
    }
}
