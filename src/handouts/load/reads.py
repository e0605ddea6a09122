"""Turn what one job actually reads (whole files, parts of files, files looked for and not found) into a record
of dependencies with a digest each, so a rebuild is decided by what was read, not by a list kept by hand."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path

ABSENT = "absent"


def digest(*parts: bytes | str) -> str:
    """SHA-256 over length-prefixed parts, as hex."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


@dataclass(frozen=True, order=True)
class Dep:
    """One thing a job read: a file (``part`` empty), or a part of one (``locations/<id>`` — one location of a
    clinic file; ``~locations`` — the clinic file outside its locations)."""

    path: str  # relative to the project folder where it lies inside it, POSIX style
    part: str = ""

    def __str__(self) -> str:
        return self.path + (f"#{self.part}" if self.part else "")

    @classmethod
    def parse(cls, text: str) -> Dep:
        path, _, part = text.partition("#")
        return cls(path, part)


@dataclass
class Record:
    """The reads of one job, each with the digest of what was read."""

    root: Path
    reads: dict[Dep, str] = field(default_factory=dict)

    def key(self, path: Path | str) -> str:
        """``path`` relative to the project folder, or absolute when it lies outside (an ICC profile)."""
        cached = _KEYS.get((self.root, str(path)))
        if cached is None:
            resolved = Path(path).resolve()
            cached = resolved.relative_to(self.root).as_posix() if resolved.is_relative_to(self.root) \
                else resolved.as_posix()
            _KEYS[(self.root, str(path))] = cached
        return cached


_KEYS: dict[tuple[Path, str], str] = {}

_current: ContextVar[Record | None] = ContextVar("handouts_reads", default=None)

# Reads noted while a drawing is recorded to be drawn again for later documents (layout.replay): each tap holds
# (path or Dep, digest, part) in the order noted, and the drawing notes them again whenever it is reused. Per
# context, as the job's record is: documents drawn at once in other threads (the web app) note into their own.
Noted = tuple[Path | str | Dep, str, str]
_taps: ContextVar[tuple[list[Noted], ...]] = ContextVar("handouts_read_taps", default=())


@contextmanager
def recording(root: Path | str) -> Iterator[Record]:
    """Record every read noted while the block runs (reads nest: an outer record sees nothing of an inner one)."""
    record = Record(Path(root).resolve())
    token = _current.set(record)
    try:
        yield record
    finally:
        _current.reset(token)


@contextmanager
def tapping() -> Iterator[list[Noted]]:
    """Everything noted while the block runs, also kept in the list it gives (besides the job's record)."""
    tap: list[Noted] = []
    token = _taps.set((*_taps.get(), tap))
    try:
        yield tap
    finally:
        _taps.reset(token)


def active() -> bool:
    return _current.get() is not None


def note(path: Path | str, value_digest: str, part: str = "") -> None:
    """Record that ``path`` (or one part of it) was read and what it held; nothing when no job is recording."""
    record = _current.get()
    if record is not None:
        record.reads[Dep(record.key(path), part)] = value_digest
    for tap in _taps.get():
        tap.append((path, value_digest, part))


def note_dep(dep: Dep, value_digest: str) -> None:
    """Record a read made earlier (and kept) for the job being made now."""
    record = _current.get()
    if record is not None:
        record.reads[dep] = value_digest
    for tap in _taps.get():
        tap.append((dep, value_digest, ""))


def stamp(path: Path | str) -> tuple[str, int, int]:
    """A file's identity for caches that live as long as a process: path, modification time and size, so a
    file saved again (``build --watch``) is read again."""
    st = os.stat(path)
    return str(path), st.st_mtime_ns, st.st_size


def read_bytes(path: Path) -> bytes:
    """Read a file's bytes and record the read (fonts, logos, ICC profiles)."""
    data = Path(path).read_bytes()
    note(path, digest(data))
    return data


def note_absent(path: Path) -> None:
    """Record that a file was looked for and not found: creating it must rebuild what looked."""
    note(path, ABSENT)
