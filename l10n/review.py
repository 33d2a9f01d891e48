"""The review workflow: who is reviewing, which entry a reference names, the actions
(approve, edit, reject, assign, claim) and the queue of entries awaiting review."""

from __future__ import annotations

import hashlib
import re
import subprocess
from dataclasses import dataclass

from l10n.checks import Failure, Unit, entry_unit, run_checks
from l10n.documents.segment import PlaceholderError, validate_placeholders
from l10n.errors import L10nError
from l10n.glossary import Glossary
from l10n.glossary.matcher import Matcher
from l10n.model import Entry, Key, State
from l10n.pofile import Catalog
from l10n.project import Project
from l10n.queue_items import QueueItem, reason_kind  # noqa: F401 (reason_kind: re-exported)
from l10n.repository import Catalogs, Edit, Identity
from l10n.scoring import risk

LOW_QUALITY = 0.45  # quality estimates below this rank an entry as risky


def reviewer_identity(project: Project, given: str | None) -> Identity:
    """--reviewer, else [review] reviewer in l10n.toml, else git's user.name and user.email."""
    if given and given.strip():
        return Identity.parse(given)
    if project.config.reviewer:
        return Identity.parse(project.config.reviewer)
    name = _git_config(project, "user.name")
    if name:
        return Identity(name, _git_config(project, "user.email"))
    raise L10nError(
        "who is reviewing? give --reviewer NAME, set [review] reviewer in l10n.toml, or git's user.name"
    )


