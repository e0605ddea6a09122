"""Turn one clinic location into the dry-needling tri-fold brochure, written by hand in plain ReportLab."""

from __future__ import annotations

import io
import re
import sys
import time
from pathlib import Path
from xml.sax.saxutils import escape

import segno
import yaml
from reportlab.lib.colors import HexColor, white
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    ListFlowable,
    ListItem,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

REPO = Path(__file__).resolve().parent.parent
TOPIC = REPO / "content" / "topics" / "dry-needling-sciatica"
FONTS = REPO / "fonts" / "AtkinsonHyperlegibleNext"
LOGO_FILE = REPO / "content" / "clinics" / "assets" / "smith-jones-mark.png"
# The brand also has this vector logo, and handouts prefers it: render(..., logo="svg") draws it instead.
LOGO_SVG = REPO / "content" / "clinics" / "assets" / "smith-jones-mark.svg"

# ------------------------------------------------------------------------------------------ set up once

for face, file in (("Atkinson", "Regular"), ("Atkinson-Bold", "Bold"), ("Atkinson-Italic", "Italic"),
                   ("Atkinson-BoldItalic", "BoldItalic")):
    pdfmetrics.registerFont(TTFont(face, str(FONTS / f"AtkinsonHyperlegibleNext-{file}.ttf")))
pdfmetrics.registerFontFamily("Atkinson", normal="Atkinson", bold="Atkinson-Bold", italic="Atkinson-Italic",
                              boldItalic="Atkinson-BoldItalic")
LOGO = ImageReader(str(LOGO_FILE))
_vector_logo = []


def vector_logo():
    if not _vector_logo:
        from svglib.svglib import svg2rlg

        _vector_logo.append(svg2rlg(str(LOGO_SVG)))
    return _vector_logo[0]

PRIMARY, ACCENT, TEXT = HexColor("#0B5563"), HexColor("#D9692B"), HexColor("#1B1F24")
MUTED, TINT = HexColor("#4A5560"), HexColor("#E6F1F3")
IN = 72.0
PAGE_W, PAGE_H = 11 * IN, 8.5 * IN
PAD = 0.25 * IN
PANELS = [3.625 * IN, 3.6875 * IN, 3.6875 * IN]  # outside: flap | back | cover
INSIDE = [3.6875 * IN, 3.6875 * IN, 3.625 * IN]  # inside: three panels, narrow fold-in panel on the right


def style(name, size, leading, color=TEXT, bold=False, italic=False, before=0, after=0, align=0):
    font = "Atkinson" + ("-Bold" if bold else "") + ("Italic" if italic and bold else "-Italic" if italic else "")
    return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading, textColor=color,
                          spaceBefore=before, spaceAfter=after, alignment=align, allowWidows=0, allowOrphans=0,
                          splitLongWords=1)


BODY = style("body", 11, 13.5, after=4)
HEADING = style("heading", 15, 18, PRIMARY, bold=True, before=8, after=3)
SUBHEADING = style("subheading", 12, 15, bold=True, before=4, after=2)
LIST = style("list", 11, 13.5, after=2)
CALLOUT_TITLE = style("callout_title", 11.5, 14, PRIMARY, bold=True, after=2)
CALLOUT = style("callout", 11, 14, before=0, after=3)
SMALL = style("small", 7.5, 9.5, MUTED, after=3)
COVER_TITLE = style("cover_title", 30, 34, white, bold=True)
COVER_SUBTITLE = style("cover_subtitle", 14, 18, white, before=10)
TAGLINE = style("tagline", 11, 14, MUTED, italic=True, align=1)
CLINIC_NAME = style("clinic_name", 16, 19, PRIMARY, bold=True, before=6, align=1)
CONTACT = style("contact", 11, 14)
CONTACT_HEADING = style("contact_heading", 13, 16, PRIMARY, bold=True, after=2)
PHONE = style("phone", 17, 21, PRIMARY, bold=True, before=4, after=4)


def markup(text: str) -> str:
    """**bold** and [text](url) as paragraph markup; everything else escaped."""
    text = escape(" ".join(text.split()))
    text = re.sub(r"\[([^\]]+)\]\(([^)]+)\)", r'<a href="\2"><u>\1</u></a>', text)
    return re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)


def load(name: str) -> dict:
    return yaml.safe_load((TOPIC / f"{name}.yaml").read_text(encoding="utf-8"))


BROCHURE = yaml.safe_load((REPO / "content" / "documents" / "dry-needling-brochure.yaml").read_text("utf-8"))
FLOW = [load(name) for name in BROCHURE["slots"]["flow"]]
CALL_TO_ACTION = load("call_to_action")
DISCLAIMER = load("disclaimer")
TOPIC_INFO = load("topic")
CLINIC = yaml.safe_load((REPO / "content" / "clinics" / "smith-jones.yaml").read_text("utf-8"))
# Texts a clinic may write per language: the baseline draws the English brochure.
CLINIC = {k: (v["en"] if isinstance(v, dict) and "en" in v else v) for k, v in CLINIC.items()}
GOV = TOPIC_INFO["governance"]
GOVERNANCE = (f"{GOV['code']} · Version {GOV['version']} · Published {GOV['published']:%B} {GOV['published'].day}, "
              f"{GOV['published'].year} · Next review {GOV['next_review']:%B} {GOV['next_review'].day}, "
              f"{GOV['next_review'].year} · Draft: not yet reviewed by a clinician")


