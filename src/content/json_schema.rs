//! JSON Schemas (draft 2020-12) of the files editors write, for the editors' own tools:
//! VS Code's YAML extension, the GitLab Web IDE and every other editor built on
//! yaml-language-server complete and check fields while the editor types.
//!
//! The schemas are derived from the types the parser uses ([`crate::schema`]), so they
//! cannot drift from what `vitrine check` accepts: each struct's fields, which are required,
//! which are unknown. What one file cannot say on its own comes from the site: the ids of
//! `data/themes.yaml`, `data/roles.yaml` and `data/institutions.yaml`, the site's languages,
//! its theme folders. Each field's description is the one of `docs/reference.md`.
//!
//! A field whose value follows a rule beyond its Rust type (a date, a theme id…) names one of
//! the marker types of [`crate::schema::markers`] in `#[schemars(with = …)]`; the marker
//! stands for a definition of the schema (`#/$defs/theme`) that [`schemas`] fills with the
//! site's vocabulary.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use schemars::{JsonSchema, SchemaGenerator, generate::SchemaSettings};
use serde_json::{Map, Value, json};

use super::layout::Kind;
use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::schema::Vocabulary;
use crate::schema::markers::MARKERS;
use crate::schema::{
    BookFile, CollectionFile, FilmFile, MusicFile, PageFront, ProductionFile, SiteFile,
    TranslationFront, WebinarFile,
};

/// What the schemas need to know of the site beyond the types.
#[derive(Debug, Default, Clone)]
pub struct Site {
    /// The site's language codes, the default one first.
    pub languages: Vec<String>,
    /// Ids of `data/themes.yaml`, sorted.
    pub themes: Vec<String>,
    /// Ids of `data/roles.yaml`, sorted.
    pub roles: Vec<String>,
    /// Ids of `data/institutions.yaml`, sorted.
    pub institutions: Vec<String>,
    /// The folders of `themes/`.
    pub theme_folders: Vec<String>,
    /// The country codes records may use: those vitrine knows and those of
    /// `data/countries.yaml`, sorted.
    pub countries: Vec<String>,
}

/// One schema file: its name in the schema folder and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaFile {
    /// File name, e.g. `film.schema.json`.
    pub name: String,
    /// Pretty-printed JSON, ending with a newline.
    pub text: String,
}

/// The name of the schema file of a kind's `record.yaml`.
pub fn record_schema(kind: Kind) -> String {
    format!("{}.schema.json", kind.name())
}

/// The schema folder, relative to the site root, that `vitrine schema` writes by default.
pub const FOLDER: &str = "schemas";

/// How a schema folder differs from the schemas of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stale {
    /// The file is not there.
    Missing(String),
    /// The file differs from what `vitrine schema` writes.
    OutOfDate(String),
}

/// The files of `dir` that differ from `files`.
pub fn stale(dir: &Path, files: &[SchemaFile]) -> Vec<Stale> {
    files
        .iter()
        .filter_map(|f| match std::fs::read_to_string(dir.join(&f.name)) {
            Ok(text) if text == f.text => None,
            Ok(_) => Some(Stale::OutOfDate(f.name.clone())),
            Err(_) => Some(Stale::Missing(f.name.clone())),
        })
        .collect()
}

/// Writes the files of `files` that differ from those in `dir` (creating it); returns the
/// names written.
pub fn write(dir: &Path, files: &[SchemaFile]) -> std::io::Result<Vec<String>> {
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    for stale in stale(dir, files) {
        let (Stale::Missing(name) | Stale::OutOfDate(name)) = stale;
        let text = &files
            .iter()
            .find(|f| f.name == name)
            .expect("a listed file")
            .text;
        // Written aside then renamed: an editor's tool never reads half a schema.
        let part = dir.join(format!(".{name}.part"));
        std::fs::write(&part, text)?;
        std::fs::rename(&part, dir.join(&name))?;
        written.push(name);
    }
    Ok(written)
}

