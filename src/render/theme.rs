//! The theme: Tera templates, translated strings and static files, from `themes/<name>/`,
//! with the site's own `templates/` and `static/` taking precedence file by file.
//!
//! This module loads and checks the theme; it does not build contexts or decide which
//! pages exist.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use tera::{ErrorKind, Tera};
use walkdir::WalkDir;

use crate::config::Config;
use crate::content::load::{is_hidden_static, is_ignored, not_a_file, outside_link, read_text};
use crate::diagnostics::{Diagnostic, Span};
use crate::schema::yaml;

/// Theme strings the Rust side looks up itself; each must exist in the default language.
pub const REQUIRED_STRINGS: &[&str] = &[
    "kind_film",
    "kind_book",
    "kind_music",
    "kind_webinar",
    "kind_production",
    "kinds_film",
    "kinds_book",
    "kinds_music",
    "kinds_webinar",
    "kinds_production",
    "fact_year",
    "fact_duration",
    "fact_genre",
    "fact_original_title",
    "fact_subtitles",
    "fact_languages",
    "fact_countries",
    "fact_audience",
    "fact_isbn",
    "fact_publisher",
    "fact_format",
    "fact_pages",
    "fact_release_type",
    "fact_release_date",
    "fact_label",
    "fact_start",
    "fact_time_zone",
    "fact_attendance",
    "fact_institution",
    "fact_type",
    "genre_fiction",
    "genre_documentary",
    "genre_animation",
    "genre_short",
    "genre_series",
    "format_print",
    "format_ebook",
    "format_audiobook",
    "format_comic",
    "release_type_album",
    "release_type_ep",
    "release_type_single",
    "release_type_compilation",
    "attendance_online",
    "attendance_onsite",
    "attendance_mixed",
    "production_type_exhibition",
    "production_type_podcast",
    "production_type_teaching_kit",
    "production_type_video",
    "production_type_game",
    "production_type_publication",
    "audience_general",
    "audience_children",
    "audience_teenagers",
    "audience_adults",
    "audience_learners",
    "audience_professionals",
    "minutes",
    "duration_hm",
    "list_separator",
    "pages_count",
    "taxonomy_themes",
    "taxonomy_countries",
    "taxonomy_languages",
    "taxonomy_audiences",
    "taxonomy_decades",
    "decade",
    "search_title",
];

/// Theme strings the search page's script shows; each must exist in the default language.
/// Strings of the accessibility statement and its footer link: required only of a site
/// that has `accessibility` in `site.yaml`, so that older copies of the theme still build.
pub const STATEMENT_STRINGS: &[&str] = &[
    "a11y_footer",
    "a11y_status_full",
    "a11y_status_partial",
    "a11y_status_none",
    "a11y_sentence",
    "a11y_rate",
    "a11y_audited",
];

pub const SEARCH_STRINGS: &[&str] = &[
    "search_results",
    "search_none",
    "search_loading",
    "search_failed",
    "search_more",
    "search_filters",
    "search_kind",
    "search_clear",
    "taxonomy_themes",
    "taxonomy_countries",
    "taxonomy_languages",
    "taxonomy_decades",
    "decade",
    "not_translated_short",
];

/// Translated strings: language → key → text, each language completed along its fallback
/// chain, key by key.
pub type Strings = BTreeMap<String, BTreeMap<String, ThemeString>>;

