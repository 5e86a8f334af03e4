"""What real Woo releases look like, for scangen.py: quality classes and artefacts.

Quality classes (--quality), one per document:
  clean      300 dpi, no blur, noise, speckle or JPEG, skew under 0.3 degrees.
  office     scangen.py's own distribution (150-300 dpi, blur, noise, JPEG).
  photocopy  a light photocopy at 150 dpi: grey ink (90-140) on grey paper
             (200-235), toner fading in patches, thinned strokes, slight blur,
             grey speckle, JPEG.
  lowres     150 dpi, otherwise office.
  fax        1-bit at 200 dpi: blur + threshold (thin strokes break), toner
             specks and dropouts; stored CCITT G4 (TIFF group4, PDF
             CCITTFaxDecode).

Artefacts (--artefacts), each drawn per document with its probability:
  stamp       a received-stamp (ONTVANGEN, a date, a number) in red, blue or
              violet semi-transparent ink, rectangle or oval, turned up to 15
              degrees, over the prose above or below the table; it may touch the
              table's header or rules, never a row (number or name).
  redaction   black or dark grey bars marked "5.1.2e" over the person names of
              the signature and contact lines (never over the table).
  tick        a blue ballpoint tick or short diagonal stroke over one or two
              table rows, crossing a number lightly.
  underline   a pen line under a table row.
  punchholes  two dark disks (6 mm) in the left margin of every page.
  border      a dark ragged photocopier band, 2-15 mm, along one to three edges.

Stamps and ticks are drawn in colour on office, clean and lowres pages (the
page is then RGB); photocopies and faxes are grey or 1-bit, so their ink is
grey there. Every artefact is drawn on an ink layer that multiplies the page,
turned by the page's skew so that it stays where it was put.
"""

import io

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

QUALITIES = ("clean", "office", "photocopy", "lowres", "fax")
ARTEFACTS = ("stamp", "redaction", "tick", "underline", "punchholes", "border")
COLOUR_QUALITIES = ("clean", "office", "lowres")

STAMP_INKS = {"red": (200, 30, 40), "blue": (30, 60, 190), "violet": (120, 40, 160)}
BALLPOINT = (25, 45, 150)
PERSON_NAMES = ["J.M. de Vries", "A. Bakker", "drs. P. van den Berg", "mr. K. Jansen",
                "S. El Amrani", "H.J. Visser", "mw. L. Smit", "R. Mulder", "dr. E. de Boer",
                "T. Meijer", "M. Yilmaz", "C.W. Dekker"]


def mm(dpi, millimetres):
    return int(round(millimetres / 25.4 * dpi))


def parse_qualities(text):
    qualities = [q for q in text.split(",") if q]
    for q in qualities:
        if q not in QUALITIES:
            raise ValueError(f"unknown quality {q!r} (one of {','.join(QUALITIES)})")
    return qualities or ["office"]


def parse_artefacts(text):
    """'none' | 'all' | 'stamp,tick' | 'stamp:0.3,tick' -> {artefact: probability}."""
    if text in ("", "none"):
        return {}
    if text == "all":
        return {a: 0.5 for a in ARTEFACTS}
    probs = {}
    for item in text.split(","):
        name, _, p = item.partition(":")
        if name not in ARTEFACTS:
            raise ValueError(f"unknown artefact {name!r} (one of {','.join(ARTEFACTS)}, all, none)")
        probs[name] = float(p) if p else 1.0
    return probs


