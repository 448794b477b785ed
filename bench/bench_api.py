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
"""

import argparse
import http.client
import json
import statistics
import threading
import time
import urllib.parse
import uuid

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


def run(url, key, target, clients, requests_per_client, offset):
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
    start = time.perf_counter()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - start
    if errors:
        raise SystemExit(f"{target}: {errors[0]}")
    latencies.sort()
    return {
        "target": target,
        "clients": clients,
        "requests": len(latencies),
        "wall_s": round(wall, 2),
        "per_second": round(len(latencies) / wall, 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 1),
        "p95_ms": round(latencies[int(len(latencies) * 0.95) - 1] * 1000, 1),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8269")
    parser.add_argument("--key", required=True)
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 4])
    parser.add_argument("--requests", type=int, default=400, help="requests per run (shared by the clients)")
    parser.add_argument("--targets", nargs="+", default=["complaints", "bench-records"])
    args = parser.parse_args()
    offset = 1
    for target in args.targets:
        run(args.url, args.key, target, 2, 20, offset)  # warm-up: caches, worker start
        offset += 40
    for clients in args.clients:
        for target in args.targets:
            result = run(args.url, args.key, target, clients, args.requests // clients, offset)
            offset += args.requests
            print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
