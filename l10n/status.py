"""``l10n status``: entries per language, article and state, read from the PO files alone
(a listing writes nothing)."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

from l10n.fileio import signature
from l10n.model import WORKFLOW
from l10n.pofile import parse_catalog, read_po
from l10n.project import Project


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
    """One row per catalog. With a store, a catalog unchanged since its last count is not
    parsed again (the count lives in the local index, never in a tracked file)."""
    rows, fresh = [], {}
    for language in languages:
        for slug in slugs:
            path = project.po_path(language, slug)
            counts: Counter[str] = Counter()
            now = signature(path)
            if now is not None:
                key = f"states:{language}:{slug}"
                cached = json.loads(store.cached(key) or "{}") if store else {}
                if cached.get("signature") == now:
                    counts.update(cached["states"])
                else:
                    for entry in parse_catalog(read_po(path)).active():
                        counts[entry.state.value] += 1
                    fresh[key] = json.dumps({"signature": now, "states": counts})
            ordered = {state.value: counts[state.value] for state in WORKFLOW if counts[state.value]}
            rows.append(CatalogStatus(language, slug, ordered))
    if store is not None:
        store.cache(fresh)
    return rows
