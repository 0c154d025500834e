//! YAML into typed values, with every failure turned into a located [`Diagnostic`].
//!
//! serde-saphyr does the parsing (panic-free, with budgets against alias bombs and deep
//! nesting); this module only translates its errors into words an editor can act on. It
//! does not know the schema: callers pass the target type.

use std::path::Path;

use serde::de::DeserializeOwned;
use serde_saphyr::{Error, Location};

use crate::diagnostics::{Diagnostic, Span, did_you_mean, hint};
use serde_saphyr::Spanned;

/// The span of a YAML location, `line_offset` lines further down the file.
pub fn span_of(location: &Location, len: usize, line_offset: usize) -> Span {
    Span::new(location.line() as usize, location.column() as usize, len).shifted(line_offset)
}

/// Parses `text` (the YAML found at `line_offset` lines into `file`) into `T`.
///
/// An empty document (or one of comments only) is parsed as an empty mapping, so that "every field missing" is
/// reported as the first missing field rather than as a syntax error.
pub fn parse<T: DeserializeOwned>(
    text: &str,
    file: &Path,
    line_offset: usize,
) -> Result<T, Diagnostic> {
    let blank = text.lines().all(|l| {
        let l = l.trim_start();
        l.is_empty() || l.starts_with('#')
    });
    let text = if blank { "{}" } else { text };
    serde_saphyr::from_str_with_options(text, options(text.len()))
        .map_err(|e| diagnostic(&e, text, file, line_offset))
}

/// How vitrine reads YAML.
///
/// A tag such as `!Women` in `title: !Women Art Revolution` would otherwise be dropped in
/// silence, leaving "Art Revolution": vitrine's files use no tags, so one is a mistake.
///
/// serde-saphyr's budgets grow with the file: its defaults (250,000 nodes, a million
/// events) refuse a plain bulk file of a few thousand records with casts, which is no bomb.
/// Without aliases a node or event takes at least a byte of the file, so budgets of a few
/// per byte refuse nothing written out plainly and still bound the work by the file's size;
/// the alias budgets (expansions, their ratio to anchors) stay the defaults.
fn options(len: usize) -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_nodes = budget.max_nodes.max(len);
    budget.max_events = budget.max_events.max(len.saturating_mul(2));
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    options.reject_unsupported_tags = true;
    options
}

fn diagnostic(error: &Error, text: &str, file: &Path, line_offset: usize) -> Diagnostic {
    let inner = error.without_snippet();
    let location = error.location();
    let span = |len| {
        location
            .map(|l| span_of(&l, len, line_offset))
            .unwrap_or_default()
    };
    match inner {
        Error::SerdeUnknownField {
            field, expected, ..
        } => {
            let suggestion = did_you_mean(field, expected.iter().copied());
            Diagnostic::error(
                "unknown-field",
                file,
                span(field.chars().count()),
                format!("`{field}` is not a field here"),
            )
            .with_help(hint(
                suggestion,
                &format!("the fields allowed here are: {}", expected.join(", ")),
            ))
        }
        Error::SerdeMissingField { field, .. } => Diagnostic::error(
            "missing-field",
            file,
            span(1),
            format!("the required field `{field}` is missing"),
        )
        .with_help(format!(
            "add the line `{}` to this mapping; docs/reference.md says what it holds",
            example_line(field)
        )),
        Error::SerdeUnknownVariant {
            variant, expected, ..
        } => {
            let suggestion = did_you_mean(variant, expected.iter().copied());
            Diagnostic::error(
                "unknown-value",
                file,
                span(variant.chars().count()),
                format!("`{variant}` is not one of the allowed values"),
            )
            .with_help(hint(
                suggestion,
                &format!("the allowed values are: {}", expected.join(", ")),
            ))
        }
        Error::SerdeInvalidType {
            unexpected,
            expected,
            ..
        }
        | Error::SerdeInvalidValue {
            unexpected,
            expected,
            ..
        } => Diagnostic::error(
            "wrong-type",
            file,
            span(1),
            format!("expected {expected}, found {unexpected}"),
        )
        .with_help("check the value's type in docs/reference.md; quote text that looks like a number or a date"),
        Error::UnsupportedTag { tag, .. } => Diagnostic::error(
            "yaml-tag",
            file,
            location
                .map(|l| tag_span(text, &l, tag).shifted(line_offset))
                .unwrap_or_default(),
            format!("`{tag}` at the start of a value is a YAML tag, which vitrine does not read: it would be left out of the text"),
        )
        .with_help(format!("put the whole value in quotes: `\"{tag} …\"`")),
        Error::NullIntoString { .. } => Diagnostic::error(
            "missing-value",
            file,
            span(1),
            "this field has no value",
        )
        .with_help("write the value after the colon, or remove the line; a value that starts with `&`, `*`, `!` or `#`, or is the word `null`, goes in quotes"),
        Error::InvalidScalar { ty, .. } => Diagnostic::error(
            "wrong-type",
            file,
            span(1),
            format!("expected {}, found text", type_name(ty)),
        )
        .with_help("check the value's type in docs/reference.md"),
        // The budget error may come wrapped (with alias locations); its message is stable.
        other
            if matches!(other, Error::Budget { .. })
                || plain_message(other).starts_with("budget breached")
                || plain_message(other).starts_with("recursion limit exceeded") =>
        {
            Diagnostic::error(
            "yaml-too-large",
            file,
            span(1),
            "the file is nested too deeply or expands to too many values",
        )
            .with_help("YAML aliases (`*name`) that repeat other aliases, or lists and maps nested hundreds deep, are refused; write the values out plainly")
        }
        Error::Message { msg, .. } => Diagnostic::error("invalid-value", file, span(1), msg.clone())
            .with_help("docs/reference.md describes the expected value"),
        other => Diagnostic::error(
            "yaml-syntax",
            file,
            span(1),
            format!("this is not valid YAML: {}", plain_message(other)),
        )
        .with_help("check the indentation and that every `key: value` pair is on its own line; quote values that contain `: ` or start with a special character"),
    }
}