/// A loaded theme.
pub struct Theme {
    /// Every template, the site's overriding the theme's of the same name.
    pub tera: Tera,
    /// Where each template came from, for error messages.
    pub template_files: BTreeMap<String, PathBuf>,
    /// Strings per language.
    pub strings: Strings,
    /// Static files: source on disk and path under the output root. CSS and JavaScript
    /// files are fingerprinted: `static/style.1a2b3c4d.css`, so that they can be cached
    /// for ever and still change when the theme does.
    pub static_files: Vec<(PathBuf, String)>,
    /// Static files of the theme compiled into vitrine that the site does not override:
    /// path under the output root (fingerprinted like the others) and bytes.
    pub builtin_static: Vec<(String, &'static [u8])>,
    /// The fingerprinted path of each CSS and JavaScript file, by its plain path
    /// (`static/style.css` → `static/style.1a2b3c4d.css`).
    pub assets: BTreeMap<String, String>,
    /// Untranslated strings and other problems that do not stop the build.
    pub warnings: Vec<Diagnostic>,
    /// Per language, the keys of the default language it does not translate.
    pub untranslated: BTreeMap<String, Vec<String>>,
    /// Per template, the templates it extends, includes or imports by name; `None` when
    /// one of them is named by an expression, not a string.
    pub references: BTreeMap<String, Option<BTreeSet<String>>>,
}

impl Theme {
    /// Loads the theme named in `config` from `root`: its folder of `themes/`, or the theme
    /// compiled into vitrine when the site names `default` and has no such folder.
    pub fn load(root: &Path, config: &Config) -> Result<Theme, Vec<Diagnostic>> {
        let origin = Origin::of(root, config)?;
        let mut diagnostics = Vec::new();
        let is_template = |n: &str| n.ends_with(".html") || n.ends_with(".xml");
        let mut layers = origin.files("templates", root, &is_template, &mut diagnostics);
        let site = overlay(
            root,
            &[PathBuf::from("templates")],
            is_template,
            &mut diagnostics,
        );
        layers.extend(site.into_iter().map(|(n, rel)| (n, Layer::Site(rel))));
        let mut template_files = BTreeMap::new();
        let mut sources = Vec::new();
        for (name, layer) in layers {
            let (rel, text) = match layer {
                Layer::Site(rel) => {
                    let text = read_text(root, &rel, &mut diagnostics).map(|f| f.text);
                    (rel, text)
                }
                Layer::Builtin(rel, bytes) => {
                    (rel, Some(String::from_utf8_lossy(bytes).into_owned()))
                }
            };
            if let Some(text) = text {
                sources.push((name.clone(), text));
            }
            template_files.insert(name, rel);
        }
        let mut statics = origin.files("static", root, &|n| !is_hidden_static(n), &mut diagnostics);
        let site = overlay(
            root,
            &[PathBuf::from("static")],
            |n| !is_hidden_static(n),
            &mut diagnostics,
        );
        statics.extend(site.into_iter().map(|(n, rel)| (n, Layer::Site(rel))));
        let mut assets = BTreeMap::new();
        let mut static_files = Vec::new();
        let mut builtin_static = Vec::new();
        for (name, layer) in statics {
            // `.well-known/` is published at the site's root, under its own name, where the
            // web looks for it (`/.well-known/security.txt`); the rest of `static/` under
            // `/static/`.
            let well_known = name.starts_with(".well-known/");
            let dest = if well_known {
                name.clone()
            } else {
                format!("static/{name}")
            };
            // Only stylesheets and scripts are read here, to name them by their content.
            let hashed = match &layer {
                _ if well_known || !is_fingerprinted(&dest) => None,
                Layer::Site(rel) => std::fs::read(root.join(rel))
                    .ok()
                    .and_then(|b| fingerprinted(&b, &dest)),
                Layer::Builtin(_, bytes) => fingerprinted(bytes, &dest),
            };
            let dest = match hashed {
                Some(hashed) => {
                    assets.insert(dest, hashed.clone());
                    hashed
                }
                None => dest,
            };
            match layer {
                Layer::Site(rel) => static_files.push((root.join(rel), dest)),
                Layer::Builtin(_, bytes) => builtin_static.push((dest, bytes)),
            }
        }
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html", ".xml"]);
        // Filters must exist when templates are parsed; each language's renderer replaces
        // this one with its own locale's.
        let locale = std::sync::Arc::new(crate::locale::Locale::new(&config.default_language));
        tera.register_filter(
            "plural",
            move |value: tera::Value, kwargs: tera::Kwargs, _: &tera::State| {
                plural_filter(&locale, &value, &kwargs)
            },
        );
        let references = sources
            .iter()
            .map(|(name, text)| (name.clone(), references(text)))
            .collect();
        if let Err(e) = tera.add_raw_templates(sources) {
            diagnostics.push(template_diagnostic(&e, &template_files));
        }
        let (strings, untranslated) = load_strings(root, &origin, config, &mut diagnostics);
        if diagnostics
            .iter()
            .any(|d| d.severity == crate::diagnostics::Severity::Error)
        {
            return Err(diagnostics);
        }
        Ok(Theme {
            tera,
            template_files,
            strings,
            static_files,
            builtin_static,
            assets,
            warnings: diagnostics,
            untranslated,
            references,
        })
    }

