//! Values of the site's records that a CMS save would drop. A translatable fact (a
//! picture's alt text, a link's label, a resource's title) may be one plain text for every
//! language (`alt: Affiche du film`); the CMS shows it as one input per language, which a
//! plain text fills none of, and on save writes only those inputs: the text is gone.
//! [`plain_texts`] finds such values in `content/<kind>/<id>/record.yaml` (the files the
//! CMS edits; bulk files and YAML records are not CMS entries) and warns where they are.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde::de::{MapAccess, SeqAccess, Visitor};
use serde_json::Value;
use serde_saphyr::Spanned;

use crate::config::Config;
use crate::content::Kind;
use crate::content::json_schema::{self, Site};
use crate::diagnostics::Diagnostic;
use crate::schema::yaml::span_of;

use super::texts::sorted_names;

/// The code of the warning, shown with it.
pub const CODE: &str = "value-dropped-by-cms";

/// A warning for every plain-text value of a translatable field in the records of the
/// site under `root`, kind by kind and record by record. A record that cannot be read or parsed is skipped:
/// `vitrine check` reports it.
pub fn plain_texts(root: &Path, config: &Config, site: &Site) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for kind in Kind::ALL {
        let (schema, _) = json_schema::record_and_translation(site, kind);
        let defs = schema.get("$defs").cloned().unwrap_or(Value::Null);
        let folder = Path::new("content").join(kind.folder());
        for id in sorted_names(&root.join(&folder)) {
            let file = folder.join(&id).join("record.yaml");
            let Ok(text) = std::fs::read_to_string(root.join(&file)) else {
                continue;
            };
            let Ok(tree) = serde_saphyr::from_str::<Spanned<Tree>>(&text) else {
                continue;
            };
            let mut walk = Walk {
                defs: &defs,
                text: &text,
                file,
                config,
                found: &mut out,
            };
            walk.node(&tree, &schema, "");
        }
    }
    out
}

/// A YAML document with the place of every value: only what the walk needs.
#[derive(Debug)]
enum Tree {
    Text(String),
    Map(Vec<(String, Spanned<Tree>)>),
    List(Vec<Spanned<Tree>>),
    Other,
}

impl<'de> Deserialize<'de> for Tree {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TreeVisitor)
    }
}

struct TreeVisitor;

