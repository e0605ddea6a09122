"""Turn a handouts job into the same brochure or aftercare sheet typeset by Typst: the text, contact details, logo
and colours from handouts' own API (``resolve``), the project's fonts, a segno QR code, one reused compiler.

    engine = TypstEngine(handouts.load_project("."))
    pdf = engine.render(handouts.jobs(project, ["dry-needling-brochure"], location="portland-pearl")[0])

``python bench/typst_docs.py [PROJECT] [LOCATION] [OUT]`` writes both documents of one location (English,
Letter) beside handouts' own, to compare them by eye."""

from __future__ import annotations

import html
import io
import re
import sys
import time
from functools import lru_cache
from pathlib import Path

import segno
import typst

from handouts.layout import qrmask
from handouts.layout.geometry import Box, PlacedPanel, place_panels
from handouts.layout.styles import HYPHENATED_STYLES
from handouts.load import Project
from handouts.load import models as m
from handouts.resolve import Job, RenderedBlock, Resolved, resolve

# segno chooses each code's mask with handouts' faster, identical scorer, as it does for handouts' own codes.
qrmask.install()

TEMPLATES = Path(__file__).resolve().parent / "typst-templates"
ENTRY = {"trifold": "brochure", "aftercare": "sheet"}  # layout → the template's document function
QR_SIZE = 1.05 * 72  # as handouts' back panel draws it