    /// The templates whose output may change when the templates `changed` do: those, and
    /// those that extend, include or import one of them, directly or not. `None` when a
    /// template names another by an expression, so that its dependencies are unknown.
    pub fn dependents(&self, changed: &BTreeSet<String>) -> Option<BTreeSet<String>> {
        let mut found = changed.clone();
        loop {
            let mut more = Vec::new();
            for (name, references) in &self.references {
                if !found.contains(name) && references.as_ref()?.iter().any(|r| found.contains(r)) {
                    more.push(name.clone());
                }
            }
            if more.is_empty() {
                return Some(found);
            }
            found.extend(more);
        }
    }
}

/// The templates `text` extends, includes or imports, or `None` when one is named by an
/// expression. Reads every `{% … %}` tag, so it may find more than Tera would (in a raw
/// block, say): that only makes more pages render again, never fewer.
fn references(text: &str) -> Option<BTreeSet<String>> {
    let mut names = BTreeSet::new();
    let mut rest = text;
    while let Some(start) = rest.find("{%") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("%}") else { break };
        let tag = after[..end].trim_matches(|c: char| c == '-' || c.is_whitespace());
        rest = &after[end + 2..];
        let Some((keyword, argument)) = tag.split_once(char::is_whitespace) else {
            continue;
        };
        if !matches!(keyword, "extends" | "include" | "import") {
            continue;
        }
        let argument = argument.trim_start();
        let quote = argument
            .chars()
            .next()
            .filter(|c| matches!(c, '"' | '\'' | '`'))?;
        let name = argument[1..].split(quote).next()?;
        names.insert(name.to_string());
    }
    Some(names)
}

/// Where the theme's own files come from.
enum Origin {
    /// A folder of the site, `themes/<name>`.
    Folder(PathBuf),
    /// The default theme compiled into vitrine.
    Builtin,
}

/// One file of the theme or of the site's overrides.
enum Layer {
    /// A file of the site (its theme folder included), relative to the root.
    Site(PathBuf),
    /// A file of the built-in theme: the path it would have once exported, and its bytes.
    Builtin(PathBuf, &'static [u8]),
}

impl Origin {
    /// The theme `config` names: its folder when the site has one, else the built-in theme
    /// if that is the one named.
    fn of(root: &Path, config: &Config) -> Result<Origin, Vec<Diagnostic>> {
        let theme_dir = PathBuf::from("themes").join(&config.theme);
        for dir in [Path::new("themes"), &theme_dir] {
            if let Some(d) = outside_link(root, dir) {
                return Err(vec![d]);
            }
        }
        if root.join(&theme_dir).is_dir() {
            Ok(Origin::Folder(theme_dir))
        } else if config.theme == crate::builtin::THEME_NAME {
            Ok(Origin::Builtin)
        } else {
            Err(vec![
                Diagnostic::error("missing-theme", crate::config::SITE_FILE, Span::file(), format!("the theme `{}` is not in themes/", config.theme))
                    .with_help(format!("remove `theme:` to use the theme built into vitrine, or write it out with `vitrine theme export themes/{}` and change it there", config.theme)),
            ])
        }
    }

