//! The order of every list: the locales that sort titles, the sorted terms of each
//! taxonomy, the records of each kind list and term page per language, and every record's
//! related records. [`Lists`] depends on the site alone; `serve` keeps it between rebuilds
//! and recomputes only what an edit changed (`relist`, `relate`).

use std::cmp::Ordering;
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
    /// Per record, the terms it uses: taxonomy and position in `terms`, one per use.
    memberships: Vec<Vec<(Taxonomy, usize)>>,
    /// Per taxonomy and term position, how many uses of the term records make.
    uses: BTreeMap<Taxonomy, Vec<u32>>,
}

/// Lists by name (language position, list), with the ids of their records in order.
pub type Members<'s> = BTreeMap<(usize, ListingName), Vec<&'s str>>;

/// The lists an update touched, as they were before it: `None` for a list that did not
/// exist. A list not in it holds the same records in the same order as before.
pub type Touched = BTreeMap<(usize, Listing), Option<Vec<usize>>>;

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
    /// The kinds with at least one listed record in some language: the others get no list
    /// page, feed or menu entry (a catalogue of films only shows no empty "Books").
    pub fn shown_kinds(&self) -> BTreeSet<Kind> {
        self.listings
            .iter()
            .filter_map(|((_, listing), list)| match listing {
                Listing::Kind(kind) if !list.is_empty() => Some(*kind),
                _ => None,
            })
            .collect()
    }

    /// The lists that have pages, per language: those with records. Every page's menu and
    /// the taxonomy pages depend on it.
    pub fn shown(&self) -> BTreeSet<(usize, ListingName)> {
        self.listings
            .iter()
            .filter(|(_, list)| !list.is_empty())
            .map(|((n, listing), _)| (*n, self.name(*listing)))
            .collect()
    }

    /// The taxonomies with at least one term: the others get no page nor menu entry.
    pub fn shown_taxonomies(&self) -> impl Iterator<Item = (&Taxonomy, &Vec<String>)> {
        self.terms.iter().filter(|(_, terms)| !terms.is_empty())
    }

    /// For every record, by id, the ids of its related records; `id` names a record by
    /// its index (into the site these lists were computed for).
    pub fn related_ids<'s>(
        &self,
        id: impl Fn(usize) -> &'s str,
    ) -> BTreeMap<&'s str, Vec<&'s str>> {
        self.related
            .iter()
            .enumerate()
            .map(|(i, list)| (id(i), list.iter().map(|j| id(*j)).collect()))
            .collect()
    }

    /// The records related to each record (by index), best first.
    pub fn related(&self) -> &[Vec<usize>] {
        &self.related
    }

    /// Every list of every language (by position), with the ids of its records in order;
    /// `id` names a record by its index.
    pub fn members<'s>(&self, id: impl Fn(usize) -> &'s str) -> Members<'s> {
        self.listings
            .iter()
            .map(|((lang, listing), records)| {
                let ids = records.iter().map(|i| id(*i)).collect();
                ((*lang, self.name(*listing)), ids)
            })
            .collect()
    }

    /// The lists `touched` names, as they were and as they are, with the ids of their
    /// records in order (a list that did not exist, or no longer does, is left out).
    pub fn touched_members<'s>(
        &self,
        touched: &Touched,
        id: impl Fn(usize) -> &'s str,
    ) -> [Members<'s>; 2] {
        let mut before = BTreeMap::new();
        let mut after = BTreeMap::new();
        for ((lang, listing), old) in touched {
            let name = (*lang, self.name(*listing));
            if let Some(old) = old {
                before.insert(name.clone(), old.iter().map(|i| id(*i)).collect());
            }
            if let Some(new) = self.listings.get(&(*lang, *listing)) {
                after.insert(name, new.iter().map(|i| id(*i)).collect());
            }
        }
        [before, after]
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
            memberships: Vec::new(),
            uses: BTreeMap::new(),
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
            indices.sort_by(|a, b| list_order(site, locale, &lang.code, *a, *b));
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
        let mut uses: BTreeMap<Taxonomy, Vec<u32>> = terms
            .iter()
            .map(|(t, ids)| (*t, vec![0; ids.len()]))
            .collect();
        let memberships: Vec<Vec<(Taxonomy, usize)>> = record_terms
            .iter()
            .map(|per_taxonomy| {
                let mut positions = Vec::new();
                for (taxonomy, values) in per_taxonomy {
                    for term in values {
                        if let Ok(p) = terms[taxonomy].binary_search(term) {
                            uses.entry(*taxonomy).or_default()[p] += 1;
                            positions.push((*taxonomy, p));
                        }
                    }
                }
                positions
            })
            .collect();
        self.terms = terms;
        self.listings = listings;
        self.memberships = memberships;
        self.uses = uses;
    }

    /// Moves the records at `changed`, edited in place (the site has the same records at
    /// the same indices, with new contents), to where they now belong in every list: out
    /// of the lists they left, into those they joined, at their place in the list order.
    /// Returns the lists it touched as they were; the other lists are unchanged. Returns
    /// `None`, changing nothing, when the edit cannot be made in place: the number of
    /// records changed, or a term came or went (which moves every term of its taxonomy);
    /// then [`relist`](Self::relist) recomputes everything.
    pub fn update(&mut self, site: &Site, changed: &BTreeSet<usize>) -> Option<Touched> {
        if site.records.len() != self.memberships.len()
            || changed.iter().any(|i| *i >= site.records.len())
        {
            return None;
        }
        let mut uses = self.uses.clone();
        let mut joined: BTreeMap<usize, Vec<(Taxonomy, usize)>> = BTreeMap::new();
        for &i in changed {
            let mut positions = Vec::new();
            for taxonomy in &site.config.taxonomies {
                let ids = self.terms.get(taxonomy)?;
                for term in site.records[i].term_ids(*taxonomy) {
                    let p = ids.binary_search_by(|id| id.as_str().cmp(&term)).ok()?;
                    positions.push((*taxonomy, p));
                }
            }
            for (taxonomy, p) in &self.memberships[i] {
                uses.get_mut(taxonomy)?[*p] -= 1;
            }
            for (taxonomy, p) in &positions {
                uses.get_mut(taxonomy)?[*p] += 1;
            }
            joined.insert(i, positions);
        }
        if uses.values().flatten().any(|n| *n == 0) {
            return None;
        }
        let shown_before = self.shown_kinds();
        let mut touched = Touched::new();
        for (n, lang) in site.config.languages.iter().enumerate() {
            let locale = &self.locales[&lang.code];
            for &i in changed {
                let left = Kind::ALL.into_iter().map(Listing::Kind).chain(
                    self.memberships[i]
                        .iter()
                        .map(|(t, p)| Listing::Term(*t, *p)),
                );
                for listing in left {
                    let Some(list) = self.listings.get_mut(&(n, listing)) else {
                        continue;
                    };
                    if list.contains(&i) {
                        touched
                            .entry((n, listing))
                            .or_insert_with(|| Some(list.clone()));
                        list.retain(|j| *j != i);
                    }
                }
            }
            for (&i, positions) in &joined {
                let r = &site.records[i];
                if !r.listed || !r.paths.contains_key(&lang.code) {
                    continue;
                }
                let into = std::iter::once(Listing::Kind(r.record.kind))
                    .chain(positions.iter().map(|(t, p)| Listing::Term(*t, *p)));
                for listing in into {
                    let list = self.listings.entry((n, listing));
                    let existed = matches!(list, std::collections::btree_map::Entry::Occupied(_));
                    let list = list.or_default();
                    touched
                        .entry((n, listing))
                        .or_insert_with(|| existed.then(|| list.clone()));
                    let at = list
                        .binary_search_by(|j| list_order(site, locale, &lang.code, *j, i))
                        .unwrap_or_else(|p| p);
                    list.insert(at, i);
                }
            }
        }
        // A kind that gained its first record or lost its last changes every page's menu:
        // only a full recount says so.
        if self.shown_kinds() != shown_before {
            return None;
        }
        // A term list no record is in any more has no pages, as after `relist`.
        self.listings
            .retain(|(_, listing), list| matches!(listing, Listing::Kind(_)) || !list.is_empty());
        for (i, positions) in joined {
            self.memberships[i] = positions;
        }
        self.uses = uses;
        Some(touched)
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

/// The order of lists: newest first; then titles in the language's alphabetical order; then
/// ids, so the order never depends on anything but the content (and, for records that share
/// an id, which is an error, their folders).
fn list_order(site: &Site, locale: &Locale, lang: &str, a: usize, b: usize) -> Ordering {
    let (ra, rb) = (&site.records[a], &site.records[b]);
    rb.published
        .cmp(&ra.published)
        .then_with(|| locale.compare(title(ra, lang), title(rb, lang)))
        .then_with(|| ra.record.id.cmp(&rb.record.id))
        .then(a.cmp(&b))
}

fn title<'r>(r: &'r SiteRecord, lang: &str) -> &'r str {
    r.record
        .translations
        .iter()
        .find(|t| t.lang == lang)
        .map(|t| t.title.as_str())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Config, Overrides};
    use crate::site::{Audience, Options};

    /// The example catalogue of the repository, resolved.
    fn example() -> Site {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let config = Config::load(root, &Overrides::default()).unwrap();
        let mut diagnostics = Vec::new();
        let sources = crate::content::load(root, &config, &mut diagnostics);
        let records = crate::content::parse(sources, &mut diagnostics);
        let options = Options {
            drafts: false,
            audience: Audience::Public,
            today: jiff::civil::date(2026, 11, 28),
            future: false,
        };
        crate::site::resolve(config, root, records, options, &mut diagnostics)
    }

    #[test]
    fn updating_in_place_gives_the_lists_of_a_full_recount_and_names_every_list_it_moved() {
        let mut site = example();
        let mut lists = Lists::new(&site);
        let n = site.records.len();
        assert!(n > 10);
        let (mut in_place, mut recounted) = (0, 0);
        let mut seed: u64 = 7;
        let mut next = |bound: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % bound
        };
        for step in 0..300 {
            let i = next(n);
            let other = next(n);
            match next(5) {
                // A new title, which moves the record in its lists' alphabetical order.
                0 | 1 => {
                    for t in &mut site.records[i].record.translations {
                        t.title = format!("{} {step}", ["A", "M", "Z", "É", "b"][step % 5]);
                    }
                }
                // Another publication date, which moves it to another place.
                2 => site.records[i].published = site.records[other].published,
                // Another record's themes and countries: it leaves some term lists and
                // joins others (and may leave a term no record uses any more).
                3 => {
                    let from = &site.records[other].record.common;
                    let (themes, countries) = (from.themes.clone(), from.countries.clone());
                    let c = &mut site.records[i].record.common;
                    c.themes = themes;
                    c.countries = countries;
                }
                // Out of the lists, or back in.
                _ => site.records[i].listed = !site.records[i].listed,
            }
            let before = lists.listings.clone();
            let changed = BTreeSet::from([i]);
            match lists.update(&site, &changed) {
                Some(touched) => {
                    in_place += 1;
                    let keys: BTreeSet<_> = before.keys().chain(lists.listings.keys()).collect();
                    for key in keys {
                        let (old, new) = (before.get(key), lists.listings.get(key));
                        match touched.get(key) {
                            Some(was) => assert_eq!(was.as_ref(), old, "step {step}: {key:?}"),
                            None => assert_eq!(old, new, "step {step}: {key:?} moved, unnamed"),
                        }
                    }
                }
                None => {
                    recounted += 1;
                    assert_eq!(lists.listings, before, "step {step}: None changes nothing");
                    lists.relist(&site);
                }
            }
            let fresh = Lists::new(&site);
            assert_eq!(lists.listings, fresh.listings, "step {step}");
            assert_eq!(lists.terms, fresh.terms, "step {step}");
            assert_eq!(lists.memberships, fresh.memberships, "step {step}");
            assert_eq!(lists.uses, fresh.uses, "step {step}");
        }
        assert!(
            in_place > 200 && recounted > 0,
            "{in_place} in place, {recounted} recounted"
        );
    }
}
