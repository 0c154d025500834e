//! Real records as they come: unknown facts left out, every problem of a record at once,
//! countries and languages named by CLDR, spreadsheets as bulk files.

mod common;

use common::{Site, stderr};

#[test]
fn a_record_with_unknown_facts_is_published_without_them() {
    let site = Site::new(&[]);
    // No running time, year, languages nor summary: all unknown, none invented.
    site.write(
        "content/films/inconnu/record.yaml",
        "published: 2026-01-20\n",
    );
    site.write(
        "content/films/inconnu/fr.md",
        "---\ntitle: Un film sans date\n---\n",
    );
    site.write(
        "content/books/sans-editeur/record.yaml",
        "published: 2026-01-20\n",
    );
    site.write(
        "content/books/sans-editeur/fr.md",
        "---\ntitle: Un livre\n---\n",
    );
    site.write(
        "content/music/un-disque/record.yaml",
        "published: 2026-01-20\nrelease_date: 1998\n",
    );
    site.write(
        "content/music/un-disque/fr.md",
        "---\ntitle: Un disque\n---\n",
    );
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let page = site.read("fr/films/inconnu/index.html");
    for absent in [
        "<dt>Durée</dt>",
        "<dt>Année</dt>",
        "<dt>Langues</dt>",
        "class=\"lede\"",
        "\"duration\"",
        "\"description\"",
    ] {
        assert!(!page.contains(absent), "`{absent}` in\n{page}");
    }
    let known = site.read("fr/films/la-haine/index.html");
    assert!(known.contains("<dt>Durée</dt>") && known.contains("<dt>Langues</dt>"));
    let book = site.read("fr/books/sans-editeur/index.html");
    assert!(
        !book.contains("<dt>Éditeur</dt>") && !book.contains("\"publisher\""),
        "{book}"
    );
    let music = site.read("fr/music/un-disque/index.html");
    assert!(
        music.contains("<dd>1998</dd>"),
        "a year alone is shown as it is: {music}"
    );
    let feed = site.read("fr/feed.xml");
    let entry = &feed[feed.find("Un film sans date").unwrap()..];
    let entry = &entry[..entry.find("</entry>").unwrap()];
    assert!(!entry.contains("<summary>"), "{entry}");
}

#[test]
fn every_problem_of_a_record_is_reported_in_one_run() {
    let site = Site::new(&[]);
    site.write(
        "content/films/la-haine/record.yaml",
        "languages: [fr]\ngenre: fction\nyear: mille\ncountries: [FR]\ncredits:\n  - {name: A, rol: director}\n",
    );
    site.write("content/collections/vide/collection.yaml", "records: []\n");
    site.write("content/collections/vide/fr.md", "---\ntitle: Vide\n---\n");
    let out = site.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    let file = "content/films/la-haine/record.yaml";
    for (code, at) in [
        ("missing-field", "1:1"),
        ("unknown-value", "2:8"),
        ("wrong-type", "3:7"),
        ("unknown-field", "6:15"),
    ] {
        assert!(
            err.contains(&format!("error[{code}]")) && err.contains(&format!("{file}:{at}")),
            "{code} at {at}:\n{err}"
        );
    }
    assert!(
        err.contains("add the line `published: 2026-03-14`"),
        "{err}"
    );
    assert!(
        err.contains("error[empty-list]: `records` is required and cannot be empty\n  --> content/collections/vide/collection.yaml:1:1"),
        "{err}"
    );
    // A field missing in a nested mapping: at that mapping's first line, with the line to add.
    site.write(
        "content/films/la-haine/record.yaml",
        "languages: [fr]\npublished: 2026-01-15\ncredits:\n  - name: A\n    role: director\n  - name: B\n",
    );
    let err = stderr(&site.run(&["check"]));
    assert!(
        err.contains(&format!(
            "error[missing-field]: the required field `role` is missing\n  --> {file}:6:5"
        )),
        "{err}"
    );
    assert!(
        err.contains("add the line `role: director` to this mapping"),
        "{err}"
    );
}

