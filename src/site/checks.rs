//! The checks of one record's own fields, once its file parsed: dates, languages,
//! vocabulary ids, countries, files, links, and the facts of its kind (ISBN check digits,
//! track lengths, webinar times and time zones). Each problem points at the value.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;

use super::model::{Audience, Options, SiteRecord};
use crate::config::{Config, is_language_code};
use crate::content::{Details, Record, Vocabularies};
use crate::diagnostics::{Diagnostic, did_you_mean, hint};
use crate::schema::yaml::span_of;
use crate::schema::yaml::spanned_error;
use crate::schema::{Access, Spanned, Untranslated, Vocabulary};

pub(super) struct Checks<'a> {
    pub(super) config: &'a Config,
    pub(super) vocabularies: &'a Vocabularies,
    pub(super) file: PathBuf,
}

impl Checks<'_> {
    fn error<T>(
        &self,
        value: &Spanned<T>,
        code: &'static str,
        message: String,
        help: String,
    ) -> Diagnostic {
        spanned_error(&self.file, value, code, message, help)
    }

    pub(super) fn record(
        &self,
        record: Record,
        options: &Options,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<SiteRecord> {
        let c = &record.common;
        if let Some(id) = &c.id
            && id.value != record.id
        {
            diagnostics.push(self.error(
                id,
                "id-mismatch",
                format!(
                    "`id: {}` differs from the folder name `{}`",
                    id.value, record.id
                ),
                "remove the `id` line, or rename the folder to match it".into(),
            ));
        }
        let before = diagnostics.len();
        let published = self.date(&c.published, diagnostics);
        let updated = c.updated.as_ref().and_then(|u| self.date(u, diagnostics));
        for lang in &c.languages {
            self.language_code(lang, diagnostics);
        }
        self.vocabulary_ids(
            &c.themes,
            &self.vocabularies.themes,
            "theme",
            "data/themes.yaml",
            diagnostics,
        );
        let roles: Vec<&Spanned<String>> = c.credits.iter().map(|cr| &cr.role).collect();
        self.vocabulary_refs(
            &roles,
            &self.vocabularies.roles,
            "role",
            "data/roles.yaml or vitrine's built-in roles",
            diagnostics,
        );
        for country in &c.countries {
            self.country(country, diagnostics);
        }
        self.files(&record, diagnostics);
        for link in &c.links {
            self.url(&link.url, diagnostics);
        }
        let start = self.details(&record.details, diagnostics);
        let translations: Vec<&str> = record
            .translations
            .iter()
            .map(|t| t.lang.as_str())
            .collect();
        if translations.is_empty() || diagnostics.len() > before {
            return None;
        }
        let until = c
            .available
            .as_ref()
            .and_then(|a| self.date(&a.until, diagnostics));
        let scheduled = published.is_some_and(|p| p > options.today) && !options.future;
        let hidden = (c.draft && !options.drafts)
            || scheduled
            || (c.access == Access::Network && options.audience == Audience::Public);
        let mut paths = BTreeMap::new();
        let mut sources = BTreeMap::new();
        for lang in &self.config.languages {
            let own = record.translations.iter().find(|t| t.lang == lang.code);
            let source = match own {
                Some(t) => Some(t),
                None if self.config.untranslated == Untranslated::Fallback => lang
                    .fallback
                    .iter()
                    .find_map(|code| record.translations.iter().find(|t| &t.lang == code))
                    .or_else(|| record.translations.first()),
                None => None,
            };
            let Some(source) = source else { continue };
            // A borrowed page keeps the record id as its address: a slug belongs to the
            // language it was written in.
            let slug = match own {
                Some(t) => checked_slug(t.slug.as_ref(), &record.id, &t.file, diagnostics),
                None => record.id.clone(),
            };
            paths.insert(
                lang.code.clone(),
                format!(
                    "{}{slug}/",
                    self.config.section_path(lang, record.kind.folder())
                ),
            );
            sources.insert(lang.code.clone(), source.lang.clone());
        }
        if hidden {
            return None;
        }
        Some(SiteRecord {
            published: published?,
            updated,
            until,
            listed: until.is_none_or(|u| u >= options.today),
            paths,
            sources,
            start,
            record,
            processed: Vec::new(),
        })
    }

    fn details(
        &self,
        details: &Details,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<jiff::ZonedDateTime> {
        match details {
            Details::Film(f) => {
                if let Some(year) = &f.year {
                    self.year(year, diagnostics);
                }
                for lang in &f.subtitles {
                    self.language_code(lang, diagnostics);
                }
            }
            Details::Book(b) => {
                if let Some(year) = &b.year {
                    self.year(year, diagnostics);
                }
                if let Some(isbn) = &b.isbn {
                    self.isbn(isbn, diagnostics);
                }
            }
            Details::Music(m) => {
                if let Some(released) = &m.release_date {
                    self.partial_date(released, diagnostics);
                }
                for track in &m.tracks {
                    if let Some(d) = &track.duration
                        && track_seconds(&d.value).is_none()
                    {
                        diagnostics.push(self.error(
                            d,
                            "invalid-duration",
                            format!("`{}` is not a track length", d.value),
                            "write minutes and seconds, e.g. `4:05`".into(),
                        ));
                    }
                }
            }
            Details::Webinar(w) => {
                for url in w.registration.iter().chain(&w.replay) {
                    self.url(url, diagnostics);
                }
                return self.start(&w.start, &w.time_zone, diagnostics);
            }
            Details::Production(p) => {
                if let Some(year) = &p.year {
                    self.year(year, diagnostics);
                }
                self.vocabulary_refs(
                    &[&p.institution],
                    &self.vocabularies.institutions,
                    "institution",
                    "data/institutions.yaml",
                    diagnostics,
                );
            }
        }
        None
    }

    fn date(&self, value: &Spanned<String>, diagnostics: &mut Vec<Diagnostic>) -> Option<Date> {
        match value.value.parse::<Date>() {
            Ok(d) if value.value.len() == 10 => Some(d),
            _ => {
                diagnostics.push(self.error(value, "invalid-date", format!("`{}` is not a valid date", value.value), "write the date as YYYY-MM-DD, e.g. `2026-03-14`, and check that the day exists".into()));
                None
            }
        }
    }

    /// A day, a month (`YYYY-MM`) or a year (`YYYY`): what is known of a release.
    fn partial_date(&self, value: &Spanned<String>, diagnostics: &mut Vec<Diagnostic>) {
        let text = value.value.as_str();
        let month_ok = |y: &str, m: &str| {
            y.len() == 4
                && y.bytes().all(|b| b.is_ascii_digit())
                && m.len() == 2
                && m.parse::<u8>().is_ok_and(|m| (1..=12).contains(&m))
        };
        let ok = match text.len() {
            4 => text.bytes().all(|b| b.is_ascii_digit()),
            7 => text.split_once('-').is_some_and(|(y, m)| month_ok(y, m)),
            _ => {
                self.date(value, diagnostics);
                return;
            }
        };
        if !ok {
            diagnostics.push(self.error(
                value,
                "invalid-date",
                format!("`{text}` is not a valid date"),
                "write the day as YYYY-MM-DD, or only the month (YYYY-MM) or the year (YYYY) if that is all that is known".into(),
            ));
        }
    }

    fn year(&self, value: &Spanned<i32>, diagnostics: &mut Vec<Diagnostic>) {
        if !(1800..=2100).contains(&value.value) {
            diagnostics.push(self.error(
                value,
                "invalid-year",
                format!("`{}` is not a plausible year", value.value),
                "write the year with four digits, e.g. `1995`".into(),
            ));
        }
    }

    fn start(
        &self,
        start: &Spanned<String>,
        zone: &Spanned<String>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<jiff::ZonedDateTime> {
        let tz = match TimeZone::get(&zone.value) {
            Ok(tz) => Some(tz),
            Err(_) => {
                let suggestion = close_time_zone(&zone.value);
                diagnostics.push(self.error(zone, "invalid-time-zone", format!("`{}` is not a time zone", zone.value), hint(suggestion.as_deref(), "use an IANA time zone name such as `Europe/Paris`, `Africa/Casablanca` or `America/Sao_Paulo`")));
                None
            }
        };
        let local = match start.value.parse::<DateTime>() {
            Ok(dt) if start.value.len() >= 16 && !start.value.contains(['Z', '+']) => Some(dt),
            _ => {
                diagnostics.push(self.error(start, "invalid-date-time", format!("`{}` is not a local date and time", start.value), "write it as YYYY-MM-DDTHH:MM in the webinar's time zone, e.g. `2026-12-10T18:30`".into()));
                None
            }
        };
        let zoned = local?.to_zoned_datetime(tz?);
        zoned.ok()
    }

    fn isbn(&self, isbn: &Spanned<String>, diagnostics: &mut Vec<Diagnostic>) {
        let digits: Vec<u32> = isbn
            .value
            .chars()
            .filter(|c| *c != '-' && *c != ' ')
            .map(|c| c.to_digit(10).unwrap_or(99))
            .collect();
        if digits.len() != 13 || digits.iter().any(|d| *d > 9) {
            diagnostics.push(self.error(isbn, "invalid-isbn", format!("`{}` is not an ISBN-13", isbn.value), "an ISBN-13 has 13 digits, usually starting with 978 or 979; hyphens are allowed".into()));
            return;
        }
        let expected = isbn13_check_digit(&digits[..12]);
        if digits[12] != expected {
            diagnostics.push(self.error(isbn, "invalid-isbn", format!("the check digit of `{}` is wrong: it should be {expected}", isbn.value), "copy the ISBN again from the book's back cover or the publisher's notice; a digit was probably mistyped".into()));
        }
    }

    fn url(&self, url: &Spanned<String>, diagnostics: &mut Vec<Diagnostic>) {
        let ok = ["https://", "http://"].iter().any(|p| {
            url.value
                .strip_prefix(p)
                .is_some_and(|rest| !rest.is_empty() && !rest.contains(char::is_whitespace))
        });
        if !ok {
            diagnostics.push(self.error(
                url,
                "invalid-url",
                format!("`{}` is not a web address", url.value),
                "write an absolute address starting with https://".into(),
            ));
        }
    }

    fn vocabulary_ids(
        &self,
        ids: &[Spanned<String>],
        vocabulary: &Vocabulary,
        what: &str,
        file: &str,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let refs: Vec<&Spanned<String>> = ids.iter().collect();
        self.vocabulary_refs(&refs, vocabulary, what, file, diagnostics);
    }

    fn vocabulary_refs(
        &self,
        ids: &[&Spanned<String>],
        vocabulary: &Vocabulary,
        what: &str,
        file: &str,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        for id in ids {
            if !vocabulary.contains_key(&id.value) {
                let suggestion = did_you_mean(&id.value, vocabulary.keys().map(String::as_str));
                diagnostics.push(self.error(
                    id,
                    unknown_code(what),
                    format!("`{}` is not a {what}", id.value),
                    hint(suggestion, &format!("the {what}s are listed in {file}")),
                ));
            }
        }
    }

    fn files(&self, record: &Record, diagnostics: &mut Vec<Diagnostic>) {
        let c = &record.common;
        for image in &c.images {
            self.file_ref(record, &image.file, "image", diagnostics);
            if image.alt.is_none() && !image.decorative {
                diagnostics.push(self.error(&image.file, "missing-alt", format!("the image `{}` has no alt text", image.file.value), "add `alt: {fr: …, en: …}` describing what the picture shows, or `decorative: true` if it adds nothing to the text".into()));
            }
        }
        for resource in &c.resources {
            self.file_ref(record, &resource.file, "resource", diagnostics);
            if let Some(accessible) = &resource.accessible {
                self.file_ref(record, accessible, "accessible version", diagnostics);
            }
            self.language_code(&resource.language, diagnostics);
        }
    }

    fn file_ref(
        &self,
        record: &Record,
        file: &Spanned<String>,
        what: &str,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let name = &file.value;
        let escapes = name.starts_with('/')
            || name.contains('\\')
            || name.split('/').any(|p| p == ".." || p.is_empty());
        if escapes {
            diagnostics.push(self.error(
                file,
                "outside-path",
                format!("the {what} `{name}` is not inside the record's folder"),
                format!(
                    "put the file in {} and write its name only",
                    crate::diagnostics::display_path(&record.dir)
                ),
            ));
        } else if let Some(stored) = record
            .assets
            .iter()
            .find(|a| *a != name && nfc(a) == nfc(name))
        {
            // Shown side by side the two names look the same: say what differs.
            diagnostics.push(self.error(
                file,
                "file-name-form",
                format!(
                    "the {what} `{name}` is in the folder, but its name there writes the accents as separate marks (as macOS does), {} bytes instead of {}",
                    stored.len(),
                    name.len()
                ),
                "name the file without accents, here and in the folder, or rename it there by typing its name again".into(),
            ));
        } else if !record.assets.contains(name) {
            let suggestion = did_you_mean(name, record.assets.iter().map(String::as_str));
            diagnostics.push(self.error(
                file,
                "missing-file",
                format!("the {what} `{name}` is not in the record's folder"),
                hint(
                    suggestion,
                    &format!(
                        "add the file to {} or correct its name",
                        crate::diagnostics::display_path(&record.dir)
                    ),
                ),
            ));
        }
    }
}

/// `text` in composed form (NFC): `é` as one character, however it was typed or stored.
fn nfc(text: &str) -> std::borrow::Cow<'_, str> {
    icu_normalizer::ComposingNormalizerBorrowed::new_nfc().normalize(text)
}

/// The checks of codes: countries and languages, against the completed vocabularies.
impl Checks<'_> {
    /// A country code: known to CLDR and ISO (former countries included), or added in
    /// `data/countries.yaml`.
    fn country(&self, country: &Spanned<String>, diagnostics: &mut Vec<Diagnostic>) {
        let known = &self.vocabularies.countries;
        if known.contains_key(&country.value) {
            return;
        }
        let upper = country.value.to_ascii_uppercase();
        let help = if known.contains_key(&upper) {
            format!("write it in capitals: `{upper}`")
        } else {
            "use the two-letter ISO 3166-1 code, e.g. `FR`, `SN`, `MA`, `BR` (former countries: `SU`, `YU`, `CS`, `DD`…), or add the code with its labels to data/countries.yaml".into()
        };
        diagnostics.push(self.error(
            country,
            "invalid-country",
            format!("`{}` is not a country code", country.value),
            help,
        ));
    }

    /// A language code: a well-formed BCP 47 tag whose language is in ISO 639, or added in
    /// `data/languages.yaml`. The completed vocabulary holds exactly those languages.
    fn language_code(&self, lang: &Spanned<String>, diagnostics: &mut Vec<Diagnostic>) {
        if !is_language_code(&lang.value) {
            diagnostics.push(self.error(
                lang,
                "invalid-language",
                format!("`{}` is not a language code", lang.value),
                "use a BCP 47 code such as `fr`, `wo`, `ar` or `pt-BR`".into(),
            ));
        } else if !self.vocabularies.languages.contains_key(&lang.value)
            && !self
                .vocabularies
                .languages
                .contains_key(lang.value.split('-').next().unwrap_or_default())
        {
            diagnostics.push(self.error(
                lang,
                "unknown-language-code",
                format!("`{}` is not an ISO 639 language", lang.value),
                "check the code (ISO 639-1, 639-2 or 639-3: `fr`, `wo`, `dyu`), or add it with its labels to data/languages.yaml".into(),
            ));
        }
    }
}

