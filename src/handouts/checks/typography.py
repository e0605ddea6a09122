"""Turn the layouts every edition sets documents in, and the brand colours, into type findings: each layout held
to its own minimum — a brochure's panels to its ``min_font_size``, a sheet or single-column page to 12 pt or
more, a large-print layout to the large-print standard (running text 18 pt, nothing under 16 pt, 1.5× leading,
WCAG AAA contrast) — in every language it sets, and every style's colour against the colour it sits on for
every clinic's and location's palette (WCAG 2.1 AA, or AAA in large print)."""

from __future__ import annotations

from dataclasses import dataclass

from handouts.checks.report import CheckOptions, Collector
from handouts.editions import largeprint
from handouts.layout.color import luminance
from handouts.load.models import Layout, Style, hex_to_rgb
from handouts.load.project import Loaded, Project
from handouts.load.yamlio import Loc
from handouts.resolve.contact import merge_brand

SHEET_MINIMUM = 12.0
RUNNING_TEXT_STYLES = ("body", "list", "callout", "contact")
SPACED_STYLES = (*RUNNING_TEXT_STYLES, "small")  # text that runs over several lines: large print spaces it 1.5×


def contrast(foreground: str, background: str) -> float:
    """WCAG 2.1 contrast ratio of two #RRGGBB colours."""
    a, b = luminance(hex_to_rgb(foreground)), luminance(hex_to_rgb(background))
    hi, lo = max(a, b), min(a, b)
    return (hi + 0.05) / (lo + 0.05)


@dataclass(frozen=True)
class Standard:
    """What one layout's type must meet."""

    running: float  # running text (body, lists, call-outs, contact details), points
    smallest: float | None = None  # every style, points
    leading: float | None = None  # running text and small print: leading at least this many times the size
    contrast: tuple[float, float] = (4.5, 3.0)  # normal text, large text (18 pt, or 14 pt bold)
    label: str = ""  # appended to messages: " (large print)"

    @classmethod
    def of(cls, layout: Layout) -> Standard:
        if layout.large_print:
            return cls(max(layout.min_font_size, largeprint.BODY), largeprint.SMALLEST, largeprint.LEADING,
                       (largeprint.CONTRAST, largeprint.CONTRAST_LARGE), " (large print)")
        return cls(layout.min_font_size if layout.folded else max(layout.min_font_size, SHEET_MINIMUM))


def edition_layouts(project: Project) -> list[str]:
    """Every layout a document is set in by some edition: its own (office, print and form), its digital layout
    and its large-print layout. A missing single-column layout is reported apart, not listed."""
    used = {name for doc in project.documents.values()
            for name in (doc.value.layout, doc.value.digital_layout, doc.value.large_print_layout)}
    return sorted(name for name in used if name in project.layouts)


def check_type_and_contrast(project: Project, options: CheckOptions, out: Collector) -> None:
    _edition_layouts_exist(project, out)
    for name in edition_layouts(project):
        layout = project.layouts[name]
        lay, src = layout.value, layout.source
        standard = Standard.of(lay)
        if lay.large_print:
            _large_print_shape(name, layout, out)
        elif not lay.folded and lay.min_font_size < SHEET_MINIMUM:
            out.add("error", "type-size", f"layout '{name}' allows {lay.min_font_size:g} pt body text; sheets and "
                                          f"handouts need at least {SHEET_MINIMUM:g} pt",
                    f"set min_font_size: {SHEET_MINIMUM:g}pt or more", src, ("min_font_size",))
        _sizes(name, layout, standard, out)
        _contrast(project, name, lay, standard, out)


def _edition_layouts_exist(project: Project, out: Collector) -> None:
    """A document's digital or large-print layout must exist when the document names it; the large-print one
    must declare itself large print. (Left at their defaults, a missing one only means that edition cannot be
    made: noted.)"""
    for doc_name, doc in sorted(project.documents.items()):
        d, src = doc.value, doc.source
        for key, name, edition in (("digital_layout", d.digital_layout, "digital"),
                                   ("large_print_layout", d.large_print_layout, "large-print")):
            named = key in d.model_fields_set
            if name not in project.layouts:
                if named:
                    out.add("error", "unknown-layout", f"{key} names layout '{name}', which the project lacks",
                            f"add layouts/{name}.yaml, or name one of: {', '.join(sorted(project.layouts))}", src,
                            (key,))
                else:
                    out.add("info", "no-edition-layout",
                            f"{doc_name}: no layout '{name}', so its {edition} edition cannot be made",
                            f"add layouts/{name}.yaml", src, ("layout",))
            elif key == "large_print_layout" and not project.layouts[name].value.large_print:
                out.add("error", "large-print", f"{doc_name}: its large-print edition is set in layout '{name}', "
                                                f"which is not a large-print layout (no large_print: true)",
                        f"name a large-print layout in large_print_layout:, or declare layouts/{name}.yaml large "
                        f"print and meet the standard", src, (key,) if named else ("layout",))


