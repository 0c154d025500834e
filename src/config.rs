//! `site.yaml`: read, validated and resolved once into a [`Config`] the other stages trust.
//!
//! This module owns the site-wide settings and their defaults (`impl Default`-like values
//! live here and nowhere else). It does not read content or themes.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diagnostics::{Diagnostic, Span, did_you_mean, hint};
use crate::schema::yaml;
use crate::schema::{
    Accessibility, Direction, Featured, LanguageEntry, LanguageFile, SiteFile, Spanned, Taxonomy,
    Text, Untranslated,
};

/// The name of the configuration file at the site root.
pub const SITE_FILE: &str = "site.yaml";

/// One language of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Language {
    /// BCP 47 code, as written in `site.yaml`.
    pub code: String,
    /// Name of the language in itself.
    pub name: String,
    /// Writing direction.
    pub dir: Direction,
    /// Where this language borrows text from, in order; always ends with the default
    /// language (unless this is it) and never contains this language.
    pub fallback: Vec<String>,
    /// Localized path segments, by the segment's key (`films` → `peliculas`).
    pub paths: BTreeMap<String, String>,
}

impl Language {
    /// The path segment of `key` (a kind folder such as `films`, or `themes`, `countries`) in
    /// this language.
    pub fn segment<'a>(&'a self, key: &'a str) -> &'a str {
        self.paths.get(key).map_or(key, String::as_str)
    }

    /// This language, then its fallback chain.
    pub fn chain(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.code.as_str()).chain(self.fallback.iter().map(String::as_str))
    }
}

/// The path segments a language may localize.
pub const SEGMENTS: [&str; 12] = [
    "films",
    "books",
    "music",
    "webinars",
    "productions",
    "themes",
    "countries",
    "languages",
    "audiences",
    "decades",
    "collections",
    "search",
];

/// The validated site configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// Site name, translatable.
    pub title: Text,
    /// One sentence about the site.
    pub description: Option<Text>,
    /// Absolute URL of the site, always ending with `/`.
    pub base_url: String,
    /// The path part of `base_url` (`/` or `/catalogue/`), prefix of every link.
    pub base_path: String,
    /// Code of the main language.
    pub default_language: String,
    /// The languages, in `site.yaml` order.
    pub languages: Vec<Language>,
    /// Theme folder name under `themes/`.
    pub theme: String,
    /// Facets with term pages.
    pub taxonomies: Vec<Taxonomy>,
    /// What a language shows for records not translated into it.
    pub untranslated: Untranslated,
    /// The default language is published at the root rather than under its code.
    pub default_language_at_root: bool,
    /// Collections and records the home pages put forward.
    pub featured: Featured,
    /// The accessibility statement's figures, when the site publishes one.
    pub accessibility: Option<Accessibility>,
    /// Where the browser CMS commits, when the site has one (`vitrine cms`).
    pub cms: Option<crate::schema::cms::CmsSection>,
}

impl Config {
    /// The folder of the free page that is the accessibility statement, if any.
    pub fn statement_page(&self) -> Option<&str> {
        let a = self.accessibility.as_ref()?;
        Some(
            a.page
                .as_ref()
                .map_or("accessibility", |p| p.value.as_str()),
        )
    }
}

/// Command-line values that take precedence over `site.yaml`.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// Replaces `base_url`.
    pub base_url: Option<String>,
}

impl Config {
    /// Reads and validates `site.yaml` under `root`.
    pub fn load(root: &Path, overrides: &Overrides) -> Result<Config, Vec<Diagnostic>> {
        let file = Path::new(SITE_FILE);
        let text = std::fs::read_to_string(root.join(file)).map_err(|e| {
            vec![
                Diagnostic::error(
                    "missing-config",
                    file,
                    Span::file(),
                    format!("cannot read the site configuration: {e}"),
                )
                .with_help(format!(
                    "run vitrine in the site's folder, or pass --root with the folder that holds {SITE_FILE}"
                )),
            ]
        })?;
        Self::parse(&text, overrides)
    }

