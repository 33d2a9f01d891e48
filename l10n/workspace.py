"""A project with its state store: every write to a PO file goes through here, so that
edits made meanwhile in a PO editor are noticed and recorded before l10n's own change.

``edit(path, change)`` holds the file's lock, re-reads it, records what people changed
since l10n last looked (as review events, attributed to the given reviewer or to the
file's Last-Translator), applies the change, writes the file atomically, then stores the
events and the new state of every entry.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import polib

from l10n import catalog, entries
from l10n.project import Project
from l10n.store import DraftRow, EntryRecord, Event, Key, Store, now, open_store

T = TypeVar("T")


def entry_key(language: str, article: str, entry: polib.POEntry) -> Key:
    return (language, article, entry.msgctxt or "", entry.msgid)


def last_translator(po: polib.POFile) -> str:
    value = (po.metadata.get("Last-Translator") or "").strip()
    return "" if value.startswith("FULL NAME") else value


@dataclass
class Changes:
    """What one edit of a catalog produced, for the store."""

    events: list[Event] = field(default_factory=list)
    drafts: list[DraftRow] = field(default_factory=list)
    assign: dict[Key, str] = field(default_factory=dict)


class Workspace:
    def __init__(self, project: Project, store: Store | None = None):
        self.project = project
        self.store = store or open_store(project)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- editing ---------------------------------------------------------------------------

    def edit(
        self,
        language: str,
        article: str,
        change: Callable[[polib.POFile, Changes], T],
        reviewer: str | None = None,
        create: Callable[[], polib.POFile] | None = None,
    ) -> T | None:
        path = self.project.po_path(language, article)
        recorded: dict[str, object] = {}

        def apply(po: polib.POFile):
            recorded["read_signature"] = file_signature(path) if path.exists() else None
            changes = Changes()
            records = self.store.entry_records(language, article)
            changes.events += detect_edits(
                po, language, article, records, reviewer or last_translator(po) or "unknown"
            )
            result = change(po, changes)
            recorded["changes"] = changes
            recorded["records"] = current_records(po, language, article, records, changes.assign)
            return result

        result = catalog.edit_catalog(path, self.project.lock_path(path), apply, create=create)
        if "changes" in recorded:
            changes: Changes = recorded["changes"]
            self.store.add_drafts(changes.drafts)
            self.store.add_events(changes.events)
            self.store.put_entry_records(recorded["records"])
            signature = file_signature(path)
            self.store.set_file_signature(self.project.relative(path), signature)
            self._carry_cache(f"extract:{language}:{article}", recorded["read_signature"], signature)
        return result

    def _carry_cache(self, key: str, before: str | None, after: str) -> None:
        """A write of l10n's own keeps the catalog's msgids, so what was cached about the
        file as it was read still holds for the file as written."""
        value = self.store.cached(key)
        if value and before and value.endswith(f"|{before}") and before != after:
            self.store.cache({key: value[: -len(before)] + after})

    # -- syncing ---------------------------------------------------------------------------

    def sync(self, languages: list[str], articles: list[str], reviewer: str | None = None) -> list[Event]:
        """Record edits made outside l10n since it last looked; files untouched since then
        are skipped without being parsed."""
        found: list[Event] = []
        for language in languages:
            for article in articles:
                path = self.project.po_path(language, article)
                if not path.exists():
                    continue
                if self.store.file_signature(self.project.relative(path)) == file_signature(path):
                    continue

                def nothing(po: polib.POFile, changes: Changes) -> list[Event]:
                    return changes.events

                found += self.edit(language, article, nothing, reviewer) or []
        return found


def file_signature(path: Path) -> str:
    stat = os.stat(path)
    return f"{stat.st_ino}:{stat.st_size}:{stat.st_mtime_ns}"


def detect_edits(
    po: polib.POFile, language: str, article: str, records: dict[Key, EntryRecord], who: str
) -> list[Event]:
    """Events for entries whose text or state changed since l10n last recorded them. An
    entry a person made reviewed (cleared fuzzy, edited) gets its review mark in the PO."""
    events = []
    at = now()
    for entry in po:
        if entry.obsolete:
            continue
        key = entry_key(language, article, entry)
        record = records.get(key)
        if record is None:
            continue  # first sight: nothing to compare with
        state = entries.state(entry)
        if record.text == entry.msgstr and record.state == state:
            continue
        if state == "reviewed":
            entries.mark_reviewed(entry, who, at)  # the person who did it, in the PO too
        if record.text != entry.msgstr:
            action = "sync-edit"
        elif state in ("reviewed", "approved"):
            action = "sync-review"
        elif state in entries.AWAITING_REVIEW and record.state in ("reviewed", "approved"):
            action = "sync-unreview"
        else:
            action = f"sync-{state}"
        events.append(Event(key, action, who, record.text, entry.msgstr, None, at))
    return events


def current_records(
    po: polib.POFile, language: str, article: str, old: dict[Key, EntryRecord], assign: dict[Key, str]
) -> dict[Key, EntryRecord]:
    at = now()
    records = {}
    for entry in po:
        if entry.obsolete:
            continue
        key = entry_key(language, article, entry)
        previous = old.get(key)
        state = entries.state(entry)
        assignee = assign.get(key, previous.assignee if previous else "")
        if (
            previous
            and previous.state == state
            and previous.text == entry.msgstr
            and previous.assignee == assignee
        ):
            continue
        first_seen = previous.first_seen if previous else at
        records[key] = EntryRecord(state, entry.msgstr, assignee, first_seen, at)
    return records
