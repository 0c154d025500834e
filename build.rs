//! Compiles into vitrine what a site does not have to carry itself: the files of
//! `themes/default/` (the one source of the default theme, embedded file by file), the
//! vendored Sveltia CMS of `src/cms/vendor/` (gzipped: 4 MB of JavaScript and translations
//! take 1 MB so) and the commit the binary was built from, for `vitrine --version`.
//!
//! Without git (a source archive, a container build without `.git`) the commit is taken
//! from `VITRINE_COMMIT` when set, and is otherwise reported as unknown.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

const THEME: &str = "themes/default";
const CMS_VENDOR: &str = "src/cms/vendor";

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let theme = manifest.join(THEME);
    // A folder given to rerun-if-changed is scanned for any modified file inside it.
    println!("cargo:rerun-if-changed={THEME}");
    let mut files = Vec::new();
    collect(&theme, &theme, &mut files);
    files.sort();
    let mut code = String::from(
        "/// The files of `themes/default/`, by path relative to it, sorted.\n\
         pub static THEME_FILES: &[(&str, &[u8])] = &[\n",
    );
    for rel in &files {
        let absolute = theme.join(rel);
        let _ = writeln!(
            code,
            "    ({rel:?}, include_bytes!({:?})),",
            absolute.display().to_string()
        );
    }
    code.push_str("];\n");
    std::fs::write(out.join("theme_files.rs"), code).expect("OUT_DIR is writable");
    embed_cms(&manifest, &out);

    println!("cargo:rerun-if-env-changed=VITRINE_COMMIT");
    let commit = std::env::var("VITRINE_COMMIT")
        .ok()
        .filter(|c| !c.trim().is_empty())
        .or_else(|| git_commit(&manifest))
        .unwrap_or_else(|| "unknown commit".to_string());
    println!("cargo:rustc-env=VITRINE_COMMIT={commit}");
}

/// Writes `cms_files.rs`: the files of `src/cms/vendor/`, each gzipped into `OUT_DIR`, as
/// `CMS_FILES: &[(path, gzipped bytes)]` sorted by path.
fn embed_cms(manifest: &Path, out: &Path) {
    use std::io::Write as _;
    println!("cargo:rerun-if-changed={CMS_VENDOR}");
    let vendor = manifest.join(CMS_VENDOR);
    let mut files = Vec::new();
    collect(&vendor, &vendor, &mut files);
    files.sort();
    let gz_dir = out.join("cms");
    std::fs::create_dir_all(&gz_dir).expect("OUT_DIR is writable");
    let mut code = String::from(
        "/// The files of `src/cms/vendor/`, gzipped, by path relative to it, sorted.\n\
         pub(crate) static CMS_FILES: &[(&str, &[u8])] = &[\n",
    );
    for (i, rel) in files.iter().enumerate() {
        let bytes = std::fs::read(vendor.join(rel)).expect("the vendored file is readable");
        // No file name and a zero time in the header: the same bytes on every build.
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&bytes).expect("gzip into memory");
        let gz_path = gz_dir.join(format!("{i}.gz"));
        std::fs::write(&gz_path, gz.finish().expect("gzip into memory"))
            .expect("OUT_DIR is writable");
        let _ = writeln!(
            code,
            "    ({rel:?}, include_bytes!({:?})),",
            gz_path.display().to_string()
        );
    }
    code.push_str("];\n");
    std::fs::write(out.join("cms_files.rs"), code).expect("OUT_DIR is writable");
}

/// Every file under `dir`, relative to `base`, with `/` separators. Editor leftovers and
/// hidden files are left out, as the theme loader leaves them out.
fn collect(base: &Path, dir: &Path, files: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || name.ends_with('~') {
            continue;
        }
        if path.is_dir() {
            collect(base, &path, files);
        } else if let Ok(rel) = path.strip_prefix(base) {
            let parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            files.push(parts.join("/"));
        }
    }
}

/// The short hash of `HEAD`, with the files that tell cargo when it moves.
fn git_commit(dir: &Path) -> Option<String> {
    let git = |args: &[&str]| {
        let out = Command::new("git")
            .args(args)
            .current_dir(dir)
            .output()
            .ok()?;
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
    };
    let commit = git(&["rev-parse", "--short=12", "HEAD"])?;
    // HEAD names a branch whose ref file moves on each commit (or packed-refs holds it).
    let mut watched = vec![git(&["rev-parse", "--git-path", "HEAD"])];
    if let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"]) {
        watched.push(git(&["rev-parse", "--git-path", &branch]));
    }
    watched.push(git(&["rev-parse", "--git-path", "packed-refs"]));
    for path in watched.into_iter().flatten() {
        let path = dir.join(path);
        // A path that does not exist would make cargo run this script on every build.
        if path.exists() {
            println!("cargo:rerun-if-changed={}", path.display());
        }
    }
    Some(commit)
}
