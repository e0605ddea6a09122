"""Turn an unmasked QR Code matrix into the masked one with the lowest penalty score, as ISO/IEC 18004:2015
7.8.3 asks and segno chooses it, but scoring the whole symbol at once instead of module by module.

segno (which encodes our QR codes) spends about three quarters of a code's time applying and scoring the eight
mask patterns in pure Python. Here the symbol is two integers, one bit per module, its rows one after another
(and its columns, for the vertical rules), with four gap bits after each line so no run or pattern spans two; a
mask is one exclusive or, and each penalty rule (N1 to N4, as segno counts them) a few shifts, ands and bit
counts over the whole symbol. The choice and the matrix are segno's (tests compare both on codes of many sizes,
every mask), in 0.1 ms a code instead of about 3 ms; ``install()`` puts this in segno's place (segno is imported
then: a document without a QR code never loads it)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache, partial
from typing import Any, NamedTuple

_N3 = bytes((1, 0, 1, 1, 1, 0, 1))  # the 1:1:3:1:1 finder-like pattern
_GAP = b"\xff" * 4  # after each line: no module holds it (four, as far as N3 looks beyond a pattern)
_BITS = bytes.maketrans(b"\x00\x01\xff", b"010")  # a line of modules (light 0, dark 1) as binary digits

Matrix = tuple[bytearray, ...]


def _bits(lines: Iterable[bytes]) -> int:
    """Lines of 0/1 modules as one integer, first module highest, each line followed by four gap bits."""
    return int((_GAP.join(lines) + _GAP).translate(_BITS), 2)


class _Symbol(NamedTuple):
    """What the masks of one symbol size share."""
    full: int  # a bit for every module (none for the gaps)
    rows: tuple[int, ...]  # per mask pattern: the modules it flips, row by row
    columns: tuple[int, ...]  # the same, column by column
    flips: tuple[tuple[int, ...], ...]  # per mask pattern, per row: a 1-byte for each flipped module


@lru_cache(maxsize=64)
def _symbol(width: int) -> _Symbol:
    import segno.encoder as encoder

    function = encoder.make_matrix(width, width)
    encoder.add_finder_patterns(function, width, width)
    encoder.add_alignment_patterns(function, width, width)
    function[-8][8] = 0x1
    rows, columns, flips = [], [], []
    for pattern in encoder.get_data_mask_functions(False):
        grid = [bytes(1 if function[i][j] > 0x1 and pattern(i, j) else 0 for j in range(width))
                for i in range(width)]
        rows.append(_bits(grid))
        columns.append(_bits(bytes(column) for column in zip(*grid, strict=True)))
        flips.append(tuple(int.from_bytes(row, "big") for row in grid))
    return _Symbol(_bits([b"\x01" * width] * width), tuple(rows), tuple(columns), tuple(flips))


def _n3(line: bytes, size: int) -> int:
    """Score N3 of one row or column, exactly as segno counts it (its scan resumes after a scored pattern, so
    patterns that overlap one are not counted)."""
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


def _score(rows: int, columns: int, full: int, width: int, lines: Callable[[], list[bytes]]) -> int:
    """N1 + N2 + N3 + N4 of a symbol given as bits (``rows`` and ``columns`` of dark modules); ``lines`` gives
    its rows and columns as bytes, asked for only when segno's scan for N3 would skip a pattern."""
    n1 = n2 = n3 = 0
    outside = ~full  # the gaps, and all before the first line and after the last: light, for N3's surroundings
    overlap = 0
    for index, dark in enumerate((rows, columns)):
        light = dark ^ full
        for p in (dark, light):
            two = p & (p >> 1)  # this module and the one before alike
            five = two & (two >> 2) & (p >> 4)  # five in a row
            # a run of k >= 5 modules: k - 4 bits in ``five``, one of which starts it; it scores 3 + (k - 5)
            n1 += five.bit_count() + 2 * (five & ~(five << 1)).bit_count()
            if index == 0:
                n2 += (two & (two >> (width + len(_GAP)))).bit_count()  # 2 x 2 blocks: two alike above two alike
        # N3: 1 0 1 1 1 0 1 starting at a module, with four light modules (or the line's end) before or after it
        found = dark & (light << 1) & (dark << 2) & (dark << 3) & (dark << 4) & (light << 5) & (dark << 6)
        if found:
            near = light | outside
            scored = found & ((near >> 1) & (near >> 2) & (near >> 3) & (near >> 4)
                              | (near << 7) & (near << 8) & (near << 9) & (near << 10))
            n3 += 40 * scored.bit_count()
            overlap |= scored & ((scored >> 4) | (scored >> 6))
    if overlap:  # segno resumes its scan seven modules after a scored pattern: one that overlaps it is not seen
        n3 = sum(_n3(line, width) for line in lines() if _N3 in line)
    n4 = 10 * int(abs(rows.bit_count() / width ** 2 * 100 - 50) / 5)
    return n1 + 3 * n2 + n3 + n4


def _lines(rows: list[bytes]) -> list[bytes]:
    return rows + [bytes(column) for column in zip(*rows, strict=True)]


def penalty(rows: list[bytes], size: int) -> int:
    """N1 + N2 + N3 + N4 of a masked matrix given as one ``bytes`` of 0/1 modules per row."""
    return _score(_bits(rows), _bits(bytes(c) for c in zip(*rows, strict=True)), _symbol(size).full, size,
                  lambda: _lines(rows))


def find_and_apply_best_mask(matrix: Matrix, width: int, height: int, proposed_mask: int | None = None
                             ) -> tuple[int, Matrix]:
    """Drop-in for segno's function of the same name (QR Codes of 0/1 modules; anything else goes to segno's
    own)."""
    joined = _GAP.join(matrix) + _GAP
    if width != height or width < 21 or joined.translate(None, b"\x00\x01" + _GAP[:1]):
        return _segno()(matrix, width, height, proposed_mask)
    symbol = _symbol(width)
    stride = width + len(_GAP)
    originals = [int.from_bytes(row, "big") for row in matrix]
    best = proposed_mask
    if best is None:
        rows = int(joined.translate(_BITS), 2)
        columns = _bits(joined[j::stride] for j in range(width))
        best_score = None
        for number in range(8):
            score = _score(rows ^ symbol.rows[number], columns ^ symbol.columns[number], symbol.full, width,
                           partial(_masked_lines, originals, symbol.flips[number], width))
            if best_score is None or score < best_score:
                best, best_score = number, score
    assert best is not None
    return best, tuple(bytearray(row) for row in _masked(originals, symbol.flips[best], width))


def _masked_lines(originals: list[int], flips: tuple[int, ...], width: int) -> list[bytes]:
    return _lines(_masked(originals, flips, width))


def _masked(originals: list[int], flips: tuple[int, ...], width: int) -> list[bytes]:
    return [(value ^ flip).to_bytes(width, "big") for value, flip in zip(originals, flips, strict=True)]


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
