//! Helpers shared by the integration tests: fixture sites copied to a temporary folder and
//! the real `vitrine` binary run on them.
#![allow(dead_code)]

pub mod serve;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const BIN: &str = env!("CARGO_BIN_EXE_vitrine");

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir(from) {
        let rel = entry.strip_prefix(from).unwrap();
        let dest = to.join(rel);
        fs::create_dir_all(dest.parent().unwrap()).unwrap();
        fs::copy(&entry, &dest).unwrap();
    }
}

pub fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// A fixture site in a temporary folder.
pub struct Site {
    dir: tempfile::TempDir,
}

impl Site {
    /// The base site with `overlay` (a folder under tests/fixtures/) laid over it.
    pub fn new(overlays: &[&str]) -> Site {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&repo().join("tests/fixtures/base"), dir.path());
        copy_dir(
            &repo().join("themes/default"),
            &dir.path().join("themes/default"),
        );
        for overlay in overlays {
            copy_dir(&repo().join("tests/fixtures").join(overlay), dir.path());
        }
        Site { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, text: &str) {
        let path = self.root().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(BIN)
            .args(args)
            .arg("--root")
            .arg(self.root())
            .env("NO_COLOR", "1")
            .output()
            .unwrap()
    }

    pub fn build(&self) -> Output {
        self.run(&["build", "--date", "2026-06-01"])
    }

    pub fn public(&self) -> PathBuf {
        self.root().join("public")
    }

    pub fn read(&self, rel: &str) -> String {
        let path = self.public().join(rel);
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }
}

/// Runs `vitrine args` with `cwd` as its working directory, as a user would from a terminal.
pub fn run_in<S: AsRef<std::ffi::OsStr>>(cwd: &Path, args: &[S]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Every file of a tree with its bytes.
pub fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir(dir)
        .into_iter()
        .map(|p| {
            (
                p.strip_prefix(dir).unwrap().to_path_buf(),
                fs::read(&p).unwrap(),
            )
        })
        .collect()
}

/// A relative path with `/` separators, as served over HTTP.
pub fn display(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Builds the repository's example site into `public`, for the build date the tests use.
pub fn build_example(public: &Path) -> Output {
    Command::new(BIN)
        .args(["build", "--date", "2026-11-28", "--root"])
        .arg(repo())
        .arg("--output")
        .arg(public)
        .output()
        .unwrap()
}

/// Runs `node --test` on a folder of the repository with `env`, and fails with node's
/// output unless every test passed.
pub fn node_tests(dir: &str, env: &[(&str, &Path)]) {
    let run = Command::new("node")
        .args(["--test", dir])
        .current_dir(repo())
        .envs(env.iter().copied())
        .output()
        .expect("node is installed");
    assert!(
        run.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&run.stdout),
        stderr(&run)
    );
}

/// Writes a synthetic catalogue of `records` records in French and English at `root` with
/// `scripts/gen-catalogue.py` (deterministic for one `seed`).
pub fn generate_catalogue(root: &Path, records: usize, seed: u32) {
    let generated = Command::new("python3")
        .arg(repo().join("scripts/gen-catalogue.py"))
        .args(["--records", &records.to_string(), "--languages", "fr,en"])
        .args(["--seed", &seed.to_string(), "--out"])
        .arg(root)
        .output()
        .unwrap();
    assert!(generated.status.success(), "{}", stderr(&generated));
}
