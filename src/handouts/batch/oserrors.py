"""Turn operating-system errors met while building (a read-only or missing output folder, a full disk, a file that
vanished mid-build) into one line that names the path and says what to do, and tell apart the ones that stop
the whole batch (every further PDF would fail the same way) from the ones that fail a single PDF."""

from __future__ import annotations

import errno
from pathlib import Path

from handouts.errors import HandoutsError
from handouts.findings import display_path

# Writing into the output folder cannot succeed for any later PDF either.
_STOPS_THE_BATCH = {errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EPERM, errno.ENOTDIR, errno.EDQUOT,
                    errno.EEXIST, errno.EISDIR, errno.ENAMETOOLONG, errno.EIO}

_WRITE_ADVICE = {
    errno.ENOSPC: "the disk is full: free some space (or choose another --out), then build again",
    errno.EDQUOT: "the disk quota is used up: free some space (or choose another --out), then build again",
    errno.EROFS: "the folder is on a read-only file system: choose another --out",
    errno.EACCES: "permission denied: make the folder writable for you, or choose another --out",
    errno.EPERM: "not permitted: make the folder writable for you, or choose another --out",
    errno.ENOTDIR: "a file stands where a folder is needed: move it away, or choose another --out",
    errno.EEXIST: "a file stands where a folder is needed: move it away, or choose another --out",
    errno.EISDIR: "a folder stands where the PDF goes: move it away, or choose another --out",
    errno.ENOENT: "the folder vanished while the build was writing: build again (or choose another --out)",
    errno.ENAMETOOLONG: "the path is too long for the file system: choose a shorter --out",
    errno.EIO: "the disk reported an input/output error: check the disk, or choose another --out",
}


class OutputProblem(HandoutsError):
    """The output folder cannot be written: nothing more can be built into it."""


def is_output(exc: OSError, out: Path) -> bool:
    """Whether the error concerns a path inside the output folder (or the folder itself)."""
    names = [n for n in (exc.filename, getattr(exc, "filename2", None)) if n]
    if not names:
        return True  # a write to an open file (a full disk while writing the PDF) names no file
    try:
        top = out.resolve()
        return any(Path(n).resolve() == top or Path(n).resolve().is_relative_to(top) for n in names)
    except OSError:
        return True


def stops_batch(exc: OSError) -> bool:
    return exc.errno in _STOPS_THE_BATCH


def write_problem(exc: OSError, path: Path) -> str:
    """``cannot write out/…/x.pdf: the disk is full: free some space …``."""
    where = display_path(exc.filename) if exc.filename and ".tmp" not in str(exc.filename) else display_path(path)
    advice = _WRITE_ADVICE.get(exc.errno or 0, f"{(exc.strerror or str(exc)).lower()}: check the folder, or "
                                               f"choose another --out")
    return f"cannot write {where}: {advice}"


def read_problem(exc: OSError) -> str:
    """A project file that could not be read while a PDF was being made (deleted or moved mid-build)."""
    where = display_path(exc.filename) if exc.filename else "a project file"
    if exc.errno == errno.ENOENT:
        return f"{where} vanished while the build was reading it: put it back (or correct the name that points " \
               f"to it) and build again"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"cannot read {where}: permission denied: make it readable for you, then build again"
    return f"cannot read {where}: {(exc.strerror or str(exc)).lower()}: check the file, then build again"
