"""Turn the command line's choices (project, host, port, token, cache folder) into a running server: uvicorn
serving the app, with no access log (a request line could carry a value someone typed), loopback by default,
and a generated access token whenever the server is reachable from other machines."""

from __future__ import annotations

import hashlib
import ipaddress
import os
import secrets
import socket
import threading
import webbrowser
from dataclasses import dataclass
from pathlib import Path

from handouts.errors import HandoutsError, display_path
from handouts.serve.app import App, create_app

MAX_HEADER_BYTES = 16 * 1024


@dataclass(frozen=True)
class Address:
    host: str
    port: int
    token: str | None

    @property
    def loopback(self) -> bool:
        return is_loopback(self.host)

    def url(self, with_token: bool = True) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        shown = socket.gethostname() if self.host in ("0.0.0.0", "::") else host  # how the others reach it
        query = f"/?token={self.token}" if with_token and self.token else "/"
        return f"http://{shown}:{self.port}{query}"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def address(host: str, port: int, token: str | None) -> Address:
    """Loopback needs no token (one may still be given); any other host gets one, generated when not given."""
    if token is not None and len(token) < 16:
        raise HandoutsError("--token must be at least 16 characters (or leave it out to have one generated)")
    if not is_loopback(host) and token is None:
        token = secrets.token_urlsafe(24)
    return Address(host, port, token)


def default_cache(root: Path) -> Path:
    """A folder of the user's cache for this project's PDFs and pictures (outside the project)."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    digest = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:12]
    return base / "handouts" / "serve" / f"{root.resolve().name}-{digest}"


def checked_cache(root: Path, cache: Path | None) -> Path:
    cache = (cache or default_cache(root)).resolve()
    if cache.is_relative_to(root.resolve()):
        raise HandoutsError(f"--out {display_path(cache)} is inside the project folder; the web app never writes "
                            f"there: choose a folder outside it")
    cache.mkdir(parents=True, exist_ok=True)
    return cache


def make_server(app: App, where: Address):
    """A uvicorn server for ``app`` (not yet started)."""
    import uvicorn  # the ASGI server is needed only when serving

    config = uvicorn.Config(app.asgi, host=where.host, port=where.port, access_log=False, log_level="warning",
                            server_header=False, date_header=True, lifespan="on", timeout_keep_alive=5,
                            h11_max_incomplete_event_size=MAX_HEADER_BYTES, log_config=None)
    return uvicorn.Server(config)


def serve(root: Path, where: Address, cache: Path | None = None, open_browser: bool = False,
          say=print) -> None:
    """Run until Ctrl-C: build the chain in the background, answer the front desk at once."""
    root = Path(root)
    app = create_app(root, checked_cache(root, cache), where.token, where.loopback)
    server = make_server(app, where)
    say(f"handouts serve: {display_path(root.resolve())} at {where.url(with_token=False)}")
    say(f"PDFs and previews are kept in {app.state.cache} (never in the project folder)")
    if where.token:
        say(f"access token: {where.token}")
        say(f"open on each office computer: {where.url()}")
    say("nothing typed at the front desk is written to disk or to any log; Ctrl-C stops the server")
    if open_browser:
        def opener() -> None:
            while not server.started and not server.should_exit:
                threading.Event().wait(0.05)
            if server.started:
                webbrowser.open(where.url())

        threading.Thread(target=opener, daemon=True).start()
    server.run()
