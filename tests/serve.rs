//! `vitrine serve` end to end: the real binary on a free port over a temporary copy of a
//! fixture site; files are edited, created, deleted and renamed while it runs.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::Command;
use std::thread;
use std::time::{Duration, Instant};

use common::serve::{Server, next_event, title, without_injection};
use common::{BIN, Site, tree};

fn start(site: &Site) -> Server {
    let mut command = Command::new(BIN);
    command
        .args(["serve", "--port", "0", "--date", "2026-06-01", "--root"])
        .arg(site.root());
    Server::spawn(command)
}

#[test]
fn an_edit_changes_the_served_page_and_sends_a_reload_event_then_a_search_event() {
    let site = Site::new(&[]);
    let server = start(&site);
    let page = server.page("fr/films/la-haine/");
    assert_eq!(title(&page), "La Haine");
    assert!(page.contains("EventSource"), "serve adds the reload script");
    assert_eq!(server.page("__vitrine/settled"), "settled\n");
    let manifest = server.page("search/fr/index.json");
    assert!(manifest.contains("\"docs\""), "{manifest}");
    let events = server.events();
    let file = site.root().join("content/films/la-haine/fr.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replace("title: La Haine", "title: La Haine, version restaurée"),
    )
    .unwrap();
    server.wait_for("fr/films/la-haine/", |p| {
        title(p) == "La Haine, version restaurée"
    });
    // The pages first; then the search index, rebuilt in the background, follows the
    // edit and open search pages are told.
    assert_eq!(next_event(&events), "reload");
    assert_eq!(next_event(&events), "search");
    assert_eq!(server.page("__vitrine/settled"), "settled\n");
    assert_ne!(
        server.page("search/fr/index.json"),
        manifest,
        "the French index follows the new title"
    );
}

#[test]
fn a_bad_edit_shows_the_errors_over_the_last_good_build_until_it_is_fixed() {
    let site = Site::new(&[]);
    let server = start(&site);
    let file = site.root().join("content/films/la-haine/record.yaml");
    let good = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, good.replace("year: 1995", "year: 1995\nduraton: 98")).unwrap();
    let page = server.wait_for("fr/films/la-haine/", |p| p.contains("vitrine-overlay"));
    assert_eq!(
        title(&page),
        "La Haine",
        "the last good build is still served"
    );
    assert!(
        page.contains("error[unknown-field]: `duraton` is not a field here"),
        "{page}"
    );
    assert!(
        page.contains("--&gt; content/films/la-haine/record.yaml:"),
        "located, and escaped"
    );
    assert!(page.contains("help: did you mean `duration`?"));
    std::fs::write(&file, good).unwrap();
    server.wait_for("fr/films/la-haine/", |p| !p.contains("vitrine-overlay"));
}

#[test]
fn browsers_get_pages_gzipped_and_other_clients_plain_both_with_the_reload_script_and_overlay() {
    let site = Site::new(&[]);
    let server = start(&site);
    let rel = "fr/films/la-haine/";
    let plain = server.fetch(rel, None);
    assert_eq!(plain.header("content-encoding"), None);
    let html = String::from_utf8(plain.body.clone()).unwrap();
    let script = html.find("new EventSource(").expect("the reload script");
    assert!(
        script < html.rfind("</body>").unwrap(),
        "added before </body>"
    );
    let gzipped = server.fetch(rel, Some("gzip, deflate, br"));
    assert_eq!(gzipped.header("content-encoding"), Some("gzip"));
    assert_eq!(gzipped.header("vary"), Some("accept-encoding"));
    assert!(gzipped.body.len() * 2 < plain.body.len(), "sent compressed");
    assert_eq!(gzipped.decoded(), plain.body, "the same page either way");
    // gzip refused, or not named: the page as it is.
    for accept in ["gzip;q=0", "br", "identity", "x-gzip-not"] {
        let reply = server.fetch(rel, Some(accept));
        assert_eq!(reply.header("content-encoding"), None, "{accept}");
        assert_eq!(reply.body, plain.body, "{accept}");
    }
    // A HEAD request is told the length of the body a GET gets.
    let head = server.request("HEAD", rel, Some("gzip"));
    assert_eq!(head.header("content-encoding"), Some("gzip"));
    let length = gzipped.body.len().to_string();
    assert_eq!(head.header("content-length"), Some(length.as_str()));
    assert!(head.body.is_empty());
    // A missing page gets the language's 404 page, with the script, either way.
    let missing = server.fetch("fr/nulle-part/", Some("gzip"));
    assert_eq!(missing.status, 404);
    assert_eq!(missing.header("content-encoding"), Some("gzip"));
    let page = String::from_utf8(missing.decoded()).unwrap();
    assert!(page.contains("<html lang=\"fr\"") && page.contains("new EventSource("));
    assert_eq!(missing.decoded(), server.fetch("fr/nulle-part/", None).body);
    // A bad edit: the overlay over the last good build, gzipped as well.
    let file = site.root().join("content/films/la-haine/record.yaml");
    let good = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, good.replace("year: 1995", "year: 1995\nduraton: 98")).unwrap();
    server.wait_for(rel, |p| p.contains("vitrine-overlay"));
    let gzipped = server.fetch(rel, Some("gzip"));
    let page = String::from_utf8(gzipped.decoded()).unwrap();
    assert!(page.contains("vitrine-overlay") && page.contains("error[unknown-field]"));
    assert_eq!(title(&page), "La Haine");
    assert_eq!(gzipped.decoded(), server.fetch(rel, None).body);
    // Fixed and edited: the new page, gzipped.
    std::fs::write(&file, good.replace("year: 1995", "year: 1996")).unwrap();
    server.wait_for(rel, |p| !p.contains("vitrine-overlay"));
    let page = String::from_utf8(server.fetch(rel, Some("gzip")).decoded()).unwrap();
    assert!(
        !page.contains("vitrine-overlay") && page.contains("1996"),
        "{page}"
    );
}

