"""Turn a finished print PDF into the facts a print shop plans a job by, read back from the file itself: trim
and bleed sizes from its page boxes, page count, marks, output intent, and the document's code and version."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from PIL import ImageCms

from handouts.load.models import PrinterProfile


@dataclass(frozen=True)
class PrintFacts:
    file: str  # name inside the package
    pages: int
    trim: tuple[float, float]  # width, height in points
    bleed: float  # points beyond the trim on each side
    marks: bool  # crop and fold marks outside the bleed
    intent: str  # output condition identifier, or "none"
    intent_condition: str
    profile: str  # the embedded ICC profile's description
    code: str  # document code and version

    def size_text(self) -> str:
        w, h = self.trim
        return f"{w / 72:.3f} × {h / 72:.3f} in ({w / 72 * 25.4:.0f} × {h / 72 * 25.4:.0f} mm)"

    def bleed_text(self) -> str:
        return f"{self.bleed / 72:.3f} in ({self.bleed / 72 * 25.4:.1f} mm)"


def read_facts(pdf: Path, code: str) -> PrintFacts:
    """What the PDF says about itself (its first page's boxes; every page of a handouts file has the same)."""
    with pikepdf.open(pdf) as doc:
        page = doc.pages[0]
        media = [float(v) for v in page.MediaBox]
        trim = [float(v) for v in page.TrimBox]
        bleed_box = [float(v) for v in page.BleedBox]
        intents = doc.Root.get("/OutputIntents")
        intent, condition, profile = "none", "", ""
        if intents:
            first = intents[0]
            intent = str(first.get("/OutputConditionIdentifier", ""))
            condition = str(first.get("/OutputCondition", ""))
            profile = _profile_description(bytes(first.DestOutputProfile.read_bytes()))
        return PrintFacts(pdf.name, len(doc.pages), (trim[2] - trim[0], trim[3] - trim[1]),
                          round(trim[0] - bleed_box[0], 3), media[0] < bleed_box[0] - 0.01, intent, condition,
                          profile, code)


def _profile_description(profile: bytes) -> str:
    """The ICC profile's own description tag, as lcms2 reads it."""
    try:
        return str(ImageCms.getProfileDescription(ImageCms.ImageCmsProfile(io.BytesIO(profile)))).strip()
    except ImageCms.PyCMSError:
        return "an embedded ICC profile"


def fold_text(folded: bool) -> str:
    if folded:
        return ("roll fold (tri-fold): two parallel folds; the narrow inside panel folds in first, then the cover "
                "closes over it; page 1 outside, page 2 inside, flip on the short edge")
    return "flat sheet, no folds"


def stock_text(profile: PrinterProfile) -> str:
    return profile.stock or "as agreed with the print shop"


def finish_text(profile: PrinterProfile, folded: bool) -> str:
    """The printer profile's finish is for folded work; a flat sheet is only trimmed."""
    if not folded:
        return "trim to size"
    return profile.finish or "trim, score and fold"
