//! A record's facts (year, duration, genre, publisher, languages, audience…), its credits
//! grouped by role, and its downloadable resources, each link saying its format, size and
//! language.

use crate::config::Language;
use crate::content::Details;
use crate::schema::Common;

/// A role with more names than this shows the first [`SHOWN`] and folds the others.
const FOLD_AFTER: usize = 12;
/// How many names of a long list are shown before the disclosure.
const SHOWN: usize = 10;
use crate::site::SiteRecord;

use super::context::{CreditCtx, Fact, LinkCtx, ResourceCtx};
use super::renderer::Renderer;

impl Renderer<'_> {
    pub(super) fn facts(&self, r: &SiteRecord, lang: &Language) -> Vec<Fact> {
        let mut facts = Vec::new();
        let mut add = |key: &str, value: String| {
            facts.push(Fact {
                label: self.words.t(lang, key),
                value,
            })
        };
        let minutes = |n: u32| self.words.duration(lang, n);
        match &r.record.details {
            Details::Film(f) => {
                if let Some(year) = &f.year {
                    add("fact_year", year.value.to_string());
                }
                if let Some(duration) = f.duration {
                    add("fact_duration", minutes(duration));
                }
                add(
                    "fact_genre",
                    self.words.t(lang, &format!("genre_{}", variant(&f.genre))),
                );
                if !f.subtitles.is_empty() {
                    add(
                        "fact_subtitles",
                        self.words
                            .languages_list(f.subtitles.iter().map(|s| s.value.as_str()), lang),
                    );
                }
            }
            Details::Book(b) => {
                if let Some(publisher) = &b.publisher {
                    add("fact_publisher", publisher.clone());
                }
                if let Some(year) = &b.year {
                    add("fact_year", year.value.to_string());
                }
                add(
                    "fact_format",
                    self.words
                        .t(lang, &format!("format_{}", variant(&b.format))),
                );
                if let Some(p) = b.pages {
                    add(
                        "fact_pages",
                        self.words.t_n(lang, "pages_count", u64::from(p)),
                    );
                }
                if let Some(isbn) = &b.isbn {
                    add("fact_isbn", isbn.value.clone());
                }
            }
            Details::Music(m) => {
                add(
                    "fact_release_type",
                    self.words
                        .t(lang, &format!("release_type_{}", variant(&m.release_type))),
                );
                if let Some(released) = &m.release_date {
                    // A day is written the reader's way; a month or a year as given.
                    let date = released
                        .value
                        .parse()
                        .map(|d| self.words.locale(lang).date(d));
                    add(
                        "fact_release_date",
                        date.unwrap_or_else(|_| released.value.clone()),
                    );
                }
                if let Some(label) = &m.label {
                    add("fact_label", label.clone());
                }
            }
            Details::Webinar(w) => {
                add("fact_duration", minutes(w.duration));
                add(
                    "fact_attendance",
                    self.words
                        .t(lang, &format!("attendance_{}", variant(&w.attendance))),
                );
            }
            Details::Production(p) => {
                add(
                    "fact_type",
                    self.words.t(
                        lang,
                        &format!("production_type_{}", variant(&p.r#type).replace('-', "_")),
                    ),
                );
                add(
                    "fact_institution",
                    self.words.label(
                        &self.words.site.vocabularies.institutions,
                        &p.institution.value,
                        lang,
                    ),
                );
                if let Some(year) = &p.year {
                    add("fact_year", year.value.to_string());
                }
            }
        }
        let c = &r.record.common;
        // Unknown languages (none written) leave the row out, like unknown countries.
        if !c.languages.is_empty() {
            add(
                "fact_languages",
                self.words
                    .languages_list(c.languages.iter().map(|s| s.value.as_str()), lang),
            );
        }
        let audiences: Vec<String> = c
            .audience
            .iter()
            .map(|a| self.words.t(lang, &format!("audience_{}", variant(a))))
            .collect();
        add(
            "fact_audience",
            audiences.join(&self.words.t(lang, "list_separator")),
        );
        facts
    }

    /// The credits grouped by role, roles in the order they first appear: a cast of 124
    /// performers is one line "Interprétation", its first names shown and the others in a
    /// disclosure that needs no script.
    pub(super) fn credits(&self, c: &Common, lang: &Language) -> Vec<CreditCtx> {
        let mut groups: Vec<(&str, Vec<String>)> = Vec::new();
        for credit in &c.credits {
            let role = credit.role.value.as_str();
            match groups.iter_mut().find(|(r, _)| *r == role) {
                Some((_, names)) => names.push(credit.name.clone()),
                None => groups.push((role, vec![credit.name.clone()])),
            }
        }
        groups
            .into_iter()
            .map(|(role, mut names)| {
                let more = if names.len() > FOLD_AFTER {
                    names.split_off(SHOWN)
                } else {
                    Vec::new()
                };
                CreditCtx {
                    role: self
                        .words
                        .label(&self.words.site.vocabularies.roles, role, lang),
                    more_label: (!more.is_empty())
                        .then(|| self.words.t_n(lang, "credits_more", more.len() as u64)),
                    names,
                    more,
                }
            })
            .collect()
    }

    pub(super) fn resources(&self, r: &SiteRecord, lang: &Language) -> Vec<ResourceCtx> {
        let default = [self.words.site.config.default_language.as_str()];
        let describe = |file: &str, format: Option<&String>, language: &str| {
            let size = std::fs::metadata(self.words.site.root.join(&r.record.dir).join(file))
                .map(|m| m.len())
                .unwrap_or(0);
            let format = format.cloned().unwrap_or_else(|| {
                file.rsplit('.')
                    .next()
                    .unwrap_or_default()
                    .to_ascii_uppercase()
            });
            (
                format,
                human_size(size, &lang.code),
                self.words
                    .label(&self.words.site.vocabularies.languages, language, lang),
            )
        };
        r.record
            .common
            .resources
            .iter()
            .filter(|res| self.words.visible(res.access))
            .map(|res| {
                let title = res
                    .title
                    .get(&lang.code, &default)
                    .unwrap_or(&res.file.value)
                    .to_string();
                let (format, size, language) =
                    describe(&res.file.value, res.format.as_ref(), &res.language.value);
                // Link text that says what the link leads to: "Dossier pédagogique (PDF, 1,3 Mo, français)".
                let separator = self.words.t(lang, "list_separator");
                let label = format!("{title} ({format}{separator}{size}{separator}{language})");
                // The accessible version is the same text, in the same language.
                let accessible = res.accessible.as_ref().map(|file| {
                    let (format, size, language) = describe(&file.value, None, &res.language.value);
                    LinkCtx {
                        label: format!(
                            "{} ({format}{separator}{size}{separator}{language})",
                            self.words.t(lang, "accessible_version")
                        ),
                        url: self.words.media_path(r, &file.value),
                    }
                });
                ResourceCtx {
                    url: self.words.media_path(r, &res.file.value),
                    title,
                    format,
                    size,
                    language,
                    label,
                    accessible,
                }
            })
            .collect()
    }
}

/// The snake-case name of a unit enum variant (`teaching_kit`), for theme string keys.
fn variant<T: std::fmt::Debug>(value: &T) -> String {
    format!("{value:?}")
        .chars()
        .enumerate()
        .fold(String::new(), |mut s, (i, c)| {
            if c.is_uppercase() && i > 0 {
                s.push('_');
            }
            s.extend(c.to_lowercase());
            s
        })
}

/// A file size for people: `840 Ko`, `1,3 Mo`.
fn human_size(bytes: u64, lang: &str) -> String {
    let comma = matches!(
        lang.split('-').next(),
        Some("fr" | "es" | "pt" | "it" | "de")
    );
    let (kb, mb) = if lang.starts_with("fr") {
        ("Ko", "Mo")
    } else {
        ("KB", "MB")
    };
    if bytes < 1024 * 1024 {
        format!("{} {kb}", bytes.div_ceil(1024))
    } else {
        let text = format!("{:.1}", bytes as f64 / (1024.0 * 1024.0));
        let text = if comma { text.replace('.', ",") } else { text };
        format!("{text} {mb}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_localized() {
        assert_eq!(human_size(1_363_149, "fr"), "1,3 Mo");
        assert_eq!(human_size(1_363_149, "en"), "1.3 MB");
        assert_eq!(human_size(2_000, "en"), "2 KB");
    }
}
