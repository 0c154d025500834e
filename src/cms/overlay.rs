//! `admin/overlay.yml`: what a site team may change in the generated CMS configuration —
//! presentation only: labels, hints, the order and grouping of collections, the entry lists'
//! summary, sorting, filters and groups, the editor's preview pane. What a form writes
//! (fields' names, widgets, patterns, required flags) comes from vitrine's types and cannot
//! be changed here: such a key is an unknown field, reported at its line and column, as is a
//! collection or field the configuration does not have.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use super::node::Node;
use crate::diagnostics::{Diagnostic, Span, did_you_mean, hint};
use crate::schema::Spanned;
use crate::schema::yaml;

/// The optional hand-written overlay, relative to the site root.
pub const OVERLAY_FILE: &str = "admin/overlay.yml";

/// The overlay file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overlay {
    /// The CMS's title on its sign-in page and in the browser's tab.
    #[serde(default)]
    app_title: Option<String>,
    /// The collections in the order of the CMS's list; `-` draws a line between groups.
    /// Collections not listed follow, in vitrine's order.
    #[serde(default)]
    collections: Vec<Spanned<String>>,
    /// Per collection (by name: `films`, `films-texts`…), how it is shown.
    #[serde(default)]
    collection: BTreeMap<String, CollectionOverlay>,
    /// Editor options of every collection.
    #[serde(default)]
    editor: Option<Editor>,
    /// The text of the file, to locate map keys serde does not span.
    #[serde(skip)]
    text: String,
}

/// How one collection is shown.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CollectionOverlay {
    #[serde(default)]
    label: Option<String>,
    #[serde(default)]
    label_singular: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    icon: Option<String>,
    #[serde(default)]
    summary: Option<String>,
    #[serde(default)]
    sortable_fields: Option<Vec<String>>,
    #[serde(default)]
    view_filters: Option<Vec<View>>,
    #[serde(default)]
    view_groups: Option<Vec<View>>,
    #[serde(default)]
    editor: Option<Editor>,
    /// Per field (dotted for a field inside another: `images.alt`), its label and help.
    #[serde(default)]
    fields: BTreeMap<String, FieldOverlay>,
}

/// A filter or a group of an entry list.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct View {
    label: String,
    field: String,
    #[serde(default)]
    pattern: Option<Pattern>,
}

/// What a filter matches: a regular expression or a boolean value.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Pattern {
    Flag(bool),
    Text(String),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Editor {
    preview: bool,
}

/// How a field is presented.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FieldOverlay {
    #[serde(default)]
    label: Option<String>,
    #[serde(default)]
    hint: Option<String>,
    #[serde(default)]
    comment: Option<String>,
}

/// The overlay of the site under `root`, if it has one.
pub fn read(root: &Path) -> Result<Option<Overlay>, Vec<Diagnostic>> {
    let Ok(text) = std::fs::read_to_string(root.join(OVERLAY_FILE)) else {
        return Ok(None);
    };
    let mut overlay: Overlay =
        yaml::parse(&text, Path::new(OVERLAY_FILE), 0).map_err(|d| vec![d])?;
    overlay.text = text;
    Ok(Some(overlay))
}

