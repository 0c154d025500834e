//! The content layout: the kinds of records (and the folder of each), the folders of
//! collections and free pages, the file names of a record folder, and what an id may be.
//! Every other file of `content` reads the site through these names.

use serde::Serialize;

/// The kinds of records of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// `content/films/`.
    Film,
    /// `content/books/`.
    Book,
    /// `content/music/`.
    Music,
    /// `content/webinars/`.
    Webinar,
    /// `content/productions/`.
    Production,
}

impl Kind {
    /// Every kind, in the order lists and menus show them.
    pub const ALL: [Kind; 5] = [
        Kind::Film,
        Kind::Book,
        Kind::Music,
        Kind::Webinar,
        Kind::Production,
    ];

    /// The kind's name as editors type it (`vitrine new film …`).
    pub fn name(self) -> &'static str {
        match self {
            Kind::Film => "film",
            Kind::Book => "book",
            Kind::Music => "music",
            Kind::Webinar => "webinar",
            Kind::Production => "production",
        }
    }

    /// The folder under `content/`, also the path segment of its pages.
    pub fn folder(self) -> &'static str {
        match self {
            Kind::Film => "films",
            Kind::Book => "books",
            Kind::Music => "music",
            Kind::Webinar => "webinars",
            Kind::Production => "productions",
        }
    }

    /// The kind whose folder is `folder`.
    pub fn from_folder(folder: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.folder() == folder)
    }

    /// The kind called `name`.
    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// The folder of editorial collections under `content/`.
pub const COLLECTIONS_FOLDER: &str = "collections";

/// The list of records of a collection folder.
pub const COLLECTION_FILE: &str = "collection.yaml";

/// The folder of free pages under `content/`.
pub const PAGES_FOLDER: &str = "pages";

/// The language-neutral file of a record folder.
pub const RECORD_FILE: &str = "record.yaml";

/// The longest id or slug, in characters: it becomes a folder name of the output, and file
/// systems refuse names over 255 bytes; the margin leaves room for what is added to it.
pub const MAX_ID_LEN: usize = 200;

/// Whether `text` may be a record's or a page's slug in a language: a path segment (lower-case
/// letters of any script, digits and dashes: `la-haine`, `أطلس-الرياح`) of at most 200
/// characters, its accents composed (NFC) so that two slugs that look the same are the same.
pub fn is_valid_slug(text: &str) -> bool {
    crate::config::is_segment(text)
        && text.chars().count() <= MAX_ID_LEN
        && icu_normalizer::ComposingNormalizerBorrowed::new_nfc().is_normalized(text)
}

/// The JSON Schema pattern of a slug, for editors' tools and the CMS form: letters other than
/// ASCII are let through (JavaScript patterns without the `u` flag cannot name scripts);
/// `vitrine check` decides the rest.
pub const SLUG_PATTERN: &str =
    "^[a-z0-9\\u0080-\\uFFFF]([a-z0-9\\u0080-\\uFFFF-]*[a-z0-9\\u0080-\\uFFFF])?$";

/// True for a valid record or page id: lower-case ASCII letters, digits and inner dashes, at
/// most [`MAX_ID_LEN`] characters.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID_LEN
        && !id.starts_with('-')
        && !id.ends_with('-')
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}
