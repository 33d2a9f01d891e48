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
    from l10n.extract import glossary_hints
    from l10n.glossary import project_glossary
    from l10n.glossary.matcher import Matcher

    project = open_project(ctx)
    languages = languages_option(project, langs)
    glossary = project_glossary(project)
    decorate = glossary_hints(glossary, Matcher(glossary))
    _, report = run_extract(project, articles_option(project, articles), languages, decorate=decorate)
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


@main.group()
def glossary() -> None:
    """Glossaries (TBX and CSV files in glossaries/)."""


@glossary.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def glossary_import(ctx, file: Path) -> None:
    """Read a CSV or TBX glossary and write it as glossaries/<name>.tbx."""
    from l10n.fileio import atomic_write
    from l10n.glossary import Collector, attach_forbidden, read_file
    from l10n.glossary.tbx import write_tbx
    from l10n.project import check_slug

    project = open_project(ctx)
    if not file.is_file():
        raise L10nError("no such file", file)
    if file.suffix.lower() not in (".csv", ".tbx"):
        raise L10nError("a glossary is a .csv or .tbx file", file)
    collector = Collector()
    concepts = attach_forbidden(read_file(file, collector, str(file)), collector)
    target = project.inside("glossaries", f"{check_slug(file.stem)}.tbx")
    atomic_write(target, write_tbx(concepts, f"Imported from {file.name}"))
    click.echo(f"{len(concepts)} concepts → {project.relative(target)}")


@glossary.command("export")
@click.option("--format", "fmt", type=click.Choice(["csv", "tbx"]), default="csv", show_default=True)
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

    project = open_project(ctx)
    findings, checked = scan(
        project,
        project_glossary(project),
        languages_option(project, langs),
        articles_option(project, articles),
    )
    if fmt == "json":
        emit_json([f.as_dict() for f in findings])
    else:
        for finding in findings:
            for issue in finding.issues:
                click.echo(f"{finding.file}:{finding.line}: {issue.describe()}")
        click.echo(f"{len(findings)} of {checked} translated entries break the glossary", err=True)
    if strict and findings:
        sys.exit(1)
