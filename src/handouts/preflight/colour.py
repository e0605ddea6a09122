"""Turn PDF colour spaces, colour values and CMYK images into colour models and total ink."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from handouts.preflight.libraries import lazy

if TYPE_CHECKING:
    import pikepdf
    from PIL import Image, ImageMath
else:  # loaded on first use: most commands never preflight (preflight/libraries.py)
    pikepdf = lazy("pikepdf")
    Image = lazy("PIL.Image")
    ImageMath = lazy("PIL.ImageMath")


# Colour spaces named directly (inline images use the short names).
_NAMED = {
    "/DeviceRGB": ("rgb", "RGB"),
    "/RGB": ("rgb", "RGB"),
    "/DeviceCMYK": ("cmyk", "CMYK"),
    "/CMYK": ("cmyk", "CMYK"),
    "/DeviceGray": ("gray", "gray"),
    "/G": ("gray", "gray"),
    "/Pattern": ("pattern", "pattern"),
}
_ICC = {1: ("gray", "ICC gray"), 3: ("rgb", "ICC RGB"), 4: ("cmyk", "ICC CMYK")}
_CMYK = ("C", "M", "Y", "K")


@dataclass(frozen=True)
class Space:
    """A colour space reduced to what prepress cares about.

    ``kind`` is rgb, cmyk, gray, spot (Separation and DeviceN), pattern or other (Lab, unknown)."""

    kind: str
    label: str  # for messages: "RGB", "ICC RGB", "Separation PANTONE 185 C", …
    colorants: tuple[str, ...] = ()  # plates a spot colour prints on; "All" is registration, every plate
    base: Space | None = None  # under a Pattern: the space of an uncoloured pattern's colour
    indexed: bool = False  # values are palette indexes into ``base``-like colours

    def initial(self) -> tuple[float, ...]:
        """The colour a space starts with when it is selected (PDF 2.0, 8.6.8)."""
        if self.kind == "cmyk" and not self.indexed:
            return (0.0, 0.0, 0.0, 1.0)
        if self.kind == "spot":
            return (1.0,) * len(self.colorants)
        return ()


DEVICE_GRAY = Space("gray", "gray")
DEVICE_RGB = Space("rgb", "RGB")
DEVICE_CMYK = Space("cmyk", "CMYK")
OTHER = Space("other", "other")


def space_of(value: Any, resources: pikepdf.Object | None, depth: int = 0) -> Space:
    """Resolve a colour space operand or /ColorSpace entry, following named resources and Indexed bases."""
    if isinstance(value, pikepdf.Name):
        named = _NAMED.get(str(value))
        if named is not None:
            return Space(*named)
        if str(value) in ("/CalRGB", "/CalGray"):
            return Space("rgb" if str(value) == "/CalRGB" else "gray", str(value)[1:])
        spaces = resources.get("/ColorSpace") if isinstance(resources, pikepdf.Dictionary) else None
        if isinstance(spaces, pikepdf.Dictionary) and value in spaces and depth < 4:
            return space_of(spaces[value], None, depth + 1)
        return OTHER
    if not isinstance(value, pikepdf.Array) or not len(value) or depth >= 4:
        return OTHER
    family = str(value[0])
    if family == "/ICCBased" and len(value) > 1:
        n = int(value[1].get("/N", 0))
        return Space(*_ICC.get(n, ("other", "ICC")))
    if family in ("/CalRGB", "/CalGray"):
        return Space("rgb" if family == "/CalRGB" else "gray", family[1:])
    if family in ("/Indexed", "/I") and len(value) > 1:
        base = space_of(value[1], resources, depth + 1)
        return Space(base.kind, f"indexed {base.label}", base.colorants, indexed=True)
    if family == "/Separation" and len(value) > 1:
        name = str(value[1]).lstrip("/")
        return Space("spot", f"Separation {name}", (name,))
    if family == "/DeviceN" and len(value) > 1 and isinstance(value[1], pikepdf.Array):
        names = tuple(str(n).lstrip("/") for n in value[1])
        return Space("spot", f"DeviceN {' '.join(names)}", names)
    if family == "/Pattern":
        under: Space | None = space_of(value[1], resources, depth + 1) if len(value) > 1 else None
        return Space("pattern", "pattern", base=under)
    return OTHER


def ink(space: Space, values: tuple[float, ...]) -> tuple[float, str] | None:
    """Total area coverage in percent of a colour, with its parts; None for colours that print no process ink
    this check can measure (RGB, gray, patterns, palette indexes)."""
    if space.indexed:
        return None
    if space.kind == "cmyk" and len(values) == 4:
        names: tuple[str, ...] = _CMYK
        plates = [1.0] * 4
    elif space.kind == "spot" and len(values) == len(space.colorants):
        names = space.colorants
        plates = [4.0 if n == "All" else 0.0 if n == "None" else 1.0 for n in names]  # All: registration
    else:
        return None
    total = sum(v * p for v, p in zip(values, plates, strict=True)) * 100.0
    return total, " ".join(f"{n} {v * 100:.0f}" for n, v in zip(names, values, strict=True))


def image_space(image: pikepdf.Object, resources: pikepdf.Object | None) -> Space | None:
    """The colour space of an image XObject or inline image dictionary; None for stencil masks and JPX images
    that carry their own."""
    if image.get("/ImageMask") or image.get("/IM"):
        return None
    value = image.get("/ColorSpace", image.get("/CS"))
    return None if value is None else space_of(value, resources)


def heaviest_pixel(image: pikepdf.PdfImage | pikepdf.PdfInlineImage, limit: float) -> float | None:
    """C+M+Y+K of a CMYK image's heaviest pixel in percent; None when the image cannot be decoded or no pixel
    can reach ``limit``."""
    try:
        pil = image.as_pil_image()
    except Exception:  # filters and bit depths Pillow cannot decode (JBIG2, 16-bit, …)
        return None
    if pil.mode != "CMYK":
        return None
    extrema: Any = pil.getextrema()  # (low, high) per plate
    peaks = [hi for _lo, hi in extrema]
    if sum(peaks) * 100 / 255 <= limit + 1e-6:
        return None  # even the darkest values of each plate together stay under the limit
    c, m, y, k = (band.convert("I") for band in pil.split())
    total: Any = ImageMath.lambda_eval(lambda a: a["c"] + a["m"] + a["y"] + a["k"], c=c, m=m, y=y, k=k)
    assert isinstance(total, Image.Image)
    extrema = total.getextrema()  # (low, high) of the one band
    return float(extrema[1]) * 100 / 255
