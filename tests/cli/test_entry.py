"""The ``handouts`` command as a process: its exit code and everything it printed arrive, also when it ends
without tearing the interpreter down."""

from __future__ import annotations

import subprocess
import sys

from conftest import LOCATIONS


def _handouts(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "handouts", *args], capture_output=True, text=True, timeout=120)


def test_a_listing_arrives_whole(demo_root):
    done = _handouts("list", "--project", str(demo_root))
    assert done.returncode == 0, done.stderr
    assert all(location in done.stdout for location in LOCATIONS) and done.stdout.endswith("\n")


def test_a_mistake_exits_1_with_its_message(demo_root):
    done = _handouts("build", "no-such-document", "--project", str(demo_root))
    assert done.returncode == 1
    assert "unknown document 'no-such-document'" in done.stderr and "Traceback" not in done.stderr


def test_version_and_help_exit_0():
    assert _handouts("--version").stdout.startswith("handouts, version")
    done = _handouts("--help")
    assert done.returncode == 0 and "Usage: " in done.stdout
