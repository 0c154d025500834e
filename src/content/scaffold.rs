//! `vitrine new`: a new record folder with every required field filled with a valid
//! placeholder and a language file, so an editor never starts from a blank page. The result
//! passes `vitrine check` as it is. For a text editor ([`Shape::Commented`]) each line says
//! what to write and `record.yaml` names its JSON Schema on its first line; for a site edited
//! through the browser CMS ([`Shape::Cms`]) the files are written as the CMS writes them, so
//! that its first save changes only what the editor changed.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use jiff::civil::Date;

use super::layout::Kind;
use crate::config::Config;

/// Why a record could not be created.
#[derive(Debug, thiserror::Error)]
pub enum ScaffoldError {
    /// The folder is already there.
    #[error("{} already exists\n  help: choose another id, or edit the existing record", .0.display())]
    Exists(PathBuf),
    /// Writing failed.
    #[error("cannot write {}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The cause.
        source: io::Error,
    },
}

/// How the files of a new record are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// For a text editor: comments saying what each line is, flow lists, `<lang>.md`.
    Commented,
    /// As the browser CMS saves a record: no comments (a save drops them), only the
    /// required fields, in the form's order (the reference's), `index.<lang>.md` with a
    /// blank line after its front matter.
    Cms,
}

/// Creates `content/<kind>/<id>/` under `root`; returns the files written, relative to `root`.
pub fn create(
    root: &Path,
    config: &Config,
    (kind, id): (Kind, &str),
    today: Date,
    shape: Shape,
) -> Result<Vec<PathBuf>, ScaffoldError> {
    let dir = PathBuf::from("content").join(kind.folder()).join(id);
    if root.join(&dir).exists() {
        return Err(ScaffoldError::Exists(dir));
    }
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| ScaffoldError::Io { path, source }
    };
    fs::create_dir_all(root.join(&dir)).map_err(io(&dir))?;
    let record = dir.join(super::layout::RECORD_FILE);
    let lang = &config.default_language;
    let (facts, translation, text) = match shape {
        Shape::Commented => (
            record_yaml(root, kind, config, today),
            dir.join(format!("{lang}.md")),
            translation_md(id),
        ),
        Shape::Cms => (
            cms_record_yaml(root, kind, today),
            dir.join(format!("index.{lang}.md")),
            format!(
                "---\ntitle: {}\n---\n\nWrite the presentation here, in Markdown.\n",
                id.replace('-', " ")
            ),
        ),
    };
    fs::write(root.join(&record), facts).map_err(io(&record))?;
    fs::write(root.join(&translation), text).map_err(io(&translation))?;
    Ok(vec![record, translation])
}

fn record_yaml(root: &Path, kind: Kind, config: &Config, today: Date) -> String {
    let year = today.year();
    let lang = &config.default_language;
    let own = match kind {
        Kind::Film => format!(
            "year: {year}            # year of release; leave it out if unknown\n\
             duration: 90          # running time in minutes; leave it out if unknown\n\
             genre: fiction        # fiction, documentary, animation, short or series\n\
             # original_title: …   # the title in its original language, if different\n\
             # subtitles: [en, ar] # languages of the available subtitles\n"
        ),
        Kind::Book => format!(
            "publisher: Publisher name  # replace with the publisher's name, or remove if unknown\n\
             year: {year}                # year of publication; leave it out if unknown\n\
             format: print              # print, ebook, audiobook or comic\n\
             # isbn: 978-2-07-036822-8  # ISBN-13; its check digit is verified\n\
             # pages: 240\n"
        ),
        Kind::Music => format!(
            "release_type: album   # album, ep, single or compilation\n\
             release_date: {today}  # YYYY-MM-DD, or YYYY-MM or YYYY; remove if unknown\n\
             # label: …\n\
             # tracks:\n\
             #   - {{title: First track, duration: \"4:05\"}}\n"
        ),
        Kind::Webinar => format!(
            "start: {today}T18:00   # local date and time, in time_zone below\n\
             time_zone: Europe/Paris   # IANA name: Africa/Casablanca, America/Sao_Paulo…\n\
             duration: 60              # minutes\n\
             attendance: online        # online, onsite or mixed\n\
             # speakers:\n\
             #   - {{name: …, affiliation: {{{lang}: …}}}}\n\
             # registration: https://…\n"
        ),
        Kind::Production => format!(
            "institution: {institution}   # an id from data/institutions.yaml\n\
             type: exhibition   # exhibition, podcast, teaching-kit, video, game or publication\n\
             year: {year}       # leave it out if unknown\n",
            institution = "replace-with-an-institution-id"
        ),
    };
    format!(
        "# yaml-language-server: $schema=../../../{folder}/{schema}\n\
         # A {kind}. Every field is described in docs/reference.md.\n\
         languages: [{lang}]      # languages of the work itself; remove if unknown\n\
         published: {today}      # the day it appears in the catalogue\n\
         # themes: []            # ids from data/themes.yaml\n\
         # countries: [FR]       # ISO 3166-1 codes\n\
         # audience: [general]   # general, children, teenagers, adults, learners, professionals\n\
         # access: public        # or network: members of the network only\n\
         # draft: true           # keeps it out of the site until you remove this line\n\
         # credits:\n\
         #   - {{name: …, role: director}}   # role: director, author, performer… (docs/reference.md)\n\
         # images:\n\
         #   - {{file: poster.jpg, role: poster, alt: {{{lang}: What the picture shows}}}}\n\
         {own}",
        kind = kind.name(),
        folder = super::json_schema::FOLDER,
        schema = super::json_schema::record_schema(kind),
    )
    .replace(
        "replace-with-an-institution-id",
        &first_institution(root).unwrap_or_else(|| "replace-with-an-institution-id".into()),
    )
}

/// A record's required facts, as the CMS writes them: block style, the form's order.
fn cms_record_yaml(root: &Path, kind: Kind, today: Date) -> String {
    let own = match kind {
        Kind::Film | Kind::Book | Kind::Music => String::new(),
        Kind::Webinar => {
            format!("start: {today}T18:00\ntime_zone: Europe/Paris\nduration: 60\n")
        }
        Kind::Production => format!(
            "institution: {}\ntype: exhibition\n",
            first_institution(root).unwrap_or_else(|| "replace-with-an-institution-id".into())
        ),
    };
    format!("published: {today}\n{own}")
}

/// The first id of `data/institutions.yaml`, so a new production passes `check` at once.
fn first_institution(root: &Path) -> Option<String> {
    let path = Path::new("data/institutions.yaml");
    let text = fs::read_to_string(root.join(path)).ok()?;
    let vocabulary: crate::schema::Vocabulary = crate::schema::yaml::parse(&text, path, 0).ok()?;
    vocabulary.into_keys().next()
}

fn translation_md(id: &str) -> String {
    let title = id.replace('-', " ");
    format!(
        "---\n\
         title: {title}   # the title in this language\n\
         summary: One or two sentences shown on cards and to search engines (optional).\n\
         # slug: {id}      # the last part of the page's address in this language\n\
         ---\n\
         Write the presentation here, in Markdown.\n\n\
         ## A subheading\n\n\
         Another paragraph. Add a translation by copying this file as `en.md`, `es.md`…\n"
    )
}
