"""Quality: checks, scores and the dashboard."""

from __future__ import annotations

import click

from l10n.commands.common import (
    article_opt,
    emit_json,
    format_opt,
    json_text,
    lang_opt,
    selection,
)


@click.command()
@lang_opt
@article_opt
@click.option("--strict", is_flag=True, help="Exit 1 when any error-level finding is reported (for CI).")
@format_opt
@click.pass_context
def check(ctx, langs, articles, strict, fmt) -> None:
    """Run the quality checks on every translated entry."""
    from l10n import listings

    project, languages, slugs = selection(ctx, langs, articles)
    out, err, errors = listings.replayed(
        project,
        f"check-{fmt}",
        [languages, slugs],
        listings.present(project, languages, slugs),
        listings.check_inputs(project),
        lambda: _check_output(project, languages, slugs, fmt),
    )
    click.echo(out, nl=False)
    click.echo(err, nl=False, err=True)
    if strict and errors:
        raise SystemExit(1)


def _check_output(project, languages, slugs, fmt) -> tuple[str, str, int]:
    """What ``check`` prints: (stdout, stderr, number of error-level findings)."""
    from l10n import listings

    rows = listings.check(project, languages, slugs)
    if fmt == "json":
        out = json_text([row.as_dict() for row in rows])
    else:
        out = "".join(
            f"{row.ref}: {failure.severity}: {failure.check}: {failure.message}\n"
            for row in rows
            for failure in row.failures
        )
    errors = sum(row.errors for row in rows)
    return out, f"{len(rows)} entries with findings, {errors} error(s)\n", errors


@click.command()
@lang_opt
@article_opt
@click.option("--no-snapshot", is_flag=True, help="Report only: append no snapshot to the history.")
@format_opt
@click.pass_context
def score(ctx, langs, articles, no_snapshot, fmt) -> None:
    """Score drafts and reviews (sacrebleu, with signatures) and append a snapshot."""
    from l10n.glossary import project_glossary
    from l10n.scoring.run import score as run_score
    from l10n.scoring.text import report_lines

    project, languages, slugs = selection(ctx, langs, articles)
    report = run_score(project, project_glossary(project), languages, slugs, snapshot=not no_snapshot)
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
