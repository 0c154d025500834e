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
