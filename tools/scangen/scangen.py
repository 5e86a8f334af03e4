#!/usr/bin/python3
"""Realistic scans of verdeelbesluiten with ground truth (tools/scangen).

Writes NAME.png | NAME.tif | NAME.pdf and NAME.truth.json (the shared truth
format) for randomly drawn verdeelbesluiten: real municipality names and CBS
codes of any province (reference/gemeenten_2024.csv), prose like the real
decision above the table, a toelichting sentence stating the opgave below it,
and an office-scan / photocopy treatment of the page images.

What varies per document (all drawn from --seed, so a run is reproducible):
  font (DejaVu, Liberation, FreeFont; serif, sans, mono), 150-300 DPI, skew
  up to +-2 degrees, blur, speckle noise, JPEG artefacts, ruled / lightly
  ruled / unruled tables, every order of the four columns, one- or two-line
  headers, a Totaal row or not, a Totaal column or not (rarely), tables over
  two pages (with or without a repeated header), and the file type.

Needs Debian python3-pil and fonts-dejavu-core, fonts-liberation,
fonts-freefont-ttf. The product never depends on them.

Pages scanned sideways or upside down (--rotations): each document is written
once per variant, the same pixels turned by a quarter turn: "0", "90", "180",
"270" turn every page; "p90", "p180", "p270" turn one page (drawn per
document) of a multi-page document (a single page for one-page documents).
The truth says which pages are turned ("rotations": [{"page", "degrees"}],
degrees = the clockwise turn that stands the page upright again, as a
record's source.rotations reports it) and generator.variant names the variant.

Usage: scangen.py OUTDIR [--count N] [--seed S] [--prefix P] [--formats png,tif,pdf]
                  [--rotations 0,90,180,270,p90,p180,p270]
"""

import argparse
import csv
import io
import json
import math
import os
import random
import sys
import time

try:
    from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont
except ImportError:
    sys.exit("scangen.py needs Debian's python3-pil (tools/install-deps.sh installs it)")

import realworld  # noqa: E402 (needs PIL, checked above)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
REFERENCE = os.path.join(ROOT, "reference", "gemeenten_2024.csv")

FONTS = {
    # name: (regular, bold)
    "dejavu-sans": ("dejavu/DejaVuSans.ttf", "dejavu/DejaVuSans-Bold.ttf"),
    "dejavu-serif": ("dejavu/DejaVuSerif.ttf", "dejavu/DejaVuSerif-Bold.ttf"),
    "liberation-sans": ("liberation/LiberationSans-Regular.ttf", "liberation/LiberationSans-Bold.ttf"),
    "liberation-serif": ("liberation/LiberationSerif-Regular.ttf",
                         "liberation/LiberationSerif-Bold.ttf"),
    "liberation-mono": ("liberation/LiberationMono-Regular.ttf", "liberation/LiberationMono-Bold.ttf"),
    "free-sans": ("freefont/FreeSans.ttf", "freefont/FreeSansBold.ttf"),
    "free-serif": ("freefont/FreeSerif.ttf", "freefont/FreeSerifBold.ttf"),
}
FONT_DIR = "/usr/share/fonts/truetype"
FONT_PACKAGES = {"dejavu": "fonts-dejavu-core", "liberation": "fonts-liberation",
                 "freefont": "fonts-freefont-ttf"}


def require_fonts():
    """Exits naming the Debian packages to install when a font file is missing."""
    missing = sorted({FONT_PACKAGES[f.split("/")[0]] for pair in FONTS.values() for f in pair
                      if not os.path.isfile(os.path.join(FONT_DIR, f))})
    if missing:
        sys.exit(f"scangen.py needs the fonts of {', '.join(missing)} in {FONT_DIR} "
                 "(tools/install-deps.sh installs them)")

MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december"]

