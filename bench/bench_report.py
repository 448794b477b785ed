"""Complaint analysis report benchmark: the monthly report over 1,000,000 complaints.

Run through bench/run_report.sh, which prepares the database; by hand:

    .venv/bin/python bench/bench_report.py --db complaints_bench_report --complaints 1000000 --months 13

Builds (bulk SQL, as bench/bench_deadlines.py does) ``--complaints``
complaints spread over the last ``--months`` months, over 20 teams of 5
handlers, 12 categories, 4 channels, 200 respondents, the three severities
and every state, a third of them called back (four-point outcome, 0-10
score), each with a reply clock (on time, late or running) and one in
twenty with a fine.  Then measures, in this process, the computation of the
last finished month's report (``complaint.analysis.report._generate``: all
its SQL aggregates and the write of the figures) for the whole company and
for one team, the quarterly one, and the rendering of the workbook.

Prints one JSON line of results.
"""

import argparse
import json
import os
import sys
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

ODOO_SRC = os.environ.get("ODOO_SRC", "/opt/odoo")
sys.path.insert(0, ODOO_SRC)

import odoo  # noqa: E402
from odoo import SUPERUSER_ID, api  # noqa: E402

TEAMS = 20
HANDLERS_PER_TEAM = 5
CATEGORIES = 12
RESPONDENTS = 200


def setup(env, n_complaints, months):
    cr = env.cr
    cr.execute("SELECT count(*) FROM complaint_complaint")
    if cr.fetchone()[0]:
        raise SystemExit("the benchmark database must be empty of complaints: use a fresh database")
    group = env.ref("complaint_base.group_complaint_user_team")
    handlers = env["res.users"]
    teams = env["complaint.team"]
    for t in range(TEAMS):
        members = (
            env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                [
                    {"name": f"Handler {t}-{h}", "login": f"bench_{t}_{h}", "groups_id": [(6, 0, group.ids)]}
                    for h in range(HANDLERS_PER_TEAM)
                ]
            )
        )
        handlers |= members
        teams |= env["complaint.team"].create(
            {"name": f"Team {t}", "code": f"B{t}", "member_ids": [(6, 0, members.ids)], "leader_id": members[0].id}
        )
    categories = env["complaint.category"].create([{"name": f"类别 {i}"} for i in range(CATEGORIES)])
    respondents = env["res.partner"].create([{"name": f"网点 {i}"} for i in range(RESPONDENTS)])
    channels = env["complaint.channel"].search([], limit=4)
    env.flush_all()
    stages = {stage.state: stage.id for stage in env["complaint.stage"].search([])}
    team_of = {u.id: team.id for team in teams for u in team.member_ids}
    handler_ids = handlers.ids
    kind = env.ref("complaint_base.clock_kind_reply")
    span_minutes = months * 30 * 24 * 60
    cr.execute(
        """
        INSERT INTO complaint_complaint
            (name, subject, date_received, company_id, stage_id, state, severity, priority, validity,
             active, team_id, user_id, sector, is_overdue, contact_name, contact_phone,
             category_id, channel_id, respondent_partner_id, is_repeated, is_major, media_involved,
             satisfaction_outcome, satisfaction_score, satisfaction_value, date_satisfaction,
             rehandling_count, appeal_count, date_closed, compensation_amount,
             create_uid, create_date, write_uid, write_date, date_last_stage_update)
        SELECT 'RPT-' || lpad(i::text, 8, '0'), 'Complaint ' || i, received,
               %(company)s, (%(stage_ids)s::int[])[1 + i %% 6], (%(states)s::varchar[])[1 + i %% 6],
               (ARRAY['general', 'general', 'general', 'major', 'critical'])[1 + i %% 5], '1',
               CASE WHEN i %% 10 = 0 THEN 'invalid' ELSE 'valid' END, true,
               (%(teams)s::int[])[1 + (i %% %(nh)s)], (%(handlers)s::int[])[1 + (i %% %(nh)s)], 'general',
               i %% 6 < 3 AND i %% 17 = 0, '张三', '13800000000',
               (%(categories)s::int[])[1 + (i * 7) %% %(ncat)s], (%(channels)s::int[])[1 + i %% %(nch)s],
               CASE WHEN i %% 4 = 0 THEN NULL ELSE (%(respondents)s::int[])[1 + (i * 13) %% %(nresp)s] END,
               i %% 23 = 0, i %% 31 = 0, i %% 97 = 0,
               CASE WHEN i %% 3 = 0 THEN (ARRAY['satisfied', 'satisfied', 'accepted', 'dissatisfied', 'other'])[1 + i %% 5] END,
               CASE WHEN i %% 3 = 0 THEN i %% 11 ELSE 0 END,
               CASE WHEN i %% 3 = 0 THEN (i %% 11) * 10.0 ELSE 0 END,
               CASE WHEN i %% 3 = 0 THEN received + interval '3 days' END,
               CASE WHEN i %% 29 = 0 THEN 1 ELSE 0 END, CASE WHEN i %% 41 = 0 THEN 1 ELSE 0 END,
               CASE WHEN i %% 6 IN (4, 5) THEN received + interval '2 days' END,
               CASE WHEN i %% 50 = 0 THEN 100 END,
               1, received, 1, received, received
          FROM (SELECT i, now() at time zone 'utc' - (interval '1 minute' * ((i::bigint * 7919) %% %(span)s)) AS received
                  FROM generate_series(1, %(n)s) AS i) s
        """,
        {
            "company": env.company.id,
            "stage_ids": [stages[s] for s in ("new", "acknowledged", "in_progress", "waiting", "resolved", "closed")],
            "states": ["new", "acknowledged", "in_progress", "waiting", "resolved", "closed"],
            "teams": [team_of[h] for h in handler_ids],
            "handlers": handler_ids,
            "nh": len(handler_ids),
            "categories": categories.ids,
            "ncat": len(categories),
            "channels": channels.ids,
            "nch": len(channels),
            "respondents": respondents.ids,
            "nresp": len(respondents),
            "span": span_minutes,
            "n": n_complaints,
        },
    )
    cr.execute(
        """
        INSERT INTO complaint_clock
            (complaint_id, kind_id, state, date_start, date_due, is_late, result,
             company_id, team_id, user_id, create_uid, create_date, write_uid, write_date)
        SELECT c.id, %(kind)s, st.state, c.date_received, c.date_received + interval '2 days',
               st.state = 'met' AND c.id %% 5 = 0,
               CASE WHEN st.state = 'met' AND c.id %% 5 = 0 THEN 'late' WHEN st.state = 'met' THEN 'on_time'
                    WHEN st.state = 'breached' THEN 'late' ELSE 'pending' END,
               c.company_id, c.team_id, c.user_id, 1, c.date_received, 1, c.date_received
          FROM complaint_complaint c,
               LATERAL (SELECT (ARRAY['met', 'met', 'met', 'breached', 'running'])[1 + c.id %% 5] AS state) st
        """,
        {"kind": kind.id},
    )
    cr.execute(
        """
        INSERT INTO complaint_penalty
            (name, date, complaint_id, payer_type, partner_id, team_id, amount, company_id, state,
             create_uid, create_date, write_uid, write_date)
        SELECT 'F' || c.id, c.date_received + interval '3 days', c.id, 'handler', u.partner_id, c.team_id,
               50, c.company_id, (ARRAY['proposed', 'confirmed', 'settled', 'waived'])[1 + c.id % 4],
               1, c.date_received, 1, c.date_received
          FROM complaint_complaint c JOIN res_users u ON u.id = c.user_id
         WHERE c.id % 20 = 0
        """
    )
    cr.execute("ANALYZE complaint_complaint; ANALYZE complaint_clock; ANALYZE complaint_penalty;")
    return teams


