//! A small, forgiving HTML scanner: the tags of a page with their attributes, enough to
//! find links, sources, ids and images without alt text.
//!
//! It does not build a tree nor validate markup: vitrine's own templates and Markdown
//! produce well-formed HTML, and raw HTML written by editors only needs its attributes
//! read. It never panics, whatever the input (a fuzz target runs over it).

/// One start tag: its lower-cased name and its attributes in source order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    /// Element name, lower case (`a`, `img`…).
    pub name: String,
    /// Attributes: lower-cased name, value with character references decoded.
    pub attributes: Vec<(String, Option<String>)>,
}

impl Tag {
    /// The value of attribute `name`, if present with a value.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(n, _)| n == name)
            .and_then(|(_, v)| v.as_deref())
    }

    /// True when the attribute is present, with or without a value.
    pub fn has(&self, name: &str) -> bool {
        self.attributes.iter().any(|(n, _)| n == name)
    }

    /// The URL-valued attributes of this tag: `(attribute, value)`.
    pub fn urls(&self) -> impl Iterator<Item = (&str, &str)> {
        self.attributes.iter().filter_map(|(n, v)| {
            let v = v.as_deref()?;
            URL_ATTRIBUTES
                .contains(&n.as_str())
                .then_some((n.as_str(), v))
        })
    }
}

/// Attributes whose value is a URL a browser follows or loads.
pub const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "poster",
    "cite",
    "data",
    "background",
    "xlink:href",
];

/// The start tags of `html`, in order, skipping comments, doctype and the text of
/// `<script>` and `<style>` elements.
pub fn tags(html: &str) -> Vec<Tag> {
    let bytes = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(rel) = html.get(i..).and_then(|s| s.find('<')) {
        i += rel + 1;
        let rest = &html[i..];
        if rest.starts_with("!--") {
            i += rest.find("-->").map_or(rest.len(), |e| e + 3);
            continue;
        }
        if rest.starts_with('!') || rest.starts_with('?') || rest.starts_with('/') {
            i += rest.find('>').map_or(rest.len(), |e| e + 1);
            continue;
        }
        let name_len = rest
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b':')
            .count();
        if name_len == 0 || !bytes[i].is_ascii_alphabetic() {
            continue;
        }
        let name = rest[..name_len].to_ascii_lowercase();
        i += name_len;
        let (attributes, end) = attributes(&html[i..]);
        i += end;
        if name == "script" || name == "style" {
            i += closing_tag(&html[i..], &name);
        }
        out.push(Tag { name, attributes });
    }
    out
}

/// Where `</name` starts in `text` (any case), or its length.
fn closing_tag(text: &str, name: &str) -> usize {
    let mut from = 0;
    while let Some(at) = text.get(from..).and_then(|t| t.find("</")) {
        let start = from + at;
        let candidate = text.get(start + 2..start + 2 + name.len());
        if candidate.is_some_and(|c| c.eq_ignore_ascii_case(name)) {
            return start;
        }
        from = start + 2;
    }
    text.len()
}

/// Reads attributes up to the end of the tag; returns them and the bytes consumed.
fn attributes(text: &str) -> (Vec<(String, Option<String>)>, usize) {
    let bytes = text.as_bytes();
    let mut attrs = Vec::new();
    let mut i = 0;
    loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() {
            return (attrs, i);
        }
        if bytes[i] == b'>' {
            return (attrs, i + 1);
        }
        let start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && !b"=>/".contains(&bytes[i]) {
            i += 1;
        }
        if i == start {
            // A stray `=`: skip it so the loop always advances.
            i += 1;
            continue;
        }
        let name = text[start..i].to_ascii_lowercase();
        let mut j = i;
        while j < bytes.len() && bytes[j].is_ascii_whitespace() {
            j += 1;
        }
        if j < bytes.len() && bytes[j] == b'=' {
            j += 1;
            while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                j += 1;
            }
            let (value, next) = match bytes.get(j) {
                Some(q @ (b'"' | b'\'')) => {
                    let body = &text[j + 1..];
                    let end = body.find(char::from(*q)).unwrap_or(body.len());
                    (&body[..end], (j + 1 + end + 1).min(text.len()))
                }
                _ => {
                    let end = text[j..]
                        .find(|c: char| c.is_ascii_whitespace() || c == '>')
                        .map_or(text.len(), |e| j + e);
                    (&text[j..end], end)
                }
            };
            attrs.push((name, Some(decode(value))));
            i = next;
        } else {
            attrs.push((name, None));
        }
    }
}

