#!/usr/bin/env python3
"""Draw the abstract posters and covers of the example catalogue.

Every `*.jpg` named in a record's `images:` list is drawn here, from scratch: geometric
shapes, gradients and the record's French title in large type. Nothing is copied from
any existing work; the images are released under CC0 (see content/IMAGES.md).

    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install pillow
    /tmp/venv/bin/python scripts/draw-posters.py            # every record
    /tmp/venv/bin/python scripts/draw-posters.py atlas-des-vents

Layout depends on the kind (film and production posters and book covers are 600×900,
album covers 800×800). Each record we ship has a motif and base hues in MOTIFS, chosen
so that the `alt` text written in its record.yaml stays true; the exact shades, positions
and jitter come from a hash of the record id, so the same id always gives the same image.
A record missing from MOTIFS gets a motif for its kind and hues derived from its id.
"""
from __future__ import annotations

import colorsys
import hashlib
import math
import random
import re
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
SIZES = {"films": (600, 900), "books": (600, 900), "productions": (600, 900), "music": (800, 800)}
KIND_LABEL = {"films": "FILM", "books": "LIVRE", "music": "MUSIQUE", "productions": "EXPOSITION"}
MAX_BYTES = 80_000
FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu")]

# id -> (motif, base colours as hex). The alt texts in record.yaml describe these.
MOTIFS = {
    "le-fleuve-des-oublies": ("river", ["#1d4e89", "#c8893a", "#f2e3c6"]),
    "les-toits-de-beyrouth": ("roofs", ["#f08a3c", "#a63d2a", "#c96a46"]),
    "atlas-des-vents": ("swirls", ["#1aa6a0", "#e3c48f", "#0f3d4c"]),
    "le-temps-des-sucres": ("trunks", ["#eef1f4", "#6f737a", "#d98e1f"]),
    "les-peintres-de-jacmel": ("circles", ["#f5c518", "#2e9e4f", "#d0217c"]),
    "la-riviere-de-hue": ("horizon", ["#5b3a8c", "#2f8f72", "#e6b440"]),
    "le-baobab-qui-parlait": ("tree", ["#f6c938", "#3f8f3a", "#7a4a26"]),
    "les-heures-de-tanger": ("strait", ["#0e1f45", "#fdfaf0", "#c9a66b"]),
    "bulles-d-abidjan": ("bubbles", ["#4b2a7b", "#f28a1e", "#21b6b0"]),
    "cahiers-de-lima": ("mist", ["#9aa0a6", "#f3cfd4", "#5e6469"]),
    "petite-histoire-des-etoiles": ("stars", ["#0b1638", "#ffffff", "#e8c15a"]),
    "sabar-electrique": ("drum", ["#c8242b", "#f4c21f", "#2b7de9"]),
    "nuits-de-gnaoua": ("diamonds", ["#0d0d10", "#2f3a9e", "#b3202a"]),
    "cumbia-del-rimac": ("neon", ["#0b0b0b", "#ff3ea5", "#39e75f", "#ff8c1a"]),
    "jeunes-scenes-francophones-2025": ("fan", ["#f6efe0"]),
    "regards-de-femmes-du-sahel": ("arches", ["#f1e6d2", "#d19a2a", "#2d3a7a", "#a0522d"]),
}
DEFAULT_MOTIF = {"films": "horizon", "books": "mist", "music": "drum", "productions": "arches"}


# ---------------------------------------------------------------- helpers

def rng_for(record_id: str, salt: str = "") -> random.Random:
    digest = hashlib.sha256((record_id + salt).encode("utf-8")).hexdigest()
    return random.Random(int(digest[:16], 16))


def hex_rgb(value: str) -> tuple[int, int, int]:
    value = value.lstrip("#")
    return tuple(int(value[i:i + 2], 16) for i in (0, 2, 4))