/// Every schema of the site, in a stable order.
pub fn schemas(site: &Site) -> Vec<SchemaFile> {
    let mut out = vec![file::<SiteFile>(
        site,
        "site.schema.json",
        "site.yaml",
        &["site"],
    )];
    for kind in Kind::ALL {
        let (root, mut bulk) = match kind {
            Kind::Film => record::<FilmFile>(site, kind),
            Kind::Book => record::<BookFile>(site, kind),
            Kind::Music => record::<MusicFile>(site, kind),
            Kind::Webinar => record::<WebinarFile>(site, kind),
            Kind::Production => record::<ProductionFile>(site, kind),
        };
        out.push(root);
        bulk.name = format!("{}-bulk.schema.json", kind.name());
        out.push(bulk);
        // The columns of a spreadsheet (CSV bulk file) of the kind, as a header row to fill.
        out.push(SchemaFile {
            name: format!("{}-columns.csv", kind.name()),
            text: super::sheet::template(kind, &site.languages, &site.roles),
        });
    }
    out.push(file::<TranslationFront>(
        site,
        "translation.schema.json",
        "front matter of a record's <language>.md",
        &["translation"],
    ));
    out.push(file::<PageFront>(
        site,
        "page.schema.json",
        "front matter of the <language>.md of a free page or a collection",
        &["translation"],
    ));
    out.push(file::<CollectionFile>(
        site,
        "collection.schema.json",
        "collection.yaml",
        &["collection"],
    ));
    out
}

/// The schemas of a kind: its `record.yaml` (texts live in the language files) and its
/// bulk files (a list of records, each with its id and its texts).
fn record<T: JsonSchema>(site: &Site, kind: Kind) -> (SchemaFile, SchemaFile) {
    let tables = ["common", kind.name()];
    let mut schema = generate::<T>(site, &tables);
    let entry = schema.clone();
    let props = schema["properties"]
        .as_object_mut()
        .expect("a record is an object");
    for field in ["title", "summary", "text"] {
        props.remove(field);
    }
    let root = finish(
        schema,
        &format!("record.yaml of a {}", kind.name()),
        &record_schema(kind),
    );
    let mut entry = entry;
    let object = entry.as_object_mut().expect("a record is an object");
    let defs = object.remove("$defs");
    for key in ["$schema", "title", "description"] {
        object.remove(key);
    }
    let required = entry["required"]
        .as_array_mut()
        .expect("a record has required fields");
    for field in ["id", "title"] {
        required.push(json!(field));
    }
    let mut bulk = json!({ "type": "array", "items": entry });
    if let Some(defs) = defs {
        bulk["$defs"] = defs;
    }
    let bulk = finish(
        bulk,
        &format!(
            "a bulk file of content/{}/: a list of records, each with its id and texts",
            kind.folder()
        ),
        "",
    );
    (root, bulk)
}

fn file<T: JsonSchema>(site: &Site, name: &str, title: &str, tables: &[&str]) -> SchemaFile {
    finish(generate::<T>(site, tables), title, name)
}

/// The schema of `T`, its definitions filled and described.
fn generate<T: JsonSchema>(site: &Site, tables: &[&str]) -> Value {
    let generator = SchemaGenerator::new(SchemaSettings::draft2020_12());
    let mut schema = generator.into_root_schema_for::<T>().to_value();
    let reference = reference();
    describe(&mut schema, tables, &reference);
    if let Some(defs) = schema.get_mut("$defs").and_then(Value::as_object_mut) {
        for (name, def) in defs.iter_mut() {
            if let Some(filled) = site.def(name) {
                *def = filled;
            } else {
                describe(def, &[name.as_str()], &reference);
            }
        }
    }
    strip_formats(&mut schema);
    schema
}

