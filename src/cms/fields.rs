//! A record's form, field by field, read from the JSON Schema `vitrine schema` writes for the
//! same file: which fields, which are required, their patterns and bounds, their help text
//! (docs/reference.md's). Each schema type becomes the CMS widget that edits it; the marker
//! definitions (`#/$defs/theme`, `#/$defs/date`…) become selects of the site's vocabularies
//! and typed inputs. It does not decide which collections exist ([`super`] does).

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::node::Node;

/// The labels of the forms' fields in the site's default language.
#[derive(Debug, Default)]
pub struct Labels {
    /// A record's own fields (and a text's): field name to label.
    pub own: BTreeMap<String, String>,
    /// The parts of a list's items (an image's `alt`, a credit's `role`): name to label.
    pub parts: BTreeMap<String, String>,
    /// The kinds' names in lists (`kinds_<kind>`, "Films"): kind name to label.
    pub kinds: BTreeMap<String, String>,
}

/// One choice of a select: the value written, the label shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// The value written in the file.
    pub value: String,
    /// What the editor sees, in the site's default language.
    pub label: String,
}

/// The choices of each vocabulary, labelled in the site's default language.
#[derive(Debug, Clone, Default)]
pub struct Vocabularies {
    /// `data/themes.yaml`.
    pub themes: Vec<Choice>,
    /// vitrine's roles and `data/roles.yaml`.
    pub roles: Vec<Choice>,
    /// `data/institutions.yaml`.
    pub institutions: Vec<Choice>,
    /// Every country vitrine knows, with `data/countries.yaml`.
    pub countries: Vec<Choice>,
    /// The languages CLDR names, with `data/languages.yaml`.
    pub languages: Vec<Choice>,
    /// The site's languages, the default one first.
    pub site_languages: Vec<Choice>,
}

/// Builds forms from one schema's definitions.
pub struct Forms<'a> {
    /// The schema's `$defs`.
    pub defs: &'a Map<String, Value>,
    /// The site's vocabularies.
    pub vocabularies: &'a Vocabularies,
    /// docs/reference.md's tables: table name to field names, in the page's order.
    pub order: &'a [(String, Vec<String>)],
    /// The fields as the theme's strings name them in the site's default language. Others
    /// are labelled by their name.
    pub labels: &'a Labels,
}

