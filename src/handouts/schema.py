"""Turn the models (and the registered panel roles) into JSON Schema files, so authors' editors complete and
underline the YAML as they type."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, RootModel

from handouts.build.output import write_atomic
from handouts.layout.panels import ROLES
from handouts.load import models as m


class FontCatalog(RootModel[dict[str, m.FontFamily]]):
    """fonts/fonts.yaml: font families by name."""


class DocumentKinds(RootModel[dict[str, m.DocumentKind]]):
    """content/document-kinds.yaml: document kinds by name."""


SCHEMAS: dict[str, type[BaseModel]] = {
    "block": m.Block,
    "topic": m.Topic,
    "clinic": m.Clinic,
    "layout": m.Layout,
    "document": m.Document,
    "printer": m.PrinterProfile,
    "fonts": FontCatalog,
    "document-kinds": DocumentKinds,
}


def schema_text(name: str) -> str:
    schema = SCHEMAS[name].model_json_schema()
    if name == "layout":  # a panel's role is one of the registered roles
        schema["$defs"]["Panel"]["properties"]["role"] = {"enum": list(ROLES), "title": "Role", "type": "string"}
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
