"""Turn a document being rendered into a finished file (stage 4): structure tree, output intent and XMP metadata,
written in ReportLab's one save."""

from handouts.pdf.finish import Finisher, Finishing, finisher
from handouts.pdf.intent import OutputIntent
from handouts.pdf.xmp import Metadata

__all__ = ["Finisher", "Finishing", "Metadata", "OutputIntent", "finisher"]
