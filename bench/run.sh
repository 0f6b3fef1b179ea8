#!/usr/bin/env bash
# fluxd's benchmark, end to end (bench/README.md):
#   build (RelWithDebInfo, build-bench/) → generate N invoices + referential → check a sample with
#   `fluxd validate` → baseline (a) Xerces SAX2 + XSD alone → baseline (b) xmllint --schema →
#   `fluxd batch --timings-json` on the same files → check every outcome against the manifest →
#   a Markdown report (invoices/s, MB/s, peak RSS, per-stage ms and share, ratios, targets).
#
# Usage: bench/run.sh [--quick] [--invoices N] [--seed S] [--out DIR] [--build-dir DIR]
#                     [--no-build] [--jobs N] [--xsd-dir DIR] [--zip]
#   --quick      ~300 invoices, the whole thing well under a minute (the CI smoke, bench_quick)
#   --out        runtime data and results (default var/bench/run, git-ignored); wiped first
#   --no-build   use the binaries already in --build-dir (what ctest does)
#   --zip        also pack the flows into ZIP batches (fluxd cannot ingest them yet: reported
#                as skipped)
# Writes OUT/results.md (the Markdown fragment) and OUT/results.json; prints the fragment.
# Exit status: 0 when fluxd ran, produced complete timings and decided every generated file as
# its manifest says; 77 (skipped) without the official XSDs; other non-zero codes on failure.
# Speeds are reported, never asserted.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"

invoices=5000
seed=42
quick=0
out="$root/var/bench/run"
build_dir="$root/build-bench"
build=1
jobs="$(nproc)"
xsd_dir="$(cd "$root/.." && pwd)/shared/corpus/xsd"
zip=0
command_line="bench/run.sh $*"

while (($#)); do
  case "$1" in
    --quick) quick=1; invoices=300 ;;
    --invoices) invoices="$2"; shift ;;
    --seed) seed="$2"; shift ;;
    --out) out="$2"; shift ;;
    --build-dir) build_dir="$2"; shift ;;
    --no-build) build=0 ;;
    --jobs) jobs="$2"; shift ;;
    --xsd-dir) xsd_dir="$2"; shift ;;
    --zip) zip=1 ;;
    -h|--help) sed -n '2,20p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 1 ;;
  esac
  shift
done

say() { printf 'bench: %s\n' "$*" >&2; }
now_ns() { date +%s%N; }
ms_since() { echo $((($(now_ns) - $1) / 1000000)); }

# Without the official XSDs there is no baseline to compare with: skipped (ctest SKIP_RETURN_CODE).
[[ -d "$xsd_dir" ]] || { say "skipped: no official XSD folder at $xsd_dir (--xsd-dir)"; exit 77; }
command -v python3 >/dev/null || { say "python3 is needed for the report"; exit 2; }
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"

# ---- build ---------------------------------------------------------------------------------------
if ((build)); then
  say "building in $build_dir (RelWithDebInfo, -j$jobs)"
  cmake -S "$root" -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build "$build_dir" -j"$jobs" --target fluxd fluxd-bench-generate fluxd-bench-xerces >/dev/null
fi
build_dir="$(cd "$build_dir" && pwd)"
fluxd="$build_dir/app/fluxd"
generate="$build_dir/bench/fluxd-bench-generate"
xerces="$build_dir/bench/fluxd-bench-xerces"
for b in "$fluxd" "$generate" "$xerces"; do
  [[ -x "$b" ]] || { say "missing $b (build first, or drop --no-build)"; exit 2; }
done
build_type="$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build_dir/CMakeCache.txt" 2>/dev/null || true)"

# ---- generate ------------------------------------------------------------------------------------
rm -rf "$out"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
input="$out/input"
zip_args=()
((zip)) && zip_args=(--zip-members 100)
say "generating $invoices invoices (seed $seed) into $input"
started=$(now_ns)
"$generate" --out "$input" --invoices "$invoices" --seed "$seed" --xsd-dir "$xsd_dir" \
  "${zip_args[@]}" >"$out/generate.txt"
generate_ms=$(ms_since "$started")
inbox="$input/data/inbox"

# ---- the generated invoices are what they claim to be (sample, `fluxd validate`) ------------------
# Every invalid file plus every k-th valid one (all of them in --quick), at most ~500 files.
step=$(((invoices + 399) / 400))
((quick)) && step=1
awk -F';' -v step="$step" 'NR > 1 && ($6 != "" || (NR - 2) % step == 0) { print $1 "/" $2 }' \
  "$input/manifest.csv" >"$out/validate-sample.txt"
say "checking $(wc -l <"$out/validate-sample.txt") generated files with fluxd validate"
(cd "$inbox" && xargs -a "$out/validate-sample.txt" -d '\n' \
  "$fluxd" validate --json --xsd-dir "$xsd_dir" >"$out/validate.json" 2>/dev/null) || true
