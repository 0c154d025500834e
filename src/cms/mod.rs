//! `vitrine cms`: the configuration of the browser CMS (Sveltia CMS) that editors use at
//! `/admin/`, generated from the same types and descriptions as `vitrine schema`, from
//! `site.yaml` (languages, the `cms:` section) and from the vocabularies of `data/`.
//!
//! Each kind is two collections over the same folder `content/<kind>/`: its facts
//! (`<id>/record.yaml`) and its texts (`<id>/index.<lang>.md`, the languages side by side).
//! A hand-written `admin/overlay.yml` ([`overlay`]) may change how the forms look, never what
//! they write. [`publish`] says what a build publishes under `/admin/`: the configuration
//! and the preview page an entry's link opens (the CMS's own files are `assets`').

use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::content::Kind;
use crate::content::json_schema;
use crate::diagnostics::Diagnostic;
use crate::schema::cms::{CmsSection, GitHost};
use crate::schema::yaml;

pub mod assets;
mod fields;
pub mod node;
pub mod overlay;
mod publish;
pub mod texts;
mod vocabularies;

use fields::Forms;
use node::Node;

pub use overlay::OVERLAY_FILE;
pub use publish::{CONFIG_FILE, preview_maps, published};

/// The version of Sveltia CMS the configuration is written for (its npm package).
pub const SVELTIA_VERSION: &str = "0.221.1";

/// The prefix of the format of a kind's facts (`vitrine-facts-films`): the admin page's
/// `records.js` registers a format of that name for every such collection.
pub const FACTS_FORMAT: &str = "vitrine-facts-";

/// The prefix of the format of a kind's texts (`vitrine-texts-films-frontmatter`), likewise.
pub const TEXTS_FORMAT: &str = "vitrine-texts-";

/// The key under which the admin page's format keeps, in an entry, the text it was read
/// from (`ORIGINAL` in `record-format.js`).
pub const ORIGINAL_FIELD: &str = "vitrine_original_text";

/// Why no configuration could be made.
#[derive(Debug)]
pub enum Failure {
    /// `site.yaml` has no `cms:` section.
    NoSection,
    /// Problems in the site's files (`site.yaml`, `data/`, the overlay).
    Site(Vec<Diagnostic>),
}

