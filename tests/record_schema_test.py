#!/usr/bin/env python3
"""Every record verdeelscan makes of the committed samples validates against
docs/record.schema.json (JSON Schema 2020-12, Debian's python3-jsonschema).

Runs `verdeelscan extract --format jsonl` over the given sample inputs and a
`batch` over the same (records.jsonl, with the checks that span files), and
validates every record; any extra .jsonl files given with --jsonl are
validated too. Records that break the contract in known ways (a null where the
contract has a value, an unmatched gemeente without "gemeente" in doubtful, a
failed record without an error) must be rejected, so the schema cannot pass
everything.

usage: record_schema_test.py --build DIR --source DIR [--inputs GLOB ...] [--jsonl FILE ...]
"""
import argparse
import copy
import glob
import json
import os
import subprocess
import sys
import tempfile

import jsonschema


def load_schema(source):
    with open(os.path.join(source, "docs", "record.schema.json"), encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def errors_of(validator, record):
    return sorted(validator.iter_errors(record), key=lambda e: list(e.absolute_path))


def validate_all(validator, records, where):
    bad = 0
    for i, rec in enumerate(records):
        errs = errors_of(validator, rec)
        for e in errs[:3]:
            path = "/".join(str(p) for p in e.absolute_path)
            print(f"FAIL {where} record {i} ({rec.get('source', {}).get('file')}): /{path}: "
                  f"{e.message[:300]}")
        bad += bool(errs)
    return bad


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def must_reject(validator, record, what):
    if not errors_of(validator, record):
        print(f"FAIL the schema accepts {what}")
        return 1
    return 0


def negative_cases(validator, records):
    """Known contract breaches, made from a real verdeelbesluit record."""
    besluit = next((r for r in records if r.get("kind") == "verdeelbesluit" and r.get("allocations")
                    and "gemeente" in r["allocations"][0]), None)
    if besluit is None:
        print("FAIL no verdeelbesluit with a matched first row among the records")
        return 1
    bad = 0
    r = copy.deepcopy(besluit)
    r["allocations"][0]["gemeente"] = None
    bad += must_reject(validator, r, "a null gemeente")
    r = copy.deepcopy(besluit)
    del r["allocations"][0]["gemeente"]
    del r["allocations"][0]["cbs_code"]
    r["allocations"][0].pop("doubtful", None)
    bad += must_reject(validator, r, "an unmatched gemeente not named doubtful")
    r = copy.deepcopy(besluit)
    r["status"] = "failed"
    r.pop("error", None)
    bad += must_reject(validator, r, "a failed record without an error")
    r = copy.deepcopy(besluit)
    r["meta"]["date"] = "20 december 2024"
    bad += must_reject(validator, r, "a date that is not ISO 8601")
    r = copy.deepcopy(besluit)
    r["allocations"][0]["regulier"] = "142"
    bad += must_reject(validator, r, "a number as a string")
    r = copy.deepcopy(besluit)
    r["checks"].append({"id": "x", "status": "pass", "expected": None})
    bad += must_reject(validator, r, "a check with a null expected")
    # Records grow: an unknown field is allowed everywhere.
    r = copy.deepcopy(besluit)
    r["a_field_added_later"] = {"x": 1}
    r["allocations"][0]["field_confidence"] = {"regulier": 0.9}
    if errors_of(validator, r):
        print("FAIL the schema refuses a record with an added field")
        bad += 1
    return bad


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--inputs", nargs="*", default=[])
    ap.add_argument("--jsonl", nargs="*", default=[])
    ap.add_argument("--no-batch", action="store_true",
                    help="extract only (the OCR'd samples: a batch would read them again)")
    args = ap.parse_args()
    validator = load_schema(args.source)
    binary = os.path.join(args.build, "verdeelscan")
    inputs = sorted({f for g in args.inputs for f in glob.glob(os.path.join(args.source, g))
                     if os.path.isfile(f) and not f.endswith((".json", ".md"))})
    if args.inputs and not inputs:
        print("FAIL no inputs matched")
        return 1
    bad, total, everything = 0, 0, []
    if inputs:
        out = subprocess.run([binary, "extract", "--format", "jsonl", *inputs],
                             stdout=subprocess.PIPE, check=False).stdout.decode("utf-8")
        records = [json.loads(line) for line in out.splitlines() if line.strip()]
        if len(records) < len(inputs):
            print(f"FAIL {len(records)} records of {len(inputs)} inputs")
            return 1
        bad += validate_all(validator, records, "extract")
        total += len(records)
        everything += records
        if not args.no_batch:
            with tempfile.TemporaryDirectory() as tmp:
                subprocess.run([binary, "batch", *inputs, "--out", tmp, "--no-searchable-pdf"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
                batch = read_jsonl(os.path.join(tmp, "records.jsonl"))
                bad += validate_all(validator, batch, "batch records.jsonl")
                total += len(batch)
    for path in args.jsonl:
        recs = read_jsonl(path)
        bad += validate_all(validator, recs, path)
        total += len(recs)
        everything += recs
    if everything:
        bad += negative_cases(validator, everything)
    print(f"{total} records validated against docs/record.schema.json, {bad} failing")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
