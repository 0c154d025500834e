//! Builds that survive each other and the disk: one build per output at a time, an output
//! that is always a complete old or new site, special files refused instead of read, disk
//! failures of the picture cache told for what they are, hidden files kept unpublished.

mod common;

use std::fs;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use common::{BIN, Site, stderr, tree};

fn build_command(site: &Site) -> Command {
    let mut command = Command::new(BIN);
    command
        .args(["build", "--date", "2026-06-01", "--root"])
        .arg(site.root())
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

/// The child's output, or a failure if it has not ended within 60 seconds (a hang).
fn finish(mut child: Child) -> Output {
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("the command hung");
        }
        thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn make_fifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success(), "mkfifo {}", path.display());
}

/// Names beside the output that a build leaves: only its lock file.
fn beside_output(site: &Site) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public"))
        .collect();
    names.sort();
    names
}

#[test]
fn a_build_into_an_output_another_process_is_building_stops_at_once_naming_it() {
    let site = Site::new(&[]);
    let lock = fs::OpenOptions::new()
        .create(true)
        .truncate(true)
        .write(true)
        .open(site.root().join(".public.vitrine-lock"))
        .unwrap();
    lock.try_lock().unwrap();
    fs::write(site.root().join(".public.vitrine-lock"), "4242").unwrap();
    let out = site.build();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("another build is writing"), "{err}");
    assert!(err.contains("public"), "{err}");
    assert!(err.contains("process 4242"), "{err}");
    assert!(!site.public().exists(), "nothing was written");
    drop(lock);
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn two_builds_racing_into_one_output_leave_a_complete_site() {
    let site = Site::new(&[]);
    assert!(site.build().status.success());
    let reference = tree(&site.public());
    for round in 0..6 {
        let first = build_command(&site).spawn().unwrap();
        let second = build_command(&site).spawn().unwrap();
        let outputs = [finish(first), finish(second)];
        let mut built = 0;
        for out in &outputs {
            match out.status.code() {
                Some(0) => built += 1,
                Some(2) => assert!(
                    stderr(out).contains("another build is writing"),
                    "round {round}: {}",
                    stderr(out)
                ),
                _ => panic!("round {round}: {}", stderr(out)),
            }
        }
        assert!(built >= 1, "round {round}: one build at least succeeds");
        assert!(
            tree(&site.public()) == reference,
            "round {round}: the site is whole"
        );
        assert_eq!(beside_output(&site), [".public.vitrine-lock"]);
    }
}

#[test]
fn an_output_missing_beside_its_retired_copy_is_put_back_even_by_a_failing_build() {
    let site = Site::new(&[]);
    assert!(site.build().status.success());
    let before = tree(&site.public());
    // The state a build killed between moving the old site aside and the new one in leaves.
    fs::rename(site.public(), site.root().join(".public.vitrine-old")).unwrap();
    site.write("content/films/la-haine/record.yaml", "year: [not a year\n");
    let out = site.build();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(tree(&site.public()) == before, "the previous site is back");
    assert!(stderr(&out).contains("put back"), "{}", stderr(&out));
    assert_eq!(beside_output(&site), [".public.vitrine-lock"]);
}

/// `chattr +i` makes a folder's entries undeletable even by root (tests run as root, where
/// permission bits do not stop a deletion). Returns false where the file system or the
/// machine does not allow it.
fn immutable(path: &Path, on: bool) -> bool {
    Command::new("chattr")
        .arg(if on { "+i" } else { "-i" })
        .arg(path)
        .status()
        .is_ok_and(|s| s.success())
}

#[test]
fn a_previous_output_that_cannot_be_removed_is_a_warning_and_never_fails_later_builds() {
    let site = Site::new(&[]);
    assert!(site.build().status.success());
    let stuck = site.public().join("stuck");
    fs::create_dir(&stuck).unwrap();
    fs::write(stuck.join("file.txt"), "kept").unwrap();
    if !immutable(&stuck, true) {
        eprintln!("chattr +i is not available here: the test cannot make an undeletable folder");
        return;
    }
    let runs: Vec<Output> = (0..2).map(|_| site.build()).collect();
    let leftovers: Vec<_> = fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("stuck").exists())
        .collect();
    for p in &leftovers {
        immutable(&p.join("stuck"), false);
    }
    for out in &runs {
        assert!(out.status.success(), "{}", stderr(out));
        let err = stderr(out);
        assert!(err.contains("warning[output-leftover]"), "{err}");
        assert!(err.contains("cannot remove"), "{err}");
    }
    assert!(
        !site.public().join("stuck").exists(),
        "the new site is in place"
    );
    assert!(site.public().join("fr/index.html").is_file());
}

