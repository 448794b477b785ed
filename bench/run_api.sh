#!/usr/bin/env bash
# Complaint API throughput benchmark: prints one JSON line per number of HTTP
# workers, target and number of clients.
#   bash bench/run_api.sh                    # 4 workers; 1 and 4 clients, 400 requests each run
#   WORKERS="2 4 8" CLIENTS="4 8" CRON=1 bash bench/run_api.sh
#                                            # the scheduler cron runs during every run
#   WORKERS=2 REQUESTS=200 PORT=8279 bash bench/run_api.sh
# CRON=1: the database also holds OPEN open complaints (bench_deadlines.py's
# fixture); before each run BREACHES of their clocks fall due and the cron
# worker (--max-cron-threads=1) is woken, so the scheduler escalates and fines
# while the API is measured; a JSON line after each run says how many it did.
set -euo pipefail
source "$(dirname "$0")/../scripts/common.sh"
odoo_present || { odoo_missing_message >&2; exit 1; }
ensure_venv
ensure_postgres
WORKERS=${WORKERS:-4}
CLIENTS=${CLIENTS:-"1 4"}
REQUESTS=${REQUESTS:-400}
PORT=${PORT:-8279}
CRON=${CRON:-0}
OPEN=${OPEN:-20000}
BREACHES=${BREACHES:-1500}
db=${BENCH_DB:-complaints_bench_api}
addons="$ODOO_SRC/addons,$ROOT/addons,$ROOT/bench/addons"
log="$ROOT/.test-logs/bench-api.log"
mkdir -p "$ROOT/.test-logs"
dropdb --if-exists "$db" >/dev/null 2>&1
"$PY" "$ODOO_SRC/odoo-bin" --addons-path="$addons" --data-dir="$ODOO_DATA" -d "$db" \
  -i complaint_base,complaint_api_bench --without-demo=all --stop-after-init --log-level=warn --http-port="$PORT" \
  >"$log" 2>&1 || die "could not create $db (see $log)"
key=$("$PY" "$ODOO_SRC/odoo-bin" shell --addons-path="$addons" --data-dir="$ODOO_DATA" -d "$db" --no-http \
  --log-level=warn 2>>"$log" <<'PY' | grep '^cpk_'
user = env["res.users"].create({"name": "Bench API", "login": "bench_api", "groups_id": [
    (6, 0, [env.ref("base.group_user").id, env.ref("complaint_base.group_complaint_user_own").id])]})
env["complaint.deadline.policy"].search([])  # the default policies stay: clocks are part of the cost
integration = env["complaint.api.integration"].create({"name": "Bench", "code": "bench", "user_id": user.id})
action = integration.action_issue_key()
print(action["context"]["default_key"])  # the key travels only in the action (shown once)
env.cr.commit()
PY
)
[ -n "$key" ] || die "could not issue an API key (see $log)"
cron_threads=0
if [ "$CRON" = 1 ]; then
  "$PY" "$ROOT/bench/bench_cron_two.py" load-setup --db "$db" --open "$OPEN"
  cron_threads=1
fi
server=
stop_server() {
  [ -n "$server" ] || return 0
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  server=
}
trap 'stop_server; [ "${KEEP_DB:-0}" = 1 ] || { dropdb --if-exists "$db"; rm -rf "$ODOO_DATA/filestore/$db"; }' EXIT
for workers in $WORKERS; do
  "$PY" "$ODOO_SRC/odoo-bin" --addons-path="$addons" --data-dir="$ODOO_DATA" -d "$db" --db-filter="^$db\$" \
    --workers="$workers" --max-cron-threads="$cron_threads" --http-port="$PORT" --gevent-port="$((PORT + 1))" \
    --log-level=warn --limit-time-cpu=600 --limit-time-real=1200 >>"$log" 2>&1 &
  server=$!
  for _ in $(seq 1 60); do
    curl -s -o /dev/null "http://127.0.0.1:$PORT/web/login" && break
    sleep 1
  done
  for clients in $CLIENTS; do
    echo "{\"workers\": $workers, \"clients\": $clients, \"load\": \"$(cut -d' ' -f1-3 /proc/loadavg)\"}"
    since=$(date +%s.%N)
    [ "$CRON" = 1 ] && "$PY" "$ROOT/bench/bench_cron_two.py" breach --db "$db" --count "$BREACHES"
    "$PY" "$ROOT/bench/bench_api.py" --url "http://127.0.0.1:$PORT" --key "$key" --clients "$clients" \
      --requests "$REQUESTS" --server-pid "$server" --db "$db"
    if [ "$CRON" = 1 ]; then
      "$PY" "$ROOT/bench/bench_cron_two.py" progress --db "$db" --since "$since"
      # let the scheduler finish before the next run
      for _ in $(seq 1 300); do
        "$PY" "$ROOT/bench/bench_cron_two.py" progress --db "$db" --since "$since" | grep -q '"cron_clocks_still_due": 0}' && break
        sleep 2
      done
    fi
  done
  stop_server
done
