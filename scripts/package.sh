#!/usr/bin/env bash
# Packs a built vitrine binary into a release archive beside its SHA-256 checksum, as the
# release workflow publishes them and as the pipelines of docs/publishing.md download them:
#
#   scripts/package.sh TARGET BINARY OUTDIR
#
# writes OUTDIR/vitrine-TARGET.tar.gz (a .zip for Windows targets), holding the binary
# alone, and OUTDIR/vitrine-TARGET.tar.gz.sha256 (`<hash>  <archive name>`, the format
# `sha256sum --check` reads).
set -euo pipefail
if [ $# -ne 3 ]; then
  echo "usage: $0 TARGET BINARY OUTDIR" >&2
  exit 2
fi
target=$1
binary=$2
out=$3
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
case "$target" in
  *windows*)
    name="vitrine-$target.zip"
    cp "$binary" "$work/vitrine.exe"
    (cd "$work" && 7z a -tzip "$name" vitrine.exe >/dev/null)
    ;;
  *)
    name="vitrine-$target.tar.gz"
    cp "$binary" "$work/vitrine"
    chmod 755 "$work/vitrine"
    tar -czf "$work/$name" -C "$work" vitrine
    ;;
esac
mv "$work/$name" "$out/$name"
cd "$out"
if command -v sha256sum >/dev/null 2>&1; then
  sha256sum "$name" >"$name.sha256"
else
  shasum -a 256 "$name" >"$name.sha256"
fi
echo "$out/$name"
