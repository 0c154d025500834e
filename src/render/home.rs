//! The home page of each language: a section per kind with its newest records, the
//! featured collections and records of `site.yaml`, and the webinars to come.

use crate::config::Language;
use crate::content::Kind;
use crate::diagnostics::Diagnostic;

use super::context::{Card, HomePage, Section};
use super::lists::Listing;
use super::renderer::{OutputFile, Renderer};

impl Renderer<'_> {
    pub(super) fn home_page(&self, lang: &Language) -> Result<OutputFile, Diagnostic> {
        let sections = Kind::ALL
            .into_iter()
            .map(|kind| {
                let records: Vec<Card> = self
                    .words
                    .listing(lang, Listing::Kind(kind))
                    .iter()
                    .take(4)
                    .map(|i| self.words.card(&self.words.site.records[*i], lang))
                    .collect();
                Section {
                    kind,
                    title: self.words.t(lang, &format!("kinds_{}", kind.name())),
                    url: self.words.list_path(lang, kind),
                    records,
                }
            })
            .filter(|s| !s.records.is_empty())
            .collect();
        let path = self.words.home(lang);
        let homes = self.words.same_in_every_language(|l| self.words.home(l));
        let alternates = self.words.alternates(lang, &homes, &homes);
        let mut common = self.words.common(
            lang,
            self.words.site_title(lang),
            self.words.site_description(lang),
            path.clone(),
            "home",
            alternates,
        );
        if let Some(chooser) = self.words.chooser_url() {
            common.x_default = Some(chooser);
        }
        let featured = &self.words.site.config.featured;
        let featured_collections = featured
            .collections
            .iter()
            .filter_map(|id| {
                self.words
                    .site
                    .collections
                    .iter()
                    .find(|c| c.collection.id == id.value)
            })
            .filter_map(|c| self.collection_link(c, lang))
            .collect();
        let featured_records = self.words.cards_of(&featured.records, lang);
        let upcoming = self
            .upcoming(lang)
            .into_iter()
            .take(4)
            .map(|r| self.words.card(r, lang))
            .collect();
        let home = HomePage {
            common,
            sections,
            featured_collections,
            featured_records,
            upcoming,
        };
        self.file(lang, "home.html", self.words.index_file(&path), &home)
    }
}