fn finish(mut schema: Value, title: &str, name: &str) -> SchemaFile {
    let object = schema.as_object_mut().expect("a schema is an object");
    object.remove("description");
    object.insert("title".into(), json!(title));
    object.remove("$schema");
    let rest = serde_json::to_string_pretty(&schema).expect("JSON");
    // `$schema` first, as readers expect it (the map sorts its keys, `$defs` before it).
    let text = format!(
        "{{\n  \"$schema\": \"https://json-schema.org/draft/2020-12/schema\",{}\n",
        rest.strip_prefix('{').expect("an object")
    );
    SchemaFile {
        name: name.to_string(),
        text,
    }
}

/// Sets each property's description to the one of the reference's tables `tables`.
fn describe(
    schema: &mut Value,
    tables: &[&str],
    reference: &BTreeMap<String, BTreeMap<String, String>>,
) {
    let Some(props) = schema.get_mut("properties").and_then(Value::as_object_mut) else {
        return;
    };
    for (field, prop) in props.iter_mut() {
        let text = tables
            .iter()
            .find_map(|t| reference.get(*t).and_then(|table| table.get(field)));
        if let (Some(text), Some(prop)) = (text, prop.as_object_mut()) {
            prop.insert("description".into(), json!(text));
        }
    }
}

/// Integer formats (`uint32`) are schemars' own vocabulary, not JSON Schema's; a `null`
/// default says nothing (the field is simply left out), and yaml-language-server stops
/// completing a file's fields at a nested one.
fn strip_formats(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if map.get("default").is_some_and(Value::is_null) {
                map.remove("default");
            }
            if map
                .get("format")
                .and_then(Value::as_str)
                .is_some_and(|f| f.starts_with("int") || f.starts_with("uint"))
            {
                map.remove("format");
            }
            map.values_mut().for_each(strip_formats);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_formats),
        _ => {}
    }
}

/// The field tables of `docs/reference.md` (`<!-- fields: NAME -->`): table name to field
/// to what the field is, Markdown emphasis removed.
pub fn reference() -> BTreeMap<String, BTreeMap<String, String>> {
    reference_in_order()
        .into_iter()
        .map(|(table, fields)| (table, fields.into_iter().collect()))
        .collect()
}

/// The field tables of `docs/reference.md` in the page's order, each field in its table's
/// order: the order a reader meets them, which the CMS's forms follow too.
pub fn reference_in_order() -> Vec<(String, Vec<(String, String)>)> {
    let text = include_str!("../../docs/reference.md");
    let mut tables: Vec<(String, Vec<(String, String)>)> = Vec::new();
    let mut open = false;
    for line in text.lines() {
        if let Some(name) = line
            .strip_prefix("<!-- fields: ")
            .and_then(|l| l.strip_suffix(" -->"))
        {
            open = true;
            tables.push((name.to_string(), Vec::new()));
        } else if open {
            if let Some(rest) = line.strip_prefix("| `") {
                let (field, rest) = rest.split_once('`').unwrap_or((rest, ""));
                let what = rest
                    .trim_start_matches([' ', '|'])
                    .trim_end_matches([' ', '|'])
                    .replace("*(required)* ", "");
                if let Some((_, fields)) = tables.last_mut() {
                    fields.push((field.to_string(), what));
                }
            } else if !line.starts_with('|') {
                open = false;
            }
        }
    }
    tables
}

/// The schema of a kind's `record.yaml` fields and of the front matter of a record's
/// language file, before they are written out: the values `crate::cms` builds its forms
/// from, with the same definitions and descriptions as the schema files.
pub fn record_and_translation(site: &Site, kind: Kind) -> (Value, Value) {
    let tables = ["common", kind.name()];
    let record = match kind {
        Kind::Film => generate::<FilmFile>(site, &tables),
        Kind::Book => generate::<BookFile>(site, &tables),
        Kind::Music => generate::<MusicFile>(site, &tables),
        Kind::Webinar => generate::<WebinarFile>(site, &tables),
        Kind::Production => generate::<ProductionFile>(site, &tables),
    };
    (record, generate::<TranslationFront>(site, &["translation"]))
}

