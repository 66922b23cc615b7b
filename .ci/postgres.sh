#!/usr/bin/env bash
# Listing SQL against real servers. Called by .ci/run.
#   1. PostgreSQL from Debian when missing (apt-get), a throwaway cluster in a temp dir
#      on 127.0.0.1 (a free port), owned by the `postgres` user (initdb refuses root);
#   2. `cargo test --test sql -- --include-ignored` with CUSTOMER_CORE_PG_URL set: the
#      SQLite and PostgreSQL walks, the numbered failures, and the work each store does
#      per page near the start and deep in 20,000 rows (the PostgreSQL tests are ignored
#      in a plain `cargo test`, and fail when run without the URL); fails unless both
#      PostgreSQL tests report;
#   3. the cluster is stopped and removed on exit.
# `./.ci/postgres.sh --serve` starts the cluster, prints the export line, and waits, for
# running the test by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/lib.sh

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

if [ -z "$(pg_bin)" ]; then
  step "installing postgresql from Debian"
  apt_install postgresql
fi
BIN=$(pg_bin)
"$BIN/postgres" --version

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

DIR=$(mktemp -d /tmp/customer-core-pg.XXXXXX)
if [ "$(id -u)" = 0 ]; then chown postgres: "$DIR"; fi
PORT=${CUSTOMER_CORE_PG_PORT:-$(free_port)}
stop() {
  if [ -n "${SLEEPER:-}" ]; then kill "$SLEEPER" 2>/dev/null || true; fi
  as_pg "$BIN/pg_ctl" -D "$DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap stop EXIT
trap 'exit 130' INT TERM

step "cluster in $DIR on 127.0.0.1:$PORT"
as_pg "$BIN/initdb" -D "$DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
# fsync off: a throwaway cluster; only loopback; the socket in the temp dir.
as_pg "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w -s \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off -c synchronous_commit=off" start \
  || { cat "$DIR/log"; exit 1; }
export CUSTOMER_CORE_PG_URL="postgresql://postgres@127.0.0.1:$PORT/postgres"

if [ "${1:-}" = "--serve" ]; then
  echo "export CUSTOMER_CORE_PG_URL=$CUSTOMER_CORE_PG_URL"
  echo "(Ctrl-C stops and removes the cluster)"
  # `wait` (not a foreground `sleep`) so a signal stops the cluster at once.
  while true; do
    sleep 3600 &
    SLEEPER=$!
    wait "$SLEEPER"
  done
fi

step "cargo test --test sql -- --include-ignored (SQLite and PostgreSQL)"
mkdir -p target
cargo test -q --test sql -- --include-ignored --nocapture 2>&1 | tee target/sql-test.out
if ! grep -q 'postgres: [0-9]* walks agree' target/sql-test.out; then
  echo "the PostgreSQL walks did not run (see above)" >&2
  exit 1
fi
if ! grep -q 'postgres (analyzed): buffers near the start' target/sql-test.out; then
  echo "the PostgreSQL work count did not run (see above)" >&2
  exit 1
fi
