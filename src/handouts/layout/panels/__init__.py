"""Turn a panel's ``role:`` into the code that draws it: one module per role, registered here by name.

Adding a role: one module beside these with a ``paint(page, canv, placed)`` function and a ``ROLE``, and one
entry below; a layout that names an unknown role is reported with its file and line."""

from __future__ import annotations

from handouts.errors import InputError, suggest
from handouts.findings import Finding
from handouts.layout.panels import appointment, back, band, callbar, cover, flow, folio, footer, header
from handouts.layout.panels.base import PanelContext, PanelRole
from handouts.load import models as m
from handouts.load.project import Loaded

__all__ = ["ROLES", "PanelContext", "PanelRole", "check_roles", "reading_order", "role_problems"]

ROLES: dict[str, PanelRole] = {module.ROLE.name: module.ROLE for module in (
    flow, cover, back, header, callbar, appointment, footer, band, folio,
)}


def role_problems(layout: Loaded[m.Layout]) -> list[Finding]:
    """Every panel of ``layout`` whose role is not registered, with its file and line."""
    out = []
    for pi, page in enumerate(layout.value.pages):
        for ni, panel in enumerate(page.panels):
            if panel.role not in ROLES:
                out.append(layout.source.issue(
                    ("pages", pi, "panels", ni, "role"),
                    f"panel '{panel.name}': unknown role '{panel.role}'{suggest(panel.role, ROLES)}; "
                    f"choose from: {', '.join(ROLES)}", code="panel-role",
                    fix=f"set role to one of: {', '.join(ROLES)}"))
    return out


def check_roles(layout: Loaded[m.Layout]) -> None:
    """Raise an input error pointing at the layout's lines if it names a role that is not registered."""
    problems = role_problems(layout)
    if problems:
        raise InputError(problems)


def reading_order(layout: m.Layout) -> list[str]:
    """The panels in the order a reader reads them: the layout's ``reading_order``, else worked out from the
    roles (what opens the document, the running text in the order of its sequences, the other panels in page
    order, the small print last)."""
    if layout.reading_order:
        return list(layout.reading_order)
    in_sequence = {name: (n, k) for n, panels in enumerate(layout.sequences.values()) for k, name in enumerate(panels)}
    placed = [(pi, ni, panel) for pi, page in enumerate(layout.pages) for ni, panel in enumerate(page.panels)]

    def rank(item: tuple[int, int, m.Panel]) -> tuple[int, int, int]:
        page, index, panel = item
        reads = ROLES[panel.role].reads if panel.role in ROLES else 2
        if panel.name in in_sequence:
            return (reads, *in_sequence[panel.name])
        return (reads, page, index)

    return [panel.name for _, _, panel in sorted(placed, key=rank)]