impl Site {
    /// What the schemas of the site under `root` need: its languages, the ids of its
    /// vocabularies (a missing vocabulary file has no ids), its theme folders.
    pub fn load(root: &Path, config: &Config) -> Result<Site, Vec<Diagnostic>> {
        let languages = config.default_first();
        let mut errors = Vec::new();
        let mut ids = |name: &str| {
            let path = PathBuf::from(format!("data/{name}.yaml"));
            let Ok(text) = std::fs::read_to_string(root.join(&path)) else {
                return Vec::new();
            };
            match crate::schema::yaml::parse::<Vocabulary>(&text, &path, 0) {
                Ok(vocabulary) => vocabulary.into_keys().collect(),
                Err(d) => {
                    errors.push(d);
                    Vec::new()
                }
            }
        };
        let themes = ids("themes");
        let site_roles = ids("roles").into_iter().map(|id| (id, BTreeMap::new()));
        let roles = crate::builtin::roles_with(site_roles.collect())
            .into_keys()
            .collect();
        let institutions = ids("institutions");
        let countries = country_codes(ids("countries"));
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut theme_folders: Vec<String> = std::fs::read_dir(root.join("themes"))
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
            .filter_map(|e| e.file_name().into_string().ok())
            .collect();
        // The theme compiled into vitrine needs no folder.
        theme_folders.push(crate::builtin::THEME_NAME.to_string());
        theme_folders.sort();
        theme_folders.dedup();
        Ok(Site {
            languages,
            themes,
            roles,
            institutions,
            theme_folders,
            countries,
        })
    }

    /// The definition a marker (or [`crate::schema::Text`]) stands for.
    fn def(&self, name: &str) -> Option<Value> {
        let ids = |vocabulary: &[String], file: &str| {
            json!({
                "type": "string",
                "enum": vocabulary,
                "description": format!("an id of {file}"),
            })
        };
        let value = match name {
            "theme" => ids(&self.themes, "data/themes.yaml"),
            "role" => ids(&self.roles, "data/roles.yaml or vitrine's built-in roles"),
            "institution" => ids(&self.institutions, "data/institutions.yaml"),
            "country" => json!({
                "type": "string",
                "enum": self.countries,
                "description": "an ISO 3166-1 alpha-2 country code, in capitals: FR, SN, MA…",
            }),
            "language-code" => json!({
                "type": "string",
                "pattern": crate::config::LANGUAGE_CODE_PATTERN,
                "description": "a BCP 47 language code: fr, wo, ar, pt-BR…",
            }),
            "site-language" => json!({
                "type": "string",
                "enum": self.languages,
                "description": "a language of site.yaml",
            }),
            "theme-folder" => json!({
                "type": "string",
                "enum": self.theme_folders,
                "description": "a folder of themes/",
            }),
            "id" => json!({
                "type": "string",
                "pattern": "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$",
                "maxLength": super::layout::MAX_ID_LEN,
                "description": "lower-case letters, digits and dashes: la-haine",
            }),
            "slug" => json!({
                "type": "string",
                "pattern": super::layout::SLUG_PATTERN,
                "maxLength": super::layout::MAX_ID_LEN,
                "description": "lower-case letters of any script, digits and dashes: la-haine, أطلس-الرياح",
            }),
            "date" => json!({
                "type": "string",
                "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
                "description": "a day, YYYY-MM-DD",
            }),
            "partial-date" => json!({
                "type": ["string", "integer"],
                "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$",
                "description": "a day, a month or a year: YYYY-MM-DD, YYYY-MM or YYYY",
            }),
            "local-date-time" => json!({
                "type": "string",
                "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?$",
                "description": "a local date and time, YYYY-MM-DDTHH:MM, in the record's time_zone",
            }),
            "time-zone" => json!({
                "type": "string",
                "enum": time_zones(),
                "description": "an IANA time zone name: Europe/Paris, Africa/Casablanca…",
            }),
            "url" => json!({
                "type": "string",
                "pattern": "^https?://[^\\s]+$",
                "description": "an absolute address starting with https://",
            }),
            "year" => json!({
                "type": "integer",
                "minimum": 1800,
                "maximum": 2100,
                "description": "a year, with four digits",
            }),
            "track-length" => json!({
                "type": "string",
                "pattern": "^[0-9]+:[0-5][0-9]$",
                "description": "minutes and seconds: 4:05",
            }),
            "isbn" => json!({
                "type": "string",
                "pattern": "^[- ]*([0-9][- ]*){13}$",
                "description": "an ISBN-13; hyphens allowed; its check digit is verified by vitrine check",
            }),
            "percent" => json!({ "type": "integer", "minimum": 0, "maximum": 100 }),
            "paths" => json!({
                "type": "object",
                "propertyNames": { "enum": crate::config::SEGMENTS },
                "additionalProperties": { "type": "string", "minLength": 1 },
            }),
            "text" => {
                let by_language: Map<String, Value> = self
                    .languages
                    .iter()
                    .map(|l| {
                        let text =
                            json!({ "type": "string", "description": format!("the text in {l}") });
                        (l.clone(), text)
                    })
                    .collect();
                json!({
                    "description": "a text for every language, or one per language: {fr: …, en: …}",
                    "anyOf": [
                        { "type": "string" },
                        {
                            "type": "object",
                            "properties": by_language,
                            "propertyNames": { "pattern": crate::config::LANGUAGE_CODE_PATTERN },
                            "additionalProperties": { "type": "string" },
                        },
                    ],
                })
            }
            _ => return None,
        };
        debug_assert!(name == "text" || MARKERS.contains(&name));
        Some(value)
    }
}

