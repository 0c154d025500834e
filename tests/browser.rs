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
    let shots = repo().join("target/screenshots");
    common::node_tests(
        "tests/browser/",
        &[
            ("VITRINE_PUBLIC", &public),
            ("VITRINE_SCREENSHOTS", &shots),
            ("VITRINE_TYPING", &typing),
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
    ] {
        assert!(shots.join(shot).is_file(), "the tests save {shot}");
    }
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
