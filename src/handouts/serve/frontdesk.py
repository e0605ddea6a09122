"""Turn the front desk's requests into pages and PDFs: choose the location once (a cookie holding only its id),
pick the document and language, fill the next appointment, and "Print" returns the flattened, filled sheet
inline. Typed values live only in the request and the PDF's bytes in memory."""

from __future__ import annotations

from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from handouts.api import render
from handouts.errors import HandoutsError
from handouts.load.project import Project
from handouts.serve.cards import language_name
from handouts.serve.desk import (
    MAX_NOTES,
    MAX_THERAPIST,
    BadForm,
    PrintRequest,
    areas,
    parse_form,
    place,
    places,
    print_request,
    sheets,
)
from handouts.serve.pages import Pages
from handouts.serve.state import RENDER_LOCK

PLACE_COOKIE = "handouts_place"
YEAR_S = 365 * 24 * 3600


class FrontDesk:
    def __init__(self, pages: Pages, project: Any):
        self.pages = pages
        self.project = project  # () -> the last good Project

    def _context(self, request: Request, project: Project) -> dict[str, Any]:
        chosen = place(project, request.cookies.get(PLACE_COOKIE))
        documents = sheets(project)
        asked = request.query_params.get("document")
        document = next((d for d in documents if d.name == asked), documents[0] if documents else None)
        lang = request.query_params.get("lang")
        if chosen is not None and lang not in chosen.languages:
            lang = chosen.languages[0]
        return {"chosen": chosen, "places": places(project), "documents": documents, "document": document,
                "lang": lang, "areas": areas(project, document.name, lang) if document and lang else [],
                "changing": chosen is None or "change" in request.query_params, "language_name": language_name,
                "max_therapist": MAX_THERAPIST, "max_notes": MAX_NOTES}

    async def page(self, request: Request) -> Response:
        project = self.project()
        return self.pages.html("front_desk.html", request, title="Front desk", **self._context(request, project))

    async def choose_place(self, request: Request) -> Response:
        form = parse_form(await request.body())
        key = (form.get("place") or [""])[0]
        if place(self.project(), key) is None:
            return self.pages.problem(request, 400, "Choose your location from the list.")
        response = RedirectResponse("/", status_code=303)
        response.set_cookie(PLACE_COOKIE, key, max_age=YEAR_S, httponly=True, samesite="strict")
        return response

    async def area_boxes(self, request: Request) -> Response:
        """The tick boxes for the chosen document and language (the page swaps them in as either changes)."""
        context = self._context(request, self.project())
        return self.pages.html("_areas.html", request, **context)

    async def print_sheet(self, request: Request) -> Response:
        if not request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
            return self.pages.problem(request, 415, "Send the front-desk form (application/x-www-form-urlencoded).")
        project = self.project()
        try:
            wanted = print_request(project, parse_form(await request.body()))
        except BadForm as exc:
            return self.pages.problem(request, 400, f"Nothing was printed: {exc}.")
        try:
            pdf = await run_in_threadpool(_render, project, wanted)
        except HandoutsError as exc:
            return self.pages.problem(request, 422, f"Nothing was printed: {exc.format_message()}")
        name = f"{wanted.document.name}.{wanted.lang}.pdf"
        return Response(pdf, media_type="application/pdf", headers={
            "content-disposition": f'inline; filename="{name}"',
            # The filled sheet is for this patient only: no copy in the browser's cache on disk.
            "cache-control": "no-store"})


def _render(project: Project, wanted: PrintRequest) -> bytes:
    with RENDER_LOCK:
        if not wanted.document.appointment:
            return render(project, wanted.document.name, clinic=wanted.place.clinic, location=wanted.place.location,
                          lang=wanted.lang)
        return render(project, wanted.document.name, clinic=wanted.place.clinic, location=wanted.place.location,
                      lang=wanted.lang, edition="form", fill=wanted.fill, flatten=True)