def _large_print_shape(name: str, layout: Loaded[Layout], out: Collector) -> None:
    lay, src = layout.value, layout.source
    if not lay.continuous:
        out.add("error", "large-print", f"layout '{name}' is declared large print but is not one column read top "
                                        f"to bottom", "set continuous: true (one flow panel, pages as needed)",
                src, ("large_print",))
    if lay.min_font_size < largeprint.BODY - 0.01:
        out.add("error", "type-size", f"layout '{name}' allows {lay.min_font_size:g} pt body text; large print "
                                      f"needs at least {largeprint.BODY:g} pt",
                f"set min_font_size: {largeprint.BODY:g}pt or more", src, ("min_font_size",))


def _sizes(name: str, layout: Loaded[Layout], standard: Standard, out: Collector) -> None:
    """Each style, and each language's change to it, against the layout's standard."""
    lay, src = layout.value, layout.source
    variants: list[tuple[str, Style, Loc, str]] = [(s, lay.styles[s], ("styles", s), "") for s in lay.styles]
    for lang in lay.language_styles:
        styles = lay.styles_for(lang)
        variants += [(s, styles[s], ("language_styles", lang, s), f" in '{lang}'") for s in lay.language_styles[lang]]
    for style_name, style, loc, lang in variants:
        size = style.size
        where = f"layout '{name}': style '{style_name}'{lang}"
        if style_name in RUNNING_TEXT_STYLES and size < standard.running - 0.01:
            out.add("error", "type-size", f"{where} is {size:g} pt; the minimum is {standard.running:g} pt"
                                          f"{standard.label}",
                    f"set {_dotted(loc)}.size to {standard.running:g}pt or more", src, loc)
        elif standard.smallest is not None and size < standard.smallest - 0.01:
            out.add("error", "type-size", f"{where} is {size:g} pt; large print sets nothing under "
                                          f"{standard.smallest:g} pt (small print, labels and page numbers included)",
                    f"set {_dotted(loc)}.size to {standard.smallest:g}pt or more", src, loc)
        leading = style.leading or size * 1.25
        if standard.leading is not None and style_name in SPACED_STYLES and leading < standard.leading * size - 0.01:
            out.add("error", "leading", f"{where} has {leading:g} pt leading on {size:g} pt text "
                                        f"({leading / size:.2f}×); large print spaces lines at least "
                                        f"{standard.leading:g}× their size",
                    f"set {_dotted(loc)}.leading to {standard.leading * size:g}pt or more", src, loc)


def _dotted(loc: Loc) -> str:
    return ".".join(str(part) for part in loc)


def _contrast(project: Project, name: str, lay: Layout, standard: Standard, out: Collector) -> None:
    normal, large_needed = standard.contrast
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
                needed = large_needed if large else normal
                if ratio + 1e-9 < needed:
                    who = f"location '{loc.id}'" if own & {fg, bg} else f"clinic '{clinic.name}'"
                    loc_path = (("locations", clinic.value.locations.index(loc), "brand", "colors", fg)
                                if fg in own else ("brand", "colors", fg))
                    level = " in large print (WCAG 2.1 AAA)" if lay.large_print else ""
                    out.add("error", "contrast",
                            f"style '{style_name}' of layout '{name}': brand colour '{fg}' {colors[fg].hex} on "
                            f"'{bg}' {colors[bg].hex} has contrast {ratio:.2f}:1; {style.size:g} pt "
                            f"{'bold ' if style.bold else ''}text needs {needed:g}:1{level} ({who})",
                            f"darken '{fg}' or lighten '{bg}' (WCAG 2.1 {'AAA' if lay.large_print else 'AA'}), or "
                            f"give the style other colours in layouts/{name}.yaml", clinic.source, loc_path)