/// The codes `vitrine check` accepts as countries: every code vitrine names and those
/// `data/countries.yaml` adds.
fn country_codes(added: Vec<String>) -> Vec<String> {
    let names = crate::locale::names::Names::load(&[]);
    let mut codes: Vec<String> = names.country_codes().map(str::to_string).collect();
    codes.extend(added);
    codes.sort();
    codes.dedup();
    codes
}

/// The time zone names vitrine knows, from its bundled database.
fn time_zones() -> Vec<String> {
    let mut names: Vec<String> = jiff::tz::db()
        .available()
        .map(|name| name.to_string())
        .collect();
    names.sort();
    names
}

#[cfg(test)]
pub(crate) mod introspect {
    //! The field names serde expects for a struct, read from its `Deserialize` impl, so the
    //! reference page can be checked against the code.
    use serde::de::{self, Deserialize, Deserializer, Visitor};

    struct Fields(Vec<&'static str>);

    #[derive(Debug)]
    struct Done;
    impl std::fmt::Display for Done {
        fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("done")
        }
    }
    impl std::error::Error for Done {}
    impl de::Error for Done {
        fn custom<T: std::fmt::Display>(_: T) -> Self {
            Done
        }
    }

    impl<'de> Deserializer<'de> for &mut Fields {
        type Error = Done;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Done> {
            Err(Done)
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Done> {
            self.0.extend_from_slice(fields);
            Err(Done)
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
            bytes byte_buf option unit unit_struct newtype_struct seq tuple
            tuple_struct map enum identifier ignored_any
        }
    }

    /// The field names of `T`, as serde knows them.
    pub fn fields<'de, T: Deserialize<'de>>() -> Vec<&'static str> {
        let mut f = Fields(Vec::new());
        let _ = T::deserialize(&mut f);
        f.0
    }
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use super::introspect::fields;
    use crate::schema::*;

    /// The field names documented in each `<!-- fields: NAME -->` table of the reference.
    fn documented() -> BTreeMap<String, BTreeSet<String>> {
        super::reference()
            .into_iter()
            .map(|(table, fields)| (table, fields.into_keys().collect()))
            .collect()
    }

    fn set(fields: Vec<&'static str>) -> BTreeSet<String> {
        fields.into_iter().map(str::to_string).collect()
    }

