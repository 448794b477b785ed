#!/usr/bin/env bash
# Intake benchmarks of issue 10 beside the batch create: the Excel import
# (check + import of 2,000 and 10,000 rows, memory) and repeat detection at
# 1,000,000 complaints. One fresh database without demo data; prints one
# JSON line per measurement (figures in docs/benchmarks.md, "Intake: import
# and repeat detection").
#   bash bench/run_intake_extra.sh
#   ROWS="500" SIZE=100000 bash bench/run_intake_extra.sh   # a quick look
set -euo pipefail
source "$(dirname "$0")/../scripts/common.sh"
odoo_present || { odoo_missing_message >&2; exit 1; }
ensure_venv
ensure_postgres
ROWS=${ROWS:-"2000 10000"}
SIZE=${SIZE:-1000000}
db=complaints_bench_intake_extra
dropdb --if-exists "$db" >/dev/null 2>&1
say "database $db with complaint_base (no demo, Chinese loaded)"
odoo_bin -d "$db" -i complaint_base --load-language=zh_CN --without-demo=all --stop-after-init \
  --log-level=warn --http-port=8293 --max-cron-threads=0 >/dev/null 2>&1 || die "could not create $db"
trap '[ "${KEEP_DB:-0}" = 1 ] || dropdb --if-exists "$db" >/dev/null 2>&1' EXIT
say "Excel import: $ROWS rows"
# shellcheck disable=SC2086
"$PY" "$ROOT/bench/bench_intake_extra.py" import --db "$db" --rows $ROWS
say "repeat detection at $SIZE complaints"
"$PY" "$ROOT/bench/bench_intake_extra.py" repeats --db "$db" --size "$SIZE" --plan
