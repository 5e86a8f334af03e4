#!/usr/bin/python3
"""Scores the split of generated bundles (tools/bundlegen) into records.

For every NAME.truth.json in DIR it runs `verdeelscan extract --format jsonl`
on NAME.txt or NAME.pdf and compares the records with the truth:

  found      a record of the right kind starting where the document starts:
             on a text dump its first non-blank line, on a scan its page
  swallowed  no record starts at the document, and the record holding its
             start also holds the start of another document
  no record  text: non-blank lines that lie in no record's line range
             (source.lines); scan: pages in no record's source.page_range
  overlap    text: non-blank lines in two records or more

Prints one line per document that is not found, then the totals per kind
and overall. --json writes the totals as JSON; --fail-on-loss exits 1 when a
line or page lies in no record or a line in two (the coverage invariant),
--min-found S when less than share S of the documents is found.

Usage: bundle_eval.py DIR --verdeelscan BUILD/verdeelscan [--jobs 2] [--json] [--fail-on-loss]
                      [--min-found S] [--keep TAG [--cached-only]] [--extract-args ARGS]
"""

import argparse
import collections
import concurrent.futures
import json
import os
import subprocess
import sys


def extract(binary, path, keep, extra):
    """The records of `path`; with `keep`, read from / written to PATH.KEEP.jsonl, so that a
    long scan sweep can be scored again (or on the bundles done so far) without OCR."""
    kept = f"{path}.{keep}.jsonl" if keep else None
    if kept and os.path.exists(kept):
        with open(kept, encoding="utf-8") as f:
            out = f.read()
    else:
        out = subprocess.run([binary, "extract", "--format", "jsonl", *extra, path],
                             capture_output=True, text=True).stdout
        if kept:
            with open(kept, "w", encoding="utf-8") as f:
                f.write(out)
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def text_starts(records, lines):
    """(first non-blank line, last line, kind) of every record, 1-based."""
    out = []
    for r in records:
        first, last = r.get("source", {}).get("lines", [0, 0])
        start = first
        while start <= last and start - 1 < len(lines) and not lines[start - 1].strip():
            start += 1
        out.append((start, first, last, r.get("kind")))
    return out


def score_text(truth, records, path):
    with open(path, encoding="utf-8", errors="replace") as f:
        lines = f.read().split("\n")
    recs = text_starts(records, lines)
    starts = [d["first_text_line"] for d in truth["documents"]]
    res = collections.Counter()
    misses = []
    for d in truth["documents"]:
        at = d["first_text_line"]
        res["documents"] += 1
        mine = [r for r in recs if r[0] == at]
        if any(r[3] == d["kind"] for r in mine):
            res["found"] += 1
            continue
        holder = [r for r in recs if r[1] <= at <= r[2]]
        swallowed = not mine and any(
            r[1] <= s <= r[2] and s != at for r in holder for s in starts)
        res["swallowed"] += swallowed
        got = ",".join(f"{r[3]}@{r[0]}" for r in (mine or holder)) or "none"
        misses.append(f"{d['kind']} at line {at} ({d['source']}): "
                      f"{'swallowed by' if swallowed else 'got'} {got}")
    for i, line in enumerate(lines, 1):
        if not line.strip():
            continue
        n = sum(1 for r in recs if r[1] <= i <= r[2])
        res["lines_in_no_record"] += n == 0
        res["lines_in_two_records"] += n > 1
    return res, misses


def score_scan(truth, records):
    res = collections.Counter()
    misses = []
    ranges = [tuple(r["source"].get("page_range", [0, 0])) + (r.get("kind"),)
              for r in records if "source" in r]
    starts = [d["first_page"] for d in truth["documents"]]
    for d in truth["documents"]:
        at = d["first_page"]
        res["documents"] += 1
        mine = [r for r in ranges if r[0] == at]
        if any(r[2] == d["kind"] for r in mine):
            res["found"] += 1
            continue
        holder = [r for r in ranges if r[0] <= at <= r[1]]
        swallowed = not mine and any(
            r[0] <= s <= r[1] and s != at for r in holder for s in starts)
        res["swallowed"] += swallowed
        got = ",".join(f"{r[2]}@p{r[0]}-{r[1]}" for r in (mine or holder)) or "none"
        misses.append(f"{d['kind']} at page {at} ({d['source']}): "
                      f"{'swallowed by' if swallowed else 'got'} {got}")
    pages = max([r.get("source", {}).get("pages", 0) for r in records] +
                [d["last_page"] for d in truth["documents"]])
    res["pages"] = pages
    for p in range(1, pages + 1):
        res["pages_in_no_record"] += not any(r[0] <= p <= r[1] for r in ranges)
    return res, misses


