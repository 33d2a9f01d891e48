"""Review: sync, queue, approve, edit, reject, assign, claim and the terminal review."""

from __future__ import annotations

import click

from l10n.commands.common import (
    article_opt,
    emit_json,
    format_opt,
    json_text,
    lang_opt,
    open_catalogs,
    open_project,
    reviewer_opt,
    selection,
)
from l10n.errors import L10nError


@click.command()
@lang_opt
@article_opt
@click.option(
    "--reviewer", help="Attribute the edits found to this person (default: each file's Last-Translator)."
)
@format_opt
@click.pass_context
def sync(ctx, langs, articles, reviewer, fmt) -> None:
    """Record edits made in PO editors (Poedit, Lokalize, Weblate) as review events."""
    from l10n.repository import Identity

    project, languages, slugs = selection(ctx, langs, articles)
    with open_catalogs(project) as catalogs:
        events = catalogs.sync(languages, slugs, Identity.parse(reviewer) if reviewer else None)
    if fmt == "json":
        emit_json(
            [
                {"entry": list(e.key), "action": e.action, "reviewer": e.reviewer, "email": e.email}
                for e in events
            ]
        )
        return
    for event in events:
        language, article, _, msgid = event.key
        click.echo(f"{language}/{article}: {event.action} by {event.reviewer}: {msgid[:60]}")
    click.echo(f"{len(events)} change(s) recorded", err=True)


@click.command()
@lang_opt
@article_opt
@click.option("--assignee", help="Only entries assigned to this person ('' for unassigned).")
@click.option("--summary", is_flag=True, help="Counts per language and reason instead of entries.")
@format_opt
@click.pass_context
def queue(ctx, langs, articles, assignee, summary, fmt) -> None:
    """Entries awaiting review, riskiest first (glossary, checks, quality, priority, age)."""
    from l10n import listings

    project, languages, slugs = selection(ctx, langs, articles)
    out, err, _ = listings.replayed(
        project,
        f"queue-{fmt}{'-summary' if summary else ''}",
        [languages, slugs, assignee],
        listings.present(project, languages, slugs),
        listings.queue_inputs(project),
        lambda: _queue_output(project, languages, slugs, assignee, summary, fmt),
    )
    click.echo(out, nl=False)
    click.echo(err, nl=False, err=True)


def _queue_output(project, languages, slugs, assignee, summary, fmt) -> tuple[str, str, int]:
    """What ``queue`` prints: (stdout, stderr, exit code)."""
    from collections import Counter

    from l10n import listings
    from l10n.queue_items import reason_kind

    items = listings.queue(project, languages, slugs, assignee)
    lines: list[str] = []
    if summary:
        counts = Counter(
            (i.language, reason_kind(r)) for i in items for r in (i.reasons or ["no issue found"])
        )
        per_language = Counter(i.language for i in items)
        if fmt == "json":
            data = {
                lang: {"awaiting": n, "reasons": {r: c for (l2, r), c in counts.items() if l2 == lang}}
                for lang, n in per_language.items()
            }
            return json_text(data), "", 0
        for language, total in sorted(per_language.items()):
            reasons = ", ".join(f"{r} {c}" for (l2, r), c in sorted(counts.items()) if l2 == language)
            lines.append(f"{language}: {total} awaiting review ({reasons})")
        if not items:
            lines.append("nothing awaits review")
        return "".join(f"{line}\n" for line in lines), "", 0
    if fmt == "json":
        return json_text([i.as_dict() for i in items]), "", 0
    for item in items:
        who = f" [{item.assignee}]" if item.assignee else ""
        lines.append(f"{item.ref}  {item.id}  {item.state}{who}")
        lines.append(f"    en: {item.msgid}")
        lines.append(f"    {item.language}: {item.text}")
        if item.tm:
            lines.append(f"    tm {item.tm['score']}%: {item.tm['target']}")
            lines.append(f"        en: {item.tm['diff']}")
        for reason in item.reasons:
            lines.append(f"    ! {reason}")
    return "".join(f"{line}\n" for line in lines), f"{len(items)} entries awaiting review\n", 0


@click.command()
@click.argument("entries", nargs=-1, required=True)
@reviewer_opt
@click.pass_context
def approve(ctx, entries, reviewer) -> None:
    """Accept entries as they are (a second person's approval marks them approved)."""
    from l10n.review import approve as run_approve
    from l10n.review import resolve, reviewer_identity

    project = open_project(ctx)
    who = reviewer_identity(project, reviewer)
    with open_catalogs(project) as catalogs:
        targets = [resolve(catalogs, e) for e in entries]
        outcomes = run_approve(catalogs, targets, who)
    for reference, outcome in zip(entries, outcomes, strict=True):
        click.echo(f"{reference}: {outcome}")