# Every ASCII character Typst markup may read as syntax (emphasis, links, labels, comments, escapes, smart quotes,
# dashes, ellipses, list and heading markers, embedded code): written with a backslash, it prints as itself.
_SPECIAL = re.compile(r"[\\/\[\]{}#*_'\"`~$<>@=+\-.():;]")
_TAG = re.compile(r"<(/?)([A-Za-z]+)([^>]*?)(/?)>")
_HREF = re.compile(r"""href\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def escape(text: str) -> str:
    """Plain text as Typst markup that prints exactly that text."""
    return _SPECIAL.sub(r"\\\g<0>", text)


def string(text: str) -> str:
    """A Typst string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def content(text: str) -> str:
    """Plain text as a Typst content block."""
    return f"[{escape(text)}]"


def markup(rl: str) -> str:
    """ReportLab paragraph markup (``<b>``, ``<i>``, ``<u>``, ``<a href>``, ``<br/>``, XML entities) as Typst
    markup; every other character prints as written."""
    out, pos, depth = [], 0, 0
    for match in _TAG.finditer(rl):
        out.append(escape(html.unescape(rl[pos:match.start()])))
        pos = match.end()
        closing, tag, attrs, selfclosing = match.groups()
        tag = tag.lower()
        if tag == "br":
            out.append("#linebreak();")
        elif closing:
            out.append("]")
            depth -= 1
        elif not selfclosing:
            href = _HREF.search(attrs)
            opener = {"b": "#strong[", "i": "#emph[", "u": "#underline["}.get(tag, "#[")
            if tag == "a" and href:
                opener = f"#link({string(html.unescape(href.group(1) or href.group(2) or ''))})["
            out.append(opener)
            depth += 1
    if depth:
        raise ValueError(f"unbalanced markup: {rl!r}")
    out.append(escape(html.unescape(rl[pos:])))
    return "".join(out)


def _pt(value: float) -> str:
    return f"{value:.3f}pt"


def _box(box: Box, page_h: float) -> str:
    """A box as a Typst dictionary, x and y from the page's top-left corner."""
    return f"(x: {_pt(box.x)}, y: {_pt(page_h - box.top)}, w: {_pt(box.w)}, h: {_pt(box.h)})"


def _by_role(placed: list[PlacedPanel], role: str) -> PlacedPanel:
    found = [p for p in placed if p.panel.role == role]
    if len(found) != 1:
        raise ValueError(f"the Typst version expects one '{role}' panel on the page, found {len(found)}")
    return found[0]


def trifold_geometry(layout: m.Layout, paper: str) -> dict[str, str]:
    """The tri-fold's boxes: the flap (its own reading sequence, set in its panel), the back panel and the cover's
    logo, band and text boxes on the outside page; three equal columns on the inside page (each starting where
    its panel's text starts, as wide as the narrowest inside panel's text)."""
    size = layout.papers[paper]
    pw, ph, pad = size.width, size.height, layout.padding
    outside, inside = place_panels(layout, paper)
    if [p.panel.name for p in inside] != list(layout.sequences.get("flow", [])) or len(inside) != 3 \
            or list(layout.sequences.get("flap", [])) != [p.panel.name for p in outside if p.panel.role == "flow"]:
        raise ValueError("the Typst version expects a flap, back and cover outside, a three-panel spread inside")
    starts = [p.content.x for p in inside]
    col = min(p.content.w for p in inside)
    gutter = starts[1] - starts[0] - col
    if abs(starts[2] - starts[1] - (starts[1] - starts[0])) > 0.01:
        raise ValueError("the Typst version expects the inside panels' text to start at equal steps")
    first = inside[0].content
    flap = _by_role(outside, "flow")
    cover, back = _by_role(outside, "cover"), _by_role(outside, "back")
    c, box = cover.content, cover.box
    logo_h = min(1.15 * 72, c.w * 0.45)  # the cover's proportions, as handouts' cover role draws them
    band_top, band_bottom = box.y + box.h * 0.60, box.y + box.h * 0.16
    return {
        "pw": _pt(pw), "ph": _pt(ph), "ml": _pt(starts[0]), "mr": _pt(pw - starts[0] - 3 * col - 2 * gutter),
        "mt": _pt(ph - first.top), "mb": _pt(first.y), "gutter": _pt(gutter), "col-h": _pt(first.h),
        "flap": _box(flap.content, ph), "back": _box(back.content, ph), "qr": _pt(QR_SIZE),
        "logo": _box(Box(c.x, c.top - logo_h, c.w, logo_h), ph),
        "cover-top": _box(Box(c.x, band_top + 8, c.w, c.top - logo_h - band_top - 8), ph),
        "band": _box(Box(box.x, band_bottom, box.w, band_top - band_bottom), ph),
        "band-text": _box(Box(c.x, band_bottom + pad, c.w, band_top - band_bottom - 2 * pad), ph),
        "cover-foot": _box(Box(c.x, c.y, c.w, band_bottom - c.y - 6), ph),
    }


def aftercare_geometry(layout: m.Layout, paper: str) -> dict[str, str]:
    """The sheet's rows: header band and badge, call bar, the two-column body, appointment box, footer."""
    size = layout.papers[paper]
    pw, ph = size.width, size.height
    (placed,) = place_panels(layout, paper)
    header, call, body = (_by_role(placed, r) for r in ("header", "callbar", "flow"))
    appt, footer = _by_role(placed, "appointment"), _by_role(placed, "footer")
    h, b = header.content, body.content
    badge = h.h - 20  # as handouts' header role draws it
    return {
        "pw": _pt(pw), "ph": _pt(ph), "ml": _pt(b.x), "mr": _pt(pw - b.right), "mt": _pt(ph - b.top),
        "mb": _pt(b.y), "gutter": _pt(body.panel.gutter), "band-h": _pt(ph - header.box.y),
        "badge": _box(Box(h.x, h.y + 10, badge, badge), ph),
        "header-text": _box(Box(h.x + badge + 14, h.y + 6, h.w - badge - 14, h.h - 12), ph),
        "call": _box(Box(call.content.x, call.content.y + 6, call.content.w, call.content.h - 10), ph),
        "appt": _box(Box(appt.content.x, appt.content.y + 6, appt.content.w, appt.content.h - 12), ph),
        "footer": _box(footer.content, ph),
    }


GEOMETRY = {"trifold": trifold_geometry, "aftercare": aftercare_geometry}


def _dict(entries: dict[str, str]) -> str:
    return "(" + ", ".join(f"{key}: {value}" for key, value in entries.items()) + ")"


class TypstEngine:
    """Makes handouts' documents with Typst: one compiler for every document (fonts loaded once, Typst's own
    caches warm), one generated header per layout, paper, language and brand."""

    def __init__(self, project: Project, tags: bool = True):
        self.project, self.tags = project, tags  # tags: a tagged PDF, Typst's default since 0.14
        self.root = project.root.resolve()
        fonts = sorted({str(project.font_path(getattr(project.font_family(family), face)).parent)
                        for clinic in project.clinics.values() for family in clinic.model.brand.fonts.values()
                        for face in ("regular", "bold", "italic", "bold_italic")})
        self.fonts = fonts
        self.compiler = typst.Compiler(root=str(project.root), font_paths=fonts, ignore_system_fonts=True)
        self.phases = {"resolve": 0.0, "qr": 0.0, "source": 0.0, "compile": 0.0}
        self.common = (TEMPLATES / "common.typ").read_text(encoding="utf-8")
        self.templates = {name: (TEMPLATES / f"{name}.typ").read_text(encoding="utf-8") for name in ENTRY}

    def render(self, job: Job) -> bytes:
        """One PDF, from the job's resolved content; the time of each step adds to ``phases``."""
        t0 = time.perf_counter()
        r = resolve(self.project, job)
        t1 = time.perf_counter()
        # Only the brochure prints a QR code (on its back panel), as in handouts.
        qr = qr_svg(r.contact.booking_url, r.brand.colors["text"].hex) if r.layout_name == "trifold" else ""
        t2 = time.perf_counter()
        source = self.source(r, qr)
        t3 = time.perf_counter()
        pdf = self.compiler.compile(input=source.encode(), format="pdf", pdf_tags=self.tags)
        t4 = time.perf_counter()
        for key, seconds in zip(self.phases, (t1 - t0, t2 - t1, t3 - t2, t4 - t3), strict=True):
            self.phases[key] += seconds
        return pdf

    def source(self, r: Resolved, qr: str) -> str:
        """The whole Typst source of one document: the header for its layout, then one call with its content."""
        if r.layout_name not in ENTRY:
            raise ValueError(f"no Typst version of layout '{r.layout_name}'")
        header = self.header(r.layout_name, r.job.paper, r.job.lang, _colors(r.brand), _families(r.brand))
        fields = self.trifold(r, qr) if r.layout_name == "trifold" else self.aftercare(r)
        fields["logo"] = string("/" + r.logo_path.resolve().relative_to(self.root).as_posix())
        locale = r.contact.locale
        lang, _, region = locale.partition("-")
        keywords = _array(string(k) for k in (r.document.topic, r.topic.governance.code, r.job.document))
        return (f"{header}\n#set document(title: {string(f'{r.title} – {r.clinic.name}')}, "
                f"author: {string(r.clinic.name)}, keywords: {keywords})\n"
                f"#set text(lang: {string(lang)}, region: {string(region) if region else 'none'})\n"
                f"#{ENTRY[r.layout_name]}({_dict(fields)})\n")

    @lru_cache(maxsize=64)  # noqa: B019 - one engine per process, a few layouts, papers and brands
    def header(self, layout_name: str, paper: str, lang: str, colors: tuple[tuple[str, str], ...],
               families: tuple[tuple[str, str], ...]) -> str:
        """K (colours), S (styles in this language) and G (boxes on this paper), then the templates."""
        layout = self.project.layout(layout_name).model
        fonts = dict(families)
        styles = {}
        for name, s in layout.styles_for(lang).items():
            styles[name] = _dict({
                "font": string(fonts[s.font]), "weight": string("bold" if s.bold else "regular"),
                "style": string("italic" if s.italic else "normal"), "size": _pt(s.size),
                "leading": _pt(s.leading or s.size * 1.25), "fill": f"K.{s.color}", "above": _pt(s.space_before),
                "below": _pt(s.space_after), "align": s.align,
                "hyph": "true" if layout.hyphenate and name in HYPHENATED_STYLES else "false"})
        k = _dict({token: f'rgb("{hex_}")' for token, hex_ in colors})
        g = _dict(GEOMETRY[layout_name](layout, paper))
        return (f"#let K = {k}\n#let S = {_dict(styles)}\n#let G = {g}\n{self.common}\n"
                f"{self.templates[layout_name]}")

    def flow(self, blocks: list[RenderedBlock], folder: Path | None = None) -> str:
        out = []
        for block in blocks:
            out.append(f"#H(S.heading)[{markup(block.heading)}]")
            out += [item_markup(item, self._relative(folder)) for item in block.items]
        return "[\n" + "\n".join(out) + "\n]"

    def _relative(self, folder: Path | None) -> str:
        """A topic's folder as Typst's root-relative path (figures are read from it)."""
        return "/" + str(folder.resolve().relative_to(self.root)) if folder is not None else ""

    def smallprint(self, r: Resolved) -> str:
        texts = [t for block in r.slots.get("smallprint", []) for item in block.items
                 for t in ([item.text] if item.text else []) + list(item.entries)]
        out = [f"#P(S.small)[{markup(t)}]" for t in texts]
        if r.contact.disclaimer:
            out.append(f"#P(S.small){content(r.contact.disclaimer)}")
        out.append(f"#P(S.small){content(r.governance_line())}")
        return "[" + "\n".join(out) + "]"

    def trifold(self, r: Resolved, qr: str) -> dict[str, str]:
        c = r.contact
        return {
            "flap": self.flow(r.slots.get("flap", []), self.project.topics[r.document.topic].folder),
            "flow": self.flow([b for b in r.slots.get("flow", []) if b.id not in r.document.digital_only]),
            "back": self.flow(r.slots.get("back", [])), "smallprint": self.smallprint(r),
            "clinic": content(r.clinic.name), "clinic-name": content(r.clinic.name),
            "tagline": content(c.tagline) if c.tagline else "none", "location": content(c.name),
            "address": _array(content(line) for line in c.address), "phone": content(c.phone),
            "email": string(c.email), "email-text": content(c.email),
            "hours": _array(content(line) for line in c.hours),
            "qr": string(qr), "scan": content(r.t("scan_to_book")), "url": string(c.booking_url),
            "short-url": content(c.booking_url.split("://", 1)[-1]),
            "title": content(r.title), "main": f"[{markup(r.main_message)}]",
            "call": content(f"{r.t('call')} {c.phone}"),
        }

    def aftercare(self, r: Resolved) -> dict[str, str]:
        c = r.contact
        main = f'#C("info", none, [{markup(r.main_message)}], ())'
        flow = self.flow(r.slots.get("flow", []))
        return {
            "flow": "[" + main + "\n" + flow[1:], "smallprint": self.smallprint(r),
            "title": content(r.title), "names": content(f"{r.clinic.name} · {c.name}"),
            "questions": content(r.t("questions")), "open": content(r.t("call_us_open", hours="; ".join(c.hours))),
            "phone": content(c.phone), "next": content(r.t("next_appointment")),
            "date": content(r.t("date")), "time": content(r.t("time")), "with": content(r.t("with")),
            "notes": content(r.t("notes")), "areas-label": content(r.t("areas")),
            "areas": _array(content(a) for a in r.topic.treated_areas),
        }


def _array(items) -> str:
    return "(" + "".join(f"{item}, " for item in items) + ")"


def _colors(brand: m.Brand) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((token, color.hex) for token, color in brand.colors.items()))


