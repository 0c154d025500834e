//! Multilingual behaviour on fixture sites: fallback on and off, right-to-left, hreflang
//! reciprocity, local dates, collation, plurals, translated paths and term slugs, coverage.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use common::{Site, stderr, walkdir};

/// `(hreflang, href)` of every `<link rel="alternate">` of a page (or `<xhtml:link>` of a
/// sitemap entry).
fn hreflangs(html: &str) -> Vec<(String, String)> {
    html.split("link rel=\"alternate\" hreflang=\"")
        .skip(1)
        .map(|rest| {
            let (lang, rest) = rest.split_once('"').unwrap();
            let href = rest
                .split_once("href=\"")
                .unwrap()
                .1
                .split_once('"')
                .unwrap()
                .0;
            (lang.to_string(), href.to_string())
        })
        .collect()
}

fn canonical(html: &str) -> String {
    let rest = html
        .split_once("<link rel=\"canonical\" href=\"")
        .expect("a canonical link")
        .1;
    rest.split_once('"').unwrap().0.to_string()
}

/// The file of the page at an absolute URL of the test site.
fn page_at(public: &Path, url: &str) -> String {
    let path = url
        .strip_prefix("https://example.org/")
        .expect("a URL of the site");
    fs::read_to_string(public.join(path).join("index.html"))
        .unwrap_or_else(|_| panic!("no page at {url}"))
}

#[test]
fn without_fallback_untranslated_records_are_left_out() {
    let site = Site::new(&[]);
    assert!(site.build().status.success());
    assert!(!site.public().join("en/books/l-etranger").exists());
    // The only book is French: English has no list of books, nor a menu entry to one.
    assert!(!site.public().join("en/books/index.html").exists());
    assert!(!site.read("en/index.html").contains("href=\"/en/books/\""));
    assert!(
        site.read("fr/books/index.html")
            .contains("/fr/books/l-etranger/")
    );
}

