//! The README and docs/publishing.md, run as written: the commands are read out of the two
//! documents and run on a copy of the example site with the working directory and the
//! arguments a user types (no `--root` unless the document shows one), so that a document
//! that drifts from the program fails here.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::serve::{Server, title};
use common::{BIN, copy_dir, repo, stderr};

/// Values for the CI variables the publishing guide's commands use.
const CI_VARIABLES: [(&str, &str); 3] = [
    ("${{ github.repository_owner }}", "network"),
    ("${{ github.event.repository.name }}", "catalogue"),
    ("$CI_PAGES_URL", "https://network.gitlab.io/catalogue"),
];

/// One command of a document: the line as written and its words, `vitrine` first.
#[derive(Debug, Clone)]
struct Invocation {
    line: String,
    words: Vec<String>,
}

impl Invocation {
    fn args(&self) -> &[String] {
        &self.words[1..]
    }
}

/// The words of a shell command line, quotes removed, up to a redirection, a pipe or a
/// comment.
fn words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quote = None;
    for c in line.chars() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, ' ') => words.extend((!word.is_empty()).then(|| std::mem::take(&mut word))),
            (None, '>' | '|' | '#') => break,
            _ => word.push(c),
        }
    }
    words.extend((!word.is_empty()).then_some(word));
    words
}

/// Every vitrine command of `doc` (a file of the repository): in shell blocks, as
/// `vitrine …` or `cargo run --release -- …`; in YAML pipeline blocks, as a step
/// `run: vitrine …` or a script line `- vitrine …`; in tables, as a first cell
/// `` `vitrine …` ``.
fn commands(doc: &str) -> Vec<Invocation> {
    let text = fs::read_to_string(repo().join(doc)).unwrap();
    let mut out = Vec::new();
    let mut block: Option<String> = None;
    for line in text.lines() {
        if let Some(lang) = line.trim_start().strip_prefix("```") {
            block = match block {
                None => Some(lang.to_string()),
                Some(_) => None,
            };
            continue;
        }
        let command = match block.as_deref() {
            Some("sh") => {
                let line = line.trim_start();
                line.strip_prefix("cargo run --release -- ")
                    .map(|rest| format!("vitrine {rest}"))
                    .or_else(|| line.starts_with("vitrine ").then(|| line.to_string()))
            }
            // A pipeline's step (`run: vitrine …`) or script line (`- vitrine …`).
            Some("yaml") => {
                let step = line.trim_start();
                let step = step.strip_prefix("- ").unwrap_or(step);
                let step = step.strip_prefix("run: ").unwrap_or(step);
                step.starts_with("vitrine ").then(|| step.to_string())
            }
            Some(_) => None,
            None => line
                .strip_prefix("| `vitrine ")
                .and_then(|rest| rest.split_once('`'))
                .map(|(command, _)| format!("vitrine {command}")),
        };
        if let Some(mut command) = command {
            for (name, value) in CI_VARIABLES {
                command = command.replace(name, value);
            }
            assert!(
                !command.contains('$'),
                "{doc}: `{command}` uses a variable this test does not know"
            );
            let words = words(&command);
            // A synopsis such as `vitrine new <kind> <id>` is not a command to run.
            if words.iter().any(|w| w.starts_with('<')) {
                continue;
            }
            out.push(Invocation {
                line: line.trim().to_string(),
                words,
            });
        }
    }
    out
}

/// The one command of `doc` whose words start with `prefix`.
fn find(doc: &str, prefix: &[&str]) -> Invocation {
    let all = commands(doc);
    all.iter()
        .find(|c| c.words.len() >= prefix.len() && c.words[..prefix.len()] == *prefix)
        .cloned()
        .unwrap_or_else(|| panic!("{doc} no longer shows `{}`: {all:?}", prefix.join(" ")))
}

/// A copy of the example site (the repository's own site.yaml, content, data and theme).
struct Example {
    dir: tempfile::TempDir,
}

