#!/usr/bin/python3
"""Pages of every quality class, for calibrating the page-quality check.

Writes CLASS_SEED.png (grayscale, 200 DPI tag) into OUTDIR for each class:

  readable (the check must pass them):
    nl_prose      Dutch prose, as in a scanned manual or letter
    en_prose      English prose (a readable non-document)
    table         a verdeelbesluit-like page: heading, prose, allocation table
    table_sparse  the table alone with few rows (a short, mostly numeric page)
    blank         a white page with faint paper grain
    blank_dust    a white page with a few specks of dust
  unreadable (the check must flag them):
    table_rot180  the table page upside down
    table_rot90   the table page turned a quarter
    ru_prose      Russian prose (another script)
    el_prose      Greek prose (another script)
    black         an almost black page (a scan with the lid open)
    noise         uniform random noise
    photo         a photograph-like page: smooth gradients, blobs and grain
    noisy_blank   a blank page under heavy speckle (a dirty photocopy)

Every page gets mild scan damage (blur, sensor noise) drawn from the seed, so
several seeds give a spread of measurements per class. Development tool
only (Debian python3-pil and fonts-dejavu-core); the product never runs it.

Usage: quality_pages.py OUTDIR [--seeds N] [--classes a,b,...] [--small] [--bilevel]
  --small    half-height pages (faster OCR)
  --bilevel  1-bit pages (small files; how samples/formats/page_*.png were made:
             --seeds 1 --small --bilevel --classes ru_prose,en_prose)
"""

import argparse
import csv
import os
import random

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
REFERENCE = os.path.join(ROOT, "reference", "gemeenten_2024.csv")
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
FONT_SANS = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
DPI = 200
A4 = (1654, 2339)  # pixels at 200 DPI

NL = ("Deze handleiding beschrijft hoe u het apparaat installeert en onderhoudt. "
      "Lees de aanwijzingen zorgvuldig voordat u begint en bewaar de handleiding "
      "voor later gebruik. Het apparaat is bestemd voor gebruik binnenshuis en mag "
      "niet worden blootgesteld aan vocht of hoge temperaturen. Controleer na het "
      "uitpakken of alle onderdelen aanwezig zijn en of er geen zichtbare schade is. "
      "Neem bij twijfel contact op met de leverancier. Plaats het apparaat op een "
      "vlakke en stevige ondergrond, met voldoende ruimte voor ventilatie aan alle "
      "zijden. Sluit het pas aan op het stopcontact nadat de montage volledig is "
      "afgerond. De gemeente verzamelt oude apparaten gratis in; breng ze naar het "
      "milieupark of vraag een afspraak aan voor het ophalen aan huis.")
EN = ("This manual describes how to install and maintain the appliance. Read the "
      "instructions carefully before you start and keep the manual for later use. "
      "The appliance is intended for indoor use only and must not be exposed to "
      "moisture or high temperatures. After unpacking, check that all parts are "
      "present and that there is no visible damage. If in doubt, contact your "
      "supplier. Place the appliance on a flat and stable surface, with enough room "
      "for ventilation on all sides. Connect it to the mains only after assembly "
      "has been completed. Old appliances are collected free of charge by the "
      "municipality; take them to the recycling centre or book a collection.")
RU = ("Настоящее руководство описывает установку и обслуживание прибора. "
      "Внимательно прочитайте инструкции перед началом работы и сохраните "
      "руководство для дальнейшего использования. Прибор предназначен только для "
      "использования в помещении и не должен подвергаться воздействию влаги или "
      "высоких температур. После распаковки проверьте наличие всех деталей и "
      "отсутствие видимых повреждений. В случае сомнений обратитесь к поставщику. "
      "Установите прибор на ровную и устойчивую поверхность.")
EL = ("Το παρόν εγχειρίδιο περιγράφει την εγκατάσταση και τη συντήρηση της "
      "συσκευής. Διαβάστε προσεκτικά τις οδηγίες πριν ξεκινήσετε και φυλάξτε το "
      "εγχειρίδιο για μελλοντική χρήση. Η συσκευή προορίζεται μόνο για χρήση σε "
      "εσωτερικούς χώρους και δεν πρέπει να εκτίθεται σε υγρασία ή υψηλές "
      "θερμοκρασίες. Μετά την αποσυσκευασία ελέγξτε ότι υπάρχουν όλα τα μέρη.")


def municipalities():
    with open(REFERENCE, encoding="utf-8") as f:
        return [row["name"] for row in csv.DictReader(f)]


def wrap(draw, text, font, width):
    lines, line = [], ""
    for word in text.split():
        trial = (line + " " + word).strip()
        if draw.textlength(trial, font=font) > width and line:
            lines.append(line)
            line = word
        else:
            line = trial
    if line:
        lines.append(line)
    return lines


def prose_page(size, text, rng):
    img = Image.new("L", size, 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, rng.choice([30, 32, 34]))  # 11-12 pt at 200 DPI
    y = 150
    title = text.split(".")[0][:40]
    draw.text((150, y), title, font=ImageFont.truetype(FONT_SANS, 44), fill=0)
    y += 100
    while y < size[1] - 200:
        for line in wrap(draw, text, font, size[0] - 300):
            if y > size[1] - 200:
                break
            draw.text((150, y), line, font=font, fill=0)
            y += 46
        y += 40
    return img