#[test]
fn a_record_edit_while_site_yaml_is_broken_still_shows_its_errors() {
    let site = Site::new(&[]);
    let server = start(&site);
    let config = site.root().join("site.yaml");
    let good = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, format!("{good}\ntitel: typo\n")).unwrap();
    server.wait_for("fr/films/la-haine/", |p| p.contains("vitrine-overlay"));
    // A record saved meanwhile: the site still has the configuration's error.
    let file = site.root().join("content/films/la-haine/fr.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, format!("{text}\nUne phrase de plus.\n")).unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    let page = server.page("fr/films/la-haine/");
    assert!(page.contains("vitrine-overlay"), "{page}");
    assert!(
        page.contains("titel"),
        "the configuration's error is still shown"
    );
    std::fs::write(&config, good).unwrap();
    server.wait_for("fr/films/la-haine/", |p| {
        !p.contains("vitrine-overlay") && p.contains("Une phrase de plus.")
    });
}

#[test]
fn serve_starts_even_when_the_first_build_fails() {
    let site = Site::new(&["errors/unknown-theme"]);
    let server = start(&site);
    let (status, body) = server.get("/fr/");
    assert_eq!(status, 404, "nothing was ever built");
    assert!(body.contains("error[unknown-theme]"), "{body}");
    let file = site.root().join("content/films/la-haine/record.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replace("cinema-francophon,", "cinema-francophone,"),
    )
    .unwrap();
    server.wait_for("fr/", |p| {
        p.contains("<html lang=\"fr\"") && !p.contains("vitrine-overlay")
    });
}

#[test]
fn after_creating_deleting_and_renaming_the_served_site_equals_a_full_build() {
    let site = Site::new(&[]);
    let server = start(&site);
    let root = site.root();
    // A template override added by the site: a full rebuild.
    std::fs::create_dir_all(root.join("templates")).unwrap();
    std::fs::write(root.join("templates/page.html"), "{% extends \"base.html\" %}{% block content %}<h1>{{ page.title }}</h1><p>override</p>{% endblock content %}").unwrap();
    server.wait_for("fr/about/", |p| p.contains("<p>override</p>"));
    // From here on, only record folders change: the server updates in place.
    // A new record, written in several steps as editors' tools do.
    std::fs::create_dir_all(root.join("content/films/nouveau")).unwrap();
    std::fs::write(
        root.join("content/films/nouveau/record.yaml"),
        "languages: [fr]\npublished: 2026-02-02\nyear: 2026\nduration: 75\nthemes: [litterature]\n",
    )
    .unwrap();
    std::fs::write(
        root.join("content/films/nouveau/.fr.md.swp"),
        "editor swap file",
    )
    .unwrap();
    std::fs::write(
        root.join("content/films/nouveau/fr.md.tmp"),
        "---\ntitle: Nouveau\nsummary: Tout neuf.\n---\nTexte.\n",
    )
    .unwrap();
    std::fs::rename(
        root.join("content/films/nouveau/fr.md.tmp"),
        root.join("content/films/nouveau/fr.md"),
    )
    .unwrap();
    std::fs::remove_file(root.join("content/films/nouveau/.fr.md.swp")).unwrap();
    server.wait_for("fr/films/nouveau/", |p| title(p) == "Nouveau");
    // A deleted record and a renamed record folder.
    std::fs::remove_dir_all(root.join("content/music/album")).unwrap();
    std::fs::rename(
        root.join("content/books/l-etranger"),
        root.join("content/books/etranger"),
    )
    .unwrap();
    server.wait_for("fr/books/etranger/", |p| title(p) == "L’Étranger");
    server.wait_for("fr/music/album/", |p| !p.contains("<h1>Album</h1>"));
    // A body edit (only the record's pages change), then a title edit (its lists too).
    let fr = root.join("content/films/la-haine/fr.md");
    let text = std::fs::read_to_string(&fr).unwrap();
    std::fs::write(
        &fr,
        text.replace("noir et blanc", "noir et blanc, restauré en 4K"),
    )
    .unwrap();
    server.wait_for("fr/films/la-haine/", |p| p.contains("restauré en 4K"));
    let text = std::fs::read_to_string(&fr).unwrap();
    std::fs::write(&fr, text.replace("title: La Haine", "title: Haine (La)")).unwrap();
    server.wait_for("fr/films/", |p| p.contains(">Haine (La)</a>"));
    // A new poster for a record.
    let poster = std::fs::read(root.join("content/films/la-haine/poster.png")).unwrap();
    std::fs::write(root.join("content/films/nouveau/poster.png"), &poster).unwrap();
    let yaml = root.join("content/films/nouveau/record.yaml");
    let text = std::fs::read_to_string(&yaml).unwrap();
    std::fs::write(
        &yaml,
        format!("{text}images:\n  - {{file: poster.png, role: poster, alt: Affiche}}\n"),
    )
    .unwrap();
    server.wait_for("fr/films/nouveau/", |p| {
        p.contains("/media/nouveau/poster.png")
    });
    assert_serves_a_full_build(&server, root);
}

