//! Record pages: a record in one language (its own text or text borrowed from another
//! language, pointing search engines to the original), with pictures, credits, terms,
//! tracks or speakers, the webinar block, related records and schema.org data.

use crate::config::Language;
use crate::content::{Details, Translation};
use crate::diagnostics::Diagnostic;
use crate::schema::{Access, ImageRole, Taxonomy};
use crate::site::SiteRecord;

use super::context::*;
use super::renderer::{OutputFile, Renderer};
use super::structured;
use super::words::dir;

impl Renderer<'_> {
    pub(super) fn record_page(
        &self,
        index: usize,
        lang: &Language,
    ) -> Result<OutputFile, Diagnostic> {
        let r = &self.words.site.records[index];
        let translation = r.text(&lang.code).unwrap_or(&r.record.translations[0]);
        let path = r.paths[&lang.code].clone();
        let translated = self.words.translations(r);
        let alternates = self.words.alternates(lang, &r.paths, &translated);
        let mut common = self.words.common(
            lang,
            translation.title.clone(),
            translation.summary.clone(),
            path.clone(),
            "record",
            alternates,
        );
        let fallback = (translation.lang != lang.code).then(|| {
            let source = self.words.language(&translation.lang);
            // Borrowed text is not a page of its own for search engines: it points to the
            // page it borrows from.
            common.meta.canonical = self.words.absolute(&r.paths[&source.code]);
            // A page whose canonical is another address carries no hreflang set: search
            // engines ignore or distrust sets on non-canonical pages.
            common.x_default = None;
            LangCtx {
                code: source.code.clone(),
                name: source.name.clone(),
                dir: dir(source.dir),
            }
        });
        if fallback.is_none() {
            common.x_default = self.words.x_default(&translated);
        }
        let mut record = self.record_ctx(r, translation, lang, path.clone());
        record.fallback = fallback;
        record.related = self
            .words
            .lists
            .related
            .get(index)
            .into_iter()
            .flatten()
            .map(|j| &self.words.site.records[*j])
            .filter(|other| other.paths.contains_key(&lang.code))
            .map(|other| self.words.card(other, lang))
            .collect();
        common.meta.image = record.poster.as_ref().map(|p| self.words.absolute(&p.url));
        record.json_ld = structured::json_ld(
            r,
            &structured::Page {
                lang: &lang.code,
                title: &translation.title,
                summary: &translation.summary,
                url: &common.meta.canonical,
                image: common.meta.image.clone(),
                credits: r
                    .record
                    .common
                    .credits
                    .iter()
                    .map(|c| (c.name.as_str(), c.role.value.as_str()))
                    .collect(),
                keywords: record.themes.iter().map(|t| t.label.clone()).collect(),
                producer: match &r.record.details {
                    Details::Production(p) => Some(self.words.label(
                        &self.words.site.vocabularies.institutions,
                        &p.institution.value,
                        lang,
                    )),
                    _ => None,
                },
            },
        );
        self.file(
            lang,
            "record.html",
            self.words.index_file(&path),
            &RecordPage { common, record },
        )
    }

    fn record_ctx(
        &self,
        r: &SiteRecord,
        translation: &Translation,
        lang: &Language,
        url: String,
    ) -> RecordCtx {
        let c = &r.record.common;
        let poster_index = c
            .images
            .iter()
            .position(|i| matches!(i.role, ImageRole::Poster | ImageRole::Cover));
        let images = c
            .images
            .iter()
            .enumerate()
            .filter(|(i, _)| Some(*i) != poster_index)
            .map(|(i, _)| self.words.image(r, i, lang))
            .collect();
        let original_title = match &r.record.details {
            Details::Film(f) => f.original_title.clone(),
            Details::Book(b) => b.original_title.clone(),
            _ => None,
        };
        let (tracks, speakers) = match &r.record.details {
            Details::Music(m) => (
                m.tracks
                    .iter()
                    .enumerate()
                    .map(|(i, t)| TrackCtx {
                        number: i + 1,
                        title: t.title.clone(),
                        duration: t.duration.as_ref().map(|d| d.value.clone()),
                    })
                    .collect(),
                Vec::new(),
            ),
            Details::Webinar(w) => (
                Vec::new(),
                w.speakers
                    .iter()
                    .map(|s| SpeakerCtx {
                        name: s.name.clone(),
                        affiliation: s
                            .affiliation
                            .as_ref()
                            .and_then(|a| {
                                a.get(&lang.code, &[&self.words.site.config.default_language])
                            })
                            .map(str::to_string),
                    })
                    .collect(),
            ),
            _ => (Vec::new(), Vec::new()),
        };
        RecordCtx {
            id: r.record.id.clone(),
            kind: r.record.kind,
            kind_label: self
                .words
                .t(lang, &format!("kind_{}", r.record.kind.name())),
            title: translation.title.clone(),
            summary: translation.summary.clone(),
            body: self.markdown.render(&translation.body),
            url,
            original_title,
            poster: poster_index.map(|i| self.words.image(r, i, lang)),
            images,
            facts: self.facts(r, lang),
            credits: self.credits(c, lang),
            themes: c
                .themes
                .iter()
                .map(|t| self.words.term_link(lang, Taxonomy::Themes, &t.value))
                .collect(),
            countries: c
                .countries
                .iter()
                .map(|t| self.words.term_link(lang, Taxonomy::Countries, &t.value))
                .collect(),
            resources: self.resources(r, lang),
            links: c
                .links
                .iter()
                .map(|l| LinkCtx {
                    label: l
                        .label
                        .get(&lang.code, &[&self.words.site.config.default_language])
                        .unwrap_or(&l.url.value)
                        .to_string(),
                    url: l.url.value.clone(),
                })
                .collect(),
            tracks,
            speakers,
            webinar: self.webinar(r, lang),
            published: self.words.locale(lang).date(r.published),
            published_iso: r.published.to_string(),
            updated: r.updated.map(|d| self.words.locale(lang).date(d)),
            updated_iso: r.updated.map(|d| d.to_string()),
            related: Vec::new(),
            available_until: r.until.map(|d| self.words.locale(lang).date(d)),
            expired: !r.listed,
            network: c.access == Access::Network,
            fallback: None,
            json_ld: String::new(),
        }
    }

    fn webinar(&self, r: &SiteRecord, lang: &Language) -> Option<WebinarCtx> {
        let Details::Webinar(w) = &r.record.details else {
            return None;
        };
        let start = r.start.as_ref()?;
        let today = self
            .words
            .site
            .options
            .today
            .to_zoned_datetime(jiff::tz::TimeZone::UTC)
            .ok()?;
        Some(WebinarCtx {
            start: format!(
                "{} {} (UTC{})",
                self.words.locale(lang).date(start.date()),
                start.strftime("%H:%M"),
                start.strftime("%:z")
            ),
            start_iso: start.timestamp().to_string(),
            time_zone: w.time_zone.value.clone(),
            registration: w.registration.as_ref().map(|u| u.value.clone()),
            replay: w.replay.as_ref().map(|u| u.value.clone()),
            ics_url: format!(
                "{}event.ics",
                r.paths.get(&lang.code).cloned().unwrap_or_default()
            ),
            past: start.timestamp() < today.timestamp(),
        })
    }
}
