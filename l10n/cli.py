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

# name → (module, attribute, one-line help shown by `l10n --help`)
COMMANDS = {
    "init": ("workflow", "init", "Create a project: articles/en/, locales/, glossaries/ and l10n.toml."),
    "extract": (
        "workflow",
        "extract",
        "Write POT templates from the articles and merge them into every PO catalog.",
    ),
    "translate": (
        "workflow",
        "translate",
        "Machine-translate untranslated entries; human translations are never touched.",
    ),
    "build": ("workflow", "build", "Write translated articles to output/<lang>/ and compile .mo files."),
    "status": ("workflow", "status", "Count entries per language, article and state."),
    "models": ("models", "models", "Argos Translate language packages (list, install)."),
    "glossary": ("glossary", "glossary", "Glossaries: import, export, lint, check."),
    "sync": ("review", "sync", "Record edits made in PO editors as review events."),
    "queue": ("review", "queue", "Entries awaiting review, riskiest first."),
    "review": ("review", "review", "Review entries one by one in the terminal."),
    "approve": ("review", "approve", "Accept entries (a second person's approval marks them approved)."),
    "edit": ("review", "edit", "Set an entry's translation (counts as reviewed)."),
    "reject": ("review", "reject", "Send an entry back to translation with a note."),
    "assign": ("review", "assign", "Assign entries to a reviewer."),
    "claim": ("review", "claim", "Assign entries to yourself."),
    "check": ("quality", "check", "Run the quality checks on every translated entry."),
    "score": (
        "quality",
        "score",
        "Score drafts and reviews (sacrebleu, with signatures); append a snapshot.",
    ),
    "dashboard": ("quality", "dashboard", "Write the QA dashboard to reports/dashboard/."),
}


class L10nGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module, attribute, _ = COMMANDS[name]
        return getattr(importlib.import_module(f"l10n.commands.{module}"), attribute)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with formatter.section("Commands"):
            formatter.write_dl([(name, help_text) for name, (_, _, help_text) in COMMANDS.items()])

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
