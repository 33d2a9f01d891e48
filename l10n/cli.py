"""The ``l10n`` command. Subcommands live in ``l10n/commands/`` and are imported only when
run, so ``l10n --help`` costs little more than click itself; expected failures become one
line on stderr and a non-zero exit."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import click

from l10n import __version__
from l10n.errors import L10nError

# name → (module in l10n/commands/, function). The one-line help `l10n --help` shows is the
# first line of each function's docstring, read from the source so that listing the
# commands imports none of them.
COMMANDS = {
    "init": ("workflow", "init"),
    "extract": ("workflow", "extract"),
    "translate": ("workflow", "translate"),
    "build": ("workflow", "build"),
    "status": ("workflow", "status"),
    "sync": ("review", "sync"),
    "queue": ("review", "queue"),
    "review": ("review", "review"),
    "approve": ("review", "approve"),
    "edit": ("review", "edit"),
    "reject": ("review", "reject"),
    "assign": ("review", "assign"),
    "claim": ("review", "claim"),
    "check": ("quality", "check"),
    "score": ("quality", "score"),
    "dashboard": ("quality", "dashboard"),
    "glossary": ("glossary", "glossary"),
    "tm": ("tm", "tm"),
    "analyse": ("tm", "analyse"),
    "xliff": ("xliff", "xliff"),
    "models": ("models", "models"),
    "engines": ("engines", "engines"),
}


def summaries() -> dict[str, str]:
    """Each command's first docstring line, from the command modules' source."""
    import ast
    from importlib.util import find_spec

    docstrings: dict[tuple[str, str], str] = {}
    for module in sorted({module for module, _ in COMMANDS.values()}):
        spec = find_spec(f"l10n.commands.{module}")
        if spec is None or spec.origin is None:
            continue
        tree = ast.parse(Path(spec.origin).read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.FunctionDef):
                docstrings[(module, node.name)] = (ast.get_docstring(node) or "").split("\n")[0]
    return {name: docstrings.get(target, "") for name, target in COMMANDS.items()}


class L10nGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module, attribute = COMMANDS[name]
        return getattr(importlib.import_module(f"l10n.commands.{module}"), attribute)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with formatter.section("Commands"):
            formatter.write_dl(list(summaries().items()))

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