/// The text of `admin/config.yml` for the site under `root`.
pub fn generate(root: &Path, config: &Config) -> Result<String, Failure> {
    let Some(section) = &config.cms else {
        return Err(Failure::NoSection);
    };
    let mut problems = backend_problems(section);
    let site = json_schema::Site::load(root, config).map_err(Failure::Site)?;
    let vocabularies = vocabularies::load(root, config).map_err(Failure::Site)?;
    let labels = vocabularies::field_labels(root, config).map_err(Failure::Site)?;
    let order: Vec<(String, Vec<String>)> = json_schema::reference_in_order()
        .into_iter()
        .map(|(table, fields)| (table, fields.into_iter().map(|(f, _)| f).collect()))
        .collect();
    let mut tree = Node::map();
    tree.set("backend", backend(section));
    if section.review.as_ref().is_some_and(|r| r.value) {
        // Each save opens a merge request, which the site's pipeline checks.
        tree.set("publish_mode", Node::str("editorial_workflow"));
    }
    // Pictures and files of a record live in its folder (each collection says so); the
    // site-wide library is the site's own static files.
    tree.set("media_folder", Node::str("static"))
        .set("public_folder", Node::str(&config.base_path));
    // No `site_url`: the CMS then opens previews on its own address, the published site or
    // the preview server (`vitrine serve`).
    let mut i18n = Node::map();
    i18n.set("structure", Node::str("multiple_files"))
        .set(
            "locales",
            Node::List(config.default_first().into_iter().map(Node::Str).collect()),
        )
        .set("default_locale", Node::str(&config.default_language))
        // A new entry starts in the default language; the editor adds the others (else
        // each language's required title must be typed before the first save).
        .set("initial_locales", Node::str("default"));
    tree.set("i18n", i18n);
    let mut output = Node::map();
    // An empty optional field is left out rather than written as `''` (`slug: ''` is an
    // error for vitrine).
    output.set("omit_empty_optional_fields", Node::Bool(true));
    tree.set("output", output);
    let mut collections = Vec::new();
    for kind in Kind::ALL {
        let (record, translation) = json_schema::record_and_translation(&site, kind);
        let empty = serde_json::Map::new();
        let defs = |schema: &serde_json::Value| {
            schema
                .get("$defs")
                .and_then(serde_json::Value::as_object)
                .cloned()
                .unwrap_or_else(|| empty.clone())
        };
        let (record_defs, translation_defs) = (defs(&record), defs(&translation));
        let facts = Forms {
            defs: &record_defs,
            vocabularies: &vocabularies,
            order: &order,
            labels: &labels,
        }
        .fields(
            &record,
            &record_order(&order, kind),
            &["id", "title", "summary", "text"],
            "",
        );
        let named = |part: &str, english: &str| {
            format!(
                "{} ({})",
                labels
                    .kinds
                    .get(kind.name())
                    .cloned()
                    .unwrap_or_else(|| title(kind)),
                labels.own.get(part).map_or(english, String::as_str)
            )
        };
        collections.push(facts_collection(kind, facts, named("facts", "facts")));
        let texts = Forms {
            defs: &translation_defs,
            vocabularies: &vocabularies,
            order: &order,
            labels: &labels,
        }
        .fields(&translation, &table(&order, "translation"), &[], "");
        let body = labels
            .own
            .get("body")
            .cloned()
            .unwrap_or_else(|| "Text".into());
        collections.push(texts_collection(kind, texts, body, named("texts", "texts")));
    }
    tree.set("collections", Node::List(collections));
    match overlay::read(root) {
        Ok(Some(over)) => {
            if let Err(d) = over.apply(&mut tree) {
                problems.extend(d);
            }
        }
        Ok(None) => {}
        Err(d) => problems.extend(d),
    }
    if !problems.is_empty() {
        return Err(Failure::Site(problems));
    }
    Ok(format!(
        "# Generated by `vitrine cms` for Sveltia CMS {SVELTIA_VERSION} from site.yaml, data/ and\n\
         # vitrine's own types: do not edit. Labels, hints and the order of collections go in\n\
         # {OVERLAY_FILE}; run `vitrine cms` again after changing either.\n{}",
        tree.to_yaml()
    ))
}

/// Whether `admin/config.yml` under `root` differs from `text`: `None` when it is current.
pub fn stale(root: &Path, text: &str) -> Option<Stale> {
    match std::fs::read_to_string(root.join(CONFIG_FILE)) {
        Ok(on_disk) if on_disk == text => None,
        Ok(_) => Some(Stale::OutOfDate),
        Err(_) => Some(Stale::Missing),
    }
}

/// How the committed configuration differs from the generated one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stale {
    /// There is no `admin/config.yml`.
    Missing,
    /// It is not what `vitrine cms` writes today.
    OutOfDate,
}

/// Writes `text` to `admin/config.yml` under `root` (aside, then renamed into place, so the
/// CMS never reads half a file); returns its path relative to the root.
pub fn write(root: &Path, text: &str) -> std::io::Result<PathBuf> {
    let path = root.join(CONFIG_FILE);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let part = path.with_extension("yml.part");
    std::fs::write(&part, text)?;
    std::fs::rename(&part, &path)?;
    Ok(PathBuf::from(CONFIG_FILE))
}

