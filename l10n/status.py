"""``l10n status``: entries per language, article and state, read from the PO files alone
(a listing writes nothing that git tracks).

A catalog's counts are kept in the local index under its file signature, so a listing of
catalogs nobody touched reads one table and stats each file: no PO file is parsed, the
history is not brought up to date, and the PO parser is not even imported.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field

from l10n.project import Project

# The workflow order of states (l10n.model.WORKFLOW, which needs polib to import).
ORDER = ("untranslated", "machine-draft", "needs-review", "rejected", "reviewed", "approved")
PREFIX = "states:"


@dataclass
class CatalogStatus:
    language: str
    article: str
    states: dict[str, int] = field(default_factory=dict)  # in workflow order

    @property
    def total(self) -> int:
        return sum(self.states.values())

    def as_dict(self) -> dict:
        return {
            "language": self.language,
            "article": self.article,
            "states": self.states,
            "total": self.total,
        }


def summarize(project: Project, languages: list[str], slugs: list[str], store=None) -> list[CatalogStatus]:
    """One row per catalog. Counts cached in the local index (``store``, or read directly)
    are used while the file's signature is unchanged; fresh counts are stored."""
    from l10n.index_cache import cached_values

    known = cached_values(project, PREFIX) if store is None else None
    rows, fresh = [], {}
    locales = project.locales_dir
    for language in languages:
        for slug in slugs:
            now = _signature(locales / language / f"{slug}.po")
            counts: dict[str, int] = {}
            if now is not None:
                key = f"{PREFIX}{language}:{slug}"
                value = known.get(key) if known is not None else store.cached(key)
                cached = json.loads(value) if value else {}
                if cached.get("signature") == now:
                    counts = cached["states"]
                else:
                    counts = _count(project, language, slug)
                    fresh[key] = json.dumps({"signature": now, "states": counts})
            ordered = {state: counts[state] for state in ORDER if counts.get(state)}
            rows.append(CatalogStatus(language, slug, ordered))
    if fresh:
        _remember(project, store, fresh)
    return rows


def _signature(path) -> str | None:
    try:
        stat = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    return f"{stat.st_ino}:{stat.st_size}:{stat.st_mtime_ns}"


def _count(project: Project, language: str, slug: str) -> dict[str, int]:
    from l10n.pofile import parse_catalog, read_po

    counts: dict[str, int] = {}
    for entry in parse_catalog(read_po(project.po_path(language, slug))).active():
        counts[entry.state.value] = counts.get(entry.state.value, 0) + 1
    return counts


def _remember(project: Project, store, fresh: dict[str, str]) -> None:
    if store is not None:
        store.cache(fresh)
        return
    from l10n.store import open_store

    with open_store(project) as own:
        own.cache(fresh)