HEADERS = {
    # style: {kind: header lines, top to bottom}
    "one": {"gemeente": ["Gemeente"], "regulier": ["Reguliere opvangplaatsen"],
            "amv": ["Amv-opvangplaatsen"], "totaal": ["Totaal"]},
    "two": {"gemeente": ["", "Gemeente"], "regulier": ["Reguliere", "opvangplaatsen"],
            "amv": ["Amv-", "opvangplaatsen"], "totaal": ["", "Totaal"]},
    # Words broken over lines in a cell.
    "split": {"gemeente": ["", "", "Gemeente"], "regulier": ["Reguliere", "opvang-", "plaatsen"],
              "amv": ["Amv-", "opvang-", "plaatsen"], "totaal": ["", "", "Totaal"]},
    # Line 1 spans the regulier and amv columns (SPANNING_HEADER), line 2 names them.
    "spanning": {"gemeente": ["", "Gemeente"], "regulier": ["", "Regulier"],
                 "amv": ["", "Amv"], "totaal": ["", "Totaal"]},
}
HEADER_STYLES = tuple(HEADERS)
SPANNING_HEADER = "Aantal opvangplaatsen"


def dutch(n):
    """5787 -> '5.787' (Dutch thousands dot)."""
    s = str(n)
    out = ""
    while len(s) > 3:
        out = "." + s[-3:] + out
        s = s[:-3]
    return s + out