def jitter(colour: tuple[int, int, int], rng: random.Random, amount: float = 0.06):
    """Nudge a colour's lightness and saturation a little, deterministically."""
    h, l, s = colorsys.rgb_to_hls(*(c / 255 for c in colour))
    l = min(1, max(0, l + rng.uniform(-amount, amount)))
    s = min(1, max(0, s + rng.uniform(-amount, amount)))
    return tuple(round(c * 255) for c in colorsys.hls_to_rgb(h, l, s))


def mix(a, b, t: float):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))


def palette(record_id: str, base: list[str] | None) -> list[tuple[int, int, int]]:
    rng = rng_for(record_id, "palette")
    if base:
        return [jitter(hex_rgb(c), rng) for c in base]
    hue = rng.random()
    return [tuple(round(c * 255) for c in colorsys.hls_to_rgb((hue + k * 0.33) % 1, 0.45 + 0.1 * k, 0.6))
            for k in range(3)]


def vertical_gradient(size, top, bottom) -> Image.Image:
    w, h = size
    column = Image.new("RGB", (1, h))
    for y in range(h):
        column.putpixel((0, y), mix(top, bottom, y / max(1, h - 1)))
    return column.resize((w, h))


def font(size: int, serif: bool = False, bold: bool = True):
    name = ("DejaVuSerif" if serif else "DejaVuSans") + ("-Bold" if bold else "") + ".ttf"
    for folder in FONT_DIRS:
        if (folder / name).exists():
            return ImageFont.truetype(str(folder / name), size)
    return ImageFont.load_default(size)


def wrap(draw: ImageDraw.ImageDraw, text: str, fnt, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=fnt) <= width or not line:
            line = candidate
        else:
            lines.append(line)
            line = word
    return lines + ([line] if line else [])


def fit_title(draw, text: str, width: int, max_lines: int, start: int, serif: bool):
    """Largest font size (down from `start`) that fits the title in `max_lines` lines."""
    size = start
    while size > 18:
        fnt = font(size, serif)
        lines = wrap(draw, text, fnt, width)
        if len(lines) <= max_lines and all(draw.textlength(l, font=fnt) <= width for l in lines):
            return fnt, lines
        size -= 2
    fnt = font(size, serif)
    return fnt, wrap(draw, text, fnt, width)


def draw_title(img, text, box, colour, *, serif=False, start=76, max_lines=3, shadow=None):
    """Set the title flush left at the bottom of `box`, on a band dark enough to read it.

    Motifs paint a solid band at the bottom; when the title needs more lines than that
    band holds, the band is extended upwards in the colour of its lowest pixel row.
    """
    draw = ImageDraw.Draw(img)
    x0, y0, x1, y1 = box
    fnt, lines = fit_title(draw, text, x1 - x0, max_lines, start, serif)
    ascent, descent = fnt.getmetrics()
    leading = int((ascent + descent) * 1.05)
    y = y1 - leading * len(lines)
    band_colour = img.getpixel((2, img.height - 2))
    band_top = y - 26
    if img.getpixel((2, band_top)) != band_colour:
        draw.rectangle([0, band_top, img.width, img.height], fill=band_colour)
    for line in lines:
        if shadow:
            draw.text((x0 + 3, y + 3), line, font=fnt, fill=shadow)
        draw.text((x0, y), line, font=fnt, fill=colour)
        y += leading


def label(img, text, xy, colour, size=20):
    ImageDraw.Draw(img).text(xy, text, font=font(size, bold=False), fill=colour)


# ---------------------------------------------------------------- motifs
# Each motif takes (image size, palette, rng) and returns (background image, text colour).

