"""Turn the demo print brochure into a timing of the old and the new preflight on it, as one JSON line."""

# python bench/preflight.py                        30 interleaved rounds each
# python bench/preflight.py --rounds 100 --pdf x.pdf
#
# The old preflight is the pypdf content-stream interpreter as of commit 31650ae, loaded from ``git show`` into a
# temporary module (it needs pypdf, from the test extras); the new one is ``handouts.preflight``. Rounds alternate
# old/new and new/old so that drift in the machine's speed falls on both alike. Progress goes to stderr; the last
# line of stdout is the JSON object.

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parent.parent
OLD_COMMIT = "31650ae"
BROCHURE = "dry-needling-brochure"
LOCATION = "portland-pearl"


def build_brochure(out: Path) -> Path:
    """``handouts build`` the print edition of the demo brochure for one location; its English PDF."""
    cmd = [sys.executable, "-m", "handouts", "build", BROCHURE, "--print", "--location", LOCATION, "--lang", "en",
           "--out", str(out), "--quiet", "--project", str(REPO)]
    done = subprocess.run(cmd, capture_output=True, text=True)
    pdfs = sorted(out.rglob(f"{BROCHURE}*.pdf"))
    if done.returncode != 0 or not pdfs:
        sys.exit(f"build failed ({done.returncode}): {' '.join(cmd)}\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
    return pdfs[0]


def old_preflight(folder: Path) -> ModuleType:
    """The preflight module of ``OLD_COMMIT``, imported from a copy in ``folder``."""
    source = subprocess.run(["git", "show", f"{OLD_COMMIT}:src/handouts/preflight.py"], cwd=REPO,
                            capture_output=True, text=True, check=True).stdout
    path = folder / "preflight_old.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("preflight_old", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def timed(run: Callable[[], Any]) -> float:
    start = time.perf_counter()
    run()
    return (time.perf_counter() - start) * 1000.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=30, help="timed runs of each (default 30)")
    parser.add_argument("--pdf", type=Path, help="time this PDF instead of building the demo brochure")
    args = parser.parse_args()

    import handouts.preflight as new

    with tempfile.TemporaryDirectory(prefix="handouts-bench-preflight-") as tmp:
        folder = Path(tmp)
        pdf = args.pdf or build_brochure(folder / "out")
        old = old_preflight(folder)
        print(f"preflight of {pdf}: {args.rounds} rounds each, interleaved", file=sys.stderr)
        # The demo print edition's own settings: CMYK required, 300 % ink, the printer's image resolution.
        runs = {
            "old": lambda: old.preflight(pdf, old.PreflightOptions(require_cmyk=True)),
            "new": lambda: new.preflight(pdf, new.PreflightOptions(require_cmyk=True)),
        }
        findings = {name: len(run()) for name, run in runs.items()}  # warm up: imports, caches, page faults
        times: dict[str, list[float]] = {"old": [], "new": []}
        for i in range(args.rounds):
            order = ("old", "new") if i % 2 == 0 else ("new", "old")
            for name in order:
                times[name].append(timed(runs[name]))

    result: dict[str, Any] = {"pdf": pdf.name, "rounds": args.rounds, "findings_old": findings["old"],
                              "findings_new": findings["new"]}
    for name, values in times.items():
        result[f"{name}_ms_min"] = round(min(values), 2)
        result[f"{name}_ms_median"] = round(statistics.median(values), 2)
    result["ratio_median"] = round(result["new_ms_median"] / result["old_ms_median"], 3)
    result["ratio_min"] = round(result["new_ms_min"] / result["old_ms_min"], 3)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
