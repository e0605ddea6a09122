"""The front desk in a real browser, by keyboard only: choose the location, the Spanish aftercare sheet, type
the next appointment, tick two treated areas, Print; the PDF that comes back holds exactly those values (read
back by pypdf, and byte-identical to the same sheet made through the Python API), and nothing typed reaches a
log, the cache or the project folder. axe-core finds nothing on either page."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest
from pypdf import PdfReader
from webapp import axe_violations, browser_fixture, describe, downloads_fixture, served_fixture, wait  # noqa: F401

import handouts

THERAPIST = "Ana Ruiz"
NOTES = "Ice 20 min; walk daily"


def _keys():
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    return ActionChains, Keys


def _tab(browser, times: int = 1):
    ActionChains, Keys = _keys()
    for _ in range(times):
        ActionChains(browser).send_keys(Keys.TAB).perform()
    return browser.switch_to.active_element


def _name(element) -> str:
    """What a keyboard user lands on: the element's id, or a link's text."""
    return element.get_attribute("id") or element.text.strip()


def _focus_order(browser, count: int) -> list[str]:
    """The first ``count`` elements the Tab key visits from the top of a freshly loaded page (a date or time
    field's own parts, day, month and year, are one element)."""
    browser.get(browser.current_url)
    order: list[str] = []
    for _ in range(count * 4):
        name = _name(_tab(browser))
        if not order or order[-1] != name:
            order.append(name)
        if len(order) == count:
            break
    return order


def _next_field(browser):
    """Tab to the next element (past the remaining parts of a date or time field)."""
    here = browser.switch_to.active_element
    for _ in range(4):
        element = _tab(browser)
        if element != here:
            return element
    raise AssertionError("the Tab key does not leave the field")


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.relative_to(folder).as_posix(): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in folder.rglob("*") if p.is_file()}


def test_front_desk_prints_what_was_typed_keyboard_only(served, browser, downloads, caplog):
    caplog.set_level(logging.DEBUG)
    for noisy in ("selenium", "urllib3"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    ActionChains, Keys = _keys()
    project_before = _snapshot(served.root)
    for old in downloads.iterdir():
        old.unlink()
    browser.get(served.url + "/")
    browser.delete_all_cookies()
    browser.get(served.url + "/")

    # First visit: the location is chosen once, and the focus order is skip link, navigation, location, button.
    assert _focus_order(browser, 5) == ["Skip to the main content", "Front desk", "Chain", "place", "Use this location"]
    assert not axe_violations(browser), describe(axe_violations(browser))
    ActionChains(browser).key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT).perform()
    select = browser.switch_to.active_element
    assert select.get_attribute("id") == "place"
    select.send_keys("Pearl")
    _tab(browser).send_keys(Keys.ENTER)
    wait(lambda: browser.find_elements("id", "print-form"), what="the print form")

    # The print form, in reading order.
    order = _focus_order(browser, 17)
    assert order == ["Skip to the main content", "Front desk", "Chain", "Change location", "document", "lang",
                     "date", "time", "therapist", "area-1", "area-2", "area-3", "area-4", "area-5", "notes",
                     "print", "Clear the form"], order
    assert "Nothing you type here is kept" in browser.find_element("id", "privacy").text

    browser.get(browser.current_url)
    _tab(browser, 6)  # the language
    browser.switch_to.active_element.send_keys("Spanish")
    wait(lambda: browser.find_element("css selector", "label[for=area-1]").text == "Glúteos",
          what="the tick boxes in Spanish")
    browser.execute_script("document.getElementById('lang').focus()")
    _next_field(browser).send_keys("12022026")  # date, as Chromium's en-US date field takes it: mm dd yyyy
    _next_field(browser).send_keys("0230P")  # time: 02:30 PM
    _next_field(browser).send_keys(THERAPIST)
    _tab(browser, 2).send_keys(Keys.SPACE)  # area 2: Piriforme
    _tab(browser, 2).send_keys(Keys.SPACE)  # area 4: Isquiotibiales
    _tab(browser, 2).send_keys(NOTES)
    assert not axe_violations(browser), describe(axe_violations(browser))
    home = browser.current_window_handle
    _tab(browser).send_keys(Keys.ENTER)  # Print

    pdf_file = downloads / "dry-needling-aftercare.es.pdf"
    try:
        arrived = wait(lambda: pdf_file.is_file() and not list(downloads.glob("*.crdownload")), 30, "the PDF")
    except AssertionError:
        arrived = False
    finally:
        pages = []
        for handle in browser.window_handles:
            browser.switch_to.window(handle)
            pages.append(browser.find_element("tag name", "body").text[:500])
            if handle != home:
                browser.close()
        browser.switch_to.window(home)
    assert arrived, f"no PDF came back; the browser shows: {pages}"

    data = pdf_file.read_bytes()
    text = " ".join(PdfReader(io.BytesIO(data)).pages[0].extract_text().split())
    for value in ("2 dic. 2026", "2:30 p. m.", THERAPIST, NOTES, "Piriforme", "Isquiotibiales"):
        assert value in text, f"{value!r} not in the printed sheet"
    expected = handouts.render(handouts.load_project(served.root), "dry-needling-aftercare",
                               location="portland-pearl", lang="es", edition="form", flatten=True,
                               fill={"next_appointment_date": "2 dic. 2026",
                                     "next_appointment_time": "2:30 p. m.", "therapist": THERAPIST,
                                     "notes": NOTES, "areas": "area_2,area_4"})
    assert data == expected, "the printed sheet differs from the same values filled in through the API"

    # Nothing typed was logged or written: not in any log record, the cache, or the project folder.
    assert THERAPIST not in caplog.text and NOTES not in caplog.text
    marker = NOTES.encode()
    assert not [p for p in served.cache.rglob("*") if p.is_file() and marker in p.read_bytes()]
    assert _snapshot(served.root) == project_before


@pytest.mark.parametrize("path", ["/?change=1", "/no-such-page", "/chain/smith-jones/nowhere/x/en"])
def test_other_pages_have_no_axe_violations(served, browser, path):
    browser.get(served.url + path)
    violations = axe_violations(browser)
    assert not violations, describe(violations)
