"""Turn every incoming request into either the app's answer or a short refusal: a missing or wrong access token
(401), a Host header that is not this server on loopback (400, against DNS rebinding), a form posted from another
site (403), a body over the size bound (413), and any unexpected failure (500) — always a plain message, never a
traceback, and never a logged request value."""

from __future__ import annotations

import hmac
import logging
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import CookieError, SimpleCookie
from typing import Any
from urllib.parse import parse_qsl, urlencode

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

log = logging.getLogger("handouts.serve")
TOKEN_COOKIE = "handouts_token"
MAX_BODY = 16 * 1024  # a front-desk form is well under 2 KB
LOOPBACK_NAMES = {"127.0.0.1", "localhost", "::1", "[::1]"}


async def plain(send: Send, status: int, text: str, headers: list[tuple[bytes, bytes]] | None = None) -> None:
    body = text.encode("utf-8")
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode()),
        (b"cache-control", b"no-store"), *(headers or [])]})
    await send({"type": "http.response.body", "body": body})


class Guard:
    """Wraps the app. ``token`` (when set) must come with every request: an ``Authorization: Bearer`` header,
    the cookie set on the first visit, or ``?token=`` once in the address (answered with the cookie and a
    redirect to the same page without it)."""

    def __init__(self, app: ASGIApp, token: str | None, loopback: bool, max_body: int = MAX_BODY):
        self.app, self.token, self.loopback, self.max_body = app, token, loopback, max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        if self.loopback and not _loopback_host(headers.get("host", "")):
            await plain(send, 400, "This server answers only to 127.0.0.1 or localhost.")
            return
        if self.token is not None:
            query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True))
            offered = query.get("token")
            if offered is not None and self._valid(offered):
                await self._remember(scope, query, send)
                return
            if not self._valid(_bearer(headers.get("authorization", ""))) and \
                    not self._valid(_cookie(headers.get("cookie", ""), TOKEN_COOKIE)):
                await plain(send, 401, "This handouts server needs its access token. Open the address printed when "
                                       "it started (it ends in ?token=…), or ask whoever runs it.")
                return
        if scope["method"] == "POST" and not _same_origin(headers):
            await plain(send, 403, "This form was sent from another site, so it was refused.")
            return
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await plain(send, 413, f"The request is too large (at most {self.max_body // 1024} KB).")
            return
        await self._answer(scope, _bounded(receive, self.max_body), send)

    async def _answer(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = False

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracked)
        except BodyTooLarge:
            if not started:
                await plain(send, 413, f"The request is too large (at most {self.max_body // 1024} KB).")
        except Exception as exc:  # the server keeps running; the page says so plainly, no traceback
            # Only the kind of failure and the route are logged: an exception's text could quote a typed value.
            log.error("internal error (%s) answering %s %s", type(exc).__name__, scope["method"],
                      scope.get("route_name", "a request"))
            if not started:
                await plain(send, 500, "Something went wrong on the server. Nothing you typed was kept; please "
                                       "try again.")

    def _valid(self, offered: str | None) -> bool:
        if not offered or self.token is None:
            return False
        return hmac.compare_digest(offered.encode("utf-8"), self.token.encode("utf-8"))

    async def _remember(self, scope: Scope, query: dict[str, str], send: Send) -> None:
        rest = {k: v for k, v in query.items() if k != "token"}
        target = scope.get("path", "/") + (f"?{urlencode(rest)}" if rest else "")
        cookie = f"{TOKEN_COOKIE}={self.token}; Path=/; HttpOnly; SameSite=Strict"
        await plain(send, 303, "Signed in.", [(b"location", target.encode("utf-8")),
                                                (b"set-cookie", cookie.encode("latin-1"))])


class BodyTooLarge(Exception):
    pass


def _bounded(receive: Receive, limit: int) -> Receive:
    """``receive`` that stops a body (even one sent without a length) once it passes ``limit`` bytes."""
    seen = 0

    async def bounded() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise BodyTooLarge
        return message

    return bounded


def _loopback_host(host: str) -> bool:
    name = host.rsplit(":", 1)[0] if host.count(":") == 1 or host.startswith("[") else host
    return name.lower() in LOOPBACK_NAMES


def _bearer(value: str) -> str | None:
    scheme, _, credentials = value.partition(" ")
    return credentials.strip() if scheme.lower() == "bearer" else None


def _cookie(header: str, name: str) -> str | None:
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(header)
    except CookieError:  # a malformed Cookie header is treated as no cookie
        return None
    morsel = jar.get(name)
    return morsel.value if morsel is not None else None


def _same_origin(headers: dict[str, str]) -> bool:
    """A POST from our own pages: no Origin header (older browsers, scripts) or one naming this host."""
    origin = headers.get("origin")
    if origin is None or origin == "null":
        return origin is None
    return origin.split("://", 1)[-1] == headers.get("host", "")
