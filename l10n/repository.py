"""The project's catalogs: reading entries over languages × articles, and the one way to
change a PO file.

``Catalogs.edit(language, article, change)`` holds the file's lock, reads it, records what
people changed in a PO editor since l10n last wrote it, applies ``change``, appends the
history (before the PO file, so that a crash never leaves a mark in a PO file whose event
is missing), and puts the new file in place only if nobody saved it meanwhile; if someone
did, their file is read again and ``change`` applied to it. ``change`` is a function, not
the body of a ``with`` block, because of that retry.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

import polib

from l10n import history, pofile
from l10n.errors import L10nError
from l10n.fileio import WriteGroup, file_lock, replace_if_unchanged, signature
from l10n.history import Draft, Event
from l10n.model import EDITED, Entry, Provenance, State, text_hash
from l10n.pofile import Catalog
from l10n.project import Project
from l10n.store import Store, open_store

T = TypeVar("T")
ATTEMPTS = 8
MERGE_ROUNDS = 50
UNKNOWN = "unknown"


@dataclass(frozen=True)
class Identity:
    """Who did something: accountability, not authentication."""

    name: str
    email: str = ""

    @classmethod
    def parse(cls, text: str) -> Identity:
        text = " ".join(text.split())
        if text.endswith(">") and "<" in text:
            name, _, email = text[:-1].rpartition("<")
            return cls(name.strip() or email.strip(), email.strip())
        return cls(text)

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>" if self.email else self.name

    def same_person(self, other: Identity) -> bool:
        if self.email and other.email:
            return self.email.lower() == other.email.lower()
        return self.name.casefold() == other.name.casefold()


def event_identity(event: Event) -> Identity:
    return Identity(event.reviewer, event.email)


@dataclass
class Edit:
    """What a change function works on: the catalog, and the history it adds to."""

    catalog: Catalog
    identity: Identity
    drafts: list[Draft] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    _ids: list[str] = field(default_factory=list)  # reused when the change is applied again

    def event(
        self,
        entry: Entry,
        action: str,
        old: str | None = None,
        new: str | None = None,
        note: str | None = None,
        who: Identity | None = None,
    ) -> str:
        who = who or self.identity
        event_id = self._ids.pop(0) if self._ids else history.new_id()
        self.events.append(
            Event(entry.key, action, who.name, old, new, note, history.now(), who.email, event_id)
        )
        return event_id

    def draft(
        self,
        entry: Entry,
        text: str,
        provenance: Provenance,
        unenforced=(),
        kind="draft",
        unknown=(),
        fixes=(),
        unfixed=(),
    ) -> None:
        self.drafts.append(
            Draft(
                entry.key, text, provenance.engine, provenance.route, provenance.version,
                provenance.glossary, tuple(unenforced), kind, history.now(),
                self._ids.pop(0) if self._ids else history.new_id(),
                unknown=tuple(unknown), fixes=tuple(fixes), unfixed=tuple(unfixed),
            )
        )  # fmt: skip


@dataclass(frozen=True)
class Change:
    """One catalog's change for :meth:`Catalogs.edit_all`."""

    language: str
    article: str
    change: Callable[[Edit], Any]
    create: Callable[[], polib.POFile] | None = None
    identity: Identity | None = None
    sync_as: Identity | None = None


@dataclass
class Edited(Generic[T]):
    result: T | None
    written: bool = False  # the PO file was replaced
    events: list[Event] = field(default_factory=list)
    before: str | None = None  # signatures of the file as read and as left
    after: str | None = None


@dataclass
class _Attempt:
    """A change applied in memory and its history appended; ``edited`` when no write is
    needed, else the text to put in place of the file as read (``before``/``old_text``)."""

    edited: Edited | None
    before: str | None = None
    old_text: str | None = None
    ours: str = ""
    result: Any = None
    events: list[Event] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    history: Path | None = None


