#!/usr/bin/env bash
# Builds the package and serves the demo form on 127.0.0.1, printing its URL.
#   wasm/demo/run.sh [port]      (default 8080; 0 picks a free port)
set -euo pipefail
cd "$(dirname "$0")/../.."
wasm/build.sh
exec node wasm/demo/serve.mjs "${1:-8080}"