def _families(brand: m.Brand) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((str(role), family) for role, family in brand.fonts.items()))


def item_markup(item, folder: str = "") -> str:
    """One body item (paragraph, sub-heading, list, call-out, figure) as a call of the templates' parts; a
    figure's SVG is read from ``folder`` (root-relative), drawn in its own colours."""
    if item.kind == "figure":
        width = dict(item.options).get("width", "0.4")
        return f"#F({string(folder + '/' + item.src)}, {float(width) * 100:g}%, [{markup(item.text)}])"
    if item.kind == "p":
        return f"#P(S.body)[{markup(item.text)}]"
    if item.kind == "subheading":
        return f"#H(S.subheading)[{markup(item.text)}]"
    if item.kind in ("bullets", "steps"):
        return f"#L(S.list, {'true' if item.kind == 'steps' else 'false'}, " \
               f"{_array(f'[{markup(e)}]' for e in item.entries)})"
    if item.kind == "callout":
        title = f"[{markup(item.title)}]" if item.title else "none"
        text = f"[{markup(item.text)}]" if item.text else "none"
        return f"#C({string(item.tone)}, {title}, {text}, {_array(f'[{markup(e)}]' for e in item.entries)})"
    raise ValueError(f"no Typst version of body item kind '{item.kind}'")


def qr_svg(url: str, color: str) -> str:
    """The booking URL's QR code as SVG, made as handouts makes it (segno, level M, no Micro QR, 4-module quiet
    zone), dark modules in the text colour."""
    buf = io.BytesIO()
    segno.make(url, error="m", micro=False).save(buf, kind="svg", xmldecl=False, svgclass=None, lineclass=None,
                                                 dark=color, border=4)
    return buf.getvalue().decode()


def main(argv: list[str]) -> None:
    import handouts

    project = handouts.load_project(argv[0] if argv else ".")
    location = argv[1] if len(argv) > 1 else None
    out = Path(argv[2] if len(argv) > 2 else "/tmp/handouts-typst")
    out.mkdir(parents=True, exist_ok=True)
    engine = TypstEngine(project)
    for document in ("dry-needling-brochure", "dry-needling-aftercare"):
        job = handouts.jobs(project, [document], location=location, lang="en", paper="letter")[0]
        (out / f"{document}.typst.pdf").write_bytes(engine.render(job))
        (out / f"{document}.handouts.pdf").write_bytes(
            handouts.render(project, document, clinic=job.clinic, location=job.location, lang="en", paper="letter"))
        print(out / f"{document}.typst.pdf", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
