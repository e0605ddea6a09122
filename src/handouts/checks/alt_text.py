"""Turn every clinic's and location's logo into an error when it has no alt text: every edition is a tagged PDF,
and a screen reader has nothing to say for a picture without it (a build refuses). This is an accessibility check
of its own, not a PEMAT item."""

from __future__ import annotations

from handouts.checks.report import CheckOptions, Collector
from handouts.load.project import Project


def check_alt_text(project: Project, options: CheckOptions, out: Collector) -> None:
    for clinic in project.clinics.values():
        c = clinic.value
        if not c.brand.logo.alt:
            out.add("error", "alt-text", f"clinic '{clinic.name}': the logo has no alt text",
                    f"add brand.logo.alt, e.g. '{c.name} logo'", clinic.source, ("brand", "logo"))
        for index, loc in enumerate(c.locations):
            if loc.brand and loc.brand.logo and not loc.brand.logo.alt:
                out.add("error", "alt-text", f"location '{loc.id}' of clinic '{clinic.name}': its logo has no "
                                               f"alt text", f"add brand.logo.alt, e.g. '{c.name} logo'",
                        clinic.source, ("locations", index, "brand", "logo"))
