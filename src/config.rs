//! `site.yaml`: read, validated and resolved once into a [`Config`] the other stages trust.
//!
//! This module owns the site-wide settings and their defaults (`impl Default`-like values
//! live here and nowhere else). It does not read content or themes.

use std::path::Path;

use crate::content::schema::{Direction, SiteFile, Spanned, Taxonomy, Text};
use crate::content::yaml;
use crate::diagnostics::{Diagnostic, Span, did_you_mean, hint};

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
}

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
        let raw: SiteFile = yaml::parse(&text, file, 0).map_err(|d| vec![d])?;
        Self::resolve(raw, overrides)
    }

    /// The language with `code`, if the site has it.
    pub fn language(&self, code: &str) -> Option<&Language> {
        self.languages.iter().find(|l| l.code == code)
    }

    /// Every language code of the site, in order.
    pub fn language_codes(&self) -> impl Iterator<Item = &str> {
        self.languages.iter().map(|l| l.code.as_str())
    }

    fn resolve(raw: SiteFile, overrides: &Overrides) -> Result<Config, Vec<Diagnostic>> {
        let file = Path::new(SITE_FILE);
        let mut problems = Vec::new();
        let mut languages: Vec<Language> = Vec::new();
        for lang in raw.languages {
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
            let dir = lang.direction.unwrap_or_else(|| default_direction(&code));
            languages.push(Language {
                code,
                name: lang.name,
                dir,
            });
        }
        if languages.is_empty() {
            problems.push(
                Diagnostic::error("no-language", file, Span::file(), "`languages` is empty")
                    .with_help("list at least one language, e.g. `languages: [{code: fr, name: Français}]`"),
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
            }),
            _ => Err(problems),
        }
    }
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
    fn language_codes() {
        assert!(is_language_code("pt-BR"));
        assert!(is_language_code("fr"));
        assert!(!is_language_code("French"));
        assert!(!is_language_code("f"));
    }
}
