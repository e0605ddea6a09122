"""Turn layouts and brand colours into type findings: body text under the minimum size (12 pt on sheets, the
layout's minimum in panels, 18 pt for large print), and any style whose colour has too little contrast with
the colour it sits on, for every clinic's and location's palette (WCAG 2.1 AA)."""

from __future__ import annotations

from handouts.checks.report import LARGE_PRINT, CheckOptions, Collector
from handouts.layout.color import luminance
from handouts.load.models import hex_to_rgb
from handouts.load.project import Project
from handouts.resolve.contact import merge_brand

SHEET_MINIMUM = 12.0
RUNNING_TEXT_STYLES = ("body", "list", "callout", "contact")


def contrast(foreground: str, background: str) -> float:
    """WCAG 2.1 contrast ratio of two #RRGGBB colours."""
    a, b = luminance(hex_to_rgb(foreground)), luminance(hex_to_rgb(background))
    hi, lo = max(a, b), min(a, b)
    return (hi + 0.05) / (lo + 0.05)


def check_type_and_contrast(project: Project, options: CheckOptions, out: Collector) -> None:
    used = {d.value.layout for d in project.documents.values()}
    for name in sorted(used):
        layout = project.layouts[name]
        lay, src = layout.value, layout.source
        minimum = lay.min_font_size if lay.folded else max(lay.min_font_size, SHEET_MINIMUM)
        if not lay.folded and lay.min_font_size < SHEET_MINIMUM:
            out.add("error", "type-size", f"layout '{name}' allows {lay.min_font_size:g} pt body text; sheets and "
                                          f"handouts need at least {SHEET_MINIMUM:g} pt",
                    f"set min_font_size: {SHEET_MINIMUM:g}pt or more", src, ("min_font_size",))
        if options.large_print:
            minimum = LARGE_PRINT
        for style_name in RUNNING_TEXT_STYLES:
            style = lay.styles[style_name]
            if style.size < minimum - 0.01:
                out.add("error", "type-size", f"layout '{name}': style '{style_name}' is {style.size:g} pt; the "
                                              f"minimum is {minimum:g} pt"
                                              + (" (large print)" if options.large_print else ""),
                        f"set styles.{style_name}.size to {minimum:g}pt or more", src, ("styles", style_name))
        checked: set[tuple[str, tuple[tuple[str, str], ...]]] = set()
        for clinic in project.clinics.values():
            for loc in clinic.value.locations:
                own = set(loc.brand.colors) if loc.brand else set()
                colors = merge_brand(clinic.value.brand, loc.brand).colors  # roles made for its own colours
                # Most locations share their clinic's colours: check each distinct palette once.
                key = (clinic.name, tuple(sorted((k, v.hex) for k, v in colors.items())))
                if key in checked:
                    continue
                checked.add(key)
                for style_name, style in sorted(lay.styles.items()):
                    fg, bg = style.color, style.surface
                    if fg not in colors or bg not in colors:
                        continue
                    ratio = contrast(colors[fg].hex, colors[bg].hex)
                    large = style.size >= 18 or (style.bold and style.size >= 14)
                    needed = 3.0 if large else 4.5
                    if ratio + 1e-9 < needed:
                        who = f"location '{loc.id}'" if own & {fg, bg} else f"clinic '{clinic.name}'"
                        loc_path = (("locations", clinic.value.locations.index(loc), "brand", "colors", fg)
                                    if fg in own else ("brand", "colors", fg))
                        out.add("error", "contrast",
                                f"style '{style_name}' of layout '{name}': brand colour '{fg}' {colors[fg].hex} on "
                                f"'{bg}' {colors[bg].hex} has contrast {ratio:.2f}:1; {style.size:g} pt "
                                f"{'bold ' if style.bold else ''}text needs {needed:g}:1 ({who})",
                                f"darken '{fg}' or lighten '{bg}' (WCAG 2.1 AA), or give the style other "
                                f"colours in layouts/{name}.yaml", clinic.source, loc_path)
