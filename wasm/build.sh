#!/usr/bin/env bash
# Builds the npm-style package into wasm/pkg/: the module (cargo, profile `wasm`), the
# ES module glue and .d.ts (wasm-bindgen --target web, the CLI at the exact version of
# the wasm-bindgen crate in Cargo.lock), the entry point and package.json (wasm/js/);
# and the tests' copy with the panic hooks (feature `test-hooks`) in target/wasm/pkg-test/.
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
target_dir=${CARGO_TARGET_DIR:-target}
wasm_out="$target_dir/wasm32-unknown-unknown/$profile/customer_core_wasm.wasm"

# package DIR [FEATURES]: the module with FEATURES, its glue and the entry point in DIR.
package() {
  local dir=$1 features=${2:-}
  cargo build -q --profile "$profile" --target wasm32-unknown-unknown -p customer-core-wasm \
    ${features:+--features "$features"}
  rm -rf "$dir"
  mkdir -p "$dir"
  # The name section (function names, ~16 KB gzipped) is left out; cargo keeps it
  # (`strip = "debuginfo"`) so that wasm-bindgen still sees the target_features section.
  wasm-bindgen --target web --remove-name-section --out-dir "$dir" "$wasm_out"
  # Types that need no DOM library (node projects): the glue's init section is cut.
  node wasm/js/strip-dts.mjs "$dir/customer_core_wasm.d.ts"
  cp wasm/js/index.d.ts wasm/js/package.json wasm/js/README.md "$dir/"
}

# The tests' build first: the panic hooks (`__panicForTests`, `__settled`) in
# target/wasm/pkg-test, for the tests of the panic path only.
package "$target_dir/wasm/pkg-test" test-hooks
cp wasm/js/index.js "$target_dir/wasm/pkg-test/"
# The published package (wasm/pkg): no test hooks, in the .wasm or in index.js.
out=wasm/pkg
package "$out"
sed '/@test-hooks-begin/,/@test-hooks-end/d' wasm/js/index.js > "$out/index.js"
if grep -q '__panicForTests\|__settled' "$out"/*.js "$out"/*.d.ts; then
  echo "test hooks left in $out" >&2
  exit 1
fi
echo "built $out ($(wc -c < "$out/customer_core_wasm_bg.wasm") bytes of wasm) and $target_dir/wasm/pkg-test"
