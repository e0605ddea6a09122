"""Turn a sheet's appointment panel into a box to write the next appointment in: date, time and therapist, the
areas treated as tick boxes, and notes. A fillable edition makes each blank a form field (the lines stay, so
the sheet still prints blank). Tagged, it is a section headed by its title: each label a paragraph followed by
its field's Form element; lines and boxes are artifacts."""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from handouts.errors import HandoutsError, LayoutOverflow
from handouts.layout.geometry import Box, PlacedPanel
from handouts.layout.glyphs import covered
from handouts.layout.panels.base import PanelContext, PanelRole, here
from handouts.layout.tagging import Elem, text

# Form fields, in reading order: name and the string that labels it. The tooltip (the field's accessible
# description) is "<Your next appointment>: <label>" in the document's language.
FIELDS = (("next_appointment_date", "date"), ("next_appointment_time", "time"), ("therapist", "with"),
          ("notes", "notes"))

def paint(page: PanelContext, canv: Canvas, p: PlacedPanel) -> None:
    """A box to write the next appointment in: date, time and therapist; the areas treated as tick boxes;
    notes. With a fillable edition each blank is a form field (lines stay, for printing blank)."""
    c = p.content
    box = Box(c.x, c.y + 6, c.w, c.h - 12)
    canv.saveState()
    canv.setStrokeColor(page.palette("primary"))
    canv.setLineWidth(1.5)
    canv.roundRect(box.x, box.y, box.w, box.h, 8, stroke=1, fill=0)
    canv.restoreState()
    inner = box.inset(12)
    section = here(canv).add("Sect")
    title = page.text(page.r.t("next_appointment"), "contact_heading", section.add("H2"))
    _, th = title.wrap(inner.w, inner.h)
    title.drawOn(canv, inner.x, inner.top - th)
    style = page.styles["contact"]
    font, size = style.fontName, style.fontSize
    areas = list(page.r.topic.treated_areas)
    area_lines = _area_lines(page, canv, areas, inner.w, font, size) if areas else []
    rows = 2 + len(area_lines)
    row_h = (inner.h - th - 4) / rows
    if row_h < size + 4:
        raise LayoutOverflow(page.label, p.panel.name, "(the panel's own text)", (size + 4 - row_h) * rows)
    baselines = [inner.top - th - 4 - (i + 1) * row_h + 5 for i in range(rows)]
    heading = page.r.t("next_appointment")
    fields = {key: (label, f"{heading}: {page.r.t(label)}") for key, label in FIELDS}
    values = dict(page.settings.fill)

    def blank(key: str, x: float, base: float, right: float) -> None:
        label, tip = fields[key]
        words = page.r.t(label)
        labelled, field = section.add("P"), section.add("Form")
        with text(canv, labelled, annots=field):
            canv.setFont(font, size)
            canv.setFillColor(style.textColor)
            canv.drawString(x, base + 3, words)
            start = x + canv.stringWidth(words, font, size) + 6
            canv.setStrokeColor(page.palette("muted"))
            canv.setLineWidth(0.75)
            canv.line(start, base, right, base)
            value = values.get(key, "")
            if page.settings.fillable and not page.settings.flatten:
                canv.acroForm.textfield(name=key, tooltip=tip, value=value, x=start, y=base - 2,
                                        width=right - start, height=size + 6, borderWidth=0, fillColor=None,
                                        borderColor=None, textColor=None, fontName="Helvetica", fontSize=size - 1,
                                        forceBorder=False, relative=False)
                return
        if value:
            lacking = sorted({ch for ch in value if not ch.isspace() and ord(ch) not in covered(font)})
            if lacking:  # no tofu box reaches paper
                raise HandoutsError(f"{page.label}: the {words} value has characters the sheet's font cannot "
                                    f"print: {', '.join(f'{ch!r} (U+{ord(ch):04X})' for ch in lacking)}")
            over = start + 4 + canv.stringWidth(value, font, size) - right
            if over > 0:  # a printed value is never clipped or run past its blank
                raise LayoutOverflow(page.label, p.panel.name, f"the {words} value", over, advice="shorten it")
            with text(canv, section.add("P")):
                canv.setFillColor(page.palette.text("primary_text", size))
                canv.drawString(start + 4, base + 3, value)

    canv.saveState()
    third = inner.w / 3
    for j, key in enumerate(("next_appointment_date", "next_appointment_time", "therapist")):
        blank(key, inner.x + j * third, baselines[0], inner.x + (j + 1) * third - 12)
    if areas:
        _areas(page, canv, area_lines, inner, baselines[1:-1], font, size, values, section)
    blank("notes", inner.x, baselines[-1], inner.right)
    canv.restoreState()

def _area_lines(page: PanelContext, canv: Canvas, areas: list[str], width: float, font: str, size: float
                ) -> list[list[tuple[int, str, float]]]:
    """The tick boxes laid out in lines after the 'Areas treated' label: [(index, area, x offset), …]."""
    label_w = canv.stringWidth(page.r.t("areas"), font, size) + 10
    lines: list[list[tuple[int, str, float]]] = [[]]
    x = label_w
    for index, area in enumerate(areas):
        item_w = size + 4 + canv.stringWidth(area, font, size)
        if lines[-1] and x + item_w > width:
            lines.append([])
            x = label_w
        lines[-1].append((index, area, x))
        x += item_w + 14
    return lines

def _areas(page: PanelContext, canv: Canvas, lines: list[list[tuple[int, str, float]]], inner: Box,
           bases: list[float], font: str, size: float, values: dict[str, str], section: Elem) -> None:
    """'Areas treated' and a tick box per muscle from the topic; a check box field each when fillable (each
    area's name a paragraph, its box a Form element after it)."""
    label = page.r.t("areas")
    text_color = page.styles["contact"].textColor
    canv.setFont(font, size)
    canv.setFillColor(text_color)
    with text(canv, section.add("P")):
        canv.drawString(inner.x, bases[0] + 3, label)
    ticked = {v.strip().lower() for v in values.get("areas", "").split(",") if v.strip()}
    box = size
    for line, base in zip(lines, bases, strict=True):
        for index, area, offset in line:
            x = inner.x + offset
            key = f"area_{index + 1}"
            on = area.lower() in ticked or key in ticked
            named, field = section.add("P"), section.add("Form")
            with text(canv, named, annots=field):
                _tick(page, canv, key, label, area, x, base, box, on)
                canv.setFillColor(text_color)
                canv.drawString(x + box + 4, base + 3, area)


def _tick(page: PanelContext, canv: Canvas, key: str, label: str, area: str, x: float, base: float, box: float,
          on: bool) -> None:
    """A tick box: a check box field (fillable), or drawn, ticked when the area was given."""
    if page.settings.fillable and not page.settings.flatten:
        canv.acroForm.checkbox(name=key, tooltip=f"{label}: {area}", x=x, y=base, size=box, buttonStyle="check",
                               checked=on, borderColor=page.palette("muted"), fillColor=None, relative=False,
                               borderWidth=0.75)
        return
    canv.setStrokeColor(page.palette("muted"))
    canv.setLineWidth(0.75)
    canv.rect(x, base, box, box, stroke=1, fill=0)
    if on:
        canv.setStrokeColor(page.palette("primary_text"))
        canv.setLineWidth(1.5)
        canv.line(x + 2, base + box / 2, x + box / 2.5, base + 2)
        canv.line(x + box / 2.5, base + 2, x + box - 2, base + box - 2)


ROLE = PanelRole("appointment", paint)
