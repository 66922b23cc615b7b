#!/usr/bin/env bash
# Ready to publish: `cargo publish --dry-run` of the library and the CLI (packaged together,
# so the CLI resolves the library from the package being made), and the library's file
# list holds only what users need: no CI scripts, tests, fuzz corpus or oracle fixtures.
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/lib.sh

step "package list of customer-core"
list=$(cargo package --list --allow-dirty -p customer-core)
if grep -E '^(\.ci/|fuzz/|tests/|scripts/|xtask/|wasm/|benches/|examples/)' <<<"$list"; then
  echo "the published library would hold the files above" >&2
  exit 1
fi
grep -qx 'LICENSE-MIT' <<<"$list" && grep -qx 'LICENSE-APACHE' <<<"$list"
echo "$(wc -l <<<"$list") files, none of CI, tests, fuzz or fixtures"

step "cargo publish --dry-run (customer-core, customer-core-cli)"
cargo publish --dry-run --allow-dirty -p customer-core -p customer-core-cli 2>&1 \
  | grep -vE '^warning: ignoring (test|benchmark|example)' 
