# Shared helpers of the project scripts (sourced, not run).
# Finds Odoo, prepares the virtualenv and makes sure PostgreSQL answers.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ODOO_SRC=${ODOO_SRC:-/opt/odoo}
VENV=${VENV:-$ROOT/.venv}
PYTHON_BIN=${PYTHON_BIN:-python3}
PY="$VENV/bin/python"
ODOO_DATA=${ODOO_DATA:-$ROOT/.odoo-data}

say() { printf '==> %s\n' "$*"; }
die() { printf '\nERROR: %s\n' "$*" >&2; exit 1; }

# every addon of the project, comma-separated (directories holding a manifest)
project_addons() {
  local names=()
  for manifest in "$ROOT"/addons/*/__manifest__.py; do
    [ -f "$manifest" ] && names+=("$(basename "$(dirname "$manifest")")")
  done
  (IFS=,; echo "${names[*]}")
}

odoo_present() { [ -f "$ODOO_SRC/odoo-bin" ] && [ -d "$ODOO_SRC/odoo/addons/base" ]; }

# Without an Odoo tree, try a shallow clone of Odoo's official 18.0 branch
# into ODOO_SRC (outside the repository; never committed). It gives up after
# ODOO_FETCH_TIMEOUT seconds (default 20) when the network is closed, leaving
# nothing behind. ODOO_FETCH=0 skips it. ODOO_COMMIT=<full sha> pins the
# clone to that commit of the branch (default: the branch's head, whose
# commit is printed).
ODOO_GIT_URL=${ODOO_GIT_URL:-https://github.com/odoo/odoo.git}
ODOO_BRANCH=${ODOO_BRANCH:-18.0}
ODOO_COMMIT=${ODOO_COMMIT:-}
fetch_odoo() {
  odoo_present && return 0
  [ "${ODOO_FETCH:-1}" = 0 ] && return 1
  command -v git >/dev/null 2>&1 || return 1
  if [ -e "$ODOO_SRC" ] && [ -n "$(ls -A "$ODOO_SRC" 2>/dev/null)" ]; then
    say "ODOO_SRC=$ODOO_SRC exists but holds no Odoo tree: not cloning into it"
    return 1
  fi
  local parent tmp
  parent=$(dirname "$ODOO_SRC")
  mkdir -p "$parent" 2>/dev/null || return 1
  tmp=$(mktemp -d "$parent/.odoo-clone.XXXXXX") || return 1
  local ref=${ODOO_COMMIT:-$ODOO_BRANCH}
  say "no Odoo tree at $ODOO_SRC: cloning Odoo $ref from $ODOO_GIT_URL (gives up after ${ODOO_FETCH_TIMEOUT:-20} s)"
  if GIT_TERMINAL_PROMPT=0 timeout "${ODOO_FETCH_TIMEOUT:-20}" bash -c '
        git init --quiet "$1" && cd "$1" && git remote add origin "$2" \
          && git fetch --quiet --depth 1 origin "$3" && git checkout --quiet FETCH_HEAD' \
        fetch "$tmp/odoo" "$ODOO_GIT_URL" "$ref" 2>/dev/null \
      && [ -f "$tmp/odoo/odoo-bin" ]; then
    rm -rf "$ODOO_SRC" && mv "$tmp/odoo" "$ODOO_SRC" && rm -rf "$tmp"
    say "Odoo $ODOO_BRANCH is at $ODOO_SRC ($(git -C "$ODOO_SRC" rev-parse --short HEAD))"
    return 0
  fi
  rm -rf "$tmp"
  say "could not clone Odoo (no network, or it timed out)"
  return 1
}

odoo_missing_message() {
  cat <<MSG
No Odoo 18.0 source tree was found at ODOO_SRC=$ODOO_SRC, and it could not be cloned
from $ODOO_GIT_URL (branch $ODOO_BRANCH) on this machine.
  Put an Odoo 18.0 checkout there, or point ODOO_SRC at one:
      export ODOO_SRC=/path/to/odoo-18.0     (the folder holding odoo-bin)
  Or run the product in Docker (an image built on the official odoo:18): docker compose up --build
MSG
}

ensure_venv() {
  if [ ! -x "$PY" ]; then
    say "creating the virtualenv $VENV"
    "$PYTHON_BIN" -m venv "$VENV" || die "could not create a virtualenv with $PYTHON_BIN (install python3-venv)"
  fi
  local stamp="$VENV/.requirements.sha256"
  local want
  want=$(sha256sum "$ROOT/requirements.txt" | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    say "installing Python dependencies (requirements.txt)"
    "$PY" -m pip install --quiet --disable-pip-version-check --upgrade pip >/dev/null 2>&1 || true
    "$PY" -m pip install --quiet --disable-pip-version-check -r "$ROOT/requirements.txt" 2>&1 \
      | grep -v "is ignored: it is neither a file nor a directory" || true
    "$PY" -c "import pluggy, xlsxwriter, psycopg2, lxml, werkzeug" \
      || die "the Python dependencies did not install; see the pip output above"
    echo "$want" > "$stamp"
  fi
}

pg_answers() { psql -d postgres -tAc 'select 1' >/dev/null 2>&1; }

# Chromium for the Odoo browser tours (Odoo skips a tour without it, and a
# skipped test fails the suite): installed where the system allows (root with
# apt-get), as make run installs what printing needs
ensure_browser() {
  local name
  for name in chromium chromium-browser google-chrome; do
    command -v "$name" >/dev/null 2>&1 && return 0
  done
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    say "installing chromium for the browser tours"
    { apt-get -o DPkg::Lock::Timeout=600 update -qq \
        && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq chromium; } >/dev/null 2>&1 \
      && return 0
  fi
  say "note: no Chromium found: the browser tours will be skipped, and the suite fails (Debian: apt-get install chromium)"
}

ensure_postgres() {
  if pg_answers; then return 0; fi
  if command -v pg_lsclusters >/dev/null 2>&1 && [ -n "$(pg_lsclusters -h 2>/dev/null)" ]; then
    say "starting the local PostgreSQL cluster"
    pg_lsclusters -h | while read -r version cluster _; do
      pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" start 2>/dev/null \
        || pg_ctlcluster "$version" "$cluster" start 2>/dev/null || true
    done
    for _ in $(seq 1 30); do pg_answers && break; sleep 1; done
  fi
  if ! pg_answers && command -v psql >/dev/null 2>&1 && id postgres >/dev/null 2>&1; then
    # the server runs but our role is missing: create it as a superuser of this machine
    su postgres -c "createuser --superuser $(id -un)" >/dev/null 2>&1 || true
  fi
  pg_answers || die "PostgreSQL does not answer. Install and start it (Debian: apt-get install postgresql;
  pg_ctlcluster <version> main start), or set PGHOST/PGPORT/PGUSER/PGPASSWORD to reach one."
}

odoo_bin() { "$PY" "$ODOO_SRC/odoo-bin" --addons-path="$ODOO_SRC/addons,$ROOT/addons" --data-dir="$ODOO_DATA" "$@"; }
