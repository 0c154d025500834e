//! YAML into typed values, with every failure turned into a located [`Diagnostic`].
//!
//! serde-saphyr does the parsing (panic-free, with budgets against alias bombs and deep
//! nesting); this module only translates its errors into words an editor can act on. It
//! does not know the schema: callers pass the target type.

use std::path::Path;

use serde::de::DeserializeOwned;
use serde_saphyr::{Error, Location};

use crate::diagnostics::{Diagnostic, Span, did_you_mean, hint};

/// The span of a YAML location, `line_offset` lines further down the file.
pub fn span_of(location: &Location, len: usize, line_offset: usize) -> Span {
    Span::new(location.line() as usize, location.column() as usize, len).shifted(line_offset)
}

/// Parses `text` (the YAML found at `line_offset` lines into `file`) into `T`.
///
/// An empty document is parsed as an empty mapping, so that "every field missing" is
/// reported as the first missing field rather than as a syntax error.
pub fn parse<T: DeserializeOwned>(
    text: &str,
    file: &Path,
    line_offset: usize,
) -> Result<T, Diagnostic> {
    let text = if text.trim().is_empty() { "{}" } else { text };
    serde_saphyr::from_str(text).map_err(|e| diagnostic(&e, file, line_offset))
}

fn diagnostic(error: &Error, file: &Path, line_offset: usize) -> Diagnostic {
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
            "add `{field}: …`; docs/reference.md says what it holds"
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
        Error::InvalidScalar { ty, .. } => Diagnostic::error(
            "wrong-type",
            file,
            span(1),
            format!("expected {}, found text", type_name(ty)),
        )
        .with_help("check the value's type in docs/reference.md"),
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
