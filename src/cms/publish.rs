//! What a build publishes under `/admin/` for a site with a CMS (an `admin/config.yml`): the
//! configuration, and the preview page an entry's link opens. The CMS builds that link from
//! the record's id (`admin/preview.html#films/la-haine/ar`); the page looks the id up in
//! small maps the build writes (`admin/preview/films/la.json`, one per kind and first two
//! letters of the id) and goes to the record's page in that language, whatever its
//! translated slug and localized path. Nothing here is a public page: no sitemap, feed or
//! search entry lists it, and the page is `noindex`.

use std::collections::BTreeMap;
use std::path::Path;

use crate::content::Kind;
use crate::render::OutputFile;
use crate::site::Site;

/// The generated configuration, relative to the site root (and to the output).
pub const CONFIG_FILE: &str = "admin/config.yml";

/// Where the preview page is, relative to the site's root address.
pub const PREVIEW_PAGE: &str = "admin/preview.html";

/// The `preview_path` of a kind's collections: the preview page, with the kind's folder,
/// the record's id and the language in its fragment.
pub fn preview_path(kind: Kind) -> String {
    format!(
        "{PREVIEW_PAGE}#{}/{{{{slug}}}}/{{{{locale}}}}",
        kind.folder()
    )
}

/// Every file of `/admin/` for `site` (the CMS itself and its admin page included), or none
/// when it has no `admin/config.yml`.
pub fn published(site: &Site) -> Vec<OutputFile> {
    let Ok(config) = std::fs::read_to_string(site.root.join(CONFIG_FILE)) else {
        return Vec::new();
    };
    let mut files = vec![
        file(CONFIG_FILE, served_config(&config, &site.config.base_path)),
        file(PREVIEW_PAGE, preview_page(site)),
    ];
    files.extend(preview_maps(site));
    files.extend(super::assets::admin_files());
    files
}

/// True when the site under `root` publishes `/admin/`.
pub fn has_admin(root: &Path) -> bool {
    root.join(CONFIG_FILE).is_file()
}

/// The maps from record ids to pages, one per kind and first two letters of the id, so
/// that the preview page of a catalogue of 100,000 records loads a few kilobytes.
pub fn preview_maps(site: &Site) -> Vec<OutputFile> {
    if !has_admin(&site.root) {
        return Vec::new();
    }
    let mut shards: BTreeMap<(Kind, String), Pages<'_>> = BTreeMap::new();
    for r in &site.records {
        let id = r.record.id.as_str();
        shards
            .entry((r.record.kind, shard(id)))
            .or_default()
            .insert(id, &r.paths);
    }
    shards
        .into_iter()
        .map(|((kind, shard), ids)| {
            let json = serde_json::to_string(&ids).unwrap_or_default();
            file(
                &format!("admin/preview/{}/{shard}.json", kind.folder()),
                json,
            )
        })
        .collect()
}

/// Record ids to their pages' paths by language.
type Pages<'a> = BTreeMap<&'a str, &'a BTreeMap<String, String>>;

/// The shard of a record id: its first two characters.
fn shard(id: &str) -> String {
    id.chars().take(2).collect()
}

/// The configuration as the published site serves it: the preview links of a site served
/// under a sub-path (`https://example.org/catalogue/`) start with that path, since the CMS
/// joins them to the address's origin. The committed file does not depend on where the
/// site is built for (`--base-url`).
fn served_config(config: &str, base_path: &str) -> String {
    let base = base_path.trim_start_matches('/');
    if base.is_empty() {
        return config.to_string();
    }
    config.replace(
        &format!("preview_path: \"{PREVIEW_PAGE}"),
        &format!("preview_path: \"{base}{PREVIEW_PAGE}"),
    )
}

fn file(path: &str, text: String) -> OutputFile {
    OutputFile {
        path: path.to_string(),
        bytes: text.into_bytes(),
        template: None,
    }
}

/// The preview page: reads `#<kind folder>/<id>/<language>`, loads the id's map and goes to
/// the page in that language, else in the default language; says why when there is none.
fn preview_page(site: &Site) -> String {
    let languages: Vec<&str> = std::iter::once(site.config.default_language.as_str())
        .chain(site.config.language_codes())
        .collect();
    let languages = serde_json::to_string(&languages).unwrap_or_default();
    format!(
        r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="robots" content="noindex">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Preview</title>
</head>
<body>
<p id="message">Opening the record's page…</p>
<script>
(async () => {{
  const message = document.getElementById('message');
  const [kind, id, lang] = decodeURIComponent(location.hash.slice(1)).split('/');
  const languages = {languages};
  try {{
    if (!kind || !id) throw new Error('no record given');
    const map = await fetch(`preview/${{kind}}/${{[...id].slice(0, 2).join('')}}.json`);
    const pages = map.ok ? (await map.json())[id] : undefined;
    const path = pages && [lang, ...languages].map((l) => pages[l]).find(Boolean);
    if (path) {{
      location.replace(path);
      return;
    }}
    message.textContent = `${{kind}}/${{id}} has no page in this build: it was saved after the site was built (the preview server shows it within a second), or it is a draft, dated in the future, for the network only, or has errors (vitrine check says which).`;
  }} catch (e) {{
    message.textContent = `No preview: ${{e.message}}.`;
  }}
}})();
</script>
</body>
</html>
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preview_links_start_with_the_sub_path_the_site_is_served_under() {
        let config = format!("    preview_path: \"{}\"\n", preview_path(Kind::Film));
        assert_eq!(served_config(&config, "/"), config);
        assert_eq!(
            served_config(&config, "/catalogue/"),
            "    preview_path: \"catalogue/admin/preview.html#films/{{slug}}/{{locale}}\"\n"
        );
        assert_eq!(shard("la-haine"), "la");
        assert_eq!(shard("x"), "x");
    }
}
