"""The project's state store: an SQLite database in ``.l10n/state.db`` (WAL mode).

It keeps what PO files cannot: the machine's exact drafts (with engine, model and
glossary versions), every review event (who, when, old and new text), assignments, the
last state seen of every entry (to notice edits made in PO editors), quality estimates
and score snapshots. The schema is versioned (``PRAGMA user_version``) and migrated in
one transaction per step. This is the only module that runs SQL.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from l10n.errors import L10nError
from l10n.faults import checkpoint

MIGRATIONS = [
    # 1: drafts, review events, entry states, file signatures
    """
    CREATE TABLE drafts (
        id INTEGER PRIMARY KEY,
        language TEXT NOT NULL, article TEXT NOT NULL, msgctxt TEXT NOT NULL, msgid TEXT NOT NULL,
        text TEXT NOT NULL, engine TEXT NOT NULL, route TEXT NOT NULL,
        engine_version TEXT NOT NULL, glossary TEXT NOT NULL, created_at TEXT NOT NULL
    );
    CREATE INDEX drafts_by_entry ON drafts (language, article, msgctxt, msgid);
    CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        language TEXT NOT NULL, article TEXT NOT NULL, msgctxt TEXT NOT NULL, msgid TEXT NOT NULL,
        action TEXT NOT NULL, reviewer TEXT NOT NULL,
        old_text TEXT, new_text TEXT, note TEXT, at TEXT NOT NULL
    );
    CREATE INDEX events_by_entry ON events (language, article, msgctxt, msgid);
    CREATE TABLE entries (
        language TEXT NOT NULL, article TEXT NOT NULL, msgctxt TEXT NOT NULL, msgid TEXT NOT NULL,
        state TEXT NOT NULL, text TEXT NOT NULL, assignee TEXT NOT NULL DEFAULT '',
        first_seen TEXT NOT NULL, updated_at TEXT NOT NULL,
        PRIMARY KEY (language, article, msgctxt, msgid)
    );
    CREATE TABLE files (path TEXT PRIMARY KEY, signature TEXT NOT NULL);
    """,
    # 2: quality estimates of drafts, and score snapshots (history, append-only)
    """
    ALTER TABLE drafts ADD COLUMN quality REAL;
    ALTER TABLE drafts ADD COLUMN quality_detail TEXT;
    CREATE TABLE snapshots (
        id INTEGER PRIMARY KEY, taken_at TEXT NOT NULL, git_commit TEXT,
        glossary TEXT, engines TEXT NOT NULL, data TEXT NOT NULL
    );
    """,
    # 3: what l10n knows about a file as of a given signature, so unchanged files are skipped
    """
    CREATE TABLE cache (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)

Key = tuple[str, str, str, str]  # language, article, msgctxt, msgid


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class DraftRow:
    key: Key
    text: str
    engine: str
    route: str
    engine_version: str
    glossary: str
    created_at: str = ""
    quality: float | None = None
    id: int | None = None


@dataclass(frozen=True)
class Event:
    key: Key
    action: str  # review, approve, edit, reject, assign, claim, sync-edit, sync-review, sync-unreview
    reviewer: str
    old_text: str | None = None
    new_text: str | None = None
    note: str | None = None
    at: str = ""


@dataclass(frozen=True)
class EntryRecord:
    state: str
    text: str
    assignee: str
    first_seen: str
    updated_at: str