class Catalogs:
    def __init__(self, project: Project, store: Store | None = None):
        self.project = project
        self.store = store or open_store(project)
        self._leftovers: dict[Path, set[str]] = {}  # folder → temporary files seen there

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Catalogs:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading ---------------------------------------------------------------------------

    def read(self, language: str, article: str) -> Catalog | None:
        path = self.project.po_path(language, article)
        if not path.exists():
            return None
        return pofile.parse_catalog(pofile.read_po(path), language, article)

    def entries(self, languages: list[str], articles: list[str]) -> Iterator[tuple[Catalog, Entry]]:
        """Every active entry of the selected catalogs, with its catalog."""
        for language in languages:
            for article in articles:
                catalog = self.read(language, article)
                if catalog is None:
                    continue
                for entry in catalog.active():
                    yield catalog, entry

    def machine_draft(self, entry: Entry) -> Draft | None:
        """The stored draft the entry's machine text came from (even after a person edited
        it), else the latest draft of the entry."""
        if entry.machine:
            found = self.store.draft(entry.key, entry.machine)
            if found is not None:
                return found
        return self.store.latest_drafts(entry.language).get(entry.key)

    def who(self, state: State, entry: Entry) -> Identity | None:
        """Who gave the entry its current review, approval or rejection; None when the
        history does not say."""
        mark = entry.current_mark(state)
        if mark is None:
            return None
        if mark.who:
            return Identity.parse(mark.who)
        event = self.store.event(mark.event)
        return event_identity(event) if event is not None else None

    # -- writing ---------------------------------------------------------------------------

    def edit(
        self,
        language: str,
        article: str,
        change: Callable[[Edit], T],
        identity: Identity | None = None,
        create: Callable[[], polib.POFile] | None = None,
        sync_as: Identity | None = None,
    ) -> Edited[T]:
        return self.edit_all([Change(language, article, change, create, identity, sync_as)])[0]

    def edit_all(self, changes: Sequence[Change], also: dict[Path, str] | None = None) -> list[Edited]:
        """:meth:`edit` for several catalogs at once, with one sync pass for all their
        files (a :class:`~l10n.fileio.WriteGroup`), and ``also``: other files (templates)
        replaced in the same group. Each catalog's lock is taken in path order, so that
        two processes never wait on each other in a circle, and held until its file is in
        place; a catalog someone saved meanwhile is merged or redone on its own."""
        order = sorted(range(len(changes)), key=lambda i: self._path(changes[i]).as_posix())
        done: dict[int, Edited] = {}
        staged: list[tuple[int, _Attempt]] = []
        with contextlib.ExitStack() as locks:
            group = WriteGroup()
            try:
                for path, data in (also or {}).items():
                    group.add(path, data)
                for i in order:
                    path = self._path(changes[i])
                    locks.enter_context(file_lock(self.project.lock_path(path)))
                    self._sweep_temporaries(path)
                    attempt = self._attempt(changes[i], [], durable=False)
                    if attempt.history is not None:
                        group.keep(attempt.history)
                    if attempt.edited is not None:
                        done[i] = attempt.edited
                        continue
                    group.add(path, attempt.ours, attempt.before)
                    staged.append((i, attempt))
                placed = group.commit()[len(also or {}) :]
            finally:
                group.discard()
            for (i, attempt), ok in zip(staged, placed, strict=True):
                done[i] = self._finish(changes[i], attempt, ok)
        return [done[i] for i in range(len(changes))]

    def _path(self, change: Change) -> Path:
        return self.project.po_path(change.language, change.article)

    def _attempt(self, change: Change, ids: list[str], durable: bool) -> _Attempt:
        """Read the catalog, apply ``change`` and append its history (the caller holds the
        lock); the text to write, unless nothing but dates would change."""
        path = self._path(change)
        before = signature(path)
        if before is None and change.create is None:
            return _Attempt(Edited(None))
        po = pofile.read_po(path) if before else change.create()  # type: ignore[misc]
        old_text = path.read_text(encoding="utf-8") if before else None
        catalog = pofile.parse_catalog(po, change.language, change.article)
        edit = Edit(catalog, change.identity or Identity(UNKNOWN), _ids=list(ids))
        _import_legacy_drafts(edit, self.store)
        record_outside_edits(edit, self.store, change.sync_as or _last_translator(po))
        result = change.change(edit)
        ids = [d.id for d in edit.drafts] + [e.id for e in edit.events]
        catalog.render_entries()  # serialized once, below: it is a third of a write's cost
        if old_text is not None and pofile.same_but_dates(po, old_text):
            history = self.store.record(change.language, change.article, edit.drafts, edit.events, durable)
            return _Attempt(Edited(result, False, edit.events, before, before), history=history)
        po.metadata["PO-Revision-Date"] = pofile.po_date()
        history = self.store.record(change.language, change.article, edit.drafts, edit.events, durable)
        return _Attempt(
            None, before, old_text, pofile.serialize(po), result, edit.events, ids, history
        )  # fmt: skip

    def _finish(self, change: Change, attempt: _Attempt, placed: bool) -> Edited:
        """The catalog's write after its group: done, or merged with a save made meanwhile,
        or (when that cannot be merged) the change applied again to the saved file."""
        path = self._path(change)
        for _ in range(ATTEMPTS):
            if placed or _put(path, attempt.old_text, attempt.ours, attempt.before):
                after = signature(path)
                self._carry_cache(f"extract:{change.language}:{change.article}", attempt.before, after)
                return Edited(attempt.result, True, attempt.events, attempt.before, after)
            attempt = self._attempt(change, attempt.ids, durable=True)
            if attempt.edited is not None:
                return attempt.edited
        raise L10nError("kept changing while l10n tried to update it; try again", self.project.relative(path))

    def _sweep_temporaries(self, path: Path) -> None:
        """Remove what a crashed write of l10n's left beside the file (``.<name>.XXXX.tmp``):
        under the file's lock no other l10n process is writing one. Each folder is listed
        once per run (a glob per catalog made extracting 1,000 articles quadratic); one
        left by a crash during this run is swept by the next."""
        folder = path.parent
        names = self._leftovers.get(folder)
        if names is None:
            try:
                names = {n for n in os.listdir(folder) if n.startswith(".") and n.endswith(".tmp")}
            except OSError:
                names = set()
            self._leftovers[folder] = names
        prefix = f".{path.name}."
        for name in [n for n in names if n.startswith(prefix)]:
            names.discard(name)
            with contextlib.suppress(OSError):
                (folder / name).unlink()

    def _carry_cache(self, key: str, before: str | None, after: str | None) -> None:
        """A write of l10n's own keeps the catalog's msgids, so what was cached about the
        file as it was read still holds for the file as written."""
        value = self.store.cached(key)
        if value and before and after and value.endswith(f"|{before}"):
            self.store.cache({key: value[: -len(before)] + after})

    def sync(self, languages: list[str], articles: list[str], who: Identity | None = None) -> list[Event]:
        """Record edits made outside l10n; files l10n wrote last are skipped unread."""
        found: list[Event] = []
        for language in languages:
            for article in articles:
                path = self.project.po_path(language, article)
                key = f"synced:{language}:{article}"
                if not path.exists() or self.store.cached(key) == signature(path):
                    continue
                done = self.edit(language, article, lambda edit: None, sync_as=who)
                found += done.events
                if done.after:
                    self.store.cache({key: done.after})
        return found