impl Forms<'_> {
    /// The fields of the object schema `schema`, in `order` (then any other, by name),
    /// leaving out `skip`; `context` is the definition's name (`image`), for its files.
    pub fn fields(
        &self,
        schema: &Value,
        order: &[String],
        skip: &[&str],
        context: &str,
    ) -> Vec<Node> {
        let Some(props) = schema.get("properties").and_then(Value::as_object) else {
            return Vec::new();
        };
        let required: Vec<&str> = schema
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let mut names: Vec<&str> = order
            .iter()
            .map(String::as_str)
            .filter(|n| props.contains_key(*n))
            .collect();
        let rest: Vec<&str> = props
            .keys()
            .map(String::as_str)
            .filter(|n| !names.contains(n))
            .collect();
        names.extend(rest);
        names
            .into_iter()
            .filter(|n| !skip.contains(n))
            .map(|name| self.field(name, &props[name], required.contains(&name), context))
            .collect()
    }

    /// The order of a definition's fields: its table in the reference.
    fn order_of(&self, table: &str) -> Vec<String> {
        self.order
            .iter()
            .find(|(name, _)| name == table)
            .map(|(_, fields)| fields.clone())
            .unwrap_or_default()
    }

    fn field(&self, name: &str, prop: &Value, required: bool, context: &str) -> Node {
        let mut node = Node::map();
        // A record's own field, or a part of a list's items (an image's `alt`).
        let labels = if context.is_empty() {
            &self.labels.own
        } else {
            &self.labels.parts
        };
        let shown = labels.get(name).cloned().unwrap_or_else(|| label(name));
        node.set("name", Node::str(name))
            .set("label", Node::Str(shown));
        self.widget(&mut node, name, nullable_inner(prop), context);
        if !required {
            node.set("required", Node::Bool(false));
        }
        if let Some(text) = prop.get("description").and_then(Value::as_str) {
            node.set("hint", Node::str(hint(text)));
        }
        node
    }

    /// Sets the widget of `node` and the options that go with it.
    fn widget(&self, node: &mut Node, name: &str, schema: &Value, context: &str) {
        if let Some(def) = reference(schema) {
            return self.defined(node, def);
        }
        match (context, name) {
            ("image", "file") => return set_widget(node, "image"),
            ("resource", "file" | "accessible") => return set_widget(node, "file"),
            _ => {}
        }
        match type_name(schema) {
            Some("array") => self.list(node, schema.get("items").unwrap_or(&Value::Null)),
            Some("boolean") => set_widget(node, "boolean"),
            Some("integer") => {
                set_widget(node, "number");
                node.set("value_type", Node::str("int"));
                bounds(node, schema);
            }
            _ => set_widget(node, "string"),
        }
    }

    /// A list: a select of several values for a vocabulary or a set of values, a list of
    /// sub-forms for objects, a list of strings otherwise.
    fn list(&self, node: &mut Node, items: &Value) {
        let mut item = Node::map();
        self.widget(&mut item, "", items, "");
        let widget = item
            .get("widget")
            .and_then(Node::as_str)
            .unwrap_or("string")
            .to_string();
        match widget.as_str() {
            "select" | "object" => {
                let Node::Map(entries) = item else { return };
                for (key, value) in entries {
                    node.set(&key, value);
                }
                if widget == "select" {
                    node.set("multiple", Node::Bool(true));
                } else {
                    node.set("widget", Node::str("list"));
                }
            }
            _ => set_widget(node, "list"),
        }
    }

    /// The widget of a definition: a marker of the site's vocabularies or a typed value, an
    /// enumeration, or an object with its own fields.
    fn defined(&self, node: &mut Node, def: &str) {
        let schema = self.defs.get(def).unwrap_or(&Value::Null);
        let v = self.vocabularies;
        match def {
            "theme" => select(node, &v.themes),
            "role" => select(node, &v.roles),
            "institution" => select(node, &v.institutions),
            "country" => select(node, &v.countries),
            "language-code" => select(node, &v.languages),
            "site-language" => select(node, &v.site_languages),
            "date" => datetime(node, "date", "YYYY-MM-DD"),
            "local-date-time" => datetime(node, "datetime-local", "YYYY-MM-DDTHH:mm"),
            "year" | "percent" => {
                set_widget(node, "number");
                node.set("value_type", Node::str("int"));
                bounds(node, schema);
            }
            "text" => self.translatable(node),
            _ if schema.get("properties").is_some() => {
                set_widget(node, "object");
                let fields = self.fields(schema, &self.order_of(def), &[], def);
                node.set("fields", Node::List(fields));
            }
            _ if schema.get("enum").is_some() || schema.get("oneOf").is_some() => {
                select(node, &enumeration(schema));
            }
            _ => {
                set_widget(node, "string");
                if let Some(pattern) = schema.get("pattern").and_then(Value::as_str) {
                    let why = schema
                        .get("description")
                        .and_then(Value::as_str)
                        .unwrap_or("this value is not valid");
                    node.set(
                        "pattern",
                        Node::List(vec![Node::str(pattern), Node::str(why)]),
                    );
                }
            }
        }
    }

    /// A translatable value in `record.yaml`: one input per language of the site, each
    /// optional, written as `{fr: …, ar: …}`.
    fn translatable(&self, node: &mut Node) {
        set_widget(node, "object");
        let fields = self
            .vocabularies
            .site_languages
            .iter()
            .map(|lang| {
                let mut field = Node::map();
                field
                    .set("name", Node::str(&lang.value))
                    .set("label", Node::str(&lang.label))
                    .set("widget", Node::str("string"))
                    .set("required", Node::Bool(false));
                field
            })
            .collect();
        node.set("fields", Node::List(fields));
    }
}

fn set_widget(node: &mut Node, widget: &str) {
    node.set("widget", Node::str(widget));
}

