#!/usr/bin/env bash
# customer-core-axum and customer-core-service against real servers. Called by .ci/run.
#   1. the library's own dependency tree (normal and build) has no tokio, axum, sqlx,
#      redis or hyper: the service crates never enter it;
#   2. clippy on the two crates (not default members, so the root clippy skips them), and
#      rustdoc of customer-core-axum with warnings denied;
#   3. PostgreSQL through `.ci/postgres.sh --serve` (it installs and starts the cluster,
#      and stops it when this script ends), Redis from Debian when missing, on a free
#      loopback port, no persistence;
#   4. `cargo test` of both crates with `--include-ignored`: the store contract on SQLite,
#      PostgreSQL and Redis; the guard layer; the binary over HTTP (spec examples, hostile
#      HTTP, graceful shutdown); two instances on one PostgreSQL and one Redis (one key
#      raced 50 times, a shared limit, SIGKILL mid-request then retry after the lease,
#      PostgreSQL restarted under load: 503 + Retry-After, no customer lost).
#      Server tests fail when their server is missing;
#   5. `cargo run --release -p customer-core-service` as a fresh clone runs it: the URL and
#      a test key printed, spec 000's example answered 201, its mismatched variant 400.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
source .ci/lib.sh

step "the library's dependency tree has no service crate"
tree=$(cargo tree -p customer-core --prefix none -e normal,build --all-features)
if grep -Ei '^(tokio|axum|sqlx|redis|hyper|tower) ' <<<"$tree"; then
  echo "customer-core depends on a service crate (above)"; exit 1
fi
echo "cargo tree -p customer-core: no tokio, axum, sqlx, redis, hyper or tower"

step "clippy (customer-core-axum, customer-core-service)"
cargo clippy -q -p customer-core-axum -p customer-core-service --all-targets --all-features -- -D warnings

step "cargo doc -p customer-core-axum (every public item, no broken link)"
RUSTDOCFLAGS="-D warnings" cargo doc -q --no-deps --all-features -p customer-core-axum

PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "${WORK:-}"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
WORK=$(mktemp -d /tmp/customer-core-service.XXXXXX)

step "PostgreSQL (.ci/postgres.sh --serve)"
.ci/postgres.sh --serve > "$WORK/pg.out" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 300); do
  if grep -q '^export CUSTOMER_CORE_PG_URL=' "$WORK/pg.out"; then break; fi
  if ! kill -0 "${PIDS[0]}" 2>/dev/null; then cat "$WORK/pg.out"; exit 1; fi
  sleep 1
done
export "$(sed -n 's/^export \(CUSTOMER_CORE_PG_URL=.*\)/\1/p' "$WORK/pg.out")"
echo "CUSTOMER_CORE_PG_URL=$CUSTOMER_CORE_PG_URL"
# The restart of the fault test: stop (fast), two seconds down, start with the options the
# cluster was started with (its postmaster.opts, less the binary and -D).
PG_DIR=$(sed -n 's/^== postgres: cluster in \(.*\) on 127.*/\1/p' "$WORK/pg.out")
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
as_pg() { if [ "$(id -u)" = 0 ]; then echo "runuser -u postgres --"; fi; }
PG_OPTS=$(sed -e 's/^[^ ]* //' -e 's/"-D" "[^"]*" *//' "$PG_DIR/data/postmaster.opts")
export CUSTOMER_CORE_PG_RESTART="$(as_pg) $PG_BIN/pg_ctl -D $PG_DIR/data -m fast -w stop >/dev/null \
  && sleep 2 && $(as_pg) $PG_BIN/pg_ctl -D $PG_DIR/data -l $PG_DIR/log -w -s -o '$PG_OPTS' start"

step "Redis"
command -v redis-server >/dev/null || apt_install redis-server
REDIS_PORT=$(free_port)
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no \
  --dir "$WORK" --logfile "$WORK/redis.log" &
PIDS+=($!)
for _ in $(seq 1 50); do
  if redis-cli -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; then break; fi
  sleep 0.1
