#!/usr/bin/env bash
# Run the product: virtualenv, PostgreSQL, database "complaints" with every
# addon and its demo data, then Odoo at http://localhost:8069 (admin / admin).
set -euo pipefail
source "$(dirname "$0")/common.sh"

DB=${COMPLAINTS_DB:-complaints}
PORT=${COMPLAINTS_PORT:-8069}
LANG_CODE=${COMPLAINTS_LANG:-zh_CN}

fetch_odoo || { odoo_missing_message >&2; exit 1; }
ensure_venv
ensure_postgres

# reply letters are printed to PDF by wkhtmltopdf, in a font that has Chinese
# glyphs; install both where the system allows (root with apt-get, as .ci/run
# installs Chromium), otherwise say so: letters then go out as HTML
install_pdf_tools() {
  local missing=()
  command -v wkhtmltopdf >/dev/null 2>&1 || missing+=(wkhtmltopdf)
  { command -v fc-list >/dev/null 2>&1 && fc-list :lang=zh 2>/dev/null | grep -q .; } || missing+=(fonts-wqy-microhei)
  [ ${#missing[@]} -eq 0 ] && return 0
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    say "installing ${missing[*]} for the PDF reply letters"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"; } >/dev/null 2>&1 \
      || say "note: could not install ${missing[*]}"
  fi
  command -v wkhtmltopdf >/dev/null 2>&1 \
    || say "note: wkhtmltopdf is not installed: reply letters go out as HTML, without the PDF (Debian: apt-get install wkhtmltopdf fonts-wqy-microhei)"
}
install_pdf_tools

ADDONS=$(project_addons)
if ! psql -d postgres -tAc "select 1 from pg_database where datname='$DB'" | grep -q 1; then
  demo_flag=()
  if [ "${COMPLAINTS_DEMO:-1}" = 0 ]; then
    demo_flag=(--without-demo=all)
    say "creating database $DB with $ADDONS, without demo data (a few minutes)"
  else
    say "creating database $DB with $ADDONS and demo data (a few minutes)"
  fi
  odoo_bin -d "$DB" -i "$ADDONS" "${demo_flag[@]}" --load-language="$LANG_CODE" --stop-after-init --http-port="$PORT" \
    || die "the database could not be created; see the log above"
  # speak the chosen language: the users' interface, and the company's, in
  # which the scheduler writes its notes, fine evidence and e-mails
  psql -q -d "$DB" -c "UPDATE res_partner SET lang='$LANG_CODE' WHERE id IN (SELECT partner_id FROM res_users UNION SELECT partner_id FROM res_company)"
else
  say "database $DB exists; updating $ADDONS"
  odoo_bin -d "$DB" -u "$ADDONS" --stop-after-init --http-port="$PORT" || die "the update failed; see the log above"
fi
say "Odoo is starting at http://localhost:$PORT  (login: admin  password: admin)"
exec "$PY" "$ODOO_SRC/odoo-bin" -c "$ROOT/config/odoo.conf" --addons-path="$ODOO_SRC/addons,$ROOT/addons" \
  --data-dir="$ODOO_DATA" -d "$DB" --db-filter="^$DB\$" --http-port="$PORT" "$@"