def m_river(size, pal, rng):
    w, h = size
    blue, ochre, cream = pal
    img = vertical_gradient(size, cream, mix(ochre, cream, 0.4))
    d = ImageDraw.Draw(img)
    for i in range(9):
        base = 120 + i * 70 + rng.randint(-10, 10)
        amp, phase = rng.uniform(12, 30), rng.uniform(0, math.tau)
        pts = [(x, base + amp * math.sin(x / 90 + phase)) for x in range(0, w + 10, 10)]
        colour = blue if i % 2 else ochre
        d.polygon(pts + [(w, base + 48), (0, base + 48)], fill=mix(colour, cream, rng.uniform(0, 0.35)))
    d.rectangle([0, h - 250, w, h], fill=mix(blue, (0, 0, 0), 0.45))
    return img, cream


def m_roofs(size, pal, rng):
    w, h = size
    sky, brick, terracotta = pal
    img = vertical_gradient(size, sky, mix(sky, (255, 230, 200), 0.5))
    d = ImageDraw.Draw(img)
    for row in range(6):
        y = 330 + row * 70
        x = -rng.randint(0, 60)
        while x < w:
            bw = rng.randint(60, 150)
            colour = mix(brick if rng.random() < 0.5 else terracotta, (40, 20, 15), row * 0.06)
            top = y - rng.randint(0, 40)
            d.rectangle([x, top, x + bw, h], fill=colour)
            d.polygon([(x, top), (x + bw / 2, top - rng.randint(15, 35)), (x + bw, top)], fill=mix(colour, brick, 0.5))
            x += bw + rng.randint(4, 12)
    d.rectangle([0, h - 240, w, h], fill=mix(brick, (0, 0, 0), 0.55))
    return img, (255, 240, 225)


def m_swirls(size, pal, rng):
    w, h = size
    teal, sand, deep = pal
    img = vertical_gradient(size, mix(sand, (255, 255, 255), 0.3), sand)
    d = ImageDraw.Draw(img)
    for _ in range(16):
        cx, cy = rng.randint(-100, w + 100), rng.randint(0, h - 200)
        r = rng.randint(60, 260)
        start = rng.randint(0, 360)
        d.arc([cx - r, cy - r, cx + r, cy + r], start, start + rng.randint(120, 300),
              fill=teal if rng.random() < 0.6 else deep, width=rng.randint(6, 22))
    d.rectangle([0, h - 240, w, h], fill=deep)
    return img, mix(sand, (255, 255, 255), 0.5)


def m_trunks(size, pal, rng):
    w, h = size
    snow, grey, amber = pal
    img = vertical_gradient(size, snow, mix(snow, (200, 210, 225), 0.6))
    d = ImageDraw.Draw(img)
    x = rng.randint(10, 40)
    while x < w:
        tw = rng.randint(18, 46)
        d.rectangle([x, 0, x + tw, h], fill=mix(grey, snow, rng.uniform(0, 0.4)))
        x += tw + rng.randint(40, 90)
    pts = [(w * 0.5 + 120 * math.sin(y / 110 + rng.random()), y) for y in range(0, h, 12)]
    d.line(pts, fill=amber, width=26, joint="curve")
    d.rectangle([0, h - 230, w, h], fill=mix(grey, (0, 0, 0), 0.5))
    return img, snow


def m_circles(size, pal, rng):
    w, h = size
    yellow, green, magenta = pal
    img = Image.new("RGB", size, mix(yellow, (255, 255, 255), 0.75))
    d = ImageDraw.Draw(img)
    for _ in range(14):
        r = rng.randint(40, 150)
        cx, cy = rng.randint(0, w), rng.randint(0, h - 260)
        colour = rng.choice([yellow, green, magenta])
        d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=colour)
        d.ellipse([cx - r * 0.35 - r * 0.3, cy - r * 0.2, cx - r * 0.3 + r * 0.05, cy + r * 0.15], fill=(255, 255, 255))
        d.ellipse([cx + r * 0.25, cy - r * 0.2, cx + r * 0.6, cy + r * 0.15], fill=(255, 255, 255))
    d.rectangle([0, h - 250, w, h], fill=mix(magenta, (0, 0, 0), 0.55))
    return img, (255, 245, 220)