    /// Validates the text of `site.yaml`.
    pub fn parse(text: &str, overrides: &Overrides) -> Result<Config, Vec<Diagnostic>> {
        let file = Path::new(SITE_FILE);
        let raw: SiteFile = yaml::parse(text, file, 0).map_err(|d| vec![explain(d, text)])?;
        Self::resolve(raw, overrides)
    }

    /// The language with `code`, if the site has it.
    pub fn language(&self, code: &str) -> Option<&Language> {
        self.languages.iter().find(|l| l.code == code)
    }

    /// Site path of `lang`'s home: `/fr/`, or `/` for the default language at the root.
    pub fn home_path(&self, lang: &Language) -> String {
        if self.default_language_at_root && lang.code == self.default_language {
            self.base_path.clone()
        } else {
            format!("{}{}/", self.base_path, lang.code)
        }
    }

    /// Site path of a section of `lang` (`/es/peliculas/`), `key` being one of [`SEGMENTS`].
    pub fn section_path(&self, lang: &Language, key: &str) -> String {
        format!("{}{}/", self.home_path(lang), lang.segment(key))
    }

    /// The language with `code`; the default language for an unknown code.
    pub fn language_or_default(&self, code: &str) -> &Language {
        self.language(code)
            .or_else(|| self.language(&self.default_language))
            .unwrap_or(&self.languages[0])
    }

    /// Every language code of the site, in order.
    pub fn language_codes(&self) -> impl Iterator<Item = &str> {
        self.languages.iter().map(|l| l.code.as_str())
    }

    /// Every language code of the site, the default one first, then in `site.yaml` order.
    pub fn default_first(&self) -> Vec<String> {
        let mut codes = vec![self.default_language.clone()];
        codes.extend(
            self.language_codes()
                .filter(|c| *c != self.default_language)
                .map(str::to_string),
        );
        codes
    }

