#!/usr/bin/env bash
# Intake benchmark of issue 10: ORM batch create side by side with OCA's
# helpdesk_mgmt + helpdesk_mgmt_sla 18.0; prints one JSON line per
# measurement and per workload, and rewrites the "Intake" section of
# docs/benchmarks.md.
#   bash bench/run_intake.sh                        # N=5000, 1000 stage changes, 3 rounds
#   N=1000 ROUNDS=1 DOC=0 bash bench/run_intake.sh  # a quick look, docs untouched
#   PROFILE=1 bash bench/run_intake.sh              # also a cProfile of the complaint create
# OCA's wheels are unpacked under .bench-addons/ (ignored by git, never committed).
set -euo pipefail
source "$(dirname "$0")/../scripts/common.sh"
odoo_present || { odoo_missing_message >&2; exit 1; }
ensure_venv
ensure_postgres
N=${N:-5000}
STAGE_N=${STAGE_N:-1000}
WARMUP=${WARMUP:-200}
ROUNDS=${ROUNDS:-3}
DOC=${DOC:-1}
PROFILE=${PROFILE:-0}
PORT=${PORT:-8291}
SCRATCH="$ROOT/.bench-addons"
db_oca=complaints_bench_intake_oca
db_cb=complaints_bench_intake_cb
logdir="$ROOT/.test-logs"
results_dir="$ROOT/bench/.results"
mkdir -p "$logdir" "$results_dir"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
results="$results_dir/intake-$stamp.jsonl"
RUN_TIMEOUT=${RUN_TIMEOUT:-1800}  # seconds per Odoo process (one database, one round)
bench=("$PY" "$ROOT/bench/bench_intake.py")

say "fetching OCA helpdesk_mgmt + helpdesk_mgmt_sla 18.0 wheels into $SCRATCH"
"${bench[@]}" fetch --dest "$SCRATCH" || die "OCA's helpdesk wheels could not be fetched (see above).
  They come from PyPI (odoo-addon-helpdesk-mgmt, odoo-addon-helpdesk-mgmt-sla): check the network
  or a pip index/proxy setting (PIP_INDEX_URL), then run this script again."
oca_addons="$SCRATCH/addons"

build() {  # build <db> <modules> <addons path> <log>
  dropdb --if-exists "$1" >/dev/null 2>&1
  local t0=$SECONDS
  timeout 900 "$PY" "$ODOO_SRC/odoo-bin" --addons-path="$3" --data-dir="$ODOO_DATA" -d "$1" -i "$2" \
    --without-demo=all --stop-after-init --log-level=warn --http-port="$PORT" --max-cron-threads=0 >"$4" 2>&1 \
    || die "could not create $1 with $2 (see $4)"
  say "$1 built in $((SECONDS - t0)) s"
}
cleanup() { [ "${KEEP_DB:-0}" = 1 ] || { dropdb --if-exists "$db_oca" >/dev/null 2>&1; dropdb --if-exists "$db_cb" >/dev/null 2>&1; }; }
trap cleanup EXIT

say "database A: $db_oca with helpdesk_mgmt + helpdesk_mgmt_sla (no demo)"
build "$db_oca" helpdesk_mgmt,helpdesk_mgmt_sla "$ODOO_SRC/addons,$oca_addons" "$logdir/bench-intake-oca.log"
say "database B: $db_cb with complaint_base (no demo)"
build "$db_cb" complaint_base "$ODOO_SRC/addons,$ROOT/addons" "$logdir/bench-intake-cb.log"

one_round() {  # one_round <db> <side> <addons path> <round>
  set +e
  timeout "$RUN_TIMEOUT" "${bench[@]}" run --db "$1" --side "$2" --addons-path "$3" \
    --n "$N" --stage-n "$STAGE_N" --warmup "$WARMUP" --round "$4" | tee -a "$results"
  local rc=${PIPESTATUS[0]}
  set -e
  [ "$rc" = 124 ] && die "round $4 on $1 took more than RUN_TIMEOUT=$RUN_TIMEOUT s: the machine is too busy
  (see the load average in the JSON lines); try again later, or with N=1000."
  [ "$rc" = 0 ] || die "round $4 on $1 failed (exit $rc)"
}
# rounds alternate between the two databases (one Odoo process per database
# and round), so load from elsewhere on the machine falls on both sides alike
for round in $(seq 1 "$ROUNDS"); do
  say "round $round/$ROUNDS: OCA"
  one_round "$db_oca" oca "$ODOO_SRC/addons,$oca_addons" "$round"
  say "round $round/$ROUNDS: complaint_base"
  one_round "$db_cb" complaint "$ODOO_SRC/addons,$ROOT/addons" "$round"
done

if [ "$PROFILE" = 1 ]; then
  say "cProfile of the complaint create ($N records)"
  "${bench[@]}" run --db "$db_cb" --side complaint --addons-path "$ODOO_SRC/addons,$ROOT/addons" \
    --n "$N" --warmup "$WARMUP" --profile "$results_dir/intake-complaint-$stamp.prof"
fi

command="bash bench/run_intake.sh"
[ "$N" = 5000 ] && [ "$STAGE_N" = 1000 ] && [ "$ROUNDS" = 3 ] || command="N=$N STAGE_N=$STAGE_N ROUNDS=$ROUNDS $command"
report=("${bench[@]}" report --results "$results" --oca-versions "$SCRATCH/versions.json" --command "$command")
[ "$DOC" = 1 ] && report+=(--doc "$ROOT/docs/benchmarks.md")
"${report[@]}"
say "measurements kept in ${results#"$ROOT"/}"
