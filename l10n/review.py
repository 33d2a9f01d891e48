"""The review workflow: who is reviewing, which entry a reference names, the actions
(approve, edit, reject, assign, claim) and the queue of entries awaiting review."""

from __future__ import annotations

import hashlib
import re
import subprocess
from dataclasses import asdict, dataclass, field

import polib

from l10n import catalog, entries
from l10n.checks import Unit, run_checks
from l10n.documents.segment import PlaceholderError, validate_placeholders
from l10n.errors import L10nError
from l10n.glossary import Glossary
from l10n.glossary.matcher import Matcher
from l10n.project import Project
from l10n.store import Event, Key, now
from l10n.workspace import Changes, Workspace, entry_key

LOW_QUALITY = 0.45  # quality estimates below this rank an entry as risky


def reviewer_identity(project: Project, given: str | None) -> str:
    """--reviewer, else [review] reviewer in l10n.toml, else git's user."""
    if given and given.strip():
        return given.strip()
    if project.config.reviewer:
        return project.config.reviewer
    name = _git_config(project, "user.name")
    if name:
        email = _git_config(project, "user.email")
        return f"{name} <{email}>" if email else name
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

    def find(self, po: polib.POFile) -> polib.POEntry:
        for entry in po:
            if not entry.obsolete and (entry.msgctxt or "") == self.msgctxt and entry.msgid == self.msgid:
                return entry
        raise L10nError(f"the entry {self.msgid[:40]!r} is no longer in the catalog")


def resolve(project: Project, reference: str) -> Target:
    """An entry from its id (``fr:middle-corridor:1a2b3c4d``) or ``locales/fr/x.po:LINE``."""
    by_id = re.fullmatch(r"([A-Za-z_-]+):([A-Za-z0-9._-]+):([0-9a-f]{8})", reference)
    if by_id:
        language, article, _ = by_id.groups()
        path = project.po_path(language, article)
        for entry in _read(path):
            if (
                not entry.obsolete
                and entry_id(language, article, entry.msgctxt or "", entry.msgid) == reference
            ):
                return Target(language, article, entry.msgctxt or "", entry.msgid)
        raise L10nError(f"no entry with id {reference}", project.relative(path))
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
        for entry in _read(path):
            if not entry.obsolete and entry.linenum == line:
                return Target(language, article, entry.msgctxt or "", entry.msgid)
        raise L10nError("no entry starts on this line", project.relative(path), line)
    raise L10nError(
        f"not an entry reference: {reference!r} (use an id like fr:slug:1a2b3c4d or FILE.po:LINE)"
    )


def _read(path) -> polib.POFile:
    if not path.exists():
        raise L10nError("no such catalog", path)
    return catalog.read_catalog(path)


# -- actions ---------------------------------------------------------------------------------


def approve(workspace: Workspace, targets: list[Target], reviewer: str) -> list[str]:
    """First approval makes an entry reviewed; a second person's approval makes it approved."""
    outcomes = []
    for target in targets:

        def change(po: polib.POFile, changes: Changes, target=target) -> str:
            entry = target.find(po)
            state = entries.state(entry)
            at = now()
            if state == "untranslated":
                raise L10nError(f"nothing to approve yet: {target.msgid[:40]!r} is untranslated")
            if state == "approved":
                return "already approved"
            if state == "reviewed":
                first = entries.mark(entry, entries.REVIEWED)
                if first and first.who == reviewer:
                    raise L10nError(f"{reviewer} reviewed this entry: a second reviewer must approve it")
                entries.mark_approved(entry, reviewer, at)
                changes.events.append(
                    Event(target.key, "approve", reviewer, entry.msgstr, entry.msgstr, None, at)
                )
                return "approved"
            entries.mark_reviewed(entry, reviewer, at)
            changes.events.append(Event(target.key, "review", reviewer, entry.msgstr, entry.msgstr, None, at))
            return "reviewed"

        outcomes.append(workspace.edit(target.language, target.article, change, reviewer))
    return outcomes


def edit(workspace: Workspace, target: Target, text: str, reviewer: str) -> str:
    text = text.strip()
    if not text:
        raise L10nError("an empty translation: use reject to send an entry back")
    try:
        validate_placeholders(target.msgid, text)
    except PlaceholderError as exc:
        raise L10nError(f"the new text breaks the placeholders: {exc}") from None

    def change(po: polib.POFile, changes: Changes) -> str:
        entry = target.find(po)
        old = entry.msgstr
        entry.msgstr = text
        at = now()
        entries.mark_reviewed(entry, reviewer, at)
        changes.events.append(Event(target.key, "edit", reviewer, old, text, None, at))
        return "edited"

    return workspace.edit(target.language, target.article, change, reviewer)


