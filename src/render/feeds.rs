//! Atom feeds (RFC 4287): one per language and one per kind in each language, with the
//! newest records first, absolute links, and dates taken from the records (never from the
//! clock, so two builds give the same bytes).
//!
//! This module picks each feed's records (the newest of the list order the cache keeps)
//! and writes the XML.

use std::fmt::Write as _;

use crate::config::Language;
use crate::content::Kind;
use crate::site::SiteRecord;

use super::lists::Listing;
use super::renderer::{OutputFile, Renderer};

/// Entries a feed holds at most.
pub const FEED_SIZE: usize = 50;

/// A feed to write.
pub struct Feed<'a> {
    /// Language of the feed.
    pub lang: &'a str,
    /// Feed title.
    pub title: String,
    /// Absolute URL of the feed itself.
    pub self_url: String,
    /// Absolute URL of the page the feed follows.
    pub page_url: String,
    /// Name used as the feed's author (the site).
    pub author: String,
    /// The entries, newest first.
    pub entries: Vec<Entry<'a>>,
}

/// One record in a feed.
pub struct Entry<'a> {
    /// The record.
    pub record: &'a SiteRecord,
    /// Absolute URL of its page in the feed's language.
    pub url: String,
    /// Title shown.
    pub title: &'a str,
    /// Summary shown.
    pub summary: &'a str,
    /// Language of the title and summary (another one for borrowed text).
    pub lang: &'a str,
    /// Kind label in the feed's language.
    pub category: String,
}

/// The Atom document of `feed`.
pub fn atom(feed: &Feed<'_>) -> String {
    let updated = feed
        .entries
        .iter()
        .map(|e| e.record.updated.unwrap_or(e.record.published))
        .max()
        .map_or_else(|| "1970-01-01T00:00:00Z".to_string(), instant);
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = write!(
        xml,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <id>{}</id>\n  <title>{}</title>\n  <updated>{updated}</updated>\n  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n  <author><name>{}</name></author>\n  <generator>vitrine</generator>\n",
        escape(feed.lang),
        escape(&feed.self_url),
        escape(&feed.title),
        escape(&feed.self_url),
        escape(&feed.page_url),
        escape(&feed.author),
    );
    for entry in &feed.entries {
        let r = entry.record;
        let _ = write!(
            xml,
            "  <entry xml:lang=\"{}\">\n    <id>{}</id>\n    <title>{}</title>\n    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n    <published>{}</published>\n    <updated>{}</updated>\n    <category term=\"{}\" label=\"{}\"/>\n{}  </entry>\n",
            escape(entry.lang),
            escape(&entry.url),
            escape(entry.title),
            escape(&entry.url),
            instant(r.published),
            instant(r.updated.unwrap_or(r.published)),
            escape(r.record.kind.name()),
            escape(&entry.category),
            // An unknown summary is left out: Atom's <summary> is optional.
            if entry.summary.is_empty() {
                String::new()
            } else {
                format!("    <summary>{}</summary>\n", escape(entry.summary))
            },
        );
    }
    xml.push_str("</feed>\n");
    xml
}

/// A date as the RFC 3339 instant Atom wants: midnight UTC of that day.
fn instant(date: jiff::civil::Date) -> String {
    format!("{date}T00:00:00Z")
}

/// Escapes text for XML content and attributes; control characters XML 1.0 forbids are
/// dropped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

impl Renderer<'_> {
    /// The Atom feed of `lang`, of every kind or of one.
    pub(super) fn feed(&self, lang: &Language, kind: Option<Kind>) -> OutputFile {
        let page = match kind {
            Some(k) => self.words.list_path(lang, k),
            None => self.words.home(lang),
        };
        let indices: Vec<usize> = match kind {
            Some(k) => self.words.listing(lang, Listing::Kind(k)).to_vec(),
            None => {
                let mut all: Vec<usize> = Kind::ALL
                    .iter()
                    .flat_map(|k| self.words.listing(lang, Listing::Kind(*k)).iter().copied())
                    .collect();
                all.sort_by(|a, b| {
                    let (ra, rb) = (&self.words.site.records[*a], &self.words.site.records[*b]);
                    rb.published
                        .cmp(&ra.published)
                        .then_with(|| ra.record.id.cmp(&rb.record.id))
                });
                all
            }
        };
        let entries = indices
            .iter()
            .take(FEED_SIZE)
            .map(|i| {
                let r = &self.words.site.records[*i];
                let text = r.text(&lang.code).unwrap_or(&r.record.translations[0]);
                Entry {
                    record: r,
                    url: self.words.absolute(&r.paths[&lang.code]),
                    title: &text.title,
                    summary: &text.summary,
                    lang: &text.lang,
                    category: self
                        .words
                        .t(lang, &format!("kind_{}", r.record.kind.name())),
                }
            })
            .collect();
        let title = match kind {
            Some(k) => format!(
                "{} · {}",
                self.words.t(lang, &format!("kinds_{}", k.name())),
                self.words.site_title(lang)
            ),
            None => self.words.site_title(lang),
        };
        let feed = Feed {
            lang: &lang.code,
            title,
            self_url: self.words.absolute(&format!("{page}feed.xml")),
            page_url: self.words.absolute(&page),
            author: self.words.site_title(lang),
            entries,
        };
        OutputFile {
            template: None,
            path: format!("{}feed.xml", self.words.relative(&page)),
            bytes: atom(&feed).into_bytes(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_cannot_break_out_of_its_element() {
        assert_eq!(
            escape("<script>&\"'\u{1}"),
            "&lt;script&gt;&amp;&quot;&apos;"
        );
    }
}