#[test]
fn countries_of_history_and_languages_are_named_by_cldr_in_every_language() {
    let site = Site::new(&[]);
    // No data/countries.yaml nor data/languages.yaml labels: the names are CLDR's.
    site.write(
        "site.yaml",
        "title: Essai\nbase_url: https://example.org/\ndefault_language: fr\nlanguages:\n  - {code: fr, name: Français}\n  - {code: en, name: English}\n  - {code: es, name: Español}\n  - {code: ar, name: العربية}\ntheme: default\ntaxonomies: [themes, countries, languages]\n",
    );
    // A code the site adds is accepted, with its label.
    site.write(
        "data/countries.yaml",
        "XZ: {fr: Zone de tournage, en: Filming zone}\n",
    );
    site.write(
        "content/films/la-haine/record.yaml",
        "languages: [wo, dyu]\ncountries: [SU, YU, CS, XK, XZ, SN]\npublished: 2026-01-15\nsubtitles: [pt-BR]\n",
    );
    for lang in ["en", "es"] {
        site.write(
            &format!("content/films/la-haine/{lang}.md"),
            "---\ntitle: La Haine\n---\n",
        );
    }
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let fr = site.read("fr/films/la-haine/index.html");
    for name in [
        "URSS",
        "Tchécoslovaquie",
        "Kosovo",
        "Sénégal",
        "Zone de tournage",
        "wolof",
        "dioula",
        "portugais",
    ] {
        assert!(fr.contains(name), "`{name}` in fr");
    }
    let ar = site.read("ar/films/la-haine/index.html");
    for name in ["كوسوفو", "السنغال", "الولوفية"] {
        assert!(ar.contains(name), "`{name}` in ar");
    }
    let es = site.read("es/films/la-haine/index.html");
    assert!(es.contains("Senegal") && es.contains("wólof"), "es");
    let en = site.read("en/films/la-haine/index.html");
    assert!(en.contains("Filming zone") && en.contains("Kosovo"), "en");
    // A code nobody knows is refused, with where to add it.
    site.write(
        "content/films/la-haine/record.yaml",
        "languages: [wo, qqq]\ncountries: [QQ]\npublished: 2026-01-15\n",
    );
    let out = site.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("error[invalid-country]: `QQ` is not a country code\n  --> content/films/la-haine/record.yaml:2:13"), "{err}");
    assert!(err.contains("error[unknown-language-code]: `qqq` is not an ISO 639 language\n  --> content/films/la-haine/record.yaml:1:17"), "{err}");
    assert!(
        err.contains("data/countries.yaml") && err.contains("data/languages.yaml"),
        "{err}"
    );
}

#[test]
fn the_compiled_names_are_those_the_generator_makes_from_cldr() {
    let out = std::process::Command::new("python3")
        .args(["scripts/cldr-names.py", "--check"])
        .current_dir(common::repo())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        stderr(&out)
    );
}

