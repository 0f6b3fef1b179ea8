#!/usr/bin/env python3
"""Checks fluxd's decisions on a generated benchmark input against its manifest.

Usage:
  check_outcomes.py batch    OUT_DIR                 # after `fluxd batch` on OUT_DIR/fluxd.toml
  check_outcomes.py validate OUT_DIR VALIDATE_JSON   # `fluxd validate --json` on some of its files

manifest.csv (written by fluxd-bench-generate) gives, per file, the exact set of fatal rule ids
fluxd must report; empty means the invoice must be accepted.

batch: every manifest file must have exactly one integration report (reports/<partner>/CR-*.json);
an accepted invoice must end MISE_A_DISPOSITION in an IN_INTEGRE flow with no fatal finding, a
deliberately invalid one must be refused with exactly its intended fatal rule ids.

validate: `fluxd validate` knows no referential, so it must accept the valid invoices and those
invalid only for a recipient rule (FR-…: they are otherwise valid), and reject the others with
exactly their intended rule ids.

Exit status 0 when everything matches, 1 otherwise (each mismatch is printed).
"""
import collections
import csv
import glob
import json
import os
import sys


def manifest(out_dir):
    with open(os.path.join(out_dir, "manifest.csv"), newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter=";"))
    for r in rows:
        r["expected"] = set(filter(None, r["rules"].split(",")))
    return {r["file"]: r for r in rows}


def fatal_rules(findings):
    return {f["rule"] for f in findings if f["severity"] == "fatal"}


def check_batch(out_dir):
    rows = manifest(out_dir)
    reports = {}
    for path in glob.glob(os.path.join(out_dir, "data", "reports", "*", "CR-*.json")):
        with open(path, encoding="utf-8") as f:
            report = json.load(f)
        if report["file"] in reports:
            return [f"two reports for {report['file']}"]
        reports[report["file"]] = report
    problems = []
    tally = collections.Counter()
    for name, row in rows.items():
        report = reports.get(name)
        if report is None:
            problems.append(f"{name}: no integration report")
            continue
        got = fatal_rules(report["findings"])
        for inv in report["invoice_details"]:
            got |= fatal_rules(inv["findings"])
        if not row["expected"]:
            ok = (report["status"] == "IN_INTEGRE" and len(report["invoice_details"]) == 1
                  and report["invoice_details"][0]["status"] == "MISE_A_DISPOSITION" and not got)
            want = "IN_INTEGRE / MISE_A_DISPOSITION, no fatal finding"
        else:
            ok = report["status"] == "IN_REJETE" and got == row["expected"]
            want = "IN_REJETE with " + ",".join(sorted(row["expected"]))
        tally[(",".join(sorted(row["expected"])) or "accepted", ok)] += 1
        if not ok:
            problems.append(f"{name}: expected {want}; got {report['status']} with "
                            f"{','.join(sorted(got)) or 'no fatal finding'}")
    # The generator takes the kinds of mistakes in turn: with enough invalid files, all appear.
    kinds_file = os.path.join(out_dir, "invalid-kinds.txt")
    if os.path.exists(kinds_file):
        with open(kinds_file, encoding="utf-8") as f:
            kinds = {line.strip() for line in f if line.strip()}
        seen = {",".join(sorted(r["expected"])) for r in rows.values() if r["expected"]}
        invalid = sum(1 for r in rows.values() if r["expected"])
        if invalid >= len(kinds):
            problems += [f"no generated file of the invalid kind {k}"
                         for k in sorted(kinds) if ",".join(sorted(k.split(","))) not in seen]
    extra = set(reports) - set(rows)
    problems += [f"{name}: a report for a file the manifest does not list" for name in extra]
    for (rules, ok), n in sorted(tally.items()):
        print(f"  {'ok ' if ok else 'BAD'} {n:6} {rules}")
    return problems


def check_validate(out_dir, validate_json):
    rows = manifest(out_dir)
    # xargs may have split the files over several `fluxd validate` calls: one array each.
    with open(validate_json, encoding="utf-8") as f:
        text = f.read()
    verdicts, decoder, at = [], json.JSONDecoder(), 0
    while text[at:].strip():
        at += len(text[at:]) - len(text[at:].lstrip())
        array, at = decoder.raw_decode(text, at)
        verdicts += array
    if not verdicts:
        return ["fluxd validate gave no verdict"]
    problems = []
    tally = collections.Counter()
    for v in verdicts:
        name = os.path.basename(v["file"])
        row = rows.get(name)
        if row is None:
            problems.append(f"{name}: not in the manifest")
            continue
        # Recipient rules need the referential, which `fluxd validate` does not read.
        expected = {r for r in row["expected"] if not r.startswith("FR-")}
        got = fatal_rules(v["findings"])
        ok = got == expected and (v["verdict"] == "accepted") == (not expected)
        tally[(",".join(sorted(expected)) or "accepted", ok)] += 1
        if not ok:
            problems.append(f"{name}: expected {','.join(sorted(expected)) or 'accepted'}; got "
                            f"{v['verdict']} with {','.join(sorted(got)) or 'no fatal finding'}")
    for (rules, ok), n in sorted(tally.items()):
        print(f"  {'ok ' if ok else 'BAD'} {n:6} {rules}")
    return problems


def main(argv):
    if len(argv) == 3 and argv[1] == "batch":
        problems = check_batch(argv[2])
    elif len(argv) == 4 and argv[1] == "validate":
        problems = check_validate(argv[2], argv[3])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    for p in problems[:50]:
        print("  mismatch:", p, file=sys.stderr)
    if len(problems) > 50:
        print(f"  … and {len(problems) - 50} more", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
