//! The browser side of the CMS: the admin page (`admin/index.html`) and the Sveltia CMS
//! files it runs, vendored in `src/cms/vendor/` from the npm package pinned in
//! `package.json` (`scripts/vendor-cms.sh` refreshes them) and compiled into the binary,
//! gzipped, by `build.rs`. [`admin_files`] hands them to the build that publishes `/admin/`.
//!
//! Why vendored: a site must build from `cargo build --release` alone, with no node and no
//! network, and the admin page must request nothing from a CDN. The configuration
//! (`admin/config.yml`) is not this module's: it is generated from vitrine's types by the
//! rest of `cms`.
//!
//! Sveltia asks CDNs for its UI translations and fonts at run time; the admin page keeps
//! those requests on the site (see [`ADMIN_PAGE`]).
//!
//! Two scripts are vitrine's own, not vendored: `records.js` and `record-format.js`, the
//! format through which the CMS reads and writes a record's facts so that a save changes only
//! what the editor changed (comments, `[a, b]` lists, plain-text translatable facts and keys
//! the form does not show stay as they were); they use the vendored YAML library
//! (`vendor/yaml/`, the `yaml` npm package's browser build).

use std::io::Read as _;

use crate::render::OutputFile;

include!(concat!(env!("OUT_DIR"), "/cms_files.rs"));

/// The version of Sveltia CMS vendored, as pinned in `package.json`.
pub fn sveltia_version() -> &'static str {
    include_str!("vendor/VERSION").trim()
}

/// The folder of the output the admin page and its files go into.
pub const ADMIN_DIR: &str = "admin";

/// The admin page. `noindex` keeps it out of search engines (it is also left out of the
/// sitemap, feeds and search index, which list records only).
///
/// Sveltia CMS asks other hosts for a few things at run time; the page's first script,
/// before Sveltia loads, keeps every such request on the site (checked by
/// `tests/browser/cms.test.mjs`, which refuses any request to another host):
/// - its UI translations (`https://unpkg.com/@sveltia/cms@VERSION/locales/fr.json`) are
///   fetched from the copies in `locales/` instead;
/// - its icon font (Material Symbols, from cdn.jsdelivr.net) comes from `fonts/`, and its
///   text fonts (Source Sans 3, Noto Mono) are left to the system: the addresses are
///   rewritten in the stylesheet Sveltia adds, before the browser reads it;
/// - its check for a newer version (unpkg.com) and the Git hosts' status services
///   (www.githubstatus.com; status-api.hostedstatus.com for GitLab) are refused without a
///   request: vitrine pins the version, and an editor learns of an outage from the host.
///
/// Sveltia looks for its React chunk beside its own script first, so that needs nothing.
///
/// The first script also holds Sveltia back (`CMS_MANUAL_INIT`): the last, `records.js`,
/// registers the format of the record files, then starts it.
const ADMIN_PAGE: &str = r#"<!doctype html>
<html>
<head>
<meta charset="utf-8">
<meta name="robots" content="noindex">
<meta name="referrer" content="same-origin">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>CMS</title>
<link href="config.yml" type="application/yaml" rel="cms-config-url">
<script>
window.CMS_MANUAL_INIT = true;
(() => {
  const here = new URL('./', document.baseURI).href;
  const translations = 'https://unpkg.com/@sveltia/cms@@VERSION@/locales/';
  const refused = ['https://unpkg.com/', 'https://www.githubstatus.com/', 'https://status-api.hostedstatus.com/'];
  const fetch = window.fetch.bind(window);
  window.fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url.startsWith(translations)) return fetch(here + 'locales/' + url.slice(translations.length), init);
    if (refused.some((host) => url.startsWith(host))) {
      return Promise.reject(new TypeError(`the admin page asks nothing of ${new URL(url).host}`));
    }
    return fetch(input, init);
  };
  const fonts = /url\((https:\/\/cdn\.jsdelivr\.net\/fontsource\/fonts\/([a-z0-9-]+)[^)]*)\)\s*format\([^)]*\)/g;
  const icons = `url(${here}fonts/material-symbols-outlined-latin-standard-normal.woff2) format('woff2-variations')`;
  const appendChild = Node.prototype.appendChild;
  Node.prototype.appendChild = function (child) {
    if (child instanceof HTMLStyleElement && child.textContent.includes('cdn.jsdelivr.net/fontsource/')) {
      child.textContent = child.textContent.replace(fonts, (_, url, name) =>
        name === 'material-symbols-outlined' ? icons : `local('${name}')`);
    }
    return appendChild.call(this, child);
  };
})();
</script>
<script src="sveltia-cms.js"></script>
<script type="module" src="records.js"></script>
</head>
<body></body>
</html>
"#;

