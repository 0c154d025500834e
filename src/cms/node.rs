//! The CMS configuration as an ordered tree, and its YAML text: block style, keys in the
//! order they were built (the order the CMS shows and writes fields), strings quoted only
//! where YAML would read them as something else. It knows nothing of what the keys mean.

use std::fmt::Write as _;

/// A YAML value whose mappings keep their keys' order.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// A string.
    Str(String),
    /// A whole number.
    Int(i64),
    /// `true` or `false`.
    Bool(bool),
    /// A sequence.
    List(Vec<Node>),
    /// A mapping, in order.
    Map(Vec<(String, Node)>),
}

impl Node {
    /// A string node.
    pub fn str(s: impl Into<String>) -> Node {
        Node::Str(s.into())
    }

    /// An empty mapping, to fill with [`Node::set`].
    pub fn map() -> Node {
        Node::Map(Vec::new())
    }

    /// Sets `key` (replacing its value where it already is, else appending it); a no-op on
    /// anything but a mapping.
    pub fn set(&mut self, key: &str, value: Node) -> &mut Node {
        if let Node::Map(entries) = self {
            match entries.iter_mut().find(|(k, _)| k == key) {
                Some((_, v)) => *v = value,
                None => entries.push((key.to_string(), value)),
            }
        }
        self
    }

    /// The value of `key` in a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match self {
            Node::Map(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The value of `key` in a mapping, to change it.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Node> {
        match self {
            Node::Map(entries) => entries.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The text of a string node.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Node::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The YAML text of this node as a document, ending with a newline. A long list of
    /// `options` that comes again (the countries of every kind's form) is written once, with
    /// an anchor (`&list1`), and referred to after that (`*list1`).
    pub fn to_yaml(&self) -> String {
        let mut e = Emitter::default();
        match self {
            Node::Map(entries) if !entries.is_empty() => e.map(entries, 0),
            Node::List(items) if !items.is_empty() => e.list(items, 0),
            scalar => {
                e.out.push_str(&inline(scalar));
                e.out.push('\n');
            }
        }
        e.out
    }
}

/// Lists shorter than this are written out each time: an alias would hide little.
const ANCHORED_LENGTH: usize = 12;

#[derive(Default)]
struct Emitter {
    out: String,
    /// The text of each anchored list, to its anchor's name.
    anchors: std::collections::HashMap<String, String>,
}

impl Emitter {
    fn map(&mut self, entries: &[(String, Node)], indent: usize) {
        for (i, (key, value)) in entries.iter().enumerate() {
            // The first key of a list item follows its `- `.
            if i > 0 || indent == 0 || !self.out.ends_with("- ") {
                self.out.push_str(&" ".repeat(indent));
            }
            let _ = write!(self.out, "{}:", scalar(key));
            self.nested(value, indent, key == "options");
        }
    }

    fn list(&mut self, items: &[Node], indent: usize) {
        for item in items {
            self.out.push_str(&" ".repeat(indent));
            self.out.push_str("- ");
            match item {
                Node::Map(entries) if !entries.is_empty() => self.map(entries, indent + 2),
                Node::List(inner) if !inner.is_empty() => {
                    self.out.push('\n');
                    self.list(inner, indent + 2);
                }
                scalar => {
                    self.out.push_str(&inline(scalar));
                    self.out.push('\n');
                }
            }
        }
    }

    /// What follows `key:`: a scalar on the same line, a block below.
    fn nested(&mut self, value: &Node, indent: usize, anchored: bool) {
        match value {
            Node::Map(entries) if !entries.is_empty() => {
                self.out.push('\n');
                self.map(entries, indent + 2);
            }
            Node::List(items) if anchored && items.len() >= ANCHORED_LENGTH => {
                let mut block = Emitter::default();
                block.list(items, 0);
                if let Some(name) = self.anchors.get(&block.out) {
                    let _ = writeln!(self.out, " *{name}");
                    return;
                }
                let name = format!("list{}", self.anchors.len() + 1);
                let _ = writeln!(self.out, " &{name}");
                self.anchors.insert(block.out, name);
                self.list(items, indent + 2);
            }
            Node::List(items) if !items.is_empty() => {
                self.out.push('\n');
                self.list(items, indent + 2);
            }
            scalar => {
                self.out.push(' ');
                self.out.push_str(&inline(scalar));
                self.out.push('\n');
            }
        }
    }
}

fn inline(node: &Node) -> String {
    match node {
        Node::Str(s) => scalar(s),
        Node::Int(n) => n.to_string(),
        Node::Bool(b) => b.to_string(),
        Node::List(_) => "[]".into(),
        Node::Map(_) => "{}".into(),
    }
}

/// A string as YAML reads it back unchanged: plain when it is safe, double-quoted (JSON's
/// escapes, which YAML shares) otherwise.
fn scalar(s: &str) -> String {
    let reserved = [
        "true", "false", "yes", "no", "on", "off", "null", "y", "n", "~",
    ];
    let plain = !s.is_empty()
        && !reserved.contains(&s.to_ascii_lowercase().as_str())
        && s.parse::<f64>().is_err()
        && !s.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '.' || c == ' ')
        && !s.ends_with(' ')
        && s.chars().all(|c| {
            c.is_alphanumeric() || matches!(c, ' ' | '_' | '-' | '.' | '/' | '(' | ')' | ',')
        });
    if plain {
        s.to_string()
    } else {
        serde_json::to_string(s).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordered_blocks_read_back_as_the_same_value() {
        let mut item = Node::map();
        item.set("name", Node::str("year"))
            .set("required", Node::Bool(false))
            .set("min", Node::Int(1800))
            .set(
                "options",
                Node::List(vec![Node::str("a b"), Node::str("2046")]),
            )
            .set("hint", Node::str("`fr`: the \"text\" — ça: #1"))
            .set("empty", Node::List(Vec::new()));
        let mut root = Node::map();
        root.set(
            "fields",
            Node::List(vec![item, Node::List(vec![Node::str("true")])]),
        );
        root.set("media_folder", Node::str(""));
        let long = Node::List((0..12).map(|i| Node::Str(format!("v{i}"))).collect());
        root.set("options", long.clone()).set(
            "b",
            Node::List(vec![{
                let mut m = Node::map();
                m.set("options", long);
                m
            }]),
        );
        let text = root.to_yaml();
        assert!(text.starts_with("fields:\n  - name: year\n    required: false\n"));
        let back: serde_json::Value = serde_saphyr::from_str(&text).unwrap();
        let expected = serde_json::json!({
            "fields": [
                {"name": "year", "required": false, "min": 1800, "options": ["a b", "2046"],
                 "hint": "`fr`: the \"text\" — ça: #1", "empty": []},
                ["true"]
            ],
            "media_folder": "",
            "options": ["v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9", "v10", "v11"],
            "b": [{"options": ["v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9", "v10", "v11"]}],
        });
        assert!(
            text.contains("options: &list1\n") && text.contains("  - options: *list1\n"),
            "{text}"
        );
        assert_eq!(back, expected, "{text}");
    }
}
