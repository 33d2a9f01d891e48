"""What every command shares: finding the project, parsing --lang and --article,
printing JSON, opening the catalogs."""

from __future__ import annotations

import click

FORMATS = click.Choice(["text", "json"])


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
    return project.select_slugs(wanted, typed=value or "")


def selection(ctx: click.Context, langs: str | None, articles: str | None):
    """The project, and the languages and articles a command's --lang/--article select;
    every .md file that is not an article gets a one-line warning naming it."""
    project = open_project(ctx)
    for path, why in project.ignored_articles():
        click.echo(f"warning: {path}: {why}", err=True)
    return project, languages_option(project, langs), articles_option(project, articles)


def emit_json(data) -> None:
    click.echo(json_text(data), nl=False)


def json_text(data) -> str:
    """What ``--format json`` prints for ``data``, final newline included."""
    import json

    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


lang_opt = click.option("--lang", "langs", help="Target languages, e.g. fr,es,it (default: all configured).")
article_opt = click.option("--article", "articles", help="Article slugs (default: all).")
format_opt = click.option(
    "--format",
    "fmt",
    type=FORMATS,
    default="text",
    show_default=True,
    help="Output: text for people, json for tools.",
)


reviewer_opt = click.option(
    "--reviewer", help="Who is reviewing (default: [review] reviewer, or git's user)."
)


def open_catalogs(project):
    from l10n.repository import Catalogs

    return Catalogs(project)
