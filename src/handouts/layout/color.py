"""Turn brand colours into the colour model of an edition: RGB for screens and office printers, DeviceCMYK
for print shops.

CMYK comes from the brand's own values where it gives them. Otherwise a hex colour is converted like this:
a neutral grey (R, G and B within 4 % of each other) becomes black ink only (K = 1 − lightness); any other
colour uses the plain formula K = 1 − max(R, G, B), C = (1 − R − K) / (1 − K) and likewise M and Y; and if the
total ink would pass the limit (300 % by default), C, M and Y are reduced in proportion. Dark text colours are
printed as 100 % K, so small type never depends on the registration of four plates."""

from __future__ import annotations

from handouts.load import models as m
from handouts.load.models import hex_to_rgb

RICH_BLACK = (0.60, 0.40, 0.40, 1.00)
REGISTRATION = (1.0, 1.0, 1.0, 1.0)


def rgb_to_cmyk(r: float, g: float, b: float, max_ink: float = 3.0) -> tuple[float, float, float, float]:
    if max(r, g, b) - min(r, g, b) <= 0.04:
        return 0.0, 0.0, 0.0, round(1 - (r + g + b) / 3, 4)
    k = 1 - max(r, g, b)
    c, m_, y = ((1 - v - k) / (1 - k) for v in (r, g, b))
    total = c + m_ + y + k
    if total > max_ink:
        scale = (max_ink - k) / (c + m_ + y)
        c, m_, y = c * scale, m_ * scale, y * scale
    return tuple(round(v, 4) for v in (c, m_, y, k))  # type: ignore[return-value]


def luminance(rgb: tuple[float, float, float]) -> float:
    """WCAG 2.1 relative luminance."""
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def brand_cmyk(color: m.BrandColor, token: str = "", max_ink: float = 3.0) -> tuple[float, float, float, float]:
    """A brand colour as CMYK fractions (0–1)."""
    if color.cmyk is not None:
        return tuple(v / 100 for v in color.cmyk)  # type: ignore[return-value]
    rgb = hex_to_rgb(color.hex)
    if token == "text" and luminance(rgb) < 0.05:
        return 0.0, 0.0, 0.0, 1.0
    return rgb_to_cmyk(*rgb, max_ink=max_ink)