/// Decodes the character references templates and Markdown produce in attributes.
pub fn decode(value: &str) -> String {
    if !value.contains('&') {
        return value.to_string();
    }
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find(';').filter(|e| *e <= 10);
        let decoded = end.and_then(|e| reference(&rest[1..e]));
        match (end, decoded) {
            (Some(e), Some(c)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn reference(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

/// The scheme of a URL (`javascript`, `https`…), lower-cased, ignoring the whitespace and
/// control characters browsers ignore, or `None` for a relative URL.
pub fn scheme(url: &str) -> Option<String> {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take(32)
        .collect();
    let colon = cleaned.find(':')?;
    let scheme = &cleaned[..colon];
    let valid = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    valid.then(|| scheme.to_ascii_lowercase())
}

/// True for a URL that runs code or smuggles a document when followed: `javascript:`,
/// `vbscript:`, and `data:` except pictures in an `<img>` (`image_ok`).
pub fn is_dangerous(url: &str, image_ok: bool) -> bool {
    match scheme(url).as_deref() {
        Some("javascript" | "vbscript") => true,
        Some("data") => {
            let lower = url.trim_start().to_ascii_lowercase();
            !(image_ok && lower.starts_with("data:image/") && !lower.starts_with("data:image/svg"))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_tags_attributes_and_decodes_values() {
        let html = r#"<!DOCTYPE html><!-- <a href="no"> --><a href="/fr/?a=1&amp;b=2" class=x>t</a>
<img src='p.png' alt><h2 id="l&#39;été">x</h2><script>var s = "<a href='nope'>";</script><p data-x=1>"#;
        let tags = tags(html);
        let names: Vec<&str> = tags.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["a", "img", "h2", "script", "p"]);
        assert_eq!(tags[0].get("href"), Some("/fr/?a=1&b=2"));
        assert_eq!(tags[0].get("class"), Some("x"));
        assert_eq!(tags[1].get("src"), Some("p.png"));
        assert!(tags[1].has("alt") && tags[1].get("alt").is_none());
        assert_eq!(tags[2].get("id"), Some("l'été"));
    }

    #[test]
    fn survives_truncated_markup() {
        for html in [
            "<",
            "<a",
            "<a href",
            "<a href=",
            "<a href=\"x",
            "<a =>",
            "<é",
            "<!--",
        ] {
            let _ = tags(html);
        }
        assert_eq!(tags("<a href=\"x")[0].get("href"), Some("x"));
    }

    #[test]
    fn dangerous_schemes_despite_case_and_whitespace() {
        assert!(is_dangerous("javascript:alert(1)", false));
        assert!(is_dangerous(" JaVa\tScript:alert(1)", false));
        assert!(is_dangerous("vbscript:x", true));
        assert!(is_dangerous("data:text/html,<script>", true));
        assert!(is_dangerous("data:image/svg+xml,<svg onload=x>", true));
        assert!(!is_dangerous("data:image/png;base64,AAAA", true));
        assert!(is_dangerous("data:image/png;base64,AAAA", false));
        assert!(!is_dangerous("https://example.org/", false));
        assert!(!is_dangerous("/fr/films/", false));
        assert!(!is_dangerous("notes:2", false) && scheme("a/b:c").is_none());
    }
}