#[test]
fn with_fallback_untranslated_records_show_borrowed_text_marked_as_such() {
    let site = Site::new(&["i18n/fallback"]);
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
    // The book has only French: English and Arabic borrow it, each along its own chain.
    let en = site.read("en/books/l-etranger/index.html");
    assert!(en.contains(r#"<html lang="en" dir="ltr">"#));
    assert!(
        en.contains(r#"<h1 lang="fr" dir="ltr">L’Étranger</h1>"#),
        "{en}"
    );
    assert!(
        en.contains(r#"This record is not translated into English yet; it is shown in <bdi lang="fr">Français</bdi>."#),
        "the language name is marked as French"
    );
    assert_eq!(
        canonical(&en),
        "https://example.org/fr/books/l-etranger/",
        "borrowed text points to its original"
    );
    assert_eq!(
        hreflangs(&en),
        [],
        "a page whose canonical is another address carries no hreflang set"
    );
    let fr = site.read("fr/books/l-etranger/index.html");
    let langs: Vec<String> = hreflangs(&fr).into_iter().map(|(l, _)| l).collect();
    assert_eq!(
        langs,
        ["fr", "x-default"],
        "only real translations are alternates"
    );
    let list = site.read("en/books/index.html");
    assert!(
        list.contains(r#"<a href="/en/books/l-etranger/" lang="fr" dir="ltr">L’Étranger</a>"#),
        "{list}"
    );
    assert!(list.contains("Not translated yet"));
    // Arabic borrows from English first (its chain is en, then fr), under its own paths.
    let ar = site.read("ar/أفلام/la-haine/index.html");
    assert!(ar.contains(r#"<html lang="ar" dir="rtl">"#));
    assert!(
        ar.contains(r#"<h1>الكراهية</h1>"#),
        "la-haine has Arabic text of its own"
    );
    let ar_book = site.read("ar/كتب/l-etranger/index.html");
    assert!(
        ar_book.contains(r#"<h1 lang="fr" dir="ltr">"#),
        "no English text either: French"
    );
    let ar_webinar = site.read("ar/webinars/atelier/index.html");
    assert!(ar_webinar.contains(r#"lang="fr" dir="ltr""#));
}

#[test]
fn theme_strings_fall_back_key_by_key_and_check_lists_them() {
    let site = Site::new(&[]);
    let file = site.root().join("themes/default/i18n/en.yaml");
    let strings = fs::read_to_string(&file).unwrap();
    let without: String = strings
        .lines()
        .filter(|l| !l.starts_with("home:"))
        .map(|l| format!("{l}\n"))
        .collect();
    fs::write(&file, without).unwrap();
    let out = site.run(&["check"]);
    assert!(
        out.status.success(),
        "a missing translation is a warning, not an error"
    );
    let err = stderr(&out);
    assert!(err.contains("warning[missing-string]: the theme string `home` is not translated into `en`; the `fr` text is shown"), "{err}");
    assert!(err.contains("--> themes/default/i18n/en.yaml"));
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(report.contains("strings not translated: home"), "{report}");
    assert!(site.build().status.success());
    assert!(
        site.read("en/index.html").contains(">Accueil</a>"),
        "the French string is shown in English pages"
    );
    // In the default language a missing string the code needs is an error.
    let fr = site.root().join("themes/default/i18n/fr.yaml");
    let strings = fs::read_to_string(&fr).unwrap();
    fs::write(
        &fr,
        strings
            .lines()
            .filter(|l| !l.starts_with("kind_film:"))
            .map(|l| format!("{l}\n"))
            .collect::<String>(),
    )
    .unwrap();
    let out = site.run(&["check"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains(
        "error[missing-string]: the theme string `kind_film` is missing in the default language"
    ));
    // So is a key that only another language has.
    fs::write(&fr, strings).unwrap();
    let mut en = fs::read_to_string(&file).unwrap();
    en.push_str("only_in_english: Hello\n");
    fs::write(&file, en).unwrap();
    let out = site.run(&["check"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains(
            "the theme string `only_in_english` (in `en`) is missing in the default language"
        ),
        "{err}"
    );
}

#[test]
fn every_alternate_links_back_and_x_default_is_present() {
    let site = Site::new(&["i18n/fallback"]);
    assert!(site.build().status.success());
    let public = site.public();
    let mut checked = 0;
    for file in walkdir(&public) {
        if file.file_name().unwrap() != "index.html" || file.parent() == Some(public.as_path()) {
            continue;
        }
        let html = fs::read_to_string(&file).unwrap();
        let links = hreflangs(&html);
        if links.is_empty() {
            continue;
        }
        assert!(
            links.iter().any(|(l, _)| l == "x-default"),
            "no x-default in {}",
            file.display()
        );
        let own = canonical(&html);
        let self_listed = links
            .iter()
            .any(|(l, href)| l != "x-default" && *href == own);
        assert!(self_listed, "{} does not list itself", file.display());
        for (lang, href) in links.iter().filter(|(l, _)| l != "x-default") {
            let other = page_at(&public, href);
            assert!(
                other.contains(&format!("<html lang=\"{lang}\"")),
                "{href} is not in {lang}"
            );
            assert!(
                hreflangs(&other).iter().any(|(_, back)| *back == own),
                "{href} does not link back to {own}"
            );
        }
        checked += 1;
    }
    assert!(checked > 30, "only {checked} pages with alternates");
    let sitemap = site.read("sitemap.xml");
    assert!(sitemap.contains(r#"<xhtml:link rel="alternate" hreflang="en" href="https://example.org/en/films/la-haine/"/>"#));
    assert!(
        sitemap.contains("https://example.org/ar/%D8%A3%D9%81%D9%84%D8%A7%D9%85/la-haine/"),
        "non-ASCII paths are percent-encoded"
    );
    assert!(
        !sitemap.contains("https://example.org/en/books/l-etranger/"),
        "pages with borrowed text are not in the sitemap"
    );
}

#[test]
fn dates_are_written_as_each_language_writes_them() {
    let site = Site::new(&["i18n/fallback"]);
    assert!(site.build().status.success());
    let expected = [
        ("fr/films/la-haine/", "15 janvier 2026"),
        ("en/films/la-haine/", "January 15, 2026"),
        ("ar/أفلام/la-haine/", "15 يناير 2026"),
    ];
    for (page, date) in expected {
        let html = site.read(&format!("{page}index.html"));
        assert!(
            html.contains(&format!("<time datetime=\"2026-01-15\">{date}</time>")),
            "{page}: {date}"
        );
    }
    let webinar = site.read("fr/webinars/atelier/index.html");
    assert!(
        webinar.contains("29 mars 2026 18:30 (UTC+02:00)"),
        "summer time in Paris:\n{webinar}"
    );
    let duration = site.read("en/films/la-haine/index.html");
    assert!(duration.contains("<dd>1 h 38 min</dd>"));
}

#[test]
fn spanish_dates_and_paths() {
    let site = Site::new(&[]);
    site.write(
        "site.yaml",
        "title: Catálogo\nbase_url: https://example.org/\ndefault_language: es\nlanguages:\n  - {code: es, name: Español, paths: {films: peliculas}}\n",
    );
    for lang in ["fr", "en", "ar"] {
        let _ = fs::remove_file(
            site.root()
                .join(format!("content/films/la-haine/{lang}.md")),
        );
    }
    site.write(
        "content/films/la-haine/es.md",
        "---\ntitle: El odio\nsummary: Un día en la periferia.\nslug: el-odio\n---\nTexto.\n",
    );
    for record in [
        "books/l-etranger",
        "webinars/atelier",
        "music/album",
        "productions/expo",
    ] {
        fs::rename(
            site.root().join(format!("content/{record}/fr.md")),
            site.root().join(format!("content/{record}/es.md")),
        )
        .unwrap();
    }
    fs::remove_dir_all(site.root().join("content/pages")).unwrap();
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let page = site.read("es/peliculas/el-odio/index.html");
    assert!(
        page.contains("<time datetime=\"2026-01-15\">15 de enero de 2026</time>"),
        "{page}"
    );
}

#[test]
fn lists_follow_the_languages_alphabetical_order() {
    let site = Site::new(&["i18n/collation"]);
    assert!(site.build().status.success());
    let list = site.read("fr/films/index.html");
    let positions: Vec<usize> = ["Emma", "Éric", "Ode", "œuvre", "Zola"]
        .iter()
        .map(|t| {
            list.find(&format!(">{t}</a>"))
                .unwrap_or_else(|| panic!("{t} missing"))
        })
        .collect();
    let mut sorted = positions.clone();
    sorted.sort();
    assert_eq!(positions, sorted, "Éric among the E's, œuvre with oe");
}

#[test]
fn counts_use_the_languages_plural_forms() {
    let site = Site::new(&["i18n/collation"]);
    assert!(site.build().status.success());
    let counts: BTreeMap<&str, String> =
        [("fr", "6 titres"), ("en", "1 title"), ("ar", "عنوان واحد")]
            .into_iter()
            .map(|(lang, text)| (lang, text.to_string()))
            .collect();
    for (lang, text) in counts {
        let list = site.read(&format!("{lang}/films/index.html"));
        assert!(
            list.contains(&format!("<p class=\"count\">{text}</p>")),
            "{lang}: {text}"
        );
    }
    // Two records in Arabic take the dual form.
    site.write(
        "content/films/eric/ar.md",
        "---\ntitle: إريك\nsummary: فيلم.\n---\nنص.\n",
    );
    assert!(site.build().status.success());
    assert!(
        site.read("ar/films/index.html")
            .contains("<p class=\"count\">عنوانان</p>")
    );
}

#[test]
fn term_pages_have_translated_slugs_and_collisions_are_errors() {
    let site = Site::new(&["i18n/fallback"]);
    assert!(site.build().status.success());
    assert!(
        site.read("fr/themes/cinéma-francophone/index.html")
            .contains("<h1>Cinéma francophone</h1>")
    );
    assert!(
        site.read("en/themes/french-language-cinema/index.html")
            .contains("<h1>French-language cinema</h1>")
    );
    assert!(
        site.public()
            .join("ar/مواضيع/السينما-الناطقة-بالفرنسية/index.html")
            .is_file()
    );
    let clash = Site::new(&["i18n/term-collision"]);
    let out = clash.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("error[duplicate-term]: `banlieue` and `cinema-francophone` would share the page /fr/themes/cinéma/ in `fr`"), "{err}");
    assert!(
        err.contains("would share the page /ar/themes/سينما/ in `ar`"),
        "Arabic labels collide too:\n{err}"
    );
    assert!(err.contains("--> data/themes.yaml"));
}

#[test]
fn the_default_language_can_live_at_the_root() {
    let site = Site::new(&["i18n/root-language"]);
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let home = site.read("index.html");
    assert!(
        home.contains(r#"<html lang="fr" dir="ltr">"#),
        "the root is the French home, not a chooser"
    );
    assert!(
        site.read("films/la-haine/index.html")
            .contains("<h1>La Haine</h1>")
    );
    assert!(!site.public().join("fr").exists());
    let en = site.read("en/films/la-haine/index.html");
    assert!(hreflangs(&en).contains(&(
        "fr".to_string(),
        "https://example.org/films/la-haine/".to_string()
    )));
}

#[test]
fn check_reports_translation_coverage_per_language() {
    let site = Site::new(&[]);
    let out = site.run(&["check"]);
    assert!(out.status.success());
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        report.contains("en     records     1/5      20.0%"),
        "{report}"
    );
    assert!(
        report.contains("not translated: album, atelier, expo, l-etranger"),
        "{report}"
    );
    assert!(
        report.contains("fr     records     5/5     100.0%"),
        "{report}"
    );
}

#[test]
fn check_gives_the_coverage_as_json_for_tools() {
    let site = Site::new(&[]);
    let out = site.run(&["check", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = stdout
        .lines()
        .find(|l| l.starts_with("{\"coverage\""))
        .expect("a coverage line");
    let report: serde_json::Value = serde_json::from_str(line).unwrap();
    let languages = report["coverage"]["languages"].as_array().unwrap();
    let en = languages.iter().find(|l| l["language"] == "en").unwrap();
    assert_eq!(en["records"], 5);
    assert_eq!(en["translated_records"], 1);
    assert_eq!(
        en["untranslated_records"],
        serde_json::json!(["album", "atelier", "expo", "l-etranger"])
    );
}

/// `%XX` escapes decoded, so that addresses compare whatever their spelling.
fn decoded(url: &str) -> String {
    let bytes = url.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(b) = url
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(b);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

/// The rules search engines document for `hreflang`, over every page and every sitemap
/// entry of the built example: a page whose canonical is another address has no set;
/// every set lists the page itself, is the same on every page it names (reciprocal),
/// names only built pages that are their own canonical, and has an `x-default`, which is
/// the language chooser for the homes.
#[test]
fn hreflang_sets_of_the_whole_example_are_reciprocal_and_canonical() {
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    let built = common::build_example(&public);
    assert!(built.status.success(), "{}", stderr(&built));
    let base = "https://catalogue.example.org/";
    // Every page by its address: its canonical and its hreflang set.
    let mut pages: BTreeMap<String, (String, BTreeMap<String, String>)> = BTreeMap::new();
    for file in walkdir(&public) {
        let rel = file.strip_prefix(&public).unwrap();
        // The CMS's admin page is for editors, not a page of the catalogue.
        if file.file_name().unwrap() != "index.html" || rel.starts_with("admin") {
            continue;
        }
        let dir = common::display(rel.parent().unwrap());
        let url = if dir.is_empty() {
            base.to_string()
        } else {
            format!("{base}{dir}/")
        };
        let html = fs::read_to_string(&file).unwrap();
        let set: BTreeMap<String, String> = hreflangs(&html)
            .into_iter()
            .map(|(l, h)| (l, decoded(&h)))
            .collect();
        pages.insert(url, (decoded(&canonical(&html)), set));
    }
    let check_set = |place: &str, own: &str, set: &BTreeMap<String, String>| {
        assert!(
            set.values().any(|u| u == own),
            "{place}: the set does not name {own}"
        );
        assert!(set.contains_key("x-default"), "{place}: no x-default");
        for (lang, url) in set {
            let (canonical, other) = pages
                .get(url)
                .unwrap_or_else(|| panic!("{place}: {lang} names {url}, which is not a page"));
            assert_eq!(canonical, url, "{place}: {url} is not its own canonical");
            assert_eq!(other, set, "{place}: {url} does not give back the same set");
        }
    };
    let mut sets = 0;
    let mut borrowed = 0;
    for (url, (canonical, set)) in &pages {
        if canonical != url {
            assert!(
                set.is_empty(),
                "{url} has another canonical and an hreflang set"
            );
            borrowed += 1;
        } else if !set.is_empty() {
            check_set(url, url, set);
            sets += 1;
        }
    }
    assert!(
        sets > 200 && borrowed > 0,
        "{sets} sets, {borrowed} borrowed"
    );
    assert_eq!(
        pages[&format!("{base}fr/")].1["x-default"],
        base,
        "the chooser"
    );
    assert_eq!(pages[base].1["fr"], format!("{base}fr/"));

    let sitemap = fs::read_to_string(public.join("sitemap.xml")).unwrap();
    let mut entries = 0;
    for entry in sitemap.split("<url>").skip(1) {
        let loc = decoded(
            entry
                .split_once("<loc>")
                .and_then(|(_, r)| r.split_once("</loc>"))
                .unwrap()
                .0,
        );
        let set: BTreeMap<String, String> = hreflangs(entry)
            .into_iter()
            .map(|(l, h)| (l, decoded(&h)))
            .collect();
        let (canonical, page_set) = pages
            .get(&loc)
            .unwrap_or_else(|| panic!("the sitemap lists {loc}, which is not a page"));
        assert_eq!(
            *canonical, loc,
            "the sitemap lists {loc}, whose canonical is elsewhere"
        );
        if !set.is_empty() {
            check_set(&format!("sitemap entry {loc}"), &loc, &set);
        }
        assert_eq!(&set, page_set, "sitemap and page disagree on {loc}");
        entries += 1;
    }
    assert!(entries > 200, "{entries} sitemap entries");
}

/// The example's texts are spelled `index.<lang>.md`, as its CMS writes them: a copy with
/// every language file of its record, page and collection folders renamed to `<lang>.md`
/// (the spelling of sites without a CMS) builds the same bytes, file by file.
#[test]
fn the_example_builds_the_same_with_lang_md_files() {
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    let built = common::build_example(&public);
    assert!(built.status.success(), "{}", stderr(&built));

    let copy = out.path().join("site");
    fs::create_dir(&copy).unwrap();
    for part in [
        "site.yaml",
        "admin",
        "content",
        "data",
        "themes",
        "templates",
        "static",
        "admin",
    ] {
        let from = common::repo().join(part);
        if from.is_dir() {
            common::copy_dir(&from, &copy.join(part));
        } else if from.is_file() {
            fs::copy(&from, copy.join(part)).unwrap();
        }
    }
    let mut renamed = 0;
    for file in walkdir(&copy.join("content")) {
        let rel = file.strip_prefix(copy.join("content")).unwrap();
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        if rel.components().count() != 3 || !name.ends_with(".md") {
            continue;
        }
        let short = name
            .strip_prefix("index.")
            .unwrap_or_else(|| panic!("{} is not spelled index.<lang>.md", rel.display()));
        fs::rename(&file, file.with_file_name(short)).unwrap();
        renamed += 1;
    }
    assert!(renamed > 50, "only {renamed} language files renamed");
    let copy_public = out.path().join("copy-public");
    let built = std::process::Command::new(common::BIN)
        .args(["build", "--date", "2026-11-28", "--root"])
        .arg(&copy)
        .arg("--output")
        .arg(&copy_public)
        .output()
        .unwrap();
    assert!(built.status.success(), "{}", stderr(&built));

    let original = common::tree(&public);
    let spelled = common::tree(&copy_public);
    for (file, bytes) in &original {
        let other = spelled.get(file);
        assert!(other == Some(bytes), "{} differs", file.display());
    }
    let extra: Vec<_> = spelled
        .keys()
        .filter(|f| !original.contains_key(*f))
        .collect();
    assert!(extra.is_empty(), "only in the renamed copy: {extra:?}");
}

/// A translation's slug may be written in its own script, as the kinds' paths may: the
/// Arabic page of a film is at `/ar/أفلام/أطلس-الرياح/`, named by every alternate link and the
/// sitemap; a slug with capitals, spaces or decomposed accents is still an error.
#[test]
fn a_translation_slug_may_be_in_its_own_script() {
    let dir = tempfile::tempdir().unwrap();
    for folder in ["content", "data", "themes", "admin"] {
        common::copy_dir(&common::repo().join(folder), &dir.path().join(folder));
    }
    fs::copy(
        common::repo().join("site.yaml"),
        dir.path().join("site.yaml"),
    )
    .unwrap();
    let text = dir.path().join("content/films/atlas-des-vents/index.ar.md");
    let arabic = fs::read_to_string(&text).unwrap();
    let with_slug = |slug: &str| arabic.replacen("---\n", &format!("---\nslug: {slug}\n"), 1);
    fs::write(&text, with_slug("أطلس-الرياح")).unwrap();
    let out = common::run_in(dir.path(), &["check", "--date", "2026-11-28"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = common::run_in(dir.path(), &["build", "--date", "2026-11-28"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let public = dir.path().join("public");
    let page = fs::read_to_string(public.join("ar/أفلام/أطلس-الرياح/index.html")).unwrap();
    assert!(page.contains("<h1>أطلس الرياح</h1>"), "{page}");
    assert!(!public.join("ar/أفلام/atlas-des-vents").exists());
    let french = fs::read_to_string(public.join("fr/films/atlas-des-vents/index.html")).unwrap();
    let arabic_link = hreflangs(&french)
        .into_iter()
        .find(|(lang, _)| lang == "ar")
        .map(|(_, href)| decoded(&href))
        .unwrap();
    assert!(
        arabic_link.ends_with("/ar/أفلام/أطلس-الرياح/"),
        "{arabic_link}"
    );
    let sitemap = fs::read_to_string(public.join("sitemap.xml")).unwrap();
    assert!(
        decoded(&sitemap).contains("/ar/أفلام/أطلس-الرياح/"),
        "in the sitemap"
    );
    for bad in ["أطلس الرياح", "Atlas-des-vents", "e\u{301}te\u{301}"] {
        fs::write(&text, with_slug(bad)).unwrap();
        let out = common::run_in(dir.path(), &["check", "--date", "2026-11-28"]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "`{bad}`: {err}");
        assert!(
            err.contains("error[invalid-slug]")
                && err.contains("content/films/atlas-des-vents/index.ar.md:2:7"),
            "`{bad}`: {err}"
        );
    }
}
