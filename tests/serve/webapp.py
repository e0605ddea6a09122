"""The web app's test fixtures and helpers (a module of its own: a second conftest.py would shadow the
suite's, which other tests import by name): a live server (uvicorn in a thread, on a free port) on a copy of the
demo project, and Debian's Chromium driven by Selenium through chromium-driver, with axe-core to check pages.
A test module imports the fixtures it uses: ``from webapp import browser_fixture, served_fixture``."""

from __future__ import annotations

import contextlib
import shutil
import socket
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from handouts.serve.app import App, create_app
from handouts.serve.server import Address, make_server

PROJECT_FOLDERS = ("content", "layouts", "fonts")
CHROMIUM = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
DRIVER = ("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver")
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                  "--lang=en-US", "--window-size=1280,1000")


@dataclass
class Served:
    url: str  # http://127.0.0.1:PORT
    app: App
    root: Path
    cache: Path
    token: str | None

    def wait_for_chain(self, rebuilds: int = 1, timeout: float = 120) -> None:
        """Until the chain has been rebuilt ``rebuilds`` times in all and no rebuild is running."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.app.state.rebuilds >= rebuilds and not self.app.state.busy:
                assert not self.app.state.rebuild_error, f"the chain rebuild failed: {self.app.state.rebuild_error}"
                return
            time.sleep(0.1)
        raise AssertionError(f"the chain was not rebuilt within {timeout} s: {self.app.state.rebuild_error}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def copy_demo(demo_root: Path, target: Path) -> Path:
    for name in PROJECT_FOLDERS:
        shutil.copytree(demo_root / name, target / name)
    return target


@contextlib.contextmanager
def start_server(root: Path, cache: Path, token: str | None = None, watch: bool = True) -> Iterator[Served]:
    port = free_port()
    app = create_app(root, cache, token=token, loopback=True, watch=watch)
    server = make_server(app, Address("127.0.0.1", port, token))
    thread = threading.Thread(target=server.run, name="uvicorn-test", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise AssertionError("the test server did not start")
        time.sleep(0.02)
    try:
        yield Served(f"http://127.0.0.1:{port}", app, root, cache, token)
    finally:
        server.should_exit = True
        thread.join(timeout=30)


@pytest.fixture(scope="module", name="served")
def served_fixture(tmp_path_factory, demo_root: Path) -> Iterator[Served]:
    """One server for a module's tests that only read: the demo project copied, the chain built once."""
    base = tmp_path_factory.mktemp("serve")
    root = copy_demo(demo_root, base / "project")
    with start_server(root, base / "cache") as served:
        served.wait_for_chain()
        yield served


def fetch(url: str, data: bytes | None = None, headers: dict[str, str] | None = None,
          method: str | None = None) -> tuple[int, dict[str, str], bytes]:
    """(status, headers, body) of one request; 4xx and 5xx answers are returned, not raised."""
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, {k.lower(): v for k, v in exc.headers.items()}, exc.read()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # the tests look at redirects themselves
        return None


# ------------------------------------------------------------------------------------------------- browser


def _first(paths: tuple[str, ...]) -> str | None:
    return next((p for p in paths if Path(p).exists()), None) or shutil.which(Path(paths[0]).name)


@pytest.fixture(scope="session", name="downloads")
def downloads_fixture() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="handouts-downloads-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session", name="browser")
def browser_fixture(downloads: Path):
    """Headless Chromium (Debian's) through chromium-driver; PDFs download instead of opening in its viewer, so
    a test can read what Print returned. Skips, saying why, only where Chromium cannot be started."""
    try:
        from selenium import webdriver
        from selenium.common.exceptions import WebDriverException
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        pytest.skip("selenium is not installed (pip install -e '.[test]')")
    binary, driver_path = _first(CHROMIUM), _first(DRIVER)
    if binary is None or driver_path is None:
        pytest.skip("Chromium or chromium-driver is not installed (Debian: apt-get install chromium chromium-driver)")
    profile = Path(tempfile.mkdtemp(prefix="handouts-chromium-"))
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {
        "download.default_directory": str(downloads), "download.prompt_for_download": False,
        "plugins.always_open_pdf_externally": True})
    try:
        driver = webdriver.Chrome(options=options, service=Service(driver_path))
    except WebDriverException as exc:
        shutil.rmtree(profile, ignore_errors=True)
        pytest.skip(f"Chromium could not be started: {exc.msg}")
    driver.set_page_load_timeout(60)
    driver.set_script_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def axe_violations(driver) -> list[dict]:
    """axe-core's violations on the page now in ``driver`` (the axe-core bundled with axe-selenium-python)."""
    from axe_selenium_python import Axe

    axe = Axe(driver)
    axe.inject()
    return list(axe.run()["violations"])


def describe(violations: list[dict]) -> str:
    return "\n".join(f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}"
                     for v in violations)


def wait(condition, timeout: float = 20, what: str = "the page"):
    """``condition()`` once it is true (a page part being swapped in counts as not yet)."""
    from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = condition()
        except (NoSuchElementException, StaleElementReferenceException):  # the part being swapped in
            value = None
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")
