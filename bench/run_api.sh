#!/usr/bin/env bash
# Complaint API throughput benchmark: prints one JSON line per target and
# number of clients.
#   bash bench/run_api.sh                    # 1 and 4 clients, 400 requests each run, 4 workers
#   WORKERS=2 REQUESTS=200 bash bench/run_api.sh
set -euo pipefail
source "$(dirname "$0")/../scripts/common.sh"
odoo_present || { odoo_missing_message >&2; exit 1; }
ensure_venv
ensure_postgres
WORKERS=${WORKERS:-4}
REQUESTS=${REQUESTS:-400}
PORT=${PORT:-8279}
db=complaints_bench_api
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
"$PY" "$ODOO_SRC/odoo-bin" --addons-path="$addons" --data-dir="$ODOO_DATA" -d "$db" --db-filter="^$db\$" \
  --workers="$WORKERS" --max-cron-threads=0 --http-port="$PORT" --log-level=warn \
  --limit-time-cpu=600 --limit-time-real=1200 >>"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true; [ "${KEEP_DB:-0}" = 1 ] || dropdb --if-exists "$db"' EXIT
for _ in $(seq 1 60); do
  curl -s -o /dev/null "http://127.0.0.1:$PORT/web/login" && break
  sleep 1
done
"$PY" "$ROOT/bench/bench_api.py" --url "http://127.0.0.1:$PORT" --key "$key" --clients 1 4 --requests "$REQUESTS"
