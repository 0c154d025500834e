//! `vitrine init`: a new site in an empty folder, ready to build and to hand to editors: a
//! short commented `site.yaml`, one example record, the free pages a public body needs
//! (about, accessibility statement, legal notice) in the chosen languages, the site's own
//! vocabulary of themes, `.gitignore`, the editors' schemas and VS Code settings, a README
//! for editors and, on request, the CI pipeline and the browser CMS (`cms:` in `site.yaml`,
//! `admin/config.yml`, texts spelled `index.<lang>.md`). The theme and the roles come with
//! vitrine.
//!
//! The starter texts live in `src/init/`; this module fills them in and writes them. It never
//! replaces a file: it refuses a folder that holds anything.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use jiff::civil::Date;

use crate::config::{Config, Overrides};
use crate::content::json_schema;

/// The CI service to write a pipeline for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ci {
    /// `.github/workflows/site.yml`.
    Github,
    /// `.gitlab-ci.yml`.
    Gitlab,
}

impl Ci {
    /// Where the pipeline file goes, relative to the site.
    pub fn file(self) -> &'static str {
        match self {
            Ci::Github => ".github/workflows/site.yml",
            Ci::Gitlab => ".gitlab-ci.yml",
        }
    }

    /// The pipeline, for this version of vitrine.
    pub fn pipeline(self) -> String {
        let template = match self {
            Ci::Github => include_str!("init/github.yml"),
            Ci::Gitlab => include_str!("init/gitlab-ci.yml"),
        };
        template.replace("{version}", env!("CARGO_PKG_VERSION"))
    }
}

/// What `vitrine init` was asked for.
#[derive(Debug, Clone)]
pub struct InitOptions {
    /// Language codes, the default one first.
    pub languages: Vec<String>,
    /// The site's name; a name per language when not given.
    pub title: Option<String>,
    /// The address the site will be published at.
    pub base_url: String,
    /// The pipeline to write, if any.
    pub ci: Option<Ci>,
    /// The browser CMS to set up, if any.
    pub cms: Option<InitCms>,
}

/// The browser CMS `vitrine init --cms` sets up: the `cms:` section of `site.yaml`, and
/// `admin/config.yml` generated from it (`vitrine cms`).
#[derive(Debug, Clone)]
pub struct InitCms {
    /// The Git host editors' saves are committed to.
    pub backend: crate::schema::cms::GitHost,
    /// The site's repository there, `owner/name`.
    pub repo: String,
}

