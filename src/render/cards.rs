//! Cards and pictures: how a record shows in lists, on the home page, in collections and
//! beside related records, and the context of a picture with its resized copies.

use crate::config::Language;
use crate::schema::{ImageRole, Spanned};
use crate::site::SiteRecord;

use super::context::{Card, ImageCtx, LangCtx};
use super::words::{Words, dir};

impl Words<'_> {
    pub(super) fn card(&self, r: &SiteRecord, lang: &Language) -> Card {
        let translation = r.text(&lang.code).unwrap_or(&r.record.translations[0]);
        let fallback = (translation.lang != lang.code).then(|| {
            let source = self.language(&translation.lang);
            LangCtx {
                code: source.code.clone(),
                name: source.name.clone(),
                dir: dir(source.dir),
            }
        });
        let poster = r
            .record
            .common
            .images
            .iter()
            .position(|i| matches!(i.role, ImageRole::Poster | ImageRole::Cover))
            .map(|i| self.image(r, i, lang));
        Card {
            url: r.paths.get(&lang.code).cloned().unwrap_or_default(),
            title: translation.title.clone(),
            summary: translation.summary.clone(),
            kind: r.record.kind,
            kind_label: self.t(lang, &format!("kind_{}", r.record.kind.name())),
            year: r.year().map(|y| y.to_string()),
            poster,
            fallback,
        }
    }

    /// The `n`th picture of `r`, with its resized copies.
    pub(super) fn image(&self, r: &SiteRecord, n: usize, lang: &Language) -> ImageCtx {
        let image = &r.record.common.images[n];
        let alt = if image.decorative {
            String::new()
        } else {
            image
                .alt
                .as_ref()
                .and_then(|a| a.get(&lang.code, &[&self.site.config.default_language]))
                .unwrap_or_default()
                .to_string()
        };
        let url = self.media_path(r, &image.file.value);
        let processed = r.processed.get(n).and_then(Option::as_ref);
        let srcset = |format: crate::images::Format| -> String {
            processed
                .into_iter()
                .flat_map(|p| p.of(format))
                .map(|v| format!("{} {}w", self.media_path(r, &v.name), v.width))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let fallback: Vec<&crate::images::Variant> = processed
            .map(|p| p.of(p.fallback()).collect())
            .unwrap_or_default();
        let pick = |wanted: u32| {
            fallback
                .iter()
                .min_by_key(|v| v.width.abs_diff(wanted))
                .map_or_else(|| url.clone(), |v| self.media_path(r, &v.name))
        };
        ImageCtx {
            src: pick(480),
            thumb: pick(0),
            srcset: processed.map_or_else(String::new, |p| srcset(p.fallback())),
            webp_srcset: srcset(crate::images::Format::Webp),
            width: processed.map(|p| p.width),
            height: processed.map(|p| p.height),
            url,
            alt,
            role: match image.role {
                ImageRole::Poster => "poster",
                ImageRole::Cover => "cover",
                ImageRole::Still => "still",
                ImageRole::Portrait => "portrait",
                ImageRole::Illustration => "illustration",
            },
            credit: image.credit.clone(),
            decorative: image.decorative,
        }
    }

    /// The cards of the records `ids` in that order, leaving out those not listed in `lang`.
    pub(super) fn cards_of(&self, ids: &[Spanned<String>], lang: &Language) -> Vec<Card> {
        ids.iter()
            .filter_map(|id| self.by_id(&id.value))
            .filter(|r| r.listed && r.paths.contains_key(&lang.code))
            .map(|r| self.card(r, lang))
            .collect()
    }
}