/// The `backend` settings of the CMS.
fn backend(section: &CmsSection) -> Node {
    let mut node = Node::map();
    node.set("name", Node::str(section.backend.name()))
        .set("repo", Node::str(&section.repo.value));
    if let Some(branch) = &section.branch {
        node.set("branch", Node::str(branch));
    }
    let base = section
        .base_url
        .as_ref()
        .map(|b| b.value.trim_end_matches('/').to_string());
    match section.backend {
        // GitHub signs in through an OAuth client (base_url) or with a token; GitHub's API
        // is the public one.
        GitHost::Github => {
            if let Some(base) = base {
                node.set("base_url", Node::Str(base));
            }
        }
        GitHost::Gitlab | GitHost::Gitea => {
            if let Some(base) = base {
                let api = match section.backend {
                    GitHost::Gitlab => "api/v4",
                    _ => "api/v1",
                };
                node.set("api_root", Node::Str(format!("{base}/{api}")))
                    .set("base_url", Node::Str(base));
            }
            if let Some(app_id) = &section.app_id {
                if section.backend == GitHost::Gitlab {
                    node.set("auth_type", Node::str("pkce"));
                }
                node.set("app_id", Node::str(app_id));
            }
        }
    }
    node
}

/// Whether `repo` names a repository as the Git hosts do: `owner/name`, or
/// `group/subgroup/name` on GitLab.
pub fn is_repository(repo: &str) -> bool {
    let parts: Vec<&str> = repo.split('/').collect();
    parts.len() >= 2
        && parts
            .iter()
            .all(|p| !p.is_empty() && !p.contains(char::is_whitespace))
}

/// What `cms:` says that cannot work: a repository that is not `owner/name`, an address
/// that is not one.
fn backend_problems(section: &CmsSection) -> Vec<Diagnostic> {
    let at = |value: &crate::schema::Spanned<String>, code: &'static str, message: String| {
        let len = value.referenced.span().len() as usize;
        Diagnostic::error(
            code,
            crate::config::SITE_FILE,
            yaml::span_of(&value.referenced, len, 0),
            message,
        )
    };
    let mut problems = Vec::new();
    let repo = &section.repo.value;
    if !is_repository(repo) {
        problems.push(
            at(&section.repo, "invalid-repo", format!("`{repo}` is not a repository"))
                .with_help("write the repository as owner/name, e.g. `network/catalogue`, as in its address on the Git host"),
        );
    }
    if let Some(review) = section
        .review
        .as_ref()
        .filter(|r| r.value && section.backend == GitHost::Gitea)
    {
        let len = review.referenced.span().len() as usize;
        problems.push(
            Diagnostic::error(
                "unsupported-review",
                crate::config::SITE_FILE,
                yaml::span_of(&review.referenced, len, 0),
                "the CMS cannot propose changes for review on Gitea or Forgejo",
            )
            .with_help("remove `review: true`; editors' commits can still go to a branch of their own (`branch:`), merged after review"),
        );
    }
    if let Some(base) = &section.base_url {
        let ok = ["https://", "http://"].iter().any(|p| {
            base.value
                .strip_prefix(p)
                .is_some_and(|rest| !rest.is_empty() && !rest.contains(' '))
        });
        if !ok {
            problems.push(
                at(
                    base,
                    "invalid-base-url",
                    format!("`{}` is not an address", base.value),
                )
                .with_help("write the address of the Git host, e.g. `https://gitlab.example.org`"),
            );
        }
    }
    problems
}

fn table(order: &[(String, Vec<String>)], name: &str) -> Vec<String> {
    order
        .iter()
        .find(|(t, _)| t == name)
        .map(|(_, f)| f.clone())
        .unwrap_or_default()
}

/// A record's fields in the order of the example records: the common facts, the kind's own
/// before the lists (credits, images…).
fn record_order(order: &[(String, Vec<String>)], kind: Kind) -> Vec<String> {
    let common = table(order, "common");
    let own = table(order, kind.name());
    let split = common
        .iter()
        .position(|f| f == "credits")
        .unwrap_or(common.len());
    let mut out = common[..split].to_vec();
    out.extend(own);
    out.extend_from_slice(&common[split..]);
    out
}

/// The slug options of a record's collections: typed in when the record is created (it is
/// the folder's name, the record's id), never changed afterwards.
fn slug_options() -> Node {
    let mut slug = Node::map();
    slug.set("editable", Node::List(vec![Node::str("create")]))
        .set(
            "pattern",
            Node::List(vec![
                Node::str("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$"),
                Node::str("lower-case letters, digits and dashes: la-haine"),
            ]),
        )
        .set(
            "hint",
            Node::str("The record's id: its folder's name, the same for its facts and its texts."),
        );
    slug
}