/// Why a site could not be started.
#[derive(Debug, thiserror::Error)]
pub enum InitError {
    /// The folder holds something already.
    #[error("{0} is not empty; vitrine init never overwrites a file")]
    NotEmpty(PathBuf),
    /// The options make a `site.yaml` that does not pass (a language code, the address).
    #[error("{0}")]
    Invalid(String),
    /// `--repo` does not name a repository (`owner/name`).
    #[error("`{0}` is not a repository")]
    NotARepository(String),
    /// The disk refused.
    #[error("cannot write {path}: {source}")]
    Io {
        /// The file or folder concerned.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
}

/// The record every new site starts with.
const RECORD: &str = "content/films/le-voyage-dans-la-lune";

/// The free pages, by folder, with their text in the languages vitrine has starter texts for.
const PAGES: [(&str, [(&str, &str); 4]); 3] = [
    (
        "about",
        [
            ("fr", include_str!("init/pages/about/fr.md")),
            ("en", include_str!("init/pages/about/en.md")),
            ("es", include_str!("init/pages/about/es.md")),
            ("ar", include_str!("init/pages/about/ar.md")),
        ],
    ),
    (
        "accessibility",
        [
            ("fr", include_str!("init/pages/accessibility/fr.md")),
            ("en", include_str!("init/pages/accessibility/en.md")),
            ("es", include_str!("init/pages/accessibility/es.md")),
            ("ar", include_str!("init/pages/accessibility/ar.md")),
        ],
    ),
    (
        "legal-notice",
        [
            ("fr", include_str!("init/pages/legal-notice/fr.md")),
            ("en", include_str!("init/pages/legal-notice/en.md")),
            ("es", include_str!("init/pages/legal-notice/es.md")),
            ("ar", include_str!("init/pages/legal-notice/ar.md")),
        ],
    ),
];

/// The example record's text per language.
const RECORD_TEXTS: [(&str, &str); 4] = [
    ("fr", include_str!("init/film/fr.md")),
    ("en", include_str!("init/film/en.md")),
    ("es", include_str!("init/film/es.md")),
    ("ar", include_str!("init/film/ar.md")),
];

/// The site's starting themes: id, then labels in the languages vitrine has them in.
const THEMES: [(&str, [(&str, &str); 4]); 3] = [
    (
        "cinema",
        [
            ("fr", "Cinéma"),
            ("en", "Cinema"),
            ("es", "Cine"),
            ("ar", "السينما"),
        ],
    ),
    (
        "literature",
        [
            ("fr", "Littérature"),
            ("en", "Literature"),
            ("es", "Literatura"),
            ("ar", "الأدب"),
        ],
    ),
    (
        "music",
        [
            ("fr", "Musique"),
            ("en", "Music"),
            ("es", "Música"),
            ("ar", "الموسيقى"),
        ],
    ),
];

/// The site's name when none is given.
const TITLES: [(&str, &str); 4] = [
    ("fr", "Catalogue"),
    ("en", "Catalogue"),
    ("es", "Catálogo"),
    ("ar", "الكتالوج"),
];

/// The text of `lang` in `texts`; English for a language vitrine has no starter text in,
/// for the editors to translate.
fn text_in<'a>(texts: &[(&str, &'a str)], lang: &str) -> &'a str {
    let find = |code: &str| texts.iter().find(|(l, _)| *l == code).map(|(_, t)| *t);
    find(lang).or_else(|| find("en")).unwrap_or_default()
}

/// Writes a new site into `dir` (created if needed, refused if not empty); returns the
/// files written, relative to `dir`.
pub fn init(dir: &Path, options: &InitOptions, today: Date) -> Result<Vec<PathBuf>, InitError> {
    if fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some()) {
        return Err(InitError::NotEmpty(dir.to_path_buf()));
    }
    if let Some(cms) = options
        .cms
        .as_ref()
        .filter(|c| !crate::cms::is_repository(&c.repo))
    {
        return Err(InitError::NotARepository(cms.repo.clone()));
    }
    let site_yaml = site_yaml(options);
    let config = Config::parse(&site_yaml, &Overrides::default()).map_err(|problems| {
        let lines: Vec<String> = problems
            .iter()
            .map(|d| match &d.help {
                Some(help) => format!("{}\n  help: {help}", d.message),
                None => d.message.clone(),
            })
            .collect();
        InitError::Invalid(lines.join("\n"))
    })?;
    let title = match &options.title {
        Some(t) => t.clone(),
        None => text_in(&TITLES, &config.default_language).to_string(),
    };
    let mut files: Vec<(PathBuf, String)> = vec![
        ("site.yaml".into(), site_yaml),
        (".gitignore".into(), include_str!("init/gitignore").into()),
        (
            ".vscode/settings.json".into(),
            include_str!("../.vscode/settings.json").into(),
        ),
        ("data/themes.yaml".into(), themes_yaml(&config)),
        ("README.md".into(), readme(&config, &title)),
    ];
    let record = include_str!("init/film/record.yaml").replace("{today}", &today.to_string());
    files.push((Path::new(RECORD).join("record.yaml"), record));
    for lang in config.language_codes() {
        // With a CMS, texts are spelled as the CMS lists and writes them.
        let name = match options.cms {
            Some(_) => format!("index.{lang}.md"),
            None => format!("{lang}.md"),
        };
        let text = text_in(&RECORD_TEXTS, lang);
        files.push((Path::new(RECORD).join(&name), text.into()));
        for (page, texts) in &PAGES {
            let text = text_in(texts, lang).replace("{title}", &title);
            let path = Path::new("content/pages").join(page).join(&name);
            files.push((path, text));
        }
    }
    if let Some(ci) = options.ci {
        files.push((ci.file().into(), ci.pipeline()));
    }
    let mut written = Vec::new();
    for (rel, text) in files {
        create(dir, &rel, text.as_bytes())?;
        written.push(rel);
    }
    written.extend(schemas(dir, &config)?);
    if options.cms.is_some() {
        written.push(cms_config(dir, &config)?);
    }
    Ok(written)
}