#[test]
fn named_pipes_in_the_site_are_located_errors_not_hangs() {
    let site = Site::new(&[]);
    let cases = [
        "content/films/la-haine/en.md",
        "content/films/la-haine/trailer.mp4",
        "content/books/l-etranger/record.yaml",
        "data/themes.yaml",
    ];
    for rel in cases {
        let path = site.root().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        let _ = fs::remove_file(&path);
        make_fifo(&path);
    }
    let out = finish(build_command(&site).spawn().unwrap());
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    for rel in cases {
        assert!(
            err.contains(&format!(
                "error[not-a-file]: this is a named pipe (FIFO), not a file\n  --> {rel}"
            )),
            "{rel}:\n{err}"
        );
    }
    assert!(!site.public().exists());
    // In the site's static files it is the theme's layer that is unusable: exit 2.
    let site = Site::new(&[]);
    fs::create_dir_all(site.root().join("static")).unwrap();
    make_fifo(&site.root().join("static/feed.css"));
    let out = finish(build_command(&site).spawn().unwrap());
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains(
            "error[not-a-file]: this is a named pipe (FIFO), not a file\n  --> static/feed.css"
        ),
        "{err}"
    );
}

#[test]
fn a_picture_cache_that_cannot_be_written_is_a_disk_error_naming_the_cache() {
    let site = Site::new(&[]);
    let cache = site.root().join("cache");
    fs::create_dir_all(&cache).unwrap();
    // A file where the cache's folder of pictures goes: every write under it fails.
    fs::write(cache.join("images"), "in the way").unwrap();
    let out = site.run(&[
        "build",
        "--date",
        "2026-06-01",
        "--cache-dir",
        cache.to_str().unwrap(),
    ]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("cannot write the picture cache"), "{err}");
    assert!(err.contains("cache/images"), "{err}");
    assert!(
        !err.contains("bad-image"),
        "not the editor's picture: {err}"
    );
    assert!(!site.public().exists());
    assert_eq!(
        fs::read_to_string(cache.join("images")).unwrap(),
        "in the way"
    );
}

#[test]
fn hidden_files_and_folders_of_static_are_never_published_and_well_known_is_at_the_root() {
    let site = Site::new(&[]);
    site.write("static/.private/key.txt", "secret");
    site.write("static/docs/.git/config", "secret");
    site.write("static/docs/.env", "secret");
    site.write("static/docs/guide.txt", "public");
    site.write(
        "static/.well-known/security.txt",
        "Contact: mailto:x@example.org",
    );
    site.write("static/.well-known/app.js", "{}");
    site.write("static/.well-known/.hidden", "secret");
    site.write("static/docs/.well-known/x.txt", "secret");
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let published: Vec<String> = tree(&site.public())
        .into_keys()
        .map(|p| common::display(&p))
        .filter(|p| p.starts_with("static/") || p.starts_with(".well-known/"))
        .filter(|p| !p.ends_with(".css") && !p.ends_with(".js") && !p.ends_with(".svg"))
        .collect();
    assert!(
        published.contains(&"static/docs/guide.txt".to_string()),
        "{published:?}"
    );
    // At the site's root, where the web looks for it, and never renamed by fingerprinting.
    assert!(
        published.contains(&".well-known/security.txt".to_string()),
        "{published:?}"
    );
    assert!(
        tree(&site.public()).contains_key(std::path::Path::new(".well-known/app.js")),
        "{published:?}"
    );
    assert!(
        !published
            .iter()
            .any(|p| p.starts_with("static/.well-known")),
        "{published:?}"
    );
    for (path, bytes) in tree(&site.public()) {
        assert!(bytes != b"secret", "{} is published", path.display());
    }
}