def apply_quality(spec, quality, xrng):
    """Overrides the scan treatment that scangen.py drew (office) for `quality`."""
    spec["quality"] = quality
    if quality == "clean":
        spec.update(dpi=300, blur=0, noise=0, speckle=0, jpeg=0,
                    skew=round(xrng.uniform(-0.29, 0.29), 2))
    elif quality == "lowres":
        spec["dpi"] = 150
    elif quality == "photocopy":
        spec.update(dpi=150, blur=round(xrng.uniform(0.3, 0.6), 2), noise=0,
                    speckle=xrng.choice([20, 40, 80]), jpeg=xrng.choice([40, 50, 60]),
                    ink=xrng.randint(90, 140), paper=xrng.randint(200, 235),
                    fade=round(xrng.uniform(0.15, 0.35), 2), thin=round(xrng.uniform(1.3, 1.8), 2))
    elif quality == "fax":
        spec.update(dpi=200, blur=round(xrng.uniform(0.55, 0.8), 2), noise=0, jpeg=0,
                    speckle=xrng.choice([150, 300, 600]), threshold=xrng.randint(115, 140),
                    dropout=xrng.randint(1, 4), skew=round(spec["skew"] / 2, 2))


# ---------------------------------------------------------------------------
# Page treatments of the photocopy and fax classes (office-like classes use
# scangen.degrade).

def low_frequency_field(rng, size, cells, lo, hi):
    """A smooth random field in [lo, hi] over the page: toner that fades in patches."""
    gx, gy = cells, int(cells * size[1] / size[0]) + 1
    small = Image.frombytes("L", (gx, gy), bytes(rng.randint(int(lo * 255), int(hi * 255))
                                                 for _ in range(gx * gy)))
    return small.resize(size, Image.BICUBIC)


def photocopy(img, rng, dpi, spec):
    angle = spec["skew"]
    if abs(angle) > 0.01:
        img = img.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
    # Thinned strokes: coverage raised to a power > 1 (edge pixels lighten).
    thin = spec["thin"]
    img = img.point(lambda v: int(255 - 255 * ((255 - v) / 255.0) ** thin))
    img = img.filter(ImageFilter.GaussianBlur(spec["blur"] * dpi / 150.0))
    # Ink coverage 0..255, faded by the toner field, mapped to paper..ink.
    coverage = ImageChops.invert(img)
    fade = spec["fade"]
    field = low_frequency_field(rng, img.size, 7, 1.0 - 2 * fade, 1.0)
    coverage = ImageChops.multiply(coverage, field)
    paper, ink = spec["paper"], spec["ink"]
    img = coverage.point(lambda c: int(round(paper - (paper - ink) * c / 255.0)))
    draw = ImageDraw.Draw(img)
    for _ in range(int(spec["speckle"] * img.size[0] * img.size[1] / 1e6)):
        x, y = rng.randrange(img.size[0]), rng.randrange(img.size[1])
        r = rng.choice([0, 0, 1, 1, 2]) * dpi / 300.0
        draw.ellipse([x - r, y - r, x + r, y + r], fill=rng.randint(ink, ink + 60))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=spec["jpeg"])
    buf.seek(0)
    return Image.open(buf).convert("L")


def fax(img, rng, dpi, spec):
    angle = spec["skew"]
    if abs(angle) > 0.01:
        img = img.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
    img = img.filter(ImageFilter.GaussianBlur(spec["blur"]))
    threshold = spec["threshold"]
    bw = img.point(lambda v: 255 if v > threshold else 0)
    # Dropouts: ink pixels the fax lost (set white at random, uniform bytes).
    raw = Image.frombytes("L", bw.size, rng.randbytes(bw.size[0] * bw.size[1]))
    dropout = spec["dropout"]
    bw = ImageChops.lighter(bw, raw.point(lambda v: 255 if v < dropout else 0))
    # Toner specks: salt and pepper on the paper.
    draw = ImageDraw.Draw(bw)
    for _ in range(int(spec["speckle"] * bw.size[0] * bw.size[1] / 1e6)):
        x, y = rng.randrange(bw.size[0]), rng.randrange(bw.size[1])
        r = rng.choice([0, 0, 0, 1, 1, 2])
        draw.rectangle([x, y, x + r, y + r], fill=0)
    return bw.convert("1", dither=Image.NONE)


