#!/bin/bash
# Entrypoint of the complaint suite's image (Dockerfile, docker-compose.yml).
#
#   serve [odoo options]   the default: wait for PostgreSQL, create $DB_NAME with
#                          every addon of /opt/complaints/addons on first start
#                          (when complaint_base is not installed there), then serve it
#   test [odoo options]    run the Odoo suite of every addon in a fresh database
#                          (dropped afterwards); exit status 0 only when all passed
#   odoo [options] | -...  odoo-bin with the database connection added
#   anything else          run as is (psql, pg_dump, bash...: PG* variables are set)
set -euo pipefail

HOST=${HOST:-db}
PORT=${PORT:-5432}
USER=${USER:-odoo}
if [ -n "${PASSWORD_FILE:-}" ]; then PASSWORD=$(<"$PASSWORD_FILE"); fi
PASSWORD=${PASSWORD:-odoo}
DB_NAME=${DB_NAME:-complaints}
COMPLAINTS_LANG=${COMPLAINTS_LANG:-zh_CN}
COMPLAINTS_DEMO=${COMPLAINTS_DEMO:-1}
ADDONS_DIR=/opt/complaints/addons
export PGHOST=$HOST PGPORT=$PORT PGUSER=$USER PGPASSWORD=$PASSWORD
DB_ARGS=(--db_host="$HOST" --db_port="$PORT" --db_user="$USER" --db_password="$PASSWORD")

# every addon of the image, comma-separated (directories holding a manifest)
addons() {
  local names=()
  for manifest in "$ADDONS_DIR"/*/__manifest__.py; do names+=("$(basename "$(dirname "$manifest")")"); done
  (IFS=,; echo "${names[*]}")
}

wait_for_db() {
  for _ in $(seq 1 60); do
    pg_isready -q -d postgres && return 0
    sleep 1
  done
  echo "PostgreSQL at $HOST:$PORT does not answer" >&2
  exit 1
}

initialised() {
  [ "$(psql -d "$1" -tAc "SELECT 1 FROM ir_module_module WHERE name = 'complaint_base' AND state = 'installed'" 2>/dev/null)" = 1 ]
}

case "${1:-serve}" in
  serve)
    [ $# -gt 0 ] && shift
    wait_for_db
    if ! initialised "$DB_NAME"; then
      demo=()
      [ "$COMPLAINTS_DEMO" = 0 ] && demo=(--without-demo=all)
      echo "==> first start: creating $DB_NAME with $(addons)"
      odoo "${DB_ARGS[@]}" -d "$DB_NAME" -i "$(addons)" "${demo[@]}" --load-language="$COMPLAINTS_LANG" \
        --stop-after-init --no-http
      # the users' and the company's language (the scheduler writes in the company's)
      psql -q -d "$DB_NAME" -c "UPDATE res_partner SET lang = '$COMPLAINTS_LANG'
        WHERE id IN (SELECT partner_id FROM res_users UNION SELECT partner_id FROM res_company)"
    fi
    exec odoo "${DB_ARGS[@]}" -d "$DB_NAME" --db-filter="^${DB_NAME}\$" "$@"
    ;;
  test)
    shift
    wait_for_db
    db="complaints_test_$(date +%s)"
    tags=$(addons | sed 's/\([^,]*\)/\/\1/g')
    echo "==> installing $(addons) with demo data in $db and running their tests ($tags)"
    rc=0
    odoo "${DB_ARGS[@]}" -d "$db" -i "$(addons)" --test-enable --test-tags="$tags" --stop-after-init \
      --workers=0 --max-cron-threads=0 --log-level=test "$@" || rc=$?
    dropdb --if-exists "$db" || true
    rm -rf "/var/lib/odoo/filestore/$db"
    exit "$rc"
    ;;
  odoo)
    shift
    wait_for_db
    exec odoo "${DB_ARGS[@]}" "$@"
    ;;
  -*)
    wait_for_db
    exec odoo "${DB_ARGS[@]}" "$@"
    ;;
  *)
    exec "$@"
    ;;
esac
