//! The choices of the forms' selects: the site's themes, roles and institutions from `data/`,
//! and the countries and languages vitrine names (CLDR), each labelled in the site's default
//! language and sorted as that language sorts; and the labels of a record's fields as the
//! theme's strings give them on the pages in that language. Which ids a record may use is
//! not decided here but by `vitrine check`.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::fields::{Choice, Labels, Vocabularies};
use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::locale::Locale;
use crate::locale::names::{self, Names};
use crate::schema::Vocabulary;

/// The vocabularies of the site under `root`; a missing file is an empty vocabulary.
pub fn load(root: &Path, config: &Config) -> Result<Vocabularies, Vec<Diagnostic>> {
    let lang = config.default_language.as_str();
    let mut errors = Vec::new();
    let mut read = |name: &str| -> Vocabulary {
        let path = PathBuf::from(format!("data/{name}.yaml"));
        let Ok(text) = std::fs::read_to_string(root.join(&path)) else {
            return Vocabulary::new();
        };
        crate::schema::yaml::parse::<Vocabulary>(&text, &path, 0).unwrap_or_else(|d| {
            errors.push(d);
            Vocabulary::new()
        })
    };
    let themes = read("themes");
    let roles = crate::builtin::roles_with(read("roles"));
    let institutions = read("institutions");
    let countries = read("countries");
    let languages_added = read("languages");
    if !errors.is_empty() {
        return Err(errors);
    }
    let names = Names::load(&[lang]);
    let (countries, _) = names::complete(
        &names,
        countries,
        Vocabulary::new(),
        &[lang],
        std::iter::empty(),
    );
    let mut languages: Vec<(String, String)> = names.named_languages(lang);
    for (code, labels) in &languages_added {
        match languages.iter_mut().find(|(c, _)| c == code) {
            Some(entry) => {
                if let Some(label) = labels.get(lang) {
                    entry.1 = label.clone();
                }
            }
            None => {
                let label = labels.get(lang).or_else(|| labels.values().next());
                languages.push((code.clone(), label.unwrap_or(code).clone()));
            }
        }
    }
    let locale = Locale::new(lang);
    let sorted = |mut choices: Vec<Choice>| {
        choices.sort_by(|a, b| match locale.compare(&a.label, &b.label) {
            Ordering::Equal => a.value.cmp(&b.value),
            other => other,
        });
        choices
    };
    let labelled = |vocabulary: &Vocabulary, with_code: bool| {
        let choices = vocabulary
            .iter()
            .map(|(id, labels)| {
                let label = labels.get(lang).or_else(|| labels.get("en")).unwrap_or(id);
                Choice {
                    value: id.clone(),
                    label: if with_code && label != id {
                        format!("{label} ({id})")
                    } else {
                        label.clone()
                    },
                }
            })
            .collect();
        sorted(choices)
    };
    let languages = languages
        .into_iter()
        .map(|(code, name)| Choice {
            label: format!("{name} ({code})"),
            value: code,
        })
        .collect();
    Ok(Vocabularies {
        themes: labelled(&themes, false),
        roles: labelled(&roles, false),
        institutions: labelled(&institutions, false),
        countries: labelled(&countries, true),
        languages: sorted(languages),
        site_languages: config
            .default_first()
            .into_iter()
            .map(|code| Choice {
                label: config
                    .language(&code)
                    .map_or_else(|| code.clone(), |l| l.name.clone()),
                value: code,
            })
            .collect(),
    })
}

/// The theme's strings that name a record's field on its pages: `fact_<field>` (the facts
/// box) and the headings of the lists below it.
const SECTION_STRINGS: [&str; 6] = [
    "credits",
    "speakers",
    "tracks",
    "resources",
    "links",
    "images",
];

/// The labels of the forms' fields in the site's default language, from the theme's strings
/// (the site's `i18n/` included): a record's own fields as its pages name them (`fact_<field>`,
/// the headings of the lists), else as `cms_<field>` names them; the parts of a list's items
/// as `cms_<field>` names them, else as the pages do.
pub fn field_labels(root: &Path, config: &Config) -> Result<Labels, Vec<Diagnostic>> {
    let theme = crate::render::theme::Theme::load(root, config)?;
    let Some(strings) = theme.strings.get(&config.default_language) else {
        return Ok(Labels::default());
    };
    let mut page = BTreeMap::new();
    let mut cms = BTreeMap::new();
    let mut kinds = BTreeMap::new();
    for (key, text) in strings {
        let text = text.text().to_string();
        if let Some(kind) = key.strip_prefix("kinds_") {
            kinds.insert(kind.to_string(), text);
        } else if let Some(field) = key.strip_prefix("cms_") {
            cms.insert(field.to_string(), text);
        } else if let Some(field) = key.strip_prefix("fact_").or_else(|| {
            SECTION_STRINGS
                .contains(&key.as_str())
                .then_some(key.as_str())
        }) {
            page.insert(field.to_string(), text);
        }
    }
    let merged = |first: &BTreeMap<String, String>, then: &BTreeMap<String, String>| {
        let mut out = then.clone();
        out.extend(first.iter().map(|(k, v)| (k.clone(), v.clone())));
        out
    };
    Ok(Labels {
        own: merged(&page, &cms),
        parts: merged(&cms, &page),
        kinds,
    })
}
