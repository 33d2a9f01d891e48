"""Counts of entries per language, article and state."""

from __future__ import annotations

import json
from collections import Counter

from l10n import catalog, entries
from l10n.project import Project


def summarize(project: Project, languages: list[str], slugs: list[str], store=None) -> list[dict]:
    """One row per catalog. With a store, a catalog unchanged since its last count is not
    read again."""
    from l10n.workspace import file_signature

    rows, fresh = [], {}
    for language in languages:
        for slug in slugs:
            path = project.po_path(language, slug)
            counts: Counter[str] = Counter()
            if path.exists():
                key, signature = f"states:{language}:{slug}", file_signature(path)
                cached = store.cached(key) if store else None
                if cached and cached.split("|", 1)[0] == signature:
                    counts.update(json.loads(cached.split("|", 1)[1]))
                else:
                    for entry in catalog.read_catalog(path):
                        if not entry.obsolete:
                            counts[entries.state(entry)] += 1
                    fresh[key] = f"{signature}|{json.dumps(dict(counts))}"
            rows.append(
                {
                    "language": language,
                    "article": slug,
                    "states": dict(sorted(counts.items())),
                    "total": sum(counts.values()),
                }
            )
    if store is not None:
        store.cache(fresh)
    return rows
