//! Lists: the page of each kind, of each taxonomy and of each of its terms, in every
//! language, paginated by [`PAGE_SIZE`] in the order [`Lists`](super::lists::Lists) keeps.

use std::collections::BTreeMap;

use crate::config::Language;
use crate::diagnostics::Diagnostic;
use crate::schema::Taxonomy;

use super::context::*;
use super::lists::{Listing, PAGE_SIZE};
use super::renderer::{OutputFile, Renderer};

impl Renderer<'_> {
    pub(super) fn list_page(
        &self,
        lang: &Language,
        listing: Listing,
        number: usize,
    ) -> Result<OutputFile, Diagnostic> {
        let all: &[usize] = self.words.listing(lang, listing);
        let records: Vec<Card> = all
            .iter()
            .skip((number - 1) * PAGE_SIZE)
            .take(PAGE_SIZE)
            .map(|i| self.words.card(&self.words.site.records[*i], lang))
            .collect();
        let title = self.words.listing_title(lang, listing);
        let path = self.words.listing_path(lang, listing, number);
        let mut paths = self.words.same_in_every_language(|l| {
            let n = number.min(self.words.page_count(l, listing));
            self.words.listing_path(l, listing, n)
        });
        // Languages where the list has no record have no page of it.
        paths.retain(|code, _| self.words.has_page(self.words.language(code), listing));
        // The switcher leads to the nearest page of another language; hreflang names only
        // the same page number, which exists in both, so that the sets are reciprocal.
        let same_number: BTreeMap<String, String> = paths
            .iter()
            .filter(|(code, _)| self.words.page_count(self.words.language(code), listing) >= number)
            .map(|(c, p)| (c.clone(), p.clone()))
            .collect();
        let alternates = self.words.alternates(lang, &paths, &same_number);
        let pages = self.words.page_count(lang, listing);
        let pagination = Pagination {
            current: number,
            total: pages,
            prev: (number > 1).then(|| self.words.listing_path(lang, listing, number - 1)),
            next: (number < pages).then(|| self.words.listing_path(lang, listing, number + 1)),
            pages: (1..=pages)
                .map(|n| PageLink {
                    number: n,
                    url: self.words.listing_path(lang, listing, n),
                    current: n == number,
                })
                .collect(),
        };
        let meta_title = if number > 1 {
            format!("{title} ({number}/{pages})")
        } else {
            title.clone()
        };
        let common = self.words.common(
            lang,
            meta_title,
            self.words.site_description(lang),
            path.clone(),
            match listing {
                Listing::Kind(_) => "list",
                Listing::Term(..) => "term",
            },
            alternates,
        );
        let out = self.words.index_file(&path);
        match listing {
            Listing::Kind(_) => {
                let list = ListCtx {
                    title,
                    count: all.len(),
                    records,
                    pagination,
                };
                self.file(lang, "list.html", out, &ListPage { common, list })
            }
            Listing::Term(taxonomy, _) => {
                let term = TermCtx {
                    taxonomy_label: self.words.t(lang, &format!("taxonomy_{}", taxonomy.name())),
                    taxonomy_url: self.words.taxonomy_path(lang, taxonomy),
                    label: title,
                    count: all.len(),
                    records,
                    pagination,
                };
                self.file(lang, "term.html", out, &TermPage { common, term })
            }
        }
    }

    pub(super) fn taxonomy_page(
        &self,
        lang: &Language,
        taxonomy: Taxonomy,
    ) -> Result<OutputFile, Diagnostic> {
        let label = self.words.t(lang, &format!("taxonomy_{}", taxonomy.name()));
        let ids = self
            .words
            .lists
            .terms
            .get(&taxonomy)
            .map_or(&[][..], Vec::as_slice);
        let mut terms: Vec<TermCount> = ids
            .iter()
            .enumerate()
            .filter(|(position, _)| {
                self.words
                    .has_page(lang, Listing::Term(taxonomy, *position))
            })
            .map(|(position, id)| TermCount {
                label: self.words.term_label(lang, taxonomy, id),
                url: self.words.term_path(lang, taxonomy, id),
                count: self
                    .words
                    .listing(lang, Listing::Term(taxonomy, position))
                    .len(),
            })
            .collect();
        let locale = self.words.locale(lang);
        terms.sort_by(|a, b| {
            locale
                .compare(&a.label, &b.label)
                .then_with(|| a.url.cmp(&b.url))
        });
        let path = self.words.taxonomy_path(lang, taxonomy);
        let mut paths = self
            .words
            .same_in_every_language(|l| self.words.taxonomy_path(l, taxonomy));
        paths.retain(|code, _| self.words.has_terms(self.words.language(code), taxonomy));
        let alternates = self.words.alternates(lang, &paths, &paths);
        let common = self.words.common(
            lang,
            label.clone(),
            self.words.site_description(lang),
            path.clone(),
            "taxonomy",
            alternates,
        );
        let taxonomy = TaxonomyCtx {
            name: taxonomy.name(),
            label,
            terms,
        };
        self.file(
            lang,
            "taxonomy.html",
            self.words.index_file(&path),
            &TaxonomyPage { common, taxonomy },
        )
    }
}
