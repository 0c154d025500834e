//! Write: rendered pages and copied files go into a fresh directory beside the output, which
//! replaces the previous output only once everything is written.
//!
//! A build that fails or is killed never leaves a half-written site where the old one was.
//! This module does not decide what to write.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::render::OutputFile;

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

/// A fresh folder beside the output, filled while the site renders and swapped into place
/// by [`Staging::commit`]. Dropped without a commit, it is deleted and the previous output
/// stays as it was.
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    output: PathBuf,
    retired: PathBuf,
    committed: bool,
}

impl Staging {
    /// Creates the staging folder for `output`, removing leftovers of an interrupted build.
    pub fn create(output: &Path) -> Result<Staging, WriteError> {
        let parent = match output.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent).map_err(io_err("cannot create", &parent))?;
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let dir = parent.join(format!(".{name}.vitrine-new"));
        let retired = parent.join(format!(".{name}.vitrine-old"));
        for leftover in [&dir, &retired] {
            if leftover.exists() {
                remove_tree(leftover)?;
            }
        }
        fs::create_dir_all(&dir).map_err(io_err("cannot create", &dir))?;
        Ok(Staging {
            dir,
            output: output.to_path_buf(),
            retired,
            committed: false,
        })
    }

    /// Writes one rendered file. Safe to call from several threads.
    pub fn write(&self, file: &OutputFile) -> Result<(), WriteError> {
        let path = self.dir.join(&file.path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(io_err("cannot create", parent))?;
        }
        fs::write(&path, &file.bytes).map_err(io_err("cannot write", &path))
    }

    /// Copies files as they are (static files, record assets).
    pub fn copy(&self, copies: &[(PathBuf, String)]) -> Result<(), WriteError> {
        copies.par_iter().try_for_each(|(source, dest)| {
            let path = self.dir.join(dest);
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent).map_err(io_err("cannot create", parent))?;
            }
            fs::copy(source, &path)
                .map(|_| ())
                .map_err(io_err("cannot copy to", &path))
        })
    }

    /// Moves the previous output aside, the new one into place, then deletes the old one.
    pub fn commit(mut self) -> Result<(), WriteError> {
        self.committed = true;
        let had_previous = self.output.exists();
        if had_previous {
            fs::rename(&self.output, &self.retired)
                .map_err(io_err("cannot move aside", &self.output))?;
        }
        if let Err(e) = fs::rename(&self.dir, &self.output) {
            if had_previous {
                let _restore = fs::rename(&self.retired, &self.output);
            }
            return Err(io_err("cannot move into place", &self.output)(e));
        }
        if had_previous {
            remove_tree(&self.retired)?;
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _cleanup = fs::remove_dir_all(&self.dir);
        }
    }
}

/// Removes a folder tree, its top-level entries in parallel: deleting tens of thousands of
/// pages one by one is a noticeable part of a large build.
fn remove_tree(dir: &Path) -> Result<(), WriteError> {
    let entries: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(io_err("cannot read", dir))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.par_iter().try_for_each(|p| {
        if p.is_dir() {
            remove_tree(p)
        } else {
            fs::remove_file(p).map_err(io_err("cannot remove", p))
        }
    })?;
    fs::remove_dir(dir).map_err(io_err("cannot remove", dir))
}
