//! The spelling of a site's text files for the CMS: vitrine reads a folder's `<lang>.md`
//! and `index.<lang>.md` alike, but the CMS lists and writes only `index.<lang>.md`.
//! [`plan`] finds the texts still spelled `<lang>.md` (in record folders, free pages and
//! collections) and [`Plan::apply`] renames them, all or none: a folder holding both
//! spellings of a language stops it before any rename. What the files say is not
//! read here, and nothing is renamed back.

use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::content::load::is_ignored;
use crate::content::{COLLECTIONS_FOLDER, Kind, PAGES_FOLDER};
use crate::diagnostics::{Diagnostic, Span};

/// The renames that give a site's texts the CMS's spelling, paths relative to the root.
#[derive(Debug, Default)]
pub struct Plan {
    /// `(from, to)`: `…/<id>/fr.md` → `…/<id>/index.fr.md`, in path order.
    pub renames: Vec<(PathBuf, PathBuf)>,
    /// The folders that hold both spellings of one language: a rename there would
    /// overwrite a text, so none is done while there is one.
    pub conflicts: Vec<Diagnostic>,
}

/// The texts of the site under `root` spelled `<lang>.md`, for the languages of `config`.
pub fn plan(root: &Path, config: &Config) -> Plan {
    let mut plan = Plan::default();
    for dir in text_folders(root) {
        for name in sorted_names(&root.join(&dir)) {
            let Some(lang) = name.strip_suffix(".md") else {
                continue;
            };
            if lang.starts_with("index.") || config.language(lang).is_none() {
                continue;
            }
            let (from, to) = (dir.join(&name), dir.join(format!("index.{lang}.md")));
            if root.join(&to).exists() {
                plan.conflicts.push(both_spellings(&from, &to, lang));
            } else {
                plan.renames.push((from, to));
            }
        }
    }
    plan
}

impl Plan {
    /// Renames every file of the plan; on a failure, puts back those already renamed so
    /// the site keeps one spelling, and returns the error with the file it concerns.
    pub fn apply(&self, root: &Path) -> Result<(), RenameError> {
        debug_assert!(
            self.conflicts.is_empty(),
            "a conflict is refused before renaming"
        );
        for (done, (from, to)) in self.renames.iter().enumerate() {
            if let Err(source) = std::fs::rename(root.join(from), root.join(to)) {
                for (back_from, back_to) in self.renames[..done].iter().rev() {
                    // Best effort: the error reported is the first one, which says why.
                    let _undo = std::fs::rename(root.join(back_to), root.join(back_from));
                }
                return Err(RenameError {
                    path: from.clone(),
                    source,
                });
            }
        }
        Ok(())
    }
}

/// A text file that could not be renamed.
#[derive(Debug, thiserror::Error)]
#[error("cannot rename {}: {source}", path.display())]
pub struct RenameError {
    /// The file, relative to the site root.
    pub path: PathBuf,
    /// Why.
    pub source: std::io::Error,
}

/// The warning for a site with a CMS whose texts the CMS cannot list, at the first of them.
pub fn unlisted_warning(plan: &Plan, command: &str) -> Option<Diagnostic> {
    let first = plan
        .renames
        .first()
        .map(|(from, _)| from)
        .or_else(|| plan.conflicts.first().map(|d| &d.file))?;
    let count = plan.renames.len() + plan.conflicts.len();
    let files = if count == 1 {
        "1 text file is".to_string()
    } else {
        format!("{count} text files are")
    };
    Some(
        Diagnostic::warning(
            "texts-hidden-from-cms",
            first,
            Span::file(),
            format!("{files} named `<lang>.md`, which the CMS does not list: editors cannot open them"),
        )
        .with_help(format!(
            "run `{command}` to rename them to `index.<lang>.md`, the spelling the CMS writes (vitrine reads both), and commit the renames"
        )),
    )
}

fn both_spellings(from: &Path, to: &Path, lang: &str) -> Diagnostic {
    Diagnostic::error(
        "duplicate-language-file",
        from,
        Span::file(),
        format!(
            "`{}` and `{}` are both the `{lang}` text of this folder: nothing was renamed",
            from.display(),
            to.display()
        ),
    )
    .with_help(format!(
        "keep one of them: move what `{lang}.md` holds into `index.{lang}.md` and delete it, then run the command again"
    ))
}

/// The folders that hold language files, relative to the root: `content/<kind>/<id>`,
/// `content/pages/<id>`, `content/collections/<id>`, in path order.
fn text_folders(root: &Path) -> Vec<PathBuf> {
    let content = Path::new("content");
    let mut out = Vec::new();
    for group in sorted_names(&root.join(content)) {
        let known = Kind::from_folder(&group).is_some()
            || group == PAGES_FOLDER
            || group == COLLECTIONS_FOLDER;
        if !known {
            continue;
        }
        let group = content.join(group);
        for id in sorted_names(&root.join(&group)) {
            let dir = group.join(id);
            // A symbolic link is refused by the build; never rename through one.
            let is_dir = std::fs::symlink_metadata(root.join(&dir)).is_ok_and(|m| m.is_dir());
            if is_dir {
                out.push(dir);
            }
        }
    }
    out
}

/// The names in `dir` that are not editors' or systems' leftovers, sorted; none when it
/// cannot be read.
fn sorted_names(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !is_ignored(n))
        .collect();
    names.sort();
    names
}
