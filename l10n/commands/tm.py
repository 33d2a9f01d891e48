"""Translation memory: TMX import and export, what it holds, and match analysis."""

from __future__ import annotations

from pathlib import Path

import click

from l10n.commands.common import article_opt, emit_json, format_opt, lang_opt, open_catalogs, selection
from l10n.errors import L10nError


@click.group()
def tm() -> None:
    """Translation memory: reviewed entries and imported TMX files (tm/<lang>.jsonl)."""


@tm.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@lang_opt
@click.pass_context
def tm_import(ctx, files: tuple[Path, ...], langs) -> None:
    """Import TMX files (every file is checked before anything is stored)."""
    from l10n.tm.exchange import import_tmx

    project, languages, _ = selection(ctx, langs, None)
    for file in files:
        if not file.is_file():
            raise L10nError("no such file", file)
    for row in import_tmx(project, list(files), languages):
        click.echo(f"{row.file}: {row.language}: {row.units} units, {row.new} new")


@tm.command("export")
@click.option("--lang", "language", required=True, help="The target language.")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="TMX file (default: stdout)."
)
@click.pass_context
def tm_export(ctx, language: str, output: Path | None) -> None:
    """Write a language's memory as TMX 1.4b (article, reviewer and origin as properties)."""
    import sys

    from l10n.fileio import atomic_write
    from l10n.tm.exchange import export_tmx

    project, languages, _ = selection(ctx, language, None)
    with open_catalogs(project) as catalogs:
        data, count = export_tmx(catalogs, languages[0])
    if output is None:
        sys.stdout.buffer.write(data)
        return
    atomic_write(output, data)
    click.echo(f"{count} units → {output}", err=True)


@tm.command("stats")
@lang_opt
@format_opt
@click.pass_context
def tm_stats(ctx, langs, fmt) -> None:
    """Units per language and origin (reviewed entries, each imported TMX file)."""
    from collections import Counter

    from l10n.commands.common import emit_json
    from l10n.tm.units import imported_units, project_units

    project, languages, _ = selection(ctx, langs, None)
    report: dict[str, dict] = {}
    with open_catalogs(project) as catalogs:
        for language in languages:
            origins = Counter("reviewed entries" for _ in project_units(catalogs, language))
            origins.update(u.origin for u in imported_units(project, language))
            report[language] = {"units": sum(origins.values()), "origins": dict(origins)}
    if fmt == "json":
        emit_json(report)
        return
    for language, row in report.items():
        detail = ", ".join(f"{origin} {count}" for origin, count in row["origins"].items()) or "empty"
        click.echo(f"{language}: {row['units']} units ({detail})")


@click.command()
@lang_opt
@article_opt
@format_opt
@click.pass_context
def analyse(ctx, langs, articles, fmt) -> None:
    """Words and segments left to translate per match band, the way agencies quote."""
    from l10n.glossary import project_glossary
    from l10n.glossary.matcher import Matcher
    from l10n.tm.analyse import BANDS
    from l10n.tm.analyse import analyse as run_analysis
    from l10n.tm.memory import Memory
    from l10n.tm.units import language_units

    project, languages, slugs = selection(ctx, langs, articles)
    matcher = Matcher(project_glossary(project))
    results = []
    with open_catalogs(project) as catalogs:
        for language in languages:
            memory = Memory(language_units(catalogs, language), matcher)
            results.append(run_analysis(catalogs, memory, language, slugs))
    if fmt == "json":
        emit_json({r.language: r.as_dict() for r in results})
        return
    click.echo(f"{'':<6}" + "".join(f"{band:>14}" for band in (*BANDS, "total")))
    for result in results:
        counts = [*(result.bands[b] for b in BANDS), result.total]
        click.echo(f"{result.language:<6}" + "".join(f"{c.words:>8} words" for c in counts))
        click.echo(f"{'':<6}" + "".join(f"{c.segments:>5} segments" for c in counts))
