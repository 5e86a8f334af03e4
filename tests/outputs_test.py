#!/usr/bin/env python3
"""The tabular outputs of a batch, read back as an analyst's tools read them.

Inputs (real ones): seed 001, a Woo release that bundles the verdeelbesluit
Overijssel with e-mails and letters; the same besluit carved out of it as a
single file (its own lines, as `extract` reports them); and that single with
another date and reference (an amended besluit). Asserts:
  - allocations.csv is RFC 4180 (CRLF, a header, Python's csv reads it) and
    every row carries province, besluit_date, reference, document_id and
    status; the besluit of the bundle and the single is there once, the other
    file named in also_in; the amended one is there too, told apart by date
    and reference;
  - allocations.xlsx (unzipped, its XML read): sheets Summary, Overijssel,
    Corrections, National; on each the header row frozen, an autofilter and
    column widths; numbers as numbers, CBS codes and document ids as text, no
    JSON in any cell; the corrections of the repaired table on Corrections;
  - catalogue.sqlite: user_version 4, an allocations table keyed like the CSV
    with the same rows, a runs table with this run.

usage: outputs_test.py --build DIR --source DIR
"""
import argparse
import csv
import io
import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
KEY = ["province", "besluit_date", "reference", "document_id", "status"]
FAILURES = []


def check(cond, what):
    if not cond:
        FAILURES.append(what)
        print("FAIL", what)


def make_inputs(binary, source, tmp):
    bundle = os.path.join(source, "samples", "seeds", "001_6cd23678e9073bd3.txt")
    out = subprocess.run([binary, "extract", "--format", "json", bundle], stdout=subprocess.PIPE,
                         check=True).stdout
    records = json.loads(out)
    besluit = next(r for r in records if r["kind"] == "verdeelbesluit")
    first, last = besluit["source"]["lines"]
    with open(bundle, encoding="utf-8") as f:
        lines = f.read().split("\n")
    single = "\n".join(lines[first - 1:last]) + "\n"
    os.makedirs(os.path.join(tmp, "in"))
    paths = [os.path.join(tmp, "in", n) for n in ("overijssel_single.txt", "overijssel_amended.txt")]
    with open(paths[0], "w", encoding="utf-8") as f:
        f.write(single)
    amended = single.replace("2O december 2O24", "14 februari 2O25").replace("6015733", "6099001")
    check(amended != single, "the carved besluit holds its date and reference")
    with open(paths[1], "w", encoding="utf-8") as f:
        f.write(amended)
    return [bundle] + paths, besluit


def check_csv(out_dir, besluit, inputs):
    raw = open(os.path.join(out_dir, "allocations.csv"), "rb").read()
    check(raw.count(b"\r\n") == raw.count(b"\n") and raw.endswith(b"\r\n"),
          "allocations.csv ends every record with CRLF")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))
    header = raw.split(b"\r\n")[0].decode().split(",")
    check(header[:5] == KEY, f"allocations.csv starts with the besluit key: {header}")
    for r in rows:
        check(all(r[k] for k in KEY), f"a row without its full key: {r}")
        check(re.fullmatch(r"[0-9a-f]{16}:(p|l)\d+-\d+", r["document_id"]) is not None,
              f"document_id {r['document_id']}")
    n = len(besluit["allocations"])
    original = [r for r in rows if r["besluit_date"] == "2024-12-20" and r["reference"] == "6015733"]
    amended = [r for r in rows if r["besluit_date"] == "2025-02-14" and r["reference"] == "6099001"]
    check(len(original) == n, f"the besluit of bundle and single once: {len(original)} rows, not {n}")
    check(len({r["document_id"] for r in original}) == 1, "one document gives the rows")
    shown = original[0]["source_file"] if original else ""
    other = inputs[1] if shown == inputs[0] else inputs[0]
    check(all(os.path.basename(other) in r["also_in"] for r in original),
          f"also_in names the other copy ({other})")
    check(len(amended) == n, f"the amended besluit kept: {len(amended)} rows, not {n}")
    check(all(r["province"] == "Overijssel" for r in original + amended), "province on every row")
    dalfsen = [r for r in original if r["cbs_code"] == "GM0148"]
    check(dalfsen and (dalfsen[0]["regulier"], dalfsen[0]["amv"], dalfsen[0]["totaal"]) ==
          ("142", "26", "168"), "Dalfsen 142 + 26 = 168")
    return rows


def sheet_files(z):
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    target = {r.get("Id"): r.get("Target") for r in rels}
    rid = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    return {s.get("name"): "xl/" + target[s.get(rid)] for s in wb.find("m:sheets", NS)}


def cells(sheet, strings):
    """Row number -> [(column letters, type, value)]."""
    out = {}
    for row in sheet.find("m:sheetData", NS):
        for c in row:
            col = re.match(r"[A-Z]+", c.get("r")).group(0)
            v = c.find("m:v", NS)
            value = None if v is None else v.text
            if c.get("t") == "s" and value is not None:
                value = strings[int(value)]
            out.setdefault(int(row.get("r")), []).append((col, c.get("t"), value))
    return out


