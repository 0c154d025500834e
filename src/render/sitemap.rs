//! `sitemap.xml`: every indexable page with its translations as `xhtml:link` alternates,
//! split into parts under an index past [`SITEMAP_LIMIT`] addresses, and `robots.txt`'s
//! pointer to it.

use std::collections::BTreeMap;

use crate::config::Language;

use super::feeds;
use super::lists::Listing;
use super::renderer::{OutputFile, Renderer};

impl Renderer<'_> {
    /// `robots.txt`: everything may be crawled; the sitemap is named.
    pub(super) fn robots(&self) -> OutputFile {
        OutputFile {
            template: None,
            path: "robots.txt".into(),
            bytes: format!(
                "User-agent: *\nAllow: /\nSitemap: {}sitemap.xml\n",
                self.words.site.config.base_url
            )
            .into_bytes(),
        }
    }

    /// `sitemap.xml`: every indexable page, with its translations as `xhtml:link`
    /// alternates (pages with borrowed text are left out: their canonical is elsewhere),
    /// handed to `write` part by part so that a large site's sitemap never sits whole in
    /// memory beside its entries.
    pub(super) fn sitemap<E>(
        &self,
        write: &mut dyn FnMut(OutputFile) -> Result<(), E>,
    ) -> Result<(), E> {
        let config = &self.words.site.config;
        let mut groups: Vec<BTreeMap<String, String>> = Vec::new();
        let every = |path: &dyn Fn(&Language) -> String| self.words.same_in_every_language(path);
        groups.push(every(&|l| self.words.home(l)));
        // Page n of a list, in the languages whose list has an n-th page.
        let mut extra_pages = |listing: Listing| {
            let most = config
                .languages
                .iter()
                .map(|l| self.words.page_count(l, listing))
                .max()
                .unwrap_or(0);
            for n in 2..=most {
                groups.push(
                    config
                        .languages
                        .iter()
                        .filter(|l| self.words.page_count(l, listing) >= n)
                        .map(|l| (l.code.clone(), self.words.listing_path(l, listing, n)))
                        .collect(),
                );
            }
        };
        let shown = self.words.lists.shown_kinds();
        for &kind in &shown {
            extra_pages(Listing::Kind(kind));
        }
        for (taxonomy, terms) in self.words.lists.shown_taxonomies() {
            for term in 0..terms.len() {
                extra_pages(Listing::Term(*taxonomy, term));
            }
        }
        // A list is in the sitemap in the languages where it has records (and a page).
        let some = |path: &dyn Fn(&Language) -> String, shown: &dyn Fn(&Language) -> bool| {
            let mut group = every(path);
            group.retain(|code, _| shown(self.words.language(code)));
            group
        };
        for &kind in &shown {
            groups.push(some(&|l| self.words.list_path(l, kind), &|l| {
                self.words.has_page(l, Listing::Kind(kind))
            }));
        }
        for (taxonomy, terms) in self.words.lists.shown_taxonomies() {
            groups.push(some(&|l| self.words.taxonomy_path(l, *taxonomy), &|l| {
                self.words.has_terms(l, *taxonomy)
            }));
            for (position, term) in terms.iter().enumerate() {
                groups.push(some(&|l| self.words.term_path(l, *taxonomy, term), &|l| {
                    self.words.has_page(l, Listing::Term(*taxonomy, position))
                }));
            }
        }
        groups.retain(|g| !g.is_empty());
        groups.extend(
            self.words
                .site
                .records
                .iter()
                .filter(|r| r.listed)
                .map(|r| self.words.translations(r)),
        );
        groups.extend(self.words.site.pages.iter().map(|p| p.paths.clone()));
        groups.extend(self.words.site.collections.iter().map(|c| c.paths.clone()));
        if !self.words.site.collections.is_empty() {
            groups.push(every(&|l| {
                self.words.site.config.section_path(l, "collections")
            }));
        }
        // Each group's alternates, written once and shared by the addresses of its pages.
        let mut links: Vec<String> = Vec::with_capacity(groups.len());
        let mut urls: Vec<(String, usize)> = Vec::new();
        for (i, group) in groups.iter().enumerate() {
            // The homes' set has the language chooser as its x-default (groups[0]).
            let chooser = if i == 0 {
                self.words.chooser_url()
            } else {
                None
            };
            let x_default = chooser.clone().or_else(|| self.words.x_default(group));
            let mut alternates = String::new();
            // Every canonical page names its set, even of one language (a record written
            // in French only): the sitemap gives the same set as the page.
            if !group.is_empty() {
                for lang in &config.languages {
                    if let Some(path) = group.get(&lang.code) {
                        alternates.push_str(&format!(
                            "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
                            feeds::escape(&lang.code),
                            feeds::escape(&uri(&self.words.absolute(path)))
                        ));
                    }
                }
                if let Some(x) = &x_default {
                    alternates.push_str(&format!(
                        "    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>\n",
                        feeds::escape(&uri(x))
                    ));
                }
            }
            links.push(alternates);
            let locs = group
                .values()
                .map(|p| self.words.absolute(p))
                .chain(chooser);
            urls.extend(locs.map(|url| (feeds::escape(&uri(&url)), i)));
        }
        drop(groups);
        // In the order of the entries' text: by address, then by what follows it.
        let tail = |(_, g): &(String, usize)| links[*g].bytes().chain(URL_END.bytes());
        urls.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| tail(a).cmp(tail(b))));
        urls.dedup_by(|a, b| a.0 == b.0 && links[a.1] == links[b.1]);
        let entry = |(loc, g): &(String, usize), xml: &mut String| {
            xml.push_str("  <url>\n    <loc>");
            xml.push_str(loc);
            xml.push_str("</loc>\n");
            xml.push_str(&links[*g]);
            xml.push_str(URL_END);
        };
        sitemap_files(
            &urls,
            (SITEMAP_LIMIT, SITEMAP_BYTES),
            &self.words.site.config.base_url,
            &entry,
            write,
        )
    }
}

