#!/usr/bin/env bash
# Dependency checks: users never get our Cargo.lock, so prove the crate builds
# and passes its tests beyond the locked build that the rest of CI runs:
#   1. newest:     every dependency at its newest compatible version (scratch copy of the
#                  repository, `cargo update`), library and integration tests, all features;
#   2. minimal:    every direct dependency at the minimum Cargo.toml declares
#                  (`cargo update -Z direct-minimal-versions`, RUSTC_BOOTSTRAP=1 on stable),
#                  library and integration tests, all features;
#   3. downstream: tests/downstream, a package outside the workspace with no lockfile,
#                  depending on the library by path, runs the README's first example;
#   4. msrv:       resolved as cargo's MSRV-aware resolver does for our rust-version, every
#                  dependency of the library (all features) supports that version (no build:
#                  a lockfile and `cargo metadata`);
# All three share target/ with the locked build (unchanged crates are not rebuilt).
# Each step prints its wall time.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export CARGO_TARGET_DIR="$ROOT/target"
SCRATCH="$ROOT/target/deps"

step() { printf '\n== deps: %s\n' "$*"; }
timed() {
  local name=$1 start=$SECONDS
  shift
  "$@"
  printf 'deps: %s took %ss\n' "$name" "$((SECONDS - start))"
}

# A copy of the repository's files (tracked, plus new files not ignored) in $1.
scratch() {
  rm -rf "$1"
  mkdir -p "$1"
  if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git ls-files -z --cached --others --exclude-standard \
      | while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done \
      | tar --null -T - -cf - | tar -xf - -C "$1"
  else
    tar --exclude=./target --exclude=./fuzz/target --exclude=./.venv-phone -cf - . | tar -xf - -C "$1"
  fi
}

newest() {
  scratch "$SCRATCH/newest"
  (
    cd "$SCRATCH/newest"
    # Newest even where a release needs a newer Rust than our rust-version (what a user on
    # the current stable gets).
    CARGO_RESOLVER_INCOMPATIBLE_RUST_VERSIONS=allow cargo update 2>&1 | grep -v '^ *Locking\|^ *Adding\|^ *Unchanged' || true
    cargo test -q --all-features --lib --tests
  )
}

minimal() {
  scratch "$SCRATCH/minimal"
  (
    cd "$SCRATCH/minimal"
    # The library's declared minimums are what users get; the workspace's tools (cli,
    # wasm, xtask) are applications with their own lockfile, so they leave the copy.
    sed -i -e 's/^members = .*/members = ["."]/' -e '/^default-members = /d' Cargo.toml
    RUSTC_BOOTSTRAP=1 cargo update -q -Z direct-minimal-versions
    cargo test -q --all-features --lib --tests
  )
}

downstream() {
  rm -f tests/downstream/Cargo.lock
  cargo run -q --manifest-path tests/downstream/Cargo.toml
  rm -f tests/downstream/Cargo.lock
}

# Every package in the library's normal dependency tree (all features) supports the
# rust-version of Cargo.toml, in the resolution of the lockfile in the current directory.
check_rust_versions() {
  cargo metadata -q --format-version 1 --all-features --filter-platform "$(rustc -vV | sed -n 's/^host: //p')" \
    | python3 -c '
import json, sys
m = json.load(sys.stdin)
packages = {p["id"]: p for p in m["packages"]}
nodes = {n["id"]: n for n in m["resolve"]["nodes"]}
root = next(p for p in m["packages"] if p["name"] == "customer-core" and p["source"] is None)
def version(v):
    return tuple((int(x) for x in (v.split(".") + ["0", "0"])[:3]))
msrv = version(root["rust_version"])
seen, todo, bad = set(), [root["id"]], []
while todo:
    i = todo.pop()
    if i in seen:
        continue
    seen.add(i)
    todo += [d["pkg"] for d in nodes[i]["deps"] if any(k["kind"] is None for k in d["dep_kinds"])]
for i in seen:
    p = packages[i]
    v = p.get("rust_version")
    if v and version(v) > msrv:
        bad.append(" ".join([p["name"], p["version"], "needs Rust", v]))
print("msrv:", len(seen) - 1, "dependencies checked against rust-version", root["rust_version"])
if bad:
    sys.exit("\n".join(sorted(bad)))
'
}

msrv() {
  scratch "$SCRATCH/msrv"
  (
    cd "$SCRATCH/msrv"
    rm -f Cargo.lock
    CARGO_RESOLVER_INCOMPATIBLE_RUST_VERSIONS=fallback cargo generate-lockfile -q
    check_rust_versions
  )
}

step "newest compatible versions (cargo update)"
timed newest newest
step "minimal versions (cargo update -Z direct-minimal-versions)"
timed minimal minimal
step "downstream crate, no lockfile (tests/downstream: the README's first example)"
timed downstream downstream
step "rust-version: every dependency has a release that supports it"
timed msrv msrv
