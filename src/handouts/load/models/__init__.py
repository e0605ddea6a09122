"""Turn validated YAML data into typed models: content blocks, topics, clinics, layouts, documents, fonts."""

from handouts.load.items import BodyItem
from handouts.load.items.callout import Callout, CalloutBody
from handouts.load.items.lists import Bullets, Steps
from handouts.load.items.paragraph import Paragraph
from handouts.load.items.subheading import Subheading
from handouts.load.models.brand import (
    COLOR_TOKENS,
    HEX,
    Brand,
    BrandColor,
    BrandOverride,
    Clinic,
    ContactFields,
    Location,
    Logo,
    hex_to_rgb,
)
from handouts.load.models.common import (
    Identifier,
    LanguageCode,
    Length,
    Localized,
    Model,
    NonEmpty,
    PaperName,
    PerPaperLength,
    per_paper,
)
from handouts.load.models.content import BLOCK_KINDS, Block, GlossaryEntry, Governance, Reference, Topic, Translation
from handouts.load.models.document import Document, DocumentKind, DocumentText, FontFamily
from handouts.load.models.layout import (
    STYLE_NAMES,
    Layout,
    Margins,
    OutputIntent,
    Page,
    Panel,
    Paper,
    PrinterProfile,
    Style,
    StyleOverride,
)

__all__ = [
    "BLOCK_KINDS", "Block", "BodyItem", "Brand", "BrandColor", "BrandOverride", "Bullets", "COLOR_TOKENS", "Callout",
    "CalloutBody", "Clinic", "ContactFields", "Document", "DocumentKind", "DocumentText", "FontFamily",
    "GlossaryEntry", "Governance", "HEX", "Identifier", "LanguageCode", "Layout", "Length", "Localized", "Location",
    "Logo", "Margins", "Model", "NonEmpty", "OutputIntent", "Page", "Panel", "Paper", "PaperName", "Paragraph",
    "PerPaperLength", "PrinterProfile", "Reference", "STYLE_NAMES", "Steps", "Style", "StyleOverride", "Subheading",
    "Topic", "Translation", "hex_to_rgb", "per_paper",
]