def table_page(size, rng, rows):
    img = Image.new("L", size, 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, 30)
    bold = ImageFont.truetype(FONT_SANS, 34)
    names = rng.sample(municipalities(), rows)
    y = 120
    if rows > 6:
        for line in ["Verdeelbesluit asielzoekers 2024",
                     "Besluit van de Minister van Asiel en Migratie over de",
                     "verdeling van opvangplaatsen over de gemeenten.",
                     "Artikel I"]:
            draw.text((150, y), line, font=bold if y == 120 else font, fill=0)
            y += 52
        y += 30
    cols = [150, 700, 1050, 1350]
    for x, head in zip(cols, ["Gemeente", "Regulier", "Amv", "Totaal"]):
        draw.text((x, y), head, font=bold, fill=0)
    y += 60
    draw.line((140, y - 8, 1550, y - 8), fill=0, width=3)
    sums = [0, 0, 0]
    for name in names:
        reg, amv = rng.randint(0, 900), rng.randint(0, 90)
        vals = [reg, amv, reg + amv]
        for k in range(3):
            sums[k] += vals[k]
        draw.text((cols[0], y), name, font=font, fill=0)
        for x, v in zip(cols[1:], vals):
            draw.text((x, y), f"{v:,}".replace(",", "."), font=font, fill=0)
        y += 44
        if y > size[1] - 150:
            break
    draw.text((cols[0], y), "Totaal", font=bold, fill=0)
    for x, v in zip(cols[1:], sums):
        draw.text((x, y), f"{v:,}".replace(",", "."), font=bold, fill=0)
    return img


def photo_page(size, rng):
    w, h = size
    small = Image.new("L", (w // 8, h // 8))
    px = small.load()
    cx, cy = rng.uniform(0, w // 8), rng.uniform(0, h // 8)
    for y in range(h // 8):
        for x in range(w // 8):
            d = ((x - cx) ** 2 + (y - cy) ** 2) ** 0.5
            px[x, y] = int(128 + 100 * ((x + y) / (w // 8 + h // 8) - 0.5) + 40 * ((d // 25) % 2))
    img = small.resize(size, Image.BICUBIC)
    draw = ImageDraw.Draw(img)
    for _ in range(25):  # objects: dark and light blobs
        x, y, r = rng.uniform(0, w), rng.uniform(0, h), rng.uniform(40, 300)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=rng.randint(0, 255))
    return grain(img.filter(ImageFilter.GaussianBlur(6)), rng, 18)


def grain(img, rng, sigma):
    """Adds Gaussian sensor noise of `sigma` grey levels."""
    if sigma <= 0:
        return img
    noise = Image.effect_noise(img.size, sigma)  # centred on 128
    return ImageChops.add(img, noise, 1, -128)


def specks(img, rng, count, radius):
    draw = ImageDraw.Draw(img)
    w, h = img.size
    for _ in range(count):
        x, y = rng.uniform(0, w), rng.uniform(0, h)
        r = rng.uniform(0.5, radius)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=rng.randint(0, 80))
    return img


def scan_damage(img, rng):
    img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 0.9)))
    return grain(img, rng, rng.choice([4, 8, 12]))


def make(cls, size, rng):
    w, h = size
    if cls == "nl_prose":
        return scan_damage(prose_page(size, NL, rng), rng)
    if cls == "en_prose":
        return scan_damage(prose_page(size, EN, rng), rng)
    if cls == "ru_prose":
        return scan_damage(prose_page(size, RU, rng), rng)
    if cls == "el_prose":
        return scan_damage(prose_page(size, EL, rng), rng)
    if cls == "table":
        return scan_damage(table_page(size, rng, 40), rng)
    if cls == "table_sparse":
        return scan_damage(table_page(size, rng, rng.randint(3, 5)), rng)
    if cls == "table_rot180":
        return scan_damage(table_page(size, rng, 40).rotate(180), rng)
    if cls == "table_rot90":
        # The page is turned, so its frame is landscape.
        page = table_page((h, w) if h > w else size, rng, 40)
        return scan_damage(page.rotate(90, expand=True), rng)
    if cls == "blank":
        return grain(Image.new("L", size, 245), rng, 6)
    if cls == "blank_dust":
        return grain(specks(Image.new("L", size, 245), rng, 12, 3), rng, 6)
    if cls == "noisy_blank":
        return grain(specks(Image.new("L", size, 235), rng, 4000, 4), rng, 30)
    if cls == "black":
        return grain(Image.new("L", size, rng.randint(8, 30)), rng, 10)
    if cls == "noise":
        return Image.effect_noise(size, rng.choice([60, 90, 120]))
    if cls == "photo":
        return photo_page(size, rng)
    raise SystemExit(f"unknown class {cls}")


CLASSES = ["nl_prose", "en_prose", "table", "table_sparse", "blank", "blank_dust",
           "table_rot180", "table_rot90", "ru_prose", "el_prose", "black", "noise", "photo",
           "noisy_blank"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("outdir")
    ap.add_argument("--seeds", type=int, default=3)
    ap.add_argument("--classes", default=",".join(CLASSES))
    ap.add_argument("--small", action="store_true")
    ap.add_argument("--bilevel", action="store_true")
    args = ap.parse_args()
    os.makedirs(args.outdir, exist_ok=True)
    size = (A4[0], A4[1] // 2) if args.small else A4
    for cls in args.classes.split(","):
        for seed in range(1, args.seeds + 1):
            rng = random.Random(f"{cls}-{seed}")
            img = make(cls, size, rng)
            if args.bilevel:
                img = img.point(lambda v: 255 if v > 140 else 0).convert("1")
            img.save(os.path.join(args.outdir, f"{cls}_{seed}.png"), dpi=(DPI, DPI))


if __name__ == "__main__":
    main()
