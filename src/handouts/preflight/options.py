"""Turn a print shop's limits into the options one preflight run checks a PDF against."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PreflightOptions:
    """Limits for one preflight run; the defaults suit a commercial digital or offset print shop."""

    min_ppi_warn: float = 300.0
    min_ppi_error: float = 150.0
    # Points from the trim edge; None picks 0.125 in for inch-based trims (Letter and friends) and 3 mm for
    # others, unless the document's /HandoutsSafe info key says otherwise.
    safe_margin: float | None = None
    fold_safe: float = 8.504  # points each side of a fold (3 mm)
    require_cmyk: bool = False  # print edition: any RGB colour is an error
    max_ink: float = 300.0  # percent, C+M+Y+K of any colour or CMYK image pixel painted inside the trim
    min_text_size: float | None = None  # points; smaller text is an error
    print_file: bool = True  # a file for a print shop: links and form fields are errors (PDF/X allows none)

    @classmethod
    def limits(cls, image_ppi: float = 300.0, cmyk: bool = False, max_ink: float = 300.0,
               min_text_size: float | None = None) -> PreflightOptions:
        """The limits for a target image resolution (a warning under it, an error under 150 ppi or under the
        target, whichever is lower), a colour model and an ink limit: how every caller builds options."""
        return cls(min_ppi_warn=image_ppi, min_ppi_error=min(150.0, image_ppi), require_cmyk=cmyk,
                   max_ink=max_ink, min_text_size=min_text_size)