def timed(function):
    t0 = time.perf_counter()
    value = function()
    return value, round(time.perf_counter() - t0, 3)


def measure(db, n_complaints, months, reuse=False):
    registry = odoo.modules.registry.Registry(db)
    results = {"complaints": n_complaints, "months": months}
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        if reuse:
            # measure again on the database an earlier run built (KEEP_DB=1)
            cr.execute("SELECT count(*) FROM complaint_complaint")
            results["complaints"] = cr.fetchone()[0]
            team_id = env["complaint.team"].search([("code", "=", "B0")]).id
        else:
            t0 = time.perf_counter()
            teams = setup(env, n_complaints, months)
            cr.commit()
            results["fixture_s"] = round(time.perf_counter() - t0, 1)
            team_id = teams[0].id
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"lang": "en_US"})
        Report = env["complaint.analysis.report"]
        company = env.company
        today = datetime.now(ZoneInfo(company._complaint_tz())).date()
        last_month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
        cr.execute(
            "SELECT count(*) FROM complaint_complaint WHERE date_received >= %s AND date_received < %s",
            [last_month, today.replace(day=1)],
        )
        results["complaints_in_month"] = cr.fetchone()[0]
        # cold: the first computation after the fixture (PostgreSQL reads the pages from disk)
        report, results["month_company_s"] = timed(lambda: Report._generate(company, None, "month", last_month))
        env.invalidate_all()
        __, results["month_company_again_s"] = timed(lambda: Report._generate(company, None, "month", last_month))
        team = env["complaint.team"].browse(team_id)
        __, results["month_team_s"] = timed(lambda: Report._generate(company, team, "month", last_month))
        __, results["quarter_company_s"] = timed(lambda: Report._generate(company, None, "quarter", last_month))
        workbook, results["xlsx_s"] = timed(report._xlsx)
        results["xlsx_kb"] = round(len(workbook) / 1024)
        results["received_in_report"] = report.received_count
        cr.rollback()
    return results


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--complaints", type=int, default=1_000_000)
    parser.add_argument("--months", type=int, default=13)
    parser.add_argument("--reuse", action="store_true", help="measure on the complaints of an earlier run")
    args = parser.parse_args()
    odoo.tools.config.parse_config(
        [
            "-d",
            args.db,
            "--addons-path",
            f"{ODOO_SRC}/addons,{os.path.dirname(os.path.dirname(os.path.abspath(__file__)))}/addons",
            "--log-level",
            "warn",
        ]
    )
    print(json.dumps(measure(args.db, args.complaints, args.months, args.reuse)))


if __name__ == "__main__":
    main()
