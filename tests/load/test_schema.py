"""The schema matches the tool: every demo file (translations, documents.yaml and layouts/strings included) validates
against `handouts schema` with an independent JSON Schema validator (jsonschema), what the loader accepts the schema
accepts (colour shorthand "#RRGGBB", a version written as a number), and what the loader rejects for shape or type
the schema rejects too; the committed schema/ files are what `handouts schema` writes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from conftest import REPO_ROOT
from handouts.errors import InputError
from handouts.load import models as m
from handouts.load.validate import validate
from handouts.load.yamlio import parse_yaml
from handouts.schema import SCHEMAS, schema_text

MODELS = {"clinic": m.Clinic, "topic": m.Topic, "block": m.Block, "document": m.Document}


def schema_for(relative: str) -> str:
    """Which schema a project file is written against (as the README maps them for editors)."""
    parts = Path(relative).parts
    if parts[:2] == ("content", "clinics"):
        return "clinic"
    if parts[:2] == ("content", "documents"):
        return "document"
    if relative == "content/document-kinds.yaml":
        return "document-kinds"
    if parts[:2] == ("content", "topics"):
        name = parts[-1]
        return {"topic.yaml": "topic", "documents.yaml": "documents-translated"}.get(name, "block")
    if parts[:2] == ("layouts", "printers"):
        return "printer"
    if parts[:2] == ("layouts", "strings"):
        return "strings"
    if parts[0] == "layouts":
        return "layout"
    return "fonts"


def demo_files() -> list[str]:
    found = []
    for folder in ("content", "layouts", "fonts"):
        found += [p.relative_to(REPO_ROOT).as_posix() for p in (REPO_ROOT / folder).rglob("*.yaml")]
    return sorted(found)


def as_json(data):
    """YAML data as JSON sees it (dates become ISO text, as an editor's YAML server reads them)."""
    return json.loads(json.dumps(data, default=str))


def validator(name: str) -> Draft202012Validator:
    schema = json.loads(schema_text(name))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@pytest.mark.parametrize("relative", demo_files())
def test_every_demo_file_validates(relative):
    data = yaml.safe_load((REPO_ROOT / relative).read_text(encoding="utf-8"))
    errors = [e.message for e in validator(schema_for(relative)).iter_errors(as_json(data))]
    assert errors == [], f"{relative}: {errors}"


def test_every_schema_is_committed_as_written():
    for name in SCHEMAS:
        assert (REPO_ROOT / "schema" / f"{name}.schema.json").read_text(encoding="utf-8") == schema_text(name), name


CLINIC = """\
name: North
phone: "1"
email: a@b.example
hours: [Mon]
booking_url: https://b.example
brand:
  logo: {svg: a.svg}
  colors: {primary: "#0B5563", accent: {hex: "#D9692B", cmyk: [0, 64, 88, 8]}, text: "#1B1F24", muted: "#4A5560",
           background: "#FFFFFF", tint: "#E6F1F3", on_primary: "#FFFFFF"}
  fonts: {body: F, heading: F}
locations:
  - id: a
    name: A
    address: [1 St]
"""


@pytest.mark.parametrize("old, new, accepted", [
    ("", "", True),
    ('primary: "#0B5563"', 'primary: {hex: "#0B5563"}', True),
    ('primary: "#0B5563"', "primary: teal", False),
    ('primary: "#0B5563"', "primary: #0B5563", False),  # unquoted: a comment, so no value
    ('primary: "#0B5563"', 'primary: "#0B556"', False),
    ("cmyk: [0, 64, 88, 8]", "cmyk: [0, 64, 88]", False),
    ('phone: "1"', "phone: 1", False),
    ('phone: "1"', 'phnoe: "1"', False),
    ("hours: [Mon]", "hours: Mon", False),
    ("hours: [Mon]", "hours: {en: [Mon], es: [lun.]}", True),
    ("hours: [Mon]", "hours: {english: [Mon]}", False),
    ("    name: A\n", "", False),
    ("    address: [1 St]\n", "    address: []\n", False),
    ("  - id: a", "  - id: A b", False),
    ("booking_url: https://b.example", "booking_url: b.example", False),
    ("name: North\n", "name: North\npaper: A4\n", False),
    ("name: North\n", "name: North\nlanguages: [en, es]\nlocale: es-US\n", True),
])
def test_schema_and_loader_agree_on_clinics(tmp_path, old, new, accepted):
    text = CLINIC.replace(old, new, 1) if old else CLINIC
    assert old == "" or text != CLINIC
    try:
        value, found = validate(m.Clinic, parse_yaml(text, tmp_path / "c.yaml"))
    except InputError:
        value, found = None, ["syntax"]
    loader_accepts = value is not None and not found
    try:
        schema_accepts = validator("clinic").is_valid(as_json(yaml.safe_load(text)))
    except yaml.YAMLError:  # what an editor's YAML server cannot parse, it cannot accept
        schema_accepts = False
    assert (loader_accepts, schema_accepts) == (accepted, accepted), found


@pytest.mark.parametrize("version, accepted", [("'1.2'", True), ("2", True), ("1.5", True), ("''", False),
                                               ("[1]", False)])
def test_a_version_number_is_text_to_both(tmp_path, version, accepted):
    text = (REPO_ROOT / "content/topics/dry-needling-sciatica/topic.yaml").read_text(encoding="utf-8")
    line = next(li for li in text.splitlines() if li.strip().startswith("version:"))
    text = text.replace(line, line.split("version:")[0] + f"version: {version}", 1)
    value, found = validate(m.Topic, parse_yaml(text, tmp_path / "topic.yaml"))
    schema_accepts = validator("topic").is_valid(as_json(yaml.safe_load(text)))
    assert (value is not None, schema_accepts) == (accepted, accepted), found
