"""Turn a synthetic clinic chain into build timings, memory figures and a hand-written baseline, as one JSON line."""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from synth import CHAIN_ID, make_chain  # noqa: E402

BROCHURE = "dry-needling-brochure"
STARTED = time.perf_counter()


def log(message: str) -> None:
    print(f"[{time.perf_counter() - STARTED:7.1f} s] {message}", file=sys.stderr, flush=True)


def handouts_command() -> list[str]:
    """The installed ``handouts`` script itself (not a version-manager shim, whose start-up would be timed too)."""
    beside = Path(sys.executable).parent / "handouts"
    if beside.is_file():
        return [str(beside)]
    found = shutil.which("handouts")
    return [found] if found else [sys.executable, "-m", "handouts"]


def timed(cmd: list[str], with_time_v: bool = False) -> tuple[float, int | None]:
    """Run a command to completion; return its wall-clock seconds and, under ``/usr/bin/time -v``, the peak RSS
    (KB) of the largest process in its tree. A failed command stops the benchmark with its output."""
    time_v = with_time_v and Path("/usr/bin/time").is_file()
    full = (["/usr/bin/time", "-v"] if time_v else []) + cmd
    start = time.perf_counter()
    done = subprocess.run(full, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"failed ({done.returncode}): {' '.join(cmd)}\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
    peak = None
    if time_v:
        match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
        peak = int(match.group(1)) if match else None
    return seconds, peak


def pdf_mtimes(out: Path) -> dict[str, int]:
    return {str(p.relative_to(out)): p.stat().st_mtime_ns for p in out.rglob("*.pdf")}


def written_since(before: dict[str, int], out: Path) -> int:
    after = pdf_mtimes(out)
    return sum(1 for key, mtime in after.items() if before.get(key) != mtime)


def rss_build(project: Path, out: Path) -> None:
    """Helper process: one forced build on two workers through the library, reporting each worker's peak RSS
    (as the batch report records it) and this main process's own."""
    import handouts

    report = handouts.build(project, out, jobs=2, force=True)
    print(json.dumps({
        "worker_rss_kb": {str(pid): kb for pid, kb in report.worker_rss_kb.items()},
        "main_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "built": len(report.built), "failed": len(report.failed), "seconds": report.seconds,
    }))


def change_one_phone(project: Path) -> str:
    """Give the middle location a new phone number, editing only that line of the clinic file."""
    path = project / "content" / "clinics" / f"{CHAIN_ID}.yaml"
    text = path.read_text(encoding="utf-8")
    locations = yaml.safe_load(text)["locations"]
    loc = locations[len(locations) // 2]
    used = {item["phone"] for item in locations}
    new = loc["phone"]
    while new in used:
        new = new[:-2] + f"{(int(new[-2:]) + 1) % 100:02d}"
    old_line = f'phone: "{loc["phone"]}"'
    assert text.count(old_line) == 1, old_line
    path.write_text(text.replace(old_line, f'phone: "{new}"'), encoding="utf-8")
    return loc["id"]


def compare(project: Path, count: int) -> dict[str, float]:
    """Warm per-brochure milliseconds in this one process for the first ``count`` locations: the hand-written
    script (PNG logo, and the brand's SVG logo that handouts draws) and handouts' library (resolve + render),
    interleaved so that the machine's drift touches all of them alike. The first round is not counted."""
    import handwritten

    import handouts

    clinic = yaml.safe_load((project / "content" / "clinics" / f"{CHAIN_ID}.yaml").read_text(encoding="utf-8"))
    hand_locations = []
    for loc in clinic["locations"][:count]:
        hand_locations.append({
            "name": loc["name"], "address": loc["address"], "phone": loc.get("phone", clinic["phone"]),
            "email": loc.get("email", clinic["email"]), "hours": loc.get("hours", clinic["hours"]),
            "booking_url": loc.get("booking_url", clinic["booking_url"]),
            "emergency_number": "999" if loc.get("locale") == "en-GB" else "911",
        })
    loaded = handouts.load_project(project)
    # Letter for every location, as the hand-written script makes (UK locations would otherwise be A4).
    jobs = handouts.jobs(loaded, [BROCHURE], paper="letter")[:count]
    times: dict[str, list[float]] = {"png": [], "svg": [], "handouts": []}
    for i, (job, hand) in enumerate(zip(jobs, hand_locations, strict=True)):
        t0 = time.perf_counter()
        handwritten.render(hand)
        t1 = time.perf_counter()
        handouts.render(loaded, BROCHURE, clinic=job.clinic, location=job.location, lang=job.lang, paper="letter")
        t2 = time.perf_counter()
        handwritten.render(hand, logo="svg")
        t3 = time.perf_counter()
        if i:
            times["png"].append(t1 - t0)
            times["handouts"].append(t2 - t1)
            times["svg"].append(t3 - t2)
    return {key: statistics.median(values) * 1000 for key, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--locations", type=int, default=500, help="locations in the chain (2 PDFs each)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--compare", type=int, default=100, help="locations in the in-process comparison")
    parser.add_argument("--out-json", type=Path, help="also write the JSON object to this file")
    parser.add_argument("--keep", action="store_true", help="keep the temporary project and outputs")
    parser.add_argument("--rss-build", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.rss_build:
        rss_build(*args.rss_build)
        return

    handouts = handouts_command()
    work = Path(tempfile.mkdtemp(prefix="handouts-bench-"))
    try:
        project = work / "project"
        log(f"generating a chain of {args.locations} locations in {project}")
        make_chain(project, args.locations, args.seed)
        base = handouts + ["build", "--project", str(project), "--quiet"]
        out1, out2, out3 = work / "out-jobs1", work / "out-jobs2", work / "out-rss"

        log("build, 1 worker (--force)")
        seconds_jobs1, rss_jobs1 = timed(base + ["--out", str(out1), "--jobs", "1", "--force"], with_time_v=True)
        log(f"  {seconds_jobs1:.2f} s; peak RSS {rss_jobs1 and rss_jobs1 / 1024:.0f} MB (one process)")
        log("build, 2 workers (--force)")
        seconds_jobs2, _ = timed(base + ["--out", str(out2), "--jobs", "2", "--force"])
        documents = len(pdf_mtimes(out2))
        if documents != len(pdf_mtimes(out1)) or documents != 2 * args.locations:
            log(f"warning: {len(pdf_mtimes(out1))} and {documents} PDFs; expected {2 * args.locations}")
        log(f"  {seconds_jobs2:.2f} s; {documents} PDFs")

        log("build, 2 workers, through the library, for each worker's peak RSS")
        helper = subprocess.run([sys.executable, __file__, "--rss-build", str(project), str(out3)],
                                capture_output=True, text=True, check=True)
        rss = json.loads(helper.stdout.strip().splitlines()[-1])
        worker_mb = max(rss["worker_rss_kb"].values()) / 1024
        main_mb = rss["main_rss_kb"] / 1024
        log(f"  workers {sorted(round(kb / 1024) for kb in rss['worker_rss_kb'].values())} MB, main {main_mb:.0f} MB")

        log("build again, nothing changed")
        before = pdf_mtimes(out2)
        seconds_noop, _ = timed(base + ["--out", str(out2)])
        noop_written = written_since(before, out2)
        log(f"  {seconds_noop:.2f} s; {noop_written} PDFs written")

        changed = change_one_phone(project)
        log(f"build after changing the phone of {changed}")
        before = pdf_mtimes(out2)
        seconds_change, _ = timed(base + ["--out", str(out2)])
        rebuilt = written_since(before, out2)
        log(f"  {seconds_change:.2f} s; {rebuilt} PDFs written")

        log("handouts --help, 5 times")
        help_seconds = statistics.median(timed(handouts + ["--help"])[0] for _ in range(5))

        log(f"warm per-brochure times, {args.compare} locations, hand-written and handouts interleaved")
        ms = compare(project, args.compare)
        log(f"  hand-written {ms['png']:.1f} ms (PNG logo), {ms['svg']:.1f} ms (SVG logo); "
            f"handouts {ms['handouts']:.1f} ms")
    finally:
        if args.keep:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    result = {
        "documents": documents,
        "locations": args.locations,
        "seconds_jobs1": round(seconds_jobs1, 3),
        "seconds_jobs2": round(seconds_jobs2, 3),
        "speedup": round(seconds_jobs1 / seconds_jobs2, 3),
        "docs_per_second": round(documents / seconds_jobs2, 2),
        "ms_per_document": round(seconds_jobs1 / documents * 1000, 2),
        "peak_rss_mb_per_worker": round(worker_mb, 1),
        "peak_rss_mb_main": round(main_mb, 1),
        "seconds_noop": round(seconds_noop, 3),
        "noop_files_written": noop_written,
        "seconds_one_location_change": round(seconds_change, 3),
        "one_location_rebuilt": rebuilt,
        "help_seconds": round(help_seconds, 3),
        # The headline baseline draws the brand's SVG logo, as handouts does: the same brochure.
        "handwritten_ms_per_brochure": round(ms["svg"], 2),
        "handouts_ms_per_brochure": round(ms["handouts"], 2),
        "ratio_vs_handwritten": round(ms["handouts"] / ms["svg"], 3),
        "handwritten_png_logo_ms_per_brochure": round(ms["png"], 2),
        "ratio_vs_handwritten_png_logo": round(ms["handouts"] / ms["png"], 3),
        "peak_rss_mb_jobs1": round(rss_jobs1 / 1024, 1) if rss_jobs1 else None,
        "machine": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
    }
    line = json.dumps(result)
    if args.out_json:
        args.out_json.write_text(line + "\n", encoding="utf-8")
    print(line)


if __name__ == "__main__":
    main()