    #[test]
    fn reference_documents_every_field_and_nothing_else() {
        let docs = documented();
        let kinds = [
            ("film", set(fields::<FilmFile>())),
            ("book", set(fields::<BookFile>())),
            ("music", set(fields::<MusicFile>())),
            ("webinar", set(fields::<WebinarFile>())),
            ("production", set(fields::<ProductionFile>())),
        ];
        let common: BTreeSet<String> = kinds
            .iter()
            .map(|(_, f)| f.clone())
            .reduce(|a, b| a.intersection(&b).cloned().collect())
            .unwrap();
        assert!(common.contains("published") && common.contains("images"));
        let mut expected: BTreeMap<&str, BTreeSet<String>> = BTreeMap::from([
            ("site", set(fields::<SiteFile>())),
            ("language", set(fields::<LanguageFile>())),
            ("common", common.clone()),
            ("credit", set(fields::<Credit>())),
            ("image", set(fields::<Image>())),
            ("resource", set(fields::<Resource>())),
            ("link", set(fields::<Link>())),
            ("track", set(fields::<Track>())),
            ("speaker", set(fields::<Speaker>())),
            ("available", set(fields::<Availability>())),
            ("featured", set(fields::<Featured>())),
            ("accessibility", set(fields::<Accessibility>())),
            ("cms", set(fields::<cms::CmsSection>())),
            ("collection", set(fields::<CollectionFile>())),
            ("translation", set(fields::<TranslationFront>())),
        ]);
        for (kind, all) in kinds {
            expected.insert(kind, all.difference(&common).cloned().collect());
        }
        for (table, fields) in &expected {
            assert_eq!(
                docs.get(*table),
                Some(fields),
                "docs/reference.md, table `{table}`"
            );
        }
        assert_eq!(
            docs.len(),
            expected.len(),
            "docs/reference.md has a table the code does not"
        );
        let page = set(fields::<PageFront>());
        assert!(page.is_subset(&expected["translation"]));
    }

    /// A def's pattern gives the verdict of the function `vitrine check` uses.
    fn agree(def: &str, samples: &[&str], check: impl Fn(&str) -> bool) {
        let site = super::Site {
            countries: super::country_codes(Vec::new()),
            ..Default::default()
        };
        let def = site.def(def).unwrap();
        let validator = jsonschema::validator_for(&def).unwrap();
        for sample in samples {
            let json = serde_json::json!(sample);
            assert_eq!(validator.is_valid(&json), check(sample), "`{sample}`");
        }
    }

    #[test]
    fn patterns_agree_with_check() {
        let codes = [
            "fr",
            "wo",
            "ber",
            "pt-BR",
            "zh-Hant-TW",
            "FR",
            "f",
            "fran",
            "fr-",
            "fr_BR",
            "fr-x",
            "fr-abcdefghi",
            "",
            "fr-BR-",
        ];
        agree("language-code", &codes, crate::config::is_language_code);
        let long_ids = [
            "a".repeat(crate::content::MAX_ID_LEN),
            "a".repeat(crate::content::MAX_ID_LEN + 1),
        ];
        let ids = [
            "la-haine",
            "a",
            "2046",
            "a--b",
            "-a",
            "a-",
            "La-Haine",
            "la haine",
            "l'été",
            "",
            "../la-haine",
            "a/b",
            &long_ids[0],
            &long_ids[1],
        ];
        agree("id", &ids, crate::content::is_valid_id);
        let slugs = [
            "la-haine",
            "أطلس-الرياح",
            "ветер-танжера",
            "été-indien",
            "l-été",
            "la haine",
            "La-Haine",
            "-la-haine",
            "la-haine-",
            "l'été",
            "a/b",
            "",
            &long_ids[0],
            &long_ids[1],
        ];
        agree("slug", &slugs, super::super::layout::is_valid_slug);
        let countries = ["FR", "SN", "SU", "YU", "XK", "fr", "XX", "EU", "FRA", ""];
        let known = super::country_codes(Vec::new());
        agree("country", &countries, |c| known.iter().any(|k| k == c));
    }
}
