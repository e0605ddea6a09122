"""Turn a tri-fold's two pages into the views a reader has of the folded sheet: the cover as it lies on a desk,
the first view when the cover is lifted (inside 1 beside the flap), and the inside spread opened flat."""

from __future__ import annotations

from pathlib import Path

from handouts.errors import HandoutsError, display_path
from handouts.preview.pages import check_dpi, open_pdf, rasterise, save_png

# A folded brochure's fold shows as a crease: the pixel column on it is darkened by this factor.
CREASE = 0.82
# The thin frame round every mock-up, so a white page stands out on a white screen.
FRAME_RGB = (154, 163, 171)


def _framed(image):
    """A one-pixel grey frame on the image's outer edge."""
    from PIL import ImageDraw

    framed = image.copy()
    ImageDraw.Draw(framed).rectangle((0, 0, framed.width - 1, framed.height - 1), outline=FRAME_RGB)
    return framed


def _crease(image, x: int) -> None:
    """Darken the pixel column at ``x``, in place: a fold seen on the paper."""
    if not 0 < x < image.width - 1:
        return
    column = image.crop((x, 0, x + 1, image.height)).point(lambda v: int(v * CREASE))
    image.paste(column, (x, 0))


def _side_by_side(left, right):
    from PIL import Image

    height = max(left.height, right.height)
    joined = Image.new("RGB", (left.width + right.width, height), (255, 255, 255))
    joined.paste(left, (0, 0))
    joined.paste(right, (left.width, 0))
    return joined


def folded_mockup(pdf: Path, panels: list[tuple[float, float]], out_dir: Path, dpi: float = 60,
                  stem: str | None = None) -> list[Path]:
    """A tri-fold's folded views, cropped to the trim: <stem>-folded-cover.png (the outside page's rightmost
    panel, as the folded brochure lies on a desk), <stem>-open-first.png (the cover opened: inside-1, the back
    of the cover, beside the folded-in flap) and <stem>-open-inside.png (page 2 whole, opened flat).

    ``panels`` are the outside page's panels, left to right, as (x, width) in points from the trim's left edge;
    the inside page is its mirror image (it is printed on the back of the sheet)."""
    check_dpi(dpi)
    pdf, out_dir = Path(pdf), Path(out_dir)
    stem = stem or pdf.stem
    if not panels:
        raise HandoutsError(f"{display_path(pdf)}: no panels given for the folded mock-up")
    doc = open_pdf(pdf)
    try:
        if len(doc) < 2:
            raise HandoutsError(f"{display_path(pdf)}: a folded mock-up needs the outside and the inside page; "
                                f"the PDF has {len(doc)} page")
        outside, inside = doc[0], doc[1]
        o_left, o_bottom, o_right, o_top = outside.get_trimbox()
        i_left, i_bottom, i_right, i_top = inside.get_trimbox()
        width = i_right - i_left
        for x, w in panels:
            if w <= 0 or x < -0.5 or x + w > o_right - o_left + 0.5:
                raise HandoutsError(f"{display_path(pdf)}: panel at x={x:.1f} pt, {w:.1f} pt wide, lies outside "
                                    f"the {o_right - o_left:.1f} pt trim")
        flap_x, flap_w = panels[0]
        cover_x, cover_w = panels[-1]
        scale = dpi / 72

        cover = rasterise(outside, dpi, (o_left + cover_x, o_bottom, o_left + cover_x + cover_w, o_top))
        flap = rasterise(outside, dpi, (o_left + flap_x, o_bottom, o_left + flap_x + flap_w, o_top))
        # The back of the cover panel: the same strip of the sheet, seen from the inside (mirrored).
        first_x = width - (cover_x + cover_w)
        inside_1 = rasterise(inside, dpi, (i_left + first_x, i_bottom, i_left + first_x + cover_w, i_top))
        spread = rasterise(inside, dpi, (i_left, i_bottom, i_right, i_top))
    finally:
        doc.close()

    first_view = _side_by_side(inside_1, flap)
    _crease(first_view, inside_1.width)
    for x, _ in panels[1:]:  # every fold of the outside page, mirrored onto the inside
        _crease(spread, round((width - x) * scale))
    named = (("folded-cover", cover), ("open-first", first_view), ("open-inside", spread))
    return [save_png(_framed(image), out_dir / f"{stem}-{name}.png") for name, image in named]
