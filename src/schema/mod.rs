//! The typed shape of every file an editor writes: `site.yaml`, `record.yaml` per kind, the
//! front matter of `<lang>.md`, and the vocabularies in `data/`; [`yaml`] reads them with
//! the line and column of every problem. The first stage: `config` and `content` read their
//! files with these types, and this module depends on neither.
//!
//! These types are the schema: unknown fields are rejected by serde, and
//! `docs/reference.md` is tested against them field by field. Checks that need more than
//! one file (does this theme exist? is this date real?) belong to `site`, not here.

use std::collections::BTreeMap;
use std::fmt;

use schemars::JsonSchema;
use serde::Deserialize;

use serde::de::{self, Deserializer, MapAccess, Visitor};
pub use serde_saphyr::Spanned;

pub mod cms;
pub mod markers;
pub mod recover;
pub mod yaml;

use markers as js;

/// A translatable value: the same text in every language, or one text per language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Text {
    /// Used as is in every language.
    Plain(String),
    /// Language code to text.
    ByLanguage(BTreeMap<String, String>),
}

impl JsonSchema for Text {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "text".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": ["string", "object"] })
    }
}

impl Text {
    /// The text in `lang`, else in the first of `fallbacks` that has one.
    pub fn get<'a>(&'a self, lang: &str, fallbacks: &[&str]) -> Option<&'a str> {
        match self {
            Text::Plain(s) => Some(s),
            Text::ByLanguage(map) => std::iter::once(lang)
                .chain(fallbacks.iter().copied())
                .find_map(|l| map.get(l))
                .map(String::as_str),
        }
    }

    /// The language codes this value is written in (none for a plain value).
    pub fn languages(&self) -> impl Iterator<Item = &str> {
        let keys = match self {
            Text::Plain(_) => None,
            Text::ByLanguage(map) => Some(map.keys().map(String::as_str)),
        };
        keys.into_iter().flatten()
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a text, or a map from language code to text like `{fr: …, en: …}`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text::Plain(v.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Text, A::Error> {
                let mut out = BTreeMap::new();
                while let Some((k, v)) = map.next_entry::<String, String>()? {
                    out.insert(k, v);
                }
                Ok(Text::ByLanguage(out))
            }
        }
        deserializer.deserialize_any(TextVisitor)
    }
}

/// `site.yaml`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SiteFile {
    /// Name of the site, shown in every header.
    pub title: Text,
    /// Absolute address of the published site.
    #[schemars(with = "js::Url")]
    pub base_url: Spanned<String>,
    /// The main language; one of `languages`.
    #[schemars(with = "js::SiteLanguage")]
    pub default_language: Spanned<String>,
    /// The site's languages, in switcher order: codes (`[fr, en, ar]`) or the long form.
    #[schemars(with = "Vec<LanguageEntry>")]
    pub languages: Vec<Spanned<LanguageEntry>>,
    /// Folder under `themes/`. Default: `default`.
    #[serde(default)]
    #[schemars(with = "Option<js::ThemeFolder>")]
    pub theme: Option<Spanned<String>>,
    /// Facets with term pages. Default: `[themes]`.
    #[serde(default)]
    pub taxonomies: Option<Vec<Taxonomy>>,
    /// One sentence about the site. Default: none.
    #[serde(default)]
    pub description: Option<Text>,
    /// What a language shows for records not translated into it. Default: `hide`.
    #[serde(default)]
    pub untranslated: Untranslated,
    /// Publish the default language at the root (`/films/…`) rather than under its code.
    #[serde(default)]
    pub default_language_at_root: bool,
    /// What the home pages put forward.
    #[serde(default)]
    pub featured: Option<Featured>,
    /// The accessibility statement's conformity status. Default: none (no statement).
    #[serde(default)]
    pub accessibility: Option<Accessibility>,
    /// Where the browser CMS commits (`vitrine cms`). Default: none (no CMS).
    #[serde(default)]
    pub cms: Option<cms::CmsSection>,
}