# ------------------------------------------------------------------------------------------ per brochure


def bullets(entries, fill, numbered=False, st=LIST):
    kind = {"bulletType": "1", "bulletFormat": "%s.", "bulletFontName": "Atkinson-Bold"} if numbered else \
        {"bulletType": "bullet", "start": "•", "bulletFontName": "Atkinson"}
    return ListFlowable([ListItem(Paragraph(fill(e), st), spaceAfter=st.spaceAfter) for e in entries],
                        leftIndent=st.fontSize * 1.25, bulletFontSize=st.fontSize, bulletColor=PRIMARY,
                        bulletDedent="auto", spaceAfter=st.spaceAfter, **kind)


def callout(c, fill):
    inner = [Paragraph(fill(c["title"]), CALLOUT_TITLE)] if c.get("title") else []
    if c.get("text"):
        inner.append(Paragraph(fill(c["text"]), CALLOUT))
    if c.get("bullets"):
        inner.append(bullets(c["bullets"], fill, st=CALLOUT))
    table = Table([[inner]], colWidths=["100%"])
    table.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, -1), TINT),
        ("LINEBEFORE", (0, 0), (0, -1), 4 if c.get("tone") == "urgent" else 3, ACCENT),
        ("LEFTPADDING", (0, 0), (-1, -1), 9), ("RIGHTPADDING", (0, 0), (-1, -1), 7),
        ("TOPPADDING", (0, 0), (-1, -1), 6), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]))
    table.spaceBefore, table.spaceAfter = 4, 6
    return table


def block(b, fill):
    heading = Paragraph(fill(b["heading"]), HEADING)
    heading.keepWithNext = 1
    out = [heading]
    for item in b["body"]:
        if "p" in item:
            out.append(Paragraph(fill(item["p"]), BODY))
        elif "subheading" in item:
            sub = Paragraph(fill(item["subheading"]), SUBHEADING)
            sub.keepWithNext = 1
            out.append(sub)
        elif "bullets" in item:
            out.append(bullets(item["bullets"], fill))
        elif "steps" in item:
            out.append(bullets(item["steps"], fill, numbered=True))
        elif "callout" in item:
            out.append(callout(item["callout"], fill))
    return out


def qr(canv, url, x, y, size):
    """The booking URL's QR code (with its 4-module quiet zone) as one filled path."""
    matrix = segno.make(url, error="m", micro=False).matrix
    unit = size / (len(matrix) + 8)
    path = canv.beginPath()
    for r, row in enumerate(matrix):
        for c, dark in enumerate(row):
            if dark:
                path.rect(x + (c + 4) * unit, y + size - (r + 5) * unit, unit, unit)
    canv.setFillColor(TEXT)
    canv.drawPath(path, stroke=0, fill=1)


