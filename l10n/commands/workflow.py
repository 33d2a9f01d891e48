"""The main job: init, extract, translate, build, status."""

from __future__ import annotations

from pathlib import Path

import click

from l10n.commands.common import (
    article_opt,
    emit_json,
    format_opt,
    lang_opt,
    selection,
)


@click.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--lang", "langs", help="Target languages, e.g. fr,es,it (default: fr,es,it).")
def init(directory: Path, langs: str | None) -> None:
    """Create a project: articles/en/, locales/, glossaries/, l10n.toml, .gitignore, .gitattributes."""
    from l10n.config import parse_languages
    from l10n.project import init_project

    root = init_project(directory, parse_languages(langs) if langs else None)
    click.echo(f"initialised {root}")


jobs_opt = click.option(
    "--jobs",
    type=int,
    help="Processes at once: articles parsed, languages and chunks of large batches translated "
    "in parallel (default: the number of cores; 1: all in this process).",
)


@click.command()
@lang_opt
@article_opt
@jobs_opt
@format_opt
@click.pass_context
def extract(ctx, langs, articles, jobs, fmt) -> None:
    """Write POT templates from the articles and merge them into every PO catalog."""
    from l10n.executors import make_executor
    from l10n.extract import extract as run_extract

    project, languages, slugs = selection(ctx, langs, articles)
    with make_executor("local", jobs) as executor:
        executor.open(project.config, str(project.root))
        _, report = run_extract(project, slugs, languages, parse=executor.parse)
    if fmt == "json":
        emit_json(
            {
                "segments": report.segments,
                "templates_written": report.templates_written,
                "catalogs": {path: vars(result) for path, result in report.catalogs.items()},
            }
        )
        return
    for path, result in report.catalogs.items():
        if result.changed:
            click.echo(
                f"{path}: {result.added} new, {result.carried} changed (kept, fuzzy), "
                f"{result.obsolete} obsolete, {result.dropped} drafts dropped"
            )
    click.echo(
        f"{report.segments} distinct segments in {len(report.catalogs)} catalogs updated;"
        f" {report.skipped} unchanged article(s) skipped"
    )


@click.command()
@lang_opt
@article_opt
# Written out rather than read from l10n.engines.ENGINES, which every listing would then
# import; tests/test_cli_errors.py keeps the two in step.
@click.option(
    "--engine", help="Engine to use: apertium, argos, libretranslate or auto (default: from l10n.toml)."
)
@jobs_opt
@click.option(
    "--executor",
    type=click.Choice(["local", "ray"]),
    default="local",
    show_default=True,
    help="Where engine batches run: local processes, or Ray actors (pip install 'l10n[ray]').",
)
@click.option(
    "--ray-address",
    help="With --executor ray: the head node's HOST:PORT, or 'local' to start Ray here (default).",
)
@format_opt
@click.pass_context
def translate(ctx, langs, articles, engine, jobs, executor, ray_address, fmt) -> None:
    """Machine-translate every untranslated entry; human translations are never touched."""
    from l10n.engines import check_engine_name
    from l10n.executors import make_executor
    from l10n.pipeline import translate as run_translate
    from l10n.reporting import reporter_for_stderr

    project, languages, slugs = selection(ctx, langs, articles)
    if engine:
        check_engine_name(engine)
    runner = make_executor(executor, jobs, ray_address)
    results = run_translate(project, languages, slugs, engine, reporter_for_stderr(), runner)
    if fmt == "json":
        emit_json({lang: r.summary() for lang, r in results.items()})
        return
    for lang, r in results.items():
        via = f" via {r.engine} ({r.route})" if r.engine else ""
        if r.second_route:
            via += f", {r.from_second_route} of them kept from {r.second_route} by route selection"
        click.echo(f"{lang}: {r.sent} sent{via}, {r.reused} reused, {r.unchanged} unchanged")


@click.command()
@lang_opt
@article_opt
@click.option("--reviewed-only", is_flag=True, help="Ship only reviewed entries; the rest stays in English.")
@click.option(
    "--allow-source",
    is_flag=True,
    help="Build a language that has no translation at all (ships the source text).",
)
@format_opt
@click.pass_context
def build(ctx, langs, articles, reviewed_only, allow_source, fmt) -> None:
    """Write translated articles to output/<lang>/ and compile .mo files."""
    from l10n.build import as_dicts, describe
    from l10n.build import build as run_build

    project, languages, slugs = selection(ctx, langs, articles)
    results = run_build(project, languages, slugs, reviewed_only=reviewed_only, allow_source=allow_source)
    if fmt == "json":
        emit_json(as_dicts(results))
        return
    for r in results:
        for line in describe(r):
            click.echo(line)
        for problem in r.problems:
            click.echo(f"warning: {problem}", err=True)


@click.command()
@lang_opt
@article_opt
@format_opt
@click.pass_context
def status(ctx, langs, articles, fmt) -> None:
    """Count entries per language, article and state."""
    from l10n.status import ORDER, summarize

    project, languages, slugs = selection(ctx, langs, articles)
    rows = summarize(project, languages, slugs)
    if fmt == "json":
        emit_json([row.as_dict() for row in rows])
        return
    present = {state for row in rows for state in row.states}
    states = [state for state in ORDER if state in present]
    click.echo("\t".join(["language", "article", *states, "total"]))
    for row in rows:
        counts = [str(row.states.get(state, 0)) for state in states]
        click.echo("\t".join([row.language, row.article, *counts, str(row.total)]))
