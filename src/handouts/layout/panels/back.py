"""Turn the back panel into the brochure's call to action: the back slot's blocks, the location's contact
details, a QR code to its booking page, and the small print at the foot (read in that order)."""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Spacer

from handouts.layout.fitting import stack
from handouts.layout.flowables import Address, BlockMarker
from handouts.layout.geometry import Box, PlacedPanel
from handouts.layout.graphics import draw_qr
from handouts.layout.kit import PanelKit
from handouts.layout.panels.base import PanelContext, PanelRole, here, short_url
from handouts.layout.smallprint import smallprint_flowables
from handouts.layout.tagging import Elem, Tagged, figure
from handouts.xmltext import escape

QR_SIZE = 1.05 * 72  # 2.7 cm: phones read a code of 2.5 cm or more at arm's length


def contact_flowables(page: PanelContext, section: Elem) -> list[Flowable]:
    """The clinic and location, the street lines (wrapped where long), the phone (kept whole; a long one
    with an extension may put the extension on the next line), the e-mail address and the opening hours.
    Tagged, they fill ``section``, headed by the clinic's name."""
    r = page.r
    out: list[Flowable] = [page.text(r.clinic.name, "contact_heading", section.add("H2")),
                           page.text(r.contact.name, "contact", section.add("P"))]
    out += [page.text(line, "contact", section.add("P")) for line in r.contact.address]
    out.append(page.text(r.contact.phone, "phone", section.add("P")))
    out.append(Address(r.contact.email, page.styles["contact"], f"mailto:{r.contact.email}", "e-mail address",
                       section.add("P")))
    out += [page.text(line, "contact", section.add("P")) for line in r.contact.hours]
    return out


class QRBlock(Flowable):
    """A QR code to the booking URL, with its label and the URL in words beside it."""

    def __init__(self, page: PanelContext, parent: Elem | None = None):
        super().__init__()
        self.page = page
        self.size = QR_SIZE
        r = page.r
        parent = parent if parent is not None else Elem("")
        self.code = parent.add("Figure", alt=f"QR code: {r.t('scan_to_book').lower()} at {r.contact.booking_url}")
        self.label = page.para(f"<b>{escape(r.t('scan_to_book'))}</b>", "contact", parent.add("P"))
        self.url = Address(short_url(r.contact.booking_url), page.styles["small"], r.contact.booking_url,
                           "booking address", parent.add("P"))

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.text_w = aw - self.size - 8
        h = self.label.wrap(self.text_w, ah)[1] + 4 + self.url.wrap(self.text_w, ah)[1]
        self.width, self.height = aw, max(self.size, h)
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        with figure(canv, self.code):
            draw_qr(canv, self.page.r.contact.booking_url, 0, self.height - self.size, self.size,
                    self.page.palette("text"))
        x = self.size + 8
        _, lh = self.label.wrap(self.text_w, self.height)
        _, uh = self.url.wrap(self.text_w, self.height)
        y = self.height - min(12.0, self.height - lh - 4 - uh) - lh
        self.label.drawOn(canv, x, y)
        self.url.drawOn(canv, x, y - 4 - uh)


def paint(page: PanelContext, canv: Canvas, p: PlacedPanel) -> None:
    c = p.content
    panel = here(canv)  # read top to bottom: the blocks, the contact details and QR code, the small print
    kit = PanelKit(page.styles, parent=panel)
    upper: list[Flowable] = []
    for block in page.r.slots.get("back", []):
        upper += kit.block(block)
    section = panel.add("Sect")
    upper += [Spacer(1, 6), *contact_flowables(page, section), Spacer(1, 8), QRBlock(page, section)]
    small = smallprint(page, panel)
    used = stack(canv, small, c, page.label, p.panel.name, anchor="bottom")
    stack(canv, upper, Box(c.x, c.y + used + 10, c.w, c.h - used - 10), page.label, p.panel.name)


def smallprint(page: PanelContext, parent: Elem) -> list[Flowable]:
    """The small print, each paragraph a P of one group under ``parent``."""
    notes = parent.add("Div")
    return [f if isinstance(f, BlockMarker) else Tagged(f, notes.add("P"))
            for f in smallprint_flowables(page.r, page.styles)]


ROLE = PanelRole("back", paint)
