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

__all__ = ["ROLES", "PanelContext", "PanelRole", "check_roles", "role_problems"]

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
