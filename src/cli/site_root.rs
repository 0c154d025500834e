//! The site folder and the small helpers every command shares: the folder as resolved and
//! as shown, usage errors, folder arguments, diagnostics printed for a person. A leaf of
//! `cli`: it names nothing of the other files.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::diagnostics::Diagnostic;

/// The site folder, resolved once at the edge: every comparison inside vitrine (watcher
/// events, the output folder, symbolic links) uses `path`; what is shown to the user uses
/// `given`, so that messages never print a machine's absolute paths.
#[derive(Debug, Clone)]
pub(super) struct SiteRoot {
    /// Canonical and absolute: symbolic links resolved, no `.` or `..`.
    pub(super) path: PathBuf,
    /// As typed on the command line (`.` by default).
    pub(super) given: PathBuf,
}

impl SiteRoot {
    /// Resolves `given` against the working directory; a folder that does not exist is a
    /// usage error that says what to do.
    pub(super) fn resolve(given: &Path) -> Result<SiteRoot, ExitCode> {
        match std::fs::canonicalize(given) {
            Ok(path) if path.is_dir() => Ok(SiteRoot {
                path,
                given: given.to_path_buf(),
            }),
            Ok(_) => Err(usage(&format!(
                "`{}` is a file, not a site folder\n  help: pass --root with the folder that holds {}",
                given.display(),
                crate::config::SITE_FILE
            ))),
            Err(e) => Err(usage(&format!(
                "cannot open the site folder `{}`: {e}\n  help: run vitrine in the site's folder, or pass --root with the folder that holds {}",
                given.display(),
                crate::config::SITE_FILE
            ))),
        }
    }

    /// `rel` (a path inside the site) as the user would type it from where vitrine runs.
    pub(super) fn shown(&self, rel: &Path) -> PathBuf {
        if self.given == Path::new(".") {
            rel.to_path_buf()
        } else {
            self.given.join(rel)
        }
    }
}

/// Prints a usage or I/O problem and returns exit code 2.
pub(super) fn usage(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(2)
}

/// A folder given on the command line, made absolute against the working directory (it
/// may not exist yet), with the form to show; `default` (the same pair) when not given.
pub(super) fn folder_arg(
    given: Option<PathBuf>,
    default: (PathBuf, PathBuf),
) -> (PathBuf, PathBuf) {
    match given {
        Some(dir) => {
            let absolute = std::path::absolute(&dir).unwrap_or_else(|_| dir.clone());
            (absolute, dir)
        }
        None => default,
    }
}

/// Prints diagnostics for a person, each with its source line, on stderr.
pub(super) fn print_diagnostics(root: &Path, diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        let source = std::fs::read_to_string(root.join(&d.file)).ok();
        eprintln!("{}", d.render(source.as_deref()));
    }
}