    /// The theme's files of `folder` (`templates`, `static`) that `keep` accepts, by name.
    fn files(
        &self,
        folder: &str,
        root: &Path,
        keep: &dyn Fn(&str) -> bool,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> BTreeMap<String, Layer> {
        match self {
            Origin::Folder(dir) => overlay(root, &[dir.join(folder)], keep, diagnostics)
                .into_iter()
                .map(|(name, rel)| (name, Layer::Site(rel)))
                .collect(),
            Origin::Builtin => crate::builtin::theme_files_in(folder)
                .filter(|(name, _)| keep(name) && !is_ignored(name))
                .map(|(name, bytes)| {
                    let rel = Path::new("themes")
                        .join(crate::builtin::THEME_NAME)
                        .join(folder)
                        .join(name);
                    (name.to_string(), Layer::Builtin(rel, bytes))
                })
                .collect(),
        }
    }

    /// The theme's strings file for `lang`: its path and text, or `None` if it has none.
    fn strings(
        &self,
        root: &Path,
        lang: &str,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<(PathBuf, String)> {
        let name = format!("i18n/{lang}.yaml");
        match self {
            Origin::Folder(dir) => {
                let rel = dir.join(&name);
                root.join(&rel).is_file().then_some(())?;
                read_text(root, &rel, diagnostics).map(|f| (rel, f.text))
            }
            Origin::Builtin => {
                let bytes = crate::builtin::theme_file(&name)?;
                let rel = Path::new("themes")
                    .join(crate::builtin::THEME_NAME)
                    .join(name);
                Some((rel, String::from_utf8_lossy(bytes).into_owned()))
            }
        }
    }

    /// The path of the theme's strings file for `lang`, for messages.
    fn strings_file(&self, lang: &str) -> PathBuf {
        let dir = match self {
            Origin::Folder(dir) => dir.clone(),
            Origin::Builtin => Path::new("themes").join(crate::builtin::THEME_NAME),
        };
        dir.join("i18n").join(format!("{lang}.yaml"))
    }
}

/// `dest` with a hash of the file's bytes before its extension, for CSS and JavaScript.
/// Whether the static file published at `dest` is named by its content.
fn is_fingerprinted(dest: &str) -> bool {
    dest.rsplit_once('.')
        .is_some_and(|(_, ext)| matches!(ext, "css" | "js" | "mjs"))
}

fn fingerprinted(bytes: &[u8], dest: &str) -> Option<String> {
    if !is_fingerprinted(dest) {
        return None;
    }
    let (stem, ext) = dest.rsplit_once('.')?;
    let hash = crate::hash::fnv64(bytes);
    Some(format!("{stem}.{:08x}.{ext}", hash >> 32))
}

/// Files under each of `dirs` (later ones win), by name relative to their folder. Symbolic
/// links are followed only when they stay inside the site.
fn overlay(
    root: &Path,
    dirs: &[PathBuf],
    keep: impl Fn(&str) -> bool,
    diagnostics: &mut Vec<Diagnostic>,
) -> BTreeMap<String, PathBuf> {
    let mut files = BTreeMap::new();
    for dir in dirs {
        if let Some(d) = outside_link(root, dir) {
            diagnostics.push(d);
            continue;
        }
        for entry in WalkDir::new(root.join(dir)).sort_by_file_name() {
            // A folder that cannot be read would leave its files out in silence: pictures
            // missing from the site, template overrides ignored.
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    let missing = e.io_error().map(std::io::Error::kind)
                        == Some(std::io::ErrorKind::NotFound);
                    if let (false, Some(path)) = (missing, e.path()) {
                        let rel = path.strip_prefix(root).unwrap_or(path);
                        diagnostics.push(
                            Diagnostic::error(
                                "unreadable-folder",
                                rel,
                                crate::diagnostics::Span::file(),
                                format!("cannot read the folder: {}", e.io_error().map_or_else(|| e.to_string(), ToString::to_string)),
                            )
                            .with_help("check the folder's permissions (it must be readable and searchable, `chmod u+rx`)"),
                        );
                    }
                    continue;
                }
            };
            if entry.file_type().is_symlink() {
                let rel = entry.path().strip_prefix(root).unwrap_or(entry.path());
                if let Some(d) = outside_link(root, rel) {
                    diagnostics.push(d);
                    continue;
                }
                if !entry.path().is_file() {
                    continue;
                }
            } else if !entry.file_type().is_file() {
                let rel = entry.path().strip_prefix(root).unwrap_or(entry.path());
                diagnostics.extend(not_a_file(root, rel));
                continue;
            }
            let Ok(inner) = entry.path().strip_prefix(root.join(dir)) else {
                continue;
            };
            let name = crate::diagnostics::display_path(inner);
            if keep(&name) && !is_ignored(&name) {
                files.insert(name, dir.join(inner));
            }
        }
    }
    files
}

fn load_strings(
    root: &Path,
    origin: &Origin,
    config: &Config,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Strings, BTreeMap<String, Vec<String>>) {
    let file_of = |lang: &str| origin.strings_file(lang);
    let mut raw: BTreeMap<String, BTreeMap<String, ThemeString>> = BTreeMap::new();
    for lang in config.language_codes() {
        // The site's own `i18n/<lang>.yaml` replaces the theme's strings key by key.
        let site_file = PathBuf::from("i18n").join(format!("{lang}.yaml"));
        let site = root
            .join(&site_file)
            .is_file()
            .then(|| read_text(root, &site_file, diagnostics).map(|f| (site_file, f.text)))
            .flatten();
        let theme = origin.strings(root, lang, diagnostics);
        if theme.is_none() && site.is_none() {
            if lang != config.default_language {
                diagnostics.push(
                    Diagnostic::warning("missing-strings", file_of(lang), Span::file(), format!("the theme has no strings in `{lang}`"))
                        .with_help(format!("write i18n/{lang}.yaml in the site with the default language's strings translated; until then they are borrowed")),
                );
            }
            continue;
        }
        for (rel, text) in theme.into_iter().chain(site) {
            match yaml::parse::<BTreeMap<String, ThemeString>>(&text, &rel, 0) {
                Ok(map) => {
                    for (key, value) in &map {
                        if let Some(problem) = value.problem() {
                            diagnostics.push(
                                Diagnostic::error("invalid-plural", &rel, Span::file(), format!("`{key}`: {problem}"))
                                    .with_help("a plural string is a map of CLDR categories (zero, one, two, few, many, other) and always has `other`"),
                            );
                        }
                    }
                    raw.entry(lang.to_string()).or_default().extend(map);
                }
                Err(d) => diagnostics.push(d),
            }
        }
    }
    let default = raw
        .get(&config.default_language)
        .cloned()
        .unwrap_or_default();
    let statement = if config.accessibility.is_some() {
        STATEMENT_STRINGS
    } else {
        &[]
    };
    for key in REQUIRED_STRINGS
        .iter()
        .chain(SEARCH_STRINGS)
        .chain(statement)
    {
        if !default.contains_key(*key) {
            diagnostics.push(
                Diagnostic::error(
                    "missing-string",
                    file_of(&config.default_language),
                    Span::file(),
                    format!("the theme string `{key}` is missing in the default language"),
                )
                .with_help(format!("add `{key}: …` to the file")),
            );
        }
    }
    // The default language is the reference: a key only other languages have would be
    // missing from default-language pages.
    for (lang, map) in &raw {
        for key in map.keys().filter(|k| !default.contains_key(*k)) {
            diagnostics.push(
                Diagnostic::error(
                    "missing-string",
                    file_of(&config.default_language),
                    Span::file(),
                    format!(
                        "the theme string `{key}` (in `{lang}`) is missing in the default language"
                    ),
                )
                .with_help(format!(
                    "add `{key}: …` to the file, or remove it from {}",
                    crate::diagnostics::display_path(&file_of(lang))
                )),
            );
        }
    }
    let mut strings = Strings::new();
    let mut untranslated: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for lang in &config.languages {
        let missing = untranslated.entry(lang.code.clone()).or_default();
        let own = raw.get(&lang.code);
        let mut merged = BTreeMap::new();
        for key in default.keys() {
            let found = lang
                .chain()
                .find_map(|code| Some((code, raw.get(code)?.get(key)?)));
            let Some((from, value)) = found else { continue };
            if from != lang.code {
                missing.push(key.clone());
            }
            if from != lang.code && own.is_some() {
                diagnostics.push(
                    Diagnostic::warning("missing-string", file_of(&lang.code), Span::file(), format!("the theme string `{key}` is not translated into `{}`; the `{from}` text is shown", lang.code))
                        .with_help(format!("add `{key}: …` to the file")),
                );
            }
            merged.insert(key.clone(), value.clone());
        }
        strings.insert(lang.code.clone(), merged);
    }
    (strings, untranslated)
}

/// A theme string: one text, or one text per CLDR plural category.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(untagged)]
pub enum ThemeString {
    /// The same text whatever the number.
    Plain(String),
    /// `{one: "{n} titre", other: "{n} titres"}`.
    Plural(BTreeMap<String, String>),
}

/// The CLDR plural categories.
pub const PLURAL_CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

impl ThemeString {
    /// The text, or the `other` form of a plural string.
    pub fn text(&self) -> &str {
        match self {
            ThemeString::Plain(s) => s,
            ThemeString::Plural(forms) => forms.get("other").map_or("", String::as_str),
        }
    }

