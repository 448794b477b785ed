#!/usr/bin/env bash
# Service hotline benchmark of issue 14: a day of 65,000 work orders
# registered, routed, dispatched and signed for; several seats at once; the
# assessment of a month of 2,000,000 orders. Prints one JSON line per
# measurement and rewrites the hotline section of docs/benchmarks.md.
#   bash bench/run_hotline.sh                              # everything (about an hour on 2 busy cores)
#   N=5000 LATENCY=300 ORDERS=200000 DOC=0 bash bench/run_hotline.sh   # a quick look, docs untouched
#   PARTS="month" RESULTS=bench/.results/hotline-X.jsonl bash bench/run_hotline.sh  # add a part to a run
set -euo pipefail
source "$(dirname "$0")/../scripts/common.sh"
odoo_present || { odoo_missing_message >&2; exit 1; }
ensure_venv
ensure_postgres
N=${N:-65000}              # orders of the day
LATENCY=${LATENCY:-1000}   # of which registered and dispatched one at a time
BATCH=${BATCH:-200}        # the rest in batches of
SEATS=${SEATS:-2}          # seats at once (one process each)
SEAT_N=${SEAT_N:-300}      # orders per seat
ORDERS=${ORDERS:-2000000}  # orders of the month
PARTS=${PARTS:-"day seats month"}
DOC=${DOC:-1}
PORT=${PORT:-8293}
DB=${DB:-complaints_bench_hotline}
DB_MONTH=${DB_MONTH:-complaints_bench_hotline_month}
results_dir="$ROOT/bench/.results"
logdir="$ROOT/.test-logs"
mkdir -p "$results_dir" "$logdir"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
RESULTS=${RESULTS:-"$results_dir/hotline-$stamp.jsonl"}
UPTIMES=${UPTIMES:-"${RESULTS%.jsonl}.uptime"}
bench=("$PY" "$ROOT/bench/bench_hotline.py")

build() {  # build <db> <log>
  dropdb --if-exists "$1" >/dev/null 2>&1
  odoo_bin -d "$1" -i complaint_hotline --without-demo=all --load-language=zh_CN --stop-after-init \
    --log-level=warn --http-port="$PORT" --max-cron-threads=0 >"$2" 2>&1 || die "could not create $1 (see $2)"
}
stamp_uptime() { echo "$(date -u +%H:%M:%SZ) $1: $(uptime | sed 's/^ *//')" | tee -a "$UPTIMES"; }
cleanup() { [ "${KEEP_DB:-0}" = 1 ] || { dropdb --if-exists "$DB" >/dev/null 2>&1; dropdb --if-exists "$DB_MONTH" >/dev/null 2>&1; }; }
trap cleanup EXIT

if [[ " $PARTS " == *" day "* || " $PARTS " == *" seats "* ]]; then
  say "database $DB: complaint_hotline, no demo, Chinese loaded"
  build "$DB" "$logdir/bench-hotline.log"
fi
if [[ " $PARTS " == *" day "* ]]; then
  stamp_uptime "day: start"
  "${bench[@]}" day --db "$DB" --n "$N" --latency "$LATENCY" --batch "$BATCH" | tee -a "$RESULTS"
  stamp_uptime "day: end"
fi
if [[ " $PARTS " == *" seats "* ]]; then
  stamp_uptime "seats: start"
  pids=()
  for seat in $(seq 1 "$SEATS"); do
    "${bench[@]}" seat --db "$DB" --n "$SEAT_N" --seat "$seat" >>"$RESULTS" &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid" || die "a seat failed"; done
  stamp_uptime "seats: end"
fi
if [[ " $PARTS " == *" month "* ]]; then
  say "database $DB_MONTH: complaint_hotline, no demo; $ORDERS orders built in SQL"
  build "$DB_MONTH" "$logdir/bench-hotline-month.log"
  stamp_uptime "month: start"
  "${bench[@]}" month --db "$DB_MONTH" --orders "$ORDERS" | tee -a "$RESULTS"
  stamp_uptime "month: end"
fi

command="bash bench/run_hotline.sh"
[ "$N" = 65000 ] && [ "$ORDERS" = 2000000 ] || command="N=$N LATENCY=$LATENCY ORDERS=$ORDERS $command"
report=("${bench[@]}" report --results "$RESULTS" --uptimes "$UPTIMES" --command "$command")
[ "$DOC" = 1 ] && report+=(--doc "$ROOT/docs/benchmarks.md")
"${report[@]}"
say "measurements kept in ${RESULTS#"$ROOT"/}"
