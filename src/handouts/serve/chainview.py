"""Turn the chain view's requests into pages, pictures and downloads: every card with its findings, a card's
page previews and folded mock-ups, its office and print PDFs, and a location's files as one zip. Every id in a
URL is looked up in the chain's snapshot; files are found from the snapshot's own names, never from request
text."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import FileResponse, Response

from handouts.serve.cards import cards, counts, language_name, project_findings, where
from handouts.serve.pages import Pages
from handouts.serve.state import ChainState

PICTURE = re.compile(r"(page|thumb)-([1-9]\d{0,2})")
EDITION_FOLDERS = {"office": "office", "print": "print"}


class ChainView:
    def __init__(self, pages: Pages, state: ChainState):
        self.pages, self.state = pages, state

    def _values(self) -> dict[str, Any]:
        state = self.state
        data = state.snapshot.data
        groups = cards(data)
        return {"groups": groups, "counts": counts(groups), "version": state.version, "busy": state.busy,
                "input_errors": state.input_errors, "refused": data.get("refused", ""),
                "rebuild_error": state.rebuild_error, "project_findings": project_findings(data),
                "made": state.snapshot.made, "seconds": data.get("seconds", 0.0), "where": where,
                "language_name": language_name, "ready": bool(data)}

    async def page(self, request: Request) -> Response:
        return self.pages.html("chain.html", request, title="Chain", **self._values())

    async def card_list(self, request: Request) -> Response:
        """The cards, for the page's poll: 204 (nothing to redraw) while nothing changed since ``since``."""
        since = request.query_params.get("since", "")
        if since.isdigit() and int(since) == self.state.version:
            return Response(status_code=204)
        return self.pages.html("_cards.html", request, **self._values())

    def _entry(self, request: Request) -> dict[str, Any] | None:
        p = request.path_params
        return self.state.job(p["clinic"], p["location"], p["document"], p["lang"])

    async def card(self, request: Request) -> Response:
        entry = self._entry(request)
        if entry is None:
            return self.pages.problem(request, 404, "There is no such document in this chain.")
        card = next(c for g in cards(self.state.snapshot.data) for c in g.cards if c.entry is entry)
        return self.pages.html("card.html", request, title=card.label, card=card, where=where,
                               language_name=language_name)

    async def picture(self, request: Request) -> Response:
        entry = self._entry(request)
        name = request.path_params["picture"]
        if entry is None:
            return self.pages.problem(request, 404, "There is no such document in this chain.")
        stem = f"{entry['document']}.{entry['lang']}"
        match = PICTURE.fullmatch(name)
        if match and int(match.group(2)) <= entry["pages"]:
            folder = "pictures" if match.group(1) == "page" else "thumbs"
            file = self.state.cache / folder / entry["clinic"] / entry["location"] / f"{stem}-{match.group(2)}.png"
        elif name in entry["mockups"]:
            file = self.state.cache / "pictures" / entry["clinic"] / entry["location"] / f"{stem}-{name}.png"
        else:
            return self.pages.problem(request, 404, "This document has no such picture.")
        if not file.is_file():
            return self.pages.problem(request, 404, "That picture is being made again; reload in a moment.")
        return FileResponse(file, media_type="image/png", headers={"cache-control": "no-cache"})

    async def pdf(self, request: Request) -> Response:
        entry = self._entry(request)
        edition = request.path_params["edition"]
        if entry is None or edition not in EDITION_FOLDERS:
            return self.pages.problem(request, 404, "There is no such PDF in this chain.")
        file = self._file(entry, edition)
        if file is None:
            return self.pages.problem(request, 404, "This PDF has not been built yet (see its card for why).")
        return FileResponse(file, media_type="application/pdf", filename=file.name,
                            headers={"cache-control": "no-cache"})

    def _file(self, entry: dict[str, Any], edition: str) -> Path | None:
        file = self.state.cache / EDITION_FOLDERS[edition] / entry[edition]["file"]
        return file if entry[edition]["mtime_ns"] and file.is_file() else None

    async def location_zip(self, request: Request) -> Response:
        """Every office and print PDF of one location (the last good ones), in one zip made in memory."""
        clinic, location = request.path_params["clinic"], request.path_params["location"]
        entries = self.state.location_jobs(clinic, location)
        if not entries:
            return self.pages.problem(request, 404, "There is no such location in this chain.")
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for entry in entries:
                for edition in EDITION_FOLDERS:
                    file = self._file(entry, edition)
                    if file is not None:
                        archive.write(file, f"{clinic}-{location}/{file.name}")
        return Response(buffer.getvalue(), media_type="application/zip", headers={
            "content-disposition": f'attachment; filename="{clinic}-{location}.zip"', "cache-control": "no-cache"})
