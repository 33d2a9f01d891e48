"""The project's store: the committed history (``l10n.history``) and a local SQLite index of
it in ``.l10n/index.db`` (git-ignored). This is the only module that runs SQL, with
``l10n.index_cache`` (read-only, for listings).

The index is a cache: it is brought up to date with the history files whenever they
changed (a git pull, another clone's merge, a hand edit), and deleted and rebuilt when it
is missing, from an older l10n, or corrupt. Nothing is lost by deleting it. It also keeps
what is only worth keeping on one machine: quality estimates and "unchanged since"
signatures that let commands skip files nobody touched.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from l10n import history
from l10n.errors import L10nError
from l10n.history import Draft, Event, Snapshot
from l10n.index_cache import LOCAL_QUALITIES, SCHEMA_VERSION, cached_values  # noqa: F401 (re-exported)
from l10n.model import Key, text_hash

SCHEMA = """
CREATE TABLE sources (path TEXT PRIMARY KEY, signature TEXT NOT NULL);
CREATE TABLE drafts (
    id TEXT NOT NULL, source TEXT NOT NULL, seq INTEGER NOT NULL,
    language TEXT NOT NULL, article TEXT NOT NULL, msgctxt TEXT NOT NULL, msgid TEXT NOT NULL,
    text TEXT NOT NULL, sha TEXT NOT NULL, kind TEXT NOT NULL, engine TEXT NOT NULL, route TEXT NOT NULL,
    version TEXT NOT NULL, glossary TEXT NOT NULL, unenforced TEXT NOT NULL, at TEXT NOT NULL,
    notes TEXT NOT NULL
);
CREATE INDEX drafts_by_entry ON drafts (language, article, msgctxt, msgid);
CREATE INDEX drafts_by_source ON drafts (source);
CREATE TABLE events (
    id TEXT NOT NULL, source TEXT NOT NULL, seq INTEGER NOT NULL,
    language TEXT NOT NULL, article TEXT NOT NULL, msgctxt TEXT NOT NULL, msgid TEXT NOT NULL,
    action TEXT NOT NULL, who TEXT NOT NULL, email TEXT NOT NULL,
    old TEXT, new TEXT, note TEXT, at TEXT NOT NULL
);
CREATE INDEX events_by_id ON events (id);
CREATE INDEX events_by_source ON events (source);
CREATE TABLE snapshots (
    id TEXT NOT NULL, source TEXT NOT NULL, seq INTEGER NOT NULL, at TEXT NOT NULL,
    git_commit TEXT, glossary TEXT, engines TEXT, data TEXT NOT NULL
);
CREATE TABLE quality (
    draft TEXT PRIMARY KEY, source TEXT NOT NULL, quality REAL NOT NULL, detail TEXT NOT NULL
);
CREATE TABLE cache (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
_DRAFT_COLUMNS = (
    "d.id, d.language, d.article, d.msgctxt, d.msgid, d.text, d.kind, d.engine, d.route, d.version,"
    " d.glossary, d.unenforced, d.at, q.quality, d.notes"
)
_EVENT_COLUMNS = "language, article, msgctxt, msgid, action, who, old, new, note, at, email, id"


def file_signature(path: Path) -> str:
    stat = path.stat()
    return f"{stat.st_ino}:{stat.st_size}:{stat.st_mtime_ns}"


class Store:
    def __init__(self, root: Path, index_path: Path, shown=str):
        self.root = Path(root)
        self.index_path = Path(index_path)
        self.shown = shown  # how a path is named in messages
        self.db = self._open()
        self.refresh()

    # -- the index file --------------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        try:
            self.index_path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise L10nError(
                f"cannot create the local index: {exc.strerror}", self.index_path.parent
            ) from None
        for attempt in range(2):
            try:
                db = sqlite3.connect(self.index_path, timeout=60, isolation_level=None)
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=NORMAL")
                version = db.execute("PRAGMA user_version").fetchone()[0]
                if version == SCHEMA_VERSION and db.execute("PRAGMA quick_check").fetchone()[0] == "ok":
                    return db
                if version == 0 and not db.execute("SELECT name FROM sqlite_master").fetchall():
                    with _transaction(db):
                        if db.execute("PRAGMA user_version").fetchone()[0] == 0:
                            for statement in SCHEMA.split(";"):
                                if statement.strip():
                                    db.execute(statement)
                            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                    self._local_qualities_changed()  # a new index holds none
                    return db
                db.close()
                reason = "from another version of l10n" if version != SCHEMA_VERSION else "damaged"
            except sqlite3.DatabaseError as exc:
                reason = f"unusable ({exc})"
            except OSError as exc:
                raise L10nError(f"cannot open the local index: {exc.strerror}", self.index_path) from None
            if attempt == 0:
                print(
                    f"warning: {self.shown(self.index_path)}: local index {reason};"
                    " rebuilding it from the history",
                    file=sys.stderr,
                )
                self._delete_index()
        raise L10nError("cannot rebuild the local index", self.shown(self.index_path))

    def _local_qualities_changed(self) -> None:
        """Rewrite the marker whose signature tells listings (``l10n.listings``) that
        quality estimates changed without any history file changing."""
        from l10n.fileio import atomic_write

        atomic_write(self.index_path.parent / LOCAL_QUALITIES, history.new_id())

    def _delete_index(self) -> None:
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                Path(str(self.index_path) + suffix).unlink()

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _write(self) -> contextlib.AbstractContextManager[sqlite3.Connection]:
        return _transaction(self.db)

    def integrity_check(self) -> str:
        return self.db.execute("PRAGMA integrity_check").fetchone()[0]

    # -- keeping up with the history ---------------------------------------------------------

    def history_files(self) -> list[Path]:
        folder = self.root / history.FOLDER
        if not folder.is_dir():
            return []
        return sorted([*folder.glob("*/*.jsonl"), *folder.glob(history.SNAPSHOTS)])

    def refresh(self) -> None:
        """Bring the index in line with the history files on disk."""
        try:
            known = dict(self.db.execute("SELECT path, signature FROM sources"))
            present = {}
            for path in self.history_files():
                relative = path.relative_to(self.root).as_posix()
                present[relative] = file_signature(path)
                if known.get(relative) != present[relative]:
                    self._ingest(path, relative)
            for gone in set(known) - set(present):
                with self._write() as db:
                    _forget(db, gone)
        except sqlite3.DatabaseError as exc:
            raise L10nError(f"local index unusable: {exc}; delete it", self.shown(self.index_path)) from None

    def _ingest(self, path: Path, relative: str) -> None:
        signature = file_signature(path)
        records = history.read(path, relative)
        parts = Path(relative).parts
        drafts, events, snapshots, qualities = [], [], [], []
        for seq, record in enumerate(records):
            kind = record.get("type")
            if kind == "snapshot":
                snap = history.snapshot_from(record)
                snapshots.append(
                    (snap.id, relative, seq, snap.taken_at, snap.git_commit, snap.glossary, snap.engines,
                     json.dumps(snap.data, ensure_ascii=False))
                )  # fmt: skip
                continue
            if len(parts) != 3:
                continue
            language, article = parts[1], Path(parts[2]).stem
            if kind == "quality":
                detail = json.dumps(record.get("detail") or {}, ensure_ascii=False)
                qualities.append(
                    (str(record.get("draft", "")), relative, float(record.get("quality", 0)), detail)
                )
            elif kind == "draft":
                d = history.draft_from(record, language, article)
                unenforced = json.dumps(list(d.unenforced), ensure_ascii=False)
                notes = json.dumps(
                    {"unknown": d.unknown, "fixes": d.fixes, "unfixed": d.unfixed}, ensure_ascii=False
                )
                drafts.append(
                    (d.id, relative, seq, *d.key, d.text, text_hash(d.text), d.kind, d.engine, d.route,
                     d.engine_version, d.glossary, unenforced, d.created_at, notes)
                )  # fmt: skip
            elif kind == "event":
                e = history.event_from(record, language, article)
                events.append(
                    (e.id, relative, seq, *e.key, e.action, e.reviewer, e.email,
                     e.old_text, e.new_text, e.note, e.at)
                )  # fmt: skip
        with self._write() as db:
            _forget(db, relative)
            db.executemany(f"INSERT INTO drafts VALUES ({','.join('?' * 17)})", drafts)
            db.executemany(f"INSERT INTO events VALUES ({','.join('?' * 14)})", events)
            db.executemany(f"INSERT INTO snapshots VALUES ({','.join('?' * 8)})", snapshots)
            db.executemany("INSERT OR REPLACE INTO quality VALUES (?, ?, ?, ?)", qualities)
            db.execute("INSERT OR REPLACE INTO sources VALUES (?, ?)", (relative, signature))

    # -- recording -------------------------------------------------------------------------

    def record(
        self,
        language: str,
        article: str,
        drafts: Iterable[Draft],
        events: Iterable[Event],
        durable: bool = True,
    ) -> Path | None:
        """Append drafts and events to the catalog's history (callers hold its lock); the
        file appended to. ``durable=False``: the caller syncs that file before it writes
        anything that refers to these records."""
        records = [history.draft_record(d) for d in drafts] + [history.event_record(e) for e in events]
        if not records:
            return None
        path = history.catalog_history(self.root, language, article)
        history.append(path, records, durable)
        self._ingest(path, path.relative_to(self.root).as_posix())
        return path

    def add_snapshot(self, git_commit: str | None, glossary: str, engines: str, data: str | dict) -> str:
        snapshot = Snapshot(
            history.new_id(), history.now(), git_commit, glossary, engines,
            json.loads(data) if isinstance(data, str) else data,
        )  # fmt: skip
        path = history.snapshots_history(self.root)
        history.append(path, [history.snapshot_record(snapshot)])
        self._ingest(path, path.relative_to(self.root).as_posix())
        return snapshot.id

    # -- drafts ----------------------------------------------------------------------------

    def _drafts(self, where: str, args: tuple) -> list[Draft]:
        rows = self.db.execute(
            f"SELECT {_DRAFT_COLUMNS} FROM drafts d LEFT JOIN quality q ON q.draft = d.id"
            f" WHERE {where} ORDER BY d.at, d.source, d.seq",
            args,
        )
        drafts = []
        for r in rows:
            notes = json.loads(r[14])
            drafts.append(
                Draft(
                    (r[1], r[2], r[3], r[4]), r[5], r[7], r[8], r[9], r[10],
                    tuple(json.loads(r[11])), r[6], r[12], r[0], r[13],
                    tuple(notes["unknown"]), tuple(notes["fixes"]), tuple(notes["unfixed"]),
                )
            )  # fmt: skip
        return drafts

    def latest_drafts(self, language: str | None = None, kind: str = "draft") -> dict[Key, Draft]:
        where, args = (
            ("d.kind = ?", (kind,))
            if language is None
            else ("d.kind = ? AND d.language = ?", (kind, language))
        )
        return {d.key: d for d in self._drafts(where, args)}

    def draft(self, key: Key, sha: str) -> Draft | None:
        """The latest draft of an entry whose text has this hash."""
        found = self._drafts(
            "d.language = ? AND d.article = ? AND d.msgctxt = ? AND d.msgid = ? AND d.sha = ?", (*key, sha)
        )
        return found[-1] if found else None

    def drafts_of(self, language: str, article: str) -> dict[tuple[Key, str], Draft]:
        """Every draft of a catalog by (entry, hash of its text)."""
        return {
            (d.key, text_hash(d.text)): d
            for d in self._drafts("d.language = ? AND d.article = ?", (language, article))
        }

    def set_quality(self, draft_id: str, quality: float, detail: str) -> None:
        self.set_qualities([(draft_id, quality, detail)])

    def set_qualities(self, estimates: list[tuple[str, float, str]], shared: bool = True) -> None:
        """Record quality estimates of drafts in the history of each draft's catalog (so a
        clone ranks its queue the same way), or only in the local index."""
        if not shared:
            with self._write() as db:
                db.executemany(
                    "INSERT OR REPLACE INTO quality VALUES (?, '', ?, ?)",
                    [(draft_id, quality, detail) for draft_id, quality, detail in estimates],
                )
            self._local_qualities_changed()
            return
        by_source: dict[str, list[dict]] = {}
        for draft_id, quality, detail in estimates:
            row = self.db.execute("SELECT source FROM drafts WHERE id = ?", (draft_id,)).fetchone()
            if row is None:
                continue
            record = {"v": history.VERSION, "type": "quality", "id": history.new_id(), "at": history.now()}
            record.update({"draft": draft_id, "quality": quality, "detail": json.loads(detail or "{}")})
            by_source.setdefault(row[0], []).append(record)
        for source, records in by_source.items():
            history.append(self.root / source, records)
            self._ingest(self.root / source, source)

    # -- events ----------------------------------------------------------------------------

    def events(self, language: str | None = None, article: str | None = None) -> list[Event]:
        query, args = f"SELECT {_EVENT_COLUMNS} FROM events", tuple[str, ...]()
        if language is not None:
            query, args = query + " WHERE language = ?", (language,)
            if article is not None:
                query, args = query + " AND article = ?", (language, article)
        return [
            Event((r[0], r[1], r[2], r[3]), r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11])
            for r in self.db.execute(query + " ORDER BY at, source, seq", args)
        ]

    def event(self, event_id: str) -> Event | None:
        if not event_id:
            return None
        row = self.db.execute(f"SELECT {_EVENT_COLUMNS} FROM events WHERE id = ?", (event_id,)).fetchone()
        if row is None:
            return None
        return Event((row[0], row[1], row[2], row[3]), *row[4:])

    def assignments(self, language: str, article: str) -> dict[Key, str]:
        found: dict[Key, str] = {}
        for event in self.events(language, article):
            if event.action in ("assign", "claim"):
                found[event.key] = event.note or ""
        return found

    # -- snapshots -------------------------------------------------------------------------

    def snapshots(self) -> list[tuple]:
        return [
            (r[0], r[1], r[2], r[3], r[4], r[5])
            for r in self.db.execute(
                "SELECT id, at, git_commit, glossary, engines, data FROM snapshots ORDER BY at, seq"
            )
        ]

    # -- local cache -----------------------------------------------------------------------

    def cached(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM cache WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def cache(self, values: dict[str, str]) -> None:
        if values:
            with self._write() as db:
                db.executemany(
                    "INSERT OR REPLACE INTO cache (key, value) VALUES (?, ?)", list(values.items())
                )


@contextlib.contextmanager
def _transaction(db: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _forget(db: sqlite3.Connection, source: str) -> None:
    for table in ("drafts", "events", "snapshots", "quality"):
        db.execute(f"DELETE FROM {table} WHERE source = ?", (source,))
    db.execute("DELETE FROM sources WHERE path = ?", (source,))


def open_store(project) -> Store:
    return Store(project.root, project.state_dir / "index.db", project.relative)
