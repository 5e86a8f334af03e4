#!/usr/bin/python3
"""Bundles of mixed documents with truth (tools/bundlegen).

A Woo release often comes as one file holding several documents: letters,
PRT minutes, besluiten, an information bulletin. This generator builds such
files from real documents of every kind, in random order, so that the split
of a file into its documents can be measured:

  - the letters of samples/letters (IBT letters, a kamerbrief, PRT minutes,
    e-mails, the small bundles with their cover letters) and the seeds 000,
    002, 003 (the informatiebericht, which opens with the section heading
    "Inleiding en doel" and no letterhead) and 004, each with the kinds and
    line ranges of its documents from its NAME.expected.json;
  - verdeelbesluit dumps made by tools/dumpgen (verdeelscan-dumpgen, with
    neither e-mails nor a cover letter, so that the dump is one besluit).

Forms (--form):
  text  NAME.txt: the documents one after the other, one blank line between.
        Truth: each document's kind, first and last line (1-based), and the
        first line that is not blank (where a record must start).
  scan  NAME.pdf: every text line printed on A4 pages (a document starts on
        a new page), each page treated like an office scan (skew, blur, grey
        paper, noise, JPEG; scangen.py's degrade). Truth: each document's
        kind, first and last page.

NAME.truth.json holds {"form", "documents": [...], "components": [...]}.
Everything is drawn from --seed: the same seed gives the same bundles.

Usage: bundlegen.py OUTDIR --dumpgen BUILD/verdeelscan-dumpgen [--count N] [--seed S]
                    [--form text|scan] [--min-docs 5] [--max-docs 8] [--bulletin-rate 0.75]
"""

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LETTERS = os.path.join(ROOT, "samples", "letters")
BULLETIN = "seed_003_informatiebericht.expected.json"
# Too long to print page by page for a scanned bundle (1970 OCR lines).
NOT_SCANNED = {"seed_001_bundle.expected.json"}


def read_lines(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def sample_component(name):
    """A sample of samples/letters: its lines and the documents in it."""
    with open(os.path.join(LETTERS, name), encoding="utf-8") as f:
        exp = json.load(f)
    lines = read_lines(os.path.normpath(os.path.join(LETTERS, exp["file"])))
    docs = []
    for seg in exp["segments"]:
        first, last = seg.get("lines") or [1, len(lines)]
        docs.append({"kind": seg["kind"], "first": first - 1, "last": min(last, len(lines)) - 1})
    return {"source": "samples/letters/" + name, "lines": lines, "docs": docs}


def besluit_component(dumpgen, seed, tmp, max_rows):
    """A verdeelbesluit dump of tools/dumpgen: one document, the whole file."""
    out = os.path.join(tmp, f"s{seed}")
    subprocess.run([dumpgen, "--seed", str(seed), "--count", "1", "--out", out,
                    "--emails-rate", "0", "--cover-letter-rate", "0", "--max-rows", str(max_rows)],
                   check=True, stdout=subprocess.DEVNULL)
    txt = [f for f in os.listdir(out) if f.endswith(".txt")][0]
    lines = read_lines(os.path.join(out, txt))
    return {"source": f"dumpgen seed {seed} ({txt})", "lines": lines,
            "docs": [{"kind": "verdeelbesluit", "first": 0, "last": len(lines) - 1}]}


def letter_pool(form):
    names = sorted(f for f in os.listdir(LETTERS) if f.endswith(".expected.json"))
    names = [n for n in names if n != BULLETIN]
    if form == "scan":
        names = [n for n in names if n not in NOT_SCANNED]
    return names


def draw_components(rng, args, tmp):
    """The components of one bundle, in bundle order."""
    n = rng.randint(args.min_docs, args.max_docs)
    comps = []
    if rng.random() < args.bulletin_rate:
        comps.append(sample_component(BULLETIN))
    for _ in range(rng.choice([1, 1, 2])):
        # Shorter tables on scans: every page is OCR'd, and the split is measured.
        rows = 20 if args.form == "text" else 12
        comps.append(besluit_component(args.dumpgen, rng.randrange(1, 10**6), tmp, rows))
    pool = letter_pool(args.form)
    rng.shuffle(pool)
    while sum(len(c["docs"]) for c in comps) < n and pool:
        comps.append(sample_component(pool.pop()))
    rng.shuffle(comps)
    return comps


def is_blank(line):
    return line.strip() == ""


def text_bundle(comps):
    lines, docs = [], []
    for c in comps:
        if lines:
            lines.append("")
        base = len(lines)
        lines.extend(c["lines"])
        for d in c["docs"]:
            first, last = base + d["first"], base + d["last"]
            start = next((i for i in range(first, last + 1) if not is_blank(lines[i])), first)
            docs.append({"kind": d["kind"], "source": c["source"], "first_line": first + 1,
                         "last_line": last + 1, "first_text_line": start + 1})
    return "\n".join(lines) + "\n", docs


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("outdir")
    ap.add_argument("--dumpgen", required=True, help="the verdeelscan-dumpgen binary")
    ap.add_argument("--count", type=int, default=30)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--form", choices=["text", "scan"], default="text")
    ap.add_argument("--min-docs", type=int, default=5)
    ap.add_argument("--max-docs", type=int, default=8)
    ap.add_argument("--bulletin-rate", type=float, default=0.75,
                    help="share of bundles holding the seed 003 informatiebericht")
    args = ap.parse_args()
    os.makedirs(args.outdir, exist_ok=True)
    if args.form == "scan":
        import bundlescan  # noqa: E402 (needs PIL, only for scans)
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.count):
            seed = args.seed + i
            rng = random.Random(seed)
            comps = draw_components(rng, args, tmp)
            name = f"bundle_{args.form}_s{seed}"
            if args.form == "text":
                text, docs = text_bundle(comps)
                with open(os.path.join(args.outdir, name + ".txt"), "w", encoding="utf-8") as f:
                    f.write(text)
            else:
                docs = bundlescan.write_scan(comps, rng, os.path.join(args.outdir, name + ".pdf"))
            truth = {"form": args.form, "seed": seed, "documents": docs,
                     "components": [c["source"] for c in comps]}
            with open(os.path.join(args.outdir, name + ".truth.json"), "w", encoding="utf-8") as f:
                json.dump(truth, f, indent=1, ensure_ascii=False)
                f.write("\n")
    print(f"wrote {args.count} {args.form} bundles to {args.outdir}")


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    main()
