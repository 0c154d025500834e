//! Integration tests: the real `vitrine` binary on small fixture sites copied to a temporary
//! folder. Every fixture starts from `tests/fixtures/base/` (a tiny valid site) with the
//! repository's default theme; a case folder is laid over it and changes one thing.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{BIN, Site, copy_dir, repo, stderr, tree};

#[test]
fn base_fixture_builds_a_page_per_record_and_language() {
    let site = Site::new(&[]);
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let summary = String::from_utf8_lossy(&out.stdout);
    assert!(summary.starts_with("built 5 records, "), "{summary}");
    assert!(summary.contains("3 languages in "), "{summary}");
    let page = site.read("fr/films/la-haine/index.html");
    assert!(page.contains(r#"<html lang="fr" dir="ltr">"#));
    assert!(page.contains("<title>La Haine"));
    assert!(
        page.contains(r#"<meta name="description" content="Vingt-quatre heures dans une cité.">"#)
    );
    assert!(
        page.contains(r#"href="/en/films/la-haine/""#),
        "links to its translations"
    );
    let ar = site.read("ar/films/la-haine/index.html");
    assert!(ar.contains(r#"<html lang="ar" dir="rtl">"#));
    assert!(
        site.read("en/films/la-haine/index.html")
            .contains("<h1>Hate</h1>")
    );
    assert!(
        site.public()
            .join("fr/books/l-etranger/index.html")
            .is_file()
    );
    assert!(
        !site.public().join("en/books/l-etranger").exists(),
        "no English text, no English page"
    );
    assert!(
        site.public().join("media/la-haine/poster.png").is_file(),
        "record assets are copied"
    );
    assert!(
        stylesheet(&site.public()).is_file(),
        "theme static files are copied"
    );
    for lang in ["fr", "en", "ar"] {
        assert!(
            site.public().join(lang).join("index.html").is_file(),
            "home in {lang}"
        );
        assert!(
            site.public().join(lang).join("films/index.html").is_file(),
            "film list in {lang}"
        );
    }
    let chooser = site.read("index.html");
    for lang in ["/fr/", "/en/", "/ar/"] {
        assert!(
            chooser.contains(&format!("href=\"{lang}\"")),
            "the chooser links to {lang}"
        );
    }
    assert!(
        site.read("fr/about/index.html")
            .contains("data-lang=\"yaml\""),
        "code is highlighted"
    );
    for (file, bytes) in tree(&site.public()) {
        let text = String::from_utf8_lossy(&bytes);
        let injected = text.contains("__vitrine") || text.contains("EventSource");
        assert!(!injected, "{} has serve's reload script", file.display());
    }
}

#[test]
fn every_validation_error_is_located_with_help() {
    let cases = fs::read_dir(repo().join("tests/fixtures/errors")).unwrap();
    let mut count = 0;
    for case in cases {
        let case = case.unwrap().path();
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let expected = fs::read_to_string(case.join("expected.txt")).unwrap();
        let site = Site::new(&[&format!("errors/{name}")]);
        fs::remove_file(site.root().join("expected.txt")).unwrap();
        let out = site.build();
        assert_eq!(out.status.code(), Some(1), "{name}: {}", stderr(&out));
        let err = stderr(&out);
        for line in expected.lines() {
            assert!(err.contains(line), "{name}: expected\n{line}\nin\n{err}");
        }
        assert!(
            !site.public().exists(),
            "{name}: a site with errors is not written"
        );
        count += 1;
    }
    assert!(count >= 13, "only {count} error fixtures");
}

#[test]
fn every_problem_of_the_site_is_reported_in_one_run() {
    let site = Site::new(&[
        "errors/unknown-theme",
        "errors/bad-isbn",
        "errors/invalid-time-zone",
        "errors/undeclared-language",
    ]);
    let out = site.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    for code in [
        "unknown-theme",
        "invalid-isbn",
        "invalid-time-zone",
        "unknown-language",
    ] {
        assert!(
            err.contains(&format!("error[{code}]")),
            "{code} missing from\n{err}"
        );
    }
    assert!(err.contains("4 errors; nothing was written"), "{err}");
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let site = Site::new(&[]);
    assert!(site.build().status.success());
    let before = tree(&site.public());
    site.write(
        "content/films/la-haine/record.yaml",
        "languages: [fr]\npublished: 2026-13-01\nyear: 1995\nduration: 98\n",
    );
    let out = site.build();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(tree(&site.public()), before);
    let leftovers: Vec<_> = fs::read_dir(site.root())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains("vitrine"))
        .filter(|e| e.file_name() != ".vitrine")
        // The lock file stays: removing it could let two builds lock different files.
        .filter(|e| e.file_name() != ".public.vitrine-lock")
        .collect();
    assert!(leftovers.is_empty(), "no staging folder is left behind");
}

/// The theme's stylesheet in a built site: `static/style.<hash>.css`.
fn stylesheet(public: &Path) -> PathBuf {
    let found: Vec<PathBuf> = fs::read_dir(public.join("static"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with("style.") && name.ends_with(".css")
        })
        .collect();
    assert_eq!(found.len(), 1, "one stylesheet: {found:?}");
    found[0].clone()
}

#[test]
fn css_and_javascript_are_fingerprinted_and_change_name_when_they_change() {
    let site = Site::new(&[]);
    assert!(site.build().status.success());
    let css = stylesheet(&site.public());
    let name = css.file_name().unwrap().to_string_lossy().into_owned();
    let hash = name.trim_start_matches("style.").trim_end_matches(".css");
    assert_eq!(hash.len(), 8, "{name}");
    assert!(hash.chars().all(|c| c.is_ascii_hexdigit()), "{name}");
    assert!(!site.public().join("static/style.css").exists());
    let page = site.read("fr/films/la-haine/index.html");
    assert!(page.contains(&format!("href=\"/static/{name}\"")), "{page}");
    let search = site.read("fr/search/index.html");
    let script = search
        .split_once("<script type=\"module\" src=\"/static/search.")
        .map(|(_, rest)| rest.split_once('"').unwrap().0.to_string())
        .expect("the search script, fingerprinted");
    assert!(
        site.public()
            .join(format!("static/search.{script}"))
            .is_file()
    );
    let runtime = search
        .split_once("data-runtime=\"/search/vitrine-search.")
        .map(|(_, rest)| rest.split_once('"').unwrap().0.to_string())
        .expect("the runtime, fingerprinted");
    assert!(
        site.public()
            .join(format!("search/vitrine-search.{runtime}"))
            .is_file()
    );
    // A site's own stylesheet replaces the theme's, under another name.
    site.write("static/style.css", "body { color: black }\n");
    assert!(site.build().status.success());
    let changed = stylesheet(&site.public());
    assert_ne!(changed, css);
    assert_eq!(
        fs::read_to_string(&changed).unwrap(),
        "body { color: black }\n"
    );
    let page = site.read("fr/films/la-haine/index.html");
    assert!(page.contains(&format!(
        "href=\"/static/{}\"",
        changed.file_name().unwrap().to_string_lossy()
    )));
}

/// `(encoded, from the cache)` of a build's summary line.
fn picture_counts(out: &Output) -> (usize, usize) {
    let text = String::from_utf8_lossy(&out.stdout);
    let (_, rest) = text
        .split_once(" (")
        .unwrap_or_else(|| panic!("no picture counts in {text}"));
    let numbers: Vec<usize> = rest
        .split(|c: char| !c.is_ascii_digit())
        .filter(|n| !n.is_empty())
        .take(2)
        .map(|n| n.parse().unwrap())
        .collect();
    (numbers[0], numbers[1])
}

#[test]
fn pictures_are_resized_to_webp_and_their_format_once_then_come_from_the_cache() {
    let site = Site::new(&[]);
    let poster = site.root().join("content/films/la-haine/poster.png");
    let picture = image::RgbImage::from_fn(900, 1350, |x, y| {
        image::Rgb([(x / 4) as u8, (y / 6) as u8, ((x + y) / 9) as u8])
    });
    picture.save(&poster).unwrap();
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
    // Widths 240, 480 and 900 (its own), each in WebP and PNG; the 900 PNG is the file.
    assert_eq!(picture_counts(&out), (5, 0));
    let page = site.read("fr/films/la-haine/index.html");
    let webp = page
        .split_once("<source type=\"image/webp\" srcset=\"")
        .and_then(|(_, rest)| rest.split_once('"'))
        .map(|(srcset, _)| srcset.to_string())
        .expect("a WebP source");
    let urls: Vec<(&str, &str)> = webp
        .split(", ")
        .map(|c| c.split_once(' ').unwrap())
        .collect();
    assert_eq!(
        urls.iter().map(|(_, w)| *w).collect::<Vec<_>>(),
        ["240w", "480w", "900w"]
    );
    for (url, _) in &urls {
        let file = site.public().join(url.trim_start_matches('/'));
        let bytes = fs::read(&file).unwrap_or_else(|e| panic!("{url}: {e}"));
        assert_eq!(&bytes[8..12], b"WEBP", "{url} is a WebP file");
    }
    assert!(
        page.contains("width=\"900\" height=\"1350\""),
        "the picture's size is set, so nothing moves as it loads"
    );
    assert!(
        page.contains(" sizes=\""),
        "sizes tells which width to take"
    );
    let card = site.read("fr/films/index.html");
    assert!(card.contains("loading=\"lazy\""), "cards load lazily");
    assert!(card.contains("image/webp"), "cards offer WebP");
    // Nothing changed: nothing is encoded again, and the cache files are the same.
    let cache = tree(&site.root().join(".vitrine/images"));
    let again = site.build();
    assert!(again.status.success());
    assert_eq!(picture_counts(&again), (0, 5));
    assert_eq!(tree(&site.root().join(".vitrine/images")), cache);
    assert_eq!(site.read("fr/films/la-haine/index.html"), page);
    // A new picture under the same name gets new files and new names.
    let smaller = image::RgbImage::from_fn(300, 450, |x, y| image::Rgb([x as u8, y as u8, 7]));
    smaller.save(&poster).unwrap();
    let changed = site.build();
    assert_eq!(picture_counts(&changed), (3, 0));
    assert!(
        !site
            .read("fr/films/la-haine/index.html")
            .contains(urls[0].0)
    );
}

#[test]
fn a_picture_that_cannot_be_read_is_located_and_nothing_is_written() {
    let site = Site::new(&[]);
    assert!(site.build().status.success());
    let before = tree(&site.public());
    site.write("content/films/la-haine/poster.png", "not a picture");
    let out = site.build();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("content/films/la-haine/record.yaml:10:")
            && err.contains("the image `poster.png` cannot be used")
            && err.contains("save it again as a JPEG or PNG"),
        "{err}"
    );
    assert_eq!(tree(&site.public()), before);
}

#[test]
fn two_builds_are_byte_identical() {
    let site = Site::new(&[]);
    let (one, two) = (site.root().join("one"), site.root().join("two"));
    let first = site.run(&[
        "build",
        "--date",
        "2026-06-01",
        "--output",
        one.to_str().unwrap(),
    ]);
    let second = site.run(&[
        "build",
        "--date",
        "2026-06-01",
        "--output",
        two.to_str().unwrap(),
    ]);
    assert!(first.status.success() && second.status.success());
    let (one, two) = (tree(&one), tree(&two));
    assert!(one.len() > 40);
    assert_eq!(one, two);
}

#[test]
fn a_site_template_overrides_the_theme_file_by_file() {
    let site = Site::new(&["override"]);
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        site.read("fr/films/la-haine/index.html")
            .contains("<p class=\"site-override\">La Haine</p>")
    );
    assert!(
        site.read("fr/films/index.html").contains("class=\"card"),
        "other templates still come from the theme"
    );
    assert!(!site.read("fr/films/index.html").contains("site-override"));
}

#[test]
fn a_template_error_names_the_template_line_and_column() {
    let site = Site::new(&[]);
    site.write(
        "templates/record.html",
        "{% extends \"base.html\" %}\n{% block content %}\n{{ record.title \n{% endblock %}\n",
    );
    let out = site.build();
    assert_eq!(
        out.status.code(),
        Some(2),
        "a broken theme is a configuration error"
    );
    let err = stderr(&out);
    assert!(err.contains("error[template]"), "{err}");
    assert!(
        err.contains("--> templates/record.html:4:1"),
        "where the unclosed tag is noticed:\n{err}"
    );
    assert!(err.contains("expected }}"), "{err}");
}

#[test]
fn drafts_and_network_records_leave_no_trace_unless_asked() {
    let site = Site::new(&[]);
    site.write(
        "content/films/brouillon/record.yaml",
        "languages: [fr]\npublished: 2026-01-01\nyear: 2026\nduration: 80\ndraft: true\n",
    );
    site.write(
        "content/films/brouillon/fr.md",
        "---\ntitle: Brouillon secret\nsummary: Pas encore.\n---\nTexte.\n",
    );
    site.write(
        "content/films/reserve/record.yaml",
        "languages: [fr]\npublished: 2026-01-01\nyear: 2026\nduration: 80\naccess: network\n",
    );
    site.write(
        "content/films/reserve/fr.md",
        "---\ntitle: Film réservé au réseau\nsummary: Pour les membres.\n---\nTexte.\n",
    );
    assert!(site.build().status.success());
    for (file, bytes) in tree(&site.public()) {
        let text = String::from_utf8_lossy(&bytes);
        for secret in [
            "brouillon",
            "Brouillon secret",
            "reserve",
            "réservé au réseau",
        ] {
            assert!(
                !text.contains(secret),
                "{secret} leaks into {}",
                file.display()
            );
        }
    }
    let out = site.run(&["build", "--drafts", "--audience", "network"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        site.read("fr/films/brouillon/index.html")
            .contains("Brouillon secret")
    );
    assert!(
        site.read("fr/films/reserve/index.html")
            .contains("Film réservé au réseau")
    );
}

#[test]
fn new_scaffolds_a_record_of_each_kind_that_passes_check() {
    let site = Site::new(&[]);
    for kind in ["film", "book", "music", "webinar", "production"] {
        let id = format!("nouveau-{kind}");
        let out = site.run(&["new", kind, &id]);
        assert!(out.status.success(), "{}", stderr(&out));
        let folder = match kind {
            "music" => "music".to_string(),
            k => format!("{k}s"),
        };
        let yaml = fs::read_to_string(
            site.root()
                .join(format!("content/{folder}/{id}/record.yaml")),
        )
        .unwrap();
        assert!(
            yaml.contains("published:") && yaml.contains('#'),
            "commented fields:\n{yaml}"
        );
        assert!(
            site.root()
                .join(format!("content/{folder}/{id}/fr.md"))
                .is_file()
        );
        // Its first line names its schema, relative to the file, for editors' tools; the
        // schema is there and accepts the new record.
        let rel = format!("content/{folder}/{id}/record.yaml");
        let schema = yaml
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("# yaml-language-server: $schema="))
            .unwrap_or_else(|| panic!("no schema line:\n{yaml}"));
        let schema = site.root().join(&rel).parent().unwrap().join(schema);
        assert_eq!(
            schema_errors(&schema, &yaml_of(&site.root().join(&rel))),
            Vec::<String>::new()
        );
    }
    let again = site.run(&["new", "film", "nouveau-film"]);
    assert_eq!(
        again.status.code(),
        Some(2),
        "an existing record is never overwritten"
    );
    // New records are published today: build for today, not for the fixtures' date.
    let out = site.run(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        site.public()
            .join("fr/productions/nouveau-production/index.html")
            .is_file()
    );
}

#[test]
fn exit_codes_tell_content_errors_from_usage_and_configuration() {
    let site = Site::new(&[]);
    site.write("site.yaml", "title: X\nbase_url: https://example.org/\ndefault_language: fr\nlanguages: [{code: fr, name: Français}]\ncolour: blue\n");
    let out = site.run(&["check"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("error[unknown-field]: `colour` is not a field here"));
    assert!(stderr(&out).contains("--> site.yaml:5:1"));
    let usage = Command::new(BIN)
        .args(["build", "--no-such-flag"])
        .output()
        .unwrap();
    assert_eq!(usage.status.code(), Some(2));
    let empty = tempfile::tempdir().unwrap();
    let missing = Command::new(BIN)
        .args(["check", "--root"])
        .arg(empty.path())
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("error[missing-config]"));
}

#[test]
fn a_base_url_with_a_path_prefixes_every_link() {
    let site = Site::new(&[]);
    let out = site.run(&["build", "--base-url", "https://example.org/catalogue"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = site.read("fr/films/la-haine/index.html");
    assert!(
        page.contains(r#"href="/catalogue/static/style."#) && page.contains(r#".css""#),
        "{page}"
    );
    assert!(page.contains(r#"src="/catalogue/media/la-haine/poster-2."#));
    assert!(page.contains(r#"href="https://example.org/catalogue/en/films/la-haine/""#));
    assert!(
        !page.contains(r#"href="/fr/"#),
        "no link escapes the sub-path"
    );
}

#[test]
fn the_example_catalogue_builds_every_record_in_every_language_it_has() {
    let out_dir = tempfile::tempdir().unwrap();
    let public = out_dir.path().join("public");
    let out = common::build_example(&public);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).is_empty(),
        "the example has no warnings:\n{}",
        stderr(&out)
    );
    let mut pages = 0;
    for kind in ["films", "books", "music", "webinars", "productions"] {
        for record in fs::read_dir(repo().join("content").join(kind)).unwrap() {
            let record = record.unwrap().path();
            // Records of bulk files (the example's spreadsheet) are tested in tests/records.rs.
            if !record.is_dir() {
                continue;
            }
            let yaml = fs::read_to_string(record.join("record.yaml")).unwrap();
            if yaml.contains("access: network") || yaml.contains("draft: true") {
                continue;
            }
            for file in fs::read_dir(&record).unwrap() {
                let name = file.unwrap().file_name().to_string_lossy().into_owned();
                // The example's texts are spelled as its CMS writes them: `index.<lang>.md`.
                let Some(lang) = name
                    .strip_suffix(".md")
                    .map(|stem| stem.strip_prefix("index.").unwrap_or(stem))
                else {
                    continue;
                };
                let id = record.file_name().unwrap().to_string_lossy();
                let front = fs::read_to_string(record.join(&name)).unwrap();
                let slug = front
                    .lines()
                    .find_map(|l| l.strip_prefix("slug: "))
                    .unwrap_or(&id)
                    .trim()
                    .to_string();
                // Kind paths are translated, so look for the slug in any section of the language.
                let found = fs::read_dir(public.join(lang))
                    .unwrap()
                    .filter_map(Result::ok)
                    .find_map(|section| {
                        let page = section.path().join(&slug).join("index.html");
                        fs::read_to_string(page).ok()
                    });
                let html = found.unwrap_or_else(|| panic!("no {lang} page for {id} (slug {slug})"));
                assert!(html.contains(&format!("<html lang=\"{lang}\"")));
                pages += 1;
            }
        }
    }
    assert!(pages >= 60, "only {pages} record pages");
    for lang in ["fr", "en", "es", "ar"] {
        let home = fs::read_to_string(public.join(lang).join("index.html")).unwrap();
        assert!(
            home.contains("id=\"upcoming-title\""),
            "{lang}: the home shows upcoming webinars"
        );
        assert!(
            home.contains("class=\"collection\""),
            "{lang}: and collections"
        );
    }
}

/// The first child element of `node` called `name`.
fn child<'a, 'input>(
    node: roxmltree::Node<'a, 'input>,
    name: &str,
) -> Option<roxmltree::Node<'a, 'input>> {
    node.children().find(|c| c.tag_name().name() == name)
}

/// The JSON-LD of a record page.
fn json_ld(html: &str) -> serde_json::Value {
    let start = html
        .find("<script type=\"application/ld+json\">")
        .expect("JSON-LD")
        + 35;
    let end = start + html[start..].find("</script>").unwrap();
    serde_json::from_str(&html[start..end]).expect("valid JSON")
}

#[test]
fn record_pages_carry_schema_org_json_ld_that_text_cannot_break() {
    let site = Site::new(&[]);
    site.write(
        "content/films/la-haine/fr.md",
        "---\ntitle: \"La Haine</script><script>alert(1)</script>\"\nsummary: \"\\\"><img src=x onerror=alert(2)> <!-- x\"\n---\nTexte.\n",
    );
    assert!(site.build().status.success());
    let film = site.read("fr/films/la-haine/index.html");
    assert!(
        !film.contains("<script>alert(1)"),
        "the title cannot open a script"
    );
    assert!(!film.contains("<img src=x"), "nor an element");
    let data = json_ld(&film);
    assert_eq!(data["@type"], "Movie");
    assert_eq!(
        data["name"], "La Haine</script><script>alert(1)</script>",
        "escaped, not altered"
    );
    assert_eq!(data["duration"], "PT98M");
    assert_eq!(data["director"][0]["name"], "Mathieu Kassovitz");
    assert_eq!(data["url"], "https://example.org/fr/films/la-haine/");
    assert!(film.contains(
        r#"<meta property="og:image" content="https://example.org/media/la-haine/poster.png">"#
    ));
    assert_eq!(
        json_ld(&site.read("fr/books/l-etranger/index.html"))["isbn"],
        "9782070360024"
    );
    assert_eq!(
        json_ld(&site.read("fr/music/album/index.html"))["@type"],
        "MusicAlbum"
    );
    assert_eq!(
        json_ld(&site.read("fr/productions/expo/index.html"))["@type"],
        "CreativeWork"
    );
    let event = json_ld(&site.read("fr/webinars/atelier/index.html"));
    assert_eq!(event["@type"], "Event");
    assert_eq!(
        event["startDate"], "2026-03-29T18:30:00+02:00",
        "Paris is on summer time that day"
    );
    assert_eq!(event["endDate"], "2026-03-29T19:30:00+02:00");
    assert_eq!(
        event["eventAttendanceMode"],
        "https://schema.org/OnlineEventAttendanceMode"
    );
    assert_eq!(event["location"]["@type"], "VirtualLocation");
}

#[test]
fn atom_feeds_per_language_and_kind_are_valid_and_deterministic() {
    let site = Site::new(&[]);
    site.write(
        "content/films/reserve/record.yaml",
        "languages: [fr]\npublished: 2026-09-01\nyear: 2026\nduration: 80\naccess: network\n",
    );
    site.write(
        "content/films/reserve/fr.md",
        "---\ntitle: Réservé & secret\nsummary: Pour le réseau.\n---\nTexte.\n",
    );
    assert!(site.build().status.success());
    let text = site.read("fr/feed.xml");
    let doc = roxmltree::Document::parse(&text).expect("well-formed XML");
    let feed = doc.root_element();
    assert_eq!(
        feed.tag_name().namespace(),
        Some("http://www.w3.org/2005/Atom")
    );
    assert_eq!(feed.tag_name().name(), "feed");
    for required in ["id", "title", "updated", "author", "link"] {
        assert!(child(feed, required).is_some(), "the feed has <{required}>");
    }
    let entries: Vec<_> = feed
        .children()
        .filter(|c| c.tag_name().name() == "entry")
        .collect();
    assert_eq!(entries.len(), 5, "every public record in French");
    for entry in &entries {
        for required in ["id", "title", "updated", "link"] {
            assert!(
                child(*entry, required).is_some(),
                "each entry has <{required}>"
            );
        }
        let href = child(*entry, "link").unwrap().attribute("href").unwrap();
        assert!(
            href.starts_with("https://example.org/fr/"),
            "absolute links: {href}"
        );
    }
    let updated = child(feed, "updated").unwrap().text().unwrap();
    assert_eq!(
        updated, "2026-05-01T00:00:00Z",
        "the newest record's date, not the clock"
    );
    assert!(
        !text.contains("secret"),
        "network records stay out of public feeds"
    );
    let films = site.read("fr/films/feed.xml");
    assert_eq!(films.matches("<entry").count(), 1);
    assert!(
        site.read("fr/index.html")
            .contains(r#"<link rel="alternate" type="application/atom+xml" href="/fr/feed.xml""#)
    );
    assert_eq!(
        site.read("robots.txt"),
        "User-agent: *\nAllow: /\nSitemap: https://example.org/sitemap.xml\n"
    );
    let sitemap = site.read("sitemap.xml");
    let doc = roxmltree::Document::parse(&sitemap).expect("the sitemap is well-formed XML");
    let urls: Vec<_> = doc
        .root_element()
        .children()
        .filter(|c| c.tag_name().name() == "url")
        .collect();
    let loc = |u: &roxmltree::Node| {
        child(*u, "loc")
            .and_then(|l| l.text())
            .unwrap_or_default()
            .to_string()
    };
    let locs: Vec<String> = urls.iter().map(loc).collect();
    assert!(locs.contains(&"https://example.org/fr/films/la-haine/".to_string()));
    assert!(
        !locs.iter().any(|l| l.contains("reserve")),
        "network records stay out of the sitemap"
    );
    let la_haine = urls
        .iter()
        .find(|u| loc(u) == "https://example.org/en/films/la-haine/")
        .unwrap();
    let alternates: Vec<&str> = la_haine
        .children()
        .filter(|c| c.tag_name().name() == "link")
        .filter_map(|l| l.attribute("hreflang"))
        .collect();
    assert_eq!(alternates, ["fr", "en", "ar", "x-default"]);
}

#[test]
fn webinar_calendars_give_the_right_utc_instant_in_every_zone_and_season() {
    let site = Site::new(&[]);
    let webinars = [
        (
            "paris-hiver",
            "2026-12-10T18:30",
            "Europe/Paris",
            "DTSTART:20261210T173000Z",
        ),
        (
            "paris-ete",
            "2026-06-10T18:30",
            "Europe/Paris",
            "DTSTART:20260610T163000Z",
        ),
        // Morocco moves its clocks back by an hour during Ramadan (mid-February to mid-March 2026).
        (
            "casablanca-ramadan",
            "2026-03-01T18:00",
            "Africa/Casablanca",
            "DTSTART:20260301T180000Z",
        ),
        (
            "casablanca-avril",
            "2026-04-20T18:00",
            "Africa/Casablanca",
            "DTSTART:20260420T170000Z",
        ),
        (
            "sao-paulo",
            "2026-12-10T19:00",
            "America/Sao_Paulo",
            "DTSTART:20261210T220000Z",
        ),
    ];
    for (id, start, zone, _) in webinars {
        site.write(
            &format!("content/webinars/{id}/record.yaml"),
            &format!("languages: [fr]\npublished: 2026-01-01\nstart: {start}\ntime_zone: {zone}\nduration: 90\n"),
        );
        site.write(
            &format!("content/webinars/{id}/fr.md"),
            &format!(
                "---\ntitle: \"Webinaire {id}; avec, virgules\"\nsummary: Résumé.\n---\nTexte.\n"
            ),
        );
    }
    let out = site.run(&["build", "--date", "2026-05-01"]);
    assert!(out.status.success(), "{}", stderr(&out));
    for (id, _, _, dtstart) in webinars {
        let ics = site.read(&format!("fr/webinars/{id}/event.ics"));
        assert!(ics.contains(dtstart), "{id}: expected {dtstart} in\n{ics}");
        assert!(
            ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"),
            "CRLF line ends"
        );
        assert!(
            ics.contains(&format!(
                "SUMMARY;LANGUAGE=fr:Webinaire {id}\\; avec\\, virgules"
            )),
            "escaped text"
        );
        assert!(ics.lines().all(|l| l.len() <= 76), "folded lines");
    }
    // A real iCalendar parser reads them back, with the same instants.
    for (id, _, _, dtstart) in webinars {
        let ics = site.read(&format!("fr/webinars/{id}/event.ics"));
        let mut parser = ical::IcalParser::new(std::io::BufReader::new(ics.as_bytes()));
        let calendar = parser.next().expect("a calendar").expect("valid iCalendar");
        let event = &calendar.events[0];
        let value = |name: &str| {
            event
                .properties
                .iter()
                .find(|p| p.name == name)
                .and_then(|p| p.value.clone())
        };
        assert_eq!(format!("DTSTART:{}", value("DTSTART").unwrap()), dtstart);
        assert_eq!(
            value("SUMMARY").unwrap(),
            format!("Webinaire {id}\\; avec\\, virgules")
        );
        assert!(value("UID").unwrap().ends_with("@example.org"));
    }
    let calendar = site.read("fr/webinars/calendar.ics");
    let upcoming: Vec<&str> = calendar
        .lines()
        .filter(|l| l.starts_with("DTSTART"))
        .collect();
    assert_eq!(
        upcoming,
        [
            "DTSTART:20260610T163000Z",
            "DTSTART:20261210T173000Z",
            "DTSTART:20261210T220000Z"
        ],
        "only webinars after the build date, soonest first"
    );
    let page = site.read("fr/webinars/paris-ete/index.html");
    assert!(
        page.contains("10 juin 2026 18:30 (UTC+02:00)"),
        "the event's own time and offset"
    );
    assert!(
        page.contains(r#"datetime="2026-06-10T16:30:00Z""#),
        "the instant, for the visitor's time zone"
    );
}

#[test]
fn scheduled_records_wait_for_their_day_and_expired_ones_leave_the_lists() {
    let site = Site::new(&[]);
    site.write(
        "content/films/bientot/record.yaml",
        "languages: [fr]\npublished: 2026-09-01\nyear: 2026\nduration: 80\n",
    );
    site.write(
        "content/films/bientot/fr.md",
        "---\ntitle: Bientôt\nsummary: À venir.\n---\nTexte.\n",
    );
    site.write(
        "content/films/expire/record.yaml",
        "languages: [fr]\npublished: 2026-01-02\nyear: 2020\nduration: 80\navailable:\n  until: 2026-05-31\n",
    );
    site.write(
        "content/films/expire/fr.md",
        "---\ntitle: Droits échus\nsummary: Plus disponible.\n---\nTexte.\n",
    );
    assert!(site.build().status.success(), "build date 2026-06-01");
    assert!(
        !site.public().join("fr/films/bientot").exists(),
        "not published before its day"
    );
    assert!(!site.read("fr/films/index.html").contains("Bientôt"));
    let expired = site.read("fr/films/expire/index.html");
    assert!(
        expired.contains("Cette œuvre n’est plus disponible : elle l’était jusqu’au 31 mai 2026."),
        "the page stays, with a notice"
    );
    assert!(
        !site.read("fr/films/index.html").contains("Droits échus"),
        "it leaves the lists"
    );
    assert!(
        !site.read("fr/feed.xml").contains("Droits échus"),
        "and the feeds"
    );
    assert!(
        !site.read("sitemap.xml").contains("/fr/films/expire/"),
        "and the sitemap"
    );
    let out = site.run(&["build", "--date", "2026-06-01", "--future"]);
    assert!(out.status.success());
    assert!(
        site.read("fr/films/index.html").contains("Bientôt"),
        "--future publishes it"
    );
    let out = site.run(&["build", "--date", "2026-05-31"]);
    assert!(out.status.success());
    assert!(
        site.read("fr/films/index.html").contains("Droits échus"),
        "still listed on its last day"
    );
}

/// The language of a file is named by CLDR: the base site has no data/languages.yaml.
#[test]
fn resources_are_copied_with_link_text_that_says_what_they_are() {
    let site = Site::new(&[]);
    let yaml = "languages: [fr]\npublished: 2026-05-01\ninstitution: if-senegal\ntype: exhibition\nyear: 2026\nresources:\n  - {file: guide.pdf, title: {fr: Guide de visite, en: Visitor guide}, language: fr, accessible: guide.txt}\n";
    site.write("content/productions/expo/record.yaml", yaml);
    site.write(
        "content/productions/expo/guide.pdf",
        &"%PDF-1.4\n".repeat(200),
    );
    site.write(
        "content/productions/expo/guide.txt",
        "Guide de visite, version texte.\n",
    );
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let page = site.read("fr/productions/expo/index.html");
    assert!(
        page.contains(
            r#"<a href="/media/expo/guide.pdf" data-print="https://example.org/media/expo/guide.pdf" download><span class="resource-title">Guide de visite</span> <span class="resource-meta">(PDF, 2 Ko, français)</span></a>"#
        ),
        "{page}"
    );
    assert!(page.contains(
        r#"<a href="/media/expo/guide.txt" data-print="https://example.org/media/expo/guide.txt" download>Version accessible (TXT, 1 Ko, français)<span class="visually-hidden"> – Guide de visite</span></a>"#
    ));
    assert!(site.public().join("media/expo/guide.txt").is_file());
    site.write(
        "content/productions/expo/record.yaml",
        &yaml.replace("guide.txt", "guide-texte.txt"),
    );
    let out = site.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("error[missing-file]: the accessible version `guide-texte.txt` is not in the record's folder"));
}

#[test]
fn languages_audiences_and_decades_are_facets_with_term_pages() {
    let site = Site::new(&[]);
    let config = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write(
        "site.yaml",
        &config.replace(
            "taxonomies: [themes, countries]",
            "taxonomies: [themes, countries, languages, audiences, decades]",
        ),
    );
    site.write(
        "data/languages.yaml",
        "fr: {fr: français, en: French}\nwo: {fr: wolof, en: Wolof}\n",
    );
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let wolof = site.read("fr/languages/wolof/index.html");
    assert!(
        wolof.contains("<h1>wolof</h1>") && wolof.contains("/fr/music/album/"),
        "the album is in Wolof"
    );
    assert!(!wolof.contains("/fr/films/la-haine/"));
    assert!(
        site.read("en/languages/french/index.html")
            .contains("<h1>French</h1>")
    );
    let nineties = site.read("en/decades/1990/index.html");
    assert!(
        nineties.contains("<h1>1990s</h1>") && nineties.contains("/en/films/la-haine/"),
        "La Haine, 1995"
    );
    assert!(
        site.read("fr/decades/1940/index.html")
            .contains("<h1>Années 1940</h1>"),
        "L’Étranger, 1942"
    );
    assert!(
        site.read("fr/audiences/general/index.html")
            .contains("<h1>Tout public</h1>")
    );
    let index = site.read("fr/decades/index.html");
    assert!(index.contains("Années 1940") && index.contains("Années 2020"));
}

#[test]
fn collections_show_their_records_in_order_and_the_home_shows_what_editors_feature() {
    let site = Site::new(&[]);
    site.write(
        "content/collections/essentiels/collection.yaml",
        "records: [l-etranger, brouillon, la-haine]\n",
    );
    site.write(
        "content/collections/essentiels/fr.md",
        "---\ntitle: Les essentiels\nsummary: Deux classiques.\n---\nUne *introduction*.\n",
    );
    site.write(
        "content/films/brouillon/record.yaml",
        "languages: [fr]\npublished: 2026-01-01\nyear: 2026\nduration: 80\ndraft: true\n",
    );
    site.write(
        "content/films/brouillon/fr.md",
        "---\ntitle: Brouillon secret\nsummary: Pas encore.\n---\nTexte.\n",
    );
    let config = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write(
        "site.yaml",
        &format!("{config}featured:\n  collections: [essentiels]\n  records: [expo]\n"),
    );
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let page = site.read("fr/collections/essentiels/index.html");
    assert!(page.contains("<p>Une <em>introduction</em>.</p>"));
    let first = page.find("/fr/books/l-etranger/").expect("l-etranger");
    let second = page.find("/fr/films/la-haine/").expect("la-haine");
    assert!(first < second, "the editors' order, not the date order");
    assert!(!page.contains("Brouillon"), "a draft leaves no trace");
    assert!(
        site.read("fr/collections/index.html")
            .contains(r#"<a href="/fr/collections/essentiels/">Les essentiels</a>"#)
    );
    let home = site.read("fr/index.html");
    let featured = home.find("Les essentiels").expect("featured collection");
    assert!(
        home[featured..].find("/fr/productions/expo/").unwrap()
            < home[featured..].find("Dernières nouveautés").unwrap()
    );
    assert!(
        !site.public().join("en/collections/essentiels").exists(),
        "only in the languages it is written in"
    );
    // Unknown ids are located errors with a suggestion.
    site.write(
        "content/collections/essentiels/collection.yaml",
        "records: [l-etranger, la-hain]\n",
    );
    site.write(
        "site.yaml",
        &format!("{config}featured:\n  collections: [esentiels]\n"),
    );
    let out = site.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("error[unknown-record]: `la-hain` is not a record\n  --> content/collections/essentiels/collection.yaml:1:23"), "{err}");
    assert!(err.contains("help: did you mean `la-haine`?"));
    assert!(err.contains("error[unknown-collection]: `esentiels` is not a collection"));
    assert!(err.contains("did you mean `essentiels`?"));
}

#[test]
fn record_pages_suggest_related_records_by_shared_people_then_themes() {
    let site = Site::new(&[]);
    let film = |id: &str, themes: &str, credits: &str, date: &str| {
        site.write(
            &format!("content/films/{id}/record.yaml"),
            &format!("languages: [fr]\npublished: {date}\nyear: 2000\nduration: 90\nthemes: [{themes}]\ncredits: [{credits}]\n"),
        );
        site.write(
            &format!("content/films/{id}/fr.md"),
            &format!("---\ntitle: Film {id}\nsummary: S.\n---\nT.\n"),
        );
    };
    film("meme-theme", "banlieue", "", "2026-04-01");
    film(
        "meme-realisateur",
        "litterature",
        "{name: Mathieu Kassovitz, role: director}",
        "2026-02-01",
    );
    film("sans-rapport", "litterature", "", "2026-05-01");
    assert!(site.build().status.success());
    let page = site.read("fr/films/la-haine/index.html");
    let related = &page[page
        .find("id=\"record-related\"")
        .expect("a related section")..];
    let by_person = related
        .find("/fr/films/meme-realisateur/")
        .expect("same director");
    let by_theme = related.find("/fr/films/meme-theme/").expect("same theme");
    assert!(
        by_person < by_theme,
        "a shared person weighs more than a shared theme"
    );
    assert!(
        !related.contains("/fr/films/sans-rapport/"),
        "nothing in common, not related"
    );
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn check_passes_on_the_example_catalogue() {
    let out = Command::new(BIN)
        .args(["check", "--date", "2026-11-28", "--root"])
        .arg(repo())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
    let sub = Command::new(BIN)
        .args([
            "check",
            "--date",
            "2026-11-28",
            "--base-url",
            "https://example.org/catalogue/",
            "--root",
        ])
        .arg(repo())
        .output()
        .unwrap();
    assert!(
        sub.status.success(),
        "under a sub-path too: {}",
        stderr(&sub)
    );
}

#[test]
fn check_finds_a_broken_link_a_missing_anchor_and_a_missing_image() {
    let site = Site::new(&["check/broken"]);
    let build = site.build();
    assert!(
        build.status.success(),
        "build does not crawl: {}",
        stderr(&build)
    );
    let out = site.run(&["check"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    for expected in [
        "error[broken-link]: `/fr/films/la-haime/` on /fr/films/la-haine/ leads to no page of the site\n  --> content/films/la-haine/fr.md:7:39",
        "help: did you mean `/fr/films/la-haine/`?",
        "error[missing-anchor]: `/en/films/la-haine/#casting` on /fr/films/la-haine/: /en/films/la-haine/ has no anchor `#casting`\n  --> content/films/la-haine/fr.md:8:26",
        "error[missing-asset]: `/media/la-haine/tournage.jpg` on /fr/films/la-haine/ loads a file that is not in the site\n  --> content/films/la-haine/fr.md:10:22",
        "3 errors; nothing was written",
    ] {
        assert!(err.contains(expected), "expected\n{expected}\nin\n{err}");
    }
    assert!(
        !err.contains("\x1b["),
        "no colour when NO_COLOR is set or off a terminal"
    );
}

/// `check` keeps only links and ids of the pages it renders, in parallel: a link written
/// on any page, to an anchor of any page, is still checked once every page is known.
#[test]
fn check_finds_broken_links_and_anchors_among_hundreds_of_pages() {
    const FILMS: usize = 300;
    let site = Site::new(&[]);
    for i in 0..FILMS {
        site.write(
            &format!("content/films/f{i:03}/record.yaml"),
            "languages: [fr]\nthemes: [banlieue]\ncountries: [FR]\npublished: 2026-01-15\nyear: 1995\nduration: 98\ncredits:\n  - {name: Mathieu Kassovitz, role: director}\n",
        );
        // Each film links to the next one's last heading; a few links are wrong.
        let next = (i + 1) % FILMS;
        let (page, anchor) = match i {
            150 | 299 => (format!("f{FILMS}"), format!("fin-{next}")),
            287 => (format!("f{next:03}"), format!("fin-{i}")),
            _ => (format!("f{next:03}"), format!("fin-{next}")),
        };
        site.write(
            &format!("content/films/f{i:03}/fr.md"),
            &format!(
                "---\ntitle: Film {i}\nsummary: Le film {i}.\n---\nVoir [le suivant](/fr/films/{page}/#{anchor}).\n\n## Fin {i}\n"
            ),
        );
    }
    let out = site.run(&["check", "--date", "2026-06-01"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    for expected in [
        "error[broken-link]: `/fr/films/f300/#fin-151` on /fr/films/f150/ leads to no page of the site\n  --> content/films/f150/fr.md:5:19",
        "error[broken-link]: `/fr/films/f300/#fin-0` on /fr/films/f299/ leads to no page of the site\n  --> content/films/f299/fr.md:5:19",
        "error[missing-anchor]: `/fr/films/f288/#fin-287` on /fr/films/f287/: /fr/films/f288/ has no anchor `#fin-287`\n  --> content/films/f287/fr.md:5:19",
        "help: did you mean `#fin-288`?",
        "3 errors; nothing was written",
    ] {
        assert!(err.contains(expected), "expected\n{expected}\nin\n{err}");
    }
}

#[test]
fn check_prints_json_lines_and_github_annotations() {
    let site = Site::new(&["check/broken"]);
    let run = |format: &str| {
        Command::new(BIN)
            .args(["check", "--root", ".", "--format", format])
            .current_dir(site.root())
            .output()
            .unwrap()
    };
    let json = run("json");
    assert_eq!(json.status.code(), Some(1));
    let lines: Vec<serde_json::Value> = stdout(&json)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    let codes: Vec<&str> = lines.iter().map(|v| v["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["broken-link", "missing-anchor", "missing-asset"]);
    assert_eq!(lines[0]["file"], "content/films/la-haine/fr.md");
    assert_eq!(
        (lines[0]["line"].as_u64(), lines[0]["column"].as_u64()),
        (Some(7), Some(39))
    );
    assert_eq!(lines[0]["severity"], "error");
    assert!(
        lines[0]["help"]
            .as_str()
            .unwrap()
            .contains("/fr/films/la-haine/")
    );
    let github = run("github");
    assert_eq!(github.status.code(), Some(1));
    let text = stdout(&github);
    let first = text.lines().next().unwrap();
    assert!(
        first.starts_with("::error file=content/films/la-haine/fr.md,line=7,col=39,endColumn=58,title=vitrine broken-link::`/fr/films/la-haime/` on /fr/films/la-haine/ leads to no page of the site%0Ahelp: did you mean"),
        "{first}"
    );
    assert_eq!(text.lines().count(), 3, "{text}");
    let build = Command::new(BIN)
        .args(["build", "--root", ".", "--format", "github"])
        .current_dir(site.root())
        .output()
        .unwrap();
    assert!(build.status.success());
    assert!(
        stdout(&build).is_empty(),
        "a clean build prints no annotation"
    );
}

/// Prepares a bad-input case that cannot be committed as files: a 50 MB Markdown file, or
/// symbolic links to files outside the site (in `outside`, which holds secrets).
fn generate_bad_input(case: &str, site: &Site, outside: &Path) {
    use std::io::Write;
    use std::os::unix::fs::symlink;
    let record = site.root().join("content/films/la-haine");
    match case {
        "huge-markdown" => {
            let mut file = std::io::BufWriter::new(fs::File::create(record.join("fr.md")).unwrap());
            writeln!(
                file,
                "---\ntitle: Énorme\nsummary: Cinquante mégaoctets.\n---"
            )
            .unwrap();
            let line = "Un film en **noir et blanc**, encore et encore, sur toute la page.\n";
            for _ in 0..(50 * 1024 * 1024 / line.len() + 1) {
                file.write_all(line.as_bytes()).unwrap();
            }
        }
        "symlinked-file" => {
            fs::remove_file(record.join("poster.png")).unwrap();
            symlink(outside.join("secret.png"), record.join("poster.png")).unwrap();
            fs::remove_file(record.join("en.md")).unwrap();
            symlink(outside.join("secret.md"), record.join("en.md")).unwrap();
        }
        "symlinked-record" => {
            symlink(
                outside.join("record"),
                site.root().join("content/films/ailleurs"),
            )
            .unwrap();
        }
        "symlinked-template" => {
            fs::create_dir_all(site.root().join("templates")).unwrap();
            symlink(
                outside.join("secret.html"),
                site.root().join("templates/record.html"),
            )
            .unwrap();
            fs::create_dir_all(site.root().join("static")).unwrap();
            symlink(
                outside.join("secret.png"),
                site.root().join("static/logo.png"),
            )
            .unwrap();
        }
        other => panic!("no generator for {other}"),
    }
}

/// Secrets outside the site, which no build may read or publish.
fn outside_secrets() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let secret = "TOP-SECRET-4217";
    fs::write(dir.path().join("secret.png"), secret).unwrap();
    fs::write(
        dir.path().join("secret.md"),
        format!("---\ntitle: {secret}\nsummary: {secret}\n---\n{secret}\n"),
    )
    .unwrap();
    fs::write(dir.path().join("secret.html"), secret).unwrap();
    fs::create_dir(dir.path().join("record")).unwrap();
    fs::write(
        dir.path().join("record/record.yaml"),
        "languages: [fr]\npublished: 2026-01-15\nyear: 1995\nduration: 98\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("record/fr.md"),
        format!("---\ntitle: {secret}\nsummary: {secret}\n---\n"),
    )
    .unwrap();
    dir
}

#[test]
fn every_bad_input_gets_a_located_diagnostic_and_no_panic() {
    let corpus = repo().join("tests/bad-inputs");
    let mut cases: Vec<PathBuf> = fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    for case in &cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let outside = outside_secrets();
        let site = Site::new(&[]);
        let generated = case.join("generate").is_file();
        if generated {
            generate_bad_input(&name, &site, outside.path());
        } else {
            copy_dir(case, site.root());
            fs::remove_file(site.root().join("expected.txt")).unwrap();
        }
        let expected = fs::read_to_string(case.join("expected.txt"))
            .unwrap()
            .replace("{outside}", &outside.path().display().to_string());
        // Bounded memory: 30 MB of data segment is enough for the base site, and far
        // too little to read (let alone parse) the 50 MB file.
        let out = Command::new("sh")
            .args([
                "-c",
                "ulimit -d 30000 && exec \"$@\"",
                "sh",
                BIN,
                "build",
                "--root",
            ])
            .arg(site.root())
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        let err = stderr(&out);
        let code = if expected.starts_with("# exit 2") {
            2
        } else {
            1
        };
        assert_eq!(out.status.code(), Some(code), "{name}:\n{err}");
        assert!(!err.contains("panicked"), "{name}:\n{err}");
        for line in expected.lines().filter(|l| !l.starts_with('#')) {
            assert!(err.contains(line), "{name}: expected\n{line}\nin\n{err}");
        }
        assert!(!site.public().exists(), "{name}: nothing is written");
        assert!(
            !err.contains("TOP-SECRET"),
            "{name}: a secret leaked:\n{err}"
        );
    }
    assert!(cases.len() >= 17, "only {} cases", cases.len());
}

#[test]
fn a_symlink_that_stays_inside_the_site_is_followed() {
    let site = Site::new(&[]);
    let record = site.root().join("content/films/la-haine");
    fs::create_dir_all(site.root().join("shared")).unwrap();
    fs::rename(
        record.join("poster.png"),
        site.root().join("shared/poster.png"),
    )
    .unwrap();
    std::os::unix::fs::symlink("../../../shared/poster.png", record.join("poster.png")).unwrap();
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(site.public().join("media/la-haine/poster.png").is_file());
}

#[test]
fn hostile_text_in_titles_and_fields_is_escaped_in_every_page() {
    let site = Site::new(&[]);
    let attacks = [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(2)>",
        "</script><script>alert(3)</script>",
        "' onmouseover='alert(4)",
    ];
    let all = attacks.join(" ");
    site.write(
        "content/films/la-haine/fr.md",
        &format!(
            "---\ntitle: '{}'\nsummary: '{}'\n---\nTexte.\n",
            all.replace('\'', "''"),
            all.replace('\'', "''")
        ),
    );
    site.write(
        "content/films/la-haine/record.yaml",
        &format!(
            "languages: [fr]\nthemes: [cinema-francophone]\ncountries: [FR]\npublished: 2026-01-15\nyear: 1995\nduration: 98\noriginal_title: '{0}'\ncredits:\n  - {{name: '{0}', role: director}}\nimages:\n  - {{file: poster.png, role: poster, alt: '{0}', credit: '{0}'}}\nlinks:\n  - {{url: 'https://example.org/?q=\"><script>alert(5)</script>', label: '{0}'}}\n",
            all.replace('\'', "''")
        ),
    );
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let mut pages = 0;
    for (file, bytes) in tree(&site.public()) {
        if file.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        for tag in vitrine::check::html::tags(&html) {
            assert!(
                !tag.attributes.iter().any(|(n, _)| n.starts_with("on")),
                "{}: an event handler attribute got through: {tag:?}",
                file.display()
            );
            assert!(
                tag.name != "img" || tag.get("src") != Some("x"),
                "{}",
                file.display()
            );
        }
        // The only scripts are the theme's own (the chooser's redirect, the webinar time)
        // and JSON-LD data; none carries the attacks.
        for script in html.split("<script").skip(1) {
            let body = script.split("</script>").next().unwrap_or_default();
            match body.strip_prefix(" type=\"application/ld+json\">") {
                // Data, not code: the text may be there, but never as markup.
                Some(json) => assert!(!json.contains('<'), "{}: markup in JSON-LD", file.display()),
                None => assert!(!body.contains("alert"), "{}: {body}", file.display()),
            }
        }
        pages += 1;
    }
    assert!(pages > 20);
    let page = site.read("fr/films/la-haine/index.html");
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;")
            || page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{page}"
    );
}

/// A plain static file server on 127.0.0.1 serving `dir` under `prefix`, as a host serves a
/// site published in a sub-path. It stops when dropped, or after two minutes.
struct StaticServer {
    port: u16,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    requests: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

impl StaticServer {
    fn start(dir: &Path, prefix: &'static str) -> StaticServer {
        use std::io::{BufRead, BufReader, Write};
        use std::sync::atomic::Ordering;
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let port = listener.local_addr().unwrap().port();
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let requests = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let (dir, flag, log) = (dir.to_path_buf(), stop.clone(), requests.clone());
        std::thread::spawn(move || {
            let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
            while !flag.load(Ordering::Relaxed) && std::time::Instant::now() < deadline {
                let Ok((mut stream, _)) = listener.accept() else {
                    std::thread::sleep(std::time::Duration::from_millis(2));
                    continue;
                };
                stream.set_nonblocking(false).unwrap();
                let mut line = String::new();
                BufReader::new(&stream).read_line(&mut line).unwrap();
                let target = line.split(' ').nth(1).unwrap_or("/").to_string();
                log.lock().unwrap().push(target.clone());
                let path = target.split(['?', '#']).next().unwrap().to_string();
                let file = path
                    .strip_prefix(prefix)
                    .map(|rel| dir.join(percent_decoded(rel)));
                let response = match file {
                    Some(f) if f.is_dir() && !path.ends_with('/') => {
                        format!("HTTP/1.0 301 Moved\r\nLocation: {path}/\r\n\r\n").into_bytes()
                    }
                    Some(f) if f.join("index.html").is_file() || f.is_file() => {
                        let f = if f.is_dir() { f.join("index.html") } else { f };
                        let body = fs::read(f).unwrap();
                        let mut r =
                            format!("HTTP/1.0 200 OK\r\nContent-Length: {}\r\n\r\n", body.len())
                                .into_bytes();
                        r.extend(body);
                        r
                    }
                    _ => b"HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\n\r\n".to_vec(),
                };
                let _ = stream.write_all(&response);
            }
        });
        StaticServer {
            port,
            stop,
            requests,
        }
    }

    /// Status and body of `GET path`, following one redirect.
    fn get(&self, path: &str) -> (u16, Vec<u8>) {
        use std::io::{Read, Write};
        let mut stream = std::net::TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        write!(stream, "GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n").unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        let split = response.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
        let head = String::from_utf8_lossy(&response[..split]).into_owned();
        let status: u16 = head.split(' ').nth(1).unwrap().parse().unwrap();
        if status == 301 {
            let location = head
                .lines()
                .find_map(|l| l.strip_prefix("Location: "))
                .unwrap();
            return self.get(location);
        }
        (status, response[split + 4..].to_vec())
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
    }
}

fn percent_decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(Ok(b)) = text.get(i + 1..i + 3).map(|h| u8::from_str_radix(h, 16))
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The `href` and `src` values of a page, found the simplest way (independently of the
/// scanner that `check` uses).
fn page_urls(html: &str) -> Vec<String> {
    let mut urls = Vec::new();
    for attribute in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(at) = rest.find(attribute) {
            rest = &rest[at + attribute.len()..];
            let end = rest.find('"').unwrap();
            urls.push(rest[..end].replace("&amp;", "&").replace("&#x2F;", "/"));
            rest = &rest[end..];
        }
    }
    urls
}

/// `url` as a path on the server, seen from the page at `from`; `None` for another site.
fn server_path(url: &str, from: &str, base_url: &str) -> Option<String> {
    let url = url.split('#').next().unwrap();
    if let Some(rest) = url.strip_prefix(base_url) {
        return Some(format!("/catalogue/{rest}"));
    }
    if url.contains(':') || url.starts_with("//") {
        return None;
    }
    if url.is_empty() {
        return Some(from.to_string());
    }
    if url.starts_with('/') {
        return Some(url.to_string());
    }
    let mut parts: Vec<&str> = from[..=from.rfind('/').unwrap()].split('/').collect();
    parts.pop();
    for segment in url.split('/') {
        match segment {
            "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

#[test]
fn a_site_built_for_a_sub_path_has_no_broken_link_when_served_there() {
    let out_dir = tempfile::tempdir().unwrap();
    let public = out_dir.path().join("public");
    let base_url = "https://example.org/catalogue/";
    let out = Command::new(BIN)
        .args([
            "build",
            "--date",
            "2026-11-28",
            "--base-url",
            base_url,
            "--root",
        ])
        .arg(repo())
        .arg("--output")
        .arg(&public)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let server = StaticServer::start(&public, "/catalogue/");
    let mut queue: Vec<String> = ["", "fr/", "en/", "es/", "ar/"]
        .iter()
        .map(|p| format!("/catalogue/{p}"))
        .collect();
    let mut seen: std::collections::BTreeSet<String> = queue.iter().cloned().collect();
    let mut broken = Vec::new();
    let mut pages = 0;
    while let Some(path) = queue.pop() {
        let (status, body) = server.get(&path);
        if status != 200 {
            broken.push(path);
            continue;
        }
        if !(path.ends_with('/') || path.ends_with(".html")) {
            continue;
        }
        pages += 1;
        for url in page_urls(&String::from_utf8_lossy(&body)) {
            if let Some(target) = server_path(&url, &path, base_url)
                && seen.insert(target.clone())
            {
                queue.push(target);
            }
        }
    }
    assert!(broken.is_empty(), "broken under /catalogue/: {broken:?}");
    assert!(pages >= 200, "only {pages} pages crawled");
    assert!(
        seen.iter().any(|p| p.starts_with("/catalogue/media/")),
        "images were checked"
    );
    assert!(
        seen.iter()
            .any(|p| p.starts_with("/catalogue/static/style.") && p.ends_with(".css")),
        "the stylesheet was checked"
    );
    assert!(
        seen.iter().all(|p| p.starts_with("/catalogue/")),
        "a link leaves the sub-path"
    );
}

#[test]
fn external_links_are_checked_against_a_server_with_a_cache() {
    let served = tempfile::tempdir().unwrap();
    fs::write(served.path().join("ok.html"), "ok").unwrap();
    let server = StaticServer::start(served.path(), "/");
    let site = Site::new(&[]);
    let base = format!("http://127.0.0.1:{}", server.port);
    site.write(
        "content/films/la-haine/record.yaml",
        &format!(
            "languages: [fr]\npublished: 2026-01-15\nyear: 1995\nduration: 98\nlinks:\n  - {{url: '{base}/ok.html', label: Bon}}\n  - {{url: '{base}/disparu.html', label: Disparu}}\n"
        ),
    );
    let cache = site.root().join("links.tsv");
    let check = || {
        site.run(&[
            "check",
            "--external",
            "--timeout",
            "5",
            "--cache",
            cache.to_str().unwrap(),
        ])
    };
    let out = check();
    assert!(
        out.status.success(),
        "dead external links are warnings: {}",
        stderr(&out)
    );
    let err = stderr(&out);
    assert!(
        err.contains(&format!("warning[broken-external-link]: `{base}/disparu.html` (on /ar/films/la-haine/) answers HTTP 404")),
        "{err}"
    );
    assert!(
        err.contains("--> content/films/la-haine/record.yaml:7:12"),
        "{err}"
    );
    assert!(!err.contains("ok.html"), "{err}");
    let cached = fs::read_to_string(&cache).unwrap();
    assert!(cached.starts_with(&format!("{base}/ok.html\t")), "{cached}");
    let before = server.requests.lock().unwrap().len();
    assert_eq!(before, 2);
    let again = check();
    assert!(stderr(&again).contains("disparu.html"));
    let requests = server.requests.lock().unwrap().clone();
    assert_eq!(
        requests[before..],
        ["/disparu.html".to_string()],
        "the working link is cached"
    );
    let plain = site.run(&["check"]);
    assert!(
        plain.status.success() && !stderr(&plain).contains("disparu"),
        "off by default"
    );
}

#[test]
fn a_build_killed_in_the_middle_leaves_the_previous_output_intact() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    common::generate_catalogue(&root, 1000, 7);
    let build = || {
        let mut command = Command::new(BIN);
        command
            .args(["build", "--date", "2026-06-01", "--root"])
            .arg(&root);
        command
    };
    assert!(build().output().unwrap().status.success());
    let public = root.join("public");
    let before = tree(&public);
    assert!(before.len() > 2000);
    let mut child = build()
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let staging = root.join(format!(".public.vitrine-new-{}", child.id()));
    let started = std::time::Instant::now();
    while !fs::read_dir(&staging).is_ok_and(|mut d| d.next().is_some()) {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the build ended before it was killed"
        );
        assert!(
            started.elapsed().as_secs() < 60,
            "no staging folder appeared"
        );
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    child.kill().unwrap(); // SIGKILL: no destructor, no cleanup runs
    child.wait().unwrap();
    assert!(staging.exists(), "killed while staging");
    assert_eq!(tree(&public), before, "the previous output is intact");
    let again = build().output().unwrap();
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(!staging.exists(), "the next build removes the leftover");
    assert_eq!(tree(&public), before, "and produces the same site");
}

#[test]
fn a_template_problem_is_reported_once_in_the_template() {
    let site = Site::new(&[]);
    let theme = fs::read_to_string(repo().join("themes/default/templates/record.html")).unwrap();
    let broken = theme.replacen(
        "{%- if record.body %}",
        "<img src=\"{{ site.base_path }}static/badge.png\">\n      <a href=\"{{ site.base_path }}{{ lang.code }}/catalogue/\">x</a>\n      {%- if record.body %}",
        1,
    );
    assert_ne!(broken, theme);
    site.write("templates/record.html", &broken);
    let out = site.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_eq!(err.matches("error[missing-alt]").count(), 1, "{err}");
    assert!(err.contains("error[missing-alt]: the image `/static/badge.png` on /ar/films/la-haine/ has no alt text (and on 6 other pages)\n  --> templates/record.html\n"), "{err}");
    assert!(
        err.contains("error[missing-asset]: `/static/badge.png`"),
        "{err}"
    );
    assert!(
        err.contains("error[broken-link]: `/ar/catalogue/`"),
        "{err}"
    );
}

#[test]
fn network_only_records_and_resources_leave_no_trace_in_a_public_build() {
    let site = Site::new(&[]);
    // A network-only record with a canary in every field, a network-only resource (a
    // binary file holding a canary) of a public record, and references to both.
    site.write(
        "content/films/canari-reserve/record.yaml",
        "languages: [fr]\npublished: 2026-01-20\nyear: 1995\nduration: 10\naccess: network\nthemes: [banlieue]\ncountries: [FR]\ncredits:\n  - {name: Mathieu Kassovitz, role: director}\n  - {name: Canari Personne, role: director}\n",
    );
    site.write(
        "content/films/canari-reserve/fr.md",
        "---\ntitle: CanariTitre\nsummary: CanariResume\n---\nCanariCorps\n",
    );
    site.write(
        "content/productions/expo/record.yaml",
        "languages: [fr]\npublished: 2026-05-01\ninstitution: if-senegal\ntype: exhibition\nyear: 2026\nresources:\n  - {file: reserve.bin, title: CanariRessource, language: fr, access: network}\n",
    );
    std::fs::write(
        site.root().join("content/productions/expo/reserve.bin"),
        b"\x00\x01CanariFichier\xff",
    )
    .unwrap();
    site.write(
        "content/collections/choix/collection.yaml",
        "records: [la-haine, canari-reserve]\n",
    );
    site.write(
        "content/collections/choix/fr.md",
        "---\ntitle: Choix\n---\nIntro.\n",
    );
    // The search index is gzipped and lower-cased: it is inflated and searched without case.
    let inflated = |bytes: Vec<u8>| -> Vec<u8> {
        if bytes.starts_with(&[0x1f, 0x8b]) {
            let mut out = Vec::new();
            std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&bytes[..]), &mut out)
                .unwrap();
            out.to_ascii_lowercase()
        } else {
            bytes
        }
    };
    let canaries = ["canari-reserve", "Canari", "canari"];
    assert!(site.build().status.success());
    assert!(site.public().join("search/fr/index.json").is_file());
    for (file, bytes) in tree(&site.public()) {
        let bytes = inflated(bytes);
        for canary in canaries {
            let found = bytes.windows(canary.len()).any(|w| w == canary.as_bytes());
            assert!(!found, "{canary} leaks into {}", file.display());
        }
    }
    let out = site.run(&["build", "--audience", "network", "--date", "2026-06-01"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let all: Vec<u8> = tree(&site.public()).into_values().flatten().collect();
    let index: Vec<u8> = tree(&site.public())
        .into_iter()
        .filter(|(p, _)| p.starts_with("search"))
        .flat_map(|(_, b)| inflated(b))
        .collect();
    assert!(
        index.windows(11).any(|w| w == b"canaricorps"),
        "the network build's search index has the network-only record"
    );
    for canary in [
        "CanariTitre",
        "CanariCorps",
        "CanariRessource",
        "CanariFichier",
    ] {
        assert!(
            all.windows(canary.len()).any(|w| w == canary.as_bytes()),
            "{canary} is in the network build"
        );
    }
}

#[test]
fn bulk_files_hold_many_records_with_located_errors() {
    let site = Site::new(&[]);
    site.write(
        "content/films/import.yaml",
        "# Imported from the 2026 spreadsheet.\n- id: timbuktu\n  languages: [fr, ar]\n  published: 2026-03-01\n  year: 2014\n  duration: 97\n  themes: [cinema-francophone]\n  title: {fr: Timbuktu, en: Timbuktu}\n  summary: {fr: Une ville sous le joug., en: A city under rule.}\n  text: {fr: \"Un film *sobre*.\"}\n- id: yeelen\n  languages: [bm]\n  published: 2026-02-01\n  year: 1987\n  duration: 105\n  title: Yeelen\n  summary: La lumière.\n",
    );
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let fr = site.read("fr/films/timbuktu/index.html");
    assert!(fr.contains("<h1>Timbuktu</h1>") && fr.contains("Un film <em>sobre</em>."));
    assert!(
        site.read("en/films/timbuktu/index.html")
            .contains("A city under rule.")
    );
    assert!(
        site.read("fr/films/yeelen/index.html")
            .contains("<h1>Yeelen</h1>"),
        "plain text is in the default language"
    );
    assert!(!site.public().join("en/films/yeelen").exists());
    site.write(
        "content/films/import.yaml",
        "- id: timbuktu\n  languages: [fr]\n  published: 2026-03-01\n  year: 2014\n  duration: 97\n  themes: [cinema-francophon]\n  title: {fr: Timbuktu}\n  summary: {fr: S.}\n- id: yeelen\n  languages: [bm]\n  published: 2026-02-01\n  year: 1987\n  duraton: 105\n  title: Yeelen\n  summary: S.\n",
    );
    let out = site.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("error[unknown-theme]: `cinema-francophon` is not a theme\n  --> content/films/import.yaml:6:12"), "{err}");
    assert!(err.contains("error[unknown-field]: `duraton` is not a field here\n  --> content/films/import.yaml:13:3"), "{err}");
    // In a record folder, texts belong in the language files.
    site.write(
        "content/films/la-haine/record.yaml",
        "languages: [fr]\npublished: 2026-01-15\nyear: 1995\nduration: 98\ntitle: La Haine\n",
    );
    let out = site.run(&["check"]);
    assert!(
        stderr(&out).contains("error[text-in-record-file]: `title` belongs in the language files"),
        "{}",
        stderr(&out)
    );
}

/// Bytes of `data` once gzip-compressed, as a server sends it.
fn gzipped(data: &[u8]) -> usize {
    use std::io::Write as _;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(data).unwrap();
    encoder.finish().unwrap().len()
}

#[test]
fn example_pages_stay_within_their_weight_budgets() {
    // Budgets of the default theme, without images: what a visitor on a slow link
    // downloads for a page and its stylesheet.
    let out_dir = tempfile::tempdir().unwrap();
    let public = out_dir.path().join("public");
    assert!(common::build_example(&public).status.success());
    let css = gzipped(&fs::read(stylesheet(&public)).unwrap());
    let mut checked = 0;
    for (file, bytes) in tree(&public) {
        if file.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let depth = file.components().count();
        let budget = if depth == 2 { 60 * 1024 } else { 30 * 1024 };
        let weight = gzipped(&bytes) + css;
        assert!(
            weight <= budget,
            "{}: {weight} bytes gzipped, budget {budget}",
            file.display()
        );
        checked += 1;
    }
    assert!(checked > 300, "only {checked} pages");
}

#[test]
fn the_accessibility_statement_shows_its_status_and_every_page_links_to_it() {
    let out_dir = tempfile::tempdir().unwrap();
    let public = out_dir.path().join("public");
    let out = common::build_example(&public);
    assert!(out.status.success(), "{}", stderr(&out));
    let statement = fs::read_to_string(public.join("fr/accessibilite/index.html")).unwrap();
    for text in [
        "Ce site est partiellement conforme au RGAA 4.1.",
        "80 % des critères applicables sont respectés.",
        "Audit réalisé le 15 octobre 2026.",
    ] {
        assert!(statement.contains(text), "{text}");
    }
    let arabic = fs::read_to_string(public.join("ar/accessibility/index.html")).unwrap();
    assert!(arabic.contains("هذا الموقع مطابق جزئيًا لمعيار RGAA 4.1."));
    // Every page of every language says the status and links to the statement.
    let mut pages = 0;
    for path in common::walkdir(&public) {
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let rel = path.strip_prefix(&public).unwrap();
        let html = fs::read_to_string(&path).unwrap();
        let expected = match rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_str()
            .unwrap()
        {
            "fr" => "<a href=\"/fr/accessibilite/\">Accessibilité : partiellement conforme</a>",
            "en" => "<a href=\"/en/accessibility/\">Accessibility: partially compliant</a>",
            "es" => "<a href=\"/es/accesibilidad/\">Accesibilidad: parcialmente conforme</a>",
            "ar" => "<a href=\"/ar/accessibility/\">إمكانية الوصول: مطابق جزئيًا</a>",
            _ => continue,
        };
        assert!(html.contains(expected), "{}", rel.display());
        pages += 1;
    }
    assert!(pages > 300, "{pages} pages");
}

#[test]
fn a_statement_without_its_page_or_with_a_wrong_rate_is_located() {
    let site = Site::new(&[]);
    let yaml = fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write(
        "site.yaml",
        &format!("{yaml}accessibility:\n  status: partial\n  rate: 180\n  page: declaration\n"),
    );
    let out = site.build();
    // A configuration error.
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("`rate: 180` is more than 100 %"), "{err}");
    site.write(
        "site.yaml",
        &format!("{yaml}accessibility:\n  status: partial\n  page: declaration\n"),
    );
    let out = site.build();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("error[missing-statement]")
            && err.contains("content/pages/declaration/")
            && err.contains("site.yaml:"),
        "{err}"
    );
}

#[test]
fn a_theme_copy_without_statement_strings_builds_unless_the_site_has_a_statement() {
    let site = Site::new(&[]);
    for lang in ["fr", "en", "es", "ar"] {
        let path = site.root().join(format!("themes/default/i18n/{lang}.yaml"));
        let text = fs::read_to_string(&path).unwrap();
        let kept: String = text
            .lines()
            .filter(|l| !l.starts_with("a11y_"))
            .map(|l| format!("{l}\n"))
            .collect();
        fs::write(&path, kept).unwrap();
    }
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let yaml = fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write(
        "content/pages/accessibility/fr.md",
        "---\ntitle: Accessibilité\n---\nTexte.\n",
    );
    site.write(
        "site.yaml",
        &format!("{yaml}accessibility:\n  status: partial\n"),
    );
    let out = site.build();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("the theme string `a11y_footer` is missing"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_site_without_records_yet_builds_with_an_empty_search_index() {
    let site = Site::new(&[]);
    fs::remove_dir_all(site.root().join("content")).unwrap();
    fs::create_dir(site.root().join("content")).unwrap();
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("built 0 records, "));
    let manifest: serde_json::Value =
        serde_json::from_str(&site.read("search/fr/index.json")).unwrap();
    assert_eq!(manifest["docs"], 0);
    assert!(site.public().join("fr/index.html").is_file());
}

/// The YAML of a site file as JSON: the whole file, or a language file's front matter.
fn yaml_of(path: &Path) -> serde_json::Value {
    let text = fs::read_to_string(path).unwrap();
    let yaml = if path.extension().is_some_and(|e| e == "md") {
        let rest = text.strip_prefix("---\n").expect("front matter");
        rest[..rest.find("\n---").expect("end of front matter")].to_string()
    } else {
        text
    };
    if yaml
        .lines()
        .all(|l| l.trim().is_empty() || l.starts_with('#'))
    {
        return serde_json::json!({});
    }
    serde_saphyr::from_str(&yaml).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// What a JSON Schema validator finds wrong with `instance`: each error's location in the
/// instance, then its message.
fn schema_errors(schema: &Path, instance: &serde_json::Value) -> Vec<String> {
    let text = fs::read_to_string(schema).unwrap_or_else(|e| panic!("{}: {e}", schema.display()));
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    validator
        .iter_errors(instance)
        .map(|e| format!("{} {e}", e.instance_path()))
        .collect()
}

/// The schema of `vitrine schema` that describes the site file `rel`, if any.
fn schema_of(rel: &str) -> Option<String> {
    let kind = |folder: &str| match folder {
        "music" => "music".to_string(),
        f => f.trim_end_matches('s').to_string(),
    };
    let parts: Vec<&str> = rel.split('/').collect();
    let name = match parts.as_slice() {
        ["site.yaml"] => "site".to_string(),
        ["content", "collections", _, "collection.yaml"] => "collection".to_string(),
        ["content", "pages" | "collections", _, file] if file.ends_with(".md") => "page".into(),
        ["content", folder, _, "record.yaml"] => kind(folder),
        ["content", _, _, file] if file.ends_with(".md") => "translation".to_string(),
        ["content", folder, file] if file.ends_with(".yaml") => format!("{}-bulk", kind(folder)),
        _ => return None,
    };
    Some(format!("{name}.schema.json"))
}

/// Every file of `root` a schema describes, relative to `root`, sorted.
fn schema_described(root: &Path) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = common::walkdir(root)
        .into_iter()
        .filter_map(|path| {
            let rel = common::display(path.strip_prefix(root).unwrap());
            schema_of(&rel).map(|schema| (rel, schema))
        })
        .collect();
    files.sort();
    files
}

#[test]
fn schemas_are_draft_2020_12_and_agree_with_check_on_every_example_file() {
    // As the README shows: from a copy of the example, in its folder, no argument.
    let dir = tempfile::tempdir().unwrap();
    for folder in ["content", "data", "themes"] {
        copy_dir(&repo().join(folder), &dir.path().join(folder));
    }
    fs::copy(repo().join("site.yaml"), dir.path().join("site.yaml")).unwrap();
    let run = |args: &[&str]| {
        Command::new(BIN)
            .args(args)
            .current_dir(dir.path())
            .env("NO_COLOR", "1")
            .output()
            .unwrap()
    };
    let out = run(&["schema"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("wrote schemas/film.schema.json\n"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let schemas = dir.path().join("schemas");
    let mut names: Vec<String> = fs::read_dir(&schemas)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    // A JSON Schema per YAML file, and per kind the columns of a spreadsheet (CSV).
    assert_eq!(names.len(), 19, "{names:?}");
    // The committed schemas are the example's: `vitrine schema --check` in CI keeps it so.
    for name in &names {
        let text = fs::read_to_string(schemas.join(name)).unwrap();
        assert_eq!(
            fs::read_to_string(repo().join("schemas").join(name))
                .ok()
                .as_deref(),
            Some(text.as_str()),
            "schemas/{name} is stale: run `cargo run -- schema` and commit the result"
        );
        if name.ends_with("-columns.csv") {
            // The example's spreadsheets use only columns of their kind's header row.
            let kind = name.trim_end_matches("-columns.csv");
            let folder = if kind == "music" {
                kind.to_string()
            } else {
                format!("{kind}s")
            };
            for sheet in common::walkdir(&repo().join("content").join(folder)) {
                if sheet.extension().is_some_and(|e| e == "csv") {
                    let sheet = fs::read_to_string(&sheet).unwrap();
                    let header = sheet.lines().next().unwrap();
                    let allowed: Vec<&str> = text.trim_end().split(',').collect();
                    for column in header.split(',') {
                        assert!(allowed.contains(&column), "{column} is not in {name}");
                    }
                }
            }
            continue;
        }
        let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            schema["$schema"], "https://json-schema.org/draft/2020-12/schema",
            "{name}"
        );
        if let Err(e) = jsonschema::draft202012::meta::validate(&schema) {
            panic!("{name} is not a valid draft 2020-12 schema: {e}");
        }
        // Every field an editor may complete says what it is for.
        let mut undescribed = Vec::new();
        undocumented_properties(&schema, name, &mut undescribed);
        assert_eq!(
            undescribed,
            Vec::<String>::new(),
            "fields without a description"
        );
    }
    // The site's vocabularies are the enums: a theme of data/themes.yaml and nothing else.
    let film: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(schemas.join("film.schema.json")).unwrap())
            .unwrap();
    let themes = film["$defs"]["theme"]["enum"].as_array().unwrap();
    assert!(themes.contains(&serde_json::json!("cinema-francophone")));
    let texts = film["$defs"]["text"]["anyOf"][1]["properties"]
        .as_object()
        .unwrap();
    let languages: Vec<&str> = texts.keys().map(String::as_str).collect();
    assert_eq!(
        languages,
        ["ar", "en", "es", "fr"],
        "a text per language of site.yaml"
    );
    let site: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(schemas.join("site.schema.json")).unwrap())
            .unwrap();
    let languages = &site["$defs"]["site-language"]["enum"];
    assert_eq!(
        languages[0], "fr",
        "the default language first: {languages}"
    );
    // Same verdict as `vitrine check`: it accepts the example, so does every schema.
    let out = run(&["check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let described = schema_described(dir.path());
    assert!(described.len() > 60, "{described:?}");
    for kind in [
        "site",
        "film",
        "book",
        "music",
        "webinar",
        "production",
        "collection",
        "page",
        "translation",
    ] {
        let schema = format!("{kind}.schema.json");
        assert!(
            described.iter().any(|(_, s)| *s == schema),
            "no example file for {schema}"
        );
    }
    for (rel, schema) in &described {
        let errors = schema_errors(&schemas.join(schema), &yaml_of(&dir.path().join(rel)));
        assert_eq!(errors, Vec::<String>::new(), "{rel} against {schema}");
    }

    // VS Code's settings give every YAML file its schema, the one `vitrine schema` meant.
    let settings: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(repo().join(".vscode/settings.json")).unwrap())
            .unwrap();
    let globs = settings["yaml.schemas"].as_object().unwrap();
    for (rel, schema) in described.iter().filter(|(rel, _)| rel.ends_with(".yaml")) {
        let matching: Vec<&String> = globs
            .iter()
            .filter(|(_, glob)| glob_matches(glob.as_str().unwrap(), rel))
            .map(|(file, _)| file)
            .collect();
        assert_eq!(matching, [&format!("./schemas/{schema}")], "{rel}");
    }
    for (file, glob) in globs {
        let name = file.strip_prefix("./schemas/").unwrap();
        assert!(names.iter().any(|n| n == name), "{file}");
        let glob = glob.as_str().unwrap();
        let sample = glob.replace('*', "x");
        assert_eq!(schema_of(&sample).as_deref(), Some(name), "{glob}");
    }

    // A new theme makes the committed schemas stale; `--check` says so and what to do.
    let themes_file = dir.path().join("data/themes.yaml");
    let mut text = fs::read_to_string(&themes_file).unwrap();
    text.push_str("cinema-d-animation: {fr: Cinéma d'animation, en: Animation}\n");
    fs::write(&themes_file, text).unwrap();
    let out = run(&["schema", "--check"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("error: schemas/film.schema.json is out of date"),
        "{err}"
    );
    assert!(
        err.contains("help: run `vitrine schema` and commit the result"),
        "{err}"
    );
    assert_eq!(
        fs::read_to_string(schemas.join("film.schema.json")).unwrap(),
        fs::read_to_string(repo().join("schemas/film.schema.json")).unwrap(),
        "--check writes nothing"
    );
    assert!(run(&["schema"]).status.success());
    let out = run(&["schema", "--check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        fs::read_to_string(schemas.join("film.schema.json"))
            .unwrap()
            .contains("\"cinema-d-animation\"")
    );
}

/// Properties of `schema` (at any depth) with neither a description nor a `$ref` to a
/// described definition.
fn undocumented_properties(schema: &serde_json::Value, at: &str, out: &mut Vec<String>) {
    match schema {
        serde_json::Value::Object(map) => {
            if let Some(props) = map.get("properties").and_then(|p| p.as_object()) {
                for (field, prop) in props {
                    if prop.get("description").is_none() {
                        out.push(format!("{at}: {field}"));
                    }
                }
            }
            for (key, value) in map {
                undocumented_properties(value, &format!("{at}/{key}"), out);
            }
        }
        serde_json::Value::Array(items) => {
            for item in items {
                undocumented_properties(item, at, out);
            }
        }
        _ => {}
    }
}

#[test]
fn schemas_reject_each_schema_level_bad_input_naming_the_field() {
    // The cases of tests/bad-inputs/ whose expected.txt says `# schema: FILE FIELD`: the
    // build rejects them (every_bad_input_gets_a_located_diagnostic_and_no_panic), and so
    // does the schema, naming the same field.
    let corpus = repo().join("tests/bad-inputs");
    let site = Site::new(&[]);
    let out = site.run(&["schema"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let schemas = site.root().join("schemas");
    // The base site is valid, and valid for the schemas.
    for (rel, schema) in schema_described(site.root()) {
        let errors = schema_errors(&schemas.join(&schema), &yaml_of(&site.root().join(&rel)));
        assert_eq!(errors, Vec::<String>::new(), "{rel} against {schema}");
    }
    let mut cases = Vec::new();
    for entry in fs::read_dir(&corpus).unwrap() {
        let case = entry.unwrap().path();
        let Ok(expected) = fs::read_to_string(case.join("expected.txt")) else {
            continue;
        };
        for line in expected.lines() {
            if let Some(rest) = line.strip_prefix("# schema: ") {
                let (file, field) = rest.split_once(' ').unwrap();
                cases.push((
                    case.file_name().unwrap().to_string_lossy().into_owned(),
                    file.to_string(),
                    field.to_string(),
                ));
            }
        }
    }
    cases.sort();
    let names: Vec<&str> = cases.iter().map(|(n, ..)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "missing-title",
            "unknown-field",
            "unknown-theme",
            "wrong-type"
        ]
    );
    for (name, file, field) in &cases {
        let schema = schema_of(file).unwrap();
        let errors = schema_errors(
            &schemas.join(&schema),
            &yaml_of(&corpus.join(name).join(file)),
        );
        assert!(!errors.is_empty(), "{name}: {file} passes {schema}");
        assert!(
            errors.iter().any(|e| e.contains(field.as_str())),
            "{name}: no error names `{field}`: {errors:?}"
        );
    }
    // Bulk files too: the good one of the bulk test passes; its errors are the schema's.
    let bulk = "- id: timbuktu\n  languages: [fr, ar]\n  published: 2026-03-01\n  year: 2014\n  duration: 97\n  themes: [cinema-francophone]\n  title: {fr: Timbuktu, en: Timbuktu}\n  summary: {fr: Une ville sous le joug.}\n";
    site.write("content/films/import.yaml", bulk);
    let path = site.root().join("content/films/import.yaml");
    assert_eq!(
        schema_errors(&schemas.join("film-bulk.schema.json"), &yaml_of(&path)),
        Vec::<String>::new()
    );
    site.write(
        "content/films/import.yaml",
        &bulk
            .replace("cinema-francophone", "cinema-francophon")
            .replace("duration", "duraton"),
    );
    let errors = schema_errors(&schemas.join("film-bulk.schema.json"), &yaml_of(&path));
    assert!(
        errors.iter().any(|e| e.starts_with("/0/themes/0 ")),
        "{errors:?}"
    );
    assert!(errors.iter().any(|e| e.contains("duraton")), "{errors:?}");
}

/// Whether `rel` matches `glob`, where `*` stands for any one path segment or part of one.
fn glob_matches(glob: &str, rel: &str) -> bool {
    let (globs, parts): (Vec<&str>, Vec<&str>) =
        (glob.split('/').collect(), rel.split('/').collect());
    globs.len() == parts.len()
        && globs
            .iter()
            .zip(&parts)
            .all(|(g, p)| match g.split_once('*') {
                Some((start, end)) => {
                    p.len() >= start.len() + end.len() && p.starts_with(start) && p.ends_with(end)
                }
                None => g == p,
            })
}

#[test]
fn yaml_language_server_checks_and_completes_fields_with_the_schemas() {
    // The editors' tool itself (tests/editors/), on a copy of the example as committed, with
    // a record made the README's way: `vitrine new film essai` in the site's folder. Not in
    // a hidden folder (tempfile's default `.tmp…`): the server's globs skip those.
    let dir = tempfile::Builder::new().prefix("site-").tempdir().unwrap();
    for folder in ["content", "data", "schemas", "themes", ".vscode"] {
        copy_dir(&repo().join(folder), &dir.path().join(folder));
    }
    fs::copy(repo().join("site.yaml"), dir.path().join("site.yaml")).unwrap();
    let out = Command::new(BIN)
        .args(["new", "film", "essai"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    common::node_tests("tests/editors", &[("SITE", dir.path())]);
}

/// Runs `scripts/structure.py` on `src` (a folder), as a developer would from the repository.
fn structure(src: &Path) -> Output {
    Command::new("python3")
        .arg("scripts/structure.py")
        .arg(src)
        .current_dir(repo())
        .output()
        .unwrap()
}

#[test]
fn the_sources_have_no_import_cycle_no_oversized_file_and_no_oversized_impl() {
    let out = structure(&repo().join("src"));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("no problems"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn the_structure_check_names_cycles_between_modules_and_files_and_sizes() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path();
    let write = |path: &str, text: &str| {
        let path = src.join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    };
    write("lib.rs", "pub mod a;\npub mod b;\npub mod m;\n");
    write("a.rs", "use crate::b::B;\npub struct A;\n");
    // A comment or a test module does not count; the code line does.
    write(
        "b.rs",
        "// crate::m\nuse crate::a::A;\npub struct B;\n#[cfg(test)]\nmod tests { use crate::m::M; }\n",
    );
    write("m/mod.rs", "mod one;\nmod two;\npub struct M;\n");
    write("m/one.rs", "use super::{two::Two, M};\npub struct One;\n");
    let long_impl = format!("impl M {{\n{}}}\n", "    fn f() {}\n".repeat(400));
    write("m/two.rs", &format!("pub struct Two;\n{long_impl}"));
    write("big.rs", &"// line\n".repeat(801));
    let out = structure(src);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("import cycle between modules: a ↔ b"), "{err}");
    assert!(
        !err.contains("↔ m"),
        "comments and tests are left out: {err}"
    );
    assert!(
        err.contains("import cycle between the files of m: (mod.rs) ↔ one"),
        "{err}"
    );
    assert!(!err.contains("↔ two"), "a sibling is not a cycle: {err}");
    assert!(
        err.contains("m/two.rs:2: impl block of 402 lines, over 400"),
        "{err}"
    );
    assert!(err.contains("big.rs: 801 lines, over 800"), "{err}");
}

/// A copy of the example site (content, data, themes, site.yaml, admin/) and a runner of
/// the binary in its folder.
fn example_copy() -> (tempfile::TempDir, impl Fn(&[&str]) -> Output) {
    let dir = tempfile::tempdir().unwrap();
    for folder in ["content", "data", "themes", "admin"] {
        copy_dir(&repo().join(folder), &dir.path().join(folder));
    }
    fs::copy(repo().join("site.yaml"), dir.path().join("site.yaml")).unwrap();
    let root = dir.path().to_path_buf();
    let run = move |args: &[&str]| common::run_in(&root, args);
    (dir, run)
}

/// The field `name` of a list of CMS fields.
fn cms_field<'a>(fields: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    fields
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == name)
        .unwrap_or_else(|| panic!("no field {name}"))
}

#[test]
fn cms_config_is_the_committed_one_and_valid_for_sveltia() {
    let (dir, run) = example_copy();
    let out = run(&["cms", "--check"]);
    assert!(
        out.status.success(),
        "the committed admin/config.yml is stale: run `cargo run -- cms` and commit it\n{}",
        stderr(&out)
    );
    fs::remove_file(dir.path().join("admin/config.yml")).unwrap();
    let out = run(&["cms"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "wrote admin/config.yml\n"
    );
    let text = fs::read_to_string(dir.path().join("admin/config.yml")).unwrap();
    assert_eq!(
        Some(text.as_str()),
        fs::read_to_string(repo().join("admin/config.yml"))
            .ok()
            .as_deref()
    );
    // Valid against the JSON Schema Sveltia CMS ships in its npm package (pinned in
    // package.json): the validator itself refuses a file structure Sveltia does not have.
    let schema: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(repo().join("node_modules/@sveltia/cms/schema/sveltia-cms.json"))
            .expect("node_modules/@sveltia/cms: run `npm ci`"),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let config: serde_json::Value = serde_saphyr::from_str(&text).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&config)
        .take(5)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert_eq!(errors, Vec::<String>::new());
    let mut broken = config.clone();
    broken["i18n"]["structure"] = serde_json::json!("per_language_file");
    assert!(!validator.is_valid(&broken));

    // Site-wide: the languages of site.yaml, empty optional fields left out.
    assert_eq!(
        config["i18n"]["locales"],
        serde_json::json!(["fr", "en", "es", "ar"])
    );
    assert_eq!(config["i18n"]["default_locale"], "fr");
    assert_eq!(config["i18n"]["structure"], "multiple_files");
    assert_eq!(config["i18n"]["initial_locales"], "default");
    assert_eq!(config["output"]["omit_empty_optional_fields"], true);
    assert_eq!(config["backend"]["name"], "gitlab");
    assert_eq!(config["backend"]["auth_type"], "pkce");
    // Per kind, the facts and the texts of the same folders; files in the record's folder.
    let collections = config["collections"].as_array().unwrap();
    let names: Vec<&str> = collections
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "films",
            "films-texts",
            "books",
            "books-texts",
            "music",
            "music-texts",
            "webinars",
            "webinars-texts",
            "productions",
            "productions-texts"
        ]
    );
    let facts = &collections[0];
    assert_eq!(facts["folder"], "content/films");
    assert_eq!(facts["path"], "{{slug}}/record");
    // YAML, through the admin page's own format (src/cms/records.js), which registers one
    // for each collection of facts.
    assert_eq!(
        (&facts["extension"], &facts["format"]),
        (&"yaml".into(), &"vitrine-facts-films".into())
    );
    assert_eq!(
        (&facts["media_folder"], &facts["public_folder"]),
        (&"".into(), &"".into())
    );
    let texts = &collections[1];
    assert_eq!(texts["path"], "{{slug}}/index");
    assert_eq!(texts["i18n"], true);
    assert_eq!(texts["extension"], "md");
    for field in ["title", "summary", "slug", "body"] {
        assert_eq!(cms_field(&texts["fields"], field)["i18n"], true, "{field}");
    }
    assert!(
        cms_field(&texts["fields"], "title")
            .get("required")
            .is_none()
    );
    assert_eq!(cms_field(&texts["fields"], "slug")["required"], false);

    // Fields as the parser has them: required, typed, bounded, with the reference's text.
    let fields = &facts["fields"];
    let published = cms_field(fields, "published");
    assert!(published.get("required").is_none(), "published is required");
    assert_eq!(
        (&published["widget"], &published["type"]),
        (&"datetime".into(), &"date".into())
    );
    let year = cms_field(fields, "year");
    assert_eq!(year["widget"], "number");
    assert_eq!(
        (&year["min"], &year["max"], &year["required"]),
        (&1800.into(), &2100.into(), &false.into())
    );
    assert_eq!(
        cms_field(fields, "duration")["hint"],
        "Running time in minutes. Default: none (unknown)."
    );
    assert!(
        fields
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["name"] != "id" && f["name"] != "title")
    );
    // Vocabularies as selects labelled in the default language.
    let themes = cms_field(fields, "themes");
    assert_eq!(
        (&themes["widget"], &themes["multiple"]),
        (&"select".into(), &true.into())
    );
    assert!(themes["options"].as_array().unwrap().contains(
        &serde_json::json!({"label": "Cinéma francophone", "value": "cinema-francophone"})
    ));
    let countries = cms_field(fields, "countries")["options"]
        .as_array()
        .unwrap();
    assert!(countries.contains(&serde_json::json!({"label": "Sénégal (SN)", "value": "SN"})));
    let languages = cms_field(fields, "languages")["options"]
        .as_array()
        .unwrap();
    assert!(languages.contains(&serde_json::json!({"label": "wolof (wo)", "value": "wo"})));
    let credits = cms_field(fields, "credits");
    assert_eq!(credits["widget"], "list");
    let role = cms_field(&credits["fields"], "role");
    assert!(
        role["options"]
            .as_array()
            .unwrap()
            .iter()
            .any(|o| o["value"] == "director")
    );
    let images = cms_field(fields, "images");
    assert_eq!(cms_field(&images["fields"], "file")["widget"], "image");
    let alt = cms_field(&images["fields"], "alt");
    let alt_languages: Vec<&str> = alt["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    assert_eq!(alt_languages, ["fr", "en", "es", "ar"]);
    let webinar = &collections[6]["fields"];
    assert_eq!(cms_field(webinar, "start")["type"], "datetime-local");
    let track = cms_field(&collections[4]["fields"], "tracks");
    assert_eq!(
        cms_field(&track["fields"], "duration")["pattern"][0],
        "^[0-9]+:[0-5][0-9]$"
    );

    // A new theme in data/ makes the committed configuration stale.
    let themes_file = dir.path().join("data/themes.yaml");
    let mut vocabulary = fs::read_to_string(&themes_file).unwrap();
    vocabulary.push_str("danse: {fr: Danse, en: Dance}\n");
    fs::write(&themes_file, vocabulary).unwrap();
    let out = run(&["cms", "--check"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("error: admin/config.yml is out of date"),
        "{err}"
    );
    assert!(
        err.contains("help: run `vitrine cms` and commit the result"),
        "{err}"
    );
    assert!(run(&["cms"]).status.success());
    assert!(run(&["cms", "--check"]).status.success());
}

/// A translatable fact written once for every language (`alt: Affiche du film`) is kept by
/// a CMS save (the admin page's record format, tests/browser/cms.test.mjs): `vitrine cms
/// --check` does not fail a site for it, nor warn.
#[test]
fn cms_check_accepts_plain_text_translatable_facts_the_cms_keeps() {
    let (dir, run) = example_copy();
    // One picture's alt text written once for every language, as vitrine allows.
    let record = dir.path().join("content/films/atlas-des-vents/record.yaml");
    let text = fs::read_to_string(&record).unwrap();
    let start = text
        .find("    alt:\n      fr:")
        .expect("a per-language alt");
    let end = start + text[start..].find("    credit:").unwrap();
    let plain = format!(
        "{}    alt: Affiche du film\n{}",
        &text[..start],
        &text[end..]
    );
    fs::write(&record, &plain).unwrap();
    // And a link's label, in a list of another kind's record.
    let book = dir
        .path()
        .join("content/books/la-langue-en-partage/record.yaml");
    let text = fs::read_to_string(&book).unwrap();
    let map = "    label: {fr: Table des matières, en: Table of contents}\n";
    assert!(text.contains(map), "a per-language label");
    fs::write(&book, text.replace(map, "    label: Table des matières\n")).unwrap();
    let config = fs::read(dir.path().join("admin/config.yml")).unwrap();

    let out = run(&["cms", "--check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stderr(&out), "", "no warning");
    assert_eq!(stdout(&out), "admin/config.yml is up to date\n");
    let out = run(&["cms"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stderr(&out), "", "no warning");
    assert_eq!(
        fs::read(dir.path().join("admin/config.yml")).unwrap(),
        config
    );
    assert_eq!(fs::read_to_string(&record).unwrap(), plain);
}

#[test]
fn cms_without_a_cms_section_says_what_to_add() {
    let (dir, run) = example_copy();
    let site = dir.path().join("site.yaml");
    let text = fs::read_to_string(&site).unwrap();
    let without = &text[..text.find("\ncms:").expect("the example has a cms: section") + 1];
    fs::write(&site, without).unwrap();
    let out = run(&["cms"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("site.yaml has no `cms:` section"), "{err}");
    assert!(err.contains("  cms:\n    backend: gitlab"), "{err}");
    // What it says to add is accepted as written (once the application's id is filled in).
    let block: String = err
        .lines()
        .skip_while(|l| l.trim() != "cms:")
        .take_while(|l| !l.is_empty())
        .map(|l| format!("{}\n", &l[2..]))
        .collect();
    fs::write(&site, format!("{without}{}", block.replace('…', "123"))).unwrap();
    let out = run(&["cms"]);
    assert!(out.status.success(), "{}", stderr(&out));
    // An unknown key of the section is located like any of site.yaml.
    fs::write(
        &site,
        format!("{without}cms:\n  backend: gitlab\n  repo: a/b\n  brnach: main\n"),
    )
    .unwrap();
    let out = run(&["cms"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    let line = without.lines().count() + 4;
    assert!(err.contains(&format!("--> site.yaml:{line}:3")), "{err}");
    assert!(err.contains("did you mean `branch`?"), "{err}");
    // Review through merge requests, where the host offers it.
    fs::write(
        &site,
        format!("{without}cms:\n  backend: gitlab\n  repo: a/b\n  review: true\n"),
    )
    .unwrap();
    assert!(run(&["cms"]).status.success());
    let config = fs::read_to_string(dir.path().join("admin/config.yml")).unwrap();
    assert!(
        config.contains("\npublish_mode: editorial_workflow\n"),
        "{config}"
    );
    fs::write(
        &site,
        format!("{without}cms:\n  backend: gitea\n  repo: a\n  review: true\n"),
    )
    .unwrap();
    let out = run(&["cms"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    let line = without.lines().count() + 3;
    assert!(
        err.contains(&format!(
            "error[invalid-repo]: `a` is not a repository\n  --> site.yaml:{line}:9"
        )),
        "{err}"
    );
    assert!(err.contains(&format!("error[unsupported-review]: the CMS cannot propose changes for review on Gitea or Forgejo\n  --> site.yaml:{}:11", line + 1)), "{err}");
    assert_eq!(
        fs::read_to_string(dir.path().join("admin/config.yml")).unwrap(),
        config,
        "nothing written"
    );
}

#[test]
fn cms_overlay_changes_presentation_and_nothing_else() {
    let (dir, run) = example_copy();
    let overlay = dir.path().join("admin/overlay.yml");
    fs::write(
        &overlay,
        "app_title: Catalogue\n\
         collections: [films-texts, films, '-']\n\
         collection:\n  films:\n    label: Films (fiches)\n    fields:\n      year: {label: Année de sortie, hint: L'année de sortie.}\n      images.alt.ar: {label: النص البديل}\n",
    )
    .unwrap();
    let out = run(&["cms"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let config: serde_json::Value =
        serde_saphyr::from_str(&fs::read_to_string(dir.path().join("admin/config.yml")).unwrap())
            .unwrap();
    assert_eq!(config["app_title"], "Catalogue");
    let collections = config["collections"].as_array().unwrap();
    assert_eq!(collections[0]["name"], "films-texts");
    assert_eq!(collections[1]["label"], "Films (fiches)");
    assert_eq!(collections[2], serde_json::json!({"divider": true}));
    let year = cms_field(&collections[1]["fields"], "year");
    assert_eq!(
        (&year["label"], &year["hint"]),
        (&"Année de sortie".into(), &"L'année de sortie.".into())
    );
    assert_eq!(year["widget"], "number", "the widget stays vitrine's");
    let alt = cms_field(
        &cms_field(&collections[1]["fields"], "images")["fields"],
        "alt",
    );
    assert_eq!(cms_field(&alt["fields"], "ar")["label"], "النص البديل");

    // The overlay docs/editing.md shows is one that works.
    let guide = fs::read_to_string(repo().join("docs/editing.md")).unwrap();
    let start = guide
        .find("```yaml\napp_title:")
        .expect("an overlay example")
        + "```yaml\n".len();
    fs::write(
        &overlay,
        &guide[start..start + guide[start..].find("```").unwrap()],
    )
    .unwrap();
    let out = run(&["cms"]);
    assert!(
        out.status.success(),
        "docs/editing.md's overlay: {}",
        stderr(&out)
    );

    // What a form writes cannot be changed: each attempt is located.
    let written = fs::read_to_string(dir.path().join("admin/config.yml")).unwrap();
    fs::write(
        &overlay,
        "collection:\n  films:\n    fields:\n      year: {widget: string}\n      yaer: {label: Année}\n  flims:\n    label: x\ncollections: [films, texts]\n",
    )
    .unwrap();
    let out = run(&["cms"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("error[unknown-field]: `widget` is not a field here"),
        "{err}"
    );
    assert!(err.contains("--> admin/overlay.yml:4:14"), "{err}");
    // Once the file parses, names the configuration lacks are found all at once.
    fs::write(
        &overlay,
        "collection:\n  films:\n    fields:\n      yaer: {label: Année}\n  flims:\n    label: x\ncollections: [films, texts]\n",
    )
    .unwrap();
    let out = run(&["cms"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("`yaer` is not a field of the CMS\n  --> admin/overlay.yml:4:7"),
        "{err}"
    );
    assert!(err.contains("did you mean `year`?"), "{err}");
    assert!(
        err.contains("`flims` is not a collection of the CMS\n  --> admin/overlay.yml:5:3"),
        "{err}"
    );
    assert!(
        err.contains("`texts` is not a collection of the CMS\n  --> admin/overlay.yml:7:22"),
        "{err}"
    );
    assert!(
        fs::read_to_string(dir.path().join("admin/config.yml")).unwrap() == written,
        "a failed run leaves the configuration as it was"
    );
}

#[test]
fn build_publishes_admin_only_for_a_site_with_a_cms_and_lists_it_nowhere() {
    let (dir, run) = example_copy();
    let out = run(&[
        "build",
        "--date",
        "2026-11-28",
        "--base-url",
        "https://example.org/catalogue/",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let public = dir.path().join("public");
    // The configuration as committed, but for the preview links of a site under a sub-path.
    let committed = fs::read_to_string(dir.path().join("admin/config.yml")).unwrap();
    let served = fs::read_to_string(public.join("admin/config.yml")).unwrap();
    assert_eq!(
        served,
        committed.replace(
            "preview_path: \"admin/preview.html",
            "preview_path: \"catalogue/admin/preview.html"
        )
    );
    assert_ne!(served, committed);
    let preview = fs::read_to_string(public.join("admin/preview.html")).unwrap();
    assert!(preview.contains(r#"<meta name="robots" content="noindex">"#));
    // Which records have which pages: the translated address of the Spanish book.
    let map: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(public.join("admin/preview/books/le.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(
        map["le-baobab-qui-parlait"]["es"],
        "/catalogue/es/libros/el-baobab-que-hablaba/"
    );
    // A network-only record leaves no trace there either; no public list names /admin/.
    for file in common::walkdir(&public.join("admin")) {
        let text = fs::read_to_string(&file).unwrap_or_default();
        assert!(
            !text.contains("atelier-droits-de-diffusion"),
            "{}",
            file.display()
        );
    }
    for file in common::walkdir(&public) {
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        if name.ends_with(".xml")
            || (name.ends_with(".json") && !file.starts_with(public.join("admin")))
        {
            let text = fs::read_to_string(&file).unwrap_or_default();
            assert!(
                !text.contains("/admin/"),
                "{} names /admin/",
                file.display()
            );
        }
    }
    // Without admin/config.yml, no /admin/ at all.
    fs::remove_file(dir.path().join("admin/config.yml")).unwrap();
    let out = run(&["build", "--date", "2026-11-28"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!public.join("admin").exists());
}

#[test]
fn new_writes_a_site_with_a_cms_as_the_cms_writes_and_check_accepts_it() {
    let (dir, run) = example_copy();
    let config: serde_json::Value =
        serde_saphyr::from_str(&fs::read_to_string(dir.path().join("admin/config.yml")).unwrap())
            .unwrap();
    for (kind, folder, id) in [
        ("film", "films", "nouvelle-vague"),
        ("webinar", "webinars", "atelier-sous-titrage"),
        ("production", "productions", "carnets-de-route"),
    ] {
        let out = run(&["new", kind, id]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(
            String::from_utf8_lossy(&out.stdout)
                .contains(&format!("created content/{folder}/{id}/index.fr.md\n")),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
        let record = dir.path().join("content").join(folder).join(id);
        assert!(!record.join("fr.md").exists());
        let facts = fs::read_to_string(record.join("record.yaml")).unwrap();
        // Nothing a save would drop or rewrite: no comment, no flow list, the form's order.
        assert!(!facts.contains('#') && !facts.contains('['), "{facts}");
        let form: Vec<&str> = config["collections"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == folder)
            .unwrap()["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["name"].as_str().unwrap())
            .collect();
        let keys: Vec<usize> = facts
            .lines()
            .map(|l| {
                let key = l.split(':').next().unwrap();
                form.iter()
                    .position(|f| *f == key)
                    .unwrap_or_else(|| panic!("{key}"))
            })
            .collect();
        assert!(keys.is_sorted(), "{facts}");
        let text = fs::read_to_string(record.join("index.fr.md")).unwrap();
        assert!(
            text.starts_with("---\ntitle: ") && text.contains("\n---\n\n"),
            "{text}"
        );
    }
    // Checked on the day they were made, so that they are in the site, not in the future.
    let out = run(&["check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = run(&["build", "--output", "out"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        dir.path()
            .join("out/fr/films/nouvelle-vague/index.html")
            .is_file()
    );
}

#[test]
fn the_hugo_side_of_the_bench_relates_records_as_vitrine_does() {
    // `bench.sh --hugo` compares equal work only if Hugo's layouts relate records as vitrine
    // does: scripts/bench-related.py builds one generated catalogue with this vitrine and
    // with the bench's Hugo (installed aside by scripts/bench-tools.sh on first use) and
    // fails when a record page's related links differ.
    let out = Command::new("python3")
        .arg(repo().join("scripts/bench-related.py"))
        .args(["--records", "200", "--languages", "fr,en", "--vitrine", BIN])
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{report}{}", stderr(&out));
    let counts: Vec<usize> = report
        .split(": ")
        .nth(2)
        .and_then(|s| s.split(" record pages").next())
        .map(|s| s.split(" of ").filter_map(|n| n.parse().ok()).collect())
        .unwrap_or_default();
    assert!(
        counts.len() == 2 && counts[0] == counts[1] && counts[0] > 300,
        "every record page of 200 records × 2 languages: {report}"
    );
}

/// The language files of the site under `root` (records, pages, collections), relative.
fn text_files(root: &Path) -> Vec<String> {
    let mut out: Vec<String> = common::walkdir(&root.join("content"))
        .into_iter()
        .map(|f| common::display(f.strip_prefix(root).unwrap()))
        .filter(|f| f.ends_with(".md") && f.matches('/').count() == 3)
        .collect();
    out.sort();
    out
}

#[test]
fn cms_rename_texts_gives_a_site_the_cms_spelling_and_the_same_site() {
    let (dir, run) = example_copy();
    let root = dir.path();
    // The example as a site started without a CMS: every text spelled `<lang>.md`.
    for file in text_files(root) {
        let (folder, name) = file.rsplit_once('/').unwrap();
        let short = name.strip_prefix("index.").unwrap();
        fs::rename(root.join(&file), root.join(folder).join(short)).unwrap();
    }
    let before = text_files(root);
    let count = before.len();
    assert!(count > 50, "{count}");
    let out = run(&["build", "--date", "2026-11-28", "--output", "before"]);
    assert!(out.status.success(), "{}", stderr(&out));

    // The CMS lists none of them: both commands say so, with the count and the command.
    for args in [&["cms", "--check"][..], &["cms"]] {
        let out = run(args);
        assert!(out.status.success(), "{}", stderr(&out));
        let err = stderr(&out);
        assert!(
            err.contains(&format!(
                "warning[texts-hidden-from-cms]: {count} text files are named `<lang>.md`"
            )) && err.contains("run `vitrine cms --rename-texts`"),
            "{args:?}: {err}"
        );
    }

    // A folder holding both spellings of a language stops it before any rename.
    let both = root.join("content/films/marche-de-nuit");
    fs::copy(both.join("fr.md"), both.join("index.fr.md")).unwrap();
    let out = run(&["cms", "--rename-texts"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(
            "error[duplicate-language-file]: `content/films/marche-de-nuit/fr.md` and `content/films/marche-de-nuit/index.fr.md` are both the `fr` text of this folder: nothing was renamed\n  --> content/films/marche-de-nuit/fr.md"
        ),
        "{}",
        stderr(&out)
    );
    fs::remove_file(both.join("index.fr.md")).unwrap();
    assert_eq!(text_files(root), before, "a refused rename renamed files");
    // So does a site whose CMS configuration cannot be made: a failed command changes nothing.
    let site = root.join("site.yaml");
    let text = fs::read_to_string(&site).unwrap();
    let without = &text[..text.find("\ncms:").unwrap() + 1];
    fs::write(&site, without).unwrap();
    let out = run(&["cms", "--rename-texts"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(text_files(root), before, "a site without a CMS was renamed");
    fs::write(&site, text).unwrap();

    let out = run(&["cms", "--rename-texts"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout).starts_with(&format!(
            "renamed {count} text files from <lang>.md to index.<lang>.md\n"
        )),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let mut expected: Vec<String> = before
        .iter()
        .map(|f| {
            let (folder, name) = f.rsplit_once('/').unwrap();
            format!("{folder}/index.{name}")
        })
        .collect();
    expected.sort();
    assert_eq!(text_files(root), expected);
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));

    // Idempotent, and nothing left for the CMS to miss.
    let out = run(&["cms", "--rename-texts"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout).starts_with("no text to rename"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(text_files(root), expected);
    let out = run(&["cms", "--check"]);
    assert!(
        out.status.success() && stderr(&out).is_empty(),
        "{}",
        stderr(&out)
    );

    let out = run(&["build", "--date", "2026-11-28", "--output", "after"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let (before, after) = (tree(&root.join("before")), tree(&root.join("after")));
    assert!(before.len() > 300, "{}", before.len());
    assert!(before == after, "the renamed site builds other bytes");
}

#[test]
fn cms_labels_facts_as_the_pages_do_in_the_default_language() {
    let (dir, run) = example_copy();
    let films = |dir: &Path| -> serde_json::Value {
        let config: serde_json::Value =
            serde_saphyr::from_str(&fs::read_to_string(dir.join("admin/config.yml")).unwrap())
                .unwrap();
        config["collections"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == "films")
            .unwrap()["fields"]
            .clone()
    };
    // The example's default language is French: the theme's fr strings.
    let fields = films(dir.path());
    assert_eq!(cms_field(&fields, "year")["label"], "Année");
    assert_eq!(
        cms_field(&fields, "original_title")["label"],
        "Titre original"
    );
    assert_eq!(cms_field(&fields, "credits")["label"], "Crédits");
    // What the pages do not name, the theme's `cms_` strings do: a switch, an image's parts,
    // a credit's, while a part the pages name keeps the pages' word.
    assert_eq!(cms_field(&fields, "draft")["label"], "Brouillon");
    let image = &cms_field(&fields, "images")["fields"];
    assert_eq!(cms_field(image, "credit")["label"], "Crédit");
    assert_eq!(cms_field(image, "alt")["label"], "Texte alternatif");
    assert_eq!(cms_field(image, "decorative")["label"], "Décorative");
    let credit = &cms_field(&fields, "credits")["fields"];
    assert_eq!(cms_field(credit, "name")["label"], "Nom");
    assert_eq!(cms_field(credit, "role")["label"], "Rôle");
    let resource = &cms_field(&fields, "resources")["fields"];
    assert_eq!(cms_field(resource, "access")["label"], "Accès");
    // A text's fields too.
    let config: serde_json::Value =
        serde_saphyr::from_str(&fs::read_to_string(dir.path().join("admin/config.yml")).unwrap())
            .unwrap();
    let texts = config["collections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "films-texts")
        .unwrap()["fields"]
        .clone();
    assert_eq!(cms_field(&texts, "title")["label"], "Titre");
    assert_eq!(cms_field(&texts, "summary")["label"], "Résumé");
    assert_eq!(cms_field(&texts, "body")["label"], "Texte");
    // The lists: the kinds as the menus name them, facts and texts in French.
    let label = |name: &str| {
        config["collections"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == name)
            .unwrap()["label"]
            .clone()
    };
    assert_eq!(label("films"), "Films (fiches)");
    assert_eq!(label("books-texts"), "Livres (textes)");
    assert_eq!(label("productions"), "Productions du réseau (fiches)");
    // The site's own strings replace the theme's, here as on the pages.
    fs::create_dir_all(dir.path().join("i18n")).unwrap();
    fs::write(
        dir.path().join("i18n/fr.yaml"),
        "fact_year: Année de production\n",
    )
    .unwrap();
    let out = run(&["cms", "--check"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let out = run(&["cms"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let fields = films(dir.path());
    assert_eq!(cms_field(&fields, "year")["label"], "Année de production");
}
