#!/usr/bin/python3
"""Scores `verdeelscan extract` on generated letters (tools/lettergen).

For every NAME.truth.json in DIR and every form asked for (--forms: "text" is
NAME.txt, a quality such as "office" is NAME.office.pdf) it runs
`verdeelscan extract --format jsonl`, takes the file's record of the truth's
kind (else its first record) and compares the record with the truth:

  kind         the record's kind is a field like the others
  fields       every truth pointer: exact JSON equality ("/prt/actions/*/owner"
               projects a list, "#/prt/actions" is its length)
  exact        documents with every field right
  flagged      documents with a wrong field whose record is needs_review or
               failed; "named" of them: a check that does not pass, or
               unread_fields, names every wrong field ("meta.reference")
  SILENT       documents with a wrong field whose record is valid or repaired
  split        files that gave more than one record

Prints a table per kind and form, then the total per form; --verbose adds
every wrong field (file, kind, field, got, want, status). --json prints the
totals as JSON. As a test: --max-silent N exits 1 when more documents are
silent, --min-exact S when the share of exact documents of a form is below S.
--keep TAG keeps each file's records in FILE.TAG.jsonl and reuses them
(--cached-only: scores only the files whose records are kept, e.g. while a
sweep still runs).

Usage: letter_eval.py DIR --verdeelscan BUILD/verdeelscan [--forms text,office] [--jobs 2]
                      [--verbose] [--json] [--max-silent N] [--min-exact S]
                      [--keep TAG [--cached-only]]
"""

import argparse
import collections
import concurrent.futures
import json
import os
import subprocess
import sys

FLAGGED_STATUSES = ("needs_review", "failed")
MISSING = object()


def extract(binary, path, keep):
    kept = f"{path}.{keep}.jsonl" if keep else None
    if kept and os.path.exists(kept):
        with open(kept, encoding="utf-8") as f:
            out = f.read()
    else:
        out = subprocess.run([binary, "extract", "--format", "jsonl", path],
                             capture_output=True, text=True).stdout
        if kept:
            with open(kept, "w", encoding="utf-8") as f:
                f.write(out)
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def resolve(record, pointer):
    """The value at a JSON pointer; "*" projects a list; a leading "#" takes a length."""
    count = pointer.startswith("#")
    parts = pointer.lstrip("#").strip("/").split("/")

    def walk(node, rest):
        if not rest:
            return node
        head, tail = rest[0], rest[1:]
        if head == "*":
            if not isinstance(node, list):
                return MISSING
            vals = [walk(n, tail) for n in node]
            return [v for v in vals if v is not MISSING]
        if isinstance(node, list):
            if not head.isdigit() or int(head) >= len(node):
                return MISSING
            return walk(node[int(head)], tail)
        if isinstance(node, dict) and head in node:
            return walk(node[head], tail)
        return MISSING

    value = walk(record, parts)
    if count:
        return len(value) if isinstance(value, list) else 0 if value is MISSING else MISSING
    return value


def field_name(pointer):
    """"/meta/reference" -> "meta.reference"; "/prt/actions/*/owner" -> "prt.actions"."""
    parts = [p for p in pointer.lstrip("#").strip("/").split("/") if p != "*"]
    return ".".join(parts[:2])


def named(record, name):
    """Whether the record names the field: a check that does not pass, or unread_fields."""
    leaf = name.split(".")[-1]
    for c in record.get("checks", []):
        if c.get("status") == "pass":
            continue
        text = f"{c.get('id', '')} {c.get('detail', '')}"
        if name in text or leaf in c.get("id", ""):
            return True
        # A field of a list item names its list: "deadlines.1.date" names
        # the truth's "/deadlines/*/date".
        actual = c.get("actual")
        field = actual.get("field") if isinstance(actual, dict) else None
        if isinstance(field, str):
            parts = [p for p in field.split(".") if not p.isdigit()]
            if ".".join(parts).startswith(name) or ".".join(parts[:2]) == name:
                return True
    return any(name in u or leaf == u for u in record.get("unread_fields", []))


def named_list(record, pointer):
    """Whether a field of a list's items ("/agreements/*/number") is wrong because
    of its list, and a check names the list itself: "informatiebericht.agreements:
    the list may hold more agreements than were read" names the numbers missing."""
    parts = pointer.lstrip("#").strip("/").split("/")
    if "*" not in parts:
        return False
    name = ".".join(parts[: parts.index("*")])
    # A list the record says it could not read ("unread_fields": ["agreements"])
    # names every field of its items.
    if name in record.get("unread_fields", []):
        return True
    for c in record.get("checks", []):
        if c.get("status") == "pass":
            continue
        actual = c.get("actual")
        field = actual.get("field") if isinstance(actual, dict) else None
        if c.get("id", "").split(".")[-1] == name.split(".")[-1] or field == name:
            return True
    return False


