"""Turn what the checks find into a report: findings (one per problem, each with a fix) and a summary per
document and language (reading figures, PEMAT items met and not met)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from handouts.checks.readability import Figures
from handouts.findings import Finding
from handouts.load.yamlio import Loc, Located

LARGE_PRINT = 18.0
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}

@dataclass
class DocumentSummary:
    name: str
    lang: str = "en"
    title: str = ""
    reading: Figures | None = None  # main message and teaching blocks, as a reader meets them
    pemat_passed: list[str] = field(default_factory=list)
    pemat_failed: list[str] = field(default_factory=list)

    @property
    def fk_grade(self) -> float | None:
        """The standard Flesch-Kincaid grade (English), as other tools compute it."""
        return self.reading.standard.scores.get("fk_grade") if self.reading else None

    @property
    def smog(self) -> float | None:
        return self.reading.standard.scores.get("smog") if self.reading else None

    @property
    def pemat_score(self) -> int:
        total = len(self.pemat_passed) + len(self.pemat_failed)
        return round(100 * len(self.pemat_passed) / total) if total else 0

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
            "pemat_passed": self.pemat_passed,
            "pemat_failed": self.pemat_failed,
        }


@dataclass(frozen=True)
class CheckOptions:
    max_grade: float = 8.0  # Flesch-Kincaid grade, English
    max_smog: float = 9.0  # SMOG grade, English
    min_fernandez_huerta: float = 70.0  # Spanish: 70 and above reads "fairly easy"
    min_inflesz: float = 65.0  # Spanish, Szigriszt-Pazos on the INFLESZ scale: 65 and above "fairly easy"
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
