//! A site of its own: `vitrine init` in an empty folder outside the repository, with
//! nothing of the repository reachable (no `themes/`, no `data/`), then every command an
//! editor runs; the theme compiled into the binary against the repository's folder.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::serve::{Server, title};
use common::{BIN, copy_dir, repo, stderr, tree, walkdir};

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Runs `vitrine args` in `cwd`, as a user would.
fn run(cwd: &Path, args: &[&str]) -> Output {
    common::run_in(cwd, args)
}

fn run_ok(cwd: &Path, args: &[&str]) -> Output {
    let out = run(cwd, args);
    assert!(
        out.status.success(),
        "`vitrine {}` failed:\n{}{}",
        args.join(" "),
        stdout(&out),
        stderr(&out)
    );
    out
}

/// A new site made by `vitrine init site` with `args` in an empty temporary folder.
fn new_site(args: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    assert!(!dir.path().starts_with(repo()));
    let mut all = vec!["init", "site"];
    all.extend(args);
    run_ok(dir.path(), &all);
    let site = dir.path().join("site");
    (dir, site)
}

#[test]
fn init_then_check_build_new_schema_and_serve_with_the_binary_alone() {
    let (_dir, site) = new_site(&["--languages", "fr,en,ar", "--title", "Cinémathèque"]);
    // Nothing of vitrine's repository: the theme and the roles come from the binary.
    assert!(!site.join("themes").exists() && !site.join("data/roles.yaml").exists());
    for file in [
        "site.yaml",
        ".gitignore",
        "README.md",
        ".vscode/settings.json",
        "data/themes.yaml",
        "schemas/site.schema.json",
        "content/pages/about/ar.md",
        "content/pages/accessibility/en.md",
        "content/pages/legal-notice/fr.md",
    ] {
        assert!(site.join(file).is_file(), "{file}");
    }
    let gitignore = fs::read_to_string(site.join(".gitignore")).unwrap();
    assert!(gitignore.contains("public/") && gitignore.contains(".vitrine/"));

    let check = run_ok(&site, &["check"]);
    assert!(
        !stderr(&check).contains("warning"),
        "init's site has no problem at all:\n{}",
        stderr(&check)
    );
    let build = run_ok(&site, &["build"]);
    assert!(stdout(&build).contains("3 languages"), "{}", stdout(&build));
    let ar = fs::read_to_string(site.join("public/ar/index.html")).unwrap();
    assert!(ar.contains(r#"<html lang="ar" dir="rtl">"#), "{ar}");
    assert!(ar.contains("Cinémathèque"));
    let fr =
        fs::read_to_string(site.join("public/fr/films/le-voyage-dans-la-lune/index.html")).unwrap();
    assert!(fr.contains(r#"<html lang="fr" dir="ltr">"#));
    // The built-in role's French label, from the binary.
    assert!(fr.contains("Réalisation"), "{fr}");
    let css = walkdir(&site.join("public/static"));
    assert!(
        css.iter().any(|p| p.to_string_lossy().ends_with(".css")),
        "{css:?}"
    );

    let new = run_ok(&site, &["new", "film", "un-film"]);
    assert!(stdout(&new).contains("created content/films/un-film/record.yaml"));
    run_ok(&site, &["check"]);
    let schemas = run_ok(&site, &["schema", "--check"]);
    assert!(stdout(&schemas).contains("up to date"));

    let mut serve = Command::new(BIN);
    serve.args(["serve", "--port", "0"]).current_dir(&site);
    let server = Server::spawn(serve);
    let page = "en/films/le-voyage-dans-la-lune/";
    assert_eq!(title(&server.page(page)), "A Trip to the Moon");
    let en = site.join("content/films/le-voyage-dans-la-lune/en.md");
    let text = fs::read_to_string(&en).unwrap();
    fs::write(
        &en,
        text.replace("title: A Trip to the Moon", "title: Trip to the Moon"),
    )
    .unwrap();
    server.wait_for(page, |p| title(p) == "Trip to the Moon");
    // A string of the built-in theme replaced by the site's own i18n/ file, while serving.
    fs::create_dir_all(site.join("i18n")).unwrap();
    fs::write(
        site.join("i18n/en.yaml"),
        "skip_link: Straight to the film\n",
    )
    .unwrap();
    server.wait_for(page, |p| p.contains("Straight to the film"));
    // A stylesheet of the built-in theme is served too.
    let home = server.page("en/");
    let css = home
        .split('"')
        .find(|s| s.contains("static/style.") && s.ends_with(".css"))
        .expect("a stylesheet link");
    let (status, body) = server.get(css);
    assert_eq!(status, 200, "{css}");
    assert_eq!(
        body.as_bytes(),
        &fs::read(repo().join("themes/default/static/style.css")).unwrap()[..]
    );
}

#[test]
fn init_writes_the_pipeline_asked_for_and_never_overwrites() {
    let (dir, site) = new_site(&["--ci", "gitlab", "--languages", "es"]);
    let pipeline = fs::read_to_string(site.join(".gitlab-ci.yml")).unwrap();
    assert!(pipeline.contains(&format!(
        "VITRINE_VERSION: \"{}\"",
        env!("CARGO_PKG_VERSION")
    )));
    assert!(!site.join(".github").exists());
    let about = fs::read_to_string(site.join("content/pages/about/es.md")).unwrap();
    assert!(about.contains("title: Acerca de"));
    run_ok(&site, &["check"]);
    // The pipeline's checks pass on a new site, which has no CMS yet.
    run_ok(&site, &["schema", "--check"]);
    run_ok(&site, &["cms", "--check"]);

    let before = fs::read_to_string(site.join("site.yaml")).unwrap();
    let again = run(dir.path(), &["init", "site"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(
        stderr(&again).contains("is not empty"),
        "{}",
        stderr(&again)
    );
    assert_eq!(fs::read_to_string(site.join("site.yaml")).unwrap(), before);

    let (_dir, github) = new_site(&["--ci", "github"]);
    assert!(github.join(".github/workflows/site.yml").is_file());
}

#[test]
fn init_refuses_a_language_it_cannot_name_before_writing_anything() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["init", "site", "--languages", "fr,zz-QQ"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("`zz-QQ`"), "{}", stderr(&out));
    assert!(!dir.path().join("site").exists());
}

/// `vitrine init --cms gitlab --repo …` starts a site editors can edit in the browser at
/// once: its `cms:` section, `admin/config.yml` current for `vitrine cms --check`, texts in
/// the spelling the CMS lists (no `texts-hidden-from-cms`), the admin page published.
#[test]
fn init_with_a_cms_starts_a_site_the_cms_edits() {
    let (_dir, site) = new_site(&[
        "--languages",
        "fr,ar",
        "--cms",
        "gitlab",
        "--repo",
        "network/catalogue",
    ]);
    let config = fs::read_to_string(site.join("site.yaml")).unwrap();
    assert!(
        config.contains("cms:\n  backend: gitlab\n  repo: \"network/catalogue\"\n"),
        "{config}"
    );
    assert!(config.contains("  # app_id: "), "{config}");
    for file in [
        "admin/config.yml",
        "content/films/le-voyage-dans-la-lune/index.fr.md",
        "content/films/le-voyage-dans-la-lune/index.ar.md",
        "content/pages/about/index.ar.md",
    ] {
        assert!(site.join(file).is_file(), "{file}");
    }
    assert!(!site.join("content/pages/about/fr.md").exists());
    let check = run_ok(&site, &["cms", "--check"]);
    assert_eq!(stderr(&check), "", "no texts hidden from the CMS");
    assert_eq!(stdout(&check), "admin/config.yml is up to date\n");
    run_ok(&site, &["check"]);
    run_ok(&site, &["build"]);
    assert!(site.join("public/admin/index.html").is_file());
    assert!(site.join("public/ar/index.html").is_file());

    // A repository that is not one is refused before anything is written; --cms needs it.
    let dir = tempfile::tempdir().unwrap();
    let out = run(
        dir.path(),
        &["init", "site", "--cms", "gitlab", "--repo", "catalogue"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("`catalogue` is not a repository"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("owner/name"), "{}", stderr(&out));
    assert!(!dir.path().join("site").exists());
    let out = run(dir.path(), &["init", "site", "--cms", "github"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!dir.path().join("site").exists());
}

#[test]
fn the_example_is_byte_identical_with_the_theme_from_the_binary_or_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let with_folder = dir.path().join("with-folder");
    for folder in ["content", "data", "themes"] {
        copy_dir(&repo().join(folder), &with_folder.join(folder));
    }
    fs::copy(repo().join("site.yaml"), with_folder.join("site.yaml")).unwrap();
    let builtin = dir.path().join("builtin");
    copy_dir(&with_folder, &builtin);
    fs::remove_dir_all(builtin.join("themes")).unwrap();
    let cache = dir.path().join("cache").display().to_string();
    let mut outputs = Vec::new();
    for root in [&with_folder, &builtin] {
        let args = ["build", "--date", "2026-11-28", "--cache-dir", &cache];
        run_ok(root, &args);
        outputs.push(tree(&root.join("public")));
    }
    assert!(outputs[0].len() > 300, "{}", outputs[0].len());
    assert!(
        outputs[0] == outputs[1],
        "the built-in theme gives other bytes: {:?}",
        outputs[0]
            .iter()
            .zip(&outputs[1])
            .find(|(a, b)| a != b)
            .map(|(a, b)| (a.0.clone(), b.0.clone()))
    );
}

#[test]
fn the_built_in_theme_is_overridden_file_by_file_and_exported_whole() {
    let (_dir, site) = new_site(&["--languages", "fr,en"]);
    fs::create_dir_all(site.join("i18n")).unwrap();
    fs::write(
        site.join("i18n/en.yaml"),
        "skip_link: Straight to the work\n",
    )
    .unwrap();
    fs::write(site.join("data/roles.yaml"), "director: {en: Filmmaker}\n").unwrap();
    fs::create_dir_all(site.join("static")).unwrap();
    fs::write(site.join("static/extra.txt"), "mine").unwrap();
    run_ok(&site, &["build"]);
    let page =
        fs::read_to_string(site.join("public/en/films/le-voyage-dans-la-lune/index.html")).unwrap();
    assert!(page.contains("Filmmaker"), "{page}");
    assert!(page.contains("Straight to the work"), "{page}");
    assert_eq!(
        fs::read_to_string(site.join("public/static/extra.txt")).unwrap(),
        "mine"
    );
    let fr =
        fs::read_to_string(site.join("public/fr/films/le-voyage-dans-la-lune/index.html")).unwrap();
    assert!(fr.contains("Réalisation") && !fr.contains("Straight to the work"));
    let before = tree(&site.join("public"));

    let export = run_ok(&site, &["theme", "export", "themes/default"]);
    assert!(stdout(&export).contains("themes/default"));
    assert_eq!(
        fs::read(site.join("themes/default/templates/base.html")).unwrap(),
        fs::read(repo().join("themes/default/templates/base.html")).unwrap()
    );
    run_ok(&site, &["build"]);
    assert!(
        before == tree(&site.join("public")),
        "the exported theme builds the same site"
    );
    let again = run(&site, &["theme", "export", "themes/default"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("never overwrites"));
}

#[test]
fn version_names_the_commit() {
    let out = run_ok(&repo(), &["--version"]);
    let line = stdout(&out);
    let expected = format!("vitrine {} (", env!("CARGO_PKG_VERSION"));
    assert!(line.starts_with(&expected), "{line}");
    let git = Command::new("git")
        .args(["rev-parse", "--short=12", "HEAD"])
        .current_dir(repo())
        .output();
    if let Ok(git) = git
        && git.status.success()
    {
        let head = String::from_utf8_lossy(&git.stdout).trim().to_string();
        assert!(line.contains(&head), "{line} names {head}");
    }
}