@click.command()
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
    with open_catalogs(project) as catalogs:
        target = resolve(catalogs, entry)
        if text is None:
            current = target.find(catalogs.read(target.language, target.article))
            text = _edit_in_editor(target.msgid, current.text)
        click.echo(f"{entry}: {run_edit(catalogs, target, text, who)}")


def _edit_in_editor(source: str, current: str) -> str:
    marker = "# Lines starting with '#' are ignored. English source:\n# "
    edited = click.edit(f"{current}\n\n{marker}{source}\n", extension=".txt", require_save=True)
    if edited is None:
        raise L10nError("edit cancelled: nothing saved")
    return "\n".join(line for line in edited.splitlines() if not line.startswith("#")).strip()


@click.command()
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
    with open_catalogs(project) as catalogs:
        click.echo(f"{entry}: {run_reject(catalogs, resolve(catalogs, entry), note, who)}")


@click.command()
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
    with open_catalogs(project) as catalogs:
        run_assign(catalogs, [resolve(catalogs, e) for e in entries], assignee, who)
    click.echo(f"{len(entries)} entr{'y' if len(entries) == 1 else 'ies'} assigned to {assignee}")


@click.command()
@click.argument("entries", nargs=-1, required=True)
@reviewer_opt
@click.pass_context
def claim(ctx, entries, reviewer) -> None:
    """Assign entries to yourself."""
    from l10n.review import assign as run_assign
    from l10n.review import resolve, reviewer_identity

    project = open_project(ctx)
    who = reviewer_identity(project, reviewer)
    with open_catalogs(project) as catalogs:
        run_assign(catalogs, [resolve(catalogs, e) for e in entries], str(who), who, action="claim")
    click.echo(f"{len(entries)} entr{'y' if len(entries) == 1 else 'ies'} claimed by {who}")


@click.command()
@lang_opt
@article_opt
@click.option("--assignee", help="Only entries assigned to this person.")
@reviewer_opt
@click.pass_context
def review(ctx, langs, articles, assignee, reviewer) -> None:
    """Review entries one by one in the terminal: [a]pprove, [e]dit, [r]eject, [s]kip, [q]uit."""
    import sys
    from collections import Counter

    from rich.console import Console
    from rich.markup import escape

    from l10n.glossary import project_glossary
    from l10n.glossary.check import hints
    from l10n.glossary.matcher import Matcher
    from l10n.model import State
    from l10n.review import Target, approve, build_queue, reviewer_identity
    from l10n.review import edit as run_edit
    from l10n.review import reject as run_reject

    if not sys.stdin.isatty():  # an interactive loop: a pipe would answer its prompts blindly
        raise L10nError(
            "review is interactive and needs a terminal "
            "(without one: l10n queue, then l10n approve / edit / reject)"
        )
    project, languages, slugs = selection(ctx, langs, articles)
    who = reviewer_identity(project, reviewer)
    glossary = project_glossary(project)
    matcher = Matcher(glossary)
    console = Console(highlight=False)
    done: Counter[str] = Counter()
    with open_catalogs(project) as catalogs:
        catalogs.sync(languages, slugs)
        items = build_queue(catalogs, glossary, languages, slugs, assignee)
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
            if item.tm:
                console.print(f"[magenta]tm {item.tm['score']}%[/magenta]  {escape(item.tm['target'])}")
                console.print(f"[dim]  en: {escape(item.tm['diff'])}[/dim]")
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
                    approve(catalogs, [target], who)
                    done[State.APPROVED] += 1
                elif key == "e":
                    text = (
                        _edit_in_editor(item.msgid, item.text)
                        if _has_editor()
                        else click.prompt("new text", default=item.text)
                    )
                    run_edit(catalogs, target, text, who)
                    done["edited"] += 1
                else:
                    run_reject(catalogs, target, click.prompt("note for the translator"), who)
                    done[State.REJECTED] += 1
            except L10nError as exc:
                console.print(f"[red]{escape(str(exc))}[/red]")
    summary = ", ".join(f"{count} {action}" for action, count in done.items()) or "nothing done"
    console.print(f"Review finished: {summary}.")


def _has_editor() -> bool:
    import os

    return bool(os.environ.get("VISUAL") or os.environ.get("EDITOR"))


def _key(console, allowed: str) -> str:
    """One action, read as a whole line (so "q" typed with Enter, or piped, quits)."""
    while True:
        try:
            line = input().strip().lower()
        except EOFError:
            return "q"
        if line[:1] in allowed and line:
            return line[0]
        console.print(f"type one of {', '.join(allowed)} and Enter: ", end="", markup=False)
