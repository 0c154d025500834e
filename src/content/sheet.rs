//! Spreadsheets are records: a CSV file exported from a spreadsheet, beside the record
//! folders of a kind (`content/films/catalogue.csv`), is a bulk file. UTF-8, a header row of
//! field names; one row per record; lists separated by `;`; a translatable column per
//! language (`title.fr`, `title.en`); credits as one column per role (`director`,
//! `performer`), names separated by `;`.
//!
//! Each row becomes the YAML mapping of a record, one line per value, and goes through the
//! same parsing and checks as a YAML bulk file; every position (of a parsing error, and of
//! the values later checks point at) is then moved to the row and the cell it came from,
//! and messages name the column.

use std::collections::BTreeSet;
use std::path::Path;

use super::bulk::{bulk_record, without_repeated_ids};
use super::layout::Kind;
use super::load::SourceFile;
use super::record::{Details, Record, field_names, parse_kind};
use crate::diagnostics::{Diagnostic, Span, did_you_mean, hint};
use crate::schema::{Common, Spanned, Vocabulary};

/// Fields that hold a list: `;` separates the values of a cell.
const LIST_FIELDS: &[&str] = &["languages", "themes", "countries", "audience", "subtitles"];
/// Fields whose cells are numbers or `true`/`false` rather than text.
const PLAIN_FIELDS: &[&str] = &["year", "duration", "pages", "draft"];
/// Translatable fields: one column per language (`title.fr`), or one for the default.
const TEXT_FIELDS: &[&str] = &["title", "summary", "text"];
/// Fields made of mappings, which a cell cannot hold.
const NESTED_FIELDS: &[&str] = &[
    "images",
    "resources",
    "links",
    "tracks",
    "speakers",
    "available",
    "credits",
];

/// What a column of the header holds.
#[derive(Debug, Clone)]
enum Column {
    /// A field with one value.
    Field(String),
    /// A translatable field, in one language or (`None`) in the default one.
    Text(String, Option<String>),
    /// A field with a list of values.
    List(String),
    /// The names credited in a role of `data/roles.yaml`.
    Role(String),
    /// A column already reported as wrong.
    Ignored,
}

/// Where the values of a row's YAML came from: per line of the YAML (from 1), the cell
/// (column index), the offset of the value in it and its length, in characters.
struct Places {
    row_line: usize,
    cells: Vec<usize>,
    lines: Vec<(usize, usize, usize)>,
}

impl Places {
    /// The 1-based character column of line `line` of the YAML in the file.
    /// The cell, column and length of the value on line `line` of the YAML.
    fn column(&self, line: usize) -> (usize, usize, usize) {
        let (cell, offset, len) = self
            .lines
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or_default();
        (
            cell,
            self.cells.get(cell).copied().unwrap_or(1) + offset,
            len,
        )
    }

    fn location(&self, at: serde_saphyr::Location) -> serde_saphyr::Location {
        let (_, column, len) = self.column(at.line() as usize);
        let span = serde_json::json!({"offset": 0, "len": len, "byte_info": [0, len]});
        let moved = serde_json::json!({"line": self.row_line, "column": column, "span": span});
        serde_json::from_value(moved).unwrap_or(at)
    }

    fn relocate<T>(&self, value: &mut Spanned<T>) {
        value.referenced = self.location(value.referenced);
        value.defined = self.location(value.defined);
    }
}

/// The records of a CSV bulk file of `kind`. `roles` names the credit columns.
pub fn parse_csv(
    kind: Kind,
    file: &SourceFile,
    languages: &[&str],
    roles: &Vocabulary,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Record> {
    let text = file.text.strip_prefix('\u{feff}').unwrap_or(&file.text);
    let separator = separator(text.lines().next().unwrap_or_default());
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .delimiter(separator)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|h| h.trim().to_string()).collect(),
        Err(e) => {
            diagnostics.push(csv_error(&file.path, &e));
            return Vec::new();
        }
    };
    let header_cells = cell_columns(text.lines().next().unwrap_or_default(), separator);
    let columns = columns(kind, &file.path, &headers, roles, |i, d: Diagnostic| {
        let column = header_cells.get(i).copied().unwrap_or(1);
        diagnostics.push(Diagnostic {
            span: Span::new(1, column, headers[i].chars().count().max(1)),
            ..d
        });
    });
    let mut rows = Vec::new();
    for row in reader.records() {
        match row {
            Ok(row) => rows.push(row),
            Err(e) => diagnostics.push(csv_error(&file.path, &e)),
        }
    }
    let mut records = Vec::new();
    for (n, row) in rows.iter().enumerate() {
        if row.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let Some(position) = row.position() else {
            continue;
        };
        let (start, row_line) = row_start(text, position);
        let end = rows
            .get(n + 1)
            .and_then(|r| r.position())
            .map_or(text.len(), |p| row_start(text, p).0);
        let raw = text.get(start..end).unwrap_or_default();
        let (yaml, lines) = row_yaml(&columns, row);
        let places = Places {
            row_line,
            cells: cell_columns(raw, separator),
            lines,
        };
        match parse_kind(kind, &yaml, &file.path) {
            Ok((mut common, mut details)) => {
                relocate(&places, &mut common, &mut details);
                records.extend(bulk_record(
                    kind,
                    &file.path,
                    row_line,
                    (common, details),
                    languages,
                    diagnostics,
                ));
            }
            Err(found) => {
                diagnostics.extend(found.into_iter().map(|d| located(d, &places, &headers)));
            }
        }
    }
    without_repeated_ids(records, &file.path, diagnostics)
}

