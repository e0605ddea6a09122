"""Turn what finishing adds to a PDF (XMP metadata, a PDF/X output intent, the info keys prepress software reads,
the file identifier, the version a print file claims) into objects ReportLab writes in its own save: the file is
written once, with no second pass through another PDF library."""

from __future__ import annotations

import codecs
import hashlib
import re
from collections import OrderedDict
from typing import Any

from reportlab import rl_config
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.rl_codecs import RL_Codecs

from handouts.layout import deflate
from handouts.layout.docinfo import info_with_extras
from handouts.pdf.intent import OutputIntent
from handouts.pdf.xmp import INVARIANT_DATE, Metadata
from handouts.xmltext import escape

_NS = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "xmpMM": "http://ns.adobe.com/xap/1.0/mm/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
    "pdfxid": "http://www.npes.org/pdfx/ns/id/",
}


def xmp_packet(meta: Metadata) -> bytes:
    """The XMP packet of a document: what it is, who made it, its language and what it claims to conform to."""
    used = ["dc", "pdf", "xmp"] + (["pdfuaid"] if meta.pdfua else []) + (["pdfxid"] if meta.pdfx else []) \
        + (["xmpMM"] if meta.document_id else [])
    namespaces = "".join(f'\n    xmlns:{prefix}="{_NS[prefix]}"' for prefix in used)
    fields = [
        "<dc:format>application/pdf</dc:format>",
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(meta.title)}</rdf:li></rdf:Alt></dc:title>',
        f"<dc:creator><rdf:Seq><rdf:li>{escape(meta.author)}</rdf:li></rdf:Seq></dc:creator>",
        f"<dc:language><rdf:Bag><rdf:li>{escape(meta.lang)}</rdf:li></rdf:Bag></dc:language>",
        f"<pdf:Producer>{escape(meta.producer)}</pdf:Producer>",
        f"<xmp:CreatorTool>{escape(meta.producer)}</xmp:CreatorTool>",
        f"<xmp:CreateDate>{INVARIANT_DATE}</xmp:CreateDate>",
        f"<xmp:ModifyDate>{INVARIANT_DATE}</xmp:ModifyDate>",
        f"<xmp:MetadataDate>{INVARIANT_DATE}</xmp:MetadataDate>",
    ]
    if meta.pdfua:
        fields.append("<pdfuaid:part>1</pdfuaid:part>")
    if meta.pdfx:
        fields += ["<pdf:Trapped>False</pdf:Trapped>",
                   f"<pdfxid:GTS_PDFXVersion>{escape(meta.pdfx)}</pdfxid:GTS_PDFXVersion>"]
    if meta.document_id:
        fields += [f"<xmpMM:DocumentID>uuid:{meta.document_id}</xmpMM:DocumentID>",
                   f"<xmpMM:InstanceID>uuid:{meta.document_id}</xmpMM:InstanceID>",
                   "<xmpMM:VersionID>1</xmpMM:VersionID>",
                   "<xmpMM:RenditionClass>default</xmpMM:RenditionClass>"]
    body = "\n   ".join(fields)
    packet = (f'<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
              f'<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
              f' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
              f'  <rdf:Description rdf:about=""{namespaces}>\n   {body}\n  </rdf:Description>\n'
              f" </rdf:RDF>\n</x:xmpmeta>\n"
              f'<?xpacket end="w"?>')
    return packet.encode("utf-8")


class RawStream(pdfdoc.PDFObject):
    """A stream ReportLab writes as given: its dictionary and its content (already filtered, if at all)."""

    __RefOnly__ = 1

    def __init__(self, entries: dict[str, Any], content: bytes):
        self.entries, self.content = entries, content

    def format(self, document: Any) -> bytes:
        head: bytes = pdfdoc.PDFDictionary({**self.entries, "Length": len(self.content)}).format(document)
        return head + b"\nstream\n" + self.content + b"\nendstream\n"


def allow(obj: Any, *keys: str) -> None:
    """Let a catalog or page object write ``keys`` besides those ReportLab knows for it."""
    known = obj.__NoDefault__
    obj.__NoDefault__ = [*known, *(key for key in keys if key not in known)]


def add_metadata(doc: Any, meta: Metadata) -> None:
    """The XMP packet as the catalog's /Metadata stream (left uncompressed, as PDF/A and PDF/X readers expect to
    be able to find it)."""
    stream = RawStream({"Type": pdfdoc.PDFName("Metadata"), "Subtype": pdfdoc.PDFName("XML")}, xmp_packet(meta))
    doc.Catalog.Metadata = doc.Reference(stream, "XMPMetadata")


