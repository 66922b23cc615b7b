#!/usr/bin/env bash
# Builds the npm-style package into wasm/pkg/: the module (cargo, profile `wasm`), the
# ES module glue and .d.ts (wasm-bindgen --target web, the CLI at the exact version of
# the wasm-bindgen crate in Cargo.lock), the entry point and package.json (wasm/js/).
# Needs: the wasm32-unknown-unknown target and wasm-bindgen-cli (.ci/wasm.sh installs
# both when missing). Knob: WASM_PROFILE (wasm).
set -euo pipefail
cd "$(dirname "$0")/.."
profile=${WASM_PROFILE:-wasm}
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [ "$want" != "$have" ]; then
  echo "wasm-bindgen-cli $want is needed (found '${have:-none}'): cargo install wasm-bindgen-cli --version $want" >&2
  exit 1
fi
cargo build -q --profile "$profile" --target wasm32-unknown-unknown -p customer-core-wasm
target_dir=${CARGO_TARGET_DIR:-target}
out=wasm/pkg
rm -rf "$out"
mkdir -p "$out"
# The name section (function names, ~16 KB gzipped) is left out; cargo keeps it
# (`strip = "debuginfo"`) so that wasm-bindgen still sees the target_features section.
wasm-bindgen --target web --remove-name-section --out-dir "$out" \
  "$target_dir/wasm32-unknown-unknown/$profile/customer_core_wasm.wasm"
cp wasm/js/index.js wasm/js/index.d.ts wasm/js/package.json wasm/README.md "$out/"
echo "built $out ($(wc -c < "$out/customer_core_wasm_bg.wasm") bytes of wasm)"
