"""Turn a project folder into the web app: the front desk at ``/``, the chain view at ``/chain``, the vendored
static files, and the guard around them all (token, host, size, no tracebacks). Built on Starlette (a small,
well-kept ASGI toolkit) and served by uvicorn; see handouts.serve.server."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from handouts.serve.chainview import ChainView
from handouts.serve.frontdesk import FrontDesk
from handouts.serve.guard import MAX_BODY, BodyTooLarge, Guard
from handouts.serve.pages import Pages
from handouts.serve.state import ChainState

log = logging.getLogger("handouts.serve")


@dataclass
class App:
    """The ASGI app (``asgi``, guarded) and the chain state behind it (for tests and the benchmark)."""

    asgi: Guard
    state: ChainState


def create_app(root: Path | str, cache: Path | str, token: str | None = None, loopback: bool = True,
               watch: bool = True) -> App:
    """The app for the project in ``root``; built PDFs and pictures go to ``cache`` (never inside ``root``).
    With ``watch`` the chain is built at start and again after every saved change."""
    state = ChainState(Path(root), Path(cache))
    pages = Pages()
    desk = FrontDesk(pages, lambda: state.project)
    chain = ChainView(pages, state)
    card = "/chain/{clinic}/{location}/{document}/{lang}"

    async def missing(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 404
        message = {404: "There is no such page.", 405: "That page does not take this kind of request."}
        return pages.problem(request, status, message.get(status, "That request cannot be answered."))

    async def failed(request: Request, exc: Exception) -> Response:
        # Only the kind of failure and the path are logged: an exception's text could quote a typed value.
        log.error("internal error (%s) answering %s %s", type(exc).__name__, request.method, request.url.path)
        return pages.problem(request, 500, "Something went wrong on the server. Nothing you typed was kept; "
                                           "please try again, and tell whoever runs this server if it happens again.")

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if watch:
            state.start()
        try:
            yield
        finally:
            state.stop()

    routes = [
        Route("/", desk.page, methods=["GET"]),
        Route("/place", desk.choose_place, methods=["POST"]),
        Route("/areas", desk.area_boxes, methods=["GET"]),
        Route("/print", desk.print_sheet, methods=["POST"]),
        Route("/chain", chain.page, methods=["GET"]),
        Route("/chain/cards", chain.card_list, methods=["GET"]),
        Route("/chain/{clinic}/{location}.zip", chain.location_zip, methods=["GET"]),
        Route(card, chain.card, methods=["GET"]),
        Route(card + "/{picture}.png", chain.picture, methods=["GET"]),
        Route(card + "/{edition}.pdf", chain.pdf, methods=["GET"]),
        Mount("/static", StaticFiles(packages=[("handouts.serve", "static")]), name="static"),
    ]
    async def too_large(request: Request, exc: Exception) -> Response:
        return pages.problem(request, 413, f"The request is too large (at most {MAX_BODY // 1024} KB).")

    handlers = {404: missing, 405: missing, BodyTooLarge: too_large, Exception: failed}
    app = Starlette(routes=routes, lifespan=lifespan, exception_handlers=handlers)
    return App(Guard(app, token, loopback), state)
