#!/usr/bin/env bash
# What phone validation adds to a wasm32 build (release, opt-level s, LTO, stripped):
# the probe built without phone (baseline), with customer-core's phone validation, and
# with the phonenumber crate's; raw and gzipped sizes, then node's first-call time.
set -euo pipefail
cd "$(dirname "$0")"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-../../target/wasm-phone}"
out="$CARGO_TARGET_DIR/wasm32-unknown-unknown/release"
declare -A size
rm -f "$out"/{baseline,phone,phonenumber}.wasm
for variant in baseline phone phonenumber; do
  if [ "$variant" = phonenumber ] && [ "${PHONE_WASM_SKIP_REFERENCE:-}" = 1 ]; then continue; fi
  features=""
  [ "$variant" != baseline ] && features="--features $variant"
  # shellcheck disable=SC2086
  cargo build -q --release --target wasm32-unknown-unknown $features
  cp "$out/wasm_phone.wasm" "$out/$variant.wasm"
  raw=$(wc -c < "$out/$variant.wasm")
  gz=$(gzip -9 -c "$out/$variant.wasm" | wc -c)
  size[$variant]="$raw $gz"
  printf '%-12s %9d bytes raw %9d bytes gzipped\n' "$variant" "$raw" "$gz"
done
read -r braw bgz <<< "${size[baseline]}"
read -r praw pgz <<< "${size[phone]}"
printf 'phone validation adds %d bytes raw, %d bytes gzipped\n' $((praw - braw)) $((pgz - bgz))
if command -v node > /dev/null; then
  for variant in phone phonenumber; do
    if [ -f "$out/$variant.wasm" ]; then node first_call.mjs "$out/$variant.wasm"; fi
  done
fi
