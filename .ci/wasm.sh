#!/usr/bin/env bash
# The browser package. Called by .ci/run; needs the Rust toolchain, node/npm
# and apt-get. Installs only what is missing: the wasm32 target, wasm-bindgen-cli at the
# lock's wasm-bindgen version (~9 min the first time), the npm test tools (wasm/
# package-lock.json: playwright-core, typescript, axe-core), Debian's chromium. Then:
# build (the package, and the tests' copy with panic hooks), size check, node tests (case
# table against native, API, contexts, hostile input, init in node, panic path), tsc
# check (with and without the DOM library), the demo in headless Chromium (axe-core,
# example numbers of 40 countries typed key by key), load time (report only).
# Artifacts: target/wasm/ (sizes, native case answers, demo.png, load.json).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never

step() { printf '\n== wasm: %s\n' "$*"; }

step "tools"
rustup target list --installed | grep -q '^wasm32-unknown-unknown$' \
  || rustup target add wasm32-unknown-unknown
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }')" != "$want" ]; then
  # --locked first; its lock has pinned a crate version the registry no longer serves
  # (webpki-roots 1.0.11 for 0.2.130), so fall back to the newest compatible versions.
  cargo install -q --locked wasm-bindgen-cli --version "$want" \
    || cargo install -q wasm-bindgen-cli --version "$want"
fi
wasm-bindgen --version
if [ ! -d wasm/node_modules/playwright-core ] || [ ! -d wasm/node_modules/typescript ] \
  || [ ! -d wasm/node_modules/axe-core ]; then
  (cd wasm && npm ci --no-audit --no-fund)
fi
if [ ! -x /usr/bin/chromium ]; then
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null
fi
/usr/bin/chromium --version 2>/dev/null

step "build (wasm/build.sh)"
wasm/build.sh

step "the package is complete (npm pack lists every file the module imports)"
packed=$(cd wasm/pkg && npm pack --dry-run --json 2>/dev/null \
  | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{for(const f of JSON.parse(s)[0].files)console.log(f.path)})' | sort)
built=$(cd wasm/pkg && find . -type f ! -name '*.tgz' | sed 's|^\./||' | sort)
if [ "$packed" != "$built" ]; then
  echo "npm pack would leave out: $(comm -13 <(echo "$packed") <(echo "$built") | tr '\n' ' ')" >&2
  exit 1
fi
echo "$(echo "$packed" | wc -l) files packed"

step "size (budget in wasm/size.sh)"
wasm/size.sh

step "the wasm crate natively (clippy, unit tests)"
cargo clippy -q -p customer-core-wasm --all-targets --all-features -- -D warnings
cargo test -q -p customer-core-wasm

step "native answers for the case table"
mkdir -p target/wasm
cargo run -q -p customer-core-wasm --example cases > target/wasm/native-cases.jsonl
wc -l < target/wasm/native-cases.jsonl

step "node tests (case table through WASM = native; API; hostile input; panic hook; demo in Chromium)"
(cd wasm && NATIVE_CASES="$PWD/../target/wasm/native-cases.jsonl" node --test --test-reporter=spec tests/)

step "TypeScript types (tsc)"
node wasm/tests/typecheck.mjs

step "load time in Chromium on loopback (report only: median of 9 fresh contexts)"
RUNS=9 node wasm/bench/load.mjs | tee target/wasm/load.json
