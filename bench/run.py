"""Turn synthetic clinic chains into build timings, memory figures, a chain-size curve and side-by-side
comparisons with Typst and a hand-written ReportLab script, as one JSON line on stdout (progress on stderr)."""

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
from typing import NamedTuple

import yaml

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from synth import CHAIN_ID, make_chain  # noqa: E402
from versus import versus_typst  # noqa: E402

BROCHURE = "dry-needling-brochure"
AFTERCARE = "dry-needling-aftercare"
STARTED = time.perf_counter()
WARM = 5  # locations each engine makes before the timed rounds (not among the compared ones)


def log(message: str) -> None:
    print(f"[{time.perf_counter() - STARTED:7.1f} s] {message}", file=sys.stderr, flush=True)


def handouts_command() -> list[str]:
    """The installed ``handouts`` script itself (not a version-manager shim, whose start-up would be timed too)."""
    beside = Path(sys.executable).parent / "handouts"
    if beside.is_file():
        return [str(beside)]
    found = shutil.which("handouts")
    return [found] if found else [sys.executable, "-m", "handouts"]


class Run(NamedTuple):
    seconds: float  # wall clock
    cpu: float  # user + system seconds of the process and every process it waited for (its workers)
    peak_kb: int | None  # under /usr/bin/time -v: peak RSS of the largest process in its tree
    stdout: str