#[test]
fn a_bulk_id_that_is_not_a_plain_folder_name_is_located_and_writes_nowhere() {
    let site = Site::new(&[]);
    // An id is a folder of the output: from public/fr/films/, `../../../` is the site's root.
    let long = "a".repeat(256);
    site.write(
        "content/films/import.csv",
        &format!(
            "id,title.fr,published\n../../../escaped,Évadé,2026-01-01\nfine,Bien,2026-01-01\n{long},Long,2026-01-01\n"
        ),
    );
    site.write(
        "content/books/import.yaml",
        "- id: a/b\n  published: 2026-01-01\n  title: Deux dossiers\n",
    );
    let out = site.build();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("error[invalid-id]: column `id`: `../../../escaped` is not a valid record id\n  --> content/films/import.csv:2:1"),
        "{err}"
    );
    assert!(
        err.contains(&format!("error[invalid-id]: column `id`: `{long}` is not a valid record id\n  --> content/films/import.csv:4:1")),
        "{err}"
    );
    assert!(
        err.contains(
            "error[invalid-id]: `a/b` is not a valid record id\n  --> content/books/import.yaml:1:7"
        ),
        "{err}"
    );
    assert!(err.contains("at most 200 characters"), "{err}");
    assert!(
        !site.root().join("escaped").exists(),
        "written outside the output"
    );
    assert!(!site.public().exists());
}

#[test]
fn an_output_whose_replacement_would_delete_the_site_or_other_files_is_refused() {
    let site = Site::new(&[]);
    site.write("notes.txt", "a file of the editor's");
    site.write("drafts/idea.md", "a folder of the editor's");
    let before = tree(site.root());
    // (Never `..` here: without the refusal, a build would replace the temporary folder.)
    for (output, said) in [
        (".", "holds the site itself"),
        ("content", "is the site's `content` or inside it"),
        ("content/films/www", "is the site's `content` or inside it"),
        ("static", "is the site's `static` or inside it"),
        ("data", "is the site's `data` or inside it"),
        ("notes.txt", "is a file, not a folder"),
        (
            "drafts",
            "is a folder of other files, not a site that vitrine built",
        ),
    ] {
        let out = common::run_in(
            site.root(),
            &["build", "--date", "2026-06-01", "--output", output],
        );
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "--output {output}: {err}");
        assert!(err.contains(said), "--output {output}: {err}");
        assert!(err.contains("help: "), "--output {output}: {err}");
        assert!(
            tree(site.root()) == before,
            "--output {output} changed the site"
        );
    }
    // A new folder, an empty one, and one a build wrote are outputs.
    fs::create_dir(site.root().join("empty")).unwrap();
    for output in ["fresh", "empty", "fresh"] {
        let out = common::run_in(
            site.root(),
            &["build", "--date", "2026-06-01", "--output", output],
        );
        assert!(out.status.success(), "--output {output}: {}", stderr(&out));
        assert!(site.root().join(output).join("fr/index.html").is_file());
    }
}

#[test]
fn an_interrupted_build_removes_what_it_was_writing_and_leaves_the_previous_output() {
    use std::os::unix::process::CommandExt;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    common::generate_catalogue(&root, 1000, 7);
    let build = || {
        let mut command = Command::new(BIN);
        command
            .args(["build", "--date", "2026-06-01", "--root"])
            .arg(&root)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        // SAFETY: only async-signal-safe libc calls between fork and exec. A shell that
        // started the tests in the background may have made Ctrl-C ignored: undo it.
        unsafe {
            command.pre_exec(|| {
                libc::signal(libc::SIGINT, libc::SIG_DFL);
                Ok(())
            });
        }
        command
    };
    assert!(build().output().unwrap().status.success());
    let public = root.join("public");
    let before = tree(&public);
    for signal in [libc::SIGINT, libc::SIGTERM] {
        let child = build().spawn().unwrap();
        let staging = root.join(format!(".public.vitrine-new-{}", child.id()));
        let started = Instant::now();
        while !fs::read_dir(&staging).is_ok_and(|mut d| d.next().is_some()) {
            assert!(
                started.elapsed().as_secs() < 60,
                "no staging folder appeared"
            );
            thread::sleep(Duration::from_millis(2));
        }
        // SAFETY: a signal to the child, which has not been waited for, so its id is its own.
        assert_eq!(unsafe { libc::kill(child.id() as i32, signal) }, 0);
        let out = finish(child);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(128 + signal), "{signal}: {err}");
        assert!(err.contains("interrupted: the build stopped"), "{err}");
        assert!(
            !staging.exists(),
            "signal {signal}: the staging folder is removed"
        );
        assert!(
            tree(&public) == before,
            "signal {signal}: the previous output is whole"
        );
        assert_eq!(
            fs::read_dir(&root)
                .unwrap()
                .filter(|e| e
                    .as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .starts_with(".public"))
                .count(),
            1,
            "only the lock is left beside the output"
        );
    }
}