# ---------------------------------------------------------------------------
# Artefacts. The table geometry comes from scangen.draw_table (doc.table):
#   doc.table["boxes"][page] = [x0, y0, x1, y1] of the table's part on page;
#   doc.table["rows"] = [(page, y_top, y_bottom, {kind: (x0, x1)} of each number)].
# doc.names = [(page, x0, y0, x1, y1)] of every person name written.

def draw_artefacts(doc, spec, chosen, xrng):
    """Draws the chosen artefacts on ink layers (one per page, None when clean).

    Returns (layers, names of the artefacts actually drawn): a stamp that finds
    no place clear of the numbers is left off, and the truth says so."""
    layers = [None] * len(doc.pages)
    drawn = []

    def layer(page):
        if layers[page] is None:
            layers[page] = Image.new("RGB", doc.pages[page].size, (255, 255, 255))
        return layers[page]

    colour = spec["quality"] in COLOUR_QUALITIES
    for name in chosen:
        if name == "redaction" and not doc.names:
            continue
        ok = ARTEFACT_DRAWERS[name](doc, spec, xrng, layer, colour)
        if ok:
            drawn.append(name)
    return layers, drawn


def ink(colour, rgb):
    if colour:
        return rgb
    grey = int(0.3 * rgb[0] + 0.59 * rgb[1] + 0.11 * rgb[2])
    return (grey, grey, grey)


def row_boxes(doc, page):
    """Every table row on `page`, the whole width: names as well as numbers."""
    box = doc.table["boxes"].get(page)
    return [(box[0], top, box[2], bottom) for p, top, bottom, _ in doc.table["rows"]
            if p == page]


