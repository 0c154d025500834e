//! What vitrine carries inside its binary so that a site needs only its own files: the
//! default theme (compiled from `themes/default/`, its one source, by `build.rs`), the
//! vocabulary of roles, and the version and commit the binary was built from.
//!
//! This module hands these out as bytes and values; loading a theme (with the site's
//! overrides) is `render::theme`'s business, reading a site's vocabularies `content`'s.

use std::path::{Path, PathBuf};

use crate::schema::Vocabulary;

include!(concat!(env!("OUT_DIR"), "/theme_files.rs"));

/// `vitrine --version`: the package version and the commit built.
pub const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), " (", env!("VITRINE_COMMIT"), ")");

/// The name under which a site asks for the theme compiled into vitrine.
pub const THEME_NAME: &str = "default";

/// The roles of credits (`director`, `author`, `performer`…), labelled in French, English,
/// Spanish and Arabic. A site's `data/roles.yaml` adds roles and overrides labels.
const ROLES: &str = include_str!("builtin/roles.yaml");

/// The embedded theme's file at `rel` (`templates/base.html`), if it has one.
pub fn theme_file(rel: &str) -> Option<&'static [u8]> {
    THEME_FILES
        .binary_search_by(|(name, _)| (*name).cmp(rel))
        .ok()
        .map(|i| THEME_FILES[i].1)
}

/// The embedded theme's files under `folder` (`templates`, `static`), by path relative to
/// it, sorted.
pub fn theme_files_in(folder: &str) -> impl Iterator<Item = (&'static str, &'static [u8])> {
    let prefix = format!("{folder}/");
    THEME_FILES
        .iter()
        .filter_map(move |(name, bytes)| Some((name.strip_prefix(prefix.as_str())?, *bytes)))
}

/// Why the theme could not be written out.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The folder already holds a file the theme would replace.
    #[error("{0} already exists; vitrine never overwrites a file")]
    Exists(PathBuf),
    /// The disk refused.
    #[error("cannot write {path}: {source}")]
    Io {
        /// The file or folder concerned.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
}

/// Writes the embedded theme into `dir` (created if needed), refusing to replace any file;
/// returns the files written, relative to `dir`.
pub fn export_theme(dir: &Path) -> Result<Vec<PathBuf>, ExportError> {
    let files: Vec<PathBuf> = THEME_FILES.iter().map(|(n, _)| PathBuf::from(n)).collect();
    if let Some(taken) = files
        .iter()
        .find(|f| dir.join(f).symlink_metadata().is_ok())
    {
        return Err(ExportError::Exists(dir.join(taken)));
    }
    for ((_, bytes), rel) in THEME_FILES.iter().zip(&files) {
        let path = dir.join(rel);
        let io = |source| ExportError::Io {
            path: path.clone(),
            source,
        };
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io)?;
        }
        std::fs::write(&path, bytes).map_err(io)?;
    }
    Ok(files)
}

/// The built-in roles, with the site's `data/roles.yaml` (possibly empty) laid over them:
/// a role of the site is added, and each of its labels replaces vitrine's in that language.
pub fn roles_with(site: Vocabulary) -> Vocabulary {
    let mut roles: Vocabulary = serde_saphyr::from_str(ROLES).unwrap_or_default();
    for (id, labels) in site {
        roles.entry(id).or_default().extend(labels);
    }
    roles
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_theme_is_compiled_in_from_its_folder() {
        let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        let on_disk = std::fs::read(folder.join("templates/base.html")).unwrap();
        assert_eq!(theme_file("templates/base.html"), Some(on_disk.as_slice()));
        assert!(theme_file("i18n/ar.yaml").is_some());
        assert!(theme_file("templates/nothing.html").is_none());
        let statics: Vec<&str> = theme_files_in("static").map(|(n, _)| n).collect();
        assert!(statics.contains(&"style.css"), "{statics:?}");
    }

    #[test]
    fn the_roles_are_labelled_in_four_languages_and_a_site_adds_or_overrides() {
        let builtin = roles_with(Vocabulary::new());
        for lang in ["fr", "en", "es", "ar"] {
            assert!(builtin["director"].contains_key(lang), "{lang}");
            assert!(builtin["performer"].contains_key(lang), "{lang}");
        }
        let site: Vocabulary = serde_saphyr::from_str(
            "director: {en: Film director, de: Regie}\nchoreographer: {fr: Chorégraphie}\n",
        )
        .unwrap();
        let merged = roles_with(site);
        assert_eq!(merged["director"]["en"], "Film director");
        assert_eq!(merged["director"]["de"], "Regie");
        assert_eq!(merged["director"]["fr"], builtin["director"]["fr"]);
        assert_eq!(merged["choreographer"]["fr"], "Chorégraphie");
        assert_eq!(merged.len(), builtin.len() + 1);
    }

    #[test]
    fn export_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let written = export_theme(dir.path()).unwrap();
        assert!(written.contains(&PathBuf::from("templates/record.html")));
        assert!(dir.path().join("i18n/fr.yaml").is_file());
        assert!(matches!(
            export_theme(dir.path()),
            Err(ExportError::Exists(_))
        ));
    }
}
