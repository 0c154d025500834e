#!/usr/bin/env python3
"""Compiles the names of countries and languages that vitrine knows into src/locale/names.txt.gz.

Sources, none typed by hand:
- CLDR 48.2 (npm `cldr-localenames-full`, a devDependency: `npm ci`): the name of every
  territory and language in every language CLDR covers;
- ISO 3166-1, ISO 3166-3 and ISO 639 from Debian's `iso-codes` package (`apt-get install
  iso-codes`, version 4.15): which codes exist, and the names of the former countries (SU,
  CS, YU, DD…), which CLDR does not name, with their translations (gettext catalogues).

Usage: python3 scripts/cldr-names.py [--check]   (from the repository root)
With --check, writes nothing and exits 1 if the committed file differs from what it would
write. The output is deterministic: sorted, and gzip without a time stamp."""

import gettext
import gzip
import io
import json
import os
import re
import sys

CLDR = "node_modules/cldr-localenames-full/main"
ISO = "/usr/share/iso-codes/json"
LOCALES_DIR = "/usr/share/locale"
OUT = "src/locale/names.txt.gz"

# CLDR's two-letter territory codes that are not countries: groupings and "unknown".
NOT_COUNTRIES = {"EU", "EZ", "UN", "ZZ", "QO"}
# Kosovo: no ISO 3166-1 code yet, but the code the EU, CLDR and film databases use.
USER_ASSIGNED = {"XK"}


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def iso_codes():
    """Current countries, former countries (code -> English name), languages (code -> name)."""
    current = {e["alpha_2"] for e in load(f"{ISO}/iso_3166-1.json")["3166-1"]} | USER_ASSIGNED
    former = {}
    # The first state a withdrawn code stood for (CS: Czechoslovakia before Serbia and
    # Montenegro), as film and book catalogues use it; codes reassigned since stay current.
    entries = sorted(load(f"{ISO}/iso_3166-3.json")["3166-3"], key=lambda e: e["withdrawal_date"])
    for e in entries:
        code = e["alpha_2"]
        if code not in current and code not in former:
            former[code] = e["name"]
    languages = {}
    for e in load(f"{ISO}/iso_639-3.json")["639-3"]:
        languages.setdefault(e["alpha_3"], e["name"])
        if "alpha_2" in e:
            languages.setdefault(e["alpha_2"], e["name"])
    for e in load(f"{ISO}/iso_639-2.json")["639-2"]:
        for key in ("alpha_3", "alpha_2", "bibliographic"):
            if key in e:
                languages.setdefault(e[key], e["name"])
    for e in load(f"{ISO}/iso_639-5.json")["639-5"]:
        languages.setdefault(e["alpha_3"], e["name"])
    # Reserved ranges (qaa–qtz) are for local use, not languages.
    return current, former, languages


def short(name):
    """`URSS, Union des républiques…` -> `URSS`: the name a page shows."""
    return re.split(r"[,،] ", name)[0].strip()


def former_names(former, locale):
    try:
        catalogue = gettext.translation("iso_3166-3", localedir=LOCALES_DIR, languages=[locale])
    except OSError:
        return {}
    out = {}
    for code, english in former.items():
        translated = catalogue.gettext(english)
        if translated != english:
            out[code] = short(translated)
    return out


def main():
    check = "--check" in sys.argv[1:]
    current, former, iso_languages = iso_codes()
    countries = current | set(former)
    locales = sorted(
        l
        for l in os.listdir(CLDR)
        if re.fullmatch(r"[a-z]{2,3}", l) and os.path.exists(f"{CLDR}/{l}/territories.json")
    )
    lines = [
        "# Names of countries and languages, by scripts/cldr-names.py from CLDR 48.2 and iso-codes 4.15.",
        "countries " + " ".join(sorted(countries)),
        "former " + " ".join(sorted(former)),
        "languages " + " ".join(sorted(iso_languages)),
        "iso " + "|".join(f"{c}={n}" for c, n in sorted(iso_languages.items())),
        "iso-former " + "|".join(f"{c}={short(n)}" for c, n in sorted(former.items())),
    ]
    english = {}
    for locale in ["en"] + [l for l in locales if l != "en"]:
        names = load(f"{CLDR}/{locale}/territories.json")["main"][locale]["localeDisplayNames"]
        territories = names["territories"]
        langs = load(f"{CLDR}/{locale}/languages.json")["main"][locale]["localeDisplayNames"][
            "languages"
        ]
        c = {k: v for k, v in territories.items() if k in countries and k not in NOT_COUNTRIES}
        c.update({k: v for k, v in former_names(former, locale).items() if k not in c})
        l = {k: v for k, v in langs.items() if re.fullmatch(r"[a-z]{2,3}", k)}
        if locale == "en":
            english = {"c": c, "l": l}
        else:
            # What a language names as English does is looked up in English.
            c = {k: v for k, v in c.items() if english["c"].get(k) != v}
            l = {k: v for k, v in l.items() if english["l"].get(k) != v}
        lines.append(f"@{locale}")
        lines.append("c " + "|".join(f"{k}={v}" for k, v in sorted(c.items())))
        lines.append("l " + "|".join(f"{k}={v}" for k, v in sorted(l.items())))
    text = ("\n".join(lines) + "\n").encode("utf-8")
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as f:
        f.write(text)
    data = buffer.getvalue()
    if check:
        with open(OUT, "rb") as f:
            same = f.read() == data
        print(f"{OUT} is {'up to date' if same else 'out of date: run scripts/cldr-names.py'}")
        sys.exit(0 if same else 1)
    with open(OUT, "wb") as f:
        f.write(data)
    print(f"wrote {OUT}: {len(locales)} languages, {len(countries)} countries, "
          f"{len(iso_languages)} language codes; {len(text)} bytes, {len(data)} gzipped")


if __name__ == "__main__":
    main()
