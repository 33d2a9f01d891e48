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
@click.option("--strict", is_flag=True, help="Exit 1 when any error-level finding is reported (for CI).")
@format_opt
@click.pass_context
def check(ctx, langs, articles, strict, fmt) -> None:
    """Run the quality checks on every translated entry."""
    from l10n.glossary import project_glossary
    from l10n.quality_checks import check_catalogs
    from l10n.repository import Catalogs

    project, languages, slugs = selection(ctx, langs, articles)
    with Catalogs(project) as catalogs:
        rows = check_catalogs(catalogs, project_glossary(project), languages, slugs)
    if fmt == "json":
        emit_json([row.as_dict() for row in rows])
    else:
        for row in rows:
            for failure in row.failures:
                click.echo(f"{row.ref}: {failure.severity}: {failure.check}: {failure.message}")
    errors = sum(row.errors for row in rows)
    click.echo(f"{len(rows)} entries with findings, {errors} error(s)", err=True)
    if strict and errors:
        raise SystemExit(1)


@click.command()
@lang_opt
@article_opt
@click.option("--no-snapshot", is_flag=True, help="Report only: append no snapshot to the history.")
@format_opt
@click.pass_context
def score(ctx, langs, articles, no_snapshot, fmt) -> None:
    """Score drafts and reviews (sacrebleu, with signatures) and append a snapshot."""
    from l10n.glossary import project_glossary
    from l10n.scoring import score as run_score

    project, languages, slugs = selection(ctx, langs, articles)
    report = run_score(project, project_glossary(project), languages, slugs, snapshot=not no_snapshot)
    if fmt == "json":
        emit_json(report)
        return
    commit, version = report["git_commit"] or "-", report["glossary_version"] or "-"
    click.echo(f"snapshot {report['snapshot'] or '-'}  commit {commit}  glossary {version}")
    for language, data in report["languages"].items():
        states = ", ".join(f"{k} {v}" for k, v in sorted(data.get("states", {}).items()))
        click.echo(f"\n{language}: {states}")
        effort = data.get("post_edit")
        if effort:
            click.echo(
                f"  post-edit effort: TER {effort['TER']}  chrF++ {effort['chrF++']}"
                f"  ({effort['entries']} reviewed, {effort['edited']} edited)"
            )
        if data.get("quality_mean") is not None:
            click.echo(f"  quality estimate (mean): {data['quality_mean']}")
        glossary = data.get("glossary") or {}
        if glossary.get("percent") is not None:
            share, count = glossary["percent"], glossary["entries_with_terms"]
            click.echo(f"  glossary adherence: {share} % of {count} entries with terms")
        reference = data.get("reference")
        if reference:
            click.echo(f"  against {reference['reference_set']} ({reference['sentences']} sentences):")
            for system in reference["systems"]:
                parts = [f"{m} {s['score']} ±{s.get('ci95', 0)}" for m, s in system["scores"].items()]
                click.echo(f"    {system['system']}: " + "  ".join(parts))
            for name, metrics in reference.get("paired_test", {}).get("systems", {}).items():
                click.echo(
                    f"    p-values vs baseline, {name}: "
                    + "  ".join(f"{m} {v['p_value']}" for m, v in metrics.items())
                )
    spearman = report["post_edit"].get("quality_vs_effort_spearman")
    if spearman is not None:
        click.echo(f"\nquality estimate vs post-edit TER (Spearman): {spearman}")
    click.echo("\nsignatures (post-edit effort):")
    for metric, signature in report["post_edit"]["signatures"].items():
        click.echo(f"  {metric}: {signature}")
    reference_signatures = {}
    for data in report["languages"].values():
        for system in (data.get("reference") or {}).get("systems", []):
            reference_signatures.update({m: s["signature"] for m, s in system["scores"].items()})
    if reference_signatures:
        click.echo("signatures (reference sets):")
        for metric, signature in reference_signatures.items():
            click.echo(f"  {metric}: {signature}")


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
