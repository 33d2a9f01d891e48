"""Translation units and where they come from.

Two sources make a language's memory:

- every reviewed or approved entry of the project's catalogs (origin ``article:<slug>``),
  read from the PO files each time, so the memory never disagrees with them;
- units imported from TMX files (origin ``tmx:<file name>``), kept as committed text in
  ``tm/<lang>.jsonl``: one JSON record per line, only ever appended, each with an id made
  from its content, so that re-importing a file adds nothing and two clones' imports merge
  in git with the ``merge=union`` rule (``.gitattributes``) like the history. They are not
  in ``history/``: they belong to no catalog and no entry, and the history's readers
  expect one file per catalog.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from l10n import history
from l10n.fileio import file_lock
from l10n.model import State
from l10n.project import Project
from l10n.repository import Catalogs

FOLDER = "tm"


@dataclass(frozen=True)
class Unit:
    source: str
    target: str
    language: str
    origin: str  # article:<slug> or tmx:<file name>
    created: str = ""  # ISO 8601, UTC
    reviewer: str = ""  # "Name <email>"
    article: str = ""
    props: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def id(self) -> str:
        return unit_id(self.language, self.source, self.target)


def unit_id(language: str, source: str, target: str) -> str:
    return hashlib.sha1(f"{language}\x00{source}\x00{target}".encode()).hexdigest()[:12]


# -- the project's reviewed entries ----------------------------------------------------------


def project_units(catalogs: Catalogs, language: str, slugs: list[str] | None = None) -> list[Unit]:
    """Every reviewed or approved entry of the language, with who reviewed it and when."""
    units = []
    for slug in slugs if slugs is not None else catalogs.project.slugs():
        catalog = catalogs.read(language, slug)
        if catalog is None:
            continue
        for entry in catalog.active():
            if not entry.state.done or entry.po.msgid_plural:
                continue
            mark = entry.current_mark(State.REVIEWED) or entry.current_mark(State.APPROVED)
            event = catalogs.store.event(mark.event) if mark is not None else None
            who = catalogs.who(State.REVIEWED, entry) or catalogs.who(State.APPROVED, entry)
            units.append(
                Unit(
                    entry.msgid,
                    entry.text,
                    language,
                    f"article:{slug}",
                    event.at if event is not None else "",
                    str(who) if who is not None else "",
                    slug,
                )
            )
    return units


# -- imported units (committed) --------------------------------------------------------------


def imported_path(project: Project, language: str) -> Path:
    return project.inside(FOLDER, f"{language}.jsonl")


def imported_units(project: Project, language: str) -> list[Unit]:
    path = imported_path(project, language)
    units = []
    for record in history.read(path, project.relative(path)):
        if record.get("type") != "unit":
            continue
        units.append(
            Unit(
                str(record.get("source", "")),
                str(record.get("target", "")),
                language,
                str(record.get("origin", "")),
                str(record.get("created", "")),
                str(record.get("reviewer", "")),
                str(record.get("article", "")),
                {str(k): str(v) for k, v in (record.get("props") or {}).items()},
            )
        )
    return units


def add_imported(project: Project, language: str, units: list[Unit]) -> int:
    """Append the units not already stored; returns how many were new."""
    path = imported_path(project, language)
    with file_lock(project.lock_path(path)):
        known = {u.id for u in imported_units(project, language)}
        records = []
        for unit in units:
            if unit.id in known:
                continue
            known.add(unit.id)
            records.append(
                {
                    "v": history.VERSION,
                    "type": "unit",
                    "id": unit.id,
                    "at": history.now(),
                    "source": unit.source,
                    "target": unit.target,
                    "origin": unit.origin,
                    "created": unit.created,
                    "reviewer": unit.reviewer,
                    "article": unit.article,
                    "props": unit.props,
                }
            )
        history.append(path, records)
    return len(records)


def language_units(catalogs: Catalogs, language: str) -> list[Unit]:
    """The whole memory of a language: the project's reviewed entries, then imports."""
    return project_units(catalogs, language) + imported_units(catalogs.project, language)
