"""A chain built in shards — separate processes, as a Kubernetes Indexed Job or a CI matrix runs them — then
merged, equals one full build byte for byte, and the next build of the whole chain has nothing to do."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from handouts.batch import Shard
from handouts.errors import UsageProblem


def _handouts(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([sys.executable, "-m", "handouts", *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, **(env or {})})
    assert "Traceback" not in done.stderr, done.stderr
    return done


def _pdfs(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*.pdf"))}


def _entries(out: Path) -> dict[str, tuple]:
    data = json.loads((out / ".handouts-manifest.json").read_text())
    return {key: (e["inputs"], tuple(data["deps"][i] for i in e["deps"]), e["sha256"], e["size"])
            for key, e in data["outputs"].items()}


def test_three_shards_in_separate_processes_merge_into_one_full_build(project_copy, tmp_path):
    full, sharded, copied = tmp_path / "full", tmp_path / "sharded", tmp_path / "copied"
    assert _handouts("build", "--jobs", "1", "--project", str(project_copy), "--out", str(full)).returncode == 0
    # Kubernetes Indexed Job style: the index comes from the environment; the shards run at the same time.
    procs = [subprocess.Popen([sys.executable, "-m", "handouts", "build", "--shard", "auto", "--jobs", "1",
                               "--project", str(project_copy), "--out", str(tmp_path / f"shard-{index}")],
                              env={**os.environ, "JOB_COMPLETION_INDEX": str(index), "HANDOUTS_SHARDS": "3"},
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for index in range(3)]
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0 and "Traceback" not in err, err
    # The CI gathers each shard's folder into one (the files get new times), then merges.
    for index in range(3):
        shutil.copytree(tmp_path / f"shard-{index}", copied, dirs_exist_ok=True)
    shards = sorted(p.name for p in copied.glob(".handouts-manifest.shard-*"))
    assert shards == [f".handouts-manifest.shard-{i}-of-3.json" for i in (1, 2, 3)]
    merged = _handouts("manifest", "merge", "--out", str(copied))
    assert merged.returncode == 0 and "merged: 10 PDF(s)" in merged.stderr, merged.stderr
    assert _pdfs(copied) == _pdfs(full)  # byte for byte
    assert {k: v[:3] for k, v in _entries(copied).items()} == {k: v[:3] for k, v in _entries(full).items()}
    assert not list(copied.glob(".handouts-manifest.shard-*"))
    again = _handouts("build", "--project", str(project_copy), "--out", str(copied))
    assert again.returncode == 0 and "10 up to date" in again.stderr, again.stderr

    # Shards writing into one shared folder, one after another, merge the same way.
    for index in (1, 2, 3):
        assert _handouts("build", "--shard", f"{index}/3", "--project", str(project_copy), "--out",
                         str(sharded)).returncode == 0
    assert _handouts("manifest", "merge", "--out", str(sharded)).returncode == 0
    assert _pdfs(sharded) == _pdfs(full)


def test_a_copied_pdf_that_changed_is_left_out_of_the_merge(project_copy, tmp_path):
    out = tmp_path / "out"
    assert _handouts("build", "--shard", "1/2", "--project", str(project_copy), "--out", str(out)).returncode == 0
    victim = next(out.rglob("*.pdf"))
    victim.write_bytes(victim.read_bytes() + b"%changed\n")
    merged = _handouts("manifest", "merge", "--out", str(out))
    assert f"left out {victim}" in merged.stderr
    assert victim.relative_to(out).as_posix() not in _entries(out)


@pytest.mark.parametrize(("environ", "expected"), [
    ({"JOB_COMPLETION_INDEX": "0", "HANDOUTS_SHARDS": "4"}, Shard(1, 4)),
    ({"CI_NODE_INDEX": "2", "CI_NODE_TOTAL": "3"}, Shard(2, 3)),
    ({"CIRCLE_NODE_INDEX": "2", "CIRCLE_NODE_TOTAL": "3"}, Shard(3, 3)),
    ({"BUILDKITE_PARALLEL_JOB": "1", "BUILDKITE_PARALLEL_JOB_COUNT": "2"}, Shard(2, 2)),
])
def test_shard_auto_reads_the_job_engines_environment(environ, expected):
    assert Shard.parse("auto", environ) == expected


@pytest.mark.parametrize("environ", [{}, {"JOB_COMPLETION_INDEX": "1"}, {"CI_NODE_INDEX": "x", "CI_NODE_TOTAL": "2"}])
def test_shard_auto_without_a_usable_index_is_a_usage_error(environ):
    with pytest.raises(UsageProblem):
        Shard.parse("auto", environ)