/// The figures of the accessibility statement (RGAA / WCAG): the statement page shows
/// them above its text and every page's footer shows the status, as the RGAA requires.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "accessibility")]
pub struct Accessibility {
    /// `full`, `partial` or `none`.
    pub status: Conformity,
    /// The standard audited against. Default: `RGAA 4.1`.
    #[serde(default)]
    pub standard: Option<String>,
    /// Share of the applicable criteria met, in percent.
    #[serde(default)]
    #[schemars(with = "Option<js::Percent>")]
    pub rate: Option<Spanned<u32>>,
    /// Day of the audit, `YYYY-MM-DD`.
    #[serde(default)]
    #[schemars(with = "Option<js::Date>")]
    pub audited: Option<Spanned<String>>,
    /// The free page (a folder of `content/pages/`) that is the statement. Default:
    /// `accessibility`.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub page: Option<Spanned<String>>,
}

/// Conformity status of an accessibility statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Conformity {
    /// Totally conforming.
    Full,
    /// Partially conforming.
    Partial,
    /// Not conforming.
    None,
}

impl Conformity {
    /// The name used in theme strings (`a11y_status_partial`).
    pub fn name(self) -> &'static str {
        match self {
            Conformity::Full => "full",
            Conformity::Partial => "partial",
            Conformity::None => "none",
        }
    }
}

/// Collections and records the home pages put forward, chosen by editors.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "featured")]
pub struct Featured {
    /// Collection ids, in order.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub collections: Vec<Spanned<String>>,
    /// Record ids, in order.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub records: Vec<Spanned<String>>,
}

/// `collection.yaml`: the records of an editorial collection.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CollectionFile {
    /// Record ids, in the order the collection shows them.
    #[schemars(with = "Vec<String>")]
    pub records: Vec<Spanned<String>>,
}

/// What a language shows for a record that has no translation into it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Untranslated {
    /// The record is left out of that language's pages.
    #[default]
    Hide,
    /// The record is shown with the text of the first language of the fallback chain, marked
    /// as not translated yet.
    Fallback,
}

/// One entry of `languages` in `site.yaml`: a code alone, or the long form.
#[derive(Debug, JsonSchema)]
#[serde(untagged)]
#[schemars(rename = "language_entry")]
pub enum LanguageEntry {
    /// A BCP 47 code alone (`fr`): the name is the language's own, the direction follows
    /// its script.
    Code(#[schemars(with = "js::LanguageCode")] String),
    /// Code, name and the optional settings.
    Full(LanguageFile),
}

impl<'de> Deserialize<'de> for LanguageEntry {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntryVisitor;
        impl<'de> Visitor<'de> for EntryVisitor {
            type Value = LanguageEntry;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a language code such as `fr`, or `{code: fr, name: Français}`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<LanguageEntry, E> {
                Ok(LanguageEntry::Code(v.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<LanguageEntry, A::Error> {
                let long = LanguageFile::deserialize(de::value::MapAccessDeserializer::new(map));
                long.map(LanguageEntry::Full)
            }
        }
        deserializer.deserialize_any(EntryVisitor)
    }
}

/// The long form of an entry of `languages` in `site.yaml`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "language")]
pub struct LanguageFile {
    /// BCP 47 code.
    #[schemars(with = "js::LanguageCode")]
    pub code: Spanned<String>,
    /// Name of the language in itself.
    pub name: String,
    /// Writing direction. Default: derived from the code.
    #[serde(default)]
    pub direction: Option<Direction>,
    /// Languages to borrow text from, in order, before the default language.
    #[serde(default)]
    #[schemars(with = "Vec<js::SiteLanguage>")]
    pub fallback: Vec<Spanned<String>>,
    /// Localized path segments: `{films: peliculas}`.
    #[serde(default)]
    #[schemars(with = "js::Paths")]
    pub paths: BTreeMap<String, Spanned<String>>,
}

/// Writing direction of a language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Left to right.
    Ltr,
    /// Right to left.
    Rtl,
}

/// A facet that gets term pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Taxonomy {
    /// `data/themes.yaml`.
    Themes,
    /// ISO 3166-1 countries.
    Countries,
    /// Languages of the works.
    Languages,
    /// Audiences.
    Audiences,
    /// Decades of the works' years.
    Decades,
}

impl Taxonomy {
    /// The name used in paths and theme strings.
    pub fn name(self) -> &'static str {
        match self {
            Taxonomy::Themes => "themes",
            Taxonomy::Countries => "countries",
            Taxonomy::Languages => "languages",
            Taxonomy::Audiences => "audiences",
            Taxonomy::Decades => "decades",
        }
    }
}

