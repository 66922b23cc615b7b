#!/usr/bin/env bash
# Phone engine checks. Called by .ci/run; needs the Rust toolchain and python3.
#   1. the generated tables and example numbers match the pinned metadata (xtask regenerates
#      them from libphonenumber's Python port, scripts/phone-requirements.txt, and fails on
#      any difference);
#   2. the committed oracle fixtures match libphonenumber at the same pin;
#   3. random E.164 strings (2x10^5, bounded in time) agree with libphonenumber;
#   4. the library's normal dependency tree has no regex;
# Knobs: PHONE_ORACLE_RANDOM_N (200000), PHONE_ORACLE_SECONDS (120), PHONE_ORACLE_SEED.
set -euo pipefail
cd "$(dirname "$0")/.."

source .ci/lib.sh

REQ=scripts/phone-requirements.txt
PIN=$(sed -n 's/^phonenumbers==\([0-9.]*\).*/\1/p' "$REQ")
[ -n "$PIN" ] || { echo "$REQ pins no phonenumbers==VERSION" >&2; exit 1; }

step "libphonenumber's Python port: phonenumbers==$PIN ($REQ) in .venv-phone"
venv .venv-phone "phonenumbers==$PIN"
"$PY" -c "import phonenumbers; print('phonenumbers', phonenumbers.__version__)"

step "tables and example numbers are up to date (xtask phone-tables --check)"
PHONE_PYTHON="$PY" cargo xtask phone-tables --check

step "oracle fixtures are libphonenumber's verdicts"
mkdir -p target/phone
for kind in fixture:oracle normalize:normalize; do
  "$PY" scripts/phone_oracle.py "${kind%%:*}" "target/phone/${kind#*:}.txt"
  if ! cmp -s "target/phone/${kind#*:}.txt" "tests/data/phone/${kind#*:}.txt"; then
    diff "tests/data/phone/${kind#*:}.txt" "target/phone/${kind#*:}.txt" | head -20
    echo "tests/data/phone/${kind#*:}.txt differs: run cargo xtask phone-tables" >&2
    exit 1
  fi
done

N=${PHONE_ORACLE_RANDOM_N:-200000}
SECONDS_BOUND=${PHONE_ORACLE_SECONDS:-120}
SEED=${PHONE_ORACLE_SEED:-$(date -u +%Y%m%d)}
step "random oracle: $N numbers, seed $SEED, at most ${SECONDS_BOUND}s of oracle time"
"$PY" scripts/phone_oracle.py random "$N" "$SEED" target/phone/random.txt --seconds "$SECONDS_BOUND"
PHONE_ORACLE_RANDOM="$PWD/target/phone/random.txt" \
  cargo test -q --lib -- --ignored --exact field::phone::engine::oracle::agrees_on_random_numbers --nocapture

step "no regex in the library's normal dependencies"
if cargo tree -q -e normal -p customer-core --prefix none | grep -E '^regex'; then
  echo "the library depends on a regex crate" >&2
  exit 1
fi
echo "ok: no regex"
