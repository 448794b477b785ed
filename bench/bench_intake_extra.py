"""Intake benchmarks of issue 10 beside the batch create: the Excel import and
repeat detection at scale.

Run through bench/run_intake_extra.sh, which builds a fresh database with
complaint_base (no demo data); by hand:

    .venv/bin/python bench/bench_intake_extra.py import --db complaints_bench_extra --rows 10000
    .venv/bin/python bench/bench_intake_extra.py repeats --db complaints_bench_extra --size 1000000

``import``: writes an .xlsx of ``--rows`` complaints in the layout of the
downloadable template (reference, subject, description, complainant, phone,
e-mail, category, channel, severity, date, demand, team), then runs the
import wizard as a user would: *Check* (every row read and validated, the
report written), then *Import* (checked again, created in one batch, all or
nothing). Times both, samples the process's memory every 20 ms, rolls back.

``repeats``: fills the database with ``--size`` complaints by bulk SQL
(250,000 distinct phone numbers and 300,000 e-mail addresses, received over
the last 180 days), then creates new complaints from known complainants and
times ``_detect_repeats``: one complaint at a time (the API and the web form
create one per request) and one batch of 1,000 (an import). Shows the plan
of the look-up, which must use the indexes on the normalized phone and e-mail.

Prints one JSON line per measurement.
"""

import argparse
import base64
import json
import os
import statistics
import sys
import threading
import time

import psutil

ODOO_SRC = os.environ.get("ODOO_SRC", "/opt/odoo")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ODOO_SRC)

import odoo  # noqa: E402
from odoo import SUPERUSER_ID, api  # noqa: E402

HEADERS = (
    "外部编号",
    "投诉主题",
    "投诉内容",
    "投诉人",
    "联系电话",
    "邮箱",
    "类别",
    "渠道",
    "严重程度",
    "投诉日期",
    "诉求",
)


def _rss_mb():
    return psutil.Process().memory_info().rss / 1024 / 1024


class PeakMemory:
    """Largest resident size of this process while the block runs (sampled)."""

    def __init__(self, every=0.02):
        self.every = every
        self.peak = 0.0
        self._stop = threading.Event()

    def __enter__(self):
        self.start = _rss_mb()
        self.peak = self.start
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self):
        while not self._stop.wait(self.every):
            self.peak = max(self.peak, _rss_mb())

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, _rss_mb())


def _registry(db):
    odoo.tools.config.parse_config(
        ["-d", db, "--addons-path", f"{ODOO_SRC}/addons,{ROOT}/addons", "--log-level", "warn"]
    )
    return odoo.modules.registry.Registry(db)


def _emit(**line):
    print(json.dumps(line, ensure_ascii=False), flush=True)


# ---------------------------------------------------------------- import
def _workbook(rows, offset=0):
    from odoo.addons.complaint_base.engine.xlsx import Sheet, build_xlsx

    def row(i):
        n = offset + i
        return [
            f"DMS-{n:08d}",
            f"维修后车辆仍有异响 第{n}号",
            "<p>客户反映：保养后发动机舱仍有异响，要求免费复查。</p>",
            "王芳",
            f"139{n % 100_000_000:08d}",
            f"user{n}@example.com",
            "服务质量",
            "电话",
            "一般",
            "2026-11-30 10:00",
            "免费复查并书面答复",
        ]

    return build_xlsx([Sheet("投诉", HEADERS, (row(i) for i in range(rows)))])