def m_horizon(size, pal, rng):
    w, h = size
    violet, jade, gold = pal
    line_y = int(h * rng.uniform(0.42, 0.5))
    img = vertical_gradient(size, violet, mix(violet, gold, 0.35))
    lower = vertical_gradient((w, h - line_y), jade, mix(jade, (0, 0, 0), 0.6))
    img.paste(lower, (0, line_y))
    d = ImageDraw.Draw(img)
    d.rectangle([0, line_y - 5, w, line_y + 5], fill=gold)
    for i in range(12):
        y = line_y + 30 + i * 28
        x = rng.randint(0, w // 2)
        d.line([(x, y), (x + rng.randint(60, 260), y)], fill=mix(gold, jade, 0.4 + i * 0.04), width=3)
    return img, (255, 244, 214)


def m_tree(size, pal, rng):
    w, h = size
    sun, green, brown = pal
    img = vertical_gradient(size, sun, mix(sun, (255, 140, 40), 0.35))
    d = ImageDraw.Draw(img)
    cx = w // 2 + rng.randint(-30, 30)
    d.polygon([(cx - 70, h - 200), (cx - 45, 420), (cx + 45, 420), (cx + 70, h - 200)], fill=brown)
    for k in range(5):
        a = -math.pi / 2 + (k - 2) * 0.45
        d.line([(cx, 430), (cx + 150 * math.cos(a), 430 + 150 * math.sin(a))], fill=brown, width=18)
    d.ellipse([cx - 230, 90, cx + 230, 420], fill=green)
    d.rectangle([0, h - 200, w, h], fill=mix(brown, (0, 0, 0), 0.3))
    return img, (255, 248, 220)


def m_strait(size, pal, rng):
    w, h = size
    night, white, sand = pal
    img = vertical_gradient(size, night, mix(night, (60, 90, 150), 0.5))
    d = ImageDraw.Draw(img)
    r = rng.randint(70, 95)
    cx, cy = rng.randint(180, 420), rng.randint(120, 170)
    d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=white)
    d.polygon([(0, 300), (w * 0.42, 350), (w * 0.3, 470), (0, 490)], fill=sand)
    d.polygon([(w, 270), (w * 0.62, 330), (w * 0.72, 430), (w, 470)], fill=mix(sand, night, 0.35))
    for i in range(6):
        y = 370 + i * 22
        d.line([(w * 0.35, y), (w * 0.65, y)], fill=mix(white, night, 0.6), width=2)
    return img, white


def m_bubbles(size, pal, rng):
    w, h = size
    purple, orange, turquoise = pal
    img = Image.new("RGB", size, purple)
    d = ImageDraw.Draw(img)
    for _ in range(9):
        bw, bh = rng.randint(140, 280), rng.randint(90, 170)
        x, y = rng.randint(-40, w - 100), rng.randint(20, h - 380)
        colour = orange if rng.random() < 0.5 else turquoise
        d.rounded_rectangle([x, y, x + bw, y + bh], radius=40, fill=colour)
        tx = x + bw * rng.uniform(0.2, 0.7)
        d.polygon([(tx, y + bh - 2), (tx + 36, y + bh - 2), (tx + rng.choice([-30, 60]), y + bh + 50)], fill=colour)
    return img, (255, 255, 255)


def m_mist(size, pal, rng):
    w, h = size
    grey, pink, dark = pal
    img = Image.new("RGB", size, mix(grey, (255, 255, 255), 0.55))
    d = ImageDraw.Draw(img)
    y = 0
    while y < h - 250:
        bh = rng.randint(24, 70)
        d.rectangle([0, y, w, y + bh], fill=mix(grey, pink, rng.random()))
        y += bh
    img = img.filter(ImageFilter.GaussianBlur(10))
    ImageDraw.Draw(img).rectangle([0, h - 250, w, h], fill=dark)
    return img, mix(pink, (255, 255, 255), 0.4)


