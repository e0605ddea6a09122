"""Turn the back panel into the brochure's call to action: the back slot's blocks, the location's contact
details, a QR code to its booking page, and the small print at the foot."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Spacer

from handouts.layout.fitting import stack
from handouts.layout.flowables import Address
from handouts.layout.geometry import Box, PlacedPanel
from handouts.layout.graphics import draw_qr
from handouts.layout.kit import PanelKit
from handouts.layout.panels.base import PanelContext, PanelRole, short_url
from handouts.layout.smallprint import smallprint_flowables

QR_SIZE = 1.05 * 72  # 2.7 cm: phones read a code of 2.5 cm or more at arm's length


def contact_flowables(page: PanelContext) -> list[Flowable]:
    """The clinic and location, the street lines (wrapped where long), the phone (kept whole; a long one
    with an extension may put the extension on the next line), the e-mail address and the opening hours."""
    r = page.r
    out: list[Flowable] = [page.text(r.clinic.name, "contact_heading"), page.text(r.contact.name, "contact")]
    out += [page.text(line, "contact") for line in r.contact.address]
    out.append(page.text(r.contact.phone, "phone"))
    out.append(Address(r.contact.email, page.styles["contact"], f"mailto:{r.contact.email}", "e-mail address"))
    out += [page.text(line, "contact") for line in r.contact.hours]
    return out


class QRBlock(Flowable):
    """A QR code to the booking URL, with its label and the URL in words beside it."""

    def __init__(self, page: PanelContext):
        super().__init__()
        self.page = page
        self.size = QR_SIZE
        r = page.r
        self.label = page.para(f"<b>{escape(r.t('scan_to_book'))}</b>", "contact")
        self.url = Address(short_url(r.contact.booking_url), page.styles["small"], r.contact.booking_url,
                           "booking address")

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.text_w = aw - self.size - 8
        h = self.label.wrap(self.text_w, ah)[1] + 4 + self.url.wrap(self.text_w, ah)[1]
        self.width, self.height = aw, max(self.size, h)
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
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
    small = smallprint_flowables(page.r, page.styles)
    used = stack(canv, small, c, page.label, p.panel.name, anchor="bottom")
    kit = PanelKit(page.styles)
    upper: list[Flowable] = []
    for block in page.r.slots.get("back", []):
        upper += kit.block(block)
    upper += [Spacer(1, 6), *contact_flowables(page), Spacer(1, 8), QRBlock(page)]
    stack(canv, upper, Box(c.x, c.y + used + 10, c.w, c.h - used - 10), page.label, p.panel.name)


ROLE = PanelRole("back", paint)
