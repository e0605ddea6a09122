"""Property tests (Hypothesis): whatever a clinic's and location's text fields hold (any Unicode, private-use and
control characters, very long strings), and whatever a YAML file holds (valid, broken, any bytes), `check` and a
build end in a PDF or a located error — never a traceback. Bounded for CI: a fixed number of examples each, a
deadline per example, and the seeds of failures found kept as regular tests below."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import CLINIC, CLINIC_FILE, PROJECT_FOLDERS, REPO_ROOT
from handouts import api
from handouts.errors import HandoutsError, InputError
from handouts.load import models as m
from handouts.load.validate import validate
from handouts.load.yamlio import load_yaml, parse_yaml

FAST = settings(max_examples=300, deadline=500, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                          HealthCheck.function_scoped_fixture])

# Any character: every category, private use (U+E000…), controls, surrogates excluded (not encodable as UTF-8).
ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60) | \
    st.text(st.characters(blacklist_categories=("Cs",)), min_size=2000, max_size=5000) | \
    st.text(st.sampled_from("\ue000\uf8ff\x00\x07\x1b\u202e\u200b\ufeff#:-[]{}'\"&<>*!|%@`\t\n"), max_size=40)

CLINIC_TEXT = (REPO_ROOT / CLINIC_FILE).read_text(encoding="utf-8")
FIELDS = {  # a text field of the clinic or of a location, and the exact line it is on in the demo file
    "clinic name": "name: Smith & Jones Physio",
    "clinic phone": "phone: (888) 555-0140",
    "clinic email": "email: hello@smithjonesphysio.example",
    "location name": "    name: Pearl District, Portland",
    "location address": "      - 1220 NW Lovejoy Street, Suite 200",
    "location phone": "    phone: (503) 555-0142",
    "location email": "    email: pearl@smithjonesphysio.example",
    "location booking": "    booking_url: https://smithjonesphysio.example/book/portland-pearl",
    "hours": "  en: [Mon–Fri 7am–7pm, Sat 8am–1pm]",
}


def _with_value(line: str, value: str) -> str:
    """The demo's line with its value replaced by ``value``, written as a YAML string (JSON is YAML)."""
    head = line.split(": ", 1)[0] + ": " if ": " in line and not line.strip().startswith("- ") else \
        line.split("- ", 1)[0] + "- "
    if line.strip().startswith("en: ["):
        return f"{head}[{json.dumps(value)}]"
    return head + json.dumps(value)


def assert_located(exc: InputError, fixed: bool = True) -> None:
    """Every finding names its file; the loader's own (``fixed``) also say how to fix it."""
    for finding in exc.findings:
        assert finding.file is not None and finding.message, finding
        assert finding.fix or not fixed, finding


@FAST
@given(text=st.text(max_size=400) | st.text(st.sampled_from("ab: -[]{}#'\"\t\n &*!|>%@`,?"), max_size=200))
def test_any_yaml_text_is_a_clinic_or_a_located_error(text):
    try:
        value, found = validate(m.Clinic, parse_yaml(text, Path("clinic.yaml")))
    except InputError as exc:
        assert_located(exc)
        return
    for finding in found:
        assert finding.file is not None and finding.fix


@FAST
@given(data=st.binary(max_size=400))
def test_any_bytes_are_yaml_or_a_located_error(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("bytes") / "clinic.yaml"
    path.write_bytes(data)
    try:
        load_yaml(path)
    except InputError as exc:
        assert_located(exc)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("props")
    for name in PROJECT_FOLDERS:
        shutil.copytree(REPO_ROOT / name, root / name)
    return root


def check_and_build(root: Path) -> None:
    """`check`, then one PDF of the changed location: each ends in a result or a HandoutsError, located when it
    is about the input."""
    report = api.check(root, glyphs=False)
    for finding in report.findings:
        assert finding.fix, finding
    try:
        project = api.load_project(root)
        pdf = api.render(project, "dry-needling-aftercare", location="portland-pearl", lang="en")
        assert pdf.startswith(b"%PDF-")
    except InputError as exc:
        assert_located(exc, fixed=False)
    except HandoutsError as exc:
        assert exc.format_message()


@SLOW
@given(field=st.sampled_from(sorted(FIELDS)), value=ANY_TEXT)
def test_any_text_in_any_field_ends_in_a_pdf_or_a_located_error(scratch, field, value):
    line = FIELDS[field]
    assert CLINIC_TEXT.count(line + "\n") == 1
    (scratch / CLINIC_FILE).write_text(CLINIC_TEXT.replace(line + "\n", _with_value(line, value) + "\n", 1),
                                       encoding="utf-8")
    check_and_build(scratch)


@SLOW
@given(cut=st.integers(0, len(CLINIC_TEXT)), junk=st.text(st.sampled_from(" \t\n:-#[]{}'\"x"), max_size=6))
def test_a_clinic_file_broken_anywhere_ends_in_a_pdf_or_a_located_error(scratch, cut, junk):
    (scratch / CLINIC_FILE).write_text(CLINIC_TEXT[:cut] + junk + CLINIC_TEXT[cut:], encoding="utf-8")
    check_and_build(scratch)


# Seeds of failures these tests found, kept as regular tests.
@pytest.mark.parametrize("field, value", [
    ("location name", ""),  # an empty name: a located "is empty"
    ("clinic phone", "1" * 4000),  # a very long phone number on a narrow call bar
    ("location address", "\ue000\x07"),  # private use and a control character
    ("hours", "\u202e"),  # right-to-left override alone
])
def test_seeds(scratch, field, value):
    line = FIELDS[field]
    (scratch / CLINIC_FILE).write_text(CLINIC_TEXT.replace(line + "\n", _with_value(line, value) + "\n", 1),
                                       encoding="utf-8")
    check_and_build(scratch)
    assert CLINIC in api.load_project(REPO_ROOT).clinics
