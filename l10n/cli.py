"""The ``l10n`` command: parses options, calls one function, prints text or JSON.

Imports stay inside the commands so that ``l10n --help`` starts as fast as click itself.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from l10n import __version__
from l10n.errors import L10nError

FORMATS = click.Choice(["text", "json"])


class L10nGroup(click.Group):
    """Turns expected failures into one line on stderr and a non-zero exit."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except L10nError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            sys.exit(130)


@click.group(cls=L10nGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--project",
    "project_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    show_default=True,
    help="Project folder (holds l10n.toml).",
)
@click.version_option(__version__, prog_name="l10n")
@click.pass_context
def main(ctx: click.Context, project_dir: Path) -> None:
    """Translate Markdown articles through gettext PO catalogs."""
    ctx.obj = {"project_dir": project_dir}


def open_project(ctx: click.Context):
    from l10n.project import Project

    return Project.open(ctx.obj["project_dir"])


def languages_option(project, value: str | None) -> list[str]:
    from l10n.config import parse_languages

    if not value:
        return list(project.config.target_languages)
    return parse_languages(value)


def articles_option(project, value: str | None) -> list[str]:
    import re

    wanted = [s for s in re.split(r"[,\s]+", value or "") if s]
    return project.select_slugs(wanted)


def emit_json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


lang_opt = click.option("--lang", "langs", help="Target languages, e.g. fr,es,it (default: all configured).")
article_opt = click.option("--article", "articles", help="Article slugs (default: all).")
format_opt = click.option("--format", "fmt", type=FORMATS, default="text", show_default=True)


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
def init(directory: Path) -> None:
    """Create a project: articles/en/, locales/, glossaries/ and l10n.toml."""
    from l10n.project import init_project

    root = init_project(directory)
    click.echo(f"initialised {root}")


@main.command()
@lang_opt
@article_opt
@format_opt
@click.pass_context
def extract(ctx, langs, articles, fmt) -> None:
    """Write POT templates from the articles and merge them into every PO catalog."""
    from l10n.extract import extract as run_extract

    project = open_project(ctx)
    languages = languages_option(project, langs)
    _, report = run_extract(project, articles_option(project, articles), languages)
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
    click.echo(f"{report.segments} distinct segments in {len(report.catalogs)} catalogs")


@main.command()
@lang_opt
@article_opt
@click.option("--engine", help="Engine to use: apertium, argos or auto (default: from l10n.toml).")
@format_opt
@click.pass_context
def translate(ctx, langs, articles, engine, fmt) -> None:
    """Machine-translate every untranslated entry; human translations are never touched."""
    from l10n.engines import check_engine_name
    from l10n.pipeline import translate as run_translate
    from l10n.reporting import reporter_for_stderr

    project = open_project(ctx)
    languages = languages_option(project, langs)
    if engine:
        check_engine_name(engine)
    results = run_translate(
        project, languages, articles_option(project, articles), engine, reporter_for_stderr()
    )
    if fmt == "json":
        emit_json({lang: r.summary() for lang, r in results.items()})
        return
    for lang, r in results.items():
        via = f" via {r.engine} ({r.route})" if r.engine else ""
        click.echo(f"{lang}: {r.sent} sent{via}, {r.reused} reused, {r.unchanged} unchanged")


@main.command()
@lang_opt
@article_opt
@click.option("--reviewed-only", is_flag=True, help="Ship only reviewed entries; the rest stays in English.")
@format_opt
@click.pass_context
def build(ctx, langs, articles, reviewed_only, fmt) -> None:
    """Write translated articles to output/<lang>/ and compile .mo files."""
    from l10n.build import as_dicts
    from l10n.build import build as run_build

    project = open_project(ctx)
    results = run_build(
        project,
        languages_option(project, langs),
        articles_option(project, articles),
        reviewed_only=reviewed_only,
    )
    if fmt == "json":
        emit_json(as_dicts(results))
        return
    for r in results:
        click.echo(
            f"{r.output}: {r.reviewed} reviewed, {r.unreviewed} awaiting review, "
            f"{r.source} in the source language"
        )
        for problem in r.problems:
            click.echo(f"warning: {problem}", err=True)


@main.command()
@lang_opt
@article_opt
@format_opt
@click.pass_context
def status(ctx, langs, articles, fmt) -> None:
    """Count entries per language, article and state."""
    from l10n.status import summarize

    project = open_project(ctx)
    rows = summarize(project, languages_option(project, langs), articles_option(project, articles))
    if fmt == "json":
        emit_json(rows)
        return
    states = sorted({state for row in rows for state in row["states"]})
    click.echo("\t".join(["language", "article", *states, "total"]))
    for row in rows:
        counts = [str(row["states"].get(state, 0)) for state in states]
        click.echo("\t".join([row["language"], row["article"], *counts, str(row["total"])]))


@main.group()
def models() -> None:
    """Argos Translate language packages."""


@models.command("list")
@format_opt
def models_list(fmt) -> None:
    """Show installed Argos packages."""
    from dataclasses import asdict

    from l10n.engines.argos import installed_packages

    packages = installed_packages()
    if fmt == "json":
        emit_json([asdict(p) | {"usable": p.usable} for p in packages])
        return
    if not packages:
        click.echo("no Argos packages installed (l10n models install FILE.argosmodel)")
    for p in packages:
        state = "ok" if p.usable else f"unusable: {p.problem}"
        click.echo(f"{p.from_code}→{p.to_code}\t{p.name}\t{p.version}\t{state}")


@models.command("install")
@click.argument("what", nargs=-1, required=True)
def models_install(what: tuple[str, ...]) -> None:
    """Install FILE.argosmodel, or FROM TO from the Argos index (needs internet)."""
    from l10n.engines.argos import install_file, install_from_index

    if len(what) == 1:
        path = Path(what[0])
        if not path.is_file():
            raise L10nError("no such package file", path)
        info = install_file(path)
    elif len(what) == 2:
        from l10n.config import validate_language

        info = install_from_index(validate_language(what[0]), validate_language(what[1]))
    else:
        raise click.UsageError("give a package file, or a source and a target language")
    click.echo(f"installed {info.name} ({info.from_code}→{info.to_code}) in {info.path}")
