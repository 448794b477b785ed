"""Deadline engine benchmark: scheduler, digest and the overdue list at scale.

Run through bench/run.sh, which prepares the database; by hand:

    .venv/bin/python bench/bench_deadlines.py --db complaints_bench --open 1000000 --breaches 1000

Builds (bulk SQL) ``--open`` open complaints, each with a running resolve
clock due in the next 30 days, of which ``--breaches`` are due one minute ago
(newly breached, not processed yet).  Then measures, in this process:

1. one scheduler run (``complaint.clock._cron_process_clocks``) processing the
   breached clocks: each breach notifies the handler and proposes a fine;
2. the digest build for those breaches (``complaint.digest._cron_send_digests``);
3. the "Overdue" list as a handler: first page (80 rows) + count, through
   ``web_search_read`` with the handler's record rules.

Prints one JSON line of results.
"""

import argparse
import json
import os
import resource
import sys
import time

import psutil

ODOO_SRC = os.environ.get("ODOO_SRC", "/opt/odoo")
sys.path.insert(0, ODOO_SRC)

import odoo  # noqa: E402
from odoo import SUPERUSER_ID, api  # noqa: E402

TEAMS = 20
HANDLERS_PER_TEAM = 5


def rss_mb():
    return psutil.Process().memory_info().rss / 1024 / 1024


def setup(env, n_open, n_breaches):
    cr = env.cr
    cr.execute("SELECT count(*) FROM complaint_complaint")
    if cr.fetchone()[0]:
        raise SystemExit("the benchmark database must be empty of complaints: use a fresh database")
    env["complaint.deadline.policy"].search([]).write({"active": False})
    kind = env.ref("complaint_base.clock_kind_resolve")
    rule = env["complaint.penalty.rule"].create({"code": "BENCH-1", "name": "bench", "amount": 50})
    policy = env["complaint.deadline.policy"].create(
        {
            "name": "bench",
            "target_ids": [
                (
                    0,
                    0,
                    {
                        "kind_id": kind.id,
                        "amount": 3,
                        "unit": "days",
                        "step_ids": [
                            (
                                0,
                                0,
                                {
                                    "name": "notify",
                                    "threshold": "after_due",
                                    "action": "notify",
                                    "recipient": "handler",
                                },
                            ),
                            (
                                0,
                                0,
                                {
                                    "name": "fine",
                                    "threshold": "after_due",
                                    "action": "fine",
                                    "penalty_rule_ids": [(6, 0, rule.ids)],
                                },
                            ),
                        ],
                    },
                )
            ],
        }
    )
    target = policy.target_ids
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
    env.flush_all()
    stage = env.ref("complaint_base.complaint_stage_in_progress")
    company = env.company.id
    handler_ids = handlers.ids
    team_of = {u.id: team.id for team in teams for u in team.member_ids}
    # handlers and teams as SQL arrays, complaints round-robin over them
    cr.execute(
        """
        INSERT INTO complaint_complaint
            (name, subject, date_received, company_id, stage_id, state, severity, priority, validity,
             active, team_id, user_id, sector, is_overdue, contact_name, contact_phone,
             create_uid, create_date, write_uid, write_date, date_last_stage_update)
        SELECT 'BENCH-' || lpad(i::text, 8, '0'), 'Complaint ' || i, now() at time zone 'utc' - interval '1 day',
               %(company)s, %(stage)s, 'in_progress', 'general', '1', 'valid', true,
               (%(teams)s::int[])[1 + (i %% %(nh)s)], (%(handlers)s::int[])[1 + (i %% %(nh)s)], 'general', false,
               '张三', '13800000000', 1, now() at time zone 'utc', 1, now() at time zone 'utc', now() at time zone 'utc'
          FROM generate_series(1, %(n)s) AS i
        """,
        {
            "company": company,
            "stage": stage.id,
            "teams": [team_of[h] for h in handler_ids],
            "handlers": handler_ids,
            "nh": len(handler_ids),
            "n": n_open,
        },
    )
    cr.execute(
        """
        INSERT INTO complaint_clock
            (complaint_id, kind_id, target_id, policy_id, state, date_start, date_due, next_check,
             company_id, team_id, user_id, result, create_uid, create_date, write_uid, write_date)
        SELECT c.id, %(kind)s, %(target)s, %(policy)s, 'running', c.date_received, due, due,
               c.company_id, c.team_id, c.user_id, 'pending', 1, now() at time zone 'utc', 1, now() at time zone 'utc'
          FROM (SELECT c.*,
                       CASE WHEN row_number() OVER (ORDER BY id) <= %(breaches)s
                            THEN now() at time zone 'utc' - interval '1 minute'
                            ELSE now() at time zone 'utc' + (interval '1 minute' * (60 + (id %% 43200))) END AS due
                  FROM complaint_complaint c) c
        """,
        {"kind": kind.id, "target": target.id, "policy": policy.id, "breaches": n_breaches},
    )
    cr.execute(
        """UPDATE complaint_complaint c SET date_next_due = k.date_due
             FROM complaint_clock k WHERE k.complaint_id = c.id"""
    )
    cr.execute("ANALYZE complaint_complaint; ANALYZE complaint_clock;")
    return handlers


