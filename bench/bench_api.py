"""Complaint API throughput: complaints created per second over HTTP.

Run through bench/run_api.sh, which prepares the database and the server.
By hand, against a running server with an integration key:

    .venv/bin/python bench/bench_api.py --url http://127.0.0.1:8269 --key cpk_... --clients 1 4

For each target — ``complaints`` (POST /api/complaint/v1/complaints) and
``bench-records`` (the same request pipeline creating a bare ``mail.thread``
record, from bench/addons/complaint_api_bench) — and each number of
clients, every client thread keeps one HTTP/1.1 connection open and sends
``--requests`` POSTs one after the other, each with its own
``Idempotency-Key``.  Prints one JSON line per run: throughput (created per
second over the wall time) and latency percentiles.  Every answer must be
201; anything else stops the run.

With ``--server-pid`` (the odoo-bin master) and ``--db``, each line also gives
the CPU time per request of the HTTP workers and of the PostgreSQL backends
of that database, measured over the run (the cron workers, which Odoo runs at
nice 10, are counted apart): figures a busy machine does not change much,
unlike the wall times.
"""

import argparse
import http.client
import json
import statistics
import threading
import time
import urllib.parse
import uuid

import psutil

SUBJECTS = [
    "车辆保养后发动机异响",
    "快递延误五天未送达",
    "客服电话长时间无人接听",
    "维修费用与报价不符",
    "包裹破损内件丢失",
    "销售顾问承诺未兑现",
]


def payload(target, n):
    if target == "bench-records":
        return {"subject": f"{SUBJECTS[n % len(SUBJECTS)]} #{n}"}
    return {
        "subject": SUBJECTS[n % len(SUBJECTS)],
        "description": "客户来电反映：" + SUBJECTS[n % len(SUBJECTS)] + "，要求尽快处理并给予答复。" * 3,
        "complainant": {"name": "客户" + str(n), "phone": f"139{n:08d}"[:11]},
        "severity": "general",
        "external_ref": f"BENCH-{uuid.uuid4().hex[:16]}",
    }


def client(url, key, target, numbers, latencies, errors, barrier):
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    path = f"/api/complaint/v1/{target}"
    barrier.wait()
    for n in numbers:
        body = json.dumps(payload(target, n), ensure_ascii=False).encode()
        headers = {
            "Content-Type": "application/json",
            "Authorization": f"Bearer {key}",
            "Idempotency-Key": uuid.uuid4().hex,
        }
        start = time.perf_counter()
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        answer = response.read()
        latencies.append(time.perf_counter() - start)
        if response.status != 201:
            errors.append(f"{response.status} {answer[:300]!r}")
            return
    connection.close()


def cpu_seconds(server_pid, db):
    """CPU seconds used so far by the HTTP workers, the cron workers and the
    PostgreSQL backends of ``db`` (processes that ended meanwhile are lost)."""
    totals = {"http": 0.0, "cron": 0.0, "pg": 0.0}
    if not server_pid:
        return totals
    for proc in psutil.Process(server_pid).children(recursive=True):
        try:
            times = proc.cpu_times()
            totals["cron" if proc.nice() >= 10 else "http"] += times.user + times.system
        except psutil.NoSuchProcess:
            pass
    for proc in psutil.process_iter(["name", "cmdline"]):
        try:
            if proc.info["name"].startswith("postgres") and f" {db} " in " ".join(proc.info["cmdline"] or []) + " ":
                times = proc.cpu_times()
                totals["pg"] += times.user + times.system
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            pass
    return totals


def run(url, key, target, clients, requests_per_client, offset, server_pid=None, db=None):
    latencies, errors = [], []
    barrier = threading.Barrier(clients + 1)
    threads = [
        threading.Thread(
            target=client,
            args=(
                url,
                key,
                target,
                range(offset + i * requests_per_client, offset + (i + 1) * requests_per_client),
                latencies,
                errors,
                barrier,
            ),
        )
        for i in range(clients)
    ]
    for thread in threads:
        thread.start()
    barrier.wait()
    cpu_before = cpu_seconds(server_pid, db)
    start = time.perf_counter()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - start
    cpu_after = cpu_seconds(server_pid, db)
    if errors:
        raise SystemExit(f"{target}: {errors[0]}")
    latencies.sort()
    cpu = {
        f"{kind}_cpu_ms_per_req": round((cpu_after[kind] - cpu_before[kind]) * 1000 / len(latencies), 1)
        for kind in ("http", "pg")
    }
    cpu["cron_cpu_s"] = round(cpu_after["cron"] - cpu_before["cron"], 1)
    result = {
        "target": target,
        "clients": clients,
        "requests": len(latencies),
        "wall_s": round(wall, 2),
        "per_second": round(len(latencies) / wall, 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 1),
        "p95_ms": round(latencies[int(len(latencies) * 0.95) - 1] * 1000, 1),
    }
    if server_pid:
        result.update(cpu)
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8269")
    parser.add_argument("--key", required=True)
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 4])
    parser.add_argument("--requests", type=int, default=400, help="requests per run (shared by the clients)")
    parser.add_argument("--targets", nargs="+", default=["complaints", "bench-records"])
    parser.add_argument("--server-pid", type=int, help="odoo-bin master: report the CPU per request")
    parser.add_argument("--db", help="the database (its PostgreSQL backends' CPU)")
    args = parser.parse_args()
    offset = 1
    for target in args.targets:
        run(args.url, args.key, target, 2, 20, offset)  # warm-up: caches, worker start
        offset += 40
    for clients in args.clients:
        for target in args.targets:
            result = run(
                args.url, args.key, target, clients, args.requests // clients, offset, args.server_pid, args.db
            )
            offset += args.requests
            print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
