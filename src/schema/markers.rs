//! The marker types of the JSON Schemas: a field whose value follows a rule beyond its Rust
//! type (a date, a theme id…) names one of them in `#[schemars(with = …)]`; each stands for a
//! definition of the schema (`#/$defs/theme`) that `content::json_schema` fills with the
//! site's vocabulary.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

/// Declares the marker types: each is a definition of the schema, filled by
/// `content::json_schema::Site::def`.
macro_rules! markers {
    ($($(#[$doc:meta])* $name:ident = $def:literal;)*) => {
        $(
            $(#[$doc])*
            pub struct $name;
            impl JsonSchema for $name {
                fn schema_name() -> Cow<'static, str> {
                    $def.into()
                }
                fn json_schema(_: &mut SchemaGenerator) -> Schema {
                    json_schema!({ "type": "string" })
                }
            }
        )*
        /// The definitions the markers stand for.
        pub const MARKERS: &[&str] = &[$($def),*];
    };
}

markers! {
    /// An id of `data/themes.yaml`.
    ThemeId = "theme";
    /// An id of `data/roles.yaml`.
    RoleId = "role";
    /// An id of `data/institutions.yaml`.
    InstitutionId = "institution";
    /// An ISO 3166-1 alpha-2 country code.
    CountryCode = "country";
    /// A BCP 47 language code (of a work, subtitles, a file, a language of the site).
    LanguageCode = "language-code";
    /// One of the site's languages.
    SiteLanguage = "site-language";
    /// A folder of `themes/`.
    ThemeFolder = "theme-folder";
    /// A record id: lower-case letters, digits and dashes.
    Id = "id";
    /// A slug: lower-case letters of any script, digits and dashes.
    Slug = "slug";
    /// A day, `YYYY-MM-DD`.
    Date = "date";
    /// A day, a month or a year: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    PartialDate = "partial-date";
    /// A local date and time, `YYYY-MM-DDTHH:MM`.
    LocalDateTime = "local-date-time";
    /// An IANA time zone name.
    TimeZone = "time-zone";
    /// An absolute http(s) address.
    Url = "url";
    /// A plausible year of a work.
    Year = "year";
    /// A track length, `m:ss`.
    TrackLength = "track-length";
    /// An ISBN-13, hyphens allowed.
    Isbn = "isbn";
    /// A percentage, 0 to 100.
    Percent = "percent";
    /// A language's localized path segments.
    Paths = "paths";
}
