#!/usr/bin/env bash
# Write a production configuration from config/odoo.prod.conf.example:
#   bash scripts/prod-config.sh /etc/odoo/odoo.conf
# - workers = 2 x cores + 1, less one core when PostgreSQL runs on this host
#   (WORKERS=N to choose); MAX_CRON_THREADS (default 1; 0 on web-only hosts)
# - a master password: $ODOO_ADMIN_PASSWD, or a random one generated here and
#   printed once; the file holds only its PBKDF2 hash
# - the file is created mode 600 and never overwritten (remove it first)
# The database password stays out of the file: PGPASSWORD or ~odoo/.pgpass.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
out=${1:?usage: prod-config.sh /etc/odoo/odoo.conf}
[ -e "$out" ] && { echo "$out exists: not overwritten" >&2; exit 1; }
PY=${PY:-$ROOT/.venv/bin/python}
[ -x "$PY" ] || PY=python3

cores=$(nproc)
if [ -z "${WORKERS:-}" ]; then
  WORKERS=$((2 * cores + 1))
  # PostgreSQL on the same host: keep a core for it
  if command -v pg_lsclusters >/dev/null 2>&1 && [ -n "$(pg_lsclusters -h 2>/dev/null)" ]; then
    WORKERS=$((2 * (cores - 1) + 1))
    [ "$WORKERS" -lt 2 ] && WORKERS=2
  fi
fi
MAX_CRON_THREADS=${MAX_CRON_THREADS:-1}
generated=0
if [ -z "${ODOO_ADMIN_PASSWD:-}" ]; then
  ODOO_ADMIN_PASSWD=$("$PY" -c "import secrets; print(secrets.token_urlsafe(24))")
  generated=1
fi
hash=$(ODOO_ADMIN_PASSWD=$ODOO_ADMIN_PASSWD "$PY" -c "
import os
from passlib.context import CryptContext
print(CryptContext(['pbkdf2_sha512']).hash(os.environ['ODOO_ADMIN_PASSWD']))")

umask 077
mkdir -p "$(dirname "$out")"
sed -e "s/^workers = .*/workers = $WORKERS/" \
    -e "s/^max_cron_threads = .*/max_cron_threads = $MAX_CRON_THREADS/" \
    -e "s|^; admin_passwd = .*|admin_passwd = $hash|" \
    "$ROOT/config/odoo.prod.conf.example" >"$out"
chmod 600 "$out"
echo "wrote $out: workers = $WORKERS ($cores cores), max_cron_threads = $MAX_CRON_THREADS"
if [ "$generated" = 1 ]; then
  echo "master password (shown once, keep it in your password manager): $ODOO_ADMIN_PASSWD"
fi