def m_stars(size, pal, rng):
    w, h = size
    night, white, gold = pal
    img = vertical_gradient(size, night, mix(night, (40, 70, 140), 0.6))
    d = ImageDraw.Draw(img)
    for _ in range(140):
        x, y, r = rng.randint(0, w), rng.randint(0, h - 260), rng.choice([1, 1, 1, 2])
        d.ellipse([x - r, y - r, x + r, y + r], fill=mix(white, night, 0.3))
    pts = [(rng.randint(60, w - 60), rng.randint(70, h - 460)) for _ in range(7)]
    pts.sort()
    d.line(pts, fill=gold, width=2)
    for x, y in pts:
        d.ellipse([x - 7, y - 7, x + 7, y + 7], fill=rng.choice([white, gold]))
    return img, white


def m_drum(size, pal, rng):
    w, h = size
    red, yellow, blue = pal
    img = Image.new("RGB", size, mix(red, (0, 0, 0), 0.5))
    d = ImageDraw.Draw(img)
    cx, cy = w // 2 + rng.randint(-40, 40), h // 2 - 80
    for k, r in enumerate(range(380, 20, -38)):
        d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=red if k % 2 else yellow)
    for _ in range(3):
        x, y = rng.randint(0, w // 3), rng.randint(0, h // 3)
        pts = [(x, y)]
        for _ in range(6):
            x += rng.randint(60, 110)
            y += rng.randint(-20, 80)
            pts.append((x, y))
        d.line(pts, fill=blue, width=9)
    d.rectangle([0, h - 190, w, h], fill=(20, 20, 24))
    return img, yellow


def m_diamonds(size, pal, rng):
    w, h = size
    black, indigo, red = pal
    img = Image.new("RGB", size, black)
    d = ImageDraw.Draw(img)
    step = 80
    for row in range(-1, (h - 190) // step + 1):
        for col in range(-1, w // step + 2):
            cx = col * step + (step // 2 if row % 2 else 0)
            cy = row * step + step // 2
            colour = indigo if (row + col) % 2 else red
            s = step * rng.uniform(0.32, 0.44)
            d.polygon([(cx, cy - s), (cx + s, cy), (cx, cy + s), (cx - s, cy)], fill=colour)
    d.rectangle([0, h - 190, w, h], fill=black)
    return img, (240, 232, 220)


def m_neon(size, pal, rng):
    w, h = size
    black, pink, green, orange = pal
    img = Image.new("RGB", size, black)
    d = ImageDraw.Draw(img)
    colours = [pink, green, orange]
    for i in range(7):
        y = 40 + i * 74
        d.rectangle([0, y, w, y + 46], fill=colours[i % 3])
        d.polygon([(w * rng.uniform(0.1, 0.8), y), (w, y), (w, y + 46)], fill=colours[(i + 1) % 3])
    return img, (255, 255, 255)


def m_fan(size, pal, rng):
    w, h = size
    (cream,) = pal
    img = Image.new("RGB", size, cream)
    d = ImageDraw.Draw(img)
    cx, cy = w // 2, h - 170
    start = 180
    for k in range(10):
        hue = (rng.random() * 0.05 + k / 10) % 1
        colour = tuple(round(c * 255) for c in colorsys.hls_to_rgb(hue, 0.55, 0.75))
        d.pieslice([cx - 380, cy - 380, cx + 380, cy + 380], start + k * 18, start + (k + 1) * 18, fill=colour)
    d.ellipse([cx - 90, cy - 90, cx + 90, cy + 90], fill=cream)
    d.rectangle([0, cy, w, h], fill=(34, 30, 28))
    return img, cream


def m_arches(size, pal, rng):
    w, h = size
    paper, ochre, indigo, sienna = pal
    img = Image.new("RGB", size, paper)
    d = ImageDraw.Draw(img)
    aw, gap = 150, (w - 3 * 150) // 4
    for k, colour in enumerate([ochre, indigo, sienna]):
        x = gap + k * (aw + gap)
        top = 140 + rng.randint(-20, 40)
        d.rectangle([x, top + aw // 2, x + aw, 560], fill=colour)
        d.pieslice([x, top, x + aw, top + aw], 180, 360, fill=colour)
    d.rectangle([0, h - 260, w, h], fill=mix(indigo, (0, 0, 0), 0.45))
    return img, paper


def m_pattern(size, pal, rng):
    """Decorative band: rows of triangles, no text."""
    w, h = size
    img = Image.new("RGB", size, pal[0])
    d = ImageDraw.Draw(img)
    step = 50
    for row in range(h // step + 1):
        for col in range(w // step + 1):
            colour = pal[1 + (row + col + rng.randint(0, 1)) % (len(pal) - 1)]
            x, y = col * step, row * step
            if (row + col) % 2:
                d.polygon([(x, y), (x + step, y), (x + step / 2, y + step)], fill=colour)
            else:
                d.polygon([(x, y + step), (x + step, y + step), (x + step / 2, y)], fill=colour)
    return img, None


MOTIF_FUNCS = {name[2:]: func for name, func in globals().items() if name.startswith("m_")}


# ---------------------------------------------------------------- records

def front_matter_title(path: Path) -> str | None:
    if not path.exists():
        return None
    match = re.search(r"^title:\s*(.+)$", path.read_text(encoding="utf-8").split("---")[1], re.M)
    return match.group(1).strip().strip('"') if match else None


def image_files(record_yaml: Path) -> list[str]:
    return re.findall(r"^\s*-?\s*file:\s*([\w.-]+\.jpe?g)\s*$", record_yaml.read_text(encoding="utf-8"), re.M)


def save(img: Image.Image, path: Path) -> int:
    for quality in (82, 78, 74, 70):
        img.save(path, "JPEG", quality=quality, optimize=True, progressive=True)
        if path.stat().st_size <= MAX_BYTES:
            break
    return path.stat().st_size


def draw_record(folder: Path) -> list[str]:
    kind, record_id = folder.parent.name, folder.name
    motif, base = MOTIFS.get(record_id, (DEFAULT_MOTIF.get(kind, "horizon"), None))
    pal = palette(record_id, base)
    # The example's texts are spelled as its CMS writes them; other sites' as `fr.md`.
    title = (front_matter_title(folder / "index.fr.md")
             or front_matter_title(folder / "fr.md") or record_id)
    done = []
    for name in image_files(folder / "record.yaml"):
        rng = rng_for(record_id, name)
        if name.startswith(("poster", "cover")):
            size = SIZES.get(kind, (600, 900))
            img, ink = MOTIF_FUNCS[motif](size, pal, rng)
            w, h = size
            margin = 44
            bottom = h - (70 if kind != "music" else 60)
            serif = kind in ("books", "productions")
            draw_title(img, title, (margin, margin, w - margin, bottom), ink, serif=serif,
                       start=86 if kind != "music" else 72, max_lines=3 if kind != "music" else 2,
                       shadow=(0, 0, 0) if motif in ("neon", "bubbles") else None)
            label(img, KIND_LABEL.get(kind, kind.upper()), (margin, h - 50), ink, 18)
        else:
            img, _ = m_pattern((900, 300), pal + [(250, 245, 235)], rng)
        size_bytes = save(img, folder / name)
        done.append(f"{kind}/{record_id}/{name} {img.size[0]}x{img.size[1]} {size_bytes // 1024} KB")
    return done


def main(argv: list[str]) -> int:
    wanted = set(argv)
    for record_yaml in sorted(CONTENT.glob("*/*/record.yaml")):
        folder = record_yaml.parent
        if wanted and folder.name not in wanted:
            continue
        for line in draw_record(folder):
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
