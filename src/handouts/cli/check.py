"""Turn ``handouts check`` into a report of every check on every file, for people or as JSON."""

from __future__ import annotations

import json
from typing import Any

import click

from handouts.cli.options import project_option


@click.command(name="check")
@click.option("--strict", is_flag=True, help="Fail on warnings too (exit 1).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="json: one JSON report on stdout (every finding with its file, line and fix; a summary per "
                   "document and language, with every PEMAT-P item).")
@click.option("--max-grade", type=float, default=8.0, show_default=True,
              help="English: highest Flesch-Kincaid grade of a block or document before a warning.")
@click.option("--max-smog", type=float, default=9.0, show_default=True,
              help="English: highest SMOG grade of a block or document before a warning.")
@click.option("--min-fernandez-huerta", type=float, default=70.0, show_default=True,
              help="Spanish: lowest Fernández-Huerta ease before a warning (70: fairly easy).")
@click.option("--min-inflesz", type=float, default=65.0, show_default=True,
              help="Spanish: lowest Szigriszt-Pazos ease on the INFLESZ scale before a warning (65: fairly easy).")
@click.option("--pemat", "show_pemat", is_flag=True,
              help="List all 24 PEMAT-P items of every document with their status and evidence.")
@click.option("--max-age", type=float, default=3.0, show_default=True,
              help="Years after publication before a document counts as too old.")
@click.option("--large-print", is_flag=True,
              help="Also set every document in its large-print edition (every location, language and paper) and "
                   "measure what is drawn: nothing under 16 pt, running text 18 pt. Large-print layouts meet the "
                   "standard with or without it; the other editions' layouts keep their own minimum.")
@click.option("--every-location", is_flag=True,
              help="Lay out every document for every location. Without it, more than 12 locations that differ "
                   "only in their contact details are laid out through those with the longest of each detail.")
@project_option
def check_command(strict, fmt, max_grade, max_smog, min_fernandez_huerta, min_inflesz, show_pemat, max_age,
                  large_print, every_location, root) -> None:
    """Check every content, branding, layout and document file without writing a PDF: reading level in each
    language, PEMAT-P, safety, type size, contrast, glyphs and review dates."""
    from handouts.checks import CheckOptions, check  # imported when the command runs: `--help` stays instant

    options = CheckOptions(max_grade=max_grade, max_smog=max_smog, min_fernandez_huerta=min_fernandez_huerta,
                           min_inflesz=min_inflesz, max_age_years=max_age, large_print=large_print,
                           every_location=every_location)
    report = check(root, options)
    if fmt == "json":
        click.echo(json.dumps({
            "command": "check",
            "findings": [f.to_json() for f in report.findings],
            "documents": [d.to_json() for d in report.documents],
            "summary": {s: report.count(s) for s in ("error", "warning", "info")},
        }, indent=2, ensure_ascii=False))
    else:
        for finding in report.findings:
            click.echo(str(finding))
        if report.findings:
            click.echo()
        for d in report.documents:
            click.echo(_summary_line(d))
            if show_pemat:
                for item in d.pemat:
                    click.echo(f"    {item.number:>2}. [{item.status}] {item.text}\n        {item.evidence}")
        click.echo(f"{report.count('error')} error(s), {report.count('warning')} warning(s), "
                   f"{report.count('info')} note(s)")
    if report.failed(strict):
        raise SystemExit(1)


def _summary_line(d: Any) -> str:
    """One document in one language: its standard reading figures (and without glossary terms), and PEMAT-P."""
    from handouts.checks.readability import formula

    text = f"{d.name} ({d.lang}):"
    if d.reading is not None:
        standard, excluded = d.reading.standard, d.reading.glossary_excluded
        scores = ", ".join(f"{formula(k).label} {v:.1f}" for k, v in standard.scores.items())
        without = " / ".join(f"{v:.1f}" for v in excluded.scores.values())
        text += f" {scores or 'no readability formula for this language'}"
        text += f" (without glossary terms {without})" if without else ""
        text += f"; {standard.avg_sentence_words:.1f} words a sentence, 'you' in {standard.you_ratio:.0%}"
    u, a = d.understandability, d.actionability
    decided = sum(i.decided for i in d.pemat)
    text += (f"\n    PEMAT-P over the {decided} of {len(d.pemat)} items software can decide: understandability "
             f"{'-' if u is None else f'{u} %'}, actionability {'-' if a is None else f'{a} %'}; "
             f"{d.count('needs a person')} need a person, {d.count('not applicable')} do not apply"
             + ("" if not d.pemat_failed else f"; not met: {', '.join(d.pemat_failed)}"))
    return text
