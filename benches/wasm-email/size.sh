#!/usr/bin/env bash
# What email validation adds to a wasm32 build (release, opt-level s, LTO, stripped): the
# probe without email (baseline), with customer-core's Email::parse, and with the idna
# crate alone; each with idna's default Unicode back end (idna_adapter 1.2, ICU4X) and with
# the unicode-rs back end (idna_adapter pinned to 1.1 in the probe's own lock file).
set -euo pipefail
cd "$(dirname "$0")"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-../../target/wasm-email}"
out="$CARGO_TARGET_DIR/wasm32-unknown-unknown/release"
declare -A size
build() { # name features...
  local name=$1; shift
  # shellcheck disable=SC2068
  cargo build -q --release --target wasm32-unknown-unknown $@
  cp "$out/wasm_email.wasm" "$out/$name.wasm"
  local raw gz
  raw=$(wc -c < "$out/$name.wasm")
  gz=$(gzip -9 -c "$out/$name.wasm" | wc -c)
  size[$name]="$raw $gz"
  printf '%-22s %9d bytes raw %9d bytes gzipped\n' "$name" "$raw" "$gz"
}
adds() { # what $2 adds over $1
  local braw bgz raw gz
  read -r braw bgz <<< "${size[$1]}"
  read -r raw gz <<< "${size[$2]}"
  printf '%-22s adds %9d bytes raw %9d bytes gzipped\n' "$2" $((raw - braw)) $((gz - bgz))
}
# The committed lock file has idna's default back end; the unicode-rs run below pins
# another, and the lock file is put back afterwards.
cp Cargo.lock Cargo.lock.orig
trap 'mv Cargo.lock.orig Cargo.lock' EXIT
build baseline
build email --features email
build idna-only --features idna-only
build name --features name
build name-email --features name,email
adds baseline email
adds baseline idna-only
adds name name-email
# The unicode-rs back end: what a browser bundle can choose (see benches/README.md).
cargo update -q -p idna_adapter --precise 1.1.0
build email-unicode-rs --features email
build idna-only-unicode-rs --features idna-only
adds baseline email-unicode-rs
adds baseline idna-only-unicode-rs
