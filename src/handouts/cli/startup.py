"""Turn a command's start (importing its libraries, loading and checking the project) into one pause of the cycle
collector, and what it leaves alive into objects the collector no longer walks.

Almost everything made while a command starts lives until it ends: modules, classes, the loaded project. The
collector, running every 50,000 new objects, walks them all again and again and finds next to nothing (about a
fifteenth of a one-PDF build). Paused until the project is ready, then ``gc.freeze()``: what is alive then moves to
a generation no collection looks at, and the collector runs as before on what the build makes. Only the first start
of a process freezes, so a ``build --watch`` that rebuilds for hours does not keep each rebuild's objects."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager

_frozen = False


@contextmanager
def paused() -> Iterator[Callable[[], None]]:
    """Pause the collector for the ``with`` block or until the ``ready()`` it gives is called; a collector the
    caller turned off stays off."""
    was_on = gc.isenabled()
    gc.disable()
    waiting = True

    def ready() -> None:
        global _frozen
        nonlocal waiting
        if not waiting:
            return
        waiting = False
        if not _frozen:
            _frozen = True
            gc.freeze()
        if was_on:
            gc.enable()

    try:
        yield ready
    finally:
        if waiting and was_on:
            gc.enable()
