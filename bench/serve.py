"""Turn one `handouts serve` process under 20 concurrent front-desk prints into figures, as one JSON line:
requests per second, p50/p95 latency and peak memory, with the server idle and while a whole-chain rebuild runs."""

# python bench/serve.py                       2 rounds of each phase, interleaved (idle, rebuild, idle, rebuild)
#                                             after 50 prints from one client alone (a single print's latency)
# python bench/serve.py --clients 20 --requests 200 --rounds 3
#
# The server runs as its own process (`python -m handouts serve`) on a copy of the demo project in a temporary
# folder. "idle": the chain is built, nothing else runs. "rebuild": the clinic's tagline is edited, so every
# office and print PDF of the chain is rebuilt (in the server's child process) while the prints go on; only the
# prints sent while the rebuild ran count. Peak memory is VmHWM from /proc for the server and, sampled every
# 50 ms, for its rebuild child. Progress goes to stderr; the last line of stdout is the JSON object.

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parent.parent
PLACES = [("smith-jones/portland-pearl", ("en", "es")), ("smith-jones/austin-zilker", ("en", "es")),
          ("smith-jones/leeds-headingley", ("en",))]
NAMES = ["Sam Lee", "Zoë Hart", "Ana Ruiz", "Priya Nair", "Tom Okafor"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def form(rng: random.Random) -> bytes:
    place, languages = rng.choice(PLACES)
    return urlencode({"place": place, "document": "dry-needling-aftercare", "lang": rng.choice(languages),
                      "date": f"2026-12-{rng.randint(1, 28):02d}", "time": f"{rng.randint(7, 18):02d}:30",
                      "therapist": rng.choice(NAMES), "notes": "Ice 20 minutes, walk daily",
                      "area": [str(a) for a in rng.sample(range(1, 6), 2)]}, doseq=True).encode()


def get(port: int, path: str) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", path)
        return connection.getresponse().read().decode("utf-8", "replace")
    finally:
        connection.close()


def rebuilding(port: int) -> bool:
    page = get(port, "/chain")
    return "Rebuilding the chain" in page or "for the first time" in page


def vm_hwm_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def load(port: int, clients: int, keep_going, seed: int) -> list[tuple[float, float, int]]:
    """(start, seconds, status) of every print sent while ``keep_going(sent)`` holds, from ``clients`` threads."""
    results: list[tuple[float, float, int]] = []
    lock = threading.Lock()

    def client(index: int) -> None:
        rng = random.Random(seed * 1000 + index)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        while True:
            with lock:
                if not keep_going(len(results)):
                    break
            body = form(rng)
            started = time.perf_counter()
            connection.request("POST", "/print", body, {"Content-Type": "application/x-www-form-urlencoded"})
            response = connection.getresponse()
            data = response.read()
            took = time.perf_counter() - started
            if response.status != 200 or not data.startswith(b"%PDF"):
                raise SystemExit(f"print failed: {response.status} {data[:300]!r}")
            with lock:
                results.append((started, took, response.status))
        connection.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def span(results: list[tuple[float, float, int]]) -> float:
    return max(s + t for s, t, _ in results) - min(s for s, _, _ in results)


def figures(results: list[tuple[float, float, int]], seconds: float | None = None) -> dict[str, float]:
    """Throughput over ``seconds`` (default: from the first print sent to the last answered) and latencies."""
    times = sorted(took for _, took, _ in results)
    return {"requests": len(times), "rps": round(len(times) / (seconds or span(results)), 1),
            "p50_ms": round(1000 * statistics.median(times), 1),
            "p95_ms": round(1000 * times[max(0, int(0.95 * len(times)) - 1)], 1),
            "max_ms": round(1000 * times[-1], 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=200, help="prints per idle round")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="handouts-bench-serve-"))
    project = work / "project"
    for name in ("content", "layouts", "fonts"):
        shutil.copytree(REPO / name, project / name)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "handouts", "serve", "--port", str(port), "--out",
                               str(work / "cache"), "--project", str(project)], stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True)
    child_peak = 0
    sampling = threading.Event()

    def sample() -> None:
        nonlocal child_peak
        while not sampling.is_set():
            for child in children(server.pid):
                child_peak = max(child_peak, vm_hwm_kb(child))
            time.sleep(0.05)

    threading.Thread(target=sample, daemon=True).start()
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if not rebuilding(port):
                    break
            except OSError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit(f"the server did not start: {server.stderr.read() if server.stderr else ''}")
            time.sleep(0.2)
        load(port, args.clients, lambda sent: sent < args.clients, seed=0)  # warm: every thread's first print
        single = load(port, 1, lambda sent: sent < 50, seed=99)  # one therapist alone: the latency a print has
        print(f"one client: {figures(single)}", file=sys.stderr)

        idle: list[list[tuple[float, float, int]]] = []
        busy: list[list[tuple[float, float, int]]] = []
        rebuild_s: list[float] = []
        clinic = project / "content" / "clinics" / "smith-jones.yaml"
        for round_ in range(args.rounds):
            idle.append(load(port, args.clients, lambda sent: sent < args.requests, seed=round_ + 1))
            print(f"round {round_ + 1}: idle {figures(idle[-1])}", file=sys.stderr)

            text = clinic.read_text(encoding="utf-8")
            old = "helps you move again" + (f" {round_}" if round_ else "")
            assert text.count(old) == 1, old
            clinic.write_text(text.replace(old, f"helps you move again {round_ + 1}"), encoding="utf-8")
            started = time.monotonic()
            while not rebuilding(port):
                if time.monotonic() - started > 10:
                    raise SystemExit("the edit did not start a rebuild")
                time.sleep(0.02)
            running = threading.Event()
            running.set()

            def watch(running: threading.Event = running) -> None:
                while rebuilding(port):
                    time.sleep(0.05)
                running.clear()

            began = time.monotonic()
            watcher = threading.Thread(target=watch)
            watcher.start()
            results = load(port, args.clients, lambda sent, running=running: running.is_set(), seed=100 + round_)
            watcher.join()
            rebuild_s.append(time.monotonic() - began)
            busy.append(results)
            print(f"round {round_ + 1}: during rebuild ({rebuild_s[-1]:.1f} s) {figures(results)}", file=sys.stderr)

        every_idle = [r for rs in idle for r in rs]
        every_busy = [r for rs in busy for r in rs]
        summary = {
            "clients": args.clients, "rounds": args.rounds, "one_client": figures(single),
            "idle": {**figures(every_idle, sum(map(span, idle))), "rps_per_round": [figures(r)["rps"] for r in idle]},
            "during_rebuild": {**figures(every_busy, sum(map(span, busy))),
                               "rps_per_round": [figures(r)["rps"] for r in busy],
                               "rebuild_s": [round(s, 2) for s in rebuild_s]},
            "server_peak_rss_mib": round(vm_hwm_kb(server.pid) / 1024, 1),
            "rebuild_child_peak_rss_mib": round(child_peak / 1024, 1),
            "cpus": len(os.sched_getaffinity(0)),
        }
        print(json.dumps(summary))
    finally:
        sampling.set()
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
