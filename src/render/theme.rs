//! The theme: Tera templates, translated strings and static files, from `themes/<name>/`,
//! with the site's own `templates/` and `static/` taking precedence file by file.
//!
//! This module loads and checks the theme; it does not build contexts or decide which
//! pages exist.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use tera::{ErrorKind, Tera};
use walkdir::WalkDir;

use crate::config::Config;
use crate::content::load::{is_ignored, outside_link, read_text};
use crate::content::yaml;
use crate::diagnostics::{Diagnostic, Span};

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
    "pages_count",
    "taxonomy_themes",
    "taxonomy_countries",
];

/// Translated strings: language → key → text, each language completed from the default one.
pub type Strings = BTreeMap<String, BTreeMap<String, String>>;

/// A loaded theme.
pub struct Theme {
    /// Every template, the site's overriding the theme's of the same name.
    pub tera: Tera,
    /// Where each template came from, for error messages.
    pub template_files: BTreeMap<String, PathBuf>,
    /// Strings per language.
    pub strings: Strings,
    /// Static files: source on disk and path under the output root.
    pub static_files: Vec<(PathBuf, String)>,
}

impl Theme {
    /// Loads the theme named in `config` from `root`.
    pub fn load(root: &Path, config: &Config) -> Result<Theme, Vec<Diagnostic>> {
        let theme_dir = PathBuf::from("themes").join(&config.theme);
        if !root.join(&theme_dir).is_dir() {
            return Err(vec![
                Diagnostic::error("missing-theme", crate::config::SITE_FILE, Span::file(), format!("the theme `{}` is not in themes/", config.theme))
                    .with_help("copy the default theme into themes/default, or set `theme:` to a folder of themes/"),
            ]);
        }
        let mut diagnostics = Vec::new();
        for dir in [Path::new("themes"), &theme_dir] {
            if let Some(d) = outside_link(root, dir) {
                return Err(vec![d]);
            }
        }
        let template_files = overlay(
            root,
            &[theme_dir.join("templates"), PathBuf::from("templates")],
            |n| n.ends_with(".html") || n.ends_with(".xml"),
            &mut diagnostics,
        );
        let static_files = overlay(
            root,
            &[theme_dir.join("static"), PathBuf::from("static")],
            |_| true,
            &mut diagnostics,
        )
        .into_iter()
        .map(|(name, rel)| (root.join(rel), format!("static/{name}")))
        .collect();
        let mut sources = Vec::new();
        for (name, rel) in &template_files {
            if let Some(file) = read_text(root, rel, &mut diagnostics) {
                sources.push((name.clone(), file.text));
            }
        }
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html", ".xml"]);
        if let Err(e) = tera.add_raw_templates(sources) {
            diagnostics.push(template_diagnostic(&e, &template_files));
        }
        let strings = load_strings(root, &theme_dir, config, &mut diagnostics);
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
        })
    }
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
        for entry in WalkDir::new(root.join(dir))
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
        {
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
    theme_dir: &Path,
    config: &Config,
    diagnostics: &mut Vec<Diagnostic>,
) -> Strings {
    let mut raw: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for lang in config.language_codes() {
        let rel = theme_dir.join("i18n").join(format!("{lang}.yaml"));
        if !root.join(&rel).is_file() {
            continue;
        }
        if let Some(file) = read_text(root, &rel, diagnostics) {
            match yaml::parse::<BTreeMap<String, String>>(&file.text, &rel, 0) {
                Ok(map) => {
                    raw.insert(lang.to_string(), map);
                }
                Err(d) => diagnostics.push(d),
            }
        }
    }
    let default = raw
        .get(&config.default_language)
        .cloned()
        .unwrap_or_default();
    let default_file = theme_dir
        .join("i18n")
        .join(format!("{}.yaml", config.default_language));
    for key in REQUIRED_STRINGS {
        if !default.contains_key(*key) {
            diagnostics.push(
                Diagnostic::error(
                    "missing-string",
                    &default_file,
                    Span::file(),
                    format!("the theme string `{key}` is missing in the default language"),
                )
                .with_help(format!("add `{key}: …` to the file")),
            );
        }
    }
    config
        .language_codes()
        .map(|lang| {
            let mut strings = default.clone();
            strings.extend(raw.get(lang).cloned().unwrap_or_default());
            (lang.to_string(), strings)
        })
        .collect()
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
