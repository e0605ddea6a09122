"""Turn text content (a page's drawing operators, a font's character map) into its Flate stream once per process
while it keeps coming back: the bytes ReportLab's Flate filter gives, without compressing them again.

A brochure's inside pages are the same for every location of a chain, and so are most font subsets' maps: the
last few compressed texts are kept, keyed by the text itself (a page that differs by one character is
compressed afresh). Binary content (font programs, colour profiles) is compressed as ReportLab does, and so is
the content of a document drawn ``unkept()`` (an aftercare sheet filled in for one patient: nothing of it stays
behind in the process). ``install()`` puts ``FLATE`` where ReportLab looks for its filter."""

from __future__ import annotations

import threading
import zlib
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from reportlab.pdfbase import pdfdoc

KEEP = 8  # texts whose compressed form is kept: a document's shared pages and maps, and the last documents'

_LOCK = threading.Lock()
_KEPT: OrderedDict[str, bytes] = OrderedDict()
_KEEPING: ContextVar[bool] = ContextVar("deflate_keeping", default=True)


@contextmanager
def unkept() -> Iterator[None]:
    """Compress what is written in the block without keeping or looking up any of it."""
    token = _KEEPING.set(False)
    try:
        yield
    finally:
        _KEEPING.reset(token)


class Flate(pdfdoc.PDFStreamFilterZCompress):
    """ReportLab's Flate filter, remembering the last texts it compressed."""

    def encode(self, text: Any) -> bytes:
        if not isinstance(text, str):
            return zlib.compress(text)
        if not _KEEPING.get():
            return zlib.compress(text.encode("utf8"))
        with _LOCK:
            done = _KEPT.get(text)
            if done is not None:
                _KEPT.move_to_end(text)
                return done
        done = zlib.compress(text.encode("utf8"))
        with _LOCK:
            _KEPT[text] = done
            while len(_KEPT) > KEEP:
                _KEPT.popitem(last=False)
        return done


FLATE = Flate()


def install() -> None:
    """Let ReportLab's streams (pages, fonts, profiles) use ``FLATE``."""
    pdfdoc.PDFZCompress = FLATE