def check_xlsx(out_dir, csv_rows):
    z = zipfile.ZipFile(os.path.join(out_dir, "allocations.xlsx"))
    sst = ET.fromstring(z.read("xl/sharedStrings.xml"))
    strings = ["".join(t.text or "" for t in si.iter("{%s}t" % NS["m"])) for si in sst]
    for s in strings:
        check(not re.match(r"^\s*[\[{]", s), f"JSON in a cell: {s[:80]}")
    files = sheet_files(z)
    check(list(files)[:2] == ["Summary", "Overijssel"] and "Corrections" in files and
          "National" in files, f"sheets: {list(files)}")
    for name, path in files.items():
        sheet = ET.fromstring(z.read(path))
        pane = sheet.find("m:sheetViews/m:sheetView/m:pane", NS)
        check(pane is not None and pane.get("ySplit") == "1" and pane.get("state") == "frozen",
              f"{name}: header row frozen")
        check(sheet.find("m:autoFilter", NS) is not None, f"{name}: autofilter")
        cols = sheet.find("m:cols", NS)
        check(cols is not None and all(float(c.get("width")) >= 6 for c in cols),
              f"{name}: column widths set")
    ov = cells(ET.fromstring(z.read(files["Overijssel"])), strings)
    header = [v for _, _, v in ov[1]]
    check(header[:5] == KEY, f"Overijssel sheet starts with the key: {header}")
    col = {name: chr(ord("A") + i) for i, name in enumerate(header)}
    data = [dict((c, (t, v)) for c, t, v in ov[r]) for r in sorted(ov) if r > 1]
    check(len(data) == sum(r["province"] == "Overijssel" for r in csv_rows),
          "the Overijssel sheet has the CSV's Overijssel rows")
    for row in data:
        for f in ("regulier", "amv", "totaal", "page"):
            check(row[col[f]][0] in (None, "n"), f"{f} is a number cell")
        for f in ("cbs_code", "document_id", "besluit_date", "reference"):
            check(row[col[f]][0] == "s", f"{f} is a text cell")
    corr = cells(ET.fromstring(z.read(files["Corrections"])), strings)
    fields = [v for _, _, v in corr[1]]
    gemeenten = {dict((c, v) for c, _, v in corr[r]).get(chr(ord("A") + fields.index("gemeente")))
                 for r in corr if r > 1}
    check({"Dinkelland", "Raalte"} <= gemeenten,
          f"Corrections lists the repaired rows Dinkelland and Raalte: {sorted(filter(None, gemeenten))}")
    summary = cells(ET.fromstring(z.read(files["Summary"])), strings)
    head = [v for _, _, v in summary[1]]
    check(head[:5] == KEY and "check" in head and "expected" in head, f"Summary header: {head}")
    exp = chr(ord("A") + head.index("expected"))
    numeric = [t for r in summary if r > 1 for c, t, v in summary[r] if c == exp and v is not None]
    check(any(t in (None, "n") for t in numeric), "a check's expected number is a number cell")


def check_catalogue(out_dir, csv_rows):
    db = sqlite3.connect(os.path.join(out_dir, "catalogue.sqlite"))
    check(db.execute("PRAGMA user_version").fetchone()[0] == 4, "catalogue user_version 4")
    published = db.execute(
        "SELECT province, besluit_date, reference, document_id, status, gemeente, cbs_code, "
        "regulier, amv, totaal FROM allocations WHERE status IN ('valid','repaired','reviewed') "
        "ORDER BY document_id, row").fetchall()
    ids = {r["document_id"] for r in csv_rows}
    in_csv = sorted((r["province"], r["besluit_date"], r["reference"], r["document_id"], r["status"],
                     r["gemeente"], r["cbs_code"], int(r["regulier"]), int(r["amv"]), int(r["totaal"]))
                    for r in csv_rows)
    check(sorted(p for p in published if p[3] in ids) == in_csv,
          "the catalogue's allocations of the CSV's documents equal the CSV rows")
    check(len({p[3] for p in published}) == 3, "the catalogue keeps all three documents' rows")
    runs = db.execute("SELECT command, started_at, finished_at, version, options, files_seen, "
                      "records, allocations FROM runs").fetchall()
    check(len(runs) == 1 and runs[0][0] == "batch" and runs[0][5] == 3, f"one batch run: {runs}")
    if runs:
        check(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", runs[0][1]) is not None, "run time")
        check(runs[0][3] != "" and "dpi" in json.loads(runs[0][4]), "run version and options")
        check(runs[0][7] == db.execute("SELECT COUNT(*) FROM allocations").fetchone()[0],
              "run counts")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", required=True)
    ap.add_argument("--source", required=True)
    args = ap.parse_args()
    binary = os.path.join(args.build, "verdeelscan")
    with tempfile.TemporaryDirectory() as tmp:
        inputs, besluit = make_inputs(binary, args.source, tmp)
        out_dir = os.path.join(tmp, "out")
        subprocess.run([binary, "batch", *inputs, "--out", out_dir, "--no-searchable-pdf"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        rows = check_csv(out_dir, besluit, inputs)
        check_xlsx(out_dir, rows)
        check_catalogue(out_dir, rows)
    print(f"{len(FAILURES)} failures")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
