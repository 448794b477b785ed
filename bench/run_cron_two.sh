#!/usr/bin/env bash
# The deadline scheduler on two servers at once: two odoo-bin processes in
# prefork mode, each with its own cron workers, against one database full of
# breaching clocks; then checks every breach was processed once and says how
# many clocks each server took. Prints the JSON lines of bench_cron_two.py.
#   bash bench/run_cron_two.sh                               # 20,000 open, 2,000 breaches, 2 cron records
#   JOBS=1 bash bench/run_cron_two.sh                        # one cron record: the servers take turns
#   OPEN=20000 BREACHES=2000 BATCH=100 CRON_THREADS=1 PORT_A=8291 PORT_B=8293 bash bench/run_cron_two.sh
set -euo pipefail
source "$(dirname "$0")/../scripts/common.sh"
odoo_present || { odoo_missing_message >&2; exit 1; }
ensure_venv
ensure_postgres
OPEN=${OPEN:-20000}
BREACHES=${BREACHES:-2000}
BATCH=${BATCH:-100}
JOBS=${JOBS:-2}
CRON_THREADS=${CRON_THREADS:-1}
PORT_A=${PORT_A:-8291}
PORT_B=${PORT_B:-8293}
db=${BENCH_DB:-complaints_bench_cron2}
logs="$ROOT/.test-logs"
mkdir -p "$logs"
dropdb --if-exists "$db" >/dev/null 2>&1
odoo_bin -d "$db" -i complaint_base --without-demo=all --stop-after-init --log-level=warn --http-port="$PORT_A" \
  >"$logs/bench-cron2-init.log" 2>&1 || die "could not create $db (see $logs/bench-cron2-init.log)"
"$PY" "$ROOT/bench/bench_cron_two.py" setup --db "$db" --open "$OPEN" --breaches "$BREACHES" --batch "$BATCH" --jobs "$JOBS"

# two "servers": own HTTP and websocket ports, own logs, the same database;
# ODOO_NOTIFY_CRON_CHANGES wakes the cron workers when a job is rescheduled
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  [ "${KEEP_DB:-0}" = 1 ] || { dropdb --if-exists "$db"; rm -rf "$ODOO_DATA/filestore/$db"; }
}
trap cleanup EXIT
for name in a b; do
  port=$PORT_A; [ "$name" = b ] && port=$PORT_B
  ODOO_NOTIFY_CRON_CHANGES=1 ODOO_PGAPPNAME="bench-cron2-$name-{pid}" "$PY" "$ODOO_SRC/odoo-bin" --addons-path="$ODOO_SRC/addons,$ROOT/addons" \
    --data-dir="$ODOO_DATA" -d "$db" --db-filter="^$db\$" --workers=1 --max-cron-threads="$CRON_THREADS" \
    --http-port="$port" --gevent-port="$((port + 1))" --log-level=info --limit-time-real-cron=0 \
    >"$logs/bench-cron2-$name.log" 2>&1 &
  pids+=($!)
done
for port in "$PORT_A" "$PORT_B"; do
  for _ in $(seq 1 90); do curl -s -o /dev/null "http://127.0.0.1:$port/web/login" && break; sleep 1; done
done
# the cron workers sleep until NOTIFY (or a minute): wake them once all listen
# (a cron worker's own connection is to the database "postgres": LISTEN, COMMIT)
for _ in $(seq 1 60); do
  listening=$(psql -d postgres -tAc "SELECT count(*) FROM pg_stat_activity
    WHERE application_name LIKE 'bench-cron2-%' AND datname = 'postgres'
      AND query IN ('LISTEN cron_trigger', 'COMMIT')")
  [ "$listening" -ge $((2 * CRON_THREADS)) ] && break
  sleep 1
done
start=$(date +%s.%N)
psql -q -d "$db" -c "SELECT pg_notify('cron_trigger', '$db')"
"$PY" "$ROOT/bench/bench_cron_two.py" wait --db "$db" --timeout "${TIMEOUT:-900}"
echo "{\"elapsed_since_wake_s\": $(echo "$(date +%s.%N) - $start" | bc)}"
"$PY" "$ROOT/bench/bench_cron_two.py" report --db "$db" --log "$logs/bench-cron2-a.log" --log "$logs/bench-cron2-b.log"
