"""Turn a resolved document into the story of a single-column edition: the digital edition's story, and for a
large-print layout what the office edition prints beside it that a screen edition leaves out — the clinic's
tagline, the call bar's words (questions, opening hours, the phone number) and the box to write the next
appointment in, with blanks and tick boxes sized for large handwriting. Nothing the office edition prints is
dropped from large print."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from handouts.errors import HandoutsError
from handouts.layout.digital import DigitalKit, digital_story
from handouts.layout.flowables import Stack
from handouts.layout.kit import FigureMaker
from handouts.layout.panels.appointment import FIELDS
from handouts.layout.panels.base import PanelContext
from handouts.layout.styles import Styles
from handouts.layout.tagging import Artifact, Elem, Marker, SpacedParagraph, Tagged
from handouts.load.project import Project
from handouts.resolve import Resolved
from handouts.xmltext import escape

ROOM = 1.6  # a blank to write in is this many lines of the label's leading tall: room for large handwriting
NOTE_LINES = 3  # lines to write notes on
GAP = 10.0  # points between a label and its blank, or a tick box and its label
RULE = 1.0  # points: the line to write on
BOX_RULE = 1.5  # points: the tick box's outline


def continuous_story(project: Project, r: Resolved, styles: Styles, page: PanelContext, marker: Marker,
                     figure: FigureMaker | None = None) -> tuple[list[Flowable], Elem]:
    """The story of a continuous layout and its structure tree: the digital story, with the large-print parts
    when the layout is a large-print one (the call bar and the appointment box only for a document whose own
    layout has them)."""
    story, root = digital_story(r, styles, page, marker, figure)
    if not r.layout.large_print:
        return story, root
    own = project.layout(r.document.layout).model
    roles = {panel.role for p in own.pages for panel in p.panels}
    parts = LargePrintParts(r, styles, marker, story, root)
    if r.contact.tagline:
        parts.tagline()
    if "callbar" in roles:
        parts.call_bar()
    if "appointment" in roles:
        parts.appointment()
    return story, root


class WriteIn(Flowable):
    """A label with room to write in: a line beside it (``line``), lines under it (``notes``), or a tick box
    before it (``tick``). The label is tagged with its own structure element; the lines and the box are page
    furniture, marked as an artifact."""

    def __init__(self, label: Tagged, label_width: float, mode: str, leading: float, color: Any):
        super().__init__()
        self.label, self.label_width, self.mode = label, label_width, mode
        self.leading, self.color = leading, color
        self.row = leading * ROOM
        self.box = leading * 0.75  # a tick box about as tall as a capital and a half

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        if self.mode == "tick":
            _, self.label_h = self.label.wrap(aw - self.box - GAP, ah)
            self.height = max(self.label_h, self.row)
        else:
            _, self.label_h = self.label.wrap(aw, ah)
            # A label too wide to leave a usable line beside it gets its line under it.
            beside = self.mode == "line" and self.label_width + GAP <= aw * 0.6
            self.lines_under = 0 if beside else (NOTE_LINES if self.mode == "notes" else 1)
            self.height = max(self.label_h, self.row) if beside else self.label_h + self.lines_under * self.row
        return self.width, self.height

    def split(self, aw: float, ah: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        canv, box = self.canv, self.box
        if self.mode == "tick":
            self.label.drawOn(canv, box + GAP, self.height - self.label_h)
        else:
            self.label.drawOn(canv, 0, self.height - self.label_h)
        # The label's first baseline, as ReportLab sets it: the font's size below the top of its line.
        baseline = self.height - self.label.inner.style.fontSize
        with Artifact(canv):
            canv.saveState()
            canv.setStrokeColor(self.color)
            if self.mode == "tick":
                canv.setLineWidth(BOX_RULE)
                canv.rect(0, baseline - 3, box, box, stroke=1, fill=0)
            elif not self.lines_under:
                canv.setLineWidth(RULE)
                canv.line(self.label_width + GAP, baseline - 4, self.width, baseline - 4)
            else:
                canv.setLineWidth(RULE)
                for n in range(1, self.lines_under + 1):
                    y = self.height - self.label_h - n * self.row + 4
                    canv.line(0, y, self.width, y)
            canv.restoreState()


class LargePrintParts:
    """Adds the large-print parts to a digital story, each tagged and set where a reader of the office edition
    meets it: the tagline under the clinic's name, the call bar's words after the main message, the appointment
    box after the last block (before the contact details)."""

    def __init__(self, r: Resolved, styles: Styles, marker: Marker, story: list[Flowable], root: Elem):
        self.r, self.styles, self.marker, self.story, self.root = r, styles, marker, story, root

    def _insert(self, before: Elem, elems: list[Elem], flowables: list[Flowable]) -> None:
        """Put new structure elements before ``before`` in the tree, and their flowables before its first."""
        index = next((i for i, f in enumerate(self.story) if _within(f, before)), None)
        if index is None or before not in self.root.children:
            raise HandoutsError(f"{self.r.job.label}: the digital story lacks the element the large-print parts "
                                f"go before ({before.tag}); please report this")
        at = self.root.children.index(before)
        self.root.children[at:at] = elems
        self.story[index:index] = flowables

    def _anchor(self, tag: str, nth: int = 0) -> Elem:
        found = [e for e in self.root.children if e.tag == tag]
        if not found or abs(nth) > len(found) - (0 if nth < 0 else 1):
            raise HandoutsError(f"{self.r.job.label}: the digital story has no {tag} to set the large-print "
                                f"parts by; please report this")
        return found[nth]

    def _kit(self, parts: list[Flowable]) -> DigitalKit:
        return DigitalKit(self.styles, self.marker, parts, self.root)

    def tagline(self) -> None:
        """The clinic's tagline under its name, as on the brochure's cover."""
        parts: list[Flowable] = []
        holder = Elem("Div")
        self._kit(parts).para(holder, "P", escape(self.r.contact.tagline), "tagline")
        self._insert(self._anchor("H1"), holder.children, parts)

    def call_bar(self) -> None:
        """The call bar's words, after the main message: who to call with questions, the opening hours and the
        phone number (a live link)."""
        r = self.r
        parts: list[Flowable] = []
        section = Elem("Sect")
        kit = self._kit(parts)
        kit.para(section, "H2", escape(r.t("questions")), "contact_heading", keep=True)
        kit.para(section, "P", escape(r.t("call_us_open", hours="; ".join(r.contact.hours))), "contact")
        kit.para(section, "P", f'<a href="tel:{escape(r.contact.phone.replace(" ", ""))}">'
                               f'{escape(r.contact.phone)}</a>', "phone", alt=f"{r.t('call')} {r.contact.phone}")
        self._insert(self._anchor("Sect"), [section], [Stack(parts)])

    def appointment(self) -> None:
        """The box to write the next appointment in: date, time and with whom, the areas treated as tick boxes
        and notes, kept on one page."""
        r, styles = self.r, self.styles
        section = Elem("Sect")
        parts: list[Flowable] = []
        kit = self._kit(parts)
        kit.para(section, "H2", escape(r.t("next_appointment")), "heading", keep=True)
        style = styles["contact"]
        color = styles.palette.text("text", style.fontSize)
        labels = dict(FIELDS)

        def write_in(parent: Elem, text: str, mode: str, tag: str = "P") -> WriteIn:
            label = Tagged(SpacedParagraph(escape(text), style), parent.add(tag), self.marker)
            return WriteIn(label, stringWidth(text, style.fontName, style.fontSize), mode, style.leading, color)

        for key in ("next_appointment_date", "next_appointment_time", "therapist"):
            parts.append(write_in(section, r.t(labels[key]), "line"))
        areas = list(r.topic.treated_areas)
        if areas:
            kit.para(section, "P", escape(r.t("areas")), "contact", keep=True)
            listing = section.add("L")
            for area in areas:
                parts.append(write_in(listing.add("LI"), area, "tick", "LBody"))
        parts.append(write_in(section, r.t(labels["notes"]), "notes"))
        self._insert(self._anchor("Sect", -2), [section], [Stack(parts)])


def _within(flowable: Any, elem: Elem) -> bool:
    """Whether a story item draws marked content for ``elem`` or an element below it."""
    family = {id(e) for e in _descendants(elem)}
    return any(id(e) in family for e in _elems(flowable))


def _elems(flowable: Any) -> Iterator[Elem]:
    elem = getattr(flowable, "elem", None)
    if elem is not None:
        yield elem
    for part in getattr(flowable, "contents", ()):
        yield from _elems(part)


def _descendants(elem: Elem) -> Iterator[Elem]:
    yield elem
    for child in elem.children:
        yield from _descendants(child)