def bench_import(args):
    registry = _registry(args.db)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"lang": "zh_CN", "tz": "Asia/Shanghai"})
        # the intake benchmark's fixture: a team on the shipped Beijing calendar
        # (the default team of the rows) and one policy of 3 clocks
        sys.path.insert(0, os.path.join(ROOT, "bench"))
        from bench_intake import setup_complaint

        team = setup_complaint(env)
        env["ir.config_parameter"].set_param("complaint_base.default_team_id", team.id)
        clocks_per = sum(len(p.target_ids) for p in env["complaint.deadline.policy"].search([]))
        cr.commit()
    for rows in args.rows:
        data = _workbook(rows)
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"lang": "zh_CN", "tz": "Asia/Shanghai"})
            wizard = env["complaint.import"].create(
                {"file": base64.b64encode(data), "filename": "dms.xlsx", "external_source": "DMS"}
            )
            env.flush_all()
            with PeakMemory() as check_mem:
                t0 = time.perf_counter()
                wizard.action_check()
                env.flush_all()
                check_s = time.perf_counter() - t0
            counts = (wizard.count_create, wizard.count_update, wizard.count_reject)
            with PeakMemory() as import_mem:
                t0 = time.perf_counter()
                wizard.action_import()
                env.flush_all()
                import_s = time.perf_counter() - t0
            created = env["complaint.complaint"].search_count([("external_source", "=", "DMS")])
            clocks = env["complaint.clock"].search_count([("complaint_id.external_source", "=", "DMS")])
            # what the commit does before it commits: the acknowledgements are queued
            with PeakMemory() as commit_mem:
                t0 = time.perf_counter()
                cr.flush()
                commit_s = time.perf_counter() - t0
            queued = env["complaint.complaint"].search_count([("acknowledgement_queued", "=", True)])
            # the scheduler's work after the commit: e-mailed acknowledgements
            # (mail rendered and queued, chatter note, acknowledge clock met)
            sent, t0 = 0, time.perf_counter()
            while sent < min(queued, ACKS_TIMED):
                sent += env["complaint.complaint"]._cron_send_acknowledgements()
                env.flush_all()
            ack_s = time.perf_counter() - t0
            cr.rollback()
        if counts != (rows, 0, 0) or created != rows:
            raise SystemExit(f"import of {rows} rows: report {counts}, {created} complaints created")
        _emit(
            workload="import",
            rows=rows,
            file_kb=round(len(data) / 1024),
            check_s=round(check_s, 2),
            import_s=round(import_s, 2),
            commit_s=round(commit_s, 2),
            total_s=round(check_s + import_s + commit_s, 2),
            rows_per_s=round(rows / (check_s + import_s + commit_s), 1),
            acknowledgements_queued=queued,
            acknowledgements_timed=sent,
            acknowledgements_per_s=round(sent / ack_s, 1) if sent else None,
            clocks=clocks,
            clocks_per_complaint=clocks_per,
            rss_start_mb=round(check_mem.start),
            rss_peak_check_mb=round(check_mem.peak),
            rss_peak_import_mb=round(import_mem.peak),
            rss_growth_mb=round(max(check_mem.peak, import_mem.peak, commit_mem.peak) - check_mem.start),
        )
    return 0


# ---------------------------------------------------------------- repeats
ACKS_TIMED = 1000  # queued acknowledgements the import benchmark sends, timed

PHONES = 250_000
EMAILS = 300_000


def _fill(env, size):
    cr = env.cr
    cr.execute("SELECT count(*) FROM complaint_complaint")
    have = cr.fetchone()[0]
    if have >= size:
        return 0.0
    t0 = time.perf_counter()
    stage = env.ref("complaint_base.complaint_stage_in_progress")
    closed = env.ref("complaint_base.complaint_stage_closed")
    team = env["complaint.team"].search([], limit=1)
    cr.execute(
        """
        INSERT INTO complaint_complaint
            (name, subject, date_received, company_id, stage_id, state, severity, priority, validity,
             active, team_id, sector, is_overdue, contact_name, contact_phone, contact_email,
             contact_phone_normalized, contact_email_normalized,
             create_uid, create_date, write_uid, write_date, date_last_stage_update)
        SELECT 'FILL-' || lpad(i::text, 8, '0'),
               (ARRAY['快递延误未送达', '包裹破损要求赔偿', '维修后仍有异响', '服务态度差', '电话无人接听'])[1 + i %% 5]
                   || ' ' || i,
               now() at time zone 'utc' - (interval '1 minute' * (i %% 259200)),
               %(company)s,
               CASE WHEN i %% 3 = 0 THEN %(closed)s ELSE %(stage)s END,
               CASE WHEN i %% 3 = 0 THEN 'closed' ELSE 'in_progress' END,
               'general', '1', 'valid', true, %(team)s, 'general', false, '张三',
               '139' || lpad((i %% %(phones)s)::text, 8, '0'), 'user' || (i %% %(emails)s) || '@example.com',
               '139' || lpad((i %% %(phones)s)::text, 8, '0'), 'user' || (i %% %(emails)s) || '@example.com',
               1, now() at time zone 'utc', 1, now() at time zone 'utc', now() at time zone 'utc'
          FROM generate_series(%(first)s, %(last)s) AS i
        """,
        {
            "company": env.company.id,
            "stage": stage.id,
            "closed": closed.id,
            "team": team.id or None,
            "phones": PHONES,
            "emails": EMAILS,
            "first": have + 1,
            "last": size,
        },
    )
    cr.execute("ANALYZE complaint_complaint")
    return time.perf_counter() - t0


