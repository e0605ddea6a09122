"""Turn the logo geometry into the demo clinic's SVG and PNG logo files."""

# The demo clinic chain "Smith & Jones Physio" uses a square logo mark: a
# filled disc in the brand colour, a white stylised spine (stacked rounded
# vertebrae on a gentle curve) and one accent-coloured nerve line sweeping
# down beside it. The geometry below is defined once, in a 100 x 100 unit
# space, and drawn both as SVG (vector) and with Pillow (raster), so the two
# formats always show the same mark.
#
# Usage, from the repository root:
#     python tools/make_logos.py
#
# Outputs are deterministic: running the script again gives byte-identical
# files.

from pathlib import Path

from PIL import Image, ImageDraw

ASSETS = Path(__file__).resolve().parent.parent / "content" / "clinics" / "assets"

# Size of the shared coordinate space (SVG viewBox and width/height).
UNITS = 100

# Raster output: final size in pixels and supersampling factor used for
# smooth edges before downsampling.
PNG_SIZE = 1200
SUPERSAMPLE = 4
LOWRES_SIZE = 48

WHITE = "#FFFFFF"

VARIANTS = {
    "smith-jones-mark": {"primary": "#0B5563", "accent": "#D9692B"},
    "smith-jones-mark-uk": {"primary": "#23395B", "accent": "#D9692B"},
}

# --- Shared geometry (units of the 100 x 100 viewBox) ----------------------

# Background disc.
DISC = {"cx": 50, "cy": 50, "r": 48}

# Vertebrae, top to bottom: (x, y, width, height, corner radius). The small
# horizontal offsets give the spine its gentle curve.
VERTEBRAE = [
    (32, 18, 22, 12, 4),
    (28, 34, 24, 13, 4.5),
    (28, 51, 24, 13, 4.5),
    (32, 68, 22, 12, 4),
]

# The nerve: a stroke made of cubic Bezier segments, given as a start point
# followed by (control 1, control 2, end) triples.
NERVE_START = (63, 20)
NERVE_CURVES = [
    ((73, 34), (55, 48), (63, 62)),
    ((68, 71), (67, 76), (61, 82)),
]
NERVE_WIDTH = 5

# Number of straight segments used per Bezier when drawing the raster version.
BEZIER_STEPS = 64


# --- SVG --------------------------------------------------------------------


def fmt(value):
    """Format a number compactly and stably for SVG attributes."""
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def nerve_path_data():
    parts = [f"M {fmt(NERVE_START[0])} {fmt(NERVE_START[1])}"]
    for c1, c2, end in NERVE_CURVES:
        coords = " ".join(f"{fmt(x)} {fmt(y)}" for x, y in (c1, c2, end))
        parts.append(f"C {coords}")
    return " ".join(parts)


def build_svg(primary, accent):
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{UNITS}" height="{UNITS}" '
        f'viewBox="0 0 {UNITS} {UNITS}">',
        f'  <circle cx="{fmt(DISC["cx"])}" cy="{fmt(DISC["cy"])}" r="{fmt(DISC["r"])}" '
        f'fill="{primary}"/>',
    ]
    for x, y, w, h, rx in VERTEBRAE:
        lines.append(
            f'  <rect x="{fmt(x)}" y="{fmt(y)}" width="{fmt(w)}" height="{fmt(h)}" '
            f'rx="{fmt(rx)}" ry="{fmt(rx)}" fill="{WHITE}"/>'
        )
    lines.append(
        f'  <path d="{nerve_path_data()}" fill="none" stroke="{accent}" '
        f'stroke-width="{fmt(NERVE_WIDTH)}" stroke-linecap="round"/>'
    )
    lines.append("</svg>")
    return "\n".join(lines) + "\n"


# --- PNG --------------------------------------------------------------------


def cubic_point(p0, p1, p2, p3, t):
    u = 1 - t
    return tuple(
        u * u * u * a + 3 * u * u * t * b + 3 * u * t * t * c + t * t * t * d
        for a, b, c, d in zip(p0, p1, p2, p3)
    )


def nerve_polyline():
    """Flatten the nerve's Bezier curves into a list of points."""
    points = [NERVE_START]
    start = NERVE_START
    for c1, c2, end in NERVE_CURVES:
        for step in range(1, BEZIER_STEPS + 1):
            points.append(cubic_point(start, c1, c2, end, step / BEZIER_STEPS))
        start = end
    return points


def render_png(primary, accent, size):
    """Draw the mark supersampled, then downsample to size x size pixels."""
    big = size * SUPERSAMPLE
    scale = big / UNITS
    img = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)

    def px(value):
        return value * scale

    cx, cy, r = DISC["cx"], DISC["cy"], DISC["r"]
    draw.ellipse([px(cx - r), px(cy - r), px(cx + r), px(cy + r)], fill=primary)

    for x, y, w, h, rx in VERTEBRAE:
        draw.rounded_rectangle(
            [px(x), px(y), px(x + w), px(y + h)], radius=px(rx), fill=WHITE
        )

    # Thick polyline with round caps and joins: straight segments plus a
    # disc of the stroke's diameter at every vertex.
    points = [(px(x), px(y)) for x, y in nerve_polyline()]
    half = px(NERVE_WIDTH) / 2
    draw.line(points, fill=accent, width=round(px(NERVE_WIDTH)))
    for x, y in points:
        draw.ellipse([x - half, y - half, x + half, y + half], fill=accent)

    return img.resize((size, size), Image.Resampling.LANCZOS)


def main():
    ASSETS.mkdir(parents=True, exist_ok=True)
    for name, colours in VARIANTS.items():
        svg = build_svg(colours["primary"], colours["accent"])
        (ASSETS / f"{name}.svg").write_text(svg, encoding="utf-8", newline="\n")
        render_png(colours["primary"], colours["accent"], PNG_SIZE).save(
            ASSETS / f"{name}.png", optimize=False
        )

    # Deliberately low-resolution copy, used to test image-resolution checks.
    main_colours = VARIANTS["smith-jones-mark"]
    render_png(main_colours["primary"], main_colours["accent"], LOWRES_SIZE).save(
        ASSETS / "smith-jones-mark-lowres.png", optimize=False
    )


if __name__ == "__main__":
    main()