def score(binary, truth_path, form, keep, cached_only=False):
    with open(truth_path, encoding="utf-8") as f:
        truth = json.load(f)
    base = truth_path[: -len(".truth.json")]
    path = base + (".txt" if form == "text" else f".{form}.pdf")
    if not os.path.exists(path) or (cached_only and not os.path.exists(f"{path}.{keep}.jsonl")):
        return None
    records = extract(binary, path, keep)
    mine = [r for r in records if r.get("kind") == truth["kind"]]
    record = (mine or records or [{}])[0]
    wrong = []
    if record.get("kind") != truth["kind"]:
        wrong.append(("kind", record.get("kind"), truth["kind"]))
    for pointer, want in truth["fields"].items():
        got = resolve(record, pointer)
        if got != want:
            wrong.append((pointer, None if got is MISSING else got, want))
    status = record.get("status", "none")
    return {"name": os.path.basename(base), "kind": truth["kind"], "form": form,
            "fields": len(truth["fields"]) + 1, "wrong": wrong, "status": status,
            "records": len(records),
            "named": all(p == "kind" or named(record, field_name(p)) or named_list(record, p)
                         for p, _, _ in wrong)}


def seed_then_kind(name):
    """"ibt_brief_s4103.truth.json" -> (4103, "ibt_brief")."""
    kind, _, rest = name.rpartition("_s")
    seed = rest.split(".")[0]
    return (int(seed) if seed.isdigit() else 0, kind)


def tally(results):
    table = collections.defaultdict(collections.Counter)
    for r in results:
        for key in ((r["form"], r["kind"]), (r["form"], "TOTAL")):
            c = table[key]
            c["documents"] += 1
            c["fields"] += r["fields"]
            c["fields_right"] += r["fields"] - len(r["wrong"])
            c["split"] += r["records"] > 1
            if not r["wrong"]:
                c["exact"] += 1
            elif r["status"] in FLAGGED_STATUSES:
                c["flagged"] += 1
                c["flagged_named"] += r["named"]
            else:
                c["silent"] += 1
    return table


def print_table(table, forms):
    print(f"{'form':10s} {'kind':20s} {'docs':>5s} {'fields right':>14s} {'exact':>11s} "
          f"{'flagged(named)':>15s} {'SILENT':>7s} {'split':>6s}")
    for form in forms:
        keys = sorted(k for f, k in table if f == form and k != "TOTAL") + ["TOTAL"]
        for kind in keys:
            c = table.get((form, kind))
            if not c:
                continue
            pct = 100.0 * c["exact"] / c["documents"]
            print(f"{form:10s} {kind:20s} {c['documents']:5d} "
                  f"{c['fields_right']:6d}/{c['fields']:<7d} {c['exact']:4d} {pct:5.1f}% "
                  f"{c['flagged']:8d}({c['flagged_named']:d}) {c['silent']:7d} {c['split']:6d}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dir")
    ap.add_argument("--verdeelscan", required=True)
    ap.add_argument("--forms", default="text", help="text and/or qualities: text,office,...")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--keep", metavar="TAG")
    ap.add_argument("--cached-only", action="store_true",
                    help="with --keep: score only the files whose records are kept")
    ap.add_argument("--max-silent", type=int, default=-1)
    ap.add_argument("--min-exact", type=float, default=0.0)
    args = ap.parse_args()
    forms = [f for f in args.forms.split(",") if f]
    # Seed by seed over the kinds: a sweep stopped early has every kind.
    names = [f for f in os.listdir(args.dir) if f.endswith(".truth.json")]
    truths = [os.path.join(args.dir, f) for f in sorted(names, key=seed_then_kind)]
    jobs = [(t, f) for f in forms for t in truths]
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        results = [r for r in pool.map(lambda j: score(args.verdeelscan, j[0], j[1], args.keep,
                                                         args.cached_only),
                                       jobs) if r]
    if args.verbose:
        for r in results:
            for pointer, got, want in r["wrong"]:
                print(f"{r['name']} [{r['form']}] {r['kind']} {pointer}: got "
                      f"{json.dumps(got, ensure_ascii=False)} want "
                      f"{json.dumps(want, ensure_ascii=False)} ({r['status']})")
    table = tally(results)
    if args.json:
        print(json.dumps({f"{f}/{k}": c for (f, k), c in sorted(table.items())}, indent=1))
    else:
        print_table(table, forms)
    rc = 0
    for form in forms:
        c = table.get((form, "TOTAL"))
        if not c:
            continue
        if 0 <= args.max_silent < c["silent"]:
            print(f"FAIL {form}: {c['silent']} silent documents (at most {args.max_silent})")
            rc = 1
        if c["exact"] < args.min_exact * c["documents"]:
            print(f"FAIL {form}: {c['exact']}/{c['documents']} exact (below {args.min_exact})")
            rc = 1
    return rc


if __name__ == "__main__":
    sys.exit(main())
