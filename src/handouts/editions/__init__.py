"""Turn an edition's name into how to make it (stage 5): one module per edition, registered here.

Adding an edition: one module beside these with an ``EditionSpec`` subclass, and one entry below."""

from __future__ import annotations

from dataclasses import replace

from handouts.editions.base import Edition, EditionSpec, Options
from handouts.editions.digital import Digital
from handouts.editions.form import Form
from handouts.editions.largeprint import LargePrint
from handouts.editions.office import Office
from handouts.editions.printshop import PrintShop
from handouts.errors import UnknownName
from handouts.load.project import Project
from handouts.load.reads import recording

__all__ = ["EDITIONS", "Edition", "EditionSpec", "Options", "edition_for"]

EDITIONS: dict[str, EditionSpec] = {spec.name: spec for spec in (Office(), PrintShop(), Digital(), Form(),
                                                                  LargePrint())}


def edition_for(project: Project, name: str, options: Options, paper: str) -> Edition:
    """The edition ``name`` for one paper size, with the user's options; it keeps the record of what making it
    read (a printer profile, an ICC file), so every PDF made with it records those reads too."""
    if name not in EDITIONS:
        raise UnknownName("edition", name, EDITIONS)
    with recording(project.root) as record:
        edition = EDITIONS[name].make(project, options, paper)
    return replace(edition, reads=tuple(record.reads.items()))