def _git_config(project: Project, key: str) -> str:
    try:
        result = subprocess.run(
            ["git", "config", key], cwd=project.root, capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return result.stdout.strip() if result.returncode == 0 else ""


# -- references to entries -------------------------------------------------------------------


def entry_id(language: str, article: str, msgctxt: str, msgid: str) -> str:
    digest = hashlib.sha1(f"{msgctxt}\x04{msgid}".encode()).hexdigest()[:8]
    return f"{language}:{article}:{digest}"


@dataclass(frozen=True)
class Target:
    language: str
    article: str
    msgctxt: str
    msgid: str

    @property
    def key(self) -> Key:
        return (self.language, self.article, self.msgctxt, self.msgid)

    def find(self, catalog: Catalog) -> Entry:
        entry = catalog.find(self.msgctxt, self.msgid)
        if entry is None:
            raise L10nError(f"the entry {self.msgid[:40]!r} is no longer in the catalog")
        return entry


def resolve(catalogs: Catalogs, reference: str) -> Target:
    """An entry from its id (``fr:middle-corridor:1a2b3c4d``) or ``locales/fr/x.po:LINE``,
    where LINE is any line of the entry (its comments, msgid or msgstr)."""
    project = catalogs.project
    by_id = re.fullmatch(r"([A-Za-z_-]+):([A-Za-z0-9._-]+):([0-9a-f]{8})", reference)
    if by_id:
        language, article, _ = by_id.groups()
        catalog = _catalog(catalogs, language, article)
        for entry in catalog.active():
            if entry_id(language, article, entry.msgctxt, entry.msgid) == reference:
                return Target(language, article, entry.msgctxt, entry.msgid)
        raise L10nError(f"no entry with id {reference}", project.relative(project.po_path(language, article)))
    by_line = re.fullmatch(r"(.+\.po):(\d+)", reference)
    if by_line:
        path = (project.root / by_line.group(1)).resolve()
        try:
            relative = path.relative_to(project.locales_dir)
        except ValueError:
            raise L10nError(f"not a catalog of this project: {by_line.group(1)}") from None
        if len(relative.parts) != 2:
            raise L10nError(f"not a catalog of this project: {by_line.group(1)}")
        language, article = relative.parts[0], relative.stem
        line = int(by_line.group(2))
        found = entry_at_line(_catalog(catalogs, language, article), path.read_text(encoding="utf-8"), line)
        if found is None:
            raise L10nError("no entry on this line", project.relative(path), line)
        return Target(language, article, found.msgctxt, found.msgid)
    raise L10nError(
        f"not an entry reference: {reference!r} (use an id like fr:slug:1a2b3c4d or FILE.po:LINE)"
    )


def entry_at_line(catalog: Catalog, text: str, line: int) -> Entry | None:
    """The active entry whose lines (from its first comment to its last string) hold ``line``."""
    lines = text.splitlines()
    starts = sorted((_first_line(lines, e.line), e) for e in catalog.entries if e.msgid)
    for index, (start, entry) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else len(lines) + 1
        if start <= line < end and line <= len(lines) and lines[line - 1].strip():
            return None if entry.obsolete else entry
    return None


def _first_line(lines: list[str], msgid_line: int) -> int:
    """polib numbers an entry by its msgid line; its comments and flags come before."""
    start = msgid_line
    while start > 1 and lines[start - 2].startswith(("#", "msgctxt")):
        start -= 1
    return start


def _catalog(catalogs: Catalogs, language: str, article: str) -> Catalog:
    catalog = catalogs.read(language, article)
    if catalog is None:
        raise L10nError(
            "no such catalog", catalogs.project.relative(catalogs.project.po_path(language, article))
        )
    return catalog


# -- actions ---------------------------------------------------------------------------------


def approve(catalogs: Catalogs, targets: list[Target], reviewer: Identity) -> list[str]:
    """First approval makes an entry reviewed; a second person's approval makes it approved."""
    outcomes = []
    for target in targets:

        def change(edit: Edit, target: Target = target) -> str:
            entry = target.find(edit.catalog)
            state = entry.state
            if state is State.UNTRANSLATED:
                raise L10nError(f"nothing to approve yet: {target.msgid[:40]!r} is untranslated")
            if state is State.APPROVED:
                return "already approved"
            _check_placeholders(target.msgid, entry.text)
            if state is State.REVIEWED:
                first = catalogs.who(State.REVIEWED, entry)
                if first is not None and first.same_person(reviewer):
                    raise L10nError(f"{reviewer} reviewed this entry: a second reviewer must approve it")
                if first is not None:
                    entry.mark_approved(edit.event(entry, "approve", entry.text, entry.text))
                    return State.APPROVED.value
                # Nobody is on record for the first review: this approval is the first.
            entry.mark_reviewed(edit.event(entry, "review", entry.text, entry.text))
            return State.REVIEWED.value

        outcomes.append(catalogs.edit(target.language, target.article, change, reviewer).result or "")
    return outcomes


def _check_placeholders(source: str, text: str) -> None:
    try:
        validate_placeholders(source, text)
    except PlaceholderError as exc:
        raise L10nError(f"the text breaks the placeholders: {exc}") from None


def edit(catalogs: Catalogs, target: Target, text: str, reviewer: Identity) -> str:
    text = text.strip()
    if not text:
        raise L10nError("an empty translation: use reject to send an entry back")
    _check_placeholders(target.msgid, text)

    def change(edit: Edit) -> str:
        entry = target.find(edit.catalog)
        old = entry.text
        entry.set_text(text)
        entry.mark_reviewed(edit.event(entry, "edit", old, text))
        return "edited"

    return catalogs.edit(target.language, target.article, change, reviewer).result or ""


def reject(catalogs: Catalogs, target: Target, note: str, reviewer: Identity) -> str:
    if not note.strip():
        raise L10nError("a rejection needs a note for the next translator (--note)")

    def change(edit: Edit) -> str:
        entry = target.find(edit.catalog)
        if not entry.text:
            raise L10nError(f"nothing to reject: {target.msgid[:40]!r} is untranslated")
        entry.mark_rejected(edit.event(entry, "reject", entry.text, entry.text, note), note)
        return State.REJECTED.value

    return catalogs.edit(target.language, target.article, change, reviewer).result or ""


def assign(
    catalogs: Catalogs, targets: list[Target], assignee: str, reviewer: Identity, action: str = "assign"
) -> None:
    for target in targets:

        def change(edit: Edit, target: Target = target) -> None:
            entry = target.find(edit.catalog)
            edit.event(entry, action, note=assignee)

        catalogs.edit(target.language, target.article, change, reviewer)


# -- the queue -------------------------------------------------------------------------------


def build_queue(
    catalogs: Catalogs,
    glossary: Glossary,
    languages: list[str],
    articles: list[str],
    assignee: str | None = None,
) -> list[QueueItem]:
    project = catalogs.project
    matcher = Matcher(glossary)
    items = []
    for language in languages:
        latest = catalogs.store.latest_drafts(language)
        for article in articles:
            catalog = catalogs.read(language, article)
            if catalog is None:
                continue
            assigned = catalogs.store.assignments(language, article)
            drafts = catalogs.store.drafts_of(language, article)
            for entry in catalog.active():
                if not entry.state.awaiting_review:
                    continue
                if assignee is not None and assigned.get(entry.key, "") != assignee:
                    continue
                draft = drafts.get((entry.key, entry.machine)) if entry.machine else None
                draft = draft or latest.get(entry.key)
                item = QueueItem(
                    id=entry_id(language, article, entry.msgctxt, entry.msgid),
                    language=language,
                    article=article,
                    ref=f"{project.relative(project.po_path(language, article))}:{entry.line}",
                    msgctxt=entry.msgctxt,
                    msgid=entry.msgid,
                    text=entry.text,
                    state=entry.state.value,
                    assignee=assigned.get(entry.key, ""),
                    machine_draft=draft.text if draft else "",
                    quality=draft.quality if draft else None,
                    priority=project.config.article_priority.get(article, 0),
                    waiting_since=draft.created_at if draft else "",
                    tm=tm_shown(entry),
                )
                unit = entry_unit(entry, glossary, matcher)
                failures = _add_reasons(item, entry, unit)
                estimated = item.quality if entry.is_machine_draft and item.quality is not None else None
                if estimated is None:  # not estimated yet, or a person's text: from its signals
                    estimated = risk.quality(risk.signals(entry.msgid, entry.text, unit, failures=failures))
                item.risk = round(1 - estimated, 3)
                items.append(item)
    return sorted(items, key=QueueItem.order)


def tm_shown(entry: Entry) -> dict | None:
    if entry.tm is None:
        return None
    from l10n.tm.match import word_diff

    return {
        "score": entry.tm.score,
        "source": entry.tm.source,
        "target": entry.tm.target,
        "diff": word_diff(entry.tm.source, entry.msgid),
    }


def _add_reasons(item: QueueItem, entry: Entry, unit: Unit) -> list[Failure]:
    rejected = entry.current_mark(State.REJECTED)
    if rejected is not None:
        item.reasons.append(f"{State.REJECTED}: {rejected.note}" if rejected.note else State.REJECTED.value)
    failures = run_checks(entry.msgid, entry.text, unit)
    for failure in failures:
        item.reasons.append(f"{failure.check}: {failure.message}")
        if failure.check == "glossary":
            item.glossary_issues += 1
        elif failure.severity == "error":
            item.check_errors += 1
        else:
            item.check_warnings += 1
    if item.quality is not None and item.quality < LOW_QUALITY:
        item.reasons.append(f"low quality estimate {item.quality:.2f}")
    return failures
