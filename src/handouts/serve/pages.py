"""Turn a template name and its values into an HTML response, rendered on the server with Jinja2 from the
templates installed with the package (autoescaped; every page carries the access-token-free links it needs)."""

from __future__ import annotations

from typing import Any

import jinja2
from starlette.requests import Request
from starlette.responses import HTMLResponse

from handouts import __version__

HTMX = "htmx-2.0.11.min.js"  # vendored, pinned (static/htmx-LICENSE.txt); no CDN, works offline


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.PackageLoader("handouts.serve", "templates"),
                             autoescape=jinja2.select_autoescape(["html"]), undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True)
    env.globals.update(version=__version__, htmx=HTMX)
    return env


class Pages:
    def __init__(self) -> None:
        self.env = _environment()

    def html(self, template: str, request: Request, status: int = 200, **values: Any) -> HTMLResponse:
        values.setdefault("title", "")
        text = self.env.get_template(template).render(path=request.url.path, **values)
        return HTMLResponse(text, status_code=status, headers={"cache-control": "no-store"})

    def problem(self, request: Request, status: int, message: str) -> HTMLResponse:
        """A 4xx page with the message in plain words and a way back."""
        return self.html("problem.html", request, status=status, title="Not printed" if status == 422 else
                         "Cannot do that", message=message, status_code=status)
