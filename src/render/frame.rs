//! The frame around every page: the values all pages of a language share (site title,
//! language, theme strings, footer, accessibility link, assets — Tera's global context, set
//! once per language) and each page's [`Common`] part (meta, navigation, alternates).

use crate::config::Language;
use crate::content::Kind;

use super::context::*;
use super::lists::Listing;
use super::words::{Words, dir};

impl<'a> Words<'a> {
    /// The values every page of `lang` shares, set once as Tera's global context.
    pub(super) fn shared(&self, lang: &Language) -> Shared<'a> {
        let config = &self.site.config;
        let footer_pages = self
            .site
            .pages
            .iter()
            // The statement has its own link, with the conformity status.
            .filter(|p| Some(p.page.id.as_str()) != config.statement_page())
            .filter_map(|p| {
                let t = p.page.translations.iter().find(|t| t.lang == lang.code)?;
                Some(LinkCtx {
                    label: t.title.clone(),
                    url: p.paths[&lang.code].clone(),
                })
            })
            .collect();
        Shared {
            site: SiteCtx {
                title: self.site_title(lang),
                description: self.site_description(lang),
                base_url: config.base_url.clone(),
                base_path: config.base_path.clone(),
            },
            lang: LangCtx {
                code: lang.code.clone(),
                name: lang.name.clone(),
                dir: dir(lang.dir),
            },
            t: &self.theme.strings[&lang.code],
            footer_pages,
            accessibility: self.accessibility_link(lang),
            feed_url: format!("{}feed.xml", self.home(lang)),
            home_url: self.home(lang),
            assets: Assets {
                css: self.asset("static/style.css"),
                search: self.asset("static/search.js"),
            },
            search_url: config.section_path(lang, "search"),
        }
    }

    pub(super) fn common(
        &self,
        lang: &Language,
        title: String,
        description: String,
        path: String,
        kind: &'static str,
        alternates: Vec<Alternate>,
    ) -> Common {
        let current_section = |url: &str| path.starts_with(url);
        let mut nav: Vec<NavItem> = Kind::ALL
            .into_iter()
            .filter(|k| self.has_page(lang, Listing::Kind(*k)))
            .map(|k| {
                let url = self.list_path(lang, k);
                NavItem {
                    label: self.t(lang, &format!("kinds_{}", k.name())),
                    current: current_section(&url),
                    url,
                }
            })
            .collect();
        if !self.site.collections.is_empty() {
            let url = self.site.config.section_path(lang, "collections");
            nav.push(NavItem {
                label: self.t(lang, "collections"),
                current: current_section(&url),
                url,
            });
        }
        for (taxonomy, _) in self.lists.shown_taxonomies() {
            if !self.has_terms(lang, *taxonomy) {
                continue;
            }
            let url = self.taxonomy_path(lang, *taxonomy);
            nav.push(NavItem {
                label: self.t(lang, &format!("taxonomy_{}", taxonomy.name())),
                current: current_section(&url),
                url,
            });
        }
        let url = self.absolute(&path);
        let x_default = self.x_default(
            &alternates
                .iter()
                .filter(|a| a.translated)
                .map(|a| (a.code.clone(), a.url.clone()))
                .collect(),
        );
        Common {
            meta: Meta {
                title,
                description,
                canonical: url.clone(),
                url,
                kind,
                image: None,
            },
            x_default,
            alternates,
            nav,
        }
    }

    /// The footer's link to the accessibility statement in `lang` (or in the default
    /// language when it is not written in `lang`).
    pub(super) fn accessibility_link(&self, lang: &Language) -> Option<AccessibilityLink> {
        let id = self.site.config.statement_page()?;
        let a = self.site.config.accessibility.as_ref()?;
        let page = self.site.pages.iter().find(|p| p.page.id == id)?;
        let (url, written) = match page.paths.get(&lang.code) {
            Some(url) if page.page.translations.iter().any(|t| t.lang == lang.code) => {
                (url.clone(), None)
            }
            _ => {
                let first = page.page.translations.first()?;
                (
                    page.paths.get(&first.lang)?.clone(),
                    Some(first.lang.clone()),
                )
            }
        };
        let status = self.t(lang, &format!("a11y_status_{}", a.status.name()));
        Some(AccessibilityLink {
            url,
            label: self.t(lang, "a11y_footer").replace("{status}", &status),
            lang: written,
        })
    }
}
