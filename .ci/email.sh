#!/usr/bin/env bash
# Email oracle. Called by .ci/run; needs the Rust toolchain and python3.
#   1. the committed fixture is email-validator's verdicts (email-validator==2.3.0 and
#      idna==3.20 from PyPI in .venv-email; regenerate, fail on any difference);
#   2. the agreement test against it (also part of `cargo test`), with its report.
set -euo pipefail
cd "$(dirname "$0")/.."

source .ci/lib.sh

step "oracle: email-validator==2.3.0, idna==3.20 in .venv-email"
venv .venv-email email-validator==2.3.0 idna==3.20

step "tests/data/email/oracle.jsonl is email-validator's verdicts"
mkdir -p target/email
"$PY" scripts/email_oracle.py target/email/oracle.jsonl
if ! cmp -s target/email/oracle.jsonl tests/data/email/oracle.jsonl; then
  diff tests/data/email/oracle.jsonl target/email/oracle.jsonl | head -20
  echo "tests/data/email/oracle.jsonl differs: run scripts/email_oracle.py (the header names the Unicode version of python3's unicodedata)" >&2
  exit 1
fi

step "agreement with email-validator"
cargo test -q --test email_oracle -- --nocapture agrees_with_email_validator 2>&1 \
  | grep -E '^(email-validator agreement|[a-z0-9-]+ \([0-9]+\):)'
