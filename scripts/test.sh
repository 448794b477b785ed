#!/usr/bin/env bash
# Run every test: the pure tier (pytest, no Odoo) and the Odoo tier
# (odoo-bin --test-enable installing every addon of addons/ in a fresh
# throwaway database on the local PostgreSQL).  Ends with one line
# "tests: N passed, M failed".  Exit status 0 only when both tiers ran and
# passed; with CI=true a missing Odoo is a failure.
set -uo pipefail
source "$(dirname "$0")/common.sh"

LOG_DIR=${TEST_LOG_DIR:-$ROOT/.test-logs}
mkdir -p "$LOG_DIR"
ensure_venv

passed=0
failed=0
status=0

# ---------------------------------------------------------------- pure tier
say "pure tier: pytest tests/"
junit="$LOG_DIR/pytest.xml"
"$PY" -m pytest -q -p no:cacheprovider --junitxml="$junit" "$ROOT/tests" "$@"
rc=$?
if [ -f "$junit" ]; then
  read -r p_pass p_fail < <("$PY" - "$junit" <<'PYEOF'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
total = sum(int(s.get("tests", 0)) for s in suites)
bad = sum(int(s.get("failures", 0)) + int(s.get("errors", 0)) for s in suites)
skipped = sum(int(s.get("skipped", 0)) for s in suites)
print(total - bad - skipped, bad)
PYEOF
)
  passed=$((passed + p_pass)); failed=$((failed + p_fail))
fi
if [ "$rc" -ne 0 ] && [ "$rc" -ne 5 ]; then status=1; fi
[ "$rc" -eq 5 ] && say "pure tier: no test collected"

# ---------------------------------------------------------------- Odoo tier
if ! fetch_odoo; then
  printf '\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n'
  printf '!! ODOO TIER NOT RUN: the addons were NOT tested against Odoo.\n'
  odoo_missing_message | sed 's/^/!! /'
  printf '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n\n'
  echo "tests: $passed passed, $failed failed"
  if [ "${CI:-}" = "true" ] || [ "${REQUIRE_ODOO:-0}" = "1" ]; then exit 1; fi
  exit "$status"
fi

ensure_postgres
ensure_browser
ADDONS=$(project_addons)
TAGS=$(echo "$ADDONS" | sed 's/\([^,]*\)/\/\1/g')
DB="complaints_test_$(date +%s)_$$"
PORT=${TEST_HTTP_PORT:-$((18000 + $$ % 1000))}
log="$LOG_DIR/odoo-tests.log"
say "Odoo tier: installing $ADDONS with demo data in $DB and running tests ($TAGS); log: $log"
cleanup() { dropdb --if-exists "$DB" >/dev/null 2>&1 || true; rm -rf "$ODOO_DATA/filestore/$DB"; }
trap cleanup EXIT
odoo_bin -d "$DB" -i "$ADDONS" --test-enable --test-tags="$TAGS" --stop-after-init \
  --log-level=test --http-port="$PORT" --workers=0 --max-cron-threads=0 >"$log" 2>&1
odoo_rc=$?

result=$(grep -E "odoo\.tests\.result: .* tests when loading database" "$log" | tail -1)
# One ERROR line is not a failure: with --test-enable Odoo gives every HTTP
# connection a 5 s socket timeout (against Chromium's idle pre-connections,
# odoo/service/server.py), and werkzeug logs the idle socket it then drops as
# "Request timed out" -- on a loaded machine, at a tour's first page.  A tour
# whose page did not load fails as a test of its own.
ERROR_RE="^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) "
IGNORED_RE=" ERROR [^ ]+ werkzeug: Request timed out: TimeoutError"
errors=$(grep -E "$ERROR_RE" "$log" | grep -Ev "$IGNORED_RE")
if [ -n "$errors" ]; then
  printf '\n---- ERROR/CRITICAL lines of the Odoo log ----\n'
  grep -Ev "$IGNORED_RE" "$log" | grep -E -A 25 "$ERROR_RE" | head -300
  printf -- '----\n'
fi
# Odoo only warns when an addon's demo data fails and installs it without: a failure here
demo_failed=$(grep -E "demo data failed to install" "$log")
if [ -n "$demo_failed" ]; then
  printf '\n---- demo data that did NOT install (the tests ran without it) ----\n%s\n----\n' "$demo_failed"
  grep -E -B 30 "demo data failed to install" "$log" | grep -E "Error|error|Traceback" | head -20
  failed=$((failed + 1)); status=1
fi
skips=$(grep -E " INFO [^ ]+ odoo\.addons\.complaint_[a-z_]+\.tests[^:]*: skipped " "$log")
if [ -n "$skips" ]; then
  printf '\n---- Odoo tests that were SKIPPED (a missing dependency is a failure here) ----\n%s\n----\n' "$skips"
fi
if [[ "$result" =~ ([0-9]+)\ failed,\ ([0-9]+)\ error\(s\)\ of\ ([0-9]+)\ tests ]]; then
  o_fail=$((BASH_REMATCH[1] + BASH_REMATCH[2]))
  o_total=${BASH_REMATCH[3]}
  say "Odoo tier: $o_total Odoo tests run, $o_fail failed or in error"
  passed=$((passed + o_total - o_fail)); failed=$((failed + o_fail))
  [ "$o_total" -gt 0 ] || { say "Odoo tier ran no test"; status=1; }
else
  say "Odoo tier: no test result in the log (install failed?); last lines:"
  tail -40 "$log"
  failed=$((failed + 1)); status=1
fi
if [ "$odoo_rc" -ne 0 ] || [ -n "$errors" ] || [ -n "$skips" ] || [ "${o_fail:-1}" -ne 0 ]; then status=1; fi

echo "tests: $passed passed, $failed failed"
exit "$status"
