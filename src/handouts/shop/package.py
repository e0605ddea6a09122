"""Turn a selection into one package per location for the print shop: a zip with the location's print PDFs,
its job sheet and a proof PNG of every page, built from what ``handouts build --print`` makes (up-to-date
files are reused) and written atomically, the same bytes for the same files."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image

from handouts.api import build
from handouts.batch.output import write_atomic
from handouts.editions import Options, edition_for
from handouts.errors import HandoutsError
from handouts.load.project import Project
from handouts.preview.pages import open_pdf, rasterise
from handouts.resolve import Job, plan
from handouts.shop.facts import finish_text, fold_text, read_facts, stock_text
from handouts.shop.jobsheet import SheetEntry, job_sheet

PROOF_DPI = 100
FONT = Path("fonts/AtkinsonHyperlegibleNext/AtkinsonHyperlegibleNext-Regular.ttf")
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # fixed: a package of the same files is the same bytes


@dataclass
class PackageReport:
    packages: list[Path] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # one line per PDF that could not be built


def _proofs(pdf: Path, dpi: float) -> list[tuple[bytes, Image.Image]]:
    """Each page cropped to the trim, as PNG bytes and as an image for the job sheet."""
    doc = open_pdf(pdf)
    try:
        out = []
        for page in doc:
            image = rasterise(page, dpi, tuple(page.get_trimbox()))
            buffer = io.BytesIO()
            image.save(buffer, "PNG", optimize=False, compress_level=6)
            out.append((buffer.getvalue(), image))
        return out
    finally:
        doc.close()


def _entry(name: str, data: bytes) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def make_packages(project: Project, out: Path, documents: tuple[str, ...] | list[str] = (), clinic: str | None = None,
                  location: str | None = None, lang: str | None = None, options: Options = Options(),
                  jobs: int | None = None) -> PackageReport:
    """Build the print edition of the selection, then write one package per location beside its PDFs:
    ``<clinic>-<location>-print<variant>.zip``."""
    out = Path(out)
    report = build(project, out, documents, clinic=clinic, location=location, lang=lang, edition="print",
                   options=options, jobs=jobs)
    result = PackageReport(failed=[f"{o.key}: {o.message.splitlines()[0]}" for o in report.failed])
    by_location: dict[tuple[str, str], list[Job]] = {}
    for job in plan(project, documents, clinic, location, None, lang):
        by_location.setdefault((job.clinic, job.location), []).append(job)
    font = project.root / FONT
    bold = font.with_name(font.name.replace("-Regular", "-Bold"))
    for (clinic_id, location_id), jobs_here in by_location.items():
        entries, files = [], []
        for job in jobs_here:
            edition = edition_for(project, "print", options, job.paper)
            pdf = job.output_path(out, edition.suffix)
            if not pdf.is_file() or any(f.startswith(job.output_path(Path(), edition.suffix).as_posix())
                                        for f in result.failed):
                continue
            document = project.documents[job.document].value
            topic = project.topics[document.topic].for_language(job.lang).topic.value
            folded = project.layouts[document.layout].value.folded
            printer = project.printer(edition.printer or "offset").value
            facts = read_facts(pdf, f"{topic.governance.code}, version {topic.governance.version}")
            proofs = _proofs(pdf, PROOF_DPI)
            entries.append(SheetEntry(facts, fold_text(folded), stock_text(printer), finish_text(printer, folded),
                                      tuple(image for _, image in proofs)))
            files.append((pdf.name, pdf.read_bytes()))
            files += [(f"proofs/{pdf.stem}-{n}.png", png) for n, (png, _) in enumerate(proofs, start=1)]
        if not entries:
            continue
        edition = edition_for(project, "print", options, jobs_here[0].paper)
        name = project.clinic(clinic_id).value.name
        place = project.location(clinic_id, location_id).name
        sheet = job_sheet(f"Job sheet: {name}, {place}", edition.printer or "offset", entries, font, bold)
        files.insert(0, ("job-sheet.pdf", sheet))
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
            for file_name, data in files:
                archive.writestr(_entry(file_name, data), data)
        variant = edition.suffix.removeprefix(".")
        target = out / clinic_id / location_id / f"{clinic_id}-{location_id}-{variant}.zip"
        write_atomic(target, buffer.getvalue())
        result.packages.append(target)
    if not result.packages and result.failed:
        raise HandoutsError("no package was made: every print file failed\n" + "\n".join(result.failed))
    return result