def render(location: dict, logo: str = "png") -> bytes:
    """The brochure for one location (name, address, phone, email, hours, booking_url) as PDF bytes; the logo is
    the brand's PNG, or its SVG with ``logo="svg"``."""
    name, phone, url = escape(location["name"]), escape(location["phone"]), escape(location["booking_url"])

    def fill(text):
        return (markup(text).replace("{{ location.name }}", name).replace("{{ location.phone }}", phone)
                .replace("{{ location.booking_url }}", url)
                .replace("{{ location.emergency_number }}", location.get("emergency_number", "911")))

    def outside(canv, doc):
        canv.saveState()
        # Back panel: small print at the bottom, call to action, contact details and QR code above it.
        x, w = PANELS[0] + PAD, PANELS[1] - 2 * PAD
        small = [Paragraph(fill(i["p"]), SMALL) for i in DISCLAIMER["body"]]
        small += [Paragraph(escape(CLINIC["disclaimer"]), SMALL), Paragraph(escape(GOVERNANCE), SMALL)]
        y = PAD
        for p in reversed(small):
            _, h = p.wrap(w, PAGE_H)
            p.drawOn(canv, x, y)
            y += h + SMALL.spaceAfter
        upper = block(CALL_TO_ACTION, fill) + [Spacer(1, 6), Paragraph(escape(CLINIC["name"]), CONTACT_HEADING),
                                               Paragraph(name, CONTACT)]
        upper += [Paragraph(escape(line), CONTACT) for line in location["address"]]
        email = escape(location["email"])
        upper += [Paragraph(phone, PHONE), Paragraph(f'<a href="mailto:{email}">{email}</a>', CONTACT)]
        upper += [Paragraph(escape(line), CONTACT) for line in location["hours"]]
        frame = Frame(x, y + 10, w, PAGE_H - PAD - y - 10, 0, 0, 0, 0)
        frame.addFromList(upper, canv)
        size = 1.05 * IN
        top = frame._y - 8
        qr(canv, location["booking_url"], x, top - size, size)
        label = Paragraph("<b>Scan to book online</b>", CONTACT)
        link = Paragraph(f'<a href="{url}">{escape(location["booking_url"].split("://", 1)[-1])}</a>', SMALL)
        _, lh = label.wrap(w - size - 8, size)
        label.drawOn(canv, x + size + 8, top - 12 - lh)
        _, uh = link.wrap(w - size - 8, size)
        link.drawOn(canv, x + size + 8, top - 16 - lh - uh)
        # Cover panel: logo, clinic name and tagline, a colour band with the title, the location at the foot.
        x0, x, w = PANELS[0] + PANELS[1], PANELS[0] + PANELS[1] + PAD, PANELS[2] - 2 * PAD
        logo_h = min(1.15 * IN, w * 0.45)
        if logo == "svg":
            from reportlab.graphics import renderPDF

            drawing = vector_logo()
            canv.saveState()
            canv.translate(x + (w - logo_h) / 2, PAGE_H - PAD - logo_h)
            canv.scale(logo_h / drawing.width, logo_h / drawing.height)
            renderPDF.draw(drawing, canv, 0, 0)
            canv.restoreState()
        else:
            canv.drawImage(LOGO, x + (w - logo_h) / 2, PAGE_H - PAD - logo_h, logo_h, logo_h, mask="auto")
        band_top, band_bottom = PAGE_H * 0.60, PAGE_H * 0.16
        Frame(x, band_top + 8, w, PAGE_H - PAD - logo_h - band_top - 8, 0, 0, 0, 0).addFromList(
            [Paragraph(escape(CLINIC["name"]), CLINIC_NAME), Paragraph(escape(CLINIC["tagline"]), TAGLINE)], canv)
        canv.setFillColor(PRIMARY)
        canv.rect(x0, band_bottom, PANELS[2], band_top - band_bottom, stroke=0, fill=1)
        Frame(x, band_bottom + PAD, w, band_top - band_bottom - 2 * PAD, 0, 0, 0, 0).addFromList(
            [Paragraph(escape(TOPIC_INFO["title"]), COVER_TITLE),
             Paragraph(markup(TOPIC_INFO["main_message"]), COVER_SUBTITLE)], canv)
        foot = [Paragraph(name, CONTACT_HEADING), Paragraph(f"Call {phone}", CONTACT)]
        y = PAD
        for p in reversed(foot):
            _, h = p.wrap(w, PAGE_H)
            p.drawOn(canv, x, y)
            y += h + p.style.spaceAfter
        canv.restoreState()

    buf = io.BytesIO()
    doc = BaseDocTemplate(buf, pagesize=(PAGE_W, PAGE_H), leftMargin=0, rightMargin=0, topMargin=0,
                          bottomMargin=0, title=f"{TOPIC_INFO['title']} – {CLINIC['name']}", author=CLINIC["name"],
                          lang="en-US", invariant=1, initialFontName="Atkinson", initialFontSize=10,
                          initialLeading=12)

    def panel(x, w):
        return Frame(x + PAD, PAD, w - 2 * PAD, PAGE_H - 2 * PAD, 0, 0, 0, 0)

    doc.addPageTemplates([
        PageTemplate("outside", [panel(0, PANELS[0])], onPage=outside, autoNextPageTemplate="inside"),
        PageTemplate("inside", [panel(0, INSIDE[0]), panel(INSIDE[0], INSIDE[1]),
                                panel(INSIDE[0] + INSIDE[1], INSIDE[2])]),
    ])
    story = []
    for b in FLOW:
        story += block(b, fill)
    doc.build(story)
    return buf.getvalue()


DEMO = {"name": "Pearl District, Portland", "address": ["1220 NW Lovejoy Street, Suite 200", "Portland, OR 97209"],
        "phone": "(503) 555-0142", "email": "pearl@smithjonesphysio.example",
        "hours": ["Mon–Fri 7am–7pm", "Sat 8am–1pm"],
        "booking_url": "https://smithjonesphysio.example/book/portland-pearl"}

def main(argv: list[str]) -> None:
    """``handwritten.py [N] [png|svg] [FILE.pdf]``: time N warm renders (each with its own booking URL)."""
    n = int(argv[0]) if argv else 50
    logo = argv[1] if len(argv) > 1 else "png"
    render(DEMO, logo)  # warm up
    times = []
    for i in range(n):
        loc = dict(DEMO, booking_url=f"{DEMO['booking_url']}?n={i}")
        start = time.perf_counter()
        data = render(loc, logo)
        times.append(time.perf_counter() - start)
    if len(argv) > 2:
        Path(argv[2]).write_bytes(data)
    times.sort()
    print(f"{n} brochures ({logo} logo): median {times[n // 2] * 1000:.1f} ms, mean {sum(times) / n * 1000:.1f} ms, "
          f"{len(data) // 1024} KB each")


if __name__ == "__main__":
    main(sys.argv[1:])
