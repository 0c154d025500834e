#!/usr/bin/env bash
# Build benchmark: times `vitrine build` on generated catalogues and checks the targets.
#
#   scripts/bench.sh [--sizes 1000,10000] [--runs 5] [--languages fr,en] [--seed 1] [--strict]
#   VITRINE=path/to/vitrine scripts/bench.sh      # time this binary, skip `cargo build`
#
# Builds `cargo build --release` once (unless VITRINE is set), generates each catalogue
# with scripts/gen-catalogue.py into ${TMPDIR:-/tmp}/vitrine-bench/ (only when missing:
# the cache key holds the size, languages, seed and a hash of the generator), then for
# each size runs `vitrine build --root DIR --output DIR/public` once as a warm-up and
# --runs times measured under /usr/bin/time. DIR/public is removed before every run, so
# each run is a build from scratch (removal is not timed). Prints a table of median,
# min and max elapsed seconds and median peak RSS, against the targets:
#   1,000 records: <= 0.5 s       10,000 records: <= 4 s and <= 600 MiB
# File creation dominates on a slow disk: TMPDIR=/dev/shm keeps catalogues and output in RAM.
# Exit status: 0 when every build succeeded (with --strict: and no target was missed),
# 1 on a failed build or (--strict) a missed target, 2 on a usage or setup problem.
set -euo pipefail
export LC_ALL=C

usage() { sed -n '2,/^set -euo/{/^#/s/^# \{0,1\}//p}' "${BASH_SOURCE[0]}"; }
die() { echo "bench: $*" >&2; exit 2; }

