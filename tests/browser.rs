//! Runs the browser tests of `tests/browser/` (node --test, Playwright driving Debian's
//! Chromium) on the example site, built here into a temporary folder. Screenshots are saved
//! under `target/screenshots/` for people to look at.
//!
//! Needs `node`, `npm ci` (for playwright-core) and Chromium at /usr/bin/chromium (or
//! `CHROMIUM`); `.ci/run` and `scripts/test.sh` install them.

mod common;

use common::{repo, stderr};

#[test]
fn browser_tests_pass_on_the_example_site() {
    let out_dir = tempfile::tempdir().unwrap();
    let public = out_dir.path().join("public");
    let build = common::build_example(&public);
    assert!(build.status.success(), "{}", stderr(&build));
    assert!(
        repo().join("node_modules/playwright-core").is_dir(),
        "the browser tests need playwright-core: run `npm ci` (scripts/test.sh does)"
    );
    // The catalogue the search-typing test types titles into.
    let typing_site = out_dir.path().join("typing");
    common::copy_dir(&repo().join("tests/fixtures/search/typing"), &typing_site);
    common::copy_dir(&repo().join("data"), &typing_site.join("data"));
    common::copy_dir(&repo().join("themes"), &typing_site.join("themes"));
    let typing = out_dir.path().join("typing-public");
    let build = std::process::Command::new(common::BIN)
        .args(["build", "--date", "2026-11-28", "--root"])
        .arg(&typing_site)
        .arg("--output")
        .arg(&typing)
        .output()
        .unwrap();
    assert!(build.status.success(), "{}", stderr(&build));
    let cms_site = out_dir.path().join("cms-site");
    cms_fixture(&public, &cms_site);
    let shots = repo().join("target/screenshots");
    common::node_tests(
        "tests/browser/",
        &[
            ("VITRINE_PUBLIC", &public),
            ("VITRINE_SCREENSHOTS", &shots),
            ("VITRINE_TYPING", &typing),
            ("VITRINE_CMS_SITE", &cms_site),
            ("VITRINE_BIN", std::path::Path::new(common::BIN)),
        ],
    );
    for shot in [
        "fr-home.png",
        "fr-list.png",
        "fr-record.png",
        "fr-search.png",
        "ar-record.png",
        "ar-search.png",
        "fr-home-dark.png",
        "fr-home-320.png",
        "cms-list.png",
        "cms-film-facts.png",
        "cms-film-texts-fr-ar.png",
    ] {
        assert!(shots.join(shot).is_file(), "the tests save {shot}");
    }
}

/// What tests/browser/cms.test.mjs works on: the admin page `vitrine build` published
/// under `public/admin/` for the example (its generated admin/config.yml), and in `site` a
/// copy of the example as a git repository, for the CMS to edit and `vitrine serve` to
/// preview, with the records of tests/fixtures/cms/.
fn cms_fixture(public: &std::path::Path, site: &std::path::Path) {
    assert!(
        public.join("admin/index.html").is_file() && public.join("admin/sveltia-cms.js").is_file(),
        "the example's build publishes the CMS under /admin/"
    );
    let fixtures = repo().join("tests/fixtures/cms");
    std::fs::create_dir_all(site).unwrap();
    std::fs::copy(repo().join("site.yaml"), site.join("site.yaml")).unwrap();
    for dir in ["content", "data", "themes"] {
        common::copy_dir(&repo().join(dir), &site.join(dir));
    }
    for (kind, id, file) in [
        ("films", "atlas-des-vents", "record.yaml"),
        ("films", "la-riviere-de-hue", "record.yaml"),
        ("films", "la-riviere-de-hue", "index.fr.md"),
        ("music", "saudade-a-belleville", "record.yaml"),
    ] {
        std::fs::copy(
            fixtures.join(format!("{id}.{file}")),
            site.join(format!("content/{kind}/{id}/{file}")),
        )
        .unwrap();
    }
    let git = |args: &[&str]| {
        let out = std::process::Command::new("git")
            .args([
                "-c",
                "user.name=vitrine",
                "-c",
                "user.email=vitrine@example.org",
            ])
            .args(args)
            .current_dir(site)
            .output()
            .expect("git is installed");
        assert!(out.status.success(), "git {args:?}: {}", stderr(&out));
    };
    git(&["init", "-q"]);
    git(&["add", "-A"]);
    git(&["commit", "-q", "-m", "the example"]);
}