done
redis-cli -p "$REDIS_PORT" ping
export CUSTOMER_CORE_REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"

step "cargo test -p customer-core-axum --all-features -- --include-ignored"
cargo test -q -p customer-core-axum --all-features -- --include-ignored

step "cargo test -p customer-core-service -- --include-ignored"
cargo test -q -p customer-core-service -- --include-ignored --test-threads 2

step "Schemathesis against /openapi.json (every check but positive_data_acceptance)"
# positive_data_acceptance expects every schema-valid body to be accepted; JSON Schema
# cannot say what customer-core checks (a phone valid for the billing country, name
# characters, ISO codes, signed cursors), so schema-valid bodies are refused with 400 by
# design. Every other check (no 5xx, statuses, headers, content types and bodies as
# documented, negative data rejected, auth enforced, unsupported methods) must pass.
VENV="$ROOT/target/venv-schemathesis"
venv "$VENV" schemathesis==4.32.5
cargo build -q -p customer-core-service
ST_PORT=$(free_port)
ST_KEY="sk_live_SchemathesisKey$(python3 -c 'import secrets; print(secrets.token_hex(8))')"
"$ROOT/target/debug/customer-core-service" --listen "127.0.0.1:$ST_PORT" --database sqlite::memory: \
  --test-key "$ST_KEY" --no-rate-limits > "$WORK/st-server.out" 2> "$WORK/st-server.err" &
PIDS+=($!)
for _ in $(seq 1 50); do
  if grep -q '^listening on ' "$WORK/st-server.out" 2>/dev/null; then break; fi
  sleep 0.2
done
# From the work directory: Schemathesis keeps its cache (.schemathesis/) in the current one.
(cd "$WORK" && "$PY" -m schemathesis.cli run "http://127.0.0.1:$ST_PORT/openapi.json" --checks all \
  --exclude-checks positive_data_acceptance -H "Authorization: Bearer $ST_KEY" \
  --max-examples 40 --no-color --seed 1) 2>&1 | tee "$ROOT/target/schemathesis.out" | tail -25

step "cargo run --release -p customer-core-service (a fresh clone's first run)"
PORT=$(free_port)
(cd "$WORK" && exec cargo run -q --release --manifest-path "$ROOT/Cargo.toml" -p customer-core-service -- \
  --listen "127.0.0.1:$PORT" > "$WORK/run.out" 2> "$WORK/run.err") &
PIDS+=($!)
for _ in $(seq 1 600); do
  if grep -q '^listening on ' "$WORK/run.out" 2>/dev/null; then break; fi
  sleep 1
done
cat "$WORK/run.out" | sed 's/\(test key: sk_test_\).*/\1…/'
KEY=$(sed -n 's/^test key: //p' "$WORK/run.out")
[ -n "$KEY" ] || { echo "no test key printed"; cat "$WORK/run.err"; exit 1; }
BODY='{"first_name":"John","last_name":"Doe","email":"john.doe@example.com","phone_number":"+2348012345678","billing_address":{"line1":"123 Test Lane","line2":"Suite 456","city":"Lagos","state":"Lagos","zip_code":"100001","country":"NG"}}'
code=$(curl -s -o "$WORK/201.json" -w '%{http_code}' -X POST "http://127.0.0.1:$PORT/customers" \
  -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' -d "$BODY")
[ "$code" = 201 ] || { echo "spec 000 example: $code"; cat "$WORK/201.json"; exit 1; }
code=$(curl -s -o "$WORK/400.json" -w '%{http_code}' -X POST "http://127.0.0.1:$PORT/customers" \
  -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
  -d "${BODY/\"NG\"/\"US\"}")
[ "$code" = 400 ] || { echo "mismatched variant: $code"; exit 1; }
grep -q '"pointer":"/phone_number"' "$WORK/400.json"
echo "spec 000: 201; mismatched country: 400 at /phone_number"
echo "service: all steps passed"
