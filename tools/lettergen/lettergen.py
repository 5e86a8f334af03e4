#!/usr/bin/python3
"""Letters of every kind with truth, as text dumps and as scans (tools/lettergen).

For each kind (kamerbrief, prt_verslag, informatiebericht, ibt_brief,
begeleidende_brief, email) --count documents are drawn (kinds.py: dates,
references, names, provinces, municipalities, agenda items and their count,
paragraph lengths, the order of optional parts, letter heads, signature
blocks) and written as

  KIND_sSEED.txt             the text dump
  KIND_sSEED.QUALITY.pdf     printed on A4 (tools/bundlegen/bundlescan.py's
                             printer: one font, 10-11 pt) and scanned at the
                             quality of the table sweeps (clean, office,
                             photocopy: tools/scangen's degrade and
                             realworld's quality classes), one per --qualities
  KIND_sSEED.truth.json      {"kind", "seed", "fields": {pointer: value}}

Everything is drawn from --seed: the same seed gives the same files.
letter_eval.py scores `verdeelscan extract` on them.

Usage: lettergen.py OUTDIR [--count N] [--seed S] [--kinds k1,k2] [--qualities clean,office,photocopy]
"""

import argparse
import json
import os
import random
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import kinds  # noqa: E402

QUALITIES = ("clean", "office", "photocopy")


def scan_modules():
    """bundlescan (the printer), scangen (degrade) and realworld (quality classes)."""
    tools = os.path.dirname(HERE)
    for sub in ("bundlegen", "scangen"):
        sys.path.insert(0, os.path.join(tools, sub))
    import bundlescan  # noqa: E402 (needs PIL, only for scans)
    import realworld  # noqa: E402
    import scangen  # noqa: E402
    scangen.require_fonts()
    return bundlescan, scangen, realworld


def print_pages(bundlescan, rng, dpi, lines):
    """The lines on A4 pages, as bundlescan prints them (gaps for blank lines, tables)."""
    p = bundlescan.Printer(rng, dpi)
    bundlescan.print_lines(p, lines)
    return p.pages


def scan(lines, quality, seed, path):
    """Prints and scans the document at `quality`; deterministic by seed and quality."""
    bundlescan, scangen, realworld = scan_modules()
    rng = random.Random(f"{seed}-{quality}")
    spec = bundlescan.office_spec(rng)
    spec["dpi"] = rng.choice([200, 200, 240])
    realworld.apply_quality(spec, quality, rng)
    dpi = spec["dpi"]
    pages = print_pages(bundlescan, rng, dpi, lines)
    if quality == "photocopy":
        scans = [realworld.photocopy(pg, rng, dpi, spec) for pg in pages]
    else:
        scans = [scangen.degrade(pg, rng, dpi, spec) for pg in pages]
    stamp = time.gmtime(1734696000)  # fixed dates: the same seed gives the same bytes
    scans[0].save(path, "PDF", save_all=True, append_images=scans[1:], resolution=float(dpi),
                  quality=80, creationDate=stamp, modDate=stamp)
    return len(scans)


def generate(outdir, kind, seed, qualities, munis):
    rng = random.Random(f"{kind}-{seed}")
    lines, fields = kinds.WRITERS[kind](rng, munis)
    name = os.path.join(outdir, f"{kind}_s{seed}")
    with open(name + ".txt", "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    truth = {"kind": kind, "seed": seed, "fields": fields, "pages": {}}
    for q in qualities:
        truth["pages"][q] = scan(lines, q, seed, f"{name}.{q}.pdf")
    with open(name + ".truth.json", "w", encoding="utf-8") as f:
        json.dump(truth, f, indent=1, ensure_ascii=False)
        f.write("\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("outdir")
    ap.add_argument("--count", type=int, default=20, help="documents per kind")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--kinds", default=",".join(kinds.WRITERS))
    ap.add_argument("--qualities", default="",
                    help="comma list of clean,office,photocopy (none: text dumps only)")
    args = ap.parse_args()
    chosen = [k for k in args.kinds.split(",") if k]
    qualities = [q for q in args.qualities.split(",") if q]
    for k in chosen:
        if k not in kinds.WRITERS:
            sys.exit(f"unknown kind {k!r} (one of {', '.join(kinds.WRITERS)})")
    for q in qualities:
        if q not in QUALITIES:
            sys.exit(f"unknown quality {q!r} (one of {', '.join(QUALITIES)})")
    os.makedirs(args.outdir, exist_ok=True)
    munis = kinds.load_municipalities()
    for k in chosen:
        for i in range(args.count):
            generate(args.outdir, k, args.seed + i, qualities, munis)
    print(f"wrote {args.count} documents of each of {len(chosen)} kinds to {args.outdir}"
          + (f" (text and {', '.join(qualities)} scans)" if qualities else " (text)"))


if __name__ == "__main__":
    main()
