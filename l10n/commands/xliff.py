"""XLIFF exchange with translators' CAT tools (Trados, memoQ, Phrase, OmegaT)."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import click

from l10n.commands.common import article_opt, emit_json, format_opt, open_catalogs, selection
from l10n.errors import L10nError


@click.group()
def xliff() -> None:
    """XLIFF 1.2 files for CAT tools: export one per article, import translators' work."""


@xliff.command("export")
@click.option("--lang", "language", required=True, help="The target language.")
@article_opt
@click.option(
    "-o", "--output", required=True, type=click.Path(file_okay=False, path_type=Path), help="Folder."
)
@click.pass_context
def xliff_export(ctx, language: str, articles, output: Path) -> None:
    """Write <article>.<lang>.xlf per article: states, placeholders as inline tags, notes."""
    from l10n.glossary import project_glossary
    from l10n.xliff_exchange import export_xliff

    project, languages, slugs = selection(ctx, language, articles)
    with open_catalogs(project) as catalogs:
        written = export_xliff(catalogs, project_glossary(project), languages[0], slugs, output)
    for path in written:
        click.echo(str(path))
    if not written:
        raise L10nError(f"no catalog to export for {languages[0]}: run l10n translate first")


@xliff.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--translator",
    help='Who translated the files, "Name <email>" (default: the file header\'s phase contact).',
)
@format_opt
@click.pass_context
def xliff_import(ctx, files: tuple[Path, ...], translator: str | None, fmt) -> None:
    """Bring translations back as review events; a unit changed here meanwhile is a conflict."""
    from l10n.repository import Identity
    from l10n.xliff_exchange import import_xliff

    project, _, _ = selection(ctx, None, None)
    for file in files:
        if not file.is_file():
            raise L10nError("no such file", file)
    with open_catalogs(project) as catalogs:
        report = import_xliff(catalogs, list(files), Identity.parse(translator) if translator else None)
    if fmt == "json":
        emit_json(
            dataclasses.asdict(report)
        )  # fmt: skip
    else:
        for conflict in report.conflicts:
            click.echo(f"conflict: {conflict}", err=True)
        click.echo(
            f"{report.reviewed} reviewed, {report.edited} edited (awaiting review), "
            f"{report.unchanged} unchanged, {len(report.conflicts)} conflicts"
        )
    if report.conflicts:
        sys.exit(1)
