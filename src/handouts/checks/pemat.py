"""Turn each document, in each of its languages, into its PEMAT-P assessment: all 24 items with their status
and evidence on the document's summary, a machine score over the items software can decide, and a warning
when that score falls to the PEMAT threshold or below in either domain."""

from __future__ import annotations

from handouts.checks.material import languages, material
from handouts.checks.pemat_items import assess
from handouts.checks.report import NOT_APPLICABLE, NOT_MET, PERSON, CheckOptions, Collector
from handouts.load.project import Project


def check_pemat(project: Project, options: CheckOptions, out: Collector) -> None:
    for name in sorted(project.documents):
        src = project.documents[name].source
        for lang in languages(project, name):
            summary = out.report.document(name, lang)
            summary.pemat = assess(material(project, name, lang))
            scores = {"understandability": summary.understandability, "actionability": summary.actionability}
            decided = sum(i.decided for i in summary.pemat)
            counts = (f"software decided {decided} of {len(summary.pemat)} items; {summary.count(PERSON)} need a "
                      f"person, {summary.count(NOT_APPLICABLE)} do not apply")
            low = {d: s for d, s in scores.items() if s is not None and s <= options.min_pemat}
            failed = "; ".join(f"{i.number}. {i.text}: {i.evidence}" for i in summary.pemat if i.status == NOT_MET)
            if low:
                out.add("warning", "pemat", f"document '{name}' ({lang}) meets "
                                            + " and ".join(f"{s} % of the decidable {d} items" for d, s in low.items())
                                            + f" of PEMAT-P ({counts}); not met: {failed}",
                        f"fix the items not met; above {options.min_pemat} % counts as understandable or actionable",
                        src, ())
            elif failed:
                out.add("info", "pemat", f"document '{name}' ({lang}): PEMAT-P items not met: {failed}",
                        "see the PEMAT-P user's guide (AHRQ) for each item", src, ())
