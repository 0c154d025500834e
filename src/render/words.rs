//! The shared vocabulary of every page family: a language's paths (home, lists, taxonomies,
//! terms, media, assets), its theme strings and labels, the languages of the site, the
//! alternates of a page in each language and the addresses of list pages. [`Words`] only
//! reads the site, the theme and the lists; the families build pages with it.

use std::collections::BTreeMap;

use crate::config::Language;
use crate::content::Kind;
use crate::locale::Locale;
use crate::schema::{Access, Direction, Taxonomy, Vocabulary};
use crate::site::{Audience, Site, SiteRecord};

use super::context::{Alternate, TermLink};
use super::lists::{Listing, Lists, PAGE_SIZE};
use super::theme::{Theme, ThemeString};

/// What every page family reads: the site, its theme and the order of its lists.
#[derive(Clone, Copy)]
pub(super) struct Words<'a> {
    pub(super) site: &'a Site,
    pub(super) theme: &'a Theme,
    pub(super) lists: &'a Lists,
}

impl<'a> Words<'a> {
    /// The theme string `key` in `lang`; the key itself where the theme lacks it.
    pub(super) fn t(&self, lang: &Language, key: &str) -> String {
        self.theme.strings[&lang.code]
            .get(key)
            .map_or_else(|| key.to_string(), |s| s.text().to_string())
    }

    /// A theme string for the number `n`: its plural form for `n` in `lang`, with `{n}`
    /// written as that language writes numbers.
    pub(super) fn t_n(&self, lang: &Language, key: &str, n: u64) -> String {
        let locale = self.locale(lang);
        let form = match self.theme.strings[&lang.code].get(key) {
            Some(ThemeString::Plural(forms)) => forms
                .get(locale.plural(n))
                .or_else(|| forms.get("other"))
                .cloned()
                .unwrap_or_default(),
            Some(ThemeString::Plain(text)) => text.clone(),
            None => key.to_string(),
        };
        form.replace("{n}", &locale.number(n))
    }

    pub(super) fn locale(&self, lang: &Language) -> &Locale {
        &self.lists.locales[&lang.code]
    }

    /// A length in minutes as "1 h 38 min" or "45 min", with the language's digits.
    pub(super) fn duration(&self, lang: &Language, minutes: u32) -> String {
        let locale = self.locale(lang);
        if minutes < 60 {
            return self.t_n(lang, "minutes", u64::from(minutes));
        }
        self.t(lang, "duration_hm")
            .replace("{h}", &locale.number(u64::from(minutes / 60)))
            .replace("{m}", &locale.number(u64::from(minutes % 60)))
    }

    pub(super) fn label(&self, vocabulary: &Vocabulary, id: &str, lang: &Language) -> String {
        vocabulary
            .get(id)
            .and_then(|labels| {
                labels
                    .get(&lang.code)
                    .or_else(|| labels.get(&self.site.config.default_language))
            })
            .cloned()
            .unwrap_or_else(|| id.to_string())
    }