/// Who a work is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Audience {
    General,
    Children,
    Teenagers,
    Adults,
    Learners,
    Professionals,
}

/// Who may see a record or a resource.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Access {
    /// Everyone.
    #[default]
    Public,
    /// Members of the network only: left out of public builds entirely.
    Network,
}

/// A person or body behind a work.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "credit")]
pub struct Credit {
    /// Name in its own script.
    pub name: String,
    /// Id from `data/roles.yaml`.
    #[schemars(with = "js::RoleId")]
    pub role: Spanned<String>,
}

/// What a picture is for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ImageRole {
    Poster,
    Cover,
    Still,
    Portrait,
    #[default]
    Illustration,
}

/// A picture in the record's folder.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "image")]
pub struct Image {
    /// File name in the record's folder.
    #[schemars(with = "String")]
    pub file: Spanned<String>,
    /// Poster, cover…
    #[serde(default)]
    pub role: ImageRole,
    /// Text alternative.
    #[serde(default)]
    pub alt: Option<Text>,
    /// True when the picture adds nothing to the text.
    #[serde(default)]
    pub decorative: bool,
    /// Who made the picture.
    #[serde(default)]
    pub credit: Option<String>,
}

/// A file to download.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "resource")]
pub struct Resource {
    /// File name in the record's folder.
    #[schemars(with = "String")]
    pub file: Spanned<String>,
    /// What the file is.
    pub title: Text,
    /// Shown format; default from the extension.
    #[serde(default)]
    pub format: Option<String>,
    /// Language of the file's content.
    #[schemars(with = "js::LanguageCode")]
    pub language: Spanned<String>,
    /// Public or network.
    #[serde(default)]
    pub access: Access,
    /// An accessible version of the same content (tagged PDF, EPUB, HTML…), in the folder.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub accessible: Option<Spanned<String>>,
}

/// A link elsewhere.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "link")]
pub struct Link {
    /// Absolute http(s) address.
    #[schemars(with = "js::Url")]
    pub url: Spanned<String>,
    /// Text of the link.
    pub label: Text,
}

/// Film genres.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Genre {
    #[default]
    Fiction,
    Documentary,
    Animation,
    Short,
    Series,
}

/// Book formats.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum BookFormat {
    #[default]
    Print,
    Ebook,
    Audiobook,
    Comic,
}

/// Music release types.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ReleaseType {
    #[default]
    Album,
    Ep,
    Single,
    Compilation,
}

/// One track of a release.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "track")]
pub struct Track {
    /// Title as written on the release.
    pub title: String,
    /// `m:ss`.
    #[serde(default)]
    #[schemars(with = "Option<js::TrackLength>")]
    pub duration: Option<Spanned<String>>,
}

/// How people attend a webinar.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Attendance {
    #[default]
    Online,
    Onsite,
    Mixed,
}

/// A webinar speaker.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "speaker")]
pub struct Speaker {
    /// Name.
    pub name: String,
    /// Where the speaker works.
    #[serde(default)]
    pub affiliation: Option<Text>,
}