def _new_vals(start, count):
    # complainants who already have complaints (phone and e-mail of the pool),
    # on a similar matter: each should be linked to an earlier complaint
    return [
        {
            "subject": f"快递延误未送达 再次投诉 {start + i}",
            "contact_name": "张三",
            "contact_phone": f"139{(start + i) % PHONES:08d}",
            "contact_email": f"user{(start + i) % EMAILS}@example.com",
        }
        for i in range(count)
    ]


def bench_repeats(args):
    registry = _registry(args.db)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        env["complaint.deadline.policy"].search([]).write({"active": False})  # repeats only
        fill_s = _fill(env, args.size)
        cr.commit()
        cr.execute("SELECT count(*) FROM complaint_complaint")
        size = cr.fetchone()[0]
    ctx = {"tracking_disable": True, "mail_create_nolog": True, "mail_create_nosubscribe": True}
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, ctx)
        Complaint = env["complaint.complaint"]
        # the plan of one look-up: must be index scans, not a scan of the table
        domain = Complaint._repeat_domain(env.company.ids, [], ["13900012345"], ["user12345@example.com"])
        query = Complaint.with_context(active_test=False)._search(domain, order="date_received desc, id desc")
        sql = query.select()
        cr.execute(odoo.tools.SQL("EXPLAIN %s", sql))
        plan = "\n".join(row[0] for row in cr.fetchall())
        uses_index = "contact_phone_normalized_index" in plan and "Seq Scan" not in plan
        # one at a time, like the API and the web form (one complaint per request):
        # create (which detects already; not timed), then time the detection again
        singles = []
        linked = 0
        for vals in _new_vals(7, args.singles):
            complaint = Complaint.create(vals)
            env.flush_all()
            env.invalidate_all()
            t0 = time.perf_counter()
            complaint._detect_repeats()
            env.flush_all()
            singles.append(time.perf_counter() - t0)
            linked += bool(complaint.repeat_of_id)
        # one batch of 1,000 (an import)
        batch = Complaint.create(_new_vals(100_007, args.batch))
        env.flush_all()
        env.invalidate_all()
        t0 = time.perf_counter()
        batch._detect_repeats()
        env.flush_all()
        batch_s = time.perf_counter() - t0
        batch_linked = len(batch.filtered("repeat_of_id"))
        cr.rollback()
    _emit(
        workload="repeats",
        complaints=size,
        fixture_s=round(fill_s, 1),
        single_median_ms=round(statistics.median(singles) * 1000, 2),
        single_p95_ms=round(sorted(singles)[int(len(singles) * 0.95)] * 1000, 2),
        singles=len(singles),
        singles_linked=linked,
        batch=args.batch,
        batch_s=round(batch_s, 3),
        batch_per_complaint_ms=round(batch_s / args.batch * 1000, 2),
        batch_linked=batch_linked,
        plan_uses_indexes=uses_index,
    )
    if args.plan:
        print(plan)
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("import", help="Excel import: check + import")
    p.add_argument("--db", required=True)
    p.add_argument("--rows", type=int, nargs="+", default=[2000, 10000])
    p = sub.add_parser("repeats", help="repeat detection at scale")
    p.add_argument("--db", required=True)
    p.add_argument("--size", type=int, default=1_000_000)
    p.add_argument("--singles", type=int, default=200)
    p.add_argument("--batch", type=int, default=1000)
    p.add_argument("--plan", action="store_true", help="print the query plan")
    args = parser.parse_args()
    return bench_import(args) if args.command == "import" else bench_repeats(args)


if __name__ == "__main__":
    sys.exit(main())
