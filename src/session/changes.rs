//! What a change touches: the record folders and theme files a batch of saved paths
//! reaches, the keys that tell whether a record moved in its lists or in its relations,
//! and which pages of a list to render again.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::content::{Kind, PAGES_FOLDER};
use crate::render::{self, Scope, theme::Theme};
use crate::site::{Site, SiteRecord};

/// The output files of every page of a list as it was published (with the term slugs of
/// the time): its first page and its `page/N/` pages.
/// The position in `site.records` (sorted by folder) of the record in `dir`.
pub(super) fn index_of(site: &Site, dir: &Path) -> Option<usize> {
    site.records
        .binary_search_by(|r| r.record.dir.as_path().cmp(dir))
        .ok()
}

/// The pages (from 1) to render again of a list that was `old` and is `new`: those whose
/// records or their order changed, or that show one of `ids` (their cards may read
/// differently); every page when the number of records changed, since each page shows it.
pub(super) fn changed_pages(old: &[&str], new: &[&str], ids: &BTreeSet<String>) -> Vec<usize> {
    fn chunk<'m>(m: &'m [&'m str], page: usize) -> &'m [&'m str] {
        let start = ((page - 1) * render::PAGE_SIZE).min(m.len());
        &m[start..(start + render::PAGE_SIZE).min(m.len())]
    }
    let pages = new.len().div_ceil(render::PAGE_SIZE).max(1);
    (1..=pages)
        .filter(|page| {
            old.len() != new.len()
                || chunk(old, *page) != chunk(new, *page)
                || chunk(new, *page).iter().any(|id| ids.contains(*id))
        })
        .collect()
}

pub(super) fn list_pages(
    site: &Site,
    slugs: &BTreeMap<(crate::schema::Taxonomy, String), BTreeMap<String, String>>,
    lang: usize,
    name: &render::ListingName,
    files: &super::packed::Files,
) -> Vec<String> {
    let Some(language) = site.config.languages.get(lang) else {
        return Vec::new();
    };
    let first = match name {
        render::ListingName::Kind(kind) => site.config.section_path(language, kind.folder()),
        render::ListingName::Term(taxonomy, id) => {
            let Some(slug) = slugs
                .get(&(*taxonomy, language.code.clone()))
                .and_then(|s| s.get(id))
            else {
                return Vec::new();
            };
            format!(
                "{}{slug}/",
                site.config.section_path(language, taxonomy.name())
            )
        }
    };
    let first = render::page_file(site, &first);
    let base = first.trim_end_matches("index.html").to_string();
    let mut pages = vec![first];
    for n in 2.. {
        let page = format!("{base}page/{n}/index.html");
        if !files.contains_key(&page) {
            break;
        }
        pages.push(page);
    }
    pages
}

/// What the lists, the home pages, the sitemap and the term pages show of a record: when
/// it is unchanged, only the record's own pages need rendering.
pub(super) fn list_key(r: &SiteRecord) -> String {
    let c = &r.record.common;
    let texts: Vec<(&str, &str, &str)> = r
        .record
        .translations
        .iter()
        .map(|t| (t.lang.as_str(), t.title.as_str(), t.summary.as_str()))
        .collect();
    let images: Vec<String> = c
        .images
        .iter()
        .map(|i| format!("{}|{:?}|{:?}|{}", i.file.value, i.role, i.alt, i.decorative))
        .collect();
    let themes: Vec<&str> = c.themes.iter().map(|t| t.value.as_str()).collect();
    let countries: Vec<&str> = c.countries.iter().map(|t| t.value.as_str()).collect();
    format!(
        "{:?}|{}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{}",
        r.record.kind,
        r.published,
        r.year(),
        texts,
        images,
        themes,
        countries,
        r.paths,
        r.sources,
        r.listed
    )
}

/// What decides a record's related records: whether it is listed, its date, its themes
/// and its people.
pub(super) fn relation_key(r: &SiteRecord) -> String {
    let c = &r.record.common;
    let themes: Vec<&str> = c.themes.iter().map(|t| t.value.as_str()).collect();
    let people: Vec<&str> = c.credits.iter().map(|p| p.name.as_str()).collect();
    format!(
        "{}|{}|{}|{:?}|{:?}",
        r.record.id, r.listed, r.published, themes, people
    )
}

/// True when every path is in the site's or a theme's templates, static files or strings.
pub(super) fn only_theme(root: &Path, paths: &[PathBuf]) -> bool {
    paths.iter().all(|path| {
        let Ok(rel) = path.strip_prefix(root) else {
            return false;
        };
        let parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        match parts.first().map(String::as_str) {
            Some("templates" | "static" | "i18n") => true,
            Some("themes") => matches!(
                parts.get(2).map(String::as_str),
                Some("templates" | "static" | "i18n")
            ),
            _ => false,
        }
    })
}

/// Which pages a change to the theme files `paths` can alter, from the theme before
/// (`old`) and after (`new`): the pages of the changed templates and of the templates that
/// extend, include or import them; or the pages of the languages whose strings changed;
/// every page when a static file changed (assets are fingerprinted), when both templates
/// and strings changed, or when a template's dependencies cannot be read.
pub(super) fn theme_scope(root: &Path, paths: &[PathBuf], old: &Theme, new: &Theme) -> Scope {
    let mut templates = BTreeSet::new();
    for path in paths {
        let Ok(rel) = path.strip_prefix(root) else {
            return Scope::All;
        };
        let parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let name = match parts
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .as_slice()
        {
            ["templates", name @ ..] | ["themes", _, "templates", name @ ..] => name.join("/"),
            ["themes", _, "i18n", ..] | ["i18n", ..] => continue,
            _ => return Scope::All,
        };
        if name.is_empty() || path.is_dir() {
            return Scope::All;
        }
        templates.insert(name);
    }
    let languages: BTreeSet<String> = old
        .strings
        .keys()
        .chain(new.strings.keys())
        .filter(|code| old.strings.get(*code) != new.strings.get(*code))
        .cloned()
        .collect();
    if old.assets != new.assets
        || old.static_files != new.static_files
        || old.builtin_static != new.builtin_static
    {
        return Scope::All;
    }
    match (templates.is_empty(), languages.is_empty()) {
        (_, true) => new
            .dependents(&templates)
            .map_or(Scope::All, Scope::Templates),
        (true, false) => Scope::Languages(languages),
        (false, false) => Scope::All,
    }
}

/// What a batch of saved paths touches when it touches records only.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Saved {
    /// Record folders, relative to the site root.
    pub dirs: BTreeSet<PathBuf>,
    /// Bulk files (`content/<kind>/<name>.yaml` or `.csv`), relative to the site root,
    /// with their kind.
    pub bulk: BTreeMap<PathBuf, Kind>,
}