/// Writes `admin/config.yml` for the new site, as `vitrine cms` does.
fn cms_config(dir: &Path, config: &Config) -> Result<PathBuf, InitError> {
    let text = crate::cms::generate(dir, config).map_err(|failure| match failure {
        crate::cms::Failure::NoSection => InitError::Invalid("site.yaml has no `cms:`".into()),
        crate::cms::Failure::Site(problems) => InitError::Invalid(
            problems
                .iter()
                .map(|d| d.message.clone())
                .collect::<Vec<_>>()
                .join("\n"),
        ),
    })?;
    crate::cms::write(dir, &text).map_err(|source| InitError::Io {
        path: dir.join(crate::cms::CONFIG_FILE),
        source,
    })
}

/// Writes `bytes` to the new file `dir/rel`, refusing to replace one.
fn create(dir: &Path, rel: &Path, bytes: &[u8]) -> Result<(), InitError> {
    let path = dir.join(rel);
    let io = |source| InitError::Io {
        path: path.clone(),
        source,
    };
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(io)?;
    }
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(io)?;
    file.write_all(bytes).map_err(io)
}

/// The editors' JSON Schemas of the new site, written to `schemas/`.
fn schemas(dir: &Path, config: &Config) -> Result<Vec<PathBuf>, InitError> {
    let site = json_schema::Site::load(dir, config).map_err(|problems| {
        let lines: Vec<String> = problems.iter().map(|d| d.message.clone()).collect();
        InitError::Invalid(lines.join("\n"))
    })?;
    let folder = Path::new(json_schema::FOLDER);
    let written =
        json_schema::write(&dir.join(folder), &json_schema::schemas(&site)).map_err(|source| {
            InitError::Io {
                path: dir.join(folder),
                source,
            }
        })?;
    Ok(written.into_iter().map(|f| folder.join(f)).collect())
}

fn site_yaml(options: &InitOptions) -> String {
    let default = options.languages.first().map_or("en", String::as_str);
    let title = match &options.title {
        Some(t) => yaml_string(t),
        None => {
            let names: Vec<String> = options
                .languages
                .iter()
                .map(|l| format!("{l}: {}", yaml_string(text_in(&TITLES, l))))
                .collect();
            format!("{{{}}}", names.join(", "))
        }
    };
    let mut text = include_str!("init/site.yaml")
        .replace("{title}", &title)
        .replace("{base_url}", &options.base_url)
        .replace("{default_language}", default)
        .replace("{languages}", &options.languages.join(", "));
    if let Some(cms) = &options.cms {
        text.push_str(&format!(
            "# The browser CMS at /admin/ (`vitrine cms`): where editors' saves are committed.\n\
             cms:\n  backend: {}\n  repo: {}\n",
            cms.backend.name(),
            yaml_string(&cms.repo)
        ));
        if cms.backend != crate::schema::cms::GitHost::Github {
            text.push_str(
                "  # app_id: …  the id of the OAuth application editors sign in with (PKCE):\n\
                 \x20 # docs/editing.md says how to create it on the Git host\n",
            );
        }
    }
    text
}