impl Overlay {
    /// Lays the overlay over the generated configuration `tree`.
    pub fn apply(&self, tree: &mut Node) -> Result<(), Vec<Diagnostic>> {
        let mut problems = Vec::new();
        if let Some(title) = &self.app_title {
            tree.set("app_title", Node::str(title));
        }
        let Some(Node::List(collections)) = tree.get_mut("collections") else {
            return Ok(());
        };
        let names: Vec<String> = collections.iter().filter_map(name_of).collect();
        for (name, over) in &self.collection {
            let Some(collection) = collections
                .iter_mut()
                .find(|c| name_of(c).as_deref() == Some(name))
            else {
                problems.push(self.unknown(name, "collection", &names));
                continue;
            };
            over.apply(collection, self, &mut problems);
            if let Some(editor) = self.editor.as_ref().filter(|_| over.editor.is_none()) {
                collection.set("editor", editor.node());
            }
        }
        if let Some(editor) = &self.editor {
            for c in collections.iter_mut() {
                if c.get("editor").is_none() {
                    c.set("editor", editor.node());
                }
            }
        }
        if !self.collections.is_empty() {
            let mut ordered = Vec::new();
            for wanted in &self.collections {
                if wanted.value == "-" {
                    let mut divider = Node::map();
                    divider.set("divider", Node::Bool(true));
                    ordered.push(divider);
                } else if let Some(i) = collections
                    .iter()
                    .position(|c| name_of(c).as_deref() == Some(wanted.value.as_str()))
                {
                    ordered.push(collections.remove(i));
                } else {
                    let len = wanted.referenced.span().len() as usize;
                    let suggestion = did_you_mean(&wanted.value, names.iter().map(String::as_str));
                    problems.push(
                        Diagnostic::error(
                            "unknown-collection",
                            OVERLAY_FILE,
                            yaml::span_of(&wanted.referenced, len, 0),
                            format!("`{}` is not a collection of the CMS", wanted.value),
                        )
                        .with_help(hint(
                            suggestion,
                            &format!("the collections are: {}", names.join(", ")),
                        )),
                    );
                }
            }
            ordered.append(collections);
            *collections = ordered;
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }

    /// An error for `key`, which names no `what` (`collection` or `field`) of the
    /// configuration.
    fn unknown(&self, key: &str, what: &str, known: &[String]) -> Diagnostic {
        let suggestion = did_you_mean(key, known.iter().map(String::as_str));
        let code = if what == "collection" {
            "unknown-collection"
        } else {
            "unknown-field"
        };
        Diagnostic::error(
            code,
            OVERLAY_FILE,
            locate(&self.text, key),
            format!("`{key}` is not a {what} of the CMS"),
        )
        .with_help(hint(
            suggestion,
            &format!("the {what}s here are: {}", known.join(", ")),
        ))
    }
}

impl CollectionOverlay {
    fn apply(&self, collection: &mut Node, overlay: &Overlay, problems: &mut Vec<Diagnostic>) {
        let texts = [
            ("label", &self.label),
            ("label_singular", &self.label_singular),
            ("description", &self.description),
            ("icon", &self.icon),
            ("summary", &self.summary),
        ];
        for (key, value) in texts {
            if let Some(value) = value {
                collection.set(key, Node::str(value));
            }
        }
        if let Some(editor) = &self.editor {
            collection.set("editor", editor.node());
        }
        let fields = collection
            .get("fields")
            .cloned()
            .unwrap_or(Node::List(Vec::new()));
        let paths = field_paths(&fields, "");
        let mut check = |path: &str| {
            if !paths.iter().any(|p| p == path) {
                problems.push(overlay.unknown(path, "field", &paths));
                false
            } else {
                true
            }
        };
        if let Some(sortable) = &self.sortable_fields {
            sortable.iter().for_each(|f| {
                check(f);
            });
            collection.set(
                "sortable_fields",
                Node::List(sortable.iter().map(Node::str).collect()),
            );
        }
        for (key, views) in [
            ("view_filters", &self.view_filters),
            ("view_groups", &self.view_groups),
        ] {
            if let Some(views) = views {
                views.iter().for_each(|v| {
                    check(&v.field);
                });
                collection.set(key, Node::List(views.iter().map(View::node).collect()));
            }
        }
        for (path, over) in &self.fields {
            if !check(path) {
                continue;
            }
            if let Some(field) = collection
                .get_mut("fields")
                .and_then(|f| field_mut(f, path))
            {
                let texts = [
                    ("label", &over.label),
                    ("hint", &over.hint),
                    ("comment", &over.comment),
                ];
                for (key, value) in texts {
                    if let Some(value) = value {
                        field.set(key, Node::str(value));
                    }
                }
            }
        }
    }
}

impl View {
    fn node(&self) -> Node {
        let mut node = Node::map();
        node.set("label", Node::str(&self.label))
            .set("field", Node::str(&self.field));
        match &self.pattern {
            Some(Pattern::Flag(b)) => {
                node.set("pattern", Node::Bool(*b));
            }
            Some(Pattern::Text(t)) => {
                node.set("pattern", Node::str(t));
            }
            None => {}
        }
        node
    }
}

impl Editor {
    fn node(&self) -> Node {
        let mut node = Node::map();
        node.set("preview", Node::Bool(self.preview));
        node
    }
}

fn name_of(node: &Node) -> Option<String> {
    node.get("name").and_then(Node::as_str).map(str::to_string)
}

/// Every field's dotted path in a list of fields: `images`, `images.alt`, `images.alt.fr`.
fn field_paths(fields: &Node, prefix: &str) -> Vec<String> {
    let Node::List(fields) = fields else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for field in fields {
        let Some(name) = name_of(field) else { continue };
        let path = format!("{prefix}{name}");
        if let Some(inner) = field.get("fields") {
            out.extend(field_paths(inner, &format!("{path}.")));
        }
        out.push(path);
    }
    out
}

/// The field at the dotted `path` in a list of fields.
fn field_mut<'a>(fields: &'a mut Node, path: &str) -> Option<&'a mut Node> {
    let (first, rest) = path
        .split_once('.')
        .map_or((path, None), |(a, b)| (a, Some(b)));
    let Node::List(list) = fields else {
        return None;
    };
    let field = list
        .iter_mut()
        .find(|f| f.get("name").and_then(Node::as_str) == Some(first))?;
    match rest {
        None => Some(field),
        Some(rest) => field_mut(field.get_mut("fields")?, rest),
    }
}

/// Where `key` is written in `text`: the first line that starts with `key:` (a map key)
/// or `field: key` (a filter's field), else the whole file.
fn locate(text: &str, key: &str) -> Span {
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        let bare = trimmed.strip_prefix("- ").unwrap_or(trimmed);
        let start = line.len() - bare.len();
        let column = if bare.starts_with(&format!("{key}:")) {
            start
        } else if bare
            .strip_prefix("field: ")
            .is_some_and(|v| v.trim_end() == key)
        {
            start + "field: ".len()
        } else {
            continue;
        };
        return Span::new(
            i + 1,
            line[..column].chars().count() + 1,
            key.chars().count(),
        );
    }
    Span::file()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_found_where_they_are_written() {
        let text = "collection:\n  films:\n    fields:\n      yaer: {label: Année}\n    sortable_fields: [year]\n    view_filters:\n      - label: Récents\n        field: year\n";
        assert_eq!(locate(text, "yaer"), Span::new(4, 7, 4));
        assert_eq!(locate(text, "films"), Span::new(2, 3, 5));
        assert_eq!(locate(text, "year"), Span::new(8, 16, 4));
    }
}