    fn problem(&self) -> Option<String> {
        let ThemeString::Plural(forms) = self else {
            return None;
        };
        if let Some(bad) = forms
            .keys()
            .find(|k| !PLURAL_CATEGORIES.contains(&k.as_str()))
        {
            return Some(format!("`{bad}` is not a plural category"));
        }
        (!forms.contains_key("other")).then(|| "the `other` form is missing".to_string())
    }
}

impl<'de> serde::Deserialize<'de> for ThemeString {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(match crate::schema::Text::deserialize(deserializer)? {
            crate::schema::Text::Plain(s) => ThemeString::Plain(s),
            crate::schema::Text::ByLanguage(forms) => ThemeString::Plural(forms),
        })
    }
}

/// A Tera error as a diagnostic pointing into the template file.
pub fn template_diagnostic(error: &tera::Error, files: &BTreeMap<String, PathBuf>) -> Diagnostic {
    let report = match error.kind() {
        ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => Some(r),
        _ => None,
    };
    match report {
        Some(r) => {
            let file = files
                .get(r.filename())
                .cloned()
                .unwrap_or_else(|| PathBuf::from(r.filename()));
            let span = r.span();
            let len = if span.end_line == span.start_line {
                span.end_col.saturating_sub(span.start_col)
            } else {
                1
            };
            Diagnostic::error(
                "template",
                file,
                Span::new(span.start_line, span.start_col + 1, len.max(1)),
                r.message().to_string(),
            )
            .with_help(
                "fix the template; Tera's syntax is described at https://keats.github.io/tera/",
            )
        }
        None => {
            let mut message = error.to_string();
            let mut source = std::error::Error::source(error);
            while let Some(s) = source {
                message.push_str(": ");
                message.push_str(&s.to_string());
                source = s.source();
            }
            Diagnostic::error("template", "templates", Span::file(), message).with_help(
                "fix the template; Tera's syntax is described at https://keats.github.io/tera/",
            )
        }
    }
}

/// `{{ t.key | plural(n=count) }}`: the form of a plural theme string for `n` in the page's
/// language, with `{n}` replaced by the number written as that language writes it.
pub(super) fn plural_filter(
    locale: &crate::locale::Locale,
    value: &tera::Value,
    kwargs: &tera::Kwargs,
) -> tera::TeraResult<String> {
    let n = kwargs.must_get::<i64>("n")?;
    let n = u64::try_from(n).unwrap_or(0);
    let form = match value.as_map() {
        Some(forms) => {
            let get = |k: &'static str| {
                forms
                    .get(&tera::value::Key::Str(k))
                    .and_then(tera::Value::as_str)
            };
            get(locale.plural(n))
                .or_else(|| get("other"))
                .unwrap_or_default()
                .to_string()
        }
        None => value.as_str().unwrap_or_default().to_string(),
    };
    Ok(form.replace("{n}", &locale.number(n)))
}