/// The accessibility test on a site made by `vitrine init` in an empty folder outside the
/// repository and built with the binary alone (the theme compiled into it), in French,
/// English and Arabic.
#[test]
fn browser_accessibility_on_a_site_made_by_init() {
    let dir = tempfile::tempdir().unwrap();
    let run = |cwd: &std::path::Path, args: &[&str]| {
        let out = std::process::Command::new(common::BIN)
            .args(args)
            .current_dir(cwd)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    };
    run(dir.path(), &["init", "site", "--languages", "fr,en,ar"]);
    let site = dir.path().join("site");
    assert!(!site.join("themes").exists());
    run(&site, &["build"]);
    assert!(
        repo().join("node_modules/playwright-core").is_dir(),
        "the browser tests need playwright-core: run `npm ci` (scripts/test.sh does)"
    );
    common::node_tests(
        "tests/init-browser/",
        &[("VITRINE_PUBLIC", &site.join("public"))],
    );
}

/// The admin page's record format (`src/cms/record-format.js`) on its own, in node, with the
/// `yaml` package it is vendored from (`tests/cms/`): what a save writes for edits the
/// browser test does not make one by one (items added and removed, new keys, new records).
#[test]
fn cms_record_format_writes_only_what_changed() {
    assert!(
        repo().join("node_modules/yaml").is_dir(),
        "the record format's tests need the yaml package: run `npm ci` (scripts/test.sh does)"
    );
    common::node_tests("tests/cms/", &[]);
}

/// `src/cms/vendor/` (what vitrine publishes under a site's `/admin/`) holds exactly the
/// files of the Sveltia CMS package pinned in package.json, its icon font's and the YAML
/// library's browser build, byte for byte: none edited, none missing, none left from another version.
/// `scripts/vendor-cms.sh` refreshes them.
#[test]
fn vendored_cms_is_the_pinned_npm_package() {
    let package = repo().join("node_modules/@sveltia/cms");
    let icons = repo().join("node_modules/@fontsource-variable/material-symbols-outlined");
    let read_json = |path: &std::path::Path| -> serde_json::Value {
        serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
    };
    let pinned = read_json(&repo().join("package.json"))["devDependencies"]["@sveltia/cms"]
        .as_str()
        .expect("package.json pins @sveltia/cms")
        .to_string();
    for (name, dir) in [
        ("@sveltia/cms", &package),
        ("@fontsource-variable/material-symbols-outlined", &icons),
        ("yaml", &repo().join("node_modules/yaml")),
    ] {
        let wanted = read_json(&repo().join("package.json"))["devDependencies"][name].clone();
        let installed = read_json(&dir.join("package.json"))["version"].clone();
        assert_eq!(installed, wanted, "{name}: run `npm ci`");
    }
    let vendor = repo().join("src/cms/vendor");
    assert_eq!(
        std::fs::read_to_string(vendor.join("VERSION"))
            .unwrap()
            .trim(),
        pinned,
        "run scripts/vendor-cms.sh"
    );
    // Where each vendored file comes from in the package.
    let mut expected = vec![
        (
            "sveltia-cms.js".to_string(),
            package.join("dist/sveltia-cms.js"),
        ),
        ("LICENSE.txt".to_string(), package.join("LICENSE.txt")),
        (
            "fonts/material-symbols-outlined-latin-standard-normal.woff2".to_string(),
            icons.join("files/material-symbols-outlined-latin-standard-normal.woff2"),
        ),
        (
            "fonts/material-symbols-outlined.LICENSE".to_string(),
            icons.join("LICENSE"),
        ),
    ];
    for (folder, from) in [("chunks", "dist/chunks"), ("locales", "locales")] {
        for entry in std::fs::read_dir(package.join(from)).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            if !name.ends_with(".map") {
                expected.push((format!("{folder}/{name}"), package.join(from).join(&name)));
            }
        }
    }
    // The YAML library's browser build, whole (ES modules importing each other).
    let yaml = repo().join("node_modules/yaml");
    let yaml_dist = yaml.join("browser/dist");
    for entry in walkdir::WalkDir::new(&yaml_dist) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(&yaml_dist).unwrap();
            let rel = rel.to_string_lossy().replace('\\', "/");
            expected.push((format!("yaml/{rel}"), entry.path().to_path_buf()));
        }
    }
    expected.push(("yaml/LICENSE".to_string(), yaml.join("LICENSE")));
    expected.sort();
    let mut vendored = Vec::new();
    for entry in walkdir::WalkDir::new(&vendor) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(&vendor).unwrap();
            vendored.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    vendored.retain(|rel| rel != "VERSION");
    vendored.sort();
    let names: Vec<&String> = expected.iter().map(|(rel, _)| rel).collect();
    assert_eq!(
        vendored.iter().collect::<Vec<_>>(),
        names,
        "run scripts/vendor-cms.sh"
    );
    for (rel, from) in &expected {
        assert!(
            std::fs::read(vendor.join(rel)).unwrap() == std::fs::read(from).unwrap(),
            "src/cms/vendor/{rel} differs from the npm package's: run scripts/vendor-cms.sh"
        );
    }
}