/// `text` as a YAML scalar: double-quoted, with `\` and `"` escaped.
fn yaml_string(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

fn themes_yaml(config: &Config) -> String {
    let mut out = String::from(
        "# The site's themes: records refer to them by id in `themes:`. Replace these with\n\
         # your own, each with a label in every language of the site.\n",
    );
    for (id, labels) in &THEMES {
        let labels: Vec<String> = config
            .language_codes()
            .map(|lang| format!("{lang}: {}", yaml_string(text_in(labels, lang))))
            .collect();
        out.push_str(&format!("{id}: {{{}}}\n", labels.join(", ")));
    }
    out
}

fn readme(config: &Config, title: &str) -> String {
    let names: Vec<&str> = config.languages.iter().map(|l| l.name.as_str()).collect();
    include_str!("init/README.md")
        .replace("{title}", title)
        .replace("{languages}", &names.join(", "))
}

/// `vitrine init`: writes the site and says what was written and what to do next; exit
/// code 2 when the folder or the options are refused.
pub fn command(dir: &Path, options: &InitOptions) -> ExitCode {
    let today = jiff::ZonedDateTime::now().date();
    match init(dir, options, today) {
        Ok(files) => {
            let shown = dir.display();
            println!("created a site in {shown} ({} files):", files.len());
            for f in files.iter().filter(|f| !f.starts_with(json_schema::FOLDER)) {
                println!("  {}", crate::diagnostics::display_path(f));
            }
            println!("  {}/ (the editors' schemas)", json_schema::FOLDER);
            let cd = if dir == Path::new(".") {
                String::new()
            } else {
                format!("cd {shown} && ")
            };
            println!("next: {cd}vitrine serve   (a preview at http://127.0.0.1:8000/)");
            ExitCode::SUCCESS
        }
        Err(e @ InitError::NotARepository(_)) => refused(&format!(
            "{e}\n  help: write the repository as owner/name, e.g. `--repo network/catalogue`, as in its address on the Git host"
        )),
        Err(InitError::Invalid(why)) => refused(&format!(
            "{why}\n  help: vitrine init checks its options as site.yaml would; a language it has no name for can be added in full to site.yaml afterwards"
        )),
        Err(e) => refused(&format!(
            "{e}\n  help: name a new or empty folder: `vitrine init my-catalogue`"
        )),
    }
}

/// `vitrine theme export DIR`: writes the built-in theme out; exit code 2 when refused.
pub fn export_command(dir: &Path) -> ExitCode {
    match crate::builtin::export_theme(dir) {
        Ok(files) => {
            let shown = dir.display();
            println!(
                "wrote the default theme into {shown} ({} files)",
                files.len()
            );
            ExitCode::SUCCESS
        }
        Err(e) => refused(&format!(
            "{e}\n  help: export into a new or empty folder, e.g. themes/my-theme, and set `theme: my-theme` in site.yaml"
        )),
    }
}

fn refused(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(languages: &[&str]) -> InitOptions {
        InitOptions {
            languages: languages.iter().map(|l| l.to_string()).collect(),
            title: None,
            base_url: "https://catalogue.example.org/".into(),
            ci: None,
            cms: None,
        }
    }

    #[test]
    fn site_yaml_is_short_and_valid_for_the_languages_asked() {
        let text = site_yaml(&options(&["fr", "en", "ar"]));
        assert!(text.contains("languages: [fr, en, ar]"), "{text}");
        assert!(text.contains("title: {fr: \"Catalogue\", en: \"Catalogue\", ar: \"الكتالوج\"}"));
        let config = Config::parse(&text, &Overrides::default()).unwrap();
        assert_eq!(config.default_language, "fr");
        assert!(text.lines().count() < 25);
    }

    #[test]
    fn a_title_with_quotes_stays_one_string() {
        let mut asked = options(&["en"]);
        asked.title = Some("The \"Maison\": films".into());
        let config = Config::parse(&site_yaml(&asked), &Overrides::default()).unwrap();
        assert_eq!(config.title.get("en", &[]), Some("The \"Maison\": films"));
    }

    #[test]
    fn a_folder_with_anything_in_it_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("notes.txt"), "mine").unwrap();
        let refused = init(dir.path(), &options(&["fr"]), Date::constant(2026, 1, 1));
        assert!(matches!(refused, Err(InitError::NotEmpty(_))));
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn an_unknown_language_is_refused_before_anything_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        let refused = init(
            &site,
            &options(&["fr", "xx-YY"]),
            Date::constant(2026, 1, 1),
        );
        let Err(InitError::Invalid(why)) = refused else {
            panic!("{refused:?}")
        };
        assert!(why.contains("xx-YY"), "{why}");
        assert!(!site.exists());
    }
}