class Store:
    def __init__(self, path: Path):
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path, timeout=60, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise L10nError(f"state store unusable: {exc}", self.path) from None
        except OSError as exc:
            raise L10nError(f"cannot open the state store: {exc.strerror}", self.path) from None

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- schema ----------------------------------------------------------------------------

    @property
    def version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    def _migrate(self) -> None:
        current = self.version
        if current > SCHEMA_VERSION:
            raise L10nError(
                f"state store has schema {current}, newer than this l10n ({SCHEMA_VERSION})", self.path
            )
        for version in range(current, SCHEMA_VERSION):
            with self.transaction():
                # Re-check inside the write lock: another process may have migrated meanwhile.
                if self.version > version:
                    continue
                for statement in MIGRATIONS[version].split(";"):
                    if statement.strip():
                        self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version = {version + 1}")

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def integrity_check(self) -> str:
        return self.db.execute("PRAGMA integrity_check").fetchone()[0]

    # -- drafts ----------------------------------------------------------------------------

    def add_drafts(self, drafts: Iterable[DraftRow]) -> None:
        rows = [
            (*d.key, d.text, d.engine, d.route, d.engine_version, d.glossary, d.created_at or now())
            for d in drafts
        ]
        if not rows:
            return
        with self.transaction() as db:
            db.executemany(
                "INSERT INTO drafts (language, article, msgctxt, msgid, text, engine, route,"
                " engine_version, glossary, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                rows[:1],
            )
            checkpoint("store-mid-transaction")
            db.executemany(
                "INSERT INTO drafts (language, article, msgctxt, msgid, text, engine, route,"
                " engine_version, glossary, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                rows[1:],
            )

    def latest_drafts(self, language: str | None = None) -> dict[Key, DraftRow]:
        query = (
            "SELECT id, language, article, msgctxt, msgid, text, engine, route, engine_version, glossary,"
            " created_at, quality FROM drafts"
        )
        args: tuple = ()
        if language:
            query += " WHERE language = ?"
            args = (language,)
        found: dict[Key, DraftRow] = {}
        for row in self.db.execute(query + " ORDER BY id", args):
            key = tuple(row[1:5])
            found[key] = DraftRow(key, row[5], row[6], row[7], row[8], row[9], row[10], row[11], row[0])
        return found

    def set_quality(self, draft_id: int, quality: float, detail: str) -> None:
        with self.transaction() as db:
            db.execute(
                "UPDATE drafts SET quality = ?, quality_detail = ? WHERE id = ?", (quality, detail, draft_id)
            )

    # -- events ----------------------------------------------------------------------------

    def add_events(self, events: Iterable[Event]) -> None:
        rows = [(*e.key, e.action, e.reviewer, e.old_text, e.new_text, e.note, e.at or now()) for e in events]
        if rows:
            with self.transaction() as db:
                db.executemany(
                    "INSERT INTO events (language, article, msgctxt, msgid, action, reviewer, old_text,"
                    " new_text, note, at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                    rows,
                )

    def events(self, language: str | None = None) -> list[Event]:
        query = (
            "SELECT language, article, msgctxt, msgid, action, reviewer, old_text, new_text, note, at"
            " FROM events"
        )
        args: tuple = ()
        if language:
            query += " WHERE language = ?"
            args = (language,)
        return [Event(tuple(r[:4]), *r[4:]) for r in self.db.execute(query + " ORDER BY id", args)]

    # -- entry states ----------------------------------------------------------------------

    def entry_records(self, language: str, article: str) -> dict[Key, EntryRecord]:
        rows = self.db.execute(
            "SELECT language, article, msgctxt, msgid, state, text, assignee, first_seen, updated_at"
            " FROM entries WHERE language = ? AND article = ?",
            (language, article),
        )
        return {tuple(r[:4]): EntryRecord(*r[4:]) for r in rows}

    def put_entry_records(self, records: dict[Key, EntryRecord]) -> None:
        if records:
            with self.transaction() as db:
                db.executemany(
                    "INSERT OR REPLACE INTO entries (language, article, msgctxt, msgid, state, text,"
                    " assignee, first_seen, updated_at) VALUES (?,?,?,?,?,?,?,?,?)",
                    [
                        (*k, r.state, r.text, r.assignee, r.first_seen, r.updated_at)
                        for k, r in records.items()
                    ],
                )

    def assign(self, keys: Iterable[Key], assignee: str) -> None:
        with self.transaction() as db:
            db.executemany(
                "UPDATE entries SET assignee = ?"
                " WHERE language = ? AND article = ? AND msgctxt = ? AND msgid = ?",
                [(assignee, *k) for k in keys],
            )

    # -- files -----------------------------------------------------------------------------

    def file_signature(self, path: str) -> str | None:
        row = self.db.execute("SELECT signature FROM files WHERE path = ?", (path,)).fetchone()
        return row[0] if row else None

    def set_file_signature(self, path: str, signature: str) -> None:
        with self.transaction() as db:
            db.execute("INSERT OR REPLACE INTO files (path, signature) VALUES (?, ?)", (path, signature))

    # -- cache -----------------------------------------------------------------------------

    def cached(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM cache WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def cache(self, values: dict[str, str]) -> None:
        if values:
            with self.transaction() as db:
                db.executemany(
                    "INSERT OR REPLACE INTO cache (key, value) VALUES (?, ?)", list(values.items())
                )

    # -- snapshots -------------------------------------------------------------------------

    def add_snapshot(self, git_commit: str | None, glossary: str, engines: str, data: str) -> int:
        with self.transaction() as db:
            cursor = db.execute(
                "INSERT INTO snapshots (taken_at, git_commit, glossary, engines, data) VALUES (?,?,?,?,?)",
                (now(), git_commit, glossary, engines, data),
            )
            return cursor.lastrowid

    def snapshots(self) -> list[tuple]:
        return list(
            self.db.execute(
                "SELECT id, taken_at, git_commit, glossary, engines, data FROM snapshots ORDER BY id"
            )
        )


def open_store(project) -> Store:
    return Store(project.state_dir / "state.db")
