#!/usr/bin/env bash
# Load on customer-core-service with wrk (a benchmark, not a CI test: its figures mean
# something only on a quiet machine). For SQLite (a file) and PostgreSQL (when
# CUSTOMER_CORE_PG_URL is set, e.g. from `.ci/postgres.sh --serve`): POST /customers
# (spec 000's body, a unique email per request), GET /customers (the first page), and
# POST /customers on the same server with validation replaced by a plain serde parse
# (`--bench-plain-serde`), so the difference is what customer-core costs a request.
# Rate limits are off (`--no-rate-limits`): the load is one key's.
#   scripts/service_bench.sh [SECONDS] [CONNECTIONS]      (defaults 30 and 64)
# Figures go to benches/README.md ("Service under load").
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SECS=${1:-30}
CONNS=${2:-64}
command -v wrk >/dev/null || { echo "wrk is missing (apt-get install wrk)"; exit 1; }
cargo build -q --release -p customer-core-service
BIN="$ROOT/target/release/customer-core-service"
WORK=$(mktemp -d /tmp/customer-core-bench.XXXXXX)
KEY=sk_live_BenchKey0123456789abcdefgh
SERVER=
stop() { if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; SERVER=; fi; }
trap 'stop; rm -rf "$WORK"' EXIT

cat > "$WORK/post.lua" <<'LUA'
local counter = 0
local id = 0
local seeded = false
function setup(thread)
  if not seeded then math.randomseed(os.time()); seeded = true end
  thread:set("tid", math.random(1, 1e9))
end
function init(args) id = tid end
request = function()
  counter = counter + 1
  local body = string.format('{"first_name":"John","last_name":"Doe","email":"b%s.%d.%d@example.com","phone_number":"+2348012345678","billing_address":{"line1":"123 Test Lane","line2":"Suite 456","city":"Lagos","state":"Lagos","zip_code":"100001","country":"NG"}}', os.getenv("RUN"), id, counter)
  return wrk.format("POST", "/customers", {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. os.getenv("KEY")}, body)
end
LUA
cat > "$WORK/get.lua" <<'LUA'
request = function()
  return wrk.format("GET", "/customers", {["Authorization"] = "Bearer " .. os.getenv("KEY")})
end
LUA
export KEY

start() {
  local port
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  RUST_LOG=warn "$BIN" --listen "127.0.0.1:$port" --test-key "$KEY" --no-rate-limits "$@" > "$WORK/server.out" 2> "$WORK/server.err" &
  SERVER=$!
  for _ in $(seq 1 100); do grep -q '^listening on ' "$WORK/server.out" 2>/dev/null && break; sleep 0.1; done
  URL="http://127.0.0.1:$port"
}

run() {
  local name=$1 script=$2 file
  RUN=$RANDOM$RANDOM
  export RUN
  file=$(tr -c 'A-Za-z0-9\n' '_' <<<"$name")
  echo "== $name"
  echo "   load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  wrk -t2 -c"$CONNS" -d"${SECS}s" --latency -s "$WORK/$script" "$URL/customers" | tee "$WORK/$file.txt" \
    | grep -E 'Requests/sec|Non-2xx|Socket errors|^ +50%|^ +99%|requests in'
}

bench() {
  local db=$1 label=$2
  start --database "$db"
  run "$label POST /customers" post.lua
  run "$label GET /customers" get.lua
  stop
  start --database "$db" --bench-plain-serde
  run "$label POST /customers, plain serde (no validation)" post.lua
  stop
}

rm -f "$WORK/bench.db"*
bench "sqlite://$WORK/bench.db" "SQLite"
if [ -n "${CUSTOMER_CORE_PG_URL:-}" ]; then
  bench "$CUSTOMER_CORE_PG_URL" "PostgreSQL"
else
  echo "PostgreSQL skipped: CUSTOMER_CORE_PG_URL is not set"
fi