#[test]
fn an_unreadable_folder_is_a_located_error_not_a_missing_file_or_a_site_without_records() {
    use std::os::unix::fs::PermissionsExt;
    // A record folder, a folder in one, and a kind's folder: read as empty, the last one
    // published a site without its books.
    const LOCKED: [&str; 3] = [
        "content/films/verrou",
        "content/films/la-haine/extras",
        "content/books",
    ];
    let site = Site::new(&[]);
    site.write(
        "content/films/verrou/record.yaml",
        "published: 2026-01-01\n",
    );
    site.write("content/films/verrou/fr.md", "---\ntitle: Verrou\n---\n");
    site.write("content/films/la-haine/extras/notes.txt", "hidden");
    site.write("static/img/logo.svg", "<svg/>");
    // Root reads every folder whatever its permissions: the build then runs as `nobody`.
    let as_root = unsafe { libc::geteuid() } == 0;
    if as_root {
        let owned = Command::new("chown")
            .args(["-R", "nobody"])
            .arg(site.root())
            .status()
            .is_ok_and(|s| s.success());
        let runs = Command::new("runuser")
            .args(["-u", "nobody", "--", BIN, "--version"])
            .output()
            .is_ok_and(|o| o.status.success());
        if !owned || !runs {
            eprintln!(
                "cannot run vitrine as `nobody` here: the test cannot make a folder unreadable"
            );
            return;
        }
    }
    for rel in LOCKED {
        fs::set_permissions(site.root().join(rel), fs::Permissions::from_mode(0o000)).unwrap();
    }
    let build = || {
        let mut command = if as_root {
            let mut c = Command::new("runuser");
            c.args(["-u", "nobody", "--", BIN]);
            c
        } else {
            Command::new(BIN)
        };
        command
            .args(["build", "--date", "2026-06-01", "--root"])
            .arg(site.root())
            .env("NO_COLOR", "1")
            .output()
            .unwrap()
    };
    let out = build();
    for rel in LOCKED {
        fs::set_permissions(site.root().join(rel), fs::Permissions::from_mode(0o755)).unwrap();
    }
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    for rel in LOCKED {
        assert!(
            err.contains(&format!("error[unreadable-folder]: cannot read the folder: Permission denied (os error 13)\n  --> {rel}\n")),
            "{rel}: {err}"
        );
    }
    assert!(
        !err.contains("missing-record-file") && !err.contains("missing-translation"),
        "{err}"
    );
    assert_eq!(err.matches("error[").count(), LOCKED.len(), "{err}");
    assert!(!site.public().exists());
    // In the site's static files or templates, it is the theme's layer: exit 2.
    let img = site.root().join("static/img");
    fs::set_permissions(&img, fs::Permissions::from_mode(0o000)).unwrap();
    let out = build();
    fs::set_permissions(&img, fs::Permissions::from_mode(0o755)).unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("error[unreadable-folder]: cannot read the folder: Permission denied (os error 13)\n  --> static/img\n"),
        "{err}"
    );
    assert!(!site.public().exists());
}

#[test]
fn a_file_name_with_accents_stored_decomposed_is_told_apart_from_a_missing_file() {
    // macOS file systems and some archives store `é` as `e` and a combining accent (NFD),
    // while an editor types it as one letter (NFC): the names differ only in their bytes.
    let site = Site::new(&[]);
    let folder = site.root().join("content/films/la-haine");
    fs::copy(
        folder.join("poster.png"),
        folder.join("affiche-e\u{301}te\u{301}.png"),
    )
    .unwrap();
    let record = fs::read_to_string(folder.join("record.yaml")).unwrap();
    site.write(
        "content/films/la-haine/record.yaml",
        &record.replace("file: poster.png", "file: affiche-\u{e9}t\u{e9}.png"),
    );
    let out = site.build();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("error[file-name-form]: the image `affiche-\u{e9}t\u{e9}.png` is in the folder, but its name there writes the accents as separate marks"),
        "{err}"
    );
    assert!(!err.contains("did you mean"), "{err}");
}
