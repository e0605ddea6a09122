"""Copyfitting, from the command line: ``handouts check`` lays out every document for every location, language
and paper and reports how full each panel is; the demo leaves at least a line of slack everywhere and passes
the post-layout audit; text that grows is absorbed by the slack, and text that grows too much fails with an
error naming the panel, the lines over and the block that changed since the last good build (check fails too,
and preview exits 1)."""

from __future__ import annotations

import json
import re

from pypdf import PdfReader

from conftest import CLINIC, LANGUAGES, LOCATIONS, TOPIC_DIR, assert_clean_exit, run_build, run_cli

SENTENCE = "It can also make it hard to sit for long, to sleep well at night, or to walk very far without a rest."


def _findings(result) -> list[dict]:
    return json.loads(result.output)["findings"]


def test_check_reports_every_panel_of_every_document_location_language_and_paper(demo_root):
    result = run_cli("check", "--format", "json", "--project", demo_root)
    assert_clean_exit(result, 0)
    findings = _findings(result)
    assert [f for f in findings if f["severity"] == "error"] == []
    assert [f for f in findings if f["code"] == "copyfit-full"] == []
    layouts = [f["message"] for f in findings if f["code"] == "copyfit"]
    editions = sum(len(LANGUAGES[loc]) for loc in LOCATIONS)
    assert len(layouts) == 2 * editions * 2  # two documents, every location and language, both papers
    for message in layouts:
        for panel, slack in re.findall(r"(\S+) \d+ %(?:, runs on into \S+)? \((\d+) lines? of slack\)", message):
            assert int(slack) >= 1, f"{panel}: {message}"
    least = next(f["message"] for f in findings if f["code"] == "copyfit-slack")
    assert int(re.match(r"least slack: (\d+) line", least).group(1)) >= 1
    rates = [f["message"] for f in findings if f["code"] == "hyphenation"]
    assert len(rates) == 2 and all("at most" in r and "in a row" in r for r in rates)
    for rate in rates:
        assert int(re.search(r"at most (\d+) in a row", rate).group(1)) <= 2


def test_one_more_sentence_is_absorbed_by_the_slack(project_copy, edit):
    out = project_copy / "out"
    assert_clean_exit(run_build(project_copy, out, "dry-needling-brochure"), 0)
    edit(f"{TOPIC_DIR}/symptoms.yaml", "  - subheading:", f"  - p: {SENTENCE}\n  - subheading:")
    assert_clean_exit(run_build(project_copy, out, "dry-needling-brochure"), 0)
    for loc in LOCATIONS:  # set on the inside spread, which still passes the post-layout audit
        inside = PdfReader(out / CLINIC / loc / "dry-needling-brochure.en.pdf").pages[1].extract_text()
        assert SENTENCE[:40] in " ".join(inside.split())


def test_text_that_grows_too_much_names_the_block_that_grew(project_copy, edit):
    out = project_copy / "out"
    assert_clean_exit(run_build(project_copy, out, "dry-needling-brochure", "--location", "portland-pearl"), 0)
    edit(f"{TOPIC_DIR}/symptoms.yaml", "  - subheading:", f"  - p: {' '.join([SENTENCE] * 8)}\n  - subheading:")
    result = run_build(project_copy, out, "dry-needling-brochure", "--location", "portland-pearl")
    assert_clean_exit(result, 1)
    error = re.search(r"^Error: dry-needling-brochure\.en \(smith-jones/portland-pearl, letter\): the text of sequence "
                      r"'flow' runs (\d+) lines? \((\d+) pt, [\d.]+ mm\) past the end of panel 'inside-3'.*"
                      r"changed since the last good build: 'symptoms'; choices: shorten 'symptoms' by about \1 "
                      r"lines?; move an optional block to the digital edition \(digital_only: \[\w+\]",
                      result.output, re.M)
    assert error, result.output
    assert int(error.group(1)) >= 1 and int(error.group(2)) > 0
    # The Spanish edition reads the Spanish block, which did not change: it was up to date.
    assert (out / CLINIC / "portland-pearl" / "dry-needling-brochure.es.pdf").is_file()
    check = run_cli("check", "--format", "json", "--project", project_copy)
    assert_clean_exit(check, 1)
    assert any(f["code"] == "layout" and "inside-3" in f["message"] for f in _findings(check))
    preview = run_cli("preview", "dry-needling-brochure", "--location", "portland-pearl", "--no-contact",
                      "--project", project_copy, "--out", out)
    assert preview.exit_code == 1, preview.output
    assert "dry-needling-brochure.en" in preview.output


def _branches(count: int, tall: int, address_lines: int) -> str:
    """``count`` locations alike but for their contact details; branch ``tall`` has ``address_lines`` lines."""
    out = []
    for n in range(1, count + 1):
        lines = [f"Floor {i}, Building {i}" for i in range(1, address_lines + 1)] if n == tall \
            else ["1 Main Street", "Portland, OR 97209"]
        address = "".join(f"      - {line}\n" for line in lines)
        out.append(f"  - id: pdx-{n:02d}\n    name: Branch {n}, Portland\n    address:\n{address}"
                   f"    phone: (503) 555-01{n:02d}\n    email: pdx{n}@smithjonesphysio.example\n"
                   f"    booking_url: https://smithjonesphysio.example/book/pdx-{n:02d}\n\n")
    return "".join(out)


def test_a_large_chain_is_laid_out_through_its_longest_contact_details(project_copy, edit):
    """Past 12 locations alike but for their contact details, check lays out those with the longest of each
    detail: the branch whose address runs past its panel is among them, and its error names it;
    --every-location lays out each one."""
    edit(f"content/clinics/{CLINIC}.yaml", "  - id: austin-zilker\n", _branches(13, 7, 16) + "  - id: austin-zilker\n")
    sampled = run_cli("check", "--format", "json", "--project", project_copy)
    assert_clean_exit(sampled, 1)
    findings = _findings(sampled)
    errors = [f["message"] for f in findings if f["severity"] == "error"]
    assert errors and all("pdx-07" in e and "overflows panel 'back'" in e for e in errors), errors
    samples = [f["message"] for f in findings if f["code"] == "copyfit-sample"]
    assert samples and all("of 15 locations alike" in s for s in samples), samples
    laid_out = len([f for f in findings if f["code"] == "copyfit"])
    every = _findings(run_cli("check", "--every-location", "--format", "json", "--project", project_copy))
    assert not [f for f in every if f["code"] == "copyfit-sample"]
    assert len([f for f in every if f["code"] == "copyfit"]) > laid_out
    assert {f["message"] for f in every if f["severity"] == "error"} == set(errors)
