"""Turn what the checks find into a report: findings (one per problem, each with a fix) and a summary per
document (reading figures, PEMAT items met and not met)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from handouts.findings import Finding
from handouts.load.yamlio import Loc, Located

LARGE_PRINT = 18.0
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass
class DocumentSummary:
    name: str
    fk_grade: float = 0.0
    smog: float = 0.0
    avg_sentence_words: float = 0.0
    you_ratio: float = 0.0
    words: int = 0
    pemat_passed: list[str] = field(default_factory=list)
    pemat_failed: list[str] = field(default_factory=list)

    @property
    def pemat_score(self) -> int:
        total = len(self.pemat_passed) + len(self.pemat_failed)
        return round(100 * len(self.pemat_passed) / total) if total else 0

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["pemat_score"] = self.pemat_score
        return data


@dataclass(frozen=True)
class CheckOptions:
    max_grade: float = 8.0
    large_print: bool = False  # body text at least LARGE_PRINT points
    max_age_years: float = 3.0
    review_soon_days: int = 90
    today: date = field(default_factory=date.today)
    glyphs: bool = True  # every location's text against its fonts (builds check this per PDF instead)


@dataclass
class CheckReport:
    findings: list[Finding] = field(default_factory=list)
    documents: list[DocumentSummary] = field(default_factory=list)

    def count(self, severity: str) -> int:
        return sum(f.severity == severity for f in self.findings)

    def failed(self, strict: bool) -> bool:
        return bool(self.count("error") or (strict and self.count("warning")))

    def document(self, name: str) -> DocumentSummary:
        for summary in self.documents:
            if summary.name == name:
                return summary
        summary = DocumentSummary(name)
        self.documents.append(summary)
        return summary

    def sort(self) -> None:
        self.findings.sort(key=lambda f: (SEVERITY_ORDER[f.severity], str(f.file), f.line or 0, f.code))


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
