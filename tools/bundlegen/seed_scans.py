#!/usr/bin/python3
"""Do the seeds read the same printed and scanned as from their text dumps?

Prints each seed text (samples/seeds, NNN_*.txt) on A4 and scans it at office
quality (bundlescan.py, deterministic by --seed), runs `verdeelscan extract`
on the text dump and on the scan, and compares the fields of the records:
kind, status, meta, the kind's own fields (prt, ibt, ...), figures, checks
and unread fields. Provenance differs by medium and is not compared (line
numbers, pages, boxes, confidences, source, evidence, redactions, whether a
letter table was read from tab columns or word boxes, and the page_quality
check, which only OCR has). A field the scan read unsure (a failing
field.confidence check, the record needs_review) is listed apart: its value
must still equal the dump's. Prints
every difference as "seed pointer: dump=... scan=..." and exits 1 when any
difference other than the KNOWN ones below.

Usage: seed_scans.py --verdeelscan BIN --seeds DIR --out DIR [--seed S] [NNN ...]
"""

import argparse
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

# Keys that say where a value was read, not what: they differ by medium.
PROVENANCE = {"line", "lines", "page", "pages", "bbox", "box", "confidence", "source",
              "evidence", "redactions", "sha256", "header_line",
              "layout",  # how a letter's table was read: tab columns or word boxes
              "field_confidence"}  # how sure the recogniser was of each field
# Checks only a medium has: how well OCR read each page, and which fields it
# read unsure (field.confidence: a doubt, not a different value; a failing one
# makes the scan's record needs_review, which is reported apart below).
MEDIUM_CHECKS = {"page_quality", "field.confidence"}


# Differences known and not yet mended, each with why; printed, not counted.
# Any other difference fails.
KNOWN = {
    ("003", "/0/deadlines/0/what"):
        "the '➢' bullet before 'Dit betekent' is read as '0', so no sentence ends there",
    ("003", "/0/deadlines/1/what"): "the same sentence",
    ("004", "/0/ibt/verdict_sentence"):
        "the scan has a paragraph break after the table, so the sentence starts after it",
}


def flatten(value, pointer, out):
    if isinstance(value, dict):
        for key, v in value.items():
            if key not in PROVENANCE:
                flatten(v, f"{pointer}/{key}", out)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            flatten(v, f"{pointer}/{i}", out)
    else:
        out[pointer] = value
    return out


def extract(verdeelscan, path):
    run = subprocess.run([verdeelscan, "extract", path, "--format", "json"], capture_output=True,
                         text=True, check=False)
    if not run.stdout.strip():
        sys.exit(f"{path}: verdeelscan extract printed nothing: {run.stderr.strip()}")
    records = json.loads(run.stdout)
    return records if isinstance(records, list) else [records]


def fields(records):
    out = {}
    for i, r in enumerate(records):
        r = dict(r)
        r["checks"] = [c for c in r.get("checks", []) if c.get("id") not in MEDIUM_CHECKS]
        flatten(r, f"/{i}", out)
    return out


def doubted_fields(records):
    """The fields a scan's records flag as read unsure (failing field.confidence)."""
    return [c.get("actual", {}).get("field", "?") for r in records for c in r.get("checks", [])
            if c.get("id") == "field.confidence" and c.get("status") == "fail"]


def differences(dump, scan):
    a, b = fields(dump), fields(scan)
    # A record the scan holds for review only because a field was read unsure
    # has the dump's values: its status is a doubt, not a wrong field.
    if doubted_fields(scan):
        for i, (d, s) in enumerate(zip(dump, scan)):
            if s.get("status") == "needs_review" and d.get("status") in ("valid", "repaired"):
                b[f"/{i}/status"] = a.get(f"/{i}/status")
    diffs = []
    for pointer in sorted(set(a) | set(b), key=lambda p: [int(x) if x.isdigit() else x
                                                          for x in p.split("/")[1:]]):
        if a.get(pointer) != b.get(pointer):
            diffs.append((pointer, a.get(pointer, "(absent)"), b.get(pointer, "(absent)")))
    return diffs


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("names", nargs="*", default=["000", "002", "003", "004"])
    ap.add_argument("--verdeelscan", required=True)
    ap.add_argument("--seeds", required=True, help="the folder of the seed texts")
    ap.add_argument("--out", required=True, help="where the scanned PDFs are written")
    ap.add_argument("--seed", type=int, default=21, help="the print and scan draw")
    args = ap.parse_args()
    import bundlescan  # noqa: E402 (needs PIL)
    os.makedirs(args.out, exist_ok=True)
    total = 0
    for name in args.names:
        texts = [f for f in sorted(os.listdir(args.seeds))
                 if f.startswith(name + "_") and f.endswith(".txt")]
        if not texts:
            sys.exit(f"no seed {name}_*.txt in {args.seeds}")
        text = os.path.join(args.seeds, texts[0])
        pdf = os.path.join(args.out, f"seed_{name}_office_s{args.seed}.pdf")
        pages = bundlescan.print_file(text, pdf, args.seed)
        scanned = extract(args.verdeelscan, pdf)
        diffs = differences(extract(args.verdeelscan, text), scanned)
        doubted = doubted_fields(scanned)
        if doubted:
            print(f"seed {name}: read unsure and held for review, values equal: "
                  + ", ".join(doubted))
        known = [d for d in diffs if (name, d[0]) in KNOWN]
        print(f"seed {name}: {pages} pages, {len(diffs) - len(known)} differences"
              f" ({len(known)} known)")
        for pointer, a, b in diffs:
            why = KNOWN.get((name, pointer))
            print(f"  {name} {pointer}: dump={json.dumps(a, ensure_ascii=False)} "
                  f"scan={json.dumps(b, ensure_ascii=False)}" + (f" KNOWN: {why}" if why else ""))
        total += len(diffs) - len(known)
    print(f"{total} differences in {len(args.names)} seeds")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