/// What closes a sitemap entry.
const URL_END: &str = "  </url>\n";

/// URLs a sitemap file may list (sitemaps.org): past that, `sitemap.xml` becomes an index.
pub const SITEMAP_LIMIT: usize = 50_000;

/// Bytes a sitemap file may hold, uncompressed (sitemaps.org): four languages of long
/// percent-encoded Arabic addresses reach it before 50,000 entries.
pub const SITEMAP_BYTES: usize = 52_428_800;

const URLSET_START: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n";
const URLSET_END: &str = "</urlset>\n";

/// `sitemap.xml` with every entry, or, past `limit` entries or `max_bytes` bytes,
/// `sitemap-1.xml`… of at most that each and `sitemap.xml` as their index, each handed to
/// `write` as soon as it is full; `entry` writes one entry's XML.
fn sitemap_files<T, E>(
    entries: &[T],
    (limit, max_bytes): (usize, usize),
    base_url: &str,
    entry: &dyn Fn(&T, &mut String),
    write: &mut dyn FnMut(OutputFile) -> Result<(), E>,
) -> Result<(), E> {
    let mut parts = 0;
    let mut xml = String::from(URLSET_START);
    let mut count = 0;
    let mut one = String::new();
    let part = |n: usize| format!("sitemap-{n}.xml");
    for e in entries {
        one.clear();
        entry(e, &mut one);
        if count > 0 && (count == limit || xml.len() + one.len() + URLSET_END.len() > max_bytes) {
            xml.push_str(URLSET_END);
            parts += 1;
            write(OutputFile {
                template: None,
                path: part(parts),
                bytes: std::mem::replace(&mut xml, String::from(URLSET_START)).into_bytes(),
            })?;
            count = 0;
        }
        xml.push_str(&one);
        count += 1;
    }
    xml.push_str(URLSET_END);
    if parts == 0 {
        return write(OutputFile {
            template: None,
            path: "sitemap.xml".into(),
            bytes: xml.into_bytes(),
        });
    }
    parts += 1;
    write(OutputFile {
        template: None,
        path: part(parts),
        bytes: xml.into_bytes(),
    })?;
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for n in 1..=parts {
        index.push_str(&format!(
            "  <sitemap><loc>{}</loc></sitemap>\n",
            feeds::escape(&uri(&format!("{base_url}{}", part(n))))
        ));
    }
    index.push_str("</sitemapindex>\n");
    write(OutputFile {
        template: None,
        path: "sitemap.xml".into(),
        bytes: index.into_bytes(),
    })
}

/// An address with non-ASCII characters percent-encoded, as sitemaps require
/// (`/ar/أفلام/` becomes `/ar/%D8%A3%D9%81...`).
pub fn uri(address: &str) -> String {
    let mut out = String::with_capacity(address.len());
    for b in address.bytes() {
        if b.is_ascii_graphic() {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_sitemaps_become_an_index_of_parts() {
        let entries: Vec<String> = (0..5)
            .map(|n| format!("  <url><loc>https://x.org/{n}/</loc></url>\n"))
            .collect();
        let sized = |limit: usize, max_bytes: usize| {
            let mut files = Vec::new();
            let entry = |e: &String, xml: &mut String| xml.push_str(e);
            sitemap_files(
                &entries,
                (limit, max_bytes),
                "https://x.org/",
                &entry,
                &mut |f| {
                    files.push(f);
                    Ok::<(), ()>(())
                },
            )
            .unwrap();
            files
        };
        let files = |limit: usize| sized(limit, SITEMAP_BYTES);
        let single = files(5);
        assert_eq!(single.len(), 1);
        assert_eq!(single[0].path, "sitemap.xml");
        let split = files(2);
        let paths: Vec<&str> = split.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "sitemap-1.xml",
                "sitemap-2.xml",
                "sitemap-3.xml",
                "sitemap.xml"
            ]
        );
        let index = String::from_utf8(split[3].bytes.clone()).unwrap();
        assert!(index.starts_with("<?xml") && index.contains("<sitemapindex"));
        assert!(index.contains("<sitemap><loc>https://x.org/sitemap-3.xml</loc></sitemap>"));
        let last = String::from_utf8(split[2].bytes.clone()).unwrap();
        assert_eq!(last.matches("<url>").count(), 1);
        // Bytes split too: a file never passes the limit, and holds as much as fits.
        let entry_len = entries[0].len();
        let max = URLSET_START.len() + 2 * entry_len + URLSET_END.len();
        let by_size = sized(50_000, max);
        assert_eq!(
            by_size.len(),
            4,
            "three parts of two, two, one and the index"
        );
        for part in &by_size[..3] {
            assert!(part.bytes.len() <= max, "{} > {max}", part.bytes.len());
        }
        assert_eq!(
            String::from_utf8(by_size[0].bytes.clone())
                .unwrap()
                .matches("<url>")
                .count(),
            2
        );
        assert_eq!(sized(50_000, max + 5 * entry_len).len(), 1);
    }
}
