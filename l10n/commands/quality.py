"""Quality: checks, scores and the dashboard."""

from __future__ import annotations

import click

from l10n.commands.common import (
    article_opt,
    emit_json,
    format_opt,
    lang_opt,
    selection,
)


@click.command()
@lang_opt
@article_opt
@format_opt
@click.pass_context
def check(ctx, langs, articles, fmt) -> None:
    """Run the quality checks on every translated entry."""
    from l10n.glossary import project_glossary
    from l10n.quality_checks import check_catalogs

    project, languages, slugs = selection(ctx, langs, articles)
    rows = check_catalogs(project, project_glossary(project), languages, slugs)
    if fmt == "json":
        emit_json(rows)
        return
    for row in rows:
        for failure in row["failures"]:
            click.echo(f"{row['ref']}: {failure['check']}: {failure['message']}")
    click.echo(f"{len(rows)} entries with findings", err=True)


@click.command()
@lang_opt
@article_opt
@format_opt
@click.pass_context
def score(ctx, langs, articles, fmt) -> None:
    """Score drafts and reviews (sacrebleu, with signatures) and append a snapshot."""
    from l10n.glossary import project_glossary
    from l10n.scoring.run import score as run_score
    from l10n.scoring.text import report_lines

    project, languages, slugs = selection(ctx, langs, articles)
    report = run_score(project, project_glossary(project), languages, slugs)
    if fmt == "json":
        emit_json(report.as_dict())
        return
    for line in report_lines(report):
        click.echo(line)


@click.command()
@lang_opt
@article_opt
@click.pass_context
def dashboard(ctx, langs, articles) -> None:
    """Write the QA dashboard to reports/dashboard/ (index.html, scores.json, scores.csv)."""
    from l10n.dashboard import build_dashboard
    from l10n.glossary import project_glossary

    project, languages, slugs = selection(ctx, langs, articles)
    page = build_dashboard(project, project_glossary(project), languages, slugs)
    click.echo(project.relative(page))