/// Kinds of network productions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ProductionType {
    Exhibition,
    Podcast,
    TeachingKit,
    Video,
    Game,
    Publication,
}

/// Fields every kind of record has, once split from the kind's own fields.
#[derive(Debug)]
pub struct Common {
    pub id: Option<Spanned<String>>,
    pub languages: Vec<Spanned<String>>,
    pub themes: Vec<Spanned<String>>,
    pub countries: Vec<Spanned<String>>,
    pub audience: Vec<Audience>,
    pub access: Access,
    pub published: Spanned<String>,
    pub updated: Option<Spanned<String>>,
    pub draft: bool,
    pub credits: Vec<Credit>,
    pub images: Vec<Image>,
    pub resources: Vec<Resource>,
    pub links: Vec<Link>,
    pub available: Option<Availability>,
    /// The texts of a record written in a bulk file rather than in `<lang>.md` files.
    pub inline: Inline,
}

/// Titles, summaries and texts written in the record itself: only in bulk files.
#[derive(Debug, Default)]
pub struct Inline {
    /// Title per language.
    pub title: Option<Spanned<Text>>,
    /// Summary per language.
    pub summary: Option<Spanned<Text>>,
    /// Markdown text per language.
    pub text: Option<Text>,
}

/// How long a record stays in the catalogue's lists.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "available")]
pub struct Availability {
    /// Last day the work is available (rights, replay…).
    #[schemars(with = "js::Date")]
    pub until: Spanned<String>,
}

fn default_audience() -> Vec<Audience> {
    vec![Audience::General]
}