python3 "$here/check_outcomes.py" validate "$input" "$out/validate.json" >"$out/validate-check.txt" ||
  { cat "$out/validate-check.txt" >&2; say "generated files do not validate as intended"; exit 1; }

# ---- baseline (a): Xerces SAX2 + XSD alone -------------------------------------------------------
say "baseline (a): Xerces-C SAX2 + XSD on the same files"
"$xerces" --xsd-dir "$xsd_dir" "$inbox" >"$out/xerces.json"

# ---- baseline (b): xmllint --schema, per document type -------------------------------------------
# xmllint loads its schema once per call: each group runs in calls of at most 5,000 files, and the
# cost of one call on a single file (start + schema load; the least of three tries, as load on the
# machine only adds) is taken out per call.
xmllint_json="$out/xmllint.json"
if command -v xmllint >/dev/null; then
  say "baseline (b): xmllint --noout --schema on the same files"
  ubl_dir="$xsd_dir/ubl-2.1"
  [[ -d "$ubl_dir" ]] || ubl_dir="$xsd_dir/ubl-2.1-runtime"
  declare -A schema=(
    [ubl]="$ubl_dir/maindoc/UBL-Invoice-2.1.xsd"
    [ubl-creditnote]="$ubl_dir/maindoc/UBL-CreditNote-2.1.xsd"
    [cii]="$xsd_dir/cii-d16b/uncoupled/data/standard/CrossIndustryInvoice_100pD16B.xsd"
  )
  groups=()
  for syntax in ubl ubl-creditnote cii; do
    awk -F';' -v s="$syntax" 'NR > 1 && $3 == s { print $1 "/" $2 }' "$input/manifest.csv" \
      >"$out/xmllint-$syntax.txt"
    n=$(wc -l <"$out/xmllint-$syntax.txt")
    ((n > 0)) || continue
    first="$(head -n1 "$out/xmllint-$syntax.txt")"
    one_ms=
    for _ in 1 2 3; do
      started=$(now_ns)
      (cd "$inbox" && xmllint --noout --schema "${schema[$syntax]}" "$first" 2>/dev/null) || true
      ms=$(ms_since "$started")
      [[ -z "$one_ms" || "$ms" -lt "$one_ms" ]] && one_ms=$ms
    done
    started=$(now_ns)
    (cd "$inbox" && xargs -a "$out/xmllint-$syntax.txt" -d '\n' -n 5000 -s 1000000 \
      xmllint --noout --schema "${schema[$syntax]}" >/dev/null 2>"$out/xmllint-$syntax.log") || true
    all_ms=$(ms_since "$started")
    calls=$(((n + 4999) / 5000))
    valid=$(grep -c ' validates$' "$out/xmllint-$syntax.log" || true)
    groups+=("{\"syntax\": \"$syntax\", \"documents\": $n, \"valid\": $valid, \"calls\": $calls, \"one_file_ms\": $one_ms, \"all_ms\": $all_ms}")
  done
  (IFS=,; echo "{\"groups\": [${groups[*]}]}") >"$xmllint_json"
else
  say "baseline (b) skipped: xmllint is not installed (Debian: libxml2-utils)"
  echo '{"groups": []}' >"$xmllint_json"
fi

# ---- fluxd batch, end to end ---------------------------------------------------------------------
say "fluxd batch on $invoices flows"
time_file="$out/fluxd-time.txt"
started=$(now_ns)
if [[ -x /usr/bin/time ]]; then
  # Process-level CPU times and RSS, beside fluxd's own timings.
  /usr/bin/time -o "$time_file" -f '{"wall_s": %e, "user_s": %U, "sys_s": %S, "max_rss_kib": %M}' \
    "$fluxd" batch --config "$input/fluxd.toml" --timings-json "$out/fluxd-timings.json" \
    >"$out/fluxd-batch.txt" 2>"$out/fluxd-batch.err"
else
  "$fluxd" batch --config "$input/fluxd.toml" --timings-json "$out/fluxd-timings.json" \
    >"$out/fluxd-batch.txt" 2>"$out/fluxd-batch.err"
  echo '{}' >"$time_file"
fi
fluxd_wall_ms=$(ms_since "$started")

say "checking every outcome against the manifest"
python3 "$here/check_outcomes.py" batch "$input" >"$out/batch-check.txt" ||
  { cat "$out/batch-check.txt" >&2; say "fluxd did not decide the generated files as intended"; exit 1; }

# ---- report --------------------------------------------------------------------------------------
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
python3 "$here/report.py" \
  --out "$out" --command "$command_line" --invoices "$invoices" --seed "$seed" \
  --build-type "${build_type:-?}" --generate-ms "$generate_ms" --fluxd-wall-ms "$fluxd_wall_ms" \
  --load-before "$load_before" --load-after "$load_after" --zip "$zip" --quick "$quick"
