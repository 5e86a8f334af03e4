"""Prints a bundle's documents on A4 pages and scans them (tools/bundlegen).

Each document starts on a new page; its text lines are set in one font at
office sizes, long lines wrapped, a blank line of the dump a half-line gap
(OCR dumps put a blank line between most lines). Every page then gets
tools/scangen's office-scan treatment (skew, blur, grey paper, noise, JPEG).
Needs Debian python3-pil and the fonts scangen.py uses.

As a command it prints ONE text file (e.g. a seed) to a scanned PDF:
  bundlescan.py TEXT OUT.pdf [--seed S]   (the same seed gives the same bytes)
"""

import argparse
import os
import random
import re
import sys
import time

from PIL import Image, ImageDraw, ImageFont

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                                "scangen"))
import scangen  # noqa: E402

FONTS = ["dejavu/DejaVuSans.ttf", "dejavu/DejaVuSerif.ttf",
         "liberation/LiberationSans-Regular.ttf", "liberation/LiberationSerif-Regular.ttf"]


def office_spec(rng):
    """A milder draw than scangen's tables: letters are read at office quality."""
    return {"skew": round(rng.uniform(-1.0, 1.0), 2), "blur": rng.choice([0, 0.4, 0.7]),
            "noise": rng.choice([0, 4, 8]), "speckle": rng.choice([0, 20]),
            "jpeg": rng.choice([0, 50, 75])}


# Text extracted from PDFs carries broken ligatures (seed 002: "Ɵ" for "ti");
# the printed page had the letters. The same map as the text dump reader's.
LIGATURES = {"Ɵ": "ti", "Ʃ": "tt", "Ō": "ft", "ﬁ": "fi", "ﬂ": "fl", "ﬀ": "ff", "ﬃ": "ffi",
             "ﬄ": "ffl", "ﬅ": "ft", "ﬆ": "st"}


def as_printed(line):
    for broken, letters in LIGATURES.items():
        line = line.replace(broken, letters)
    return line


def wrap(line, font, width):
    """`line` broken at spaces into pieces no wider than `width` pixels."""
    words, out, cur = line.split(" "), [], ""
    for w in words:
        cand = w if not cur else cur + " " + w
        if cur and font.getlength(cand) > width:
            out.append(cur)
            cur = w
        else:
            cur = cand
    out.append(cur)
    return out