def score(binary, truth_path, keep=None, cached_only=False, extra=()):
    with open(truth_path, encoding="utf-8") as f:
        truth = json.load(f)
    base = truth_path[: -len(".truth.json")]
    path = base + (".txt" if truth["form"] == "text" else ".pdf")
    if cached_only and not os.path.exists(f"{path}.{keep}.jsonl"):
        return None
    records = extract(binary, path, keep, extra)
    if truth["form"] == "text":
        res, misses = score_text(truth, records, path)
    else:
        res, misses = score_scan(truth, records)
    per_kind = collections.defaultdict(collections.Counter)
    missed_at = {m.split(" (")[0] for m in misses}
    for d in truth["documents"]:
        at = d.get("first_text_line") or d.get("first_page")
        where = f"line {at}" if truth["form"] == "text" else f"page {at}"
        per_kind[d["kind"]]["documents"] += 1
        per_kind[d["kind"]]["found"] += f"{d['kind']} at {where}" not in missed_at
    return os.path.basename(base), res, misses, per_kind


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dir")
    ap.add_argument("--verdeelscan", required=True)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--fail-on-loss", action="store_true")
    ap.add_argument("--extract-args", default="",
                    help="more options of `verdeelscan extract`, e.g. '--dpi 200 --no-reread'")
    ap.add_argument("--keep", metavar="TAG",
                    help="keep each file's records in NAME.EXT.TAG.jsonl and reuse them")
    ap.add_argument("--cached-only", action="store_true",
                    help="with --keep: score only the files whose records are kept")
    ap.add_argument("--min-found", type=float, default=0.0,
                    help="exit 1 when fewer than this share of documents is found")
    args = ap.parse_args()
    truths = sorted(os.path.join(args.dir, f) for f in os.listdir(args.dir)
                    if f.endswith(".truth.json"))
    total = collections.Counter()
    kinds = collections.defaultdict(collections.Counter)
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        results = list(pool.map(
            lambda t: score(args.verdeelscan, t, args.keep, args.cached_only,
                            args.extract_args.split()), truths))
    for name, res, misses, per_kind in filter(None, results):
        total.update(res)
        total["bundles"] += 1
        for k, c in per_kind.items():
            kinds[k].update(c)
        for m in misses:
            if not args.json:
                print(f"{name}: {m}")
        loss = res["lines_in_no_record"] + res["lines_in_two_records"] + res["pages_in_no_record"]
        if loss and not args.json:
            print(f"{name}: COVERAGE lines in no record {res['lines_in_no_record']}, in two "
                  f"{res['lines_in_two_records']}, pages in no record {res['pages_in_no_record']}")
    if args.json:
        print(json.dumps({"total": total, "kinds": kinds}, indent=1, sort_keys=True))
    else:
        for k in sorted(kinds):
            print(f"  {k:20s} {kinds[k]['found']:4d} / {kinds[k]['documents']:4d} found")
        print(f"bundles {total['bundles']}, documents {total['documents']}, found with the right "
              f"kind and start {total['found']}, swallowed {total['swallowed']}, non-blank lines "
              f"in no record {total['lines_in_no_record']}, in two records "
              f"{total['lines_in_two_records']}, pages {total['pages']}, pages in no record "
              f"{total['pages_in_no_record']}")
    loss = total["lines_in_no_record"] + total["lines_in_two_records"] + total["pages_in_no_record"]
    if total["found"] < args.min_found * total["documents"]:
        return 1
    return 1 if args.fail_on_loss and loss else 0


if __name__ == "__main__":
    sys.exit(main())