/// An id from a title: lower-case ASCII letters and digits joined by dashes.
fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// `movies.json` of the vega-datasets npm package (BSD-3-Clause), converted as it is into
/// a bulk file: 3,201 films, 1,992 without a known running time, 1,331 without a known
/// director, some titled by a number. The list holds no country nor language: none is
/// invented (their names are tested on every code vitrine knows, above).
#[test]
fn a_real_film_list_converted_as_it_is_builds_and_checks_with_no_error() {
    let path = common::repo().join("node_modules/vega-datasets/data/movies.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; run `npm ci`", path.display()));
    let movies: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
    assert_eq!(movies.len(), 3201);
    let mut ids = std::collections::BTreeSet::new();
    let mut bulk = String::from("# movies.json of vega-datasets 3.2.1, as it is.\n");
    let (mut without_duration, mut without_director) = (0, 0);
    for (n, movie) in movies.iter().enumerate() {
        let title = match &movie["Title"] {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        let base = match slug(&title) {
            s if s.is_empty() => format!("film-{n}"),
            s => s,
        };
        let mut id = base.clone();
        let mut k = 2;
        while !ids.insert(id.clone()) {
            id = format!("{base}-{k}");
            k += 1;
        }
        let mut entry = serde_json::json!({
            "id": id,
            "published": "2026-01-01",
            "title": {"fr": title, "en": title, "ar": title},
        });
        if let Some(date) = movie["Release Date"].as_str() {
            entry["year"] = serde_json::json!(date[date.len() - 4..].parse::<i32>().unwrap());
        }
        match movie["Running Time min"].as_u64() {
            Some(minutes) => entry["duration"] = serde_json::json!(minutes),
            None => without_duration += 1,
        }
        match movie["Director"].as_str() {
            Some(name) => {
                entry["credits"] = serde_json::json!([{"name": name, "role": "director"}])
            }
            None => without_director += 1,
        }
        // JSON is YAML: one flow mapping per line.
        bulk.push_str(&format!("- {entry}\n"));
    }
    assert!(without_duration > 1000 && without_director > 1000);
    let site = Site::new(&[]);
    site.write("content/films/movies.yaml", &bulk);
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let out = site.run(&["check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("error"), "{}", stderr(&out));
    // Films without a known running time show none; one with it shows it.
    let page = site.read("ar/films/the-land-girls/index.html");
    assert!(page.contains("The Land Girls") && !page.contains("\"duration\""));
    let page = site.read("fr/films/pulp-fiction/index.html");
    assert!(page.contains("Quentin Tarantino") && !page.contains("<dt>Durée</dt>"));
    let page = site.read("fr/films/titanic/index.html");
    assert!(page.contains("James Cameron") && page.contains("<dt>Durée</dt>"));
    assert!(page.contains("\"duration\":\"PT194M\""), "{page}");
}

#[test]
fn credits_are_grouped_by_role_and_a_long_cast_is_folded_without_script() {
    let site = Site::new(&[]);
    let mut record = String::from(
        "languages: [fr]\npublished: 2026-01-15\ncredits:\n  - {name: Olivier Nakache, role: director}\n  - {name: Éric Toledano, role: director}\n",
    );
    for n in 1..=124 {
        record.push_str(&format!(
            "  - {{name: Interprète {n:03}, role: performer}}\n"
        ));
    }
    site.write("content/films/la-haine/record.yaml", &record);
    let roles = std::fs::read_to_string(site.root().join("data/roles.yaml")).unwrap();
    site.write(
        "data/roles.yaml",
        &format!("{roles}performer: {{fr: Interprétation, en: Cast}}\n"),
    );
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let page = site.read("fr/films/la-haine/index.html");
    assert!(
        page.contains(
            "<dt>Réalisation</dt><dd><bdi>Olivier Nakache</bdi>, <bdi>Éric Toledano</bdi></dd>"
        ),
        "{page}"
    );
    assert_eq!(page.matches("<dt>Interprétation</dt>").count(), 1);
    let cast = &page[page.find("<dt>Interprétation</dt>").unwrap()..];
    let folded = cast
        .find("<details class=\"credits-more\"><summary>et 114 autres</summary>")
        .unwrap();
    assert!(
        cast[..folded].contains("Interprète 010") && !cast[..folded].contains("Interprète 011")
    );
    assert!(cast[folded..].contains("Interprète 011") && cast[folded..].contains("Interprète 124"));
}

#[test]
fn kinds_and_taxonomies_without_records_get_no_page_and_no_menu_entry() {
    let site = Site::new(&[]);
    for kind in ["books", "music", "webinars", "productions"] {
        std::fs::remove_dir_all(site.root().join("content").join(kind)).unwrap();
    }
    // Countries are a taxonomy of the site, but no film has a country.
    site.write(
        "content/films/la-haine/record.yaml",
        "languages: [fr]\nthemes: [banlieue]\npublished: 2026-01-15\n",
    );
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let public = site.public();
    assert!(public.join("fr/films/index.html").exists());
    assert!(public.join("fr/films/feed.xml").exists());
    for gone in [
        "fr/books",
        "en/music",
        "ar/webinars",
        "fr/productions",
        "fr/countries",
    ] {
        assert!(!public.join(gone).exists(), "{gone} has a page");
    }
    let home = site.read("fr/index.html");
    assert!(home.contains("href=\"/fr/films/\""));
    assert!(!home.contains("href=\"/fr/books/\"") && !home.contains("href=\"/fr/countries/\""));
    assert!(home.contains("href=\"/fr/themes/\""), "{home}");
    let sitemap = site.read("sitemap.xml");
    assert!(!sitemap.contains("/books/") && !sitemap.contains("/countries/"));
    let out = site.run(&["check"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn a_csv_export_is_a_bulk_file_with_errors_at_row_and_column() {
    let site = Site::new(&[]);
    site.write(
        "content/films/export.csv",
        "\u{feff}id,title.fr,title.en,summary.fr,year,duration,countries,themes,director,published\n\
         timbuktu,Timbuktu,Timbuktu,\"Une ville, sous le joug.\",2014,97,ML;FR,banlieue,Abderrahmane Sissako,2026-03-01\n\
         inconnu,Un film,,,1960,,,,,2026-03-02\n",
    );
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let fr = site.read("fr/films/timbuktu/index.html");
    assert!(fr.contains("<h1>Timbuktu</h1>") && fr.contains("Une ville, sous le joug."));
    assert!(
        fr.contains("Abderrahmane Sissako") && fr.contains("Mali"),
        "{fr}"
    );
    assert!(
        site.read("en/films/timbuktu/index.html")
            .contains("Timbuktu")
    );
    let unknown = site.read("fr/films/inconnu/index.html");
    assert!(!unknown.contains("<dt>Durée</dt>"));
    // A wrong value, an unknown code, an unknown theme, an unknown column: each at its row
    // and the column of its cell, named by its header; with the line ends of Linux and Mac
    // exports (LF) and those of Excel and Windows (CRLF).
    for end in ["\n", "\r\n"] {
        site.write(
            "content/films/export.csv",
            &"id,title.fr,year,duration,countries,themes,realisateur,published\n\
              a,A,2014,quatre-vingt,FR,banlieue,,2026-03-01\n\
              b,B,2014,90,FR;QQ,banlieu,,2026-03-01\n"
                .replace('\n', end),
        );
        csv_errors_are_at_their_cells(&site, end);
    }
}

fn csv_errors_are_at_their_cells(site: &Site, end: &str) {
    let out = site.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    let file = "content/films/export.csv";
    for (what, at) in [
        (
            "error[unknown-column]: `realisateur` is neither a field of a film nor a role",
            "1:44",
        ),
        (
            "error[wrong-type]: column `duration`: expected a whole number, found text",
            "2:10",
        ),
        (
            "error[invalid-country]: column `countries`: `QQ` is not a country code",
            "3:16",
        ),
        (
            "error[unknown-theme]: column `themes`: `banlieu` is not a theme",
            "3:19",
        ),
    ] {
        assert!(
            err.contains(&format!("{what}\n  --> {file}:{at}")),
            "{what} at {at} ({end:?}):\n{err}"
        );
    }
}

#[test]
fn a_csv_saved_with_semicolons_by_excel_in_french_is_read_with_errors_at_their_cells() {
    // Where the comma is the decimal mark, Excel's "CSV" puts semicolons between cells and
    // quotes a cell holding one.
    let site = Site::new(&[]);
    site.write(
        "content/films/excel.csv",
        "id;title.fr;year;countries;director;published\r\n\
         beau-travail;\"Beau travail; un film\";1999;\"FR;DJ\";\"Claire Denis;Agnès Godard\";2026-03-01\r\n",
    );
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let page = site.read("fr/films/beau-travail/index.html");
    assert!(page.contains("<h1>Beau travail; un film</h1>"), "{page}");
    for name in ["Claire Denis", "Agnès Godard", "Djibouti"] {
        assert!(page.contains(name), "{name}: {page}");
    }
    site.write(
        "content/films/excel.csv",
        "id;title.fr;year;published\r\nbeau-travail;Beau travail;mille;2026-03-01\r\n",
    );
    let out = site.run(&["check"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("error[wrong-type]: column `year`: expected a whole number, found text\n  --> content/films/excel.csv:2:27"),
        "{err}"
    );
}

#[test]
fn a_repeated_id_in_bulk_files_is_one_error_at_the_repetition() {
    // Two films of one title and year, imported with one id; and an id already taken by a
    // record folder (la-haine) and by another kind's bulk file.
    let site = Site::new(&[]);
    site.write(
        "content/films/import.csv",
        "id,title.fr,year,published\n\
         a-star-is-born-1937,A Star Is Born,1937,2026-01-01\n\
         la-haine,La Haine,1995,2026-01-01\n\
         a-star-is-born-1937,A Star Is Born,1937,2026-01-01\n",
    );
    site.write(
        "content/books/import.yaml",
        "- id: a-star-is-born-1937\n  published: 2026-01-01\n  title: A Star Is Born\n",
    );
    let out = site.run(&["check"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    for (what, at) in [
        (
            "error[duplicate-id]: column `id`: the id `a-star-is-born-1937` is already used on line 2 of this file",
            "content/films/import.csv:4:1",
        ),
        (
            "error[duplicate-id]: column `id`: the id `a-star-is-born-1937` is already used by content/books/import.yaml (line 1)",
            "content/films/import.csv:2:1",
        ),
        (
            "error[duplicate-id]: the id `la-haine` is already used by content/films/import.csv (line 3)",
            "content/films/la-haine",
        ),
    ] {
        assert!(
            err.contains(&format!("{what}\n  --> {at}")),
            "{what}:\n{err}"
        );
    }
    assert_eq!(
        err.matches("error[").count(),
        3,
        "nothing else, once each:\n{err}"
    );
}

#[test]
fn a_title_that_yaml_cuts_at_a_hash_is_a_warning_and_a_comment_is_not() {
    let site = Site::new(&[]);
    site.write(
        "content/films/la-haine/fr.md",
        "---\ntitle: Rocky #1\nsummary: Vingt-quatre heures.   # the 1995 film\n---\nTexte.\n",
    );
    let out = site.build();
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("warning[comment-in-value]: `#1` is read as a YAML comment: the title ends at `Rocky`\n  --> content/films/la-haine/fr.md:2:14"),
        "{err}"
    );
    assert!(
        err.contains("help: put the title in quotes to keep it whole: `title: \"Rocky #1\"`"),
        "{err}"
    );
    assert_eq!(err.matches("warning[comment-in-value]").count(), 1, "{err}");
    site.write(
        "content/films/la-haine/fr.md",
        "---\ntitle: \"Rocky #1\"\n---\nTexte.\n",
    );
    let out = site.build();
    assert!(
        !stderr(&out).contains("comment-in-value"),
        "{}",
        stderr(&out)
    );
    assert!(
        site.read("fr/films/la-haine/index.html")
            .contains("<h1>Rocky #1</h1>")
    );
}

#[test]
fn the_example_spreadsheet_is_published_in_every_language_it_has() {
    let dir = tempfile::tempdir().unwrap();
    let public = dir.path().join("public");
    let out = common::build_example(&public);
    assert!(out.status.success(), "{}", stderr(&out));
    let fr =
        std::fs::read_to_string(public.join("fr/films/le-pont-des-saisons/index.html")).unwrap();
    assert!(fr.contains("<h1>Le Pont des saisons</h1>"));
    assert!(fr.contains(
        "<dt>Réalisation</dt><dd><bdi>Mirsad Kovač</bdi>, <bdi>Hélène Mercier</bdi></dd>"
    ));
    assert!(
        fr.contains("Yougoslavie") && fr.contains("serbe"),
        "CLDR and data/ names"
    );
    let en =
        std::fs::read_to_string(public.join("en/films/les-voix-du-fleuve/index.html")).unwrap();
    assert!(en.contains("Voices of the River") && !en.contains("<dt>Running time</dt>"));
    // No English title in the sheet: the English page borrows the French text, marked so.
    let en = std::fs::read_to_string(public.join("en/films/nuit-blanche-a-kinshasa/index.html"))
        .unwrap();
    assert!(en.contains("Nuit blanche à Kinshasa") && en.contains("notice-untranslated"));
}

#[test]
fn a_term_without_records_in_a_language_has_no_page_in_it() {
    let site = Site::new(&[]);
    // Only in French, and the site hides untranslated records: no English nor Arabic page
    // of its theme, no link to one.
    site.write(
        "content/films/seul/record.yaml",
        "published: 2026-01-15\nthemes: [litterature]\n",
    );
    site.write("content/films/seul/fr.md", "---\ntitle: Seul\n---\n");
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let public = site.public();
    assert!(public.join("fr/themes/littérature/index.html").exists());
    assert!(!public.join("en/themes/literature").exists());
    let themes = site.read("en/themes/index.html");
    assert!(!themes.contains("Literature"), "{themes}");
    assert!(!site.read("sitemap.xml").contains("/en/themes/literature/"));
    let out = site.run(&["check"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn a_bulk_file_of_thousands_of_films_with_casts_is_read_whole() {
    // A database export: 3,000 films with a cast of 12 and a long summary, about 9 MiB of
    // plain YAML. It was refused twice: over the 8 MiB of a text file, and past the YAML
    // parser's default budget of 250,000 values, although it holds no alias.
    let site = Site::new(&[]);
    let mut text = String::new();
    let summary = "Un film tourné entre deux saisons, dans une ville qui change. ".repeat(34);
    for i in 0..3_000 {
        text.push_str(&format!(
            "- id: export-{i}\n  published: 2026-01-01\n  year: {}\n  title: {{fr: Film exporté {i}}}\n  summary: {{fr: \"{summary}\"}}\n  credits:\n    - {{name: Réalisatrice {i}, role: director}}\n",
            1950 + i % 70
        ));
        for j in 0..12 {
            text.push_str(&format!(
                "    - {{name: Interprète {j} Nom{i}, role: performer}}\n"
            ));
        }
    }
    assert!(text.len() > 8 * 1024 * 1024, "{} bytes", text.len());
    site.write("content/films/export.yaml", &text);
    let out = site.run(&["check"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let said = format!("{}{err}", String::from_utf8_lossy(&out.stdout));
    assert!(said.contains("checked 3005 records"), "{said}");

    // Past the bulk files' limit, the error says how to split the list.
    let file = std::fs::File::create(site.root().join("content/films/export.yaml")).unwrap();
    file.set_len(65 * 1024 * 1024).unwrap();
    let out = site.run(&["check"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("error[file-too-large]: the file is 65 MiB; bulk files are limited to 64 MiB\n  --> content/films/export.yaml"),
        "{err}"
    );
    assert!(err.contains("split the list into several files"), "{err}");
}

#[test]
fn a_long_bulk_file_with_a_few_bad_entries_reports_each_at_its_line() {
    // 2,000 films; the 500th has a year in words, the 1,500th an unknown theme, and the last
    // repeats the first one's id. Each error at its own line, the other films kept.
    let site = Site::new(&[]);
    let mut text = String::new();
    let mut lines = 0;
    let mut at = std::collections::BTreeMap::new();
    for i in 0..2_000 {
        let id = if i == 1_999 { 0 } else { i };
        let year = if i == 499 {
            "nineteen-ninety".to_string()
        } else {
            (1950 + i % 70).to_string()
        };
        let theme = if i == 1_499 {
            "cinema-francophon"
        } else {
            "cinema-francophone"
        };
        at.insert(i, lines + 1);
        text.push_str(&format!(
            "- id: film-{id}\n  published: 2026-01-01\n  year: {year}\n  themes: [{theme}]\n  title: {{fr: Film {i}}}\n"
        ));
        lines += 5;
    }
    site.write("content/films/export.yaml", &text);
    let out = site.run(&["check"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    for (what, line, column) in [
        ("error[wrong-type]", at[&499] + 2, 9),
        (
            "error[unknown-theme]: `cinema-francophon` is not a theme",
            at[&1_499] + 3,
            12,
        ),
        (
            "error[duplicate-id]: the id `film-0` is already used on line 1",
            at[&1_999],
            7,
        ),
    ] {
        assert!(
            err.contains(&format!("  --> content/films/export.yaml:{line}:{column}"))
                && err.contains(what),
            "{what} at {line}:{column}:\n{err}"
        );
    }
    assert_eq!(err.matches("error[").count(), 3, "nothing else:\n{err}");
    // Once the two are fixed the list is read in one pass, and the repeated id still found.
    let fixed = text
        .replace("nineteen-ninety", "1990")
        .replace("[cinema-francophon]", "[cinema-francophone]");
    site.write("content/films/export.yaml", &fixed);
    let out = site.run(&["check"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!(
            "error[duplicate-id]: the id `film-0` is already used on line 1 of this file\n  --> content/films/export.yaml:{}:7",
            at[&1_999]
        )),
        "{err}"
    );
    assert_eq!(err.matches("error[").count(), 1, "nothing else:\n{err}");
}