    fn resolve(raw: SiteFile, overrides: &Overrides) -> Result<Config, Vec<Diagnostic>> {
        let file = Path::new(SITE_FILE);
        let mut problems = Vec::new();
        let mut languages: Vec<Language> = Vec::new();
        let mut chains = Vec::new();
        for entry in raw.languages {
            let lang = match entry.value {
                LanguageEntry::Full(lang) => lang,
                LanguageEntry::Code(code) => {
                    let code = Spanned::new(code, entry.referenced, entry.defined);
                    short_form(code, &mut problems)
                }
            };
            let code = lang.code.value.clone();
            if !is_language_code(&code) {
                problems.push(
                    at(
                        &lang.code,
                        "invalid-language",
                        format!("`{code}` is not a language code"),
                    )
                    .with_help("use a BCP 47 code such as `fr`, `en`, `es`, `ar` or `pt-BR`"),
                );
            } else if languages.iter().any(|l| l.code == code) {
                problems.push(
                    at(
                        &lang.code,
                        "duplicate-language",
                        format!("`{code}` is listed twice in `languages`"),
                    )
                    .with_help("keep one entry per language"),
                );
            }
            let paths = localized_paths(&code, lang.paths, &mut problems);
            let dir = lang.direction.unwrap_or_else(|| default_direction(&code));
            chains.push(lang.fallback);
            languages.push(Language {
                code,
                name: lang.name,
                dir,
                fallback: Vec::new(),
                paths,
            });
        }
        let codes: Vec<String> = languages.iter().map(|l| l.code.clone()).collect();
        for (lang, chain) in languages.iter_mut().zip(chains) {
            for code in &chain {
                if !codes.contains(&code.value) {
                    let suggestion = did_you_mean(&code.value, codes.iter().map(String::as_str));
                    problems.push(
                        at(
                            code,
                            "unknown-language",
                            format!(
                                "the fallback `{}` is not a language of the site",
                                code.value
                            ),
                        )
                        .with_help(hint(
                            suggestion,
                            "a fallback chain lists languages of `languages`",
                        )),
                    );
                }
            }
            let mut fallback: Vec<String> = Vec::new();
            let candidates = chain
                .into_iter()
                .map(|c| c.value)
                .chain([raw.default_language.value.clone()]);
            for code in candidates {
                if code != lang.code && !fallback.contains(&code) && codes.contains(&code) {
                    fallback.push(code);
                }
            }
            lang.fallback = fallback;
        }
        if languages.is_empty() {
            problems.push(
                Diagnostic::error("no-language", file, Span::file(), "`languages` is empty")
                    .with_help("list at least one language, e.g. `languages: [fr, en]`"),
            );
        }
        let default_language = raw.default_language.value.clone();
        if !languages.iter().any(|l| l.code == default_language) {
            let suggestion =
                did_you_mean(&default_language, languages.iter().map(|l| l.code.as_str()));
            problems.push(
                at(
                    &raw.default_language,
                    "unknown-language",
                    format!("the default language `{default_language}` is not in `languages`"),
                )
                .with_help(hint(
                    suggestion,
                    "add it to `languages` or choose one of them",
                )),
            );
        }
        let base_url_source = overrides
            .base_url
            .clone()
            .unwrap_or_else(|| raw.base_url.value.clone());
        let base = match normalize_base_url(&base_url_source) {
            Ok(b) => Some(b),
            Err(why) => {
                let d = match &overrides.base_url {
                    Some(_) => {
                        Diagnostic::error("invalid-base-url", "--base-url", Span::file(), why)
                    }
                    None => at(&raw.base_url, "invalid-base-url", why),
                };
                problems.push(d.with_help(
                    "write an absolute address such as `https://catalogue.example.org/`",
                ));
                None
            }
        };
        let theme = match raw.theme {
            Some(t) if !is_folder_name(&t.value) => {
                problems.push(
                    at(&t, "invalid-theme", format!("`{}` is not a theme folder name", t.value))
                        .with_help("write the name of a folder of themes/, e.g. `default`; paths are not allowed"),
                );
                String::new()
            }
            Some(t) => t.value,
            None => "default".to_string(),
        };
        if let Some(a) = &raw.accessibility {
            if let Some(rate) = a.rate.as_ref().filter(|r| r.value > 100) {
                problems.push(
                    at(
                        rate,
                        "invalid-rate",
                        format!("`rate: {}` is more than 100 %", rate.value),
                    )
                    .with_help("write the share of the applicable criteria met, from 0 to 100"),
                );
            }
            if let Some(day) = a
                .audited
                .as_ref()
                .filter(|d| d.value.parse::<jiff::civil::Date>().is_err())
            {
                problems.push(
                    at(
                        day,
                        "invalid-date",
                        format!("`{}` is not a date", day.value),
                    )
                    .with_help("write the day of the audit as YYYY-MM-DD, e.g. 2026-10-15"),
                );
            }
        }
        let mut taxonomies = raw.taxonomies.unwrap_or_else(|| vec![Taxonomy::Themes]);
        taxonomies.sort();
        taxonomies.dedup();
        match (problems.is_empty(), base) {
            (true, Some((base_url, base_path))) => Ok(Config {
                title: raw.title,
                description: raw.description,
                base_url,
                base_path,
                default_language,
                languages,
                theme,
                taxonomies,
                untranslated: raw.untranslated,
                default_language_at_root: raw.default_language_at_root,
                featured: raw.featured.unwrap_or_default(),
                accessibility: raw.accessibility,
                cms: raw.cms,
            }),
            _ => Err(problems),
        }
    }
}

/// The long form of a language written as its code alone (`- fr`): its own name and the
/// direction of its script. A code whose name vitrine does not know is an error that shows
/// the long form.
fn short_form(code: Spanned<String>, problems: &mut Vec<Diagnostic>) -> LanguageFile {
    let name = autonym(&code.value);
    if name.is_none() && is_language_code(&code.value) {
        let message = format!("vitrine does not know what `{}` calls itself", code.value);
        problems.push(at(&code, "unknown-language-name", message).with_help(format!(
            "write this language in the long form, with its name in itself: `- {{code: {}, name: …}}`",
            code.value
        )));
    }
    LanguageFile {
        name: name.unwrap_or_default().to_string(),
        code,
        direction: None,
        fallback: Vec::new(),
        paths: BTreeMap::new(),
    }
}

