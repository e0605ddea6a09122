"""Turn an unmasked QR Code matrix into the masked one with the lowest penalty score, as ISO/IEC 18004:2015
7.8.3 asks and segno chooses it, but scoring whole rows at a time instead of module by module.

segno (which encodes our QR codes) spends about three quarters of a code's time applying and scoring the eight
mask patterns in pure Python. This module gives the same choice and the same matrix (every penalty rule, N1 to
N4, reproduced on segno's own evaluation matrix, including its placeholder values in reserved areas) about
eight times faster; ``install()`` puts it in segno's place (segno is imported then: a document without a QR code
never loads it), and tests compare both on many codes."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

_RUN = re.compile(rb"\x00{5,}|\x01{5,}|\x02{5,}")  # five or more equal modules in a row (segno stores 0, 1, 2)
_N3 = bytes((1, 0, 1, 1, 1, 0, 1))  # the 1:1:3:1:1 finder-like pattern
_SEPARATOR = b"\xff"

Matrix = tuple[bytearray, ...]


@lru_cache(maxsize=64)
def _mask_rows(width: int) -> tuple[tuple[int, ...], ...]:
    """For each of the eight QR Code mask patterns, one integer per row: a 1-byte for every module of the
    encoding region the pattern flips (as ``int.from_bytes`` of the row, big-endian)."""
    import segno.encoder as encoder

    function = encoder.make_matrix(width, width)
    encoder.add_finder_patterns(function, width, width)
    encoder.add_alignment_patterns(function, width, width)
    function[-8][8] = 0x1
    out = []
    for pattern in encoder.get_data_mask_functions(False):
        rows = []
        for i in range(width):
            flips = bytes(1 if function[i][j] > 0x1 and pattern(i, j) else 0 for j in range(width))
            rows.append(int.from_bytes(flips, "big"))
        out.append(tuple(rows))
    return tuple(out)


def _n3(line: bytes, size: int) -> int:
    """Score N3 of one row or column, exactly as segno counts it."""
    count = 0
    idx = line.find(_N3)
    while idx != -1:
        offset = idx + 7
        if idx in (0, size - 7) or not any(line[max(idx - 4, 0):min(idx, size)]) \
                or not any(line[max(offset, 0):min(offset + 4, size)]):
            count += 40
        else:
            offset = idx + 4
        idx = line.find(_N3, offset)
    return count


def penalty(rows: list[bytes], size: int) -> int:
    """N1 + N2 + N3 + N4 of a matrix given as one ``bytes`` per row (module values as segno stores them)."""
    columns = [bytes(column) for column in zip(*rows, strict=True)]
    lines = rows + columns
    # Every line, each followed by a byte no module holds, so no run or pattern spans two lines.
    joined = _SEPARATOR.join(lines)
    stripped, runs = _RUN.subn(b"", joined)
    n1 = len(joined) - len(stripped) - 2 * runs  # each run of n modules scores n - 2
    n2 = 0
    ints = [int.from_bytes(row, "big") for row in rows]
    for above, below in zip(ints, ints[1:], strict=False):
        different = (above ^ below) | (above ^ (above >> 8)) | (below ^ (below >> 8))
        same = different.to_bytes(size, "big")[1:].count(0)  # modules equal to the one left and to those above
        n2 += 3 * same
    n3 = 0
    if _N3 in joined:  # most masks have none: score only the lines that hold the pattern
        n3 = sum(_n3(line, size) for line in lines if _N3 in line)
    dark = sum(sum(row) for row in rows)
    n4 = 10 * int(abs(dark / size ** 2 * 100 - 50) / 5)
    return n1 + n2 + n3 + n4


def find_and_apply_best_mask(matrix: Matrix, width: int, height: int, proposed_mask: int | None = None
                             ) -> tuple[int, Matrix]:
    """Drop-in for segno's function of the same name (QR Codes; Micro QR Codes go to segno's own)."""
    import segno.encoder as encoder

    if width != height or width < 21:
        return _segno()(matrix, width, height, proposed_mask)
    masks = _mask_rows(width)
    originals = [int.from_bytes(row, "big") for row in matrix]
    candidates = [proposed_mask] if proposed_mask is not None else range(8)
    best, best_score, best_rows = -1, encoder._MAX_PENALTY_SCORE, None
    for number in candidates:
        rows = [(value ^ flip).to_bytes(width, "big") for value, flip in zip(originals, masks[number], strict=True)]
        score = penalty(rows, width) if proposed_mask is None else 0
        if score < best_score or best_rows is None:
            best, best_score, best_rows = number, score, rows
    assert best_rows is not None
    return best, tuple(bytearray(row) for row in best_rows)


_ORIGINAL: list[Callable[..., Any]] = []  # segno's own mask choice, once segno is loaded


def _segno() -> Callable[..., Any]:
    """segno's own mask choice (loading segno the first time)."""
    if not _ORIGINAL:
        import segno.encoder as encoder

        if encoder.find_and_apply_best_mask is not find_and_apply_best_mask:
            _ORIGINAL.append(encoder.find_and_apply_best_mask)
    return _ORIGINAL[0]


def __getattr__(name: str) -> Any:
    if name == "_SEGNO":  # what tests compare with
        return _segno()
    raise AttributeError(name)


def install() -> None:
    """Let segno choose masks with this module (same results, tested in tests/layout/test_qr.py)."""
    import segno
    import segno.encoder as encoder

    original = _segno()
    if segno.__version__.startswith("1.6.") and encoder.find_and_apply_best_mask is original:
        encoder.find_and_apply_best_mask = find_and_apply_best_mask