/// The byte and the line where a row starts. After a CRLF line end (Excel's "CSV UTF-8",
/// any Windows export) the csv crate places the next row at the `\n`, still on the line
/// before: the row starts one byte and one line further.
fn row_start(text: &str, position: &csv::Position) -> (usize, usize) {
    let (byte, line) = (position.byte() as usize, position.line() as usize);
    if text.as_bytes().get(byte) == Some(&b'\n') {
        (byte + 1, line + 1)
    } else {
        (byte, line)
    }
}

/// What each column of the header holds; `report` receives the problems of column `i`.
fn columns(
    kind: Kind,
    path: &Path,
    headers: &[String],
    roles: &Vocabulary,
    mut report: impl FnMut(usize, Diagnostic),
) -> Vec<Column> {
    let fields = field_names(kind);
    let mut seen = BTreeSet::new();
    headers
        .iter()
        .enumerate()
        .map(|(i, header)| {
            let problem = |message: String, help: String| {
                Diagnostic::error("unknown-column", path, Span::default(), message).with_help(help)
            };
            if !seen.insert(header.clone()) {
                report(
                    i,
                    problem(
                        format!("the column `{header}` is there twice"),
                        "keep one column per field; list several values in one cell, separated by `;`".into(),
                    ),
                );
                return Column::Ignored;
            }
            if let Some((field, lang)) = header.split_once('.')
                && TEXT_FIELDS.contains(&field)
            {
                return Column::Text(field.to_string(), Some(lang.to_string()));
            }
            let header = header.as_str();
            if TEXT_FIELDS.contains(&header) {
                Column::Text(header.to_string(), None)
            } else if NESTED_FIELDS.contains(&header) {
                let help = if header == "credits" {
                    "write a column per role instead, named by its id in data/roles.yaml (`director`, `performer`…), with the names separated by `;`".to_string()
                } else {
                    format!("`{header}` cannot be written in a cell: give the record a folder (`vitrine new`) or put it in a YAML bulk file")
                };
                report(i, problem(format!("`{header}` cannot be a column"), help));
                Column::Ignored
            } else if LIST_FIELDS.contains(&header) {
                Column::List(header.to_string())
            } else if fields.iter().any(|f| f == header) {
                Column::Field(header.to_string())
            } else if roles.contains_key(header) {
                Column::Role(header.to_string())
            } else {
                let candidates = fields.iter().map(String::as_str).chain(roles.keys().map(String::as_str));
                let suggestion = did_you_mean(header, candidates);
                report(
                    i,
                    problem(
                        format!("`{header}` is neither a field of a {} nor a role", kind.name()),
                        hint(suggestion, "a column is a field (docs/reference.md), a translation of one (`title.fr`), or a role of data/roles.yaml whose names it credits"),
                    ),
                );
                Column::Ignored
            }
        })
        .collect()
}

