//! `vitrine new`: a new record folder with every required field filled with a valid
//! placeholder and a comment saying what to write, and a language file, so an editor never
//! starts from a blank page. The result passes `vitrine check` as it is. Its `record.yaml`
//! names its JSON Schema on its first line, for editors that check fields as they are typed.

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

/// Creates `content/<kind>/<id>/` under `root`; returns the files written, relative to `root`.
pub fn create(
    root: &Path,
    config: &Config,
    kind: Kind,
    id: &str,
    today: Date,
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
    fs::write(root.join(&record), record_yaml(root, kind, config, today)).map_err(io(&record))?;
    let lang = &config.default_language;
    let translation = dir.join(format!("{lang}.md"));
    fs::write(root.join(&translation), translation_md(id)).map_err(io(&translation))?;
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
