"""The public API, used as the README shows it, from a fresh interpreter: every name is the function it says
(no sub-package shadows one), and render gives PDF bytes with a build's checks."""

from __future__ import annotations

import subprocess
import sys


def test_the_readme_example_runs_in_a_fresh_interpreter(demo_root, tmp_path):
    program = f"""
import handouts
project = handouts.load_project({str(demo_root)!r})
report = handouts.check(project)
assert all(f.severity != "error" for f in report.findings), report.findings
pdf = handouts.render(project, "dry-needling-aftercare", location="portland-pearl", lang="es")
print(pdf[:8].decode())
result = handouts.build(project, {str(tmp_path / 'out')!r}, edition="print")
assert not result.failed and len(result.built) == 10, result.failed
import handouts.batch, handouts.checks  # the stage packages do not take the API's names
assert callable(handouts.build) and callable(handouts.check) and callable(handouts.render)
print(len(handouts.outputs(project, edition="print")))
"""
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["%PDF-1.4", "10"]


def test_check_takes_every_threshold_of_the_command_line(demo_root):
    import dataclasses

    import pytest

    import handouts

    demo_project = handouts.load_project(demo_root)
    names = {f.name for f in dataclasses.fields(handouts.CheckOptions)}
    assert {"max_grade", "max_smog", "min_fernandez_huerta", "min_inflesz", "min_pemat"} <= names
    default = handouts.check(demo_project, glyphs=False)
    strict = handouts.check(demo_project, glyphs=False, max_grade=1.0, min_fernandez_huerta=99.0, min_pemat=101)
    codes = lambda report: {f.code for f in report.findings}  # noqa: E731
    assert codes(strict) - codes(default) == {"reading-grade", "pemat"}
    assert any("Fernández-Huerta" in f.message and "target 99" in f.message for f in strict.findings)
    same = handouts.check(demo_project, handouts.CheckOptions(glyphs=False, max_grade=1.0,
                                                               min_fernandez_huerta=99.0, min_pemat=101))
    assert [str(f) for f in same.findings] == [str(f) for f in strict.findings]
    with pytest.raises(TypeError):
        handouts.check(demo_project, max_grde=7)
