"""Turn the models (and the registered panel roles) into JSON Schema files, so authors' editors complete and
underline the YAML as they type."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, RootModel

from handouts.batch.output import write_atomic
from handouts.layout.panels import ROLES
from handouts.load import models as m


class FontCatalog(RootModel[dict[str, m.FontFamily]]):
    """fonts/fonts.yaml: font families by name."""


class DocumentKinds(RootModel[dict[str, m.DocumentKind]]):
    """content/document-kinds.yaml: document kinds by name."""


class TranslatedDocuments(RootModel[dict[str, m.DocumentText]]):
    """content/topics/<topic>/<lang>/documents.yaml: each document's own title and main message in the language."""


class LayoutStrings(RootModel[dict[str, str]]):
    """layouts/strings/<lang>.yaml: the fixed strings layouts print, by name, in one language."""


SCHEMAS: dict[str, type[BaseModel]] = {
    "block": m.Block,
    "topic": m.Topic,
    "clinic": m.Clinic,
    "layout": m.Layout,
    "document": m.Document,
    "printer": m.PrinterProfile,
    "fonts": FontCatalog,
    "document-kinds": DocumentKinds,
    "documents-translated": TranslatedDocuments,
    "strings": LayoutStrings,
}

# Where the loader accepts more than the models' own schema says (a value turned into the model's type before it is
# validated): the schema must accept the same.
_COLOUR = {"type": "string", "pattern": m.HEX.pattern, "description": 'A colour as "#RRGGBB".'}


def schema_text(name: str) -> str:
    schema = SCHEMAS[name].model_json_schema()
    if name == "layout":  # a panel's role is one of the registered roles
        schema["$defs"]["Panel"]["properties"]["role"] = {"enum": list(ROLES), "title": "Role", "type": "string"}
    defs = schema.get("$defs", {})
    if "BrandColor" in defs:  # "#RRGGBB" is shorthand for {hex: "#RRGGBB"}
        defs["BrandColor"] = {"anyOf": [_COLOUR, defs["BrandColor"]], "title": "BrandColor"}
    for model in (schema, *defs.values()):  # per-language values are keyed by language codes, and only by them
        for prop in ("hours", "tagline", "disclaimer"):
            for option in model.get("properties", {}).get(prop, {}).get("anyOf", []):
                if option.get("type") == "object" and "patternProperties" in option:
                    option["additionalProperties"] = False
    if "Governance" in defs:  # a version written as a number (2 or 1.1) is read as text
        defs["Governance"]["properties"]["version"] = {"anyOf": [{"type": "string", "minLength": 1},
                                                                 {"type": "number"}], "title": "Version"}
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"{name}.schema.json"
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    written = []
    for name in SCHEMAS:
        path = folder / f"{name}.schema.json"
        write_atomic(path, schema_text(name).encode("utf-8"))
        written.append(path)
    return written