/// The name of a language in itself (CLDR's autonyms), for the languages a site of the
/// network is likeliest to publish in; regional variants (`pt-BR`) are written in full.
pub fn autonym(code: &str) -> Option<&'static str> {
    Some(match code {
        "af" => "Afrikaans",
        "am" => "አማርኛ",
        "ar" => "العربية",
        "bg" => "български",
        "bn" => "বাংলা",
        "ca" => "català",
        "cs" => "čeština",
        "da" => "dansk",
        "de" => "Deutsch",
        "el" => "Ελληνικά",
        "en" => "English",
        "es" => "Español",
        "et" => "eesti",
        "fa" => "فارسی",
        "fi" => "suomi",
        "fr" => "Français",
        "he" => "עברית",
        "hi" => "हिन्दी",
        "hr" => "hrvatski",
        "hu" => "magyar",
        "hy" => "հայերեն",
        "id" => "Indonesia",
        "it" => "Italiano",
        "ja" => "日本語",
        "ka" => "ქართული",
        "ko" => "한국어",
        "lt" => "lietuvių",
        "lv" => "latviešu",
        "mg" => "Malagasy",
        "ms" => "Melayu",
        "nl" => "Nederlands",
        "no" | "nb" => "norsk",
        "pl" => "polski",
        "ps" => "پښتو",
        "pt" => "Português",
        "ro" => "română",
        "ru" => "русский",
        "sk" => "slovenčina",
        "sl" => "slovenščina",
        "sq" => "shqip",
        "sr" => "српски",
        "sv" => "svenska",
        "sw" => "Kiswahili",
        "th" => "ไทย",
        "tr" => "Türkçe",
        "uk" => "українська",
        "ur" => "اردو",
        "vi" => "Tiếng Việt",
        "wo" => "Wolof",
        "zh" => "中文",
        "cms" => "`cms: {backend: gitlab, repo: group/catalogue, app_id: <application id>}`",
        _ => return None,
    })
}

/// A site.yaml parse error with the field's long form added to its help, so that an
/// editor sees what a correct line looks like.
fn explain(mut d: Diagnostic, text: &str) -> Diagnostic {
    let named = d
        .message
        .split('`')
        .nth(1)
        .filter(|_| d.code == "missing-field");
    let field = named.or_else(|| top_level_key(text, d.span.line));
    if let Some(example) = field.and_then(long_form) {
        let help = d.help.take().unwrap_or_default();
        d.help = Some(format!("{help}; written in full: {example}"));
    }
    d
}

/// The top-level key whose value holds line `line` (1-based) of `text`.
fn top_level_key(text: &str, line: usize) -> Option<&str> {
    text.lines()
        .take(line)
        .filter(|l| !l.starts_with([' ', '\t', '#', '-']) && l.contains(':'))
        .last()
        .and_then(|l| l.split(':').next())
        .map(str::trim)
}

/// A correct example of each site.yaml field.
fn long_form(field: &str) -> Option<&'static str> {
    Some(match field {
        "title" => {
            "`title: Catalogue`, or one per language: `title: {fr: Catalogue, en: Catalogue}`"
        }
        "description" => {
            "`description: {fr: Films et livres du réseau, en: Films and books of the network}`"
        }
        "base_url" => "`base_url: https://catalogue.example.org/`",
        "default_language" => "`default_language: fr`, one of the codes of `languages`",
        "languages" => {
            "`languages: [fr, en, ar]`, or each as `- {code: fr, name: Français, direction: ltr, fallback: [en], paths: {films: films}}`"
        }
        "theme" => {
            "`theme: default` (the theme built into vitrine), or the name of a folder of themes/"
        }
        "taxonomies" => "`taxonomies: [themes, countries, languages, audiences, decades]`",
        "untranslated" => "`untranslated: fallback` (show borrowed text) or `untranslated: hide`",
        "default_language_at_root" => "`default_language_at_root: true`",
        "featured" => "`featured: {collections: [a-collection-id], records: [a-record-id]}`",
        "accessibility" => {
            "`accessibility: {status: partial, standard: RGAA 4.1, rate: 80, audited: 2026-10-15}`"
        }
        _ => return None,
    })
}

