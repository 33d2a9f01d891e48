"""`l10n engines`: every engine, whether it works here, the languages and routes it reaches."""

from __future__ import annotations

from dataclasses import asdict

import click

from l10n.commands.common import emit_json, format_opt


@click.command()
@format_opt
@click.pass_context
def engines(ctx: click.Context, fmt: str) -> None:
    """Every engine: available here or not, the languages and routes it reaches, versions.

    The project's l10n.toml routes apply when there is one."""
    from l10n.config import CONFIG_NAME, Config, load_config
    from l10n.engines.inventory import survey

    config_path = ctx.obj["project_dir"] / CONFIG_NAME
    config = load_config(config_path) if config_path.is_file() else Config()
    reports = survey(config)
    if fmt == "json":
        emit_json({"source_language": config.source_language, "engines": [asdict(r) for r in reports]})
        return
    for report in reports:
        if not report.available:
            # One example is enough: the reason is the same for every language bar its code.
            example = next((c for c in config.target_languages if c in report.not_reached), None)
            example = example or next(iter(report.not_reached), "")
            click.echo(f"{report.name}: not available; e.g. {report.not_reached.get(example, 'no language')}")
            continue
        count = len(report.reaches)
        click.echo(f"{report.name}: {count} language{'s' * (count != 1)} from {config.source_language}")
        width = max(len(r.route) for r in report.reaches)
        for reach in report.reaches:
            click.echo(f"  {reach.language:<4}{reach.route:<{width + 2}}{reach.version}")
        click.echo(f"  not reached: {' '.join(sorted(report.not_reached))}")
