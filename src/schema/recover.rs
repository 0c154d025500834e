//! Reads one YAML mapping reporting every problem it has, not only the first.
//!
//! serde stops at a value's first error. To go on, the field that failed is set aside (its
//! lines blanked, so that every other line keeps its line and column) and the mapping is
//! read again, until it reads or only required fields are missing; those are then all
//! reported at the mapping's first line, each with the line to add. This module knows the
//! layout of a block mapping, not the schema: the required fields come from the type's
//! JSON Schema, the line to add from [`yaml::example_line`].

use std::collections::BTreeSet;
use std::path::Path;

use schemars::JsonSchema;
use serde::de::DeserializeOwned;

use super::yaml;
use crate::diagnostics::{Diagnostic, Span};

/// At most this many problems are reported per mapping: past it, the file is likely not
/// the kind of file it is read as, and more errors would only hide the first ones.
const MAX_PROBLEMS: usize = 50;

/// One top-level key of a block mapping and the lines its value spans (1-based, inclusive,
/// counted in the text given to [`parse`]).
#[derive(Debug, PartialEq, Eq)]
struct Key {
    name: String,
    column: usize,
    first: usize,
    last: usize,
}

/// Parses `text` (found `line_offset` lines into `file`) into `T`, or returns every problem
/// found: one per faulty field, and one per missing required field.
pub fn parse<T: DeserializeOwned + JsonSchema>(
    text: &str,
    file: &Path,
    line_offset: usize,
) -> Result<T, Vec<Diagnostic>> {
    let first = match yaml::parse::<T>(text, file, line_offset) {
        Ok(value) => return Ok(value),
        Err(d) => d,
    };
    let keys = keys(text);
    let (start_line, start_column) = match keys.first() {
        Some(start) => (start.first, start.column),
        // An empty file: what it lacks is reported at its start.
        None if first.code == "missing-field" => (1, 1),
        None => return Err(vec![first]),
    };
    let required = required_fields::<T>();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let mut set_aside = BTreeSet::new();
    let mut problems = Vec::new();
    let mut error = first;
    while problems.len() < MAX_PROBLEMS {
        let missing = (error.code == "missing-field")
            .then(|| missing_name(&error.message))
            .flatten()
            .filter(|name| {
                required.contains(name)
                    && (set_aside.contains(name.as_str()) || !keys.iter().any(|k| &k.name == name))
            });
        if missing.is_some() {
            // Every field present reads: report each required one absent, together.
            for name in &required {
                if !keys.iter().any(|k| &k.name == name) && !set_aside.contains(name.as_str()) {
                    problems.push(missing_field(
                        file,
                        name,
                        Span::new(start_line, start_column, 1).shifted(line_offset),
                    ));
                }
            }
            break;
        }
        let line = error.span.line.saturating_sub(line_offset);
        let culprit = keys
            .iter()
            .find(|k| (k.first..=k.last).contains(&line) && !set_aside.contains(k.name.as_str()));
        problems.push(error);
        let Some(key) = culprit else { break };
        set_aside.insert(key.name.as_str());
        for l in &mut lines[key.first - 1..key.last] {
            l.clear();
        }
        let retry = lines.join("\n");
        match yaml::parse::<T>(&retry, file, line_offset) {
            Ok(_) => break,
            Err(d) => error = d,
        }
    }
    Err(problems)
}

/// The missing-field diagnostic: at the mapping the field belongs to, with the line to add.
pub fn missing_field(file: &Path, name: &str, span: Span) -> Diagnostic {
    Diagnostic::error(
        "missing-field",
        file,
        span,
        format!("the required field `{name}` is missing"),
    )
    .with_help(format!(
        "add the line `{}` to this mapping; docs/reference.md says what it holds",
        yaml::example_line(name)
    ))
}

/// The field named in serde's "the required field `x` is missing".
fn missing_name(message: &str) -> Option<String> {
    let start = message.find('`')? + 1;
    let len = message[start..].find('`')?;
    Some(message[start..start + len].to_string())
}

