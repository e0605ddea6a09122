"""Turn the command line's edition options into an Edition (office or print shop), with the printer profile's
settings and its preflight."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from handouts.errors import HandoutsError
from handouts.project import Project


@dataclass(frozen=True)
class Edition:
    """Who the PDF is for: the office printer (trim-size pages, RGB) or a print shop (bleed, marks, CMYK)."""

    name: str = "office"
    bleed: float = 0.0
    marks: bool = False
    cmyk: bool = False
    icc: Path | None = None
    output_condition: str | None = None
    printer: str | None = None
    tagged: bool = False  # structure tree, artifacts, PDF/UA metadata
    digital: bool = False  # the document's single-column digital layout
    frames: bool = False  # debug overlay: panels, text areas, safe zone, trim, bleed, folds
    fillable: bool = False  # form fields on the aftercare sheet's blanks
    fill: tuple[tuple[str, str], ...] = ()  # values to put in them
    flatten: bool = False  # print the values as text instead of fields

    @property
    def suffix(self) -> str:
        form = ".form" if self.fillable and not self.flatten else ".filled" if self.fill else ""
        return ("" if self.name == "office" else f".{self.name}") + form + (".frames" if self.frames else "")

    @property
    def slug(self) -> float:
        """Room outside the bleed for crop and fold marks."""
        return 24.0 if self.marks else 0.0


OFFICE = Edition()


@dataclass(frozen=True)
class EditionRequest:
    """What the command line asked for; turned into an Edition with the printer profile's settings."""

    print: bool = False
    printer: str | None = None
    marks: bool | None = None
    cmyk: bool | None = None
    digital: bool = False
    frames: bool = False
    fillable: bool = False
    fill: tuple[tuple[str, str], ...] = ()
    flatten: bool = False


def edition_for(project: Project, request: EditionRequest, paper: str):
    """The edition for one paper size: office (trim size, RGB), print (bleed, marks, CMYK, ICC) or digital;
    with the debug overlay of frames when asked."""
    from dataclasses import replace

    edition = _edition_for(project, request, paper)
    fillable = request.fillable or (bool(request.fill) and not request.flatten)
    return replace(edition, frames=request.frames, fillable=fillable, fill=request.fill, flatten=request.flatten)


def _edition_for(project: Project, request: EditionRequest, paper: str):
    from handouts.geometry import per_paper

    if request.digital:
        return Edition(name="digital", tagged=True, digital=True)
    if not request.print:
        if request.cmyk:
            return Edition(name="cmyk", cmyk=True)
        return OFFICE
    name = request.printer or ("offset" if "offset" in project.printers else next(iter(sorted(project.printers)), None))
    if name is None:
        raise HandoutsError("no printer profiles: add one to layouts/printers/ (see README, Print shops)")
    printer = project.printer(name)
    profile = printer.model
    cmyk = profile.color == "cmyk" if request.cmyk is None else request.cmyk
    icc = project.icc_path(printer) if cmyk else None
    if icc is not None and not icc.is_file():
        line, column = printer.source.where(("icc",))
        raise HandoutsError(f"{printer.path}:{line}: ICC output profile not found: {icc} (install it, or point "
                            f"'icc' at the profile your printer sent)")
    return Edition(name="print", bleed=per_paper(profile.bleed, paper),
                   marks=profile.marks if request.marks is None else request.marks, cmyk=cmyk, icc=icc,
                   output_condition=profile.output_condition, printer=name)


def preflight_options(project: Project, ed):
    """Preflight limits of a print edition's printer profile: image resolution, colour model, ink."""
    from handouts.preflight import PreflightOptions

    printer = project.printer(ed.printer).model
    return PreflightOptions(min_ppi_warn=printer.min_image_ppi, min_ppi_error=min(150.0, printer.min_image_ppi),
                            require_cmyk=ed.cmyk, max_ink=printer.max_ink)


def preflight_check(project: Project, ed, strict: bool, warnings: list[str], target: Path):
    """A check for write_atomic: preflight the finished print PDF before it is renamed to ``target``; errors
    (and with ``strict`` warnings) keep it from being published."""
    from dataclasses import replace

    from handouts.preflight import preflight

    options = preflight_options(project, ed)

    def check(path: Path) -> None:
        findings = [replace(f, document=str(target)) for f in preflight(path, options)]
        errors = [f for f in findings if f.severity == "error" or (strict and f.severity == "warning")]
        warnings.extend(str(f) for f in findings if f.severity == "warning" and not strict)
        if errors:
            raise HandoutsError("preflight failed:\n" + "\n".join(f"  {f}" for f in errors))

    return check