sizes=1000,10000
runs=5
languages=fr,en
seed=1
strict=0
while (($#)); do
  case $1 in
    --sizes) (($# >= 2)) || die "--sizes needs a value"; sizes=$2; shift 2 ;;
    --sizes=*) sizes=${1#*=}; shift ;;
    --runs) (($# >= 2)) || die "--runs needs a value"; runs=$2; shift 2 ;;
    --runs=*) runs=${1#*=}; shift ;;
    --languages) (($# >= 2)) || die "--languages needs a value"; languages=$2; shift 2 ;;
    --languages=*) languages=${1#*=}; shift ;;
    --seed) (($# >= 2)) || die "--seed needs a value"; seed=$2; shift 2 ;;
    --seed=*) seed=${1#*=}; shift ;;
    --strict) strict=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
done
[[ $sizes =~ ^[1-9][0-9]*(,[1-9][0-9]*)*$ ]] || die "--sizes: expected numbers separated by commas, e.g. 1000,10000"
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "--runs: expected a positive number"
[[ $seed =~ ^[0-9]+$ ]] || die "--seed: expected a number"
[[ $languages =~ ^[a-zA-Z0-9-]+(,[a-zA-Z0-9-]+)*$ ]] || die "--languages: expected codes separated by commas, e.g. fr,en"

if [[ ! -x /usr/bin/time ]]; then
  echo "bench: /usr/bin/time is missing; install it with: apt-get install -y time" >&2
  exit 2
fi
command -v python3 >/dev/null || die "python3 is needed to generate the catalogues"

# A relative VITRINE is relative to where the script was started, so resolve it first.
bin=
if [[ -n ${VITRINE:-} ]]; then
  if [[ $VITRINE == */* ]]; then
    bin=$(cd -- "$(dirname -- "$VITRINE")" 2>/dev/null && pwd)/$(basename -- "$VITRINE") \
      || die "VITRINE=$VITRINE: no such folder"
  else
    bin=$(command -v -- "$VITRINE") || die "VITRINE=$VITRINE: not found in PATH"
  fi
fi

repo=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
cd -- "$repo"

if [[ -z $bin ]]; then
  echo "bench: cargo build --release" >&2
  cargo build --release >&2
  bin=$repo/target/release/vitrine
fi
[[ -x $bin ]] || die "$bin is not an executable"

generator=$repo/scripts/gen-catalogue.py
gen_hash=$(sha256sum -- "$generator" | cut -c1-12)
cache=${TMPDIR:-/tmp}/vitrine-bench
mkdir -p -- "$cache"
scratch=$(mktemp -d "$cache/run.XXXXXX")
trap 'rm -rf -- "$scratch"' EXIT

# catalogue SIZE -> prints the folder of the catalogue, generating it if missing.
catalogue() {
  local n=$1 dir
  dir=$cache/n$n-${languages//,/-}-seed$seed-$gen_hash
  if [[ ! -d $dir ]]; then
    echo "bench: generating $n records × $languages into $dir" >&2
    rm -rf -- "$dir.partial"
    python3 "$generator" --records "$n" --languages "$languages" --seed "$seed" \
      --out "$dir.partial" --theme-dir "$repo/themes" >&2
    mv -- "$dir.partial" "$dir"
  fi
  # The cache may have been made from another checkout: point at this one's themes.
  ln -sfn -- "$repo/themes" "$dir/themes"
  printf '%s\n' "$dir"
}

# build_once DIR -> prints "SECONDS KIB"; exits 1 with the build's output if it fails.
build_once() {
  local dir=$1 out=$1/public
  rm -rf -- "$out"
  if ! /usr/bin/time -f '%e %M' -o "$scratch/time" \
      "$bin" build --root "$dir" --output "$out" >"$scratch/log" 2>&1; then
    echo "bench: build failed: $bin build --root $dir --output $out" >&2
    tail -n 40 -- "$scratch/log" >&2
    exit 1
  fi
  tail -n 1 -- "$scratch/time"
}

# median of the numbers on stdin
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

nlang=$(awk -F, '{ print NF }' <<<"$languages")
rows=()
missed=0
IFS=, read -r -a size_list <<<"$sizes"
for n in "${size_list[@]}"; do
  dir=$(catalogue "$n")
  echo "bench: $n records: warm-up" >&2
  build_once "$dir" >/dev/null
  : >"$scratch/results"
  for ((i = 1; i <= runs; i++)); do
    result=$(build_once "$dir")
    read -r secs kib <<<"$result"
    echo "bench: $n records: run $i/$runs: ${secs} s, $((kib / 1024)) MiB" >&2
    echo "$secs $kib" >>"$scratch/results"
  done
  med=$(cut -d' ' -f1 "$scratch/results" | median)
  min=$(cut -d' ' -f1 "$scratch/results" | sort -g | head -n 1)
  max=$(cut -d' ' -f1 "$scratch/results" | sort -g | tail -n 1)
  mib=$(cut -d' ' -f2 "$scratch/results" | median | awk '{ printf "%.1f", $1 / 1024 }')
  case $n in
    1000) target="<= 0.5 s"; ok=$(awk -v t="$med" 'BEGIN { print (t <= 0.5) ? "PASS" : "MISS" }') ;;
    10000) target="<= 4 s, <= 600 MiB"; ok=$(awk -v t="$med" -v m="$mib" 'BEGIN { print (t <= 4 && m <= 600) ? "PASS" : "MISS" }') ;;
    *) target="-"; ok="-" ;;
  esac
  [[ $ok == MISS ]] && missed=1
  rows+=("$(printf '%8s  %9s  %8.2f  %6.2f  %6.2f  %9s  %-20s  %s' "$n" "$nlang" "$med" "$min" "$max" "$mib" "$target" "$ok")")
done

echo
echo "vitrine build: $bin"
echo "$(nproc) cores, $runs measured runs per size after one warm-up, output removed before each run"
echo "catalogues and output in $cache ($(stat -f -c %T -- "$cache") file system; TMPDIR=/dev/shm puts them in memory)"
printf '%8s  %9s  %8s  %6s  %6s  %9s  %-20s  %s\n' records languages "median s" "min s" "max s" "peak MiB" target result
printf '%s\n' "${rows[@]}"
if ((strict && missed)); then
  exit 1
fi
