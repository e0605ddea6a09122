"""Turn what the checks find into a report: findings (one per problem, each with a fix) and a summary per
document and language (reading figures, the PEMAT-P items with their status and evidence)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from handouts.checks.readability import Figures
from handouts.findings import Finding
from handouts.load.yamlio import Loc, Located

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}

MET, NOT_MET, PERSON, NOT_APPLICABLE = "met", "not met", "needs a person", "not applicable"
STATUSES = (MET, NOT_MET, PERSON, NOT_APPLICABLE)


@dataclass(frozen=True)
class PematItem:
    """One PEMAT-P item for one document: its number and domain in the AHRQ tool, what it asks, its status
    (met, not met, needs a person, not applicable) and the evidence for that status."""

    number: int
    domain: str  # "understandability" or "actionability"
    text: str
    status: str
    evidence: str

    @property
    def decided(self) -> bool:
        """Decided by software: met or not met (a person still signs the review)."""
        return self.status in (MET, NOT_MET)

    def to_json(self) -> dict[str, Any]:
        return {"number": self.number, "domain": self.domain, "item": self.text, "status": self.status,
                "evidence": self.evidence}


def machine_score(items: list[PematItem], domain: str | None = None) -> int | None:
    """Percent met of the items software decided (in one domain, or both); None if it decided none."""
    decided = [i for i in items if i.decided and (domain is None or i.domain == domain)]
    if not decided:
        return None
    return round(100 * sum(i.status == MET for i in decided) / len(decided))


@dataclass
class DocumentSummary:
    name: str
    lang: str = "en"
    title: str = ""
    reading: Figures | None = None  # main message and teaching blocks, as a reader meets them
    pemat: list[PematItem] = field(default_factory=list)

    @property
    def fk_grade(self) -> float | None:
        """The standard Flesch-Kincaid grade (English), as other tools compute it."""
        return self.reading.standard.scores.get("fk_grade") if self.reading else None

    @property
    def smog(self) -> float | None:
        return self.reading.standard.scores.get("smog") if self.reading else None

    @property
    def pemat_score(self) -> int | None:
        """Machine score over the decided items of both domains."""
        return machine_score(self.pemat)

    @property
    def understandability(self) -> int | None:
        return machine_score(self.pemat, "understandability")

    @property
    def actionability(self) -> int | None:
        return machine_score(self.pemat, "actionability")

    @property
    def pemat_failed(self) -> list[str]:
        return [f"{i.number}. {i.text}" for i in self.pemat if i.status == NOT_MET]

    def count(self, status: str) -> int:
        return sum(i.status == status for i in self.pemat)

    def to_json(self) -> dict[str, Any]:
        standard = self.reading.standard if self.reading else None
        return {
            "name": self.name,
            "lang": self.lang,
            "title": self.title,
            "fk_grade": self.fk_grade,
            "smog": self.smog,
            "avg_sentence_words": standard.avg_sentence_words if standard else None,
            "you_ratio": standard.you_ratio if standard else None,
            "words": standard.words if standard else None,
            "readability": self.reading.to_json() if self.reading else None,
            "pemat_score": self.pemat_score,
            "pemat": {
                "scored_over": "the items software can decide (met or not met); a person rates the rest",
                "understandability": self.understandability,
                "actionability": self.actionability,
                "counts": {s: self.count(s) for s in STATUSES},
                "items": [i.to_json() for i in self.pemat],
            },
            "pemat_failed": self.pemat_failed,
        }


@dataclass(frozen=True)
class CheckOptions:
    max_grade: float = 8.0  # Flesch-Kincaid grade, English
    max_smog: float = 9.0  # SMOG grade, English
    min_fernandez_huerta: float = 70.0  # Spanish: 70 and above reads "fairly easy"
    min_inflesz: float = 65.0  # Spanish, Szigriszt-Pazos on the INFLESZ scale: 65 and above "fairly easy"
    min_pemat: int = 70  # PEMAT-P: above 70 % counts as understandable or actionable
    # Also set every document in its large-print edition (every location, language and paper) and measure every
    # character drawn; large-print layouts are held to the large-print standard with or without it.
    large_print: bool = False
    max_age_years: float = 3.0
    review_soon_days: int = 90
    today: date = field(default_factory=date.today)
    glyphs: bool = True  # every location's text against its fonts (builds check this per PDF instead)
    # Lay out every document for every location. Without it, a group of locations that share all but their
    # contact details is laid out whole up to ALL_LAID_OUT locations, and past that for the locations with the
    # longest of each contact detail (a build lays out every PDF, and fails one that does not fit).
    every_location: bool = False


@dataclass
class CheckReport:
    findings: list[Finding] = field(default_factory=list)
    documents: list[DocumentSummary] = field(default_factory=list)

    def count(self, severity: str) -> int:
        return sum(f.severity == severity for f in self.findings)

    def failed(self, strict: bool) -> bool:
        return bool(self.count("error") or (strict and self.count("warning")))

    def document(self, name: str, lang: str = "en") -> DocumentSummary:
        for summary in self.documents:
            if summary.name == name and summary.lang == lang:
                return summary
        summary = DocumentSummary(name, lang)
        self.documents.append(summary)
        return summary

    def sort(self) -> None:
        self.findings.sort(key=lambda f: (SEVERITY_ORDER[f.severity], str(f.file), f.line or 0, f.code))
        self.documents.sort(key=lambda d: (d.name, d.lang))


class Collector:
    """Collects findings, each once, located by a file and a path into it (or a line)."""

    def __init__(self, report: CheckReport):
        self.report = report
        self._seen: set[str] = set()

    def add(self, severity: str, code: str, message: str, fix: str, source: Located | None = None,
            loc: Loc = (), line: int | None = None) -> None:
        file = source.path if source else None
        if source is not None and line is None:
            line = source.where(loc)[0]
        self.finding(Finding(severity, code, message, file=file, line=line, fix=fix))

    def finding(self, finding: Finding) -> None:
        if str(finding) not in self._seen:
            self._seen.add(str(finding))
            self.report.findings.append(finding)
