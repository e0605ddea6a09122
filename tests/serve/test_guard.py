"""Safe by default, over plain HTTP: the access token on every request, loopback's Host check, forms from other
sites, bounded bodies, ids checked against the project, and a 4xx with a message (never a traceback) for every
malformed request; the server's folders and address rules."""

from __future__ import annotations

import http.client
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
from webapp import copy_demo, fetch, served_fixture, start_server  # noqa: F401

from handouts.errors import HandoutsError
from handouts.serve.server import address, checked_cache, default_cache

FORM = {"place": "smith-jones/leeds-headingley", "document": "dry-needling-aftercare", "lang": "en",
        "date": "2026-12-02", "time": "14:30", "therapist": "Sam Lee", "notes": "", "area": "2"}
FORM_TYPE = {"Content-Type": "application/x-www-form-urlencoded"}


def _post(url: str, form: dict | list, headers: dict | None = None) -> tuple[int, dict[str, str], bytes]:
    return fetch(url + "/print", urlencode(form, doseq=True).encode(), {**FORM_TYPE, **(headers or {})})


def _clean(status: int, body: bytes, expected: int) -> str:
    text = body.decode("utf-8", "replace")
    assert status == expected, text[:500]
    assert "Traceback" not in text and 'File "' not in text
    return text


@pytest.fixture(scope="module")
def locked(tmp_path_factory, demo_root):
    base = tmp_path_factory.mktemp("locked")
    with start_server(copy_demo(demo_root, base / "project"), base / "cache", token="s3cret-token-0123456789",
                      watch=False) as served:
        yield served


def test_every_request_needs_the_token(locked):
    for path in ("/", "/chain", "/static/app.css", "/chain/cards"):
        status, _, body = fetch(locked.url + path)
        assert "access token" in _clean(status, body, 401)
    status, _, body = fetch(locked.url + "/?token=wrong-token-0123456789")
    _clean(status, body, 401)
    status, headers, _ = fetch(locked.url + "/chain?token=s3cret-token-0123456789")
    assert status == 303 and headers["location"] == "/chain"
    assert headers["set-cookie"].startswith("handouts_token=s3cret-token-0123456789;")
    assert "HttpOnly" in headers["set-cookie"]
    assert fetch(locked.url + "/", headers={"Cookie": "handouts_token=s3cret-token-0123456789"})[0] == 200
    assert fetch(locked.url + "/", headers={"Authorization": "Bearer s3cret-token-0123456789"})[0] == 200
    status, _, body = _post(locked.url, FORM, {"Authorization": "Bearer s3cret-token-0123456789"})
    assert status == 200 and body.startswith(b"%PDF")
    assert _post(locked.url, FORM)[0] == 401


def test_loopback_answers_only_to_its_own_names(served):
    parts = urlsplit(served.url)
    for host, expected in ((f"127.0.0.1:{parts.port}", 200), (f"localhost:{parts.port}", 200),
                           ("attacker.example", 400), (f"attacker.example:{parts.port}", 400)):
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        connection.putrequest("GET", "/", skip_host=True)
        connection.putheader("Host", host)
        connection.endheaders()
        response = connection.getresponse()
        _clean(response.status, response.read(), expected)
        connection.close()


def test_forms_from_other_sites_are_refused(served):
    status, _, body = _post(served.url, FORM, {"Origin": "http://attacker.example"})
    assert "another site" in _clean(status, body, 403)
    status, _, body = _post(served.url, FORM, {"Origin": served.url})
    assert status == 200 and body.startswith(b"%PDF")


