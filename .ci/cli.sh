#!/usr/bin/env bash
# The command-line tool (cli/): its tests run in `cargo test` (a default member) and the
# main-job step runs it on the sample; here, that it builds none of the library's
# dev-dependencies (issue 10). The throughput script (scripts/bulk_bench.sh) is not run in
# CI: its figures mean nothing on a shared machine, and its naive baseline takes minutes.
set -euo pipefail
cd "$(dirname "$0")/.."

tree=$(cargo tree -p customer-core-cli --prefix none -e normal,build,dev)
if grep -Ei '^(criterion|proptest|phonenumber) ' <<<"$tree"; then
  echo "customer-core-cli pulls in a dev-only crate of the library (above)"; exit 1
fi
echo "cargo tree -p customer-core-cli: no criterion, proptest or phonenumber"
