#!/usr/bin/env bash
# Deadline engine benchmark at two sizes; prints one JSON line per size.
#   bash bench/run.sh                # 100k and 1M open complaints, 1000 breaches
#   SIZES="10000" bash bench/run.sh  # a quick look
set -euo pipefail
source "$(dirname "$0")/../scripts/common.sh"
odoo_present || { odoo_missing_message >&2; exit 1; }
ensure_venv
ensure_postgres
SIZES=${SIZES:-"100000 1000000"}
BREACHES=${BREACHES:-1000}
for size in $SIZES; do
  db="complaints_bench_$size"
  dropdb --if-exists "$db" >/dev/null 2>&1
  odoo_bin -d "$db" -i complaint_base --without-demo=all --stop-after-init --log-level=warn --http-port=8199 >/dev/null 2>&1 \
    || die "could not create $db"
  "$PY" "$ROOT/bench/bench_deadlines.py" --db "$db" --open "$size" --breaches "$BREACHES"
  [ "${KEEP_DB:-0}" = 1 ] || dropdb "$db"
done