/// A row as the YAML mapping of a record, one value per line, and where each line's value
/// came from.
fn row_yaml(columns: &[Column], row: &csv::StringRecord) -> (String, Vec<(usize, usize, usize)>) {
    let mut yaml = String::new();
    let mut lines = Vec::new();
    let mut line = |text: String, cell: usize, offset: usize, len: usize| {
        yaml.push_str(&text);
        yaml.push('\n');
        lines.push((cell, offset, len.max(1)));
    };
    let quote = |value: &str| serde_json::to_string(value).unwrap_or_default();
    let cell = |i: usize| row.get(i).unwrap_or_default();
    // Values of a list cell, with their offsets in it.
    let items = |i: usize| -> Vec<(usize, String)> {
        let mut out = Vec::new();
        let mut offset = 0;
        for part in cell(i).split(';') {
            let trimmed = part.trim();
            if !trimmed.is_empty() {
                let lead = part.chars().count() - part.trim_start().chars().count();
                out.push((offset + lead, trimmed.to_string()));
            }
            offset += part.chars().count() + 1;
        }
        out
    };
    // Per translatable field, its cells: column index and language.
    type Cells<'a> = Vec<(usize, Option<&'a str>)>;
    let mut texts: Vec<(&str, Cells<'_>)> = Vec::new();
    for (i, column) in columns.iter().enumerate() {
        let value = cell(i).trim();
        match column {
            Column::Field(name) if !value.is_empty() => {
                let plain = PLAIN_FIELDS.contains(&name.as_str())
                    && (value.parse::<i64>().is_ok() || value == "true" || value == "false");
                let value = if plain {
                    value.to_string()
                } else {
                    quote(value)
                };
                let len = cell(i).trim().chars().count();
                line(format!("{name}: {value}"), i, 0, len);
            }
            Column::List(name) => {
                let values = items(i);
                if !values.is_empty() {
                    line(format!("{name}:"), i, 0, 1);
                    for (offset, v) in values {
                        line(format!("  - {}", quote(&v)), i, offset, v.chars().count());
                    }
                }
            }
            Column::Text(name, lang) if !value.is_empty() => {
                match texts.iter_mut().find(|(n, _)| n == name) {
                    Some((_, cells)) => cells.push((i, lang.as_deref())),
                    None => texts.push((name, vec![(i, lang.as_deref())])),
                }
            }
            _ => {}
        }
    }
    for (name, cells) in texts {
        match cells.as_slice() {
            [(i, None)] => {
                let value = cell(*i).trim();
                line(
                    format!("{name}: {}", quote(value)),
                    *i,
                    0,
                    value.chars().count(),
                );
            }
            _ => {
                line(format!("{name}:"), cells[0].0, 0, 1);
                for (i, lang) in &cells {
                    let lang = lang.unwrap_or("default");
                    let value = cell(*i).trim();
                    line(
                        format!("  {}: {}", quote(lang), quote(value)),
                        *i,
                        0,
                        value.chars().count(),
                    );
                }
            }
        }
    }
    let credits: Vec<(usize, &str)> = columns
        .iter()
        .enumerate()
        .filter_map(|(i, c)| match c {
            Column::Role(role) => Some((i, role.as_str())),
            _ => None,
        })
        .collect();
    if credits.iter().any(|(i, _)| !items(*i).is_empty()) {
        line("credits:".into(), credits[0].0, 0, 1);
        for (i, role) in credits {
            for (offset, name) in items(i) {
                let len = name.chars().count();
                line(format!("  - name: {}", quote(&name)), i, offset, len);
                line(format!("    role: {}", quote(role)), i, offset, len);
            }
        }
    }
    (yaml, lines)
}

/// A problem of a row's YAML at the row and cell it came from, naming the column.
fn located(d: Diagnostic, places: &Places, headers: &[String]) -> Diagnostic {
    if d.code == "missing-field" {
        let field = d.message.split('`').nth(1).unwrap_or_default().to_string();
        return Diagnostic {
            span: Span::new(places.row_line, 1, 1),
            message: format!("the row has no `{field}`"),
            ..d
        }
        .with_help(format!(
            "add a column `{field}` to the header row, and fill its cell in this row; docs/reference.md says what it holds"
        ));
    }
    let (cell, column, len) = places.column(d.span.line);
    let header = headers.get(cell).map_or("", String::as_str);
    Diagnostic {
        span: Span::new(places.row_line, column, len),
        message: format!("column `{header}`: {}", d.message),
        ..d
    }
}

/// The CSV reader's own error (a row with too many or too few cells…), at its row.
fn csv_error(path: &Path, e: &csv::Error) -> Diagnostic {
    let line = e.position().map_or(0, |p| p.line() as usize);
    let message = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("this row has {len} cells, the header row {expected_len}"),
        csv::ErrorKind::Utf8 { .. } => "this row is not UTF-8 text".to_string(),
        _ => format!("this is not a readable CSV row: {e}"),
    };
    Diagnostic::error("csv-syntax", path, Span::new(line, 1, 1), message).with_help(
        "export the sheet again as CSV UTF-8 with commas; a cell holding a comma or a line break must be in double quotes",
    )
}

/// What separates the cells: a comma, or a semicolon when the header row has semicolons and
/// no comma, as Excel saves "CSV" where the comma is the decimal mark (French, German,
/// Spanish…). A list cell such as `ML;FR` is then in quotes, as Excel writes it.
fn separator(header: &str) -> u8 {
    if !header.contains(',') && header.contains(';') {
        b';'
    } else {
        b','
    }
}

/// The 1-based character column where each cell's value starts in a CSV line (after the
/// opening quote of a quoted cell).
fn cell_columns(line: &str, separator: u8) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut quoted = false;
    let mut at_start = true;
    for (column, c) in line.chars().enumerate() {
        if at_start {
            starts.push(column + 1 + usize::from(c == '"'));
            at_start = false;
        }
        match c {
            '"' => quoted = !quoted,
            c if c == char::from(separator) && !quoted => at_start = true,
            '\n' | '\r' if !quoted => break,
            _ => {}
        }
    }
    if at_start {
        starts.push(line.chars().count() + 1);
    }
    starts
}