def measure(db, n_open, n_breaches):
    registry = odoo.modules.registry.Registry(db)
    results = {"open_complaints": n_open, "breaches": n_breaches}
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        t0 = time.perf_counter()
        handlers = setup(env, n_open, n_breaches)
        cr.commit()
        results["fixture_s"] = round(time.perf_counter() - t0, 1)
        handler_ids = handlers.ids
    env = None
    # 1. scheduler
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        env.invalidate_all()
        rss_before = rss_mb()
        t0, c0 = time.perf_counter(), time.process_time()
        processed = env["complaint.clock"]._cron_process_clocks(batch_size=n_breaches)
        env.flush_all()
        cr.commit()
        results["scheduler_s"] = round(time.perf_counter() - t0, 3)
        # CPU of this process only (PostgreSQL works in its own): steadier on a busy machine
        results["scheduler_cpu_s"] = round(time.process_time() - c0, 3)
        results["scheduler_processed"] = processed
        results["rss_before_mb"] = round(rss_before)
        results["rss_after_mb"] = round(rss_mb())
        results["maxrss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        cr.execute("SELECT count(*) FROM complaint_penalty")
        results["fines"] = cr.fetchone()[0]
    # 2. digest
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        env["ir.config_parameter"].set_param("complaint_base.digest_lookahead_hours", 0)
        t0 = time.perf_counter()
        mails = env["complaint.digest"]._cron_send_digests()
        env.flush_all()
        results["digest_s"] = round(time.perf_counter() - t0, 3)
        results["digest_mails"] = len(mails)
        cr.rollback()
    # 3. the overdue list as a handler (first page + count), warm then measured
    with registry.cursor() as cr:
        env = api.Environment(cr, handler_ids[0], {})
        Complaint = env["complaint.complaint"]
        domain = [("is_overdue", "=", True), ("state", "not in", ("closed", "cancelled"))]
        spec = {f: {} for f in ("name", "subject", "date_received", "contact_name", "severity", "priority", "state")}
        spec.update(
            {
                f: {"fields": {"display_name": {}}}
                for f in ("channel_id", "category_id", "team_id", "user_id", "stage_id")
            }
        )
        timings = []
        for __ in range(5):
            env.invalidate_all()
            t0 = time.perf_counter()
            page = Complaint.web_search_read(domain, spec, limit=80, count_limit=10001)
            timings.append(time.perf_counter() - t0)
        results["overdue_list_ms"] = round(sorted(timings)[len(timings) // 2] * 1000, 1)
        results["overdue_list_rows"] = len(page["records"])
        results["overdue_list_count"] = page["length"]
    return results


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--open", type=int, default=1_000_000)
    parser.add_argument("--breaches", type=int, default=1000)
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
    print(json.dumps(measure(args.db, args.open, args.breaches)))


if __name__ == "__main__":
    main()