fn at<T>(value: &Spanned<T>, code: &'static str, message: String) -> Diagnostic {
    let len = value.referenced.span().len() as usize;
    Diagnostic::error(
        code,
        SITE_FILE,
        yaml::span_of(&value.referenced, len, 0),
        message,
    )
}

/// Checks a language's `paths:`: known keys, usable and distinct segments.
fn localized_paths(
    code: &str,
    raw: BTreeMap<String, Spanned<String>>,
    problems: &mut Vec<Diagnostic>,
) -> BTreeMap<String, String> {
    let mut paths = BTreeMap::new();
    for (key, segment) in raw {
        if !SEGMENTS.contains(&key.as_str()) {
            let suggestion = did_you_mean(&key, SEGMENTS);
            problems.push(
                at(
                    &segment,
                    "unknown-segment",
                    format!("`{key}` is not a path that can be translated"),
                )
                .with_help(hint(
                    suggestion,
                    &format!("the paths are: {}", SEGMENTS.join(", ")),
                )),
            );
        } else if !is_segment(&segment.value) {
            problems.push(
                at(
                    &segment,
                    "invalid-slug",
                    format!("`{}` cannot be used in an address", segment.value),
                )
                .with_help("use lower-case letters (of any script), digits and dashes"),
            );
        } else if let Some((other, _)) = paths.iter().find(|(_, v)| **v == segment.value) {
            problems.push(
                at(
                    &segment,
                    "duplicate-path",
                    format!(
                        "`{key}` and `{other}` would both be at /{code}/{}/",
                        segment.value
                    ),
                )
                .with_help("give each path its own translation"),
            );
        } else {
            paths.insert(key, segment.value);
        }
    }
    paths
}

/// A path segment editors may write: lower-case letters of any script, digits and inner
/// dashes.
pub fn is_segment(text: &str) -> bool {
    !text.is_empty()
        && !text.starts_with('-')
        && !text.ends_with('-')
        && text.chars().all(|c| {
            c == '-'
                || c.is_numeric()
                || (c.is_alphabetic() && !c.is_uppercase())
                || is_combining_mark(c)
        })
}

/// Arabic vowel marks and other combining marks are part of words.
fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{064B}'..='\u{065F}' | '\u{0670}')
}

/// A plain folder name: no separator, no `..`, not hidden; so `theme:` cannot point
/// outside `themes/`.
fn is_folder_name(name: &str) -> bool {
    !name.is_empty() && !name.starts_with('.') && !name.contains(['/', '\\', ':'])
}

/// Right-to-left for the scripts that need it, unless the site says otherwise.
pub fn default_direction(code: &str) -> Direction {
    let primary = code.split('-').next().unwrap_or(code).to_ascii_lowercase();
    match primary.as_str() {
        "ar" | "he" | "fa" | "ur" | "ps" | "yi" | "dv" | "ckb" => Direction::Rtl,
        _ => Direction::Ltr,
    }
}

/// [`is_language_code`] as a regular expression, for the editors' JSON Schemas.
pub const LANGUAGE_CODE_PATTERN: &str = "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$";

