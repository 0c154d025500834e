//! The order of every list: the locales that sort titles, the sorted terms of each
//! taxonomy, the records of each kind list and term page per language, and every record's
//! related records. [`Lists`] depends on the site alone; `serve` keeps it between rebuilds
//! and recomputes only what an edit changed (`relist`, `relate`).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use rayon::prelude::*;

use crate::content::Kind;
use crate::locale::Locale;
use crate::schema::Taxonomy;
use crate::site::{Site, SiteRecord};

/// The order of every list of the site, and the locales that sort them.
pub struct Lists {
    /// Dates, numbers, plurals and collation of each language.
    pub(super) locales: BTreeMap<String, Arc<Locale>>,
    /// Per taxonomy, the sorted ids of the terms some record uses.
    pub(super) terms: BTreeMap<Taxonomy, Vec<String>>,
    /// Per language (by position in the site's languages), the records of each kind list
    /// and term page, in list order, as indices into `site.records`.
    pub(super) listings: BTreeMap<(usize, Listing), Vec<usize>>,
    /// Per record (index into `site.records`), the records related to it, best first.
    pub(super) related: Vec<Vec<usize>>,
}

/// A list of records that gets (paginated) pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Listing {
    /// All records of a kind.
    Kind(Kind),
    /// The records with a term: the taxonomy and the term's position in its sorted ids.
    Term(Taxonomy, usize),
}

/// Cards per list page.
pub const PAGE_SIZE: usize = 24;

/// A list named by what it holds rather than by position: stable across updates.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum ListingName {
    /// All records of a kind.
    Kind(Kind),
    /// The records with this term id.
    Term(Taxonomy, String),
}

/// How many related records a record page shows.
pub const RELATED: usize = 4;

impl Lists {
    /// For every record, by id, the ids of its related records.
    pub fn related_ids(&self, site: &Site) -> BTreeMap<String, Vec<String>> {
        self.related
            .iter()
            .enumerate()
            .map(|(i, list)| {
                let ids = list
                    .iter()
                    .map(|j| site.records[*j].record.id.clone())
                    .collect();
                (site.records[i].record.id.clone(), ids)
            })
            .collect()
    }

    /// Every list of every language (by position), with the ids of its records in order.
    pub fn members(&self, site: &Site) -> BTreeMap<(usize, ListingName), Vec<String>> {
        self.listings
            .iter()
            .map(|((lang, listing), records)| {
                let ids = records
                    .iter()
                    .map(|i| site.records[*i].record.id.clone())
                    .collect();
                ((*lang, self.name(*listing)), ids)
            })
            .collect()
    }

    /// The name of a list.
    pub fn name(&self, listing: Listing) -> ListingName {
        match listing {
            Listing::Kind(kind) => ListingName::Kind(kind),
            Listing::Term(taxonomy, position) => ListingName::Term(
                taxonomy,
                self.terms
                    .get(&taxonomy)
                    .and_then(|ids| ids.get(position))
                    .cloned()
                    .unwrap_or_default(),
            ),
        }
    }

    /// The current key of a named list, if it exists.
    pub fn listing(&self, name: &ListingName) -> Option<Listing> {
        match name {
            ListingName::Kind(kind) => Some(Listing::Kind(*kind)),
            ListingName::Term(taxonomy, id) => {
                let position = self.terms.get(taxonomy)?.binary_search(id).ok()?;
                Some(Listing::Term(*taxonomy, position))
            }
        }
    }
}

impl Lists {
    /// The lists of `site`.
    pub fn new(site: &Site) -> Self {
        let locales: BTreeMap<String, Arc<Locale>> = site
            .config
            .languages
            .iter()
            .map(|l| (l.code.clone(), Arc::new(Locale::new(&l.code))))
            .collect();
        let mut lists = Lists {
            locales,
            terms: BTreeMap::new(),
            listings: BTreeMap::new(),
            related: Vec::new(),
        };
        lists.relist(site);
        lists.relate(site);
        lists
    }

