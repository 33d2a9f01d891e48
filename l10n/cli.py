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
    slugs = articles_option(project, articles)
    _, report = run_extract(project, slugs, languages, decorate=decorate, salt=glossary.version)
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
    languages, slugs = languages_option(project, langs), articles_option(project, articles)
    with _workspace(project) as workspace:
        _sync_all(workspace, project, languages, slugs)
    results = run_build(project, languages, slugs, reviewed_only=reviewed_only)
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
    languages, slugs = languages_option(project, langs), articles_option(project, articles)
    with _workspace(project) as workspace:
        _sync_all(workspace, project, languages, slugs)
        rows = summarize(project, languages, slugs, workspace.store)
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


# -- review ------------------------------------------------------------------------------------

reviewer_opt = click.option(
    "--reviewer", help="Who is reviewing (default: [review] reviewer, or git's user)."
)


def _workspace(project):
    from l10n.workspace import Workspace

    return Workspace(project)


def _sync_all(workspace, project, languages=None, articles=None, reviewer=None):
    return workspace.sync(languages or project.config.target_languages, articles or project.slugs(), reviewer)


@main.command()
@lang_opt
@article_opt
@click.option(
    "--reviewer", help="Attribute the edits found to this person (default: each file's Last-Translator)."
)
@format_opt
@click.pass_context
def sync(ctx, langs, articles, reviewer, fmt) -> None:
    """Record edits made in PO editors (Poedit, Lokalize, Weblate) as review events."""
    project = open_project(ctx)
    with _workspace(project) as workspace:
        events = _sync_all(
            workspace, project, languages_option(project, langs), articles_option(project, articles), reviewer
        )
    if fmt == "json":
        emit_json([{"entry": list(e.key), "action": e.action, "reviewer": e.reviewer} for e in events])
        return
    for event in events:
        language, article, _, msgid = event.key
        click.echo(f"{language}/{article}: {event.action} by {event.reviewer}: {msgid[:60]}")
    click.echo(f"{len(events)} change(s) recorded", err=True)


@main.command()
@lang_opt
@article_opt
@click.option("--assignee", help="Only entries assigned to this person ('' for unassigned).")
@click.option("--summary", is_flag=True, help="Counts per language and reason instead of entries.")
@format_opt
@click.pass_context
def queue(ctx, langs, articles, assignee, summary, fmt) -> None:
    """Entries awaiting review, riskiest first (glossary, checks, quality, priority, age)."""
    from collections import Counter

    from l10n.glossary import project_glossary
    from l10n.review import build_queue

    project = open_project(ctx)
    languages, slugs = languages_option(project, langs), articles_option(project, articles)
    with _workspace(project) as workspace:
        _sync_all(workspace, project, languages, slugs)
        items = build_queue(workspace, project_glossary(project), languages, slugs, assignee)
    if summary:
        counts = Counter(
            (i.language, r.split(":")[0]) for i in items for r in (i.reasons or ["no issue found"])
        )
        per_language = Counter(i.language for i in items)
        if fmt == "json":
            emit_json(
                {
                    lang: {"awaiting": n, "reasons": {r: c for (l2, r), c in counts.items() if l2 == lang}}
                    for lang, n in per_language.items()
                }
            )
            return
        for language, total in sorted(per_language.items()):
            reasons = ", ".join(f"{r} {c}" for (l2, r), c in sorted(counts.items()) if l2 == language)
            click.echo(f"{language}: {total} awaiting review ({reasons})")
        if not items:
            click.echo("nothing awaits review")
        return
    if fmt == "json":
        emit_json([i.as_dict() for i in items])
        return
    for item in items:
        who = f" [{item.assignee}]" if item.assignee else ""
        click.echo(f"{item.ref}  {item.id}  {item.state}{who}")
        click.echo(f"    en: {item.msgid}")
        click.echo(f"    {item.language}: {item.text}")
        for reason in item.reasons:
            click.echo(f"    ! {reason}")
    click.echo(f"{len(items)} entries awaiting review", err=True)


@main.command()
@click.argument("entries", nargs=-1, required=True)
@reviewer_opt
@click.pass_context
def approve(ctx, entries, reviewer) -> None:
    """Accept entries as they are (a second person's approval marks them approved)."""
    from l10n.review import approve as run_approve
    from l10n.review import resolve, reviewer_identity

    project = open_project(ctx)
    who = reviewer_identity(project, reviewer)
    targets = [resolve(project, e) for e in entries]
    with _workspace(project) as workspace:
        outcomes = run_approve(workspace, targets, who)
    for reference, outcome in zip(entries, outcomes, strict=True):
        click.echo(f"{reference}: {outcome}")


