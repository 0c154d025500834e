//! Pages that are not records: the free pages of `content/pages/` (one of them the
//! accessibility statement, with its figures), the language chooser and the 404 pages.

use crate::config::Language;
use crate::content::PageTranslation;
use crate::diagnostics::Diagnostic;
use crate::site::SitePage;

use super::context::*;
use super::renderer::{OutputFile, Renderer};

impl Renderer<'_> {
    /// The language chooser at the site's root, when the default language is not there.
    pub(super) fn chooser_page(&self) -> Result<OutputFile, Diagnostic> {
        let lang = self.words.default_language();
        let homes = self.words.same_in_every_language(|l| self.words.home(l));
        let alternates = self.words.alternates(lang, &homes, &homes);
        let mut common = self.words.common(
            lang,
            self.words.site_title(lang),
            String::new(),
            self.words.site.config.base_path.clone(),
            "chooser",
            alternates,
        );
        common.x_default = self.words.chooser_url();
        self.file(
            lang,
            "chooser.html",
            "index.html".into(),
            &PlainPage { common },
        )
    }

    /// The 404 page of `lang`, beside its home; or, for `None`, the root's, in the default
    /// language.
    pub(super) fn not_found_page(&self, lang: Option<&Language>) -> Result<OutputFile, Diagnostic> {
        let root = lang.is_none();
        let lang = lang.unwrap_or_else(|| self.words.default_language());
        let path = self.words.home(lang);
        let homes = self.words.same_in_every_language(|l| self.words.home(l));
        let alternates = self.words.alternates(lang, &homes, &homes);
        let common = self.words.common(
            lang,
            self.words.t(lang, "not_found_title"),
            String::new(),
            path.clone(),
            "404",
            alternates,
        );
        let out = if root {
            "404.html".to_string()
        } else {
            format!("{}404.html", self.words.relative(&path))
        };
        self.file(lang, "404.html", out, &PlainPage { common })
    }

    pub(super) fn free_page(
        &self,
        page: &SitePage,
        translation: &PageTranslation,
    ) -> Result<OutputFile, Diagnostic> {
        let lang = self.words.language(&translation.lang);
        let path = page.paths[&translation.lang].clone();
        let alternates = self.words.alternates(lang, &page.paths, &page.paths);
        let description = translation
            .summary
            .clone()
            .unwrap_or_else(|| self.words.site_description(lang));
        let common = self.words.common(
            lang,
            translation.title.clone(),
            description,
            path.clone(),
            "page",
            alternates,
        );
        let page_ctx = PageCtx {
            title: translation.title.clone(),
            body: self.markdown.render(&translation.body),
        };
        let statement = (self.words.site.config.statement_page() == Some(page.page.id.as_str()))
            .then(|| self.statement(lang))
            .flatten();
        let template = if statement.is_some() {
            "accessibility.html"
        } else {
            "page.html"
        };
        self.file(
            lang,
            template,
            self.words.index_file(&path),
            &FreePage {
                common,
                page: page_ctx,
                statement,
            },
        )
    }

    /// The figures of the accessibility statement, in `lang`.
    fn statement(&self, lang: &Language) -> Option<StatementCtx> {
        let a = self.words.site.config.accessibility.as_ref()?;
        let status_label = self
            .words
            .t(lang, &format!("a11y_status_{}", a.status.name()));
        let standard = a.standard.clone().unwrap_or_else(|| "RGAA 4.1".into());
        Some(StatementCtx {
            status: a.status.name(),
            sentence: self
                .words
                .t(lang, "a11y_sentence")
                .replace("{status}", &status_label)
                .replace("{standard}", &standard),
            rate: a.rate.as_ref().map(|r| {
                self.words.t(lang, "a11y_rate").replace(
                    "{rate}",
                    &self.words.locale(lang).number(u64::from(r.value)),
                )
            }),
            audited: a
                .audited
                .as_ref()
                .and_then(|d| d.value.parse::<jiff::civil::Date>().ok())
                .map(|d| {
                    self.words
                        .t(lang, "a11y_audited")
                        .replace("{date}", &self.words.locale(lang).date(d))
                }),
            status_label,
            standard,
        })
    }
}