fn unknown_code(what: &str) -> &'static str {
    match what {
        "theme" => "unknown-theme",
        "role" => "unknown-role",
        _ => "unknown-institution",
    }
}

/// A record's slug in one language: the front matter's, if valid, else the id.
pub(super) fn checked_slug(
    slug: Option<&Spanned<String>>,
    id: &str,
    file: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> String {
    match slug {
        Some(s) if crate::content::is_valid_slug(&s.value) => s.value.clone(),
        Some(s) => {
            let len = s.referenced.span().len() as usize;
            diagnostics.push(
                Diagnostic::error(
                    "invalid-slug",
                    file,
                    span_of(&s.referenced, len.max(1), 1),
                    format!("`{}` cannot be used in an address", s.value),
                )
                .with_help("use lower-case letters (of any script), digits and dashes, e.g. `la-haine` or `أطلس-الرياح`, with accents composed (NFC)"),
            );
            id.to_string()
        }
        None => id.to_string(),
    }
}

/// The ISBN-13 check digit of the first twelve digits.
pub fn isbn13_check_digit(digits: &[u32]) -> u32 {
    let sum: u32 = digits
        .iter()
        .enumerate()
        .map(|(i, d)| if i % 2 == 0 { *d } else { d * 3 })
        .sum();
    (10 - sum % 10) % 10
}

/// `m:ss` in seconds.
pub fn track_seconds(text: &str) -> Option<u32> {
    let (m, s) = text.split_once(':')?;
    let (m, s): (u32, u32) = (m.parse().ok()?, s.parse().ok()?);
    (s < 60 && text.len() - m.to_string().len() == 3).then_some(m * 60 + s)
}

fn close_time_zone(wrong: &str) -> Option<String> {
    let names = jiff::tz::db().available();
    let names: Vec<String> = names.map(|n| n.to_string()).collect();
    did_you_mean(wrong, names.iter().map(String::as_str)).map(str::to_string)
}
