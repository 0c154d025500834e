//! Write: rendered pages and copied files go into a fresh directory beside the output, which
//! replaces the previous output only once everything is written.
//!
//! A build that fails or is killed never leaves a half-written site where the old one was.
//! This module does not decide what to write.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::render::Pages;

/// An I/O failure, with the path it concerns.
#[derive(Debug, thiserror::Error)]
#[error("{action} {}: {source}", path.display())]
pub struct WriteError {
    /// What was being done.
    pub action: &'static str,
    /// The file or folder.
    pub path: PathBuf,
    /// The cause.
    #[source]
    pub source: io::Error,
}

fn io_err(action: &'static str, path: &Path) -> impl FnOnce(io::Error) -> WriteError + use<> {
    let path = path.to_path_buf();
    move |source| WriteError {
        action,
        path,
        source,
    }
}

/// Writes `pages` into `output`, replacing what was there only on success.
pub fn write(pages: &Pages, output: &Path) -> Result<(), WriteError> {
    let parent = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(io_err("cannot create", &parent))?;
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let staging = parent.join(format!(".{name}.vitrine-new"));
    let retired = parent.join(format!(".{name}.vitrine-old"));
    for leftover in [&staging, &retired] {
        if leftover.exists() {
            fs::remove_dir_all(leftover).map_err(io_err("cannot remove the leftover", leftover))?;
        }
    }
    fs::create_dir_all(&staging).map_err(io_err("cannot create", &staging))?;
    let result = fill(pages, &staging);
    if let Err(e) = result {
        let _cleanup = fs::remove_dir_all(&staging);
        return Err(e);
    }
    swap(&staging, output, &retired)
}

fn fill(pages: &Pages, staging: &Path) -> Result<(), WriteError> {
    let mut dirs: Vec<PathBuf> = pages
        .files
        .iter()
        .map(|f| f.path.as_str())
        .chain(pages.copies.iter().map(|(_, dest)| dest.as_str()))
        .filter_map(|p| Path::new(p).parent().map(|d| staging.join(d)))
        .collect();
    dirs.sort();
    dirs.dedup();
    for dir in &dirs {
        fs::create_dir_all(dir).map_err(io_err("cannot create", dir))?;
    }
    pages.files.par_iter().try_for_each(|file| {
        let path = staging.join(&file.path);
        fs::write(&path, &file.bytes).map_err(io_err("cannot write", &path))
    })?;
    pages.copies.par_iter().try_for_each(|(source, dest)| {
        let path = staging.join(dest);
        fs::copy(source, &path)
            .map(|_| ())
            .map_err(io_err("cannot copy to", &path))
    })
}

/// Moves the previous output aside, the new one into place, then deletes the old one.
fn swap(staging: &Path, output: &Path, retired: &Path) -> Result<(), WriteError> {
    let had_previous = output.exists();
    if had_previous {
        fs::rename(output, retired).map_err(io_err("cannot move aside", output))?;
    }
    if let Err(e) = fs::rename(staging, output) {
        if had_previous {
            let _restore = fs::rename(retired, output);
        }
        return Err(io_err("cannot move into place", output)(e));
    }
    if had_previous {
        fs::remove_dir_all(retired).map_err(io_err("cannot remove", retired))?;
    }
    Ok(())
}
