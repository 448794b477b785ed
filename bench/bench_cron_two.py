"""Two Odoo servers running the deadline scheduler on one database at once.

Run through bench/run_cron_two.sh, which creates the database, starts the two
``odoo-bin`` processes (each with its own cron workers) and calls this script:

    bench_cron_two.py setup  --db DB --open 20000 --breaches 2000 --batch 100 --jobs 2
    bench_cron_two.py wait   --db DB --timeout 600
    bench_cron_two.py report --db DB --log a.log --log b.log

bench/run_api.sh (CRON=1) uses it to keep the scheduler busy while it measures
the API: ``load-setup`` builds the same fixture with no clock due and the
default deadline policies left active (API complaints get their usual
clocks), ``breach --count N`` makes N more clocks due and wakes the cron
workers, ``progress --since T`` counts the breaches processed since T.

``setup`` builds the fixture of bench/bench_deadlines.py (``--open`` open
complaints with a running resolve clock, ``--breaches`` of them due one
minute ago, a ladder that notifies the handler and proposes a fine at the due
time), then makes the scheduler's cron take ``--batch`` clocks a run and, with
``--jobs`` above 1, adds copies of that cron: Odoo runs one cron record in one
worker at a time (it locks the ``ir_cron`` row), so copies are what makes two
servers run ``_cron_process_clocks`` at the same moment on the same clocks.
The crons are left due; the servers pick them up when they are woken.

``report`` checks that every breach was processed once (one breach event, one
claim per escalation step, one fine and one escalation note per breached
clock; no clock left due) and counts, from each server's log, the clocks its
cron runs processed. Prints one JSON line; exits 1 when a check fails.
"""

import argparse
import datetime
import json
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import bench_deadlines
from bench_deadlines import ODOO_SRC, odoo

from odoo import SUPERUSER_ID, api

CRON_XMLID = "complaint_base.ir_cron_complaint_clocks"
JOB_LINE = re.compile(
    r"^(\S+ \S+) \d+ INFO \S+ \S+: Job '([^']+)' \((\d+)\) processed (\d+) records, (\d+) records remaining", re.M
)


def registry(db):
    bench = os.path.dirname(os.path.abspath(__file__))
    odoo.tools.config.parse_config(
        [
            "-d",
            db,
            "--addons-path",
            f"{ODOO_SRC}/addons,{os.path.dirname(bench)}/addons,{bench}/addons",  # bench/addons: run_api.sh's
            "--log-level",
            "warn",
        ]
    )
    return odoo.modules.registry.Registry(db)


def setup(db, n_open, n_breaches, batch, jobs):
    with registry(db).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        t0 = time.perf_counter()
        bench_deadlines.setup(env, n_open, n_breaches)
        cron = env.ref(CRON_XMLID)
        cron.write({"code": f"model._cron_process_clocks(batch_size={batch})"})
        for n in range(2, jobs + 1):
            cron.copy({"name": f"{cron.name} (copy {n})"})
        # due, but no server is up yet: they start on the NOTIFY of run_cron_two.sh
        crons = env["ir.cron"].search([("ir_actions_server_id.code", "like", "_cron_process_clocks")])
        # (a minute ago, not long ago: Odoo reschedules a finished job by adding
        # its interval to nextcall until it is in the future)
        crons.write({"nextcall": odoo.fields.Datetime.now() - datetime.timedelta(minutes=1), "active": True})
        cr.commit()
        print(json.dumps({"fixture_s": round(time.perf_counter() - t0, 1), "cron_ids": crons.ids}))


def load_setup(db, n_open):
    """The fixture with nothing due, the default policies active again."""
    with registry(db).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        defaults = env["complaint.deadline.policy"].search([])
        bench_deadlines.setup(env, n_open, 0)
        env["complaint.deadline.policy"].search([("name", "=", "bench")]).write({"active": False})
        defaults.write({"active": True})
        cr.commit()


def breach(db, count):
    """Make ``count`` running clocks of the fixture due now; wake the cron workers."""
    with registry(db).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        policy = env["complaint.deadline.policy"].with_context(active_test=False).search([("name", "=", "bench")])
        cr.execute(
            """UPDATE complaint_clock SET date_due = now() at time zone 'utc' - interval '1 minute',
                      next_check = now() at time zone 'utc' - interval '1 minute'
                WHERE id IN (SELECT id FROM complaint_clock WHERE policy_id = %s AND state = 'running'
                              AND next_check > now() at time zone 'utc' ORDER BY id LIMIT %s)""",
            [policy.id, count],
        )
        made = cr.rowcount
        # a trigger, not a write: the cron may still be finishing its last run
        env.ref(CRON_XMLID)._trigger()
        cr.commit()
        cr.execute("SELECT pg_notify('cron_trigger', %s)", [db])
        cr.commit()
        print(json.dumps({"breaches_made": made, "at": time.time()}))


def progress(db, since):
    with registry(db).cursor() as cr:
        cr.execute(
            """SELECT count(*) FROM complaint_clock_event
                WHERE event = 'breach' AND create_date >= to_timestamp(%s) at time zone 'utc'""",
            [since],
        )
        done = cr.fetchone()[0]
        print(json.dumps({"cron_breaches_done": done, "cron_clocks_still_due": due_count(cr)}))


def due_count(cr):
    cr.execute(
        """SELECT count(*) FROM complaint_clock
            WHERE next_check <= now() at time zone 'utc' AND state IN ('running', 'breached')"""
    )
    return cr.fetchone()[0]


