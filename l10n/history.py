"""The project's history: what the machine drafted and what people did, as committed text.

One JSON Lines file per catalog (``history/<lang>/<article>.jsonl``) and one for score
snapshots (``history/snapshots.jsonl``). Lines are only ever appended, each a whole record
with a unique id, so two clones that worked on different entries merge in git without a
conflict under the ``merge=union`` rule that ``l10n init`` writes to ``.gitattributes``
(the order of lines does not matter: readers sort by time and id).

Appends are single ``write`` calls of whole lines on a file opened for appending, made
under the catalog's lock. A crash can leave at most a torn last line: readers skip it with
a warning, and the next append starts on a fresh line. Conflict-marker lines left by a
merge are skipped the same way; nothing else in the file is lost.
"""

from __future__ import annotations

import json
import os
import sys
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from l10n.errors import L10nError
from l10n.model import Key

VERSION = 1
FOLDER = "history"
SNAPSHOTS = "snapshots.jsonl"
GITATTRIBUTES = "history/**/*.jsonl merge=union\nhistory/*.jsonl merge=union\ntm/*.jsonl merge=union\n"
_CONFLICT_MARKERS = ("<<<<<<<", "=======", ">>>>>>>", "|||||||")


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def new_id() -> str:
    return uuid.uuid4().hex[:12]


@dataclass(frozen=True)
class Draft:
    """A machine translation exactly as the engine (and glossary enforcement) produced it."""

    key: Key
    text: str
    engine: str
    route: str = ""
    engine_version: str = ""
    glossary: str = ""
    unenforced: tuple[str, ...] = ()
    kind: str = "draft"  # or "suggestion": beside a person's text for a changed source
    created_at: str = ""
    id: str = ""
    quality: float | None = None  # quality estimate, from the local index (not history)
    unknown: tuple[str, ...] = ()  # words the engine marked as unknown: "*counterparts"
    fixes: tuple[str, ...] = ()  # automatic fix rules applied after the engine: "amounts"
    unfixed: tuple[str, ...] = ()  # rules that did not apply cleanly: "amounts: …"


@dataclass(frozen=True)
class Event:
    """Something a person (or l10n on their behalf) did to an entry."""

    key: Key
    action: str  # review, approve, edit, reject, assign, claim, carry, sync-edit, sync-review, …
    reviewer: str
    old_text: str | None = None
    new_text: str | None = None
    note: str | None = None
    at: str = ""
    email: str = ""
    id: str = ""


@dataclass(frozen=True)
class Snapshot:
    id: str
    taken_at: str
    git_commit: str | None
    glossary: str
    engines: str
    data: dict[str, Any] = field(default_factory=dict)


# -- writing ---------------------------------------------------------------------------------


def catalog_history(root: Path, language: str, article: str) -> Path:
    return root / FOLDER / language / f"{article}.jsonl"


def snapshots_history(root: Path) -> Path:
    return root / FOLDER / SNAPSHOTS


def draft_record(draft: Draft) -> dict[str, Any]:
    return {
        "v": VERSION,
        "type": "draft",
        "id": draft.id or new_id(),
        "at": draft.created_at or now(),
        "msgctxt": draft.key[2],
        "msgid": draft.key[3],
        "text": draft.text,
        "kind": draft.kind,
        "engine": draft.engine,
        "route": draft.route,
        "version": draft.engine_version,
        "glossary": draft.glossary,
        "unenforced": list(draft.unenforced),
        "unknown": list(draft.unknown),
        "fixes": list(draft.fixes),
        "unfixed": list(draft.unfixed),
    }


def event_record(event: Event) -> dict[str, Any]:
    record = {
        "v": VERSION,
        "type": "event",
        "id": event.id or new_id(),
        "at": event.at or now(),
        "msgctxt": event.key[2],
        "msgid": event.key[3],
        "action": event.action,
        "who": event.reviewer,
        "email": event.email,
    }
    for name, value in (("old", event.old_text), ("new", event.new_text), ("note", event.note)):
        if value is not None:
            record[name] = value
    return record


