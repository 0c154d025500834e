//! Collections: each collection's page in the languages it is written in, with its records
//! in the editors' order, and each language's list of collections.

use crate::config::Language;
use crate::diagnostics::Diagnostic;
use crate::site::SiteCollection;

use super::context::*;
use super::renderer::{OutputFile, Renderer};

impl Renderer<'_> {
    /// A collection as a link in `lang`, when it is written in it.
    pub(super) fn collection_link(
        &self,
        c: &SiteCollection,
        lang: &Language,
    ) -> Option<CollectionLink> {
        let t = c
            .collection
            .translations
            .iter()
            .find(|t| t.lang == lang.code)?;
        Some(CollectionLink {
            title: t.title.clone(),
            summary: t.summary.clone(),
            url: c.paths.get(&lang.code)?.clone(),
        })
    }

    pub(super) fn collection_page(
        &self,
        c: &SiteCollection,
        lang: &Language,
    ) -> Result<OutputFile, Diagnostic> {
        let t = c
            .collection
            .translations
            .iter()
            .find(|t| t.lang == lang.code)
            .unwrap_or(&c.collection.translations[0]);
        let path = c.paths[&lang.code].clone();
        let alternates = self.words.alternates(lang, &c.paths, &c.paths);
        let description = t
            .summary
            .clone()
            .unwrap_or_else(|| self.words.site_description(lang));
        let common = self.words.common(
            lang,
            t.title.clone(),
            description,
            path.clone(),
            "collection",
            alternates,
        );
        // Records not published in this build (drafts, network, scheduled, expired) leave
        // no trace; the others keep the editors' order.
        let records = self.words.cards_of(&c.collection.records, lang);
        let collection = CollectionCtx {
            title: t.title.clone(),
            intro: self.markdown.render(&t.body),
            records,
        };
        self.file(
            lang,
            "collection.html",
            self.words.index_file(&path),
            &CollectionPage { common, collection },
        )
    }

    pub(super) fn collections_page(&self, lang: &Language) -> Result<OutputFile, Diagnostic> {
        let path = self.words.site.config.section_path(lang, "collections");
        let paths = self
            .words
            .same_in_every_language(|l| self.words.site.config.section_path(l, "collections"));
        let alternates = self.words.alternates(lang, &paths, &paths);
        let title = self.words.t(lang, "collections");
        let common = self.words.common(
            lang,
            title.clone(),
            self.words.site_description(lang),
            path.clone(),
            "collections",
            alternates,
        );
        let collections = self
            .words
            .site
            .collections
            .iter()
            .filter_map(|c| self.collection_link(c, lang))
            .collect();
        self.file(
            lang,
            "collections.html",
            self.words.index_file(&path),
            &CollectionsPage {
                common,
                title,
                collections,
            },
        )
    }
}