@main.command()
@click.argument("entry")
@click.option("--text", help="The new translation (default: open $EDITOR).")
@reviewer_opt
@click.pass_context
def edit(ctx, entry, text, reviewer) -> None:
    """Set an entry's translation (counts as reviewed)."""
    from l10n.review import edit as run_edit
    from l10n.review import resolve, reviewer_identity

    project = open_project(ctx)
    who = reviewer_identity(project, reviewer)
    target = resolve(project, entry)
    if text is None:
        current = target.find(_read_po(project, target))
        text = _edit_in_editor(target.msgid, current.msgstr)
    with _workspace(project) as workspace:
        click.echo(f"{entry}: {run_edit(workspace, target, text, who)}")


def _read_po(project, target):
    from l10n import catalog

    return catalog.read_catalog(project.po_path(target.language, target.article))


def _edit_in_editor(source: str, current: str) -> str:
    marker = "# Lines starting with '#' are ignored. English source:\n# "
    edited = click.edit(f"{current}\n\n{marker}{source}\n", extension=".txt", require_save=True)
    if edited is None:
        raise L10nError("edit cancelled: nothing saved")
    return "\n".join(line for line in edited.splitlines() if not line.startswith("#")).strip()


@main.command()
@click.argument("entry")
@click.option("--note", required=True, help="Why: shown to the next translator.")
@reviewer_opt
@click.pass_context
def reject(ctx, entry, note, reviewer) -> None:
    """Send an entry back to translation with a note."""
    from l10n.review import reject as run_reject
    from l10n.review import resolve, reviewer_identity

    project = open_project(ctx)
    who = reviewer_identity(project, reviewer)
    with _workspace(project) as workspace:
        click.echo(f"{entry}: {run_reject(workspace, resolve(project, entry), note, who)}")


@main.command()
@click.argument("entries", nargs=-1, required=True)
@click.option("--to", "assignee", required=True, help="Who should review them.")
@reviewer_opt
@click.pass_context
def assign(ctx, entries, assignee, reviewer) -> None:
    """Assign entries to a reviewer."""
    from l10n.review import assign as run_assign
    from l10n.review import resolve, reviewer_identity

    project = open_project(ctx)
    who = reviewer_identity(project, reviewer)
    with _workspace(project) as workspace:
        run_assign(workspace, [resolve(project, e) for e in entries], assignee, who)
    click.echo(f"{len(entries)} entr{'y' if len(entries) == 1 else 'ies'} assigned to {assignee}")


@main.command()
@click.argument("entries", nargs=-1, required=True)
@reviewer_opt
@click.pass_context
def claim(ctx, entries, reviewer) -> None:
    """Assign entries to yourself."""
    from l10n.review import assign as run_assign
    from l10n.review import resolve, reviewer_identity

    project = open_project(ctx)
    who = reviewer_identity(project, reviewer)
    with _workspace(project) as workspace:
        run_assign(workspace, [resolve(project, e) for e in entries], who, who, action="claim")
    click.echo(f"{len(entries)} entr{'y' if len(entries) == 1 else 'ies'} claimed by {who}")


@main.command()
@lang_opt
@article_opt
@format_opt
@click.pass_context
def check(ctx, langs, articles, fmt) -> None:
    """Run the quality checks on every translated entry."""
    from l10n.glossary import project_glossary
    from l10n.quality_checks import check_catalogs

    project = open_project(ctx)
    rows = check_catalogs(
        project,
        project_glossary(project),
        languages_option(project, langs),
        articles_option(project, articles),
    )
    if fmt == "json":
        emit_json(rows)
        return
    for row in rows:
        for failure in row["failures"]:
            click.echo(f"{row['ref']}: {failure['check']}: {failure['message']}")
    click.echo(f"{len(rows)} entries with findings", err=True)


@main.command()
@lang_opt
@article_opt
@click.option("--assignee", help="Only entries assigned to this person.")
@reviewer_opt
@click.pass_context
def review(ctx, langs, articles, assignee, reviewer) -> None:
    """Review entries one by one in the terminal: [a]pprove, [e]dit, [r]eject, [s]kip, [q]uit."""
    from collections import Counter

    from rich.console import Console
    from rich.markup import escape

    from l10n.glossary import project_glossary
    from l10n.glossary.check import hints
    from l10n.glossary.matcher import Matcher
    from l10n.review import Target, approve, build_queue, reviewer_identity
    from l10n.review import edit as run_edit
    from l10n.review import reject as run_reject

    project = open_project(ctx)
    who = reviewer_identity(project, reviewer)
    languages, slugs = languages_option(project, langs), articles_option(project, articles)
    glossary = project_glossary(project)
    matcher = Matcher(glossary)
    console = Console(highlight=False)
    done: Counter[str] = Counter()
    with _workspace(project) as workspace:
        _sync_all(workspace, project, languages, slugs, None)
        items = build_queue(workspace, glossary, languages, slugs, assignee)
        if not items:
            console.print("Nothing awaits review.")
            return
        for number, item in enumerate(items, start=1):
            target = Target(item.language, item.article, item.msgctxt, item.msgid)
            console.rule(f"[bold]{number}/{len(items)}[/bold]  {escape(item.ref)}  {item.state}")
            console.print(f"[bold]en[/bold]  {escape(item.msgid)}")
            console.print(f"[bold]{item.language}[/bold]  {escape(item.text)}")
            if item.machine_draft and item.machine_draft != item.text:
                console.print(f"[dim]machine draft[/dim]  {escape(item.machine_draft)}")
            for line in hints(glossary, matcher, item.msgid, item.language):
                console.print(f"[cyan]{escape(line)}[/cyan]")
            for reason in item.reasons:
                console.print(f"[yellow]! {escape(reason)}[/yellow]")
            console.print("[a]pprove  [e]dit  [r]eject  [s]kip  [q]uit ", end="", markup=False)
            key = _key(console, "aersq")
            if key == "q":
                break
            if key == "s":
                done["skipped"] += 1
                continue
            try:
                if key == "a":
                    approve(workspace, [target], who)
                    done["approved"] += 1
                elif key == "e":
                    text = (
                        _edit_in_editor(item.msgid, item.text)
                        if _has_editor()
                        else click.prompt("new text", default=item.text)
                    )
                    run_edit(workspace, target, text, who)
                    done["edited"] += 1
                else:
                    run_reject(workspace, target, click.prompt("note for the translator"), who)
                    done["rejected"] += 1
            except L10nError as exc:
                console.print(f"[red]{escape(str(exc))}[/red]")
    summary = ", ".join(f"{count} {action}" for action, count in done.items()) or "nothing done"
    console.print(f"Review finished: {summary}.")