/// The required fields of `T`'s own mapping, from its JSON Schema.
fn required_fields<T: JsonSchema>() -> Vec<String> {
    let schema = schemars::SchemaGenerator::default().into_root_schema_for::<T>();
    schema
        .get("required")
        .and_then(|r| r.as_array())
        .map(|r| {
            r.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// The top-level keys of a block mapping: the lines indented as much as the first key.
/// Empty for anything else (a flow mapping `{…}`, a list, a scalar).
fn keys(text: &str) -> Vec<Key> {
    let lines: Vec<&str> = text.lines().collect();
    let content = |l: &str| {
        let t = l.trim_start();
        !t.is_empty() && !t.starts_with('#')
    };
    let Some(first) = lines.iter().position(|l| content(l)) else {
        return Vec::new();
    };
    let indent = |l: &str| l.len() - l.trim_start().len();
    let base = indent(lines[first]);
    let key_of = |l: &str| -> Option<String> {
        let t = l.trim_start();
        if indent(l) != base || t.starts_with(['-', '{', '[', '"', '\'', '?', '&', '*', '!']) {
            return None;
        }
        let (name, _) = t.split_once(':')?;
        (!name.is_empty() && !name.contains(char::is_whitespace)).then(|| name.to_string())
    };
    let mut keys: Vec<Key> = Vec::new();
    for (i, line) in lines.iter().enumerate().skip(first) {
        if !content(line) {
            continue;
        }
        if indent(line) < base {
            break;
        }
        if let Some(name) = key_of(line) {
            if let Some(previous) = keys.last_mut() {
                previous.last = i;
            }
            keys.push(Key {
                name,
                column: base + 1,
                first: i + 1,
                last: lines.len(),
            });
        } else if indent(line) == base {
            // Not a block mapping after all.
            return Vec::new();
        }
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize, JsonSchema)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Film {
        published: String,
        year: u32,
        #[serde(default)]
        genre: Option<Genre>,
        #[serde(default)]
        credits: Vec<Credit>,
    }

    #[derive(Debug, serde::Deserialize, JsonSchema)]
    #[serde(rename_all = "lowercase")]
    enum Genre {
        Fiction,
    }

    #[derive(Debug, serde::Deserialize, JsonSchema)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Credit {
        name: String,
        role: String,
    }

    fn problems(text: &str) -> Vec<(String, usize, usize)> {
        parse::<Film>(text, Path::new("record.yaml"), 0)
            .unwrap_err()
            .into_iter()
            .map(|d| (d.code.to_string(), d.span.line, d.span.column))
            .collect()
    }

    #[test]
    fn every_problem_of_a_mapping_is_reported_at_its_own_place() {
        let text = "# A film.\ngenre: fction\nyear: nineteen\ncredits:\n  - {name: A, role: director}\n  - name: B\n    rol: director\ncolour: true\n";
        let found = problems(text);
        let codes: Vec<&str> = found.iter().map(|(c, _, _)| c.as_str()).collect();
        assert_eq!(
            codes,
            [
                "unknown-value",
                "wrong-type",
                "unknown-field",
                "unknown-field",
                "missing-field"
            ],
            "{found:?}"
        );
        assert_eq!(found[0].1, 2);
        assert_eq!(found[1].1, 3);
        assert_eq!((found[2].1, found[2].2), (7, 5), "{found:?}");
        assert_eq!(found[3].1, 8);
        assert_eq!(
            (found[4].1, found[4].2),
            (2, 1),
            "missing: at the mapping's first line"
        );
    }

    #[test]
    fn all_missing_fields_are_reported_with_the_line_to_add() {
        let d = parse::<Film>("genre: fiction\n", Path::new("record.yaml"), 0).unwrap_err();
        let names: Vec<&str> = d.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            names,
            [
                "the required field `published` is missing",
                "the required field `year` is missing"
            ]
        );
        assert!(
            d[0].help
                .as_deref()
                .unwrap_or_default()
                .contains("`published: 2026-03-14`"),
            "{d:?}"
        );
    }

    #[test]
    fn a_value_that_reads_is_returned() {
        let film = parse::<Film>("published: x\nyear: 3\n", Path::new("r.yaml"), 0).unwrap();
        assert_eq!(film.year, 3);
    }

    #[test]
    fn keys_of_an_indented_mapping() {
        let k = keys("\n  a: 1\n  b:\n    - x\n  # c\n  c: 2\n");
        let names: Vec<(&str, usize, usize)> = k
            .iter()
            .map(|k| (k.name.as_str(), k.first, k.last))
            .collect();
        assert_eq!(names, [("a", 2, 2), ("b", 3, 5), ("c", 6, 6)]);
        assert!(keys("{a: 1}").is_empty());
    }
}
