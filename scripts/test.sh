#!/usr/bin/env bash
# Runs every test of vitrine: Rust unit and integration tests, and the browser tests they
# start (headless Chromium driven by playwright-core through node --test).
# Installs what is missing first: the npm packages (npm ci), and Chromium when run as root
# on Debian or Ubuntu. Extra arguments go to cargo test.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/yaml-language-server ]; then
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
exec cargo test "$@"