def snapshot_record(snapshot: Snapshot) -> dict[str, Any]:
    return {
        "v": VERSION,
        "type": "snapshot",
        "id": snapshot.id,
        "at": snapshot.taken_at,
        "git_commit": snapshot.git_commit,
        "glossary": snapshot.glossary,
        "engines": snapshot.engines,
        "data": snapshot.data,
    }


def append(path: Path, records: list[dict[str, Any]], durable: bool = True) -> None:
    """Append whole lines (one ``write``), starting on a fresh line after a torn one.
    ``durable=False``: the caller syncs the file itself before it depends on it (a write
    group syncs many files at once)."""
    if not records:
        return
    data = "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records).encode()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o666)
    except OSError as exc:
        raise L10nError(f"cannot write the history: {exc.strerror}", path) from None
    try:
        size = os.fstat(fd).st_size
        if size and _last_byte(path) != b"\n":
            data = b"\n" + data
        os.write(fd, data)
        if durable:
            os.fsync(fd)
    except OSError as exc:
        raise L10nError(f"cannot write the history: {exc.strerror}", path) from None
    finally:
        os.close(fd)


def _last_byte(path: Path) -> bytes:
    with open(path, "rb") as handle:
        handle.seek(-1, os.SEEK_END)
        return handle.read(1)


# -- reading ---------------------------------------------------------------------------------


def read(path: Path, shown: str | None = None, warn: bool = True) -> list[dict[str, Any]]:
    """The records of a history file, in file order. Torn lines and merge-conflict markers
    are skipped with a warning; a record from a newer l10n is an error."""
    shown = shown or str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise L10nError(f"cannot read the history: {exc.strerror}", shown) from None
    records = []
    for number, raw in enumerate(data.split(b"\n"), start=1):
        line = raw.strip()
        if not line:
            continue
        problem = None
        try:
            record = json.loads(line.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            record = None
            text = line.decode("utf-8", "replace")
            problem = (
                "merge conflict marker skipped"
                if text.startswith(_CONFLICT_MARKERS)
                else "unreadable line skipped (torn by a crash?)"
            )
        if record is not None and not (isinstance(record, dict) and isinstance(record.get("v"), int)):
            problem, record = "not a history record, skipped", None
        if problem:
            if warn:
                print(f"warning: {shown}:{number}: {problem}", file=sys.stderr)
            continue
        assert record is not None
        if record["v"] > VERSION:
            raise L10nError(
                f"history record of format {record['v']}, newer than this l10n ({VERSION}): upgrade l10n",
                shown,
                number,
            )
        records.append(record)
    return records


def draft_from(record: dict[str, Any], language: str, article: str) -> Draft:
    return Draft(
        key=(language, article, str(record.get("msgctxt", "")), str(record.get("msgid", ""))),
        text=str(record.get("text", "")),
        engine=str(record.get("engine", "unknown")),
        route=str(record.get("route", "")),
        engine_version=str(record.get("version", "")),
        glossary=str(record.get("glossary", "")),
        unenforced=tuple(str(t) for t in record.get("unenforced", []) or []),
        kind=str(record.get("kind", "draft")),
        created_at=str(record.get("at", "")),
        id=str(record.get("id", "")),
        unknown=_strings(record.get("unknown")),
        fixes=_strings(record.get("fixes")),
        unfixed=_strings(record.get("unfixed")),
    )


def _strings(value: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in value) if isinstance(value, list) else ()


def event_from(record: dict[str, Any], language: str, article: str) -> Event:
    return Event(
        key=(language, article, str(record.get("msgctxt", "")), str(record.get("msgid", ""))),
        action=str(record.get("action", "")),
        reviewer=str(record.get("who", "")),
        old_text=record.get("old"),
        new_text=record.get("new"),
        note=record.get("note"),
        at=str(record.get("at", "")),
        email=str(record.get("email", "")),
        id=str(record.get("id", "")),
    )


def snapshot_from(record: dict[str, Any]) -> Snapshot:
    return Snapshot(
        id=str(record.get("id", "")),
        taken_at=str(record.get("at", "")),
        git_commit=record.get("git_commit"),
        glossary=str(record.get("glossary", "")),
        engines=str(record.get("engines", "")),
        data=record.get("data") or {},
    )
