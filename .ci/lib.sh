# Shared helpers for the CI scripts: `source "$(dirname "$0")/lib.sh"` at the top.
#   step TEXT...              a heading, prefixed with the calling script's name
#   timed NAME CMD...         runs CMD, then prints how long it took
#   need_script PATH          fails (never skips) when a CI script is missing
#   venv DIR PKG==VER...      a Python venv with exactly these pins, made only when missing
#                             or different; sets PY to its interpreter
#   apt_install PKG...        Debian packages, installed only when missing (one update)
#   free_port                 prints a free TCP port on 127.0.0.1
CI_NAME=$(basename "${0%.sh}")

step() { printf '\n== %s: %s ==\n' "$CI_NAME" "$*"; }

timed() {
  local name=$1 start=$SECONDS
  shift
  "$@"
  printf '%s: %s took %ss\n' "$CI_NAME" "$name" "$((SECONDS - start))"
}

need_script() {
  if [ ! -f "$1" ]; then
    echo "CI script $1 is missing" >&2
    exit 1
  fi
}

venv() {
  local dir=$1
  shift
  local check="import importlib.metadata as m, sys; pins = [p.split('==') for p in sys.argv[1:]]; sys.exit(any(m.version(n) != v for n, v in pins))"
  PY=$dir/bin/python
  if [ -x "$PY" ] && "$PY" -c "$check" "$@" 2>/dev/null; then
    return 0
  fi
  if python3 -m venv "$dir" 2>/dev/null; then
    "$PY" -m pip install -q --disable-pip-version-check "$@"
  else
    # No venv module (python3-venv): a user install, pinned the same.
    python3 -m pip install -q --user --disable-pip-version-check "$@" \
      || python3 -m pip install -q --user --break-system-packages "$@"
    PY=python3
  fi
  "$PY" -c "$check" "$@"
}

CI_APT_UPDATED=${CI_APT_UPDATED:-}
apt_install() {
  local missing=()
  local pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  export DEBIAN_FRONTEND=noninteractive
  if [ -z "$CI_APT_UPDATED" ]; then
    apt-get update -qq
    CI_APT_UPDATED=1
  fi
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
