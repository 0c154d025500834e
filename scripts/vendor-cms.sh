#!/usr/bin/env bash
# Refreshes src/cms/vendor/ — the Sveltia CMS files vitrine compiles into its binary and
# publishes under a site's /admin/ — from the npm packages pinned in package.json: Sveltia
# CMS, the icon font its buttons need (Sveltia asks a CDN for it; vitrine serves it), and the
# YAML library (`yaml`, its browser build) with which the admin page's own format keeps a
# record's comments, lists and untouched values on save (src/cms/record-format.js).
#
# To upgrade: change the exact version of @sveltia/cms in package.json, run `npm install`,
# then this script, then the browser tests (cargo test --test browser). tests/browser.rs checks
# that the vendored files are byte-identical to the installed package's.
set -euo pipefail
cd "$(dirname "$0")/.."

pkg=node_modules/@sveltia/cms
icons=node_modules/@fontsource-variable/material-symbols-outlined
yaml=node_modules/yaml
for name in @sveltia/cms @fontsource-variable/material-symbols-outlined yaml; do
  pinned=$(node -p "require('./package.json').devDependencies['$name']")
  installed=$(node -p "require('./node_modules/$name/package.json').version" 2>/dev/null || echo none)
  if [ "$pinned" != "$installed" ]; then
    echo "vendor-cms: package.json pins $name $pinned but $installed is installed: run npm ci" >&2
    exit 2
  fi
done
pinned=$(node -p "require('./package.json').devDependencies['@sveltia/cms']")

vendor=src/cms/vendor
rm -rf "$vendor"
mkdir -p "$vendor/chunks" "$vendor/locales" "$vendor/fonts"
# The script, the chunk it imports at run time (React, for custom previews and widgets),
# every UI translation (the editor's browser language picks one), and the licence.
# Source maps are left out: they are for Sveltia's own developers.
cp "$pkg/dist/sveltia-cms.js" "$vendor/"
for chunk in "$pkg"/dist/chunks/*.js; do cp "$chunk" "$vendor/chunks/"; done
cp "$pkg"/locales/*.json "$vendor/locales/"
cp "$pkg/LICENSE.txt" "$vendor/"
# The icons (Material Symbols, OFL-1.1), with their weight axis: fontsource's package has
# no file of that axis alone, which the CDN serves. Sveltia's text fonts are left to the
# system.
cp "$icons/files/material-symbols-outlined-latin-standard-normal.woff2" "$vendor/fonts/"
cp "$icons/LICENSE" "$vendor/fonts/material-symbols-outlined.LICENSE"
# The YAML library's browser build: ES modules, no dependency, loaded by the admin page.
cp -r "$yaml/browser/dist" "$vendor/yaml"
cp "$yaml/LICENSE" "$vendor/yaml/LICENSE"
echo "$pinned" > "$vendor/VERSION"
echo "vendor-cms: @sveltia/cms $pinned copied into $vendor ($(du -sh "$vendor" | cut -f1))"