/// Moves every value a later check may point at to its cell.
fn relocate(places: &Places, c: &mut Common, details: &mut Details) {
    let list = |v: &mut Vec<Spanned<String>>| v.iter_mut().for_each(|s| places.relocate(s));
    if let Some(id) = &mut c.id {
        places.relocate(id);
    }
    list(&mut c.languages);
    list(&mut c.themes);
    list(&mut c.countries);
    places.relocate(&mut c.published);
    if let Some(u) = &mut c.updated {
        places.relocate(u);
    }
    for credit in &mut c.credits {
        places.relocate(&mut credit.role);
    }
    if let Some(t) = &mut c.inline.title {
        places.relocate(t);
    }
    if let Some(s) = &mut c.inline.summary {
        places.relocate(s);
    }
    let year = |y: &mut Option<Spanned<i32>>| {
        if let Some(y) = y {
            places.relocate(y);
        }
    };
    let text = |t: &mut Option<Spanned<String>>| {
        if let Some(t) = t {
            places.relocate(t);
        }
    };
    match details {
        Details::Film(f) => {
            year(&mut f.year);
            list(&mut f.subtitles);
        }
        Details::Book(b) => {
            year(&mut b.year);
            text(&mut b.isbn);
        }
        Details::Music(m) => text(&mut m.release_date),
        Details::Webinar(w) => {
            places.relocate(&mut w.start);
            places.relocate(&mut w.time_zone);
            text(&mut w.registration);
            text(&mut w.replay);
        }
        Details::Production(p) => {
            places.relocate(&mut p.institution);
            year(&mut p.year);
        }
    }
}

/// The header row of a CSV file of `kind` with every column it may have, for a site in
/// `languages` with `roles`: what `vitrine schema` writes as `<kind>-columns.csv`, a sheet
/// to fill in.
pub fn template(kind: Kind, languages: &[String], roles: &[String]) -> String {
    let mut columns = vec!["id".to_string()];
    for field in TEXT_FIELDS {
        columns.extend(languages.iter().map(|l| format!("{field}.{l}")));
    }
    columns.push("published".into());
    let skip = |f: &str| {
        NESTED_FIELDS.contains(&f) || TEXT_FIELDS.contains(&f) || ["id", "published"].contains(&f)
    };
    columns.extend(field_names(kind).into_iter().filter(|f| !skip(f)));
    columns.extend(roles.iter().cloned());
    let mut writer = csv::Writer::from_writer(Vec::new());
    // Writing to memory cannot fail.
    let _ = writer.write_record(&columns);
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// Names the column of each problem found in a CSV bulk file after parsing (an unknown
/// theme, a country code…): those checks point at the cell without knowing it is one.
/// `root` is the site, whose files the diagnostics name.
pub fn name_columns(root: &Path, diagnostics: &mut [Diagnostic]) {
    let mut files: Vec<(std::path::PathBuf, Option<String>)> = Vec::new();
    for d in diagnostics.iter_mut() {
        let named = d.message.starts_with("column `")
            || ["csv-syntax", "missing-field", "unknown-column"].contains(&d.code);
        if d.file.extension().is_none_or(|e| e != "csv") || d.span.line < 2 || named {
            continue;
        }
        let at = match files.iter().position(|(f, _)| *f == d.file) {
            Some(at) => at,
            None => {
                files.push((
                    d.file.clone(),
                    std::fs::read_to_string(root.join(&d.file)).ok(),
                ));
                files.len() - 1
            }
        };
        let Some(text) = &files[at].1 else { continue };
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut lines = text.lines();
        let (Some(header), Some(row)) = (lines.next(), lines.nth(d.span.line - 2)) else {
            continue;
        };
        let separator = separator(header);
        let names: Vec<String> = csv::ReaderBuilder::new()
            .has_headers(false)
            .delimiter(separator)
            .from_reader(header.as_bytes())
            .records()
            .next()
            .and_then(Result::ok)
            .map(|r| r.iter().map(|h| h.trim().to_string()).collect())
            .unwrap_or_default();
        let cell = cell_columns(row, separator)
            .iter()
            .rposition(|start| *start <= d.span.column);
        if let Some(name) = cell.and_then(|c| names.get(c)) {
            d.message = format!("column `{name}`: {}", d.message);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_start_after_commas_and_opening_quotes() {
        assert_eq!(cell_columns("a,bc,\"d,e\",f", b','), [1, 3, 7, 12]);
        assert_eq!(cell_columns("a,", b','), [1, 3]);
        assert_eq!(cell_columns("a;bc;\"d;e\";f", b';'), [1, 3, 7, 12]);
    }
}
