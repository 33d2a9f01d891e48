"""Read-only access to the local index's cache table, for listings that want nothing else:
no history is read or brought up to date, and nothing heavier than sqlite3 is imported
(``l10n.store`` owns the index and writes it)."""

from __future__ import annotations

# Beside the index: rewritten whenever quality estimates change in the index alone.
LOCAL_QUALITIES = "local-qualities"
SCHEMA_VERSION = 6  # 1-3: the state store of l10n 0.1, replaced by the history; 6: draft notes


def _connect(project):
    import sqlite3

    path = project.state_dir / "index.db"
    if not path.is_file():
        return None
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=60)
    if db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
        db.close()
        return None
    return db


def cached_values(project, prefix: str) -> dict[str, str]:
    """The cache entries whose keys start with ``prefix``; empty when there is no usable
    index yet (the caller then computes, and stores through ``l10n.store``)."""
    import sqlite3

    try:
        db = _connect(project)
        if db is None:
            return {}
        try:
            rows = db.execute(
                "SELECT key, value FROM cache WHERE key >= ? AND key < ?", (prefix, prefix + "\uffff")
            )
            return dict(rows.fetchall())
        finally:
            db.close()
    except sqlite3.Error:
        return {}
