"""Turn the chain's snapshot into cards for the chain view: one per clinic × location × document × language,
with the check findings about the files its PDF read (file:line and fix), reading grade, PEMAT, panel fill,
preflight status and what the last build said; grouped by clinic and location."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

LANGUAGE_NAMES = {"en": "English", "es": "Spanish", "fr": "French", "de": "German", "vi": "Vietnamese",
                  "zh": "Chinese", "pt": "Portuguese", "it": "Italian", "pl": "Polish", "ar": "Arabic"}
ABOUT_DOCUMENT = re.compile(r"\bdocument '([^']+)'")
FILL_CODES = ("copyfit", "panel-fill", "fill")  # what issue 11's copyfitting check reports, when present


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)


def where(finding: dict[str, Any]) -> str:
    """``file:line`` (``file:line:column``), or ``project`` for findings about no one file."""
    if not finding.get("file"):
        return "project"
    text = str(finding["file"])
    if finding.get("line") is not None:
        text += f":{finding['line']}"
        if finding.get("column") is not None:
            text += f":{finding['column']}"
    if finding.get("page") is not None:
        text += f" page {finding['page']}"
    return text


@dataclass
class Card:
    entry: dict[str, Any]
    findings: list[dict[str, Any]] = field(default_factory=list)  # check findings on the files it read
    summary: dict[str, Any] | None = None  # reading grade and PEMAT of its document

    @property
    def url(self) -> str:
        e = self.entry
        return f"/chain/{e['clinic']}/{e['location']}/{e['document']}/{e['lang']}"

    @property
    def label(self) -> str:
        return f"{self.entry['title']} ({language_name(self.entry['lang'])})"

    @property
    def fill(self) -> list[dict[str, Any]]:
        return [f for f in self.findings if any(code in f.get("code", "") for code in FILL_CODES)]

    @property
    def preflight(self) -> list[dict[str, Any]]:
        return list(self.entry.get("preflight", []))

    @property
    def severity(self) -> str:
        """error: a PDF failed or would not print, or a check error; warning: any warning; else ''."""
        states = (self.entry["office"]["status"], self.entry["print"]["status"])
        found = [f["severity"] for f in self.findings + self.preflight]
        if "failed" in states or "missing" in states or "error" in found:
            return "error"
        return "warning" if "warning" in found else ""

    @property
    def version(self) -> int:
        return int(self.entry["office"]["mtime_ns"])


@dataclass
class Group:
    clinic: str
    clinic_name: str
    location: str
    location_name: str
    cards: list[Card] = field(default_factory=list)

    @property
    def zip_url(self) -> str:
        return f"/chain/{self.clinic}/{self.location}.zip"


def cards(data: dict[str, Any]) -> list[Group]:
    """The snapshot's jobs as cards, grouped by clinic and location in the build's order."""
    check = data.get("check", {})
    findings = list(check.get("findings", []))
    summaries = {(s["name"], s.get("lang")): s for s in check.get("documents", [])}  # one per document and language
    groups: dict[tuple[str, str], Group] = {}
    for entry in data.get("jobs", []):
        group = groups.setdefault((entry["clinic"], entry["location"]), Group(
            entry["clinic"], entry["clinic_name"], entry["location"], entry["location_name"]))
        deps = set(entry.get("deps", []))
        own = [f for f in findings if f.get("file") in deps and _about(f, entry["document"])]
        group.cards.append(Card(entry, own, summaries.get((entry["document"], entry["lang"]))))
    return list(groups.values())


def _about(finding: dict[str, Any], document: str) -> bool:
    """False for a finding that names another document (a shared topic file's finding about one of them)."""
    named = ABOUT_DOCUMENT.search(str(finding.get("message", "")))
    return named is None or named.group(1) == document


def project_findings(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Check findings about no file any PDF read (the project as a whole, or a file no PDF uses)."""
    read = {d for entry in data.get("jobs", []) for d in entry.get("deps", [])}
    return [f for f in data.get("check", {}).get("findings", []) if f.get("file") not in read]


def counts(groups: list[Group]) -> dict[str, int]:
    every = [c for g in groups for c in g.cards]
    return {"total": len(every), "errors": sum(c.severity == "error" for c in every),
            "warnings": sum(c.severity == "warning" for c in every)}
