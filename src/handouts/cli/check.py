"""Turn ``handouts check`` into a report of every check on every file, for people or as JSON."""

from __future__ import annotations

import json

import click

from handouts.cli.options import project_option


@click.command(name="check")
@click.option("--strict", is_flag=True, help="Fail on warnings too (exit 1).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="json: one JSON report on stdout (every finding with its file, line and fix; a summary per "
                   "document).")
@click.option("--max-grade", type=float, default=8.0, show_default=True,
              help="Highest Flesch-Kincaid grade before a warning.")
@click.option("--max-age", type=float, default=3.0, show_default=True,
              help="Years after publication before a document counts as too old.")
@click.option("--large-print", is_flag=True, help="Require large print: body text of 18 pt or more.")
@project_option
def check_command(strict, fmt, max_grade, max_age, large_print, root) -> None:
    """Check every content, branding, layout and document file without writing a PDF: reading level,
    structure, safety, type size, contrast, glyphs and review dates."""
    from handouts import api  # imported when the command runs: `--help` stays instant

    report = api.check(root, max_grade=max_grade, max_age_years=max_age, large_print=large_print)
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
            click.echo(f"{d.name}: grade {d.fk_grade:.1f} (SMOG {d.smog:.1f}), {d.avg_sentence_words:.1f} words a "
                       f"sentence, 'you' in {d.you_ratio:.0%} of sentences; PEMAT {d.pemat_score} % "
                       f"({len(d.pemat_passed)}/{len(d.pemat_passed) + len(d.pemat_failed)})")
        click.echo(f"{report.count('error')} error(s), {report.count('warning')} warning(s), "
                   f"{report.count('info')} note(s)")
    if report.failed(strict):
        raise SystemExit(1)
