"""Turn every document, set in its large-print edition for every location, language and paper, into findings on
what was actually drawn (``check --large-print``): any character under 16 pt, text within a quarter inch of the
page edge, a font not embedded, or a document that cannot be set at all is an error; a note per document gives
its pages, its smallest type and the size most of its text is set in."""

from __future__ import annotations

import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from handouts.checks.report import CheckOptions, Collector
from handouts.editions import Options, edition_for, largeprint
from handouts.errors import HandoutsError, InputError
from handouts.findings import Finding
from handouts.layout import Renderer
from handouts.load.project import Project
from handouts.preflight import preflight
from handouts.resolve import plan, resolve


@dataclass
class Measured:
    """What one document's large-print files drew, all of them together."""

    files: int = 0
    pages: set[int] = field(default_factory=set)
    smallest: float | None = None
    sizes: Counter[float] = field(default_factory=Counter)  # characters at each size

    def add(self, data: bytes) -> None:
        import pypdfium2 as pdfium  # loaded by the large-print check only, as preflight loads it

        from handouts.preflight.text import page_text

        document = pdfium.PdfDocument(data)
        try:
            self.files += 1
            self.pages.add(len(document))
            for index in range(len(document)):
                for run in page_text(document[index], {}).runs:
                    size = round(run.size, 1)
                    self.sizes[size] += len(run.text.strip())
                    self.smallest = size if self.smallest is None else min(self.smallest, size)
        finally:
            document.close()

    def describe(self) -> str:
        pages = sorted(self.pages)
        count = f"{pages[0]}" if len(pages) == 1 else f"{pages[0]}–{pages[-1]}"
        most = self.sizes.most_common(1)[0][0] if self.sizes else 0
        return f"{self.files} file(s), {count} pages each; smallest type {self.smallest:g} pt; most text {most:g} pt"


def check_large_print(project: Project, options: CheckOptions, out: Collector) -> None:
    """Set every document in large print and measure it. Only with ``--large-print``; a build of the large-print
    edition measures each PDF as it makes it instead, so a check before a build (``glyphs=False``) skips this."""
    if not options.large_print or not options.glyphs:
        return
    renderer = Renderer(project)
    for name in sorted(project.documents):
        doc = project.documents[name]
        layout = project.layouts.get(doc.value.large_print_layout)
        if layout is None or not layout.value.large_print:
            continue  # reported by the type check
        measured = Measured()
        for paper in layout.value.papers:
            edition = edition_for(project, "large-print", Options(), paper)
            for job in plan(project, [name], paper=paper):
                target = job.output_path(Path(), edition.suffix).as_posix()
                try:
                    data = renderer.render(edition.adapt(project, resolve(project, job)), edition.settings).data
                except InputError as exc:
                    for finding in exc.findings:
                        out.finding(finding)
                    continue
                except HandoutsError as exc:
                    out.add("error", "large-print", f"{target}: cannot be set in large print: "
                                                    f"{exc.format_message()}",
                            "shorten what it names, or split a block that must stay on one page (a call-out, a "
                            "short list) into two", doc.source, ("slots",))
                    continue
                measured.add(data)
                for finding in _measure(data, target):
                    out.finding(finding)
        if measured.files:
            out.add("info", "large-print", f"{name} in large print: {measured.describe()}",
                    f"nothing to do: large print sets nothing under {largeprint.SMALLEST:g} pt and running text at "
                    f"{largeprint.BODY:g} pt or more", doc.source, ("layout",))


def _measure(data: bytes, target: str) -> list[Finding]:
    """The large-print edition's own measurement of one file (the one its build applies), named for the file."""
    with tempfile.TemporaryDirectory(prefix="handouts-large-print-") as folder:
        path = Path(folder) / "document.pdf"
        path.write_bytes(data)
        return [f.at(target) for f in preflight(path, largeprint.LIMITS)]
