"""The collector paused while a command starts (handouts/cli/startup.py): off until the project is ready, what is
alive then frozen once per process, on again after, and left off by a caller that turned it off."""

from __future__ import annotations

import gc

import pytest

from handouts.cli import startup


@pytest.fixture(autouse=True)
def _restore(monkeypatch):
    monkeypatch.setattr(startup, "_frozen", False)
    was_on = gc.isenabled()
    yield
    gc.unfreeze()
    if was_on:
        gc.enable()
    else:
        gc.disable()


def test_off_until_ready_then_what_lives_is_frozen_and_the_collector_on():
    gc.enable()
    gc.unfreeze()
    with startup.paused() as ready:
        assert not gc.isenabled()
        kept = [[n] for n in range(1000)]
        ready()
        assert gc.isenabled() and gc.get_freeze_count() > len(kept)
    assert gc.isenabled()


def test_only_the_first_start_of_a_process_freezes():
    gc.enable()
    gc.unfreeze()
    with startup.paused() as ready:
        ready()
    frozen = gc.get_freeze_count()
    later = [[n] for n in range(1000)]  # made after the start: the collector's as usual
    with startup.paused() as ready:
        assert not gc.isenabled()
        ready()
        ready()  # twice is once
    assert gc.get_freeze_count() <= frozen and gc.isenabled() and later  # (frozen objects freed meanwhile)


def test_a_failed_start_turns_the_collector_back_on():
    gc.enable()
    with pytest.raises(RuntimeError), startup.paused():
        raise RuntimeError("no project")
    assert gc.isenabled() and not startup._frozen


def test_a_collector_the_caller_turned_off_stays_off():
    gc.disable()
    with startup.paused() as ready:
        ready()
    assert not gc.isenabled()


def test_the_build_command_freezes_once_its_project_is_loaded(demo_root, tmp_path, monkeypatch):
    from click.testing import CliRunner

    from handouts.cli import main

    seen = []
    monkeypatch.setattr(gc, "freeze", lambda: seen.append(gc.isenabled()))
    gc.enable()
    done = CliRunner().invoke(main, ["build", "dry-needling-aftercare", "--project", str(demo_root), "--location",
                                     "portland-pearl", "--out", str(tmp_path), "--quiet", "--jobs", "1"])
    assert done.exit_code == 0, done.output
    assert seen == [False] and gc.isenabled()  # frozen while paused, once
    assert list(tmp_path.rglob("*.pdf"))
