"""Glossary files: import, export, lint, check."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from l10n.commands.common import (
    article_opt,
    emit_json,
    format_opt,
    lang_opt,
    open_project,
    selection,
)
from l10n.errors import L10nError


@click.group()
def glossary() -> None:
    """Glossaries (TBX and CSV files in glossaries/)."""


@glossary.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--merge", is_flag=True, help="Add to glossaries/<name>.tbx if it exists (same English term: updated)."
)
@click.option("--replace", is_flag=True, help="Replace glossaries/<name>.tbx if it exists.")
@click.pass_context
def glossary_import(ctx, file: Path, merge: bool, replace: bool) -> None:
    """Read a CSV or TBX glossary and write it as glossaries/<name>.tbx."""
    from l10n.fileio import atomic_write
    from l10n.glossary import Collector, attach_forbidden, read_file
    from l10n.glossary.merge import merge as merge_concepts
    from l10n.glossary.tbx import read_tbx, write_tbx
    from l10n.project import check_slug

    if merge and replace:
        raise click.UsageError("--merge and --replace exclude each other")
    project = open_project(ctx)
    if not file.is_file():
        raise L10nError("no such file", file)
    if file.suffix.lower() not in (".csv", ".tbx"):
        raise L10nError("a glossary is a .csv or .tbx file", file)
    collector = Collector()
    concepts = attach_forbidden(read_file(file, collector, str(file)), collector)
    target = project.inside("glossaries", f"{check_slug(file.stem)}.tbx")
    shown = project.relative(target)
    detail = ""
    if target.exists() and not replace:
        existing = read_tbx(target, Collector(), shown)
        if not merge:
            raise L10nError(
                f"already holds {len(existing)} concepts; importing {file.name} would replace them "
                f"with {len(concepts)} (use --merge to add to them, or --replace)",
                shown,
            )
        merged = merge_concepts(existing, concepts)
        concepts = merged.concepts
        detail = f" ({merged.added} added, {merged.updated} updated)"
    atomic_write(target, write_tbx(concepts, f"Imported from {file.name}"))
    click.echo(f"{len(concepts)} concepts → {shown}{detail}")


@glossary.command("export")
@click.option(
    "--file-format",
    "fmt",
    type=click.Choice(["csv", "tbx"]),
    default="csv",
    show_default=True,
    help="File format: csv for spreadsheets, tbx for terminology tools.",
)
@click.option(
    "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write here instead of stdout."
)
@click.pass_context
def glossary_export(ctx, fmt, output) -> None:
    """Write the whole glossary as one CSV or TBX file."""
    from l10n.fileio import atomic_write
    from l10n.glossary import project_glossary
    from l10n.glossary.csvfile import write_csv
    from l10n.glossary.tbx import write_tbx

    project = open_project(ctx)
    concepts = project_glossary(project).concepts
    data = write_csv(concepts).encode("utf-8") if fmt == "csv" else write_tbx(concepts)
    if output:
        atomic_write(output, data)
    else:
        click.echo(data.decode("utf-8"), nl=False)


@glossary.command("lint")
@format_opt
@click.pass_context
def glossary_lint(ctx, fmt) -> None:
    """Report malformed rows, duplicates, conflicting targets and missing languages."""
    from dataclasses import asdict

    from l10n.glossary.lint import lint

    project = open_project(ctx)
    problems = lint(project.glossaries_dir, project.root)
    if fmt == "json":
        emit_json([asdict(p) for p in problems])
    else:
        for problem in problems:
            click.echo(str(problem))
        click.echo(f"{len(problems)} problem(s)", err=True)
    if problems:
        sys.exit(1)


@glossary.command("check")
@lang_opt
@article_opt
@click.option("--strict", is_flag=True, help="Exit non-zero when any entry breaks the glossary (for CI).")
@format_opt
@click.pass_context
def glossary_check(ctx, langs, articles, strict, fmt) -> None:
    """Check every translated PO entry: approved terms, forbidden renderings, names."""
    from l10n.glossary import project_glossary
    from l10n.glossary.scan import scan

    project, languages, slugs = selection(ctx, langs, articles)
    findings, checked = scan(project, project_glossary(project), languages, slugs)
    if fmt == "json":
        emit_json([f.as_dict() for f in findings])
    else:
        for finding in findings:
            for issue in finding.issues:
                click.echo(f"{finding.file}:{finding.line}: {issue.describe()}")
        click.echo(f"{len(findings)} of {checked} translated entries break the glossary", err=True)
    if strict and findings:
        sys.exit(1)