impl<'de> Visitor<'de> for TreeVisitor {
    type Value = Tree;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_str<E>(self, v: &str) -> Result<Tree, E> {
        Ok(Tree::Text(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Tree, E> {
        Ok(Tree::Text(v))
    }
    fn visit_bool<E>(self, _: bool) -> Result<Tree, E> {
        Ok(Tree::Other)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Tree, E> {
        Ok(Tree::Other)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Tree, E> {
        Ok(Tree::Other)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Tree, E> {
        Ok(Tree::Other)
    }
    fn visit_unit<E>(self) -> Result<Tree, E> {
        Ok(Tree::Other)
    }
    fn visit_none<E>(self) -> Result<Tree, E> {
        Ok(Tree::Other)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Tree, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Spanned<Tree>>()? {
            items.push(item);
        }
        Ok(Tree::List(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Tree, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Key>()? {
            let value = map.next_value::<Spanned<Tree>>()?;
            entries.push((key.0, value));
        }
        Ok(Tree::Map(entries))
    }
}

/// A mapping's key, as text whatever its YAML type (`2024:` is a key too).
struct Key(String);

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let tree = d.deserialize_any(TreeVisitor)?;
        Ok(Key(match tree {
            Tree::Text(s) => s,
            _ => String::new(),
        }))
    }
}

struct Walk<'a> {
    defs: &'a Value,
    /// The file's text, to underline a quoted value with its quotes.
    text: &'a str,
    file: PathBuf,
    config: &'a Config,
    found: &'a mut Vec<Diagnostic>,
}

impl Walk<'_> {
    /// Checks `node` against `schema`; `name` is the field it is the value of.
    fn node(&mut self, node: &Spanned<Tree>, schema: &Value, name: &str) {
        if Self::is_text(schema) {
            if let Tree::Text(value) = &node.value {
                let diagnostic = self.warning(node, name, value);
                self.found.push(diagnostic);
            }
            return;
        }
        match &node.value {
            Tree::Map(entries) => {
                let Some(props) = Self::part(self.defs, schema, "properties") else {
                    return;
                };
                for (key, value) in entries {
                    if let Some(field) = props.get(key) {
                        self.node(value, field, key);
                    }
                }
            }
            Tree::List(items) => {
                let Some(item) = Self::part(self.defs, schema, "items") else {
                    return;
                };
                for value in items {
                    self.node(value, item, name);
                }
            }
            Tree::Text(_) | Tree::Other => {}
        }
    }

    /// The schema `schema`'s reference points to (`#/$defs/<name>`), or `schema` itself.
    fn resolve<'s>(defs: &'s Value, schema: &'s Value) -> &'s Value {
        match schema.get("$ref").and_then(Value::as_str) {
            Some(r) => r
                .strip_prefix("#/$defs/")
                .and_then(|name| defs.get(name))
                .unwrap_or(&Value::Null),
            None => schema,
        }
    }

    /// The schema and, for an optional value, its alternatives (`anyOf`), resolved.
    fn choices<'s>(defs: &'s Value, schema: &'s Value) -> Vec<&'s Value> {
        let mut out = vec![Self::resolve(defs, schema)];
        if let Some(any) = schema.get("anyOf").and_then(Value::as_array) {
            out.extend(any.iter().map(|s| Self::resolve(defs, s)));
        }
        out
    }

    /// Whether `schema` is a translatable text (`#/$defs/text`), maybe optional.
    fn is_text(schema: &Value) -> bool {
        let text = |s: &Value| s.get("$ref").and_then(Value::as_str) == Some("#/$defs/text");
        text(schema)
            || schema
                .get("anyOf")
                .and_then(Value::as_array)
                .is_some_and(|any| any.iter().any(text))
    }

    /// `key` (`properties`, `items`) of `schema` or of one of its alternatives.
    fn part<'s>(defs: &'s Value, schema: &'s Value, key: &str) -> Option<&'s Value> {
        Self::choices(defs, schema)
            .into_iter()
            .find_map(|s| s.get(key))
    }

    /// The length of `value` as written at `node`'s place: with its quotes if quoted.
    fn written_length(&self, node: &Spanned<Tree>, value: &str) -> usize {
        let first = self
            .text
            .lines()
            .nth((node.referenced.line() as usize).saturating_sub(1))
            .and_then(|l| {
                l.chars()
                    .nth((node.referenced.column() as usize).saturating_sub(1))
            });
        let quotes = if matches!(first, Some('"' | '\'')) {
            2
        } else {
            0
        };
        value.chars().count().max(1) + quotes
    }

    fn warning(&self, node: &Spanned<Tree>, name: &str, value: &str) -> Diagnostic {
        let lang = &self.config.default_language;
        let others: Vec<String> = self
            .config
            .default_first()
            .into_iter()
            .filter(|l| l != lang)
            .collect();
        let shown = if value.contains(['\n', ':', '#', '\'', '"']) || value.trim() != value {
            format!("{value:?}")
        } else {
            value.to_string()
        };
        let mut help = format!(
            "write it per language, as the CMS does:\n\n    {name}:\n      {lang}: {shown}\n"
        );
        if !others.is_empty() {
            help += &format!(
                "\n  and add its text in {} if you have it (a language without one shows the {lang} text, as now)",
                others.join(", ")
            );
        }
        Diagnostic::warning(
            CODE,
            &self.file,
            span_of(&node.referenced, self.written_length(node, value), 0),
            format!(
                "`{name}` is one text for every language: the CMS shows one input per language, none holding it, and a save of this record in the CMS deletes it"
            ),
        )
        .with_help(help)
    }
}