def test_bodies_are_bounded(served):
    big = urlencode({**FORM, "notes": "x" * 40_000}).encode()
    status, _, body = fetch(served.url + "/print", big, FORM_TYPE)
    assert "too large" in _clean(status, body, 413)
    parts = urlsplit(served.url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    connection.request("POST", "/print", body=iter([b"notes=" + b"y" * 10_000] * 4),
                       headers={**FORM_TYPE, "Transfer-Encoding": "chunked"}, encode_chunked=True)
    response = connection.getresponse()
    assert "too large" in _clean(response.status, response.read(), 413)
    connection.close()


@pytest.mark.parametrize("change, expected, says", [
    ({"place": "smith-jones/nowhere"}, 400, "not in this project"),
    ({"place": "../../etc/passwd"}, 400, "not in this project"),
    ({"document": "no-such-document"}, 400, "not in this project"),
    ({"lang": "es"}, 400, "does not serve that language"),
    ({"date": "2026-13-45"}, 400, "day of the calendar"),
    ({"time": "25:99"}, 400, "hours and minutes"),
    ({"area": "9"}, 400, "does not list"),
    ({"area": "../1"}, 400, "does not list"),
    ({"therapist": "Sam\x00Lee"}, 400, "cannot be printed"),
    ({"therapist": "S" * 41}, 400, "too long"),
    ({"notes": "W" * 120}, 422, "overflows"),
    ({"therapist": "王小明"}, 422, ""),
])
def test_malformed_forms_get_a_message(served, change, expected, says):
    status, headers, body = _post(served.url, {**FORM, **change})
    text = _clean(status, body, expected)
    assert "Nothing was printed" in text and says in text
    assert headers["content-type"].startswith("text/html")


def test_other_malformed_requests(served):
    status, _, body = fetch(served.url + "/print", b"place=x", {"Content-Type": "application/json"})
    _clean(status, body, 415)
    status, _, body = fetch(served.url + "/print", b"\xff\xfe=\xff", FORM_TYPE)
    assert "could not be read" in _clean(status, body, 400)
    status, _, body = fetch(served.url + "/print", "&".join(f"f{i}=1" for i in range(100)).encode(), FORM_TYPE)
    _clean(status, body, 400)
    status, _, body = fetch(served.url + "/print")
    _clean(status, body, 405)
    status, _, body = fetch(served.url + "/place", b"place=smith-jones%2Fnowhere", FORM_TYPE)
    _clean(status, body, 400)


@pytest.mark.parametrize("path", [
    "/chain/smith-jones/nowhere/dry-needling-aftercare/en",
    "/chain/smith-jones/portland-pearl/dry-needling-aftercare/de",
    "/chain/smith-jones/portland-pearl/..%2F..%2F..%2Fetc/en",
    "/chain/smith-jones/portland-pearl/dry-needling-aftercare/en/page-99.png",
    "/chain/smith-jones/portland-pearl/dry-needling-aftercare/en/page-0.png",
    "/chain/smith-jones/portland-pearl/dry-needling-aftercare/en/folded-cover.png",
    "/chain/smith-jones/portland-pearl/dry-needling-aftercare/en/..%2F..%2Fx.png",
    "/chain/smith-jones/portland-pearl/dry-needling-aftercare/en/digital.pdf",
    "/chain/smith-jones/nowhere.zip",
    "/static/../pyproject.toml",
    "/no/such/page",
])
def test_ids_in_urls_are_checked_against_the_chain(served, path):
    status, _, body = fetch(served.url + path)
    _clean(status, body, 404)


def test_the_app_never_writes_into_the_project_folder(served, tmp_path):
    assert not default_cache(served.root).is_relative_to(served.root)
    with pytest.raises(HandoutsError, match="inside the project folder"):
        checked_cache(served.root, served.root / "out")
    assert checked_cache(served.root, tmp_path / "elsewhere") == (tmp_path / "elsewhere").resolve()


def test_addresses_other_than_loopback_get_a_token():
    assert address("127.0.0.1", 8000, None).token is None
    assert address("localhost", 8000, None).loopback
    remote = address("0.0.0.0", 8000, None)
    assert not remote.loopback and remote.token and len(remote.token) >= 24
    assert remote.url().endswith(f"/?token={remote.token}")
    assert address("0.0.0.0", 8000, None).token != remote.token
    assert address("192.168.1.20", 8000, "a-token-of-our-own-choosing").token == "a-token-of-our-own-choosing"
    with pytest.raises(HandoutsError, match="at least 16"):
        address("0.0.0.0", 8000, "short")


def test_cache_is_kept_out_of_the_project(tmp_path):
    assert Path(default_cache(tmp_path)).name.startswith(tmp_path.name)