_PROFILES: dict[bytes, bytes] = {}  # an ICC profile's digest → its compressed bytes (one or two per build)


def add_output_intent(doc: Any, intent: OutputIntent) -> None:
    """The printer's ICC profile as the GTS_PDFX output intent, and the PDF/X-4 keys of the info dictionary."""
    digest = hashlib.sha256(intent.profile).digest()
    packed = _PROFILES.get(digest)
    if packed is None:
        packed = _PROFILES[digest] = pdfdoc.PDFZCompress.encode(intent.profile)
    profile = RawStream({"N": 4, "Filter": pdfdoc.PDFName("FlateDecode")}, packed)
    entry = pdfdoc.PDFDictionary({
        "Type": pdfdoc.PDFName("OutputIntent"),
        "S": pdfdoc.PDFName("GTS_PDFX"),
        "OutputConditionIdentifier": pdfdoc.PDFString(intent.identifier),
        "OutputCondition": pdfdoc.PDFString(intent.condition),
        "Info": pdfdoc.PDFString(intent.condition),
        "RegistryName": pdfdoc.PDFString(intent.registry),
        "DestOutputProfile": doc.Reference(profile, "OutputProfile"),
    })
    allow(doc.Catalog, "OutputIntents")
    doc.Catalog.OutputIntents = pdfdoc.PDFArray([entry])
    add_info(doc, {"GTS_PDFXVersion": pdfdoc.PDFString("PDF/X-4")})
    doc._pdfVersion = max(doc._pdfVersion, (1, 6))  # PDF/X-4 is based on PDF 1.6


def add_info(doc: Any, entries: dict[str, Any]) -> None:
    """Write ``entries`` into the info dictionary too, after its own (keys ReportLab does not write there itself;
    its /Trapped is already /False)."""
    info_with_extras(doc.info).more.update(entries)


def document_digest(doc: Any, seed: bytes) -> bytes:
    """A digest of what the document says: ``seed`` (its metadata and claims) and its pages' content."""
    digest = hashlib.sha256(seed)
    for page in doc.Pages.pages:
        digest.update((page.stream or "").encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.digest()


def set_file_id(doc: Any, digest: bytes) -> None:
    """The file identifier: both halves from ``digest``, so the same inputs give the same file and different
    documents different identifiers."""
    text: bytes = pdfdoc.PDFText(digest[:16], enc="raw").format(pdfdoc.DummyDoc())
    ident = b"\n[" + text + text + b"]\n"
    doc.ID = lambda: ident


def flate_pages(doc: Any) -> None:
    """Each page's content as one Flate stream (ReportLab would add ASCII85 on top: larger and slower)."""
    for page in doc.Pages.pages:
        if page.Contents is None and page.stream:
            page.Contents = pdfdoc.PDFStream(content=page.stream, filters=[deflate.FLATE])


def as_uuid(digest: bytes) -> str:
    text = digest.hex()
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:32]}"


_CODEC = pdfdoc.pdfdocEnc  # ReportLab's own, through its PDFDocEncoding codec
_DICTIONARY, _ARRAY = pdfdoc.PDFDictionary.format, pdfdoc.PDFArray.format  # ReportLab's own
_STRING = pdfdoc.PDFString.format
# ASCII characters that codec has no code for (it raises): strings holding them take the codec's path, errors
# included.
_UNMAPPED = re.compile("[\x18-\x1f]")


def _ascii_first(text: Any) -> Any:
    """``pdfdoc.pdfdocEnc``: ReportLab's PDFDocEncoding codec gives every other ASCII character its own byte, so
    ASCII text is encoded as ASCII (without the codec machinery, a quarter of the time); bytes pass through."""
    if isinstance(text, str):
        if text.isascii() and not _UNMAPPED.search(text):
            return text.encode("ascii")
        return text.encode("extpdfdoc")
    return text


# ReportLab's own PDFDocEncoding codec. ReportLab asks for it by name ("pdfdoc"), and a program that loaded pikepdf
# before ReportLab gets pikepdf's codec under that name, which has no code for DEL, U+009F and the soft hyphen:
# string objects holding them would be written in UTF-16 there and in PDFDocEncoding elsewhere.
_PDFDOC = RL_Codecs._rl_codecs("pdfdoc")


