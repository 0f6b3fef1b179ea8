#!/usr/bin/env python3
"""Turns one bench/run.sh run into a Markdown fragment (OUT/results.md) and OUT/results.json.

Also the smoke check of the CI test bench_quick: fluxd's --timings-json must exist and hold
positive counts, every stage (with at least one entry) and a positive run time, and baseline (a)
must have seen every generated file. Speeds are reported, never asserted.
"""
import argparse
import json
import os
import platform
import re
import statistics
import sys
import time

STAGES = ["claim", "read", "parse", "xsd", "en16931", "recipient", "route", "store", "report",
          "handoff"]
LABELS = {
    "claim": "claim (rename + SHA-256)",
    "read": "read file + detect format",
    "parse": "parse (fluxd SAX2 reader)",
    "xsd": "XSD validation",
    "en16931": "EN 16931 rules",
    "recipient": "recipient rules",
    "route": "routing + outbox delivery",
    "store": "store (SQLite)",
    "report": "integration reports",
    "handoff": "hand-off to done/ or failed/",
}


def load(path, default=None):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return default


def cpu_model():
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def smoke_problems(t, x, invoices):
    problems = []
    if not isinstance(t, dict):
        return ["fluxd wrote no timings JSON"]
    counts = t.get("counts", {})
    if counts.get("flows") != invoices:
        problems.append(f"timings count {counts.get('flows')} flows, {invoices} were generated")
    for key in ("invoices", "accepted", "bytes"):
        if not counts.get(key, 0) > 0:
            problems.append(f"timings: counts.{key} is not positive")
    if not t.get("run_ms", 0) > 0:
        problems.append("timings: run_ms is not positive")
    if not t.get("peak_rss_kib", 0) > 0:
        problems.append("timings: peak_rss_kib is not positive")
    stages = t.get("stages", {})
    for s in STAGES:
        st = stages.get(s)
        if st is None:
            problems.append(f"timings: stage {s} missing")
        elif not (st.get("ms", -1) >= 0 and st.get("entries", 0) > 0):
            problems.append(f"timings: stage {s} has no time or no entry: {st}")
    if not isinstance(x, dict) or x.get("documents") != invoices:
        problems.append("baseline (a) did not read every generated file")
    return problems