class Printer:
    def __init__(self, rng, dpi):
        self.dpi = dpi
        self.w, self.h = int(8.27 * dpi), int(11.69 * dpi)
        self.margin = int(0.9 * dpi)
        size_px = int(rng.choice([10, 10.5, 11]) * dpi / 72)
        self.font = ImageFont.truetype(os.path.join(scangen.FONT_DIR, rng.choice(FONTS)), size_px)
        self.line_h = int(size_px * 1.35)
        self.pages = []
        self.new_page()

    def new_page(self):
        self.page = Image.new("L", (self.w, self.h), 255)
        self.draw = ImageDraw.Draw(self.page)
        self.pages.append(self.page)
        self.y = self.margin

    def gap(self, height):
        self.y += height  # the next line opens a page when it no longer fits

    def text(self, line):
        line = as_printed(line).expandtabs(8).rstrip()
        for piece in wrap(line, self.font, self.w - 2 * self.margin):
            if self.y + self.line_h > self.h - self.margin:
                self.new_page()
            self.draw.text((self.margin, self.y), piece, font=self.font, fill=0)
            self.y += self.line_h


    def table(self, rows, ruled):
        """A table as a word processor prints it: cells in aligned columns (a
        dump's tabs or a markdown table's pipes are not printed), kept on one
        page; `ruled` draws the cell borders of a markdown table."""
        pad = self.line_h // 2
        ncol = max(len(r) for r in rows)
        widths = [max((self.font.getlength(r[c]) if c < len(r) else 0) for r in rows) + 2 * pad
                  for c in range(ncol)]
        row_h = self.line_h + (pad if ruled else 0)
        if self.y + row_h * len(rows) > self.h - self.margin and self.y > self.margin:
            self.new_page()
        xs = [self.margin]
        for w in widths:
            xs.append(xs[-1] + int(w))
        top = self.y
        for r in rows:
            for c, cell in enumerate(r):
                self.draw.text((xs[c] + pad, self.y + (pad // 2 if ruled else 0)), cell,
                               font=self.font, fill=0)
            self.y += row_h
        if ruled:
            rule = max(1, self.dpi // 150)
            for k in range(len(rows) + 1):
                self.draw.line([(xs[0], top + k * row_h), (xs[-1], top + k * row_h)], fill=0,
                               width=rule)
            for x in xs:
                self.draw.line([(x, top), (x, self.y)], fill=0, width=rule)


def table_cells(line):
    """The cells of a dump's table line (tab-separated, or a markdown row), "rule"
    for a markdown separator row, None for a line of text."""
    stripped = line.strip()
    if stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
        cells = [c.strip() for c in stripped[1:-1].split("|")]
        if all(re.fullmatch(r":?-+:?", c) for c in cells):
            return "rule"
        return cells
    if "\t" in line.rstrip():
        return [c.strip() for c in line.rstrip().split("\t")]
    return None


def print_lines(p, lines):
    """Prints text lines; a run of blank lines becomes a vertical gap, a run of
    table lines a table."""
    blank, k = 0, 0
    while k < len(lines):
        line = lines[k]
        if line.strip() == "":
            blank += 1
            k += 1
            continue
        if blank and p.y > p.margin:
            p.gap(p.line_h // 2 if blank == 1 else p.line_h)
        blank = 0
        rows, ruled = [], False
        while k < len(lines) and table_cells(lines[k]) is not None:
            cells = table_cells(lines[k])
            ruled = ruled or cells == "rule" or lines[k].strip().startswith("|")
            if cells != "rule":
                rows.append([as_printed(c) for c in cells])
            k += 1
        if rows:
            p.table(rows, ruled)
            continue
        p.text(line)
        k += 1


def save_scan(pages, rng, dpi, path):
    """Every page given the office treatment, written as one PDF."""
    scans = [scangen.degrade(page, rng, dpi, office_spec(rng)) for page in pages]
    stamp = time.gmtime(1734696000)  # fixed dates: the same seed gives the same bytes
    scans[0].save(path, "PDF", save_all=True, append_images=scans[1:], resolution=float(dpi),
                  quality=80, creationDate=stamp, modDate=stamp, title="scan")


def write_scan(comps, rng, path):
    """Writes the bundle as a scanned PDF; returns the truth of its documents."""
    dpi = rng.choice([200, 200, 240])
    p = Printer(rng, dpi)
    docs, started = [], False
    for c in comps:
        for d in c["docs"]:
            if started:
                p.new_page()
            started = True
            first = len(p.pages)
            print_lines(p, c["lines"][d["first"]:d["last"] + 1])
            docs.append({"kind": d["kind"], "source": c["source"], "first_page": first,
                         "last_page": len(p.pages)})
    save_scan(p.pages, rng, dpi, path)
    return docs


def print_file(text_path, pdf_path, seed):
    """One text file printed on A4 and scanned at office quality; returns the page count."""
    with open(text_path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    rng = random.Random(seed)
    dpi = rng.choice([200, 200, 240])
    p = Printer(rng, dpi)
    print_lines(p, lines)
    save_scan(p.pages, rng, dpi, pdf_path)
    return len(p.pages)


def main():
    ap = argparse.ArgumentParser(
        description="Prints ONE text file on A4 and scans it at office quality (a PDF).")
    ap.add_argument("text")
    ap.add_argument("pdf")
    ap.add_argument("--seed", type=int, default=1, help="the same seed gives the same bytes")
    args = ap.parse_args()
    pages = print_file(args.text, args.pdf, args.seed)
    print(f"{args.pdf}: {pages} pages")


if __name__ == "__main__":
    main()