    pub(super) fn languages_list<'b>(
        &self,
        codes: impl Iterator<Item = &'b str>,
        lang: &Language,
    ) -> String {
        codes
            .map(|c| self.label(&self.site.vocabularies.languages, c, lang))
            .collect::<Vec<_>>()
            .join(&self.t(lang, "list_separator"))
    }

    pub(super) fn term_label(&self, lang: &Language, taxonomy: Taxonomy, id: &str) -> String {
        match taxonomy {
            Taxonomy::Audiences => self.t(lang, &format!("audience_{id}")),
            // Years are written without grouping: "1990s", not "1,990s".
            Taxonomy::Decades => self.t(lang, "decade").replace("{n}", id),
            _ => self.site.term_label(taxonomy, id, &lang.code),
        }
    }

    /// True when `listing` has records in `lang`: a list without any gets no page there.
    pub(super) fn has_page(&self, lang: &Language, listing: Listing) -> bool {
        !self.listing(lang, listing).is_empty()
    }

    /// True when some term of `taxonomy` has records in `lang`: its page and menu entry.
    pub(super) fn has_terms(&self, lang: &Language, taxonomy: Taxonomy) -> bool {
        let count = self.lists.terms.get(&taxonomy).map_or(0, Vec::len);
        (0..count).any(|p| self.has_page(lang, Listing::Term(taxonomy, p)))
    }

    pub(super) fn term_link(&self, lang: &Language, taxonomy: Taxonomy, id: &str) -> TermLink {
        let position = self
            .lists
            .terms
            .get(&taxonomy)
            .and_then(|ids| ids.binary_search_by(|t| t.as_str().cmp(id)).ok());
        let url = position
            .filter(|p| self.has_page(lang, Listing::Term(taxonomy, *p)))
            .map(|_| self.term_path(lang, taxonomy, id));
        TermLink {
            label: self.term_label(lang, taxonomy, id),
            url,
        }
    }

    pub(super) fn site_title(&self, lang: &Language) -> String {
        self.site
            .config
            .title
            .get(&lang.code, &[&self.site.config.default_language])
            .unwrap_or_default()
            .to_string()
    }

    pub(super) fn site_description(&self, lang: &Language) -> String {
        let d = self.site.config.description.as_ref();
        d.and_then(|d| d.get(&lang.code, &[&self.site.config.default_language]))
            .unwrap_or_default()
            .to_string()
    }

    pub(super) fn default_language(&self) -> &'a Language {
        self.language(&self.site.config.default_language)
    }

    pub(super) fn language(&self, code: &str) -> &'a Language {
        let site: &'a Site = self.site;
        site.config
            .languages
            .iter()
            .find(|l| l.code == code)
            .unwrap_or(&site.config.languages[0])
    }

    pub(super) fn home(&self, lang: &Language) -> String {
        self.site.config.home_path(lang)
    }

    pub(super) fn list_path(&self, lang: &Language, kind: Kind) -> String {
        self.site.config.section_path(lang, kind.folder())
    }

    pub(super) fn taxonomy_path(&self, lang: &Language, taxonomy: Taxonomy) -> String {
        self.site.config.section_path(lang, taxonomy.name())
    }

    pub(super) fn term_path(&self, lang: &Language, taxonomy: Taxonomy, id: &str) -> String {
        let slug = self
            .site
            .term_slugs
            .get(&(taxonomy, lang.code.clone()))
            .and_then(|slugs| slugs.get(id))
            .map_or(id, String::as_str);
        format!("{}{slug}/", self.taxonomy_path(lang, taxonomy))
    }

    pub(super) fn absolute(&self, path: &str) -> String {
        format!("{}{}", self.site.config.base_url, self.relative(path))
    }

    /// A site path without the base path: the location under the output root.
    pub(super) fn relative<'p>(&self, path: &'p str) -> &'p str {
        path.strip_prefix(&self.site.config.base_path)
            .unwrap_or(path)
    }

    pub(super) fn index_file(&self, path: &str) -> String {
        format!("{}index.html", self.relative(path))
    }

    /// The site path of a theme file, fingerprinted when it is CSS or JavaScript.
    pub(super) fn asset(&self, path: &str) -> String {
        let file = self.theme.assets.get(path).map_or(path, String::as_str);
        format!("{}{file}", self.site.config.base_path)
    }

    pub(super) fn media_path(&self, r: &SiteRecord, file: &str) -> String {
        format!("{}media/{}/{file}", self.site.config.base_path, r.record.id)
    }

    pub(super) fn visible(&self, access: Access) -> bool {
        access == Access::Public || self.site.options.audience == Audience::Network
    }

    pub(super) fn same_in_every_language(
        &self,
        path: impl Fn(&Language) -> String,
    ) -> BTreeMap<String, String> {
        self.site
            .config
            .languages
            .iter()
            .map(|l| (l.code.clone(), path(l)))
            .collect()
    }

    /// One alternate per language: the page in that language where there is one (a
    /// translation, or a page with borrowed text), else that language's home. `translated`
    /// lists the real translations, which alone are `hreflang` alternates.
    pub(super) fn alternates(
        &self,
        current: &Language,
        paths: &BTreeMap<String, String>,
        translated: &BTreeMap<String, String>,
    ) -> Vec<Alternate> {
        self.site
            .config
            .languages
            .iter()
            .map(|l| {
                let url = paths.get(&l.code).cloned().unwrap_or_else(|| self.home(l));
                Alternate {
                    code: l.code.clone(),
                    name: l.name.clone(),
                    dir: dir(l.dir),
                    abs_url: self.absolute(&url),
                    url,
                    current: l.code == current.code,
                    translated: translated.contains_key(&l.code),
                    exists: paths.contains_key(&l.code),
                }
            })
            .collect()
    }

    /// The `x-default` alternate: the default language's version, else the first translation.
    pub(super) fn x_default(&self, translated: &BTreeMap<String, String>) -> Option<String> {
        let config = &self.site.config;
        translated
            .get(&config.default_language)
            .or_else(|| {
                config
                    .languages
                    .iter()
                    .find_map(|l| translated.get(&l.code))
            })
            .map(|p| self.absolute(p))
    }

    /// The language chooser at the site's root, where the site has one: the `x-default` of
    /// the home pages, since it is the page meant for visitors of any language.
    pub(super) fn chooser_url(&self) -> Option<String> {
        let config = &self.site.config;
        (!config.default_language_at_root).then(|| self.absolute(&config.base_path))
    }

    /// The paths of a record's real translations (not of its borrowed pages).
    pub(super) fn translations(&self, r: &SiteRecord) -> BTreeMap<String, String> {
        r.paths
            .iter()
            .filter(|(lang, _)| r.is_translated(lang))
            .map(|(l, p)| (l.clone(), p.clone()))
            .collect()
    }

    /// The records of `listing` in `lang`, in list order.
    pub(super) fn listing(&self, lang: &Language, listing: Listing) -> &[usize] {
        let n = self
            .site
            .config
            .languages
            .iter()
            .position(|l| l.code == lang.code)
            .unwrap_or(0);
        self.lists
            .listings
            .get(&(n, listing))
            .map_or(&[], Vec::as_slice)
    }

    pub(super) fn page_count(&self, lang: &Language, listing: Listing) -> usize {
        self.listing(lang, listing).len().div_ceil(PAGE_SIZE).max(1)
    }

    /// The id of the term at `position` in `taxonomy`'s sorted ids.
    pub(super) fn term_id(&self, taxonomy: Taxonomy, position: usize) -> &str {
        self.lists
            .terms
            .get(&taxonomy)
            .and_then(|ids| ids.get(position))
            .map_or("", String::as_str)
    }

    pub(super) fn listing_title(&self, lang: &Language, listing: Listing) -> String {
        match listing {
            Listing::Kind(kind) => self.t(lang, &format!("kinds_{}", kind.name())),
            Listing::Term(taxonomy, term) => {
                self.term_label(lang, taxonomy, self.term_id(taxonomy, term))
            }
        }
    }

    pub(super) fn listing_path(&self, lang: &Language, listing: Listing, number: usize) -> String {
        let first = match listing {
            Listing::Kind(kind) => self.list_path(lang, kind),
            Listing::Term(taxonomy, term) => {
                self.term_path(lang, taxonomy, self.term_id(taxonomy, term))
            }
        };
        if number <= 1 {
            first
        } else {
            format!("{first}page/{number}/")
        }
    }

    /// A published record by id.
    pub(super) fn by_id(&self, id: &str) -> Option<&'a SiteRecord> {
        let site: &'a Site = self.site;
        site.records.iter().find(|r| r.record.id == id)
    }
}

pub(super) fn dir(d: Direction) -> &'static str {
    match d {
        Direction::Ltr => "ltr",
        Direction::Rtl => "rtl",
    }
}