/// Where `tag` is written: serde-saphyr locates the value after it, on the same line.
fn tag_span(text: &str, value: &Location, tag: &str) -> Span {
    let (line, column) = (value.line() as usize, value.column() as usize);
    let before: String = text
        .lines()
        .nth(line.saturating_sub(1))
        .unwrap_or_default()
        .chars()
        .take(column.saturating_sub(1))
        .collect();
    match before.rfind(tag) {
        Some(at) => Span::new(line, before[..at].chars().count() + 1, tag.chars().count()),
        None => Span::new(line, column, 1),
    }
}

/// A line an editor can add for a required field `name`, shown in `missing-field` help.
pub fn example_line(name: &str) -> String {
    let value = match name {
        "published" => "2026-03-14",
        "until" => "2027-06-30",
        "start" => "2026-12-10T18:30",
        "time_zone" => "Europe/Paris",
        "duration" => "60",
        "institution" => "<an id of data/institutions.yaml>",
        "type" => "exhibition",
        "role" => "director",
        "file" => "poster.jpg",
        "url" => "https://…",
        "language" | "default_language" => "fr",
        "records" => "[la-haine, timbuktu]",
        "status" => "partial",
        "id" => "la-haine",
        _ => "…",
    };
    format!("{name}: {value}")
}

/// serde-saphyr's message without its own location suffix, which we print separately.
fn plain_message(error: &Error) -> String {
    let text = error.to_string();
    let first = text.lines().next().unwrap_or_default();
    match first.find(" at line ") {
        Some(i) => first[..i].to_string(),
        None => first.to_string(),
    }
}

/// Rust's type names in editors' words.
fn type_name(ty: &str) -> &'static str {
    match ty {
        "u8" | "u16" | "u32" | "u64" | "usize" => "a whole number",
        "i8" | "i16" | "i32" | "i64" | "isize" => "a whole number",
        "f32" | "f64" => "a number",
        "bool" => "`true` or `false`",
        _ => "a value of another type",
    }
}

/// An error about `value`, read from `file`, pointing at where it is written.
pub fn spanned_error<T>(
    file: &Path,
    value: &Spanned<T>,
    code: &'static str,
    message: String,
    help: String,
) -> Diagnostic {
    let len = value.referenced.span().len() as usize;
    Diagnostic::error(
        code,
        file,
        span_of(&value.referenced, len.max(1), 0),
        message,
    )
    .with_help(help)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A value that accepts any YAML, so that only serde-saphyr's budgets can stop it.
    type Anything = serde_json::Value;

    #[test]
    fn a_tag_or_an_empty_value_is_named_for_what_it_is() {
        #[derive(serde::Deserialize, Debug)]
        struct Title {
            #[allow(dead_code)]
            title: String,
        }
        let file = Path::new("content/films/x/en.md");
        let d = parse::<Title>("title: !Women Art Revolution\n", file, 1).unwrap_err();
        assert_eq!(d.code, "yaml-tag", "{d:?}");
        assert_eq!((d.span.line, d.span.column), (2, 8), "{d:?}");
        assert!(d.message.contains("`!Women`"), "{d:?}");
        for text in ["title:\n", "title: ~\n", "title: &Me\n"] {
            let d = parse::<Title>(text, file, 0).unwrap_err();
            assert_eq!(d.code, "missing-value", "{text}: {d:?}");
            assert!(!d.message.contains("Option"), "{d:?}");
        }
        // Tags of YAML itself still work.
        assert!(parse::<Title>("title: !!str 1984\n", file, 0).is_ok());
    }

    #[test]
    fn an_alias_bomb_is_refused_quickly() {
        let mut text = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for i in 1..12 {
            let refs = vec![format!("*a{}", i - 1); 10].join(", ");
            text.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
        }
        let started = std::time::Instant::now();
        let d = parse::<Anything>(&text, Path::new("data/themes.yaml"), 0).unwrap_err();
        assert_eq!(d.code, "yaml-too-large", "{d:?}");
        assert!(d.span.line > 0, "located: {d:?}");
        assert!(started.elapsed().as_secs() < 5);
    }

    #[test]
    fn a_large_plain_file_is_no_bomb() {
        // 4,000 records of 80 values each: more nodes than serde-saphyr's default budget.
        let mut text = String::new();
        for i in 0..4_000 {
            text.push_str(&format!("- id: film-{i}\n  credits:\n"));
            for j in 0..40 {
                text.push_str(&format!(
                    "    - {{name: Name{j} Surname{i}, role: performer}}\n"
                ));
            }
        }
        let list = parse::<Vec<Anything>>(&text, Path::new("content/films/import.yaml"), 0)
            .expect("a plain file is parsed whatever its size");
        assert_eq!(list.len(), 4_000);
    }

    #[test]
    fn deep_nesting_is_refused_without_overflowing_the_stack() {
        let text = format!("a: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
        // A rayon worker's stack, where records are parsed.
        let handle = std::thread::Builder::new()
            .stack_size(2 * 1024 * 1024)
            .spawn(move || parse::<Anything>(&text, Path::new("x.yaml"), 0).map(|_| ()))
            .unwrap();
        let d = handle.join().unwrap().unwrap_err();
        assert_eq!(d.code, "yaml-too-large", "{d:?}");
        assert!(d.span.line > 0, "{d:?}");
    }
}