def _has_editor() -> bool:
    import os

    return bool(os.environ.get("VISUAL") or os.environ.get("EDITOR"))


def _key(console, allowed: str) -> str:
    while True:
        key = click.getchar().lower()
        if key in allowed:
            console.print(key)
            return key
        if key in ("\x03", "\x04"):
            raise KeyboardInterrupt


@main.command()
@lang_opt
@article_opt
@format_opt
@click.pass_context
def score(ctx, langs, articles, fmt) -> None:
    """Score drafts and reviews (sacrebleu, with signatures) and append a snapshot."""
    from l10n.glossary import project_glossary
    from l10n.scoring import score as run_score

    project = open_project(ctx)
    report = run_score(
        project,
        project_glossary(project),
        languages_option(project, langs),
        articles_option(project, articles),
    )
    if fmt == "json":
        emit_json(report)
        return
    commit, version = report["git_commit"] or "-", report["glossary_version"] or "-"
    click.echo(f"snapshot {report['snapshot']}  commit {commit}  glossary {version}")
    for language, data in report["languages"].items():
        states = ", ".join(f"{k} {v}" for k, v in sorted(data.get("states", {}).items()))
        click.echo(f"\n{language}: {states}")
        effort = data.get("post_edit")
        if effort:
            click.echo(
                f"  post-edit effort: TER {effort['TER']}  chrF++ {effort['chrF++']}"
                f"  ({effort['entries']} reviewed, {effort['edited']} edited)"
            )
        if data.get("quality_mean") is not None:
            click.echo(f"  quality estimate (mean): {data['quality_mean']}")
        glossary = data.get("glossary") or {}
        if glossary.get("percent") is not None:
            share, count = glossary["percent"], glossary["entries_with_terms"]
            click.echo(f"  glossary adherence: {share} % of {count} entries with terms")
        reference = data.get("reference")
        if reference:
            click.echo(f"  against {reference['reference_set']} ({reference['sentences']} sentences):")
            for system in reference["systems"]:
                parts = [f"{m} {s['score']} ±{s.get('ci95', 0)}" for m, s in system["scores"].items()]
                click.echo(f"    {system['system']}: " + "  ".join(parts))
            for name, metrics in reference.get("paired_test", {}).get("systems", {}).items():
                click.echo(
                    f"    p-values vs baseline, {name}: "
                    + "  ".join(f"{m} {v['p_value']}" for m, v in metrics.items())
                )
    spearman = report["post_edit"].get("quality_vs_effort_spearman")
    if spearman is not None:
        click.echo(f"\nquality estimate vs post-edit TER (Spearman): {spearman}")
    click.echo("\nsignatures (post-edit effort):")
    for metric, signature in report["post_edit"]["signatures"].items():
        click.echo(f"  {metric}: {signature}")
    reference_signatures = {}
    for data in report["languages"].values():
        for system in (data.get("reference") or {}).get("systems", []):
            reference_signatures.update({m: s["signature"] for m, s in system["scores"].items()})
    if reference_signatures:
        click.echo("signatures (reference sets):")
        for metric, signature in reference_signatures.items():
            click.echo(f"  {metric}: {signature}")


@main.command()
@lang_opt
@article_opt
@click.pass_context
def dashboard(ctx, langs, articles) -> None:
    """Write the QA dashboard to reports/dashboard/ (index.html, scores.json, scores.csv)."""
    from l10n.dashboard import build_dashboard
    from l10n.glossary import project_glossary

    project = open_project(ctx)
    page = build_dashboard(
        project,
        project_glossary(project),
        languages_option(project, langs),
        articles_option(project, articles),
    )
    click.echo(project.relative(page))