def timed(cmd: list[str], with_time_v: bool = False) -> Run:
    """Run a command to completion and time it. A failed command stops the benchmark with its output."""
    time_v = with_time_v and Path("/usr/bin/time").is_file()
    full = (["/usr/bin/time", "-v"] if time_v else []) + cmd
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(full, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"failed ({done.returncode}): {' '.join(cmd)}\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
    peak = None
    if time_v:
        match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
        peak = int(match.group(1)) if match else None
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return Run(seconds, cpu, peak, done.stdout)


def as_installed(work: Path) -> None:
    """Run every process of the benchmark as an installed copy of handouts runs: with its modules' bytecode
    written once and read from then on. A shell that sets PYTHONDONTWRITEBYTECODE would otherwise make each
    fresh process compile handouts' 200 modules again (0.2 s of every cold build and ``--help``, which pip's
    install-time compilation spares every user). The bytecode goes into the benchmark's own folder."""
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ.setdefault("PYTHONPYCACHEPREFIX", str(work / "bytecode"))
    sys.dont_write_bytecode = False


def mb(kb: int | None) -> float | None:
    return round(kb / 1024, 1) if kb else None


def pdf_mtimes(out: Path) -> dict[str, int]:
    return {str(p.relative_to(out)): p.stat().st_mtime_ns for p in out.rglob("*.pdf")}


def written_since(before: dict[str, int], out: Path) -> int:
    after = pdf_mtimes(out)
    return sum(1 for key, mtime in after.items() if before.get(key) != mtime)


def rss_build(project: Path, out: Path, shard: str | None) -> None:
    """Helper process: one forced build on two workers through the library, reporting each worker's peak RSS
    (as the batch report records it) and this main process's own."""
    from handouts.api import build
    from handouts.batch import Shard

    report = build(project, out, jobs=2, force=True, shard=Shard.parse(shard) if shard else None)
    print(json.dumps({
        "worker_rss_kb": {str(pid): kb for pid, kb in report.worker_rss_kb.items()},
        "main_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "built": len(report.built), "failed": len(report.failed), "seconds": report.seconds,
    }))


def two_worker_rss(project: Path, out: Path, shard: str | None = None) -> tuple[float, float]:
    """(largest worker's, main process's) peak RSS in MB of a forced two-worker build."""
    cmd = [sys.executable, __file__, "--rss-build", str(project), str(out)] + (["--shard", shard] if shard else [])
    helper = subprocess.run(cmd, capture_output=True, text=True)
    if helper.returncode != 0:
        sys.exit(f"RSS build failed:\n{helper.stderr[-3000:]}")
    rss = json.loads(helper.stdout.strip().splitlines()[-1])
    return max(rss["worker_rss_kb"].values()) / 1024, rss["main_rss_kb"] / 1024


def change_one_phone(project: Path) -> str:
    """Give the middle location a new phone number, editing only that line of the clinic file (other branches
    of a large chain may print the same number)."""
    path = project / "content" / "clinics" / f"{CHAIN_ID}.yaml"
    text = path.read_text(encoding="utf-8")
    locations = yaml.safe_load(text)["locations"]
    loc = locations[len(locations) // 2]
    old_line = f'phone: "{loc["phone"]}"'
    at = text.index(old_line, text.index(f"- id: {loc['id']}\n"))
    new = loc["phone"][:-2] + f"{(int(loc['phone'][-2:]) + 1) % 100:02d}"
    path.write_text(text[:at] + f'phone: "{new}"' + text[at + len(old_line):], encoding="utf-8")
    return loc["id"]


def code_digest() -> str:
    """A digest of the installed handouts package's source: a run whose code changed midway (an editable
    install being edited) is flagged, since its figures mix two versions."""
    import hashlib
    import importlib.util

    spec = importlib.util.find_spec("handouts")
    root = Path(spec.origin).parent if spec and spec.origin else BENCH
    h = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        h.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:16]


def location_ids(project: Path) -> list[str]:
    clinic = yaml.safe_load((project / "content" / "clinics" / f"{CHAIN_ID}.yaml").read_text(encoding="utf-8"))
    return [loc["id"] for loc in clinic["locations"]]


def versus_handwritten(project: Path, count: int) -> dict[str, float]:
    """Warm per-brochure milliseconds in this one process for the first ``count`` locations: the hand-written
    script (PNG logo, and the brand's SVG logo that handouts draws) and handouts' library (``render``),
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


def cold_build(handouts: list[str], project: Path, location: str, work: Path, runs: int = 3) -> list[Run]:
    """A fresh ``handouts build`` process making one aftercare sheet into an empty folder, ``runs`` times."""
    return [timed(handouts + ["build", AFTERCARE, "--project", str(project), "--location", location,
                              "--out", str(work / f"out-cold-{i}"), "--quiet"]) for i in range(runs)]


def curve_point(handouts: list[str], n: int, sample: int, seed: int, work: Path) -> dict:
    """Chain-size figures at ``n`` locations: ``handouts check`` on the whole chain, and a build of one shard of
    about ``sample`` locations (``--shard 1/K``, K = n / sample): its per-document cost is (forced build − the
    same build with nothing to do) / documents, so loading and checking the chain, which both runs do, cancel."""
    project, out = work / f"chain-{n}", work / f"out-chain-{n}"
    log(f"chain of {n} locations")
    start = time.perf_counter()
    make_chain(project, n, seed)
    synth_seconds = time.perf_counter() - start
    check = timed(handouts + ["check", "--project", str(project)], with_time_v=True)
    log(f"  check {check.seconds:.2f} s (CPU {check.cpu:.2f} s), peak RSS {mb(check.peak_kb)} MB")
    shard = f"1/{max(1, round(n / sample))}"
    base = handouts + ["build", "--project", str(project), "--out", str(out), "--jobs", "1", "--shard", shard]
    build = timed(base + ["--force", "--format", "json"], with_time_v=True)
    summary = json.loads(build.stdout)["summary"]
    documents = summary["built"]
    if summary["failed"] or not documents:
        sys.exit(f"chain of {n}: shard {shard} built {documents}, failed {summary['failed']}")
    noop = timed(base + ["--quiet"])
    worker_mb, _ = two_worker_rss(project, work / f"out-rss-{n}", shard)
    per_doc = (build.seconds - noop.seconds) / documents * 1000
    per_doc_cpu = (build.cpu - noop.cpu) / documents * 1000
    log(f"  shard {shard}: {documents} PDFs in {build.seconds:.2f} s, nothing to do {noop.seconds:.2f} s → "
        f"{per_doc:.1f} ms a document (CPU {per_doc_cpu:.1f} ms); workers {worker_mb:.0f} MB")
    shutil.rmtree(project, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    return {
        "locations": n, "shard": shard, "documents": documents,
        "ms_per_document": round(per_doc, 2), "cpu_ms_per_document": round(per_doc_cpu, 2),
        "build_seconds": round(build.seconds, 3), "noop_seconds": round(noop.seconds, 3),
        "check_seconds": round(check.seconds, 3), "check_cpu_seconds": round(check.cpu, 3),
        "peak_rss_mb_check": mb(check.peak_kb), "peak_rss_mb_build_jobs1": mb(build.peak_kb),
        "peak_rss_mb_per_worker": round(worker_mb, 1), "synth_seconds": round(synth_seconds, 2),
    }


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true",
                        help="a few minutes: 60 locations, 60 compared in rounds of 5, curve at 200 and 2,000")
    parser.add_argument("--locations", type=int, help="locations in the main chain (2 PDFs each; default 500)")
    parser.add_argument("--compare", type=int, help="locations in the interleaved Typst comparison (default 300)")
    parser.add_argument("--chunk", type=int, help="locations per engine per round (default 10)")
    parser.add_argument("--handwritten", type=int, help="locations in the hand-written comparison (default 100)")
    parser.add_argument("--curve", help="chain sizes of the curve, comma-separated (default 200,2000,10000)")
    parser.add_argument("--sample", type=int, help="locations a curve build makes (default 200)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out-json", type=Path, help="also write the JSON object to this file")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects and outputs")
    parser.add_argument("--rss-build", nargs=2, type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--shard", help=argparse.SUPPRESS)
    parser.add_argument("--engine-worker", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    quick = {"locations": 60, "compare": 60, "chunk": 5, "handwritten": 20, "curve": "200,2000", "sample": 50}
    full = {"locations": 500, "compare": 300, "chunk": 10, "handwritten": 100, "curve": "200,2000,10000",
            "sample": 200}
    for key, value in (quick if args.quick else full).items():
        if getattr(args, key) is None:
            setattr(args, key, value)
    return args


def main() -> None:
    args = parse_args()
    if args.rss_build:
        rss_build(*args.rss_build, args.shard)
        return
    if args.engine_worker:
        from versus import engine_worker

        engine_worker(*args.engine_worker)
        return

    handouts = handouts_command()
    code_at_start = code_digest()
    work = Path(tempfile.mkdtemp(prefix="handouts-bench-"))
    as_installed(work)
    chain = max(args.locations, args.compare + WARM)
    try:
        project = work / "project"
        log(f"generating a chain of {chain} locations in {project}")
        make_chain(project, chain, args.seed)
        ids = location_ids(project)
        base = handouts + ["build", "--project", str(project), "--quiet"]
        out1, out2, out3 = work / "out-jobs1", work / "out-jobs2", work / "out-rss"

        log("build, 1 worker (--force)")
        seconds_jobs1, cpu_jobs1, rss_jobs1, _ = timed(base + ["--out", str(out1), "--jobs", "1", "--force"],
                                                       with_time_v=True)
        log(f"  {seconds_jobs1:.2f} s; peak RSS {mb(rss_jobs1)} MB (one process)")
        log("build, 2 workers (--force)")
        seconds_jobs2 = timed(base + ["--out", str(out2), "--jobs", "2", "--force"]).seconds
        documents = len(pdf_mtimes(out2))
        if documents != len(pdf_mtimes(out1)) or documents != 2 * chain:
            log(f"warning: {len(pdf_mtimes(out1))} and {documents} PDFs; expected {2 * chain}")
        log(f"  {seconds_jobs2:.2f} s; {documents} PDFs")

        log("build, 2 workers, through the library, for each worker's peak RSS")
        worker_mb, main_mb = two_worker_rss(project, out3)
        log(f"  largest worker {worker_mb:.0f} MB, main {main_mb:.0f} MB")

        log("build again, nothing changed")
        before = pdf_mtimes(out2)
        seconds_noop = timed(base + ["--out", str(out2)]).seconds
        noop_written = written_since(before, out2)
        log(f"  {seconds_noop:.2f} s; {noop_written} PDFs written"
            + (" (has handouts' code changed since the first build?)" if noop_written else ""))

        changed = change_one_phone(project)
        log(f"build after changing the phone of {changed}")
        before = pdf_mtimes(out2)
        seconds_change = timed(base + ["--out", str(out2)]).seconds
        rebuilt = written_since(before, out2)
        log(f"  {seconds_change:.2f} s; {rebuilt} PDFs written")

        log("handouts --help, 5 times")
        help_seconds = statistics.median(timed(handouts + ["--help"]).seconds for _ in range(5))

        log(f"one aftercare sheet in a fresh process, 3 times ({ids[0]})")
        cold = cold_build(handouts, project, ids[0], work)
        log(f"  {[round(run.seconds, 2) for run in cold]} s (CPU {[round(run.cpu, 2) for run in cold]} s)")

        ms = None
        if args.handwritten:
            log(f"warm per-brochure times, {args.handwritten} locations, hand-written and handouts interleaved")
            ms = versus_handwritten(project, args.handwritten)
            log(f"  hand-written {ms['png']:.1f} ms (PNG logo), {ms['svg']:.1f} ms (SVG logo); "
                f"handouts {ms['handouts']:.1f} ms")

        log(f"handouts and Typst interleaved over {args.compare} locations, rounds of {args.chunk}")
        typst = versus_typst(project, ids[:args.compare], ids[-WARM:], args.chunk, work, log)

        curve = [curve_point(handouts, int(n), args.sample, args.seed, work) for n in args.curve.split(",") if n]
        if curve:
            for point in curve:
                for key in ("ms_per_document", "cpu_ms_per_document"):
                    point[f"{key}_vs_smallest_chain"] = round(point[key] / curve[0][key], 3)
    finally:
        if args.keep:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    result = {
        "documents": documents,
        "locations": chain,
        "seconds_jobs1": round(seconds_jobs1, 3),
        "seconds_jobs2": round(seconds_jobs2, 3),
        "speedup": round(seconds_jobs1 / seconds_jobs2, 3),
        "docs_per_second": round(documents / seconds_jobs2, 2),
        "ms_per_document": round(seconds_jobs1 / documents * 1000, 2),
        "cpu_ms_per_document": round(cpu_jobs1 / documents * 1000, 2),
        "peak_rss_mb_per_worker": round(worker_mb, 1),
        "peak_rss_mb_main": round(main_mb, 1),
        "peak_rss_mb_jobs1": mb(rss_jobs1),
        "seconds_noop": round(seconds_noop, 3),
        "noop_files_written": noop_written,
        "seconds_one_location_change": round(seconds_change, 3),
        "one_location_rebuilt": rebuilt,
        "help_seconds": round(help_seconds, 3),
        "cold_build_seconds": round(statistics.median(run.seconds for run in cold), 3),
        "cold_build_cpu_seconds": round(statistics.median(run.cpu for run in cold), 3),
        "cold_build_runs": [round(run.seconds, 3) for run in cold],
    }
    if ms:
        # The headline baseline draws the brand's SVG logo, as handouts does: the same brochure.
        result |= {
            "handwritten_ms_per_brochure": round(ms["svg"], 2),
            "handouts_ms_per_brochure": round(ms["handouts"], 2),
            "ratio_vs_handwritten": round(ms["handouts"] / ms["svg"], 3),
            "handwritten_png_logo_ms_per_brochure": round(ms["png"], 2),
            "ratio_vs_handwritten_png_logo": round(ms["handouts"] / ms["png"], 3),
        }
    result |= {
        "vs_typst": typst,
        "curve": curve,
        "machine": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "run_seconds": round(time.perf_counter() - STARTED, 1),
        "code": code_at_start,
        "code_changed_during_run": code_digest() != code_at_start,
    }
    line = json.dumps(result)
    if args.out_json:
        args.out_json.write_text(line + "\n", encoding="utf-8")
    print(line)


if __name__ == "__main__":
    main()
