#!/usr/bin/env bash
# The bounded fuzz job: builds the libFuzzer targets of fuzz/ (clang, ASan + UBSan) in
# build-fuzz/, gathers their seeds at run time (../shared/corpus, samples/, and ZIPs and PDFs
# made here), replays fuzz/regressions/, then runs each target for N seconds.
#
#   scripts/fuzz.sh [--seconds N]      (default 60 per target)
#
# Corpora grow between runs in build-fuzz/corpus/<target>/. Any crash, leak, UB, timeout or
# out-of-memory makes the script exit non-zero and print the reproducer's path (also kept in
# build-fuzz/artifacts/). The summary table at the end gives per target the executions and the
# final corpus size (libFuzzer's -print_final_stats and last status line).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

seconds=60
while (($#)); do
  case "$1" in
    --seconds) seconds="${2:?--seconds needs a number}"; shift 2 ;;
    --seconds=*) seconds="${1#*=}"; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "fuzz: unknown argument $1 (usage: scripts/fuzz.sh [--seconds N])" >&2; exit 2 ;;
  esac
done
[[ "$seconds" =~ ^[1-9][0-9]*$ ]] || { echo "fuzz: --seconds wants a positive integer" >&2; exit 2; }

targets=(fuzz_detect fuzz_invoice_reader fuzz_zip fuzz_pdf fuzz_referential_csv fuzz_status_updates)
# Longest input each target is given (the largest seed fits: corpus invoices are < 128 KiB).
declare -A max_len=(
  [fuzz_detect]=131072 [fuzz_invoice_reader]=131072 [fuzz_zip]=65536 [fuzz_pdf]=65536
  [fuzz_referential_csv]=16384 [fuzz_status_updates]=16384
)

bash scripts/setup-debian.sh

build=$root/build-fuzz
jobs=$(( $(nproc) < 2 ? $(nproc) : 2 ))
echo "== fuzz: building the targets in build-fuzz/ (clang, ASan + UBSan, -j$jobs)"
cmake -S . -B "$build" -DFLUXD_FUZZ=ON -DFLUXD_TESTS=OFF -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" --target fuzz -j"$jobs"

# ---- seeds: rebuilt on every run from what the checkout and ../shared hold ------------------
seeds=$build/seeds
rm -rf "$seeds"
for t in "${targets[@]}"; do mkdir -p "$seeds/$t" "$build/corpus/$t"; done
mkdir -p "$build/artifacts"

# Copies each file given on stdin (NUL-separated) into the seed folders named as arguments,
# under its content hash (the corpus's own names hold spaces and parentheses).
add_seeds() {
  python3 -c '
import hashlib, os, sys
seeds, targets = sys.argv[1], sys.argv[2:]
for name in filter(None, sys.stdin.buffer.read().split(b"\0")):
    data = open(name, "rb").read()
    for target in targets:
        with open(os.path.join(seeds, target, "seed-" + hashlib.sha1(data).hexdigest()), "wb") as out:
            out.write(data)
' "$seeds" "$@"
}

shared=$root/../shared/corpus
if [[ -d "$shared" ]]; then
  find "$shared" -type f \( -iname '*.xml' \) -not -path '*/xsd/*' -print0 |
    add_seeds fuzz_detect fuzz_invoice_reader
else
  echo "fuzz: ../shared/corpus is absent: seeding from samples/ only" >&2
fi
find samples/flows -type f -print0 | add_seeds fuzz_detect fuzz_invoice_reader
find samples/updates -type f -print0 | add_seeds fuzz_status_updates fuzz_detect

made=$build/seed-work
rm -rf "$made" && mkdir -p "$made"