/// A well-formed BCP 47 tag of the simple kind editors use: a 2–3 letter language, then
/// optional subtags of 2–8 letters or digits.
pub fn is_language_code(code: &str) -> bool {
    let mut parts = code.split('-');
    let primary = parts.next().unwrap_or_default();
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Returns the base URL with a trailing slash, and its path.
fn normalize_base_url(url: &str) -> Result<(String, String), String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| format!("`{url}` does not start with https:// or http://"))?;
    let (host, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    if host.is_empty() || host.contains(char::is_whitespace) {
        return Err(format!("`{url}` has no host name"));
    }
    if path.contains(['?', '#']) || path.contains(char::is_whitespace) {
        return Err(format!(
            "`{url}` must not contain a query, a fragment or spaces"
        ));
    }
    let path = if path.ends_with('/') {
        path.to_string()
    } else {
        format!("{path}/")
    };
    let scheme_len = url.len() - rest.len();
    Ok((format!("{}{host}{path}", &url[..scheme_len]), path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_gets_a_trailing_slash_and_a_path() {
        assert_eq!(
            normalize_base_url("https://example.org/catalogue").unwrap(),
            (
                "https://example.org/catalogue/".to_string(),
                "/catalogue/".to_string()
            )
        );
        assert_eq!(normalize_base_url("http://x.org").unwrap().1, "/");
        assert!(normalize_base_url("example.org").is_err());
    }

    #[test]
    fn a_theme_is_a_folder_of_themes() {
        assert!(is_folder_name("default") && is_folder_name("Maison_2"));
        for bad in ["../../etc", "/etc", "a/b", "..", ".hidden", "c:\\x", ""] {
            assert!(!is_folder_name(bad), "{bad}");
        }
    }

    #[test]
    fn arabic_is_right_to_left_by_default() {
        assert_eq!(default_direction("ar"), Direction::Rtl);
        assert_eq!(default_direction("ar-MA"), Direction::Rtl);
        assert_eq!(default_direction("fr"), Direction::Ltr);
    }

    #[test]
    fn languages_may_be_written_as_codes_alone() {
        let site = "title: T\nbase_url: https://x.org/\ndefault_language: fr\nlanguages: [fr, en, ar, {code: pt-BR, name: Português do Brasil}]\n";
        let config = Config::parse(site, &Overrides::default()).unwrap();
        let names: Vec<(&str, &str, Direction)> = config
            .languages
            .iter()
            .map(|l| (l.code.as_str(), l.name.as_str(), l.dir))
            .collect();
        assert_eq!(
            names,
            [
                ("fr", "Français", Direction::Ltr),
                ("en", "English", Direction::Ltr),
                ("ar", "العربية", Direction::Rtl),
                ("pt-BR", "Português do Brasil", Direction::Ltr),
            ]
        );
        assert_eq!(config.languages[2].fallback, ["fr"]);
    }

    #[test]
    fn a_code_without_a_known_name_asks_for_the_long_form_at_its_place() {
        let site =
            "title: T\nbase_url: https://x.org/\ndefault_language: fr\nlanguages: [fr, pt-BR]\n";
        let errors = Config::parse(site, &Overrides::default()).unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].code, "unknown-language-name");
        assert_eq!((errors[0].span.line, errors[0].span.column), (4, 17));
        let help = errors[0].help.as_deref().unwrap_or_default();
        assert!(help.contains("`- {code: pt-BR, name: …}`"), "{help}");
    }

    #[test]
    fn site_yaml_errors_show_the_field_written_in_full() {
        let site = "title: T\nbase_url: https://x.org/\ndefault_language: fr\nlanguages:\n  - code: fr\n    nom: Français\n";
        let errors = Config::parse(site, &Overrides::default()).unwrap_err();
        assert_eq!(errors[0].code, "unknown-field");
        assert_eq!(errors[0].span.line, 6);
        let help = errors[0].help.as_deref().unwrap_or_default();
        assert!(
            help.contains("written in full: `languages: [fr, en, ar]`"),
            "{help}"
        );
        let missing = Config::parse("base_url: https://x.org/\n", &Overrides::default());
        let help = missing.unwrap_err()[0].help.clone().unwrap_or_default();
        assert!(help.contains("`title: Catalogue`"), "{help}");
    }

    #[test]
    fn language_codes() {
        assert!(is_language_code("pt-BR"));
        assert!(is_language_code("fr"));
        assert!(!is_language_code("French"));
        assert!(!is_language_code("f"));
    }
}
