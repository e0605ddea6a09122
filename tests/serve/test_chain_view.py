"""The chain view in a real browser: every demo document of every location as a card with its thumbnails, a
card's pages and folded mock-ups, the downloads; a saved change rebuilds only the cards it affects and a planted
YAML mistake shows with file:line and its fix, without a reload, while the last good PDFs stay available; axe-core
finds nothing on any of these pages."""

from __future__ import annotations

import io
import zipfile

from webapp import (  # noqa: F401
    axe_violations,
    browser_fixture,
    copy_demo,
    describe,
    downloads_fixture,
    fetch,
    served_fixture,
    start_server,
    wait,
)

from conftest import CLINIC, CLINIC_FILE, DOCUMENTS, LANGUAGES, LOCATIONS, edit_text
from handouts.batch.fingerprint import package_digest

CARD_IDS = sorted(f"card-{CLINIC}-{loc}-{doc}-{lang}" for loc in LOCATIONS for doc in DOCUMENTS
                  for lang in LANGUAGES[loc])


def _card_ids(browser) -> list[str]:
    return sorted(e.get_attribute("id") for e in browser.find_elements("css selector", "li.card"))


def _office_times(served) -> dict[tuple[str, str, str], int]:
    return {(e["location"], e["document"], e["lang"]): e["office"]["mtime_ns"] for e in served.app.state.snapshot.jobs}


def test_chain_lists_every_demo_document_with_its_figures(served, browser):
    browser.get(served.url + "/chain")
    assert _card_ids(browser) == CARD_IDS
    cards = browser.find_element("id", "chain-cards").text
    assert "10 documents" in cards and "Reading grade" in cards and "PEMAT" in cards and "Preflight" in cards
    images = browser.find_elements("css selector", ".thumbs img")
    assert len(images) == sum(2 if "brochure" in c else 1 for c in CARD_IDS)
    assert all(browser.execute_script("return arguments[0].complete && arguments[0].naturalWidth > 0", img)
               for img in images), "a thumbnail did not load"
    violations = axe_violations(browser)
    assert not violations, describe(violations)


def test_a_card_shows_pages_and_folded_mockups(served, browser):
    browser.get(served.url + "/chain")
    browser.find_element("css selector", f"#card-{CLINIC}-leeds-headingley-dry-needling-brochure-en h3 a").click()
    wait(lambda: "/chain/" in browser.current_url and browser.find_elements("css selector", ".pages img"))
    alts = [img.get_attribute("alt") for img in browser.find_elements("css selector", ".pages img")]
    assert len(alts) == 5 and any(a.startswith("Folded, cover up") for a in alts), alts
    assert all(browser.execute_script("return arguments[0].naturalWidth > 0", img)
               for img in browser.find_elements("css selector", ".pages img"))
    violations = axe_violations(browser)
    assert not violations, describe(violations)


def test_downloads_are_the_built_pdfs_and_a_location_zip(served):
    card = f"{served.url}/chain/{CLINIC}/leeds-headingley/dry-needling-aftercare/en"
    names = {"office": "dry-needling-aftercare.en.pdf", "print": "dry-needling-aftercare.en.print.pdf"}
    for edition, name in names.items():
        status, headers, body = fetch(f"{card}/{edition}.pdf")
        assert status == 200 and body.startswith(b"%PDF") and name in headers["content-disposition"]
        assert body == (served.cache / edition / CLINIC / "leeds-headingley" / name).read_bytes()
    status, headers, body = fetch(f"{served.url}/chain/{CLINIC}/leeds-headingley.zip")
    assert status == 200 and headers["content-type"] == "application/zip"
    names = sorted(zipfile.ZipFile(io.BytesIO(body)).namelist())
    assert names == sorted(f"{CLINIC}-leeds-headingley/{doc}.en{suffix}.pdf" for doc in DOCUMENTS
                           for suffix in ("", ".print"))


def test_saved_changes_rebuild_affected_cards_and_mistakes_show_without_a_reload(tmp_path, demo_root, browser):
    root = copy_demo(demo_root, tmp_path / "project")
    with start_server(root, tmp_path / "cache") as served:
        served.wait_for_chain()
        browser.get(served.url + "/chain")
        browser.execute_script("window.stillTheSamePage = true;")
        # One location's phone: only its cards are rebuilt, and the page shows the new thumbnails. (Every build
        # hashes the package's own source; if it changed meanwhile, everything is rebuilt and the try is void.)
        phone = "0113 496 0321"
        for attempt in range(3):
            code = package_digest()
            before = _office_times(served)
            edit_text(root / CLINIC_FILE, f"phone: {phone}", f"phone: 0113 496 09{attempt}9")
            phone = f"0113 496 09{attempt}9"
            served.wait_for_chain(2 + attempt)
            after = _office_times(served)
            if package_digest() == code:
                break
        changed = sorted(key for key in before if before[key] != after[key])
        assert changed == [("leeds-headingley", doc, "en") for doc in DOCUMENTS]
        leeds = f"#card-{CLINIC}-leeds-headingley-dry-needling-aftercare-en .thumbs img"
        wait(lambda: str(after[("leeds-headingley", "dry-needling-aftercare", "en")]) in
             browser.find_element("css selector", leeds).get_attribute("src"), 60, "the new thumbnail")

        # A YAML mistake: shown with file:line and the fix; the last good PDFs can still be downloaded.
        path = root / CLINIC_FILE
        line = path.read_text(encoding="utf-8").splitlines().index("    phone: (503) 555-0142") + 1
        edit_text(path, "    phone: (503) 555-0142", "    phnoe: (503) 555-0142")
        where = f"{CLINIC_FILE}:{line}"
        alert = wait(lambda: [e.text for e in browser.find_elements("css selector", ".alert")
                              if where in e.text], 60, f"{where} on the page")
        assert "phnoe" in alert[0] and "phone" in alert[0], alert
        status, _, body = fetch(f"{served.url}/chain/{CLINIC}/portland-pearl/dry-needling-aftercare/en/office.pdf")
        assert status == 200 and body.startswith(b"%PDF")
        violations = axe_violations(browser)
        assert not violations, describe(violations)

        edit_text(path, "    phnoe: (503) 555-0142", "    phone: (503) 555-0142")
        wait(lambda: not browser.find_elements("css selector", ".alert"), 60, "the mistake to go")
        assert browser.execute_script("return window.stillTheSamePage === true"), "the page was reloaded"
        assert _card_ids(browser) == CARD_IDS
