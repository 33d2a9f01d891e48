"""Counts of entries per language, article and state."""

from __future__ import annotations

from collections import Counter

from l10n import catalog, entries
from l10n.project import Project


def summarize(project: Project, languages: list[str], slugs: list[str]) -> list[dict]:
    rows = []
    for language in languages:
        for slug in slugs:
            path = project.po_path(language, slug)
            counts: Counter[str] = Counter()
            if path.exists():
                for entry in catalog.read_catalog(path):
                    if not entry.obsolete:
                        counts[entries.state(entry)] += 1
            rows.append(
                {
                    "language": language,
                    "article": slug,
                    "states": dict(sorted(counts.items())),
                    "total": sum(counts.values()),
                }
            )
    return rows