/// Declares the `record.yaml` type of one kind: the common fields followed by the kind's
/// own, in one struct so that serde rejects unknown fields (serde's `flatten` cannot), and
/// a plain struct of the kind's own fields for the rest of the pipeline.
macro_rules! record_file {
    ($(#[$doc:meta])* $file:ident => $details:ident { $($(#[$attr:meta])* $field:ident : $ty:ty,)* }) => {
        $(#[$doc])*
        #[derive(Debug, Deserialize, JsonSchema)]
        #[serde(deny_unknown_fields)]
        pub struct $file {
            #[serde(default)]
            #[schemars(with = "Option<js::Id>")]
            id: Option<Spanned<String>>,
            #[serde(default)]
            #[schemars(with = "Vec<js::LanguageCode>")]
            languages: Vec<Spanned<String>>,
            #[serde(default)]
            #[schemars(with = "Vec<js::ThemeId>")]
            themes: Vec<Spanned<String>>,
            #[serde(default)]
            #[schemars(with = "Vec<js::CountryCode>")]
            countries: Vec<Spanned<String>>,
            #[serde(default = "default_audience")]
            audience: Vec<Audience>,
            #[serde(default)]
            access: Access,
            #[schemars(with = "js::Date")]
            published: Spanned<String>,
            #[serde(default)]
            #[schemars(with = "Option<js::Date>")]
            updated: Option<Spanned<String>>,
            #[serde(default)]
            draft: bool,
            #[serde(default)]
            credits: Vec<Credit>,
            #[serde(default)]
            images: Vec<Image>,
            #[serde(default)]
            resources: Vec<Resource>,
            #[serde(default)]
            links: Vec<Link>,
            #[serde(default)]
            available: Option<Availability>,
            #[serde(default)]
            #[schemars(with = "Option<Text>")]
            title: Option<Spanned<Text>>,
            #[serde(default)]
            #[schemars(with = "Option<Text>")]
            summary: Option<Spanned<Text>>,
            #[serde(default)]
            text: Option<Text>,
            $($(#[$attr])* $field: $ty,)*
        }

        /// The kind's own fields of a record.
        #[derive(Debug)]
        pub struct $details {
            $(pub $field: $ty,)*
        }

        impl $file {
            /// Splits into the common fields and the kind's own.
            pub fn split(self) -> (Common, $details) {
                (
                    Common {
                        id: self.id,
                        languages: self.languages,
                        themes: self.themes,
                        countries: self.countries,
                        audience: self.audience,
                        access: self.access,
                        published: self.published,
                        updated: self.updated,
                        draft: self.draft,
                        credits: self.credits,
                        images: self.images,
                        resources: self.resources,
                        links: self.links,
                        available: self.available,
                        inline: Inline { title: self.title, summary: self.summary, text: self.text },
                    },
                    $details { $($field: self.$field,)* },
                )
            }
        }
    };
}

record_file! {
    /// `record.yaml` of a film.
    FilmFile => Film {
        #[serde(default)]
        #[schemars(with = "Option<js::Year>")]
        year: Option<Spanned<i32>>,
        #[serde(default)]
        duration: Option<u32>,
        #[serde(default)]
        genre: Genre,
        #[serde(default)]
        original_title: Option<String>,
        #[serde(default)]
        #[schemars(with = "Vec<js::LanguageCode>")]
        subtitles: Vec<Spanned<String>>,
    }
}

record_file! {
    /// `record.yaml` of a book.
    BookFile => Book {
        #[serde(default)]
        #[schemars(with = "Option<js::Isbn>")]
        isbn: Option<Spanned<String>>,
        #[serde(default)]
        publisher: Option<String>,
        #[serde(default)]
        #[schemars(with = "Option<js::Year>")]
        year: Option<Spanned<i32>>,
        #[serde(default)]
        format: BookFormat,
        #[serde(default)]
        pages: Option<u32>,
        #[serde(default)]
        original_title: Option<String>,
    }
}

record_file! {
    /// `record.yaml` of a music release.
    MusicFile => Music {
        #[serde(default)]
        release_type: ReleaseType,
        #[serde(default)]
        #[schemars(with = "Option<js::PartialDate>")]
        release_date: Option<Spanned<String>>,
        #[serde(default)]
        label: Option<String>,
        #[serde(default)]
        tracks: Vec<Track>,
    }
}

record_file! {
    /// `record.yaml` of a webinar.
    WebinarFile => Webinar {
        #[schemars(with = "js::LocalDateTime")]
        start: Spanned<String>,
        #[schemars(with = "js::TimeZone")]
        time_zone: Spanned<String>,
        duration: u32,
        #[serde(default)]
        attendance: Attendance,
        #[serde(default)]
        speakers: Vec<Speaker>,
        #[serde(default)]
        #[schemars(with = "Option<js::Url>")]
        registration: Option<Spanned<String>>,
        #[serde(default)]
        #[schemars(with = "Option<js::Url>")]
        replay: Option<Spanned<String>>,
    }
}

record_file! {
    /// `record.yaml` of a network production.
    ProductionFile => Production {
        #[schemars(with = "js::InstitutionId")]
        institution: Spanned<String>,
        r#type: ProductionType,
        #[serde(default)]
        #[schemars(with = "Option<js::Year>")]
        year: Option<Spanned<i32>>,
    }
}

/// Front matter of a record's `<lang>.md`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TranslationFront {
    /// Title in this language.
    pub title: String,
    /// One or two sentences. Default: none (empty).
    #[serde(default)]
    pub summary: String,
    /// Last part of the address in this language.
    #[serde(default)]
    #[schemars(with = "Option<js::Slug>")]
    pub slug: Option<Spanned<String>>,
}

/// Front matter of a free page's `<lang>.md`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PageFront {
    /// Title in this language.
    pub title: String,
    /// Optional description.
    #[serde(default)]
    pub summary: Option<String>,
    /// Last part of the address in this language.
    #[serde(default)]
    #[schemars(with = "Option<js::Slug>")]
    pub slug: Option<Spanned<String>>,
}

/// A vocabulary in `data/`: id to label per language.
pub type Vocabulary = BTreeMap<String, BTreeMap<String, String>>;
