"""Turn brand colours and logo pixels into the colour model of an edition: RGB for screens and office printers,
DeviceCMYK for print shops, separated through the press's ICC profile.

For print, a brand colour uses the brand's own CMYK where it gives one; otherwise its hex is converted with the
printer profile's ICC profile (relative colorimetric, as lcms2 reads the profile), or, for a press without a
profile, with the plain formula below. Text under 14 pt prints on the black plate alone (black, or a K-only grey
of the same lightness), so small type never depends on the registration of four plates. Large dark fills use a
rich black. Logo pixels and SVG shapes of exactly a brand colour take that brand colour's CMYK, so a logo and a
band of the same brand colour print the same ink."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from handouts.load import models as m
from handouts.load.models import hex_to_rgb

RICH_BLACK = (0.60, 0.40, 0.40, 1.00)
REGISTRATION = (1.0, 1.0, 1.0, 1.0)
SINGLE_PLATE_BELOW = 14.0  # points: smaller text prints on the black plate only
CMYK = tuple[float, float, float, float]


def rgb_to_cmyk(r: float, g: float, b: float, max_ink: float = 3.0) -> CMYK:
    """The formula for a press without a profile: a neutral grey (R, G and B within 4 % of each other) becomes
    black ink only (K = 1 − lightness); any other colour K = 1 − max(R, G, B), C = (1 − R − K) / (1 − K) and
    likewise M and Y, with C, M and Y cut in proportion if the total ink would pass ``max_ink``."""
    if max(r, g, b) - min(r, g, b) <= 0.04:
        return 0.0, 0.0, 0.0, round(1 - (r + g + b) / 3, 4)
    k = 1 - max(r, g, b)
    c, m_, y = ((1 - v - k) / (1 - k) for v in (r, g, b))
    total = c + m_ + y + k
    if total > max_ink:
        scale = (max_ink - k) / (c + m_ + y)
        c, m_, y = c * scale, m_ * scale, y * scale
    return round(c, 4), round(m_, 4), round(y, 4), round(k, 4)


def luminance(rgb: tuple[float, float, float]) -> float:
    """WCAG 2.1 relative luminance."""
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def lightness(rgb: tuple[float, float, float]) -> float:
    """CIE L* (0–100) of an sRGB colour."""
    y = luminance(rgb)
    return 116 * y ** (1 / 3) - 16 if y > 216 / 24389 else y * 24389 / 27


@dataclass(frozen=True)
class Separation:
    """How RGB becomes CMYK on one press: its ICC output profile (None: the formula) and its ink limit (%)."""

    profile: bytes | None = None
    max_ink: float = 300.0
    # What caches of separated colours and drawings are keyed by: the profile's digest, worked out once (a press
    # profile is a third of a megabyte, and every logo, figure and sequence of a print PDF asks for it).
    key: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", hashlib.sha256(self.profile).hexdigest() if self.profile else "formula")

    def cmyk(self, rgb: tuple[float, float, float]) -> CMYK:
        if self.profile is None:
            return rgb_to_cmyk(*rgb, max_ink=self.max_ink / 100)
        r, g, b = (round(v * 255) for v in rgb)
        return _icc_cmyk(self.key, self.profile, (r, g, b))

    def brand_cmyk(self, color: m.BrandColor) -> CMYK:
        """A brand colour as CMYK fractions: the brand's own values where it gives them."""
        if color.cmyk is not None:
            c, mm, y, k = (v / 100 for v in color.cmyk)
            return c, mm, y, k
        return self.cmyk(color.rgb)

    def black_plate(self, color: m.BrandColor) -> CMYK:
        """The colour as black ink only, at its own lightness (pure black for the darkest text)."""
        target = lightness(color.rgb)
        if target < 25:
            return 0.0, 0.0, 0.0, 1.0
        if self.profile is None:
            return 0.0, 0.0, 0.0, round(1 - target / 100, 4)
        return 0.0, 0.0, 0.0, _k_for_lightness(self.key, self.profile, round(target, 1))

    def image(self, rgb_image: Any) -> Any:
        """A Pillow RGB image separated into CMYK through the profile (or the formula, pixel by pixel)."""
        if self.profile is None:
            return rgb_image.convert("CMYK")
        from PIL import ImageCms  # Pillow's lcms2 binding, imported only when a print file has a raster logo

        return ImageCms.applyTransform(rgb_image, _transform(self.key, self.profile))


def _transform(key: str, profile: bytes) -> Any:
    transform = _TRANSFORMS.get(key)
    if transform is None:
        from PIL import ImageCms

        cmyk = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        transform = ImageCms.buildTransform(ImageCms.createProfile("sRGB"), cmyk, "RGB", "CMYK",
                                            renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC)
        _TRANSFORMS[key] = transform
    return transform


_TRANSFORMS: dict[str, Any] = {}


@lru_cache(maxsize=4096)
def _icc_cmyk(key: str, profile: bytes, rgb: tuple[int, int, int]) -> CMYK:
    from PIL import Image

    pixel = _transform(key, profile).apply(Image.new("RGB", (1, 1), rgb)).getpixel((0, 0))
    c, mm, y, k = (round(v / 255, 4) for v in pixel)
    return c, mm, y, k


@lru_cache(maxsize=256)
def _k_for_lightness(key: str, profile: bytes, target: float) -> float:
    """The black-only tint that prints at lightness ``target`` on this press (from the profile's own tables)."""
    from PIL import Image, ImageCms

    to_lab = ImageCms.buildTransform(ImageCms.ImageCmsProfile(io.BytesIO(profile)), ImageCms.createProfile("LAB"),
                                     "CMYK", "LAB", renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC)
    ramp = Image.new("CMYK", (256, 1))
    ramp.putdata([(0, 0, 0, k) for k in range(256)])
    lab = to_lab.apply(ramp)
    lightness_of = [lab.getpixel((k, 0))[0] * 100 / 255 for k in range(256)]  # type: ignore[index]
    best = min(range(256), key=lambda k: abs(lightness_of[k] - target))
    return round(best / 255, 4)


def brand_cmyk(color: m.BrandColor, token: str = "", max_ink: float = 3.0) -> CMYK:
    """A brand colour as CMYK by the formula (a press without a profile); the brand's own values win."""
    return Separation(None, max_ink * 100).brand_cmyk(color)


def exact_brand_colors(brand: m.Brand, separation: Separation) -> dict[tuple[int, int, int], CMYK]:
    """8-bit RGB → CMYK of every brand colour: a logo pixel or SVG fill of exactly a brand colour prints as it."""
    out = {}
    for color in brand.colors.values():
        rgb = tuple(int(color.hex[i:i + 2], 16) for i in (1, 3, 5))
        out[rgb] = separation.brand_cmyk(color)
    return out  # type: ignore[return-value]


__all__ = ["CMYK", "REGISTRATION", "RICH_BLACK", "SINGLE_PLATE_BELOW", "Separation", "brand_cmyk",
           "exact_brand_colors", "hex_to_rgb", "lightness", "luminance", "rgb_to_cmyk"]