def wait(db, timeout):
    """Wait until no clock is due and no scheduler cron is running or due."""
    reg = registry(db)
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        with reg.cursor() as cr:
            left = due_count(cr)
            cr.execute(
                """SELECT count(*) FROM ir_cron c JOIN ir_act_server a ON a.id = c.ir_actions_server_id
                    WHERE a.code LIKE '%%_cron_process_clocks%%' AND c.nextcall <= now() at time zone 'utc'"""
            )
            crons_due = cr.fetchone()[0]
        if not left and not crons_due:
            print(json.dumps({"wall_s": round(time.perf_counter() - start, 1)}))
            return
        time.sleep(0.5)
    raise SystemExit(f"timed out after {timeout} s: {left} clocks still due")


def one_value(cr, query):
    cr.execute(query)
    return cr.fetchone()[0]


def report(db, logs):
    result = {}
    with registry(db).cursor() as cr:
        q = {
            "breached_clocks": "SELECT count(*) FROM complaint_clock WHERE state = 'breached'",
            "clocks_still_due": """SELECT count(*) FROM complaint_clock WHERE next_check <= now() at time zone 'utc'
                                     AND state IN ('running', 'breached')""",
            "breach_events": "SELECT count(*) FROM complaint_clock_event WHERE event = 'breach'",
            "max_breach_events_per_clock": """SELECT coalesce(max(n), 0) FROM (SELECT count(*) n
                FROM complaint_clock_event WHERE event = 'breach' GROUP BY clock_id) s""",
            "step_claims": "SELECT count(*) FROM complaint_clock_event WHERE event = 'step'",
            "max_claims_per_clock_step": """SELECT coalesce(max(n), 0) FROM (SELECT count(*) n
                FROM complaint_clock_event WHERE event = 'step' GROUP BY clock_id, step_id) s""",
            "clocks_without_2_steps": """SELECT count(*) FROM complaint_clock k WHERE k.state = 'breached'
                AND (SELECT count(*) FROM complaint_clock_event e WHERE e.clock_id = k.id AND e.event = 'step') <> 2""",
            "fines": "SELECT count(*) FROM complaint_penalty",
            "max_fines_per_complaint": """SELECT coalesce(max(n), 0) FROM (SELECT count(*) n
                FROM complaint_penalty GROUP BY complaint_id) s""",
            "fine_numbers_distinct": "SELECT count(DISTINCT name) FROM complaint_penalty",
            "escalation_notes": """SELECT count(*) FROM mail_message
                WHERE model = 'complaint.complaint' AND message_type = 'notification'""",
            "max_escalation_notes_per_complaint": """SELECT coalesce(max(n), 0) FROM (SELECT count(*) n
                FROM mail_message WHERE model = 'complaint.complaint' AND message_type = 'notification'
                GROUP BY res_id) s""",
        }
        for key, query in q.items():
            result[key] = one_value(cr, query)
    servers = []
    for path in logs:
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
        runs = [m for m in JOB_LINE.finditer(text) if "escalate" in m.group(2) and int(m.group(4))]
        stamps = [datetime.datetime.strptime(m.group(1), "%Y-%m-%d %H:%M:%S,%f") for m in runs]
        servers.append(
            {
                "log": os.path.basename(path),
                "clocks": sum(int(m.group(4)) for m in runs),
                "batches": len(runs),
                "jobs": sorted({int(m.group(3)) for m in runs}),
                "first_batch_done": stamps[0].strftime("%H:%M:%S.%f")[:-3] if stamps else None,
                "last_batch_done": stamps[-1].strftime("%H:%M:%S.%f")[:-3] if stamps else None,
                "errors": len(re.findall(r"^\S+ \S+ \d+ (?:ERROR|CRITICAL) ", text, re.M)),
                "serialization_failures": text.count("could not serialize access"),
            }
        )
    result["servers"] = servers
    ends = [s[k] for s in servers for k in ("first_batch_done", "last_batch_done") if s[k]]
    if ends:
        span = datetime.datetime.strptime(max(ends), "%H:%M:%S.%f") - datetime.datetime.strptime(
            min(ends), "%H:%M:%S.%f"
        )
        result["first_to_last_batch_s"] = round(span.total_seconds(), 1)
    n = result["breached_clocks"]
    checks = {
        "every breach processed": result["clocks_still_due"] == 0,
        "one breach event per clock": result["breach_events"] == n and result["max_breach_events_per_clock"] == 1,
        "each step claimed once": result["max_claims_per_clock_step"] == 1 and result["clocks_without_2_steps"] == 0,
        "one fine per breach": result["fines"] == n and result["max_fines_per_complaint"] == 1,
        "fine numbers unique": result["fine_numbers_distinct"] == result["fines"],
        "one escalation note per breach": result["max_escalation_notes_per_complaint"] <= 1,
        "servers' counts add up": sum(s["clocks"] for s in servers) == n,
    }
    result["failed_checks"] = [name for name, ok in checks.items() if not ok]
    print(json.dumps(result))
    return not result["failed_checks"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("action", choices=["setup", "wait", "report", "load-setup", "breach", "progress"])
    parser.add_argument("--db", required=True)
    parser.add_argument("--open", type=int, default=20000)
    parser.add_argument("--breaches", type=int, default=2000)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=int, default=900)
    parser.add_argument("--log", action="append", default=[])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--since", type=float, default=0)
    args = parser.parse_args()
    if args.action == "setup":
        setup(args.db, args.open, args.breaches, args.batch, args.jobs)
    elif args.action == "load-setup":
        load_setup(args.db, args.open)
    elif args.action == "breach":
        breach(args.db, args.count)
    elif args.action == "progress":
        progress(args.db, args.since)
    elif args.action == "wait":
        wait(args.db, args.timeout)
    elif not report(args.db, args.log):
        sys.exit(1)


if __name__ == "__main__":
    main()
