#!/usr/bin/env bash
# Complaint analysis report benchmark: the monthly report over N complaints; prints one JSON line.
#   bash bench/run_report.sh                     # 1,000,000 complaints over 13 months
#   SIZE=100000 MONTHS=1 bash bench/run_report.sh
set -euo pipefail
source "$(dirname "$0")/../scripts/common.sh"
odoo_present || { odoo_missing_message >&2; exit 1; }
ensure_venv
ensure_postgres
SIZE=${SIZE:-1000000}
MONTHS=${MONTHS:-13}
db=${DB:-complaints_bench_report}
dropdb --if-exists "$db" >/dev/null 2>&1
odoo_bin -d "$db" -i complaint_base --without-demo=all --stop-after-init --log-level=warn --http-port=${PORT:-8199} >/dev/null 2>&1 \
  || die "could not create $db"
"$PY" "$ROOT/bench/bench_report.py" --db "$db" --complaints "$SIZE" --months "$MONTHS"
[ "${KEEP_DB:-0}" = 1 ] || dropdb "$db"
