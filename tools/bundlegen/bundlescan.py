"""Prints a bundle's documents on A4 pages and scans them (tools/bundlegen).

Each document starts on a new page; its text lines are set in one font at
office sizes, long lines wrapped, a blank line of the dump a half-line gap
(OCR dumps put a blank line between most lines). Every page then gets
tools/scangen's office-scan treatment (skew, blur, grey paper, noise, JPEG).
Needs Debian python3-pil and the fonts scangen.py uses.
"""

import os
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
        line = line.expandtabs(8).rstrip()
        for piece in wrap(line, self.font, self.w - 2 * self.margin):
            if self.y + self.line_h > self.h - self.margin:
                self.new_page()
            self.draw.text((self.margin, self.y), piece, font=self.font, fill=0)
            self.y += self.line_h


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
            blank = 0
            for line in c["lines"][d["first"]:d["last"] + 1]:
                if line.strip() == "":
                    blank += 1
                    continue
                if blank and p.y > p.margin:
                    p.gap(p.line_h // 2 if blank == 1 else p.line_h)
                blank = 0
                p.text(line)
            docs.append({"kind": d["kind"], "source": c["source"], "first_page": first,
                         "last_page": len(p.pages)})
    scans = [scangen.degrade(page, rng, dpi, office_spec(rng)) for page in p.pages]
    stamp = time.gmtime(1734696000)  # fixed dates: the same seed gives the same bytes
    scans[0].save(path, "PDF", save_all=True, append_images=scans[1:], resolution=float(dpi),
                  quality=80, creationDate=stamp, modDate=stamp)
    return docs