/// A Git-based CMS saves a record's texts as `index.<lang>.md`: serve reads that spelling
/// like `<lang>.md`, record by record, and shows a second spelling of one language as an
/// error over the page until one of them goes.
#[test]
fn a_text_saved_as_index_lang_md_is_served_like_lang_md() {
    let site = Site::new(&[]);
    let server = start(&site);
    let dir = site.root().join("content/films/la-haine");
    let text = std::fs::read_to_string(dir.join("fr.md")).unwrap();
    std::fs::rename(dir.join("fr.md"), dir.join("index.fr.md")).unwrap();
    std::fs::write(
        dir.join("index.fr.md"),
        text.replace("title: La Haine", "title: La Haine (CMS)"),
    )
    .unwrap();
    server.wait_for("fr/films/la-haine/", |p| title(p) == "La Haine (CMS)");
    std::fs::write(dir.join("fr.md"), &text).unwrap();
    let page = server.wait_for("fr/films/la-haine/", |p| p.contains("vitrine-overlay"));
    assert!(page.contains("error[duplicate-language-file]"), "{page}");
    assert!(
        page.contains("--&gt; content/films/la-haine/index.fr.md"),
        "{page}"
    );
    std::fs::remove_file(dir.join("fr.md")).unwrap();
    server.wait_for("fr/films/la-haine/", |p| !p.contains("vitrine-overlay"));
    assert_serves_a_full_build(&server, site.root());
}