def load_reference():
    by_province = {}
    with open(REFERENCE, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            aliases = [a for a in (row.get("aliases") or "").split(";") if a]
            by_province.setdefault(row["province"], []).append(
                {"code": row["cbs_code"], "name": row["name"], "aliases": aliases})
    return by_province


class Doc:
    """Draws text onto pages and remembers what it drew."""

    def __init__(self, rng, dpi, font_name, size_pt):
        self.rng = rng
        self.dpi = dpi
        self.w = int(8.27 * dpi)
        self.h = int(11.69 * dpi)
        self.margin_x = int(1.0 * dpi)
        self.margin_top = int(0.9 * dpi)
        self.margin_bottom = int(1.0 * dpi)
        px = max(8, round(size_pt / 72.0 * dpi))
        regular, bold = FONTS[font_name]
        self.font = ImageFont.truetype(os.path.join(FONT_DIR, regular), px)
        self.bold = ImageFont.truetype(os.path.join(FONT_DIR, bold), px)
        self.line_h = int(px * 1.45)
        self.pages = []
        # Where the table and the person names went (for realworld's artefacts).
        self.table = {"boxes": {}, "rows": []}
        self.names = []
        self.text_end = {}  # page: where its text ends (above the footer)
        self.new_page()

    def new_page(self):
        img = Image.new("L", (self.w, self.h), 255)
        self.pages.append(img)
        self.draw = ImageDraw.Draw(img)
        self.y = self.margin_top

    def text_w(self, text, font=None):
        return self.draw.textlength(text, font=font or self.font)

    def room(self):
        return self.h - self.margin_bottom - self.y

    def paragraph(self, text, font=None, gap=0.6):
        font = font or self.font
        width = self.w - 2 * self.margin_x
        line = ""
        for word in text.split():
            trial = (line + " " + word).strip()
            if self.text_w(trial, font) > width and line:
                self.write_line(line, font)
                line = word
            else:
                line = trial
        if line:
            self.write_line(line, font)
        self.y += int(self.line_h * gap)

    def write_line(self, text, font):
        if self.room() < self.line_h:
            self.footer()
            self.new_page()
        self.draw.text((self.margin_x, self.y), text, font=font, fill=0)
        self.y += self.line_h

    def name_line(self, prefix, name, suffix=""):
        """One line holding a person's name; remembers the name's box."""
        if self.room() < self.line_h:
            self.footer()
            self.new_page()
        x0 = self.margin_x + self.text_w(prefix)
        self.names.append((len(self.pages) - 1, int(x0), self.y, int(x0 + self.text_w(name)),
                           self.y + int(self.line_h * 0.8)))
        self.write_line(prefix + name + suffix, self.font)

    def footer(self):
        self.text_end[len(self.pages) - 1] = self.y
        n = len(self.pages)
        label = self.rng.choice([f"Pagina {n}", f"- {n} -", f"{n}"])
        tw = self.text_w(label)
        self.draw.text(((self.w - tw) / 2, self.h - self.margin_bottom + self.line_h), label,
                       font=self.font, fill=0)


def draw_table(doc, spec, rows, total):
    """Lays out the allocation table; continues on a new page when full."""
    order = spec["order"]
    heads = HEADERS[spec["header"]]
    span = [k for k in order if k in ("regulier", "amv")] if spec["header"] == "spanning" else []
    pad = int(doc.line_h * 0.5)
    numbers = {k: [dutch(r[k]) for r in rows] + ([dutch(total[k])] if total else [])
               for k in ("regulier", "amv", "totaal")}
    names = [r["printed"] for r in rows] + (["Totaal"] if total else [])
    def column_widths(pad, min_name):
        widths = {}
        for kind in order:
            head = heads[kind]
            content = names if kind == "gemeente" else numbers[kind]
            widths[kind] = int(max(max(doc.text_w(t, doc.bold) for t in head if t),
                                   max(doc.text_w(t, doc.bold) for t in content)) + 2 * pad)
            if kind == "gemeente":
                widths[kind] = max(widths[kind], min_name)
        if span:
            short = doc.text_w(SPANNING_HEADER, doc.bold) + 2 * pad - sum(widths[k] for k in span)
            for k in span:
                widths[k] += max(0, int(short / len(span)) + 1)
        return widths

    # A real table fits its page: narrower padding, then a wider text block,
    # then the header words wrapped in their cells as a word processor does
    # (the truth says which header was printed). Before, a wide one-line
    # header pushed the last column off the page while the truth kept it.
    avail = doc.w - 2 * doc.margin_x
    widest = doc.w - 2 * int(doc.margin_x * 0.3)
    wrapped = {"one": "two", "two": "split"}
    base_pad = pad
    while True:
        pad = base_pad
        widths = column_widths(pad, int(doc.dpi * 1.9))
        if sum(widths.values()) > avail:
            pad = max(2, pad // 3)
            widths = column_widths(pad, 0)
        if sum(widths.values()) <= widest or spec["header"] not in wrapped:
            break
        spec["header"] = wrapped[spec["header"]]
        spec["two_line"] = True
        heads = HEADERS[spec["header"]]
    if sum(widths.values()) > widest:
        print("warning: the table is wider than its page; its right edge is cut off",
              file=sys.stderr)
    total_w = sum(widths.values())
    x_start = doc.margin_x
    if total_w > avail:
        x_start = max(int(doc.margin_x * 0.3), (doc.w - total_w) // 2)
    xs, x = {}, x_start
    for kind in order:
        xs[kind] = x
        x += widths[kind]
    x_end = x
    row_h = int(doc.line_h * spec["row_spacing"])
    header_lines = len(heads["gemeente"])
    header_h = header_lines * doc.line_h + pad
    ruled = spec["ruling"]
    lw = max(1, doc.dpi // 100)

    def header():
        top = doc.y
        for i in range(header_lines):
            for kind in order:
                text = heads[kind][i]
                if not text:
                    continue
                if kind == "gemeente" or spec["header_align"] == "left":
                    tx = xs[kind] + pad
                else:
                    tx = xs[kind] + (widths[kind] - doc.text_w(text, doc.bold)) / 2
                doc.draw.text((tx, top + pad // 2 + i * doc.line_h), text, font=doc.bold, fill=0)
        if span:
            x0, x1 = xs[span[0]], xs[span[-1]] + widths[span[-1]]
            tx = x0 + (x1 - x0 - doc.text_w(SPANNING_HEADER, doc.bold)) / 2
            doc.draw.text((tx, top + pad // 2), SPANNING_HEADER, font=doc.bold, fill=0)
            if ruled != "none":
                y = top + pad // 2 + doc.line_h - pad // 4
                doc.draw.line([(x0 + pad, y), (x1 - pad, y)], fill=0, width=lw)
        doc.y = top + header_h
        if ruled != "none":
            doc.draw.line([(x_start, top - pad // 2), (x_end, top - pad // 2)], fill=0, width=lw)
            doc.draw.line([(x_start, doc.y), (x_end, doc.y)], fill=0, width=lw * 2)
        return top - pad // 2

    def verticals(top, bottom):
        if ruled == "grid":
            for kind in order:
                doc.draw.line([(xs[kind], top), (xs[kind], bottom)], fill=0, width=lw)
            doc.draw.line([(x_end, top), (x_end, bottom)], fill=0, width=lw)

    def record_box(page_top):
        page = len(doc.pages) - 1
        doc.table["boxes"][page] = [x_start, page_top, x_end, doc.y]

    top = header()
    doc.y += pad // 2
    for i, name in enumerate(names):
        is_total = total and i == len(names) - 1
        if doc.room() < row_h:
            record_box(top)
            verticals(top, doc.y)
            doc.footer()
            doc.new_page()
            top = header() if spec["repeat_header"] else doc.y - pad // 2
            if not spec["repeat_header"] and ruled != "none":
                doc.draw.line([(x_start, top), (x_end, top)], fill=0, width=lw)
            doc.y += pad // 2
        font = doc.bold if is_total and spec["bold_total"] else doc.font
        if is_total and ruled != "none":
            doc.draw.line([(x_start, doc.y - pad // 3), (x_end, doc.y - pad // 3)], fill=0, width=lw)
        cells = {}
        for kind in order:
            if kind == "gemeente":
                doc.draw.text((xs[kind] + pad, doc.y), name, font=font, fill=0)
                continue
            text = numbers[kind][i]
            tw = doc.text_w(text, font)
            if spec["number_align"] == "right":
                tx = xs[kind] + widths[kind] - pad - tw
            else:
                tx = xs[kind] + (widths[kind] - tw) / 2
            doc.draw.text((tx, doc.y), text, font=font, fill=0)
            cells[kind] = (int(tx), int(tx + tw))
        doc.table["rows"].append((len(doc.pages) - 1, doc.y, doc.y + doc.line_h, cells))
        doc.y += row_h
        if ruled == "grid" or (ruled == "rows" and not is_total):
            doc.draw.line([(x_start, doc.y - pad // 3), (x_end, doc.y - pad // 3)], fill=0,
                          width=lw)
    if ruled != "none":
        doc.draw.line([(x_start, doc.y - pad // 3), (x_end, doc.y - pad // 3)], fill=0, width=lw)
    verticals(top, doc.y - pad // 3)
    record_box(top)
    doc.y += doc.line_h


def degrade(img, rng, dpi, spec):
    """Office scan / photocopy: skew, blur, speckle, grey paper, JPEG."""
    angle = spec["skew"]
    if abs(angle) > 0.01:
        img = img.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
    blur = spec["blur"] * dpi / 300.0
    if blur > 0.05:
        img = img.filter(ImageFilter.GaussianBlur(blur))
    # Grey paper and toner variation, then Gaussian sensor noise.
    paper = rng.randint(225, 250)
    img = img.point(lambda v, p=paper: int(v * p / 255))
    sigma = spec["noise"]
    if sigma > 0:
        # Sensor noise from the document's own random stream (Image.effect_noise
        # cannot be seeded): uniform bytes mapped to 128 +- sigma*sqrt(3), the
        # same spread as Gaussian noise of that sigma.
        raw = Image.frombytes("L", img.size, rng.randbytes(img.size[0] * img.size[1]))
        span = sigma * math.sqrt(3) / 127.5
        noise = raw.point(lambda v: int(round(128 + (v - 127.5) * span)))
        img = ImageChops.add(img, noise, scale=1.0, offset=-128)
    # Speckle: dust and toner dots.
    draw = ImageDraw.Draw(img)
    for _ in range(int(spec["speckle"] * img.size[0] * img.size[1] / 1e6)):
        x, y = rng.randrange(img.size[0]), rng.randrange(img.size[1])
        r = rng.choice([0, 0, 1, 1, 2]) * dpi / 300.0
        draw.ellipse([x - r, y - r, x + r, y + r], fill=rng.randint(0, 120))
    if spec["jpeg"]:
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=spec["jpeg"])
        buf.seek(0)
        img = Image.open(buf).convert("L")
    return img


PROSE_FILLER = [
    "Gelet op artikel 5 van de Wet gemeentelijke taak mogelijk maken asielopvangvoorzieningen, "
    "de Beleidsregel verdeelbesluiten en de Capaciteitsraming, provinciale opvangopgave en "
    "indicatieve verdeling per gemeente 2024;",
    "Overwegende dat de provinciale regietafel op 31 oktober 2024 verslag heeft gedaan van de "
    "afspraken die in de provincie zijn gemaakt over de verdeling van de opvangopgave;",
    "Overwegende dat de gemeenten in de provincie in de gelegenheid zijn gesteld hun zienswijze "
    "op het voorgenomen besluit kenbaar te maken;",
    "Overwegende dat bij de verdeling rekening is gehouden met de opvang die gemeenten al bieden "
    "en met de afspraken over uitruil en samenvoegen van taken;",
]


def real_world(spec, real, xrng):
    """Draws the quality class, header style, column order and artefacts (realworld.py).

    Its own random stream (xrng): with the defaults (office, classic headers,
    any order, no artefacts) the pages are those scangen.py always made."""
    quality = xrng.choice(real["qualities"])
    realworld.apply_quality(spec, quality, xrng)
    order = spec["order"]
    headers = real["headers"]
    spec["header"] = xrng.choice(headers) if headers else ("two" if spec["two_line"] else "one")
    if real["orders"] == "totaal-first" or (real["orders"] == "mixed" and xrng.random() < 0.3):
        order[:] = ["gemeente", "totaal"] + xrng.sample(["regulier", "amv"], 2)
    if spec["header"] == "spanning" and abs(order.index("regulier") - order.index("amv")) != 1:
        order.remove("amv")
        order.insert(order.index("regulier") + 1, "amv")
    spec["two_line"] = spec["header"] != "one"
    numbers = [k for k in order if k != "gemeente"]
    spec["order_style"] = "totaal-first" if numbers[0] == "totaal" else "other"
    return [a for a in realworld.ARTEFACTS
            if a in real["artefacts"] and xrng.random() < real["artefacts"][a]]


def finish_pages(doc, rng, spec, chosen, xrng):
    """The artefacts, then the scan treatment of the quality class."""
    layers, spec["artefacts"] = realworld.draw_artefacts(doc, spec, chosen, xrng)
    quality, dpi = spec["quality"], spec["dpi"]
    pages = []
    for page, layer in zip(doc.pages, layers):
        if quality in ("photocopy", "fax"):
            # Grey or 1-bit copies: the artefacts go through the copier too.
            page = realworld.apply_layer(page, layer, 0, True)
            treat = realworld.photocopy if quality == "photocopy" else realworld.fax
            page = treat(page, rng, dpi, spec)
        else:
            page = degrade(page, rng, dpi, spec)
            page = realworld.apply_layer(page, layer, spec["skew"], False)
        pages.append(page)
    if any(p.mode == "RGB" for p in pages):
        pages = [p.convert("RGB") for p in pages]
    return pages


DEFAULT_REAL = {"qualities": ["office"], "artefacts": {}, "headers": [], "orders": "any"}


def make_document(rng, reference, index, prefix, formats, small=False, real=None, xrng=None):
    real = real or DEFAULT_REAL
    xrng = xrng or random.Random(index)
    province = rng.choice(sorted(reference))
    munis = sorted(reference[province], key=lambda m: m["name"])
    n_rows = min(len(munis), rng.randint(8, 34))
    chosen = sorted(rng.sample(munis, n_rows), key=lambda m: m["name"].lower())
    rows = []
    for m in chosen:
        # Some municipalities get nothing (excluded), some only regular places.
        r = rng.random()
        reg = 0 if r < 0.08 else rng.choice([rng.randint(20, 250), rng.randint(100, 900)])
        amv = 0 if rng.random() < 0.3 else rng.randint(5, 60)
        if rng.random() < 0.03:
            reg = rng.randint(1000, 2400)  # a city: thousands dot in the cell
        printed = m["name"]
        if m["aliases"] and rng.random() < 0.3 and "(" in "".join(m["aliases"]):
            printed = [a for a in m["aliases"] if "(" in a][0]
        rows.append({"gemeente": m["name"], "cbs_code": m["code"], "printed": printed,
                     "regulier": reg, "amv": amv, "totaal": reg + amv})
    total = {k: sum(r[k] for r in rows) for k in ("regulier", "amv", "totaal")}

    font_name = rng.choice(sorted(FONTS))
    dpi = rng.choice([150, 200, 200, 240, 300, 300])
    order = ["gemeente", "regulier", "amv", "totaal"]
    rng.shuffle(order)
    if rng.random() < 0.08:
        order.remove("totaal")
    spec = {
        "order": order,
        "two_line": rng.random() < 0.5,
        "total_row": rng.random() < 0.7,
        "ruling": rng.choice(["grid", "rows", "frame", "none"]),
        "header_align": rng.choice(["left", "center"]),
        "number_align": rng.choice(["right", "right", "center"]),
        "bold_total": rng.random() < 0.5,
        "row_spacing": rng.choice([1.25, 1.35, 1.5]),
        "repeat_header": rng.random() < 0.6,
        "two_pages": rng.random() < 0.35,
        "skew": round(rng.uniform(-2.0, 2.0), 2),
        "blur": round(rng.choice([0, 0.4, 0.7, 1.0]), 2),
        "noise": rng.choice([0, 4, 8, 12]),
        "speckle": rng.choice([0, 20, 60]),
        "jpeg": rng.choice([0, 35, 50, 75]),
        "font": font_name,
        "dpi": dpi,
        "size_pt": rng.choice([10, 10.5, 11, 12]),
    }
    if small:
        # For the committed samples: the same variety, but file sizes that
        # belong in a repository (sensor noise is what makes scans big).
        spec["dpi"] = dpi = rng.choice([150, 200, 200, 240])
        spec["noise"] = min(spec["noise"], 3)
        spec["speckle"] = min(spec["speckle"], 20)
        spec["jpeg"] = spec["jpeg"] or 60
    chosen = real_world(spec, real, xrng)
    dpi = spec["dpi"]
    day, month = 20, 12
    date_iso = f"2024-{month:02d}-{day:02d}"
    reference_nr = str(rng.randint(6000000, 6099999))

    doc = Doc(rng, dpi, font_name, spec["size_pt"])
    doc.paragraph("Ministerie van Asiel en Migratie", doc.bold, gap=1.2)
    doc.paragraph(f"Besluit van de Minister van Asiel en Migratie van {day} {MONTHS[month - 1]} "
                  f"2024, nr. {reference_nr}, houdende de verdeling van asielopvangplaatsen in het "
                  f"kader van de Wet gemeentelijke taak mogelijk maken asielopvangvoorzieningen "
                  f"over de provincie {province}", doc.bold)
    doc.paragraph("De Minister van Asiel en Migratie,")
    fillers = list(PROSE_FILLER)
    doc.paragraph(fillers.pop(0))
    table_h = (n_rows + 3) * doc.line_h * spec["row_spacing"]
    if spec["two_pages"]:
        # Push the table down so that it breaks over the page.
        while fillers and doc.room() > 0.55 * table_h + 6 * doc.line_h:
            doc.paragraph(fillers.pop(0))
    doc.paragraph("Besluit:", gap=0.4)
    doc.paragraph("Artikel I", doc.bold, gap=0.4)
    doc.paragraph(f"De asielopvangplaatsen uit de provinciale opvangopgave van de provincie "
                  f"{province}, zoals bekendgemaakt op 31 januari 2024, worden als volgt over de "
                  f"gemeenten verdeeld:")
    draw_table(doc, spec, rows, total if spec["total_row"] else None)
    doc.paragraph("Artikel II", doc.bold, gap=0.4)
    doc.paragraph("Dit besluit treedt in werking met ingang van de dag na de datum van "
                  "uitgifte van de Staatscourant waarin het wordt geplaatst.")
    doc.paragraph("Toelichting", doc.bold, gap=0.4)
    doc.paragraph(f"De provincie {province} heeft een opgave van {dutch(total['regulier'])} "
                  f"reguliere opvangplaatsen en {dutch(total['amv'])} amv-opvangplaatsen. Deze "
                  f"opgave is met dit besluit volledig over de gemeenten verdeeld.")
    if "redaction" in real["artefacts"]:
        # Person names as Woo releases have them (redacted or not).
        doc.paragraph("De Minister van Asiel en Migratie,", gap=0)
        doc.paragraph("namens deze,", gap=0.3)
        doc.name_line("", realworld.person_name(xrng))
        doc.y += doc.line_h // 2
        doc.name_line("Contactpersoon: ", realworld.person_name(xrng), ", Directie Migratiebeleid")
    doc.footer()

    pages = finish_pages(doc, rng, spec, chosen, xrng)
    allowed = [f for f in formats if f != "png" or len(pages) == 1]
    if spec["quality"] == "fax":
        # CCITT G4 pages: a TIFF or a PDF.
        allowed = [f for f in allowed if f != "png"] or ["tif"]
    ext = rng.choice(allowed or ["tif"])
    name = f"{prefix}{index:03d}_{province.lower().replace(' ', '-').replace('â', 'a')}"
    return name, ext, pages, {
        "kind": "verdeelbesluit",
        "province": province,
        "date": date_iso,
        "reference": reference_nr,
        "stated": {"opgave": {"regulier": total["regulier"], "amv": total["amv"]}},
        "allocations": [{"gemeente": r["gemeente"], "cbs_code": r["cbs_code"],
                         "regulier": r["regulier"], "amv": r["amv"], "totaal": r["totaal"]}
                        for r in rows],
        # Not part of the shared truth format: how the page was made, for review.
        "generator": {"tool": "tools/scangen/scangen.py", "pages": len(pages),
                      **{k: v for k, v in spec.items()},
                      "printed_names": [r["printed"] for r in rows]},
    }


def save(pages, path, ext, dpi, small=False):
    if ext == "png":
        page = pages[0]
        if small and page.mode == "L":
            # 16 grey levels: what a "document" scan preset keeps.
            page = page.point(lambda v: (v // 16) * 17)
        page.save(path, "PNG", dpi=(dpi, dpi), optimize=True)
    elif ext == "tif":
        if small or pages[0].mode == "1":
            # Black-and-white office-scanner mode, CCITT G4 as such scanners write it.
            bw = [p if p.mode == "1" else p.convert("L").point(lambda v: 255 if v > 150 else 0)
                  .convert("1") for p in pages]
            bw[0].save(path, "TIFF", save_all=True, append_images=bw[1:], dpi=(dpi, dpi),
                       compression="group4")
        else:
            pages[0].save(path, "TIFF", save_all=True, append_images=pages[1:], dpi=(dpi, dpi),
                          compression="tiff_adobe_deflate")
    else:
        # JPEG-compressed pages in the PDF, as scanners write them.
        # 1-bit pages go in as CCITT G4 (CCITTFaxDecode), colour ones as RGB.
        rgb = [p if p.mode in ("1", "RGB") else p.convert("L") for p in pages]
        # Fixed dates: the same seed gives the same bytes.
        stamp = time.gmtime(1734696000)  # 2024-12-20 12:00 UTC
        rgb[0].save(path, "PDF", save_all=True, append_images=rgb[1:], resolution=float(dpi),
                    quality=55 if small else 80, creationDate=stamp, modDate=stamp)


def parse_headers(text):
    if text == "classic":
        return []
    styles = list(HEADER_STYLES) if text == "all" else [h for h in text.split(",") if h]
    for h in styles:
        if h not in HEADER_STYLES:
            raise ValueError(f"unknown header style {h!r} (one of {','.join(HEADER_STYLES)})")
    return styles


ROTATION_VARIANTS = ("0", "90", "180", "270", "p90", "p180", "p270")


def turn_pages(pages, variant, page_rng):
    """The variant's pages and its truth rotations (1-based pages turned)."""
    if variant.startswith("p"):
        degrees = int(variant[1:])
        turned = [page_rng.randrange(len(pages))]
    else:
        degrees = int(variant)
        turned = list(range(len(pages))) if degrees else []
    out = list(pages)
    for i in turned:
        # PIL turns counter-clockwise: the reader must turn it back clockwise
        # by `degrees`. expand=True keeps the whole page (landscape at 90/270).
        out[i] = pages[i].rotate(degrees, expand=True)
    return out, [{"page": i + 1, "degrees": degrees} for i in turned]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("outdir")
    ap.add_argument("--count", type=int, default=6)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--prefix", default="scan")
    ap.add_argument("--formats", default="png,tif,pdf")
    ap.add_argument("--small", action="store_true",
                    help="small files (150-240 DPI, little sensor noise) for samples/scans")
    ap.add_argument("--rotations", default="",
                    help="write each document once per variant: 0,90,180,270 (every page "
                         "turned), p90,p180,p270 (one page turned)")
    ap.add_argument("--quality", default="office",
                    help="quality classes to draw from per document: "
                         + ",".join(realworld.QUALITIES) + " (default office)")
    ap.add_argument("--artefacts", default="none",
                    help="none | all (each with p=0.5) | list of "
                         + ",".join(realworld.ARTEFACTS) + " (each NAME or NAME:P, default p=1)")
    ap.add_argument("--headers", default="classic",
                    help="classic (one- or two-line, as always) | all | list of "
                         + ",".join(HEADER_STYLES))
    ap.add_argument("--orders", default="any", choices=["any", "mixed", "totaal-first"],
                    help="any column order (default) | mixed (Totaal first in 30%%) | "
                         "totaal-first (always Gemeente | Totaal | ...)")
    args = ap.parse_args()
    try:
        real = {"qualities": realworld.parse_qualities(args.quality),
                "artefacts": realworld.parse_artefacts(args.artefacts),
                "headers": parse_headers(args.headers), "orders": args.orders}
    except ValueError as e:
        sys.exit(str(e))
    variants = [v for v in args.rotations.split(",") if v]
    for v in variants:
        if v not in ROTATION_VARIANTS:
            sys.exit(f"unknown rotation variant {v!r} (one of {','.join(ROTATION_VARIANTS)})")
    formats = [f for f in args.formats.split(",") if f in ("png", "tif", "pdf")]
    if not formats:
        sys.exit("no valid format in --formats")
    require_fonts()
    os.makedirs(args.outdir, exist_ok=True)
    reference = load_reference()
    for i in range(args.count):
        rng = random.Random(args.seed * 100003 + i)
        # The real-world draws have their own stream: the default pages stay
        # those of earlier versions for the same seed.
        xrng = random.Random(args.seed * 100003 + i + 13_000_000)
        name, ext, pages, truth = make_document(rng, reference, i, args.prefix, formats,
                                                args.small, real, xrng)
        if not variants:
            write(args, name, ext, pages, truth)
            continue
        for variant in variants:
            # Its own stream, so the document is the same in every variant and
            # the page a p-variant turns does not depend on the variant list.
            page_rng = random.Random(args.seed * 100003 + i + 7_000_000)
            turned, rotations = turn_pages(pages, variant, page_rng)
            vtruth = json.loads(json.dumps(truth))
            vtruth["rotations"] = rotations
            vtruth["generator"]["variant"] = "r" + variant if variant[0] != "p" else variant
            write(args, f"{name}_{vtruth['generator']['variant']}", ext, turned, vtruth)


def write(args, name, ext, pages, truth):
    path = os.path.join(args.outdir, f"{name}.{ext}")
    save(pages, path, ext, truth["generator"]["dpi"], args.small)
    with open(os.path.join(args.outdir, f"{name}.truth.json"), "w", encoding="utf-8") as f:
        json.dump(truth, f, ensure_ascii=False, indent=1)
    g = truth["generator"]
    turned = ", ".join(f"p{r['page']} {r['degrees']}" for r in truth.get("rotations", []))
    print(f"{path}: {g['pages']} page(s), {len(truth['allocations'])} rows, {g['font']}, "
          f"{g['dpi']} dpi, {g['quality']}, skew {g['skew']}, {g['ruling']}, "
          f"order {'/'.join(g['order'])}, {g['header']} header"
          f"{', artefacts ' + '+'.join(g['artefacts']) if g['artefacts'] else ''}"
          f"{', Totaal row' if g['total_row'] else ''}"
          f"{', turned ' + turned if turned else ''}")


if __name__ == "__main__":
    main()