def _string(self: Any, document: Any) -> bytes:
    """``PDFString.format``: text is encoded as ReportLab encodes it with its own codec (PDFDocEncoding where
    every character has a code, else UTF-16 with its byte order mark), whichever codec answers to the name, and
    escaped and framed as ReportLab does (an ASCII string without asking the codec); anything else (bytes, other
    escaping or encoding, an encrypted file) goes to ReportLab's own."""
    s = self.s
    if not (type(s) is str and getattr(self, "enc", "auto") == "auto" and getattr(self, "escape", 1) == 1
            and type(document.encrypt) is pdfdoc.NoEncryption):
        data: bytes = _STRING(self, document)
        return data
    if s.isascii() and not _UNMAPPED.search(s):
        encoded = s.encode("ascii")
    else:
        try:
            encoded = _PDFDOC.encode(s)[0]
        except UnicodeEncodeError:
            encoded = codecs.BOM_UTF16_BE + s.encode("utf_16_be")
    framed: bytes = _ascii_first("(%s)" % pdfdoc.escapePDF(encoded))  # noqa: UP031 - framed as ReportLab frames it
    return framed


_NAMES: dict[str, bytes] = {}  # a dictionary key → its PDF name, as ReportLab writes it


def _name(key: str) -> bytes:
    found = _NAMES.get(key)
    if found is None:
        found = _NAMES[key] = pdfdoc.pdfdocEnc(pdfdoc.PDFName(key))
    return found


def _value(value: Any, document: Any) -> bytes:
    """``pdfdoc.format(value, document)``, at once for the values dictionaries and arrays mostly hold."""
    kind = type(value)
    if kind is str:
        return _ascii_first(value)  # type: ignore[no-any-return]
    if kind is int or kind is float:
        return fp_str(value).encode("ascii")  # type: ignore[no-any-return]
    if kind is pdfdoc.PDFObjectReference:
        found = document.idToObjectNumberAndVersion.get(value.name)
        if found is not None:
            return b"%d %d R" % found
    result: bytes = pdfdoc.format(value, document)
    return result


def _dictionary(self: Any, document: Any, IND: bytes = b"\n ") -> bytes:  # noqa: N803 (ReportLab's name)
    """``PDFDictionary.format``: the same bytes, each key's name made once per process."""
    entries = self.dict
    keys = list(entries.keys())
    if not isinstance(entries, OrderedDict):
        keys.sort()
    items = [_name(k) + b" " + _value(entries[k], document) for k in keys]
    if (self.multiline and rl_config.pdfMultiLine) or self.multiline == "forced":
        return b"<<\n" + IND.join(items) + b"\n>>"
    return _laid_out(items)


def _laid_out(items: list[bytes]) -> bytes:
    """A dictionary's formatted entries as ReportLab lays them out: a line break after every sixth."""
    for at in reversed(range(6, len(items), 6)):
        items.insert(at, b"\n ")
    return b"<<\n" + b" ".join(items) + b"\n>>"


def dictionary(entries: dict[str, bytes]) -> bytes:
    """What ReportLab writes for a dictionary of these values, already formatted (keys in order)."""
    return _laid_out([_name(key) + b" " + entries[key] for key in sorted(entries)])


def _array(self: Any, document: Any, IND: bytes = b"\n ") -> bytes:  # noqa: N803 (ReportLab's name)
    """``PDFArray.format``: the same bytes."""
    items = [_value(element, document) for element in self.sequence]
    if (self.multiline and rl_config.pdfMultiLine) or self.multiline == "forced":
        joined = IND.join(items)
    else:
        if len(items) > 10:
            for at in reversed(range(10, len(items), 10)):
                items.insert(at, b"\n ")
        joined = b" ".join(items)
    return b"[ " + joined + b" ]"


def fast_formatting() -> None:
    """Have ReportLab's document writer encode its strings with ``_ascii_first``, format dictionaries, arrays
    and string objects with ``_dictionary``, ``_array`` and ``_string`` and compress with ``deflate.FLATE`` (the
    same bytes, tested in tests/pdf/test_encoding.py, tests/pdf/test_writer.py and tests/layout/test_deflate.py):
    a tagged brochure writes about a thousand strings, eighty dictionaries and fifty string objects."""
    deflate.install()
    if pdfdoc.pdfdocEnc is not _ascii_first:
        pdfdoc.pdfdocEnc = _ascii_first
    if pdfdoc.PDFDictionary.format is not _dictionary:
        pdfdoc.PDFDictionary.format = _dictionary
        pdfdoc.PDFArray.format = _array
        pdfdoc.PDFString.format = _string