impl Example {
    fn new() -> Example {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        for folder in ["admin", "content", "data", "schemas", "themes"] {
            copy_dir(&repo().join(folder), &root.join(folder));
        }
        fs::copy(repo().join("site.yaml"), root.join("site.yaml")).unwrap();
        Example { dir }
    }

    fn root(&self) -> PathBuf {
        self.dir.path().join("site")
    }

    /// Runs `vitrine` with `args` in `cwd`, as a user would from a terminal.
    fn run_in(&self, cwd: &Path, args: &[String]) -> Output {
        common::run_in(cwd, args)
    }

    /// Runs a document's command from the site's folder and requires it to succeed.
    fn run_ok(&self, command: &Invocation) -> Output {
        let out = self.run_in(&self.root(), command.args());
        assert!(
            out.status.success(),
            "`{}` failed:\n{}",
            command.line,
            stderr(&out)
        );
        out
    }

    fn edit(&self, rel: &str, change: impl FnOnce(&str) -> String) {
        let path = self.root().join(rel);
        let text = fs::read_to_string(&path).unwrap();
        fs::write(&path, change(&text)).unwrap();
    }
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn the_readme_takes_an_editor_from_a_new_record_to_a_built_site() {
    let site = Example::new();
    let build = find("README.md", &["vitrine", "build"]);
    let out = site.run_ok(&build);
    assert!(stdout(&out).contains(" into ./public"), "{}", stdout(&out));
    assert!(site.root().join("public/fr/index.html").is_file());

    let new = find("README.md", &["vitrine", "new"]);
    let [kind, id] = [&new.args()[1], &new.args()[2]];
    let out = site.run_ok(&new);
    let folder = format!("content/{kind}s/{id}");
    assert_eq!(
        stdout(&out),
        format!("created {folder}/record.yaml\ncreated {folder}/index.fr.md\n"),
        "`{}` names the files it writes, relative to the site",
        new.line
    );
    // The README promises these two files (as the CMS of the example writes them), and that
    // they pass `check` as they are.
    let readme = fs::read_to_string(repo().join("README.md")).unwrap();
    assert!(readme.contains(&format!(
        "`{folder}/record.yaml` and `{folder}/index.fr.md`"
    )));
    let check = find("README.md", &["vitrine", "check"]);
    assert_eq!(check.args(), ["check"]);
    let out = site.run_ok(&check);
    assert!(stdout(&out).contains("translation coverage:"));

    site.run_ok(&build);
    let page = fs::read_to_string(
        site.root()
            .join(format!("public/fr/{kind}s/{id}/index.html")),
    )
    .expect("the new record has its page");
    assert!(page.contains(&id.replace('-', " ")), "{page}");
}

/// The README's "Read an error" example, made real: its line written into its file gives
/// exactly the error the README shows.
#[test]
fn the_readme_error_example_is_what_check_prints() {
    let readme = fs::read_to_string(repo().join("README.md")).unwrap();
    let start = readme.find("```\nerror[").expect("an error example") + 4;
    let block = &readme[start..start + readme[start..].find("```").unwrap()];
    let location = block
        .lines()
        .find_map(|l| l.trim().strip_prefix("--> "))
        .unwrap();
    let mut parts = location.split(':');
    let (file, line) = (parts.next().unwrap(), parts.next().unwrap());
    let shown = block
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{line} | ")))
        .unwrap();
    let site = Example::new();
    let number: usize = line.parse().unwrap();
    site.edit(file, |text| {
        let mut lines: Vec<&str> = text.lines().collect();
        lines[number - 1] = shown;
        lines.join("\n") + "\n"
    });
    let out = site.run_in(&site.root(), &["check".to_string()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(block.trim_end()),
        "the README shows:\n{block}\nvitrine check prints:\n{}",
        stderr(&out)
    );
}

/// The YAML blocks of docs/publishing.md that follow `heading`, parsed.
fn pipeline(heading: &str) -> (String, serde_json::Value) {
    let guide = fs::read_to_string(repo().join("docs/publishing.md")).unwrap();
    let after = &guide[guide.find(heading).expect(heading)..];
    let start = after.find("```yaml\n").unwrap() + "```yaml\n".len();
    let text = after[start..start + after[start..].find("```").unwrap()].to_string();
    let value = serde_saphyr::from_str(&text).unwrap();
    (text, value)
}

/// A release of vitrine as the release workflow publishes it, made from the binary under
/// test with `scripts/package.sh`, in `dir/v<version>/`. (It is packed under the name of
/// the static Linux archive the pipelines ask for; the release workflow checks that its
/// own binaries are static.)
fn local_release(dir: &Path) -> PathBuf {
    fs::create_dir_all(dir).unwrap();
    let binary = dir.join("vitrine");
    fs::copy(BIN, &binary).unwrap();
    // Symbols make the debug binary slow to pack; the program is the same without them.
    let _ = Command::new("strip").arg(&binary).status();
    let release = dir.join(format!("v{}", env!("CARGO_PKG_VERSION")));
    let out = Command::new(repo().join("scripts/package.sh"))
        .args([
            "x86_64-unknown-linux-musl".as_ref(),
            binary.as_os_str(),
            release.as_os_str(),
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    release
}

/// Runs a pipeline's installation script with `sh` in `cwd`, with the pipeline's variables
/// but `VITRINE_RELEASES` pointing at `releases`.
fn install(
    script: &str,
    variables: &serde_json::Value,
    releases: &Path,
    cwd: &Path,
    env: &[(&str, &Path)],
) -> Output {
    let mut command = Command::new("sh");
    command.args(["-euc", script]).current_dir(cwd);
    for (name, value) in variables.as_object().unwrap() {
        command.env(name, value.as_str().unwrap());
    }
    command.env("VITRINE_RELEASES", format!("file://{}", releases.display()));
    for (name, value) in env {
        command.env(name, value);
    }
    command.output().unwrap()
}

#[test]
fn the_publishing_pipelines_install_a_release_and_check_its_checksum() {
    let (github, workflow) = pipeline("## GitHub Actions");
    let (gitlab, gitlab_ci) = pipeline("## GitLab CI");
    // What `vitrine init --ci …` writes is what the guide shows.
    assert_eq!(github, vitrine::init::Ci::Github.pipeline());
    assert_eq!(gitlab, vitrine::init::Ci::Gitlab.pipeline());
    let version = env!("CARGO_PKG_VERSION");
    assert_eq!(workflow["env"]["VITRINE_VERSION"], version);
    assert_eq!(gitlab_ci["variables"]["VITRINE_VERSION"], version);
    assert!(!github.contains("cargo") && !gitlab.contains("cargo"));

    let dir = tempfile::tempdir().unwrap();
    let releases = dir.path().join("releases");
    let release = local_release(&releases);
    let steps = workflow["jobs"]["site"]["steps"].as_array().unwrap();
    let step = steps
        .iter()
        .find(|s| {
            s["name"]
                .as_str()
                .is_some_and(|n| n.starts_with("Install vitrine"))
        })
        .expect("an installation step");
    let script = step["run"].as_str().unwrap();
    let site = Example::new();
    let home = dir.path().join("home");
    let path_file = dir.path().join("github-path");
    let env = [
        ("HOME", home.as_path()),
        ("GITHUB_PATH", path_file.as_path()),
    ];

    // A download that does not match its checksum stops the job before anything is installed.
    let archive = release.join("vitrine-x86_64-unknown-linux-musl.tar.gz");
    let good = fs::read(&archive).unwrap();
    let mut bad = good.clone();
    bad.extend(b"tampered");
    fs::write(&archive, &bad).unwrap();
    let out = install(script, &workflow["env"], &releases, &site.root(), &env);
    assert!(!out.status.success(), "a corrupt archive was accepted");
    assert!(!home.join(".local/bin/vitrine").exists());
    fs::write(&archive, &good).unwrap();
    let _ = fs::remove_file(site.root().join("vitrine-x86_64-unknown-linux-musl.tar.gz"));
    let _ = fs::remove_file(
        site.root()
            .join("vitrine-x86_64-unknown-linux-musl.tar.gz.sha256"),
    );

    let out = install(script, &workflow["env"], &releases, &site.root(), &env);
    assert!(out.status.success(), "{}", stderr(&out));
    let installed = home.join(".local/bin/vitrine");
    let added = fs::read_to_string(&path_file).unwrap();
    assert_eq!(
        added.trim(),
        installed.parent().unwrap().display().to_string()
    );
    assert!(
        !site
            .root()
            .join("vitrine-x86_64-unknown-linux-musl.tar.gz")
            .exists(),
        "the archive is not left in the site"
    );

    // GitLab's before_script, in a shell as the runner runs it (`apk` aside: no Alpine here).
    let bin = dir.path().join("gitlab-bin");
    fs::create_dir_all(&bin).unwrap();
    let lines: Vec<&str> = gitlab_ci["default"]["before_script"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|l| l.as_str())
        .filter(|l| !l.starts_with("apk "))
        .collect();
    let script = lines
        .join("\n")
        .replace("/usr/local/bin", &bin.display().to_string());
    let out = install(
        &script,
        &gitlab_ci["variables"],
        &releases,
        &site.root(),
        &[],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let version_line = Command::new(bin.join("vitrine"))
        .arg("--version")
        .output()
        .unwrap();
    assert!(stdout(&version_line).starts_with(&format!("vitrine {version} (")));

    run_the_guide(&site, &installed);
}

/// Every command of docs/publishing.md, run with `vitrine` (the installed binary) from the
/// site's folder.
fn run_the_guide(site: &Example, vitrine: &Path) {
    let run = |args: &[String]| {
        Command::new(vitrine)
            .args(args)
            .current_dir(site.root())
            .env("NO_COLOR", "1")
            .output()
            .unwrap()
    };
    let mut seen = Vec::new();
    for command in commands("docs/publishing.md") {
        if seen.contains(&command.words) {
            continue;
        }
        // `--external` requests other sites and tests run without a network: its options
        // are only parsed (`--help` after them answers only if every one before is valid).
        if command.words.iter().any(|w| w == "--external") {
            let mut args = command.args().to_vec();
            args.push("--help".into());
            let out = run(&args);
            assert!(out.status.success(), "`{}`: {}", command.line, stderr(&out));
            continue;
        }
        seen.push(command.words.clone());
        let out = run(command.args());
        assert!(
            out.status.success(),
            "`{}` failed:\n{}",
            command.line,
            stderr(&out)
        );
        let format = command
            .words
            .iter()
            .position(|w| w == "--format")
            .map(|i| command.words[i + 1].as_str());
        match format {
            Some("github") => assert!(!stdout(&out).contains("::error"), "{}", stdout(&out)),
            Some("json") => {
                for line in stdout(&out).lines() {
                    let value: serde_json::Value = serde_json::from_str(line).unwrap();
                    assert!(value.is_object(), "{line}");
                }
            }
            _ => {}
        }
        if command.args()[0] == "build" {
            let base = &command.words[command
                .words
                .iter()
                .position(|w| w == "--base-url")
                .unwrap()
                + 1];
            let path = &base[base.find("://").unwrap() + 3..];
            let path = &path[path.find('/').unwrap()..];
            let home = fs::read_to_string(site.root().join("public/fr/index.html")).unwrap();
            assert!(
                home.contains(&format!("href=\"{path}fr/")),
                "`{}` publishes under {path}",
                command.line
            );
        }
    }
    let builds = seen.iter().filter(|w| w[1] == "build").count();
    let checks = seen.iter().filter(|w| w[1] == "check").count();
    assert!(builds >= 2 && checks >= 3, "{seen:?}");
}

/// The README's `vitrine init` line, run as written in an empty folder outside the
/// repository, starts a site that `check` and `build` accept at once.
#[test]
fn the_readme_starts_a_site_with_init() {
    let init = find("README.md", &["vitrine", "init"]);
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(BIN)
        .args(init.args())
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "`{}`: {}", init.line, stderr(&out));
    let site = dir.path().join(&init.args()[1]);
    for args in [["check"].as_slice(), ["build"].as_slice()] {
        let out = Command::new(BIN)
            .args(args)
            .current_dir(&site)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    }
    let languages = &init.words[init.words.iter().position(|w| w == "--languages").unwrap() + 1];
    for lang in languages.split(',') {
        assert!(
            site.join(format!("public/{lang}/index.html")).is_file(),
            "{lang}"
        );
    }
    if let Some(at) = init.words.iter().position(|w| w == "--ci") {
        let file = match init.words[at + 1].as_str() {
            "github" => ".github/workflows/site.yml",
            _ => ".gitlab-ci.yml",
        };
        assert!(site.join(file).is_file(), "{file}");
    }
    if init.words.iter().any(|w| w == "--cms") {
        assert!(site.join("admin/config.yml").is_file());
        assert!(site.join("public/admin/index.html").is_file());
    }
}

/// The next reload event, skipping search events of earlier edits.
fn reload(events: &mpsc::Receiver<String>) {
    let started = Instant::now();
    loop {
        let line = events
            .recv_timeout(Duration::from_secs(10))
            .expect("a reload event");
        if line == "event: reload" {
            return;
        }
        assert!(started.elapsed() < Duration::from_secs(10), "no reload");
    }
}

/// Edits of every kind, each seen over HTTP and through the reload event.
fn every_edit_is_seen(site: &Example, server: &Server) {
    let record = "content/films/marche-de-nuit";
    let page = "fr/films/marche-de-nuit/";
    assert_eq!(title(&server.page(page)), "Marché de nuit");
    let events = server.events();

    site.edit(&format!("{record}/index.fr.md"), |t| {
        format!("{t}\nUne phrase écrite pendant l’aperçu.\n")
    });
    server.wait_for(page, |p| p.contains("Une phrase écrite pendant l’aperçu."));
    reload(&events);

    site.edit(&format!("{record}/index.fr.md"), |t| {
        t.replace("title: Marché de nuit", "title: Marché de nuit à Abidjan")
    });
    server.wait_for(page, |p| title(p) == "Marché de nuit à Abidjan");
    server.wait_for("fr/films/", |p| p.contains("Marché de nuit à Abidjan"));
    reload(&events);

    site.edit(&format!("{record}/record.yaml"), |t| {
        t.replace("duration: 19", "duraton: 19")
    });
    let broken = server.wait_for(page, |p| p.contains("vitrine-overlay"));
    assert!(broken.contains("`duraton` is not a field here"), "{broken}");
    assert_eq!(
        title(&broken),
        "Marché de nuit à Abidjan",
        "the last good build"
    );
    reload(&events);
    site.edit(&format!("{record}/record.yaml"), |t| {
        t.replace("duraton: 19", "duration: 19")
    });
    server.wait_for(page, |p| !p.contains("vitrine-overlay"));
    reload(&events);

    let new = find("README.md", &["vitrine", "new"]);
    let out = site.run_in(&site.root(), new.args());
    assert!(out.status.success(), "{}", stderr(&out));
    let added = format!("fr/{}s/{}/", new.args()[1], new.args()[2]);
    server.wait_for(&added, |p| title(p) == new.args()[2].replace('-', " "));
    reload(&events);

    // The new record is referred to by nothing, so its folder can go without an error.
    let folder = format!("content/{}s/{}", new.args()[1], new.args()[2]);
    fs::remove_dir_all(site.root().join(folder)).unwrap();
    let started = Instant::now();
    while server.get(&format!("{}{added}", server.base)).0 != 404 {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{added} still served"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    reload(&events);
}

#[test]
fn serve_started_from_the_site_folder_as_the_readme_says_sees_every_edit() {
    let serve = find("README.md", &["vitrine", "serve"]);
    let readme = fs::read_to_string(repo().join("README.md")).unwrap();
    assert!(readme.contains(&format!(
        "`{}` | previews the site at `http://127.0.0.1:8000/`",
        serve.words.join(" ")
    )));
    let site = Example::new();
    let mut command = Command::new(BIN);
    command.args(serve.args()).current_dir(site.root());
    let server = Server::spawn(command);
    assert_eq!(
        server.addr, "127.0.0.1:8000",
        "the address the README gives"
    );
    every_edit_is_seen(&site, &server);
}

#[test]
fn serve_from_a_subfolder_or_through_a_link_sees_every_edit() {
    let site = Example::new();
    let mut command = Command::new(BIN);
    command
        .args(["serve", "--port", "0", "--root", ".."])
        .current_dir(site.root().join("content"));
    let server = Server::spawn(command);
    every_edit_is_seen(&site, &server);
    drop(server);

    let site = Example::new();
    let link = site.dir.path().join("link");
    std::os::unix::fs::symlink(site.root(), &link).unwrap();
    let mut command = Command::new(BIN);
    command
        .args(["serve", "--port", "0", "--root", "link"])
        .current_dir(site.dir.path());
    let server = Server::spawn(command);
    every_edit_is_seen(&site, &server);
}

#[test]
fn every_way_of_naming_the_site_gives_paths_relative_to_it() {
    let site = Example::new();
    let record = "content/films/marche-de-nuit/record.yaml";
    site.edit(record, |t| t.replace("duration: 19", "duraton: 19"));
    let link = site.dir.path().join("link");
    std::os::unix::fs::symlink(site.root(), &link).unwrap();
    let cases = [
        (site.root(), vec!["check"], record.to_string()),
        (
            site.root().join("content"),
            vec!["check", "--root", ".."],
            format!("../{record}"),
        ),
        (
            site.dir.path().to_path_buf(),
            vec!["check", "--root", "link"],
            format!("link/{record}"),
        ),
    ];
    for (cwd, args, from_cwd) in cases {
        let human = site.run_in(
            &cwd,
            &args.iter().map(|a| a.to_string()).collect::<Vec<_>>(),
        );
        assert_eq!(human.status.code(), Some(1));
        assert!(
            stderr(&human).contains(&format!("--> {record}:")),
            "{args:?}: {}",
            stderr(&human)
        );
        let mut json: Vec<String> = args.iter().map(|a| a.to_string()).collect();
        json.extend(["--format".into(), "json".into()]);
        let out = site.run_in(&cwd, &json);
        assert!(
            stdout(&out).contains(&format!("\"file\":\"{from_cwd}\"")),
            "{args:?}: {}",
            stdout(&out)
        );
        let dir = site.dir.path().display().to_string();
        assert!(!stderr(&human).contains(&dir) && !stdout(&out).contains(&dir));
    }
    site.edit(record, |t| t.replace("duraton: 19", "duration: 19"));

    let args = ["build", "--output", "../out"].map(String::from);
    let out = site.run_in(&site.root(), &args);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains(" into ../out"), "{}", stdout(&out));
    assert!(site.dir.path().join("out/fr/index.html").is_file());
    assert!(!site.root().join("public").exists());

    let missing = site.run_in(
        site.dir.path(),
        &["check", "--root", "nowhere"].map(String::from),
    );
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        stderr(&missing).contains("cannot open the site folder `nowhere`"),
        "{}",
        stderr(&missing)
    );
}
