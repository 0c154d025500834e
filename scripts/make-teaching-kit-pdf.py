#!/usr/bin/env python3
"""Write the two-page teaching kit PDF of the `voyages-en-francais` production.

Standard library only: a minimal PDF 1.4 writer with the built-in Helvetica fonts
in WinAnsiEncoding (enough for French accents). Output is deterministic.

    python3 scripts/make-teaching-kit-pdf.py
"""
from pathlib import Path
import textwrap

OUT = Path(__file__).resolve().parent.parent / "content/productions/voyages-en-francais/dossier-pedagogique.pdf"

PAGES = [
    [
        ("H1", "Voyages en français"),
        ("H2", "Dossier pédagogique — niveaux A2 à B1"),
        ("P", ""),
        ("P", "Ce dossier accompagne les œuvres du catalogue numérique du réseau culturel. "
              "Il propose six escales dans le monde francophone, chacune construite autour "
              "d'un film, d'une chanson ou d'un album disponible en ligne."),
        ("P", ""),
        ("H3", "Les six escales"),
        ("P", "1. Saint-Louis du Sénégal — Le fleuve des oubliés : décrire un paysage qui change."),
        ("P", "2. La Beauce (Québec) — Le temps des sucres : le vocabulaire des traditions."),
        ("P", "3. Abidjan — Marché de nuit : les variétés du français parlé."),
        ("P", "4. Essaouira — Atlas des vents : la météo et le climat."),
        ("P", "5. Beyrouth — Jeunes scènes francophones : raconter sa ville."),
        ("P", "6. Jacmel — Les peintres de Jacmel : parler d'une œuvre d'art."),
        ("P", ""),
        ("H3", "Mode d'emploi"),
        ("P", "Chaque escale comprend une fiche enseignant (objectifs, déroulé, corrigés) et une "
              "fiche élève photocopiable. Les activités durent entre une et deux heures et peuvent "
              "être menées dans l'ordre ou séparément."),
    ],
    [
        ("H2", "Escale 1 — Saint-Louis du Sénégal"),
        ("P", "Œuvre : Le fleuve des oubliés (fiction, 98 min, wolof et français, sous-titres français)."),
        ("P", "Niveau : A2+. Durée : 1 h 30."),
        ("P", ""),
        ("H3", "Objectifs"),
        ("P", "— Décrire un paysage et ses transformations au passé et au présent."),
        ("P", "— Employer l'imparfait pour évoquer des souvenirs."),
        ("P", "— Découvrir le delta du fleuve Sénégal et la question de la montée des eaux."),
        ("P", ""),
        ("H3", "Déroulé"),
        ("P", "1. Avant le film (15 min) : observer l'affiche et formuler des hypothèses sur l'histoire."),
        ("P", "2. Extrait (20 min) : repérer les lieux dont parle le grand-père et les noter sur une carte."),
        ("P", "3. Langue (25 min) : « Avant, il y avait… ; maintenant, il y a… ». Exercices de transformation."),
        ("P", "4. Production (30 min) : par deux, décrire un lieu de son enfance qui a changé."),
        ("P", ""),
        ("H3", "Pour aller plus loin"),
        ("P", "Comparer avec l'escale 4 (Atlas des vents) pour construire une séquence sur le climat."),
        ("P", ""),
        ("S", "Dossier réalisé pour le catalogue numérique du réseau culturel. Libre de copie et d'adaptation, en citant la source."),
    ],
]

STYLE = {"H1": ("F2", 26, 34), "H2": ("F2", 15, 22), "H3": ("F2", 12, 18), "P": ("F1", 11, 15), "S": ("F1", 8, 11)}
WRAP = {"F1": 1.95, "F2": 1.75}  # rough characters per point of width, per font


def pdf_string(text: str) -> str:
    out = []
    for byte in text.encode("cp1252"):
        ch = chr(byte)
        if ch in "()\\":
            out.append("\\" + ch)
        elif 32 <= byte < 127:
            out.append(ch)
        else:
            out.append("\\%03o" % byte)
    return "(" + "".join(out) + ")"


def page_stream(blocks) -> bytes:
    ops, y, left, width = ["BT"], 780, 60, 475
    for kind, text in blocks:
        font, size, leading = STYLE[kind]
        if not text:
            y -= leading // 2
            continue
        chars = int(width * WRAP[font] / size)
        for line in textwrap.wrap(text, chars) or [""]:
            ops.append(f"/{font} {size} Tf 1 0 0 1 {left} {y} Tm {pdf_string(line)} Tj")
            y -= leading
    ops.append("ET")
    return "\n".join(ops).encode("latin-1")


def build() -> bytes:
    objects = []  # index i holds object number i + 1

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in once the page tree exists
    pages = add(b"")
    f1 = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    f2 = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
    kids = []
    for blocks in PAGES:
        stream = page_stream(blocks)
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(add(
            b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 %d 0 R /F2 %d 0 R >> >> /Contents %d 0 R >>"
            % (pages, f1, f2, content)))
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R /Lang (fr-FR) >>" % pages
    objects[pages - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    # Document information strings are UTF-16BE with a byte order mark, not WinAnsi.
    title = ("\ufeff" + "Voyages en français — Dossier pédagogique").encode("utf-16-be").hex().upper()
    info = add(b"<< /Title <%s> /Producer (scripts/make-teaching-kit-pdf.py) >>" % title.encode("ascii"))

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, catalog, info, xref)
    return bytes(out)


if __name__ == "__main__":
    OUT.write_bytes(build())
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