    /// Recomputes the terms and the order of every list, after records changed.
    pub fn relist(&mut self, site: &Site) {
        // Each record's terms, computed once.
        let record_terms: Vec<Vec<(Taxonomy, Vec<String>)>> = site
            .records
            .iter()
            .map(|r| {
                site.config
                    .taxonomies
                    .iter()
                    .map(|t| (*t, r.terms(*t)))
                    .collect()
            })
            .collect();
        let mut terms: BTreeMap<Taxonomy, BTreeSet<String>> = BTreeMap::new();
        for taxonomy in &site.config.taxonomies {
            terms.entry(*taxonomy).or_default();
        }
        for (taxonomy, ids) in record_terms.iter().flatten() {
            terms
                .entry(*taxonomy)
                .or_default()
                .extend(ids.iter().cloned());
        }
        let terms: BTreeMap<Taxonomy, Vec<String>> = terms
            .into_iter()
            .map(|(t, ids)| (t, ids.into_iter().collect()))
            .collect();
        let mut listings: BTreeMap<(usize, Listing), Vec<usize>> = BTreeMap::new();
        for (n, lang) in site.config.languages.iter().enumerate() {
            let locale = &self.locales[&lang.code];
            let mut indices: Vec<usize> = (0..site.records.len())
                .filter(|i| {
                    site.records[*i].listed && site.records[*i].paths.contains_key(&lang.code)
                })
                .collect();
            // Newest first; then titles in the language's alphabetical order; then ids, so
            // the order never depends on anything but the content.
            indices.sort_by(|a, b| {
                let (ra, rb) = (&site.records[*a], &site.records[*b]);
                rb.published
                    .cmp(&ra.published)
                    .then_with(|| locale.compare(title(ra, &lang.code), title(rb, &lang.code)))
                    .then_with(|| ra.record.id.cmp(&rb.record.id))
            });
            for kind in Kind::ALL {
                listings.insert((n, Listing::Kind(kind)), Vec::new());
            }
            for i in indices {
                let r = &site.records[i];
                listings
                    .entry((n, Listing::Kind(r.record.kind)))
                    .or_default()
                    .push(i);
                for (taxonomy, values) in &record_terms[i] {
                    let ids = &terms[taxonomy];
                    for term in values {
                        let Ok(position) = ids.binary_search(term) else {
                            continue;
                        };
                        listings
                            .entry((n, Listing::Term(*taxonomy, position)))
                            .or_default()
                            .push(i);
                    }
                }
            }
        }
        self.terms = terms;
        self.listings = listings;
    }

    /// Recomputes every record's related records, after records changed in what relates
    /// them (publication, themes, people) or records came or went.
    pub fn relate(&mut self, site: &Site) {
        self.related = related(site);
    }
}

/// For each record, the records that share the most credits (people count double) and
/// themes with it, then the newest, then by id: deterministic, and cheap on large sites
/// because only a record's neighbours in each theme (by date) are considered.
fn related(site: &Site) -> Vec<Vec<usize>> {
    const WINDOW: usize = 12;
    let mut by_theme: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let mut by_credit: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, r) in site.records.iter().enumerate().filter(|(_, r)| r.listed) {
        for t in &r.record.common.themes {
            by_theme.entry(t.value.as_str()).or_default().push(i);
        }
        for c in &r.record.common.credits {
            by_credit.entry(c.name.as_str()).or_default().push(i);
        }
    }
    let newest_first = |a: &usize, b: &usize| {
        let (ra, rb) = (&site.records[*a], &site.records[*b]);
        rb.published
            .cmp(&ra.published)
            .then_with(|| ra.record.id.cmp(&rb.record.id))
    };
    for list in by_theme.values_mut() {
        list.sort_by(newest_first);
    }
    site.records
        .par_iter()
        .enumerate()
        .map(|(i, r)| {
            // Candidates with their weight, then summed per record: a sorted vector is
            // much cheaper than a map for the hundred or so candidates of a record.
            let mut candidates: Vec<(usize, u32)> = Vec::with_capacity(128);
            for c in &r.record.common.credits {
                let sharing = by_credit
                    .get(c.name.as_str())
                    .into_iter()
                    .flatten()
                    .take(50);
                candidates.extend(sharing.map(|j| (*j, 2)));
            }
            for t in &r.record.common.themes {
                let Some(list) = by_theme.get(t.value.as_str()) else {
                    continue;
                };
                let at = list
                    .binary_search_by(|j| newest_first(j, &i))
                    .unwrap_or_else(|p| p);
                let window = &list[at.saturating_sub(WINDOW)..(at + WINDOW + 1).min(list.len())];
                candidates.extend(window.iter().map(|j| (*j, 1)));
            }
            candidates.sort_unstable_by_key(|(j, _)| *j);
            let mut best: Vec<(u32, usize)> = Vec::new();
            for (j, weight) in candidates {
                match best.last_mut() {
                    Some((score, last)) if *last == j => *score += weight,
                    _ => best.push((weight, j)),
                }
            }
            best.retain(|(_, j)| *j != i);
            best.sort_by(|(sa, a), (sb, b)| sb.cmp(sa).then_with(|| newest_first(a, b)));
            best.into_iter().take(RELATED).map(|(_, j)| j).collect()
        })
        .collect()
}

fn title<'r>(r: &'r SiteRecord, lang: &str) -> &'r str {
    r.record
        .translations
        .iter()
        .find(|t| t.lang == lang)
        .map(|t| t.title.as_str())
        .unwrap_or_default()
}