/// vitrine's own scripts of the admin page, by file name (see the module's doc).
const SCRIPTS: [(&str, &str); 2] = [
    ("records.js", include_str!("records.js")),
    ("record-format.js", include_str!("record-format.js")),
];

/// The admin page, its scripts and the vendored files, as output files under `admin/`
/// (`admin/index.html`, `admin/records.js`, `admin/record-format.js`, `admin/sveltia-cms.js`,
/// `admin/chunks/…`, `admin/locales/…`, `admin/fonts/…`, `admin/yaml/…`,
/// `admin/LICENSE.txt`), sorted by path. The configuration, `admin/config.yml`, is the
/// caller's to add.
pub fn admin_files() -> Vec<OutputFile> {
    let page = ADMIN_PAGE.replace("@VERSION@", sveltia_version());
    let mut files = vec![output(format!("{ADMIN_DIR}/index.html"), page.into_bytes())];
    for (name, text) in SCRIPTS {
        files.push(output(
            format!("{ADMIN_DIR}/{name}"),
            text.as_bytes().to_vec(),
        ));
    }
    for (rel, gz) in CMS_FILES.iter().filter(|(rel, _)| *rel != "VERSION") {
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(*gz)
            .read_to_end(&mut bytes)
            .expect("build.rs gzipped the vendored files itself");
        files.push(output(format!("{ADMIN_DIR}/{rel}"), bytes));
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

fn output(path: String, bytes: Vec<u8>) -> OutputFile {
    OutputFile {
        path,
        bytes,
        template: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_admin_files_are_the_vendored_ones_and_the_page() {
        let files = admin_files();
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        for path in [
            "admin/index.html",
            "admin/sveltia-cms.js",
            "admin/LICENSE.txt",
            "admin/records.js",
            "admin/record-format.js",
            "admin/yaml/index.js",
            "admin/yaml/LICENSE",
            "admin/locales/fr.json",
            "admin/locales/ar.json",
            "admin/fonts/material-symbols-outlined-latin-standard-normal.woff2",
        ] {
            assert!(paths.contains(&path), "{path} is published: {paths:?}");
        }
        assert!(!paths.contains(&"admin/VERSION"));
        let vendored = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/cms/vendor");
        let own = [
            "admin/index.html",
            "admin/records.js",
            "admin/record-format.js",
        ];
        for file in files.iter().filter(|f| !own.contains(&f.path.as_str())) {
            let rel = file.path.strip_prefix("admin/").unwrap();
            let on_disk = std::fs::read(vendored.join(rel)).unwrap();
            assert!(on_disk == file.bytes, "{rel} comes out as it was vendored");
        }
    }

    #[test]
    fn the_format_keeps_the_original_text_under_the_configured_field() {
        let format = SCRIPTS
            .iter()
            .find(|(name, _)| *name == "record-format.js")
            .map(|(_, text)| *text)
            .unwrap_or_default();
        let line = format!("export const ORIGINAL = '{}';", crate::cms::ORIGINAL_FIELD);
        assert!(format.contains(&line), "record-format.js has {line}");
    }

    #[test]
    fn the_page_is_noindex_and_points_translations_at_the_local_copies() {
        let files = admin_files();
        let page = files.iter().find(|f| f.path == "admin/index.html").unwrap();
        let page = std::str::from_utf8(&page.bytes).unwrap();
        assert!(page.contains(r#"<meta name="robots" content="noindex">"#));
        let cdn = format!(
            "https://unpkg.com/@sveltia/cms@{}/locales/",
            sveltia_version()
        );
        assert!(page.contains(&cdn), "{page}");
        assert!(!page.contains("@VERSION@"));
    }
}
