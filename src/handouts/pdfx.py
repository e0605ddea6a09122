"""Turn a finished CMYK PDF into a PDF/X-4-style file: an ICC output intent, XMP metadata and the version keys
prepress software reads. (There is no PDF/X validator here: see the README for what is and is not verified.)"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path
from xml.sax.saxutils import escape

XMP = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
    xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
   <dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>
   <xmp:CreateDate>2000-01-01T00:00:00Z</xmp:CreateDate>
   <xmp:ModifyDate>2000-01-01T00:00:00Z</xmp:ModifyDate>
   <xmp:CreatorTool>{producer}</xmp:CreatorTool>
   <pdf:Producer>{producer}</pdf:Producer>
   <pdf:Trapped>False</pdf:Trapped>
   <xmpMM:DocumentID>uuid:{doc_id}</xmpMM:DocumentID>
   <xmpMM:InstanceID>uuid:{doc_id}</xmpMM:InstanceID>
   <xmpMM:VersionID>1</xmpMM:VersionID>
   <xmpMM:RenditionClass>default</xmpMM:RenditionClass>
   <pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""


def add_output_intent(data: bytes, icc: Path, condition: str, title: str, lang: str) -> bytes:
    """Embed ``icc`` as the GTS_PDFX output intent and write PDF/X-4 XMP; deterministic for equal inputs."""
    import pikepdf

    from handouts import __version__

    profile = icc.read_bytes()
    digest = hashlib.sha256(data + profile).hexdigest()
    doc_id = f"{digest[:8]}-{digest[8:12]}-{digest[12:16]}-{digest[16:20]}-{digest[20:32]}"
    with pikepdf.open(io.BytesIO(data)) as pdf:
        stream = pikepdf.Stream(pdf, profile)
        stream["/N"] = 4
        pdf.Root.OutputIntents = pikepdf.Array([pikepdf.Dictionary(
            Type=pikepdf.Name.OutputIntent,
            S=pikepdf.Name.GTS_PDFX,
            OutputConditionIdentifier=pikepdf.String(condition),
            OutputCondition=pikepdf.String(condition),
            Info=pikepdf.String(condition),
            RegistryName=pikepdf.String("http://www.color.org"),
            DestOutputProfile=pdf.make_indirect(stream),
        )])
        xmp = XMP.format(title=escape(title), lang=escape(lang), producer=f"handouts {__version__}",
                         doc_id=doc_id)
        pdf.Root.Metadata = pdf.make_indirect(pikepdf.Stream(pdf, xmp.encode("utf-8"), Type=pikepdf.Name.Metadata,
                                                             Subtype=pikepdf.Name.XML))
        pdf.docinfo["/GTS_PDFXVersion"] = "PDF/X-4"
        pdf.docinfo["/Trapped"] = pikepdf.Name("/False")
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, min_version="1.6", compress_streams=True)
    return out.getvalue()
