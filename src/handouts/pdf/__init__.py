"""Turn a rendered PDF into a finished file (stage 4): structure tree, output intent and XMP metadata."""

from handouts.pdf.finish import Finishing, finish
from handouts.pdf.intent import OutputIntent
from handouts.pdf.xmp import Metadata

__all__ = ["Finishing", "Metadata", "OutputIntent", "finish"]
