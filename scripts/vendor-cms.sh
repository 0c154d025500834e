#!/usr/bin/env bash
# Refreshes src/cms/vendor/ — the Sveltia CMS files vitrine compiles into its binary and
# publishes under a site's /admin/ — from the npm package pinned in package.json.
#
# To upgrade: change the exact version of @sveltia/cms in package.json, run `npm install`,
# then this script, then the browser tests (cargo test --test browser). tests/browser.rs checks
# that the vendored files are byte-identical to the installed package's.
set -euo pipefail
cd "$(dirname "$0")/.."

pkg=node_modules/@sveltia/cms
pinned=$(node -p "require('./package.json').devDependencies['@sveltia/cms']")
installed=$(node -p "require('./$pkg/package.json').version" 2>/dev/null || echo none)
if [ "$pinned" != "$installed" ]; then
  echo "vendor-cms: package.json pins @sveltia/cms $pinned but $installed is installed: run npm ci" >&2
  exit 2
fi

vendor=src/cms/vendor
rm -rf "$vendor"
mkdir -p "$vendor/chunks" "$vendor/locales"
# The script, the chunk it imports at run time (React, for custom previews and widgets),
# every UI translation (the editor's browser language picks one), and the licence.
# Source maps are left out: they are for Sveltia's own developers.
cp "$pkg/dist/sveltia-cms.js" "$vendor/"
for chunk in "$pkg"/dist/chunks/*.js; do cp "$chunk" "$vendor/chunks/"; done
cp "$pkg"/locales/*.json "$vendor/locales/"
cp "$pkg/LICENSE.txt" "$vendor/"
echo "$pinned" > "$vendor/VERSION"
echo "vendor-cms: @sveltia/cms $pinned copied into $vendor ($(du -sh "$vendor" | cut -f1))"