def _put(path: Path, base: str | None, ours: str, expected: str | None) -> bool:
    """Replace the file with ``ours`` unless someone saved it since it was read as ``base``;
    a save that touched other entries than ours is merged in at once (PO editors save
    often, and redoing the whole change each time could lose the race for ever)."""
    for _ in range(MERGE_ROUNDS):
        if replace_if_unchanged(path, ours, expected):
            return True
        if base is None:
            return False
        expected = signature(path)
        try:
            theirs = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return False
        if signature(path) != expected:
            continue
        merged = pofile.merge_saved(base, ours, theirs)
        if merged is None:
            return False
        base, ours = theirs, merged
    return False


def _import_legacy_drafts(edit: Edit, store: Store) -> None:
    """A PO file written by l10n 0.1 names each draft's engine in the file; the history
    takes it over before the entry is written in today's form."""
    for entry in edit.catalog.active():
        provenance = entry.legacy_provenance
        if provenance is None or not entry.machine or not entry.is_machine_draft:
            continue
        if store.draft(entry.key, entry.machine) is None:
            edit.draft(entry, entry.text, provenance, entry.unenforced)


def _last_translator(po: polib.POFile) -> Identity:
    value = (po.metadata.get("Last-Translator") or "").strip()
    if not value or value.startswith("FULL NAME"):
        return Identity(UNKNOWN)
    return Identity.parse(value)


def record_outside_edits(edit: Edit, store: Store, who: Identity) -> None:
    """Events for what a person changed in a PO editor since l10n last wrote the file, with
    the marks that say l10n has seen it (so each change is recorded once)."""
    for entry in edit.catalog.active():
        if not entry.text:
            continue
        if entry.fuzzy:
            if entry.signed_off:
                edit.event(entry, "sync-unreview", entry.text, entry.text, who=who)
                entry.unmark_review()
            elif entry.is_machine_draft or entry.current_mark(State.REJECTED) or entry.current_mark(EDITED):
                continue
            else:
                old = _known_text(store, entry)
                entry.mark_edited(edit.event(entry, "sync-edit", old, entry.text, who=who))
        elif not entry.signed_off:
            old = _known_text(store, entry)
            unchanged = entry.machine == text_hash(entry.text) or entry.current_mark(EDITED) is not None
            action = "sync-review" if unchanged else "sync-edit"
            entry.mark_reviewed(edit.event(entry, action, old, entry.text, who=who))


def _known_text(store: Store, entry: Entry) -> str | None:
    if entry.machine:
        draft = store.draft(entry.key, entry.machine)
        if draft is not None:
            return draft.text
    return None


__all__ = ["Catalogs", "Change", "Edit", "Edited", "Identity", "State", "record_outside_edits"]
