"""Argos Translate language packages."""

from __future__ import annotations

from pathlib import Path

import click

from l10n.commands.common import (
    emit_json,
    format_opt,
)
from l10n.errors import L10nError


@click.group()
def models() -> None:
    """Argos Translate language packages."""


@models.command("list")
@format_opt
def models_list(fmt) -> None:
    """Show installed Argos packages."""
    from dataclasses import asdict

    from l10n.engines.argos_packages import installed_packages

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
    from l10n.engines.argos_packages import install_file, install_from_index

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