/// The record folders and bulk files (relative to `root`) that `paths` touch, or `None`
/// when a change reaches beyond them and needs a full rebuild.
pub fn saved_records(root: &Path, paths: &[PathBuf]) -> Option<Saved> {
    let mut saved = Saved::default();
    for path in paths {
        let rel = path.strip_prefix(root).ok()?;
        let parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let [content, folder, id, ..] = parts.as_slice() else {
            return None;
        };
        let kind =
            Kind::from_folder(folder).filter(|_| content == "content" && folder != PAGES_FOLDER)?;
        if parts.len() > 3 || !id.contains('.') {
            saved.dirs.insert(Path::new(content).join(folder).join(id));
        } else if (id.ends_with(".yaml") || id.ends_with(".csv")) && !path.is_dir() {
            saved.bulk.insert(rel.to_path_buf(), kind);
        } else {
            return None;
        }
    }
    Some(saved)
}

/// True for an output file made from a source file as it is (static files, media).
pub(super) fn is_copy(path: &str) -> bool {
    path.starts_with("static/") || path.starts_with("media/")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The record folders `paths` touch, or `None` when they reach beyond record folders.
    fn record_dirs(root: &Path, paths: &[PathBuf]) -> Option<BTreeSet<PathBuf>> {
        saved_records(root, paths)
            .filter(|s| s.bulk.is_empty())
            .map(|s| s.dirs)
    }

    #[test]
    fn a_language_file_in_either_spelling_touches_only_its_record() {
        let root = Path::new("/site");
        let dir = BTreeSet::from([PathBuf::from("content/films/x")]);
        for name in ["fr.md", "index.fr.md", "index.ar.md"] {
            let saved = [root.join("content/films/x").join(name)];
            assert_eq!(record_dirs(root, &saved), Some(dir.clone()), "{name}");
        }
        // A page's text in either spelling is not a record: a full rebuild.
        let page = [root.join("content/pages/about/index.fr.md")];
        assert_eq!(record_dirs(root, &page), None);
    }

    #[test]
    fn a_bulk_file_is_saved_records_of_its_kind_and_other_files_beside_folders_are_not() {
        let root = Path::new("/site");
        let saved = [
            root.join("content/films/import.yaml"),
            root.join("content/books/sheet.csv"),
            root.join("content/films/x/fr.md"),
        ];
        let expected = Saved {
            dirs: BTreeSet::from([PathBuf::from("content/films/x")]),
            bulk: BTreeMap::from([
                (PathBuf::from("content/films/import.yaml"), Kind::Film),
                (PathBuf::from("content/books/sheet.csv"), Kind::Book),
            ]),
        };
        assert_eq!(saved_records(root, &saved), Some(expected));
        assert_eq!(record_dirs(root, &saved), None);
        for other in [
            "content/films/notes.txt",
            "content/pages/list.yaml",
            "content/x.yaml",
        ] {
            assert_eq!(saved_records(root, &[root.join(other)]), None, "{other}");
        }
    }

    #[test]
    fn a_list_page_is_rendered_again_when_it_moves_shows_an_edit_or_the_count_changes() {
        let names: Vec<String> = (0..60).map(|n| format!("r{n:02}")).collect();
        let old: Vec<&str> = names.iter().map(String::as_str).collect();
        let none = BTreeSet::new();
        assert!(changed_pages(&old, &old, &none).is_empty());
        // r50 (page 3) moves to the front: every page's records shift.
        let mut moved = old.clone();
        let r50 = moved.remove(50);
        moved.insert(0, r50);
        assert_eq!(changed_pages(&old, &moved, &none), [1, 2, 3]);
        // Edited in place on page 2: only the page that shows its card.
        assert_eq!(
            changed_pages(&old, &old, &BTreeSet::from(["r30".into()])),
            [2]
        );
        // Gone from page 3: every page, for the count each one shows.
        assert_eq!(changed_pages(&old, &old[..59], &none), [1, 2, 3]);
    }
}
