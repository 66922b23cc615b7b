#!/usr/bin/env bash
# The command-line tool (cli/): its tests run in `cargo test` (a default member) and the
# main-job step runs it on the sample; here, that it builds none of the library's
# dev-dependencies (issue 10), and that every profile (--profile billing, account) validates
# its bundled sample (a few seconds). The throughput script (scripts/bulk_bench.sh) is not run in
# CI: its figures mean nothing on a shared machine, and its naive baseline takes minutes.
set -euo pipefail
cd "$(dirname "$0")/.."

tree=$(cargo tree -p customer-core-cli --prefix none -e normal,build,dev)
if grep -Ei '^(criterion|proptest|phonenumber) ' <<<"$tree"; then
  echo "customer-core-cli pulls in a dev-only crate of the library (above)"; exit 1
fi
echo "cargo tree -p customer-core-cli: no criterion, proptest or phonenumber"

# Every profile on its bundled sample (the release build of the main-job step is reused):
# exit 1 (the samples hold invalid records on purpose) and one verdict per record.
for profile in billing account; do
  sample=examples/data/${profile}_customers.ndjson
  set +e
  cargo run -q --release -p customer-core-cli -- validate --profile "$profile" "$sample" \
    > "target/validate-$profile.out" 2> "target/validate-$profile.err"
  status=$?
  set -e
  if [ "$status" -ne 1 ]; then
    cat "target/validate-$profile.err"
    echo "validate --profile $profile exited $status, expected 1"; exit 1
  fi
  records=$(grep -cv '^[[:space:]]*$' "$sample")
  lines=$(wc -l < "target/validate-$profile.out")
  if [ "$records" -ne "$lines" ]; then
    echo "validate --profile $profile wrote $lines lines for $records records"; exit 1
  fi
  grep -q '"valid":true' "target/validate-$profile.out"
  echo "validate --profile $profile: $lines records checked"
done
grep -q 'it is not UTF-8' target/validate-billing.out