def main():
    p = argparse.ArgumentParser()
    for name in ("--out", "--command", "--build-type", "--load-before", "--load-after"):
        p.add_argument(name, required=True)
    for name in ("--invoices", "--seed", "--generate-ms", "--fluxd-wall-ms", "--zip", "--quick"):
        p.add_argument(name, type=int, required=True)
    a = p.parse_args()
    out = a.out

    t = load(os.path.join(out, "fluxd-timings.json"))
    x = load(os.path.join(out, "xerces.json"))
    xl = load(os.path.join(out, "xmllint.json"), {"groups": []})
    ptime = load(os.path.join(out, "fluxd-time.txt"), {}) or {}
    problems = smoke_problems(t, x, a.invoices)
    if problems:
        for pr in problems:
            print("bench: smoke check failed:", pr, file=sys.stderr)
        return 1

    with open(os.path.join(out, "input", "manifest.csv"), encoding="utf-8") as f:
        rows = [line.rstrip("\n").split(";") for line in f][1:]
    by_syntax = {}
    for r in rows:
        by_syntax[r[2]] = by_syntax.get(r[2], 0) + 1
    lines = [int(r[3]) for r in rows]
    sizes = [int(r[4]) for r in rows]
    invalid = sum(1 for r in rows if r[5])
    with open(os.path.join(out, "generate.txt"), encoding="utf-8") as f:
        generated = f.read().strip().splitlines()[-1]
    ref = re.search(r"(\d+) structures, (\d+) services, (\d+) engagements, (\d+) suppliers", generated)

    c = t["counts"]
    flows, run_ms = c["flows"], t["run_ms"]
    mb = c["bytes"] / 1e6
    fluxd_docs_s = flows / run_ms * 1000
    fluxd_inv_s = c["invoices"] / run_ms * 1000
    fluxd_total_docs_s = flows / t["total_ms"] * 1000
    proc_docs_s = flows / a.fluxd_wall_ms * 1000 if a.fluxd_wall_ms else 0
    x_docs_s = x["documents"] / x["run_ms"] * 1000
    ratio_a = fluxd_docs_s / x_docs_s

    xl_docs = sum(g["documents"] for g in xl["groups"])
    xl_fixed = sum(g["calls"] * g["one_file_ms"] for g in xl["groups"])
    xl_all = sum(g["all_ms"] for g in xl["groups"])
    xl_run = max(xl_all - xl_fixed, 1)
    xl_valid = sum(g["valid"] for g in xl["groups"])
    xl_docs_s = xl_docs / xl_run * 1000 if xl_docs else 0
    xl_raw_docs_s = xl_docs / xl_all * 1000 if xl_all else 0
    ratio_b = fluxd_docs_s / xl_docs_s if xl_docs_s else 0

    store_share = t["stages"]["store"]["share"]
    # Per CPU-second: what the work costs once waiting (fsync) is left out.
    fluxd_cpu_docs_s = flows / t["run_cpu_ms"] * 1000 if t.get("run_cpu_ms") else 0
    x_cpu_docs_s = x["documents"] / x["run_cpu_ms"] * 1000 if x.get("run_cpu_ms") else 0
    ratio_cpu = fluxd_cpu_docs_s / x_cpu_docs_s if x_cpu_docs_s else 0
    compute = ["parse", "xsd", "en16931", "recipient"]
    compute_ms = sum(t["stages"][s]["ms"] for s in compute)
    durable = ["claim", "route", "report", "handoff"]
    durable_ms = sum(t["stages"][s]["ms"] for s in durable)
    cpu_s = (ptime.get("user_s", 0) or 0) + (ptime.get("sys_s", 0) or 0)
    date = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())

    md = []
    w = md.append
    w(f"### Run of {date}{' (--quick)' if a.quick else ''}\n")
    w(f"- Command: `{a.command}` (build type {a.build_type}, one fluxd process, one thread)")
    w(f"- Machine: {os.cpu_count()} CPUs (nproc), {cpu_model()}, Linux {platform.release()}; "
      f"load average before {a.load_before}, after {a.load_after}")
    w(f"- Input (seed {a.seed}, generated in {a.generate_ms} ms): {len(rows)} flows of one invoice "
      f"each — {by_syntax.get('ubl', 0)} UBL Invoice, {by_syntax.get('ubl-creditnote', 0)} UBL "
      f"CreditNote, {by_syntax.get('cii', 0)} CII; {sum(sizes) / 1e6:.1f} MB (mean "
      f"{statistics.mean(sizes) / 1024:.1f} KiB, max {max(sizes) / 1024:.0f} KiB); lines per "
      f"invoice median {statistics.median(lines):g}, mean {statistics.mean(lines):.1f}, max "
      f"{max(lines)}; {invalid} deliberately invalid ({100 * invalid / len(rows):.1f} %)")
    if ref:
        w(f"- Referential: {ref.group(1)} structures, {ref.group(2)} services, {ref.group(3)} "
          f"engagements; {ref.group(4)} suppliers")
    w("- Checks: the sampled files passed `fluxd validate` as intended, and every flow's "
      "integration report matched the manifest (bench/check_outcomes.py)")
    w("")
    w("| | files | time (ms) | files/s | MB/s | cold start (ms) | peak RSS (MiB) |")
    w("|---|---:|---:|---:|---:|---:|---:|")
    w(f"| fluxd batch, per-invoice work (cold start apart) | {flows} | {run_ms:.0f} | "
      f"**{fluxd_docs_s:.0f}** | {mb / run_ms * 1000:.2f} | {t['startup_ms']['total']:.0f} | "
      f"{t['peak_rss_kib'] / 1024:.1f} |")
    w(f"| fluxd batch, whole process (wall, incl. start and exit) | {flows} | "
      f"{a.fluxd_wall_ms} | {proc_docs_s:.0f} | {mb / a.fluxd_wall_ms * 1000:.2f} | | |")
    w(f"| (a) Xerces-C SAX2 + XSD alone (read + parse + validate) | {x['documents']} | "
      f"{x['run_ms']:.0f} | **{x_docs_s:.0f}** | {x['bytes'] / 1e6 / x['run_ms'] * 1000:.2f} | "
      f"{x['load_ms']:.0f} | {x['peak_rss_kib'] / 1024:.1f} |")
    if xl_docs:
        w(f"| (b) xmllint --noout --schema (per-call start + schema load taken out) | {xl_docs} | "
          f"{xl_run:.0f} | **{xl_docs_s:.0f}** | {sum(sizes) / 1e6 / xl_run * 1000:.2f} | "
          f"{xl_fixed / max(sum(g['calls'] for g in xl['groups']), 1):.0f} per call | |")
        w(f"| (b) xmllint, whole calls (schema loads included) | {xl_docs} | {xl_all:.0f} | "
          f"{xl_raw_docs_s:.0f} | {sum(sizes) / 1e6 / xl_all * 1000:.2f} | | |")
    else:
        w("| (b) xmllint | skipped: not installed | | | | | |")
    w("")
    w(f"fluxd: {fluxd_inv_s:.0f} invoices/s ({c['invoices']} invoices in {flows} flows: "
      f"{c['accepted']} accepted, {c['rejected']} rejected; flows refused before any invoice "
      f"count as files only); {fluxd_total_docs_s:.0f} files/s with its cold start "
      f"({t['startup_ms']['referential']:.0f} ms referential, {t['startup_ms']['schemas']:.0f} ms "
      f"XSDs, {t['startup_ms']['store_open']:.0f} ms store).")
    if cpu_s:
        w(f"Process CPU (/usr/bin/time): {ptime['user_s']:.2f} s user + {ptime['sys_s']:.2f} s "
          f"system for {ptime['wall_s']:.2f} s wall ({100 * cpu_s / max(ptime['wall_s'], 0.01):.0f} % "
          f"of one core busy; the rest is waiting, mostly on fsync), max RSS "
          f"{ptime['max_rss_kib'] / 1024:.1f} MiB.")
    w("")
    w(f"**Ratios (files/s, wall time, same files, one thread each):** fluxd / (a) Xerces = "
      f"**{ratio_a:.2f}**" + (f"; fluxd / (b) xmllint = **{ratio_b:.2f}**" if xl_docs else "") +
      f". Per CPU-second instead of wall time (waiting left out): fluxd {fluxd_cpu_docs_s:.0f} "
      f"files/s, (a) {x_cpu_docs_s:.0f} files/s, ratio {ratio_cpu:.2f}. "
      f"fluxd's compute stages (parse + XSD + EN 16931 + recipient rules) take "
      f"{1000 * compute_ms / flows:.0f} µs per file against {1000 * x['run_ms'] / x['documents']:.0f} µs "
      f"for (a); its durable file stages (claim, route, reports, hand-off: each an fsync or more) "
      f"{1000 * durable_ms / flows:.0f} µs ({100 * durable_ms / run_ms:.0f} % of the run). "
      f"xmllint validated {xl_valid} of {xl_docs} files; Xerces {x['valid']} "
      f"(+{x['invalid']} invalid, {x['malformed']} not well-formed).")
    w("")
    w("| fluxd stage | ms | share of run | entries | µs per file |")
    w("|---|---:|---:|---:|---:|")
    for s in STAGES:
        st = t["stages"][s]
        w(f"| {LABELS[s]} | {st['ms']:.1f} | {100 * st['share']:.1f} % | {st['entries']} | "
          f"{1000 * st['ms'] / flows:.0f} |")
    w(f"| other (loops, listings between stages) | {t['other_ms']:.1f} | "
      f"{100 * t['other_ms'] / run_ms:.1f} % | | {1000 * t['other_ms'] / flows:.0f} |")
    w(f"| **run (per-invoice work)** | **{run_ms:.1f}** | 100 % | | {1000 * run_ms / flows:.0f} |")
    w(f"| cold start (referential + XSDs + store open) | {t['startup_ms']['total']:.1f} | "
      f"(apart) | 1 | |")
    w("")
    w("| target (issue) | measured | verdict |")
    w("|---|---|---|")
    w(f"| end to end ≥ 60 % of baseline (a) per core | {100 * ratio_a:.0f} % | "
      f"{'met' if ratio_a >= 0.6 else 'not met'} |")
    w("| 2 workers ≥ 1.8× of 1 | — | LATER: fluxd has no worker pool yet |")
    zip_note = ("ZIP batches generated under input/zip/, run skipped"
                if a.zip else "ZIP runs skipped (run.sh --zip generates the batches)")
    w(f"| 1 GB ZIP in ≤ 256 MB RSS | — | LATER: fluxd has no ZIP intake yet; {zip_note} |")
    w(f"| store < 10 % of the time | {100 * store_share:.1f} % | "
      f"{'met' if store_share < 0.10 else 'not met'} |")
    w("")
    text = "\n".join(md)
    with open(os.path.join(out, "results.md"), "w", encoding="utf-8") as f:
        f.write(text)
    summary = {
        "date": date, "command": a.command, "invoices": a.invoices, "seed": a.seed,
        "fluxd_files_per_s": fluxd_docs_s, "fluxd_invoices_per_s": fluxd_inv_s,
        "fluxd_mb_per_s": mb / run_ms * 1000, "fluxd_peak_rss_kib": t["peak_rss_kib"],
        "xerces_files_per_s": x_docs_s, "xmllint_files_per_s": xl_docs_s,
        "ratio_xerces": ratio_a, "ratio_xmllint": ratio_b, "ratio_xerces_cpu": ratio_cpu,
        "store_share": store_share,
        "stage_shares": {s: t["stages"][s]["share"] for s in STAGES},
        "load_before": a.load_before, "load_after": a.load_after,
    }
    with open(os.path.join(out, "results.json"), "w", encoding="utf-8") as f:
        json.dump(summary, f, indent=2)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
