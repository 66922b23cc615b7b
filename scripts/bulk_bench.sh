#!/usr/bin/env bash
# Bulk throughput of the main job (issue 10), side by side with the naive stack, in one run:
#
#   scripts/bulk_bench.sh                      # 100,000 records; naive on 2,450; RSS at 10^6
#   BULK_RECORDS=20000 BULK_BIG_RECORDS=0 scripts/bulk_bench.sh   # quick
#
# 1. `examples/bulk.rs generate N` writes N requests rotating over every region's example
#    numbers (deterministic: the same N gives the same bytes; its sha256 is printed).
# 2. `customer-core validate` on it, output to a file: BULK_RUNS runs on every core (the
#    best is the figure), then one with --jobs 1.
# 3. The naive stack (serde_json + the phonenumber crate, one thread, as in
#    benches/validate.rs) on the first BULK_NAIVE_RECORDS records (10 rotations of the
#    regions: at milliseconds per record, the whole file would take minutes), output to a file.
# 4. Instructions per record: callgrind on the 10,000-record file with --jobs 1 (when
#    valgrind is installed; BULK_CALLGRIND=0 skips it).
# 5. Peak RSS (`/usr/bin/time -v`'s "Maximum resident set size") of the tool on the
#    N-record file and on a BULK_BIG_RECORDS-record one: bounded memory means equal figures.
#
# Besides wall-clock records/s, each line gives CPU seconds (perf's task-clock when perf
# is installed, else user + sys) and records per CPU-second: on a shared, loaded machine
# the wall clock counts other processes' slices.
set -euo pipefail
cd "$(dirname "$0")/.."

records=${BULK_RECORDS:-100000}
naive_records=${BULK_NAIVE_RECORDS:-2450}
big_records=${BULK_BIG_RECORDS:-1000000}
runs=${BULK_RUNS:-3}
dir=target/bulk
mkdir -p "$dir"

if [ ! -x /usr/bin/time ]; then
  apt-get update -qq && apt-get install -y -qq time >/dev/null
fi

cargo build --release -q -p customer-core-cli
cargo build --release -q --example bulk
perf=$(command -v perf || true) # optional: precise CPU time
tool=target/release/customer-core
bulk=target/release/examples/bulk

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
"$bulk" generate "$records" > "$dir/records.ndjson"
echo "input: $records records, $(wc -c < "$dir/records.ndjson") bytes, sha256 $(sha256sum "$dir/records.ndjson" | cut -c1-16)…"

# measure LABEL RECORDS COMMAND...: one run; stdout of COMMAND goes to $dir/out.ndjson.
measure() {
  local label=$1 n=$2
  shift 2
  local start end
  start=$(date +%s.%N)
  if [ -n "$perf" ]; then
    # perf's task-clock: CPU time of the command's threads, to the microsecond.
    "$perf" stat -x, -e task-clock -o "$dir/perf.txt" -- \
      /usr/bin/time -v -o "$dir/time.txt" "$@" > "$dir/out.ndjson" 2> "$dir/stderr.txt" || true
  else
    /usr/bin/time -v -o "$dir/time.txt" "$@" > "$dir/out.ndjson" 2> "$dir/stderr.txt" || true
  fi
  end=$(date +%s.%N)
  local user sys rss
  if [ -n "$perf" ]; then
    user=$(awk -F, '/task-clock/ {print $1 / 1000}' "$dir/perf.txt")
    sys=0
  else
    user=$(awk -F': ' '/User time/ {print $2}' "$dir/time.txt")
    sys=$(awk -F': ' '/System time/ {print $2}' "$dir/time.txt")
  fi
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$dir/time.txt")
  local lines
  lines=$(wc -l < "$dir/out.ndjson")
  awk -v l="$label" -v n="$n" -v s="$start" -v e="$end" -v u="$user" -v y="$sys" -v r="$rss" -v o="$lines" 'BEGIN {
    w = e - s; c = u + y;
    printf "%-34s %9d rec %8.3f s %11.0f rec/s | cpu %7.3f s %11.0f rec/cpu-s | max RSS %7d KB | %d lines out\n",
      l, n, w, n / w, c, (c > 0 ? n / c : 0), r, o }'
}

echo
for i in $(seq "$runs"); do
  measure "customer-core validate (all cores)" "$records" "$tool" validate "$dir/records.ndjson"
done
measure "customer-core validate --jobs 1" "$records" "$tool" validate --jobs 1 "$dir/records.ndjson"
cp "$dir/stderr.txt" "$dir/summary.txt"
head -n "$naive_records" "$dir/records.ndjson" > "$dir/naive_input.ndjson"
measure "naive serde_json + phonenumber" "$naive_records" "$bulk" naive "$dir/naive_input.ndjson"
measure "customer-core, same records" "$naive_records" "$tool" validate "$dir/naive_input.ndjson"
echo
echo "customer-core's summary of the $records records (--jobs 1 run):"
cat "$dir/summary.txt"

# Instructions per record (load-independent): callgrind on the 10,000-record file, one
# worker (`BULK_CALLGRIND=0` skips it; needs valgrind).
if [ "${BULK_CALLGRIND:-1}" != 0 ] && command -v valgrind >/dev/null; then
  "$bulk" generate 10000 > "$dir/r10k.ndjson"
  # (the tool exits 1: the file holds invalid records on purpose)
  total=$({ valgrind --tool=callgrind --callgrind-out-file=/dev/null "$tool" validate --jobs 1 \
    "$dir/r10k.ndjson" 2>&1 >/dev/null || true; } | grep -o 'Collected : [0-9]*' | grep -o '[0-9]*')
  echo
  echo "callgrind, --jobs 1, 10,000 records (sha256 $(sha256sum "$dir/r10k.ndjson" | cut -c1-16)…): $total instructions, $((total / 10000)) per record"
  rm -f "$dir/r10k.ndjson"
fi

if [ "$big_records" -gt 0 ]; then
  echo
  "$bulk" generate "$big_records" > "$dir/big.ndjson"
  measure "customer-core validate, big input" "$big_records" "$tool" validate "$dir/big.ndjson"
  rm -f "$dir/big.ndjson"
fi
rm -f "$dir/out.ndjson"