# Status updates: the samples rewritten with CRLF and with a `,` separator.
for f in samples/updates/*/*.csv; do
  sed 's/$/\r/' "$f" >"$made/crlf-$(basename "$f")"
  tr ';' ',' <"$f" >"$made/comma-$(basename "$f")"
done
find "$made" -type f -print0 | add_seeds fuzz_status_updates
rm -rf "$made" && mkdir -p "$made"

# Referential: structures \f services [\f engagements] (fuzz/fuzz_referential_csv.cpp).
ref=samples/referential
{ cat "$ref/structures.csv"; printf '\f'; cat "$ref/services.csv"; printf '\f'; cat "$ref/engagements.csv"; } \
  >"$made/ref-three.csv"
{ cat "$ref/structures.csv"; printf '\f'; cat "$ref/services.csv"; } >"$made/ref-two.csv"
cp "$ref/structures.csv" "$made/ref-one.csv"
{ head -n 3 "$ref/structures.csv"; printf '\f'; head -n 3 "$ref/services.csv"; printf '\f'
  head -n 3 "$ref/engagements.csv"; } >"$made/ref-small.csv"
find "$made" -type f -print0 | add_seeds fuzz_referential_csv
rm -rf "$made" && mkdir -p "$made"

# ZIP batches, written with Python's zipfile from the sample invoices.
ubl=samples/flows/AAA999/01-ubl-valmont-accepted.xml
cii=samples/flows/AAA999/02-cii-brenac-urgences-accepted.xml
credit=samples/flows/AAA999/03-ubl-creditnote-lerans-ej-accepted.xml
qpdf --empty "$made/plain.pdf"
python3 - "$made" "$ubl" "$cii" "$credit" <<'PY'
import sys, zipfile
out, ubl, cii, credit = sys.argv[1:]
def z(name, members, method=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(f"{out}/{name}", "w", method) as archive:
        for member, data in members:
            archive.writestr(member, data)
read = lambda path: open(path, "rb").read()
z("two.zip", [("ubl.xml", read(ubl)), ("cii.xml", read(cii))])
z("stored.zip", [("ubl.xml", read(ubl))], zipfile.ZIP_STORED)
z("folder.zip", [("batch/", b""), ("batch/credit.xml", read(credit))])
# An invoice naming its attachment, and a member nobody names.
z("attached.zip", [("cii.xml", read(cii) + b"<!-- scan.pdf -->\n"),
                   ("scan.pdf", read(f"{out}/plain.pdf")), ("notes.txt", b"unreferenced\n")],
  zipfile.ZIP_STORED)
z("empty.zip", [])
PY
rm "$made/plain.pdf"
find "$made" -type f -print0 | add_seeds fuzz_zip
rm -rf "$made" && mkdir -p "$made"

# Factur-X PDFs made with the qpdf tool: compressed and plain-text, both invoice file names,
# and a PDF without an invoice.
qpdf --empty --add-attachment "$cii" --key=factur-x.xml --filename=factur-x.xml \
  --mimetype=text/xml -- "$made/facturx.pdf"
qpdf --empty --add-attachment "$cii" --key=factur-x.xml --filename=factur-x.xml \
  --mimetype=text/xml -- --compress-streams=n --object-streams=disable "$made/facturx-plain.pdf"
qpdf --empty --add-attachment "$cii" --key=zugferd-invoice.xml --filename=zugferd-invoice.xml \
  --mimetype=text/xml -- --compress-streams=n "$made/zugferd.pdf"
qpdf --empty "$made/plain.pdf"
find "$made" -type f -print0 | add_seeds fuzz_pdf
rm -rf "$made"

# ---- run -----------------------------------------------------------------------------------
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
# The ZIP and referential targets rewrite a scratch file per input: in memory when possible.
if [[ -z "${TMPDIR:-}" && -d /dev/shm && -w /dev/shm ]]; then export TMPDIR=/dev/shm; fi
logs=$build/logs
mkdir -p "$logs"
failed=()
declare -A execs corp cov news secs

# The reproducer libFuzzer wrote, if any, from its log.
reproducer_of() {
  grep -Eo '(Test unit|artifact) written to [^ ]+' "$1" | tail -1 | awk '{print $NF}' || true
}

for t in "${targets[@]}"; do
  bin=$build/fuzz/$t
  options=(-timeout=10 -rss_limit_mb=2048 -max_len="${max_len[$t]}" -print_final_stats=1
           -artifact_prefix="$build/artifacts/$t-")
  [[ -f fuzz/$t.dict ]] && options+=(-dict="fuzz/$t.dict")

  # Every saved regression input of this target, run once each (kept honest after a fix).
  shopt -s nullglob
  regressions=(fuzz/regressions/"$t"-*)
  shopt -u nullglob
  if ((${#regressions[@]})); then
    echo "== $t: ${#regressions[@]} regression input(s)"
    if ! "$bin" "${options[@]}" "${regressions[@]}" >"$logs/$t-regressions.log" 2>&1; then
      echo "FAIL $t on fuzz/regressions/ (log: $logs/$t-regressions.log)" >&2
      tail -n 30 "$logs/$t-regressions.log" >&2
      failed+=("$t (regressions)")
    fi
  fi

  echo "== $t: fuzzing for ${seconds}s ($(find "$seeds/$t" -type f | wc -l) seeds, corpus build-fuzz/corpus/$t)"
  start=$(date +%s)
  status=0
  "$bin" "${options[@]}" -max_total_time="$seconds" "$build/corpus/$t" "$seeds/$t" \
    >"$logs/$t.log" 2>&1 || status=$?
  secs[$t]=$(( $(date +%s) - start ))
  log=$logs/$t.log
  execs[$t]=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | awk '{print $NF}' | tail -1 || true)
  last=$(grep -E '^#[0-9]+.*(cov|corp):' "$log" | tail -1 || true)
  corp[$t]=$(grep -Eo 'corp: [0-9]+/[0-9]+[a-zA-Z]*' <<<"$last" | awk '{print $2}' || true)
  cov[$t]=$(grep -Eo 'cov: [0-9]+' <<<"$last" | awk '{print $2}' || true)
  news[$t]=$(grep -Eo 'stat::new_units_added: *[0-9]+' "$log" | awk '{print $NF}' | tail -1 || true)
  if ((status != 0)); then
    repro=$(reproducer_of "$log")
    echo "FAIL $t (exit $status): reproducer ${repro:-<none written>} (log: $log)" >&2
    grep -E 'ERROR:|runtime error:|fuzz invariant broken|SUMMARY:' "$log" | head -n 5 >&2 || true
    [[ -n "$repro" ]] && echo "  replay: $bin $repro" >&2
    failed+=("$t")
  fi
done

echo
echo "== fuzz summary (${seconds}s per target; corpus = units in memory at the end / their size)"
printf '%-22s %8s %12s %10s %16s %8s %10s\n' target seconds executions exec/s corpus cov new-units
for t in "${targets[@]}"; do
  e=${execs[$t]:-0}
  s=${secs[$t]:-0}
  printf '%-22s %8s %12s %10s %16s %8s %10s\n' "$t" "$s" "$e" "$(( s > 0 ? e / s : 0 ))" \
    "${corp[$t]:-?}" "${cov[$t]:-?}" "${news[$t]:-?}"
done

if ((${#failed[@]})); then
  echo "fuzz: FAILED: ${failed[*]}" >&2
  exit 1
fi
echo "fuzz: all targets green"