fn select(node: &mut Node, choices: &[Choice]) {
    set_widget(node, "select");
    let options = choices
        .iter()
        .map(|c| {
            let mut option = Node::map();
            option
                .set("label", Node::str(&c.label))
                .set("value", Node::str(&c.value));
            option
        })
        .collect();
    node.set("options", Node::List(options));
}

fn datetime(node: &mut Node, input: &str, format: &str) {
    set_widget(node, "datetime");
    node.set("type", Node::str(input))
        .set("format", Node::str(format));
}

fn bounds(node: &mut Node, schema: &Value) {
    for (key, bound) in [("min", "minimum"), ("max", "maximum")] {
        if let Some(n) = schema.get(bound).and_then(Value::as_i64) {
            node.set(key, Node::Int(n));
        }
    }
}

/// The choices of an enumeration: `enum`, or `oneOf` constants labelled by their
/// descriptions.
fn enumeration(schema: &Value) -> Vec<Choice> {
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        return values
            .iter()
            .filter_map(Value::as_str)
            .map(|v| Choice {
                value: v.to_string(),
                label: v.to_string(),
            })
            .collect();
    }
    schema
        .get("oneOf")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|one| {
            let value = one.get("const")?.as_str()?.to_string();
            let label = match one.get("description").and_then(Value::as_str) {
                Some(d) => format!("{value}: {}", d.trim_end_matches('.')),
                None => value.clone(),
            };
            Some(Choice { value, label })
        })
        .collect()
}

/// The schema of a field that may also be left out (`null`): the non-null part.
fn nullable_inner(schema: &Value) -> &Value {
    if let Some(any) = schema.get("anyOf").and_then(Value::as_array) {
        let rest: Vec<&Value> = any
            .iter()
            .filter(|s| type_name(s) != Some("null"))
            .collect();
        if let [one] = rest.as_slice() {
            return one;
        }
    }
    schema
}

/// The JSON type of a schema, `null` aside: `["integer", "null"]` is `integer`.
fn type_name(schema: &Value) -> Option<&str> {
    match schema.get("type")? {
        Value::String(t) => Some(t),
        Value::Array(types) => types
            .iter()
            .filter_map(Value::as_str)
            .find(|t| *t != "null")
            .or(Some("null")),
        _ => None,
    }
}

/// The definition a schema refers to: `text` of `#/$defs/text`.
fn reference(schema: &Value) -> Option<&str> {
    schema.get("$ref")?.as_str()?.strip_prefix("#/$defs/")
}

/// A field's label: its name, spaced and capitalised (`original_title` → `Original title`).
fn label(name: &str) -> String {
    let spaced = name.replace('_', " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => spaced,
    }
}

/// The reference's description as a form's help text: the required mark (the form shows
/// it), pointers to the reference's other tables and code marks left out.
fn hint(text: &str) -> String {
    let mut text = text.to_string();
    if let Some(end) = text.find(")* ").filter(|_| text.starts_with("*(required")) {
        text.replace_range(..end + 3, "");
    }
    for pointer in [
        " Each has the fields of *",
        " with the field of *",
        " with the fields of *",
    ] {
        while let Some(mut start) = text.find(pointer) {
            let end = text[start..]
                .find(" below")
                .map_or(text.len(), |e| start + e + " below".len());
            if text[..start].ends_with(',') {
                start -= 1;
            }
            text.replace_range(start..end, "");
        }
    }
    let text = text.replace('`', "").replace("..", ".").replace(" ,", ",");
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_drop_the_required_mark_and_the_pointers_to_other_tables() {
        assert_eq!(
            hint("*(required: a credit is a name)* the person's name, in `fr`."),
            "The person's name, in fr."
        );
        assert_eq!(
            hint(
                "the people behind the work, in order. Each has the fields of *credit* below. Default: none."
            ),
            "The people behind the work, in order. Default: none."
        );
        assert_eq!(
            hint(
                "how long the work can be seen, with the field of *available* below. After that day"
            ),
            "How long the work can be seen. After that day"
        );
    }

    #[test]
    fn labels_are_spaced_and_capitalised() {
        assert_eq!(label("original_title"), "Original title");
        assert_eq!(label("year"), "Year");
    }
}
