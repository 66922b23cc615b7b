#!/usr/bin/env bash
# Email oracle (issue 9). Called by .ci/run; needs the Rust toolchain and python3.
#   1. the committed fixture is email-validator's verdicts (email-validator==2.3.0 and
#      idna==3.20 from PyPI in .venv-email; regenerate, fail on any difference);
#   2. the agreement test against it (also part of `cargo test`), with its report.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== email: %s\n' "$*"; }

step "oracle: email-validator==2.3.0, idna==3.20 in .venv-email"
PY=.venv-email/bin/python
want='import email_validator, idna, sys; sys.exit(email_validator.__version__ != "2.3.0" or idna.__version__ != "3.20")'
if [ ! -x "$PY" ] || ! "$PY" -c "$want" 2>/dev/null; then
  if python3 -m venv .venv-email 2>/dev/null; then
    "$PY" -m pip install -q --disable-pip-version-check email-validator==2.3.0 idna==3.20
  else
    # No venv module (python3-venv): a user install, pinned the same.
    python3 -m pip install -q --user --disable-pip-version-check email-validator==2.3.0 idna==3.20 \
      || python3 -m pip install -q --user --break-system-packages email-validator==2.3.0 idna==3.20
    PY=python3
  fi
fi

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