def overlaps(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def draw_stamp(doc, spec, xrng, layer, colour):
    dpi = doc.dpi
    w, h = mm(dpi, xrng.uniform(42, 55)), mm(dpi, xrng.uniform(22, 28))
    mask = Image.new("L", (w, h), 0)
    d = ImageDraw.Draw(mask)
    lw = max(2, mm(dpi, 0.6))
    if xrng.random() < 0.5:
        d.rectangle([lw, lw, w - lw, h - lw], outline=255, width=lw)
    else:
        d.ellipse([lw, lw, w - lw, h - lw], outline=255, width=lw)
    big = ImageFont.truetype(doc.bold.path, mm(dpi, 4.2))
    small = ImageFont.truetype(doc.bold.path, mm(dpi, 3.0))
    day = xrng.randint(2, 19)
    lines = [("ONTVANGEN", big), (f"{day} DEC. 2024", small),
             (f"Nr. {xrng.randint(2024000, 2024999)}", small)]
    y = h * 0.16
    for text, font in lines:
        tw = d.textlength(text, font=font)
        d.text(((w - tw) / 2, y), text, font=font, fill=255)
        y += font.size * 1.25
    # Uneven stamp ink: coverage times a mottled field, then semi-transparent.
    alpha = xrng.uniform(0.55, 0.8)
    field = low_frequency_field(xrng, (w, h), 9, 0.45, 1.0)
    mask = ImageChops.multiply(mask, field).point(lambda v: int(v * alpha))
    mask = mask.rotate(xrng.uniform(-15, 15), resample=Image.BICUBIC, expand=True)
    return place_stamp(doc, xrng, layer, mask, ink(colour, STAMP_INKS[xrng.choice(
        sorted(STAMP_INKS))]))


def place_stamp(doc, xrng, layer, mask, rgb):
    """Over the prose above the table (first page) or below it (last page), never on a number."""
    pages = sorted(doc.table["boxes"])
    candidates = []
    first, last = pages[0], pages[-1]
    x_lo, x_hi = doc.margin_x // 2, doc.w - doc.margin_x // 2 - mask.size[0]
    above_top, above_bottom = doc.margin_top, doc.table["boxes"][first][1] + mask.size[1] // 4
    below_top = doc.table["boxes"][last][3] - mask.size[1] // 4
    # Over the prose, not in the empty rest of the page.
    below_bottom = min(doc.h - doc.margin_bottom,
                       doc.text_end.get(last, doc.h) + mask.size[1] // 3)
    for _ in range(40):
        if xrng.random() < 0.5 and above_bottom - above_top > mask.size[1]:
            page, y = first, xrng.randint(above_top, above_bottom - mask.size[1])
        elif below_bottom - below_top > mask.size[1]:
            page, y = last, xrng.randint(below_top, below_bottom - mask.size[1])
        else:
            continue
        x = xrng.randint(x_lo, max(x_lo, x_hi))
        box = (x, y, x + mask.size[0], y + mask.size[1])
        if not any(overlaps(box, n) for n in row_boxes(doc, page)):
            candidates.append((page, x, y))
            break
    if not candidates:
        return False
    page, x, y = candidates[0]
    layer(page).paste(rgb, (x, y, x + mask.size[0], y + mask.size[1]), mask)
    return True


def draw_redaction(doc, spec, xrng, layer, colour):
    shade = xrng.choice([0, 0, 40, 70])
    font = ImageFont.truetype(doc.font.path, max(8, int(doc.font.size * 0.7)))
    for page, x0, y0, x1, y1 in doc.names:
        pad = max(2, (y1 - y0) // 8)
        # Opaque, on the page itself: nothing of the name shows through.
        d = ImageDraw.Draw(doc.pages[page])
        d.rectangle([x0 - pad, y0 - pad, x1 + pad, y1 + pad], fill=shade)
        # The Woo ground, in white on the bar.
        tw = d.textlength("5.1.2e", font=font)
        d.text((x0 + (x1 - x0 - tw) / 2, y0 + (y1 - y0 - font.size) / 2), "5.1.2e", font=font,
               fill=255)
    return True


def pen_line(d, points, rgb, width):
    d.line(points, fill=rgb, width=width, joint="curve")


def draw_tick(doc, spec, xrng, layer, colour):
    rows = doc.table["rows"]
    i = xrng.randrange(len(rows))
    page, top, bottom, cells = rows[i]
    span = 2 if xrng.random() < 0.4 and i + 1 < len(rows) and rows[i + 1][0] == page else 1
    bottom = rows[i + span - 1][2]
    kind = xrng.choice(sorted(cells))
    x0, x1 = cells[kind]
    rgb = ink(colour, BALLPOINT)
    width = max(2, mm(doc.dpi, 0.35))
    # Light: the ballpoint's layer is half transparent over the digits.
    img = Image.new("L", layer(page).size, 0)
    d = ImageDraw.Draw(img)
    if xrng.random() < 0.5:
        # A tick: short down stroke, long up stroke, across the number's right half.
        mx = x0 + (x1 - x0) * xrng.uniform(0.3, 0.6)
        pts = [(mx - (bottom - top) * 0.3, (top + bottom) / 2), (mx, bottom),
               (mx + (bottom - top) * 0.9, top - (bottom - top) * 0.3)]
    else:
        pts = [(x0 - mm(doc.dpi, 2), bottom), (x1 + mm(doc.dpi, 2), top)]
    pen_line(d, pts, 255, width)
    # Half-transparent in colour; a grey copy or a fax keeps the pen dark or loses it.
    strength = 0.6 if colour else 0.95
    mask = img.point(lambda v: int(v * strength))
    layer(page).paste(rgb, (0, 0) + img.size, mask)
    return True


def draw_underline(doc, spec, xrng, layer, colour):
    rows = doc.table["rows"]
    page, top, bottom, cells = rows[xrng.randrange(len(rows))]
    box = doc.table["boxes"][page]
    x0 = box[0] + xrng.randint(0, mm(doc.dpi, 10))
    x1 = box[2] - xrng.randint(0, mm(doc.dpi, 10))
    y = bottom + mm(doc.dpi, 0.4)
    rgb = ink(colour, xrng.choice([BALLPOINT, (30, 30, 30)]))
    pts = [(x, y + xrng.uniform(-1, 1) * mm(doc.dpi, 0.3) + (x - x0) * xrng.uniform(-0.01, 0.01))
           for x in range(x0, x1, max(8, mm(doc.dpi, 6)))]
    img = Image.new("L", layer(page).size, 0)
    pen_line(ImageDraw.Draw(img), pts, 255, max(2, mm(doc.dpi, 0.35)))
    strength = 0.75 if colour else 0.95
    layer(page).paste(rgb, (0, 0) + img.size, img.point(lambda v: int(v * strength)))
    return True


def draw_punchholes(doc, spec, xrng, layer, colour):
    r = mm(doc.dpi, 3)
    cx = mm(doc.dpi, xrng.uniform(10, 13))
    mid = doc.h // 2 + mm(doc.dpi, xrng.uniform(-8, 8))
    shade = xrng.randint(15, 60)
    for page in range(len(doc.pages)):
        d = ImageDraw.Draw(layer(page))
        for cy in (mid - mm(doc.dpi, 40), mid + mm(doc.dpi, 40)):
            d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=(shade,) * 3)
    return True


def draw_border(doc, spec, xrng, layer, colour):
    edges = xrng.sample(["left", "right", "top", "bottom"], xrng.randint(1, 3))
    # Never into the text: the band stays 2 mm clear of the table and the margins.
    left_room = min([b[0] for b in doc.table["boxes"].values()] + [doc.margin_x])
    right_room = doc.w - max([b[2] for b in doc.table["boxes"].values()] + [doc.w - doc.margin_x])
    room = {"left": left_room, "right": right_room, "top": doc.margin_top,
            "bottom": doc.margin_bottom - doc.line_h}
    shade = xrng.randint(10, 50)
    for page in range(len(doc.pages)):
        d = ImageDraw.Draw(layer(page))
        for edge in edges:
            limit = max(mm(doc.dpi, 2), room[edge] - mm(doc.dpi, 2))
            width = min(mm(doc.dpi, xrng.uniform(2, 15)), limit)
            d.polygon(ragged_band(xrng, edge, width, doc.w, doc.h, doc.dpi), fill=(shade,) * 3)
    return True


def ragged_band(xrng, edge, width, w, h, dpi):
    length = h if edge in ("left", "right") else w
    step = max(4, mm(dpi, 3))
    inner, depth = [], width
    for t in range(0, length + step, step):
        depth = min(width, max(width * 0.5, depth + xrng.uniform(-1, 1) * mm(dpi, 0.8)))
        inner.append((t, depth))
    if edge == "left":
        return [(0, 0)] + [(d, t) for t, d in inner] + [(0, h)]
    if edge == "right":
        return [(w, 0)] + [(w - d, t) for t, d in inner] + [(w, h)]
    if edge == "top":
        return [(0, 0)] + [(t, d) for t, d in inner] + [(w, 0)]
    return [(0, h)] + [(t, h - d) for t, d in inner] + [(w, h)]


ARTEFACT_DRAWERS = {"stamp": draw_stamp, "redaction": draw_redaction, "tick": draw_tick,
                    "underline": draw_underline, "punchholes": draw_punchholes,
                    "border": draw_border}


def apply_layer(page, layer, angle, grey):
    """Multiplies the page by the ink layer, turned by the page's skew."""
    if layer is None:
        return page
    if abs(angle) > 0.01:
        layer = layer.rotate(angle, resample=Image.BICUBIC, expand=False,
                             fillcolor=(255, 255, 255))
    layer = layer.filter(ImageFilter.GaussianBlur(0.6))
    if grey or layer.convert("HSV").getextrema()[1][1] < 40:
        return ImageChops.multiply(page.convert("L"), layer.convert("L"))
    return ImageChops.multiply(page.convert("RGB"), layer)


def person_name(xrng):
    return xrng.choice(PERSON_NAMES)