fn collection(kind: Kind, name: String, label: String) -> Node {
    let mut node = Node::map();
    node.set("name", Node::Str(name))
        .set("label", Node::Str(label))
        .set("folder", Node::Str(format!("content/{}", kind.folder())));
    node
}

fn title(kind: Kind) -> String {
    let folder = kind.folder();
    let mut chars = folder.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The collection of a kind's facts, labelled `label` ("Films (fiches)").
fn facts_collection(kind: Kind, fields: Vec<Node>, label: String) -> Node {
    let mut node = collection(kind, kind.folder().to_string(), label);
    node.set("path", Node::str("{{slug}}/record"))
        .set("extension", Node::str("yaml"))
        // YAML, read and written by the admin page's own format (`records.js`), which keeps
        // what a save does not change as it was written.
        .set(
            "format",
            Node::Str(format!("{FACTS_FORMAT}{}", kind.folder())),
        )
        .set("slug", slug_options())
        .set("summary", Node::str("{{slug}}"))
        .set("preview_path", Node::Str(publish::preview_path(kind)))
        .set("media_folder", Node::str(""))
        .set("public_folder", Node::str(""))
        .set("fields", Node::List(fields));
    node
}

/// The collection of a kind's texts, labelled `label` ("Films (textes)").
fn texts_collection(kind: Kind, fields: Vec<Node>, body_label: String, label: String) -> Node {
    let mut node = collection(kind, format!("{}-texts", kind.folder()), label);
    let mut fields: Vec<Node> = fields
        .into_iter()
        .map(|mut f| {
            if f.get("name").and_then(Node::as_str) == Some("summary") {
                f.set("widget", Node::str("text"));
            }
            f.set("i18n", Node::Bool(true));
            f
        })
        .collect();
    let mut body = Node::map();
    body.set("name", Node::str("body"))
        .set("label", Node::Str(body_label))
        .set("widget", Node::str("markdown"))
        // The Markdown as written first, the rich text a click away: the rich-text editor
        // writes back every text it shows in its own spelling (`*film*` becomes `_film_`),
        // so a save of a title would rewrite lines of the text nobody touched.
        .set(
            "modes",
            Node::List(vec![Node::str("raw"), Node::str("rich_text")]),
        )
        .set("required", Node::Bool(false))
        .set("i18n", Node::Bool(true))
        .set(
            "hint",
            Node::str("The record's text in this language, in Markdown."),
        );
    fields.push(body);
    // The text the format read, carried by the entry to its save (`record-format.js`). When
    // the editor adds a language, Sveltia fills it with the default language's values, then
    // resets each translatable text, and a hidden field only if its default is the locale:
    // without that default, the new language's file would be written from the default
    // language's file. A locale code is no text with front matter: the format writes a new file.
    let mut original = Node::map();
    original
        .set("name", Node::str(ORIGINAL_FIELD))
        .set("widget", Node::str("hidden"))
        .set("default", Node::str("{{locale}}"))
        .set("i18n", Node::Bool(true));
    fields.push(original);
    node.set("path", Node::str("{{slug}}/index"))
        .set("extension", Node::str("md"))
        // YAML front matter and Markdown, through the admin page's own format (`records.js`);
        // Sveltia accepts a `.md` file only for a format named `…-frontmatter`.
        .set(
            "format",
            Node::Str(format!("{TEXTS_FORMAT}{}-frontmatter", kind.folder())),
        )
        .set("i18n", Node::Bool(true))
        .set("slug", slug_options())
        .set("identifier_field", Node::str("title"))
        .set("preview_path", Node::Str(publish::preview_path(kind)))
        .set("media_folder", Node::str(""))
        .set("public_folder", Node::str(""))
        .set("fields", Node::List(fields));
    node
}
