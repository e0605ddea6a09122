"""Turn the same locations of a chain into PDFs made by handouts and by Typst, each engine warm in its own
long-lived process, interleaved round by round, into per-document times and their ratios.

Each round gives each engine the same few locations, in alternating order (A B, B A, …), so the machine's drift
touches both alike; a round's figure is its wall time (and CPU time) divided by its documents, and the ratio
handouts / Typst is taken within each round before the minimum, median and maximum over rounds."""

from __future__ import annotations

import collections
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

DOCUMENTS = {"brochure": "dry-needling-brochure", "sheet": "dry-needling-aftercare"}
ENGINES = ("handouts", "typst")
# Both engines make tagged PDFs by default (Typst since 0.14, handouts for every edition), and the comparison is
# of what each makes by default; ``bench/run.py --untagged`` sets this to "0" to compare untagged files.
TAGS_VARIABLE = "HANDOUTS_BENCH_TAGS"


def tagged() -> bool:
    return os.environ.get(TAGS_VARIABLE, "1") != "0"


def engine_worker(name: str, project_dir: str) -> None:
    """A worker process: load the project, then make the PDFs each JSON line on stdin asks for, answering with
    one JSON line each. Anything a library prints goes to stderr, so replies stay clean."""
    replies = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    import handouts

    start = time.perf_counter()
    project = handouts.load_project(project_dir)
    jobs = {doc: {job.location: job for job in handouts.jobs(project, [doc], lang="en", paper="letter")}
            for doc in DOCUMENTS.values()}
    phases: dict[str, float] = {}
    if name == "typst":
        from typst_docs import TypstEngine

        engine = TypstEngine(project, tags=tagged())
        phases = engine.phases

        def make(doc: str, location: str) -> bytes:
            return engine.render(jobs[doc][location])
    else:
        def make(doc: str, location: str) -> bytes:
            job = jobs[doc][location]
            return handouts.render(project, doc, clinic=job.clinic, location=job.location, lang=job.lang,
                                   paper="letter", tags=tagged())
    replies.write(json.dumps({"loaded_seconds": time.perf_counter() - start}) + "\n")
    for line in sys.stdin:
        cmd = json.loads(line)
        try:
            if cmd["op"] == "run":
                before, walls, size = dict(phases), [], 0
                cpu = time.process_time()
                for location in cmd["locations"]:
                    t0 = time.perf_counter()
                    size += len(make(cmd["doc"], location))
                    walls.append(time.perf_counter() - t0)
                reply = {"wall": walls, "cpu": time.process_time() - cpu, "bytes": size,
                         "phases": {key: phases[key] - before[key] for key in phases}}
            elif cmd["op"] == "write":
                Path(cmd["path"]).write_bytes(make(cmd["doc"], cmd["location"]))
                reply = {}
            elif cmd["op"] == "overhead":
                reply = _render_overhead(project, jobs[cmd["doc"]], cmd["locations"])
            else:  # "rss"
                reply = {"rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}
        except Exception as exc:  # reported to the parent, which stops the benchmark with it
            reply = {"error": f"{type(exc).__name__}: {exc}"}
        replies.write(json.dumps(reply) + "\n")


def _render_overhead(project, jobs: dict, locations: list[str]) -> dict:
    """CPU ms of ``handouts.render`` and of the build's own ``make_pdf`` (the same bytes without the API's
    per-call selection and checks), alternating over the same locations."""
    import handouts
    from handouts.api import _renderer
    from handouts.batch.make import make_pdf
    from handouts.editions import Options, edition_for

    api, direct = [], []
    for location in locations:
        job = jobs[location]
        edition = edition_for(project, "office", Options(tags=tagged()), job.paper)
        t0 = time.process_time()
        a = handouts.render(project, job.document, clinic=job.clinic, location=job.location, lang=job.lang,
                            paper="letter", tags=tagged())
        t1 = time.process_time()
        b = make_pdf(project, _renderer(project), job, edition)
        t2 = time.process_time()
        if a != b:
            raise RuntimeError(f"render and make_pdf differ for {location}")
        api.append(t1 - t0)
        direct.append(t2 - t1)
    return {"render_ms": statistics.median(api) * 1000, "make_pdf_ms": statistics.median(direct) * 1000}


class Engine:
    """One engine in its own process, driven by JSON lines."""

    def __init__(self, name: str, project: Path):
        self.name = name
        self.proc = subprocess.Popen([sys.executable, str(Path(__file__).with_name("run.py")), "--engine-worker",
                                      name, str(project)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.loaded_seconds = self._read()["loaded_seconds"]

    def ask(self, **cmd: object) -> dict:
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps(cmd) + "\n")
        self.proc.stdin.flush()
        return self._read()

    def _read(self) -> dict:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line:
            sys.exit(f"the {self.name} worker stopped (its messages are above)")
        reply = json.loads(line)
        if "error" in reply:
            sys.exit(f"the {self.name} worker failed: {reply['error']}")
        return reply

    def close(self) -> None:
        if self.proc.stdin:
            self.proc.stdin.close()
        self.proc.wait(timeout=60)


def _text_chars(path: Path) -> collections.Counter[str]:
    """Every printed character (pypdfium2's text layer) but spaces and hyphenation marks."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(path))
    text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    return collections.Counter(ch for ch in text if not ch.isspace() and ch not in "-\u00ad\ufffe\x02")


def _describe(path: Path) -> dict:
    """Pages, page size and embedded fonts (pikepdf), and the QR code's content (zbarimg, when installed)."""
    import pikepdf

    with pikepdf.open(path) as pdf:
        fonts = set()
        for page in pdf.pages:
            for font in (page.Resources.get("/Font") or {}).values():
                descendants = font.get("/DescendantFonts")
                base = str((descendants[0] if descendants else font).get("/BaseFont"))
                fonts.add(base.split("+", 1)[-1].lstrip("/"))
        box = [float(v) for v in pdf.pages[0].MediaBox]
        out = {"pages": len(pdf.pages), "page_size_pt": [round(box[2] - box[0], 1), round(box[3] - box[1], 1)],
               "fonts": sorted(fonts), "qr": None, "bytes": path.stat().st_size}
    if shutil.which("pdftoppm") and shutil.which("zbarimg"):
        subprocess.run(["pdftoppm", "-r", "150", "-f", "1", "-l", "1", "-png", str(path), str(path.with_suffix(""))],
                       check=True)
        png = next(path.parent.glob(path.stem + "*.png"))
        done = subprocess.run(["zbarimg", "-q", "--raw", str(png)], capture_output=True, text=True)
        out["qr"] = done.stdout.strip() or None
    return out


def same_job(engines: dict[str, Engine], doc: str, location: str, folder: Path) -> dict:
    """What each engine's PDF of one location holds, and whether the two print the same characters."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, engine in engines.items():
        paths[name] = folder / f"{name}-{doc}.pdf"
        engine.ask(op="write", doc=doc, location=location, path=str(paths[name]))
    out: dict = {name: _describe(path) for name, path in paths.items()}
    chars = {name: _text_chars(path) for name, path in paths.items()}
    out["same_text"] = chars["handouts"] == chars["typst"]
    a, b = out["handouts"], out["typst"]
    out["ok"] = bool(out["same_text"] and a["pages"] == b["pages"] and a["page_size_pt"] == b["page_size_pt"]
                     and a["fonts"] == b["fonts"] and a["qr"] == b["qr"])
    return out


def _spread(values: list[float], digits: int = 3) -> dict[str, float]:
    return {"min": round(min(values), digits), "median": round(statistics.median(values), digits),
            "max": round(max(values), digits)}


def versus_typst(project: Path, ids: list[str], warm: list[str], chunk: int, work: Path,
                 log: Callable[[str], None]) -> dict:
    """handouts and Typst over the same locations, interleaved in rounds of ``chunk`` locations."""
    import typst

    engines = {name: Engine(name, project) for name in ENGINES}
    try:
        first = {}
        for name, engine in engines.items():
            for short, doc in DOCUMENTS.items():
                first[f"{name}_{short}"] = round(engine.ask(op="run", doc=doc, locations=warm[:1])["wall"][0] * 1000, 1)
                engine.ask(op="run", doc=doc, locations=warm[1:])
        same = {short: same_job(engines, doc, ids[0], work / "same-job") for short, doc in DOCUMENTS.items()}
        for short, check in same.items():
            if not check["ok"]:
                log(f"  warning: the two {short}s differ: {json.dumps(check)}")
        rounds = [ids[i:i + chunk] for i in range(0, len(ids), chunk)]
        rows: dict[str, dict[str, list[tuple[float, float, int]]]] = {
            short: {name: [] for name in ENGINES} for short in DOCUMENTS}
        phases: dict[str, collections.Counter[str]] = {short: collections.Counter() for short in DOCUMENTS}
        for r, part in enumerate(rounds):
            for short, doc in DOCUMENTS.items():
                for name in (ENGINES if r % 2 == 0 else ENGINES[::-1]):
                    reply = engines[name].ask(op="run", doc=doc, locations=part)
                    rows[short][name].append((sum(reply["wall"]) / len(part), reply["cpu"] / len(part),
                                              reply["bytes"] // len(part)))
                    if name == "typst":
                        phases[short].update(reply["phases"])
            if (r + 1) % 5 == 0 or r + 1 == len(rounds):
                h, t = rows["brochure"]["handouts"], rows["brochure"]["typst"]
                log(f"  round {r + 1}/{len(rounds)}: brochure handouts {statistics.median(x[0] for x in h) * 1000:.1f}"
                    f" ms, Typst {statistics.median(x[0] for x in t) * 1000:.1f} ms (medians so far)")
        overhead = engines["handouts"].ask(op="overhead", doc=DOCUMENTS["sheet"], locations=ids[:min(30, len(ids))])
        rss = {name: round(engine.ask(op="rss")["rss_kb"] / 1024, 1) for name, engine in engines.items()}
        loaded = {name: round(engine.loaded_seconds, 2) for name, engine in engines.items()}
    finally:
        for engine in engines.values():
            engine.close()
    result: dict = {"locations": len(ids), "rounds": len(rounds), "locations_per_round": chunk,
                    "typst_version": typst.__version__, "tagged": tagged(),
                    "rayon_threads": os.environ.get("RAYON_NUM_THREADS")}
    for short in DOCUMENTS:
        h, t = rows[short]["handouts"], rows[short]["typst"]
        count = len(ids)
        result[short] = {
            "handouts_ms": round(statistics.median(x[0] for x in h) * 1000, 2),
            "typst_ms": round(statistics.median(x[0] for x in t) * 1000, 2),
            "ratio": _spread([a[0] / b[0] for a, b in zip(h, t, strict=True)]),
            "handouts_cpu_ms": round(statistics.median(x[1] for x in h) * 1000, 2),
            "typst_cpu_ms": round(statistics.median(x[1] for x in t) * 1000, 2),
            "cpu_ratio": _spread([a[1] / b[1] for a, b in zip(h, t, strict=True)]),
            "typst_phases_ms": {key: round(value / count * 1000, 2) for key, value in phases[short].items()},
            "pdf_kb": {"handouts": round(statistics.mean(x[2] for x in h) / 1024, 1),
                       "typst": round(statistics.mean(x[2] for x in t) / 1024, 1)},
            "same_job": same[short],
        }
    result |= {
        "first_document_ms": first, "worker_loaded_seconds": loaded, "worker_peak_rss_mb": rss,
        "render_overhead_sheet_cpu_ms": {key: round(value, 2) for key, value in overhead.items()},
    }
    return result