#[test]
fn a_site_with_a_cms_serves_admin_and_a_new_record_is_at_its_preview_link_at_once() {
    let site = Site::new(&[]);
    let config = "# what `vitrine cms` wrote\ncollections: []\n";
    site.write("admin/config.yml", config);
    let server = start(&site);
    let (status, body) = server.get(&format!("{}admin/config.yml", server.base));
    assert_eq!((status, body.as_str()), (200, config));
    assert!(server.page("admin/preview.html").contains("noindex"));
    let map = server.page("admin/preview/films/la.json");
    assert!(map.contains(r#""fr":"/fr/films/la-haine/""#), "{map}");
    // `vitrine cms` run again while the server runs: the admin page reads the new one.
    let again = "# written again\ncollections: []\n";
    site.write("admin/config.yml", again);
    server.wait_for("admin/config.yml", |c| c == again);
    // A record created as the CMS writes it: its preview link finds its page at once.
    site.write(
        "content/films/nouvelle-vague/record.yaml",
        "published: 2026-01-20\nyear: 1960\n",
    );
    site.write(
        "content/films/nouvelle-vague/index.fr.md",
        "---\ntitle: Nouvelle vague\n---\nUn film.\n",
    );
    let map = server.wait_for("admin/preview/films/no.json", |m| {
        m.contains("nouvelle-vague")
    });
    assert!(map.contains(r#""fr":"/fr/films/nouvelle-vague/""#), "{map}");
    assert_serves_a_full_build(&server, site.root());
}

/// Asserts that the server serves exactly what a full build of the same files gives.
fn assert_serves_a_full_build(server: &Server, root: &Path) {
    let built = tempfile::tempdir().unwrap();
    let out = Command::new(BIN)
        .args(["build", "--date", "2026-06-01", "--root"])
        .arg(root)
        .arg("--output")
        .arg(built.path().join("public"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let expected = tree(&built.path().join("public"));
    assert_eq!(server.page("__vitrine/settled"), "settled\n");
    let served = server.page("__vitrine/files");
    let served: Vec<&str> = served.lines().collect();
    let expected_paths: Vec<String> = expected.keys().map(|p| common::display(p)).collect();
    let missing: Vec<&String> = expected_paths
        .iter()
        .filter(|p| !served.contains(&p.as_str()))
        .collect();
    let extra: Vec<&&str> = served
        .iter()
        .filter(|p| !expected_paths.iter().any(|e| e == *p))
        .collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "the same files: missing {missing:?}, extra {extra:?}"
    );
    // Every file, as a browser gets it (gzipped when kept so) and as a client that does
    // not take gzip gets it, is the full build's, pages with the reload script taken out.
    for (path, bytes) in &expected {
        for accept in [None, Some("gzip, deflate, br")] {
            let reply = server.fetch(&common::display(path), accept);
            assert_eq!(reply.status, 200, "{}", path.display());
            let body = reply.decoded();
            if path.extension().is_some_and(|e| e == "html") {
                let text = String::from_utf8_lossy(bytes);
                let served = without_injection(&String::from_utf8(body).unwrap());
                assert_same_text(path, &served, &text);
            } else if let (Ok(served), Ok(text)) =
                (std::str::from_utf8(&body), std::str::from_utf8(bytes))
            {
                assert_same_text(path, served, text);
            } else {
                assert!(
                    &body == bytes,
                    "{} differs from a full build",
                    path.display()
                );
            }
        }
    }
}

fn assert_same_text(path: &Path, served: &str, text: &str) {
    if served != text {
        let (n, (got, want)) = served
            .lines()
            .zip(text.lines())
            .enumerate()
            .find(|(_, (a, b))| a != b)
            .unwrap_or((0, ("(lengths differ)", "")));
        panic!(
            "{} differs from a full build at line {}:\n served: {got}\n built:  {want}",
            path.display(),
            n + 1
        );
    }
}

#[test]
fn requests_for_paths_outside_the_site_never_get_a_file() {
    let site = Site::new(&[]);
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        "/etc/passwd",
        site.root().join("content/films/la-haine/secret.txt"),
    )
    .unwrap();
    let server = start(&site);
    for path in [
        "/../site.yaml",
        "/fr/../../site.yaml",
        "/%2e%2e/site.yaml",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/fr%2f..%2f..%2fsite.yaml",
        "/fr%5c..%5csite.yaml",
        "//etc/passwd",
        "/C:/Windows/win.ini",
        "/media/la-haine/secret.txt",
        "/media/la-haine/../../../../etc/passwd",
        "/%00",
    ] {
        let (status, body) = server.get(path);
        assert!(status == 400 || status == 404, "{path}: {status}");
        assert!(!body.contains("root:"), "{path} leaked a file");
        assert!(!body.contains("base_url"), "{path} leaked site.yaml");
    }
}

#[test]
fn a_sub_path_site_is_served_under_its_path_with_content_types() {
    let site = Site::new(&[]);
    let config = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write(
        "site.yaml",
        &config.replace("https://example.org/", "https://example.org/catalogue/"),
    );
    let server = start(&site);
    assert_eq!(server.base, "/catalogue/");
    assert_eq!(server.get("/catalogue/fr/films/la-haine/").0, 200);
    assert_eq!(server.get("/fr/films/la-haine/").0, 404);
    let (status, body) = server.get("/catalogue/fr/no-such-page/");
    assert_eq!(status, 404);
    assert!(
        body.contains("<html lang=\"fr\""),
        "the site's own 404 page in the right language"
    );
    let page = server.page("fr/films/la-haine/");
    let css = page
        .split_once("<link rel=\"stylesheet\" href=\"")
        .and_then(|(_, rest)| rest.split_once('"'))
        .map(|(href, _)| href.to_string())
        .expect("a stylesheet");
    assert!(css.starts_with("/catalogue/static/style."), "{css}");
    let mut stream = TcpStream::connect(&server.addr).unwrap();
    write!(
        stream,
        "HEAD {css} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        server.addr
    )
    .unwrap();
    let mut head = String::new();
    stream.read_to_string(&mut head).unwrap();
    assert!(head.contains("Content-Type: text/css"), "{head}");
    assert!(
        !Path::new(&site.root().join("public")).exists(),
        "serve writes nothing"
    );
}

#[test]
fn five_hundred_edits_in_ten_seconds_leave_the_server_alive_and_right() {
    let site = Site::new(&[]);
    let server = start(&site);
    let root = site.root();
    let yaml = root.join("content/films/la-haine/record.yaml");
    let fr = root.join("content/films/la-haine/fr.md");
    let good_yaml = std::fs::read_to_string(&yaml).unwrap();
    let good_fr = std::fs::read_to_string(&fr).unwrap();
    for n in 0..500 {
        match n % 5 {
            0 => std::fs::write(&yaml, format!("{good_yaml}duration: [broken\n")).unwrap(),
            1 => std::fs::write(
                &yaml,
                good_yaml.replace("1995", &format!("{}", 1900 + n % 100)),
            )
            .unwrap(),
            2 => {
                std::fs::write(&fr, good_fr.replace("La Haine", &format!("La Haine {n}"))).unwrap()
            }
            3 => std::fs::write(&fr, "---\ntitle: [\n").unwrap(),
            _ => {
                let _ = std::fs::remove_dir_all(root.join("content/films/tmp"));
                std::fs::create_dir_all(root.join("content/films/tmp")).unwrap();
                std::fs::write(
                    root.join("content/films/tmp/record.yaml"),
                    "languages: [fr]\npublished: 2026-01-01\nyear: 2001\nduration: 1\n",
                )
                .unwrap();
                std::fs::write(
                    root.join("content/films/tmp/fr.md"),
                    format!("---\ntitle: T{n}\nsummary: S.\n---\nB.\n"),
                )
                .unwrap();
            }
        }
        thread::sleep(Duration::from_millis(20));
    }
    std::fs::write(&yaml, &good_yaml).unwrap();
    std::fs::write(&fr, good_fr.replace("La Haine", "La Haine, fin")).unwrap();
    server.wait_for("fr/films/la-haine/", |p| {
        title(p) == "La Haine, fin" && !p.contains("vitrine-overlay")
    });
    // Let the last events settle, then compare with a full build.
    thread::sleep(Duration::from_millis(300));
    assert_serves_a_full_build(&server, root);
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_the_server_and_leaves_no_file_behind() {
    let site = Site::new(&[]);
    let mut server = start(&site);
    let before = tree(site.root());
    let pid = server.child.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-INT", &pid])
            .status()
            .unwrap()
            .success()
    );
    let started = Instant::now();
    while server.child.try_wait().unwrap().is_none() {
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "still running after Ctrl-C"
        );
        thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(
        tree(site.root()),
        before,
        "serve writes nothing, so nothing is left behind"
    );
    assert!(
        TcpStream::connect(&server.addr).is_err(),
        "the port is free again"
    );
}

#[test]
fn paginated_lists_grow_shrink_and_reorder_like_a_full_build() {
    let site = Site::new(&[]);
    for n in 0..30 {
        site.write(
            &format!("content/films/film-{n:02}/record.yaml"),
            &format!("languages: [fr]\npublished: 2026-03-{:02}\nyear: 2000\nduration: 90\nthemes: [banlieue]\n", 1 + n % 28),
        );
        site.write(
            &format!("content/films/film-{n:02}/fr.md"),
            &format!("---\ntitle: Film {n:02}\nsummary: Le film {n}.\n---\nTexte.\n"),
        );
    }
    let server = start(&site);
    assert!(
        server.page("fr/films/page/2/").contains("<html"),
        "31 films make two pages"
    );
    let root = site.root();
    // Shrink below one page, move a film to the top, give another a new theme.
    for n in 0..10 {
        std::fs::remove_dir_all(root.join(format!("content/films/film-{n:02}"))).unwrap();
    }
    let yaml = root.join("content/films/film-20/record.yaml");
    let text = std::fs::read_to_string(&yaml).unwrap();
    std::fs::write(
        &yaml,
        text.replace("published: 2026-03-21", "published: 2026-12-01")
            .replace("[banlieue]", "[litterature]"),
    )
    .unwrap();
    server.wait_for("fr/films/", |p| {
        p.find("Film 20") < p.find("Film 29") && !p.contains("Film 05")
    });
    let (status, _) = server.get("/fr/films/page/2/");
    assert_eq!(status, 404, "the second page is gone");
    thread::sleep(Duration::from_millis(300));
    assert_serves_a_full_build(&server, root);
}

/// Edits that move records within and between lists of several pages — new titles, new
/// dates, other themes, a record out of the lists and back — on a generated catalogue,
/// served as the README shows (from the site's folder, no `--root`). After each, the
/// server holds exactly what a full build gives.
#[test]
fn edits_that_move_records_in_paginated_lists_serve_what_a_full_build_gives() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    common::generate_catalogue(&root, 200, 3);
    let mut command = Command::new(BIN);
    command
        .args(["serve", "--port", "0", "--date", "2026-06-01"])
        .current_dir(&root);
    let server = Server::spawn(command);
    let events = server.events();
    let films = root.join("content/films");
    let mut records: Vec<_> = std::fs::read_dir(&films)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    records.sort();
    assert!(
        records.len() > 2 * 24,
        "films fill more than two list pages"
    );
    let edit = |record: &Path, file: &str, change: &dyn Fn(&str) -> String| {
        let path = record.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        let new = change(&text);
        assert_ne!(new, text, "{}", path.display());
        eprintln!("edit of {}", path.display());
        std::fs::write(&path, new).unwrap();
        // The pages are reloaded once the server has the edit (a search event of the
        // edit before may come first).
        while next_event(&events) != "reload" {}
        assert_serves_a_full_build(&server, &root);
    };
    let line = |text: &str, key: &str| -> String {
        text.lines()
            .find(|l| l.starts_with(key))
            .unwrap_or_else(|| panic!("no {key} in {text}"))
            .to_string()
    };
    // The newest film: first on page 1 of every list it is in.
    edit(&records[40], "record.yaml", &|t| {
        t.replace(&line(t, "published:"), "published: 2026-05-30")
    });
    // A title that sorts first among the films published the same day as another.
    let published = line(
        &std::fs::read_to_string(records[3].join("record.yaml")).unwrap(),
        "published:",
    );
    edit(&records[41], "record.yaml", &|t| {
        t.replace(&line(t, "published:"), &published)
    });
    edit(&records[41], "fr.md", &|t| {
        t.replace(&line(t, "title:"), "title: Aaa premier")
    });
    // The oldest: to the end of the last page.
    edit(&records[5], "record.yaml", &|t| {
        t.replace(&line(t, "published:"), "published: 1990-01-01")
    });
    // Other themes: out of some term lists, into others.
    let themes = line(
        &std::fs::read_to_string(records[7].join("record.yaml")).unwrap(),
        "themes:",
    );
    edit(&records[8], "record.yaml", &|t| {
        t.replace(&line(t, "themes:"), &themes)
    });
    // Not yet published on the build's day, then back.
    let was = line(
        &std::fs::read_to_string(records[9].join("record.yaml")).unwrap(),
        "published:",
    );
    edit(&records[9], "record.yaml", &|t| {
        t.replace(&line(t, "published:"), "published: 2026-12-31")
    });
    edit(&records[9], "record.yaml", &|t| {
        t.replace(&line(t, "published:"), &was)
    });
}

/// The number of pages the log line of an update says were rendered.
fn rendered(line: &str) -> usize {
    line.split(" pages rendered")
        .next()
        .and_then(|s| s.rsplit(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no page count in `{line}`"))
}

/// A theme edit renders only the pages it can change — those of a changed partial's
/// templates, those of a language whose strings changed — and the server still holds
/// exactly what a full build gives. Started from the site folder, as the README shows.
#[test]
fn a_template_or_strings_edit_renders_only_its_pages_and_serves_a_full_build() {
    let site = Site::new(&[]);
    let root = site.root();
    let mut command = Command::new(BIN);
    command
        .args(["serve", "--port", "0", "--date", "2026-06-01"])
        .current_dir(root);
    let server = Server::spawn(command);
    assert_eq!(server.page("__vitrine/settled"), "settled\n");
    // Edits `file`, waits until `page` shows `shown` and the server has settled, and
    // gives the most pages one update of the edit rendered (an editor's save may come as
    // several events).
    let edit = |file: &str, from: &str, to: &str, page: &str, shown: &str| -> usize {
        let _ = server.log.try_iter().count();
        let path = root.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file} has `{from}`");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
        let first = rendered(&server.log_line("pages rendered"));
        server.wait_for(page, |p| p.contains(shown));
        assert_eq!(server.page("__vitrine/settled"), "settled\n");
        thread::sleep(Duration::from_millis(200));
        let more = server
            .log
            .try_iter()
            .filter(|l| l.contains("pages rendered"));
        more.map(|l| rendered(&l)).fold(first, usize::max)
    };
    // The pages showing cards (lists, home, records with related records), not the others.
    let cards = edit(
        "themes/default/templates/partials/card.html",
        "<li class=\"card ",
        "<li data-edited class=\"card ",
        "fr/films/",
        "data-edited",
    );
    assert!(
        !server.page("fr/a-propos/").contains("data-edited"),
        "a free page has no card"
    );
    assert_serves_a_full_build(&server, root);
    // English strings: the English pages only.
    let english = edit(
        "themes/default/i18n/en.yaml",
        "kinds_film: \"Films\"",
        "kinds_film: \"Motion pictures\"",
        "en/films/",
        "Motion pictures",
    );
    assert_serves_a_full_build(&server, root);
    // The base of every page: all of them.
    let all = edit(
        "themes/default/templates/base.html",
        "<head>",
        "<head>\n<!-- edited -->",
        "fr/",
        "<!-- edited -->",
    );
    assert_serves_a_full_build(&server, root);
    eprintln!(
        "pages rendered: {cards} for a card, {english} for English strings, {all} for the base"
    );
    assert!(
        cards < all && english < all,
        "{cards} pages for a card, {english} for English strings, {all} for the base"
    );
}

#[cfg(unix)]
#[test]
fn a_named_pipe_in_content_is_an_error_over_the_page_and_rebuilds_go_on() {
    let site = Site::new(&[]);
    let server = start(&site);
    let file = site.root().join("content/films/la-haine/en.md");
    let good = std::fs::read_to_string(&file).unwrap();
    std::fs::remove_file(&file).unwrap();
    let made = Command::new("mkfifo").arg(&file).status().unwrap();
    assert!(made.success());
    let page = server.wait_for("fr/films/la-haine/", |p| p.contains("vitrine-overlay"));
    assert!(
        page.contains("error[not-a-file]: this is a named pipe (FIFO), not a file"),
        "{page}"
    );
    assert!(
        page.contains("--&gt; content/films/la-haine/en.md"),
        "{page}"
    );
    std::fs::remove_file(&file).unwrap();
    std::fs::write(&file, good.replace("title: La Haine", "title: Hate")).unwrap();
    let page = server.wait_for("en/films/la-haine/", |p| !p.contains("vitrine-overlay"));
    assert_eq!(
        title(&page),
        "Hate",
        "the server rebuilds after the pipe is gone"
    );
}

/// Status line and body of a raw request to `server` with `host` as its `Host` header.
fn request_with_host(server: &Server, host: Option<&str>) -> (String, String) {
    let mut stream = TcpStream::connect(&server.addr).unwrap();
    let host = host.map(|h| format!("Host: {h}\r\n")).unwrap_or_default();
    let version = if host.is_empty() { "1.0" } else { "1.1" };
    write!(
        stream,
        "GET {}fr/ HTTP/{version}\r\n{host}Connection: close\r\n\r\n",
        server.base
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    (
        head.lines().next().unwrap_or_default().to_string(),
        body.to_string(),
    )
}

#[test]
fn requests_naming_another_host_are_refused_against_dns_rebinding() {
    let site = Site::new(&[]);
    let server = start(&site);
    let port = server.addr.rsplit(':').next().unwrap().to_string();
    for host in [
        "evil.example",
        "evil.example:80",
        &format!("rebind.example:{port}"),
    ] {
        let (status, body) = request_with_host(&server, Some(host));
        assert!(status.contains(" 403 "), "{host}: {status}");
        assert!(!body.contains("<html"), "{host} got a page");
    }
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("LOCALHOST:{port}"),
        format!("[::1]:{port}"),
    ] {
        let (status, body) = request_with_host(&server, Some(&host));
        assert!(status.contains(" 200 "), "{host}: {status}");
        assert!(body.contains("<html lang=\"fr\""), "{host}");
    }
    let (status, _) = request_with_host(&server, None);
    assert!(status.contains(" 200 "), "HTTP/1.0 without Host: {status}");
}

#[test]
fn a_preview_open_to_the_network_is_a_warning_and_with_drafts_must_be_meant() {
    let site = Site::new(&[]);
    let serve = |extra: &[&str]| {
        let mut command = Command::new(BIN);
        command
            .args([
                "serve",
                "--port",
                "0",
                "--bind",
                "0.0.0.0",
                "--date",
                "2026-06-01",
            ])
            .args(extra)
            .arg("--root")
            .arg(site.root());
        command
    };
    for private in [&["--drafts"][..], &["--audience", "network"]] {
        let mut child = serve(private)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let started = Instant::now();
        while child.try_wait().unwrap().is_none() {
            if started.elapsed() > Duration::from_secs(20) {
                let _ = child.kill();
                panic!("{private:?}: the preview started instead of being refused");
            }
            thread::sleep(Duration::from_millis(20));
        }
        let refused = child.wait_with_output().unwrap();
        assert_eq!(refused.status.code(), Some(2), "{private:?}");
        let err = String::from_utf8_lossy(&refused.stderr);
        assert!(
            err.contains("error: --bind 0.0.0.0 would show drafts"),
            "{err}"
        );
        assert!(err.contains("--expose"), "{err}");
    }
    for extra in [&[][..], &["--drafts", "--expose"]] {
        let server = Server::spawn(serve(extra));
        let warning = server.log_line("warning: --bind 0.0.0.0");
        assert!(warning.contains("open to other computers"), "{warning}");
        assert_eq!(server.get("/fr/").0, 200, "{extra:?}");
    }
    let local = start(&site);
    assert_eq!(local.get("/fr/").0, 200);
    let quiet = local.log_line("pages rendered");
    assert!(!quiet.contains("warning"), "{quiet}");
}

#[test]
fn a_client_trickling_its_headers_is_cut_off_while_others_are_answered() {
    let site = Site::new(&[]);
    let server = start(&site);
    let mut slow = TcpStream::connect(&server.addr).unwrap();
    slow.set_read_timeout(Some(Duration::from_millis(500)))
        .unwrap();
    write!(slow, "GET /fr/ HTTP/1.1\r\nHost: {}\r\n", server.addr).unwrap();
    let started = Instant::now();
    let mut closed = false;
    while started.elapsed() < Duration::from_secs(25) {
        // One header line every half second: each read is quick, the whole is not.
        if write!(slow, "X-Slow-{}: 1\r\n", started.elapsed().as_millis()).is_err() {
            closed = true;
            break;
        }
        let mut buf = [0; 256];
        match slow.read(&mut buf) {
            // The server may say why (408) before it closes.
            Ok(n) if n > 0 => continue,
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
            Err(e) if e.kind() == std::io::ErrorKind::TimedOut => {}
            _ => {
                closed = true;
                break;
            }
        }
        assert_eq!(server.get("/fr/").0, 200, "others are answered meanwhile");
    }
    assert!(closed, "a request whose headers never end is cut off");
    assert!(
        started.elapsed() > Duration::from_secs(5),
        "not at once: {:?}",
        started.elapsed()
    );
}

/// A film of a bulk file (`content/films/*.yaml`), published on day `day` of February.
fn bulk_film(id: &str, title: &str, day: u32) -> String {
    format!(
        "- id: {id}\n  languages: [fr]\n  published: 2026-02-{day:02}\n  year: 2001\n  duration: 90\n  \
         themes: [banlieue]\n  title: {{fr: \"{title}\", en: \"{title} (en)\"}}\n  \
         summary: {{fr: \"Résumé de {title}.\", en: \"Summary of {title}.\"}}\n"
    )
}

/// Saves `text` into `rel` as editors' tools do (a hidden temporary file renamed over it,
/// so that the server never reads half a file), waits until `page` is `ready`, and gives
/// the most pages an update of the save rendered.
fn save_and_count(
    server: &Server,
    root: &Path,
    rel: &str,
    text: &str,
    page: &str,
    ready: &dyn Fn(&str) -> bool,
) -> usize {
    let _ = server.log.try_iter().count();
    let path = root.join(rel);
    let temporary = path.with_file_name(".saving.tmp");
    std::fs::write(&temporary, text).unwrap();
    std::fs::rename(&temporary, &path).unwrap();
    let first = rendered(&server.log_line("pages rendered"));
    server.wait_for(page, ready);
    assert_eq!(server.page("__vitrine/settled"), "settled\n");
    thread::sleep(Duration::from_millis(200));
    let more = server
        .log
        .try_iter()
        .filter(|l| l.contains("pages rendered"));
    more.map(|l| rendered(&l)).fold(first, usize::max)
}

/// One title edited in a bulk file of several films: only that film's pages and the pages
/// that list it are rendered again, not every page, and the server holds what a full
/// build gives.
#[test]
fn a_title_edited_in_a_bulk_file_renders_its_record_and_lists_only_like_a_full_build() {
    let site = Site::new(&[]);
    let films: String = (1..=8)
        .map(|n| bulk_film(&format!("lot-{n}"), &format!("Lot {n}"), n))
        .collect();
    site.write("content/films/import.yaml", &films);
    let server = start(&site);
    let all = rendered(&server.log_line("pages rendered"));
    assert_eq!(title(&server.page("fr/films/lot-3/")), "Lot 3");
    let edit = save_and_count(
        &server,
        site.root(),
        "content/films/import.yaml",
        &films.replace("\"Lot 3\"", "\"Lot 3, restauré\""),
        "fr/films/lot-3/",
        &|p| title(p) == "Lot 3, restauré",
    );
    // A full rebuild renders every page; a title shows in the lists, home and taxonomy
    // pages, which are most of so small a site.
    assert!(
        edit < all,
        "{edit} pages rendered for one title, {all} for the whole site"
    );
    assert_serves_a_full_build(&server, site.root());
}

/// Records added to, removed from and renamed in a bulk file, the file broken and fixed,
/// and a record moved from it into a folder: after each save the server holds what a full
/// build of the same files gives, having rendered fewer pages than the whole site.
#[test]
fn records_added_removed_renamed_or_broken_in_a_bulk_file_serve_what_a_full_build_gives() {
    let site = Site::new(&[]);
    let root = site.root();
    let file = "content/films/import.yaml";
    let film = |n: u32| bulk_film(&format!("lot-{n}"), &format!("Lot {n}"), n);
    let mut films: String = (1..=4).map(film).collect();
    site.write(file, &films);
    let server = start(&site);
    let all = rendered(&server.log_line("pages rendered"));
    let save = |text: &str, page: &str, ready: &dyn Fn(&str) -> bool| {
        let count = save_and_count(&server, root, file, text, page, ready);
        assert!(count < all, "{count} pages rendered of {all}");
        assert_serves_a_full_build(&server, root);
    };
    films.push_str(&film(5));
    save(&films, "fr/films/lot-5/", &|p| title(p) == "Lot 5");
    films = films.replace(&film(2), "");
    save(&films, "fr/films/lot-2/", &|p| !p.contains("Lot 2"));
    films = films.replace("id: lot-3", "id: lot-trois");
    save(&films, "fr/films/lot-trois/", &|p| title(p) == "Lot 3");
    // Broken: the errors over the last good build; then fixed.
    let broken = format!("{films}- id: lot-6\n  title: {{fr: \"Lot 6\"\n");
    std::fs::write(root.join(file), broken).unwrap();
    let page = server.wait_for("fr/films/lot-1/", |p| p.contains("vitrine-overlay"));
    assert_eq!(title(&page), "Lot 1", "the last good build is still served");
    assert!(page.contains("content/films/import.yaml:"), "{page}");
    std::fs::write(root.join(file), &films).unwrap();
    server.wait_for("fr/films/lot-1/", |p| !p.contains("vitrine-overlay"));
    assert_serves_a_full_build(&server, root);
    // Moved into a folder: written there first (one id in two places is an error, as in a
    // full build), then taken out of the file.
    site.write(
        "content/films/lot-4/record.yaml",
        "languages: [fr]\npublished: 2026-02-04\nyear: 2001\nduration: 90\nthemes: [banlieue]\n",
    );
    site.write(
        "content/films/lot-4/fr.md",
        "---\ntitle: Lot 4, dossier\nsummary: Déplacé.\n---\nTexte.\n",
    );
    server.wait_for("fr/films/lot-4/", |p| p.contains("vitrine-overlay"));
    let built = site.build();
    assert!(!built.status.success(), "a full build refuses it too");
    std::fs::write(root.join(file), films.replace(&film(4), "")).unwrap();
    server.wait_for("fr/films/lot-4/", |p| {
        title(p) == "Lot 4, dossier" && !p.contains("vitrine-overlay")
    });
    assert_serves_a_full_build(&server, root);
}

/// A spreadsheet (`content/films/*.csv`) is a bulk file too: a title edited renders that
/// film and its lists only, a row added its film; each time what a full build gives.
#[test]
fn a_csv_sheet_saved_renders_its_changed_rows_only_like_a_full_build() {
    let site = Site::new(&[]);
    let file = "content/films/export.csv";
    let header = "id,title.fr,title.en,summary.fr,year,duration,themes,published\n";
    let row = |n: u32, title: &str| {
        format!("csv-{n},{title},{title} (en),Résumé {n}.,2001,90,banlieue,2026-02-{n:02}\n")
    };
    let rows: String = (1..=6).map(|n| row(n, &format!("Ligne {n}"))).collect();
    site.write(file, &format!("{header}{rows}"));
    let server = start(&site);
    let all = rendered(&server.log_line("pages rendered"));
    assert_eq!(title(&server.page("fr/films/csv-2/")), "Ligne 2");
    let edited = rows.replace(&row(2, "Ligne 2"), &row(2, "Ligne deux"));
    let edit = save_and_count(
        &server,
        site.root(),
        file,
        &format!("{header}{edited}"),
        "fr/films/csv-2/",
        &|p| title(p) == "Ligne deux",
    );
    // A full rebuild renders every page; a title shows in the lists, home and taxonomy
    // pages, which are most of so small a site.
    assert!(
        edit < all,
        "{edit} pages rendered for one title, {all} for the whole site"
    );
    assert_serves_a_full_build(&server, site.root());
    let added = save_and_count(
        &server,
        site.root(),
        file,
        &format!("{header}{edited}{}", row(7, "Ligne 7")),
        "fr/films/csv-7/",
        &|p| title(p) == "Ligne 7",
    );
    assert!(added < all, "{added} pages rendered of {all}");
    assert_serves_a_full_build(&server, site.root());
}
