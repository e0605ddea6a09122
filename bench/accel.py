"""Turn ReportLab's C accelerators (the rl-accel wheel) on and off and time the demo brochure both ways.

    python bench/accel.py [--rounds 6] [--per-round 40]

Each round runs one process with the accelerators and one without (alternating which goes first), each
rendering the same brochure ``--per-round`` times after a warm-up; prints the median ms per brochure of each,
their ratio, and whether both made the same bytes, as one JSON line."""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import sys, time, hashlib
if sys.argv[1] == "off":
    sys.modules["_rl_accel"] = None  # ReportLab falls back to its pure-Python functions
import handouts
from reportlab.lib import rl_accel
project = handouts.load_project(sys.argv[2])
def one():
    return handouts.render(project, "dry-needling-brochure", location="portland-pearl", lang="en")
data = one()
start = time.perf_counter()
for _ in range(int(sys.argv[3])):
    one()
per = (time.perf_counter() - start) / int(sys.argv[3])
print(per, hashlib.sha256(data).hexdigest(), bool(rl_accel._c_funcs))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--per-round", type=int, default=40)
    args = parser.parse_args()
    times: dict[str, list[float]] = {"on": [], "off": []}
    digests: dict[str, set[str]] = {"on": set(), "off": set()}
    active: dict[str, bool] = {}
    for round_ in range(args.rounds):
        for mode in (("on", "off") if round_ % 2 == 0 else ("off", "on")):
            out = subprocess.run([sys.executable, "-c", CHILD, mode, str(ROOT), str(args.per_round)],
                                 capture_output=True, text=True, check=True).stdout.split()
            times[mode].append(float(out[0]) * 1000)
            digests[mode].add(out[1])
            active[mode] = out[2] == "True"
    on, off = statistics.median(times["on"]), statistics.median(times["off"])
    print(json.dumps({
        "ms_per_brochure_accel": round(on, 2), "ms_per_brochure_pure_python": round(off, 2),
        "ratio_accel_over_pure": round(on / off, 3), "gain_percent": round((1 - on / off) * 100, 1),
        "accelerators_loaded": active, "same_bytes": digests["on"] == digests["off"] and len(digests["on"]) == 1,
        "rounds": args.rounds, "per_round": args.per_round,
        "sha256": hashlib.sha256(json.dumps(sorted(digests["on"])).encode()).hexdigest()[:12],
    }))


if __name__ == "__main__":
    main()