def reject(workspace: Workspace, target: Target, note: str, reviewer: str) -> str:
    if not note.strip():
        raise L10nError("a rejection needs a note for the next translator (--note)")

    def change(po: polib.POFile, changes: Changes) -> str:
        entry = target.find(po)
        if not entry.msgstr:
            raise L10nError(f"nothing to reject: {target.msgid[:40]!r} is untranslated")
        at = now()
        entries.mark_rejected(entry, reviewer, at, note)
        changes.events.append(Event(target.key, "reject", reviewer, entry.msgstr, entry.msgstr, note, at))
        return "rejected"

    return workspace.edit(target.language, target.article, change, reviewer)


def assign(
    workspace: Workspace, targets: list[Target], assignee: str, reviewer: str, action: str = "assign"
) -> None:
    for target in targets:

        def change(po: polib.POFile, changes: Changes, target=target) -> None:
            target.find(po)
            changes.assign[target.key] = assignee
            changes.events.append(Event(target.key, action, reviewer, None, None, assignee, now()))

        workspace.edit(target.language, target.article, change, reviewer)


# -- the queue -------------------------------------------------------------------------------


@dataclass
class QueueItem:
    id: str
    language: str
    article: str
    ref: str  # file:line
    msgctxt: str
    msgid: str
    text: str
    state: str
    reasons: list[str] = field(default_factory=list)
    assignee: str = ""
    machine_draft: str = ""
    quality: float | None = None
    priority: int = 0
    waiting_since: str = ""
    glossary_issues: int = 0
    check_errors: int = 0
    check_warnings: int = 0

    def as_dict(self) -> dict:
        return asdict(self)

    def risk(self) -> tuple:
        """Smaller is riskier: glossary first, then failed checks and low quality estimates,
        then article priority, then age."""
        quality = self.quality if self.quality is not None else 1.0
        return (
            -min(self.glossary_issues, 1),
            -min(self.check_errors, 1),
            -(quality < LOW_QUALITY),
            -self.check_errors,
            -self.check_warnings,
            quality,
            -self.priority,
            self.waiting_since,
            self.article,
            self.ref,
        )


def build_queue(
    workspace: Workspace,
    glossary: Glossary,
    languages: list[str],
    articles: list[str],
    assignee: str | None = None,
) -> list[QueueItem]:
    project = workspace.project
    matcher = Matcher(glossary)
    items = []
    for language in languages:
        drafts = workspace.store.latest_drafts(language)
        for article in articles:
            path = project.po_path(language, article)
            if not path.exists():
                continue
            records = workspace.store.entry_records(language, article)
            for entry in catalog.read_catalog(path):
                if entry.obsolete or entries.state(entry) not in entries.AWAITING_REVIEW:
                    continue
                key = entry_key(language, article, entry)
                record = records.get(key)
                if assignee is not None and (record.assignee if record else "") != assignee:
                    continue
                items.append(_item(project, glossary, matcher, entry, key, record, drafts.get(key), path))
    return sorted(items, key=QueueItem.risk)


def _item(project, glossary, matcher, entry, key, record, draft, path) -> QueueItem:
    language, article, msgctxt, msgid = key
    unit = Unit(language, glossary, matcher, entries.unenforced_terms(entry))
    item = QueueItem(
        id=entry_id(language, article, msgctxt, msgid),
        language=language,
        article=article,
        ref=f"{project.relative(path)}:{entry.linenum}",
        msgctxt=msgctxt,
        msgid=msgid,
        text=entry.msgstr,
        state=entries.state(entry),
        assignee=record.assignee if record else "",
        machine_draft=draft.text if draft else "",
        quality=draft.quality if draft else None,
        priority=project.config.article_priority.get(article, 0),
        waiting_since=record.first_seen if record else "",
    )
    rejected = entries.mark(entry, entries.REJECTED)
    if item.state == "rejected" and rejected:
        item.reasons.append(f"rejected by {rejected.who}: {rejected.note}")
    for failure in run_checks(msgid, entry.msgstr, unit):
        item.reasons.append(f"{failure.check}: {failure.message}")
        if failure.check == "glossary":
            item.glossary_issues += 1
        elif failure.severity == "error":
            item.check_errors += 1
        else:
            item.check_warnings += 1
    if item.quality is not None and item.quality < LOW_QUALITY:
        item.reasons.append(f"low quality estimate {item.quality:.2f}")
    return item
